//! PDF with a text layer: the text page by page (pages separated by a form feed, as
//! `pdftotext` writes them), legacy-font text decoded again, pages without text OCR'd on request.

use std::ffi::OsStr;

use super::{Converted, Format, Options, legacy_font_encoding, ocr, redecode_with, tools};
use crate::text::Encoding;

/// The programs that can give a PDF's text layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extractor {
    /// poppler's `pdftotext` (reading order, no layout).
    Pdftotext,
    /// The `pdf-extract` crate (pure Rust, on lopdf).
    PdfExtract,
}

impl Extractor {
    pub fn name(self) -> &'static str {
        match self {
            Extractor::Pdftotext => "pdftotext",
            Extractor::PdfExtract => "pdf-extract",
        }
    }

    pub fn available(self) -> bool {
        match self {
            Extractor::Pdftotext => tools::has("pdftotext"),
            Extractor::PdfExtract => true,
        }
    }

    /// The extractor used: `pdftotext` when installed (it recovered more citations in the
    /// comparison of the README), else `pdf-extract`; `$TRICHDAN_PDF` names one to force it.
    pub fn chosen() -> Extractor {
        match std::env::var("TRICHDAN_PDF").as_deref() {
            Ok("pdf-extract") => Extractor::PdfExtract,
            Ok("pdftotext") if tools::has("pdftotext") => Extractor::Pdftotext,
            _ if tools::has("pdftotext") => Extractor::Pdftotext,
            _ => Extractor::PdfExtract,
        }
    }
}

/// Letters and digits a page needs to count as having a text layer (page numbers and stamps
/// alone do not).
const TEXT_PAGE: usize = 20;

/// The text of each page as `with` gives it.
pub fn pages(bytes: &[u8], with: Extractor) -> Result<Vec<String>, String> {
    let encrypted = || memchr::memmem::find(bytes, b"/Encrypt").is_some();
    let why = |e: String| {
        if encrypted() {
            format!("an encrypted PDF that cannot be opened without its password ({e})")
        } else {
            format!("a damaged PDF ({e})")
        }
    };
    match with {
        Extractor::Pdftotext => {
            let scratch = tools::Scratch::new()?;
            let input = scratch.file("in.pdf", bytes)?;
            let out = tools::run(
                "pdftotext",
                &[
                    OsStr::new("-enc"),
                    OsStr::new("UTF-8"),
                    OsStr::new("-q"),
                    // content order: the reading order mode joins "107-" at a line's end with
                    // "KH/ĐUK" on the next as a hyphenated word, "107KH/ĐUK"
                    OsStr::new("-raw"),
                    input.as_os_str(),
                    OsStr::new("-"),
                ],
            )
            .map_err(why)?;
            let text = String::from_utf8_lossy(&out).into_owned();
            let mut pages: Vec<String> = text.split('\x0C').map(str::to_string).collect();
            // pdftotext ends every page with a form feed: the last piece is empty
            if pages.len() > 1 && pages.last().is_some_and(|p| p.is_empty()) {
                pages.pop();
            }
            Ok(pages)
        }
        Extractor::PdfExtract => {
            // the crate panics on some malformed files: a panic is a damaged file, not a crash
            let bytes = bytes.to_vec();
            let r = std::panic::catch_unwind(move || {
                pdf_extract::extract_text_from_mem_by_pages(&bytes)
            });
            match r {
                Ok(Ok(p)) => Ok(p),
                Ok(Err(e)) => Err(why(e.to_string())),
                Err(_) => Err(why("pdf-extract could not parse it".into())),
            }
        }
    }
}

fn has_text(page: &str) -> bool {
    page.chars().filter(|c| c.is_alphanumeric()).count() >= TEXT_PAGE
}

/// Reads a PDF: its text layer, or OCR of the pages that have none when `opts.ocr` is set.
pub fn read(bytes: &[u8], opts: &Options) -> Result<Converted, String> {
    read_with(bytes, opts, Extractor::chosen())
}

pub fn read_with(bytes: &[u8], opts: &Options, with: Extractor) -> Result<Converted, String> {
    let mut pages = pages(bytes, with)?;
    let mut extractor = with.name();
    let mut used_ocr = false;
    let blank: Vec<usize> = (0..pages.len()).filter(|&i| !has_text(&pages[i])).collect();
    let mut warnings = vec![];
    if !blank.is_empty() {
        let all = blank.len() == pages.len();
        if opts.ocr && ocr::ocr_available() && tools::has("pdftoppm") {
            let texts = ocr::pdf_pages(bytes, &blank)?;
            for (i, t) in blank.iter().zip(texts) {
                pages[*i] = t;
            }
            used_ocr = true;
            extractor = if all {
                "pdftoppm+tesseract"
            } else {
                match with {
                    Extractor::Pdftotext => "pdftotext+tesseract",
                    Extractor::PdfExtract => "pdf-extract+tesseract",
                }
            };
        } else if all {
            return Err(format!(
                "a scanned PDF without a text layer; {}",
                ocr::how_to_enable(opts.ocr)
            ));
        } else if pages.len() > 1 {
            warnings.push(format!(
                "{} of {} pages have no text layer (scanned?); {}",
                blank.len(),
                pages.len(),
                ocr::how_to_enable(opts.ocr)
            ));
        }
    }
    let joined: String = pages.join("\x0C");
    let legacy = legacy_font_encoding(&joined);
    let mut text = String::with_capacity(joined.len());
    let mut starts = Vec::with_capacity(pages.len());
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\x0C');
        }
        starts.push(text.len());
        match legacy {
            Some(enc) => text.push_str(&redecode_with(p, enc)),
            None => text.push_str(p),
        }
    }
    Ok(Converted {
        text,
        encoding: legacy.unwrap_or(Encoding::Utf8),
        format: Format::Pdf,
        extractor,
        pages: starts,
        ocr: used_ocr,
        warnings,
    })
}
