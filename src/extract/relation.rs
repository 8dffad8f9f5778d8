//! Relations by cue words (SPEC §4): what the citing text does with the cited document, and whether
//! it is the report itself or another cited document that does it.

use serde::{Deserialize, Serialize};

use crate::lexicon::lexicon;
use crate::text::Folded;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Implements,
    Continues,
    Disseminates,
    Copies,
    Guides,
    BasedOn,
    Amends,
    Replaces,
    Repeals,
    Mentions,
}

impl Relation {
    pub const ALL: [Relation; 10] = [
        Relation::Implements,
        Relation::Continues,
        Relation::Disseminates,
        Relation::Copies,
        Relation::Guides,
        Relation::BasedOn,
        Relation::Amends,
        Relation::Replaces,
        Relation::Repeals,
        Relation::Mentions,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Implements => "implements",
            Relation::Continues => "continues",
            Relation::Disseminates => "disseminates",
            Relation::Copies => "copies",
            Relation::Guides => "guides",
            Relation::BasedOn => "based_on",
            Relation::Amends => "amends",
            Relation::Replaces => "replaces",
            Relation::Repeals => "repeals",
            Relation::Mentions => "mentions",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Whether the citing document puts the cited one into effect (an auditor's "implementing act").
    pub fn is_implementing(self) -> bool {
        matches!(
            self,
            Relation::Implements | Relation::Continues | Relation::Guides
        )
    }
}

/// A cue found in a window of folded text.
#[derive(Clone, Copy, Debug)]
pub struct CueHit {
    pub relation: Option<Relation>,
    pub rank: u8,
    pub start: usize,
    pub end: usize,
}

/// Every cue in `fs..fe`, longest phrase first at each word.
pub fn cues_in(f: &Folded, fs: usize, fe: usize) -> Vec<CueHit> {
    let lex = lexicon();
    let t = &f.text[..fe];
    let b = t.as_bytes();
    let mut out = Vec::new();
    let mut i = fs;
    while i < fe {
        let at_word = (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && b[i].is_ascii_alphanumeric();
        if !at_word {
            i += 1;
            continue;
        }
        let w_end = i + b[i..]
            .iter()
            .take_while(|x| x.is_ascii_alphanumeric())
            .count();
        let best = lex.cue_first.get(&t[i..w_end]).and_then(|cands| {
            cands
                .iter()
                .map(|&k| &lex.cues[k])
                .filter(|c| {
                    t[i..].starts_with(c.folded.as_str())
                        && b.get(i + c.folded.len())
                            .is_none_or(|x| !x.is_ascii_alphanumeric())
                })
                .max_by_key(|c| c.folded.len())
        });
        match best {
            Some(c) => {
                out.push(CueHit {
                    relation: Relation::parse(c.relation),
                    rank: c.rank,
                    start: i,
                    end: i + c.folded.len(),
                });
                i += c.folded.len();
            }
            None => i = w_end.max(i + 1),
        }
    }
    out
}

/// The strongest cue in a window (ties go to the one nearest the end).
pub fn strongest(hits: &[CueHit]) -> Option<Relation> {
    hits.iter()
        .filter(|h| h.relation.is_some())
        .max_by_key(|h| (h.rank, h.start))
        .and_then(|h| h.relation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(s: &str) -> Option<Relation> {
        let f = Folded::new(s);
        strongest(&cues_in(&f, 0, f.text.len()))
    }

    #[test]
    fn strongest_wins() {
        assert_eq!(
            rel("quán triệt, tuyên truyền và triển khai thực hiện"),
            Some(Relation::Implements)
        );
        assert_eq!(rel("về tiếp tục thực hiện"), Some(Relation::Continues));
        assert_eq!(rel("sao lục"), Some(Relation::Copies));
        assert_eq!(rel("Căn cứ"), Some(Relation::BasedOn));
        assert_eq!(rel("theo dõi, đôn đốc"), None);
        assert_eq!(
            rel("sửa đổi, bổ sung một số điều của"),
            Some(Relation::Amends)
        );
    }
}
