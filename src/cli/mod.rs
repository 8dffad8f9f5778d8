//! Command-line interface: argument parsing and printing only; the work is in the library.

mod print;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use trichdan::corpus::{self, Report, Skipped};
use trichdan::{export, resolve};

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

#[derive(Subcommand)]
enum Command {
    /// Print every citation in the given files (folders recursively; "-" reads stdin).
    Extract {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ExtractFormat,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// The citation graph: documents with their attributes and typed edges with evidence.
    Graph {
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
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Reads the inputs, printing one line per unreadable file; returns the reports and whether
/// something was skipped.
fn read(paths: &[PathBuf], evidence: bool) -> (Vec<Report>, Vec<Skipped>) {
    let (files, mut skipped) = corpus::files(paths);
    let (reports, more) = corpus::read_all(&files, evidence);
    skipped.extend(more);
    for s in &skipped {
        eprintln!("trichdan: skipped {}: {}", s.path, s.reason);
    }
    for r in &reports {
        for w in &r.warnings {
            eprintln!("trichdan: warning: {}: {w}", r.path);
        }
    }
    (reports, skipped)
}

pub fn run() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract { format, paths } => extract(format, &paths),
        Command::Graph { format, out, paths } => graph(format, out, &paths),
        Command::Conflicts { json, paths } => conflicts(json, &paths),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("trichdan: {e}");
            1
        }
    }
}

fn status(skipped: &[Skipped]) -> i32 {
    if skipped.is_empty() { 0 } else { 1 }
}

fn extract(format: ExtractFormat, paths: &[PathBuf]) -> io::Result<i32> {
    let (mut reports, skipped) = read(paths, false);
    resolve::resolve(&mut reports);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let records = reports
        .iter()
        .flat_map(|r| r.mentions.iter().map(move |m| m.record(&r.path)));
    match format {
        ExtractFormat::Jsonl => {
            for rec in records {
                serde_json::to_writer(&mut out, &rec)?;
                out.write_all(b"\n")?;
            }
        }
        ExtractFormat::Json => {
            let all: Vec<_> = records.collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            out.write_all(b"\n")?;
        }
        ExtractFormat::Table => print::mentions(&reports, &mut out)?,
    }
    out.flush()?;
    Ok(status(&skipped))
}

fn graph(format: GraphFormat, dir: Option<PathBuf>, paths: &[PathBuf]) -> io::Result<i32> {
    let (mut reports, skipped) = read(paths, true);
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

fn conflicts(json: bool, paths: &[PathBuf]) -> io::Result<i32> {
    let (mut reports, skipped) = read(paths, true);
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
