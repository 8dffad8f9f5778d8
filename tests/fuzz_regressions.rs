//! Inputs the fuzzer (fuzz/fuzz_targets/extract.rs) found crashing, kept as regression tests.

use std::fs;

#[test]
fn fuzz_findings_no_longer_crash() {
    let mut n = 0;
    for e in fs::read_dir("tests/fuzz").unwrap() {
        let p = e.unwrap().path();
        let bytes = fs::read(&p).unwrap();
        let d = trichdan::text::decode(&bytes);
        for x in [
            trichdan::extract::extract(&d.text),
            trichdan::extract::extract_whole(&d.text),
        ] {
            for m in &x.mentions {
                assert!(d.text.is_char_boundary(m.start) && d.text.is_char_boundary(m.end));
                if let Some(num) = &m.number {
                    // as written, or as OCR misread it ("l71-NQ/TW" is 171, with a warning)
                    let s = trichdan::text::fold_str(&d.text[m.start..m.end]);
                    let read = s.replace(['l', 'i'], "1").replace('o', "0");
                    assert!(
                        s.contains(num.as_str()) || read.contains(num.as_str()),
                        "{}: {num}",
                        p.display()
                    );
                }
            }
        }
        n += 1;
    }
    assert!(n > 0);
}
