//! Unnumbered references to specific documents: Central Committee plenum resolutions ("Nghị quyết
//! Trung ương 4 (khóa XII)"), congress resolutions ("Nghị quyết Đại hội Đảng toàn quốc lần thứ
//! XIII"), laws by name ("Luật Đất đai (sửa đổi) năm 2024"), the Constitution and the Party Charter,
//! and references by title alone ("Nghị quyết về “…”").

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::context::{boundary_before, quoted, terms_at, type_before, year_at};
use crate::lexicon::lexicon;
use crate::text::Folded;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NamedKind {
    /// Resolution of the n-th plenum of the Central Committee.
    Plenum(String),
    /// Resolution of a congress: who held it (folded words) and its ordinal.
    Congress {
        of: String,
        ordinal: String,
    },
    /// A law by name (canonical name from the lexicon when known).
    Law {
        name: String,
    },
    Constitution,
    Charter,
    /// A Party document known by its name alone ("Cương lĩnh chính trị", "Quy chế làm việc của Ban
    /// Chấp hành Trung ương …"): the name, as identity.
    Titled(String),
    /// A document named only by its type and quoted title.
    TitleOnly,
}

#[derive(Clone, Debug)]
pub struct NamedRef {
    pub start: usize,
    pub end: usize,
    pub kind: NamedKind,
    pub type_name: Option<(usize, usize)>,
    pub terms: Vec<String>,
    pub year: Option<u16>,
    pub title: Option<(usize, usize)>,
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("named regex"))
}

fn roman_or_number(w: &str) -> bool {
    !w.is_empty()
        && (w.chars().all(|c| c.is_ascii_digit())
            || w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')))
}

pub fn find_named(f: &Folded) -> Vec<NamedRef> {
    let mut out = Vec::new();
    plenums(f, &mut out);
    congresses(f, &mut out);
    laws(f, &mut out);
    constitution_and_charter(f, &mut out);
    party_named(f, &mut out);
    title_only(f, &mut out);
    out.sort_by_key(|n| n.start);
    out
}

fn plenums(f: &Folded, out: &mut Vec<NamedRef>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"\bnghi quyet(?:,? (?:va )?ket luan)? (?:hoi nghi )?(?:(?:lan thu (?:(?P<a>\d{1,2}|[ivx]{1,5})|(?P<aw>(?:hai )?(?:muoi )?[a-z]{2,4})) )?(?:ban chap hanh )?trung uong(?: dang)?(?: (?:lan thu |lan )?(?P<b>\d{1,2}|[ivx]{1,5})\b)?)",
    );
    for c in r.captures_iter(&f.text) {
        // "lần thứ năm": the ordinal in words
        let num = if let Some(w) = c.name("aw") {
            match crate::lexicon::lexicon().ordinals.get(w.as_str()) {
                Some(v) => v.to_string(),
                None => continue,
            }
        } else {
            let Some(n) = c.name("a").or_else(|| c.name("b")) else {
                continue;
            };
            if n.as_str().chars().all(|c| c.is_ascii_digit()) {
                n.as_str().to_string()
            } else {
                roman_value(n.as_str()).to_string()
            }
        };
        let m = c.get(0).unwrap();
        let mut end = m.end();
        let mut terms = vec![];
        if let Some((t, e)) = terms_at(f, end) {
            terms = t;
            end = e;
        }
        out.push(NamedRef {
            start: m.start(),
            end,
            kind: NamedKind::Plenum(num),
            type_name: Some((m.start(), m.start() + "nghi quyet".len())),
            terms,
            year: None,
            title: None,
        });
    }
}

fn roman_value(s: &str) -> u32 {
    let v = |c| match c {
        'i' => 1,
        'v' => 5,
        'x' => 10,
        'l' => 50,
        _ => 0,
    };
    let cs: Vec<u32> = s.chars().map(v).collect();
    let mut total = 0;
    for i in 0..cs.len() {
        if i + 1 < cs.len() && cs[i] < cs[i + 1] {
            total -= cs[i] as i64;
        } else {
            total += cs[i] as i64;
        }
    }
    total.max(0) as u32
}

/// Words that end the name of the Party organisation after a congress's ordinal.
const ORG_STOP: &[&str] = &[
    "nhiem", "lan", "khoa", "ve", "va", "da", "duoc", "cua", "tai", "trong", "thuc", "nam", "giai",
    "de", "voi", "nhung", "cac",
];

fn congresses(f: &Folded, out: &mut Vec<NamedRef>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"\bnghi quyet dai hoi (?:(?P<of>[a-z ]{0,60}?) ?lan thu (?P<n>[ivxl]{1,6}|\d{1,2})\b|(?P<of2>(?:dai bieu )?(?:dang )?)(?P<n2>[ivxl]{1,6})\b(?: cua dang\b)?)",
    );
    for c in r.captures_iter(&f.text) {
        let m = c.get(0).unwrap();
        let n = c.name("n").or_else(|| c.name("n2")).unwrap();
        if !roman_or_number(n.as_str()) {
            continue;
        }
        let of = c
            .name("of")
            .or_else(|| c.name("of2"))
            .map(|g| g.as_str().trim())
            .unwrap_or("");
        if of.contains("cac cap") {
            continue;
        }
        // "Nghị quyết Đại hội XI Đảng bộ tỉnh, nhiệm kỳ 2020-2025": the organisation after the
        // ordinal makes it a local congress
        let mut end = m.end();
        let mut of = of.to_string();
        if of.is_empty() || of == "dang" || of == "dai bieu" {
            static ORG: OnceLock<Regex> = OnceLock::new();
            let org = re(
                &ORG,
                r"^ (?:cua )?(?:dai bieu )?(dang bo(?: (?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|khoi|quan doi|cong an))?(?: [a-z]+){0,4}?)(?: |,|\.|;|\)|$)",
            );
            if let Some(c) = org.captures(&f.text[end..]) {
                let g = c.get(1).unwrap();
                // the name stops at the first word that is no part of it
                let words: Vec<&str> = g
                    .as_str()
                    .split(' ')
                    .take_while(|w| !ORG_STOP.contains(w))
                    .collect();
                if words.len() >= 2 {
                    let name = words.join(" ");
                    end += g.start() + name.len();
                    of = name;
                }
            }
        }
        // "Đại hội đại biểu Đảng bộ tỉnh" and "Đại hội Đảng bộ tỉnh" are one congress
        let of = of.strip_prefix("dai bieu ").unwrap_or(&of);
        // a national congress is "(đại biểu) (Đảng) toàn quốc" or just "Đảng"; anything else names
        // a local Party organisation
        let national = {
            let w: Vec<&str> = of
                .split(' ')
                .filter(|w| !matches!(*w, "dai" | "bieu" | "" | "cua"))
                .collect();
            w.is_empty() || w == ["dang"] || w.ends_with(&["toan", "quoc"])
        };
        out.push(NamedRef {
            start: m.start(),
            end,
            kind: NamedKind::Congress {
                of: if national {
                    "toan quoc".into()
                } else {
                    of.to_string()
                },
                ordinal: n.as_str().to_uppercase(),
            },
            type_name: Some((m.start(), m.start() + "nghi quyet".len())),
            terms: vec![],
            year: None,
            title: None,
        });
    }
}

/// Words that end the name of a law not in the lexicon.
const LAW_NAME_STOP: &[&str] = &[
    "so", "nam", "ngay", "cua", "va", "duoc", "da", "theo", "tai", "thi", "la", "de", "ve",
    "trong", "voi", "cho", "quy", "nay", "hien", "hanh", "moi", "cac", "mot",
];

fn laws(f: &Folded, out: &mut Vec<NamedRef>) {
    let lex = lexicon();
    let t = &f.text;
    let mut from = 0;
    let finder = memchr::memmem::Finder::new("luat ");
    while let Some(i) = finder.find(&t.as_bytes()[from..]).map(|i| i + from) {
        from = i + 5;
        // "Luật …", or "Bộ luật …" (the official spelling keeps "luật" in lower case)
        let bo = t[..i].ends_with("bo ") && f.is_upper(i - 3);
        if !boundary_before(t, i) || !(f.is_upper(i) || bo) {
            continue;
        }
        let start = if bo { i - 3 } else { i };
        // "pháp Luật", "kỷ Luật", "dân Luật" in capitals are words, not a law ("hướng dẫn Luật
        // Đất đai" is one: the marks tell "dẫn" from "dân")
        let before = t[..start].trim_end();
        let word_before = before.rsplit(' ').next().unwrap_or("");
        if matches!(word_before, "phap" | "ky" | "dan") {
            let wb = before.len() - word_before.len();
            let written = f.written_lower(wb, before.len());
            if written != "dẫn" {
                continue;
            }
        }
        let ws = word_list(t, i + 5, 14);
        if ws.is_empty() {
            continue;
        }
        let w = |k: usize| &t[ws[k].0..ws[k].1];
        // the longest lexicon name that the next words spell, and where it ends
        let known = lex
            .laws
            .iter()
            .find_map(|(name, canon)| Some((spelled_by(name, &ws, t)?, canon)));
        let amending = amending_law(f, i);
        let (name, mut end) = match (amending, known) {
            // "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B": one law, the amending one
            (Some(e), _) => (amending_name(&f.display(i + 5, e)), e),
            (None, Some((e, canon))) => (canon.to_string(), e),
            (None, None) => {
                // not "Luật sư", "Luật Việt Nam", nor a legend row "Luật | NQ | Nghị quyết"
                let is_code =
                    |k: usize| lex.types.contains_key(w(k)) && !f.has_lower(ws[k].0, ws[k].1);
                if !f.is_upper(ws[0].0)
                    || matches!(w(0), "su" | "viet" | "nay")
                    || LAW_NAME_STOP.contains(&w(0))
                    || is_code(0)
                {
                    continue;
                }
                let mut k = 1;
                while k < ws.len().min(7)
                    && !LAW_NAME_STOP.contains(&w(k))
                    && !is_code(k)
                    && !lex
                        .type_names_by_len
                        .iter()
                        .any(|(n, _)| t[ws[k].0..].starts_with(n.as_str()) && f.is_upper(ws[k].0))
                    && !t[ws[k - 1].1..ws[k].0].contains([',', ';', '(', '"', '.'])
                {
                    k += 1;
                }
                let e = ws[k - 1].1;
                (law_name(&f.display(ws[0].0, e)), e)
            }
        };
        // "Bộ luật Lao động" is its own name, not "Luật Lao động"
        let name = if bo {
            format!("Bộ luật {name}")
        } else {
            name
        };
        // a numbered law ("Luật Lưu trữ số 33/2024/QH15") is the symbol's citation, not a named one
        let after = &t[end..];
        if after.starts_with(" so ") || after.starts_with(" so:") {
            continue;
        }
        let mut year = None;
        // "Luật Đất đai (sửa đổi)", "xây dựng Luật Bảo hiểm y tế sửa đổi.": the law as amended
        let mut amended = false;
        if let Some(rest) = t[end..].strip_prefix(" (sua doi")
            && let Some(close) = rest.find(')').filter(|&c| c < 20)
        {
            end += " (sua doi".len() + close + 1;
            amended = true;
        } else if amending.is_none()
            && let Some(rest) = t[end..].strip_prefix(" sua doi")
            && (rest.is_empty()
                || rest.starts_with(['.', ';', ':', ')'])
                || rest.starts_with(" nam ")
                || rest.starts_with(" ("))
        {
            end += " sua doi".len();
            amended = true;
        }
        if let Some((y, e)) = year_at(f, end) {
            year = Some(y);
            end = e;
        }
        // undated, it is not the law it amends: "Luật Bảo hiểm y tế (sửa đổi)" still to be drafted
        // is not the Law of 2008 (with its year, "(sửa đổi) năm 2024", it is that year's law)
        let name = if amended && year.is_none() {
            format!("{name} (sửa đổi)")
        } else {
            name
        };
        out.push(NamedRef {
            start,
            end,
            kind: NamedKind::Law { name },
            type_name: Some((start, i + 4)),
            terms: vec![],
            year,
            title: None,
        });
        from = end;
    }
}

/// Words that a lost space glues to the end of a law's name.
const GLUED_AFTER_NAME: &[&str] = &["ngay", "so", "nam"];

/// Where the folded words `ws` of `t` spell the law name `name` (its words folded), if they do.
/// A conversion loses spaces: two words of the name may be glued into one ("Luật Tổ chức Hội
/// đồngnhân dân và Ủy ban nhân dân"), and the last one to the word after it ("Luật tổ chức Chính
/// phủngày 25 …").
fn spelled_by(name: &[String], ws: &[(usize, usize)], t: &str) -> Option<usize> {
    let (mut k, mut j) = (0, 0);
    while k < name.len() {
        let &(a, b) = ws.get(j)?;
        let w = &t[a..b];
        let nw = name[k].as_str();
        if w == nw {
            k += 1;
        } else if let Some(rest) = w.strip_prefix(nw)
            && k + 1 < name.len()
            && rest == name[k + 1]
        {
            k += 2;
        } else if k + 1 == name.len()
            && w.strip_prefix(nw)
                .is_some_and(|g| GLUED_AFTER_NAME.contains(&g))
        {
            return Some(a + nw.len());
        } else {
            return None;
        }
        j += 1;
    }
    Some(ws[j - 1].1)
}

/// The full name of a law from its [`NamedKind::Law`] name ("Đất đai" is "Luật Đất đai", "Bộ luật
/// Lao động" is itself).
pub fn law_title(name: &str) -> String {
    if name.starts_with("Bộ luật") {
        name.to_string()
    } else {
        format!("Luật {name}")
    }
}

/// [`LAW_NAME_STOP`] as written with their marks: "tài sản" goes on where "tại" stops.
const LAW_NAME_STOP_WRITTEN: &[&str] = &[
    "số", "năm", "ngày", "của", "và", "được", "đã", "theo", "tại", "thì", "là", "để", "về",
    "trong", "với", "cho", "này", "hiện", "mới", "các", "một",
];

/// Whether the word at folded `a..b` ends a law's name.
fn name_stops(f: &Folded, a: usize, b: usize) -> bool {
    let folded = &f.text[a..b];
    if !LAW_NAME_STOP.contains(&folded) {
        return false;
    }
    // "quy" ends a name only as "quy định" ("… quy phạm pháp luật" goes on)
    if folded == "quy" {
        return f.text[b..].starts_with(" dinh");
    }
    let written = f.written_lower(a, b);
    // unaccented text says nothing by its marks
    written == folded || LAW_NAME_STOP_WRITTEN.contains(&written.as_str())
}

/// A law's name as identity: its first letter in capitals, the rest in lower case (authors write
/// "Luật Ngân sách Nhà nước" and "Luật Ngân sách nhà nước"), acronyms kept ("PPP").
fn law_name(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    for (k, w) in written.split_whitespace().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !w.chars().any(|c| c.is_lowercase());
        if k == 0 {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(&cs.as_str().to_lowercase());
            }
        } else if acronym {
            out.push_str(w);
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

/// The name of an amending law as identity: "sửa đổi, bổ sung một số điều của Luật Chứng khoán,
/// Luật Kế toán", each amended law's name as [`law_name`] writes it.
fn amending_name(written: &str) -> String {
    let lower = written.to_lowercase();
    let mut cuts: Vec<usize> = lower
        .match_indices("luật ")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || !lower[..i].ends_with(|c: char| c.is_alphanumeric()))
        .collect();
    cuts.push(lower.len());
    let mut out = lower[..cuts[0]].to_string();
    for w in cuts.windows(2) {
        let part = &written[w[0] + "luật ".len()..w[1]];
        let (name, tail) = match part.trim_end().rfind(|c: char| c.is_alphanumeric()) {
            Some(_) => {
                let t = part.trim_end_matches([' ', ',']);
                let t = t
                    .strip_suffix(" và")
                    .or_else(|| t.strip_suffix(" Và"))
                    .unwrap_or(t);
                (t, &part[t.len()..])
            }
            None => (part, ""),
        };
        out.push_str("Luật ");
        out.push_str(&law_name(name));
        out.push_str(&tail.to_lowercase());
    }
    out
}

/// "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C": where the amending law's
/// name ends (after the last law it amends), for the "luật " at `i`.
fn amending_law(f: &Folded, i: usize) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^luat sua doi(?:,? bo sung)?(?: mot ?so dieu)?(?: cua)?(?: cac)? ",
    );
    let t = &f.text;
    let mut p = i + r.find(&t[i..])?.end();
    let mut end = None;
    'laws: for _ in 0..12 {
        let lead = ["luat ", "bo luat "]
            .iter()
            .find(|l| t[p..].starts_with(*l))?;
        let ws = word_list(t, p + lead.len(), 16);
        let mut last = None;
        for (k, &(a, b)) in ws.iter().enumerate() {
            let word = &t[a..b];
            let sep = &t[ws.get(k.wrapping_sub(1)).map_or(a, |x| x.1)..a];
            if k > 0 && sep.contains([';', '.', '(', '"', ':']) {
                break;
            }
            // the next amended law: ", Luật B", " và Luật C"
            let joined = sep.contains(',')
                || ws
                    .get(k.wrapping_sub(1))
                    .is_some_and(|x| &t[x.0..x.1] == "va");
            if word == "luat" && k > 0 && (joined || f.is_upper(a)) {
                p = a;
                end = last;
                continue 'laws;
            }
            if word == "va" && ws.get(k + 1).is_some_and(|&(a2, b2)| &t[a2..b2] == "luat") {
                continue;
            }
            if k > 0 && name_stops(f, a, b) {
                break;
            }
            last = Some(b);
        }
        return last.or(end);
    }
    end
}

/// Word ranges from `p`, across punctuation (law names carry commas).
fn word_list(t: &str, p: usize, max: usize) -> Vec<(usize, usize)> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = p;
    while out.len() < max && i < b.len() {
        while i < b.len() && matches!(b[i], b' ' | b',') {
            i += 1;
        }
        let s = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] >= 0x80) {
            i += 1;
        }
        if i == s {
            break;
        }
        out.push((s, i));
    }
    out
}

fn constitution_and_charter(f: &Folded, out: &mut Vec<NamedRef>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"\b(?:(?P<hp>hien phap)(?: nuoc cong hoa xa hoi chu nghia viet nam)?(?: (?:nam )?(?P<y>(?:19|20)\d\d)\b)?|(?P<dl>dieu le dang)(?: cong san viet nam)?)",
    );
    for c in r.captures_iter(&f.text) {
        let m = c.get(0).unwrap();
        if !f.is_upper(m.start()) {
            continue;
        }
        let kind = if c.name("hp").is_some() {
            NamedKind::Constitution
        } else {
            NamedKind::Charter
        };
        let tn = if c.name("hp").is_some() {
            (m.start(), m.start() + "hien phap".len())
        } else {
            (m.start(), m.start() + "dieu le".len())
        };
        out.push(NamedRef {
            start: m.start(),
            end: m.end(),
            kind,
            type_name: Some(tn),
            terms: vec![],
            year: c.name("y").and_then(|y| y.as_str().parse().ok()),
            title: None,
        });
    }
}

/// Party documents cited by name: the Platform ("Cương lĩnh chính trị", "Cương lĩnh xây dựng đất
/// nước …") and a body's working rules ("Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính
/// trị và Ban Bí thư khóa XIII"), whose body and term are part of the name.
fn party_named(f: &Folded, out: &mut Vec<NamedRef>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"\b(?:(?P<cl>cuong linh (?:chinh tri|xay dung dat nuoc trong thoi ky qua do len chu nghia xa hoi))|(?P<qc>quy che lam viec) cua )",
    );
    for c in r.captures_iter(&f.text) {
        let m = c.get(0).unwrap();
        if !f.is_upper(m.start()) {
            continue;
        }
        if c.name("cl").is_some() {
            out.push(NamedRef {
                start: m.start(),
                end: m.end(),
                kind: NamedKind::Titled("Cương lĩnh chính trị của Đảng".into()),
                type_name: Some((m.start(), m.start() + "cuong linh".len())),
                terms: vec![],
                year: None,
                title: None,
            });
            continue;
        }
        let qc = c.name("qc").unwrap();
        let Some((ba, bb)) = super::context::body_from(f, m.end()) else {
            continue;
        };
        // a central body's rules are one document; a local body's ("của UBND tỉnh") would need
        // its place to be one
        let first = super::context::one_body(f, m.end()).map_or(bb, |(_, e)| e);
        if lexicon().central_issuer_of(&f.display(ba, first)).is_none() {
            continue;
        }
        // "… Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư": the joint bodies of the rules
        let mut end = bb;
        let mut body_end = bb;
        loop {
            let rest = &f.text[end..];
            let skip = [", ", " va "]
                .iter()
                .find(|w| rest.starts_with(*w))
                .map(|w| w.len());
            let Some(skip) = skip else { break };
            let Some((_, b2)) = super::context::body_from(f, end + skip) else {
                break;
            };
            end = b2;
            body_end = b2;
        }
        let mut terms = vec![];
        if let Some((t, e)) = terms_at(f, end) {
            terms = t;
            end = e;
        }
        let mut name = format!("Quy chế làm việc của {}", f.display(ba, body_end));
        if let Some(t) = terms.first() {
            name.push_str(&format!(" khóa {t}"));
        }
        out.push(NamedRef {
            start: m.start(),
            end,
            kind: NamedKind::Titled(name),
            type_name: Some((qc.start(), qc.start() + "quy che".len())),
            terms: vec![],
            year: None,
            title: None,
        });
    }
}

/// "Nghị quyết về “…”": a type name (capitalised, not followed by a number) and a quoted title.
fn title_only(f: &Folded, out: &mut Vec<NamedRef>) {
    let t = &f.text;
    // "Nghị quyết về “…”", and a programme or scheme named by its quoted title alone: "Đề án
    // “Nâng cao nhận thức, phổ cập kỹ năng …”"
    let mut at: Vec<(usize, usize)> = memchr::memmem::find_iter(t.as_bytes(), " ve \"")
        .map(|i| (i, i + 4))
        .collect();
    at.extend(
        memchr::memmem::find_iter(t.as_bytes(), " \"")
            .filter(|&i| {
                let head = &t[..i];
                ["de an", "chuong trinh", "ke hoach", "quy che", "cuong linh"]
                    .iter()
                    .any(|w| head.ends_with(w))
            })
            .map(|i| (i, i + 1)),
    );
    at.sort_unstable();
    for (i, q) in at {
        let Some(((ts, te), _)) = type_before(f, i).filter(|((s, e), _)| *e == i && *s < i) else {
            continue;
        };
        // "số" between means a number was expected: not a title-only reference
        if t[ts..te].contains("so") && t[ts..te].ends_with("so") {
            continue;
        }
        if !f.is_upper(ts) {
            continue;
        }
        let Some((a, b)) = quoted(f, q) else {
            continue;
        };
        out.push(NamedRef {
            start: ts,
            end: b + 1,
            kind: NamedKind::TitleOnly,
            type_name: Some((ts, te)),
            terms: vec![],
            year: None,
            title: Some((a, b)),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(NamedKind, Vec<String>)> {
        find_named(&Folded::new(s))
            .into_iter()
            .map(|n| (n.kind, n.terms))
            .collect()
    }

    #[test]
    fn plenum() {
        assert_eq!(
            kinds("thực hiện Nghị quyết Trung ương 4 (khóa XII, XIII) và"),
            [(
                NamedKind::Plenum("4".into()),
                vec!["XII".to_string(), "XIII".to_string()]
            )]
        );
        assert!(kinds("các nghị quyết hội nghị Trung ương khóa XIII").is_empty());
    }

    #[test]
    fn congress() {
        let k = kinds("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, nhiệm kỳ");
        assert_eq!(
            k[0].0,
            NamedKind::Congress {
                of: "toan quoc".into(),
                ordinal: "XIII".into()
            }
        );
        assert!(kinds("nghị quyết đại hội đảng bộ các cấp").is_empty());
    }

    #[test]
    fn law_names() {
        let k = kinds("thực hiện nghiêm túc Luật cán bộ công chức, Luật viên chức, Quy chế");
        assert_eq!(k.len(), 2);
        let k = kinds("Những điểm mới của Luật Đất đai (sửa đổi) năm 2024” cho");
        assert_eq!(
            k[0].0,
            NamedKind::Law {
                name: "Đất đai".into()
            }
        );
        assert!(kinds("theo quy định của pháp luật, kỷ luật").is_empty());
        assert!(kinds("Luật Lưu trữ số 33/2024/QH15").is_empty());
    }
}
