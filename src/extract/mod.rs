//! Finding citations: every reference to another document in a report, with the context that
//! belongs to it (SPEC §1, §2, §5).
//!
//! `symbol` finds numbered symbols, `named` the unnumbered references, `context` reads type, date,
//! body, term and title around them, `header` the report's own identity, `relation` the cue words.
//! This module puts them together into [`Mention`]s.

pub mod context;
pub mod header;
mod mention;
pub mod named;
pub mod relation;
pub mod symbol;
mod windows;

use context::{
    Date, body_at, body_from, date_at, day_at, so_before, terms_at, title_at, type_before, year_at,
};
pub use header::Header;
pub use mention::{Mention, Record, fill_evidence};
use named::{NamedKind, NamedRef, find_named};
pub use relation::Relation;
use relation::{cues_in, governing, strongest};
pub use symbol::{Family, Symbol};
use symbol::{FoundSymbol, find_symbols};

use crate::lexicon::lexicon;
use crate::text::{Folded, fold_str};

/// What one text yields: its own identity and its citations in order.
#[derive(Debug, Default)]
pub struct Extraction {
    pub header: Header,
    pub mentions: Vec<Mention>,
}

/// A mention under construction, in folded coordinates.
#[derive(Clone, Debug)]
struct Draft {
    start: usize,
    end: usize,
    /// End of date, body and term: where a nested citation's cue may begin.
    core_end: usize,
    /// End of everything read after the symbol, title included.
    ctx_end: usize,
    sym: Option<Symbol>,
    named: Option<NamedKind>,
    type_name: Option<(usize, usize)>,
    date: Option<Date>,
    date_span: Option<(usize, usize)>,
    year: Option<u16>,
    body: Option<(usize, usize)>,
    terms: Vec<String>,
    title: Option<(usize, usize)>,
    warnings: Vec<String>,
    relation: Relation,
    source: Option<usize>,
    /// Part of a list with the previous draft ("18, 19-NQ/TW", "217-QĐ/TW và 218-QĐ/TW").
    list_with_prev: bool,
}

impl Draft {
    fn new(start: usize, end: usize) -> Draft {
        Draft {
            start,
            end,
            core_end: end,
            ctx_end: end,
            sym: None,
            named: None,
            type_name: None,
            date: None,
            date_span: None,
            year: None,
            body: None,
            terms: vec![],
            title: None,
            warnings: vec![],
            relation: Relation::Mentions,
            source: None,
            list_with_prev: false,
        }
    }
}

/// Extracts the header and every citation of one decoded text.
///
/// Only the neighbourhoods of the places where a citation can start are folded and read (see
/// [`windows`]): every symbol has a "/", every unnumbered reference one of a few words, and a
/// short form repeats a number the text has spelled out; the rest of a report is skipped.
pub fn extract(src: &str) -> Extraction {
    extract_in(src, windows::windows(src))
}

/// [`extract`] over the whole text at once, without windows (the reference the windows are
/// tested against).
#[allow(clippy::single_range_in_vec_init)] // one window over the whole text
pub fn extract_whole(src: &str) -> Extraction {
    extract_in(src, vec![0..src.len()])
}

fn extract_in(src: &str, wins: Vec<std::ops::Range<usize>>) -> Extraction {
    let dbl = crate::text::double_spaced(src);
    let fold_all = |wins: &[windows::Window]| -> Vec<Folded> {
        wins.iter()
            .map(|w| Folded::window(src, w.fold.clone(), dbl))
            .collect()
    };
    let mut plain = wins;
    let mut wins = windows::chunked(plain.clone(), src);
    let mut folds = fold_all(&wins);
    let mut symbols: Vec<Vec<FoundSymbol>> = folds.iter().map(find_symbols).collect();
    // short forms ("Quy định 377") repeat a number spelled out elsewhere: look for them too
    let numbers: Vec<String> = symbols
        .iter()
        .flatten()
        .map(|s| s.symbol.number.clone())
        .collect();
    let more = windows::short_form_windows(src, &numbers, &plain);
    if !more.is_empty() {
        plain = windows::merge(plain.into_iter().chain(more).collect(), src);
        wins = windows::chunked(plain, src);
        folds = fold_all(&wins);
        symbols = folds.iter().map(find_symbols).collect();
    }
    let header = header::read_header(
        &folds[0],
        folds.last().unwrap_or(&folds[0]),
        &symbols[0],
        &folds,
    );
    let own = header.symbol_span;
    let mut per_window: Vec<Vec<Draft>> = Vec::with_capacity(folds.len());
    for (f, syms) in folds.iter().zip(&symbols) {
        let mut drafts = Vec::new();
        for s in syms {
            let r = f.src_range(s.start, s.end);
            if own.is_some_and(|(a, b)| r.start < b && a < r.end) {
                continue;
            }
            numbered(f, s, &mut drafts);
        }
        per_window.push(drafts);
    }
    let known: Vec<Symbol> = per_window
        .iter()
        .flatten()
        .filter_map(|d| d.sym.clone())
        .collect();
    let mut mentions = Vec::new();
    for ((f, w), mut drafts) in folds.iter().zip(&wins).zip(per_window) {
        short_forms(f, &mut drafts, &known);
        for n in find_named(f) {
            let overlaps = drafts
                .iter()
                .any(|d| d.sym.is_some() && n.start < d.end && d.start < n.end);
            if !overlaps {
                named_drafts(f, n, &mut drafts);
            }
        }
        drafts.sort_by_key(|d| (d.start, d.end));
        // "(sau đây gọi tắt là Quy định 377)" names the citation before it again
        let again: Vec<bool> = (0..drafts.len())
            .map(|i| is_alias(f, &drafts[i]) || named_again(f, &drafts, i))
            .collect();
        let mut again = again.into_iter();
        drafts.retain(|_| !again.next().unwrap_or(false));
        share_in_lists(f, &mut drafts);
        body_of_list_heading(f, &mut drafts);
        relate(f, &mut drafts);
        // a chunk reports the citations that start in its own part (chunks overlap)
        let built: Vec<Mention> = drafts.iter().map(|d| mention::build(f, d)).collect();
        // (citations of one sentence, in a row, ask about the same sentence)
        let mut last: Option<((usize, usize), bool)> = None;
        let keep: Vec<bool> = built
            .iter()
            .map(|m| {
                if !w.own.contains(&m.start) {
                    return false;
                }
                let span = (m.sentence_span.0, m.sentence_span.1);
                let boiler = match last {
                    Some((s, b)) if s == span => b,
                    _ => in_boilerplate(f, m),
                };
                last = Some((span, boiler));
                !boiler
            })
            .collect();
        let mut index = vec![None; built.len()];
        let base = mentions.len();
        let mut n = 0;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                index[i] = Some(base + n);
                n += 1;
            }
        }
        for (m, k) in built.into_iter().zip(keep) {
            if k {
                let mut m = m;
                m.source_mention = m.source_mention.and_then(|j| index[j]);
                mentions.push(m);
            }
        }
    }
    let mut header = header;
    if header.sym.is_none()
        && let Some(s) = header::article_symbol(&folds[0], &symbols[0])
    {
        header.set_symbol(&s.symbol, None);
    }
    // a headerless copy still names itself on its appendix: "*(Kèm theo Hướng dẫn số 40-HD/… )*"
    // (of a document whose type the header gives, a caption of that type: "(ban hành kèm theo
    // Quyết định số 907-QĐ/…)" in a Hướng dẫn's text quotes another document's annex)
    if header.sym.is_none()
        && let Some(m) = mentions.iter().find(|m| {
            attachment_caption(src, m)
                && (header.type_code.is_none()
                    || m.sym.as_ref().and_then(|s| s.type_code.as_ref())
                        == header.type_code.as_ref())
        })
        && let Some(sym) = &m.sym
    {
        header.set_symbol(sym, None);
    }
    let mut mentions = drop_self(&mut header, mentions);
    if let Some(at) = portal_commentary(src, &header) {
        let quoted = portal_quotes(src, at, &header);
        let keep: Vec<bool> = mentions
            .iter()
            .map(|m| m.start < at || quoted.iter().any(|&(a, b)| a <= m.start && m.start < b))
            .collect();
        mentions = retain(mentions, &keep);
    }
    Extraction { header, mentions }
}

/// Where a web portal's commentary after the document it reproduces starts ("Trên đây là "Toàn
/// văn Thông báo 81 TB TW 2025 …"", then the site's own answers citing other decrees): its
/// citations are not the document's.
fn portal_commentary(src: &str, header: &Header) -> Option<usize> {
    let closings = &lexicon().portal_closings;
    let own = header.sym.as_ref().map(|s| fold_str(&s.to_string()));
    // the closings' first words ("tren", "xem"): a line or sentence is folded whole only when its
    // first bytes fold to one (most lines of a report start with "T" or "X" too)
    let first_words: Vec<&str> = closings
        .iter()
        .filter_map(|(c, _)| c.split(' ').next())
        .collect();
    let quote = |c: char| matches!(c, '"' | '“' | '”' | '*' | '\'');
    // a closing opens a line or a sentence; only those that start with a closing's first letter
    // are folded (NFD, capitals, "TRÊN ĐÂY LÀ" alike)
    let starts = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1))
        .chain(src.match_indices(". ").map(|(i, _)| i + 2));
    let mut found: Option<usize> = None;
    for at in starts {
        let Some(rest) = src.get(at..) else { continue };
        let lead = rest.len()
            - rest
                .trim_start_matches([' ', '*', '"', '“', '\'', '_'])
                .len();
        let at = at + lead;
        if !matches!(src.as_bytes().get(at), Some(b'T' | b't' | b'X' | b'x'))
            || found.is_some_and(|f| f <= at)
        {
            continue;
        }
        let end = floor_char(src, (at + 160).min(src.len()));
        let line = src[at..end].split('\n').next().unwrap_or("");
        let lead: String = line[..floor_char(line, line.len().min(24))]
            .chars()
            .filter(|&c| !quote(c))
            .collect();
        let lead = fold_str(&lead);
        if !first_words.iter().any(|w| lead.starts_with(w)) {
            continue;
        }
        let head: String = line.chars().filter(|&c| !quote(c)).collect();
        let head = fold_str(&head);
        let closes = closings.iter().any(|(c, names)| {
            head.starts_with(c.as_str())
                && (!names || own.as_ref().is_some_and(|o| head.contains(o.as_str())))
        });
        if closes {
            found = Some(at);
        }
    }
    found
}

/// Where a portal's commentary (from `at` on) quotes the document itself: after a line that names
/// it and opens a quotation ("Điều 81 Nghị định 243/2025/NĐ-CP nêu rõ hiệu lực thi hành như
/// sau:"), up to the portal's next question heading ("**Hiệu lực thi hành …?**") or closing.
fn portal_quotes(src: &str, at: usize, header: &Header) -> Vec<(usize, usize)> {
    let Some(sym) = &header.sym else {
        return Vec::new();
    };
    // the document as a portal names it: its symbol, or its type and number ("Nghị định 243")
    let mut names = vec![fold_str(&sym.id())];
    if let Some(t) = &header.type_name {
        names.push(format!("{} {} ", fold_str(t), sym.number_id()));
    }
    let endings = &lexicon().portal_quotes;
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut pos = at;
    for line in src[at..].split_inclusive('\n') {
        let (start, end) = (pos, pos + line.len());
        pos = end;
        let bare = line
            .trim()
            .trim_matches(|c: char| matches!(c, '*' | '_' | ' ' | '-'));
        let folded = fold_str(bare);
        // a question heading of the portal, or another closing, ends a quotation; a question on
        // the document itself ("**Điều khoản thi hành Thông tư 105/2025/TT-BTC ra sao?**") opens
        // one: its answer gives the document's own provisions
        let closing = bare.starts_with("Trên đây là");
        let heading = bare.ends_with('?') || closing;
        let opens = ((heading && !closing) || endings.iter().any(|e| folded.ends_with(e.as_str())))
            && names
                .iter()
                .any(|n| format!("{folded} ").contains(n.as_str()));
        if let Some(a) = open
            && (heading || opens)
        {
            out.push((a, start));
            open = None;
        }
        if opens {
            open = Some(end);
        }
    }
    if let Some(a) = open {
        out.push((a, src.len()));
    }
    out
}

/// Citations in a web portal's own text saved with the document (its privacy notice cites a
/// decree of its own) are not the document's: a citation whose sentence holds one of the portal's
/// phrases (looked for in the window's folded text, which holds the sentence).
fn in_boilerplate(f: &Folded, m: &Mention) -> bool {
    let (a, b, _, _) = m.sentence_span;
    let (fa, fb) = (f.folded_pos(a), f.folded_pos(b));
    fa < fb && lexicon().boilerplate.is_match(&f.text[fa..fb])
}

/// Whether a mention opens an attachment's caption line: "(Kèm theo Quyết định số …)",
/// "(Ban hành kèm theo …)": the document the attachment belongs to, the file's own.
fn attachment_caption(src: &str, m: &Mention) -> bool {
    let line_start = src[..m.start].rfind('\n').map_or(0, |i| i + 1);
    let lead = fold_str(&src[line_start..m.start]);
    let lead = lead.trim_matches(|c: char| c == ' ' || c == '*' || c == '(' || c == '_');
    matches!(lead, "kem theo" | "ban hanh kem theo")
}

/// The mentions marked to keep, with nested sources renumbered (a dropped source leaves the
/// citation to the file).
fn retain(mentions: Vec<Mention>, keep: &[bool]) -> Vec<Mention> {
    let mut index = Vec::with_capacity(keep.len());
    let mut n = 0;
    for &k in keep {
        index.push(k.then(|| {
            n += 1;
            n - 1
        }));
    }
    mentions
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(mut m, _)| {
            m.source_mention = m.source_mention.and_then(|j| index[j]);
            m
        })
        .collect()
}

/// A document never cites itself: the mentions of the file's own symbol (its attachment caption
/// "(Kèm theo Quyết định số …)", a portal's title lines, an article's headlines) are not
/// citations. What they say of the document (its date, body, title) fills the header's gaps, and
/// citations nested in them relate from the file.
fn drop_self(header: &mut Header, mentions: Vec<Mention>) -> Vec<Mention> {
    let Some(own) = header.sym.clone() else {
        return mentions;
    };
    let id = own.id();
    let own_year = own.year.or(header.date.map(|d| d.y));
    // a law names itself ("LUẬT ⏎ DOANH NGHIỆP", "Quốc hội ban hành Luật Doanh nghiệp")
    let own_law = (own.family == Family::Law
        || header
            .type_name
            .as_deref()
            .is_some_and(|t| fold_str(t) == "luat"))
    .then(|| header.title.as_deref().map(fold_str))
    .flatten();
    let is_self = |m: &Mention| {
        let law_named = matches!((&m.named, &own_law), (Some(NamedKind::Law { name }), Some(t))
            if fold_str(name) == *t && m.year.is_none_or(|y| Some(y) == own_year));
        law_named
            || m.sym.as_ref().is_some_and(|s| s.id() == id)
                && (own_year.is_none() || m.year.is_none() || m.year == own_year)
    };
    let selves: Vec<&Mention> = mentions.iter().filter(|m| is_self(m)).collect();
    if header.date.is_none()
        && let Some(d) = selves.iter().find_map(|m| m.date)
    {
        header.date = Some(d);
    }
    if header.year.is_none() {
        header.year = header
            .date
            .map(|d| d.y)
            .or_else(|| selves.iter().find_map(|m| m.year));
    }
    if header.body.is_none() {
        header.body = selves.iter().find_map(|m| m.body.clone());
    }
    if header.title.is_none() {
        header.title = selves.iter().find_map(|m| m.title.clone());
    }
    let keep: Vec<bool> = mentions.iter().map(|m| !is_self(m)).collect();
    retain(mentions, &keep)
}

/// Reads date, body, term and title after `p`, in any order, each once.
fn read_context(f: &Folded, d: &mut Draft, mut p: usize) {
    let mut title_end = None;
    loop {
        if d.date.is_none() && d.date_span.is_none() {
            if let Some((date, e, warn)) = date_at(f, p) {
                d.date = date;
                d.date_span = Some((p, e));
                d.warnings.extend(warn);
                p = e;
                continue;
            }
            if d.year.is_none()
                && let Some((y, e)) = year_at(f, p)
            {
                d.year = Some(y);
                p = e;
                continue;
            }
            // a day without its year says no date, but the body may follow it
            if d.body.is_none()
                && let Some(e) = day_at(f, p)
                && body_at(f, e).is_some()
            {
                p = e;
                continue;
            }
        }
        if d.body.is_none()
            && let Some((a, b)) = body_at(f, p)
        {
            d.body = Some((a, b));
            p = b;
            continue;
        }
        // "Quy định số 11-QĐi/TW (sửa đổi) của Bộ Chính trị": a note on the version, then the rest
        if let Some(n) = VERSION_NOTES
            .iter()
            .find(|n| f.text[p..].trim_start_matches(' ').starts_with(*n))
        {
            p = f.text.len() - f.text[p..].trim_start_matches(' ').len() + n.len();
            continue;
        }
        if d.terms.is_empty()
            && let Some((t, e)) = terms_at(f, p)
        {
            d.terms = t;
            p = e;
            continue;
        }
        if d.title.is_none()
            && let Some((t, e)) = title_at(f, p, d.date_span.is_some() || d.body.is_some())
        {
            d.title = Some(t);
            title_end = Some(e);
            // after a quoted title the body may still follow
            if f.text[t.1..].starts_with('"') {
                p = e;
                continue;
            }
            if d.body.is_none() {
                split_issuer_off(f, d);
            }
            break;
        }
        break;
    }
    d.core_end = p;
    d.ctx_end = title_end.unwrap_or(p).max(p);
}

/// "Nghị quyết 71-NQ/TW về đột phá phát triển giáo dục và đào tạo của Bộ Chính trị": an unquoted
/// title that ends with "của" and a body the symbol's issuer code stands for ends before it, and
/// that is the body ("… hoạt động của Hội đồng nhân dân các cấp" stays whole in a title of a TW
/// document).
fn split_issuer_off(f: &Folded, d: &mut Draft) {
    let (Some((a, b)), Some(sym)) = (d.title, &d.sym) else {
        return;
    };
    let lex = lexicon();
    let Some(issuer) = lex
        .issuers
        .get(&fold_str(sym.issuer.split('-').next().unwrap_or("")))
    else {
        return;
    };
    let mut at = a;
    while let Some(k) = f.text[at..b].find(" cua ") {
        let c = at + k;
        if let Some((ba, bb)) = body_at(f, c)
            && bb == b
            && issuer.names.iter().any(|n| fold_str(n) == f.text[ba..bb])
        {
            d.title = Some((a, c));
            d.body = Some((ba, bb));
            return;
        }
        at = c + 1;
    }
}

/// Notes on a cited document's version written right after it, folded.
const VERSION_NOTES: &[&str] = &[
    "(sua doi)",
    "(sua doi, bo sung)",
    "(sua doi bo sung)",
    "(bo sung)",
    "(moi)",
];

/// Numbers of a list written before a shared code: "18, 19-NQ/TW", "217, 218 và 219/CĐ-TTg".
/// Returns their folded ranges, first to last, and where the list begins.
fn list_before(f: &Folded, mut p: usize) -> (Vec<(usize, usize)>, usize) {
    let t = &f.text;
    let mut nums = vec![];
    loop {
        let head = t[..p].trim_end();
        let head = if let Some(h) = head.strip_suffix(',').or_else(|| head.strip_suffix(';')) {
            h.trim_end()
        } else if let Some(h) = head.strip_suffix(" va") {
            h.trim_end()
        } else {
            break;
        };
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 6 || !context::boundary_before(t, head.len() - digits) {
            break;
        }
        nums.push((head.len() - digits, head.len()));
        p = head.len() - digits;
    }
    nums.reverse();
    (nums, p)
}

fn numbered(f: &Folded, s: &FoundSymbol, drafts: &mut Vec<Draft>) {
    let lex = lexicon();
    let (list, list_start) = list_before(f, s.start);
    let (list, lead) =
        if !list.is_empty() && (type_before(f, list_start).is_some() || so_before(f, list_start)) {
            (list, list_start)
        } else {
            (vec![], s.start)
        };
    let tb = type_before(f, lead);
    if s.needs_cv_cue {
        // N/ISSUER-UNIT is a công văn only where the text says so
        // "Tờ trình số 126/SKHĐT": a type name with "số" says it too, when the code names an
        // issuer ("Báo cáo số 12/BC" names only its type)
        let said = tb.is_some_and(|((a, b), _)| {
            matches!(&f.text[a..b], "cong van" | "van ban" | "cong dien")
                || (so_before(f, lead)
                    && f.is_upper(a)
                    && !lex.is_type_code(&fold_str(&s.symbol.issuer)))
        });
        // without a unit ("số 12/BC") the words are needed
        let known =
            s.symbol.issuer.split_once('-').is_some_and(|(iss, _)| {
                lex.issuers.contains_key(&fold_str(iss)) && so_before(f, lead)
            });
        if !said && !known {
            return;
        }
    }
    let mut warnings = s.warnings.clone();
    let mut type_name = tb.map(|(r, _)| r);
    // "… quy phạm pháp luật số 64/2025/QH15": a lower-case "luật" ends a law's name, it does not
    // begin it
    if let Some((a, b)) = type_name
        && f.text[a..b].ends_with("luat")
        && !f.is_upper(a)
        && let Some(r) = law_name_before(f, lead)
    {
        type_name = Some(r);
    }
    if type_name.is_none() && s.symbol.family == Family::Law {
        // "Luật Lưu trữ số 33/2024/QH15": the law's name stands between "Luật" and "số"
        if let Some(r) = law_name_before(f, lead) {
            type_name = Some(r);
        }
    }
    if let (Some((a, b)), Some(code)) = (type_name, &s.symbol.type_code) {
        let name = &f.text[a..b];
        if !lex.name_fits_code(name, &fold_str(code)) {
            warnings.push(format!(
                "type name \"{}\" does not match code {} ({})",
                f.display(a, b),
                code,
                lex.type_name(&fold_str(code)).unwrap_or("?")
            ));
        }
    }
    let start = type_name.map_or(lead, |(a, _)| a.min(lead));
    let mut symbol = s.symbol.clone();
    if symbol.family == Family::Law {
        let written = type_name.map(|(a, b)| &f.text[a..b]);
        if written.is_some_and(|w| !w.starts_with("luat") && !w.starts_with("bo luat")) {
            symbol.family = Family::State;
        }
    }
    if symbol.family == Family::Law && symbol.issuer.to_uppercase().starts_with("UBTVQH") {
        symbol.family = Family::State;
    }
    let mut members = vec![];
    for (k, (a, b)) in list.iter().enumerate() {
        let mut m = Draft::new(if k == 0 { start } else { *a }, *b);
        m.sym = Some(Symbol {
            number: f.text[*a..*b].to_string(),
            ..symbol.clone()
        });
        m.type_name = type_name;
        m.list_with_prev = k > 0;
        m.warnings = warnings.clone();
        members.push(m);
    }
    let mut d = Draft::new(if members.is_empty() { start } else { s.start }, s.end);
    d.sym = Some(symbol);
    d.type_name = type_name;
    d.list_with_prev = !members.is_empty();
    d.warnings = warnings;
    read_context(f, &mut d, s.end);
    if let Some((_, e)) = d.date_span.filter(|(ds, _)| *ds == s.end) {
        d.end = e;
    }
    // a body written before: "của Thủ tướng Chính phủ tại Quyết định số 1619/QĐ-TTg"
    if d.body.is_none() {
        d.body = body_before(f, d.start);
        if let Some((_, b)) = d.body
            && d.terms.is_empty()
            && let Some((t, _)) = terms_at(f, b)
        {
            d.terms = t;
        }
    }
    // "sau khi nghe Báo cáo của Ban Tổ chức Trung ương về … (Báo cáo số 565-BC/BTCTW, ngày …)":
    // the body and title were written before, with the type name, and the number in parentheses
    if (d.body.is_none() || d.title.is_none())
        && let Some((body, title)) = described_before(f, d.start, type_name)
    {
        d.body = d.body.or(body);
        d.title = d.title.or(title);
    }
    // a date written before: "Ngày 20/6/2020, Ban Thường vụ Huyện ủy đã ban hành Kế hoạch số …"
    if d.date.is_none()
        && d.date_span.is_none()
        && let Some((date, _)) = date_before(f, d.start)
    {
        d.date = Some(date);
    }
    // "18, 19-NQ/TW ngày 25/10/2017 của …": what is written once after the list is everyone's
    for m in &mut members {
        m.date = d.date;
        m.body = d.body;
        m.terms = d.terms.clone();
        m.core_end = d.core_end;
        m.ctx_end = d.ctx_end;
    }
    drafts.extend(members);
    drafts.push(d);
}

/// The char boundary at or before `i` (folded text is mostly ASCII, not all).
fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "Ngày 20/6/2020, <cơ quan> (đã ký) ban hành <citation>": the date of the act of issuing,
/// written before the citation in the same clause.
fn date_before(f: &Folded, start: usize) -> Option<(Date, usize)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(&crate::lexicon::lexicon().date_pattern(r"\b{ngay} (\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)\b|\b{ngay} (\d{1,2}) {thang} (\d{1,2}) {nam} ((?:19|20)\d\d)\b"))
            .expect("date regex")
    });
    let t = &f.text;
    let head = t[..start].trim_end();
    if !(head.ends_with("ban hanh")
        || head.ends_with("ky")
        || head.ends_with(" ra")
        || head.ends_with(" thong qua"))
    {
        return None;
    }
    let from = floor_char(t, start.saturating_sub(200));
    let c = re.captures_iter(&t[from..start]).last()?;
    let m = c.get(0)?;
    let between = &t[from + m.end()..start];
    // nothing between but the issuing body and the verb: no clause break, no other date or symbol
    if between.contains([';', '.', '/']) || between.len() > 150 || f.break_in(from + m.end(), start)
    {
        return None;
    }
    let g = |a: usize, b: usize| {
        c.get(a)
            .or_else(|| c.get(b))
            .and_then(|x| x.as_str().parse::<u32>().ok())
    };
    let date = Date::new(g(3, 6)? as u16, g(2, 5)? as u8, g(1, 4)? as u8)?;
    Some((date, from + m.start()))
}

/// The body and title of a citation in parentheses, written before them with its type name: "Báo
/// cáo của <body> về <title> (Báo cáo số N, ngày D)".
#[allow(clippy::type_complexity)]
fn described_before(
    f: &Folded,
    start: usize,
    type_name: Option<(usize, usize)>,
) -> Option<(Option<(usize, usize)>, Option<(usize, usize)>)> {
    let t = &f.text;
    let open = t[..start].trim_end();
    if !open.ends_with('(') {
        return None;
    }
    let open = open.len() - 1;
    let (a, b) = type_name?;
    let name = &t[a..b];
    let from = floor_char(t, open.saturating_sub(500)).max(clause_start(f, open));
    let at = t[from..open]
        .match_indices(name)
        .map(|(i, _)| from + i)
        .filter(|&i| context::boundary_before(t, i) && t[i + name.len()..].starts_with(" cua "))
        .last()?;
    let (ba, bb) = body_at(f, at + name.len())?;
    let title = title_at(f, bb, true)
        .map(|((x, y), _)| (x, y.min(open)))
        .filter(|&(x, y)| y > x + 2 && y <= open);
    (bb <= open).then_some((Some((ba, bb)), title))
}

/// "Luật <tên> số": the "Luật" before a law's name and number, as a type-name range.
fn law_name_before(f: &Folded, p: usize) -> Option<(usize, usize)> {
    if !so_before(f, p) {
        return None;
    }
    let window_start = floor_char(&f.text, p.saturating_sub(120));
    let window = &f.text[window_start..p];
    // the capitalised "Luật" that opens the name, not one inside it ("Luật Ban hành văn bản quy
    // phạm pháp luật số 64/2025/QH15")
    let i = window
        .rmatch_indices("luat ")
        .map(|(i, _)| i)
        .find(|&i| f.is_upper(window_start + i) || window[..i].ends_with("bo "))?;
    let mut at = window_start + i;
    if !context::boundary_before(&f.text, at) || window[i..].contains([';', '.', '"']) {
        return None;
    }
    // "Luật sửa đổi, bổ sung một số điều của Luật Ban hành … số 87/2025/QH15": the amending law
    // is the one numbered
    let head = f.text[..at].trim_end();
    for amending in [
        "luat sua doi, bo sung mot so dieu cua",
        "luat sua doi, bo sung mot so dieu cac",
        "luat sua doi, bo sung",
        "luat sua doi",
    ] {
        if let Some(h) = head.strip_suffix(amending)
            && (h.is_empty() || !h.ends_with(|c: char| c.is_ascii_alphanumeric()))
        {
            at = h.len();
            break;
        }
    }
    let at = if f.text[..at].ends_with("bo ") {
        at - 3
    } else {
        at
    };
    Some((at, at + f.text[at..].find("luat").unwrap_or(0) + 4))
}

/// A body that closes right before a citation: "… của Thủ tướng Chính phủ tại Quyết định …", or
/// that issued it as the subject of the clause: "Ban Chấp hành Trung ương đã ký ban hành Nghị
/// quyết …", "Ủy ban Kiểm tra Trung ương ban hành Kế hoạch …".
fn body_before(f: &Folded, start: usize) -> Option<(usize, usize)> {
    let t = &f.text;
    let head = t[..start].trim_end();
    let verb = [
        "ky ban hanh",
        "ban hanh",
        // "Hội nghị lần thứ 7 của Ban Chấp hành Trung ương Đảng đã thông qua Nghị quyết …"
        "thong qua",
        "co",
        // "Bộ Chính trị ra Quyết định số 61-QĐ/TW"
        "ra",
    ]
    .iter()
    .find_map(|v| head.strip_suffix(v).filter(|h| h.ends_with(' ')));
    // the words between subject and verb: "BTV Tỉnh ủy đã kịp thời ban hành", "vừa ban hành"
    let verb = verb.map(|mut h| {
        while let Some(rest) = ["da", "vua", "kip thoi", "som", "nhanh chong", "cung", "moi"]
            .iter()
            .find_map(|a| h.trim_end().strip_suffix(a).filter(|r| r.ends_with(' ')))
        {
            h = rest;
        }
        h
    });
    if let Some(h) = verb {
        // "Ban Chấp hành Đảng bộ tỉnh khóa XIII đã ban hành …": the term closes the subject
        static TERM: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        let term = TERM
            .get_or_init(|| regex::Regex::new(r",? \(?khoa [ivxl]+\)?,?$").expect("term regex"));
        let h = h.trim_end();
        let subject_end = term.find(h).map_or(h.len(), |m| m.start());
        let from = floor_char(t, subject_end.saturating_sub(120));
        let from = from.max(clause_start(f, subject_end));
        let b = t.as_bytes();
        for i in from..subject_end {
            if (i == 0 || b[i - 1] == b' ')
                && f.is_upper(i)
                && let Some((a, e)) = body_from(f, i)
                && e == subject_end
            {
                return Some((a, e));
            }
        }
        return None;
    }
    let head = ["tai", "theo"]
        .iter()
        .find_map(|w| head.strip_suffix(w).filter(|h| h.ends_with(' ')))?;
    let from = floor_char(t, head.len().saturating_sub(90));
    let i = t[from..head.len()].rfind(" cua ")? + from + 5;
    // "của Giám đốc Sở Tài chính tại Tờ trình số …": the office holder proposes for the body
    let office = lexicon()
        .offices
        .iter()
        .find(|o| t[i..].starts_with(o.as_str()) && t.as_bytes().get(i + o.len()) == Some(&b' '))
        .map_or(0, |o| o.len() + 1);
    let (a, b) = body_from(f, i + office)?;
    (b <= head.len() && t[b..head.len()].trim().is_empty()).then_some((a, b))
}

/// "Quy định 377" after "Quy định số 377-QĐ/TW" in the same text: a short form of a symbol the
/// text has spelled out.
fn short_forms(f: &Folded, drafts: &mut Vec<Draft>, known: &[Symbol]) {
    let lex = lexicon();
    let t = f.text.as_bytes();
    let mut extra: Vec<Draft> = vec![];
    let mut i = 0;
    while i < t.len() {
        if !t[i].is_ascii_digit() || (i > 0 && t[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let s = i;
        while i < t.len() && t[i].is_ascii_digit() {
            i += 1;
        }
        let e = i;
        // "Thông tư 02/2024" for "Thông tư 02/2024/TT-BKHĐT": number and year, no codes
        let mut year = None;
        if t.get(e) == Some(&b'/')
            && t.len() >= e + 5
            && t[e + 1..e + 5].iter().all(u8::is_ascii_digit)
            && matches!(&t[e + 1..e + 3], b"19" | b"20")
            && number_ends(t, e + 5)
        {
            year = f.text[e + 1..e + 5].parse::<u16>().ok();
        } else if !number_ends(t, e) || alone_on_its_line(f, s, e) {
            continue;
        }
        // cheap test first: the word before (or before "số") must end a type name
        let before = f.text[..s].trim_end();
        let before = before
            .strip_suffix("so")
            .map(str::trim_end)
            .unwrap_or(before);
        let last_word = before.rsplit(' ').next().unwrap_or("");
        // "Theo tinh thần NQ 18", "tiếp tục thực hiện CT 05": a type code in capitals for its
        // name, only for a number the text spells out with that code
        let wa = before.len() - last_word.len();
        let abbreviated = lex.types.get(last_word).filter(|_| {
            (2..=4).contains(&last_word.len())
                && context::boundary_before(&f.text, wa)
                && !f.has_lower(wa, before.len())
        });
        if abbreviated.is_none() && !lex.type_last_words.contains(last_word) {
            continue;
        }
        if drafts
            .iter()
            .chain(&extra)
            .any(|d| d.start <= s && e <= d.end)
        {
            continue;
        }
        let (a, b) = match abbreviated {
            Some(_) => (wa, before.len()),
            None => {
                let Some(((a, b), _)) = type_before(f, s) else {
                    continue;
                };
                if !f.is_upper(a) {
                    continue;
                }
                (a, b)
            }
        };
        // "các Nghị quyết 57, 59, 66 và 72 của Bộ Chính trị": one type, several numbers
        let mut numbers = vec![(s, e)];
        let mut p = e;
        while year.is_none() {
            let rest = &f.text[p..];
            let gap = rest.len()
                - rest
                    .trim_start_matches([' ', ','])
                    .trim_start_matches("va ")
                    .trim_start_matches(' ')
                    .len();
            let q = p + gap;
            let digits = t[q..].iter().take_while(|c| c.is_ascii_digit()).count();
            if gap == 0 || gap > 6 || digits == 0 || digits > 4 || !number_ends(t, q + digits) {
                break;
            }
            numbers.push((q, q + digits));
            p = q + digits;
        }
        let name = &f.text[a..b];
        let abbr = abbreviated.map(|t| vec![t.code]);
        let codes = abbr.as_ref().or_else(|| lex.type_names.get(name));
        let of_type = |k: &&Symbol| {
            k.type_code.as_ref().is_some_and(|c| {
                codes.is_some_and(|codes| codes.iter().any(|x| fold_str(x) == fold_str(c)))
            })
        };
        let spelled = |number: &str| -> Option<Symbol> {
            let hits: Vec<&Symbol> = known
                .iter()
                .filter(|k| {
                    k.number_id() == number.trim_start_matches('0')
                        && of_type(k)
                        && (year.is_none() || k.year == year)
                })
                .collect();
            let mut ids: Vec<String> = hits.iter().map(|k| k.id()).collect();
            ids.sort();
            ids.dedup();
            (ids.len() == 1).then(|| hits[0].clone())
        };
        let list_end = match year {
            Some(_) => e + 5,
            None => numbers.last().map_or(e, |n| n.1),
        };
        // numbers the text never spells out take the code of one it does, or of the body named
        // after the list ("của Bộ Chính trị" is TW, "của Ban Thường vụ Tỉnh ủy" TU)
        let template: Option<(Symbol, String)> = numbers
            .iter()
            .find_map(|&(x, y)| spelled(&f.text[x..y]))
            .map(|k| {
                let why = format!("short form in a list with {k}, whose code it shares");
                (k, why)
            })
            .or_else(|| {
                // "Nghị quyết số 18 ngày 25-10-2017 của Ban Chấp hành Trung ương Đảng": the date
                // may come first
                // (an abbreviation is read only for a number spelled out)
                abbreviated.is_none().then_some(())?;
                let after_date = date_at(f, list_end)
                    .map(|(_, e, _)| e)
                    .or_else(|| day_at(f, list_end))
                    .unwrap_or(list_end);
                // or before it: "Ban Thường vụ Tỉnh ủy Yên Bái đã ban hành Chỉ thị số 17 về …"
                let (ba, bb) = body_at(f, list_end)
                    .or_else(|| body_at(f, after_date))
                    .or_else(|| body_before(f, a))?;
                let issuer = lex.issuer_of(&f.text[ba..bb])?;
                let code = codes?.first()?;
                let party = lex.issuers.get(&fold_str(issuer)).is_some_and(|i| i.party);
                Some((
                    Symbol {
                        family: if party { Family::Party } else { Family::State },
                        number: String::new(),
                        year: year.filter(|_| !party),
                        type_code: Some(code.to_string()),
                        issuer: issuer.to_string(),
                    },
                    "symbol inferred from the type name and the issuing body".to_string(),
                ))
            });
        let mut made = vec![];
        for (k, &(x, y)) in numbers.iter().enumerate() {
            let number = &f.text[x..y];
            let (sym, why) = match spelled(number) {
                Some(h) => {
                    let w = format!("short form of {h} in the same text");
                    (h, w)
                }
                None => match &template {
                    Some((tpl, why)) => (tpl.clone(), why.clone()),
                    None => continue,
                },
            };
            let mut d = Draft::new(
                if k == 0 { a } else { x },
                if year.is_some() { list_end } else { y },
            );
            d.sym = Some(Symbol {
                number: number.to_string(),
                ..sym
            });
            d.type_name = Some((a, b));
            d.list_with_prev = !made.is_empty();
            d.warnings.push(why);
            made.push(d);
        }
        if let Some(last) = made.last_mut() {
            read_context(f, last, list_end);
            // a symbol inferred from a body written before ("Ban Thường vụ Tỉnh ủy đã ban hành
            // Chỉ thị số 17"): that body and the date of the act are its own (a short form of a
            // spelled symbol keeps what is written after it only)
            if template.as_ref().is_some_and(|(t, _)| t.number.is_empty()) && last.body.is_none() {
                last.body = body_before(f, a);
                if last.date.is_none()
                    && last.date_span.is_none()
                    && let Some((date, _)) = date_before(f, a)
                {
                    last.date = Some(date);
                }
            }
            let (date, body, terms, core, ctx) = (
                last.date,
                last.body,
                last.terms.clone(),
                last.core_end,
                last.ctx_end,
            );
            let n = made.len();
            for d in &mut made[..n - 1] {
                d.date = date;
                d.body = body;
                d.terms = terms.clone();
                d.core_end = core;
                d.ctx_end = ctx;
            }
        }
        i = list_end;
        extra.extend(made);
    }
    drafts.extend(extra);
}

/// "ban hành Chỉ thị số ⏎⏎ 2 ⏎⏎ 18-CT/TW": a number alone on its line is a page number.
fn alone_on_its_line(f: &Folded, s: usize, e: usize) -> bool {
    let r = f.src_range(s, e);
    let b = f.src.as_bytes();
    let from = memchr::memrchr(b'\n', &b[..r.start]).map_or(0, |i| i + 1);
    let to = memchr::memchr(b'\n', &b[r.end..]).map_or(b.len(), |i| r.end + i);
    f.src[from..to].trim() == &f.src[r]
}

/// Whether a number ends at `e`: not part of a symbol, date or decimal.
fn number_ends(t: &[u8], e: usize) -> bool {
    !t.get(e).is_some_and(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(c, b'/' | b'-' | b'.')
                && t.get(e + 1).is_some_and(|d| d.is_ascii_alphanumeric())
    })
}

fn named_drafts(f: &Folded, n: NamedRef, drafts: &mut Vec<Draft>) {
    let mut d = Draft::new(n.start, n.end);
    d.named = Some(n.kind.clone());
    d.type_name = n.type_name;
    d.year = n.year;
    d.title = n.title;
    if n.kind != NamedKind::TitleOnly {
        read_context(f, &mut d, n.end);
        d.title = d.title.or(n.title);
    } else {
        d.core_end = n.end;
        d.ctx_end = n.end;
        // the body may follow the title: "Nghị quyết về “…” của Ban Chấp hành Trung ương"
        if let Some((a, b)) = body_at(f, n.end) {
            d.body = Some((a, b));
        }
    }
    if n.terms.is_empty() {
        drafts.push(d);
        return;
    }
    // one record per term: "Nghị quyết Trung ương 4 (khóa XII, XIII)" cites two resolutions
    for (k, t) in n.terms.iter().enumerate() {
        let mut dt = d.clone();
        dt.terms = vec![t.clone()];
        dt.list_with_prev = k > 0;
        drafts.push(dt);
    }
}

/// "Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về … (Chỉ thị 05)": the short name in
/// parentheses right after the citation it names, not another citation.
fn named_again(f: &Folded, drafts: &[Draft], i: usize) -> bool {
    let d = &drafts[i];
    let Some(p) = i.checked_sub(1).map(|j| &drafts[j]) else {
        return false;
    };
    let same = d.sym.is_some() && p.sym.as_ref().map(Symbol::id) == d.sym.as_ref().map(Symbol::id);
    let from = p.ctx_end.max(p.end);
    same && from <= d.start
        && f.text[from..d.start].trim() == "("
        && f.text[d.end..].trim_start().starts_with(')')
}

/// Whether a draft is the short name a citation before it is given: "(sau đây gọi tắt là …)".
fn is_alias(f: &Folded, d: &Draft) -> bool {
    let head = f.text[..d.start].trim_end();
    [
        "sau day goi tat la",
        "sau day goi la",
        "sau day viet tat la",
        "sau day goi chung la",
        "goi tat la",
    ]
    .iter()
    .any(|w| head.ends_with(w))
}

/// Gap text between two drafts that makes them one list: ",", "và", "; " is not enough.
fn list_gap(gap: &str) -> bool {
    // "Mục III Kế hoạch số 13-KH/TU và Mục II Hướng dẫn số 01-HD/BTCTU": the next member may be
    // cited by a part of it
    let g = relation::strip_parts(gap.trim());
    g.is_empty()
        || matches!(
            g,
            "," | "va"
                | ", va"
                | "cac"
                | ", cac"
                | "va cac"
                | ", va cac"
                | "hoac"
                | ", hoac"
                | "va tai"
                | "cung"
                | "so"
                | ", so"
                | "va so"
                | ", va so"
                // "; số 010/CĐ-UBND": a member without its type goes on the list before it
                | "; so"
                | "; va so"
        )
}

/// Whether nothing but a line break stands between folded `a` and `b`: one citation per line,
/// as in a list of links ("Thông tư 77/2014/tt-btc hướng dẫn nghị định 46/2014/nđ-cp ⏎⏎ thông tư
/// liên tịch 17/2015/ttlt-btp-bqp"), is no list that the line before heads.
fn lines_apart(f: &Folded, a: usize, b: usize) -> bool {
    f.text[a..b].trim().is_empty() && f.src[f.src_pos(a)..f.src_pos(b)].contains('\n')
}

/// "Căn cứ các Nghị định của Chính phủ: số 24/2010/NĐ-CP …; số 93/2010/NĐ-CP …": the body named
/// in the list's heading, before its colon, is each member's.
fn body_of_list_heading(f: &Folded, drafts: &mut [Draft]) {
    let t = &f.text;
    for d in drafts
        .iter_mut()
        .filter(|d| d.body.is_none() && d.sym.is_some())
    {
        let before = t[..d.start].trim_end();
        if !before.ends_with("so") {
            continue;
        }
        let from = floor_char(t, d.start.saturating_sub(600));
        let Some(colon) = t[from..d.start].rfind(':').map(|k| from + k) else {
            continue;
        };
        if t[colon..d.start].contains(". ") || f.break_in(colon, d.start) {
            continue;
        }
        // a member is "số …" right after the colon, a ";", a "," or "và" (not a number further
        // on in a member's title, "… sửa đổi Điều 3 số …")
        let head = &t[..d.start];
        let clause = (head.rfind([':', ';', ',']).map_or(0, |k| k + 1))
            .max(head.rfind(" va ").map_or(0, |k| k + 4));
        if head[clause..].trim().trim_start_matches(['-', '+']).trim() != "so" {
            continue;
        }
        // the heading: "các <type name> của <body>:"
        let head_from = floor_char(t, colon.saturating_sub(160));
        let Some(cua) = t[head_from..colon].rfind(" cua ").map(|k| head_from + k) else {
            continue;
        };
        let lead = t[..cua].trim_end();
        let plural = lexicon().type_names_by_len.iter().any(|(n, _)| {
            lead.strip_suffix(n.as_str())
                .is_some_and(|h| h.trim_end().ends_with(" cac") || h.trim_end() == "cac")
        });
        if !plural {
            continue;
        }
        if let Some((a, b)) = body_from(f, cua + 5)
            && t[b..colon].trim().is_empty()
        {
            d.body = Some((a, b));
        }
    }
}

/// Members of a list share a type name, and a date when they are of the same type and issuer.
fn share_in_lists(f: &Folded, drafts: &mut [Draft]) {
    for i in 1..drafts.len() {
        let (a, b) = drafts.split_at_mut(i);
        let prev = &a[i - 1];
        let d = &mut b[0];
        let joins = |from: usize| {
            from <= d.start && list_gap(&f.text[from..d.start]) && !lines_apart(f, from, d.start)
        };
        let adjacent = joins(prev.end) || joins(prev.ctx_end);
        if !adjacent && !d.list_with_prev {
            continue;
        }
        d.list_with_prev = true;
        if d.type_name.is_none() {
            // "Căn cứ các Nghị định của Chính phủ: Số 78/2025/NĐ-CP … hướng dẫn thi hành Luật …; số
            // 187/2025/NĐ-CP": the nearest member whose type name fits the code gives it
            let code = d
                .sym
                .as_ref()
                .and_then(|s| s.type_code.as_deref())
                .map(fold_str);
            let lex = lexicon();
            let fits = |t: Option<(usize, usize)>| match (&code, t) {
                // a name the code is written for ("Luật" stands before any code, a law's whole
                // name is no type name)
                (Some(c), Some((x, y))) => lex
                    .type_names
                    .get(&f.text[x..y])
                    .is_some_and(|codes| codes.iter().any(|k| fold_str(k) == *c)),
                (_, t) => t.is_some(),
            };
            d.type_name = a
                .iter()
                .rev()
                .take_while(|p| d.start.saturating_sub(p.end) < 600)
                .find(|p| fits(p.type_name))
                .and_then(|p| p.type_name);
        }
    }
    // a date or body written once after the last member belongs to all (backwards)
    for i in (1..drafts.len()).rev() {
        if !drafts[i].list_with_prev {
            continue;
        }
        let (a, b) = drafts.split_at_mut(i);
        let prev = &mut a[i - 1];
        let d = &b[0];
        let same_kind = match (&prev.sym, &d.sym) {
            (Some(p), Some(s)) => p.type_code == s.type_code && p.issuer == s.issuer,
            _ => false,
        };
        // (the numbers of "01, 02, 03-NQ/HU" share the last one's context: what comes to it
        // from a later member is theirs too)
        let same_list = prev.ctx_end == d.ctx_end && prev.core_end == d.core_end;
        let touching =
            same_list || (prev.ctx_end <= d.start && list_gap(&f.text[prev.ctx_end..d.start]));
        if !touching {
            continue;
        }
        if same_kind && prev.date.is_none() && prev.date_span.is_none() && d.date.is_some() {
            // "217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025": the date may be the last one's
            prev.date = d.date;
            prev.warnings
                .push("date written once, after the list it stands in".to_string());
        }
        // (a law, the Constitution or the Charter is no body's: "Luật Hộ tịch năm 2014, Nghị định
        // số 123/2015/NĐ-CP … của Chính phủ")
        let bodiless = matches!(
            prev.named,
            Some(NamedKind::Law { .. } | NamedKind::Constitution | NamedKind::Charter)
        );
        if prev.body.is_none() && !bodiless {
            prev.body = d.body;
        }
        if prev.terms.is_empty() && prev.named.is_none() {
            prev.terms = d.terms.clone();
        }
    }
}

/// Where the clause that holds folded offset `p` begins.
fn clause_start(f: &Folded, p: usize) -> usize {
    let t = f.text.as_bytes();
    // (220 bytes back may fall inside a U+FFFD or a letter that kept its marks)
    let floor = floor_char(&f.text, p.saturating_sub(220));
    let brk = f.break_before(p).unwrap_or(0);
    // in a lossy conversion's text "?" stands inside words for the letters it lost ("th?c
    // hi?n"), and ends no question
    let lossy = t[floor.max(brk)..p]
        .windows(3)
        .any(|w| w[1] == b'?' && w[0].is_ascii_alphabetic() && w[2].is_ascii_alphabetic());
    let mut i = p;
    while i > floor.max(brk) {
        let c = t[i - 1];
        if matches!(c, b';' | b'!')
            || (c == b'?' && !lossy)
            || (c == b'.' && t.get(i) == Some(&b' '))
        {
            return i;
        }
        i -= 1;
    }
    floor.max(brk)
}

/// Assigns each draft its relation and what it relates from: the report, or a citation right
/// before it whose context says it acts on this one ("Kế hoạch số 111-KH/ĐUK … thực hiện Nghị
/// quyết số 43-NQ/TW").
fn relate(f: &Folded, drafts: &mut [Draft]) {
    // the citation whose unquoted title holds draft `k` ("Kết luận số 21-KL/TW về … gắn với thực
    // hiện Chỉ thị số 05-CT/TW"): the title says what that document does with this one
    let title_owner = |drafts: &[Draft], k: usize| {
        let d = &drafts[k];
        (0..k).rev().find(|&j| {
            drafts[j]
                .title
                .is_some_and(|(a, b)| a <= d.start && d.start < b)
        })
    };
    for i in 0..drafts.len() {
        let d = &drafts[i];
        if let Some(pi) = (0..i).rev().find(|&j| drafts[j].end <= d.start) {
            let p = &drafts[pi];
            // a list member does what the head of its list does; after a citation in another's
            // title, the list goes on from the title's owner ("… về tổng kết Nghị quyết số
            // 18-NQ/TW khoá XII và Kết luận số 126-KL/TW")
            if d.list_with_prev && pi + 1 == i {
                let head = match title_owner(drafts, pi) {
                    Some(o) if title_owner(drafts, i) != Some(o) => o,
                    _ => pi,
                };
                let (rel, src) = (drafts[head].relation, drafts[head].source);
                drafts[i].relation = rel;
                drafts[i].source = src;
                continue;
            }
            if let Some(o) = title_owner(drafts, i).filter(|&o| {
                drafts[o].sym.is_none()
                    || drafts[o].sym.as_ref().map(Symbol::id) != d.sym.as_ref().map(Symbol::id)
            }) {
                let (a, _) = drafts[o].title.expect("owner has a title");
                let hits = cues_in(f, a, drafts[i].start);
                drafts[i].relation =
                    relation::in_title(f, &hits, drafts[i].start).unwrap_or(Relation::Mentions);
                drafts[i].source = Some(o);
                continue;
            }
            let gap_start = p.core_end.min(d.start);
            let gap = &f.text[gap_start..d.start];
            let near = d.start - gap_start <= 120
                && !gap.contains([';', '?', '!'])
                && !f.break_in(gap_start, d.start)
                && !gap.contains(". ");
            let same = p.sym.as_ref().map(Symbol::id) == d.sym.as_ref().map(Symbol::id);
            // "Luật Đấu thầu số 22/2023/QH15 được sửa đổi, bổ sung tại Luật số 57/2024/QH15" (after
            // A's title: "Quyết định số 39/2021/QĐ-TTg … về …, đã được sửa đổi, bổ sung tại …")
            let after_a = p
                .title
                .map(|(_, b)| b)
                .filter(|&b| b >= p.core_end && b <= d.start && d.start - b <= 120)
                .unwrap_or(p.core_end.min(d.start));
            if (near || after_a > p.core_end)
                && !same
                && (p.sym.is_some() || p.named.is_some())
                && !f.break_in(after_a, d.start)
                && let Some(rel) = relation::passive(&f.text[after_a..d.start])
            {
                // B amends A; B is what A was cited for ("Căn cứ Luật … được sửa đổi, bổ sung tại
                // Luật số …": the amending law is a basis too). A named in a third one's title
                // keeps what that one does to it; B is then what the third was cited for.
                match drafts[pi].source {
                    Some(o) => {
                        drafts[i].relation = drafts[o].relation;
                        drafts[i].source = drafts[o].source;
                    }
                    None => {
                        drafts[i].relation = drafts[pi].relation;
                        drafts[i].source = None;
                        drafts[pi].relation = rel;
                        drafts[pi].source = Some(i);
                    }
                }
                continue;
            }
            // a citation right after another's core, opened by a cue: "Kế hoạch số 111-KH/ĐUK
            // ngày 03/6/2024 thực hiện Nghị quyết số 43-NQ/TW" (a titled one is handled by its
            // title above)
            if near && p.sym.is_some() && !same && p.title.is_none() {
                let lead = gap
                    .trim_start_matches([' ', ','])
                    .trim_start_matches("ve viec ")
                    .trim_start_matches("ve ")
                    .trim_start_matches('"')
                    .trim_start_matches("de ")
                    .trim_start_matches("nham ");
                let lead_at = d.start - lead.len();
                let hits = cues_in(f, lead_at, d.start);
                if hits
                    .first()
                    .is_some_and(|h| h.start == lead_at && h.relation.is_some())
                {
                    let acted = hits.iter().rfind(|h| h.relation.is_some());
                    let by = acted.is_some_and(|l| relation::done_by(f, l, l, d.start));
                    drafts[i].relation = match strongest(&hits) {
                        Some(Relation::Amends | Relation::Replaces | Relation::Repeals) if by => {
                            Relation::Mentions
                        }
                        r => r.unwrap_or(Relation::Mentions),
                    };
                    drafts[i].source = Some(pi);
                    continue;
                }
            }
        }
        let d = &drafts[i];
        let mut from = clause_start(f, d.start);
        if let Some(p) = drafts[..i].iter().rev().find(|p| p.ctx_end <= d.start) {
            from = from.max(p.ctx_end.min(d.start));
        }
        // a citation in parentheses is governed by what the parentheses say ("(cụ thể theo …)")
        if let Some(k) = f.text[from..d.start].rfind('(')
            && !f.text[from + k..d.start].contains(')')
        {
            from += k + 1;
        }
        // "…, Nghị định 35/2021/NĐ-CP … hết hiệu lực thi hành": the document is declared repealed
        // after it is named
        let after = f.text[d.ctx_end.min(f.text.len())..].trim_start_matches([' ', ',']);
        if after.starts_with("het hieu luc") || after.starts_with("bi bai bo") {
            drafts[i].relation = Relation::Repeals;
            continue;
        }
        let hits = cues_in(f, from, d.start);
        drafts[i].relation = match governing(f, &hits, d.start) {
            // "đề nghị (nghiên cứu,) sửa đổi, bổ sung Nghị quyết …": a proposal, not the act
            Some(Relation::Amends | Relation::Replaces | Relation::Repeals)
                if ["de nghi", "du thao", "kien nghi"]
                    .iter()
                    .any(|w| f.text[from..d.start].contains(w)) =>
            {
                Relation::Mentions
            }
            Some(r) => r,
            // "Thực hiện Nghị quyết …; Chỉ thị …; Quyết định …": a citation that opens a clause
            // of a semicolon list does what the list's first citation does; a list under a
            // heading "Căn cứ pháp lý" stands on what it lists
            None => list_head_relation(f, drafts, i)
                .or_else(|| heading_relation(f, drafts[i].start))
                .or_else(|| guidance_title(f, drafts[i].start))
                .or_else(|| coordinated(f, drafts, i))
                .unwrap_or(Relation::Mentions),
        };
    }
}

/// "Góp phần thực hiện … các nhiệm vụ của Nghị quyết số 59-NQ/TW … và các mục tiêu đề ra của
/// Nghị quyết số 26-NQ/TW": a citation joined by "và" to the one before it, in the same clause
/// and with no cue of its own between them, is governed by what governs that one.
fn coordinated(f: &Folded, drafts: &[Draft], i: usize) -> Option<Relation> {
    let d = &drafts[i];
    let p = drafts[..i].iter().rev().find(|p| p.ctx_end <= d.start)?;
    if p.source.is_some() || p.relation == Relation::Mentions || clause_start(f, d.start) > p.start
    {
        return None;
    }
    let gap = &f.text[p.ctx_end..d.start];
    // (a citation in parentheses is said of something else: "… do Ban Tổ chức Trung ương và Đảng
    // uỷ Chính phủ trình (Báo cáo số 386-BC/BTCTW …)")
    let in_parens = gap.rfind('(').is_some_and(|k| !gap[k..].contains(')'));
    let joined = gap
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "va");
    (joined && !in_parens).then_some(p.relation)
}

/// "HƯỚNG DẪN⏎⏎MỘT SỐ NỘI DUNG QUY ĐỊNH SỐ 377-QĐ/TW …": a guidance's type heading is the
/// predicate of the title under it, which names what it guides.
fn guidance_title(f: &Folded, start: usize) -> Option<Relation> {
    let t = &f.text;
    let b = f.break_before(start)?;
    // the citation stands in the title's first paragraph, in its first sentence
    if t[b..start].contains(['.', ';', ':']) {
        return None;
    }
    let a = f.break_before(b.saturating_sub(1)).unwrap_or(0);
    (t[a..b].trim().trim_matches('*').trim() == "huong dan").then_some(Relation::Guides)
}

/// "I. CĂN CỨ PHÁP LÝ⏎- Nghị định số …": a list item under a heading of legal bases (within the
/// few paragraphs the list takes).
fn heading_relation(f: &Folded, start: usize) -> Option<Relation> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[.;:] |[ivx]{1,4}\. |\d{1,2}\. )can cu(?: phap ly| xay dung(?: ke hoach| de an)?| ban hanh| de xay dung(?: ke hoach)?)? ?:?$",
        )
        .expect("heading regex")
    });
    let t = &f.text;
    let mut b = f.break_before(start)?;
    // the citation stands in a list item itself
    if !t[b..start].trim_start().starts_with(['-', '+', '*', '•']) {
        return None;
    }
    for _ in 0..12 {
        let a = f.break_before(b.saturating_sub(1)).unwrap_or(0);
        let para = t[a..b].trim();
        if re.is_match(para) {
            return Some(Relation::BasedOn);
        }
        // only list items stand between the heading and the citation
        if !para.starts_with(['-', '+', '*', '•'])
            && !para.starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        if a == 0 {
            return None;
        }
        b = a;
    }
    None
}

/// The relation of the citation that heads the semicolon list whose next clause `i` opens.
fn list_head_relation(f: &Folded, drafts: &[Draft], i: usize) -> Option<Relation> {
    let d = &drafts[i];
    let t = f.text.as_bytes();
    let mut before = f.text[..d.start].trim_end_matches([' ', '-', '+']);
    // an item may open with words before its number: a type name damage made unreadable ("; Quyet
    // nh so 23-QĐ/TW"), or the list's own word and the type ("; Các Công điện: số 007/CĐ-UBND")
    let near = floor_char(before, before.len().saturating_sub(24));
    if let Some(k) = before[near..].rfind(';') {
        let k = near + k;
        let rest = &before[k + 1..];
        let damaged_type = d.type_name.is_none()
            && rest.split_whitespace().count() <= 3
            && rest
                .bytes()
                .all(|b| b == b' ' || b == b'?' || b.is_ascii_lowercase());
        // the list's words and a type name, the number's own: "các Công điện: số"
        let head = rest
            .trim()
            .trim_end_matches("so")
            .trim_end()
            .trim_end_matches(':');
        let head = ["cac ", "va cac ", "va ", "cung "]
            .iter()
            .find_map(|w| head.strip_prefix(w))
            .unwrap_or(head)
            .trim();
        let type_words = head.is_empty()
            || matches!(head, "cac" | "va" | "va cac" | "cung")
            || lexicon().type_names.contains_key(head);
        if damaged_type || type_words {
            before = &before[..=k];
        }
    }
    if !before.ends_with(';') {
        return None;
    }
    let semi = before.len() - 1;
    // the citation that opens the clause before (items of the list are parallel; a citation deep
    // in that clause does what its clause says), else the nearest earlier one of the report itself
    let prev_semi = f.text[..semi]
        .rfind(';')
        .map_or(0, |k| k + 1)
        .max(f.text[..semi].rfind(". ").map_or(0, |k| k + 2))
        .max(f.break_before(semi).unwrap_or(0));
    let p = drafts[..i]
        .iter()
        .find(|p| p.source.is_none() && p.start >= prev_semi && p.end <= semi)
        .or_else(|| {
            drafts[..i]
                .iter()
                .rev()
                .find(|p| p.source.is_none() && p.end <= semi)
        })?;
    let between = &f.text[p.end..semi];
    if between.contains(". ") || f.break_in(p.end, d.start) || t[p.end..semi].len() > 600 {
        return None;
    }
    Some(p.relation)
}
