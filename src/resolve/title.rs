//! References by title alone ("Nghị quyết về “Tăng cường và đổi mới …”"): which known document
//! has that title.

use serde::Serialize;

use crate::lexicon::lexicon;
use crate::text::fold_str;

#[derive(Clone, Debug, Serialize)]
pub struct TitleMatch {
    /// The known title that matched.
    pub title: String,
    /// 0..1: how much of the two titles' words agree.
    pub confidence: f64,
}

/// Least agreement for a title to identify a document.
const THRESHOLD: f64 = 0.8;

fn words(s: &str) -> Vec<String> {
    fold_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "ve")
        .map(str::to_string)
        .collect()
}

fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut rest: Vec<&String> = b.iter().collect();
    let mut common = 0;
    for w in a {
        if let Some(i) = rest.iter().position(|x| *x == w) {
            rest.swap_remove(i);
            common += 1;
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// The numbered document whose known title best matches, if the match is good enough and the
/// written type name fits the document's code.
pub fn best_match<'a>(
    title: &str,
    type_name: Option<&str>,
    candidates: impl Iterator<Item = (usize, Option<&'a str>, Vec<&'a str>)>,
) -> Option<(usize, TitleMatch)> {
    let lex = lexicon();
    let want = words(title);
    let mut best: Option<(usize, TitleMatch)> = None;
    for (i, code, titles) in candidates {
        if let (Some(t), Some(code)) = (type_name, code) {
            if !lex.name_fits_code(&fold_str(t), &fold_str(code)) {
                continue;
            }
        }
        for known in titles {
            let score = dice(&want, &words(known));
            if score >= THRESHOLD && best.as_ref().is_none_or(|(_, b)| score > b.confidence) {
                best = Some((
                    i,
                    TitleMatch {
                        title: known.to_string(),
                        confidence: (score * 100.0).round() / 100.0,
                    },
                ));
            }
        }
    }
    best
}
