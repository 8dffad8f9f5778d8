//! Where the archive contradicts itself: one document cited with different dates, bodies, terms
//! or type names, and symbols that two documents share. Each finding carries the evidence and
//! says what was concluded and why.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::key::Base;
use super::title::{TITLE_AGREES, similarity};
use super::{At, Cites, Claim, Document, Tally};
use crate::extract::Family;
use crate::extract::context::Date;
use crate::lexicon::lexicon;
use crate::text::fold_str;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    Date,
    Body,
    Term,
    Type,
    SharedSymbol,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Date => "date",
            ConflictKind::Body => "body",
            ConflictKind::Term => "term",
            ConflictKind::Type => "type",
            ConflictKind::SharedSymbol => "shared_symbol",
        }
    }
}

/// Where a value was read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Evidence {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub sentence: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConflictValue {
    pub value: String,
    pub count: usize,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Conflict {
    pub key: String,
    pub kind: ConflictKind,
    pub values: Vec<ConflictValue>,
    /// What trichdan concluded, and why.
    pub conclusion: String,
}

/// How the years of one symbol were settled.
pub struct Plan {
    /// The years that are documents of their own.
    pub years: Vec<u16>,
    /// A year that is a wrong date of another document: year -> the document's year.
    pub merged: HashMap<u16, u16>,
    /// Why, per document year.
    pub reasons: HashMap<u16, String>,
    /// Symbols shared by documents of different years: (year, other years).
    pub shared: Vec<(u16, Vec<u16>)>,
}

fn dmy(d: Date) -> String {
    format!("{}/{}/{}", d.d, d.m, d.y)
}

/// Decides, for one symbol and place, which years are documents and which are wrong dates.
///
/// A symbol cited with two years is one document cited wrongly when the dates share day and
/// month, or the titles agree; the less supported year is then the error (a report's own header
/// outweighs any citation). Otherwise they are two documents: Party numbers restart with each
/// term, State numbers each year.
pub(super) fn settle_years(
    base: &Base,
    claims: &[Claim],
    owner_years: &[u16],
    reports: &[Cites],
) -> Plan {
    let _ = (base, reports);
    let mut cited: HashMap<u16, usize> = HashMap::new();
    // distinct dates and titles per year: a much cited symbol repeats them thousands of times
    let mut dates: HashMap<u16, Vec<Date>> = HashMap::new();
    let mut titles: HashMap<u16, Vec<&str>> = HashMap::new();
    for c in claims {
        if let Some(y) = c.year {
            *cited.entry(y).or_default() += 1;
            dates.entry(y).or_default().extend(c.date);
            titles.entry(y).or_default().extend(c.title.as_deref());
        }
    }
    for v in dates.values_mut() {
        v.sort_unstable_by_key(|d| (d.y, d.m, d.d));
        v.dedup();
    }
    for v in titles.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    let support = |y: u16| {
        (
            owner_years.contains(&y),
            cited.get(&y).copied().unwrap_or(0),
        )
    };
    let mut years: Vec<u16> = cited.keys().chain(owner_years).copied().collect();
    years.sort_unstable();
    years.dedup();
    // strongest first (a report's own header outweighs any citation); ties to the earlier year
    // (a later year is more often the slip)
    years.sort_by_key(|&y| (std::cmp::Reverse(support(y)), y));
    let mut merged = HashMap::new();
    let mut reasons: HashMap<u16, String> = HashMap::new();
    let none = Vec::new();
    // strongest first, so that a year is only ever merged into one that stays a document: a weak
    // year that agrees with a merged one joins the document that one was merged into
    for (i, &y) in years.iter().enumerate() {
        for &big in &years[..i] {
            let target = merged.get(&big).copied().unwrap_or(big);
            let (dy, db) = (
                dates.get(&y).unwrap_or(&none),
                dates.get(&big).unwrap_or(&none),
            );
            let same_day = dy.iter().find_map(|d| {
                db.iter()
                    .find(|b| b.d == d.d && b.m == d.m)
                    .map(|b| (*d, *b))
            });
            let no_titles = Vec::new();
            let (ty, tb) = (
                titles.get(&y).unwrap_or(&no_titles),
                titles.get(&big).unwrap_or(&no_titles),
            );
            let same_title = ty
                .iter()
                .find(|t| tb.iter().any(|b| similarity(t, b) >= TITLE_AGREES));
            if same_day.is_some() || same_title.is_some() {
                merged.insert(y, target);
                let why = match same_day {
                    Some((wrong, right)) => format!(
                        "one document cited with a wrong year: {} has the same day and month as {}, which {} of {} dated citations give{}",
                        dmy(wrong),
                        dmy(right),
                        support(target).1,
                        claims.iter().filter(|c| c.year.is_some()).count(),
                        if owner_years.contains(&target) {
                            " and the document's own header confirms"
                        } else {
                            ""
                        }
                    ),
                    None => format!(
                        "one document cited with a wrong year: the citations dated {y} give the same title as those dated {big}"
                    ),
                };
                reasons.insert(target, why);
                break;
            }
        }
    }
    let kept: Vec<u16> = years
        .iter()
        .copied()
        .filter(|y| !merged.contains_key(y))
        .collect();
    let shared = if kept.len() > 1 {
        kept.iter()
            .map(|&y| (y, kept.iter().copied().filter(|&o| o != y).collect()))
            .collect()
    } else {
        vec![]
    };
    Plan {
        years: kept,
        merged,
        reasons,
        shared,
    }
}

/// One of the documents a symbol names, as seen from its dated citations and its own header.
pub(super) struct Candidate {
    pub year: u16,
    /// The Party term it was issued in.
    pub term: Option<&'static str>,
    pub titles: Vec<String>,
    pub bodies: Vec<std::rc::Rc<[String]>>,
    /// Reports that cite it with its date, sorted.
    pub cited_dated_by: Vec<u32>,
}

impl Candidate {
    pub fn new(year: u16, claims: &[Claim], own_titles: Vec<String>) -> Self {
        let lex = lexicon();
        let of_year = || claims.iter().filter(move |c| c.year == Some(year));
        let date = of_year()
            .find_map(|c| c.date)
            .map(|d| (d.y, d.m, d.d))
            .unwrap_or((year, 7, 1));
        // distinct values only: a much cited document repeats them thousands of times
        let mut titles: Vec<String> = of_year()
            .filter_map(|c| c.title.as_deref().map(str::to_string))
            .collect();
        titles.extend(own_titles);
        titles.sort_unstable();
        titles.dedup();
        let mut bodies: Vec<std::rc::Rc<[String]>> = of_year()
            .filter_map(|c| c.body.as_deref().map(body_words))
            .collect();
        bodies.sort_unstable();
        bodies.dedup();
        let mut cited_dated_by: Vec<u32> = of_year().map(|c| c.report).collect();
        cited_dated_by.sort_unstable();
        cited_dated_by.dedup();
        Candidate {
            year,
            term: lex.term_of(date),
            titles,
            bodies,
            cited_dated_by,
        }
    }
}

/// Which of a symbol's documents an undated citation can mean. Each clue (a dated citation of
/// it elsewhere in the same report, the term written with it, the citing report's own year,
/// the title, the issuing body) narrows the candidates,
/// and is ignored when it would leave none: a clue the text gets wrong must not lose the
/// citation.
pub(super) fn fit_undated<'a>(
    c: &Claim,
    cands: &'a [Candidate],
    citing_year: Option<u16>,
) -> Vec<&'a Candidate> {
    let mut fit: Vec<&Candidate> = cands.iter().collect();
    let mut narrow = |keep: &dyn Fn(&Candidate) -> bool| {
        if fit.len() > 1 {
            let kept: Vec<&Candidate> = fit.iter().copied().filter(|d| keep(d)).collect();
            if !kept.is_empty() {
                fit = kept;
            }
        }
    };
    narrow(&|d| d.cited_dated_by.binary_search(&c.report).is_ok());
    if let Some(term) = c.term.as_deref() {
        narrow(&|d| d.term == Some(term));
    }
    if let Some(y) = citing_year {
        narrow(&|d| d.year <= y);
    }
    if let Some(t) = c.title.as_deref() {
        narrow(&|d| d.titles.iter().any(|o| similarity(t, o) >= TITLE_AGREES));
    }
    if let Some(b) = c.body.as_deref().map(body_words) {
        narrow(&|d| d.bodies.iter().any(|o| compatible(&b, o)));
    }
    fit
}

/// Canonical form of a body for comparison: "Ban Chấp hành Trung ương Đảng" and "Ban chấp hành
/// Trung ương" agree; "Ban Thường vụ Tỉnh ủy" and "Tỉnh ủy" agree.
fn body_words(b: &str) -> std::rc::Rc<[String]> {
    // the same few bodies stand in most citations of an archive: each is worked out once per
    // thread (a pure function of its text and the lexicon; it was a quarter of resolving)
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, std::rc::Rc<[String]>>> =
            Default::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(w) = seen.get(b) {
            return w.clone();
        }
        if seen.len() > 100_000 {
            seen.clear();
        }
        let w: std::rc::Rc<[String]> = work_out_body_words(b).into();
        seen.insert(b.to_string(), w.clone());
        w
    })
}

fn work_out_body_words(b: &str) -> Vec<String> {
    // a ministry by another of its names ("Bộ GD&ĐT") is the ministry by its first one (the
    // names of a Party code are other bodies: "Bộ Chính trị" is not "Ban Chấp hành Trung ương")
    let lex = lexicon();
    let b = lex
        .central_issuer_of(b)
        .and_then(|c| lex.issuers.get(&fold_str(c)))
        .filter(|i| !i.party)
        .and_then(|i| i.names.first().copied())
        .unwrap_or(b);
    let f = fold_str(b);
    let f = f
        .replace("ubnd", "uy ban nhan dan")
        .replace("hdnd", "hoi dong nhan dan")
        .replace("bch ", "ban chap hanh ");
    let mut w: Vec<String> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if w.len() > 2 && w[0] == "ban" && w[1] == "thuong" && w[2] == "vu" {
        w.drain(0..3);
    }
    // "Hội nghị Trung ương 7" is a plenum of the Central Committee
    if w.len() == 4 && w[0] == "hoi" && w[1] == "nghi" && w[2] == "trung" && w[3] == "uong"
        || (w.len() == 5 && w[..4] == ["hoi", "nghi", "trung", "uong"])
    {
        w = ["ban", "chap", "hanh", "trung", "uong"]
            .map(str::to_string)
            .to_vec();
    }
    if w.last().is_some_and(|x| x == "dang") && w.len() > 1 {
        w.pop();
    }
    w
}

fn compatible(a: &[String], b: &[String]) -> bool {
    let contains = |x: &[String], y: &[String]| y.iter().all(|w| x.contains(w));
    contains(a, b) || contains(b, a)
}

/// How many citations a conflict shows for each value (its count stays exact).
pub const EVIDENCE_PER_VALUE: usize = 12;

/// Values that agree, with how many citations give them and where (at most
/// [`EVIDENCE_PER_VALUE`] places are kept).
struct Group<T> {
    value: T,
    shown: String,
    count: usize,
    at: Vec<At>,
    /// The reports that give it: a value repeated in one report counts once for the majority.
    reports: Vec<u32>,
}

/// Groups values that agree; the biggest group first.
fn groups<T: Clone>(
    items: &[(T, At)],
    same: impl Fn(&T, &T) -> bool,
    show: impl Fn(&T) -> String,
) -> Vec<Group<T>> {
    let mut out: Vec<Group<T>> = vec![];
    for (v, e) in items {
        match out.iter_mut().find(|g| same(&g.value, v)) {
            Some(g) => {
                g.count += 1;
                if g.at.len() < EVIDENCE_PER_VALUE {
                    g.at.push(*e);
                }
                if !g.reports.contains(&e.report) {
                    g.reports.push(e.report);
                }
            }
            None => out.push(Group {
                value: v.clone(),
                shown: show(v),
                count: 1,
                at: vec![*e],
                reports: vec![e.report],
            }),
        }
    }
    // the majority is of reports, then of citations
    out.sort_by_key(|g| std::cmp::Reverse((g.reports.len(), g.count)));
    out
}

/// How the first of several values was chosen: by more reports, or, between as many, by more
/// citations, or, failing that, as the first cited.
fn chosen_by<T>(gs: &[Group<T>]) -> &'static str {
    match gs {
        [a, b, ..] if a.reports.len() > b.reports.len() => {
            "the majority of the reports that cite it"
        }
        [a, b, ..] if a.count > b.count => "as many reports each way; the majority of citations",
        [_, _, ..] => "no majority; the first cited",
        _ => "the only value",
    }
}

/// The values of a conflict, with their evidence written out.
fn values<T>(gs: &[Group<T>], reports: &[Cites]) -> Vec<ConflictValue> {
    gs.iter()
        .map(|g| ConflictValue {
            value: g.shown.clone(),
            count: g.count,
            evidence: g.at.iter().map(|a| a.evidence(reports)).collect(),
        })
        .collect()
}

/// Sets a document's majority attributes from its tally and returns its conflicts.
pub(super) fn aggregate(
    doc: &mut Document,
    t: &Tally,
    reason: Option<&str>,
    reports: &[Cites],
) -> Vec<Conflict> {
    let lex = lexicon();
    let mut out = vec![];
    let key = doc.key.clone();
    // what the citations say, read from them
    let mut dates = vec![];
    let mut bodies_said = vec![];
    let mut terms_said = vec![];
    let mut types_said = vec![];
    let mut type_warnings = 0;
    for (m, at) in t.cited(reports) {
        if let Some(d) = m.date {
            dates.push((d, at));
        }
        if let Some(b) = &m.body {
            bodies_said.push((b.clone(), at));
        }
        if let Some(x) = &m.term {
            terms_said.push((x.clone(), at));
        }
        if let Some(x) = &m.type_name {
            types_said.push((x.clone(), at));
        }
        type_warnings += m.type_warning.is_some() as usize;
    }

    let dates = groups(&dates, |a, b| a == b, |d| dmy(*d));
    let own_date = doc.own.as_ref().and_then(|o| o.date);
    doc.date = own_date.or(dates.first().map(|g| g.value));
    if doc.year.is_none() {
        doc.year = doc.date.map(|d| d.y);
    }
    if dates.len() > 1 {
        let chosen = doc.date.map(dmy).unwrap_or_default();
        let conclusion = match reason {
            Some(r) => format!("{r}; the document is dated {chosen}"),
            None => format!(
                "one document cited with {} different dates; {} is taken ({})",
                dates.len(),
                chosen,
                if own_date.is_some() {
                    "its own header"
                } else {
                    chosen_by(&dates)
                }
            ),
        };
        out.push(Conflict {
            key: key.clone(),
            kind: ConflictKind::Date,
            values: values(&dates, reports),
            conclusion,
        });
    }

    let bodies = groups(
        &bodies_said,
        |a, b| compatible(&body_words(a), &body_words(b)),
        |b| b.to_string(),
    );
    doc.body = bodies.first().map(|g| {
        let b = &g.value;
        // the longest spelling of the majority group says most
        let bw = body_words(b);
        bodies_said
            .iter()
            .map(|(x, _)| x)
            .filter(|x| compatible(&body_words(x), &bw))
            .max_by_key(|x| x.len())
            .unwrap_or(b)
            .to_string()
    });
    if bodies.len() > 1 {
        out.push(Conflict {
            key: key.clone(),
            kind: ConflictKind::Body,
            conclusion: format!(
                "cited as issued by {} different bodies; {} is taken ({})",
                bodies.len(),
                bodies[0].shown,
                chosen_by(&bodies)
            ),
            values: values(&bodies, reports),
        });
    }

    let terms = groups(&terms_said, |a, b| a == b, |x| format!("khóa {x}"));
    doc.term = terms.first().map(|g| g.value.to_string());
    let implied = (doc.family == Family::Party)
        .then(|| doc.date.and_then(|d| lex.term_of((d.y, d.m, d.d))))
        .flatten();
    if terms.len() > 1 {
        out.push(Conflict {
            key: key.clone(),
            kind: ConflictKind::Term,
            conclusion: match implied {
                Some(i) => format!(
                    "cited with {} different terms; its date {} falls in khóa {i}",
                    terms.len(),
                    doc.date.map(dmy).unwrap_or_default()
                ),
                None => format!("cited with {} different terms", terms.len()),
            },
            values: values(&terms, reports),
        });
    } else if let (Some(i), Some(g)) = (implied, terms.first())
        && &*g.value != i
    {
        let written = &g.value;
        out.push(Conflict {
            key: key.clone(),
            kind: ConflictKind::Term,
            conclusion: format!(
                "written as khóa {written}, but its date {} falls in khóa {i}",
                doc.date.map(dmy).unwrap_or_default()
            ),
            values: values(&terms[..1], reports),
        });
    }

    let types = groups(
        &types_said,
        |a, b| fold_str(a) == fold_str(b),
        |x| x.to_string(),
    );
    doc.types = types.iter().map(|g| g.value.to_string()).collect();
    // a report in the archive says what it is in its header ("KẾ HOẠCH" is a Kế hoạch)
    if let Some(own) = &doc.own {
        if let Some(tn) = &own.type_name {
            let f = fold_str(tn);
            let name = lex
                .type_names_by_len
                .iter()
                .find(|(n, _)| *n == f)
                .map(|(_, n)| n.to_string())
                .unwrap_or_else(|| tn.clone());
            if !doc.types.iter().any(|x| fold_str(x) == f) {
                doc.types.push(name);
            }
        }
        if doc.body.is_none() {
            doc.body = own.body.clone();
        }
    }
    if type_warnings > 0 {
        let code = doc.type_code.clone().unwrap_or_default();
        let canonical = lex.type_name(&fold_str(&code)).unwrap_or("?");
        out.push(Conflict {
            key: key.clone(),
            kind: ConflictKind::Type,
            conclusion: format!(
                "a type name contradicts the code {code}; the code is kept ({canonical})"
            ),
            values: values(&types, reports),
        });
    }

    let mut titles: Vec<String> = doc.titles.clone();
    let mut seen: std::collections::HashSet<String> = titles.iter().map(|y| fold_str(y)).collect();
    // titles are shared strings: each distinct one is folded once
    let mut met: std::collections::HashSet<*const u8> = Default::default();
    for x in t.titles(reports) {
        if met.insert(x.as_ptr()) && seen.insert(fold_str(x)) {
            titles.push(x.to_string());
        }
    }
    doc.titles = titles;
    out
}

/// The finding for documents that share a symbol.
pub(super) fn shared_symbol(key: &str, symbol: &str, others: &[String]) -> Conflict {
    Conflict {
        key: key.to_string(),
        kind: ConflictKind::SharedSymbol,
        values: std::iter::once(key.to_string())
            .chain(others.iter().cloned())
            .map(|k| ConflictValue {
                value: k,
                count: 1,
                evidence: vec![],
            })
            .collect(),
        conclusion: format!(
            "{} documents share the symbol {symbol}: their dates differ in day and month and their titles differ, so they are kept apart (Party numbers restart with each term, State numbers each year)",
            others.len() + 1
        ),
    }
}
