//! Tables read back for rendering: a report's top rows, and the optional accounts and
//! coordination tables, from CSV or JSON Lines files written by calque (or by hand).
//!
//! Every file is streamed: the first `keep` rows are kept, every row is seen by a callback
//! (the report's aggregates), so a table of any length costs the memory of `keep` rows.
//! Errors name the file, the line and what is wrong.

use crate::error::{Fatal, Result};
use crate::report::cells::is_formula_like;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::HashMap;
use std::fmt;
use std::io::{BufRead, BufReader, Read};

/// Rows of a table with named columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows read in all, kept or not.
    pub total_rows: u64,
    index: HashMap<String, usize>,
}

impl Table {
    pub fn new(header: Vec<String>) -> Self {
        let index = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.to_ascii_lowercase(), i))
            .collect();
        Table {
            header,
            rows: Vec::new(),
            total_rows: 0,
            index,
        }
    }

    /// Position of the column named `name` (ASCII case-insensitive).
    pub fn col(&self, name: &str) -> Option<usize> {
        self.index.get(&name.to_ascii_lowercase()).copied()
    }

    /// The first of `names` that is a column.
    pub fn col_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.col(n))
    }

    /// The cell of `row` in column `name`, or "" if there is no such column.
    pub fn cell<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.col(name)
            .and_then(|i| row.get(i))
            .map_or("", String::as_str)
    }
}

/// A row seen while streaming, with access to cells by column name.
pub struct RowView<'a> {
    index: &'a HashMap<String, usize>,
    cells: Cells<'a>,
}

/// The cells of a row as read: a CSV record (not copied, for the rows that are only counted)
/// or owned strings.
enum Cells<'a> {
    Csv(&'a csv::StringRecord),
    Owned(&'a [String]),
}

impl RowView<'_> {
    /// The cell of the column `name` (lower case), "" if there is none.
    pub fn get(&self, name: &str) -> &str {
        let Some(&i) = self.index.get(name) else {
            return "";
        };
        match self.cells {
            Cells::Csv(record) => record.get(i).map_or("", unneutralize),
            Cells::Owned(cells) => cells.get(i).map_or("", String::as_str),
        }
    }
}

/// A CSV cell as its writer meant it: calque writes `'` before a cell that a spreadsheet would
/// run as a formula (docs/report-schema.md), which is taken off again here. (A cell that
/// really began with `'` followed by `=`, `+`, `-`, `@`, tab or CR loses its `'`.)
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

/// Open `path` ("-": standard input) without its UTF-8 byte-order mark.
fn open(path: &str) -> Result<Box<dyn BufRead>> {
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(
            std::fs::File::open(path)
                .map_err(|e| Fatal::input(format!("{path}: cannot open: {e}")))?,
        )
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let head = reader
        .fill_buf()
        .map_err(|e| Fatal::input(format!("{path}: cannot read: {e}")))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    Ok(Box::new(reader))
}

/// Whether the stream starts, after white space, with `{`: JSON Lines rather than CSV.
fn looks_like_jsonl(reader: &mut dyn BufRead, path: &str) -> Result<bool> {
    let head = reader
        .fill_buf()
        .map_err(|e| Fatal::input(format!("{path}: cannot read: {e}")))?;
    Ok(head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{'))
}

/// Read the table at `path` (CSV with a header, or JSON Lines of flat objects), keeping its
/// first `keep` rows and calling `each` on every row.
pub fn read_table(path: &str, keep: usize, mut each: impl FnMut(&RowView<'_>)) -> Result<Table> {
    let mut reader = open(path)?;
    if looks_like_jsonl(&mut reader, path)? {
        read_jsonl(path, reader, keep, &mut each)
    } else {
        read_csv(path, reader, keep, &mut each)
    }
}

fn read_csv(
    path: &str,
    reader: Box<dyn BufRead>,
    keep: usize,
    each: &mut dyn FnMut(&RowView<'_>),
) -> Result<Table> {
    let mut csv = csv::ReaderBuilder::new().from_reader(reader);
    let bad = |e: csv::Error| {
        let line = e
            .position()
            .map_or(String::new(), |p| format!(":{}", p.line()));
        Fatal::input(format!("{path}{line}: not a readable CSV table: {e}"))
    };
    let header: Vec<String> = csv
        .headers()
        .map_err(bad)?
        .iter()
        .map(str::to_string)
        .collect();
    if header.iter().all(|h| h.is_empty()) {
        return Err(Fatal::input(format!("{path}: empty file, no header")));
    }
    let mut table = Table::new(header);
    let mut record = csv::StringRecord::new();
    while csv.read_record(&mut record).map_err(bad)? {
        each(&RowView {
            index: &table.index,
            cells: Cells::Csv(&record),
        });
        table.total_rows += 1;
        if table.rows.len() < keep {
            table
                .rows
                .push(record.iter().map(|c| unneutralize(c).to_string()).collect());
        }
    }
    Ok(table)
}

/// One JSON object's fields in file order, values as text (strings as they are, null as
/// empty, other values as JSON).
pub(crate) struct OrderedFields(pub(crate) Vec<(String, String)>);

impl<'de> serde::Deserialize<'de> for OrderedFields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = OrderedFields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<OrderedFields, A::Error> {
                let mut fields = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    let text = match v {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    fields.push((k, text));
                }
                Ok(OrderedFields(fields))
            }
        }
        d.deserialize_map(Fields)
    }
}

fn read_jsonl(
    path: &str,
    mut reader: Box<dyn BufRead>,
    keep: usize,
    each: &mut dyn FnMut(&RowView<'_>),
) -> Result<Table> {
    let mut table = Table::new(Vec::new());
    let mut line = String::new();
    let mut cells: Vec<String> = Vec::new();
    let mut number = 0u64;
    loop {
        line.clear();
        number += 1;
        let n = reader
            .read_line(&mut line)
            .map_err(|e| Fatal::input(format!("{path}:{number}: cannot read: {e}")))?;
        if n == 0 {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let fields: OrderedFields = serde_json::from_str(&line)
            .map_err(|e| Fatal::input(format!("{path}:{number}: not a JSON object: {e}")))?;
        if table.header.is_empty() {
            table = Table::new(fields.0.iter().map(|(k, _)| k.clone()).collect());
        }
        cells.clear();
        cells.resize(table.header.len(), String::new());
        for (k, v) in fields.0 {
            match table.col(&k) {
                Some(i) => cells[i] = v,
                None => {
                    return Err(Fatal::input(format!(
                        "{path}:{number}: field {k:?} is not in the first line's fields"
                    )))
                }
            }
        }
        each(&RowView {
            index: &table.index,
            cells: Cells::Owned(&cells),
        });
        table.total_rows += 1;
        if table.rows.len() < keep {
            table.rows.push(cells.clone());
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(content: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content).unwrap();
        f
    }

    #[test]
    fn csv_with_bom_keeps_the_first_rows_and_sees_all() {
        let f = file(b"\xEF\xBB\xBFrank,author,text\n1,'@a,\"x, y\"\n2,b,'=1+2\n3,c,'plain\n");
        let mut seen = Vec::new();
        let t = read_table(f.path().to_str().unwrap(), 2, |r| {
            seen.push(r.get("author").to_string())
        })
        .unwrap();
        assert_eq!(t.header, ["rank", "author", "text"]);
        assert_eq!(t.total_rows, 3);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0], ["1", "@a", "x, y"]);
        assert_eq!(t.rows[1][2], "=1+2");
        assert_eq!(seen, ["@a", "b", "c"]);
        assert_eq!(t.cell(&t.rows[0], "TEXT"), "x, y");
    }

    #[test]
    fn jsonl_keeps_field_order_and_numbers_as_text() {
        let f = file(b"{\"rank\":1,\"score\":0.97,\"text\":\"'=x\",\"zeta\":null}\n\n{\"rank\":2,\"score\":0,\"text\":\"b\",\"zeta\":\"z\"}\n");
        let t = read_table(f.path().to_str().unwrap(), 10, |_| {}).unwrap();
        assert_eq!(t.header, ["rank", "score", "text", "zeta"]);
        // JSON Lines is never neutralised: a leading ' is the text's own.
        assert_eq!(t.rows[0], ["1", "0.97", "'=x", ""]);
        assert_eq!(t.rows[1], ["2", "0", "b", "z"]);
    }

    #[test]
    fn bad_input_names_file_and_line() {
        let f = file(b"{\"a\":1}\n{\"a\":2,\n");
        let path = f.path().to_str().unwrap().to_string();
        let e = read_table(&path, 10, |_| {}).unwrap_err();
        assert!(
            e.message.starts_with(&format!("{path}:2: ")),
            "{}",
            e.message
        );
        let f = file(b"a,b\n1,2\n3\n");
        let e = read_table(f.path().to_str().unwrap(), 10, |_| {}).unwrap_err();
        assert!(e.message.contains(":3: "), "{}", e.message);
        let f = file(b"{\"a\":1}\n{\"b\":2}\n");
        let e = read_table(f.path().to_str().unwrap(), 10, |_| {}).unwrap_err();
        assert!(e.message.contains("\"b\""), "{}", e.message);
        let e = read_table("/nonexistent/x.csv", 1, |_| {}).unwrap_err();
        assert!(e.message.contains("cannot open"));
    }
}
