//! The files `calque coordinate` writes (see `docs/report-schema.md`): CSV tables through the
//! `csv` crate with the report's formula neutralisation, and GraphML through a small writer
//! (the format is a handful of elements; every text and attribute value is escaped).
//!
//! Every file is staged in the run's [`OutputSet`] before anything is read and moved into
//! place with the run's other outputs only when all of them are complete, so a failed run
//! leaves the previous outputs intact.

use super::edges::NetworkFiles;
use crate::error::{Fatal, Result};
use crate::output::{OutputSet, Staged};
use crate::report::cells::neutralize;
use std::io::Write;
use std::path::Path;

/// The output files, by name.
pub const PAIRS: &str = "pairs.csv";
pub const EDGES: &str = "edges.csv";
pub const NODES: &str = "nodes.csv";
pub const CLUSTERS: &str = "clusters.csv";
pub const GRAPHML: &str = "network.graphml";
pub const SUMMARY: &str = "summary.json";
pub const REJECTS: &str = "rejects.csv";

pub const PAIR_COLUMNS: &[&str] = &[
    "object_type",
    "object",
    "account_a",
    "post_a",
    "time_a",
    "account_b",
    "post_b",
    "time_b",
    "delta_seconds",
    "similarity",
    "fast",
    "cluster",
];

pub const EDGE_COLUMNS: &[&str] = &[
    "source",
    "target",
    "weight",
    "edge_type",
    "weighted",
    "fast_weight",
    "pairs",
    "posts_source",
    "posts_target",
    "edge_symmetry_score",
    "first_time",
    "last_time",
    "mean_delta_seconds",
    "cluster",
    "text",
    "near_text",
    "url",
    "domain",
    "hashtag",
    "mention",
    "repost",
];

pub const NODE_COLUMNS: &[&str] = &[
    "Id",
    "Label",
    "posts",
    "degree",
    "strength",
    "cluster",
    "first_time",
    "last_time",
];

pub const CLUSTER_COLUMNS: &[&str] = &[
    "cluster",
    "accounts",
    "edges",
    "pairs",
    "posts",
    "objects",
    "first_time",
    "last_time",
    "span_seconds",
    "top_objects",
    "campaigns",
    "members",
];

/// The coordination files of a run, staged (the rejects file is the caller's).
pub struct CoordFiles {
    pub network: NetworkFiles,
    pub summary: Staged,
}

impl CoordFiles {
    /// Create `dir` if missing and stage its files in `set`.
    pub fn stage(set: &mut OutputSet, dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Fatal::output(format!("{}: cannot create: {e}", dir.display())))?;
        let mut stage = |name: &str| {
            set.stage(
                &dir.join(name).display().to_string(),
                "a coordination output",
            )
        };
        Ok(CoordFiles {
            network: NetworkFiles {
                pairs: stage(PAIRS)?,
                edges: stage(EDGES)?,
                nodes: stage(NODES)?,
                clusters: stage(CLUSTERS)?,
                graphml: stage(GRAPHML)?,
            },
            summary: stage(SUMMARY)?,
        })
    }
}

/// Write `summary` as pretty JSON into `staged` and hand it to `set`.
pub fn write_summary(
    mut staged: Staged,
    summary: &impl serde::Serialize,
    set: &mut OutputSet,
) -> Result<()> {
    let name = staged.name().to_string();
    serde_json::to_writer_pretty(&mut staged, summary)
        .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
    staged
        .write_all(b"\n")
        .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
    set.ready(staged)
}

/// A CSV table whose cells are neutralised unless `raw`.
pub struct Table {
    csv: csv::Writer<Staged>,
    raw: bool,
    name: String,
    pub rows: u64,
}

impl Table {
    pub fn create(staged: Staged, header: &[&str], raw: bool) -> Result<Self> {
        let name = staged.name().to_string();
        let mut csv = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(staged);
        csv.write_record(header)
            .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
        Ok(Table {
            csv,
            raw,
            name,
            rows: 0,
        })
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<()> {
        let err = |e: csv::Error| Fatal::output(format!("{}: {e}", self.name));
        for cell in cells {
            let cell = cell.as_ref();
            if self.raw {
                self.csv.write_field(cell)
            } else {
                self.csv.write_field(neutralize(cell).as_bytes())
            }
            .map_err(err)?;
        }
        self.csv.write_record(None::<&[u8]>).map_err(err)?;
        self.rows += 1;
        Ok(())
    }

    pub fn finish(self, set: &mut OutputSet) -> Result<()> {
        let name = self.name;
        let out = self
            .csv
            .into_inner()
            .map_err(|e| Fatal::output(format!("{name}: {}", e.error())))?;
        set.ready(out)
    }
}

/// `text` escaped for XML 1.0 content and attribute values; characters XML 1.0 cannot hold
/// (C0 controls but tab, line feed, carriage return; U+FFFE, U+FFFF) become U+FFFD.
pub fn xml_escape(text: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}')
            || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
    };
    if !text.chars().any(needs) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if needs(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A GraphML attribute: name, type (`string`, `int`, `double`).
pub type GraphAttr = (&'static str, &'static str);

pub const NODE_ATTRS: &[GraphAttr] = &[
    ("label", "string"),
    ("posts", "int"),
    ("degree", "int"),
    ("strength", "double"),
    ("cluster", "int"),
];

pub const EDGE_ATTRS: &[GraphAttr] = &[
    ("weight", "double"),
    ("edge_type", "string"),
    ("weighted", "double"),
    ("fast_weight", "int"),
    ("pairs", "int"),
    ("edge_symmetry_score", "double"),
    ("cluster", "int"),
];

/// An undirected GraphML graph, written node by node and edge by edge.
pub struct GraphmlWriter {
    out: std::io::BufWriter<Staged>,
}

fn graphml_err(e: std::io::Error) -> Fatal {
    Fatal::output(format!("{GRAPHML}: {e}"))
}

impl GraphmlWriter {
    pub fn create(staged: Staged) -> Result<Self> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, staged);
        let mut head = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        );
        for (prefix, scope, attrs) in [("n", "node", NODE_ATTRS), ("e", "edge", EDGE_ATTRS)] {
            for (name, ty) in attrs {
                head.push_str(&format!(
                    "  <key id=\"{prefix}_{name}\" for=\"{scope}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>\n"
                ));
            }
        }
        head.push_str("  <graph id=\"coordination\" edgedefault=\"undirected\">\n");
        out.write_all(head.as_bytes()).map_err(graphml_err)?;
        Ok(GraphmlWriter { out })
    }

    fn data(&mut self, prefix: &str, attrs: &[GraphAttr], values: &[String]) -> Result<()> {
        for ((name, _), value) in attrs.iter().zip(values) {
            if value.is_empty() {
                continue;
            }
            writeln!(
                self.out,
                "      <data key=\"{prefix}_{name}\">{}</data>",
                xml_escape(value)
            )
            .map_err(graphml_err)?;
        }
        Ok(())
    }

    /// A node; `values` in the order of [`NODE_ATTRS`] (empty: left out).
    pub fn node(&mut self, id: &str, values: &[String]) -> Result<()> {
        writeln!(self.out, "    <node id=\"{}\">", xml_escape(id)).map_err(graphml_err)?;
        self.data("n", NODE_ATTRS, values)?;
        self.out.write_all(b"    </node>\n").map_err(graphml_err)
    }

    /// An edge; `values` in the order of [`EDGE_ATTRS`].
    pub fn edge(&mut self, source: &str, target: &str, values: &[String]) -> Result<()> {
        writeln!(
            self.out,
            "    <edge source=\"{}\" target=\"{}\">",
            xml_escape(source),
            xml_escape(target)
        )
        .map_err(graphml_err)?;
        self.data("e", EDGE_ATTRS, values)?;
        self.out.write_all(b"    </edge>\n").map_err(graphml_err)
    }

    pub fn finish(mut self, set: &mut OutputSet) -> Result<()> {
        self.out
            .write_all(b"  </graph>\n</graphml>\n")
            .map_err(graphml_err)?;
        let out = self
            .out
            .into_inner()
            .map_err(|e| graphml_err(e.into_error()))?;
        set.ready(out)
    }
}

/// A time in milliseconds as ISO 8601 UTC, with milliseconds only when it has some.
pub fn time(millis: i64) -> String {
    let seconds = crate::timestamp::format_utc(millis.div_euclid(1000) * 1000);
    match millis.rem_euclid(1000) {
        0 => seconds,
        ms => match seconds.strip_suffix('Z') {
            Some(s) => format!("{s}.{ms:03}Z"),
            None => seconds,
        },
    }
}

/// Milliseconds as seconds, without trailing zeros (`12`, `12.5`, `0.001`).
pub fn seconds(millis: i64) -> String {
    let whole = millis.div_euclid(1000);
    match millis.rem_euclid(1000) {
        0 => whole.to_string(),
        ms => {
            let frac = format!("{ms:03}");
            format!("{whole}.{}", frac.trim_end_matches('0'))
        }
    }
}

/// A number with at most 4 decimals, without trailing zeros.
pub fn decimal(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_covers_markup_quotes_and_invalid_characters() {
        assert_eq!(xml_escape("plain"), "plain");
        assert_eq!(
            xml_escape("a<b>&\"c'\u{1}\u{FFFF}\td"),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}\u{FFFD}\td"
        );
    }

    #[test]
    fn times_and_seconds() {
        assert_eq!(time(1_539_202_764_000), "2018-10-10T20:19:24Z");
        assert_eq!(time(1_539_202_764_120), "2018-10-10T20:19:24.120Z");
        assert_eq!(seconds(12_500), "12.5");
        assert_eq!(seconds(60_000), "60");
        assert_eq!(seconds(1), "0.001");
        assert_eq!(decimal(0.5), "0.5");
        assert_eq!(decimal(1.0), "1");
        assert_eq!(decimal(2.0 / 3.0), "0.6667");
    }
}
