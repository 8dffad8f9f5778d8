//! The index: reports, documents and conflicts in one tantivy index, every citation in the
//! citations table beside it (`citers`), and the extraction cache that makes re-indexing
//! incremental.
//!
//! One schema holds three kinds of records (`kind`): `report` (a file: its text and header),
//! `document` (a node of the graph) and `conflict`. Text fields use a Vietnamese analyzer that
//! folds diacritics and case after NFC normalisation, so "dan van kheo" finds "Dân vận khéo"; a
//! report's text also holds its word pairs, for phrases.

mod cache;
mod citers;
mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Index, Term};

pub use cache::Cache;
pub use citers::{By, Citers, Row};
pub use write::{Options, Progress, SourceInfo, StoredMention, Summary, update};

/// Name of the analyzer registered for Vietnamese text.
pub const VI: &str = "vi";
/// The analyzer of a report's [`Fields::text`]: indexed as its words and each two neighbouring
/// words as one term ("cong tac", at the first word's position), searched as words (see
/// [`register`]).
pub const VI_TEXT: &str = "vi_text";

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
    /// File name of the citations table of this commit (`citers-….bin`).
    #[serde(default)]
    pub citers: Option<String>,
    /// Fingerprint of the files (names and content hashes, in order) this commit resolved: a run
    /// over the same files has nothing to redo.
    #[serde(default)]
    pub inputs: Option<u64>,
    /// The build of trichdan that read the files ([`build_id`]): the cache holds its readings,
    /// which another build (a fixed extractor) does not give.
    #[serde(default)]
    pub build: Option<String>,
    pub files: usize,
    pub documents: usize,
    pub mentions: usize,
    pub conflicts: usize,
}

pub const FORMAT: &str = "trichdan";
/// Version of what trichdan writes into an index (its analyzer, its records); an index of another
/// version is rebuilt, never read wrongly.
pub const VERSION: u32 = 8;

/// What tells this build of trichdan from others: the hash of the running program. (An index's
/// cache of readings is only good for the build that made them; one version number, bumped by
/// hand, was forgotten by the changes that fixed extraction.)
pub fn build_id() -> Option<&'static str> {
    static ID: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let mut h = blake3::Hasher::new();
        h.update_reader(std::fs::File::open(exe).ok()?).ok()?;
        Some(h.finalize().to_hex()[..16].to_string())
    })
    .as_deref()
}

/// A folder the user may not read is not a damaged index: say which it is.
fn permission_denied(e: &tantivy::TantivyError) -> bool {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::OpenReadError as R;
    match e {
        T::OpenReadError(R::IoError { io_error, .. }) => {
            io_error.kind() == std::io::ErrorKind::PermissionDenied
        }
        T::IoError(io) => io.kind() == std::io::ErrorKind::PermissionDenied,
        _ => false,
    }
}

const DOCSTORE_BLOCK: usize = 1024;

/// The fields of the schema.
#[derive(Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub path: Field,
    pub key: Field,
    pub sym: Field,
    pub symbol: Field,
    /// A report's text: its words, and each two neighbouring words as one term ("cong tac",
    /// "tac dan", "dan van"), so that a phrase that stands in almost every report is matched on
    /// a few rare pairs instead of position by position on its common words.
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
    pub json: Field,
    pub cited_count: Field,
    /// On a report: the file's format ("pdf", "docx", …), what turned it into text, and
    /// whether that was OCR ("true"/"false").
    pub format: Field,
    pub extractor: Field,
    pub ocr: Field,
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
        text: b.add_text_field(
            "text",
            TextOptions::default()
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(VI_TEXT)
                        .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                )
                .set_stored(),
        ),
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
        json: b.add_text_field("json", STORED),
        cited_count: b.add_u64_field("cited_count", INDEXED | FAST | STORED),
        format: b.add_text_field("format", STRING | STORED),
        extractor: b.add_text_field("extractor", STORED),
        ocr: b.add_text_field("ocr", STRING | STORED),
    };
    (b.build(), fields)
}

/// Vietnamese words for search, in one pass: split at what is no letter or digit, lower case,
/// diacritics dropped with the extractor's own table ("Đảng ủy" is `dang uy`). Combining marks are
/// folded away inside a word, so NFD text tokenizes as NFC does (tantivy's simple tokenizer would
/// split "quyết" in NFD at its marks); offsets are those of the text as stored.
#[derive(Clone, Default)]
pub struct VietTokenizer;

pub struct VietStream<'a> {
    text: &'a str,
    at: usize,
    token: Token,
}

impl TokenStream for VietStream<'_> {
    fn advance(&mut self) -> bool {
        let t = self.text;
        let b = t.as_bytes();
        let mut i = self.at;
        self.token.text.clear();
        let mut start = None;
        let mut end = i;
        while i < b.len() {
            // plain ASCII letters and digits, the bulk of any text, without decoding
            if b[i] < 0x80 {
                let c = b[i];
                if c.is_ascii_alphanumeric() {
                    start.get_or_insert(i);
                    self.token.text.push(c.to_ascii_lowercase() as char);
                    i += 1;
                    end = i;
                    continue;
                }
                if start.is_some() {
                    break;
                }
                i += 1;
                continue;
            }
            let c = t[i..].chars().next().expect("char boundary");
            let len = c.len_utf8();
            match crate::text::fold_letter(c) {
                Some(Some(f)) => {
                    start.get_or_insert(i);
                    self.token.text.push(f);
                    end = i + len;
                }
                // a mark belongs to the word it stands in
                Some(None) => {
                    if start.is_some() {
                        end = i + len;
                    }
                }
                None => {
                    if start.is_some() {
                        break;
                    }
                }
            }
            i += len;
        }
        self.at = i;
        let Some(s) = start else { return false };
        self.token.offset_from = s;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for VietTokenizer {
    type TokenStream<'a> = VietStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VietStream<'a> {
        VietStream {
            text,
            at: 0,
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(VietTokenizer).build()
}

/// A text's words and, between them, each two neighbouring words as one term ("cong tac") at the
/// first one's position: "công tác dân vận" is `cong`, `cong tac`, `tac`, `tac dan`, `dan`,
/// `dan van`, `van` at positions 0, 0, 1, 1, 2, 2, 3. One pass over the text gives both (a field
/// of its own for the pairs tokenized every report twice), and word positions stay those of the
/// words alone, so phrases with a slop read as before.
#[derive(Clone, Default)]
pub struct WordsAndPairs(VietTokenizer);

pub struct WordsAndPairsStream<'a> {
    words: VietStream<'a>,
    /// the previous word and where it starts
    prev: Option<(String, usize)>,
    /// the pair in `token` has been given: the word after it comes next
    word_next: bool,
    /// what `token()` is: the word of `words`, or the pair in `token`
    on_word: bool,
    token: Token,
}

impl TokenStream for WordsAndPairsStream<'_> {
    fn advance(&mut self) -> bool {
        if self.word_next {
            self.word_next = false;
            self.on_word = true;
            return true;
        }
        if !self.words.advance() {
            return false;
        }
        let w = self.words.token();
        let Some((prev, from)) = self.prev.as_mut() else {
            self.prev = Some((w.text.clone(), w.offset_from));
            self.on_word = true;
            return true;
        };
        self.token.text.clear();
        self.token.text.push_str(prev);
        self.token.text.push(' ');
        self.token.text.push_str(&w.text);
        self.token.offset_from = *from;
        self.token.offset_to = w.offset_to;
        self.token.position = w.position - 1;
        self.token.position_length = 1;
        prev.clear();
        prev.push_str(&w.text);
        *from = w.offset_from;
        self.on_word = false;
        self.word_next = true;
        true
    }
    fn token(&self) -> &Token {
        if self.on_word {
            self.words.token()
        } else {
            &self.token
        }
    }
    fn token_mut(&mut self) -> &mut Token {
        if self.on_word {
            self.words.token_mut()
        } else {
            &mut self.token
        }
    }
}

impl Tokenizer for WordsAndPairs {
    type TokenStream<'a> = WordsAndPairsStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsAndPairsStream<'a> {
        WordsAndPairsStream {
            words: self.0.token_stream(text),
            prev: None,
            word_next: false,
            on_word: false,
            token: Token::default(),
        }
    }
}

/// Whether an index is opened to be written or to be searched: a report's text is indexed as words
/// and pairs, and questions are read as words (the query parser, the snippets), which the search
/// turns into pairs itself (`query::search`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Write,
    Search,
}

fn register(index: &Index, to: Use) {
    index.tokenizers().register(VI, analyzer());
    match to {
        Use::Write => index.tokenizers().register(
            VI_TEXT,
            TextAnalyzer::builder(WordsAndPairs::default()).build(),
        ),
        Use::Search => index.tokenizers().register(VI_TEXT, analyzer()),
    }
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
    register(&index, Use::Search);
    let meta = read_meta(&index, dir)?;
    if meta.version != VERSION {
        bail!(
            "the index in {} was written by an older trichdan; bring it up to date with `trichdan              index [PATH...] --index {}`",
            dir.display(),
            dir.display()
        );
    }
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

/// What the index's last commit says (its payload).
pub fn read_meta(index: &Index, dir: &Path) -> Result<Meta> {
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
        let index = Index::open_in_dir(dir).map_err(|e| {
            if permission_denied(&e) {
                anyhow::anyhow!(
                    "cannot read the index in {}: permission denied",
                    dir.display()
                )
            } else {
                anyhow::Error::new(e).context(format!(
                    "{} is damaged or not a trichdan index",
                    dir.display()
                ))
            }
        })?;
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
        // Small doc-store blocks: a question fetches a few document records (~1 KB each)
        // scattered over the store, and each fetch decompresses a whole block; a report's text
        // is a block of its own either way.
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK,
            ..Default::default()
        };
        Index::builder()
            .schema(schema)
            .settings(settings)
            .create_in_dir(dir)
            .with_context(|| format!("cannot create an index in {}", dir.display()))?
    };
    register(&index, Use::Write);
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

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn tokens(s: &str) -> Vec<(String, usize, usize)> {
        let mut a = analyzer();
        let mut ts = a.token_stream(s);
        let mut out = vec![];
        while ts.advance() {
            let t = ts.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn words_and_pairs_of_neighbouring_words() {
        let mut a = TextAnalyzer::builder(WordsAndPairs::default()).build();
        let mut ts = a.token_stream("Công tác, “Dân vận”");
        let mut out = vec![];
        while ts.advance() {
            let t = ts.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        let t = |s: &str, p, a, b| (s.to_string(), p, a, b);
        assert_eq!(
            out,
            [
                t("cong", 0, 0, 5),
                t("cong tac", 0, 0, 10),
                t("tac", 1, 6, 10),
                t("tac dan", 1, 6, 19),
                t("dan", 2, 15, 19),
                t("dan van", 2, 15, 25),
                t("van", 3, 20, 25),
            ]
        );
        drop(ts);
        let mut one = a.token_stream("Đảng");
        assert!(one.advance() && one.token().text == "dang");
        assert!(!one.advance(), "one word makes no pair");
    }

    #[test]
    fn vietnamese_folds_like_the_extractor() {
        let words = |s: &str| tokens(s).into_iter().map(|t| t.0).collect::<Vec<_>>();
        assert_eq!(
            words("Đảng ủy khoá XIII, “Dân vận khéo”"),
            ["dang", "uy", "khoa", "xiii", "dan", "van", "kheo"]
        );
        assert_eq!(words("DANG UY"), ["dang", "uy"]);
        assert_eq!(words("Ðảng"), ["dang"], "U+00D0 for Đ");
        // NFD text: the marks stay inside their words
        let nfd: String = "Nghị quyết số 25-NQ/TW".nfd().collect();
        assert_eq!(words(&nfd), ["nghi", "quyet", "so", "25", "nq", "tw"]);
        // offsets are those of the text as given
        let t = tokens(&nfd);
        assert_eq!(&nfd[t[1].1..t[1].2], "quyết".nfd().collect::<String>());
    }
}
