//! The templates (embedded at compile time, HTML auto-escaped) and what they need: stable URLs
//! for documents and reports, and Vietnamese words for relations, conflict kinds and dates.

use std::sync::OnceLock;

use minijinja::{AutoEscape, Environment};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::extract::Relation;

/// What a key or a path keeps literally in a URL: letters, digits, `-._~@/` and a few more; the
/// rest (spaces, Vietnamese letters, `?#%\`…) is percent-encoded. Slashes stay slashes, so
/// `/documents/25-NQ/TW@2013` reads as the symbol does.
const IN_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'\'')
    .add(b'+')
    .add(b'&');

pub fn enc(s: &str) -> String {
    utf8_percent_encode(s, IN_PATH).to_string()
}

pub fn doc_url(key: &str) -> String {
    format!("/documents/{}", enc(key))
}

/// A report's page: its path in the archive, without a leading slash (absolute paths of an
/// index built from them are looked up both ways).
pub fn report_url(path: &str) -> String {
    format!("/reports/{}", enc(path.trim_start_matches('/')))
}

pub fn audit_url(key: &str) -> String {
    format!("/audit/{}", enc(key))
}

pub fn graph_url(key: &str) -> String {
    format!("/graph/{}", enc(key))
}

pub fn relation_label(r: &str) -> &'static str {
    match Relation::parse(r) {
        Some(Relation::Implements) => "thực hiện",
        Some(Relation::Continues) => "tiếp tục thực hiện",
        Some(Relation::Disseminates) => "quán triệt, tuyên truyền",
        Some(Relation::Copies) => "sao lục",
        Some(Relation::Guides) => "hướng dẫn",
        Some(Relation::BasedOn) => "căn cứ",
        Some(Relation::Amends) => "sửa đổi, bổ sung",
        Some(Relation::Replaces) => "thay thế",
        Some(Relation::Repeals) => "bãi bỏ",
        Some(Relation::Mentions) | None => "nhắc đến",
    }
}

pub fn conflict_label(kind: &str) -> &'static str {
    match kind {
        "date" => "ngày ban hành",
        "body" => "cơ quan ban hành",
        "term" => "khóa",
        "type" => "loại văn bản",
        "shared_symbol" => "trùng số hiệu",
        _ => "khác",
    }
}

/// "2013-06-03" as "03/06/2013"; anything else as it is.
pub fn vn_date(s: &str) -> String {
    let p: Vec<&str> = s.split('-').collect();
    match p.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => s.to_string(),
    }
}

fn short(s: &str, n: Option<usize>) -> String {
    let n = n.unwrap_or(160);
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n).collect();
        format!("{}…", t.trim_end())
    }
}

/// The templates, parsed once.
pub fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut e = Environment::new();
        // every template is HTML: escape everything that is not marked safe
        e.set_auto_escape_callback(|_| AutoEscape::Html);
        for (name, src) in [
            ("base.html", include_str!("templates/base.html")),
            ("home.html", include_str!("templates/home.html")),
            ("search.html", include_str!("templates/search.html")),
            ("report.html", include_str!("templates/report.html")),
            ("document.html", include_str!("templates/document.html")),
            ("choose.html", include_str!("templates/choose.html")),
            ("audit.html", include_str!("templates/audit.html")),
            ("graph.html", include_str!("templates/graph.html")),
            ("error.html", include_str!("templates/error.html")),
        ] {
            e.add_template(name, src).expect("templates parse");
        }
        // URLs are percent-encoded (no quote, angle bracket or ampersand is left): safe as they are
        let safe = minijinja::Value::from_safe_string;
        e.add_filter("doc_url", move |k: &str| safe(doc_url(k)));
        e.add_filter("report_url", move |p: &str| safe(report_url(p)));
        e.add_filter("audit_url", move |k: &str| safe(audit_url(k)));
        e.add_filter("graph_url", move |k: &str| safe(graph_url(k)));
        e.add_filter("enc", move |s: &str| safe(enc(s)));
        e.add_filter("rel", |r: &str| relation_label(r).to_string());
        e.add_filter("conflict_kind", |k: &str| conflict_label(k).to_string());
        e.add_filter("vn_date", |s: &str| vn_date(s));
        e.add_filter("short", |s: &str, n: Option<usize>| short(s, n));
        e
    })
}

/// A value for a template, from its serde form (the same as the API's JSON).
pub fn v<T: serde::Serialize>(x: &T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(x))
}

pub fn render(name: &str, ctx: minijinja::Value) -> Result<String, super::Failure> {
    env()
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| {
            super::Failure::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                format!("template {name}: {e:#}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_slashes_and_encode_the_rest() {
        assert_eq!(doc_url("25-NQ/TW@2013"), "/documents/25-NQ/TW@2013");
        assert_eq!(
            doc_url("310/KH-UBND@2024 Đồng Tháp"),
            "/documents/310/KH-UBND@2024%20%C4%90%E1%BB%93ng%20Th%C3%A1p"
        );
        assert_eq!(doc_url("a?b#c%d"), "/documents/a%3Fb%23c%25d");
        assert_eq!(report_url("/tmp/x/000.txt"), "/reports/tmp/x/000.txt");
    }
}
