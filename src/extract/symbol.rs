//! Document symbols ("số, ký hiệu"): finding them in folded text and writing them canonically.

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::lexicon::lexicon;
use crate::text::{Folded, fold_str};

/// The families of SPEC §1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Party,
    State,
    Law,
    Named,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Party => "party",
            Family::State => "state",
            Family::Law => "law",
            Family::Named => "named",
        }
    }
}

/// A document symbol in canonical form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Symbol {
    pub family: Family,
    /// The number as written (leading zeros kept for display).
    pub number: String,
    /// The year inside a normative State symbol (`04/2015/NĐ-CP`).
    pub year: Option<u16>,
    /// Canonical type code (`NQ`, `CTr`), absent for laws and State công văn.
    pub type_code: Option<String>,
    /// Canonical issuer code, with unit or joint parts (`TW`, `UBND-VX`, `BNV-BTC`, `QH14`).
    pub issuer: String,
}

impl Symbol {
    /// The number without leading zeros: identity ignores them (`01-KL/TW` = `1-KL/TW`).
    pub fn number_id(&self) -> &str {
        let t = self.number.trim_start_matches('0');
        if t.is_empty() { "0" } else { t }
    }

    fn write(&self, f: &mut impl fmt::Write, number: &str) -> fmt::Result {
        match (self.family, self.year, &self.type_code) {
            (Family::Party, _, Some(t)) => write!(f, "{number}-{t}/{}", self.issuer),
            (_, Some(y), Some(t)) => write!(f, "{number}/{y}/{t}-{}", self.issuer),
            (_, Some(y), None) => write!(f, "{number}/{y}/{}", self.issuer),
            (_, None, Some(t)) => write!(f, "{number}/{t}-{}", self.issuer),
            (_, None, None) => write!(f, "{number}/{}", self.issuer),
        }
    }

    /// Canonical form without leading zeros, used for identity.
    pub fn id(&self) -> String {
        let mut s = String::new();
        let _ = self.write(&mut s, self.number_id());
        s
    }

    /// Parses a symbol typed by a user in any spelling ("25/NQ-TW", "25 - nq/tw", "04/2015/NĐ/CP").
    pub fn parse(s: &str) -> Option<Symbol> {
        let f = Folded::new(s);
        let found = find_symbols(&f);
        found.into_iter().next().map(|c| c.symbol)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &self.number)
    }
}

/// A symbol found in a folded text.
#[derive(Clone, Debug)]
pub struct FoundSymbol {
    /// Folded range of the whole symbol.
    pub start: usize,
    pub end: usize,
    /// Folded end of the number (where a list's shared code begins).
    pub number_end: usize,
    pub symbol: Symbol,
    /// The symbol has no type code and is a State công văn (`N/ISSUER-UNIT`, `N/ISSUER`): only
    /// accepted after the words "Công văn"/"văn bản" (or, with a unit, a known issuer after "số").
    pub needs_cv_cue: bool,
    pub warnings: Vec<String>,
}

fn symbol_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?P<num>[\dlio]{0,2}\d[\dlio]{0,5}(?:\.\d{1,2}|[a-e])?)
            (?:
                \ ?/\ ?(?P<year>(?:19|20)\d\d)\ ?/\ ?
                (?:
                    (?P<nt>[a-z]{1,6})\ ?[-/]\ ?(?P<ni>[a-z][a-z0-9]{0,15}(?:&[a-z]{1,8})?(?:-[a-z][a-z0-9]{0,15}(?:&[a-z]{1,8})?){0,3})
                  | (?P<law>(?:ubtv)?[qo]h\d{1,2})
                  | (?P<gl>[a-z]{3,14})
                )
              | (?:\ ?-\ ?|\ )(?P<pt>[a-z]{1,6})\ ?/\ ?(?P<pi>[a-z][a-z0-9]{0,15}(?:-[a-z][a-z0-9]{0,15}){0,2})
              | \ ?/\ ?(?P<st>[a-z]{1,8})\ ?-\ ?(?P<si>[a-z][a-z0-9]{0,15}(?:&[a-z]{1,8}|\.[a-z]{2,8})?(?:-[a-z][a-z0-9]{0,15}(?:&[a-z]{1,8})?){0,3})
              | /\ ?(?P<cv>[a-z]{2,12})
            )",
        )
        .expect("symbol regex")
    })
}

/// Words that stick to an issuer code when a space is lost ("TTgcủa").
const GLUED_WORDS: &[&str] = &["cua", "ngay", "ve", "va", "nam", "tai", "theo", "so"];

/// How much of a code, written in the source at `src`, is really the code: upper case letters and
/// digits, plus the lower-case letters of known mixed-case codes (`TTg`, `CTr`). Returns the length
/// in folded bytes (equal to chars here: codes fold to ASCII).
fn code_len(f: &Folded, fs: usize, fe: usize) -> usize {
    let lex = lexicon();
    let folded = &f.text[fs..fe];
    if !f.has_lower(fs, fe) {
        return fe - fs;
    }
    let src = &f.src[f.src_range(fs, fe)];
    if !src.chars().any(|c| c.is_uppercase()) {
        // all lower case (e-mail, OCR): trust the fold, but split a glued word off a known code
        for w in GLUED_WORDS {
            if let Some(head) = folded.strip_suffix(w)
                && (lex.issuers.contains_key(head) || lex.types.contains_key(head))
            {
                return head.len();
            }
        }
        return fe - fs;
    }
    let mut n = 0;
    let mut written = String::new();
    for c in src.chars() {
        let folded_c = fold_str(&c.to_string());
        // a combining mark belongs to the letter before it, as in NFC ("W\u{301}" is "Ẃ")
        if folded_c.is_empty() && crate::text::fold_letter(c) == Some(None) {
            continue;
        }
        if !c.is_alphanumeric() {
            if c.is_whitespace() || c == '\u{00AD}' {
                continue;
            }
            break;
        }
        if folded_c.is_empty() {
            continue;
        }
        // a mark on a letter of a code is noise, in NFC ("TTǵ") as in NFD ("TTg\u{301}")
        let c = if c.is_ascii() {
            c
        } else {
            unicode_normalization::UnicodeNormalization::nfd(std::iter::once(c))
                .next()
                .unwrap_or(c)
        };
        if c.is_lowercase() {
            let mut w = written.clone();
            w.push(c);
            let fw = fold_str(&w);
            let fits = lex
                .mixed_case
                .values()
                .any(|m| fold_str(m).starts_with(&fw) && m.starts_with(&w));
            if !fits {
                break;
            }
        }
        written.push(c);
        n += folded_c.len();
    }
    n.min(fe - fs)
}

fn is_party_issuer(folded: &str) -> bool {
    lexicon().issuer_kind(folded).1
}

/// Finds every symbol-shaped string in the folded text.
pub fn find_symbols(f: &Folded) -> Vec<FoundSymbol> {
    let lex = lexicon();
    let t = f.text.as_bytes();
    let mut out = Vec::new();
    // every symbol has a '/': the regex runs only in small windows around them
    let re = symbol_re();
    let mut last_end = 0;
    let mut found: Vec<regex::Captures> = Vec::new();
    for slash in memchr::memchr_iter(b'/', t) {
        if slash < last_end {
            continue;
        }
        let mut from = slash.saturating_sub(20).max(last_end);
        while !f.text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (slash + 48).min(t.len());
        while !f.text.is_char_boundary(to) {
            to += 1;
        }
        let hay = &f.text[..to];
        let mut at = from;
        while let Some(c) = re.captures_at(hay, at) {
            let m = c.get(0).unwrap();
            if m.end() <= slash {
                at = m.end();
                continue;
            }
            if m.start() <= slash {
                last_end = m.end();
                found.push(c);
            }
            break;
        }
    }
    for c in found {
        let m = c.get(0).unwrap();
        let (s, mut e) = (m.start(), m.end());
        // the number must start a token: not "03/6/2013", "a12-..." or "1.234"
        if s > 0 {
            let p = t[s - 1];
            if p.is_ascii_alphanumeric() || matches!(p, b'/' | b'-' | b'.' | b'_') {
                continue;
            }
        }
        let num = c.name("num").unwrap();
        // "66.4/2025/NQ-CP": a dotted number only in a normative State symbol
        if num.as_str().contains('.') && c.name("year").is_none() {
            continue;
        }
        let mut warnings = Vec::new();
        // OCR reads 1 as l or I and 0 as O: "l69/KH-UBND", "O8-KH/ĐUK"
        let ocr_number = num.as_str().contains(['l', 'i', 'o']);
        if ocr_number {
            warnings.push(format!(
                "number read as {} (OCR confusion)",
                num.as_str().replace(['l', 'i'], "1").replace('o', "0")
            ));
        }
        // The last code of the symbol may have a word glued to it; cut it back.
        let last = ["ni", "law", "gl", "pi", "si", "cv"]
            .iter()
            .find_map(|n| c.name(n))
            .unwrap();
        let mut keep = code_len(f, last.start(), last.end());
        if keep == 0 {
            continue;
        }
        // a joint Party issuer ("BTCTW-BTGTW") joins known codes; anything else after a "-" is
        // the text going on
        if c.name("pi").is_some() {
            let pi = &f.text[last.start()..last.start() + keep];
            if let Some(dash) = pi.find('-')
                && !pi[dash + 1..]
                    .split('-')
                    .all(|p| lex.issuers.contains_key(p) || is_party_issuer(p))
            {
                keep = dash;
            }
        }
        // "07/TTr-TT.HĐND" (Thường trực HĐND): a dot only before a known code in capitals,
        // else the sentence ends there ("…/QĐ-UBND.Theo")
        if let Some(dot) = f.text[last.start()..last.start() + keep].find('.') {
            let after = &f.text[last.start() + dot + 1..last.start() + keep];
            let head = after.split('-').next().unwrap_or("");
            if !lex.issuers.contains_key(head)
                || f.has_lower(last.start() + dot + 1, last.start() + keep)
            {
                keep = dot;
            }
        }
        let cut = keep < last.end() - last.start();
        if cut {
            e = last.start() + keep;
        } else if t.get(e).is_some_and(|b| b.is_ascii_alphanumeric())
            // "77/2015/QH13của Quốc hội": a word glued to a code that ends in digits
            && !(t[e - 1].is_ascii_digit() && GLUED_WORDS.iter().any(|w| f.text[e..].starts_with(w)))
        {
            continue;
        }
        let last_code = &f.text[last.start()..last.start() + keep];
        let code = |name: &str| {
            c.name(name).map(|g| {
                let (gs, ge) = if g.start() == last.start() {
                    (g.start(), g.start() + keep)
                } else {
                    (g.start(), g.end())
                };
                let written = f.display(gs, ge);
                joined_code(&f.text[gs..ge], &written)
            })
        };
        let number = f.text[num.start()..num.end()]
            .replace(['l', 'i'], "1")
            .replace('o', "0");
        let mut needs_cv_cue = false;
        let symbol = if let Some(y) = c.name("year") {
            let year: u16 = y.as_str().parse().unwrap_or(0);
            if let Some(law) = c.name("law") {
                // OCR reads Q as O: "22/2023/OH15"
                let mut issuer = lex.canonical_code(last_code, &f.display(last.start(), e));
                if law.as_str().contains("oh") {
                    issuer = law.as_str().replacen("oh", "qh", 1).to_uppercase();
                    warnings.push(format!("issuer read as {issuer} (OCR confusion)"));
                }
                Symbol {
                    family: Family::Law,
                    number,
                    year: Some(year),
                    type_code: None,
                    issuer,
                }
            } else if c.name("gl").is_some() {
                // "61/2018/NĐCP": a conversion dropped the hyphen
                let Some(k) = glued_split(last_code) else {
                    continue;
                };
                let written = f.display(last.start(), last.start() + keep);
                warnings.push(format!(
                    "symbol written without its hyphen: {}",
                    f.display(s, e)
                ));
                Symbol {
                    family: Family::State,
                    number,
                    year: Some(year),
                    type_code: Some(joined_code(
                        &last_code[..k],
                        &written[..char_at(&written, k)],
                    )),
                    issuer: joined_code(&last_code[k..], &written[char_at(&written, k)..]),
                }
            } else {
                let nt = c.name("nt").unwrap().as_str();
                if !lex.is_type_code(nt) {
                    continue;
                }
                if f.text[c.name("nt").unwrap().end()..]
                    .trim_start()
                    .starts_with('/')
                {
                    warnings.push(format!(
                        "symbol written with '/' between type and issuer: {}",
                        f.display(s, e)
                    ));
                }
                Symbol {
                    family: Family::State,
                    number,
                    year: Some(year),
                    type_code: code("nt"),
                    issuer: code("ni").unwrap_or_default(),
                }
            }
        } else if c.name("cv").is_some()
            && !cut
            && let Some(k) = glued_split(last_code)
        {
            // "2468/QĐUBND", "30c/NQCP": a type and an issuer that a conversion joined
            let written = f.display(last.start(), last.start() + keep);
            warnings.push(format!(
                "symbol written without its hyphen: {}",
                f.display(s, e)
            ));
            let (tc, iss) = (&last_code[..k], &last_code[k..]);
            Symbol {
                family: if is_party_issuer(iss) {
                    Family::Party
                } else {
                    Family::State
                },
                number,
                year: None,
                type_code: Some(joined_code(tc, &written[..char_at(&written, k)])),
                issuer: joined_code(iss, &written[char_at(&written, k)..]),
            }
        } else if c.name("cv").is_some() {
            // "văn bản số 1102/QDPTTCHC": a công văn whose symbol has no unit, written in capitals
            if cut {
                continue;
            }
            needs_cv_cue = true;
            Symbol {
                family: Family::State,
                number,
                year: None,
                type_code: None,
                issuer: code("cv").unwrap_or_default(),
            }
        } else if let Some(pt) = c.name("pt") {
            let pi = &f.text[c.name("pi").unwrap().start()..e];

            // an unknown type code is accepted where the issuer is a Party one
            if !(lex.is_type_code(pt.as_str()) || is_party_issuer(pi)) {
                continue;
            }
            // "Quyết định số 84 QĐ/TWĐTN": a space for the hyphen, only right after "số" and
            // with a known type code (not "có 12 NQ/HĐND")
            if !f.text[num.end()..pt.start()].contains('-') {
                let before = f.text[..s].trim_end_matches(' ');
                let after_so = before.ends_with(" so") || before.ends_with(" so:");
                if !(after_so && lex.is_type_code(pt.as_str())) {
                    continue;
                }
                warnings.push(format!(
                    "symbol written without its hyphen: {}",
                    f.display(s, e)
                ));
            }
            Symbol {
                family: Family::Party,
                number,
                year: None,
                type_code: code("pt"),
                issuer: code("pi").unwrap_or_default(),
            }
        } else {
            let st = c.name("st").unwrap().as_str();
            let si = &f.text[c.name("si").unwrap().start()..e];
            if lex.is_type_code(st) {
                if is_party_issuer(si) && !si.contains('-') {
                    // "25/NQ-TW": a Party symbol in State spelling
                    warnings.push(format!(
                        "Party symbol written in State form: {}",
                        f.display(s, e)
                    ));
                    Symbol {
                        family: Family::Party,
                        number,
                        year: None,
                        type_code: code("st"),
                        issuer: code("si").unwrap_or_default(),
                    }
                } else {
                    Symbol {
                        family: Family::State,
                        number,
                        year: None,
                        type_code: code("st"),
                        issuer: code("si").unwrap_or_default(),
                    }
                }
            } else {
                // N/ISSUER-UNIT: a State công văn
                needs_cv_cue = true;
                let iss = code("st").unwrap_or_default();
                let unit = code("si").unwrap_or_default();
                Symbol {
                    family: Family::State,
                    number,
                    year: None,
                    type_code: None,
                    issuer: format!("{iss}-{unit}"),
                }
            }
        };
        // OCR reads W as VV ("NQ/TVV"): an unknown issuer that is a known one with W
        let mut symbol = symbol;
        if symbol.issuer.contains("VV") {
            let fixed = symbol.issuer.replace("VV", "W");
            let kind = lex.issuer_kind(&fold_str(&fixed));
            let known_fixed = lex.issuers.contains_key(&fold_str(&fixed)) || kind.1;
            if known_fixed && !lex.issuers.contains_key(&fold_str(&symbol.issuer)) {
                warnings.push(format!("issuer read as {fixed} (OCR confusion)"));
                symbol.issuer = fixed;
            }
        }
        // "Chỉ thị số 05-CT/TƯ": "TƯ" abbreviates Trung ương, which folding would read as TU (Tỉnh
        // ủy); the horn tells them apart ("BTCTƯ" is BTCTW too)
        if symbol.family == Family::Party && symbol.issuer.ends_with("TU") {
            let written = f.display(last.start(), last.start() + keep).to_uppercase();
            if written.ends_with("TƯ") {
                let fixed = format!("{}TW", &symbol.issuer[..symbol.issuer.len() - 2]);
                warnings.push(format!("issuer written {written}, read as {fixed}"));
                symbol.issuer = fixed;
            }
        }
        out.push(FoundSymbol {
            start: s,
            end: e,
            number_end: num.end(),
            symbol,
            needs_cv_cue,
            warnings,
        });
    }
    out
}

/// Where a type code and an issuer code that lost the hyphen between them part ("qdubnd" at 2,
/// "ndcp" at 2, "ttvpcp" at 2): the type is a known code and the issuer a known one, the longest
/// type first.
fn glued_split(folded: &str) -> Option<usize> {
    let lex = lexicon();
    (2..folded.len().saturating_sub(1)).rev().find(|&k| {
        folded.is_char_boundary(k)
            && lex.is_type_code(&folded[..k])
            && lex.issuers.contains_key(&folded[k..])
    })
}

/// Byte offset of the `k`-th char of `s` (a code's folded form has one byte per written char).
fn char_at(s: &str, k: usize) -> usize {
    s.char_indices().nth(k).map_or(s.len(), |(i, _)| i)
}

/// Canonical spelling of a code that may have joint parts (`BNV-BTC`, `UBND-VX`).
fn joined_code(folded: &str, written: &str) -> String {
    let lex = lexicon();
    let wparts: Vec<&str> = written.split('-').map(str::trim).collect();
    folded
        .split('-')
        .map(str::trim)
        .enumerate()
        .map(|(i, p)| lex.canonical_code(p, wparts.get(i).copied().unwrap_or(p)))
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syms(s: &str) -> Vec<String> {
        find_symbols(&Folded::new(s))
            .into_iter()
            .map(|f| f.symbol.to_string())
            .collect()
    }

    #[test]
    fn shapes() {
        assert_eq!(syms("Nghị quyết số 25-NQ/TW"), ["25-NQ/TW"]);
        assert_eq!(syms("Số 08 - NQ/ĐUK"), ["08-NQ/ĐUK"]);
        assert_eq!(syms("25 - NQ / TW"), ["25-NQ/TW"]);
        assert_eq!(syms("Chương trình số 27-CTr/TU"), ["27-CTr/TU"]);
        assert_eq!(syms("Nghị định số 04/2015/NĐ/CP"), ["04/2015/NĐ-CP"]);
        assert_eq!(syms("Quyết định số 1619/QĐ-TTg"), ["1619/QĐ-TTg"]);
        assert_eq!(syms("Luật số 59/2020/QH14"), ["59/2020/QH14"]);
        assert_eq!(syms("35/2025/QĐ-TTgcủa Thủ tướng"), ["35/2025/QĐ-TTg"]);
        assert_eq!(syms("Luật số 77/2015/QH13của Quốc hội"), ["77/2015/QH13"]);
        assert_eq!(syms("Nghị định số 58/2024/NĐ-CР"), ["58/2024/NĐ-CP"]);
        assert_eq!(syms("số 05 /2025/QĐ-UBND"), ["05/2025/QĐ-UBND"]);
        assert_eq!(syms("Công văn 1234/UBND-VX"), ["1234/UBND-VX"]);
        // devset 28: OCR's O for Q in a law's code
        assert_eq!(syms("Luật Đấu thầu số 22/2023/OH15"), ["22/2023/QH15"]);
        assert_eq!(syms("Nghị quyết số 27/NQ- UBTVQH15"), ["27/NQ-UBTVQH15"]);
        assert_eq!(syms("25/NQ-TW"), ["25-NQ/TW"]);
        assert_eq!(syms("nghi quyet so 57-nq/tw ngay"), ["57-NQ/TW"]);
        assert_eq!(
            syms("Hướng dẫn số 06-HD/BTCTW-BTGTW, ngày"),
            ["06-HD/BTCTW-BTGTW"]
        );
        assert_eq!(syms("Nghị quyết số 25-NQ/TW-ngày 03/6/2013"), ["25-NQ/TW"]);
    }

    #[test]
    fn not_symbols() {
        assert!(syms("ngày 03/6/2013, 5.120 đảng viên, quý III/2025, 2021-2025").is_empty());
        assert!(syms("mẫu số 01-ĐĐN-CT, tỷ lệ 1/3, điện thoại 0232-3822").is_empty());
    }

    #[test]
    fn identity_ignores_zeros() {
        let a = Symbol::parse("01-KL/TW").unwrap();
        let b = Symbol::parse("1 - kl/tw").unwrap();
        assert_eq!(a.id(), b.id());
        assert_eq!(a.to_string(), "01-KL/TW");
    }
}
