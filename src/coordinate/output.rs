//! The files `calque coordinate` writes (see `docs/report-schema.md`): CSV tables through the
//! `csv` crate with the report's formula neutralisation, and GraphML through a small writer
//! (the format is a handful of elements; every text and attribute value is escaped).
//!
//! Every file is written next to its target and moved into place only when all of them are
//! complete ([`OutputSet::commit`]), so a failed run leaves the previous outputs intact.

use crate::error::{Fatal, Result};
use crate::report::cells::neutralize;
use crate::report::sink::AtomicOutput;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Refuse a target that is not a regular file (a symlink, FIFO or device is never replaced)
/// or that is one of the inputs.
pub fn check_target(path: &Path, inputs: &[String]) -> Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if !meta.file_type().is_file() {
            return Err(Fatal::output(format!(
                "{}: exists and is not a regular file; calque does not replace it",
                path.display()
            )));
        }
        let target = std::fs::canonicalize(path).ok();
        for input in inputs.iter().filter(|i| *i != "-") {
            if target.is_some() && std::fs::canonicalize(input).ok() == target {
                return Err(Fatal::output(format!(
                    "{}: is an input; choose another output directory",
                    path.display()
                )));
            }
        }
    }
    Ok(())
}

/// The output directory: created if missing, each file staged until [`OutputSet::commit`].
pub struct OutputSet {
    dir: PathBuf,
    staged: Vec<AtomicOutput>,
}

impl OutputSet {
    pub fn new(dir: &Path, inputs: &[String]) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Fatal::output(format!("{}: cannot create: {e}", dir.display())))?;
        for name in [PAIRS, EDGES, NODES, CLUSTERS, GRAPHML, SUMMARY, REJECTS] {
            check_target(&dir.join(name), inputs)?;
        }
        Ok(OutputSet {
            dir: dir.to_path_buf(),
            staged: Vec::new(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A staged file.
    pub fn create(&self, name: &str) -> Result<AtomicOutput> {
        AtomicOutput::create(&self.dir.join(name).display().to_string())
    }

    /// Keep a finished file until the commit.
    pub fn stage(&mut self, out: AtomicOutput) {
        self.staged.push(out);
    }

    /// Move every staged file into place.
    pub fn commit(self) -> Result<()> {
        for out in self.staged {
            out.commit()?;
        }
        Ok(())
    }
}

/// A CSV table whose cells are neutralised unless `raw`.
pub struct Table {
    csv: csv::Writer<AtomicOutput>,
    raw: bool,
    name: String,
    pub rows: u64,
}

impl Table {
    pub fn create(set: &OutputSet, name: &str, header: &[&str], raw: bool) -> Result<Self> {
        let mut csv = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(set.create(name)?);
        csv.write_record(header)
            .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
        Ok(Table {
            csv,
            raw,
            name: name.to_string(),
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
        set.stage(out);
        Ok(())
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
    out: std::io::BufWriter<AtomicOutput>,
}

fn graphml_err(e: std::io::Error) -> Fatal {
    Fatal::output(format!("{GRAPHML}: {e}"))
}

impl GraphmlWriter {
    pub fn create(set: &OutputSet) -> Result<Self> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, set.create(GRAPHML)?);
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
        set.stage(out);
        Ok(())
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
