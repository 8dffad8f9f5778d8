//! Command-line interface: argument parsing and printing only; the work is in the library.

mod ask;
mod print;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use trichdan::corpus::{self, Report, Skipped};
use trichdan::extract::Relation;
use trichdan::extract::context::Date;
use trichdan::query::{Archive, SearchQuery};
use trichdan::text::Encoding;
use trichdan::{export, index, jsonl, resolve};

#[derive(Parser)]
#[command(
    name = "trichdan",
    version,
    about = "Trích dẫn: citations in Vietnamese official reports — extract, graph, index, ask.",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Jsonl,
    Json,
    Table,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Json,
    Dot,
    Graphml,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// One JSON object per line (Quickwit `index ingest`).
    Ndjson,
    /// OpenSearch/Elasticsearch `_bulk` request body.
    Bulk,
}

#[derive(Subcommand)]
enum Command {
    /// Print every citation in the given files (folders recursively; "-" reads stdin).
    Extract {
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print the decoded text of a file exactly as extraction reads it: every record's
    /// start/end are byte offsets into this output (PDF pages are separated by form feeds).
    Text {
        #[command(flatten)]
        read: ReadArgs,
        path: PathBuf,
    },
    /// The citation graph: documents with their attributes and typed edges with evidence.
    Graph {
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, value_enum, default_value = "json")]
        format: GraphFormat,
        /// Write into this folder (graph.json, graph.dot, graph.graphml, or nodes.csv and
        /// edges.csv) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Where the archive contradicts itself: every finding, grouped by document.
    Conflicts {
        #[command(flatten)]
        read: ReadArgs,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Build or update the index: new and changed files are read, deleted ones removed.
    #[command(
        after_help = "With no PATH, ./corpus is indexed. The index folder is .trichdan in the current \
                      directory unless --index or $TRICHDAN_INDEX says otherwise; every question \
                      command reads the same default."
    )]
    Index {
        #[command(flatten)]
        at: IndexArg,
        #[command(flatten)]
        read: ReadArgs,
        /// Memory budget of the index writer, in MB.
        #[arg(long, default_value_t = 256)]
        memory: usize,
        /// Files or folders to index (default: ./corpus).
        paths: Vec<PathBuf>,
    },
    /// Ranked reports with highlighted snippets; diacritics and case do not matter.
    Search {
        #[command(flatten)]
        at: IndexArg,
        /// Words or "a phrase" ("dan van kheo" finds “Dân vận khéo”).
        query: String,
        /// Document type: a code (NQ, BC, KH…) or a name ("Nghị quyết").
        #[arg(long = "type")]
        type_filter: Option<String>,
        /// Issuer code of the report's own symbol (TW, TU, ĐUK, UBND…).
        #[arg(long)]
        issuer: Option<String>,
        #[arg(long, conflicts_with_all = ["from", "to"])]
        year: Option<u16>,
        /// From this date (dd/mm/yyyy or yyyy-mm-dd).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// Up to this date.
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        #[arg(long)]
        province: Option<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Every report and document that cites a document, with date, relation and sentence.
    CitedBy {
        #[command(flatten)]
        at: IndexArg,
        /// A symbol in any spelling ("25-NQ/TW", "25/NQ-TW", "25 - nq/tw"), a key, a file or a name.
        symbol: String,
        #[arg(long, value_parser = parse_relation)]
        relation: Option<Relation>,
        /// Follow citations of the citing documents this many levels.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// What a report (by file) or a document cites.
    Cites {
        #[command(flatten)]
        at: IndexArg,
        /// A file of the archive, a symbol or a key.
        target: String,
        #[arg(long, default_value_t = 1000)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Everything known about a document: attributes, spellings, conflicts, who cites it.
    Show {
        #[command(flatten)]
        at: IndexArg,
        symbol: String,
        #[arg(long)]
        json: bool,
    },
    /// The most cited documents.
    Top {
        #[command(flatten)]
        at: IndexArg,
        #[arg(long = "type")]
        type_filter: Option<String>,
        /// Documents issued in this year or later.
        #[arg(long)]
        since: Option<u16>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// The whole index as NDJSON for Quickwit, or as an OpenSearch/Elasticsearch `_bulk` body
    /// (mappings in deploy/quickwit and deploy/opensearch).
    Export {
        #[command(flatten)]
        at: IndexArg,
        #[arg(long, value_enum, default_value = "ndjson")]
        format: ExportFormat,
        /// Target index name in `_bulk` action lines.
        #[arg(long, default_value = "trichdan")]
        index_name: String,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes a realistic archive of generated reports and, next to it (DIR.truth.jsonl), the
    /// citations it planted (for benchmarks and tests).
    #[command(hide = true)]
    Generate {
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Every Nth file in UTF-16 (0: none).
        #[arg(long, default_value_t = 50)]
        utf16_every: usize,
        /// Every Nth file in TCVN3, VNI or Windows-1258 in turn (0: none).
        #[arg(long, default_value_t = 100)]
        legacy_every: usize,
        dir: PathBuf,
    },
    /// Times questions against an open index (for the benchmark script): reads one question per
    /// line from each file and prints p50/p99 latencies as JSON.
    #[command(hide = true)]
    BenchQueries {
        #[command(flatten)]
        at: IndexArg,
        /// Symbols for cited-by, one per line.
        #[arg(long)]
        cited_by: Option<PathBuf>,
        /// Queries for search, one per line.
        #[arg(long)]
        search: Option<PathBuf>,
        /// Symbols for audit, one per line.
        #[arg(long)]
        audit: Option<PathBuf>,
        /// Passes over each list.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// The archive as a local web application: search, reports with their citations linked,
    /// documents, audit trees and graphs, and a JSON API (read-only; 127.0.0.1 unless told).
    Serve {
        #[command(flatten)]
        at: IndexArg,
        /// Address to listen on (port 0: any free port; the first line printed says which).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
    /// For an auditor: what implements a directive, level by level, and who cites it without
    /// implementing it.
    Audit {
        #[command(flatten)]
        at: IndexArg,
        symbol: String,
        #[arg(long)]
        json: bool,
    },
}

/// How input files are read.
#[derive(Args, Clone)]
struct ReadArgs {
    /// Decode every file in this encoding instead of detecting it (utf-8, utf-16le, utf-16be,
    /// windows-1258, tcvn3, vni).
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// Say how each file was read (format, extractor, encoding, citations) on standard error.
    #[arg(long, short)]
    verbose: bool,
    /// Read scanned PDFs and images by OCR (needs tesseract-ocr, tesseract-ocr-vie and
    /// poppler-utils); without it they are skipped.
    #[arg(long)]
    ocr: bool,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    Encoding::parse(s).ok_or_else(|| format!("unknown encoding “{s}”; one of: {}", Encoding::NAMES))
}

#[derive(Args, Clone)]
struct IndexArg {
    /// Index folder [default: .trichdan in the current directory, or $TRICHDAN_INDEX]
    #[arg(long = "index", value_name = "DIR")]
    index: Option<PathBuf>,
}

impl IndexArg {
    fn dir(&self) -> PathBuf {
        self.index.clone().unwrap_or_else(index::default_dir)
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("“{s}” is not a date (dd/mm/yyyy or yyyy-mm-dd)"))
}

fn parse_relation(s: &str) -> Result<Relation, String> {
    Relation::parse(s).ok_or_else(|| {
        let all: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
        format!("unknown relation “{s}”; one of: {}", all.join(", "))
    })
}

/// Reads the inputs, printing one line per unreadable file; returns the reports and whether
/// something was skipped.
fn read(paths: &[PathBuf], evidence: bool, how: &ReadArgs) -> (Vec<Report>, Vec<Skipped>) {
    let (files, mut skipped) = corpus::files(paths);
    let (reports, more) = corpus::read_all_with(&files, &how.options(evidence));
    for r in &reports {
        tell_read(r, how.verbose);
    }
    skipped.extend(more);
    for s in &skipped {
        tell_skipped(s);
    }
    (reports, skipped)
}

fn tell_read(r: &Report, verbose: bool) {
    if verbose {
        eprintln!(
            "trichdan: read {} as {}: {} citation(s){}",
            r.path,
            r.how_read(),
            r.mentions.len(),
            r.header
                .symbol
                .as_deref()
                .map(|s| format!(", own symbol {s}"))
                .unwrap_or_default()
        );
    }
    for w in &r.warnings {
        eprintln!("trichdan: warning: {}: {w}", r.path);
    }
}

fn tell_skipped(s: &Skipped) {
    eprintln!("trichdan: skipped {}: {}", s.path, s.reason);
}

impl ReadArgs {
    fn options(&self, evidence: bool) -> corpus::ReadOptions {
        corpus::ReadOptions {
            evidence,
            encoding: self.encoding,
            ocr: self.ocr,
        }
    }
}

pub fn run() -> i32 {
    let cli = Cli::parse();
    let result: anyhow::Result<i32> = match cli.command {
        Command::Extract {
            read,
            format,
            paths,
        } => extract(format, &paths, &read).map_err(Into::into),
        Command::Text { read, path } => text(&path, &read),
        Command::Graph {
            read,
            format,
            out,
            paths,
        } => graph(format, out, &paths, &read).map_err(Into::into),
        Command::Conflicts { read, json, paths } => {
            conflicts(json, &paths, &read).map_err(Into::into)
        }
        Command::Index {
            at,
            read,
            memory,
            paths,
        } => ask::index(&at.dir(), memory, paths, &read),
        Command::Search {
            at,
            query,
            type_filter,
            issuer,
            year,
            from,
            to,
            province,
            limit,
            json,
        } => Archive::open(&at.dir()).and_then(|a| {
            ask::search(
                &a,
                &SearchQuery {
                    text: query,
                    type_filter,
                    issuer,
                    year,
                    from,
                    to,
                    province,
                    limit,
                    offset: 0,
                },
                json,
            )
        }),
        Command::CitedBy {
            at,
            symbol,
            relation,
            depth,
            limit,
            json,
        } => Archive::open(&at.dir())
            .and_then(|a| ask::cited_by(&a, &symbol, relation, depth, limit, json)),
        Command::Cites {
            at,
            target,
            limit,
            json,
        } => Archive::open(&at.dir()).and_then(|a| ask::cites(&a, &target, limit, json)),
        Command::Show { at, symbol, json } => {
            Archive::open(&at.dir()).and_then(|a| ask::show(&a, &symbol, json))
        }
        Command::Top {
            at,
            type_filter,
            since,
            limit,
            json,
        } => Archive::open(&at.dir())
            .and_then(|a| ask::top(&a, type_filter.as_deref(), since, limit, json)),
        Command::Export {
            at,
            format,
            index_name,
            out,
        } => Archive::open(&at.dir()).and_then(|a| {
            let bulk = matches!(format, ExportFormat::Bulk).then_some(index_name.as_str());
            let n = match out {
                Some(p) => {
                    let mut w = BufWriter::new(std::fs::File::create(&p)?);
                    let n = export::ndjson(&a, &mut w, bulk)?;
                    w.flush()?;
                    n
                }
                None => {
                    let mut w = BufWriter::new(io::stdout().lock());
                    let n = export::ndjson(&a, &mut w, bulk)?;
                    w.flush()?;
                    n
                }
            };
            eprintln!("exported {n} records");
            Ok(0)
        }),
        Command::Generate {
            count,
            seed,
            utf16_every,
            legacy_every,
            dir,
        } => {
            let opts = trichdan::generate::Options {
                count,
                seed,
                utf16_every,
                legacy_every,
            };
            trichdan::generate::write_archive(&dir, &opts)
                .map_err(anyhow::Error::from)
                .map(|st| {
                    eprintln!(
                        "wrote {} files ({} bytes) into {}, {} planted citations in {}",
                        st.files,
                        st.bytes,
                        dir.display(),
                        st.citations,
                        trichdan::generate::truth_path(&dir).display()
                    );
                    0
                })
        }
        Command::BenchQueries {
            at,
            cited_by,
            search,
            audit,
            runs,
        } => Archive::open(&at.dir())
            .and_then(|a| ask::bench_queries(&a, cited_by, search, audit, runs)),
        Command::Serve { at, addr } => trichdan::serve::run(&trichdan::serve::Options {
            index: at.dir(),
            addr,
        })
        .map(|()| 0),
        Command::Audit { at, symbol, json } => {
            Archive::open(&at.dir()).and_then(|a| ask::audit(&a, &symbol, json))
        }
    };
    match result {
        Ok(code) => code,
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            0
        }
        Err(e) => {
            eprintln!("trichdan: {e:#}");
            1
        }
    }
}

fn text(path: &std::path::Path, how: &ReadArgs) -> anyhow::Result<i32> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut b)?;
        b
    } else {
        match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("trichdan: skipped {}: {e}", path.display());
                return Ok(1);
            }
        }
    };
    let opts = corpus::ReadOptions {
        encoding: how.encoding,
        ocr: how.ocr,
        ..Default::default()
    };
    match corpus::decoded_text(&bytes, &opts) {
        Ok(d) => {
            if how.verbose {
                eprintln!(
                    "trichdan: read {} as {} by {}, {}{}",
                    path.display(),
                    d.format.name(),
                    d.extractor,
                    d.encoding.name(),
                    if d.pages.is_empty() {
                        String::new()
                    } else {
                        format!(", {} page(s)", d.pages.len())
                    }
                );
            }
            for w in &d.warnings {
                eprintln!("trichdan: warning: {}: {w}", path.display());
            }
            let mut out = io::stdout().lock();
            out.write_all(d.text.as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        Err(why) => {
            eprintln!("trichdan: skipped {}: {why}", path.display());
            Ok(1)
        }
    }
}

fn status(skipped: &[Skipped]) -> i32 {
    if skipped.is_empty() { 0 } else { 1 }
}

fn extract(format: ExtractFormat, paths: &[PathBuf], how: &ReadArgs) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let skipped = match format {
        // streamed: memory holds the resolver's view of the reports, not their records
        ExtractFormat::Jsonl => {
            let (files, mut skipped) = corpus::files(paths);
            for s in &skipped {
                tell_skipped(s);
            }
            let seen = |r: jsonl::Input| match r {
                jsonl::Input::Report(r) => tell_read(r, how.verbose),
                jsonl::Input::Skipped(s) => tell_skipped(s),
            };
            skipped.extend(jsonl::write(&files, &how.options(false), seen, &mut out)?);
            skipped
        }
        ExtractFormat::Json | ExtractFormat::Table => {
            let (mut reports, skipped) = read(paths, false, how);
            resolve::resolve_with(&mut reports, resolve::Detail::Lean);
            if let ExtractFormat::Json = format {
                let all: Vec<_> = reports
                    .iter()
                    .flat_map(|r| r.mentions.iter().map(move |m| m.record(&r.path)))
                    .collect();
                serde_json::to_writer_pretty(&mut out, &all)?;
                out.write_all(b"\n")?;
            } else {
                print::mentions(&reports, &mut out)?;
            }
            skipped
        }
    };
    out.flush()?;
    Ok(status(&skipped))
}

fn graph(
    format: GraphFormat,
    dir: Option<PathBuf>,
    paths: &[PathBuf],
    how: &ReadArgs,
) -> io::Result<i32> {
    let (mut reports, skipped) = read(paths, true, how);
    let g = resolve::resolve(&mut reports);
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            let file = |name: &str| -> io::Result<BufWriter<std::fs::File>> {
                Ok(BufWriter::new(std::fs::File::create(dir.join(name))?))
            };
            match format {
                GraphFormat::Json => export::json(&g, &mut file("graph.json")?)?,
                GraphFormat::Dot => export::dot(&g, &mut file("graph.dot")?)?,
                GraphFormat::Graphml => export::graphml(&g, &mut file("graph.graphml")?)?,
                GraphFormat::Csv => {
                    export::csv_nodes(&g, file("nodes.csv")?)?;
                    export::csv_edges(&g, file("edges.csv")?)?;
                }
            }
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match format {
                GraphFormat::Json => export::json(&g, &mut out)?,
                GraphFormat::Dot => export::dot(&g, &mut out)?,
                GraphFormat::Graphml => export::graphml(&g, &mut out)?,
                // one stream holds one table: the edges (Gephi creates the nodes from them)
                GraphFormat::Csv => export::csv_edges(&g, &mut out)?,
            }
            out.flush()?;
        }
    }
    Ok(status(&skipped))
}

fn conflicts(json: bool, paths: &[PathBuf], how: &ReadArgs) -> io::Result<i32> {
    let (mut reports, skipped) = read(paths, true, how);
    let g = resolve::resolve(&mut reports);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &g.conflicts)?;
        writeln!(out)?;
    } else {
        print::conflicts(&g, &mut out)?;
    }
    out.flush()?;
    Ok(status(&skipped))
}
