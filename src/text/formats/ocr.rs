//! Scans: images, and PDF pages without a text layer, read by tesseract with its Vietnamese data.

use std::ffi::OsStr;
use std::sync::OnceLock;

use super::{Converted, Format, Options, tools};
use crate::text::Encoding;

/// Whether `tesseract` is installed with Vietnamese (`vie`) data.
pub fn ocr_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        tools::has("tesseract")
            && tools::run("tesseract", &[OsStr::new("--list-langs")]).is_ok_and(|out| {
                String::from_utf8_lossy(&out)
                    .lines()
                    .any(|l| l.trim() == "vie")
            })
    })
}

/// The end of a skip message: what to do to have the file read.
pub fn how_to_enable(asked: bool) -> String {
    if asked {
        "--ocr needs tesseract with Vietnamese data and poppler \
         (apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils)"
            .into()
    } else {
        "run with --ocr to read it (needs tesseract-ocr, tesseract-ocr-vie and poppler-utils)"
            .into()
    }
}

fn what_image(bytes: &[u8]) -> (&'static str, &'static str) {
    if bytes.starts_with(b"\x89PNG") {
        ("a PNG image", "png")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        ("a JPEG image", "jpg")
    } else if bytes.starts_with(b"GIF8") {
        ("a GIF image", "gif")
    } else {
        ("a TIFF image", "tif")
    }
}

/// The text of one image file, page by page for a multi-page TIFF.
fn tesseract(path: &std::path::Path) -> Result<Vec<String>, String> {
    let out = tools::run(
        "tesseract",
        &[
            path.as_os_str(),
            OsStr::new("stdout"),
            OsStr::new("-l"),
            OsStr::new("vie"),
        ],
    )?;
    let text = String::from_utf8_lossy(&out).into_owned();
    // tesseract ends every page with a form feed
    let mut pages: Vec<String> = text.split('\x0C').map(str::to_string).collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

pub fn read_image(bytes: &[u8], opts: &Options) -> Result<Converted, String> {
    let (what, ext) = what_image(bytes);
    if !opts.ocr || !ocr_available() {
        return Err(format!("{what}; {}", how_to_enable(opts.ocr)));
    }
    let scratch = tools::Scratch::new()?;
    let input = scratch.file(&format!("scan.{ext}"), bytes)?;
    let pages = tesseract(&input).map_err(|e| format!("{what} OCR could not read: {e}"))?;
    let mut text = String::new();
    let mut starts = vec![];
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\x0C');
        }
        starts.push(text.len());
        text.push_str(p);
    }
    Ok(Converted {
        text,
        encoding: Encoding::Utf8,
        format: Format::Image,
        extractor: "tesseract",
        pages: starts,
        ocr: true,
        warnings: vec![],
    })
}

/// OCR of the given pages (0-based) of a PDF: each rendered at 300 dpi by pdftoppm.
pub fn pdf_pages(pdf: &[u8], pages: &[usize]) -> Result<Vec<String>, String> {
    let scratch = tools::Scratch::new()?;
    let input = scratch.file("in.pdf", pdf)?;
    let mut out = Vec::with_capacity(pages.len());
    for &p in pages {
        let n = (p + 1).to_string();
        let prefix = scratch.path().join(format!("page{n}"));
        tools::run(
            "pdftoppm",
            &[
                OsStr::new("-r"),
                OsStr::new("300"),
                OsStr::new("-gray"),
                OsStr::new("-png"),
                OsStr::new("-singlefile"),
                OsStr::new("-f"),
                OsStr::new(&n),
                OsStr::new("-l"),
                OsStr::new(&n),
                input.as_os_str(),
                prefix.as_os_str(),
            ],
        )?;
        let png = prefix.with_extension("png");
        out.push(tesseract(&png)?.join("\n"));
    }
    Ok(out)
}
