//! `trichdan extract`'s JSON Lines for a collection of any size. A record's key and source
//! depend on the whole collection (an undated citation resolves to the one document with its
//! symbol), so nothing can be printed before every file is read; but only the resolver's view
//! of each report needs to stay in memory. Each record is rendered as soon as its file is
//! read, with holes where the key, source and warnings go, and spilled to a temporary file;
//! after resolution the spill is read back in order and the holes filled.

use std::io::{self, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, ReadOptions, Report, Skipped};
use crate::resolve::{self, Cites, Detail, Interner};

/// Files read (in parallel) before their records are spilled.
const BATCH: usize = 1024;

/// What happened to one input, in input order, for the caller to report.
pub enum Input<'a> {
    Report(&'a Report),
    Skipped(&'a Skipped),
}

/// Extracts `files` and writes one SPEC §5 record per line to `out`; `seen` hears of every
/// file as it is read. Returns the files that could not be read.
pub fn write(
    files: &[PathBuf],
    opts: &ReadOptions,
    mut seen: impl FnMut(Input),
    out: &mut impl Write,
) -> io::Result<Vec<Skipped>> {
    let mut spill = BufWriter::new(tempfile::tempfile()?);
    let mut interner = Interner::default();
    let mut cites = Vec::new();
    let mut skipped = Vec::new();
    // the next batch is read on the pool while this thread keeps the last one (its resolver
    // view and spill are serial work, which would otherwise leave both cores idle in between)
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::scope(|scope| -> io::Result<()> {
        scope.spawn(move || {
            for batch in files.chunks(BATCH) {
                let (reports, more) = corpus::read_all_with(batch, opts);
                let rendered: Vec<Vec<u8>> = reports.par_iter().map(render).collect();
                if tx.send((reports, more, rendered)).is_err() {
                    break; // the spill failed: nobody is listening
                }
            }
        });
        for (reports, more, rendered) in rx {
            for s in &more {
                seen(Input::Skipped(s));
            }
            skipped.extend(more);
            for (r, bytes) in reports.iter().zip(rendered) {
                seen(Input::Report(r));
                cites.push(Cites::of(r, false, &mut interner));
                spill.write_all(&bytes)?;
            }
        }
        Ok(())
    })?;
    drop(interner);
    let (_, resolved) = resolve::resolve_cites(&cites, Detail::Lean);
    drop(cites);
    let mut file = spill.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    let mut back = BufReader::new(file);
    let mut part = Vec::new();
    let mut warnings = Vec::new();
    for x in resolved.iter().flatten() {
        read_part(&mut back, &mut part)?;
        out.write_all(&part)?;
        out.write_all(b",\"key\":")?;
        serde_json::to_writer(&mut *out, &x.key.as_deref())?;
        read_part(&mut back, &mut part)?;
        out.write_all(&part)?;
        out.write_all(b",\"source\":")?;
        serde_json::to_writer(&mut *out, &*x.source)?;
        read_part(&mut back, &mut warnings)?;
        out.write_all(b",\"warnings\":")?;
        match &x.ambiguous {
            None => out.write_all(&warnings)?,
            Some(a) => {
                let mut w: Vec<String> = serde_json::from_slice(&warnings)?;
                w.push(a.clone());
                serde_json::to_writer(&mut *out, &w)?;
            }
        }
        out.write_all(b"}\n")?;
    }
    Ok(skipped)
}

/// Key, source and warnings are serialised as these, then cut out (in JSON a quote inside a
/// string is escaped, so `,"key"` can only be the field itself).
const KEY_HOLE: &[u8] = b",\"key\":null";
const TAIL_HOLE: &[u8] = b",\"source\":null,\"warnings\":[]}";

/// A report's records as three parts each: before the key, between key and source, warnings.
fn render(r: &Report) -> Vec<u8> {
    let mut out = Vec::with_capacity(r.mentions.len() * 512);
    for m in &r.mentions {
        let mut rec = m.record(&r.path);
        rec.key = None;
        rec.source = None;
        rec.warnings = &[];
        let json = serde_json::to_vec(&rec).expect("a record serialises");
        let at = memchr::memmem::find(&json, KEY_HOLE).expect("a record has a key");
        let mid = &json[at + KEY_HOLE.len()..];
        let mid = mid
            .strip_suffix(TAIL_HOLE)
            .expect("a record ends with source, warnings");
        put_part(&mut out, &json[..at]);
        put_part(&mut out, mid);
        put_part(
            &mut out,
            &serde_json::to_vec(&m.warnings).expect("strings serialise"),
        );
    }
    out
}

fn put_part(out: &mut Vec<u8>, part: &[u8]) {
    out.extend_from_slice(&(part.len() as u32).to_le_bytes());
    out.extend_from_slice(part);
}

fn read_part(r: &mut impl io::Read, part: &mut Vec<u8>) -> io::Result<()> {
    let mut n = [0u8; 4];
    r.read_exact(&mut n)?;
    part.resize(u32::from_le_bytes(n) as usize, 0);
    r.read_exact(part)
}
