//! Arrow in and out through the Arrow C data interface (the PyCapsule protocol): record batches
//! arrive as `__arrow_c_array__` capsules and leave as an object offering one, so pyarrow,
//! Polars or DuckDB exchange the columns without a Python object per cell and without copying
//! the text they hand us.

use crate::rows::{parse_number, Columns, Kind, Number, SPANS};
use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{
    Array, ArrayRef, Float64Array, Int64Array, LargeStringArray, ListArray, StringArray,
    StringViewArray, StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_data::ArrayData;
use arrow_schema::{DataType, Field, Fields};
use calque::report::CellVisitor;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods};
use std::sync::Arc;

/// A record batch received from Python.
pub fn import_batch(obj: &Bound<'_, PyAny>) -> PyResult<StructArray> {
    if !obj.hasattr("__arrow_c_array__")? {
        return Err(PyTypeError::new_err(
            "expected an Arrow record batch (an object with __arrow_c_array__)",
        ));
    }
    let pair = obj.call_method0("__arrow_c_array__")?;
    let schema = pair.get_item(0)?.cast_into::<PyCapsule>()?;
    let array = pair.get_item(1)?.cast_into::<PyCapsule>()?;
    let schema_ptr = schema
        .pointer_checked(Some(c"arrow_schema"))?
        .cast::<FFI_ArrowSchema>();
    let array_ptr = array
        .pointer_checked(Some(c"arrow_array"))?
        .cast::<FFI_ArrowArray>();
    // SAFETY: the capsules are named as the PyCapsule protocol requires, so they hold an
    // ArrowArray and an ArrowSchema. `from_raw` moves the array out of its capsule, leaving it
    // released, as the protocol expects of a consumer; the schema is only borrowed while its
    // capsule is alive.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr());
        from_ffi(array, schema_ptr.as_ref())
    }
    .map_err(|e| PyValueError::new_err(format!("cannot import the Arrow batch: {e}")))?;
    if !matches!(data.data_type(), DataType::Struct(_)) {
        return Err(PyTypeError::new_err(
            "expected an Arrow record batch (a struct array), got a plain array",
        ));
    }
    Ok(StructArray::from(data))
}

/// A column of text as given: any of Arrow's three string layouts, or all nulls.
pub enum Strings {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
    Nulls,
}

impl Strings {
    pub fn new(name: &str, array: &ArrayRef) -> PyResult<Self> {
        let any = array.as_any();
        if let Some(a) = any.downcast_ref::<StringArray>() {
            Ok(Strings::Utf8(a.clone()))
        } else if let Some(a) = any.downcast_ref::<LargeStringArray>() {
            Ok(Strings::Large(a.clone()))
        } else if let Some(a) = any.downcast_ref::<StringViewArray>() {
            Ok(Strings::View(a.clone()))
        } else if array.data_type() == &DataType::Null {
            Ok(Strings::Nulls)
        } else {
            Err(PyTypeError::new_err(format!(
                "column {name:?} is {}, not text (cast it to string first)",
                array.data_type()
            )))
        }
    }

    /// The text of row `i`, or `None` if null.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Nulls => None,
        }
    }
}

/// The report's cells for a chunk of consecutive rows, column by column.
pub struct ChunkColumns {
    /// One per column but `rank` (column 0).
    bufs: Vec<Buf>,
    /// Column of the next cell of the current row, counted from 1.
    next: usize,
    /// The first cell that did not fit its column: (column, cell).
    pub error: Option<(usize, String)>,
    /// Each row's overall score, for the ranking.
    pub scores: Vec<f64>,
    spans: SpanBuf,
}

enum Buf {
    Text { bytes: Vec<u8>, ends: Vec<usize> },
    Int { values: Vec<i64>, valid: Vec<bool> },
    Float { values: Vec<f64>, valid: Vec<bool> },
}

#[derive(Default)]
struct SpanBuf {
    /// Spans per row.
    counts: Vec<usize>,
    rules: Vec<u8>,
    rule_ends: Vec<usize>,
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl ChunkColumns {
    pub fn new(columns: &Columns, rows: usize, text_bytes: usize) -> Self {
        let bufs = columns.kinds[1..]
            .iter()
            .zip(&columns.names[1..])
            .map(|(kind, name)| match kind {
                Kind::Text => Buf::Text {
                    bytes: Vec::with_capacity(if name == "text" { text_bytes } else { 0 }),
                    ends: Vec::with_capacity(rows),
                },
                Kind::Int => Buf::Int {
                    values: Vec::with_capacity(rows),
                    valid: Vec::with_capacity(rows),
                },
                Kind::Float => Buf::Float {
                    values: Vec::with_capacity(rows),
                    valid: Vec::with_capacity(rows),
                },
            })
            .collect();
        ChunkColumns {
            bufs,
            next: 1,
            error: None,
            scores: Vec::with_capacity(rows),
            spans: SpanBuf::default(),
        }
    }

    pub fn begin_row(&mut self, score: f64) {
        self.next = 1;
        self.scores.push(score);
        self.spans.counts.push(0);
    }

    /// Every column must have had its cell.
    pub fn end_row(&mut self) {
        if self.next != self.bufs.len() + 1 && self.error.is_none() {
            self.error = Some((self.next, "(a row with a different number of cells)".into()));
        }
    }

    pub fn push_span(&mut self, rule: &str, start: usize, end: usize) {
        let s = &mut self.spans;
        *s.counts.last_mut().expect("begin_row first") += 1;
        s.rules.extend_from_slice(rule.as_bytes());
        s.rule_ends.push(s.rules.len());
        s.starts.push(start as i64);
        s.ends.push(end as i64);
    }

    fn cell(&mut self, cell: &str) {
        let column = self.next;
        self.next += 1;
        let Some(buf) = self.bufs.get_mut(column - 1) else {
            self.error.get_or_insert((column, cell.to_string()));
            return;
        };
        let fits = match buf {
            Buf::Text { bytes, ends } => {
                bytes.extend_from_slice(cell.as_bytes());
                ends.push(bytes.len());
                true
            }
            Buf::Int { values, valid } => {
                let (v, ok, fits) = match parse_number(cell) {
                    Number::Int(i) => (i, true, true),
                    Number::Missing => (0, false, true),
                    _ => (0, false, false),
                };
                values.push(v);
                valid.push(ok);
                fits
            }
            Buf::Float { values, valid } => {
                let (v, ok, fits) = match parse_number(cell) {
                    Number::Int(i) => (i as f64, true, true),
                    Number::Float(x) => (x, true, true),
                    Number::Missing => (0.0, false, true),
                    Number::Text => (0.0, false, false),
                };
                values.push(v);
                valid.push(ok);
                fits
            }
        };
        if !fits {
            self.error.get_or_insert((column, cell.to_string()));
        }
    }
}

impl CellVisitor for ChunkColumns {
    fn text(&mut self, cell: &str) {
        self.cell(cell)
    }
    fn number(&mut self, cell: &str) {
        self.cell(cell)
    }
}

/// The Arrow type of the `spans` column.
fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("rule", DataType::Utf8, false),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
    ])
}

fn span_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Struct(span_fields()), false))
}

/// Offsets of Arrow's 32-bit string arrays from the end of each value in each chunk.
fn offsets<'a>(
    what: &str,
    parts: impl Iterator<Item = &'a [usize]>,
) -> Result<OffsetBuffer<i32>, String> {
    let mut offsets = vec![0i32];
    let mut base = 0usize;
    for ends in parts {
        let chunk_base = base;
        for &end in ends {
            base = chunk_base + end;
            offsets.push(i32::try_from(base).map_err(|_| {
                format!("the {what} column of this batch exceeds 2 GiB: pass smaller batches")
            })?);
        }
    }
    Ok(OffsetBuffer::new(ScalarBuffer::from(offsets)))
}

fn nulls(valid: Vec<bool>) -> Option<NullBuffer> {
    valid.iter().any(|v| !v).then(|| NullBuffer::from(valid))
}

/// One record batch (as a struct array) of the report's columns for `chunks`, in order, whose
/// rows rank `ranks`; `spans` adds the evidence spans column.
pub fn assemble(
    columns: &Columns,
    chunks: &[ChunkColumns],
    ranks: Vec<i64>,
) -> Result<StructArray, String> {
    let mut fields = vec![Field::new(&columns.names[0], DataType::Int64, true)];
    let mut arrays: Vec<ArrayRef> = vec![Arc::new(Int64Array::from(ranks))];
    for (c, (name, kind)) in columns.names.iter().zip(&columns.kinds).enumerate().skip(1) {
        let parts = chunks.iter().map(|chunk| &chunk.bufs[c - 1]);
        let (data_type, array): (DataType, ArrayRef) = match kind {
            Kind::Text => {
                let mut bytes = Vec::new();
                let mut ends: Vec<&[usize]> = Vec::new();
                for part in parts {
                    if let Buf::Text { bytes: b, ends: e } = part {
                        bytes.extend_from_slice(b);
                        ends.push(e);
                    }
                }
                let offsets = offsets(name, ends.into_iter())?;
                let array = StringArray::try_new(offsets, bytes.into(), None)
                    .map_err(|e| format!("column {name}: {e}"))?;
                (DataType::Utf8, Arc::new(array))
            }
            Kind::Int => {
                let (mut values, mut valid) = (Vec::new(), Vec::new());
                for part in parts {
                    if let Buf::Int {
                        values: v,
                        valid: ok,
                    } = part
                    {
                        values.extend_from_slice(v);
                        valid.extend_from_slice(ok);
                    }
                }
                let array = Int64Array::new(ScalarBuffer::from(values), nulls(valid));
                (DataType::Int64, Arc::new(array))
            }
            Kind::Float => {
                let (mut values, mut valid) = (Vec::new(), Vec::new());
                for part in parts {
                    if let Buf::Float {
                        values: v,
                        valid: ok,
                    } = part
                    {
                        values.extend_from_slice(v);
                        valid.extend_from_slice(ok);
                    }
                }
                let array = Float64Array::new(ScalarBuffer::from(values), nulls(valid));
                (DataType::Float64, Arc::new(array))
            }
        };
        fields.push(Field::new(name, data_type, true));
        arrays.push(array);
    }

    // The evidence spans: a list of {rule, start, end} per row.
    let mut list_offsets = vec![0i32];
    let (mut rules, mut starts, mut ends) = (Vec::new(), Vec::new(), Vec::new());
    let mut rule_ends: Vec<&[usize]> = Vec::new();
    let mut total = 0usize;
    for chunk in chunks {
        let s = &chunk.spans;
        for &n in &s.counts {
            total += n;
            list_offsets.push(i32::try_from(total).map_err(|_| "too many spans".to_string())?);
        }
        rules.extend_from_slice(&s.rules);
        rule_ends.push(&s.rule_ends);
        starts.extend_from_slice(&s.starts);
        ends.extend_from_slice(&s.ends);
    }
    let rule = StringArray::try_new(
        offsets("spans rule", rule_ends.into_iter())?,
        rules.into(),
        None,
    )
    .map_err(|e| format!("column spans: {e}"))?;
    let items = StructArray::try_new(
        span_fields(),
        vec![
            Arc::new(rule),
            Arc::new(Int64Array::from(starts)),
            Arc::new(Int64Array::from(ends)),
        ],
        None,
    )
    .map_err(|e| format!("column spans: {e}"))?;
    let spans = ListArray::try_new(
        span_item(),
        OffsetBuffer::new(ScalarBuffer::from(list_offsets)),
        Arc::new(items),
        None,
    )
    .map_err(|e| format!("column spans: {e}"))?;
    fields.push(Field::new(SPANS, spans.data_type().clone(), false));
    arrays.push(Arc::new(spans));

    StructArray::try_new(Fields::from(fields), arrays, None).map_err(|e| e.to_string())
}

/// A record batch handed to Python: `pyarrow.record_batch(obj)` (or Polars, DuckDB…) imports
/// it through `__arrow_c_array__` without copying.
#[pyclass(frozen, module = "calque._calque")]
pub struct ArrowBatch {
    data: ArrayData,
}

impl ArrowBatch {
    pub fn new(array: StructArray) -> Self {
        ArrowBatch {
            data: array.into_data(),
        }
    }
}

#[pymethods]
impl ArrowBatch {
    /// The PyCapsule protocol: (schema capsule, array capsule). The requested schema is not
    /// honoured (allowed by the protocol): the columns have the report's types.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<(Bound<'py, PyCapsule>, Bound<'py, PyCapsule>)> {
        let _ = requested_schema;
        let (array, schema) =
            to_ffi(&self.data).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((
            PyCapsule::new_with_value(py, schema, c"arrow_schema")?,
            PyCapsule::new_with_value(py, array, c"arrow_array")?,
        ))
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }
}
