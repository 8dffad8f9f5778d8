//! Decoding and extraction on arbitrary bytes: no panic, and every offset is on a char
//! boundary of the decoded text and slices to text that holds the mention's number.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let d = trichdan::text::decode(data);
    for x in [
        trichdan::extract::extract(&d.text),
        trichdan::extract::extract_whole(&d.text),
    ] {
        for m in &x.mentions {
            assert!(d.text.is_char_boundary(m.start) && d.text.is_char_boundary(m.end));
            assert!(m.start <= m.end && m.end <= d.text.len());
            if let Some(n) = &m.number {
                // as written, or as OCR misread it ("l71-NQ/TW" is 171, with a warning)
                let s = trichdan::text::fold_str(&d.text[m.start..m.end]);
                let read = s.replace(['l', 'i'], "1").replace('o', "0");
                assert!(s.contains(n.as_str()) || read.contains(n.as_str()), "{s:?} lacks {n}");
            }
        }
    }
});
