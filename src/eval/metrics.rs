//! Ranking metrics over scores and binary labels, computed exactly.
//!
//! Definitions (mirrored in `docs/EVALUATION.md`):
//! - **ROC-AUC** is the Mann–Whitney statistic: the probability that a random positive scores
//!   above a random negative, a tie counting one half. Computed from midranks.
//! - **PR-AUC** is *average precision*: items are taken in decreasing score, items with equal
//!   scores as one group (one threshold); AP = Σ over groups of (recall gained in the group) ×
//!   (precision after the group). This is the step-wise definition (no interpolation), the one
//!   scikit-learn's `average_precision_score` uses.
//! - **precision@k** is the share of positives among the k best-scored items, ties in score
//!   broken by input order (the earlier item ranks first), as in calque's report.
//! - **best-F1 threshold**: among the distinct scores t (an item is flagged when score ≥ t), the
//!   one with the highest F1; on equal F1 the highest t (the fewest flags).
//! - **FPR at t**: negatives scoring ≥ t over all negatives.
//!
//! Functions return `None` when a metric is undefined (no positive, no negative, fewer than k
//! items) rather than a made-up number.

use serde::Serialize;

/// Scores with their labels, in input order.
pub struct Scored<'a> {
    pub scores: &'a [f64],
    pub labels: &'a [bool],
}

impl<'a> Scored<'a> {
    pub fn new(scores: &'a [f64], labels: &'a [bool]) -> Self {
        assert_eq!(scores.len(), labels.len(), "one label per score");
        Scored { scores, labels }
    }

    pub fn positives(&self) -> usize {
        self.labels.iter().filter(|&&l| l).count()
    }

    pub fn negatives(&self) -> usize {
        self.labels.len() - self.positives()
    }

    /// Indices by decreasing score; equal scores keep input order.
    fn ranked(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.scores.len()).collect();
        order.sort_by(|&a, &b| self.scores[b].total_cmp(&self.scores[a]).then(a.cmp(&b)));
        order
    }

    /// Groups of equal score in decreasing order: (score, positives, negatives).
    fn groups(&self) -> Vec<(f64, usize, usize)> {
        let mut groups: Vec<(f64, usize, usize)> = Vec::new();
        for i in self.ranked() {
            let s = self.scores[i];
            match groups.last_mut() {
                Some(g) if g.0 == s => {}
                _ => groups.push((s, 0, 0)),
            }
            let g = groups.last_mut().expect("just pushed");
            if self.labels[i] {
                g.1 += 1;
            } else {
                g.2 += 1;
            }
        }
        groups
    }
}

/// ROC-AUC with ties counted one half (Mann–Whitney U from midranks).
pub fn roc_auc(data: &Scored) -> Option<f64> {
    let (p, n) = (data.positives(), data.negatives());
    if p == 0 || n == 0 {
        return None;
    }
    // Walk groups from the lowest score up, giving each group the mean of the ranks it spans.
    let mut groups = data.groups();
    groups.reverse();
    let mut rank_sum_pos = 0.0;
    let mut below = 0usize;
    for (_, gp, gn) in groups {
        let size = gp + gn;
        let midrank = below as f64 + (size as f64 + 1.0) / 2.0;
        rank_sum_pos += midrank * gp as f64;
        below += size;
    }
    let u = rank_sum_pos - (p as f64) * (p as f64 + 1.0) / 2.0;
    Some(u / (p as f64 * n as f64))
}

/// Average precision (step-wise PR-AUC, tied scores as one threshold).
pub fn pr_auc(data: &Scored) -> Option<f64> {
    let p = data.positives();
    if p == 0 {
        return None;
    }
    let (mut tp, mut fp, mut ap) = (0usize, 0usize, 0.0);
    for (_, gp, gn) in data.groups() {
        tp += gp;
        fp += gn;
        if gp > 0 {
            ap += (gp as f64 / p as f64) * (tp as f64 / (tp + fp) as f64);
        }
    }
    Some(ap)
}

/// Share of positives among the `k` best-scored items (ties: input order); `None` if fewer
/// than `k` items.
pub fn precision_at(data: &Scored, k: usize) -> Option<f64> {
    if k == 0 || data.scores.len() < k {
        return None;
    }
    let hits = data
        .ranked()
        .into_iter()
        .take(k)
        .filter(|&i| data.labels[i])
        .count();
    Some(hits as f64 / k as f64)
}

/// The threshold with the best F1 and what flagging at it gives.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BestF1 {
    pub threshold: f64,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
}

/// Best F1 over the distinct scores as thresholds (flag when score ≥ t); ties in F1 go to the
/// highest threshold. `None` when there is no positive.
pub fn best_f1(data: &Scored) -> Option<BestF1> {
    let p = data.positives();
    if p == 0 {
        return None;
    }
    let (mut tp, mut fp) = (0usize, 0usize);
    let mut best: Option<BestF1> = None;
    for (s, gp, gn) in data.groups() {
        tp += gp;
        fp += gn;
        let precision = tp as f64 / (tp + fp) as f64;
        let recall = tp as f64 / p as f64;
        let f1 = if tp == 0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        // Strictly greater: groups come in decreasing score, so the first maximum is the
        // highest threshold.
        if best.is_none_or(|b| f1 > b.f1) {
            best = Some(BestF1 {
                threshold: s,
                f1,
                precision,
                recall,
            });
        }
    }
    best
}

/// Share of negatives scoring at or above `threshold`; `None` without negatives.
pub fn fpr_at(data: &Scored, threshold: f64) -> Option<f64> {
    let n = data.negatives();
    if n == 0 {
        return None;
    }
    let fp = data
        .scores
        .iter()
        .zip(data.labels)
        .filter(|(s, l)| !**l && **s >= threshold)
        .count();
    Some(fp as f64 / n as f64)
}

/// Share of positives scoring at or above `threshold` (recall when flagging there).
pub fn tpr_at(data: &Scored, threshold: f64) -> Option<f64> {
    let p = data.positives();
    if p == 0 {
        return None;
    }
    let tp = data
        .scores
        .iter()
        .zip(data.labels)
        .filter(|(s, l)| **l && **s >= threshold)
        .count();
    Some(tp as f64 / p as f64)
}

/// Every ranking metric of one score over one set of items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreMetrics {
    pub items: usize,
    pub positives: usize,
    pub negatives: usize,
    pub roc_auc: Option<f64>,
    pub pr_auc: Option<f64>,
    pub precision_at_10: Option<f64>,
    pub precision_at_100: Option<f64>,
    pub precision_at_1000: Option<f64>,
    pub best_f1: Option<BestF1>,
    /// The report's "high" threshold the two rates below are taken at.
    pub high_threshold: f64,
    pub fpr_at_high: Option<f64>,
    pub tpr_at_high: Option<f64>,
}

impl ScoreMetrics {
    pub fn compute(scores: &[f64], labels: &[bool], high: f64) -> Self {
        let d = Scored::new(scores, labels);
        ScoreMetrics {
            items: scores.len(),
            positives: d.positives(),
            negatives: d.negatives(),
            roc_auc: roc_auc(&d),
            pr_auc: pr_auc(&d),
            precision_at_10: precision_at(&d, 10),
            precision_at_100: precision_at(&d, 100),
            precision_at_1000: precision_at(&d, 1000),
            best_f1: best_f1(&d),
            high_threshold: high,
            fpr_at_high: fpr_at(&d, high),
            tpr_at_high: tpr_at(&d, high),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn auc_of_a_hand_worked_case() {
        // Pairs (pos, neg): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓ → 3/4.
        let s = [0.1, 0.4, 0.35, 0.8];
        let l = [false, false, true, true];
        assert!(close(roc_auc(&Scored::new(&s, &l)), 0.75));
    }

    #[test]
    fn tied_pairs_count_one_half() {
        // Pairs: (0.5 vs 0.5) tie ½, (0.5 vs 0.2) 1, (0.9 vs 0.5) 1, (0.9 vs 0.2) 1 → 3.5/4.
        let s = [0.5, 0.5, 0.9, 0.2];
        let l = [true, false, true, false];
        assert!(close(roc_auc(&Scored::new(&s, &l)), 0.875));
        // All scores equal: every pair a tie.
        let s = [0.3; 5];
        let l = [true, false, true, false, false];
        assert!(close(roc_auc(&Scored::new(&s, &l)), 0.5));
        // Perfect and reversed rankings.
        let l = [true, true, false];
        assert!(close(roc_auc(&Scored::new(&[3.0, 2.0, 1.0], &l)), 1.0));
        assert!(close(roc_auc(&Scored::new(&[1.0, 1.5, 2.0], &l)), 0.0));
    }

    #[test]
    fn auc_equals_the_pairwise_count_on_random_data_with_ties() {
        let mut rng = crate::eval::logistic::SplitMix64::new(7);
        for round in 0..50 {
            let n = 2 + rng.below(60) as usize;
            // Few distinct score values, so that ties are common.
            let scores: Vec<f64> = (0..n).map(|_| rng.below(6) as f64 / 5.0).collect();
            let labels: Vec<bool> = (0..n).map(|_| rng.below(3) == 0).collect();
            let d = Scored::new(&scores, &labels);
            let (mut wins, mut pairs) = (0.0, 0.0);
            for i in (0..n).filter(|&i| labels[i]) {
                for j in (0..n).filter(|&j| !labels[j]) {
                    pairs += 1.0;
                    wins += match scores[i].total_cmp(&scores[j]) {
                        std::cmp::Ordering::Greater => 1.0,
                        std::cmp::Ordering::Equal => 0.5,
                        std::cmp::Ordering::Less => 0.0,
                    };
                }
            }
            let expected = (pairs > 0.0).then(|| wins / pairs);
            match (roc_auc(&d), expected) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "round {round}: {a} vs {b}"),
                (a, b) => assert_eq!(a, b, "round {round}"),
            }
        }
    }

    #[test]
    fn undefined_metrics_are_none() {
        let s = [0.1, 0.2];
        assert_eq!(roc_auc(&Scored::new(&s, &[true, true])), None);
        assert_eq!(roc_auc(&Scored::new(&s, &[false, false])), None);
        assert_eq!(pr_auc(&Scored::new(&s, &[false, false])), None);
        assert_eq!(fpr_at(&Scored::new(&s, &[true, true]), 0.5), None);
        assert_eq!(precision_at(&Scored::new(&s, &[true, false]), 3), None);
    }

    #[test]
    fn average_precision_by_hand() {
        // Ranked: 0.9 P, 0.8 N, 0.7 P, 0.1 N. AP = ½·(1/1) + ½·(2/3) = 5/6.
        let s = [0.1, 0.7, 0.9, 0.8];
        let l = [false, true, true, false];
        assert!(close(pr_auc(&Scored::new(&s, &l)), 5.0 / 6.0));
        // A tie between a positive and a negative at the top is one threshold: precision ½
        // for the recall it brings. 0.9 {P, N}, 0.5 P → AP = ½·½ + ½·(2/3) = 7/12.
        let s = [0.9, 0.9, 0.5];
        let l = [true, false, true];
        assert!(close(pr_auc(&Scored::new(&s, &l)), 7.0 / 12.0));
    }

    #[test]
    fn precision_at_k_breaks_ties_by_input_order() {
        // Top 2: 0.9 (P) then the first 0.5, which is the negative at index 1.
        let s = [0.2, 0.5, 0.5, 0.9];
        let l = [false, false, true, true];
        assert!(close(precision_at(&Scored::new(&s, &l), 2), 0.5));
        assert!(close(precision_at(&Scored::new(&s, &l), 3), 2.0 / 3.0));
        assert!(close(precision_at(&Scored::new(&s, &l), 1), 1.0));
    }

    #[test]
    fn best_f1_threshold_by_hand() {
        // Thresholds: 0.9 → P=1, R=⅓, F1=½; 0.8 → P=½, R=⅓, F1=0.4; 0.7 → P=⅔, R=⅔, F1=⅔;
        // 0.6 → P=¾, R=1, F1=6/7; 0.1 → P=⅗, R=1, F1=¾. Best: 0.6.
        let s = [0.9, 0.8, 0.7, 0.6, 0.1];
        let l = [true, false, true, true, false];
        let b = best_f1(&Scored::new(&s, &l)).unwrap();
        assert_eq!(b.threshold, 0.6);
        assert!((b.f1 - 6.0 / 7.0).abs() < 1e-12);
        assert!((b.precision - 0.75).abs() < 1e-12);
        assert!((b.recall - 1.0).abs() < 1e-12);
        // Equal F1 at two thresholds: the higher one wins. 0.9 P → F1 = 2/3 (R=½);
        // 0.5 {P, N, N} → P=½, R=1 → F1 = 2/3.
        let s = [0.9, 0.5, 0.5, 0.5];
        let l = [true, true, false, false];
        assert_eq!(best_f1(&Scored::new(&s, &l)).unwrap().threshold, 0.9);
    }

    #[test]
    fn rates_at_a_threshold_include_equal_scores() {
        let s = [0.7, 0.69, 0.9, 0.1, 0.7];
        let l = [false, false, true, true, true];
        assert!(close(fpr_at(&Scored::new(&s, &l), 0.7), 0.5));
        assert!(close(tpr_at(&Scored::new(&s, &l), 0.7), 2.0 / 3.0));
    }
}
