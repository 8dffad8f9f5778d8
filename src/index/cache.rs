//! The extraction cache: what each indexed file yielded, so that an unchanged file is neither
//! read nor extracted again. Written next to the tantivy files under a new name at each commit
//! and named in the commit's payload, so the cache and the index always match.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::corpus::Report;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CachedFile {
    /// blake3 of the file's bytes.
    pub hash: String,
    pub report: Report,
    /// Hash of the file's resolved mentions (keys, sources, relations): when it is unchanged the
    /// file's mention records in the index are too.
    pub resolved: u64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Cache {
    pub files: BTreeMap<String, CachedFile>,
    /// Hash of each document record in the index, by key.
    pub documents: BTreeMap<String, u64>,
    /// Keys that have conflict records in the index.
    pub conflicts: Vec<String>,
}

impl Cache {
    pub fn load(path: &Path) -> Result<Cache> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        postcard::from_bytes(&bytes).with_context(|| format!("{} is damaged", path.display()))
    }

    /// Writes the cache to `path` and flushes it to disk before the commit that names it.
    pub fn save(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        let bytes = postcard::to_allocvec(self).context("cannot encode the cache")?;
        let mut f = std::fs::File::create(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        f.write_all(&bytes)
            .and_then(|_| f.sync_all())
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    }
}
