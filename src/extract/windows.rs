//! Where citations can be: the neighbourhoods of the few byte patterns a citation cannot do
//! without, found on the raw text at memchr speed. Everything outside them is skipped.
//!
//! - every numbered symbol has a "/" (also "／" and "∕");
//! - an unnumbered reference has "Nghị quyết" (plenum, congress, or by title), "Luật", "Hiến
//!   pháp" or "Điều lệ" — matched on the letters that survive NFC, NFD, capitals and lost marks;
//! - a short form repeats a number spelled out in a symbol elsewhere in the text;
//! - the header and the footer are always read.

use std::ops::Range;

use memchr::memmem;

/// Bytes kept before an anchor: type name, list numbers, the clause with its cue words, and the
/// sentence for evidence.
const BEFORE: usize = 1200;
/// Bytes kept after an anchor: date, body, term, a quoted title, and the sentence.
const AFTER: usize = 1400;
/// The header and footer regions (see `header`).
const HEAD: usize = 6000;
const FOOT: usize = 3000;
/// Above this share of the text, one window over all of it is cheaper.
const WHOLE: f64 = 0.7;
/// No window is folded longer than this: memory stays bounded on enormous files.
pub const CHUNK: usize = 4 << 20;
/// How far chunks of a long window overlap, so a citation at a cut has its context.
pub const OVERLAP: usize = 16 << 10;

/// A window to fold, and the part of it whose citations it reports (chunks of a long window
/// overlap; each citation belongs to the chunk where it starts).
#[derive(Clone, Debug)]
pub struct Window {
    pub fold: Range<usize>,
    pub own: Range<usize>,
}

/// Cuts windows longer than [`CHUNK`] into overlapping chunks at line breaks.
pub fn chunked(wins: Vec<Range<usize>>, src: &str) -> Vec<Window> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    for w in wins {
        if w.end - w.start <= CHUNK {
            out.push(Window {
                fold: w.clone(),
                own: w,
            });
            continue;
        }
        let mut a = w.start;
        while a < w.end {
            let mut e = (a + CHUNK).min(w.end);
            if e < w.end {
                // cut at a line break near the chunk's end
                if let Some(nl) = memchr::memrchr(b'\n', &b[a + CHUNK / 2..e]) {
                    e = a + CHUNK / 2 + nl + 1;
                }
                e = floor(src, e);
            }
            out.push(Window {
                fold: floor(src, a.saturating_sub(OVERLAP).max(w.start))
                    ..ceil(src, (e + OVERLAP).min(w.end)),
                own: a..e,
            });
            a = e;
        }
    }
    out
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Sorted, merged windows; starts moved back to a line start where one is near, so that lines
/// and paragraphs read the same as in the whole text.
pub fn merge(mut v: Vec<Range<usize>>, src: &str) -> Vec<Range<usize>> {
    let b = src.as_bytes();
    for r in &mut v {
        let lo = r.start.saturating_sub(300);
        if let Some(nl) = memchr::memrchr(b'\n', &b[lo..r.start]) {
            r.start = lo + nl + 1;
        }
        r.start = floor(src, r.start);
        r.end = ceil(src, r.end);
    }
    v.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end + 200 => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn around(p: usize, len: usize) -> Range<usize> {
    p.saturating_sub(BEFORE)..(p + AFTER).min(len)
}

/// Whether the bytes at `i` spell `word` in ASCII, ignoring case.
fn word_at(b: &[u8], i: usize, word: &[u8]) -> bool {
    b.len() >= i + word.len() && b[i..i + word.len()].eq_ignore_ascii_case(word)
}

/// Skips one Vietnamese vowel at `i` written any way (ASCII, a precomposed letter, or a base
/// letter with combining marks); returns where it ends.
fn vowel(b: &[u8], i: usize) -> Option<usize> {
    let c = *b.get(i)?;
    let mut j = if c < 0x80 {
        if !c.is_ascii_alphabetic() {
            return None;
        }
        i + 1
    } else if c >= 0xC0 {
        let len = if c >= 0xF0 {
            4
        } else if c >= 0xE0 {
            3
        } else {
            2
        };
        i + len
    } else {
        return None;
    };
    // combining marks U+0300–U+036F are CC 80–CD AF
    while j + 1 < b.len() && (b[j] == 0xCC || (b[j] == 0xCD && b[j + 1] <= 0xAF)) {
        j += 2;
    }
    Some(j)
}

fn space_then(b: &[u8], mut i: usize, word: &[u8]) -> bool {
    let mut n = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t' | b'*') && n < 6 {
        i += 1;
        n += 1;
    }
    n > 0 && word_at(b, i, word)
}

/// Anchors of unnumbered references.
fn named_anchors(b: &[u8], out: &mut Vec<usize>) {
    // "Nghị quyết": find "quy", check "ngh?" before it
    for needle in [&b"quy"[..], b"QUY", b"Quy"] {
        for at in memmem::find_iter(b, needle) {
            let lo = at.saturating_sub(14);
            let before = &b[lo..at];
            let has = before.windows(3).any(|w| w.eq_ignore_ascii_case(b"ngh"));
            if has {
                out.push(at);
            }
        }
    }
    // "Luật", "Bộ luật": "Lu"/"LU" + vowel + "t"; lower-case "luật" only after "Bộ"
    for needle in [&b"Lu"[..], b"LU", b"lu"] {
        for at in memmem::find_iter(b, needle) {
            if let Some(j) = vowel(b, at + 2)
                && word_at(b, j, b"t")
                && !b.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic())
            {
                if needle == b"lu" && !(at >= 4 && b[..at].ends_with(b" ")) {
                    continue;
                }
                out.push(at);
            }
        }
    }
    // "Hiến pháp": "Hi"/"HI" + vowel + "n ph"
    for needle in [&b"Hi"[..], b"HI"] {
        for at in memmem::find_iter(b, needle) {
            if let Some(j) = vowel(b, at + 2)
                && word_at(b, j, b"n")
                && space_then(b, j + 1, b"ph")
            {
                out.push(at);
            }
        }
    }
    // "Điều lệ" ("Đ" as U+0110 or U+00D0, or "D" without marks)
    for needle in [&b"\xC4\x90i"[..], b"\xC4\x90I", b"\xC3\x90i", b"Di", b"DI"] {
        for at in memmem::find_iter(b, needle) {
            let mut j = at + needle.len();
            while j < b.len() && j < at + needle.len() + 8 && b[j] != b' ' && b[j] != b'\n' {
                j += 1;
            }
            if space_then(b, j, b"l") {
                out.push(at);
            }
        }
    }
    // Party documents by name: "Cương lĩnh", "Quy chế làm việc" (as usually written, NFC)
    for needle in [
        "Cương lĩnh",
        "CƯƠNG LĨNH",
        "Quy chế làm việc",
        "QUY CHẾ LÀM VIỆC",
    ] {
        out.extend(memmem::find_iter(b, needle.as_bytes()));
    }
    // a title alone: "… về “" / "ve \""
    for needle in [&b"\xE2\x80\x9C"[..], b"\""] {
        for at in memmem::find_iter(b, needle) {
            let lo = at.saturating_sub(10);
            if b[lo..at].iter().any(|&c| c == b'v' || c == b'V') {
                out.push(at);
            }
        }
    }
}

/// The windows of a text.
#[allow(clippy::single_range_in_vec_init)] // one window over the whole text
pub fn windows(src: &str) -> Vec<Range<usize>> {
    let b = src.as_bytes();
    let n = b.len();
    if n <= HEAD + FOOT + BEFORE + AFTER {
        return vec![0..n];
    }
    let mut anchors: Vec<usize> = memchr::memchr_iter(b'/', b).collect();
    for needle in [&b"\xEF\xBC\x8F"[..], b"\xE2\x88\x95", b"\xE2\x81\x84"] {
        anchors.extend(memmem::find_iter(b, needle));
    }
    named_anchors(b, &mut anchors);
    let mut v: Vec<Range<usize>> = Vec::with_capacity(anchors.len() + 2);
    v.push(0..HEAD.min(n));
    v.push(n.saturating_sub(FOOT)..n);
    v.extend(anchors.into_iter().map(|p| around(p, n)));
    let merged = merge(v, src);
    let covered: usize = merged.iter().map(|r| r.end - r.start).sum();
    if covered as f64 >= WHOLE * n as f64 {
        return vec![0..n];
    }
    merged
}

/// Windows around whole-number occurrences of `numbers` outside `have` (short forms).
pub fn short_form_windows(
    src: &str,
    numbers: &[String],
    have: &[Range<usize>],
) -> Vec<Range<usize>> {
    if have.len() == 1 && have[0].start == 0 && have[0].end == src.len() {
        return vec![];
    }
    let b = src.as_bytes();
    let mut nums: Vec<&str> = numbers.iter().map(String::as_str).collect();
    nums.sort();
    nums.dedup();
    let mut out = Vec::new();
    for num in nums {
        let num = num.trim_start_matches('0');
        if num.len() < 2 || num.contains('.') {
            continue;
        }
        for at in memmem::find_iter(b, num.as_bytes()) {
            let end = at + num.len();
            let digit_before = at > 0 && b[at - 1].is_ascii_digit() && b[at - 1] != b'0';
            let digit_after = b.get(end).is_some_and(|c| c.is_ascii_digit());
            // a short form is "<type name> [số] N": a word, a space, the number
            let after_word = at >= 2
                && b[at - 1] == b' '
                && (b[at - 2] >= 0x80 || b[at - 2].is_ascii_alphabetic());
            if digit_before || digit_after || !after_word {
                continue;
            }
            if have.iter().any(|r| r.start <= at && end <= r.end) {
                continue;
            }
            out.push(around(at, b.len()));
        }
    }
    out
}
