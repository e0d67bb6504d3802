//! Spreadsheet formula neutralisation.
//!
//! The text in a report is written by the very accounts being screened. A cell that starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel, LibreOffice
//! and Google Sheets (CSV injection). By default such cells get a leading apostrophe, which
//! spreadsheets display as text and do not show; `--raw-cells` writes them unchanged.

/// Whether a spreadsheet would interpret `cell` as a formula.
pub fn is_formula_like(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// `cell`, with a leading `'` if it would run as a formula.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralizes_formula_starts_only() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralize(bad), format!("'{bad}"));
        }
        for ok in ["hello", "0.5000", "", " =x", "a=b"] {
            assert_eq!(neutralize(ok), ok);
        }
    }
}
