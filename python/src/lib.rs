//! `calque._calque`: the native half of the Python package. Every decision is the library's:
//! the analyzer is built by [`EngineOptions::analyzer`] (as the CLI builds it), each record is
//! scored by [`Analyzer::analyze_record`] (as `calque scan` scores it), rows are the report's
//! own cells ([`calque::report::visit_cells`]), and `scan` is [`calque::pipeline::scan`]. The
//! Python half (`python/calque/__init__.py`) normalises arguments and converts to pyarrow.

mod arrow;
mod errors;
mod pool;
mod rows;

use arrow::{ArrowBatch, ChunkColumns, Strings};
use arrow_array::{Array, ArrayRef, Int64Array, StructArray};
use calque::accounts::report_input::{read_report, ReadOptions};
use calque::accounts::{partial, table, Accounts, Vocabulary};
use calque::campaigns::ioc::IocSpec;
use calque::engine::EngineOptions;
use calque::eval::explain::Explanation;
use calque::ingest::{ColumnSpec, IngestOptions, InputFormat};
use calque::narratives::load::NarrativeSpec;
use calque::output::OutputSet;
use calque::pipeline::{self, ScanOptions};
use calque::record::{Provenance, Record};
use calque::report::encode::ReportFormat;
use calque::report::{self, rank::rank_order, ReportRow};
use calque::rule_selection::RuleSelection;
use calque::{values, Analyzer, Fatal, Result};
use clap::ValueEnum;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;
use rows::{CellList, Columns, Kind, Number};
use std::path::PathBuf;
use std::sync::Arc;

/// Rows analysed as one task by a worker thread: enough to amortise a chunk's buffers, few
/// enough to balance the load.
const ROWS_PER_CHUNK: usize = 256;

/// The analyzer's options as the Python half passes them: a dict with the keys of
/// `calque._engine_options` (the CLI's `--config`, `--rules`, `--ioc`…).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct EngineDict {
    config: Option<PathBuf>,
    rules: Vec<PathBuf>,
    ioc: Vec<String>,
    narratives: Vec<String>,
    outlets: Option<PathBuf>,
    no_embedded_rules: bool,
    allow_langs: Vec<String>,
    factcheckers: Option<PathBuf>,
    select: Vec<String>,
    ignore: Vec<String>,
}

impl EngineDict {
    fn options(self) -> PyResult<EngineOptions> {
        let ioc = self
            .ioc
            .iter()
            .map(|spec| spec.parse::<IocSpec>())
            .collect::<std::result::Result<Vec<_>, String>>()
            .map_err(errors::UsageError::new_err)?;
        let narratives = self
            .narratives
            .iter()
            .map(|spec| spec.parse::<NarrativeSpec>())
            .collect::<std::result::Result<Vec<_>, String>>()
            .map_err(errors::UsageError::new_err)?;
        Ok(EngineOptions {
            config: self.config,
            rules: self.rules,
            no_embedded_rules: self.no_embedded_rules,
            outlets: self.outlets,
            allow_langs: self.allow_langs,
            ioc,
            narratives,
            factcheckers: self.factcheckers,
            selection: RuleSelection::new(&self.select, &self.ignore),
        })
    }
}

/// Which columns hold what (the CLI's `--text-col`… `--keep-cols`), as a dict.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct ColumnsDict {
    text_col: Option<String>,
    id_col: Option<String>,
    author_col: Option<String>,
    time_col: Option<String>,
    url_col: Option<String>,
    platform_col: Option<String>,
    keep_cols: Vec<String>,
}

impl From<ColumnsDict> for ColumnSpec {
    fn from(c: ColumnsDict) -> Self {
        ColumnSpec {
            text: c.text_col,
            id: c.id_col,
            author: c.author_col,
            timestamp: c.time_col,
            url: c.url_col,
            platform: c.platform_col,
            keep: c.keep_cols,
        }
    }
}

/// The rest of `calque scan`'s options, as a dict. Numbers arrive as text (`str(value)`) and go
/// through the CLI's own parsers ([`values`]), so that a value the CLI refuses is refused here
/// with the same words.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct ScanDict {
    output: String,
    format: String,
    input_format: Option<String>,
    rejects: Option<String>,
    summary: Option<String>,
    accounts: Option<String>,
    threads: String,
    batch_size: String,
    top: Option<String>,
    min_score: String,
    max_record_bytes: String,
    lossy_utf8: bool,
    sort_memory_mib: String,
    raw_cells: bool,
}

/// A compiled analyzer: rules, heuristics, language detector and config, built once.
#[pyclass(frozen, name = "NativeAnalyzer", module = "calque._calque")]
struct NativeAnalyzer {
    analyzer: Analyzer,
    columns: Columns,
}

/// Ranks of rows with these scores, in input order (1 = best; ties keep input order), as the
/// report ranks them.
fn ranks(scores: &[f64]) -> Vec<i64> {
    let mut order: Vec<ReportRow> = scores
        .iter()
        .enumerate()
        .map(|(seq, &score)| ReportRow {
            score,
            seq: seq as u64,
            encoded: Vec::new(),
        })
        .collect();
    order.par_sort_unstable_by(rank_order);
    let mut ranks = vec![0i64; scores.len()];
    for (position, row) in order.iter().enumerate() {
        ranks[row.seq as usize] = position as i64 + 1;
    }
    ranks
}

/// One analysed text, as cells and spans, before Python objects are made.
struct TextRow {
    score: f64,
    cells: Vec<String>,
    spans: Vec<(String, usize, usize)>,
}

impl NativeAnalyzer {
    fn text_row(&self, source: &Arc<str>, line: usize, text: &str) -> TextRow {
        let record = Record {
            text: text.to_string(),
            ..Default::default()
        };
        let provenance = Provenance::new(source.clone(), line as u64);
        let a = self.analyzer.analyze_record(&record);
        let mut cells = CellList::default();
        report::visit_cells(&mut cells, &self.analyzer, &provenance, &record, &a);
        let mut spans = Vec::new();
        rows::for_each_span(&self.analyzer, &a, text, |rule, s, e| {
            spans.push((rule.to_string(), s, e))
        });
        TextRow {
            score: a.score,
            cells: cells.cells,
            spans,
        }
    }

    /// Analyse the rows `start..end` of one batch into report cells.
    #[allow(clippy::too_many_arguments)]
    fn chunk(
        &self,
        columns: &Columns,
        inputs: &[Strings],
        kept: usize,
        source: &Arc<str>,
        first_line: usize,
        start: usize,
        end: usize,
    ) -> ChunkColumns {
        let text_bytes = (start..end)
            .map(|i| inputs[0].get(i).map_or(0, str::len))
            .sum();
        let mut out = ChunkColumns::new(columns, end - start, text_bytes);
        let mut record = Record::default();
        record.kept.resize(kept, String::new());
        for i in start..end {
            let fill = |slot: &mut String, column: &Strings| {
                slot.clear();
                slot.push_str(column.get(i).unwrap_or(""));
            };
            fill(&mut record.text, &inputs[0]);
            fill(&mut record.id, &inputs[1]);
            fill(&mut record.author, &inputs[2]);
            fill(&mut record.timestamp, &inputs[3]);
            fill(&mut record.url, &inputs[4]);
            fill(&mut record.platform, &inputs[5]);
            for (slot, column) in record.kept.iter_mut().zip(&inputs[6..]) {
                fill(slot, column);
            }
            let provenance = Provenance::new(source.clone(), (first_line + i) as u64);
            let a = self.analyzer.analyze_record(&record);
            out.begin_row(a.score);
            report::visit_cells(&mut out, &self.analyzer, &provenance, &record, &a);
            out.end_row();
            rows::for_each_span(&self.analyzer, &a, &record.text, |rule, s, e| {
                out.push_span(rule, s, e)
            });
        }
        out
    }
}

/// The value of a cell, typed as the JSON Lines report types it.
fn cell_value<'py>(py: Python<'py>, kind: Kind, cell: &str) -> PyResult<Bound<'py, PyAny>> {
    if kind == Kind::Text {
        return Ok(PyString::new(py, cell).into_any());
    }
    Ok(match rows::parse_number(cell) {
        Number::Int(i) => i.into_pyobject(py)?.into_any(),
        Number::Float(x) => x.into_pyobject(py)?.into_any(),
        Number::Missing => py.None().into_bound(py),
        Number::Text => PyString::new(py, cell).into_any(),
    })
}

#[pymethods]
impl NativeAnalyzer {
    #[new]
    fn new(py: Python<'_>, engine: EngineDict) -> PyResult<Self> {
        let options = engine.options()?;
        let (analyzer, columns) = py
            .detach(|| -> Result<_> {
                let analyzer = options.analyzer()?;
                let columns = Columns::of(&analyzer);
                Ok((analyzer, columns))
            })
            .map_err(errors::to_py)?;
        Ok(NativeAnalyzer { analyzer, columns })
    }

    /// The report's fixed columns and their types: (name, "int" | "float" | "str").
    fn columns(&self) -> Vec<(String, &'static str)> {
        self.columns
            .names
            .iter()
            .zip(&self.columns.kinds)
            .map(|(n, k)| {
                let kind = match k {
                    Kind::Int => "int",
                    Kind::Float => "float",
                    Kind::Text => "str",
                };
                (n.clone(), kind)
            })
            .collect()
    }

    /// One dict per text, in input order; `rank` ranks the texts of this call.
    #[pyo3(signature = (texts, source, threads))]
    fn analyze_texts<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        source: String,
        threads: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let source: Arc<str> = source.into();
        let rows: Vec<TextRow> = if texts.len() <= 1 {
            py.detach(|| {
                texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| self.text_row(&source, i + 1, t))
                    .collect()
            })
        } else {
            let pool =
                pool::get(values::capped_threads(threads)).map_err(errors::CalqueError::new_err)?;
            py.detach(|| {
                pool.install(|| {
                    texts
                        .par_iter()
                        .enumerate()
                        .with_min_len(16)
                        .map(|(i, t)| self.text_row(&source, i + 1, t))
                        .collect()
                })
            })
        };
        let scores: Vec<f64> = rows.iter().map(|r| r.score).collect();
        let ranks = ranks(&scores);
        let keys: Vec<Bound<'py, PyString>> = self
            .columns
            .names
            .iter()
            .map(|n| PyString::intern(py, n))
            .collect();
        let spans_key = PyString::intern(py, rows::SPANS);
        let (rule_key, start_key, end_key) = (
            PyString::intern(py, "rule"),
            PyString::intern(py, "start"),
            PyString::intern(py, "end"),
        );
        let out = PyList::empty(py);
        for (row, rank) in rows.iter().zip(ranks) {
            let dict = PyDict::new(py);
            dict.set_item(&keys[0], rank)?;
            for ((key, kind), cell) in keys[1..]
                .iter()
                .zip(&self.columns.kinds[1..])
                .zip(&row.cells)
            {
                dict.set_item(key, cell_value(py, *kind, cell)?)?;
            }
            let spans = PyList::empty(py);
            for (rule, start, end) in &row.spans {
                let span = PyDict::new(py);
                span.set_item(&rule_key, rule)?;
                span.set_item(&start_key, start)?;
                span.set_item(&end_key, end)?;
                spans.append(span)?;
            }
            dict.set_item(&spans_key, spans)?;
            out.append(dict)?;
        }
        Ok(out)
    }

    /// Report batches for record batches whose columns are, in order: text, id, author,
    /// timestamp, url, platform, then the kept columns (named `kept`); absent ones are all null.
    /// Ranks run over every row of the call; `source:N` numbers rows from 1 across batches.
    #[pyo3(signature = (batches, kept, source, threads))]
    fn analyze_batches(
        &self,
        py: Python<'_>,
        batches: Vec<Bound<'_, PyAny>>,
        kept: Vec<String>,
        source: String,
        threads: usize,
    ) -> PyResult<Vec<ArrowBatch>> {
        let columns = self.columns.with_kept(&kept);
        let mut inputs: Vec<(Vec<Strings>, usize)> = Vec::with_capacity(batches.len());
        for batch in &batches {
            let array = arrow::import_batch(batch)?;
            if array.num_columns() != 6 + kept.len() {
                return Err(PyValueError::new_err(format!(
                    "expected {} columns (text, id, author, timestamp, url, platform, kept), got {}",
                    6 + kept.len(),
                    array.num_columns()
                )));
            }
            let names = array.column_names();
            let strings = array
                .columns()
                .iter()
                .zip(names)
                .map(|(c, name)| Strings::new(name, c))
                .collect::<PyResult<Vec<_>>>()?;
            inputs.push((strings, array.len()));
        }
        let pool =
            pool::get(values::capped_threads(threads)).map_err(errors::CalqueError::new_err)?;
        let source: Arc<str> = source.into();
        let assembled = py.detach(|| -> std::result::Result<_, String> {
            pool.install(|| {
                let mut batches: Vec<StructArray> = Vec::with_capacity(inputs.len());
                let mut scores: Vec<f64> = Vec::new();
                let mut first_line = 1;
                for (strings, len) in &inputs {
                    let ranges: Vec<(usize, usize)> = (0..*len)
                        .step_by(ROWS_PER_CHUNK)
                        .map(|s| (s, (s + ROWS_PER_CHUNK).min(*len)))
                        .collect();
                    let chunks: Vec<ChunkColumns> = ranges
                        .par_iter()
                        .map(|&(s, e)| {
                            self.chunk(&columns, strings, kept.len(), &source, first_line, s, e)
                        })
                        .collect();
                    for chunk in &chunks {
                        if let Some((column, cell)) = &chunk.error {
                            return Err(format!(
                                "report column {} got the cell {cell:?}, which is not {:?}",
                                columns.names.get(*column).map_or("?", |n| n.as_str()),
                                columns.kinds.get(*column)
                            ));
                        }
                        scores.extend_from_slice(&chunk.scores);
                    }
                    // Ranks are known only once every batch is scored: 0 until then.
                    batches.push(arrow::assemble(&columns, &chunks, vec![0; *len])?);
                    first_line += len;
                }
                let ranks = ranks(&scores);
                let mut from = 0;
                let mut out = Vec::with_capacity(batches.len());
                for batch in batches {
                    let (fields, mut arrays, nulls) = batch.into_parts();
                    let n = arrays[0].len();
                    arrays[0] =
                        Arc::new(Int64Array::from(ranks[from..from + n].to_vec())) as ArrayRef;
                    from += n;
                    out.push(
                        StructArray::try_new(fields, arrays, nulls).map_err(|e| e.to_string())?,
                    );
                }
                Ok(out)
            })
        });
        let assembled = assembled.map_err(errors::CalqueError::new_err)?;
        Ok(assembled.into_iter().map(ArrowBatch::new).collect())
    }

    /// Everything the pipeline saw for one item, as `calque explain --format json` prints it.
    fn explain(&self, py: Python<'_>, text: String) -> PyResult<String> {
        py.detach(|| {
            let analysis = self.analyzer.analyze(&text);
            let explanation = Explanation::build(&self.analyzer, &text, &analysis);
            serde_json::to_string(&explanation)
        })
        .map_err(|e| errors::OutputError::new_err(format!("cannot write JSON: {e}")))
    }
}

/// A numeric option through the CLI's parser for it; refused as the CLI refuses it.
fn value<T>(
    flag: &str,
    text: &str,
    parse: fn(&str) -> std::result::Result<T, String>,
) -> PyResult<T> {
    parse(text).map_err(|e| {
        errors::UsageError::new_err(format!("invalid value '{text}' for '{flag}': {e}"))
    })
}

/// The value of a `--format`-like option, by the CLI's own names.
fn value_enum<T: ValueEnum>(flag: &str, value: &str) -> PyResult<T> {
    T::from_str(value, false).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        errors::UsageError::new_err(format!(
            "invalid value '{value}' for '{flag}' [possible values: {}]",
            names.join(", ")
        ))
    })
}

/// `calque scan`: the same pipeline, the same outputs; returns the summary as JSON.
#[pyfunction]
fn scan(
    py: Python<'_>,
    inputs: Vec<String>,
    run: ScanDict,
    columns: ColumnsDict,
    engine: EngineDict,
) -> PyResult<String> {
    let engine = engine.options()?;
    let options = ScanOptions {
        inputs: calque::ingest::expand_inputs(&inputs).map_err(errors::to_py)?,
        input_format: run
            .input_format
            .map(|f| value_enum::<InputFormat>("--input-format <INPUT_FORMAT>", &f))
            .transpose()?,
        ingest: IngestOptions {
            columns: columns.into(),
            max_record_bytes: value(
                "--max-record-bytes <BYTES>",
                &run.max_record_bytes,
                values::record_bytes,
            )?,
            lossy_utf8: run.lossy_utf8,
            ..IngestOptions::default()
        },
        output: run.output,
        format: value_enum::<ReportFormat>("--format <FORMAT>", &run.format)?,
        rejects: run.rejects,
        summary: run.summary,
        threads: values::capped_threads(value("--threads <N>", &run.threads, values::threads)?),
        batch_size: value("--batch-size <N>", &run.batch_size, values::batch_size)?,
        top: run
            .top
            .map(|top| value("--top <N>", &top, values::top))
            .transpose()?,
        min_score: value("--min-score <X>", &run.min_score, values::score)?,
        raw_cells: run.raw_cells,
        progress: false,
        sort_memory: value(
            "--sort-memory-mib <MIB>",
            &run.sort_memory_mib,
            values::sort_memory_bytes,
        )?,
        accounts: run.accounts,
        // The CLI's --bom, --coordination, --html and --xlsx: not offered from Python yet.
        bom: false,
        coordination: None,
        page: None,
    };
    // Ranking needs descriptors for its temporary runs: fail now, not after the whole scan.
    report::rank::fan_in_for_descriptors().map_err(errors::to_py)?;
    py.detach(|| -> Result<String> {
        let analyzer = engine.analyzer()?;
        let summary = pipeline::scan(&analyzer, &options)?;
        serde_json::to_string(&summary).map_err(|e| Fatal::output(e.to_string()))
    })
    .map_err(errors::to_py)
}

/// `calque accounts` without `--fit-base-rates` and `--eval-labels`: roll reports (or partial
/// aggregates) up to accounts and write the table, or with `partial` the partial aggregates,
/// which merge exactly when given together later. Returns the table's summary as JSON (empty
/// for a partial).
#[pyfunction(name = "accounts")]
#[pyo3(signature = (inputs, output, format, author_col, raw_cells, partial, summary, engine))]
#[allow(clippy::too_many_arguments)]
fn roll_up_accounts(
    py: Python<'_>,
    inputs: Vec<String>,
    output: String,
    format: String,
    author_col: Option<String>,
    raw_cells: bool,
    partial: bool,
    summary: Option<String>,
    engine: EngineDict,
) -> PyResult<String> {
    let engine = engine.options()?;
    let format = value_enum::<ReportFormat>("--format <FORMAT>", &format)?;
    py.detach(|| -> Result<String> {
        let mut outputs = OutputSet::new(&inputs);
        let mut staged = outputs.stage(&output, "-o")?;
        let summary_file = match &summary {
            Some(path) if !partial => Some(outputs.stage(path, "--summary")?),
            _ => None,
        };
        let analyzer = engine.analyzer()?;
        let vocab = Vocabulary::new(&analyzer);
        let read = ReadOptions {
            author_col,
            raw_cells,
        };
        let mut rollup = Accounts::new(analyzer.config.accounts.top_evidence);
        for input in &inputs {
            read_report(input, &vocab, &read, &mut rollup)?;
        }
        let json = if partial {
            partial::write(&rollup, &vocab, &mut staged)?;
            outputs.ready(staged)?;
            String::new()
        } else {
            let table = table::build(&rollup, &vocab);
            table::write(&table, format, raw_cells, &mut staged)?;
            outputs.ready(staged)?;
            if let Some(mut file) = summary_file {
                let name = file.name().to_string();
                let pretty = serde_json::to_string_pretty(&table.summary).expect("serializes");
                std::io::Write::write_all(&mut file, format!("{pretty}\n").as_bytes())
                    .map_err(|e| Fatal::output(format!("{name}: {e}")))?;
                outputs.ready(file)?;
            }
            serde_json::to_string(&table.summary).expect("serializes")
        };
        outputs.commit()?;
        Ok(json)
    })
    .map_err(errors::to_py)
}

/// Which input columns hold the text, id, author… of a table with these column names: the
/// CLI's own resolution (`--text-col` and the names it tries), with its error messages.
/// Returns the indices (text, id, author, timestamp, url, platform, kept).
#[pyfunction]
fn resolve_columns(
    names: Vec<String>,
    source: String,
    columns: ColumnsDict,
) -> PyResult<(usize, [Option<usize>; 5], Vec<usize>)> {
    let layout =
        calque::ingest::resolve_columns(&names, &columns.into(), &source).map_err(errors::to_py)?;
    Ok((
        layout.text,
        [
            layout.id,
            layout.author,
            layout.timestamp,
            layout.url,
            layout.platform,
        ],
        layout.keep,
    ))
}

#[pymodule]
fn _calque(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<NativeAnalyzer>()?;
    m.add_class::<ArrowBatch>()?;
    m.add_function(wrap_pyfunction!(scan, m)?)?;
    m.add_function(wrap_pyfunction!(roll_up_accounts, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_columns, m)?)?;
    m.add("SCHEMA_VERSION", report::SCHEMA_VERSION)?;
    m.add("NUMERIC_COLUMNS", report::NUMERIC_COLUMNS.to_vec())?;
    m.add("SPANS_COLUMN", rows::SPANS)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
