//! Labelled name pairs: the generated rewrites (`pairs.jsonl`) and the real alias pairs with their hard negatives
//! (`alias_pairs.jsonl`). Each pair is scored by `match_names` with the default `NameKind` (what `matchNames`
//! does when a caller passes no kind: the headline) and with the pair's known kind, and by plain Jaro-Winkler.

use std::collections::BTreeMap;

use export_screen::{match_names, NameKind, DEFAULT_THRESHOLD};
use serde::Deserialize;

use crate::metrics::{auc, best_f1, cell, jw, pct, ratio, Prf};
use crate::{Half, Section, SummaryRow, HALVES, SHOWN};

/// One labelled pair, as either generator writes it (the generated set has `kind`/`transform`/`list`, the alias
/// set `class`/`relation`/`source`/scripts/quality).
#[derive(Deserialize, Clone)]
pub struct PairRow {
    pub a: String,
    pub b: String,
    #[serde(rename = "match")]
    pub is_match: bool,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    class: String,
    #[serde(default)]
    transform: String,
    #[serde(default)]
    relation: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    list: String,
    #[serde(default)]
    script_a: String,
    #[serde(default)]
    script_b: String,
    #[serde(default)]
    quality: String,
    #[serde(default)]
    pub half: Half,
}

impl PairRow {
    /// person / company / vessel / other.
    fn class(&self) -> &str {
        let c = if self.class.is_empty() { self.kind.as_str() } else { self.class.as_str() };
        match c {
            "organization" => "company",
            "any" | "" => "other",
            c => c,
        }
    }
    fn relation(&self) -> &str {
        if self.relation.is_empty() {
            &self.transform
        } else {
            &self.relation
        }
    }
    fn source(&self) -> &str {
        if self.source.is_empty() {
            &self.list
        } else {
            &self.source
        }
    }
    /// "Latin" when both sides are in one script, else "Latin–Cyrillic" (first side first); "-" when not known.
    fn scripts(&self) -> String {
        match (self.script_a.as_str(), self.script_b.as_str()) {
            ("", "") => "-".into(),
            (a, b) if a == b => a.into(),
            (a, b) => format!("{a}–{b}"),
        }
    }
    fn quality(&self) -> &str {
        if self.quality.is_empty() {
            "(not said)"
        } else {
            &self.quality
        }
    }
    pub fn known_kind(&self) -> NameKind {
        match self.class() {
            "person" => NameKind::Person,
            "company" => NameKind::Organization,
            _ => NameKind::Any,
        }
    }
}

/// The scores of one pair set.
pub struct Scored {
    pub rows: Vec<PairRow>,
    /// `match_names` with the default kind, with the known kind, and Jaro-Winkler.
    ours: Vec<f64>,
    pub known: Vec<f64>,
    base: Vec<f64>,
    labels: Vec<bool>,
}

pub fn score(rows: Vec<PairRow>) -> Scored {
    let ours = rows.iter().map(|p| match_names(&p.a, &p.b, NameKind::default()).score).collect();
    let known = rows.iter().map(|p| match_names(&p.a, &p.b, p.known_kind()).score).collect();
    let base = rows.iter().map(|p| jw(&p.a, &p.b)).collect();
    let labels = rows.iter().map(|p| p.is_match).collect();
    Scored { rows, ours, known, base, labels }
}

/// The figures of a subset of pairs.
struct Figures {
    n: usize,
    pos: usize,
    ours: Prf,
    known: Prf,
    auc: f64,
    best: (f64, f64),
    base: Prf,
    base_best: (f64, f64),
    base_auc: f64,
}

impl Scored {
    fn pick(&self, idx: &[usize]) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<bool>) {
        let get = |v: &[f64]| idx.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        (get(&self.ours), get(&self.known), get(&self.base), idx.iter().map(|&i| self.labels[i]).collect())
    }
    fn figures(&self, idx: &[usize]) -> Figures {
        let (o, k, b, l) = self.pick(idx);
        let t = DEFAULT_THRESHOLD;
        Figures {
            n: idx.len(),
            pos: l.iter().filter(|&&x| x).count(),
            ours: Prf::of(&o, &l, t),
            known: Prf::of(&k, &l, t),
            auc: auc(&o, &l),
            best: best_f1(&o, &l),
            base: Prf::of(&b, &l, t),
            base_best: best_f1(&b, &l),
            base_auc: auc(&b, &l),
        }
    }
    fn half(&self, h: Half) -> Vec<usize> {
        (0..self.rows.len()).filter(|&i| self.rows[i].half == h).collect()
    }
}

/// The report section of one pair set, its summary rows and its error lines (tune half only).
pub fn report(title: &str, key: &str, s: &Scored, target: Option<f64>) -> Section {
    let t = DEFAULT_THRESHOLD;
    let mut md = format!("## {title}\n\n");
    md.push_str(&format!(
        "| half | pairs (same entity) | export-screen @{t:.2} P / R / F1 | with the known kind | AUC | best F1 \
         (@threshold) | Jaro-Winkler @{t:.2} | Jaro-Winkler best F1 | Jaro-Winkler AUC |\n|---|---|---|---|---|---|---|---|---|\n"
    ));
    let mut summary = Vec::new();
    let mut f1_of = BTreeMap::new();
    for h in HALVES {
        let f = s.figures(&s.half(h));
        md.push_str(&format!(
            "| {} | {} ({}) | {} | {} | {:.3} | {:.3} (@{:.2}) | {} | {:.3} (@{:.2}) | {:.3} |\n",
            h.label(),
            f.n,
            f.pos,
            f.ours.short(),
            f.known.short(),
            f.auc,
            f.best.1,
            f.best.0,
            f.base.short(),
            f.base_best.1,
            f.base_best.0,
            f.base_auc
        ));
        f1_of.insert(h, f);
    }
    let (tune, held) = (&f1_of[&Half::Tune], &f1_of[&Half::Heldout]);
    summary.push(SummaryRow {
        measure: format!("{title}: F1 @{t:.2} (default kind)"),
        tune: format!("{:.3}", tune.ours.f1()),
        heldout: format!("{:.3}", held.ours.f1()),
        baseline: format!("{:.3}", held.base.f1()),
        target: target.map(|x| format!("≥ {x:.2}")).unwrap_or_default(),
        met: target.map(|x| held.ours.f1() >= x && tune.ours.f1() >= x),
    });
    summary.push(SummaryRow {
        measure: format!("{title}: AUC / best F1 (default kind)"),
        tune: format!("{:.3} / {:.3}", tune.auc, tune.best.1),
        heldout: format!("{:.3} / {:.3}", held.auc, held.best.1),
        baseline: format!("{:.3} / {:.3}", held.base_auc, held.base_best.1),
        target: String::new(),
        met: None,
    });
    // Latin-only pairs (both names in Latin script), as the check reports them.
    if s.rows.iter().any(|r| !r.script_a.is_empty()) {
        let latin =
            |h: Half| -> Vec<usize> { s.half(h).into_iter().filter(|&i| s.rows[i].scripts() == "Latin").collect() };
        let (lt, lh) = (s.figures(&latin(Half::Tune)), s.figures(&latin(Half::Heldout)));
        summary.push(SummaryRow {
            measure: format!("{title}: F1, both names Latin"),
            tune: format!("{:.3}", lt.ours.f1()),
            heldout: format!("{:.3}", lh.ours.f1()),
            baseline: format!("{:.3}", lh.base.f1()),
            target: String::new(),
            met: None,
        });
    }
    // Without the positives no name matcher can find from the names alone: a former name, nickname or cover name
    // with no word in common ("unrelated"), and aliases the list itself calls weak or low quality.
    if s.rows.iter().any(|r| r.relation == "unrelated") {
        let matchable = |h: Half| -> Vec<usize> {
            s.half(h)
                .into_iter()
                .filter(|&i| {
                    let r = &s.rows[i];
                    !r.is_match || r.relation != "unrelated" && !matches!(r.quality.as_str(), "weak" | "low")
                })
                .collect()
        };
        let (mt, mh) = (s.figures(&matchable(Half::Tune)), s.figures(&matchable(Half::Heldout)));
        summary.push(SummaryRow {
            measure: format!("{title}: F1 without unrelated names and weak/low aliases"),
            tune: format!("{:.3}", mt.ours.f1()),
            heldout: format!("{:.3}", mh.ours.f1()),
            baseline: format!("{:.3}", mh.base.f1()),
            target: String::new(),
            met: None,
        });
    }
    md.push('\n');

    // Breakdowns: the tune half in full, the held-out half's F1 beside it (aggregates only).
    type By = fn(&PairRow) -> String;
    let breakdowns: [(&str, By); 5] = [
        ("class", |r| r.class().to_string()),
        ("scripts", |r| r.scripts()),
        ("list", |r| r.source().to_string()),
        ("relation / transformation", |r| r.relation().to_string()),
        ("alias quality", |r| r.quality().to_string()),
    ];
    for (what, by) in breakdowns {
        let mut groups: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (i, r) in s.rows.iter().enumerate() {
            let g = groups.entry(by(r)).or_default();
            if r.half == Half::Tune {
                g.0.push(i);
            } else {
                g.1.push(i);
            }
        }
        if groups.len() < 2 {
            continue;
        }
        md.push_str(&format!(
            "By {what} (tune half; held-out F1 last):\n\n| {what} | same / different | found (same) | wrongly \
             matched (different) | F1 | F1, known kind | Jaro-Winkler F1 @{t:.2} | held-out F1 |\n|---|---|---|---|---|---|---|---|\n"
        ));
        for (g, (ti, hi)) in &groups {
            let f = s.figures(ti);
            let fh = s.figures(hi);
            let neg = f.n - f.pos;
            let both = |x: &Figures, v: f64| if x.pos > 0 && x.n > x.pos { format!("{v:.3}") } else { "–".into() };
            md.push_str(&format!(
                "| {} | {} / {} | {} | {} | {} | {} | {} | {} |\n",
                cell(g),
                f.pos,
                neg,
                if f.pos > 0 { pct(f.ours.recall()) } else { "–".into() },
                if neg > 0 { pct(ratio(f.ours.fp, neg)) } else { "–".into() },
                both(&f, f.ours.f1()),
                both(&f, f.known.f1()),
                both(&f, f.base.f1()),
                both(&fh, fh.ours.f1()),
            ));
        }
        md.push('\n');
    }

    // Errors: the tune half only.
    let tune_idx = s.half(Half::Tune);
    let mut fns: Vec<usize> = tune_idx.iter().copied().filter(|&i| s.labels[i] && s.ours[i] < t).collect();
    fns.sort_by(|&a, &b| s.ours[a].total_cmp(&s.ours[b]));
    let mut fps: Vec<usize> = tune_idx.iter().copied().filter(|&i| !s.labels[i] && s.ours[i] >= t).collect();
    fps.sort_by(|&a, &b| s.ours[b].total_cmp(&s.ours[a]));
    let mut errors = String::new();
    for (title2, list, set) in [("missed", &fns, "fn"), ("wrongly matched", &fps, "fp")] {
        md.push_str(&format!(
            "Pairs {title2} (tune half: {} pairs; first {SHOWN}, {}):\n\n| a | b | class | scripts | list | \
             relation | quality | score | known kind | Jaro-Winkler |\n|---|---|---|---|---|---|---|---|---|---|\n",
            list.len(),
            if set == "fn" { "lowest score first" } else { "highest score first" }
        ));
        for &i in list.iter().take(SHOWN) {
            let r = &s.rows[i];
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {:.3} | {:.3} | {:.3} |\n",
                cell(&r.a),
                cell(&r.b),
                r.class(),
                r.scripts(),
                r.source(),
                r.relation(),
                r.quality(),
                s.ours[i],
                s.known[i],
                s.base[i]
            ));
        }
        md.push('\n');
        for &i in list {
            let r = &s.rows[i];
            errors.push_str(&format!(
                "{key}_{set}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{}\n",
                cell(&r.a),
                cell(&r.b),
                r.relation(),
                s.ours[i],
                s.known[i],
                s.base[i],
                r.class(),
                r.scripts(),
                r.source(),
                r.quality()
            ));
        }
    }
    Section { markdown: md, summary, errors }
}
