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
        // "[4]": a footnote number glued to what it annotates ("TT-BTC[4] ngày …")
        b'[' if i > 0 && !src.as_bytes()[i - 1].is_ascii_whitespace() => {
            let n = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            (n > 0 && n <= 3 && rest.get(1 + n) == Some(&b']')).then_some((2 + n, Out::Drop))
        }
        b'<' => {
            let low: Vec<u8> = rest
                .iter()
                .take(12)
                .map(|b| b.to_ascii_lowercase())
                .collect();
            if low.starts_with(b"<sup>") {
                // a footnote number: dropped whole so "2013<sup>1</sup>" stays 2013
                let end = rest
                    .windows(6)
                    .take(40)
                    .position(|w| w.eq_ignore_ascii_case(b"</sup>"))?;
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
    /// The whole source; offsets everywhere are offsets into it.
    pub src: &'a str,
    /// The part of the source this view folds.
    pub from: usize,
    pub to: usize,
    /// Lower case, no diacritics, single spaces.
    pub text: String,
    /// Source offset of the character behind each folded byte.
    starts: Vec<u32>,
    /// Folded offsets of the spaces that stand for a paragraph break.
    breaks: Vec<u32>,
}

/// What an ASCII byte needs: copied as is, lower-cased, treated as space, or checked for markup.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ascii {
    Copy,
    Lower,
    Space,
    Markup,
    /// '?': what a lossy conversion leaves of a letter it could not write; in a code
    /// ("Q?-UBND", "NQ/?U") the only such letter is Đ
    Lost,
}

const fn ascii_class() -> [Ascii; 128] {
    let mut t = [Ascii::Copy; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'A'..=b'Z' => Ascii::Lower,
            b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => Ascii::Space,
            b'*' | b'|' | b'#' | b'\\' | b'[' | b'<' | b'&' => Ascii::Markup,
            b'?' => Ascii::Lost,
            _ => Ascii::Copy,
        };
        b += 1;
    }
    t
}

static ASCII: [Ascii; 128] = ascii_class();

struct Walker<'s> {
    src: &'s str,
    /// The part of `src` to walk.
    from: usize,
    to: usize,
    /// Built as a string (only whole chars go in), so it is never validated again.
    out: String,
    starts: Vec<u32>,
    breaks: Vec<u32>,
    keep_map: bool,
    fold: bool,
    dbl: bool,
    /// Source offset where a pending run of whitespace began, and its newlines.
    space_at: Option<usize>,
    newlines: usize,
}

/// Whether blank lines separate every wrapped line (PDF conversions): then a blank line says
/// nothing about paragraphs.
pub fn double_spaced(src: &str) -> bool {
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
    fn new(src: &'s str, keep_map: bool, fold: bool) -> Self {
        let dbl = keep_map && double_spaced(src);
        Self::range(src, 0, src.len(), keep_map, fold, dbl)
    }

    fn range(src: &'s str, from: usize, to: usize, keep_map: bool, fold: bool, dbl: bool) -> Self {
        let n = to - from;
        Walker {
            src,
            from,
            to,
            out: String::with_capacity(n),
            starts: if keep_map {
                Vec::with_capacity(n)
            } else {
                vec![]
            },
            breaks: vec![],
            keep_map,
            fold,
            dbl,
            space_at: None,
            newlines: 0,
        }
    }

    /// Emits a pending space (and notes a paragraph break) before the char at `i`.
    #[inline]
    fn flush_space(&mut self, next: char, i: usize) {
        if let Some(s) = self.space_at.take() {
            if !self.out.is_empty() {
                if self.keep_map && self.newlines > 0 && self.is_break(next, i) {
                    self.breaks.push(self.out.len() as u32);
                }
                self.out.push(' ');
                if self.keep_map {
                    self.starts.push(s as u32);
                }
            }
            self.newlines = 0;
        }
    }

    /// Whether the capital at `i` starts a word glued to the lower-case one before it
    /// ("tạiTờ trình", "căn cứNghị quyết"): a conversion lost the space between them, which the
    /// matching view puts back (at the capital's offset) so that the type name is a word. The
    /// capital must start a word in lower case: legacy encodings have no capitals for some
    /// accented letters, so their capitals read "HOạCH", "NGàY", which is one word.
    fn glued_at(&self, i: usize) -> bool {
        if !self.fold || i <= self.from || self.out.is_empty() {
            return false;
        }
        let letter = |c: &char| !matches!(c, '\u{0300}'..='\u{036F}');
        let mut after = self.src[i..self.to].chars();
        after.next();
        // (in NFD the marks of a letter stand between it and the next)
        after.find(letter).is_some_and(char::is_lowercase)
            && self.src[self.from..i]
                .chars()
                .rev()
                .find(letter)
                .is_some_and(char::is_lowercase)
    }

    #[inline]
    fn push_byte(&mut self, b: u8, at: usize) {
        debug_assert!(b.is_ascii());
        self.out.push(b as char);
        if self.keep_map {
            self.starts.push(at as u32);
        }
    }

    fn push_char(&mut self, c: char, at: usize) {
        self.out.push(c);
        if self.keep_map {
            self.starts
                .extend(std::iter::repeat_n(at as u32, c.len_utf8()));
        }
    }

    fn emit(&mut self, out: Out, i: usize, len: usize) {
        match out {
            Out::Drop => {}
            Out::Space => {
                if self.space_at.is_none() {
                    self.space_at = Some(i);
                }
                if self.src.as_bytes()[i] == b'\n' {
                    self.newlines += 1;
                }
            }
            Out::Char(c) => {
                let _ = len;
                // an entity stands for a char that still needs folding ("&#7921;" is "ự")
                let c = match (self.fold, c.is_ascii()) {
                    (true, false) => match fold_char(c) {
                        Out::Char(f) => f,
                        _ => return,
                    },
                    (true, true) => c.to_ascii_lowercase(),
                    _ => c,
                };
                self.flush_space(c, i);
                self.push_char(c, i);
            }
        }
    }

    fn run(mut self) -> Self {
        let src = self.src;
        let bytes = src.as_bytes();
        let n = self.to;
        let mut i = self.from;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                match ASCII[b as usize] {
                    Ascii::Copy => {
                        if self.space_at.is_some() {
                            self.flush_space(b as char, i);
                        }
                        // a run of plain ASCII (single spaces between words included) is
                        // copied whole
                        let mut j = i + 1;
                        while j < n {
                            let c = bytes[j];
                            if c < 0x80 && ASCII[c as usize] == Ascii::Copy {
                                j += 1;
                            } else if c == b' '
                                && bytes
                                    .get(j + 1)
                                    .is_some_and(|&d| d < 0x80 && ASCII[d as usize] == Ascii::Copy)
                            {
                                j += 2;
                            } else {
                                break;
                            }
                        }
                        // (an ASCII run: its ends are char boundaries)
                        self.out.push_str(&src[i..j]);
                        if self.keep_map {
                            self.starts.extend(i as u32..j as u32);
                        }
                        i = j;
                        continue;
                    }
                    Ascii::Lower => {
                        if self.space_at.is_some() {
                            self.flush_space(b as char, i);
                        } else if self.glued_at(i) {
                            self.push_byte(b' ', i);
                        }
                        self.push_byte(if self.fold { b.to_ascii_lowercase() } else { b }, i);
                        i += 1;
                        continue;
                    }
                    Ascii::Space => {
                        if self.space_at.is_none() {
                            self.space_at = Some(i);
                        }
                        if b == b'\n' {
                            self.newlines += 1;
                            // a page's running head between two halves of a sentence is read
                            // as the blank lines around it (looked for after the last line
                            // break of a blank run only: a run of blank lines stays linear)
                            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                            if !matches!(next, b' ' | b'\t' | b'\r' | b'\n')
                                && let Some(end) = furniture_after(bytes, i + 1, n)
                            {
                                self.newlines +=
                                    bytes[i + 1..end].iter().filter(|&&c| c == b'\n').count();
                                i = end;
                                continue;
                            }
                        }
                        i += 1;
                        continue;
                    }
                    Ascii::Lost => {
                        if self.space_at.is_some() {
                            self.flush_space(b as char, i);
                        }
                        let code = |c: u8| c.is_ascii_uppercase() || c == b'/' || c == b'-';
                        let prev = if i > 0 { bytes[i - 1] } else { b' ' };
                        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
                        let in_code = code(prev)
                            && code(next)
                            && (prev.is_ascii_uppercase() || next.is_ascii_uppercase());
                        self.push_byte(if self.fold && in_code { b'd' } else { b }, i);
                        i += 1;
                        continue;
                    }
                    Ascii::Markup => {
                        if let Some((len, out)) = markup(src, i) {
                            self.emit(out, i, len);
                            i += len;
                        } else {
                            if self.space_at.is_some() {
                                self.flush_space(b as char, i);
                            }
                            self.push_byte(b, i);
                            i += 1;
                        }
                        continue;
                    }
                }
            }
            // a multi-byte char: decoded by hand, folded through the table
            let (c, len) = decode_at(bytes, i);
            let out = if self.fold {
                fold_char(c)
            } else {
                keep_char(c)
            };
            match out {
                Out::Char(f) if f.is_ascii() => {
                    if self.space_at.is_some() {
                        self.flush_space(f, i);
                    } else if c.is_uppercase() && self.glued_at(i) {
                        self.push_byte(b' ', i);
                    }
                    self.push_byte(f as u8, i);
                }
                _ => self.emit(out, i, len),
            }
            i += len;
        }
        self
    }

    /// Whether the line break(s) before `next` (at source offset `at`) end a paragraph.
    fn is_break(&self, next: char, at: usize) -> bool {
        let prev = self.out.as_bytes().last().map_or('.', |&b| b as char);
        if matches!(prev, '.' | ';' | ':' | '!' | '?') {
            return true;
        }
        if matches!(next, '-' | '+' | '•' | '>' | '–' | '—' | '\u{F0B7}' | '·') {
            return true;
        }
        let rest = &self.src.as_bytes()[at..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0
            && digits <= 2
            && let (Some(p), Some(s)) = (rest.get(digits), rest.get(digits + 1))
            && matches!(p, b'.' | b')')
            && s.is_ascii_whitespace()
        {
            return true;
        }
        let tail_end = self.starts.last().map_or(self.from, |&s| {
            let s = s as usize;
            s + self.src[s..].chars().next().map_or(1, char::len_utf8)
        });
        // a line of a whole paragraph is not a conversion's wrap (~80 characters): its line
        // break ends the paragraph, even where the text broke off mid-phrase
        let line = &self.src[self.src[..tail_end].rfind('\n').map_or(0, |i| i + 1)..tail_end];
        if line.len() > LONG_LINE && line.chars().count() > LONG_LINE {
            return true;
        }
        if self.newlines >= 2 && !self.dbl {
            // markup closed before the blank line ends a heading ("…công lập**", "| … |")
            let gap = self.src.get(tail_end.min(at)..at).unwrap_or("");
            if gap.contains(['*', '|', '#']) {
                return true;
            }
            // a blank line after a heading or a closed phrase, not after a word cut mid-sentence
            let last_src = self
                .starts
                .last()
                .and_then(|&s| self.src[s as usize..].chars().next());
            if let Some(l) = last_src {
                return !(l.is_lowercase() || l == ',');
            }
        }
        false
    }
}

/// Characters in a line past which the line is a paragraph, not a wrapped piece of one.
const LONG_LINE: usize = 300;

/// Running heads that a PDF conversion repeats on every page, with the page number on the line
/// after: the official gazette's "CÔNG BÁO/Số 302/Ngày 02-06-2026".
const RUNNING_HEADS: &[&str] = &["CÔNG BÁO/Số "];

/// Words around a number on its own line that make it part of the sentence, not a page number.
const DATE_WORDS_BEFORE: &[&str] = &[
    "tháng", "ngày", "năm", "số", "Số", "thang", "ngay", "nam", "so",
];
const DATE_WORDS_AFTER: &[&str] = &["năm", "tháng", "nam", "thang", "/", "-", "."];

/// Where the page furniture that starts at `from` (a line's start) ends, at the line break that
/// closes it: a running head and the page number under it, or a page number alone.
fn furniture_after(b: &[u8], from: usize, n: usize) -> Option<usize> {
    let j = from;
    let rest = &b[j..n];
    let line_end = |k: usize| memchr::memchr(b'\n', &b[k..n]).map_or(n, |e| k + e);
    // a page number alone between blank lines ("Nghị quyết số 19 - ⏎⏎ 3 ⏎⏎ NQ/TW")
    let end = line_end(j);
    let page = b[j..end].trim_ascii();
    if (1..=3).contains(&page.len()) && page.iter().all(u8::is_ascii_digit) && j > 0 {
        let before = b[..j - 1].trim_ascii_end();
        let blank_before = before.len() < j - 1 && b[before.len()..j - 1].contains(&b'\n');
        let blank_after = end < n && b[end + 1..line_end(end + 1)].trim_ascii().is_empty();
        // not a number the sentence goes on with ("ngày 10 tháng ⏎⏎ 12 ⏎⏎ năm 2019")
        let after = b[end..n].trim_ascii_start();
        let in_sentence = DATE_WORDS_BEFORE
            .iter()
            .any(|w| before.ends_with(w.as_bytes()))
            || DATE_WORDS_AFTER
                .iter()
                .any(|w| after.starts_with(w.as_bytes()));
        if blank_before && blank_after && !in_sentence {
            return Some(end);
        }
    }
    if !RUNNING_HEADS.iter().any(|h| rest.starts_with(h.as_bytes())) {
        return None;
    }
    let mut end = end;
    if end < n {
        let next = line_end(end + 1);
        let page = b[end + 1..next].trim_ascii();
        if (1..=4).contains(&page.len()) && page.iter().all(u8::is_ascii_digit) {
            end = next;
        }
    }
    Some(end)
}

/// The char starting at byte `i` of valid UTF-8 (not ASCII), and its length.
#[inline]
fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let b0 = b[i] as u32;
    let (cp, len) = if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    };
    (char::from_u32(cp).unwrap_or('\u{FFFD}'), len)
}

/// Length of the character at source offset `s` with the combining marks that follow it.
fn char_with_marks(src: &str, s: usize) -> usize {
    let mut it = src[s..].char_indices();
    let Some((_, c)) = it.next() else { return 0 };
    let mut end = c.len_utf8();
    for (k, c) in it {
        if matches!(c, '\u{0300}'..='\u{036F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
        {
            end = k + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

impl<'a> Folded<'a> {
    pub fn new(src: &'a str) -> Folded<'a> {
        Self::window(src, 0..src.len(), double_spaced(src))
    }

    /// The folded view of `src[range]` (char boundaries), with offsets into the whole `src`;
    /// `dbl` says whether the whole text is double-spaced (see [`double_spaced`]).
    pub fn window(src: &'a str, range: Range<usize>, dbl: bool) -> Folded<'a> {
        let w = Walker::range(src, range.start, range.end, true, true, dbl).run();
        Folded {
            src,
            from: range.start,
            to: range.end,
            text: w.out,
            starts: w.starts,
            breaks: w.breaks,
        }
    }

    /// Source byte range of the folded range `fs..fe` (non-empty).
    pub fn src_range(&self, fs: usize, fe: usize) -> Range<usize> {
        if fs >= fe || fe > self.text.len() {
            let p = self.src_pos(fs);
            return p..p;
        }
        let last = self.starts[fe - 1] as usize;
        self.starts[fs] as usize..last + char_with_marks(self.src, last)
    }

    /// Source offset of folded offset `f` (the end of the source when past the end).
    pub fn src_pos(&self, f: usize) -> usize {
        self.starts.get(f).map(|&s| s as usize).unwrap_or(self.to)
    }

    /// The original characters behind a folded range, cleaned for display.
    pub fn display(&self, fs: usize, fe: usize) -> String {
        clean(&self.src[self.src_range(fs, fe)])
    }

    /// Folded offset of the first folded byte at or after source offset `src`.
    pub fn folded_pos(&self, src: usize) -> usize {
        self.starts.partition_point(|&s| (s as usize) < src)
    }

    /// The source behind a folded range in lower case and NFC, to tell words that fold alike by
    /// their marks ("tại" from "tài", "dẫn" from "dân") whatever the normal form.
    pub fn written_lower(&self, fs: usize, fe: usize) -> String {
        self.src[self.src_range(fs, fe)]
            .nfc()
            .collect::<String>()
            .to_lowercase()
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

/// The folded form of one character for search: lower case without diacritics ("Đ" is "d"), or
/// None for a combining mark (folded away, so NFD text reads as NFC) or anything that is no letter
/// or digit (it separates words).
#[inline]
pub fn fold_letter(c: char) -> Option<Option<char>> {
    let u = c as u32;
    if u < TABLE_END {
        return match letter_table()[u as usize] {
            0 => None,
            1 => Some(None),
            f => Some(char::from_u32(f)),
        };
    }
    slow_fold_letter(c)
}

fn slow_fold_letter(c: char) -> Option<Option<char>> {
    if c.is_ascii() {
        return c
            .is_ascii_alphanumeric()
            .then(|| Some(c.to_ascii_lowercase()));
    }
    match fold_char(c) {
        Out::Drop => Some(None),
        Out::Space => None,
        Out::Char(f) => f.is_alphanumeric().then_some(Some(f)),
    }
}

/// [`fold_letter`] of every char below [`TABLE_END`]: 0 = no letter, 1 = a mark, else the folded
/// letter (the search tokenizer asks it of every char of every report).
fn letter_table() -> &'static [u32] {
    static T: OnceLock<Vec<u32>> = OnceLock::new();
    T.get_or_init(|| {
        (0..TABLE_END)
            .map(|u| match char::from_u32(u).map(slow_fold_letter) {
                Some(Some(Some(f))) => f as u32,
                Some(Some(None)) => 1,
                _ => 0,
            })
            .collect()
    })
}

/// A name with its tone marks placed the new way ("Tỉnh uỷ" is "Tỉnh ủy", "hoà" is "hòa"), NFC:
/// names spelled both ways in an archive are one name.
pub fn modern_tones(s: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("uỷ", "ủy"),
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("Uỷ", "Ủy"),
        ("Uý", "Úy"),
        ("Oà", "Òa"),
        ("Oá", "Óa"),
    ];
    let mut out: String = s.nfc().collect();
    for (old, new) in PAIRS {
        if out.contains(old) {
            out = out.replace(old, new);
        }
    }
    out
}

/// The marks of each word of `s`: per letter its vowel mark (breve, circumflex, horn; the bar of
/// "đ"), and the word's tone wherever it sits (old and new placement read alike).
fn word_marks(s: &str) -> Vec<(Vec<Option<char>>, Option<char>)> {
    let mut words = Vec::new();
    let mut cur: Option<(Vec<Option<char>>, Option<char>)> = None;
    for c in s.nfd() {
        match c {
            '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}' => {
                if let Some(w) = cur.as_mut() {
                    w.1 = Some(c);
                }
            }
            '\u{0302}' | '\u{0306}' | '\u{031B}' => {
                if let Some(m) = cur.as_mut().and_then(|w| w.0.last_mut()) {
                    *m = Some(c);
                }
            }
            c if c.is_alphanumeric() => {
                let w = cur.get_or_insert_with(|| (Vec::new(), None));
                w.0.push(matches!(c, 'đ' | 'Đ').then_some('đ'));
            }
            _ => words.extend(cur.take()),
        }
    }
    words.extend(cur);
    words
}

/// Whether text that folds like `phrase` cannot be it by its marks: a word with a tone, or a letter
/// with a vowel mark, other than the phrase's ("định chính" is not "đính chính", "cần cù" not "căn
/// cứ"). A missing mark contradicts nothing: typos and text typed without marks still read.
pub fn marks_contradict(written: &str, phrase: &str) -> bool {
    let (w, p) = (word_marks(written), word_marks(phrase));
    w.len() == p.len()
        && w.iter().zip(&p).any(|((wl, wt), (pl, pt))| {
            (wt.is_some() && wt != pt)
                || (wl.len() == pl.len() && wl.iter().zip(pl).any(|(a, b)| a.is_some() && a != b))
        })
}

/// Folded form of a short string (lexicon entries, queries).
pub fn fold_str(s: &str) -> String {
    Walker::new(s, false, true).run().out
}

/// Display form: NFC, whitespace folded, markup dropped, "Ð" as "Đ", trimmed.
pub fn clean(s: &str) -> String {
    let out = Walker::new(s, false, false).run().out;
    let out = out.trim();
    if unicode_normalization::is_nfc_quick(out.chars()) == unicode_normalization::IsNormalized::Yes
    {
        out.to_string()
    } else {
        out.nfc().collect()
    }
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
    fn a_capital_glued_to_a_lower_case_word_starts_a_word() {
        assert_eq!(fold_str("căn cứ tạiNghị quyết"), "can cu tai nghi quyet");
        let nfd: String = "tạiĐảng ủy".nfd().collect();
        assert_eq!(fold_str(&nfd), "tai dang uy");
        // capitals after capitals or after a mark of punctuation stay as they are
        assert_eq!(
            fold_str("46/TTr-UBND, QĐ-TTg, tp.HCM"),
            "46/ttr-ubnd, qd-ttg, tp.hcm"
        );
        // capitals written by a legacy encoding, some of their letters in lower case
        assert_eq!(
            fold_str("Kế HOạCH Số 317, NGàY 10"),
            "ke hoach so 317, ngay 10"
        );
        // the display form keeps the text as written
        assert_eq!(clean("tạiNghị quyết"), "tạiNghị quyết");
        let src = "tạiNghị quyết";
        let f = Folded::new(src);
        let at = f.text.find("nghi").unwrap();
        assert_eq!(&src[f.src_range(at, at + 4)], "Nghị");
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
