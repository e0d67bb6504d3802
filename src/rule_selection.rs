//! `--select` / `--ignore`: which heuristics and campaign indicators run, by code or code
//! prefix, as ruff selects its rules.
//!
//! A selector is a case-insensitive prefix of rule codes (`RU-EN-PREP-001`, `RU-EN-`, `MAT-`,
//! `RU-`) or `ALL`. With no `--select`, every rule is selected. A code is selected when its
//! longest matching `--select` prefix is longer than its longest matching `--ignore` prefix
//! (an equally specific `--ignore` wins), so `--select RU-EN --ignore RU-EN-ART` keeps the
//! English heuristics but the article ones, and `--ignore RU-EN --select RU-EN-PREP-001` keeps
//! just that one English heuristic.
//!
//! Deselected rules are left out when the analyzer is built: heuristics are not in
//! [`crate::Analyzer::heuristics`] and indicators are not compiled into the campaign set, so
//! they cost nothing per item. An indicator that a selected `all_of` / `any_of` combination
//! needs still runs, as a building block that counts only through the combination.

/// Which rule codes run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Upper-cased prefixes; empty means every code is selected.
    select: Vec<String>,
    ignore: Vec<String>,
}

/// The selector that matches every code.
const ALL: &str = "ALL";

impl RuleSelection {
    /// Every rule.
    pub fn all() -> Self {
        Self::default()
    }

    pub fn new<S: AsRef<str>>(select: &[S], ignore: &[S]) -> Self {
        let clean = |list: &[S]| {
            list.iter()
                .map(|s| s.as_ref().trim().to_ascii_uppercase())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        };
        RuleSelection {
            select: clean(select),
            ignore: clean(ignore),
        }
    }

    /// Whether every rule runs.
    pub fn is_all(&self) -> bool {
        self.ignore.is_empty() && (self.select.is_empty() || self.select.iter().any(|s| s == ALL))
    }

    /// Whether the rule with this code runs.
    pub fn selects(&self, code: &str) -> bool {
        let selected = if self.select.is_empty() {
            Some(0)
        } else {
            specificity(&self.select, code)
        };
        match (selected, specificity(&self.ignore, code)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The selectors (as given, upper-cased) that match none of `codes`: most likely typos,
    /// which would otherwise silently select nothing.
    pub fn unmatched<'a>(&self, codes: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
        self.select
            .iter()
            .chain(&self.ignore)
            .filter(|p| p.as_str() != ALL && !codes.clone().any(|c| matches(p, c)))
            .cloned()
            .collect()
    }
}

/// `ALL` matches with specificity 0; a prefix with its length.
fn specificity(prefixes: &[String], code: &str) -> Option<usize> {
    prefixes
        .iter()
        .filter(|p| p.as_str() == ALL || matches(p, code))
        .map(|p| if p == ALL { 0 } else { p.len() })
        .max()
}

fn matches(prefix: &str, code: &str) -> bool {
    code.len() >= prefix.len()
        && code.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(select: &[&str], ignore: &[&str]) -> RuleSelection {
        RuleSelection::new(select, ignore)
    }

    #[test]
    fn no_selector_selects_everything() {
        let s = sel(&[], &[]);
        assert!(s.is_all());
        assert!(s.selects("RU-EN-PREP-001") && s.selects("MAT-001"));
        assert!(sel(&["ALL"], &[]).is_all());
    }

    #[test]
    fn prefixes_select_and_ignore_case_insensitively() {
        let s = sel(&["ru-en-"], &[]);
        assert!(!s.is_all());
        assert!(s.selects("RU-EN-PREP-001"));
        assert!(!s.selects("RU-FR-ART-001"));
        assert!(!s.selects("MAT-001"));
        let s = sel(&[], &["MAT-"]);
        assert!(s.selects("RU-EN-PREP-001") && !s.selects("MAT-001"));
    }

    #[test]
    fn the_more_specific_selector_wins_and_ignore_wins_ties() {
        let s = sel(&["RU-EN"], &["RU-EN-ART"]);
        assert!(s.selects("RU-EN-PREP-001"));
        assert!(!s.selects("RU-EN-ART-001"));
        let s = sel(&["RU-EN-PREP-001"], &["RU-EN"]);
        assert!(s.selects("RU-EN-PREP-001"));
        assert!(!s.selects("RU-EN-PREP-002"));
        let s = sel(&["MAT-001"], &["MAT-001"]);
        assert!(!s.selects("MAT-001"));
        let s = sel(&["ALL"], &["MAT"]);
        assert!(!s.selects("MAT-001") && s.selects("DOP-001"));
    }

    #[test]
    fn unmatched_selectors_are_reported() {
        let codes = ["RU-EN-PREP-001", "MAT-001"];
        let s = sel(&["RU-EN-PREPP", "ALL"], &["mat-", "XYZ"]);
        assert_eq!(
            s.unmatched(codes.iter().copied()),
            vec!["RU-EN-PREPP".to_string(), "XYZ".to_string()]
        );
    }
}
