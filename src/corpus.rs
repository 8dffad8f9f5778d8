//! A collection of input files: walking folders, reading and decoding each file and extracting its
//! citations, in parallel. Problems with single files are collected, never fatal.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::extract::{Header, Mention, extract};
use crate::text::formats::{self, page_of};
use crate::text::{Encoding, decode};

pub use crate::text::formats::not_text;

/// One report as read and extracted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// The path as given or found (stdin is "-").
    pub path: String,
    pub encoding: String,
    /// The file's format ("text", "docx", "odt", "pdf", "html", "image", "doc").
    #[serde(default)]
    pub format: String,
    /// What turned it into text ("decoder", "pdftotext", "tesseract", …).
    #[serde(default)]
    pub extractor: String,
    /// Whether the text is OCR output (to be weighed accordingly).
    #[serde(default)]
    pub ocr: bool,
    /// Byte offset where each page starts in the decoded text; empty without pages.
    #[serde(default)]
    pub pages: Vec<usize>,
    /// Size of the decoded text in bytes.
    pub len: usize,
    pub header: Header,
    pub mentions: Vec<Mention>,
    /// Decoding problems, for the caller to print with the path.
    pub warnings: Vec<String>,
}

impl Report {
    /// How the file was read, for `--verbose`: "utf-8", or "pdf by pdftotext, 3 pages, utf-8".
    pub fn how_read(&self) -> String {
        if self.format.is_empty() || self.format == "text" {
            return self.encoding.clone();
        }
        let pages = match self.pages.len() {
            0 => String::new(),
            1 => ", 1 page".into(),
            n => format!(", {n} pages"),
        };
        let ocr = if self.ocr { ", OCR" } else { "" };
        format!(
            "{} by {}{pages}{ocr}, {}",
            self.format, self.extractor, self.encoding
        )
    }
}

/// A file that could not be read.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// How to read files.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// Fill each mention's evidence sentence.
    pub evidence: bool,
    /// Decode every file in this encoding instead of detecting it.
    pub encoding: Option<Encoding>,
    /// OCR scans and images (with tesseract); without it they are skipped.
    pub ocr: bool,
}

/// Reads one file's bytes, in whatever format they are, as a report, keeping the decoded text
/// that its offsets point into; refuses what cannot be read, with the reason.
pub fn read_text(path: &str, bytes: &[u8], opts: &ReadOptions) -> Result<(Report, String), String> {
    let d = formats::read(
        bytes,
        &formats::Options {
            encoding: opts.encoding,
            ocr: opts.ocr,
        },
    )?;
    let mut x = extract(&d.text);
    for m in &mut x.mentions {
        m.page = page_of(&d.pages, m.start);
    }
    if opts.evidence {
        crate::extract::fill_evidence(&mut x.mentions, &d.text);
    }
    let report = Report {
        path: path.to_string(),
        encoding: d.encoding.name().to_string(),
        format: d.format.name().to_string(),
        extractor: d.extractor.to_string(),
        ocr: d.ocr,
        pages: d.pages,
        len: d.text.len(),
        header: x.header,
        mentions: x.mentions,
        warnings: d.warnings,
    };
    Ok((report, d.text))
}

/// The decoded text of one file, as `trichdan text` prints it and as offsets point into.
pub fn decoded_text(bytes: &[u8], opts: &ReadOptions) -> Result<formats::Converted, String> {
    formats::read(
        bytes,
        &formats::Options {
            encoding: opts.encoding,
            ocr: opts.ocr,
        },
    )
}

/// Reads and extracts one text from bytes; with `evidence`, each mention also carries the
/// sentence it stands in.
pub fn read_bytes(path: &str, bytes: &[u8], evidence: bool) -> Report {
    let d = decode(bytes);
    let mut x = extract(&d.text);
    if evidence {
        crate::extract::fill_evidence(&mut x.mentions, &d.text);
    }
    Report {
        path: path.to_string(),
        encoding: d.encoding.name().to_string(),
        format: "text".into(),
        extractor: "decoder".into(),
        len: d.text.len(),
        header: x.header,
        mentions: x.mentions,
        warnings: d.warnings,
        ..Default::default()
    }
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The files under the given paths (folders recursively, sorted), with the paths that could not be
/// walked. `-` stands for standard input.
pub fn files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        if !p.exists() {
            skipped.push(Skipped {
                path: display(p),
                reason: "no such file or folder".into(),
            });
            continue;
        }
        let mut found = Vec::new();
        for e in walkdir::WalkDir::new(p).follow_links(true) {
            match e {
                Ok(e) if e.file_type().is_file() => found.push(e.into_path()),
                Ok(_) => {}
                Err(err) => skipped.push(Skipped {
                    path: err.path().map(display).unwrap_or_else(|| display(p)),
                    reason: err.to_string(),
                }),
            }
        }
        found.sort();
        out.extend(found);
    }
    (out, skipped)
}

/// Files larger than this are skipped: reading one takes about 2.5 times its size in memory.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Reads and extracts every file, in parallel; the order of the result follows `paths`.
pub fn read_all(paths: &[PathBuf], evidence: bool) -> (Vec<Report>, Vec<Skipped>) {
    read_all_with(
        paths,
        &ReadOptions {
            evidence,
            ..Default::default()
        },
    )
}

/// [`read_all`] with all the options.
pub fn read_all_with(paths: &[PathBuf], opts: &ReadOptions) -> (Vec<Report>, Vec<Skipped>) {
    let results: Vec<Result<Report, Skipped>> = paths
        .par_iter()
        .map(|p| {
            let name = display(p);
            if let Ok(m) = std::fs::metadata(p)
                && m.len() > MAX_FILE_BYTES
            {
                return Err(Skipped {
                    path: name,
                    reason: format!(
                        "{} MB, larger than the {} MB a file may have",
                        m.len() / 1_048_576,
                        MAX_FILE_BYTES / 1_048_576
                    ),
                });
            }
            let bytes = if p.as_os_str() == "-" {
                let mut b = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut b)
                    .map(|_| b)
                    .map_err(|e| e.to_string())
            } else {
                std::fs::read(p).map_err(|e| e.to_string())
            };
            let bytes = bytes.map_err(|reason| Skipped {
                path: name.clone(),
                reason,
            })?;
            let mut r = read_text(&name, &bytes, opts)
                .map(|(r, _)| r)
                .map_err(|reason| Skipped {
                    path: name.clone(),
                    reason,
                })?;
            if p.to_str().is_none() {
                r.warnings
                    .push(format!("its name is not valid UTF-8; shown as {name}"));
            }
            Ok(r)
        })
        .collect();
    let mut reports = Vec::new();
    let mut skipped = Vec::new();
    for r in results {
        match r {
            Ok(r) => reports.push(r),
            Err(s) => skipped.push(s),
        }
    }
    (reports, skipped)
}
