//! Files that are not plain text: Word (DOCX, ODT, DOC), PDF, HTML and scans, turned into the one
//! decoded text that every later stage reads, with a page map where the format has pages.
//!
//! The format is told by the content (magic bytes), never by the extension alone. Plain text goes
//! through [`super::decode`] exactly as before; what cannot be read is an `Err` with the reason,
//! which the caller prints with the file's name.

mod doc;
mod html;
mod ocr;
mod office;
pub mod pdf;
mod tools;

use super::{Decoded, Encoding, decode, decode_as};

pub use ocr::ocr_available;

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Odt,
    Pdf,
    Image,
    Doc,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Pdf => "pdf",
            Format::Image => "image",
            Format::Doc => "doc",
        }
    }
}

/// How to read files that need it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Decode plain text in this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// Run OCR (tesseract) on scans and images.
    pub ocr: bool,
}

/// A file as text.
#[derive(Debug)]
pub struct Converted {
    pub text: String,
    /// The encoding of the text as found (UTF-8 for the XML formats; a legacy one when a PDF's
    /// fonts carried TCVN3 or VNI bytes).
    pub encoding: Encoding,
    pub format: Format,
    /// What produced the text ("decoder", "pdftotext", "tesseract", …).
    pub extractor: &'static str,
    /// Byte offset where each page starts (page 1 at 0); empty for formats without pages.
    pub pages: Vec<usize>,
    pub ocr: bool,
    pub warnings: Vec<String>,
}

/// The 1-based page of a byte offset, or None without a page map.
pub fn page_of(pages: &[usize], offset: usize) -> Option<u32> {
    if pages.is_empty() {
        return None;
    }
    Some(pages.partition_point(|&s| s <= offset).max(1) as u32)
}

/// The format the bytes are in, by their first bytes; plain text (or what is not text at all) is
/// `Text`, for [`not_text`] and the decoder to judge.
pub fn sniff(bytes: &[u8]) -> Format {
    const IMAGES: &[&[u8]] = &[b"\x89PNG", b"\xFF\xD8\xFF", b"II*\x00", b"MM\x00*", b"GIF8"];
    if bytes.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if IMAGES.iter().any(|m| bytes.starts_with(m)) {
        return Format::Image;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // told apart by the archive's members in `office::read`
        return Format::Docx;
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Format::Doc;
    }
    if html::looks_like_html(bytes) {
        return Format::Html;
    }
    Format::Text
}

/// Reads a file's bytes as text in whatever format they are.
pub fn read(bytes: &[u8], opts: &Options) -> Result<Converted, String> {
    match sniff(bytes) {
        Format::Text => {
            if let Some(why) = not_text(bytes) {
                return Err(why);
            }
            Ok(plain(
                decode_with(bytes, opts.encoding),
                Format::Text,
                "decoder",
            ))
        }
        Format::Html => Ok(plain(
            html::read(decode_with(bytes, opts.encoding)),
            Format::Html,
            "html5ever",
        )),
        Format::Docx | Format::Odt => office::read(bytes),
        Format::Pdf => pdf::read(bytes, opts),
        Format::Image => ocr::read_image(bytes, opts),
        Format::Doc => doc::read(bytes),
    }
}

fn decode_with(bytes: &[u8], enc: Option<Encoding>) -> Decoded {
    match enc {
        Some(e) => decode_as(bytes, e),
        None => decode(bytes),
    }
}

fn plain(d: Decoded, format: Format, extractor: &'static str) -> Converted {
    Converted {
        text: d.text,
        encoding: d.encoding,
        format,
        extractor,
        pages: vec![],
        ocr: false,
        warnings: d.warnings,
    }
}

/// Text made by a converter (always UTF-8).
fn converted(text: String, format: Format, extractor: &'static str) -> Converted {
    Converted {
        text,
        encoding: Encoding::Utf8,
        format,
        extractor,
        pages: vec![],
        ocr: false,
        warnings: vec![],
    }
}

/// Formats recognised by their first bytes that no reader here turns into text.
const MAGIC: &[(&[u8], &str)] = &[
    (b"BM", "a BMP image"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7FELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "an RTF document"),
];

/// Why bytes that no format reader took are not a text a report could be in, or None when they
/// are.
pub fn not_text(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return Some("empty file".into());
    }
    for (magic, what) in MAGIC {
        // "BM" and "MZ" are short: only trust them with binary content after them
        if bytes.starts_with(magic) && (magic.len() > 2 || bytes.iter().take(64).any(|&b| b == 0)) {
            return Some(format!("{what}, not a text file"));
        }
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        // UTF-16 without a byte-order mark has its NULs on one side
        let d = decode(head);
        if matches!(d.encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
            return None;
        }
        return Some("binary content, not a text file".into());
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if control * 10 > head.len() {
        return Some("binary content, not a text file".into());
    }
    None
}

/// Whether a text's lines came out of a font in a legacy 8-bit encoding (.VnTime, VNI-Times: a
/// PDF maps their bytes through WinAnsi, so "Nghị" reads "NghÞ"), and which encoding reads them
/// best as Vietnamese.
pub fn legacy_font_encoding(text: &str) -> Option<Encoding> {
    let candidates: String = text.split_inclusive('\n').filter(|l| winansi(l)).collect();
    if candidates.len() < 16 {
        return None;
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&candidates);
    super::decode::best_legacy(&bytes, super::legacy::score(&candidates)).map(|b| b.0)
}

/// Only lines that the WinAnsi mapping can give back byte for byte are legacy candidates.
fn winansi(l: &str) -> bool {
    !l.is_ascii() && !encoding_rs::WINDOWS_1252.encode(l).2
}

/// The text with its legacy-font lines decoded in `enc`.
pub fn redecode_with(text: &str, enc: Encoding) -> String {
    let dec = super::decode::legacy_decoder(enc);
    let mut out = String::with_capacity(text.len());
    for l in text.split_inclusive('\n') {
        if winansi(l) {
            out.push_str(&dec(&encoding_rs::WINDOWS_1252.encode(l).0));
        } else {
            out.push_str(l);
        }
    }
    out
}

/// [`legacy_font_encoding`] and [`redecode_with`] at once.
pub fn redecode_legacy(text: &str) -> Option<(Encoding, String)> {
    legacy_font_encoding(text).map(|e| (e, redecode_with(text, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages() {
        assert_eq!(page_of(&[], 5), None);
        assert_eq!(page_of(&[0, 10, 20], 0), Some(1));
        assert_eq!(page_of(&[0, 10, 20], 10), Some(2));
        assert_eq!(page_of(&[0, 10, 20], 25), Some(3));
    }

    #[test]
    fn legacy_pdf_text() {
        let s =
            "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng.\n";
        let bytes = super::super::legacy::encode_tcvn3(s);
        let (mojibake, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        let (enc, back) = redecode_legacy(&mojibake).unwrap();
        assert_eq!(enc, Encoding::Tcvn3);
        assert_eq!(back, s);
        assert!(redecode_legacy(s).is_none());
        assert!(redecode_legacy("Báo cáo tình hình thực hiện năm 2024 của Đảng ủy.\n").is_none());
    }
}
