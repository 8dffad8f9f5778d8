//! The citations table: every citation of the archive, ready to print, found three ways: by the
//! document it cites (`cited-by`, the question trichdan exists for), by the document that makes it
//! (`cites`, the graph's outgoing edges) and by the file it stands in (a report's view). It answers
//! without a query over the index's segments or a decompression of a doc store: a binary search
//! for the key, then the rows, read in place from a memory map. The citations are nowhere else:
//! tantivy holds reports and documents, whose text it searches.
//!
//! One file per commit, written whole by each run (from every file's resolved mentions) and named
//! in the commit's payload like the extraction cache, so it always matches the index. The rows
//! come first, in the order the files are written; then, for each of the three ways, one
//! fixed-size entry per row, grouped by key and sorted within a key, the keys, and their names;
//! last a footer saying where each part starts.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{SourceInfo, StoredMention};
use crate::extract::Relation;

const MAGIC: &[u8; 8] = b"trichct2";
const ENTRY: usize = 24;
const KEY: usize = 16;
const GROUPS: usize = 3;
const FOOTER: usize = GROUPS * 5 * 8 + MAGIC.len();

/// The ways to the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// The key of the cited document; the most recent citing document first.
    Cited = 0,
    /// The key of the citing document; the most recent first too.
    Source = 1,
    /// The citing file; in the order of the text.
    File = 2,
}

/// One citation as `cited-by` prints it.
#[derive(Clone, Debug)]
pub struct Row {
    /// Key of the cited document.
    pub cited: String,
    /// Key of the citing document.
    pub source: String,
    pub relation: Relation,
    pub file: String,
    pub line: u64,
    pub start: u64,
    pub end: u64,
    pub sentence: String,
    pub mention: StoredMention,
    pub about: Option<SourceInfo>,
}

fn relation_code(r: Relation) -> u8 {
    Relation::ALL.iter().position(|x| *x == r).unwrap_or(0) as u8
}

/// A row's bytes: its numbers, the lengths of its strings (`NONE` for an absent one), then the
/// strings themselves in one run, which a reader checks as UTF-8 once rather than string by string
/// (that check was most of the time of a generic decoder).
const NONE: u32 = u32::MAX;
const FIXED: usize = 1 + 1 + 4 + 3 * 8 + 2;
/// Strings every row has (cited, source, file, sentence, text) and the mention's optional ones.
const STRINGS: usize = 5 + 6;

/// A row's bytes, made where the row is (on any thread), for [`Writer::add`], with the keys it is
/// found by.
pub struct Encoded {
    relation: u8,
    bytes: Vec<u8>,
    cited: String,
    source: String,
    file: String,
}

impl Row {
    pub fn encode(self) -> Encoded {
        Encoded {
            relation: relation_code(self.relation),
            bytes: self.bytes(),
            cited: self.cited,
            source: self.source,
            file: self.file,
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let m = &self.mention;
        let mut strs: Vec<Option<&str>> = vec![
            Some(&self.cited),
            Some(&self.source),
            Some(&self.file),
            Some(&self.sentence),
            Some(&m.text),
        ];
        for o in [&m.type_name, &m.symbol, &m.date, &m.body, &m.term, &m.title] {
            strs.push(o.as_deref());
        }
        if let Some(a) = &self.about {
            for o in [&a.type_name, &a.date, &a.title, &a.body, &a.place, &a.file] {
                strs.push(o.as_deref());
            }
        }
        strs.extend(m.warnings.iter().map(|w| Some(w.as_str())));
        let flags = m.ocr as u8 | (m.page.is_some() as u8) << 1 | (self.about.is_some() as u8) << 2;
        let mut b = Vec::with_capacity(FIXED + 4 * strs.len() + self.sentence.len() + 256);
        b.push(relation_code(self.relation));
        b.push(flags);
        b.extend_from_slice(&m.page.unwrap_or(0).to_le_bytes());
        for v in [self.line, self.start, self.end] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(&(m.warnings.len() as u16).to_le_bytes());
        for s in &strs {
            let len = s.map_or(NONE, |s| s.len() as u32);
            b.extend_from_slice(&len.to_le_bytes());
        }
        for s in strs.into_iter().flatten() {
            b.extend_from_slice(s.as_bytes());
        }
        b
    }

    fn decode(b: &[u8]) -> Option<Row> {
        let relation = *Relation::ALL.get(*b.first()? as usize)?;
        let flags = *b.get(1)?;
        let page = u32::from_le_bytes(b.get(2..6)?.try_into().ok()?);
        let num = |i: usize| {
            Some(u64::from_le_bytes(
                b.get(6 + 8 * i..14 + 8 * i)?.try_into().ok()?,
            ))
        };
        let (line, start, end) = (num(0)?, num(1)?, num(2)?);
        let warnings = u16::from_le_bytes(b.get(30..32)?.try_into().ok()?) as usize;
        let about = flags & 4 != 0;
        let n = STRINGS + if about { 6 } else { 0 } + warnings;
        let lens_end = FIXED + 4 * n;
        let text = simdutf8::basic::from_utf8(b.get(lens_end..)?).ok()?;
        let mut at = 0usize;
        let mut strs = Vec::with_capacity(n);
        for i in 0..n {
            let len = u32::from_le_bytes(b.get(FIXED + 4 * i..FIXED + 4 * i + 4)?.try_into().ok()?);
            if len == NONE {
                strs.push(None);
            } else {
                let end = at.checked_add(len as usize)?;
                strs.push(Some(text.get(at..end)?.to_string()));
                at = end;
            }
        }
        let mut it = strs.into_iter();
        let mut next = || it.next().flatten();
        let (cited, source, file, sentence, text) = (next()?, next()?, next()?, next()?, next()?);
        let mention = StoredMention {
            text,
            type_name: next(),
            symbol: next(),
            date: next(),
            body: next(),
            term: next(),
            title: next(),
            warnings: vec![],
            page: (flags & 2 != 0).then_some(page),
            ocr: flags & 1 != 0,
        };
        let about = about.then(|| SourceInfo {
            type_name: next(),
            date: next(),
            title: next(),
            body: next(),
            place: next(),
            file: next(),
        });
        let warnings = (0..warnings).map(|_| next()).collect::<Option<Vec<_>>>()?;
        Some(Row {
            cited,
            source,
            relation,
            file,
            line,
            start,
            end,
            sentence,
            mention: StoredMention {
                warnings,
                ..mention
            },
            about,
        })
    }
}

/// Where a row is, what it is found by, and what it is sorted and filtered by.
struct Entry {
    /// Its key id in each of the three ways.
    keys: [u32; GROUPS],
    /// The citing document's date as yyyymmdd (0 when unknown: last).
    ymd: u32,
    /// Where the row's blob starts; rows are written in file order, so ties in date keep it.
    at: u64,
    len: u32,
    relation: u8,
}

/// A citations table being written: rows as they come, entries and keys at the end.
pub struct Writer {
    out: BufWriter<File>,
    path: PathBuf,
    at: u64,
    keys: [HashMap<String, u32>; GROUPS],
    entries: Vec<Entry>,
}

impl Writer {
    pub fn create(path: &Path) -> Result<Writer> {
        let f = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(Writer {
            out: BufWriter::with_capacity(1 << 20, f),
            path: path.to_path_buf(),
            at: 0,
            keys: Default::default(),
            entries: Vec::new(),
        })
    }

    /// Room for `n` more rows' entries at once (the run knows how many citations it has; a
    /// growing vector would hold up to twice that at its peak).
    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve_exact(n);
    }

    /// Adds a citation whose citing document is dated `ymd`; rows of the same date keep the order
    /// they are added in.
    pub fn add(&mut self, ymd: Option<u64>, row: Encoded) -> Result<()> {
        let blob = row.bytes;
        self.out
            .write_all(&blob)
            .with_context(|| format!("cannot write {}", self.path.display()))?;
        let mut keys = [0u32; GROUPS];
        for (g, name) in [row.cited, row.source, row.file].into_iter().enumerate() {
            let n = self.keys[g].len() as u32;
            keys[g] = *self.keys[g].entry(name).or_insert(n);
        }
        self.entries.push(Entry {
            keys,
            ymd: ymd.unwrap_or(0).min(u32::MAX as u64) as u32,
            at: self.at,
            len: blob.len() as u32,
            relation: row.relation,
        });
        self.at += blob.len() as u64;
        Ok(())
    }

    /// Writes the three ways to the rows and the footer, and flushes the file to disk before the
    /// commit that names it.
    pub fn finish(mut self) -> Result<()> {
        let path = self.path.clone();
        let entries = std::mem::take(&mut self.entries);
        let mut at = self.at;
        let mut footer = Vec::with_capacity(FOOTER);
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        for g in 0..GROUPS {
            let mut keys: Vec<(String, u32)> =
                std::mem::take(&mut self.keys[g]).into_iter().collect();
            keys.sort_unstable();
            // the rank of each key id in byte order
            let mut rank = vec![0u32; keys.len()];
            for (i, (_, id)) in keys.iter().enumerate() {
                rank[*id as usize] = i as u32;
            }
            let by_rank = |e: &Entry| rank[e.keys[g] as usize];
            if g == By::File as usize {
                order.sort_unstable_by_key(|&i| {
                    let e = &entries[i as usize];
                    (by_rank(e), e.at)
                });
            } else {
                order.sort_unstable_by_key(|&i| {
                    let e = &entries[i as usize];
                    (by_rank(e), std::cmp::Reverse(e.ymd), e.at)
                });
            }
            let entries_at = at;
            let write = |out: &mut BufWriter<File>| -> std::io::Result<u64> {
                for &i in &order {
                    let e = &entries[i as usize];
                    out.write_all(&e.at.to_le_bytes())?;
                    out.write_all(&e.len.to_le_bytes())?;
                    out.write_all(&e.ymd.to_le_bytes())?;
                    out.write_all(&[e.relation, 0, 0, 0, 0, 0, 0, 0])?;
                }
                // each key's first entry; the next key's first ends it
                let mut counts = vec![0u32; keys.len()];
                for e in &entries {
                    counts[by_rank(e) as usize] += 1;
                }
                let (mut first, mut name_at) = (0u32, 0u64);
                for ((name, _), n) in keys.iter().zip(&counts) {
                    out.write_all(&name_at.to_le_bytes())?;
                    out.write_all(&(name.len() as u32).to_le_bytes())?;
                    out.write_all(&first.to_le_bytes())?;
                    first += n;
                    name_at += name.len() as u64;
                }
                for (name, _) in &keys {
                    out.write_all(name.as_bytes())?;
                }
                Ok(name_at)
            };
            let names_len =
                write(&mut self.out).with_context(|| format!("cannot write {}", path.display()))?;
            let keys_at = entries_at + (entries.len() * ENTRY) as u64;
            let names_at = keys_at + (keys.len() * KEY) as u64;
            for v in [
                entries_at,
                entries.len() as u64,
                keys_at,
                keys.len() as u64,
                names_at,
            ] {
                footer.extend_from_slice(&v.to_le_bytes());
            }
            at = names_at + names_len;
        }
        footer.extend_from_slice(MAGIC);
        (|| -> std::io::Result<()> {
            self.out.write_all(&footer)?;
            self.out.flush()?;
            self.out.get_ref().sync_all()
        })()
        .with_context(|| format!("cannot write {}", path.display()))
    }
}

/// Where one way to the rows lies in the file.
#[derive(Clone, Copy, Debug)]
struct Group {
    entries_at: usize,
    n_entries: usize,
    keys_at: usize,
    n_keys: usize,
    names_at: usize,
}

/// A citations table open for reading.
pub struct Citers {
    map: memmap2::Mmap,
    groups: [Group; GROUPS],
    /// Where the rows end (the first way's entries begin).
    rows_end: usize,
    path: PathBuf,
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

/// Which relations a question keeps, as a set of relation codes.
fn mask(relations: Option<&[Relation]>) -> u32 {
    match relations {
        None => u32::MAX,
        Some(rs) => rs.iter().fold(0, |m, r| m | 1 << relation_code(*r)),
    }
}

impl Citers {
    pub fn open(path: &Path) -> Result<Citers> {
        let damaged = || format!("{} is damaged", path.display());
        let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        // SAFETY: a citers file is written once under a name of its own and never changed in
        // place; a later run writes another file and only removes this one.
        let map = unsafe { memmap2::Mmap::map(&file) }
            .with_context(|| format!("cannot read {}", path.display()))?;
        let size = map.len();
        if size < FOOTER || &map[size - MAGIC.len()..] != MAGIC {
            bail!("{}", damaged());
        }
        let foot = size - FOOTER;
        let group = |g: usize| {
            let v: Vec<usize> = (0..5)
                .map(|i| u64_at(&map, foot + 40 * g + 8 * i) as usize)
                .collect();
            Group {
                entries_at: v[0],
                n_entries: v[1],
                keys_at: v[2],
                n_keys: v[3],
                names_at: v[4],
            }
        };
        let groups = [group(0), group(1), group(2)];
        let mut end = groups[0].entries_at;
        for g in &groups {
            let fits = g.entries_at == end
                && g.n_entries == groups[0].n_entries
                && g.n_entries
                    .checked_mul(ENTRY)
                    .and_then(|n| n.checked_add(g.entries_at))
                    == Some(g.keys_at)
                && g.n_keys
                    .checked_mul(KEY)
                    .and_then(|n| n.checked_add(g.keys_at))
                    == Some(g.names_at)
                && g.names_at <= foot;
            if !fits {
                bail!("{}", damaged());
            }
            // the next way starts where this one's names end
            end = if g.n_keys == 0 {
                g.names_at
            } else {
                let k = g.keys_at + (g.n_keys - 1) * KEY;
                let last = g.names_at as u64 + u64_at(&map, k) + u32_at(&map, k + 8) as u64;
                usize::try_from(last).unwrap_or(usize::MAX)
            };
        }
        if end != foot {
            bail!("{}", damaged());
        }
        Ok(Citers {
            rows_end: groups[0].entries_at,
            groups,
            map,
            path: path.to_path_buf(),
        })
    }

    /// How many citations the table holds.
    pub fn len(&self) -> usize {
        self.groups[0].n_entries
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn key_name(&self, g: &Group, i: usize) -> &[u8] {
        let k = g.keys_at + i * KEY;
        let at = g.names_at + u64_at(&self.map, k) as usize;
        let len = u32_at(&self.map, k + 8) as usize;
        self.map.get(at..at + len).unwrap_or_default()
    }

    fn key_first(&self, g: &Group, i: usize) -> usize {
        if i == g.n_keys {
            g.n_entries
        } else {
            u32_at(&self.map, g.keys_at + i * KEY + 12) as usize
        }
    }

    /// The entries of `key`.
    fn range(&self, g: &Group, key: &str) -> Option<Range<usize>> {
        let (mut lo, mut hi) = (0, g.n_keys);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key_name(g, mid).cmp(key.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => {
                    let r = self.key_first(g, mid)..self.key_first(g, mid + 1);
                    return (r.start <= r.end && r.end <= g.n_entries).then_some(r);
                }
            }
        }
        None
    }

    /// An entry's row (where and how long), date and relation code.
    fn entry(&self, g: &Group, i: usize) -> (u64, u32, u32, u8) {
        let e = g.entries_at + i * ENTRY;
        (
            u64_at(&self.map, e),
            u32_at(&self.map, e + 8),
            u32_at(&self.map, e + 12),
            self.map[e + 16],
        )
    }

    fn row(&self, at: u64, len: u32) -> Result<Row> {
        let damaged = || format!("{} is damaged", self.path.display());
        let blob = (at as usize)
            .checked_add(len as usize)
            .filter(|end| *end <= self.rows_end)
            .map(|end| &self.map[at as usize..end])
            .with_context(damaged)?;
        Row::decode(blob).with_context(damaged)
    }

    /// Every cited key and how many citations of it the table holds.
    pub fn counts(&self) -> impl Iterator<Item = (String, usize)> + '_ {
        let g = &self.groups[By::Cited as usize];
        (0..g.n_keys).map(move |i| {
            let name = String::from_utf8_lossy(self.key_name(g, i)).into_owned();
            (
                name,
                self.key_first(g, i + 1)
                    .saturating_sub(self.key_first(g, i)),
            )
        })
    }

    /// Citations of any of `keys` (optionally of one relation), the most recent citing
    /// document first, at most `limit` of them; and how many there are in all.
    pub fn of(
        &self,
        keys: &[String],
        relation: Option<Relation>,
        limit: usize,
    ) -> Result<(Vec<Row>, usize)> {
        let one = relation.map(|r| [r]);
        self.select(By::Cited, keys, one.as_ref().map(|r| &r[..]), limit)
    }

    /// Citations found `by` any of `keys` and of one of `relations` (all when `None`): at most
    /// `limit` of them, the most recent citing document first (for [`By::File`], in the order of
    /// each file), and how many there are in all.
    pub fn select(
        &self,
        by: By,
        keys: &[String],
        relations: Option<&[Relation]>,
        limit: usize,
    ) -> Result<(Vec<Row>, usize)> {
        let g = &self.groups[by as usize];
        let want = mask(relations);
        let mut total = 0;
        // (date, key, entry): each key's entries are in order already, so its first `limit`
        // matching ones are all it can contribute
        let mut picked: Vec<(u32, usize, usize)> = Vec::new();
        for (k, key) in keys.iter().enumerate() {
            let Some(r) = self.range(g, key) else {
                continue;
            };
            if want == u32::MAX {
                // every entry counts: no need to read them
                total += r.len();
                picked.extend(r.take(limit).map(|i| (self.entry(g, i).2, k, i)));
                continue;
            }
            let mut taken = 0;
            for i in r {
                let (_, _, ymd, rel) = self.entry(g, i);
                if want & 1 << rel == 0 {
                    continue;
                }
                total += 1;
                if taken < limit {
                    picked.push((ymd, k, i));
                    taken += 1;
                }
            }
        }
        if by == By::File {
            picked.sort_by_key(|p| (p.1, p.2));
        } else {
            picked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        }
        picked.truncate(limit);
        let mut out = Vec::with_capacity(picked.len());
        for (_, _, i) in picked {
            let (at, len, _, _) = self.entry(g, i);
            out.push(self.row(at, len)?);
        }
        Ok((out, total))
    }

    /// How many citations of `key` (of one relation) each year of the citing documents has.
    pub fn years(&self, key: &str, relation: Option<Relation>) -> BTreeMap<u16, usize> {
        let g = &self.groups[By::Cited as usize];
        let want = relation.map(relation_code);
        let mut out = BTreeMap::new();
        for i in self.range(g, key).unwrap_or(0..0) {
            let (_, _, ymd, rel) = self.entry(g, i);
            if want.is_none_or(|w| w == rel) {
                *out.entry((ymd / 10000) as u16).or_default() += 1;
            }
        }
        out
    }

    /// Every citation, file by file in the order of their names, each file's in the order of its
    /// text.
    pub fn for_each(&self, mut each: impl FnMut(Row) -> Result<()>) -> Result<()> {
        let g = &self.groups[By::File as usize];
        for i in 0..g.n_entries {
            let (at, len, _, _) = self.entry(g, i);
            each(self.row(at, len)?)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cited: &str, source: &str, relation: Relation, start: u64) -> Row {
        Row {
            cited: cited.into(),
            source: source.into(),
            relation,
            file: format!("{source}.txt"),
            line: 1,
            start,
            end: start + 8,
            sentence: "…".into(),
            mention: StoredMention {
                text: "25-NQ/TW".into(),
                symbol: Some("25-NQ/TW".into()),
                ..StoredMention::default()
            },
            about: None,
        }
    }

    #[test]
    fn rows_come_back_by_key_newest_first_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("citers.bin");
        let mut w = Writer::create(&p).unwrap();
        for (ymd, r) in [
            (Some(20200101), row("B", "a", Relation::Implements, 0)),
            (Some(20190101), row("A", "b", Relation::Mentions, 5)),
            (Some(20240101), row("B", "c", Relation::Mentions, 9)),
            (None, row("B", "d", Relation::Implements, 1)),
            (Some(20200101), row("C", "a", Relation::Guides, 30)),
        ] {
            w.add(ymd, r.encode()).unwrap();
        }
        w.finish().unwrap();
        let c = Citers::open(&p).unwrap();
        assert_eq!(c.len(), 5);
        let (rows, total) = c.of(&["B".into()], None, 10).unwrap();
        let sources: Vec<&str> = rows.iter().map(|r| r.source.as_str()).collect();
        assert_eq!((sources, total), (vec!["c", "a", "d"], 3));
        let (rows, total) = c.of(&["B".into()], Some(Relation::Implements), 1).unwrap();
        assert_eq!((rows.len(), rows[0].source.as_str(), total), (1, "a", 2));
        let (rows, total) = c
            .of(&["A".into(), "B".into(), "Z".into()], None, 2)
            .unwrap();
        let got: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.cited.as_str(), r.source.as_str()))
            .collect();
        assert_eq!((got, total), (vec![("B", "c"), ("B", "a")], 4));
        assert!(c.of(&["Z".into()], None, 5).unwrap().0.is_empty());
        // by the citing document, and by a set of relations
        let (rows, total) = c
            .select(
                By::Source,
                &["a".into()],
                Some(&[Relation::Implements, Relation::Guides]),
                10,
            )
            .unwrap();
        let got: Vec<(&str, u64)> = rows.iter().map(|r| (r.cited.as_str(), r.start)).collect();
        assert_eq!((got, total), (vec![("B", 0), ("C", 30)], 2));
        // by the file, in the order of its text
        let (rows, _) = c.select(By::File, &["a.txt".into()], None, 10).unwrap();
        let starts: Vec<u64> = rows.iter().map(|r| r.start).collect();
        assert_eq!(starts, vec![0, 30]);
        assert_eq!(
            c.years("B", None).into_iter().collect::<Vec<_>>(),
            vec![(0, 1), (2020, 1), (2024, 1)]
        );
        let mut files = Vec::new();
        c.for_each(|r| {
            files.push(r.file);
            Ok(())
        })
        .unwrap();
        assert_eq!(files, ["a.txt", "a.txt", "b.txt", "c.txt", "d.txt"]);
    }

    #[test]
    fn a_row_reads_back_as_written() {
        let mut r = row("X", "a", Relation::Repeals, 7);
        r.sentence = "Căn cứ Nghị quyết số 25-NQ/TW ngày 03/6/2013".into();
        r.mention.date = Some("03/6/2013".into());
        r.mention.warnings = vec!["một".into(), String::new()];
        r.mention.page = Some(3);
        r.mention.ocr = true;
        r.about = Some(SourceInfo {
            type_name: Some("Kế hoạch".into()),
            file: Some("b.txt".into()),
            ..SourceInfo::default()
        });
        let back = Row::decode(&r.bytes()).unwrap();
        assert_eq!(format!("{back:?}"), format!("{r:?}"));
        let plain = row("X", "b", Relation::Mentions, 0);
        assert_eq!(
            format!("{:?}", Row::decode(&plain.bytes()).unwrap()),
            format!("{plain:?}")
        );
        let b = r.bytes();
        assert!(Row::decode(&b[..b.len() - 1]).is_none());
    }

    #[test]
    fn a_damaged_table_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("citers.bin");
        let mut w = Writer::create(&p).unwrap();
        w.add(None, row("A", "a", Relation::Mentions, 0).encode())
            .unwrap();
        w.finish().unwrap();
        let mut b = std::fs::read(&p).unwrap();
        b.truncate(b.len() - 3);
        std::fs::write(&p, &b).unwrap();
        let e = Citers::open(&p).err().unwrap().to_string();
        assert!(e.contains("citers.bin is damaged"), "{e}");
    }
}
