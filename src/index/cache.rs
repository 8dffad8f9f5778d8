//! The extraction cache: what each indexed file yielded, so that an unchanged file is neither
//! read nor extracted again. One file per commit, named in the commit's payload, so the cache and
//! the index always match.
//!
//! The file holds every report as its own blob, then the table of the blobs, then where the table
//! starts. A run keeps only the table in memory and reads a report when it needs one, so memory
//! does not grow with the size of the archive's texts.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::corpus::Report;

/// What the cache knows of one file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CachedFile {
    /// blake3 of the file's bytes.
    pub hash: String,
    /// Where its report's blob is in the cache file.
    pub at: u64,
    pub len: u32,
}

/// The table of a cache file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Table {
    pub files: BTreeMap<String, CachedFile>,
    /// Hash of each document record in the index, by key.
    pub documents: BTreeMap<String, u64>,
    /// Keys that have conflict records in the index.
    pub conflicts: Vec<String>,
}

/// A cache file open for reading.
#[derive(Default)]
pub struct Cache {
    pub table: Table,
    file: Option<File>,
    path: PathBuf,
}

const MAGIC: &[u8; 8] = b"trichdn3";

impl Cache {
    pub fn load(path: &Path) -> Result<Cache> {
        let damaged = || format!("{} is damaged", path.display());
        let mut file =
            File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let size = file.metadata()?.len();
        if size < 16 {
            bail!("{}", damaged());
        }
        let mut tail = [0u8; 16];
        file.read_exact_at(&mut tail, size - 16)
            .with_context(damaged)?;
        if &tail[8..] != MAGIC {
            bail!("{}", damaged());
        }
        let at = u64::from_le_bytes(tail[..8].try_into().expect("8 bytes"));
        if at > size - 16 {
            bail!("{}", damaged());
        }
        let mut bytes = vec![0u8; (size - 16 - at) as usize];
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut bytes).with_context(damaged)?;
        let table: Table = postcard::from_bytes(&bytes).with_context(damaged)?;
        Ok(Cache {
            table,
            file: Some(file),
            path: path.to_path_buf(),
        })
    }

    /// The blob of a file's report.
    pub fn blob(&self, c: &CachedFile) -> Result<Vec<u8>> {
        let f = self.file.as_ref().context("the cache is empty")?;
        let mut b = vec![0u8; c.len as usize];
        f.read_exact_at(&mut b, c.at)
            .with_context(|| format!("cannot read {}", self.path.display()))?;
        Ok(b)
    }

    /// The bytes at `at..at + len` (of a spool).
    pub fn bytes(&self, at: u64, len: u32) -> Result<Vec<u8>> {
        self.blob(&CachedFile {
            hash: String::new(),
            at,
            len,
        })
    }

    /// A file's report.
    pub fn report(&self, c: &CachedFile) -> Result<Report> {
        decode(&self.blob(c)?).with_context(|| format!("{} is damaged", self.path.display()))
    }
}

/// A report as a blob.
pub fn encode(r: &Report) -> Result<Vec<u8>> {
    postcard::to_allocvec(r).context("cannot encode a report for the cache")
}

pub fn decode(b: &[u8]) -> Result<Report> {
    Ok(postcard::from_bytes(b)?)
}

/// A cache file being written: blobs first, the table last.
pub struct Writer {
    out: BufWriter<File>,
    at: u64,
    path: PathBuf,
}

impl Writer {
    pub fn create(path: &Path) -> Result<Writer> {
        let f = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Writer {
            out: BufWriter::with_capacity(1 << 20, f),
            at: 0,
            path: path.to_path_buf(),
        })
    }

    /// Appends a blob; where it is.
    pub fn append(&mut self, blob: &[u8]) -> Result<(u64, u32)> {
        self.out
            .write_all(blob)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        let at = self.at;
        self.at += blob.len() as u64;
        Ok((at, blob.len() as u32))
    }

    /// The blobs written so far, for reading back while the table is not yet written.
    pub fn reader(&mut self) -> Result<Cache> {
        self.out.flush()?;
        Ok(Cache {
            table: Table::default(),
            file: Some(File::open(&self.path)?),
            path: self.path.clone(),
        })
    }

    /// Writes the table and flushes the file to disk before the commit that names it.
    pub fn finish(mut self, table: &Table) -> Result<()> {
        let bytes = postcard::to_allocvec(table).context("cannot encode the cache")?;
        let at = self.at;
        let write = |out: &mut BufWriter<File>| -> std::io::Result<()> {
            out.write_all(&bytes)?;
            out.write_all(&at.to_le_bytes())?;
            out.write_all(MAGIC)?;
            out.flush()?;
            out.get_ref().sync_all()
        };
        write(&mut self.out).with_context(|| format!("cannot write {}", self.path.display()))
    }
}
