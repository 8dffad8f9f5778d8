//! Canonical identity of documents (SPEC §3): symbol, year and, for local issuers, place.

use std::collections::HashMap;

use crate::extract::Symbol;
use crate::extract::header::province_of;
use crate::extract::named::NamedKind;

use super::Cited;
use crate::lexicon::{Scope, lexicon};
use crate::text::fold_str;

/// The identity of a numbered document before its year is settled.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base {
    /// `Symbol::id()`: canonical, leading zeros dropped.
    pub sym: String,
    /// Place for local issuers ("Đồng Tháp"), or `?file` when the place cannot be known.
    pub place: Option<String>,
}

/// Whether the symbol's issuer is one of many local ones (its place is part of identity).
pub fn is_local(sym: &Symbol) -> bool {
    lexicon().issuer_kind(&fold_str(&sym.issuer)).0 == Scope::Local
}

/// Place of a local document: named with the citation, else the citing report's, else unknown
/// (and unknown is kept apart per citing file so it never merges two places).
pub fn place_for(
    sym: &Symbol,
    body: Option<&str>,
    file_province: Option<&str>,
    file_key: &str,
) -> Option<String> {
    if !is_local(sym) {
        return None;
    }
    if let Some(p) = body.and_then(body_place) {
        return Some(p);
    }
    file_province
        .map(str::to_string)
        .or_else(|| Some(format!("?{file_key}")))
}

/// The place a body names, if any: its province, or itself when it is a central body.
fn body_place(b: &str) -> Option<String> {
    // the same few bodies stand in most citations: each is worked out once per thread (a pure
    // function of its text and the lexicon)
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, Option<String>>> = Default::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(p) = seen.get(b) {
            return p.clone();
        }
        if seen.len() > 100_000 {
            seen.clear();
        }
        let p = province_of(b).or_else(|| {
            // "Tờ trình số 03-TTr/ĐU của Đảng uỷ Chính phủ": a central body names the issuer (a
            // body of no level, "Ban Dân tộc" of a province's HĐND, is the citing report's
            // province's)
            let lex = lexicon();
            (!lex.is_local_body(b) && lex.level_of(Some(b), None) == Some("Trung ương"))
                .then(|| crate::text::modern_tones(&crate::text::clean(b)))
        });
        seen.insert(b.to_string(), p.clone());
        p
    })
}

/// Renders a numbered document's key from its display spelling.
pub fn render(
    spelling: &str,
    year_in_symbol: bool,
    year: Option<u16>,
    place: Option<&str>,
) -> String {
    let mut k = spelling.to_string();
    if !year_in_symbol && let Some(y) = year {
        k.push_str(&format!("@{y}"));
    }
    if let Some(p) = place {
        k.push(' ');
        k.push_str(p);
    }
    k
}

/// Key of an unnumbered reference, or None for a reference by title alone.
pub fn named_key(m: &Cited, file_province: Option<&str>) -> Option<String> {
    let kind = m.named.as_deref()?;
    Some(match kind {
        NamedKind::Plenum(n) => match &m.term {
            Some(t) => format!("Nghị quyết Trung ương {n} khóa {t}"),
            None => format!("Nghị quyết Trung ương {n}"),
        },
        NamedKind::Congress { of, ordinal } => {
            if of == "toan quoc" {
                format!("Nghị quyết Đại hội Đảng toàn quốc lần thứ {ordinal}")
            } else {
                let text = m.text.as_deref().unwrap_or("");
                let lo = fold_str(text);
                // the organisation as written: where its folded name is in the text ("Đại hội
                // đại biểu Đảng bộ tỉnh lần thứ XI", "Đại hội XI Đảng bộ tỉnh")
                let of_written = lo
                    .find(of.as_str())
                    .and_then(|a| {
                        let chars: Vec<char> = text.chars().collect();
                        // folded text of short names keeps one char per char
                        let ca = lo[..a].chars().count();
                        let cb = ca + of.chars().count();
                        chars.get(ca..cb).map(|c| c.iter().collect::<String>())
                    })
                    .unwrap_or_else(|| of.clone());
                let place = file_province.unwrap_or("?");
                format!("Nghị quyết Đại hội {of_written} lần thứ {ordinal} ({place})")
            }
        }
        NamedKind::Law { name } => {
            let title = crate::extract::named::law_title(name);
            match m.year {
                Some(y) => format!("{title} năm {y}"),
                None => title,
            }
        }
        NamedKind::Constitution => match m.year {
            Some(y) => format!("Hiến pháp năm {y}"),
            None => "Hiến pháp".into(),
        },
        NamedKind::Charter => "Điều lệ Đảng".into(),
        NamedKind::Titled(name) => name.clone(),
        NamedKind::TitleOnly => return None,
    })
}

/// A stable key for a report without a symbol: its file name without extension.
pub fn file_key(path: &str) -> String {
    let name = std::path::Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    if name.is_empty() || path == "-" {
        "stdin".into()
    } else {
        name
    }
}
