//! A report's own identity, read from its header and footer (SPEC §3): symbol, type, title, place
//! and date, issuing body, signer and recipients. The own symbol is not a citation.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::context::Date;
use super::symbol::{FoundSymbol, Symbol};
use crate::lexicon::lexicon;
use crate::text::{Folded, clean, fold_str};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Header {
    /// Own symbol, canonical.
    pub symbol: Option<String>,
    pub sym: Option<Symbol>,
    /// Source byte range of the own symbol (never reported as a citation).
    pub symbol_span: Option<(usize, usize)>,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub type_code: Option<String>,
    pub title: Option<String>,
    pub place: Option<String>,
    /// Canonical province of the report, from its place line or, failing that, its text.
    pub province: Option<String>,
    pub date: Option<Date>,
    /// The year of the document when only the year is known (an article's "Công văn 9671-CV/BTCTW
    /// 2025"); the date's year otherwise.
    #[serde(default)]
    pub year: Option<u16>,
    pub body: Option<String>,
    pub signer: Option<String>,
    pub recipients: Vec<String>,
}

impl Header {
    /// Takes `sym` as the file's own symbol (found at `span` of the source, when in a header).
    pub fn set_symbol(&mut self, sym: &Symbol, span: Option<(usize, usize)>) {
        self.symbol = Some(sym.to_string());
        self.sym = Some(sym.clone());
        self.symbol_span = span;
        self.type_code = sym.type_code.clone();
        if self.type_name.is_none()
            && let Some(c) = &sym.type_code
        {
            self.type_name = lexicon().type_name(&fold_str(c)).map(str::to_string);
        }
    }
}

/// How far into a file its header can reach.
const HEADER_LINES: usize = 120;

fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("header regex"))
}

/// How far from its end a file's footer (recipients, signer) can reach.
const FOOTER_LINES: usize = 80;

/// Bytes of the header and footer regions, whatever their lines.
const REGION_BYTES: usize = 6000;

/// `s` cut to at most `n` bytes at a char boundary, from the start or the end.
fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// A line of the header or footer: its source range and its folded text (taken from the folded
/// view, not folded again); the cleaned text is made only for the lines that are kept.
struct Line<'a> {
    src: &'a str,
    fold: String,
}

impl<'a> Line<'a> {
    fn text(&self) -> String {
        clean(self.src)
    }

    fn has_lower(&self) -> bool {
        self.src.chars().any(|c| c.is_lowercase())
    }
}

/// Lines of `src[from..to]` with their folded text.
fn lines_of<'a>(f: &Folded<'a>, from: usize, to: usize) -> Vec<(usize, Line<'a>)> {
    let src = f.src;
    let (from, to) = (from.max(f.from), to.min(f.to));
    let mut out = Vec::new();
    if from >= to {
        return out;
    }
    let mut off = from;
    for raw in src[from..to].split_inclusive('\n') {
        let end = off + raw.trim_end_matches(['\n', '\r']).len();
        let (a, b) = (f.folded_pos(off), f.folded_pos(end));
        out.push((
            off,
            Line {
                src: &src[off..end],
                fold: f.text[a..b.max(a)].trim().to_string(),
            },
        ));
        off += raw.len();
    }
    out
}

/// The first lines of the source with their byte offsets.
fn head_lines<'a>(f: &Folded<'a>) -> Vec<(usize, Line<'a>)> {
    // the header ends where the body's first long paragraph begins
    let region = head(f.src, REGION_BYTES);
    let mut end = region.len();
    let mut off = 0;
    for (n, l) in region.split_inclusive('\n').enumerate() {
        if n >= 8 && l.len() > 400 && l.chars().any(|c| c.is_lowercase()) {
            end = off + l.len();
            break;
        }
        off += l.len();
    }
    let mut v = lines_of(f, 0, end);
    v.truncate(HEADER_LINES + 1);
    v
}

/// The last lines of the source, in order.
fn tail_lines<'a>(f: &Folded<'a>) -> Vec<Line<'a>> {
    let t = tail(f.src.trim_end(), REGION_BYTES / 2);
    let from = f.src.trim_end().len() - t.len();
    let mut v: Vec<Line> = lines_of(f, from, from + t.len())
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    if v.len() > FOOTER_LINES {
        v.drain(..v.len() - FOOTER_LINES);
    }
    v
}

/// Reads the header from the first folded window (which holds the top of the text) and the
/// footer from the last (which holds its end); `all` are every window, for the province.
pub fn read_header(f: &Folded, last: &Folded, symbols: &[FoundSymbol], all: &[Folded]) -> Header {
    let src = f.src;
    let ls = head_lines(f);
    let tail = tail_lines(last);
    let mut h = Header::default();
    let top_end = ls
        .get(HEADER_LINES)
        .map(|(o, _)| *o)
        .unwrap_or(src.len())
        .min(REGION_BYTES);

    // own symbol: "Số 08 - NQ/ĐUK", "Số: 05 /2025/QĐ-UBND", a table cell "| Số 383-QĐ/TW |",
    // "Số:" alone on its line with the symbol below, a portal's "Số hiệu: …"
    for s in symbols {
        let r = f.src_range(s.start, s.end);
        if r.start >= top_end {
            break;
        }
        // "Nghị quyết⏎số 25-NQ/TW ngày … của …" is a wrapped citation, not a header
        // (a type name in the capitals of an organ line above is a place: "ĐẢNG ỦY XÃ VĂN BÀN")
        let typed = super::context::type_before(f, s.start);
        // "Luật số: 59/2020/QH14", "Nghị quyết số: 653/2019/UBTVQH14" on a line of their own:
        // the header of the National Assembly's acts names the type with the number
        let own_typed = typed.is_some_and(|((a, b), _)| {
            let (la, lb) = (f.src_pos(a), f.src_pos(s.end));
            let line_start = src[..la].rfind('\n').map_or(0, |i| i + 1);
            let line_end = src[lb..].find('\n').map_or(src.len(), |i| lb + i);
            // (a rule of dashes the conversion glued to it goes before it: "———-Luật số : …")
            fold_str(&src[line_start..la])
                .trim_matches(|c: char| matches!(c, '-' | '_' | '|' | '*') || c.is_whitespace())
                .is_empty()
                && f.text[b..s.start].trim().trim_end_matches(':').trim() == "so"
                && f.text[b..s.start].contains(':')
                && src[lb..line_end].trim().trim_matches('|').trim().is_empty()
        });
        if own_typed {
            h.symbol = Some(s.symbol.to_string());
            h.sym = Some(s.symbol.clone());
            h.symbol_span = Some((r.start, r.end));
            h.type_code = s.symbol.type_code.clone();
            break;
        }
        let typed = typed.is_some_and(|((a, b), _)| f.has_lower(a, b));
        let cited = typed
            || super::context::date_at(f, s.end).is_some()
            || super::context::body_at(f, s.end).is_some();
        if cited {
            continue;
        }
        if let Some((lead, portal)) = own_lead(f, s.start) {
            let lead_src = f.src_pos(lead);
            let line_start = src[..lead_src].rfind('\n').map_or(0, |i| i + 1);
            let before = fold_str(&src[line_start..lead_src]);
            let before = before.trim().trim_matches(['|', '*', ' ']);
            if before.is_empty() {
                h.symbol = Some(s.symbol.to_string());
                h.sym = Some(s.symbol.clone());
                h.symbol_span = Some((r.start, r.end));
                h.type_code = s.symbol.type_code.clone();
                // a portal's "Số hiệu:" table comes before the document's own "Số:" line
                if !portal {
                    break;
                }
            }
        }
    }

    // type: a line that is a type name in capitals ("BÁO CÁO", "NGHỊ QUYẾT")
    let lex = lexicon();
    let mut type_line = None;
    for (i, (_, line)) in ls.iter().enumerate().take(HEADER_LINES) {
        let fl = &line.fold;
        if line.has_lower() || fl.is_empty() {
            continue;
        }
        if let Some((name, codes)) = lex.type_names.get_key_value(fl.trim())
            && (!codes.is_empty() || lex.generic_types.contains(name))
        {
            h.type_name = Some(line.text());
            if h.type_code.is_none() {
                h.type_code = codes.first().map(|c| c.to_string());
            }
            type_line = Some(i);
            break;
        }
    }
    if h.type_name.is_none()
        && ls
            .iter()
            .take(HEADER_LINES)
            .any(|(_, l)| l.fold.starts_with("kinh gui") || l.fold.starts_with("v/v"))
    {
        h.type_name = Some("Công văn".into());
    }

    // title: the "về …" line(s) of the header, else the lines under the type line
    let head: Vec<&Line> = ls.iter().take(HEADER_LINES).map(|(_, l)| l).collect();
    let stop = |line: &Line| {
        let fl = &line.fold;
        fl.is_empty() || fl.starts_with("---") || line.src.len() > 300 || opens_body(line)
    };
    // a line that starts the body of the text, not its title
    fn opens_body(line: &Line) -> bool {
        [
            "can cu",
            "kinh gui",
            "thuc hien",
            "trien khai thuc hien",
            "xet de nghi",
        ]
        .iter()
        .any(|w| line.fold.starts_with(w))
            && line.has_lower()
    }
    let mut title_lines: Vec<String> = vec![];
    // the "về …" line belongs to the title block: right under the type line, or (without a
    // type line) short and near the top; a wrapped body line may start with "về" too
    let ve_line = |l: &&Line| l.fold == "ve" || l.fold.starts_with("ve ");
    let ve = match type_line {
        Some(ti) => head
            .iter()
            .enumerate()
            .skip(ti + 1)
            .filter(|(_, l)| !l.fold.is_empty())
            .take_while(|(_, l)| !l.fold.starts_with("---") && !opens_body(l))
            .take(12)
            .find(|(_, l)| ve_line(l) && l.src.len() < 200)
            .map(|(i, _)| i),
        None => head
            .iter()
            .take(30)
            .position(|l| ve_line(l) && l.src.len() < 160),
    };
    if let Some(i) = ve {
        for l in head.iter().skip(i) {
            if stop(l) {
                break;
            }
            title_lines.push(l.text());
        }
    } else if let Some(ti) = type_line {
        for l in head.iter().skip(ti + 1).skip_while(|l| l.fold.is_empty()) {
            if stop(l) || l.fold.starts_with("cua ") {
                break;
            }
            title_lines.push(l.text());
        }
    }
    if !title_lines.is_empty() {
        let t = title_lines.join(" ");
        let t = t.trim();
        let lead = fold_str(t);
        let t = ["ve viec ", "ve ", "v/v ", "v/v: "]
            .iter()
            .find(|p| lead.starts_with(*p))
            .map(|p| t.chars().skip(p.chars().count()).collect::<String>())
            .unwrap_or_else(|| t.to_string());
        let t = t.trim();
        h.title = Some(t.trim().to_string()).filter(|t| t.len() > 3);
    }

    // body: "CỦA BAN THƯỜNG VỤ TỈNH ỦY" under the type, or a capitalised organ line above it;
    // "CỦA ĐỒNG CHÍ TỔNG BÍ THƯ" names whose conclusion it is, not who issues it (the office)
    let opens_organ = |words: &[&str]| {
        lex.body_heads
            .iter()
            .any(|h| h.len() <= words.len() && h.iter().zip(words).all(|(a, b)| a == b))
    };
    for line in head.iter() {
        let fl = &line.fold;
        let words: Vec<&str> = fl.split(' ').take(5).collect();
        if fl.starts_with("cua ") && fl.len() > 7 && !line.has_lower() && opens_organ(&words[1..]) {
            let t = line.text();
            let rest = t.split_once(' ').map_or("", |(_, r)| r);
            h.body = Some(rest.trim().trim_end_matches([',', ';']).to_string());
            break;
        }
        let upper = !line.has_lower() && line.src.chars().any(|c| c.is_uppercase());
        let organ = opens_organ(&words[..words.len().min(4)]);
        // a line with a tab is two columns run together (an incoming-mail stamp beside the title)
        if upper && organ && h.body.is_none() && !line.src.contains('\t') {
            // the organ's name often runs over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH NGHỆ AN"),
            // and a table layout may put the national motto on the same line
            let cut = |t: String| -> String {
                let f = fold_str(&t);
                match ["cong hoa xa hoi", "dang cong san viet nam", "doc lap"]
                    .iter()
                    .filter_map(|m| f.find(m))
                    .min()
                {
                    Some(k) => t.chars().take(f[..k].chars().count()).collect::<String>(),
                    None => t,
                }
                .trim_end_matches(['_', '-', ' ', '*'])
                .to_string()
            };
            let mut body = cut(line.text());
            let at = head
                .iter()
                .position(|l| std::ptr::eq(*l, *line))
                .unwrap_or(0);
            for next in head.iter().skip(at + 1).take(2) {
                let nf = &next.fold;
                let cont = !nf.is_empty()
                    && !next.has_lower()
                    && !["cong hoa", "doc lap", "so", "---", "-"]
                        .iter()
                        .any(|w| nf.starts_with(w))
                    && body.len() + next.src.len() < 120;
                if !cont {
                    break;
                }
                body.push(' ');
                body.push_str(&cut(next.text()));
            }
            h.body = Some(body).filter(|b| !b.is_empty());
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
    if h.date.is_none() {
        // a portal's metadata table: "Ngày ban hành: | 20/11/2025"
        static ISSUED: OnceLock<Regex> = OnceLock::new();
        let r = re(
            &ISSUED,
            r"ngay ban hanh ?:?[ |*:]*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)\b",
        );
        if let Some(c) = r.captures(&f.text[..ftop]) {
            h.date = Date::new(
                c["y"].parse().unwrap_or(0),
                c["m"].parse().unwrap_or(0),
                c["d"].parse().unwrap_or(0),
            );
        }
    }
    h.year = h.date.map(|d| d.y);
    h.province = h
        .place
        .as_deref()
        .and_then(province_of)
        .or_else(|| dominant_province(all.iter().map(|w| w.text.as_str())));

    // footer: recipients after "Nơi nhận:", signer on the last name-like line
    if let Some(i) = tail
        .iter()
        .rposition(|l| l.fold.trim_start().starts_with("noi nhan"))
    {
        for l in tail.iter().skip(i + 1) {
            let t = l.text();
            let t = t.trim();
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
    h.signer = signer(&tail);
    h
}

/// The signer: a personal name on one of the last lines, under the "T/M …", "BÍ THƯ" block.
fn signer(ls: &[Line]) -> Option<String> {
    let tail: Vec<String> = ls
        .iter()
        .rev()
        .filter(|l| !l.fold.is_empty())
        .take(6)
        .map(Line::text)
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
/// name stands before it ("NGHỊ QUYẾT SỐ 11/2022/NQ-HĐND" in a title is a citation); and whether
/// it is a portal's metadata label ("Số hiệu:" in a table, "|" between label and value).
fn own_lead(f: &Folded, sym_start: usize) -> Option<(usize, bool)> {
    let t = f.text[..sym_start].trim_end();
    let cell = t.ends_with('|');
    let t = t.trim_end_matches(['|', ' ']);
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let (t, portal) = if let Some(t) = t.strip_suffix("so, ky hieu") {
        (t, false)
    } else if let Some(t) = t.strip_suffix("so hieu") {
        (t, true)
    } else {
        (t.strip_suffix("so")?, cell)
    };
    let at = t.len();
    if at > 0 && f.text.as_bytes()[at - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some((at, portal))
}

/// Lead words of an article's headline before the document it is about ("Toàn văn Công văn
/// 9671-CV/BTCTW …", "TOÀN VĂN: KẾT LUẬN 155-KL/TW …", "Đã có Công văn 309-CV/ĐU …").
const ARTICLE_LEADS: &[&str] = &[
    "toan van", "da co", "tai ve", "moi", "nong", "chi tiet", "noi dung", "van ban",
];

/// The document a file is about when it has no formal header: a web article or a copy whose first
/// line, its headline, opens with a type name and a symbol ("# Toàn văn Thông báo 81-TB/TW 2025 …",
/// "Kế hoạch 260-KH/UBKTTW triển khai …").
pub fn article_symbol(f: &Folded, symbols: &[FoundSymbol]) -> Option<FoundSymbol> {
    let t = &f.text;
    let first = t.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    let line_start = t.len() - first.len();
    // the headline is the first line of the source
    let src_start = f.src_pos(line_start);
    let src_end = f.src[src_start..]
        .find('\n')
        .map_or(f.src.len(), |i| src_start + i);
    if src_end - src_start > 400 {
        return None;
    }
    let mut p = line_start;
    // a headline says so: a markdown heading, or a lead word ("Toàn văn …")
    let mut headline = f.src[..src_end].trim_start().starts_with('#');
    for lead in ARTICLE_LEADS {
        if let Some(rest) = t[p..].strip_prefix(lead) {
            let rest = rest.trim_start_matches([':', ' ']);
            p = t.len() - rest.len();
            headline = true;
            break;
        }
    }
    if !headline {
        return None;
    }
    let s = symbols.first()?;
    if f.src_pos(s.start) >= src_end {
        return None;
    }
    let ((a, _), _) = super::context::type_before(f, s.start)?;
    (a == p).then(|| s.clone())
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
fn dominant_province<'t>(texts: impl Iterator<Item = &'t str>) -> Option<String> {
    use memchr::memmem;
    use std::sync::OnceLock;
    static CUES: OnceLock<[memmem::Finder<'static>; 3]> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        [
            memmem::Finder::new("tinh "),
            memmem::Finder::new("pho "),
            memmem::Finder::new("uy "),
        ]
    });
    let lex = lexicon();
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for folded in texts {
        let b = folded.as_bytes();
        for cue in cues {
            for at in cue.find_iter(b) {
                if at > 0 && b[at - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let rest = &folded[at + cue.needle().len()..];
                let words = rest.split(|c: char| !c.is_alphanumeric()).take(5);
                let ws: Vec<&str> = words.collect();
                for (p, canon) in &lex.places {
                    if p.len() <= ws.len() && ws.iter().zip(p).all(|(a, b)| a == b) {
                        *counts.entry(canon).or_default() += 1;
                        break;
                    }
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
        .map(|(p, _)| p.to_string())
}
