//! A citation as reported: SPEC §5's record, in source offsets.

use serde::{Deserialize, Serialize};

use super::Draft;
use super::context::Date;
use super::named::NamedKind;
use super::relation::Relation;
use super::symbol::{Family, Symbol};
use crate::lexicon::lexicon;
use crate::text::{Folded, fold_str, line_of};

/// One reference to another document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offsets into the decoded text.
    pub start: usize,
    pub end: usize,
    pub line: usize,
    /// The page the mention starts on, for formats with pages (PDF, scans).
    #[serde(default)]
    pub page: Option<u32>,
    pub text: String,
    pub family: Family,
    /// The type name as written ("Nghị quyết", "Chương trình hành động").
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub type_code: Option<String>,
    pub number: Option<String>,
    pub year: Option<u16>,
    pub issuer_code: Option<String>,
    pub symbol: Option<String>,
    /// The cited document's key, filled by `resolve`.
    pub key: Option<String>,
    pub date: Option<Date>,
    /// The date as written.
    pub date_text: Option<String>,
    pub body: Option<String>,
    pub term: Option<String>,
    pub title: Option<String>,
    pub relation: Relation,
    /// Key of the document the relation is from, filled by `resolve`.
    pub source: Option<String>,
    pub warnings: Vec<String>,
    pub sym: Option<Symbol>,
    pub named: Option<NamedKind>,
    /// Index (in the same text) of the citation this one relates from, when nested.
    pub source_mention: Option<usize>,
    /// The sentence the citation stands in, cleaned (the evidence for its relation); filled by
    /// [`Mention::fill_evidence`], which callers that do not show evidence can skip.
    pub sentence: String,
    /// Source range of that sentence, and whether it was cut on the left and on the right.
    pub sentence_span: (usize, usize, bool, bool),
}

/// The record `trichdan extract` prints for a mention (SPEC §5).
#[derive(Serialize)]
pub struct Record<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub page: Option<u32>,
    pub text: &'a str,
    pub family: Family,
    #[serde(rename = "type")]
    pub type_name: Option<&'a str>,
    pub type_code: Option<&'a str>,
    pub number: Option<&'a str>,
    pub year: Option<u16>,
    pub issuer_code: Option<&'a str>,
    pub symbol: Option<&'a str>,
    pub key: Option<&'a str>,
    pub date: Option<Date>,
    pub date_text: Option<&'a str>,
    pub body: Option<&'a str>,
    pub term: Option<&'a str>,
    pub title: Option<&'a str>,
    pub relation: Relation,
    pub source: Option<&'a str>,
    pub warnings: &'a [String],
}

impl Mention {
    /// The SPEC §5 record of this mention in `file`.
    pub fn record<'a>(&'a self, file: &'a str) -> Record<'a> {
        Record {
            file,
            start: self.start,
            end: self.end,
            line: self.line,
            page: self.page,
            text: &self.text,
            family: self.family,
            type_name: self.type_name.as_deref(),
            type_code: self.type_code.as_deref(),
            number: self.number.as_deref(),
            year: self.year,
            issuer_code: self.issuer_code.as_deref(),
            symbol: self.symbol.as_deref(),
            key: self.key.as_deref(),
            date: self.date,
            date_text: self.date_text.as_deref(),
            body: self.body.as_deref(),
            term: self.term.as_deref(),
            title: self.title.as_deref(),
            relation: self.relation,
            source: self.source.as_deref(),
            warnings: &self.warnings,
        }
    }

    /// Fills `sentence` from the text the mention was extracted from.
    pub fn fill_evidence(&mut self, src: &str) {
        let (a, b, left, right) = self.sentence_span;
        let s = crate::text::clean(src.get(a..b).unwrap_or(""));
        self.sentence = format!(
            "{}{s}{}",
            if left { "… " } else { "" },
            if right { " …" } else { "" }
        );
    }

    /// Whether this is a reference by title alone ("Nghị quyết về “…”").
    pub fn named_is_title(&self) -> bool {
        self.named == Some(NamedKind::TitleOnly)
    }
}

/// [`Mention::fill_evidence`] for each mention of a text; the citations of one sentence, which
/// stand next to each other, share its cleaning.
pub fn fill_evidence(mentions: &mut [Mention], src: &str) {
    for i in 0..mentions.len() {
        match i.checked_sub(1).map(|j| &mentions[j]) {
            Some(p) if p.sentence_span == mentions[i].sentence_span => {
                mentions[i].sentence = p.sentence.clone();
            }
            _ => mentions[i].fill_evidence(src),
        }
    }
}

/// Source range of the sentence around the folded range `fs..fe`, at most ~200 characters each
/// side, cut at word boundaries; and whether it was cut on the left and on the right.
fn sentence(f: &Folded, fs: usize, fe: usize) -> ((usize, usize), bool, bool) {
    const SIDE: usize = 200;
    let t = f.text.as_bytes();
    let lo = fs.saturating_sub(SIDE);
    let brk_lo = f.break_before(fs).unwrap_or(0);
    let mut a = fs;
    while a > lo.max(brk_lo) && !(matches!(t[a - 1], b';' | b'.') && t.get(a) == Some(&b' ')) {
        a -= 1;
    }
    let cut_left = a == lo && lo > brk_lo && a > 0;
    if cut_left {
        while a < fs && t[a] != b' ' {
            a += 1;
        }
    }
    while a < fs && t[a] == b' ' {
        a += 1;
    }
    let hi = (fe + SIDE).min(t.len());
    let brk_hi = f.break_after(fe).unwrap_or(t.len());
    let mut b = fe;
    while b < hi.min(brk_hi)
        && !(matches!(t[b], b';' | b'.') && t.get(b + 1).is_none_or(|&c| c == b' '))
    {
        b += 1;
    }
    let cut_right = b == hi && hi < brk_hi.min(t.len());
    if cut_right {
        while b > fe && t[b - 1] != b' ' {
            b -= 1;
        }
    } else if b < t.len() && matches!(t[b], b';' | b'.') {
        b += 1;
    }
    let r = f.src_range(a, b.max(a + 1).min(t.len()));
    ((r.start, r.end), cut_left, cut_right)
}

/// The National Assembly behind a law's code ("QH15": Quốc hội khóa XV; "UBTVQH15": its
/// Standing Committee), as (body, term).
fn assembly(sym: &Option<Symbol>) -> Option<(&'static str, u32)> {
    let iss = sym.as_ref()?.issuer.to_uppercase();
    let (body, n) = if let Some(n) = iss.strip_prefix("UBTVQH") {
        ("Ủy ban Thường vụ Quốc hội", n)
    } else {
        ("Quốc hội", iss.strip_prefix("QH")?)
    };
    Some((body, n.parse().ok().filter(|&n| (1..=30).contains(&n))?))
}

fn roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// A term the citation's code says without the text writing it: "QH15" is khóa XV.
fn implied_term(sym: &Option<Symbol>) -> Option<String> {
    assembly(sym).map(|(_, n)| roman(n))
}

pub(super) fn build(f: &Folded, d: &Draft) -> Mention {
    let lex = lexicon();
    let r = f.src_range(d.start, d.end);
    let disp =
        |x: Option<(usize, usize)>| x.map(|(a, b)| f.display(a, b)).filter(|s| !s.is_empty());
    // a heading in capitals ("QUY ĐỊNH SỐ 377-QĐ/TW … CỦA BỘ CHÍNH TRỊ") is cited in the usual case
    let caps = |x: Option<(usize, usize)>| x.is_some_and(|(a, b)| !f.has_lower(a, b));
    let mut type_name = disp(d.type_name);
    if caps(d.type_name)
        && let Some((a, b)) = d.type_name
    {
        let folded = &f.text[a..b];
        if let Some((_, written)) = lex.type_names_by_len.iter().find(|(n, _)| n == folded) {
            type_name = Some(written.to_string());
        }
    }
    // "NQ 18": a code written for the type name is shown as the name
    if let Some((a, b)) = d.type_name
        && !lex.type_names.contains_key(&f.text[a..b])
        && lex.types.contains_key(&f.text[a..b])
    {
        type_name = lex.type_name(&f.text[a..b]).map(str::to_string);
    }
    let mut body = disp(d.body);
    if caps(d.body)
        && let Some(b) = &body
        && let Some(name) = lex.body_name(b)
    {
        body = Some(name.to_string());
    }
    let mut sym = d.sym.clone();
    let mut warnings = d.warnings.clone();
    // "Nghị quyết 13-NQ/TƯ của Tỉnh ủy": a scan's "TƯ" read as Trung ương, where the body says
    // the committee is a province's
    if let Some(s) = sym.as_mut()
        && let Some(w) = warnings
            .iter_mut()
            .find(|w| w.ends_with(&format!("read as {}", s.issuer)))
        && w.starts_with("issuer written ")
        && let Some(code) = body.as_deref().and_then(|b| lex.issuer_of(b))
        && fold_str(code) == fold_str(&s.issuer).replace("tw", "tu")
    {
        *w = format!(
            "{}, read as {code} (the body is {})",
            &w[..w.find(", read as").unwrap_or(w.len())],
            body.as_deref().unwrap_or("")
        );
        s.issuer = code.to_string();
    }
    let (family, type_code, number, issuer, symbol) = match &sym {
        Some(s) => (
            s.family,
            s.type_code.clone(),
            Some(s.number.clone()),
            Some(s.issuer.clone()),
            Some(s.to_string()),
        ),
        None => (Family::Named, None, None, None, None),
    };
    if type_name.is_none() {
        // no type word (or a damaged one): the code says what it is
        if let Some(c) = &type_code {
            type_name = lex.type_name(&fold_str(c)).map(str::to_string);
        }
    }
    let mut year = sym.as_ref().and_then(|s| s.year);
    if let (Some(y), Some(dt)) = (year, d.date)
        && y != dt.y
    {
        warnings.push(format!(
            "year {y} in the symbol differs from the date's year {}",
            dt.y
        ));
    }
    year = year.or(d.date.map(|x| x.y)).or(d.year);
    let mut title = disp(d.title);
    if let Some(NamedKind::Law { name }) = &d.named {
        title = Some(crate::extract::named::law_title(name));
    }
    if title.is_none() && sym.as_ref().is_some_and(|s| s.family == Family::Law) {
        // "Luật Lưu trữ số 33/2024/QH15": the name is the title
        if let Some((a, _)) = d.type_name {
            // the "số" right before the number ("… một số điều của Luật … số 87/2025/QH15")
            let lead = f.text[a..d.end.max(a)].rfind(" so").map(|k| a + k);
            if let Some(e) = lead.filter(|&e| e > a + 5) {
                title = Some(f.display(a, e));
            }
        }
    }
    Mention {
        start: r.start,
        end: r.end,
        line: line_of(f.src, r.start),
        page: None,
        text: crate::text::clean(&f.src[r.clone()]),
        family,
        type_name,
        type_code,
        number,
        year,
        issuer_code: issuer,
        symbol,
        key: None,
        date: d.date,
        date_text: d.date_span.map(|(a, b)| {
            let s = f.display(a, b);
            s.trim_start_matches([',', '(', ' ', '-'])
                .trim_end_matches(')')
                .trim()
                .to_string()
        }),
        term: d.terms.first().cloned().or_else(|| implied_term(&sym)),
        body: body.or_else(|| assembly(&sym).map(|(b, _)| b.to_string())),
        title,
        relation: d.relation,
        source: None,
        warnings,
        sym,
        named: d.named.clone(),
        source_mention: d.source,
        sentence: String::new(),
        sentence_span: {
            let ((a, b), left, right) = sentence(f, d.start, d.end);
            (a, b, left, right)
        },
    }
}
