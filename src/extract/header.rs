//! A report's own identity, read from its header and footer (SPEC §3): symbol, type, title, place
//! and date, issuing body, signer and recipients. The own symbol is not a citation.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use super::context::Date;
use super::symbol::{FoundSymbol, Symbol};
use crate::lexicon::lexicon;
use crate::text::{Folded, clean, fold_str};

#[derive(Clone, Debug, Default, Serialize)]
pub struct Header {
    /// Own symbol, canonical.
    pub symbol: Option<String>,
    #[serde(skip)]
    pub sym: Option<Symbol>,
    /// Source byte range of the own symbol (never reported as a citation).
    #[serde(skip)]
    pub symbol_span: Option<(usize, usize)>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub type_code: Option<String>,
    pub title: Option<String>,
    pub place: Option<String>,
    /// Canonical province of the report, from its place line or, failing that, its text.
    pub province: Option<String>,
    pub date: Option<Date>,
    pub body: Option<String>,
    pub signer: Option<String>,
    pub recipients: Vec<String>,
}

/// How far into a file its header can reach.
const HEADER_LINES: usize = 60;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("header regex"))
}

/// Lines of the source with their byte offsets, markup stripped.
fn lines(src: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut off = 0;
    for l in src.split_inclusive('\n') {
        out.push((off, clean(l)));
        off += l.len();
    }
    out
}

pub fn read_header(f: &Folded, symbols: &[FoundSymbol]) -> Header {
    let src = f.src;
    let ls = lines(src);
    let mut h = Header::default();
    let top_end = ls
        .get(HEADER_LINES)
        .map(|(o, _)| *o)
        .unwrap_or(src.len());

    // own symbol: "Số 08 - NQ/ĐUK", "Số: 05 /2025/QĐ-UBND", a table cell "| Số 383-QĐ/TW |",
    // "Số:" alone on its line with the symbol below, a portal's "Số hiệu: …"
    for s in symbols {
        let r = f.src_range(s.start, s.end);
        if r.start >= top_end {
            break;
        }
        if let Some(lead) = own_lead(f, s.start) {
            let lead_src = f.src_pos(lead);
            let line_start = src[..lead_src].rfind('\n').map_or(0, |i| i + 1);
            let before = fold_str(&src[line_start..lead_src]);
            if before.trim().is_empty() {
                h.symbol = Some(s.symbol.to_string());
                h.sym = Some(s.symbol.clone());
                h.symbol_span = Some((r.start, r.end));
                h.type_code = s.symbol.type_code.clone();
                break;
            }
        }
    }

    // type: a line that is a type name in capitals ("BÁO CÁO", "NGHỊ QUYẾT")
    let lex = lexicon();
    let mut type_line = None;
    for (i, (_, l)) in ls.iter().enumerate().take(HEADER_LINES) {
        let fl = fold_str(l);
        if l.chars().any(|c| c.is_lowercase()) || fl.is_empty() {
            continue;
        }
        if let Some((name, codes)) = lex.type_names.get_key_value(fl.trim()) {
            if !codes.is_empty() || lex.generic_types.contains(name) {
                h.type_name = Some(l.trim().to_string());
                if h.type_code.is_none() {
                    h.type_code = codes.first().map(|c| c.to_string());
                }
                type_line = Some(i);
                break;
            }
        }
    }
    if h.type_name.is_none() && ls.iter().take(HEADER_LINES).any(|(_, l)| {
        let fl = fold_str(l);
        fl.starts_with("kinh gui") || fl.starts_with("v/v")
    }) {
        h.type_name = Some("Công văn".into());
    }

    // title: the "về …" line(s) of the header, else the lines under the type line
    let head: Vec<&(usize, String)> = ls.iter().take(HEADER_LINES).collect();
    let stop = |l: &str| {
        let fl = fold_str(l);
        l.trim().is_empty()
            || l.trim_start().starts_with("---")
            || l.len() > 300
            || fl.starts_with("can cu")
            || fl.starts_with("kinh gui")
    };
    let mut title_lines: Vec<String> = vec![];
    if let Some(i) = head.iter().position(|(_, l)| {
        let fl = fold_str(l);
        fl == "ve" || fl.starts_with("ve ")
    }) {
        for (_, l) in head.iter().skip(i) {
            if stop(l) {
                break;
            }
            title_lines.push(l.trim().to_string());
        }
    } else if let Some(ti) = type_line {
        for (_, l) in head.iter().skip(ti + 1).skip_while(|(_, l)| l.trim().is_empty()) {
            if stop(l) || fold_str(l).starts_with("cua ") {
                break;
            }
            title_lines.push(l.trim().to_string());
        }
    }
    if !title_lines.is_empty() {
        let t = title_lines.join(" ");
        let t = t.trim();
        let t = t
            .strip_prefix("về ")
            .or_else(|| t.strip_prefix("VỀ "))
            .unwrap_or(t);
        h.title = Some(t.trim().to_string()).filter(|t| t.len() > 3);
    }

    // body: "CỦA BAN THƯỜNG VỤ TỈNH ỦY" under the type, or a capitalised organ line above it
    for (_, l) in head.iter() {
        let fl = fold_str(l);
        if let Some(rest) = l.trim().strip_prefix("CỦA ") {
            if !rest.chars().any(|c| c.is_lowercase()) && rest.len() > 3 {
                h.body = Some(rest.trim().to_string());
                break;
            }
        }
        let upper = !l.chars().any(|c| c.is_lowercase()) && l.chars().any(|c| c.is_uppercase());
        if upper
            && (fl.starts_with("ban chap hanh")
                || fl.starts_with("ban thuong vu")
                || fl.starts_with("uy ban nhan dan")
                || fl.starts_with("hoi dong nhan dan")
                || fl.starts_with("tinh uy")
                || fl.starts_with("thanh uy")
                || fl.starts_with("huyen uy")
                || fl.starts_with("dang uy"))
            && h.body.is_none()
        {
            h.body = Some(l.trim().to_string());
        }
    }

    // place and date: "Quảng Bình, ngày 08 tháng 5 năm 2023" (also across a line break)
    static PLACE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &PLACE,
        r"(?P<place>[a-z][a-z .\-]{1,40}), ngay (?P<d>\d{1,2}) thang (?P<m>\d{1,2}) nam (?P<y>(?:19|20)\d\d)",
    );
    let ftop = f.folded_pos(top_end);
    if let Some(c) = r.captures(&f.text[..ftop]) {
        let p = c.name("place").unwrap();
        // keep the capitalised words right before the comma ("Quảng Bình", "Hà Nội")
        let words: Vec<(usize, usize)> = {
            let mut v = vec![];
            let mut s = p.start();
            for (i, ch) in f.text[p.start()..p.end()].char_indices() {
                if ch == ' ' {
                    if i + p.start() > s {
                        v.push((s, p.start() + i));
                    }
                    s = p.start() + i + 1;
                }
            }
            v.push((s, p.end()));
            v
        };
        // only the words on the line of the comma: the line above may end in a symbol
        let comma_src = f.src_pos(p.end());
        let line_start = src[..comma_src].rfind('\n').map_or(0, |i| i + 1);
        let caps: Vec<&(usize, usize)> = words
            .iter()
            .rev()
            .take_while(|(s, _)| f.is_upper(*s) && f.src_pos(*s) >= line_start)
            .collect();
        if let (Some(first), Some(last)) = (caps.last(), caps.first()) {
            h.place = Some(f.display(first.0, last.1));
        }
        h.date = Date::new(
            c["y"].parse().unwrap_or(0),
            c["m"].parse().unwrap_or(0),
            c["d"].parse().unwrap_or(0),
        );
    }
    h.province = h
        .place
        .as_deref()
        .and_then(province_of)
        .or_else(|| dominant_province(&f.text));

    // footer: recipients after "Nơi nhận:", signer on the last name-like line
    if let Some(i) = ls
        .iter()
        .rposition(|(_, l)| fold_str(l).trim_start().starts_with("noi nhan"))
    {
        for (_, l) in ls.iter().skip(i + 1) {
            let t = l.trim();
            if t.is_empty() {
                continue;
            }
            let Some(item) = t.strip_prefix('-').or_else(|| t.strip_prefix('+')) else {
                break;
            };
            let item = item.trim().trim_end_matches([',', ';', '.']).trim();
            if !item.is_empty() {
                h.recipients.push(item.to_string());
            }
        }
    }
    h.signer = signer(&ls);
    h
}

/// The signer: a personal name on one of the last lines, under the "T/M …", "BÍ THƯ" block.
fn signer(ls: &[(usize, String)]) -> Option<String> {
    let tail: Vec<&String> = ls
        .iter()
        .rev()
        .map(|(_, l)| l)
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .collect();
    for l in tail {
        let t = l.trim();
        let words: Vec<&str> = t.split_whitespace().collect();
        let name_like = (2..=5).contains(&words.len())
            && words.iter().all(|w| {
                let mut cs = w.chars();
                cs.next().is_some_and(|c| c.is_uppercase()) && cs.all(|c| c.is_lowercase())
            });
        if name_like {
            return Some(t.to_string());
        }
        if t.contains(':') || t.starts_with('-') {
            return None;
        }
    }
    None
}

/// Where "Số", "Số:" or "Số hiệu:" begins right before a symbol (folded offset), unless a type
/// name stands before it ("NGHỊ QUYẾT SỐ 11/2022/NQ-HĐND" in a title is a citation).
fn own_lead(f: &Folded, sym_start: usize) -> Option<usize> {
    let t = f.text[..sym_start].trim_end();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let t = t.strip_suffix("so, ky hieu").or_else(|| t.strip_suffix("so hieu")).or_else(|| t.strip_suffix("so"))?;
    let at = t.len();
    if at > 0 && f.text.as_bytes()[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some(at)
}

/// Canonical province named in a short string ("Quảng Bình", "TP. Hồ Chí Minh").
pub fn province_of(s: &str) -> Option<String> {
    let ws = crate::lexicon::words(s);
    lexicon()
        .places
        .iter()
        .find(|(p, _)| !p.is_empty() && ws.windows(p.len()).any(|w| w == p.as_slice()))
        .map(|(_, c)| c.to_string())
}

/// The province a text names most often after "tỉnh"/"thành phố"/"Tỉnh ủy" (a fallback for reports
/// without a place line).
fn dominant_province(folded: &str) -> Option<String> {
    let lex = lexicon();
    let ws: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for i in 0..ws.len() {
        let after_cue = i >= 1 && matches!(ws[i - 1], "tinh" | "pho" | "uy");
        if !after_cue {
            continue;
        }
        for (p, canon) in &lex.places {
            if i + p.len() <= ws.len() && ws[i..i + p.len()].iter().zip(p).all(|(a, b)| a == b) {
                *counts.entry(canon).or_default() += 1;
                break;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
        .map(|(p, _)| p.to_string())
}
