//! Human-readable output: aligned tables and grouped findings.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use trichdan::corpus::Report;
use trichdan::resolve::Graph;

pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    if let Some((w, _)) = terminal_size() {
        t.set_width(w);
    } else {
        t.set_width(200);
    }
    t
}

fn terminal_size() -> Option<(u16, u16)> {
    let cols = std::env::var("COLUMNS").ok()?.parse().ok()?;
    Some((cols, 0))
}

fn or_dash(s: Option<&str>) -> String {
    s.map(str::to_string).unwrap_or_else(|| "—".into())
}

pub fn mentions(reports: &[Report], out: &mut impl Write) -> io::Result<()> {
    let mut t = table(&["file", "line", "symbol", "date", "type", "body", "relation"]);
    for r in reports {
        for m in &r.mentions {
            t.add_row(vec![
                r.path.clone(),
                m.line.to_string(),
                m.symbol.clone().unwrap_or_else(|| m.text.clone()),
                m.date
                    .map(|d| format!("{:02}/{:02}/{}", d.d, d.m, d.y))
                    .or_else(|| m.year.map(|y| y.to_string()))
                    .unwrap_or_else(|| "—".into()),
                or_dash(m.type_name.as_deref()),
                or_dash(m.body.as_deref()),
                m.relation.as_str().to_string(),
            ]);
        }
    }
    writeln!(out, "{t}")
}

pub fn conflicts(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    if g.conflicts.is_empty() {
        return writeln!(out, "No conflicts.");
    }
    let mut last = "";
    for c in &g.conflicts {
        if c.key != last {
            writeln!(out, "\n{}", c.key)?;
            last = &c.key;
        }
        writeln!(out, "  [{}] {}", c.kind.as_str(), c.conclusion)?;
        for v in &c.values {
            writeln!(out, "    • {} ({}×)", v.value, v.count)?;
            for e in &v.evidence {
                writeln!(out, "        {}:{}  {}", e.file, e.line, e.sentence)?;
            }
        }
    }
    Ok(())
}
