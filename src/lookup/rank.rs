//! Ranking: one score in [0, 1] per candidate, a stable order, and the
//! ambiguity mark.
//!
//! The score is the method's base (exact > normalized > translit > fuzzy >
//! phonetic), lowered by the edit cost for approximate matches, plus a small
//! bonus from the entity's prior (population, prominence) on a log scale so
//! that a city of ten million outranks a village of the same name without
//! ever outranking a better match method. Ties break by ID.

use super::{Candidate, LookupOptions, Method};
use crate::index::Index;

/// Two candidates whose scores differ by less than this are both marked
/// ambiguous (`Georgia`: the country and the US state).
pub const AMBIGUITY_MARGIN: f64 = 0.015;

/// Weight of the prior: the most the prior can add to a score.
const PRIOR_SPAN: f64 = 0.02;

/// The prior's contribution in [0, `PRIOR_SPAN` (0.02)]: `log10(1 + prior) / 10`,
/// capped, so ten billion and above count the same.
pub fn prior_weight(prior: Option<f64>) -> f64 {
    match prior {
        Some(p) if p > 0.0 => ((1.0 + p).log10() / 10.0).min(1.0) * PRIOR_SPAN,
        _ => 0.0,
    }
}

/// The score of a match by `method` with similarity `similarity` in [0, 1]
/// (1 for exact key matches), before the prior.
pub fn score_for(method: Method, similarity: f64) -> f64 {
    let base = match method {
        Method::Exact => 0.98,
        Method::Normalized => 0.96,
        Method::Translit => 0.93,
        Method::Fuzzy => 0.90,
        Method::Phonetic => 0.80,
    };
    base * similarity.clamp(0.0, 1.0)
}

/// Scores, sorts, marks ambiguity, applies `top` and `min_score`.
pub(super) fn finish(index: &Index, opts: &LookupOptions, out: &mut Vec<Candidate>) {
    for c in out.iter_mut() {
        if c.score == 0.0 {
            c.score = score_for(c.method, 1.0);
        }
        c.score = (c.score + prior_weight(index.entity(c.entity).prior())).min(1.0);
    }
    out.retain(|c| c.score >= opts.min_score);
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.method.cmp(&b.method))
            .then_with(|| index.entity(a.entity).id().cmp(index.entity(b.entity).id()))
    });
    // Ambiguous: another candidate matched about as well, and the priors do
    // not settle it (a prior ten times larger does: Moscow, Russia over
    // Moscow, Idaho; Georgia the US state and the country stay ambiguous).
    if out.len() >= 2 {
        let top = out[0];
        let base = |c: &Candidate| c.score - prior_weight(index.entity(c.entity).prior());
        let top_prior = index.entity(top.entity).prior();
        let mut any = false;
        for c in out.iter_mut().skip(1) {
            if base(&top) - base(c) >= AMBIGUITY_MARGIN {
                continue;
            }
            let settled = match (top_prior, index.entity(c.entity).prior()) {
                (Some(a), Some(b)) => a >= 10.0 * b.max(1.0),
                _ => false,
            };
            if !settled {
                c.ambiguous = true;
                any = true;
            }
        }
        out[0].ambiguous = any;
    }
    out.truncate(opts.top);
}
