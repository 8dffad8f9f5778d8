//! The citation graph in formats other tools read: JSON, Graphviz DOT, GraphML (Gephi, yEd,
//! Neo4j's APOC) and CSV (Gephi's and Neo4j's `LOAD CSV` node and edge tables).

use std::io::{self, Write};

use quick_xml::escape::escape;

use crate::query::Archive;
use crate::resolve::{Document, Graph};

fn label(d: &Document) -> String {
    let mut l = d.key.clone();
    if let Some(t) = d.types.first() {
        l = format!("{t} {l}");
    }
    l
}

pub fn json(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, g)?;
    writeln!(out)
}

fn dot_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' | '\r' => o.push(' '),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub fn dot(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "digraph trichdan {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [shape=box, fontname=\"DejaVu Sans\"];")?;
    for d in &g.documents {
        let style = if d.own.is_some() {
            ", style=filled, fillcolor=\"#e8f0fe\""
        } else {
            ""
        };
        writeln!(
            out,
            "  {} [label={}{style}];",
            dot_str(&d.key),
            dot_str(&label(d))
        )?;
    }
    for e in &g.edges {
        writeln!(
            out,
            "  {} -> {} [label={}];",
            dot_str(&e.from),
            dot_str(&e.to),
            dot_str(e.relation.as_str())
        )?;
    }
    writeln!(out, "}}")
}

pub fn graphml(g: &Graph, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let node_keys = [
        "label", "symbol", "type", "date", "body", "term", "title", "place", "file",
    ];
    for k in node_keys {
        writeln!(
            out,
            r#"  <key id="{k}" for="node" attr.name="{k}" attr.type="string"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <key id="cited" for="node" attr.name="cited" attr.type="int"/>"#
    )?;
    for k in ["relation", "file", "start", "end", "sentence"] {
        let ty = if k == "start" || k == "end" {
            "int"
        } else {
            "string"
        };
        writeln!(
            out,
            r#"  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="citations" edgedefault="directed">"#)?;
    for d in &g.documents {
        writeln!(out, r#"    <node id="{}">"#, escape(d.key.as_str()))?;
        let vals = [
            ("label", Some(label(d))),
            ("symbol", d.symbol.clone()),
            ("type", d.types.first().cloned()),
            ("date", d.date.map(|x| x.to_string())),
            ("body", d.body.clone()),
            ("term", d.term.clone()),
            ("title", d.titles.first().cloned()),
            ("place", d.place.clone()),
            ("file", d.own.as_ref().map(|o| o.file.clone())),
            ("cited", Some(d.cited_in.len().to_string())),
        ];
        for (k, v) in vals {
            if let Some(v) = v {
                writeln!(
                    out,
                    r#"      <data key="{k}">{}</data>"#,
                    escape(v.as_str())
                )?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            escape(e.from.as_str()),
            escape(e.to.as_str())
        )?;
        writeln!(
            out,
            r#"      <data key="e_relation">{}</data>"#,
            e.relation.as_str()
        )?;
        writeln!(
            out,
            r#"      <data key="e_file">{}</data>"#,
            escape(e.file.as_str())
        )?;
        writeln!(out, r#"      <data key="e_start">{}</data>"#, e.start)?;
        writeln!(out, r#"      <data key="e_end">{}</data>"#, e.end)?;
        writeln!(
            out,
            r#"      <data key="e_sentence">{}</data>"#,
            escape(e.sentence.as_str())
        )?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// The node table (Gephi "Id,Label,…"; Neo4j `LOAD CSV WITH HEADERS`).
pub fn csv_nodes(g: &Graph, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Id", "Label", "symbol", "type", "date", "body", "term", "title", "place", "file", "cited",
    ])?;
    for d in &g.documents {
        w.write_record([
            d.key.clone(),
            label(d),
            d.symbol.clone().unwrap_or_default(),
            d.types.first().cloned().unwrap_or_default(),
            d.date.map(|x| x.to_string()).unwrap_or_default(),
            d.body.clone().unwrap_or_default(),
            d.term.clone().unwrap_or_default(),
            d.titles.first().cloned().unwrap_or_default(),
            d.place.clone().unwrap_or_default(),
            d.own.as_ref().map(|o| o.file.clone()).unwrap_or_default(),
            d.cited_in.len().to_string(),
        ])?;
    }
    w.flush()
}

/// The edge table (Gephi "Source,Target,Type,…").
pub fn csv_edges(g: &Graph, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Source", "Target", "Type", "relation", "file", "start", "end", "sentence",
    ])?;
    for e in &g.edges {
        w.write_record([
            e.from.as_str(),
            e.to.as_str(),
            "Directed",
            e.relation.as_str(),
            e.file.as_str(),
            &e.start.to_string(),
            &e.end.to_string(),
            e.sentence.as_str(),
        ])?;
    }
    w.flush()
}

/// The whole index as NDJSON for Quickwit (`quickwit index ingest`) or, with `bulk`, as the body
/// of an OpenSearch/Elasticsearch `_bulk` request into `index_name`. Mappings:
/// `deploy/quickwit/trichdan.json`, `deploy/opensearch/trichdan.json`.
pub fn ndjson(a: &Archive, out: &mut impl Write, bulk: Option<&str>) -> anyhow::Result<usize> {
    let mut n = 0;
    a.for_each_record(|r| {
        if let Some(index) = bulk {
            serde_json::to_writer(
                &mut *out,
                &serde_json::json!({"index": {"_index": index, "_id": r.id}}),
            )?;
            out.write_all(b"\n")?;
        }
        serde_json::to_writer(&mut *out, &r)?;
        out.write_all(b"\n")?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}
