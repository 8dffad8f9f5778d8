//! HTML pages saved from legal portals: the text without markup, entities decoded, scripts,
//! styles and navigation dropped, block elements as line breaks.

use scraper::{Html, Node};

use crate::text::Decoded;

/// Whether the bytes start like an HTML page (after a BOM, blanks and comments).
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let mut b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    loop {
        b = b.trim_ascii_start();
        if b.starts_with(b"<!--") {
            match memchr::memmem::find(b, b"-->") {
                Some(i) => b = &b[i + 3..],
                None => return false,
            }
        } else if b.starts_with(b"<?xml") {
            match memchr::memchr(b'>', b) {
                Some(i) => b = &b[i + 1..],
                None => return false,
            }
        } else {
            break;
        }
    }
    let head: Vec<u8> = b.iter().take(16).map(u8::to_ascii_lowercase).collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.starts_with(b"<head")
}

/// Elements whose content is not the document: code, styling, the portal's menus and frames.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
    "button", "select", "iframe", "svg", "object", "canvas",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "caption",
    "figure",
    "figcaption",
    "address",
    "center",
    "body",
];

/// The text of a decoded HTML page (the decoding's warnings kept).
pub fn read(d: Decoded) -> Decoded {
    let doc = Html::parse_document(&d.text);
    let mut out = String::with_capacity(d.text.len() / 3);
    walk(doc.tree.root(), &mut out, false);
    let text = tidy(&out);
    Decoded {
        text,
        encoding: d.encoding,
        warnings: d.warnings,
    }
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String, pre: bool) {
    match node.value() {
        Node::Text(t) => {
            if pre {
                out.push_str(t);
            } else {
                // runs of blanks (and the source's line wraps) are one space in HTML
                let mut last_space = out.ends_with([' ', '\n']);
                for c in t.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            out.push(' ');
                            last_space = true;
                        }
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
            }
        }
        Node::Element(e) => {
            let name = e.name();
            if DROPPED.contains(&name) {
                return;
            }
            let block = BLOCKS.contains(&name);
            if block {
                out.push('\n');
            }
            let pre = pre || name == "pre";
            for c in node.children() {
                walk(c, out, pre);
            }
            if block {
                out.push('\n');
            }
        }
        Node::Document | Node::Fragment => {
            for c in node.children() {
                walk(c, out, pre);
            }
        }
        _ => {}
    }
}

/// Lines trimmed, blank lines dropped: one line per block.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for l in s.lines() {
        let l = l.trim_matches([' ', '\u{a0}', '\t']);
        if !l.is_empty() {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_text() {
        let page = "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>\
            <nav>Trang chủ | Văn bản</nav><header>Cổng thông tin</header>\
            <div class=\"content\"><p>Căn cứ Nghị định số 04/2015/NĐ&#8209;CP ngày 09/01/2015\n   \
            của&nbsp;Chính phủ;</p><p>Thực hiện <b>Nghị quyết</b> số 25-NQ/TW &amp; khác</p>\
            <table><tr><td>SỐ: 08-NQ/ĐUK</td><td>Hà Nội</td></tr></table></div>\
            <script>var a = '<p>Nghị quyết số 99-NQ/TW</p>';</script><footer>© 2025</footer></body></html>";
        assert!(looks_like_html(page.as_bytes()));
        let d = read(crate::text::decode(page.as_bytes()));
        assert_eq!(
            d.text,
            "Căn cứ Nghị định số 04/2015/NĐ\u{2011}CP ngày 09/01/2015 của Chính phủ;\n\
             Thực hiện Nghị quyết số 25-NQ/TW & khác\nSỐ: 08-NQ/ĐUK\nHà Nội\n"
        );
        assert!(!looks_like_html(b"Nghi quyet <html>"));
    }
}
