//! A collection of input files: walking folders, reading and decoding each file and extracting its
//! citations, in parallel. Problems with single files are collected, never fatal.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::extract::{Header, Mention, extract};
use crate::text::{Encoding, decode, decode_as};

/// One report as read and extracted.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    /// The path as given or found (stdin is "-").
    pub path: String,
    pub encoding: String,
    /// Size of the decoded text in bytes.
    pub len: usize,
    pub header: Header,
    pub mentions: Vec<Mention>,
    /// Decoding problems, for the caller to print with the path.
    pub warnings: Vec<String>,
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
}

fn decode_with(bytes: &[u8], enc: Option<Encoding>) -> crate::text::Decoded {
    match enc {
        Some(e) => decode_as(bytes, e),
        None => decode(bytes),
    }
}

/// Reads one file's bytes as a report, keeping the decoded text; refuses binary content.
pub fn read_text(path: &str, bytes: &[u8], opts: &ReadOptions) -> Result<(Report, String), String> {
    let evidence = opts.evidence;
    if let Some(why) = not_text(bytes) {
        return Err(why);
    }
    let d = decode_with(bytes, opts.encoding);
    let mut x = extract(&d.text);
    if evidence {
        for m in &mut x.mentions {
            m.fill_evidence(&d.text);
        }
    }
    let report = Report {
        path: path.to_string(),
        encoding: d.encoding.name().to_string(),
        len: d.text.len(),
        header: x.header,
        mentions: x.mentions,
        warnings: d.warnings,
    };
    Ok((report, d.text))
}

/// Reads and extracts one text from bytes; with `evidence`, each mention also carries the
/// sentence it stands in.
pub fn read_bytes(path: &str, bytes: &[u8], evidence: bool) -> Report {
    let d = decode(bytes);
    let mut x = extract(&d.text);
    if evidence {
        for m in &mut x.mentions {
            m.fill_evidence(&d.text);
        }
    }
    Report {
        path: path.to_string(),
        encoding: d.encoding.name().to_string(),
        len: d.text.len(),
        header: x.header,
        mentions: x.mentions,
        warnings: d.warnings,
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

/// Formats recognised by their first bytes, which are not plain text.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX, ODT, XLSX or ZIP)"),
    (b"\xD0\xCF\x11\xE0", "an Office 97–2003 file (DOC, XLS)"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"7z\xBC\xAF", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7FELF", "a program (ELF)"),
    (b"MZ", "a Windows program"),
    (b"{\\rtf", "an RTF document"),
];

/// Why a file is not a text a report could be in, or None when it is.
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
        let d = crate::text::decode(head);
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

/// Reads and extracts every file, in parallel; the order of the result follows `paths`.
pub fn read_all(paths: &[PathBuf], evidence: bool) -> (Vec<Report>, Vec<Skipped>) {
    read_all_with(
        paths,
        &ReadOptions {
            evidence,
            encoding: None,
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
