//! Word (DOCX) and OpenDocument (ODT) files: the body in reading order, one paragraph a line,
//! tables cell by cell; footnotes and endnotes after the body under their own heading, each
//! behind the reference mark ("[1]") left where it stood; page headers and footers last, so the
//! report's own header block stays at the top of the text.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Converted, Format, converted};

/// Heading lines that tell the reader where the notes and the page furniture begin.
pub const FOOTNOTES: &str = "Chú thích:";
pub const ENDNOTES: &str = "Chú thích cuối văn bản:";
pub const FURNITURE: &str = "Đầu trang, chân trang:";

type Zip = zip::ZipArchive<Cursor<Vec<u8>>>;

pub fn read(bytes: &[u8]) -> Result<Converted, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("a damaged ZIP archive (DOCX, ODT or ZIP): {e}"))?;
    if zip.index_for_name("word/document.xml").is_some() {
        return docx(&mut zip).map(|t| converted(t, Format::Docx, "zip+quick-xml"));
    }
    let mime = member(&mut zip, "mimetype").unwrap_or_default();
    if mime.trim() == "application/vnd.oasis.opendocument.text" {
        return odt(&mut zip).map(|t| converted(t, Format::Odt, "zip+quick-xml"));
    }
    Err("a ZIP archive (XLSX, PPTX, ODS or plain ZIP), not a text document".into())
}

fn member(zip: &mut Zip, name: &str) -> Result<String, String> {
    let mut f = zip
        .by_name(name)
        .map_err(|e| format!("a damaged document: {name}: {e}"))?;
    let mut s = String::new();
    f.read_to_string(&mut s)
        .map_err(|e| format!("a damaged document: {name}: {e}"))?;
    Ok(s)
}

/// Which part of which format is being read: the elements that mean something differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    DocxBody,
    /// footnotes.xml or endnotes.xml: every note as its own text.
    DocxNotes,
    DocxFurniture,
    OdtBody,
    /// styles.xml: only the master pages' headers and footers.
    OdtFurniture,
}

/// Notes in order of their reference marks.
#[derive(Default)]
struct Notes {
    /// (Word's id, text) for footnotes and for endnotes, numbered by position.
    foot: Vec<(String, String)>,
    end: Vec<(String, String)>,
}

impl Notes {
    /// The mark of a reference to note `id`, numbering it on first sight.
    fn mark(&mut self, id: &str, endnote: bool) -> String {
        let list = if endnote {
            &mut self.end
        } else {
            &mut self.foot
        };
        let n = match list.iter().position(|(i, _)| i == id) {
            Some(n) => n,
            None => {
                list.push((id.to_string(), String::new()));
                list.len() - 1
            }
        };
        label(n + 1, endnote)
    }
}

/// "[3]" for a footnote, "[iii]" for an endnote (Word's default numbering of each).
fn label(n: usize, endnote: bool) -> String {
    if !endnote {
        return format!("[{n}]");
    }
    const R: [(usize, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::from("[");
    let mut n = n;
    for (v, r) in R {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s.push(']');
    s
}

fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref().as_bytes() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// The text of one XML part. For `DocxNotes`, returns nothing and fills `notes` instead.
fn walk(xml: &str, part: Part, notes: &mut Notes, endnotes: bool) -> Result<String, String> {
    let mut r = Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 4);
    // elements whose content is not text of the document
    let mut skip = 0usize;
    // where text counts: inside <w:t>, or inside an ODT paragraph, header or footer
    let mut text_depth = 0usize;
    // the note being read: (its id, the text before it started)
    let mut note: Option<(String, bool, String)> = None;
    let mut odt_citation = false;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("a damaged document: {e}"))?;
        match ev {
            Event::Eof => break,
            Event::Start(ref e) => {
                let name = e.local_name();
                let name = name.as_ref().as_bytes();
                if skip > 0 || skipped(part, name) {
                    skip += 1;
                    continue;
                }
                match (part, name) {
                    (Part::DocxBody | Part::DocxNotes | Part::DocxFurniture, b"t") => {
                        text_depth += 1
                    }
                    (Part::DocxNotes, b"footnote" | b"endnote") => {
                        let id = attr(e, b"id").unwrap_or_default();
                        let special = attr(e, b"type").is_some_and(|t| t != "normal");
                        if special {
                            skip += 1;
                        } else {
                            note = Some((id, endnotes, std::mem::take(&mut out)));
                        }
                    }
                    (Part::OdtBody | Part::OdtFurniture, b"p" | b"h") => text_depth += 1,
                    (Part::OdtBody, b"note") => {
                        let end = attr(e, b"note-class").is_some_and(|c| c == "endnote");
                        let id = attr(e, b"id")
                            .unwrap_or_else(|| format!("n{}", notes.foot.len() + notes.end.len()));
                        out.push_str(&notes.mark(&id, end));
                        note = Some((id, end, String::new()));
                    }
                    (Part::OdtBody, b"note-citation") => odt_citation = true,
                    (Part::OdtBody, b"note-body") => {
                        // the note's paragraphs go to the note, the body waits
                        if let Some(n) = note.as_mut() {
                            std::mem::swap(&mut n.2, &mut out);
                        }
                    }
                    _ => inline(part, e, &mut out, notes),
                }
            }
            Event::Empty(ref e) if skip == 0 => inline(part, e, &mut out, notes),
            Event::End(ref e) => {
                let name = e.local_name();
                let name = name.as_ref().as_bytes();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match (part, name) {
                    (Part::DocxBody | Part::DocxNotes | Part::DocxFurniture, b"t") => {
                        text_depth = text_depth.saturating_sub(1)
                    }
                    (Part::DocxBody | Part::DocxNotes | Part::DocxFurniture, b"p") => {
                        out.push('\n')
                    }
                    (Part::DocxNotes, b"footnote" | b"endnote") => {
                        if let Some((id, end, before)) = note.take() {
                            let text = std::mem::replace(&mut out, before);
                            let list = if end { &mut notes.end } else { &mut notes.foot };
                            if let Some(n) = list.iter_mut().find(|(i, _)| *i == id) {
                                n.1 = one_line(&text);
                            }
                        }
                    }
                    (Part::OdtBody | Part::OdtFurniture, b"p" | b"h") => {
                        text_depth = text_depth.saturating_sub(1);
                        out.push('\n');
                    }
                    (Part::OdtBody, b"note-citation") => odt_citation = false,
                    (Part::OdtBody, b"note-body") => {
                        if let Some(n) = note.as_mut() {
                            std::mem::swap(&mut n.2, &mut out);
                        }
                    }
                    (Part::OdtBody, b"note") => {
                        if let Some((id, end, text)) = note.take() {
                            let list = if end { &mut notes.end } else { &mut notes.foot };
                            if let Some(n) = list.iter_mut().find(|(i, _)| *i == id) {
                                n.1 = one_line(&text);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if skip == 0 && text_depth > 0 && !odt_citation => {
                out.push_str(&t.xml10_content());
            }
            Event::CData(ref t) if skip == 0 && text_depth > 0 && !odt_citation => {
                out.push_str(t.as_ref());
            }
            Event::GeneralRef(ref g) if skip == 0 && text_depth > 0 && !odt_citation => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_xml_entity(g) {
                    out.push_str(s);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Subtrees that hold no text of the document: properties, deleted and moved-away revisions,
/// field codes, the fallback copy of drawings (the same text again), comments.
fn skipped(part: Part, name: &[u8]) -> bool {
    match part {
        Part::DocxBody | Part::DocxNotes | Part::DocxFurniture => matches!(
            name,
            b"pPr"
                | b"rPr"
                | b"sectPr"
                | b"tblPr"
                | b"del"
                | b"moveFrom"
                | b"instrText"
                | b"delText"
                | b"Fallback"
                | b"commentReference"
        ),
        Part::OdtBody => matches!(
            name,
            b"annotation"
                | b"tracked-changes"
                | b"automatic-styles"
                | b"font-face-decls"
                | b"scripts"
                | b"sequence-decls"
        ),
        Part::OdtFurniture => matches!(
            name,
            b"annotation" | b"automatic-styles" | b"font-face-decls" | b"styles"
        ),
    }
}

/// Elements that stand for text inside a paragraph: tabs, breaks, note references.
fn inline(part: Part, e: &BytesStart, out: &mut String, notes: &mut Notes) {
    let name = e.local_name();
    match (part, name.as_ref().as_bytes()) {
        (Part::DocxBody | Part::DocxNotes | Part::DocxFurniture, n) => match n {
            b"tab" => out.push('\t'),
            b"br" | b"cr" => out.push('\n'),
            b"noBreakHyphen" => out.push('-'),
            b"footnoteReference" | b"endnoteReference" if part == Part::DocxBody => {
                if let Some(id) = attr(e, b"id") {
                    out.push_str(&notes.mark(&id, n == b"endnoteReference"));
                }
            }
            _ => {}
        },
        (_, b"s") => {
            let n: usize = attr(e, b"c").and_then(|c| c.parse().ok()).unwrap_or(1);
            out.extend(std::iter::repeat_n(' ', n.min(1000)));
        }
        (_, b"tab") => out.push('\t'),
        (_, b"line-break") => out.push('\n'),
        _ => {}
    }
}

/// A note's paragraphs on one line, as a reader would quote it.
fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Body, then the notes, then the page headers and footers (each distinct one once).
fn assemble(body: String, notes: &Notes, furniture: Vec<String>) -> String {
    let mut out = body;
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for (heading, list, end) in [
        (FOOTNOTES, &notes.foot, false),
        (ENDNOTES, &notes.end, true),
    ] {
        if list.iter().all(|(_, t)| t.is_empty()) {
            continue;
        }
        out.push('\n');
        out.push_str(heading);
        out.push('\n');
        for (i, (_, t)) in list.iter().enumerate() {
            if !t.is_empty() {
                out.push_str(&label(i + 1, end));
                out.push(' ');
                out.push_str(t);
                out.push('\n');
            }
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for f in furniture {
        let f = one_line(&f);
        if !f.is_empty() && !seen.contains(&f) {
            seen.push(f);
        }
    }
    if !seen.is_empty() {
        out.push('\n');
        out.push_str(FURNITURE);
        out.push('\n');
        for f in seen {
            out.push_str(&f);
            out.push('\n');
        }
    }
    out
}

fn docx(zip: &mut Zip) -> Result<String, String> {
    let mut notes = Notes::default();
    let body = walk(
        &member(zip, "word/document.xml")?,
        Part::DocxBody,
        &mut notes,
        false,
    )?;
    for (name, end) in [("word/footnotes.xml", false), ("word/endnotes.xml", true)] {
        if zip.index_for_name(name).is_some() {
            walk(&member(zip, name)?, Part::DocxNotes, &mut notes, end)?;
        }
    }
    let mut parts: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| {
            let n = n.strip_prefix("word/").unwrap_or("");
            (n.starts_with("header") || n.starts_with("footer")) && n.ends_with(".xml")
        })
        .map(|n| n.into_owned())
        .collect();
    parts.sort();
    let mut furniture = Vec::new();
    for p in parts {
        furniture.push(walk(
            &member(zip, &p)?,
            Part::DocxFurniture,
            &mut notes,
            false,
        )?);
    }
    Ok(assemble(body, &notes, furniture))
}

fn odt(zip: &mut Zip) -> Result<String, String> {
    let mut notes = Notes::default();
    let body = walk(
        &member(zip, "content.xml")?,
        Part::OdtBody,
        &mut notes,
        false,
    )?;
    let furniture = match member(zip, "styles.xml") {
        Ok(s) => vec![walk(&s, Part::OdtFurniture, &mut notes, false)?],
        Err(_) => vec![],
    };
    Ok(assemble(body, &notes, furniture))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endnote_labels() {
        assert_eq!(label(4, true), "[iv]");
        assert_eq!(label(14, true), "[xiv]");
        assert_eq!(label(2, false), "[2]");
    }
}
