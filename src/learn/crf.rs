//! A linear-chain conditional random field over items that carry sparse attributes (attribute
//! ids), trained by L-BFGS (OWL-QN for the L1 part) on the negative log-likelihood with an
//! elastic-net penalty, as CRFsuite does. Tagging gives the Viterbi path, the marginal
//! probability of each item's labels, and the probability of a whole span.
//!
//! State features exist only for the (attribute, label) pairs seen in training (CRFsuite's
//! default); transitions are a dense label × label table. The gradient is computed on every
//! core, each thread over its own share of the sentences.

// Lattice code indexes several tables by the same label number: plain index loops read best.
#![allow(clippy::needless_range_loop)]

use std::ops::Range;

/// One training sequence: the attribute ids of each item and the label of each item.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    /// `items[t]` = the attribute ids of item `t` (each present with value 1).
    pub items: Vec<Vec<u32>>,
    /// `labels[t]` = the label id of item `t`.
    pub labels: Vec<u16>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainParams {
    /// L1 penalty (0 for none).
    pub c1: f64,
    /// L2 penalty.
    pub c2: f64,
    /// At most this many L-BFGS iterations.
    pub max_iterations: usize,
    /// Threads for the gradient (0: as many as the machine has cores).
    pub threads: usize,
}

impl Default for TrainParams {
    fn default() -> Self {
        Self {
            c1: 0.05,
            c2: 0.01,
            max_iterations: 120,
            threads: 0,
        }
    }
}

/// How far training has got, passed to the progress callback after each iteration.
#[derive(Debug, Clone, Copy)]
pub struct Iteration {
    /// Iterations done.
    pub done: usize,
    /// The iteration limit.
    pub max: usize,
    /// The penalised negative log-likelihood.
    pub loss: f64,
}

/// Why training stopped without a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainStop {
    /// The progress callback asked to stop.
    Cancelled,
    /// Nothing to learn from (no sequence, or one label only).
    NoData,
}

/// The trained parameters: which label each state feature of an attribute points to, their
/// weights, and the transition weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Crf {
    /// Number of labels.
    pub num_labels: usize,
    /// `offsets[a]..offsets[a + 1]` are the state features of attribute `a`.
    pub offsets: Vec<u32>,
    /// The label of each state feature.
    pub feature_labels: Vec<u16>,
    /// The weight of each state feature.
    pub weights: Vec<f64>,
    /// `transitions[i * L + j]`: the weight of label `i` followed by label `j`.
    pub transitions: Vec<f64>,
}

impl Crf {
    /// The number of attributes the model knows (ids `0..n`).
    pub fn num_attrs(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    fn features_of(&self, attr: u32) -> Range<usize> {
        let a = attr as usize;
        if a + 1 >= self.offsets.len() {
            return 0..0;
        }
        self.offsets[a] as usize..self.offsets[a + 1] as usize
    }

    /// State scores (`T × L`) of a sequence under `weights` (the state part of a flat
    /// parameter vector).
    fn state_scores(&self, items: &[Vec<u32>], weights: &[f64], out: &mut Vec<f64>) {
        let l = self.num_labels;
        out.clear();
        out.resize(items.len() * l, 0.0);
        for (t, item) in items.iter().enumerate() {
            let row = &mut out[t * l..(t + 1) * l];
            for &a in item {
                for f in self.features_of(a) {
                    row[self.feature_labels[f] as usize] += weights[f];
                }
            }
        }
    }

    /// The lattice of a sequence: Viterbi path, marginals and span probabilities.
    pub fn lattice(&self, items: &[Vec<u32>]) -> Lattice {
        let mut scores = Vec::new();
        self.state_scores(items, &self.weights, &mut scores);
        let mut work = Work::default();
        let trans_exp: Vec<f64> = self.transitions.iter().map(|w| w.exp()).collect();
        let log_z = work.forward_backward(&scores, items.len(), self.num_labels, &trans_exp);
        Lattice::new(self, scores, work, log_z)
    }
}

/// Scratch of the scaled forward-backward pass (CRFsuite's formulation).
#[derive(Debug, Default, Clone)]
struct Work {
    /// exp(state score − the row's max).
    ex: Vec<f64>,
    /// The max state score per item.
    shift: Vec<f64>,
    alpha: Vec<f64>,
    beta: Vec<f64>,
    /// Scale factor per item.
    scale: Vec<f64>,
}

impl Work {
    /// Runs forward and backward over `n` items; returns log Z.
    fn forward_backward(&mut self, scores: &[f64], n: usize, l: usize, trans_exp: &[f64]) -> f64 {
        self.ex.clear();
        self.ex.resize(n * l, 0.0);
        self.shift.clear();
        self.alpha.clear();
        self.alpha.resize(n * l, 0.0);
        self.beta.clear();
        self.beta.resize(n * l, 0.0);
        self.scale.clear();
        self.scale.resize(n, 1.0);
        for t in 0..n {
            let row = &scores[t * l..(t + 1) * l];
            let m = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            self.shift.push(m);
            for y in 0..l {
                self.ex[t * l + y] = (row[y] - m).exp();
            }
        }
        let mut log_z = 0.0;
        for t in 0..n {
            let mut sum = 0.0;
            for j in 0..l {
                let mut v = if t == 0 {
                    1.0
                } else {
                    let prev = &self.alpha[(t - 1) * l..t * l];
                    let mut acc = 0.0;
                    for i in 0..l {
                        acc += prev[i] * trans_exp[i * l + j];
                    }
                    acc
                };
                v *= self.ex[t * l + j];
                self.alpha[t * l + j] = v;
                sum += v;
            }
            let c = if sum > 0.0 { 1.0 / sum } else { 1.0 };
            for j in 0..l {
                self.alpha[t * l + j] *= c;
            }
            self.scale[t] = c;
            log_z += self.shift[t] - c.ln();
        }
        if n > 0 {
            let c = self.scale[n - 1];
            for y in 0..l {
                self.beta[(n - 1) * l + y] = c;
            }
        }
        // ex · beta of the item after, computed once per item rather than once per label pair.
        let mut next = vec![0.0; l];
        for t in (0..n.saturating_sub(1)).rev() {
            let c = self.scale[t];
            for j in 0..l {
                next[j] = self.ex[(t + 1) * l + j] * self.beta[(t + 1) * l + j];
            }
            for i in 0..l {
                let row = &trans_exp[i * l..(i + 1) * l];
                let acc: f64 = row.iter().zip(&next).map(|(a, b)| a * b).sum();
                self.beta[t * l + i] = acc * c;
            }
        }
        log_z
    }

    /// P(item `t` has label `y`).
    fn marginal(&self, t: usize, y: usize, l: usize) -> f64 {
        self.alpha[t * l + y] * self.beta[t * l + y] / self.scale[t]
    }
}

/// A tagged sequence: its best path and what the model believes of each item and span.
#[derive(Debug, Clone)]
pub struct Lattice {
    l: usize,
    n: usize,
    scores: Vec<f64>,
    transitions: Vec<f64>,
    /// `log_alpha[t * L + y]`: log of the unnormalised forward value (state of `t` included).
    log_alpha: Vec<f64>,
    /// `log_beta[t * L + y]`: log of the unnormalised backward value (state of `t` excluded).
    log_beta: Vec<f64>,
    marginals: Vec<f64>,
    log_z: f64,
}

impl Lattice {
    fn new(crf: &Crf, scores: Vec<f64>, w: Work, log_z: f64) -> Self {
        let l = crf.num_labels;
        let n = w.scale.len();
        let mut log_alpha = vec![0.0; n * l];
        let mut log_beta = vec![0.0; n * l];
        let mut marginals = vec![0.0; n * l];
        // Prefix sums of (shift − ln scale), and suffix sums of the same.
        let mut prefix = 0.0;
        for t in 0..n {
            prefix += w.shift[t] - w.scale[t].ln();
            for y in 0..l {
                log_alpha[t * l + y] = w.alpha[t * l + y].ln() + prefix;
                marginals[t * l + y] = w.marginal(t, y, l);
            }
        }
        // β̂_t = β_t · Π_{k ≥ t} c_k · Π_{k > t} e^{−shift_k}.
        let mut suffix_scale = 0.0;
        let mut suffix_shift = 0.0;
        for t in (0..n).rev() {
            suffix_scale += w.scale[t].ln();
            for y in 0..l {
                log_beta[t * l + y] = w.beta[t * l + y].ln() - suffix_scale + suffix_shift;
            }
            suffix_shift += w.shift[t];
        }
        Self {
            l,
            n,
            scores,
            transitions: crf.transitions.clone(),
            log_alpha,
            log_beta,
            marginals,
            log_z,
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the sequence is empty.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// P(item `t` has label `y`).
    pub fn marginal(&self, t: usize, y: usize) -> f64 {
        self.marginals[t * self.l + y]
    }

    /// The entropy (nats) of item `t`'s label distribution.
    pub fn entropy(&self, t: usize) -> f64 {
        let row = &self.marginals[t * self.l..(t + 1) * self.l];
        -row.iter()
            .filter(|p| **p > 0.0)
            .map(|p| p * p.ln())
            .sum::<f64>()
    }

    /// The most likely label sequence.
    pub fn viterbi(&self) -> Vec<u16> {
        let (l, n) = (self.l, self.n);
        if n == 0 {
            return Vec::new();
        }
        let mut best = self.scores[..l].to_vec();
        let mut back = vec![0u16; n * l];
        let mut next = vec![0.0; l];
        for t in 1..n {
            for j in 0..l {
                let mut arg = 0;
                let mut max = f64::NEG_INFINITY;
                for i in 0..l {
                    let v = best[i] + self.transitions[i * l + j];
                    if v > max {
                        max = v;
                        arg = i;
                    }
                }
                next[j] = max + self.scores[t * l + j];
                back[t * l + j] = arg as u16;
            }
            std::mem::swap(&mut best, &mut next);
        }
        let mut y = (0..l)
            .max_by(|a, b| best[*a].total_cmp(&best[*b]))
            .unwrap_or(0);
        let mut path = vec![0u16; n];
        for t in (0..n).rev() {
            path[t] = y as u16;
            y = back[t * l + y] as usize;
        }
        path
    }

    /// The probability that items `start..end` carry exactly `path` and that the item after
    /// them (if any) does not carry `not_after` (the label that would continue the span).
    pub fn path_probability(&self, start: usize, path: &[u16], not_after: Option<u16>) -> f64 {
        let l = self.l;
        let end = start + path.len();
        if path.is_empty() || end > self.n {
            return 0.0;
        }
        let mut lp = self.log_alpha[start * l + path[0] as usize];
        for k in 1..path.len() {
            let t = start + k;
            lp += self.transitions[path[k - 1] as usize * l + path[k] as usize]
                + self.scores[t * l + path[k] as usize];
        }
        let last = path[path.len() - 1] as usize;
        if end < self.n {
            let mut terms = Vec::with_capacity(l);
            for y in 0..l {
                if Some(y as u16) == not_after {
                    continue;
                }
                terms.push(
                    self.transitions[last * l + y]
                        + self.scores[end * l + y]
                        + self.log_beta[end * l + y],
                );
            }
            lp += log_sum_exp(&terms);
        }
        (lp - self.log_z).exp().clamp(0.0, 1.0)
    }
}

fn log_sum_exp(v: &[f64]) -> f64 {
    let m = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
}

/// Trains a CRF on `data` (attribute ids below `num_attrs`, label ids below `num_labels`).
/// `progress` is called after each iteration and stops training by returning `false`.
pub fn train(
    data: &[Instance],
    num_attrs: usize,
    num_labels: usize,
    params: TrainParams,
    progress: &mut dyn FnMut(Iteration) -> bool,
) -> Result<Crf, TrainStop> {
    let data: Vec<&Instance> = data
        .iter()
        .filter(|i| !i.items.is_empty() && i.items.len() == i.labels.len())
        .collect();
    if data.is_empty() || num_labels < 2 {
        return Err(TrainStop::NoData);
    }
    let l = num_labels;
    let mut crf = feature_table_refs(&data, num_attrs, l);
    let n_state = crf.weights.len();
    let n = n_state + l * l;
    // Observed counts are constant: compute them once.
    let observed = observed_counts(&crf, &data, n_state);
    let threads = if params.threads == 0 {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    } else {
        params.threads
    }
    .clamp(1, data.len().max(1));
    let chunk = data.len().div_ceil(threads);
    let shape = Crf {
        weights: Vec::new(),
        ..crf.clone()
    };
    let c2 = params.c2;
    let evaluate = |x: &[f64], gx: &mut [f64]| -> anyhow::Result<f64> {
        let parts: Vec<(f64, Vec<f64>)> = std::thread::scope(|s| {
            let handles: Vec<_> = data
                .chunks(chunk)
                .map(|part| {
                    let shape = &shape;
                    s.spawn(move || gradient_part(shape, part, x, n_state))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| (f64::NAN, Vec::new())))
                .collect()
        });
        let mut loss = 0.0;
        gx.fill(0.0);
        for (part_loss, g) in parts {
            if g.len() != gx.len() {
                anyhow::bail!("a gradient thread failed");
            }
            loss += part_loss;
            for (a, b) in gx.iter_mut().zip(&g) {
                *a += b;
            }
        }
        for i in 0..n {
            gx[i] -= observed[i];
            if c2 > 0.0 {
                gx[i] += 2.0 * c2 * x[i];
                loss += c2 * x[i] * x[i];
            }
        }
        Ok(loss)
    };
    let max = params.max_iterations;
    let mut cancelled = false;
    let on_progress = |p: &liblbfgs::Progress| -> bool {
        let go = progress(Iteration {
            done: p.niter,
            max,
            loss: p.fx,
        });
        if !go {
            cancelled = true;
        }
        !go
    };
    let mut x = vec![0.0; n];
    let mut opt = liblbfgs::lbfgs()
        .with_max_iterations(max)
        .with_epsilon(1e-5)
        .with_fx_delta(1e-5, 10);
    if params.c1 > 0.0 {
        opt = opt
            .with_linesearch_algorithm("BacktrackingStrongWolfe")
            .with_orthantwise(params.c1, 0, n);
    }
    // The optimiser ends with an error when a line search cannot go on (rounding at the
    // optimum); the weights it reached are still the best so far, as in CRFsuite.
    let _ = opt.minimize(&mut x, evaluate, on_progress);
    if cancelled {
        return Err(TrainStop::Cancelled);
    }
    crf.weights = x[..n_state].to_vec();
    crf.transitions = x[n_state..].to_vec();
    Ok(crf)
}

/// Builds the feature table: one state feature per (attribute, label) pair seen in training.
fn feature_table_refs(data: &[&Instance], num_attrs: usize, l: usize) -> Crf {
    let mut seen: Vec<Vec<u16>> = vec![Vec::new(); num_attrs];
    for inst in data {
        for (item, &y) in inst.items.iter().zip(&inst.labels) {
            for &a in item {
                if let Some(s) = seen.get_mut(a as usize)
                    && !s.contains(&y)
                {
                    s.push(y);
                }
            }
        }
    }
    let mut offsets = Vec::with_capacity(num_attrs + 1);
    let mut feature_labels = Vec::new();
    offsets.push(0u32);
    for mut s in seen {
        s.sort_unstable();
        feature_labels.extend(s);
        offsets.push(feature_labels.len() as u32);
    }
    Crf {
        num_labels: l,
        weights: vec![0.0; feature_labels.len()],
        offsets,
        feature_labels,
        transitions: vec![0.0; l * l],
    }
}

/// How often each feature fires with the gold labels (the constant part of the gradient).
fn observed_counts(shape: &Crf, data: &[&Instance], n_state: usize) -> Vec<f64> {
    let l = shape.num_labels;
    let mut observed = vec![0.0; n_state + l * l];
    for inst in data {
        for (t, (item, &y)) in inst.items.iter().zip(&inst.labels).enumerate() {
            for &a in item {
                for f in shape.features_of(a) {
                    if shape.feature_labels[f] == y {
                        observed[f] += 1.0;
                    }
                }
            }
            if t > 0 {
                observed[n_state + inst.labels[t - 1] as usize * l + y as usize] += 1.0;
            }
        }
    }
    observed
}

/// Loss (−log-likelihood) and expected counts of a share of the sentences under `x`.
fn gradient_part(shape: &Crf, part: &[&Instance], x: &[f64], n_state: usize) -> (f64, Vec<f64>) {
    let l = shape.num_labels;
    let mut g = vec![0.0; x.len()];
    let trans = &x[n_state..];
    let trans_exp: Vec<f64> = trans.iter().map(|w| w.exp()).collect();
    let mut scores = Vec::new();
    let mut work = Work::default();
    let mut loss = 0.0;
    let mut marginals = vec![0.0; l];
    let mut eb = vec![0.0; l];
    for inst in part {
        let n = inst.items.len();
        shape.state_scores(&inst.items, x, &mut scores);
        let log_z = work.forward_backward(&scores, n, l, &trans_exp);
        let mut gold = 0.0;
        for t in 0..n {
            let y = inst.labels[t] as usize;
            gold += scores[t * l + y];
            if t > 0 {
                gold += trans[inst.labels[t - 1] as usize * l + y];
            }
        }
        loss += log_z - gold;
        for (t, item) in inst.items.iter().enumerate() {
            // The item's marginals and ex · beta, once per item rather than once per feature.
            for y in 0..l {
                marginals[y] = work.marginal(t, y, l);
                eb[y] = work.ex[t * l + y] * work.beta[t * l + y];
            }
            for &a in item {
                for f in shape.features_of(a) {
                    g[f] += marginals[shape.feature_labels[f] as usize];
                }
            }
            if t > 0 {
                for i in 0..l {
                    let a = work.alpha[(t - 1) * l + i];
                    let row = &trans_exp[i * l..(i + 1) * l];
                    let out = &mut g[n_state + i * l..n_state + (i + 1) * l];
                    for j in 0..l {
                        out[j] += a * row[j] * eb[j];
                    }
                }
            }
        }
    }
    (loss, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Instance> {
        // Attribute 0 = "a" (label 1), 1 = "b" (label 2), 2 = "c" (label 0), 3 = bias.
        let seq = |s: &str| {
            let items = s
                .chars()
                .map(|c| vec![(c as u32 - 'a' as u32), 3])
                .collect();
            let labels = s
                .chars()
                .map(|c| match c {
                    'a' => 1,
                    'b' => 2,
                    _ => 0,
                })
                .collect();
            Instance { items, labels }
        };
        vec![seq("abcc"), seq("cabc"), seq("ccab"), seq("abab"), seq("c")]
    }

    #[test]
    fn marginals_sum_to_one_and_paths_agree_with_them() {
        let data = toy();
        let crf = train(&data, 4, 3, TrainParams::default(), &mut |_| true).unwrap();
        let lat = crf.lattice(&data[1].items);
        for t in 0..lat.len() {
            let s: f64 = (0..3).map(|y| lat.marginal(t, y)).sum();
            assert!((s - 1.0).abs() < 1e-9, "{s}");
        }
        // A one-item path with no condition on the next item is the marginal.
        for t in 0..lat.len() {
            for y in 0..3u16 {
                let p = lat.path_probability(t, &[y], None);
                assert!((p - lat.marginal(t, y as usize)).abs() < 1e-9);
            }
        }
        assert_eq!(lat.viterbi(), data[1].labels);
    }

    #[test]
    fn the_gradient_matches_finite_differences() {
        let data = toy();
        let refs: Vec<&Instance> = data.iter().collect();
        let shape = feature_table_refs(&refs, 4, 3);
        let n_state = shape.feature_labels.len();
        let n = n_state + 9;
        let x: Vec<f64> = (0..n)
            .map(|i| ((i * 7919) % 13) as f64 * 0.1 - 0.6)
            .collect();
        let loss_at = |x: &[f64]| {
            let (l, _) = gradient_part(&shape, &refs, x, n_state);
            // Observed part of the gradient is constant; the loss already includes the gold.
            l
        };
        let (_, expected) = gradient_part(&shape, &refs, &x, n_state);
        let observed = observed_counts(&shape, &refs, n_state);
        for i in 0..n {
            let h = 1e-6;
            let mut a = x.clone();
            a[i] += h;
            let mut b = x.clone();
            b[i] -= h;
            let numeric = (loss_at(&a) - loss_at(&b)) / (2.0 * h);
            let analytic = expected[i] - observed[i];
            assert!(
                (numeric - analytic).abs() < 1e-4,
                "feature {i}: {numeric} vs {analytic}"
            );
        }
    }

    #[test]
    fn a_span_probability_sums_over_what_may_follow() {
        let data = toy();
        let crf = train(&data, 4, 3, TrainParams::default(), &mut |_| true).unwrap();
        let lat = crf.lattice(&data[0].items);
        // P(y0 = 1, y1 = 2) + P(y0 = 1, y1 ≠ 2) = P(y0 = 1).
        let both = lat.path_probability(0, &[1, 2], None);
        let not = lat.path_probability(0, &[1], Some(2));
        assert!((both + not - lat.marginal(0, 1)).abs() < 1e-9);
    }

    #[test]
    fn cancelling_returns_no_model() {
        let data = toy();
        let r = train(&data, 4, 3, TrainParams::default(), &mut |_| false);
        assert_eq!(r.err(), Some(TrainStop::Cancelled));
        assert_eq!(
            train(&[], 4, 3, TrainParams::default(), &mut |_| true).err(),
            Some(TrainStop::NoData)
        );
    }
}
