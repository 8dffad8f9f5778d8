//! The matching view of a text: lower case, without diacritics, whitespace folded, conversion
//! leftovers dropped, with a map from every byte of it back to the original.
//!
//! Folding away diacritics makes NFC and NFD input, old and new tone placement ("uỷ"/"ủy"), U+00D0
//! for "Đ", unaccented e-mail text and OCR that lost its marks all look the same to the extractor;
//! the map keeps every match pointing at the text the user has.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// What one source character becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Out {
    Drop,
    Space,
    Char(char),
}

const TABLE_END: u32 = 0x2100;

fn table() -> &'static [u32] {
    // 0 = drop, 1 = space, 2 = keep as is, else the folded char.
    static T: OnceLock<Vec<u32>> = OnceLock::new();
    T.get_or_init(|| {
        (0..TABLE_END)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or(' ');
                match slow_fold(c) {
                    Out::Drop => 0,
                    Out::Space => 1,
                    Out::Char(f) if f == c => 2,
                    Out::Char(f) => f as u32,
                }
            })
            .collect()
    })
}

fn slow_fold(c: char) -> Out {
    match c {
        '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' => Out::Drop,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Out::Drop,
        // superscript digits are footnote markers glued to words
        '\u{00B9}' | '\u{00B2}' | '\u{00B3}' | '\u{2070}'..='\u{209F}' => Out::Drop,
        c if c.is_whitespace() => Out::Space,
        'đ' | 'Đ' | 'Ð' | 'ð' => Out::Char('d'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Out::Char('-'),
        '\u{FF0F}' | '\u{2215}' | '\u{2044}' => Out::Char('/'),
        '“' | '”' | '„' | '«' | '»' | '″' | '‟' => Out::Char('"'),
        '‘' | '’' | '‚' | '‛' | '´' | '`' => Out::Char('\''),
        '…' => Out::Char('.'),
        // Cyrillic letters that look Latin turn up inside symbols ("NĐ-CР")
        'А' | 'а' => Out::Char('a'),
        'В' | 'в' => Out::Char('b'),
        'С' | 'с' => Out::Char('c'),
        'Е' | 'е' => Out::Char('e'),
        'Н' | 'н' => Out::Char('h'),
        'К' | 'к' => Out::Char('k'),
        'М' | 'м' => Out::Char('m'),
        'О' | 'о' => Out::Char('o'),
        'Р' | 'р' => Out::Char('p'),
        'Т' | 'т' => Out::Char('t'),
        'Х' | 'х' => Out::Char('x'),
        'У' | 'у' => Out::Char('y'),
        'І' | 'і' => Out::Char('i'),
        _ => {
            let mut base = c;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if base == c {
                    base = d;
                }
            });
            if base != c {
                // first char of the canonical decomposition; 'Ư','Ơ' stay (no decomposition)
                return slow_fold(base);
            }
            match c {
                'ư' | 'Ư' => Out::Char('u'),
                'ơ' | 'Ơ' => Out::Char('o'),
                _ => Out::Char(c.to_lowercase().next().unwrap_or(c)),
            }
        }
    }
}

fn fold_char(c: char) -> Out {
    let u = c as u32;
    if u < 128 {
        return match c {
            'A'..='Z' => Out::Char(c.to_ascii_lowercase()),
            c if c.is_ascii_whitespace() => Out::Space,
            _ => Out::Char(c),
        };
    }
    if u < TABLE_END {
        return match table()[u as usize] {
            0 => Out::Drop,
            1 => Out::Space,
            2 => Out::Char(c),
            f => Out::Char(char::from_u32(f).unwrap_or(c)),
        };
    }
    slow_fold(c)
}

/// Display form of one character: as written, but for the few that are always typos or
/// invisible (U+00D0 for Đ, Cyrillic look-alikes, zero-width marks).
fn keep_char(c: char) -> Out {
    if matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}') {
        return Out::Char(c);
    }
    match fold_char(c) {
        Out::Drop => Out::Drop,
        Out::Space => Out::Space,
        Out::Char(_) => Out::Char(match c {
            'Ð' => 'Đ',
            'ð' => 'đ',
            'Р' => 'P',
            'С' => 'C',
            'Н' => 'H',
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'О' => 'O',
            'Т' => 'T',
            'Х' => 'X',
            _ => c,
        }),
    }
}

/// Length in bytes of conversion markup starting at `i`, and what it stands for.
fn markup(src: &str, i: usize) -> Option<(usize, Out)> {
    let rest = &src.as_bytes()[i..];
    match rest[0] {
        b'*' => Some((1, Out::Drop)),
        b'|' | b'#' => Some((1, Out::Space)),
        b'\\' if rest.len() > 1 && rest[1].is_ascii_punctuation() => Some((1, Out::Drop)),
        b'[' if rest.len() > 2 && rest[1] == b'^' => {
            let n = rest[2..].iter().take_while(|b| b.is_ascii_digit()).count();
            (n > 0 && rest.get(2 + n) == Some(&b']')).then_some((3 + n, Out::Drop))
        }
        b'<' => {
            let low: Vec<u8> = rest
                .iter()
                .take(12)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            if low.starts_with(b"<sup>") {
                // a footnote number: dropped whole so "2013<sup>1</sup>" stays 2013
                let end = rest.windows(6).take(40).position(|w| {
                    w.eq_ignore_ascii_case(b"</sup>")
                })?;
                return Some((end + 6, Out::Drop));
            }
            let is_tag = rest.len() > 1 && (rest[1].is_ascii_alphabetic() || rest[1] == b'/');
            if !is_tag {
                return None;
            }
            let end = rest.iter().take(300).position(|&b| b == b'>')?;
            if rest[1..end].contains(&b'<') {
                return None;
            }
            Some((end + 1, Out::Space))
        }
        b'&' => {
            let end = rest.iter().take(10).position(|&b| b == b';')?;
            let name = &src[i + 1..i + end];
            let c = match name {
                "nbsp" | "ensp" | "emsp" | "thinsp" => return Some((end + 1, Out::Space)),
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                "ndash" | "mdash" => '-',
                "ldquo" | "rdquo" => '"',
                _ => {
                    let n = name.strip_prefix('#')?;
                    let v = match n.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(v)?
                }
            };
            Some((end + 1, Out::Char(c)))
        }
        _ => None,
    }
}

/// A folded view of a source text with its offset map.
pub struct Folded<'a> {
    pub src: &'a str,
    /// Lower case, no diacritics, single spaces.
    pub text: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Folded offsets of the spaces that stand for a paragraph break.
    breaks: Vec<u32>,
}

struct Walker<'s> {
    src: &'s str,
    out: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    breaks: Vec<u32>,
    keep_map: bool,
}

/// Whether blank lines separate every wrapped line (PDF conversions): then a blank line says
/// nothing about paragraphs.
fn double_spaced(src: &str) -> bool {
    let mut lines = 0usize;
    let mut blank_after = 0usize;
    let mut prev_blank = true;
    for l in src.lines() {
        let blank = l.trim().is_empty();
        if blank && !prev_blank {
            blank_after += 1;
        }
        if !blank {
            lines += 1;
        }
        prev_blank = blank;
    }
    lines >= 8 && blank_after * 10 >= lines * 7
}

impl<'s> Walker<'s> {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.out.push(c);
        if self.keep_map {
            for _ in 0..c.len_utf8() {
                self.starts.push(start as u32);
                self.ends.push(end as u32);
            }
        }
    }

    fn run(mut self, fold: bool) -> Self {
        let src = self.src;
        let dbl = double_spaced(src);
        let mut i = 0;
        let mut space_at: Option<usize> = None;
        let mut newlines = 0usize;
        let bytes = src.as_bytes();
        while i < src.len() {
            let (len, out) = match markup(src, i) {
                Some(m) => m,
                None => {
                    let c = src[i..].chars().next().unwrap_or(' ');
                    (c.len_utf8(), if fold { fold_char(c) } else { keep_char(c) })
                }
            };
            match out {
                Out::Drop => {
                    // marks belong to the character before them
                    if self.keep_map && space_at.is_none() {
                        if let Some(e) = self.ends.last_mut() {
                            if *e as usize == i {
                                let mut k = self.ends.len();
                                while k > 0 && self.ends[k - 1] as usize == i {
                                    self.ends[k - 1] = (i + len) as u32;
                                    k -= 1;
                                }
                            }
                        }
                    }
                }
                Out::Space => {
                    if space_at.is_none() {
                        space_at = Some(i);
                    }
                    if bytes[i] == b'\n' {
                        newlines += 1;
                    }
                }
                Out::Char(c) => {
                    if let Some(s) = space_at.take() {
                        if !self.out.is_empty() {
                            let brk = newlines > 0 && self.is_break(c, i, newlines, dbl);
                            if brk {
                                self.breaks.push(self.out.len() as u32);
                            }
                            self.push(' ', s, i);
                        }
                        newlines = 0;
                    }
                    self.push(c, i, i + len);
                }
            }
            i += len;
        }
        self
    }

    /// Whether the line break(s) before `next` (at source offset `at`) end a paragraph.
    fn is_break(&self, next: char, at: usize, newlines: usize, dbl: bool) -> bool {
        let prev = self.out.chars().next_back().unwrap_or('.');
        if matches!(prev, '.' | ';' | ':' | '!' | '?') {
            return true;
        }
        if matches!(next, '-' | '+' | '•' | '>' | '–' | '—' | '\u{F0B7}' | '·') {
            return true;
        }
        let rest = &self.src.as_bytes()[at..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && digits <= 2 {
            if let (Some(p), Some(s)) = (rest.get(digits), rest.get(digits + 1)) {
                if matches!(p, b'.' | b')') && s.is_ascii_whitespace() {
                    return true;
                }
            }
        }
        if newlines >= 2 && !dbl {
            // a blank line after a heading or a closed phrase, not after a word cut mid-sentence
            let last_src = self
                .ends
                .last()
                .map(|&e| self.src[..e as usize].chars().next_back().unwrap_or('.'));
            if let Some(l) = last_src {
                return !(l.is_lowercase() || l == ',');
            }
        }
        false
    }
}

impl<'a> Folded<'a> {
    pub fn new(src: &'a str) -> Folded<'a> {
        let w = Walker {
            src,
            out: String::with_capacity(src.len()),
            starts: Vec::with_capacity(src.len()),
            ends: Vec::with_capacity(src.len()),
            breaks: vec![],
            keep_map: true,
        }
        .run(true);
        Folded {
            src,
            text: w.out,
            starts: w.starts,
            ends: w.ends,
            breaks: w.breaks,
        }
    }

    /// Source byte range of the folded range `fs..fe` (non-empty).
    pub fn src_range(&self, fs: usize, fe: usize) -> Range<usize> {
        if fs >= fe || fe > self.text.len() {
            let p = self.src_pos(fs);
            return p..p;
        }
        self.starts[fs] as usize..self.ends[fe - 1] as usize
    }

    /// Source offset of folded offset `f` (the end of the source when past the end).
    pub fn src_pos(&self, f: usize) -> usize {
        self.starts
            .get(f)
            .map(|&s| s as usize)
            .unwrap_or(self.src.len())
    }

    /// The original characters behind a folded range, cleaned for display.
    pub fn display(&self, fs: usize, fe: usize) -> String {
        clean(&self.src[self.src_range(fs, fe)])
    }

    /// Folded offset of the first folded byte at or after source offset `src`.
    pub fn folded_pos(&self, src: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) < src)
    }

    /// Whether the source character behind folded offset `f` is upper case.
    pub fn is_upper(&self, f: usize) -> bool {
        self.src[self.src_pos(f)..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
    }

    /// Whether the source behind the folded range has any lower-case letter.
    pub fn has_lower(&self, fs: usize, fe: usize) -> bool {
        self.src[self.src_range(fs, fe)]
            .chars()
            .any(|c| c.is_lowercase())
    }

    /// Whether a paragraph break lies within the folded range.
    pub fn break_in(&self, fs: usize, fe: usize) -> bool {
        let i = self.breaks.partition_point(|&b| (b as usize) < fs);
        self.breaks.get(i).is_some_and(|&b| (b as usize) < fe)
    }

    /// The last paragraph break at or before `f`.
    pub fn break_before(&self, f: usize) -> Option<usize> {
        let i = self.breaks.partition_point(|&b| (b as usize) <= f);
        (i > 0).then(|| self.breaks[i - 1] as usize)
    }

    /// The first paragraph break at or after `f`.
    pub fn break_after(&self, f: usize) -> Option<usize> {
        let i = self.breaks.partition_point(|&b| (b as usize) < f);
        self.breaks.get(i).map(|&b| b as usize)
    }
}

/// Folded form of a short string (lexicon entries, queries).
pub fn fold_str(s: &str) -> String {
    Walker {
        src: s,
        out: String::with_capacity(s.len()),
        starts: vec![],
        ends: vec![],
        breaks: vec![],
        keep_map: false,
    }
    .run(true)
    .out
}

/// Display form: NFC, whitespace folded, markup dropped, "Ð" as "Đ", trimmed.
pub fn clean(s: &str) -> String {
    let w = Walker {
        src: s,
        out: String::with_capacity(s.len()),
        starts: vec![],
        ends: vec![],
        breaks: vec![],
        keep_map: false,
    }
    .run(false);
    w.out.nfc().collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold_str("Nghị quyết số 25-NQ/TW"), "nghi quyet so 25-nq/tw");
        assert_eq!(fold_str("Tỉnh uỷ"), fold_str("Tỉnh ủy"));
        assert_eq!(fold_str("ĐẢNG ỦY"), "dang uy");
        assert_eq!(fold_str("\u{00D0}UK"), "duk");
        let nfd: String = "Quyết định khoá".nfd().collect();
        assert_eq!(fold_str(&nfd), "quyet dinh khoa");
        assert_eq!(fold_str("Ngày  03/6/2013\n\n của"), "ngay 03/6/2013 cua");
        assert_eq!(fold_str("**Số 08 – NQ/ĐUK**"), "so 08 - nq/duk");
        assert_eq!(fold_str("sở<sup>1</sup> để"), "so de");
        assert_eq!(fold_str("NĐ-CР"), "nd-cp");
        assert_eq!(fold_str("a&nbsp;b &amp; c"), "a b & c");
    }

    #[test]
    fn maps_back_to_source() {
        let src = "Theo **Nghị quyết**\n\nsố 25 - NQ/TW, ngày";
        let f = Folded::new(src);
        let at = f.text.find("25 - nq/tw").unwrap();
        let r = f.src_range(at, at + "25 - nq/tw".len());
        assert_eq!(&src[r], "25 - NQ/TW");
        let at = f.text.find("nghi").unwrap();
        let r = f.src_range(at, at + "nghi quyet so".len());
        assert_eq!(&src[r], "Nghị quyết**\n\nsố");
    }

    #[test]
    fn nfd_marks_stay_with_their_letter() {
        let src: String = "Quyết định".nfd().collect();
        let f = Folded::new(&src);
        let r = f.src_range(0, f.text.len());
        assert_eq!(r, 0..src.len());
        assert_eq!(clean(&src[r]), "Quyết định");
    }

    #[test]
    fn paragraph_breaks() {
        let f = Folded::new("thực hiện.\nKế hoạch số 1\nvề việc");
        assert!(f.break_in(0, f.text.len()));
        let at = f.text.find("ke hoach").unwrap();
        assert!(!f.break_in(at, f.text.len()));
    }
}
