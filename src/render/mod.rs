//! The fact-checker's report: a self-contained HTML page and an Excel workbook, rendered from
//! (a) counts over every item ([`aggregate::Aggregates`], O(1) per item) and (b) the top rows
//! of the ranked report ([`table::Table`]), plus the rule catalogue and, when they exist, the
//! accounts and coordination tables. `calque render` reads those back from files; `calque
//! scan --html/--xlsx` collects them while it scans.

pub mod aggregate;
pub mod highlight;
pub mod plots;
pub mod table;
