//! Relations by cue words (SPEC §4): what the citing text does with the cited document, and whether
//! it is the report itself or another cited document that does it.

use serde::{Deserialize, Serialize};

use crate::lexicon::lexicon;
use crate::text::{Folded, marks_contradict};

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
                        // folding makes "quy định chính sách" hold "đính chính", "cần cù" read
                        // "căn cứ": the marks as written tell them apart
                        && !marks_contradict(
                            &f.src[f.src_range(i, i + c.folded.len())],
                            c.written,
                        )
                })
                .max_by_key(|c| c.folded.len())
                .map(|c| (c, c.folded.len()))
        });
        // OCR drops the marked vowels ("Thc hin"), a lossy conversion writes "?" for them ("Th?c
        // hi?n"): a phrase whose words lost only those still says what it said
        let best = match (best, damaged_cue(t, i, fe)) {
            (Some(b), Some(d)) => Some(if d.0.folded.len() > b.0.folded.len() {
                d
            } else {
                b
            }),
            (b, d) => b.or(d),
        };
        match best {
            Some((c, len)) => {
                out.push(CueHit {
                    relation: Relation::parse(c.relation),
                    rank: c.rank,
                    start: i,
                    end: i + len,
                });
                i += len;
            }
            None => i = w_end.max(i + 1),
        }
    }
    out
}

/// The cue of two or more words that the words at `i` are, some with vowels lost.
fn damaged_cue(t: &str, i: usize, fe: usize) -> Option<(&'static crate::lexicon::Cue, usize)> {
    let b = t.as_bytes();
    let vowel = |x: &u8| b"aeiouy".contains(x);
    // OCR loses the vowels that carry marks and keeps the consonants ("Thực hiện" → "Thc hin");
    // a short word that kept a vowel is a real one ("Sở Y tế" is not "sao y")
    // a lossy conversion writes "?" for each letter it could not ("Th?c hi?n")
    let lost_vowels = |w: &[u8], cue: &[u8]| {
        let mut k = 0;
        for c in cue {
            if w.get(k) == Some(c) || w.get(k) == Some(&b'?') {
                k += 1;
            } else if !vowel(c) {
                return false;
            }
        }
        k == w.len()
            && (w.len() < cue.len() || w.contains(&b'?'))
            && (w.len() > 2 || !w.iter().any(vowel))
    };
    let mut best: Option<(&'static crate::lexicon::Cue, usize)> = None;
    // runs at every word that starts no cue: no allocation, most cues fail on the first byte
    let lex = lexicon();
    for c in lex.phrase_cues_by_byte[b[i] as usize]
        .iter()
        .map(|&k| &lex.cues[k])
    {
        if best.is_some_and(|(o, _)| o.folded.len() >= c.folded.len()) {
            continue;
        }
        let (mut pos, mut damaged) = (i, false);
        let whole = c.folded.split(' ').enumerate().all(|(k, cw)| {
            if k > 0 {
                if b.get(pos) != Some(&b' ') {
                    return false;
                }
                pos += 1;
            }
            let end = pos
                + b[pos..fe]
                    .iter()
                    .take_while(|x| x.is_ascii_alphanumeric() || **x == b'?')
                    .count();
            let w = &b[pos..end];
            pos = end;
            if w == cw.as_bytes() {
                return true;
            }
            damaged = true;
            !w.is_empty()
                && (w[0] == cw.as_bytes()[0] || w[0] == b'?')
                && lost_vowels(w, cw.as_bytes())
        });
        if whole && damaged {
            best = Some((c, pos - i));
        }
    }
    best
}

/// The strongest cue in a window (ties go to the one nearest the end).
pub fn strongest(hits: &[CueHit]) -> Option<Relation> {
    hits.iter()
        .filter(|h| h.relation.is_some())
        .max_by_key(|h| (h.rank, h.start))
        .and_then(|h| h.relation)
}

/// How far before a document an amending, replacing or repealing cue still acts on it ("bãi bỏ
/// Điều 8 của Nghị định …"); further away it acts on something else ("rà soát, bổ sung quy hoạch
/// cán bộ … theo Nghị định …").
const ACTS_ON_NEXT: usize = 60;

/// The relation that the cues before folded offset `at` (in its clause) give the citation there:
/// the cue nearest to it together with the cues joined to it by "," or "và" ("quán triệt, tuyên
/// truyền và triển khai thực hiện": the strongest of them). A bare "theo" defers to a verb earlier
/// in the clause ("tổ chức thực hiện các nhiệm vụ theo Nghị quyết …" implements it).
pub fn governing(f: &Folded, hits: &[CueHit], at: usize) -> Option<Relation> {
    let t = &f.text;
    let usable = usable(f, hits, at);
    let mut k = usable.len().checked_sub(1)?;
    let last = usable[k];
    let mut group = vec![last];
    while k > 0 {
        let (prev, next) = (usable[k - 1], usable[k]);
        // joined by "," or "và", not merely adjacent ("hết hiệu lực theo quy định")
        let gap = t[prev.end..next.start].trim();
        if !matches!(gap, "," | "va" | ", va" | "hoac" | ", hoac" | "va to chuc") {
            break;
        }
        group.push(prev);
        k -= 1;
    }
    if group.len() == 1 && &t[last.start..last.end] == "theo" {
        return usable
            .iter()
            .filter(|h| {
                !matches!(
                    h.relation,
                    Some(Relation::Amends | Relation::Replaces | Relation::Repeals)
                )
            })
            .max_by_key(|h| (h.rank, h.start))
            .and_then(|h| h.relation);
    }
    let rel = group
        .iter()
        .max_by_key(|h| (h.rank, h.start))
        .and_then(|h| h.relation);
    let first = group.last().expect("the group holds the nearest cue");
    if done_by(f, first, last, at)
        && matches!(
            rel,
            Some(Relation::Amends | Relation::Replaces | Relation::Repeals)
        )
    {
        return Some(Relation::Mentions);
    }
    Some(partial(f, rel?, last.end, at))
}

/// Whether the cues `first..=last` before `at` are passive with the citation at `at` as who did
/// it: "… đã được thay thế bởi Quyết định 366", "bị bãi bỏ, thay thế bởi Thông tư …", "được sửa
/// đổi, bổ sung tại Luật số …". The cited document acted on something else: the edge goes the
/// other way.
pub fn done_by(f: &Folded, first: &CueHit, last: &CueHit, at: usize) -> bool {
    let t = &f.text;
    let before = t[..first.start].trim_end();
    let after = &t[last.end..at.max(last.end)];
    after.starts_with(" boi ")
        || (after.starts_with(" tai ") && (before.ends_with(" duoc") || before.ends_with(" bi")))
}

/// How far a cue that names a part of a document first ("Thay thế Phụ lục số 03 - Tỷ lệ phần trăm …
/// ban hành kèm theo Nghị quyết số 22/2022/NQ-HĐND") still acts on the document the part is of.
const ACTS_ON_PART: usize = 240;

/// Words that open the name of a part of a document.
const PARTS: &[&str] = &[
    "dieu ", "khoan ", "diem ", "muc ", "mot so ", "phan ", "chuong ", "phu luc ", "cum tu ",
];

/// Whether the text after a cue opens with a part of a document ("Phụ lục số 03 …", "một số từ").
fn names_part(after: &str) -> bool {
    let a = after.trim_start_matches([' ', ',']);
    PARTS.iter().any(|w| a.starts_with(w))
}

/// Repealing or replacing a part of a document ("bãi bỏ Điều 8 của Nghị định …", "thay thế một
/// số từ của …") amends it; the document stays in force.
fn partial(f: &Folded, rel: Relation, cue_end: usize, at: usize) -> Relation {
    if !matches!(rel, Relation::Repeals | Relation::Replaces) || cue_end > at {
        return rel;
    }
    let gap = &f.text[cue_end..at];
    let part = PARTS.iter().any(|w| gap.contains(w));
    if part { Relation::Amends } else { rel }
}

/// `gap` without the parts of a document named at its end ("và Mục II", ", khoản 2 Điều 5 của"),
/// folded.
pub fn strip_parts(gap: &str) -> &str {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?:(?:^| )(?:diem [a-z0-9]{1,3}|khoan \d{1,3}|dieu \d{1,3}[a-z]?|muc [ivx\d]{1,4}(?:\.\d{1,2})*|phan (?:[ivx\d]{1,4}|thu [a-z]+)|chuong [ivx\d]{1,4}|phu luc(?: [ivx\d]{1,4})?)(?: cua| tai)?,?)+$",
        )
        .expect("parts regex")
    });
    match re.find(gap) {
        Some(m) if m.start() < gap.len() => gap[..m.start()].trim_end(),
        _ => gap,
    }
}

/// The cues that can govern a citation at `at`: amending, replacing and repealing only right
/// before it.
fn usable<'h>(f: &Folded, hits: &'h [CueHit], at: usize) -> Vec<&'h CueHit> {
    hits.iter()
        .filter(|h| match h.relation {
            None => false,
            Some(Relation::Amends | Relation::Replaces | Relation::Repeals) => {
                let reach = if names_part(&f.text[h.end..at]) {
                    ACTS_ON_PART
                } else {
                    ACTS_ON_NEXT
                };
                at.saturating_sub(h.end) <= reach
            }
            // a bare "hướng dẫn" guides what it names ("Nghị định này hướng dẫn Luật Đất đai"),
            // not what comes later in its clause
            Some(Relation::Guides) if &f.text[h.start..h.end] == "huong dan" => {
                at.saturating_sub(h.end) <= ACTS_ON_NEXT
            }
            Some(_) => true,
        })
        .collect()
}

/// The relation a document's title gives a citation inside it: the title is one predicate, its
/// strongest cue says it ("quy định chi tiết một số điều và biện pháp thi hành Luật Cơ yếu" guides
/// the law).
pub fn in_title(f: &Folded, hits: &[CueHit], at: usize) -> Option<Relation> {
    usable(f, hits, at)
        .into_iter()
        .max_by_key(|h| (h.rank, h.start))
        .and_then(|h| h.relation)
}

/// "(được) sửa đổi, bổ sung tại …", "đã được thay thế bởi …", "…, sửa đổi, bổ sung tại …" between
/// two citations: the second acts on the first (`A được sửa đổi, bổ sung tại B` is B amends A).
pub fn passive(gap: &str) -> Option<Relation> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^[ ,]*\(? ?(?:da )?(?P<duoc>duoc )?(?P<v>sua doi, bo sung(?: va bai bo)?|sua doi bo sung|sua doi|bo sung|thay the|bai bo|dinh chinh)(?: mot so dieu)?(?: (?P<by>tai|boi|theo))?(?: (?:diem [a-z0-9]{1,3}|khoan \d{1,3}|dieu \d{1,3}[a-z]?|muc [ivx\d]{1,4}|chuong [ivx\d]{1,4}|phu luc [ivx\d]{0,4})(?: cua)?,?)*[ :]*$",
        )
        .expect("passive regex")
    });
    let c = re.captures(gap)?;
    // without "được", only "…, sửa đổi, bổ sung tại Quyết định …" says it was done to the first
    if c.name("duoc").is_none() && !matches!(c.name("by").map(|m| m.as_str()), Some("tai" | "boi"))
    {
        return None;
    }
    Some(match &c["v"] {
        "thay the" => Relation::Replaces,
        "bai bo" => Relation::Repeals,
        _ => Relation::Amends,
    })
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

    #[test]
    fn words_that_fold_like_a_cue_are_told_apart_by_their_marks() {
        assert_eq!(
            rel("quy định chính sách hỗ trợ học tập"),
            Some(Relation::Disseminates)
        );
        assert_eq!(rel("giữ vững ổn định chính trị"), None);
        assert_eq!(rel("đức tính cần cù"), None);
        assert_eq!(rel("Quyết định đính chính"), Some(Relation::Amends));
        // a missing mark is a typo, not another word; old and new tone placement read alike
        assert_eq!(rel("thưc hiên"), Some(Relation::Implements));
        assert_eq!(rel("can cu"), Some(Relation::BasedOn));
        assert_eq!(rel("cụ thể hoá"), Some(Relation::Implements));
        assert_eq!(rel("CĂN CỨ"), Some(Relation::BasedOn));
    }

    #[test]
    fn cues_that_lost_their_vowels() {
        assert_eq!(rel("Thc hin"), Some(Relation::Implements));
        assert_eq!(rel("Cn c"), Some(Relation::BasedOn));
        assert_eq!(rel("Tiép tục day manh thc hien"), Some(Relation::Continues));
        // real words are not damaged cues
        assert_eq!(rel("chi th số"), None);
        assert_eq!(rel("Sở Y tế"), None);
        // a lossy conversion's "?" for each letter it could not write
        assert_eq!(rel("Th?c hi?n"), Some(Relation::Implements));
        assert_eq!(rel("C?n c?"), Some(Relation::BasedOn));
    }

    fn gov(s: &str) -> Option<Relation> {
        let f = Folded::new(s);
        governing(&f, &cues_in(&f, 0, f.text.len()), f.text.len())
    }

    #[test]
    fn the_nearest_cue_governs() {
        assert_eq!(
            gov("Quán triệt, tuyên truyền và triển khai thực hiện "),
            Some(Relation::Implements)
        );
        assert_eq!(
            gov("Số lượng ủy viên ban chấp hành theo "),
            Some(Relation::BasedOn)
        );
        assert_eq!(
            gov("Đội ngũ tuyên truyền viên học tập "),
            Some(Relation::Disseminates)
        );
        assert_eq!(
            gov("Đội ngũ báo cáo viên, tuyên truyền viên theo "),
            Some(Relation::BasedOn)
        );
        assert_eq!(
            gov("Tuổi rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý các cấp theo "),
            Some(Relation::BasedOn)
        );
        assert_eq!(
            gov("số đã bổ sung trong giai đoạn 2022-2026, y tế của các địa phương để thực hiện "),
            Some(Relation::Implements)
        );
        assert_eq!(
            gov("tổ chức thực hiện các nhiệm vụ, giải pháp theo "),
            Some(Relation::Implements)
        );
        assert_eq!(
            gov("Chứng chỉ hết hiệu lực theo quy định tại khoản 1 Điều 8 "),
            Some(Relation::BasedOn)
        );
        assert_eq!(gov("(ban hành kèm theo "), None);
        assert_eq!(gov("Bãi bỏ "), Some(Relation::Repeals));
        // a part repealed: the document is amended
        assert_eq!(gov("Bãi bỏ Điều 8 của "), Some(Relation::Amends));
        assert_eq!(gov("Ban Chấp hành Trung ương ban hành "), None);
    }

    #[test]
    fn passive_amendments() {
        let p = |s: &str| passive(&crate::text::fold_str(s));
        assert_eq!(p(" (được sửa đổi, bổ sung tại "), Some(Relation::Amends));
        assert_eq!(p(" được sửa đổi, bổ sung tại "), Some(Relation::Amends));
        assert_eq!(p(" (đã được thay thế bởi "), Some(Relation::Replaces));
        assert_eq!(p(" và "), None);
        // without "được" only with the word that names the amending one
        assert_eq!(p(", sửa đổi, bổ sung tại "), Some(Relation::Amends));
        assert_eq!(p(", sửa đổi, bổ sung "), None);
        assert_eq!(
            p(" (được sửa đổi, bổ sung tại khoản 7 Điều 1 "),
            Some(Relation::Amends)
        );
    }
}
