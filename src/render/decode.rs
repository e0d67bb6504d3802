//! Report rows as the report sink encodes them (every column but `rank`, CSV or JSON Lines)
//! decoded into a [`Table`], for `scan --html/--xlsx`: the page shows the report's first rows
//! exactly as written.

use super::table::{unneutralize, OrderedFields, Table};
use crate::error::{Fatal, Result};
use crate::report::encode::ReportFormat;

fn decode_err(e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!(
        "internal error: cannot decode a report row for the page: {e}"
    ))
}

/// `rows` (encoded, in rank order) as a table with the report's `header` (`rank` first).
pub fn decode_rows(format: ReportFormat, header: &[String], rows: &[Vec<u8>]) -> Result<Table> {
    let mut table = Table::new(header.to_vec());
    let rank = |i: usize| (i + 1).to_string();
    match format {
        ReportFormat::Csv => {
            // Each row ends its record: one reader over them all (a reader costs a DFA).
            let all = rows.concat();
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(&all[..]);
            let mut record = csv::StringRecord::new();
            for i in 0..rows.len() {
                if !reader.read_record(&mut record).map_err(decode_err)? {
                    return Err(decode_err(format!("{} rows, {i} records", rows.len())));
                }
                let mut cells = Vec::with_capacity(header.len());
                cells.push(rank(i));
                cells.extend(record.iter().map(|c| unneutralize(c).to_string()));
                table.rows.push(cells);
            }
        }
        ReportFormat::Jsonl => {
            for (i, encoded) in rows.iter().enumerate() {
                // The encoding is `,"column":value…}\n`: every field after `rank`.
                let mut object = b"{\"rank\":0".to_vec();
                object.extend_from_slice(encoded);
                let fields: OrderedFields = serde_json::from_slice(&object).map_err(decode_err)?;
                let mut cells = Vec::with_capacity(header.len());
                cells.push(rank(i));
                cells.extend(fields.0.into_iter().skip(1).map(|(_, v)| v));
                table.rows.push(cells);
            }
        }
    }
    for cells in &mut table.rows {
        cells.resize(header.len(), String::new());
    }
    table.total_rows = rows.len() as u64;
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::encode::RowEncoder;

    #[test]
    fn rows_decode_as_written_in_both_formats() {
        let header: Vec<String> = ["rank", "score", "author", "text"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for format in [ReportFormat::Csv, ReportFormat::Jsonl] {
            let enc = RowEncoder::new(format, false, header.clone());
            let rows = vec![
                enc.encode(&["0.9000", "=user", "text, \"quoted\"\nline"]),
                enc.encode(&["0.1000", "@b", ""]),
            ];
            let t = decode_rows(format, &header, &rows).unwrap();
            assert_eq!(t.rows[0][0], "1");
            assert_eq!(t.rows[0][2], "=user", "{format:?}");
            assert_eq!(t.rows[0][3], "text, \"quoted\"\nline");
            assert_eq!(
                t.rows[1][..3],
                [
                    "2",
                    if format == ReportFormat::Csv {
                        "0.1000"
                    } else {
                        "0.1"
                    },
                    "@b"
                ]
            );
        }
    }
}
