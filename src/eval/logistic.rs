//! L2-regularised logistic regression on sparse features, fitted deterministically, plus the
//! seeded fold assignment `calque tune` cross-validates with.
//!
//! Objective: mean log-loss + (l2 / 2)·‖β‖² (the bias is not penalised). Solved by accelerated
//! projected gradient descent (FISTA) with a fixed step 1/L, L an upper bound of the loss's
//! curvature, so the same data always gives the same coefficients. With `nonnegative`, every
//! coefficient but the bias is kept ≥ 0: calque's scoring formula can only add evidence, so a
//! rule that points towards "negative" is switched off rather than given a negative weight.

/// A sparse feature row: (feature index, value).
pub type Row = Vec<(usize, f64)>;

#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    pub l2: f64,
    pub iterations: usize,
    pub nonnegative: bool,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            l2: 0.01,
            iterations: 3000,
            nonnegative: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub bias: f64,
    pub coef: Vec<f64>,
}

impl Model {
    pub fn logit(&self, row: &Row) -> f64 {
        self.bias + row.iter().map(|&(j, v)| self.coef[j] * v).sum::<f64>()
    }
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Gradient of the objective at (bias, coef): returns (d bias, d coef).
pub fn gradient(rows: &[Row], labels: &[bool], model: &Model, l2: f64) -> (f64, Vec<f64>) {
    gradient_weighted(rows, labels, &vec![1.0; rows.len()], model, l2)
}

/// Fit a model with `dims` features.
pub fn fit(rows: &[Row], labels: &[bool], dims: usize, opts: FitOptions) -> Model {
    assert_eq!(rows.len(), labels.len(), "one label per row");
    let (rows, labels, counts) = compress(rows, labels);
    fit_weighted(&rows, &labels, &counts, dims, opts)
}

/// Identical (row, label) pairs merged into one with a count: most items fire no rule at all,
/// so this shrinks the problem to the few distinct patterns without changing the objective.
/// The order is that of the first occurrence, so the fit stays deterministic.
fn compress(rows: &[Row], labels: &[bool]) -> (Vec<Row>, Vec<bool>, Vec<f64>) {
    let mut index: std::collections::HashMap<(Vec<(usize, u64)>, bool), usize> =
        std::collections::HashMap::new();
    let (mut out_rows, mut out_labels, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    for (row, &y) in rows.iter().zip(labels) {
        let key = (row.iter().map(|&(j, v)| (j, v.to_bits())).collect(), y);
        match index.get(&key) {
            Some(&k) => counts[k] += 1.0,
            None => {
                index.insert(key, out_rows.len());
                out_rows.push(row.clone());
                out_labels.push(y);
                counts.push(1.0);
            }
        }
    }
    (out_rows, out_labels, counts)
}

/// Gradient of the objective with each row counted `counts[i]` times.
fn gradient_weighted(
    rows: &[Row],
    labels: &[bool],
    counts: &[f64],
    model: &Model,
    l2: f64,
) -> (f64, Vec<f64>) {
    let n: f64 = counts.iter().sum::<f64>().max(1.0);
    let mut gb = 0.0;
    let mut g = vec![0.0; model.coef.len()];
    for ((row, &y), &c) in rows.iter().zip(labels).zip(counts) {
        let r = c * (sigmoid(model.logit(row)) - f64::from(u8::from(y)));
        gb += r;
        for &(j, v) in row {
            g[j] += r * v;
        }
    }
    for (gj, cj) in g.iter_mut().zip(&model.coef) {
        *gj = *gj / n + l2 * cj;
    }
    (gb / n, g)
}

fn fit_weighted(
    rows: &[Row],
    labels: &[bool],
    counts: &[f64],
    dims: usize,
    opts: FitOptions,
) -> Model {
    let n: f64 = counts.iter().sum::<f64>().max(1.0);
    // Curvature bound: the log-loss Hessian is ≤ ¼·XᵀX/n (with a column of ones for the bias),
    // whose largest eigenvalue is at most its trace.
    let trace: f64 = rows
        .iter()
        .zip(counts)
        .map(|(r, c)| c * (1.0 + r.iter().map(|(_, v)| v * v).sum::<f64>()))
        .sum::<f64>()
        / n;
    let step = 1.0 / (0.25 * trace + opts.l2).max(1e-12);
    let project = |m: &mut Model| {
        if opts.nonnegative {
            for c in &mut m.coef {
                *c = c.max(0.0);
            }
        }
    };
    let mut x = Model {
        bias: 0.0,
        coef: vec![0.0; dims],
    };
    let mut y = x.clone();
    let mut t = 1.0f64;
    for _ in 0..opts.iterations {
        let (gb, g) = gradient_weighted(rows, labels, counts, &y, opts.l2);
        let mut next = Model {
            bias: y.bias - step * gb,
            coef: y.coef.iter().zip(&g).map(|(c, gc)| c - step * gc).collect(),
        };
        project(&mut next);
        let t_next = (1.0 + (1.0 + 4.0 * t * t).sqrt()) / 2.0;
        let momentum = (t - 1.0) / t_next;
        y = Model {
            bias: next.bias + momentum * (next.bias - x.bias),
            coef: next
                .coef
                .iter()
                .zip(&x.coef)
                .map(|(a, b)| a + momentum * (a - b))
                .collect(),
        };
        x = next;
        t = t_next;
    }
    x
}

/// splitmix64: a tiny, well-known seeded generator; enough to shuffle folds reproducibly.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (n > 0), by rejection so that no value is favoured.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }
}

/// Stratified fold of each item: positives and negatives are shuffled separately (seeded
/// Fisher–Yates) and dealt round-robin, so every fold has about the same class balance.
pub fn stratified_folds(labels: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let mut rng = SplitMix64::new(seed);
    let mut fold = vec![0; labels.len()];
    for class in [true, false] {
        let mut members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        for i in (1..members.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            members.swap(i, j);
        }
        for (pos, &i) in members.iter().enumerate() {
            fold[i] = pos % k;
        }
    }
    fold
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unregularised() -> FitOptions {
        FitOptions {
            l2: 0.0,
            iterations: 20000,
            nonnegative: false,
        }
    }

    #[test]
    fn bias_only_model_learns_the_log_odds() {
        // 3 positives, 1 negative, no features: bias = ln(3/1).
        let rows = vec![Row::new(); 4];
        let m = fit(&rows, &[true, true, true, false], 0, unregularised());
        assert!((m.bias - 3f64.ln()).abs() < 1e-6, "{}", m.bias);
    }

    #[test]
    fn one_binary_feature_by_hand() {
        // x = 0: 1 positive, 3 negatives → bias = ln(1/3).
        // x = 1: 3 positives, 1 negative → bias + β = ln 3, so β = 2·ln 3.
        let mut rows = Vec::new();
        let mut labels = Vec::new();
        for (x, y) in [
            (0.0, true),
            (0.0, false),
            (0.0, false),
            (0.0, false),
            (1.0, true),
            (1.0, true),
            (1.0, true),
            (1.0, false),
        ] {
            rows.push(if x > 0.0 { vec![(0, x)] } else { vec![] });
            labels.push(y);
        }
        let m = fit(&rows, &labels, 1, unregularised());
        assert!((m.bias - (1.0f64 / 3.0).ln()).abs() < 1e-5, "{}", m.bias);
        assert!((m.coef[0] - 2.0 * 3f64.ln()).abs() < 1e-4, "{}", m.coef[0]);
        // The L2 penalty shrinks the coefficient.
        let shrunk = fit(
            &rows,
            &labels,
            1,
            FitOptions {
                l2: 0.5,
                ..unregularised()
            },
        );
        assert!(shrunk.coef[0] > 0.0 && shrunk.coef[0] < m.coef[0] - 0.5);
    }

    #[test]
    fn nonnegative_fit_satisfies_the_optimality_conditions() {
        // Feature 0 points to positives, feature 1 to negatives.
        let rows: Vec<Row> = vec![
            vec![(0, 1.0)],
            vec![(0, 1.0), (1, 0.5)],
            vec![(1, 1.0)],
            vec![(1, 1.0)],
            vec![],
            vec![(0, 1.0)],
        ];
        let labels = [true, true, false, false, false, true];
        let opts = FitOptions {
            l2: 0.05,
            iterations: 5000,
            nonnegative: true,
        };
        let m = fit(&rows, &labels, 2, opts);
        assert!(m.coef[0] > 0.5);
        assert_eq!(m.coef[1], 0.0, "negative evidence is clamped to zero");
        let (gb, g) = gradient(&rows, &labels, &m, opts.l2);
        assert!(gb.abs() < 1e-6 && g[0].abs() < 1e-6, "{gb} {g:?}");
        assert!(
            g[1] >= 0.0,
            "a clamped coefficient must have a non-negative gradient"
        );
    }

    #[test]
    fn folds_are_seeded_stratified_and_balanced() {
        let labels: Vec<bool> = (0..103).map(|i| i % 3 == 0).collect();
        let a = stratified_folds(&labels, 5, 42);
        assert_eq!(a, stratified_folds(&labels, 5, 42));
        assert_ne!(a, stratified_folds(&labels, 5, 43));
        for f in 0..5 {
            let pos = (0..103).filter(|&i| a[i] == f && labels[i]).count();
            let neg = (0..103).filter(|&i| a[i] == f && !labels[i]).count();
            assert!((6..=7).contains(&pos), "fold {f}: {pos} positives");
            assert!((13..=14).contains(&neg), "fold {f}: {neg} negatives");
        }
    }

    #[test]
    fn splitmix64_reference_values() {
        // First outputs for seed 0 (reference implementation by S. Vigna).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
