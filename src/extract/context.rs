//! What stands around a symbol and belongs to the citation: the type name before it; the date,
//! issuing body, term (khóa) and title after it (SPEC §1).

use std::fmt;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lexicon::lexicon;
use crate::text::Folded;

/// A calendar date as cited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

impl Date {
    pub fn new(y: u16, m: u8, d: u8) -> Option<Date> {
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2100).contains(&y) && (1..=days).contains(&d)).then_some(Date { y, m, d })
    }

    /// Parses ISO `2013-06-03` and the Vietnamese `03/6/2013`.
    pub fn parse(s: &str) -> Option<Date> {
        let p: Vec<&str> = s.trim().split(['-', '/', '.']).collect();
        if p.len() != 3 {
            return None;
        }
        let n: Vec<u32> = p
            .iter()
            .map(|x| x.trim().parse().ok())
            .collect::<Option<_>>()?;
        if p[0].len() == 4 {
            Date::new(n[0] as u16, n[1] as u8, n[2] as u8)
        } else {
            Date::new(n[2] as u16, n[1] as u8, n[0] as u8)
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("context regex"))
}

/// A date right at `p` (after optional ", ", "(" and "ngày"), as (date, end, warnings).
pub fn date_at(f: &Folded, p: usize) -> Option<(Option<Date>, usize, Option<String>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    // the date words as OCR may have left them ("ngy 17 thng 11 nm 2025"): see date_words.tsv
    let r = RE.get_or_init(|| {
        Regex::new(&crate::lexicon::lexicon().date_pattern(
            r"^ ?(?:, ?|\( ?|- )?(?:(?:ban hanh|ky|thong qua) )?(?:{ngay} ?:? ?(?:\d{1,3} (?:\d{1,3} )?)?)?(?:(?P<d>\d{1,2}) ?[/.-] ?(?P<m>\d{1,2}) ?[/.-] ?(?P<y>(?:19|20)\d\d)|(?P<d2>\d{1,2}) {thang} (?P<m2>\d{1,2}) ?,? {nam} (?P<y2>(?:19|20)\d\d))\b(?: ?\))?",
        ))
        .expect("date regex")
    });
    let c = r.captures(&f.text[p..])?;
    let whole = c.get(0).unwrap();
    // a bare "03/6/2013" without "ngày" is still the date when it follows the symbol directly
    let g = |a: &str, b: &str| {
        c.name(a)
            .or_else(|| c.name(b))
            .and_then(|m| m.as_str().parse::<u32>().ok())
    };
    let (d, m, y) = (g("d", "d2")?, g("m", "m2")?, g("y", "y2")?);
    let date = Date::new(y as u16, m as u8, d as u8);
    let warn = date
        .is_none()
        .then(|| format!("impossible date {d}/{m}/{y}"));
    let mut end = p + whole.end();
    // a ")" belongs to the date only when the date opened it: "(Tờ trình số 973/TTr-BGDĐT, ngày
    // 15/7/2025)" closes the citation's own parentheses
    let s = &f.text[p..end];
    if s.ends_with(')') && !s.contains('(') {
        end = p + s.trim_end_matches(')').trim_end().len();
    }
    Some((date, end, warn))
}

/// "ngày 24/11" right at `p`: a day without its year (news writes it so); returns its end.
pub fn day_at(f: &Folded, p: usize) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"^,? ?ngay \d{1,2}[/.-]\d{1,2}\b");
    // not the start of a full date ("ngày 24/11/2025" is date_at's)
    let m = r.find(&f.text[p..])?;
    let e = p + m.end();
    (!f.text[e..].starts_with(['/', '.', '-'])).then_some(e)
}

/// "năm 2024" right at `p`: a year without a day.
pub fn year_at(f: &Folded, p: usize) -> Option<(u16, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"^ ?,? ?(?:(?:ban hanh )?nam )?((?:19|20)\d\d)\b");
    let c = r.captures(&f.text[p..])?;
    let end = p + c.get(0).unwrap().end();
    // a bare year ("Luật Đấu thầu 2023", "Thông báo 81-TB/TW 2025") but not a period ("2021 -
    // 2025"), a date or a number going on
    if !c[0].contains("nam") {
        let rest = f.text[end..].trim_start();
        let b = rest.as_bytes();
        let period = matches!(b.first(), Some(b'-' | b'/' | b'.' | b','))
            && rest[1..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if period || f.text[p..end].trim_start().starts_with(',') {
            return None;
        }
    }
    Some((c[1].parse().ok()?, end))
}

/// Roman numerals of terms ("XIII").
fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
}

/// A term right at `p`: "(khóa XI)", ", khóa XII", "khoá XIII", "(khóa XII, XIII)".
pub fn terms_at(f: &Folded, p: usize) -> Option<(Vec<String>, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^ ?(?:, ?|\( ?)?khoa ([ivxl]+)((?: ?(?:,|va|-|;) ?(?:khoa )?[ivxl]+\b)*)(?: ?\))?",
    );
    let c = r.captures(&f.text[p..])?;
    let mut terms = vec![c[1].to_uppercase()];
    if !is_roman(&c[1]) {
        return None;
    }
    for w in c[2].split(|ch: char| !ch.is_ascii_alphabetic()) {
        if is_roman(w) {
            let t = w.to_uppercase();
            if !terms.contains(&t) {
                terms.push(t);
            }
        }
    }
    let whole = c.get(0).unwrap();
    let mut end = p + whole.end();
    // only swallow ")" if we opened it
    let s = &f.text[p..end];
    if s.ends_with(')') && !s.contains('(') {
        end -= 1;
    }
    Some((terms, end))
}

/// Word ranges from `p` separated by single spaces, stopping at punctuation.
fn words(f: &Folded, mut p: usize, max: usize) -> Vec<(usize, usize)> {
    let t = f.text.as_bytes();
    let mut out = Vec::new();
    while out.len() < max {
        if t.get(p) == Some(&b' ') {
            p += 1;
        }
        let s = p;
        while p < t.len() && (t[p].is_ascii_alphanumeric() || t[p] >= 0x80) {
            p += 1;
        }
        if p == s {
            break;
        }
        out.push((s, p));
        if t.get(p) != Some(&b' ') {
            break;
        }
    }
    out
}

/// The issuing body after "của" at `p`: "của Ban Chấp hành Trung ương Đảng" -> (range, end).
pub fn body_at(f: &Folded, p: usize) -> Option<(usize, usize)> {
    // "…, Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XII": the plenum that adopted it
    static PLENUM: OnceLock<Regex> = OnceLock::new();
    let plenum = re(
        &PLENUM,
        r"^(?:,? ?| cua |cua )(?P<h>hoi nghi (?:lan thu [a-z0-9]+ |trung uong (?P<n>[0-9]{1,2}) )?)(?:cua )?",
    );
    if let Some(c) = plenum.captures(&f.text[p..]) {
        let m = c.get(0).expect("whole match");
        // "của Hội nghị Trung ương 7 khóa X": the plenum alone names the Central Committee
        return body_from(f, p + m.end()).or_else(|| {
            let h = c.name("h").expect("head");
            (c.name("n").is_some() && f.is_upper(p + h.start()))
                .then(|| (p + h.start(), p + h.end() - 1))
        });
    }
    // "giữa Bộ Tài chính và Bộ Nông nghiệp …": the issuers of a joint document
    let rest = &f.text[p..];
    let skip = [" cua ", "cua ", ", cua ", " giua ", ", giua "]
        .iter()
        .find(|w| rest.starts_with(*w))?
        .len();
    body_from(f, p + skip)
}

/// A body name starting at `p` (no "của"), with the bodies joined to it by commas when the last
/// closes the citation ("của Bộ Chính trị, Ban Bí thư về …"; not "…, Bộ Tài chính hướng dẫn").
pub fn body_from(f: &Folded, p: usize) -> Option<(usize, usize)> {
    let (a, mut b) = one_body(f, p)?;
    let t = &f.text;
    // "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng, lãng phí, tiêu cực": what a steering
    // committee is about is part of its name
    if ["ban chi dao", "uy ban quoc gia"]
        .iter()
        .any(|h| t[a..b].starts_with(h))
        && let Some(rest) = t[b..].strip_prefix(" ve ")
        && let Some(field) = lexicon().body_fields.iter().find(|w| {
            rest.starts_with(w.as_str())
                && rest
                    .as_bytes()
                    .get(w.len())
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    {
        b += 4 + field.len();
    }
    // "Ban Kinh tế - Ngân sách", "Ban Văn hóa - Xã hội": a committee's name joins two fields
    // (a known name is whole: "Bộ Nông nghiệp & PTNT - Tổng cục Thủy lợi" is the ministry's)
    let known = lexicon().body_names.iter().any(|n| *n == t[a..b]);
    if !known && t[b..].starts_with(" - ") && f.is_upper(b + 3) {
        let ws = words(f, b + 3, 3);
        let stop = ["cua", "ve", "ngay", "so", "tai", "theo", "va", "nam"];
        let n = ws
            .iter()
            .take_while(|(x, y)| !stop.contains(&&t[*x..*y]))
            .count()
            .min(2);
        if n > 0 {
            b = ws[n - 1].1;
        }
    }
    for _ in 0..3 {
        let Some(next) = t[b..].strip_prefix(", ").map(|_| b + 2) else {
            break;
        };
        let Some((_, b2)) = one_body(f, next) else {
            break;
        };
        let rest = t[b2..].trim_start();
        let at = t.len() - rest.len();
        let closes = rest.is_empty()
            || rest.starts_with([';', '.', ')', ','])
            || ["ve ", "ngay ", "(khoa", "khoa ", "tai ", "nam "]
                .iter()
                .any(|w| rest.starts_with(w))
            // "… của Bộ Chính trị, Ban Bí thư và các quy định liên quan": "và" goes on to
            // something that is no body
            || (rest.starts_with("va ") && at + 3 < t.len() && !f.is_upper(at + 3));
        if !closes {
            break;
        }
        b = b2;
    }
    Some((a, b))
}

pub fn one_body(f: &Folded, p: usize) -> Option<(usize, usize)> {
    let lex = lexicon();
    let ws = words(f, p, 16);
    if ws.is_empty() || !f.is_upper(ws[0].0) {
        return None;
    }
    let w = |i: usize| &f.text[ws[i].0..ws[i].1];
    let head = lex
        .body_heads
        .iter()
        .filter(|h| h.len() <= ws.len() && h.iter().enumerate().all(|(i, hw)| w(i) == hw.as_str()))
        .map(Vec::len)
        .max();
    let head = head?;
    // a capitalised word that opens another citation ends the body ("… Bộ Chính trị và Quyết định")
    // ("Bộ Kế hoạch và Đầu tư" is a body: a type name opens a citation only before a number)
    let opens_citation = |i: usize| {
        let rest = &f.text[ws[i].0..];
        lex.type_names_by_len.iter().any(|(n, _)| {
            rest.starts_with(n.as_str()) && {
                let after = rest[n.len()..].trim_start_matches(' ');
                after.starts_with("so ")
                    || after.starts_with("so:")
                    || after.starts_with(|c: char| c.is_ascii_digit())
            }
        })
    };
    let starts_type = |i: usize| {
        let rest = &f.text[ws[i].0..];
        lex.type_names_by_len.iter().any(|(n, _)| {
            rest.starts_with(n.as_str())
                && rest
                    .as_bytes()
                    .get(n.len())
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        })
    };
    // a name in capitals ("CHÍNH PHỦ PHÊ DUYỆT …") says nothing by its capitals
    // (a head that is a code, "UBND huyện", is judged with the word after it)
    let judged = if head == 1 && lex.issuers.contains_key(w(0)) {
        1.min(ws.len() - 1)
    } else {
        head - 1
    };
    let all_caps = !f.has_lower(ws[0].0, ws[judged].1);
    let place_at = |i: usize| {
        lex.places.iter().find_map(|(p, _)| {
            (!p.is_empty()
                && i + p.len() <= ws.len()
                && p.iter().enumerate().all(|(k, pw)| w(i + k) == pw.as_str()))
            .then_some(p.len())
        })
    };
    let mut last = head - 1;
    let mut i = head;
    // right after a known name, a lower-case word goes on only as its place ("Ban Tuyên giáo
    // Trung ương tuyên truyền kỷ niệm …" ends at "Trung ương": "tuyên truyền" is the verb)
    let mut known = None;
    // a known name is read whole ("Bộ Văn hóa, Thể thao và Du lịch"), then what follows it
    let rest = &f.text[ws[0].0..];
    let known_at = |rest: &str| {
        lex.body_names
            .iter()
            .find(|n| {
                rest.starts_with(n.as_str())
                    && !rest
                        .as_bytes()
                        .get(n.len())
                        .is_some_and(u8::is_ascii_alphanumeric)
            })
            .map(String::len)
    };
    // "của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn": an office, then a known name
    let after_office = || {
        lex.offices.iter().find_map(|o| {
            let r = rest.strip_prefix(o.as_str())?.strip_prefix(' ')?;
            known_at(r).map(|n| o.len() + 1 + n)
        })
    };
    if let Some(n) = known_at(rest).or_else(after_office) {
        let end = ws[0].0 + n;
        match ws.iter().position(|w| w.1 >= end) {
            Some(k) if ws[k].1 == end => {
                last = k;
                i = k + 1;
                known = Some(i);
            }
            // the name went on past the words read together (a comma, a dash)
            _ => {
                let after = words(f, end, 8);
                let tail = after
                    .first()
                    .filter(|a| f.text[end..a.0].trim().is_empty())
                    .and_then(|_| {
                        let w2 = |k: usize| &f.text[after[k].0..after[k].1];
                        // "… Du lịch tỉnh Quảng Nam": level words, then a place
                        let skip = (0..after.len().min(2))
                            .take_while(|&k| lex.connectors.contains(w2(k)))
                            .count();
                        let place = lex.places.iter().find_map(|(p, _)| {
                            (!p.is_empty()
                                && skip + p.len() <= after.len()
                                && p.iter()
                                    .enumerate()
                                    .all(|(k, pw)| w2(skip + k) == pw.as_str()))
                            .then(|| after[skip + p.len() - 1].1)
                        });
                        // "Sở Tài chính tỉnh": a level word alone
                        let level = (skip > 0
                            && lex
                                .levels
                                .iter()
                                .any(|(l, _)| l.len() == 1 && l[0] == w2(0)))
                        .then(|| after[0].1);
                        // "Hội đồng Thi đua - Khen thưởng Trung ương": the central one
                        let central = (after.len() >= 2 && w2(0) == "trung" && w2(1) == "uong")
                            .then(|| after[1].1);
                        place.or(level).or(central)
                    });
                return Some((ws[0].0, tail.unwrap_or(end)));
            }
        }
    }
    while i < ws.len() {
        let word = w(i);
        if let Some(n) = place_at(i) {
            last = i + n - 1;
            i += n;
            continue;
        }
        let upper = f.is_upper(ws[i].0) && !all_caps;
        let level_at = |i: usize| {
            lex.levels.iter().any(|(l, _)| {
                i + l.len() <= ws.len() && l.iter().enumerate().all(|(k, lw)| w(i + k) == lw)
            })
        };
        if known == Some(i)
            && !upper
            && !all_caps
            && !level_at(i)
            && !matches!(word, "cac" | "co" | "va" | "thanh" | "thi" | "dac")
        {
            break;
        }
        // "BCH TW", "BTV TU": an abbreviated head and the issuer code it belongs to, in capitals
        if i == head && all_caps && head == 1 && word.len() <= 5 && lex.issuers.contains_key(word) {
            last = i;
            i += 1;
            continue;
        }
        // "Ban Chỉ đạo 389 quốc gia", "Ban Chỉ đạo 35 Trung ương": the committee's number
        if i >= 2
            && w(i - 2) == "chi"
            && w(i - 1) == "dao"
            && (2..=3).contains(&word.len())
            && word.bytes().all(|b| b.is_ascii_digit())
        {
            last = i;
            i += 1;
            continue;
        }
        if word == "khoa" && ws.get(i + 1).is_some_and(|_| is_roman(w(i + 1))) {
            break;
        }
        // in capitals or not: "UBND tỉnh có văn bản số 4912/UBND-NC"
        if opens_citation(i) {
            break;
        }
        // words that end a name even in capitals ("BỘ CHÍNH TRỊ VỀ …", "Chính phủ Ban hành")
        // compared with their marks: "Tài chính" goes on where "tại" stops
        let written = f.written_lower(ws[i].0, ws[i].1);
        if matches!(
            written.as_str(),
            "về" | "ngày" | "số" | "của" | "theo" | "tại" | "thực" | "triển" | "năm"
        ) || (word == "ban" && ws.get(i + 1).is_some_and(|_| w(i + 1) == "hanh"))
        {
            break;
        }
        if word == "va" {
            // "Ban Tuyên giáo và Dân vận": only when a capitalised word follows
            let next = (i + 1..(i + 3).min(ws.len())).find(|&j| w(j) != "cac");
            if next.is_some_and(|j| f.is_upper(ws[j].0) && !all_caps && !starts_type(j)) {
                i += 1;
                continue;
            }
            break;
        }
        if upper || lex.connectors.contains(word) {
            if upper || word != "cac" {
                last = i;
            }
            i += 1;
            continue;
        }
        break;
    }
    // connector words that fold like function words ("tài"/"tại", "tư"/"từ") do not end a body
    while last >= head
        && matches!(
            f.written_lower(ws[last].0, ws[last].1).as_str(),
            "tại" | "từ" | "các" | "và" | "có" | "cơ" | "bản"
        )
    {
        last -= 1;
    }
    Some((ws[0].0, ws[last].1))
}

/// A title at `p`: `về “…”`, `“…”`, `“về …”`, or an unquoted `về …` phrase up to the end of the
/// clause. Returns (title range, end of what was consumed).
///
/// With `verbs`, a trích yếu may also open with its verb ("quy định chi tiết …"): only where a
/// date or a body stands before it, so that a sentence's own verb ("Điều 8 Hướng dẫn 06-HD/TW quy
/// định …") is not taken for one.
pub fn title_at(f: &Folded, p: usize, verbs: bool) -> Option<((usize, usize), usize)> {
    let t = f.text.as_bytes();
    let mut q = p;
    if t.get(q) == Some(&b' ') {
        q += 1;
    }
    let comma = t.get(q) == Some(&b',') && t.get(q + 1) == Some(&b' ');
    if comma {
        q += 2;
    }
    let rest = &f.text[q..];
    let mut ve = false;
    for lead in ["ve viec ", "ve ", "ban hanh "] {
        if rest.starts_with(lead) {
            q += lead.len();
            ve = true;
            break;
        }
    }
    // a trích yếu that opens with its verb: "của Chính phủ quy định chi tiết …", "… phê duyệt …"
    // (not after a comma, and not a type name opening the next citation: "…, Hướng dẫn số 21-HD")
    if !ve
        && verbs
        && !comma
        && let Some(v) = TITLE_VERBS.iter().find(|v| rest.starts_with(*v))
    {
        let after = rest[v.len()..].trim_start();
        ve = !(after.starts_with("so ") || after.starts_with(|c: char| c.is_ascii_digit()));
    }
    if t.get(q) == Some(&b'"') {
        let (s, e) = quoted(f, q)?;
        let mut ts = s;
        for lead in ["ve viec ", "ve "] {
            if f.text[ts..e].starts_with(lead) {
                ts += lead.len();
            }
        }
        return Some(((ts, e), (e + 1).min(f.text.len())));
    }
    // 'Một số vấn đề …' in single quotes (news articles): to the closing one
    if t.get(q) == Some(&b'\'') {
        let limit = (q + 600).min(t.len());
        let brk = f.break_after(q + 1).unwrap_or(usize::MAX).min(limit);
        let close = (q + 2..brk).find(|&i| {
            t[i] == b'\''
                && t[i - 1].is_ascii_alphanumeric()
                && t.get(i + 1).is_none_or(|c| !c.is_ascii_alphanumeric())
        });
        if let Some(c) = close {
            return Some(((q + 1, c), c + 1));
        }
    }
    if !ve {
        return None;
    }
    // an unquoted phrase: to the end of the clause
    let limit = (q + 560).min(f.text.len());
    let brk = f.break_after(q + 1).unwrap_or(usize::MAX);
    let mut e = q;
    let mut depth = 0i32;
    while e < limit && e < brk {
        // two words in capitals inside a lower-case phrase are a page header ("CÔNG BÁO/Số 302")
        if t[e] == b' ' && caps_run(f, e + 1) && f.has_lower(q, e) {
            break;
        }
        if matches!(t[e], b' ' | b',' | b'(') && title_ends(f, e) {
            break;
        }
        match t[e] {
            b';' | b'?' => break,
            b'.' if t.get(e + 1).is_none_or(|&c| c == b' ') && !abbrev_before(f, e) => break,
            b'"' => {
                let open = f.src[f.src_pos(e)..].starts_with('“')
                    || (f.src[f.src_pos(e)..].starts_with('"') && depth == 0);
                if open {
                    depth += 1;
                } else if depth == 0 {
                    break; // closes a quote the citation stands in
                } else {
                    depth -= 1;
                }
            }
            b'(' => depth += 1,
            b')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1
            }
            _ => {}
        }
        e += 1;
    }
    // the loop stops at a byte count: step back to a whole word
    while !f.text.is_char_boundary(e) {
        e -= 1;
    }
    if e == limit && limit < f.text.len() && t[e].is_ascii_alphanumeric() {
        e = f.text[..e].rfind(' ').filter(|&s| s > q).unwrap_or(e);
    }
    while e > q && matches!(t[e - 1], b' ' | b',' | b':') {
        e -= 1;
    }
    (e > q + 2).then_some(((q, e), e))
}

/// " (Chỉ thị 05)", "(Nghị quyết số 18)": the short name a citation is given after its title.
fn short_name_in_parens(rest: &str) -> bool {
    let r = rest.trim_start_matches(' ');
    let Some(inner) = r.strip_prefix('(') else {
        return false;
    };
    let Some(close) = inner.get(..inner.len().min(40)).and_then(|s| s.find(')')) else {
        return false;
    };
    let inner = inner[..close].trim();
    let Some(d) = inner.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let name = inner[..d].trim_end();
    let name = name.strip_suffix(" so").unwrap_or(name);
    lexicon().type_names.contains_key(name)
}

/// Verbs a trích yếu may open with instead of "về" (kept in the title).
const TITLE_VERBS: &[&str] = &[
    "quy dinh ",
    "huong dan ",
    "sua doi",
    "phe duyet ",
    "bai bo ",
    "thanh lap ",
    "cong bo ",
    "dieu chinh ",
    "ban hanh ",
];

/// What ends an unquoted title at folded `e` (a space, comma or parenthesis): the alias clause
/// "(sau đây gọi tắt là …)", "…, cụ thể:", "… như sau", "… và có hiệu lực", and another
/// citation joined to this one ("… khóa XII và Kết luận số 126-KL/TW …").
fn title_ends(f: &Folded, e: usize) -> bool {
    let rest = &f.text[e..];
    if rest.starts_with("(sau day")
        || rest.starts_with(" (sau day")
        || rest.starts_with(", cu the")
        || rest.starts_with(" nhu sau")
        || rest.starts_with(" va co hieu luc")
        || rest.starts_with(", co hieu luc")
        || rest.starts_with(" co hieu luc")
        || rest.starts_with(" (kem theo")
        || rest.starts_with(" het hieu luc")
        || rest.starts_with(", het hieu luc")
        || rest.starts_with(" bi bai bo")
        // "…, đã được sửa đổi, bổ sung tại Quyết định …": what was done to it later
        || rest.starts_with(", da duoc ")
        || amended_by(rest)
        || rest.starts_with(", cung voi ")
        || rest.starts_with(", co tru so tai ")
        || short_name_in_parens(rest)
    {
        return true;
    }
    // the clause goes on with its subject: "… về đại hội đảng bộ các cấp, Ban Tổ chức Trung ương
    // hướng dẫn …"
    if rest.starts_with(", ") && f.is_upper(e + 2) && one_body(f, e + 2).is_some() {
        return true;
    }
    let next = rest
        .strip_prefix(" va ")
        .or_else(|| rest.strip_prefix(", va "))
        .or_else(|| rest.strip_prefix(", "));
    let Some(next) = next else {
        return false;
    };
    let next = next.strip_prefix("cac ").unwrap_or(next);
    let cites_at = |s: &str| {
        lexicon().type_names_by_len.iter().any(|(n, _)| {
            s.starts_with(n.as_str()) && {
                let after = s[n.len()..].trim_start();
                after.starts_with("so ") || after.starts_with(|c: char| c.is_ascii_digit())
            }
        })
    };
    if cites_at(next)
        || next.starts_with("so ") && next[3..].starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    // "… về hội nhập quốc tế trong tình hình mới và các mục tiêu đề ra của Nghị quyết số 26-NQ/TW":
    // a few words, then another citation they belong to ("và bãi bỏ một số điều của Quyết định
    // số 39/2021/QĐ-TTg" is the title's own verb: only "và các …")
    rest.starts_with(" va cac ")
        && next
            .char_indices()
            .take_while(|&(i, c)| i < 60 && c != ',')
            .any(|(i, _)| next[i..].starts_with(" cua ") && cites_at(&next[i + 5..]))
}

/// "… (đã) được sửa đổi, bổ sung (và bãi bỏ một số điều) tại …", "…, sửa đổi, bổ sung bởi …": what
/// another document did to this one later, not its title ("thủ tục hành chính được sửa đổi, bổ
/// sung" is one).
fn amended_by(rest: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"^(?:,? (?:da )?duoc (?:sua doi|bo sung|thay the|bai bo)[a-z, ]{0,40}?|, sua doi, bo sung) (?:tai|boi) ",
    )
    .is_match(rest)
}

/// Whether two words of three or more letters, all in capitals, start at `p`.
fn caps_run(f: &Folded, p: usize) -> bool {
    let ws = words(f, p, 2);
    ws.len() == 2
        && ws.iter().all(|&(a, b)| {
            let s = &f.src[f.src_range(a, b)];
            s.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && s.chars().all(|c| !c.is_lowercase())
        })
}

fn abbrev_before(f: &Folded, dot: usize) -> bool {
    let t = &f.text[..dot];
    let w = t.rsplit(' ').next().unwrap_or("");
    matches!(
        w,
        "tp" | "tt" | "q" | "p" | "ts" | "ths" | "gs" | "pgs" | "ng" | "st"
    ) || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The inside of a quotation opening at folded `q` (a `"`), nested quotes included: (start, end)
/// where `end` is the closing quote.
pub fn quoted(f: &Folded, q: usize) -> Option<(usize, usize)> {
    let t = f.text.as_bytes();
    let mut depth = 0;
    let limit = (q + 600).min(t.len());
    let mut i = q;
    while i < limit {
        if t[i] == b'"' {
            let src = &f.src[f.src_pos(i)..];
            let open = if src.starts_with('“') {
                true
            } else if src.starts_with('”') {
                false
            } else {
                depth == 0 || t.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric())
            };
            if open {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    return Some((q + 1, i));
                }
            }
        }
        i += 1;
    }
    None
}

/// The type name that ends right before folded `p` (after optional "số", "số:", "các"):
/// (type name range, start of what was consumed).
pub fn type_before(f: &Folded, p: usize) -> Option<((usize, usize), usize)> {
    let lex = lexicon();
    let mut q = p;
    let text = &f.text;
    let trimmed = text[..q].trim_end();
    q = trimmed.len();
    for so in ["so:", "so :", "so"] {
        if text[..q].ends_with(so) && boundary_before(text, q - so.len()) {
            q -= so.len();
            q = text[..q].trim_end().len();
            break;
        }
    }
    for (name, _) in &lex.type_names_by_len {
        // a list number may stick to a capitalised type name ("- 6Nghị quyết 120/2020/QH14")
        let glued = |i: usize| i > 0 && text.as_bytes()[i - 1].is_ascii_digit() && f.is_upper(i);
        if text[..q].ends_with(name.as_str())
            && (boundary_before(text, q - name.len()) || glued(q - name.len()))
        {
            return Some(((q - name.len(), q), q - name.len()));
        }
    }
    None
}

/// Whether "số" (or "số:") ends right before `p`, so that a bare number there is a citation's.
pub fn so_before(f: &Folded, p: usize) -> bool {
    let t = f.text[..p].trim_end();
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    t.ends_with("so") && boundary_before(&f.text, t.len() - 2)
}

pub fn boundary_before(text: &str, i: usize) -> bool {
    i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        for s in [
            ", ngày 03/6/2013",
            " ngày 03/6/2013",
            " ngày 03-6-2013",
            " ngày 03 tháng 6 năm 2013",
            " ngày 03\n\ntháng 6 năm 2013",
            " (ngày 03/6/2013)",
            " 03/6/2013",
        ] {
            let f = Folded::new(s);
            let (d, _, _) = date_at(&f, 0).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(d.unwrap().to_string(), "2013-06-03", "{s}");
        }
        let f = Folded::new(" ngày 31/02/2020");
        let (d, _, w) = date_at(&f, 0).unwrap();
        assert!(d.is_none() && w.is_some());
    }

    #[test]
    fn bodies() {
        let cases = [
            (
                " của Ban Chấp hành Trung ương Đảng (khóa XI) về",
                "Ban Chấp hành Trung ương Đảng",
            ),
            (" của Bộ Chính trị khóa XIII về", "Bộ Chính trị"),
            (
                " của Ban Thường vu \n\nTỉnh ủy Ninh Bình về",
                "Ban Thường vu Tỉnh ủy Ninh Bình",
            ),
            (" của UBND tỉnh Đồng Tháp, ", "UBND tỉnh Đồng Tháp"),
            (" của Tỉnh uỷ thực hiện Nghị quyết", "Tỉnh uỷ"),
            (
                " của Ban Tuyên giáo và Dân vận Trung ương;",
                "Ban Tuyên giáo và Dân vận Trung ương",
            ),
            (" của Bộ Chính trị và các cơ quan nhà nước", "Bộ Chính trị"),
            (
                " của Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh.",
                "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
            ),
        ];
        for (s, want) in cases {
            let f = Folded::new(s);
            let (a, b) = body_at(&f, 0).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(f.display(a, b), want);
        }
        let f = Folded::new(" của cán bộ, đảng viên");
        assert!(body_at(&f, 0).is_none());
    }

    #[test]
    fn terms() {
        let f = Folded::new(" (khóa XII, XIII) và");
        assert_eq!(terms_at(&f, 0).unwrap().0, ["XII", "XIII"]);
        let f = Folded::new(" (khóa \n\nXI, khóa XII);");
        assert_eq!(terms_at(&f, 0).unwrap().0, ["XI", "XII"]);
        let f = Folded::new(", khoá XII về");
        assert_eq!(terms_at(&f, 0).unwrap().0, ["XII"]);
    }

    #[test]
    fn titles() {
        let f = Folded::new(" về “Tăng cường và đổi mới “cây tre”” của");
        let ((a, b), _) = title_at(&f, 0, true).unwrap();
        assert_eq!(f.display(a, b), "Tăng cường và đổi mới “cây tre”");
        let f = Folded::new(" “về đẩy mạnh học tập”;");
        let ((a, b), _) = title_at(&f, 0, true).unwrap();
        assert_eq!(f.display(a, b), "đẩy mạnh học tập");
        let f = Folded::new(" về kiểm soát quyền lực, tiêu cực; Kế hoạch");
        let ((a, b), _) = title_at(&f, 0, true).unwrap();
        assert_eq!(f.display(a, b), "kiểm soát quyền lực, tiêu cực");
    }
}
