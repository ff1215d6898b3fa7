//! Counting: precision / recall / F1 at a threshold, the best threshold, AUC, quantiles, and the plain
//! Jaro-Winkler baseline every set is compared with.

/// The plain baseline: Jaro-Winkler on lowercased full strings.
pub fn jw(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(&a.to_lowercase(), &b.to_lowercase())
}

pub fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

pub fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}

/// Median and 99th percentile.
pub fn millis(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (quantile(&v, 0.5), quantile(&v, 0.99))
}

#[derive(Clone, Copy, Default)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Prf {
    pub fn of(scores: &[f64], labels: &[bool], threshold: f64) -> Prf {
        let mut m = Prf::default();
        for (&s, &l) in scores.iter().zip(labels) {
            match (s >= threshold, l) {
                (true, true) => m.tp += 1,
                (true, false) => m.fp += 1,
                (false, true) => m.fn_ += 1,
                (false, false) => {}
            }
        }
        m
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// "P / R / **F1**".
    pub fn short(&self) -> String {
        format!("{:.3} / {:.3} / **{:.3}**", self.precision(), self.recall(), self.f1())
    }
}

/// Thresholds 0.50, 0.51, ... 1.00.
pub fn thresholds() -> impl Iterator<Item = f64> {
    (50..=100).map(|t| t as f64 / 100.0)
}

/// The threshold that maximises F1 on these scores, and that F1.
pub fn best_f1(scores: &[f64], labels: &[bool]) -> (f64, f64) {
    thresholds()
        .map(|t| (t, Prf::of(scores, labels, t).f1()))
        .fold((0.5, -1.0), |best, x| if x.1 > best.1 { x } else { best })
}

/// Area under the ROC curve: the chance that a random positive scores above a random negative (ties count half).
pub fn auc(scores: &[f64], labels: &[bool]) -> f64 {
    let mut v: Vec<(f64, bool)> = scores.iter().copied().zip(labels.iter().copied()).collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (pos, neg) = (labels.iter().filter(|&&l| l).count(), labels.iter().filter(|&&l| !l).count());
    if pos == 0 || neg == 0 {
        return 0.0;
    }
    // Sum of the positives' ranks, with tied scores given their average rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j < v.len() && v[j].0 == v[i].0 {
            j += 1;
        }
        let avg = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg * v[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    (rank_sum - (pos * (pos + 1)) as f64 / 2.0) / (pos * neg) as f64
}

/// Text safe inside a Markdown table cell or a TSV field.
pub fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_perfect_and_inverted_and_ties() {
        assert_eq!(auc(&[0.9, 0.8, 0.2, 0.1], &[true, true, false, false]), 1.0);
        assert_eq!(auc(&[0.1, 0.2, 0.8, 0.9], &[true, true, false, false]), 0.0);
        assert_eq!(auc(&[0.5, 0.5], &[true, false]), 0.5);
    }

    #[test]
    fn prf_counts() {
        let m = Prf::of(&[0.9, 0.7, 0.85, 0.1], &[true, true, false, false], 0.8);
        assert_eq!((m.tp, m.fp, m.fn_), (1, 1, 1));
        assert!((m.f1() - 0.5).abs() < 1e-9);
    }
}
