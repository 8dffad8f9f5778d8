//! What the resolver reads of a collection: every report's own identity and a slim copy of each
//! citation, its strings shared (a body, a title, a symbol is cited thousands of times, and kept
//! once). The index resolves archives of hundreds of thousands of reports from these alone; the
//! full mentions stay on disk until their records are written.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::corpus::Report;
use crate::extract::context::Date;
use crate::extract::named::NamedKind;
use crate::extract::{Header, Mention, Relation, Symbol};

/// A shared string.
pub type Str = Arc<str>;

/// One citation as the resolver sees it.
#[derive(Clone, Debug)]
pub struct Cited {
    pub start: usize,
    pub end: usize,
    pub line: u32,
    pub sym: Option<Arc<Symbol>>,
    pub named: Option<Arc<NamedKind>>,
    /// The symbol as written, canonical (for the document's spellings).
    pub symbol: Option<Str>,
    pub type_name: Option<Str>,
    pub date: Option<Date>,
    pub year: Option<u16>,
    pub title: Option<Str>,
    pub body: Option<Str>,
    pub term: Option<Str>,
    pub relation: Relation,
    pub source_mention: Option<u32>,
    /// A type name that contradicts the code, as the extractor said it.
    pub type_warning: Option<Str>,
    /// The citation as written: for a congress's key, and in a full graph.
    pub text: Option<Str>,
    /// Its sentence, in a full graph only.
    pub sentence: Option<Str>,
}

/// One report as the resolver sees it.
#[derive(Clone, Debug)]
pub struct Cites {
    pub path: Str,
    pub encoding: Str,
    pub header: Header,
    pub mentions: Vec<Cited>,
}

/// What the resolver concludes about one citation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Resolved {
    /// The key of the document it cites (none for what resolves to nothing).
    pub key: Option<Str>,
    /// The key of the document it relates from.
    pub source: Str,
    /// "ambiguous: fits …" for an undated citation that fits several documents.
    pub ambiguous: Option<String>,
}

/// Shares equal strings, symbols and names.
#[derive(Default)]
pub struct Interner {
    strs: HashSet<Str>,
    syms: HashMap<Symbol, Arc<Symbol>>,
    named: HashMap<NamedKind, Arc<NamedKind>>,
}

impl Interner {
    pub fn str(&mut self, s: &str) -> Str {
        if let Some(x) = self.strs.get(s) {
            return x.clone();
        }
        let x: Str = Arc::from(s);
        self.strs.insert(x.clone());
        x
    }

    fn opt(&mut self, s: Option<&str>) -> Option<Str> {
        s.map(|s| self.str(s))
    }

    fn sym(&mut self, s: &Symbol) -> Arc<Symbol> {
        if let Some(x) = self.syms.get(s) {
            return x.clone();
        }
        let x = Arc::new(s.clone());
        self.syms.insert(s.clone(), x.clone());
        x
    }

    fn named(&mut self, n: &NamedKind) -> Arc<NamedKind> {
        if let Some(x) = self.named.get(n) {
            return x.clone();
        }
        let x = Arc::new(n.clone());
        self.named.insert(n.clone(), x.clone());
        x
    }
}

impl Cites {
    /// The resolver's view of a report; with `full`, the texts and sentences a full graph shows.
    pub fn of(r: &Report, full: bool, i: &mut Interner) -> Cites {
        Cites {
            path: i.str(&r.path),
            encoding: i.str(&r.encoding),
            header: r.header.clone(),
            mentions: r.mentions.iter().map(|m| Cited::of(m, full, i)).collect(),
        }
    }
}

impl Cited {
    fn of(m: &Mention, full: bool, i: &mut Interner) -> Cited {
        Cited {
            start: m.start,
            end: m.end,
            line: m.line as u32,
            sym: m.sym.as_ref().map(|s| i.sym(s)),
            named: m.named.as_ref().map(|n| i.named(n)),
            symbol: i.opt(m.symbol.as_deref()),
            type_name: i.opt(m.type_name.as_deref()),
            date: m.date,
            year: m.year,
            title: i.opt(m.title.as_deref()),
            body: i.opt(m.body.as_deref()),
            term: i.opt(m.term.as_deref()),
            relation: m.relation,
            source_mention: m.source_mention.map(|j| j as u32),
            type_warning: m
                .warnings
                .iter()
                .find(|w| w.starts_with("type name"))
                .map(|w| i.str(w)),
            text: (full || m.named.is_some()).then(|| Arc::from(m.text.as_str())),
            sentence: full.then(|| Arc::from(m.sentence.as_str())),
        }
    }
}

impl Resolved {
    /// Writes the conclusion into the mention it is about.
    pub fn apply(&self, m: &mut Mention) {
        m.key = self.key.as_deref().map(str::to_string);
        m.source = Some(self.source.to_string());
        // a report resolved before (the index's cache) is resolved afresh
        m.warnings.retain(|w| !w.starts_with(super::AMBIGUOUS));
        if let Some(w) = &self.ambiguous {
            m.warnings.push(w.clone());
        }
    }
}
