//! The Vietnamese lexicon: type names and codes, issuer codes and bodies, cue words, places and law
//! names. Everything language-specific that the extractor matches lives in the `.tsv` tables next to
//! this file; this module only loads them (once) into lookup structures keyed by folded text.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::text::fold_str;

/// Whether a document code belongs to Party symbols, State symbols, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Party,
    State,
    Both,
}

/// A document type code such as `NQ` or `CTr`.
#[derive(Clone, Debug)]
pub struct TypeCode {
    pub code: &'static str,
    pub side: Side,
    /// Type names written for this code; the first is canonical.
    pub names: Vec<&'static str>,
}

/// Whether an issuer is one for the whole country or one of many local ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Central,
    Local,
}

#[derive(Clone, Debug)]
pub struct Issuer {
    pub code: &'static str,
    pub scope: Scope,
    pub party: bool,
    pub names: Vec<&'static str>,
}

/// A cue phrase and the relation it signals.
#[derive(Clone, Debug)]
pub struct Cue {
    /// the phrase as the table writes it, with its marks
    pub written: &'static str,
    pub folded: String,
    pub relation: &'static str,
    pub rank: u8,
}

pub struct Lexicon {
    /// folded code -> type code
    pub types: HashMap<String, TypeCode>,
    /// folded type name -> codes it may stand for
    pub type_names: HashMap<String, Vec<&'static str>>,
    /// folded type names, longest first (for matching before a number)
    pub type_names_by_len: Vec<(String, &'static str)>,
    pub generic_types: HashSet<String>,
    /// folded issuer code -> issuer
    pub issuers: HashMap<String, Issuer>,
    /// A central issuer's folded names (also with and without a last "Đảng") -> its code; the
    /// first row of `issuers.tsv` that has a name wins, so the answer never depends on hashing.
    central_names: HashMap<String, &'static str>,
    /// A local Party issuer's names as folded words -> the codes that have that name.
    local_party_names: HashMap<String, Vec<&'static str>>,
    pub issuer_suffixes: Vec<(String, Scope, bool)>,
    /// codes written in mixed case (`TTg`, `CTr`), by folded form
    pub mixed_case: HashMap<String, &'static str>,
    pub cues: Vec<Cue>,
    /// first word of a cue phrase -> the cues starting with it
    pub cue_first: HashMap<String, Vec<usize>>,
    /// first byte of a cue of two or more words -> those cues, in table order (a damaged cue is
    /// looked for at every word that starts none)
    pub phrase_cues_by_byte: Vec<Vec<usize>>,
    /// last words of type names (a number after one may be a citation's)
    pub type_last_words: HashSet<String>,
    /// folded place spelling (as words) -> canonical place
    pub places: Vec<(Vec<String>, &'static str)>,
    /// law names as folded word lists, longest first
    pub laws: Vec<(Vec<String>, &'static str)>,
    pub body_heads: Vec<Vec<String>>,
    /// Whole names of issuing bodies (folded, longest first): those of `issuers.tsv`, and each
    /// ministry's name as its provincial department's ("Bộ/Sở Nông nghiệp và Phát triển nông
    /// thôn"), read whole where their commas, dashes and lower-case words would end a name.
    pub body_names: Vec<String>,
    /// Offices held for a body (see `offices.tsv`), folded, longest first.
    pub offices: Vec<String>,
    /// Ordinals in words (see `ordinals.tsv`): folded words -> number.
    pub ordinals: HashMap<String, u32>,
    pub connectors: HashSet<String>,
    /// Party terms and the (year, month, day) each began, oldest first.
    pub terms: Vec<(&'static str, (u16, u8, u8))>,
    /// Folded words that make a body a local one (see `local_words.tsv`).
    pub local_words: Vec<Vec<String>>,
    /// Folded phrases of web portals' own text (see `boilerplate.tsv`), searched together.
    pub boilerplate: aho_corasick::AhoCorasick,
    /// Folded openings of a portal's closing sentence, and whether the sentence must name the
    /// document (see `portal_closings.tsv`).
    pub portal_closings: Vec<(String, bool)>,
    /// Folded endings of a portal's line that opens a quotation (see `portal_quotes.tsv`).
    pub portal_quotes: Vec<String>,
    /// Folded fields a steering committee is "về", longest first (see `body_fields.tsv`).
    pub body_fields: Vec<String>,
    /// The words of a date with their damaged spellings (see `date_words.tsv`).
    pub date_words: HashMap<&'static str, Vec<&'static str>>,
    /// Words of a body's name and the level of government they mark, longest first.
    pub levels: Vec<(Vec<String>, &'static str)>,
}

fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// The first column of a table, folded: phrases matched as written but without diacritics.
fn folded_phrases(table: &'static str) -> Vec<String> {
    rows(table).map(|r| fold_str(r[0])).collect()
}

/// Folded words of a phrase, punctuation dropped: "Cán bộ, công chức" -> [can, bo, cong, chuc].
pub fn words(s: &str) -> Vec<String> {
    fold_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut types = HashMap::new();
        let mut type_names: HashMap<String, Vec<&'static str>> = HashMap::new();
        let mut mixed_case = HashMap::new();
        for r in rows(include_str!("types.tsv")) {
            let side = match r[1] {
                "party" => Side::Party,
                "state" => Side::State,
                _ => Side::Both,
            };
            let names: Vec<&'static str> = r[2].split('|').collect();
            for n in &names {
                type_names.entry(fold_str(n)).or_default().push(r[0]);
            }
            if r[0].chars().any(|c| c.is_lowercase()) {
                mixed_case.insert(fold_str(r[0]), r[0]);
            }
            types.insert(
                fold_str(r[0]),
                TypeCode {
                    code: r[0],
                    side,
                    names,
                },
            );
        }
        let generic_types: HashSet<String> = rows(include_str!("generic_types.tsv"))
            .map(|r| fold_str(r[0]))
            .collect();
        for g in &generic_types {
            type_names.entry(g.clone()).or_default();
        }
        let mut type_names_by_len: Vec<(String, &'static str)> = Vec::new();
        for r in rows(include_str!("types.tsv")) {
            for n in r[2].split('|') {
                type_names_by_len.push((fold_str(n), n));
            }
        }
        for r in rows(include_str!("generic_types.tsv")) {
            type_names_by_len.push((fold_str(r[0]), r[0]));
        }
        type_names_by_len.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        type_names_by_len.dedup_by(|a, b| a.0 == b.0);

        let mut issuers = HashMap::new();
        let mut central_names: HashMap<String, &'static str> = HashMap::new();
        let mut local_party_names: HashMap<String, Vec<&'static str>> = HashMap::new();
        let mut name_variants = Vec::new();
        for r in rows(include_str!("issuers.tsv")) {
            for n in r[3].split('|') {
                if r[1] == "local" {
                    if r[2] == "party" {
                        let codes = local_party_names.entry(words(n).join(" ")).or_default();
                        if !codes.contains(&r[0]) {
                            codes.push(r[0]);
                        }
                    }
                    continue;
                }
                let f = fold_str(n).trim().to_string();
                if let Some(x) = f.strip_suffix(" dang") {
                    name_variants.push((x.to_string(), r[0]));
                }
                name_variants.push((format!("{f} dang"), r[0]));
                central_names.entry(f).or_insert(r[0]);
            }
            if r[0].chars().any(|c| c.is_lowercase()) {
                mixed_case.insert(fold_str(r[0]), r[0]);
            }
            issuers.insert(
                fold_str(r[0]),
                Issuer {
                    code: r[0],
                    scope: if r[1] == "local" {
                        Scope::Local
                    } else {
                        Scope::Central
                    },
                    party: r[2] == "party",
                    names: r[3].split('|').collect(),
                },
            );
        }
        let mut issuer_suffixes: Vec<(String, Scope, bool)> =
            rows(include_str!("issuer_suffixes.tsv"))
                .map(|r| {
                    let scope = if r[1] == "local" {
                        Scope::Local
                    } else {
                        Scope::Central
                    };
                    (fold_str(r[0]), scope, r[2] == "party")
                })
                .collect();
        issuer_suffixes.sort_by_key(|(s, _, _)| std::cmp::Reverse(s.len()));
        // a name as written beats another issuer's name with or without "Đảng"
        for (n, code) in name_variants {
            central_names.entry(n).or_insert(code);
        }

        let cues: Vec<Cue> = rows(include_str!("cues.tsv"))
            .map(|r| Cue {
                written: r[0],
                folded: fold_str(r[0]),
                relation: r[1],
                rank: r[2].parse().unwrap_or(0),
            })
            .collect();
        let mut cue_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in cues.iter().enumerate() {
            let first = c
                .folded
                .split(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            cue_first.entry(first.to_string()).or_default().push(i);
        }
        let mut phrase_cues_by_byte: Vec<Vec<usize>> = vec![Vec::new(); 256];
        for (i, c) in cues.iter().enumerate() {
            if c.folded.contains(' ') {
                phrase_cues_by_byte[c.folded.as_bytes()[0] as usize].push(i);
            }
        }
        let type_last_words = type_names_by_len
            .iter()
            .filter_map(|(f, _)| f.rsplit(' ').next().map(str::to_string))
            .collect();

        let mut places = Vec::new();
        for r in rows(include_str!("provinces.tsv")) {
            places.push((words(r[0]), r[0]));
            if let Some(other) = r.get(1) {
                for o in other.split('|') {
                    places.push((words(o), r[0]));
                }
            }
        }
        places.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));

        let mut laws: Vec<(Vec<String>, &'static str)> = rows(include_str!("laws.tsv"))
            .map(|r| (words(r[0]), r.get(1).copied().unwrap_or(r[0])))
            .collect();
        laws.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));

        let body_heads = rows(include_str!("bodies.tsv"))
            .map(|r| words(r[0]))
            .collect();
        let mut body_names: Vec<String> = issuers
            .values()
            .flat_map(|i: &Issuer| i.names.iter())
            .flat_map(|n| {
                let n = fold_str(n);
                let dept = n.strip_prefix("bo ").map(|r| format!("so {r}"));
                // "Sở Nông nghiệp & Phát triển nông thôn"
                // "Bộ Lao động, Thương binh và Xã hội"
                let amp: Vec<String> = std::iter::once(n.clone())
                    .chain(dept.clone())
                    .flat_map(|x| {
                        let a = x.contains(" va ").then(|| x.replacen(" va ", " & ", 1));
                        let c = x.contains(" - ").then(|| x.replacen(" - ", ", ", 1));
                        a.into_iter().chain(c)
                    })
                    .collect();
                std::iter::once(n).chain(dept).chain(amp)
            })
            .collect();
        body_names.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        body_names.dedup();
        let mut offices: Vec<String> = rows(include_str!("offices.tsv"))
            .map(|r| fold_str(r[0]))
            .collect();
        offices.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        offices.dedup();
        let ordinals = rows(include_str!("ordinals.tsv"))
            .filter_map(|r| Some((fold_str(r[0]), r[1].parse().ok()?)))
            .collect();
        let connectors = rows(include_str!("connectors.tsv"))
            .map(|r| fold_str(r[0]))
            .collect();
        let terms = rows(include_str!("terms.tsv"))
            .filter_map(|r| {
                let d: Vec<u32> = r[1].split('-').filter_map(|x| x.parse().ok()).collect();
                (d.len() == 3).then(|| (r[0], (d[0] as u16, d[1] as u8, d[2] as u8)))
            })
            .collect();
        let boilerplate = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(rows(include_str!("boilerplate.tsv")).map(|r| fold_str(r[0])))
            .expect("boilerplate phrases");
        let portal_closings = rows(include_str!("portal_closings.tsv"))
            .map(|r| (fold_str(r[0]), r.get(1) == Some(&"names")))
            .collect();
        let portal_quotes = folded_phrases(include_str!("portal_quotes.tsv"));
        let mut body_fields = folded_phrases(include_str!("body_fields.tsv"));
        body_fields.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let local_words = rows(include_str!("local_words.tsv"))
            .map(|r| words(r[0]))
            .collect();
        let mut levels: Vec<(Vec<String>, &'static str)> = rows(include_str!("levels.tsv"))
            .map(|r| (words(r[0]), r[1]))
            .collect();
        levels.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let date_words = rows(include_str!("date_words.tsv"))
            .map(|r| (r[0], r.clone()))
            .collect();
        Lexicon {
            levels,
            date_words,
            local_words,
            boilerplate,
            portal_closings,
            portal_quotes,
            body_fields,
            cue_first,
            phrase_cues_by_byte,
            type_last_words,
            terms,
            types,
            type_names,
            type_names_by_len,
            generic_types,
            issuers,
            central_names,
            local_party_names,
            issuer_suffixes,
            mixed_case,
            cues,
            places,
            laws,
            body_heads,
            body_names,
            offices,
            ordinals,
            connectors,
        }
    }

    /// A regex alternation of a date word ("ngay") and its damaged spellings: `(?:ngay|ngy)`.
    pub fn date_word(&self, word: &str) -> String {
        match self.date_words.get(word) {
            Some(all) => format!(
                "(?:{})",
                all.iter()
                    .map(|w| regex::escape(w))
                    .collect::<Vec<_>>()
                    .join("|")
            ),
            None => word.to_string(),
        }
    }

    /// `pattern` with each `{ngay}`, `{thang}`, `{nam}` replaced by [`Lexicon::date_word`].
    pub fn date_pattern(&self, pattern: &str) -> String {
        ["ngay", "thang", "nam"]
            .iter()
            .fold(pattern.to_string(), |p, w| {
                p.replace(&format!("{{{w}}}"), &self.date_word(w))
            })
    }

    /// Canonical spelling of a code seen in folded form: table spelling if known, else upper case.
    pub fn canonical_code(&self, folded: &str, as_written: &str) -> String {
        if let Some(m) = self.mixed_case.get(folded) {
            return (*m).to_string();
        }
        if let Some(t) = self.types.get(folded) {
            return t.code.to_string();
        }
        if let Some(i) = self.issuers.get(folded) {
            return i.code.to_string();
        }
        crate::text::clean(as_written).to_uppercase()
    }

    /// Scope and side of an issuer code, from the table, its ending, or (for `QH14`-like codes) its stem.
    pub fn issuer_kind(&self, folded: &str) -> (Scope, bool) {
        // Joint or unit-suffixed codes (`UBND-VX`, `BNV-BTC`) take the kind of their first part.
        let head = folded.split('-').next().unwrap_or(folded);
        if let Some(i) = self.issuers.get(head) {
            return (i.scope, i.party);
        }
        let stem = head.trim_end_matches(|c: char| c.is_ascii_digit());
        if let Some(i) = self.issuers.get(stem) {
            return (i.scope, i.party);
        }
        for (suf, scope, party) in &self.issuer_suffixes {
            if head.ends_with(suf.as_str()) {
                return (*scope, *party);
            }
        }
        (Scope::Central, false)
    }

    /// The Party term a date falls in.
    pub fn term_of(&self, ymd: (u16, u8, u8)) -> Option<&'static str> {
        self.terms
            .iter()
            .rev()
            .find(|(_, start)| *start <= ymd)
            .map(|(t, _)| *t)
    }

    /// The code of the central issuer a body's name stands for ("Bộ Chính trị" is TW, "Chính phủ"
    /// is CP), for short forms that name their issuer instead of writing the code.
    pub fn central_issuer_of(&self, body: &str) -> Option<&'static str> {
        self.central_names.get(fold_str(body).trim()).copied()
    }

    /// The code of the issuer a body's name stands for, central or local Party ("Ban Thường vụ
    /// Tỉnh ủy Yên Bái" is TU): the name with the place after it dropped, when it names one code
    /// only ("Thành ủy" is TU or TPU: none).
    pub fn issuer_of(&self, body: &str) -> Option<&'static str> {
        if let Some(c) = self.central_issuer_of(body) {
            return Some(c);
        }
        const LEVELS: &[&str] = &[
            "tinh",
            "thanh pho",
            "huyen",
            "quan",
            "thi xa",
            "xa",
            "phuong",
        ];
        let mut ws = words(body);
        let place = self
            .places
            .iter()
            .filter(|(p, _)| !p.is_empty() && ws.len() > p.len() && ws.ends_with(p))
            .map(|(p, _)| p.len())
            .max();
        if let Some(n) = place {
            ws.truncate(ws.len() - n);
        }
        let mut b = ws.join(" ");
        for l in LEVELS {
            if let Some(x) = b.strip_suffix(&format!(" {l}")) {
                b = x.to_string();
                break;
            }
        }
        // a State body's documents may or may not carry a year ("15/NQ-HĐND",
        // "15/2020/NQ-HĐND"): only a Party code makes the symbol
        match self.local_party_names.get(&b)?.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The level of government of a document (Trung ương, Tỉnh, Huyện, Xã), from its body's name,
    /// else from its issuer code when that is central.
    pub fn level_of(&self, body: Option<&str>, issuer: Option<&str>) -> Option<&'static str> {
        if let Some(b) = body {
            let ws = words(b);
            for at in 0..ws.len() {
                for (l, level) in &self.levels {
                    if ws[at..].starts_with(l) {
                        return Some(level);
                    }
                }
            }
        }
        let code = fold_str(issuer?);
        if self.issuer_kind(&code).0 == Scope::Central {
            return Some("Trung ương");
        }
        // a local code names its body: TU is a province's committee, HU a district's
        let head = code.split('-').next().unwrap_or(&code);
        let names = &self.issuers.get(head)?.names;
        names.iter().find_map(|n| self.level_of(Some(n), None))
    }

    /// Whether a body is a local one (a province's, a district's, a department's).
    pub fn is_local_body(&self, body: &str) -> bool {
        let ws = words(body);
        self.local_words
            .iter()
            .any(|l| !l.is_empty() && ws.windows(l.len()).any(|w| w == l.as_slice()))
    }

    /// A type name in its usual spelling ("BÁO CÁO" is "Báo cáo"), or as given when unknown.
    pub fn type_display(&self, name: &str) -> String {
        let f = fold_str(name);
        self.type_names_by_len
            .iter()
            .find(|(n, _)| *n == f)
            .map(|(_, w)| w.to_string())
            .unwrap_or_else(|| name.to_string())
    }

    /// The usual spelling of a central body written another way ("BỘ CHÍNH TRỊ").
    pub fn body_name(&self, body: &str) -> Option<&'static str> {
        let b = fold_str(body);
        self.issuers
            .values()
            .flat_map(|i| i.names.iter())
            .find(|n| fold_str(n) == b)
            .copied()
    }

    pub fn is_type_code(&self, folded: &str) -> bool {
        self.types.contains_key(folded)
    }

    /// The canonical type name for a code.
    pub fn type_name(&self, code_folded: &str) -> Option<&'static str> {
        self.types.get(code_folded).map(|t| t.names[0])
    }

    /// Whether a type name as written agrees with a code (generic names agree with every code).
    pub fn name_fits_code(&self, name_folded: &str, code_folded: &str) -> bool {
        if self.generic_types.contains(name_folded) {
            return true;
        }
        match (
            self.type_names.get(name_folded),
            self.types.get(code_folded),
        ) {
            (Some(codes), Some(t)) => codes.contains(&t.code),
            _ => true,
        }
    }
}

pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::lexicon;

    #[test]
    fn levels_of_government() {
        let l = lexicon();
        let of = |b: &str| l.level_of(Some(b), None);
        assert_eq!(of("Đảng ủy xã Quảng Hòa, huyện Quảng Trạch"), Some("Xã"));
        assert_eq!(of("Ban Thường vụ Huyện ủy Lệ Thủy"), Some("Huyện"));
        assert_eq!(of("UBND thị xã Ba Đồn"), Some("Huyện"));
        assert_eq!(of("Ban Thường vụ Tỉnh ủy"), Some("Tỉnh"));
        assert_eq!(of("Sở Tài chính"), Some("Tỉnh"));
        assert_eq!(of("Ban Chấp hành Trung ương Đảng"), Some("Trung ương"));
        assert_eq!(l.level_of(None, Some("TTg")), Some("Trung ương"));
        assert_eq!(l.level_of(Some("Ban Tuyên giáo"), Some("TU")), Some("Tỉnh"));
        assert_eq!(l.level_of(None, Some("HU")), Some("Huyện"));
        assert_eq!(l.level_of(None, Some("ĐUK")), None);
    }

    #[test]
    fn issuers_by_name() {
        let l = lexicon();
        // as written, in any case and marks, with or without a last "Đảng"
        assert_eq!(l.central_issuer_of("Bộ Chính trị"), Some("TW"));
        assert_eq!(
            l.central_issuer_of(" BAN CHẤP HÀNH TRUNG ƯƠNG "),
            Some("TW")
        );
        assert_eq!(
            l.central_issuer_of("Ban Chấp hành Trung ương Đảng"),
            Some("TW")
        );
        assert_eq!(l.central_issuer_of("Chính phủ"), Some("CP"));
        assert_eq!(l.central_issuer_of("Bộ GD&ĐT"), Some("BGDĐT"));
        assert_eq!(l.central_issuer_of("Tỉnh ủy"), None);
        // a local Party body with its place dropped, when its name is one code's only
        assert_eq!(l.issuer_of("Ban Thường vụ Tỉnh ủy Yên Bái"), Some("TU"));
        assert_eq!(l.issuer_of("Tỉnh ủy Quảng Bình"), Some("TU"));
        assert_eq!(l.issuer_of("Thành ủy"), None);
        assert_eq!(l.issuer_of("Bộ Chính trị"), Some("TW"));
        assert_eq!(l.issuer_of("Sở Tài chính"), None);
    }
}
