//! The accounts table against account labels (`calque accounts --eval-labels FILE`): ROC-AUC
//! of the interference statistic and of the account score, and each label's accounts by
//! level. Metrics are `crate::eval::metrics`', the ones `calque eval` reports per item.

use super::table::{AccountLevel, Table};
use crate::error::{Fatal, Result};
use crate::eval::metrics::{roc_auc, Scored};
use crate::eval::{Label, LabelSpec};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Counts of one label's accounts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LabelCounts {
    pub accounts: u64,
    pub by_level: BTreeMap<String, u64>,
    /// Share of the label's accounts at level "high".
    pub share_high: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct AccountEval {
    pub positive: LabelCounts,
    pub negative: LabelCounts,
    /// Table rows without a label in the file, and labels naming no account of the table.
    pub unlabelled_accounts: u64,
    pub labels_without_account: u64,
    /// ROC-AUC of `-ln p` (the interference test alone, every account, tested or not).
    pub roc_auc_interference: Option<f64>,
    /// ROC-AUC of the account score (interference after Benjamini–Hochberg, and campaigns).
    pub roc_auc_score: Option<f64>,
}

/// Read labels: a CSV with columns `account` and `label` (1/0, true/false, yes/no) and,
/// optionally, `platform`.
pub fn read_labels(path: &str) -> Result<HashMap<(String, String), bool>> {
    let err = |line: u64, m: String| Fatal::input(format!("{path}:{line}: {m}"));
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| Fatal::input(format!("{path}: {e}")))?;
    let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
    let find = |name: &str| headers.iter().position(|h| h == name);
    let (Some(account), Some(label)) = (find("account"), find("label")) else {
        return Err(err(1, "needs columns account and label".into()));
    };
    let platform = find("platform");
    let spec = LabelSpec::default();
    let mut labels = HashMap::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| err(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let line = record.position().map_or(0, |p| p.line());
        let value = match spec.parse(&record[label]) {
            Label::Positive => true,
            Label::Negative => false,
            _ => {
                return Err(err(
                    line,
                    format!("label {:?} is not 1 or 0", &record[label]),
                ))
            }
        };
        let key = (
            platform.map_or(String::new(), |p| record[p].to_string()),
            record[account].to_string(),
        );
        if labels.insert(key, value).is_some() {
            return Err(err(
                line,
                format!("account {:?} labelled twice", &record[account]),
            ));
        }
    }
    Ok(labels)
}

/// Compare `table` with `labels`.
pub fn evaluate(table: &Table, labels: &HashMap<(String, String), bool>) -> AccountEval {
    let mut out = AccountEval::default();
    let (mut p_scores, mut scores, mut truth) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0u64;
    for row in table.rows() {
        let Some(&label) = labels.get(&(row.platform.clone(), row.account.clone())) else {
            out.unlabelled_accounts += 1;
            continue;
        };
        found += 1;
        p_scores.push(-row.p.max(f64::MIN_POSITIVE).ln());
        scores.push(row.score);
        truth.push(label);
        let counts = if label {
            &mut out.positive
        } else {
            &mut out.negative
        };
        counts.accounts += 1;
        *counts
            .by_level
            .entry(row.level.as_str().to_string())
            .or_default() += 1;
    }
    out.labels_without_account = labels.len() as u64 - found;
    for counts in [&mut out.positive, &mut out.negative] {
        let high = counts
            .by_level
            .get(AccountLevel::High.as_str())
            .copied()
            .unwrap_or(0);
        counts.share_high = (counts.accounts > 0).then(|| high as f64 / counts.accounts as f64);
    }
    out.roc_auc_interference = roc_auc(&Scored::new(&p_scores, &truth));
    out.roc_auc_score = roc_auc(&Scored::new(&scores, &truth));
    out
}
