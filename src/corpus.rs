//! A collection of input files: walking folders, reading and decoding each file and extracting its
//! citations, in parallel. Problems with single files are collected, never fatal.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::extract::{Header, Mention, extract};
use crate::text::{Encoding, decode, decode_as};

/// One report as read and extracted.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
    if !is_text(bytes) {
        return Err("not a text file (binary content)".into());
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

/// Whether a file looks like text a report could be in (not an image, archive or binary).
fn is_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    !head.contains(&0)
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
            read_text(&name, &bytes, opts)
                .map(|(r, _)| r)
                .map_err(|reason| Skipped { path: name, reason })
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
