//! References by title alone ("Nghị quyết về “Tăng cường và đổi mới …”"): which known document
//! has that title.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::lexicon::lexicon;
use crate::text::fold_str;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TitleMatch {
    /// The known title that matched.
    pub title: String,
    /// 0..1: how much of the two titles' words agree.
    pub confidence: f64,
}

/// Least agreement for a title to identify a document.
pub(super) const TITLE_AGREES: f64 = 0.8;

fn words(s: &str) -> Vec<String> {
    fold_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "ve")
        .map(str::to_string)
        .collect()
}

/// Words in sorted order (a multiset), for [`dice`].
fn sorted_words(s: &str) -> Vec<String> {
    let mut w = words(s);
    w.sort_unstable();
    w
}

/// Dice agreement of two sorted word multisets.
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * common(a, b) as f64 / (a.len() + b.len()) as f64
}

/// How many items two sorted multisets share.
fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How much two titles' words agree, 0..1, diacritics and case aside.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    dice(&sorted_words(a), &sorted_words(b))
}

/// Known titles, searchable by their words (held as numbers: an archive's titles share them).
pub struct TitleIndex {
    /// (document, folded type code, title, its words' numbers sorted)
    titles: Vec<(usize, Option<String>, String, Vec<u32>)>,
    vocabulary: HashMap<String, u32>,
    /// The titles each word is in.
    postings: Vec<Vec<u32>>,
}

/// Dice agreement of two sorted multisets of word numbers, of `a` and `b` words in all.
fn dice_ids(x: &[u32], y: &[u32], a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    2.0 * common(x, y) as f64 / (a + b) as f64
}

impl TitleIndex {
    pub fn new<'a>(docs: impl Iterator<Item = (usize, Option<&'a str>, Vec<&'a str>)>) -> Self {
        let mut titles = Vec::new();
        let mut vocabulary: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (d, code, ts) in docs {
            // a much cited document repeats its title thousands of times: each once
            let mut seen_titles: std::collections::HashSet<Vec<u32>> = Default::default();
            for t in ts {
                let mut w: Vec<u32> = words(t)
                    .into_iter()
                    .map(|x| {
                        let n = vocabulary.len() as u32;
                        *vocabulary.entry(x).or_insert(n)
                    })
                    .collect();
                w.sort_unstable();
                if !seen_titles.insert(w.clone()) {
                    continue;
                }
                let i = titles.len() as u32;
                let mut distinct = w.clone();
                distinct.dedup();
                for x in distinct {
                    if postings.len() <= x as usize {
                        postings.resize(x as usize + 1, vec![]);
                    }
                    postings[x as usize].push(i);
                }
                titles.push((d, code.map(fold_str), t.to_string(), w));
            }
        }
        TitleIndex {
            titles,
            vocabulary,
            postings,
        }
    }

    /// The document whose known title best matches, if the match is good enough and the written
    /// type name fits the document's code. Candidates share one of the title's rarest words.
    pub fn best_match(&self, title: &str, type_name: Option<&str>) -> Option<(usize, TitleMatch)> {
        let lex = lexicon();
        let all = words(title);
        // words no known title has count against the match, and match nothing
        let mut want: Vec<u32> = all
            .iter()
            .filter_map(|w| self.vocabulary.get(w).copied())
            .collect();
        want.sort_unstable();
        let written = type_name.map(fold_str);
        let mut rare: Vec<&Vec<u32>> = want.iter().map(|&w| &self.postings[w as usize]).collect();
        rare.sort_by_key(|p| p.len());
        let mut cands: Vec<u32> = rare
            .iter()
            .take(3)
            .flat_map(|p| p.iter().copied())
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(usize, TitleMatch)> = None;
        for i in cands {
            let (doc, code, known, kw) = &self.titles[i as usize];
            // titles of very different lengths cannot agree enough
            let (a, b) = (all.len(), kw.len());
            if 2 * a.min(b) * 10 < 8 * (a + b) {
                continue;
            }
            if let (Some(t), Some(code)) = (&written, code)
                && !lex.name_fits_code(t, code)
            {
                continue;
            }
            let score = dice_ids(&want, kw, a, b);
            if score >= TITLE_AGREES && best.as_ref().is_none_or(|(_, b)| score > b.confidence) {
                best = Some((
                    *doc,
                    TitleMatch {
                        title: known.clone(),
                        confidence: (score * 100.0).round() / 100.0,
                    },
                ));
            }
        }
        best
    }
}
