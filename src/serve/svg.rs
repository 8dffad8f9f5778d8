//! The neighbourhood of a document drawn on the server as SVG: the document in the middle, the
//! documents one, two, three citations away on rings around it, an arrow from each citing
//! document to the one it cites. No script and no library: it works offline and in any browser.

use std::collections::HashMap;
use std::fmt::Write;

use super::view::{doc_url, relation_label};
use crate::query::Neighbourhood;

const W: f64 = 960.0;
const H: f64 = 760.0;
const RING: f64 = 115.0;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// The label of a node: its symbol without the year and place of its key.
fn label(key: &str) -> String {
    let s = key.split('@').next().unwrap_or(key);
    let mut t: String = s.chars().take(22).collect();
    if s.chars().count() > 22 {
        t.push('…');
    }
    t
}

pub fn draw(n: &Neighbourhood) -> String {
    let (cx, cy) = (W / 2.0, H / 2.0);
    let mut by_depth: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, node) in n.nodes.iter().enumerate() {
        by_depth.entry(node.depth).or_default().push(i);
    }
    let mut at: HashMap<&str, (f64, f64)> = HashMap::new();
    for (depth, ids) in &by_depth {
        let r = RING * *depth as f64;
        let k = ids.len().max(1) as f64;
        for (j, &i) in ids.iter().enumerate() {
            // each ring turned a little so that labels of successive rings do not line up
            let a = std::f64::consts::TAU * j as f64 / k + 0.35 * *depth as f64;
            let (x, y) = if *depth == 0 {
                (cx, cy)
            } else {
                (cx + r * a.cos() * 1.25, cy + r * a.sin())
            };
            at.insert(n.nodes[i].key.as_str(), (x, y));
        }
    }
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" aria-label="Đồ thị trích dẫn của {}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="19" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker><marker id="arrow-impl" viewBox="0 0 10 10" refX="19" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b03a2e"/></marker></defs>"##,
        esc(&n.center)
    );
    for e in &n.edges {
        let (Some(&(x1, y1)), Some(&(x2, y2))) = (at.get(e.from.as_str()), at.get(e.to.as_str()))
        else {
            continue;
        };
        let implementing = e.relation.is_implementing();
        let _ = write!(
            s,
            r#"<line class="edge{}" x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{}" stroke-width="{}" marker-end="url(#{})"><title>{} {} {}</title></line>"#,
            if implementing { " implementing" } else { "" },
            if implementing { "#b03a2e" } else { "#999" },
            if implementing { 1.8 } else { 1.0 },
            if implementing { "arrow-impl" } else { "arrow" },
            esc(&e.from),
            esc(relation_label(e.relation.as_str())),
            esc(&e.to),
        );
    }
    for node in &n.nodes {
        let Some(&(x, y)) = at.get(node.key.as_str()) else {
            continue;
        };
        let center = node.depth == 0;
        let r = if center { 14.0 } else { 8.0 };
        let fill = match (center, node.file.is_some()) {
            (true, _) => "#1f4e79",
            (false, true) => "#5b8fc7",
            (false, false) => "#fff",
        };
        let mut tip = node.key.clone();
        if let Some(t) = &node.type_name {
            let _ = write!(tip, " — {t}");
        }
        if let Some(d) = &node.date {
            let _ = write!(tip, " {}", super::view::vn_date(d));
        }
        if let Some(t) = &node.title {
            let _ = write!(tip, ": {t}");
        }
        let _ = write!(
            s,
            r##"<a href="{}" class="node"><circle cx="{x:.1}" cy="{y:.1}" r="{r}" fill="{fill}" stroke="#1f4e79" stroke-width="1.5"><title>{}</title></circle><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="{}">{}</text></a>"##,
            esc(&doc_url(&node.key)),
            esc(&tip),
            y + r + 12.0,
            if center { 14 } else { 11 },
            esc(&label(&node.key)),
        );
    }
    s.push_str("</svg>");
    s
}
