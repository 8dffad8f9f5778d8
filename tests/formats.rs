//! Real archive formats: the seeds written out as DOCX, ODT, HTML and PDF (and scans of them)
//! give the citations the plain text gives; unaccented and OCR-damaged text keeps them; a folder
//! mixing formats with broken files reads what it can and names the rest.
//!
//! Fixtures are made here. Tests needing a tool that is absent (poppler, tesseract, qpdf, a
//! Unicode font) print a SKIP line and return.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;

const SEEDS: [&str; 5] = [
    "corpus/000_c8577e363f659059.txt",
    "corpus/001_36f1b5e99e324163.txt",
    "corpus/002_ebe3f063ba1ddde8.txt",
    "corpus/003_440da34c60843b84.txt",
    "corpus/004_28357bb6bacf4e0b.txt",
];

const FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

fn trichdan(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_trichdan"))
        .args(args)
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn has(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool} >/dev/null")])
        .status()
        .is_ok_and(|s| s.success())
}

fn ocr_ready() -> bool {
    has("tesseract")
        && has("pdftoppm")
        && Command::new("tesseract")
            .arg("--list-langs")
            .output()
            .is_ok_and(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .any(|l| l == "vie")
            })
}

macro_rules! skip_unless {
    ($cond:expr, $what:expr) => {
        if !$cond {
            eprintln!("SKIP {}: {} is not installed", module_path!(), $what);
            return;
        }
    };
}

/// (symbol, date) of every numbered citation extracted from a file.
fn citations(path: &Path, extra: &[&str]) -> BTreeSet<(String, String)> {
    let mut args = vec!["extract"];
    args.extend_from_slice(extra);
    args.push(path.to_str().unwrap());
    let (code, out, err) = trichdan(&args);
    assert_eq!(code, 0, "{}: {err}", path.display());
    records(&out)
}

fn records(jsonl: &str) -> BTreeSet<(String, String)> {
    jsonl
        .lines()
        .filter_map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            Some((
                r["symbol"].as_str()?.to_string(),
                r["date"].as_str().unwrap_or("").to_string(),
            ))
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Lines of a seed without the markdown left from its conversion.
fn seed_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.replace("**", "").trim().to_string())
        .collect()
}

/// Index of the first line past the header holding a dated numbered citation, after `from`.
fn citing_line(lines: &[String], from: usize) -> usize {
    (from..lines.len())
        .find(|&i| {
            let l = &lines[i];
            l.contains(" số ") && l.contains("/") && l.contains("ngày") && l.len() < 1500
        })
        .unwrap_or(from)
}

fn paragraph(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

fn zip_of(members: &[(&str, String)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, body) in members {
            let opts = zip::write::SimpleFileOptions::default().compression_method(
                if *name == "mimetype" {
                    zip::CompressionMethod::Stored
                } else {
                    zip::CompressionMethod::Deflated
                },
            );
            z.start_file(*name, opts).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A DOCX of a seed: one paragraph per line, one citing sentence moved into a footnote, another
/// into a table cell, and a page header that must not come first.
fn docx_of(text: &str) -> Vec<u8> {
    let lines = seed_lines(text);
    let foot = citing_line(&lines, 8);
    let table = citing_line(&lines, foot + 1);
    let mut body = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i == foot {
            body.push_str(
                "<w:p><w:r><w:t>Như đã nêu</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>\
                 <w:r><w:t xml:space=\"preserve\">.</w:t></w:r></w:p>",
            );
        } else if i == table {
            body.push_str(&format!(
                "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                paragraph(l),
                paragraph("Đã thực hiện")
            ));
        } else {
            body.push_str(&paragraph(l));
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes {W}>\
         <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>\
         </w:footnotes>",
        xml_escape(&lines[foot])
    );
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:hdr {W}>{}</w:hdr>",
        paragraph("Tài liệu lưu hành nội bộ — Trang")
    );
    zip_of(&[
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
             </Types>"
                .into(),
        ),
        ("word/header1.xml", header),
        ("word/document.xml", document),
        ("word/footnotes.xml", footnotes),
    ])
}

/// An ODT of a seed, one citing sentence in a footnote.
fn odt_of(text: &str) -> Vec<u8> {
    let lines = seed_lines(text);
    let foot = citing_line(&lines, 8);
    let mut body = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i == foot {
            body.push_str(&format!(
                "<text:p>Như đã nêu<text:note text:id=\"ftn1\" text:note-class=\"footnote\">\
                 <text:note-citation>1</text:note-citation><text:note-body><text:p>{}</text:p>\
                 </text:note-body></text:note>.</text:p>",
                xml_escape(l)
            ));
        } else {
            body.push_str(&format!("<text:p>{}</text:p>", xml_escape(l)));
        }
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
         <office:body><office:text>{body}</office:text></office:body></office:document-content>"
    );
    zip_of(&[
        ("mimetype", "application/vnd.oasis.opendocument.text".into()),
        ("content.xml", content),
    ])
}

/// A page saved from a portal: menus, scripts and a footer around the text, some letters as
/// entities.
fn html_of(text: &str) -> String {
    let mut body = String::new();
    for l in seed_lines(text) {
        let l = xml_escape(&l)
            .replace('ệ', "&#7879;")
            .replace('à', "&agrave;");
        body.push_str(&format!("<p>{l}</p>\n"));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Văn bản</title>\
         <script>var x = \"Nghị quyết số 99-NQ/TW ngày 01/01/2001\";</script><style>p {{ margin: 0 }}</style></head>\
         <body><nav><a href=\"/\">Trang chủ</a> | <a>Nghị quyết số 98-NQ/TW ngày 02/02/2002</a></nav>\
         <div class=\"content\">\n{body}</div><footer>Bản quyền © Cổng thông tin</footer></body></html>"
    )
}

/// Lines wrapped as a word processor would (at most `width` characters).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = vec![];
    for l in seed_lines(text) {
        let mut cur = String::new();
        for w in l.split_whitespace() {
            if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(w);
        }
        out.push(cur);
    }
    out
}

/// A PDF with a text layer in DejaVu Sans (embedded, with its ToUnicode map).
fn pdf_of(text: &str, path: &Path) {
    use printpdf::{Mm, PdfDocument};
    let (doc, p1, l1) = PdfDocument::new("seed", Mm(210.0), Mm(297.0), "text");
    let font = doc
        .add_external_font(fs::File::open(FONT).unwrap())
        .unwrap();
    let mut layer = doc.get_page(p1).get_layer(l1);
    let mut y = 280.0;
    for line in wrap(text, 85) {
        if y < 20.0 {
            let (p, l) = doc.add_page(Mm(210.0), Mm(297.0), "text");
            layer = doc.get_page(p).get_layer(l);
            y = 280.0;
        }
        layer.use_text(line, 10.0, Mm(15.0), Mm(y), &font);
        y -= 5.0;
    }
    doc.save(&mut std::io::BufWriter::new(
        fs::File::create(path).unwrap(),
    ))
    .unwrap();
}

/// A PDF in a legacy font encoding: the TCVN3 bytes shown through a WinAnsi font, as PDFs
/// made with .VnTime fonts are.
fn legacy_pdf_of(text: &str, path: &Path) {
    use printpdf::{BuiltinFont, Mm, PdfDocument};
    let (doc, p1, l1) = PdfDocument::new("seed", Mm(210.0), Mm(297.0), "text");
    let font = doc.add_builtin_font(BuiltinFont::TimesRoman).unwrap();
    let mut layer = doc.get_page(p1).get_layer(l1);
    let mut y = 280.0;
    for line in wrap(text, 85) {
        if y < 20.0 {
            let (p, l) = doc.add_page(Mm(210.0), Mm(297.0), "text");
            layer = doc.get_page(p).get_layer(l);
            y = 280.0;
        }
        let bytes = trichdan::text::legacy::encode_tcvn3(&line);
        let shown = winansi(&bytes);
        layer.use_text(shown, 10.0, Mm(15.0), Mm(y), &font);
        y -= 5.0;
    }
    doc.save(&mut std::io::BufWriter::new(
        fs::File::create(path).unwrap(),
    ))
    .unwrap();
}

/// Bytes as PDF's WinAnsiEncoding (Windows-1252) shows them.
fn winansi(b: &[u8]) -> String {
    b.iter()
        .map(|&c| match c {
            0x80..=0x9F => {
                const HI: [char; 32] = [
                    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}',
                    'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›',
                    'œ', '\u{9d}', 'ž', 'Ÿ',
                ];
                HI[(c - 0x80) as usize]
            }
            _ => c as char,
        })
        .collect()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn assert_same(seed: &str, fmt: &str, got: &BTreeSet<(String, String)>) {
    let want = citations(Path::new(seed), &[]);
    assert!(!want.is_empty());
    let missing: Vec<_> = want.difference(got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{seed} as {fmt}: missing {missing:?}, extra {extra:?}"
    );
}

#[test]
fn docx_gives_the_citations_of_the_plain_text() {
    let d = tmp();
    for seed in SEEDS {
        let text = fs::read_to_string(seed).unwrap();
        let p = write(d.path(), "seed.docx", docx_of(&text));
        assert_same(seed, "docx", &citations(&p, &[]));
    }
}

#[test]
fn docx_keeps_notes_tables_and_page_headers_apart() {
    let d = tmp();
    let text = fs::read_to_string(SEEDS[4]).unwrap();
    let p = write(d.path(), "seed.docx", docx_of(&text));
    let (code, out, _) = trichdan(&["text", p.to_str().unwrap()]);
    assert_eq!(code, 0);
    let lines = seed_lines(&text);
    let foot = citing_line(&lines, 8);
    // the body keeps the reference mark, the note comes after the body under its heading
    assert!(out.contains("Như đã nêu[1]."), "{out}");
    let notes = out.find("Chú thích:").expect("a footnotes heading");
    assert!(out[notes..].contains(&format!("[1] {}", lines[foot])));
    // the page header is last, the report's own header first
    let furniture = out.find("Đầu trang, chân trang:").unwrap();
    assert!(furniture > notes);
    assert!(out.starts_with(lines.iter().find(|l| !l.is_empty()).unwrap().as_str()));
    // offsets point into `trichdan text` output
    let (_, recs, _) = trichdan(&["extract", p.to_str().unwrap()]);
    for l in recs.lines() {
        let r: serde_json::Value = serde_json::from_str(l).unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        if let Some(n) = r["number"].as_str() {
            assert!(out[s..e].contains(n), "{:?} lacks {n}", &out[s..e]);
        }
        assert!(r["page"].is_null());
    }
    // the header of the report is still read: same own symbol as the plain text
    let own = |v: &str| v.split("own symbol").nth(1).map(|s| s.trim().to_string());
    let e1 = trichdan(&["extract", "-v", p.to_str().unwrap()]).2;
    let e2 = trichdan(&["extract", "-v", SEEDS[4]]).2;
    assert_eq!(own(&e1), own(&e2), "{e1}\n{e2}");
    assert!(e1.contains("docx by zip+quick-xml"), "{e1}");
}

#[test]
fn odt_gives_the_citations_of_the_plain_text() {
    let d = tmp();
    for seed in SEEDS {
        let text = fs::read_to_string(seed).unwrap();
        let p = write(d.path(), "seed.odt", odt_of(&text));
        assert_same(seed, "odt", &citations(&p, &[]));
    }
}

#[test]
fn html_gives_the_citations_of_the_plain_text() {
    let d = tmp();
    for seed in SEEDS {
        let text = fs::read_to_string(seed).unwrap();
        let p = write(d.path(), "seed.html", html_of(&text));
        let got = citations(&p, &[]);
        assert!(!got.iter().any(|(s, _)| s == "99-NQ/TW" || s == "98-NQ/TW"));
        assert_same(seed, "html", &got);
    }
}

#[test]
fn pdf_text_layer_with_pages() {
    skip_unless!(Path::new(FONT).exists(), "fonts-dejavu-core");
    let d = tmp();
    // both extractors, each measured: (symbol, date) pairs of the plain text recovered
    let mut extractors = vec!["pdf-extract"];
    if has("pdftotext") {
        extractors.push("pdftotext");
    } else {
        eprintln!(
            "SKIP pdftotext half of pdf_text_layer_with_pages: poppler-utils is not installed"
        );
    }
    for seed in SEEDS {
        let text = fs::read_to_string(seed).unwrap();
        let want = citations(Path::new(seed), &[]);
        let p = d.path().join("seed.pdf");
        pdf_of(&text, &p);
        for x in &extractors {
            let o = Command::new(env!("CARGO_BIN_EXE_trichdan"))
                .args(["extract", p.to_str().unwrap()])
                .env("TRICHDAN_PDF", x)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            let out = String::from_utf8(o.stdout).unwrap();
            let got = records(&out);
            let kept = want.iter().filter(|c| got.contains(c)).count();
            eprintln!(
                "pdf {seed} by {x}: {kept}/{} citations with their dates{}",
                want.len(),
                if o.status.success() {
                    ""
                } else {
                    " (file refused)"
                }
            );
            if *x != "pdftotext" {
                continue;
            }
            assert!(o.status.success(), "{seed} by {x}: {err}");
            assert_same(seed, "pdf (pdftotext)", &got);
            // pages: every record has one, in order, the later ones on later pages
            let pages: Vec<u64> = out
                .lines()
                .map(|l| {
                    let r: serde_json::Value = serde_json::from_str(l).unwrap();
                    r["page"].as_u64().expect("a page")
                })
                .collect();
            assert!(pages.windows(2).all(|w| w[0] <= w[1]), "{pages:?}");
            if text.len() > 20_000 {
                assert!(pages.iter().any(|&p| p > 1), "{seed}: {pages:?}");
            }
            // and the page of a record is the one its offset falls in
            let (_, printed, _) = trichdan(&["text", p.to_str().unwrap()]);
            for l in out.lines() {
                let r: serde_json::Value = serde_json::from_str(l).unwrap();
                let s = r["start"].as_u64().unwrap() as usize;
                let page = 1 + printed[..s].matches('\x0C').count() as u64;
                assert_eq!(r["page"], page);
            }
        }
    }
}

#[test]
fn pdf_in_a_legacy_font_encoding() {
    let d = tmp();
    let text = fs::read_to_string(SEEDS[4]).unwrap();
    let p = d.path().join("legacy.pdf");
    legacy_pdf_of(&text, &p);
    let mut extractors = vec!["pdf-extract"];
    if has("pdftotext") {
        extractors.push("pdftotext");
    }
    for x in extractors {
        let o = Command::new(env!("CARGO_BIN_EXE_trichdan"))
            .args(["extract", "-v", p.to_str().unwrap()])
            .env("TRICHDAN_PDF", x)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{x}: {err}");
        assert!(err.contains("tcvn3") && err.contains(x), "{err}");
        let got = records(&String::from_utf8(o.stdout).unwrap());
        assert_same(SEEDS[4], &format!("legacy pdf by {x}"), &got);
    }
}

/// Diacritics dropped (đ as d), as in e-mails and bad OCR.
fn unaccented(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' | 'Ð' => 'D',
            c => c,
        })
        .collect()
}

/// What OCR does to text: marks lost, letters with marks dropped or swapped, some words cut.
fn ocr_damaged(s: &str, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let ascii_letters = w.chars().all(|c| c.is_alphabetic());
        if w.is_ascii() || !ascii_letters {
            out.push_str(w);
            continue;
        }
        match rng.u8(0..6) {
            // "Thực hiện" → "Thc hin": the letters with marks lost
            0 => out.extend(w.chars().filter(|c| c.is_ascii())),
            // "Kế hoạch" → "Ké hoach": a wrong mark or none
            1 => out.extend(w.nfc().map(|c| match c {
                'ế' | 'ề' | 'ể' => 'é',
                'ạ' | 'ả' => 'a',
                'ộ' | 'ố' => 'ô',
                c => c,
            })),
            2 | 3 => out.push_str(&unaccented(w)),
            _ => out.push_str(w),
        }
    }
    out
}

/// (symbol, date, relation) of every numbered citation in a file.
fn relations(path: &Path) -> BTreeSet<(String, String, String)> {
    let (code, out, err) = trichdan(&["extract", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{}: {err}", path.display());
    out.lines()
        .filter_map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            Some((
                r["symbol"].as_str()?.to_string(),
                r["date"].as_str().unwrap_or("").to_string(),
                r["relation"].as_str().unwrap_or("").to_string(),
            ))
        })
        .collect()
}

/// Asserts the citations with dates are kept; returns how many citations kept their relation too,
/// of how many.
fn kept_with_dates(seed: &str, damaged: &str, what: &str) -> (usize, usize) {
    let d = tmp();
    let p = write(d.path(), "damaged.txt", damaged);
    // what each citation does ("Thc hin" still implements) survives the damage too
    let want = relations(Path::new(seed));
    let got = relations(&p);
    let same = want.iter().filter(|c| got.contains(c)).count();
    eprintln!(
        "{what} {seed}: {same}/{} citations with their dates and relations",
        want.len()
    );
    if same < want.len() {
        eprintln!(
            "{what} {seed}: relation or date changed: {:?}",
            want.difference(&got).collect::<Vec<_>>()
        );
    }
    let rels = (same, want.len());
    let want: BTreeSet<_> = citations(Path::new(seed), &[])
        .into_iter()
        .filter(|(_, date)| !date.is_empty())
        .collect();
    let got = citations(&p, &[]);
    let kept = want.iter().filter(|c| got.contains(c)).count();
    let share = kept as f64 / want.len() as f64;
    eprintln!(
        "{what} {seed}: {kept}/{} citations with their dates",
        want.len()
    );
    assert!(
        share >= 0.95,
        "{what} {seed}: {kept}/{} kept; lost {:?}",
        want.len(),
        want.difference(&got).collect::<Vec<_>>()
    );
    rels
}

/// Sums (kept, of) and asserts the share.
fn relations_kept(what: &str, counts: impl Iterator<Item = (usize, usize)>, min: f64) {
    let (same, all) = counts.fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
    eprintln!("{what}: {same}/{all} citations kept date and relation");
    assert!(
        same as f64 >= min * all as f64,
        "{what}: only {same}/{all} citations kept their relation (see above)"
    );
}

#[test]
fn unaccented_text_keeps_its_citations() {
    let counts = SEEDS.iter().map(|seed| {
        let text = fs::read_to_string(seed).unwrap();
        kept_with_dates(seed, &unaccented(&text), "unaccented")
    });
    relations_kept("unaccented", counts, 0.95);
}

#[test]
fn ocr_damaged_text_keeps_its_citations() {
    // damage to the words around a citation (a body "Tỉnh u", a cue "thuc hin") may change what
    // it is read to do; most must survive ("Thc hin" still implements)
    let counts = SEEDS.iter().enumerate().map(|(i, seed)| {
        let text = fs::read_to_string(seed).unwrap();
        kept_with_dates(seed, &ocr_damaged(&text, i as u64), "ocr-damaged")
    });
    relations_kept("ocr-damaged", counts, 0.85);
}

/// What a lossy conversion to an 8-bit code page leaves: every letter outside Latin-1 is "?"
/// ("Quy?t ??nh s? 123/Q?-UBND ng?y …").
fn lossy(s: &str) -> String {
    s.nfc()
        .map(|c| if (c as u32) < 256 { c } else { '?' })
        .collect()
}

#[test]
fn lossy_question_marks_keep_the_citations() {
    let counts = SEEDS.iter().map(|seed| {
        let text = fs::read_to_string(seed).unwrap();
        kept_with_dates(seed, &lossy(&text), "lossy")
    });
    relations_kept("lossy", counts, 0.8);
}

#[test]
fn damaged_type_words_are_inferred_from_the_code() {
    let d = tmp();
    let p = write(
        d.path(),
        "ocr.txt",
        "Thc hin Ké hoch s 13-KH/TU ngày 17 tháng 11 năm 2025 của Tỉnh ủy.\n\
         Nghi quyet so 57-NQ/TW ngay 22/12/2024 cua Bo Chinh tri.\n",
    );
    let (_, out, _) = trichdan(&["extract", p.to_str().unwrap()]);
    let recs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let find = |s: &str| recs.iter().find(|r| r["symbol"] == s).cloned();
    let kh = find("13-KH/TU").expect("13-KH/TU");
    assert_eq!(kh["date"], "2025-11-17");
    assert_eq!(kh["type_code"], "KH");
    assert_eq!(kh["relation"], "implements", "\"Thc hin\" is \"Thực hiện\"");
    let nq = find("57-NQ/TW").expect("57-NQ/TW");
    assert_eq!(nq["date"], "2024-12-22");
    assert_eq!(nq["type_code"], "NQ");
}

/// Renders a short report to a PNG at 300 dpi (PDF text layer → pdftoppm).
fn scan_png(dir: &Path, text: &str) -> PathBuf {
    let pdf = dir.join("page.pdf");
    pdf_of(text, &pdf);
    let prefix = dir.join("scan");
    let st = Command::new("pdftoppm")
        .args([
            "-r",
            "300",
            "-gray",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
        ])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(st.success());
    prefix.with_extension("png")
}

/// A PDF holding only a JPEG of the page, as a copier makes it.
fn scanned_pdf(dir: &Path, text: &str) -> PathBuf {
    let pdf = dir.join("text.pdf");
    pdf_of(text, &pdf);
    let prefix = dir.join("copier");
    let (w, h) = (1654, 2339); // A4 at 200 dpi
    let st = Command::new("pdftoppm")
        .args(["-jpeg", "-singlefile", "-f", "1", "-l", "1"])
        .args(["-scale-to-x", &w.to_string(), "-scale-to-y", &h.to_string()])
        .arg(&pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(st.success());
    let jpeg = fs::read(prefix.with_extension("jpg")).unwrap();
    let content = "q 595 0 0 842 0 0 cm /Im0 Do Q";
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = vec![];
    let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
        offsets.push(out.len());
        out.extend_from_slice(body);
    };
    obj(
        &mut out,
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
    );
    obj(
        &mut out,
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n",
    );
    obj(
        &mut out,
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
          /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >> endobj\n",
    );
    let mut img = format!(
        "4 0 obj << /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB \
         /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    img.extend_from_slice(&jpeg);
    img.extend_from_slice(b"\nendstream endobj\n");
    obj(&mut out, &img);
    obj(
        &mut out,
        format!(
            "5 0 obj << /Length {} >>\nstream\n{content}\nendstream endobj\n",
            content.len()
        )
        .as_bytes(),
    );
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
    );
    for o in &offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer << /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    let p = dir.join("scanned.pdf");
    fs::write(&p, out).unwrap();
    p
}

const SCAN_TEXT: &str = "ĐẢNG BỘ TỈNH NINH BÌNH\n\
    Số 12-BC/TU\n\
    BÁO CÁO\n\
    Thực hiện Kế hoạch số 13-KH/TU ngày 17 tháng 11 năm 2025 của Ban Thường vụ Tỉnh ủy\n\
    và Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển\n\
    khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia.\n";

#[test]
fn scans_are_read_with_ocr_or_skipped_saying_how() {
    let d = tmp();
    // without --ocr: one line saying how to enable it, exit 1
    let png = write(d.path(), "fake.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let (code, _, err) = trichdan(&["extract", png.to_str().unwrap()]);
    assert_eq!(code, 1);
    let line = err.lines().find(|l| l.contains("fake.png")).unwrap();
    assert!(
        line.contains("--ocr") && line.contains("PNG image"),
        "{line}"
    );
    skip_unless!(Path::new(FONT).exists(), "fonts-dejavu-core");
    skip_unless!(
        ocr_ready(),
        "tesseract with Vietnamese data (tesseract-ocr-vie) or poppler"
    );
    let scan = scan_png(d.path(), SCAN_TEXT);
    let pdf = scanned_pdf(d.path(), SCAN_TEXT);
    let (code, _, err) = trichdan(&["extract", pdf.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("scanned PDF") && err.contains("--ocr"),
        "{err}"
    );
    for p in [&scan, &pdf] {
        let (code, out, err) = trichdan(&["extract", "--ocr", "-v", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("tesseract") && err.contains("OCR"), "{err}");
        let got = records(&out);
        let (_, txt, _) = trichdan(&["text", "--ocr", p.to_str().unwrap()]);
        eprintln!("OCR of {}:\n{txt}", p.display());
        for want in [("13-KH/TU", "2025-11-17"), ("57-NQ/TW", "2024-12-22")] {
            assert!(
                got.contains(&(want.0.to_string(), want.1.to_string())),
                "{}: {got:?}\n{out}",
                p.display()
            );
        }
        for l in out.lines() {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(r["page"], 1);
        }
    }
}

#[test]
fn a_mixed_folder_reads_what_it_can_and_names_the_rest() {
    let d = tmp();
    let p = d.path();
    let text = fs::read_to_string(SEEDS[4]).unwrap();
    write(p, "a.txt", &text);
    let docx = docx_of(&text);
    write(p, "b.docx", &docx);
    write(p, "c.odt", odt_of(&text));
    write(p, "d.html", html_of(&text));
    write(p, "truncated.docx", &docx[..docx.len() / 2]);
    write(
        p,
        "old.doc",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage that is no Word file",
    );
    write(p, "photo.jpg", b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01");
    let mut expected_skips = vec!["truncated.docx", "old.doc", "photo.jpg"];
    let mut readable = 4;
    // (pdf-extract, the fallback without poppler, refuses these printpdf files)
    if Path::new(FONT).exists() && has("pdftotext") {
        pdf_of(&text, &p.join("e.pdf"));
        readable += 1;
        if has("qpdf") {
            let st = Command::new("qpdf")
                .args(["--encrypt", "secret", "owner", "256", "--"])
                .arg(p.join("e.pdf"))
                .arg(p.join("locked.pdf"))
                .status()
                .unwrap();
            assert!(st.success());
            expected_skips.push("locked.pdf");
        } else {
            eprintln!("SKIP encrypted PDF of the mixed folder: qpdf is not installed");
        }
    } else {
        eprintln!(
            "SKIP PDFs of the mixed folder: fonts-dejavu-core or poppler-utils is not installed"
        );
    }
    let (code, out, err) = trichdan(&["extract", "-v", p.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    for name in &expected_skips {
        assert!(
            err.lines()
                .any(|l| l.contains("skipped") && l.contains(name)),
            "{name} not named: {err}"
        );
    }
    assert!(err.contains("ZIP archive"), "{err}");
    if expected_skips.contains(&"locked.pdf") {
        let l = err.lines().find(|l| l.contains("locked.pdf")).unwrap();
        assert!(l.contains("encrypted"), "{l}");
    }
    let files: BTreeSet<&str> = out
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            let f = r["file"].as_str().unwrap().to_string();
            Box::leak(f.into_boxed_str()) as &str
        })
        .collect();
    assert_eq!(files.len(), readable, "{files:?}\n{err}");
}

#[test]
fn index_records_format_extractor_and_pages() {
    skip_unless!(Path::new(FONT).exists(), "fonts-dejavu-core");
    skip_unless!(has("pdftotext"), "poppler-utils");
    let d = tmp();
    let arch = d.path().join("arch");
    fs::create_dir(&arch).unwrap();
    let text = fs::read_to_string(SEEDS[2]).unwrap();
    pdf_of(&text, &arch.join("seed.pdf"));
    let idx = d.path().join("idx");
    let (code, _, err) = trichdan(&[
        "index",
        "--index",
        idx.to_str().unwrap(),
        arch.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = trichdan(&[
        "cited-by",
        "--index",
        idx.to_str().unwrap(),
        "--json",
        "25-NQ/TW",
    ]);
    assert_eq!(code, 0);
    let _ = out;
    let (code, out, _) = trichdan(&["export", "--index", idx.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("\"pdf\""), "format recorded");
    assert!(out.contains("\"page\""), "pages recorded");
}

/// Writes the fixtures of `bench/formats.sh` into `$BENCH_FORMATS_DIR` (docx/ and pdf/, each
/// seed `$BENCH_FORMATS_COPIES` times); run by that script only.
#[test]
#[ignore]
fn write_bench_fixtures() {
    let Some(dir) = std::env::var_os("BENCH_FORMATS_DIR") else {
        eprintln!("SKIP write_bench_fixtures: BENCH_FORMATS_DIR is not set");
        return;
    };
    let copies: usize = std::env::var("BENCH_FORMATS_COPIES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(20);
    let dir = PathBuf::from(dir);
    for sub in ["docx", "pdf", "txt"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for (i, seed) in SEEDS.iter().enumerate() {
        let text = fs::read_to_string(seed).unwrap();
        let docx = docx_of(&text);
        let pdf = dir.join("pdf").join(format!("s{i}-0.pdf"));
        pdf_of(&text, &pdf);
        for c in 0..copies {
            write(&dir.join("docx"), &format!("s{i}-{c}.docx"), &docx);
            write(&dir.join("txt"), &format!("s{i}-{c}.txt"), &text);
            if c > 0 {
                fs::copy(&pdf, dir.join("pdf").join(format!("s{i}-{c}.pdf"))).unwrap();
            }
        }
    }
}

/// PDFs of the seeds made by another writer (reportlab, subset DejaVu Sans; `make.py` beside
/// them), checked in: both extractors give the plain text's citations from them.
#[test]
fn checked_in_pdfs_by_both_extractors() {
    let mut extractors = vec!["pdf-extract"];
    if has("pdftotext") {
        extractors.push("pdftotext");
    } else {
        eprintln!(
            "SKIP pdftotext half of checked_in_pdfs_by_both_extractors: poppler-utils is not installed"
        );
    }
    for seed in SEEDS {
        let name = Path::new(seed).file_stem().unwrap().to_str().unwrap();
        let pdf = format!("tests/fixtures/pdf/{name}.pdf");
        for x in &extractors {
            let o = Command::new(env!("CARGO_BIN_EXE_trichdan"))
                .args(["extract", &pdf])
                .env("TRICHDAN_PDF", x)
                .output()
                .unwrap();
            assert!(o.status.success(), "{pdf} by {x}");
            assert_same(seed, x, &records(&String::from_utf8(o.stdout).unwrap()));
        }
    }
}

/// What a word processor writes (LibreOffice from the seeds' text; `tests/fixtures/office/make.sh`):
/// Word 97 files read by antiword or catdoc, and its exported PDFs by both PDF extractors, give
/// the plain text's citations. (pdftotext's reading-order mode lost three of them, a symbol cut
/// after its hyphen at a line's end: "107-" + "KH/ĐUK" became "107KH/ĐUK".)
#[test]
fn word_processor_files_give_the_plain_texts_citations() {
    let office = Path::new("tests/fixtures/office");
    let seed_of = |p: &Path| {
        let stem = p.file_stem().unwrap().to_str().unwrap().to_string();
        SEEDS.iter().find(|s| s.contains(&stem)).copied().unwrap()
    };
    let mut files: Vec<PathBuf> = fs::read_dir(office)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "doc" || x == "pdf"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for f in &files {
        let is_doc = f.extension().unwrap() == "doc";
        let extractors: Vec<&str> = if is_doc {
            if !(has("antiword") || has("catdoc")) {
                eprintln!(
                    "SKIP {}: neither antiword nor catdoc is installed",
                    f.display()
                );
                continue;
            }
            vec![""]
        } else if has("pdftotext") {
            vec!["pdftotext", "pdf-extract"]
        } else {
            eprintln!(
                "SKIP pdftotext on {}: poppler-utils is not installed",
                f.display()
            );
            vec!["pdf-extract"]
        };
        for x in extractors {
            let o = Command::new(env!("CARGO_BIN_EXE_trichdan"))
                .args(["extract", f.to_str().unwrap()])
                .env("TRICHDAN_PDF", x)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.success(), "{} by {x:?}: {err}", f.display());
            let what = format!("{} {x}", f.display());
            assert_same(
                seed_of(f),
                &what,
                &records(&String::from_utf8(o.stdout).unwrap()),
            );
        }
    }
}
