//! The rejects file: every record that could not be screened, with its source, line, reason
//! and raw bytes (columns in `docs/report-schema.md`).

use super::{Finish, Nothing, Sink};
use crate::error::{Fatal, Result};
use crate::output::{OutputSet, Staged};
use crate::record::{Event, Provenance, Reject};
use crate::report::cells::neutralize;

/// Columns of the rejects file: `raw` is readable (invalid UTF-8 shown as U+FFFD),
/// `raw_base64` holds the record's bytes exactly, `position` where in a structured input it is.
pub const REJECT_COLUMNS: &[&str] = &[
    "source",
    "line",
    "reason",
    "detail",
    "raw",
    "raw_base64",
    "position",
];

pub struct RejectsSink {
    csv: csv::Writer<Staged>,
    path: String,
    raw_cells: bool,
    /// Without a file named by the user, an empty rejects file is not written at all.
    optional: bool,
    written: u64,
}

impl RejectsSink {
    /// Stage the rejects file at `path`; `optional`: leave it out when nothing is rejected.
    pub fn new(
        outputs: &mut OutputSet,
        path: &str,
        raw_cells: bool,
        optional: bool,
    ) -> Result<Self> {
        let staged = outputs.stage(path, "--rejects")?;
        let mut csv = csv::Writer::from_writer(staged);
        csv.write_record(REJECT_COLUMNS)
            .map_err(|e| write_err(path, e))?;
        Ok(RejectsSink {
            csv,
            path: path.to_string(),
            raw_cells,
            optional,
            written: 0,
        })
    }

    fn write(&mut self, provenance: &Provenance, reject: &Reject) -> Result<()> {
        use base64::Engine as _;
        let mut line = itoa::Buffer::new();
        let readable = String::from_utf8_lossy(&reject.raw);
        let cells = [
            &*provenance.source,
            line.format(provenance.line),
            reject.reason.as_str(),
            reject.detail.as_str(),
            &readable,
        ];
        let raw = self.raw_cells;
        let cell = |c: &str| {
            if raw {
                std::borrow::Cow::Borrowed(c)
            } else {
                neutralize(c)
            }
            .into_owned()
        };
        // Base64 cannot hold a formula's parentheses: it is written as is, so that it decodes.
        let exact = base64::engine::general_purpose::STANDARD.encode(&reject.raw);
        self.csv
            .write_record(
                cells
                    .iter()
                    .map(|c| cell(c))
                    .chain([exact, cell(&provenance.position)]),
            )
            .map_err(|e| write_err(&self.path, e))?;
        self.written += 1;
        Ok(())
    }
}

fn write_err(path: &str, e: impl std::fmt::Display) -> Fatal {
    Fatal::output(format!("{path}: cannot write the rejects file: {e}"))
}

impl Sink for RejectsSink {
    type Extractor = Nothing;

    fn extractor(&self) -> Nothing {
        Nothing
    }

    fn consume(&mut self, events: &[(u64, Event)], _: ()) -> Result<()> {
        for (_, event) in events {
            if let Event::Reject(provenance, reject) = event {
                self.write(provenance, reject)?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, run: &mut Finish<'_>) -> Result<()> {
        let this = *self;
        let staged = this
            .csv
            .into_inner()
            .map_err(|e| write_err(&this.path, e.error()))?;
        if this.optional && this.written == 0 {
            return Ok(()); // dropped: no file
        }
        run.outputs.ready(staged)?;
        run.summary.rejects_file = Some(this.path);
        Ok(())
    }
}
