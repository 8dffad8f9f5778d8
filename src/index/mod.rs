//! The index: reports, mentions, documents and conflicts in one tantivy index, with the extraction
//! cache that makes re-indexing incremental.
//!
//! One schema holds four kinds of records (`kind`): `report` (a file: its text and header),
//! `mention` (one citation: citing document, cited key, relation, offsets, sentence), `document`
//! (a node of the graph) and `conflict`. Text fields use a Vietnamese analyzer that folds
//! diacritics and case after NFC normalisation, so "dan van kheo" finds "Dân vận khéo".

mod cache;
mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use tantivy::{Index, Term};

pub use cache::Cache;
pub use write::{Options, Progress, StoredMention, Summary, update};

/// Name of the analyzer registered for Vietnamese text.
pub const VI: &str = "vi";

/// The index folder used when none is given: `.trichdan` in the current directory, or
/// `$TRICHDAN_INDEX`.
pub fn default_dir() -> PathBuf {
    std::env::var_os("TRICHDAN_INDEX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(".trichdan"))
}

/// What the last commit says about the index (tantivy's commit payload).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Always "trichdan": tells a trichdan index from another tantivy index.
    pub format: String,
    pub version: u32,
    /// File name of the extraction cache of this commit.
    pub cache: String,
    pub files: usize,
    pub documents: usize,
    pub mentions: usize,
    pub conflicts: usize,
}

pub const FORMAT: &str = "trichdan";
pub const VERSION: u32 = 1;

/// The fields of the schema.
#[derive(Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub path: Field,
    pub key: Field,
    pub sym: Field,
    pub symbol: Field,
    pub text: Field,
    pub title: Field,
    pub type_code: Field,
    pub type_name: Field,
    pub issuer: Field,
    pub body: Field,
    pub place: Field,
    pub province: Field,
    pub ymd: Field,
    pub year: Field,
    pub signer: Field,
    pub hash: Field,
    pub source: Field,
    pub cited: Field,
    pub relation: Field,
    pub start: Field,
    pub end: Field,
    pub line: Field,
    pub sentence: Field,
    pub mention: Field,
    pub json: Field,
    pub cited_count: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let vi_text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(VI)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | STORED),
        path: b.add_text_field("path", STRING | STORED),
        key: b.add_text_field("key", STRING | STORED),
        sym: b.add_text_field("sym", STRING | STORED),
        symbol: b.add_text_field("symbol", STORED),
        text: b.add_text_field("text", vi_text.clone()),
        title: b.add_text_field("title", vi_text.clone()),
        type_code: b.add_text_field("type_code", STRING | STORED),
        type_name: b.add_text_field("type_name", STORED),
        issuer: b.add_text_field("issuer", STRING | STORED),
        body: b.add_text_field("body", vi_text),
        place: b.add_text_field("place", STORED),
        province: b.add_text_field("province", STRING | STORED),
        ymd: b.add_u64_field("ymd", INDEXED | FAST | STORED),
        year: b.add_u64_field("year", INDEXED | FAST | STORED),
        signer: b.add_text_field("signer", STORED),
        hash: b.add_text_field("hash", STRING | STORED),
        source: b.add_text_field("source", STRING | STORED),
        cited: b.add_text_field("cited", STRING | STORED),
        relation: b.add_text_field("relation", STRING | STORED),
        start: b.add_u64_field("start", STORED),
        end: b.add_u64_field("end", STORED),
        line: b.add_u64_field("line", STORED),
        sentence: b.add_text_field("sentence", STORED),
        mention: b.add_text_field("mention", STORED),
        json: b.add_text_field("json", STORED),
        cited_count: b.add_u64_field("cited_count", INDEXED | FAST | STORED),
    };
    (b.build(), fields)
}

/// NFC before tokenizing: tantivy's simple tokenizer splits NFD text at the combining marks.
#[derive(Clone)]
pub struct NfcTokenizer(SimpleTokenizer);

pub struct NfcStream {
    tokens: Vec<Token>,
    i: usize,
}

impl TokenStream for NfcStream {
    fn advance(&mut self) -> bool {
        self.i += 1;
        self.i <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.i - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.i - 1]
    }
}

impl Tokenizer for NfcTokenizer {
    type TokenStream<'a> = NfcStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> NfcStream {
        use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
        let mut tokens = Vec::new();
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            let mut s = self.0.token_stream(text);
            while s.advance() {
                tokens.push(s.token().clone());
            }
        } else {
            // offsets then refer to the NFC text; stored fields are written in NFC too
            let nfc: String = text.nfc().collect();
            let mut s = self.0.token_stream(&nfc);
            while s.advance() {
                tokens.push(s.token().clone());
            }
        }
        NfcStream { tokens, i: 0 }
    }
}

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NfcTokenizer(SimpleTokenizer::default()))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn register(index: &Index) {
    index.tokenizers().register(VI, analyzer());
}

/// Whether a folder holds a trichdan index (or nothing yet).
fn check_dir(dir: &Path) -> Result<bool> {
    if !dir.exists() {
        return Ok(false);
    }
    if !dir.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let meta = dir.join("meta.json");
    if !meta.exists() {
        let empty = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_none();
        if empty {
            return Ok(false);
        }
        bail!(
            "{} is not a trichdan index (it has no meta.json) and is not empty; \
             give another folder with --index, or empty this one",
            dir.display()
        );
    }
    Ok(true)
}

/// Opens an existing index for reading.
pub fn open(dir: &Path) -> Result<(Index, Fields, Meta)> {
    if !check_dir(dir)? {
        bail!(
            "no index at {}: build it with `trichdan index [PATH...] --index {}` (with no PATH, \
             ./corpus is indexed)",
            dir.display(),
            dir.display()
        );
    }
    let index = Index::open_in_dir(dir)
        .with_context(|| format!("{} is damaged or not a trichdan index", dir.display()))?;
    register(&index);
    let meta = read_meta(&index, dir)?;
    let (_, fields) = schema();
    if index.schema() != schema().0 {
        bail!(
            "{} was built by another version of trichdan; rebuild it with `trichdan index --index {}` into an empty folder",
            dir.display(),
            dir.display()
        );
    }
    Ok((index, fields, meta))
}

fn read_meta(index: &Index, dir: &Path) -> Result<Meta> {
    let metas = index
        .load_metas()
        .with_context(|| format!("{} is damaged", dir.display()))?;
    let payload = metas.payload.unwrap_or_default();
    let meta: Meta = serde_json::from_str(&payload).unwrap_or_default();
    if meta.format != FORMAT {
        bail!(
            "{} is a tantivy index but not one trichdan wrote; give another folder with --index",
            dir.display()
        );
    }
    Ok(meta)
}

/// Opens the index for writing, creating it in an empty or missing folder.
pub fn open_or_create(dir: &Path) -> Result<(Index, Fields, Option<Meta>)> {
    let (schema, fields) = schema();
    let exists = check_dir(dir)?;
    let index = if exists {
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("{} is damaged or not a trichdan index", dir.display()))?;
        if index.schema() != schema {
            bail!(
                "{} was built by another version of trichdan; index into an empty folder",
                dir.display()
            );
        }
        index
    } else {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
        Index::create_in_dir(dir, schema)
            .with_context(|| format!("cannot create an index in {}", dir.display()))?
    };
    register(&index);
    let meta = if exists {
        match index.load_metas()?.payload {
            Some(_) => Some(read_meta(&index, dir)?),
            // created by a run that never committed: treat as new
            None => None,
        }
    } else {
        None
    };
    Ok((index, fields, meta))
}

pub fn term(field: Field, value: &str) -> Term {
    Term::from_field_text(field, value)
}

/// Lower-case folded form used for filter fields (province, issuer).
pub fn filter_value(s: &str) -> String {
    crate::text::fold_str(s)
}
