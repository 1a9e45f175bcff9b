//! The approximate stages of lookup, tried when exact and romanized keys
//! find nothing:
//!
//! 1. the weighted edit automaton over the fst (`crate::fuzzy::search`)
//!    with a budget of one edit's worth of points (keys of 4 characters or
//!    more); each hit scores `3 − cost/10 + 3·similarity`, scaled to [0, 1];
//! 2. when the automaton finds nothing: phonetic keys (the query's code
//!    exactly, or within one unit edit when the code has at least
//!    [`PHONETIC_EDIT_MIN_CHARS`] characters; similarity ≥ 0.5) and trigram
//!    candidates (the top 20 by shared grams, scored by similarity).
//!
//! Only aliases whose kind allows approximate matching (not `acronym`,
//! `code` or `weak`) take part. The figures behind these choices are in
//! `src/fuzzy/mod.rs`.

use super::{Candidate, Method, Scratch};
use crate::fuzzy::{self, Budget, FuzzyConfig, UNIT};
use crate::index::{format::PHONETIC_PREFIX, Index};
use crate::key::key_into;

/// The highest edit cost an automaton hit may have and still score
/// `min_score`: a hit of cost `c` scores at most
/// `score_for(Fuzzy, (3 − c/10 + 3)/6)` plus the largest prior bonus.
pub(super) fn max_edit_cost(min_score: f64) -> u32 {
    let best_raw = |c: u32| (6.0 - f64::from(c) / f64::from(UNIT)) / 6.0;
    let reaches = |c: u32| {
        super::score_for(Method::Fuzzy, best_raw(c)) + super::prior_weight(Some(f64::MAX))
            >= min_score
    };
    // costs are small integers; the budget never exceeds a few edits
    (0..=6 * UNIT)
        .take_while(|&c| reaches(c))
        .last()
        .unwrap_or(0)
}

/// Trigrams found in more keys than this are skipped by the trigram stage:
/// on the dev set (330k keys) this halves the postings scanned per query
/// with the same top-1 accuracy as 20 000.
const GRAM_MAX_DF: u32 = 5_000;

/// Phonetic codes shorter than this are matched exactly; longer ones
/// within one unit edit. A short code has many neighbours one edit away
/// (about 13 hits per query on the dev set at any length), so an edit there
/// costs time and brings noise. On `../shared/dev` the exact match for
/// codes under 6 characters gave up 1 of 17,615 top-1 answers and made
/// lookup 28% faster overall.
pub const PHONETIC_EDIT_MIN_CHARS: usize = 6;

/// Keys hit by one approximate stage: (ordinal, cost, similarity).
type Hits = Vec<(u64, u32, f64)>;

/// Per-thread buffers of the approximate stages.
#[derive(Debug, Default)]
pub(super) struct ApproxScratch {
    automaton: fuzzy::Scratch,
    grams: Option<fuzzy::GramScratch>,
    hits: Hits,
    key: Vec<u8>,
    phonetic: String,
    alias_key: String,
}

/// The automaton settings of lookup's approximate stage, before the cap
/// from `min_score`: keys of up to 3 characters exact only, longer ones one
/// edit's worth of points ([`UNIT`]: one plain edit or a few cheap ones).
///
/// A second pass at two edits for long keys used to follow a miss; on the
/// dev set it added 0.005 top-1 on held-out names and cost half the lookup
/// time, and the phonetic and trigram stages behind it find most of what it
/// found.
pub fn edit_config() -> FuzzyConfig<'static> {
    FuzzyConfig {
        budget: Budget::ByLength {
            short_max: 3,
            short: 0,
            medium_max: 7,
            medium: UNIT,
            long: UNIT,
        },
        ..FuzzyConfig::default()
    }
}

impl Index {
    /// Adds approximate candidates for `qkey` to `out`.
    pub(super) fn approx_candidates(
        &self,
        qkey: &str,
        opts: &super::LookupOptions,
        s: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) {
        let wide = opts.wide;
        let a = &mut s.approx;
        a.hits.clear();
        let mut cfg = edit_config();
        if !wide {
            // running text: a smaller step cap
            cfg.max_steps = 20_000;
        }
        // No key costlier than this can reach `min_score`: searching for
        // them is wasted (in running text, where the threshold is 0.78, it
        // leaves out every plain edit and keeps the cheap ones).
        let cap = max_edit_cost(opts.min_score);
        if let Budget::ByLength { medium, long, .. } = &mut cfg.budget {
            *medium = (*medium).min(cap);
            *long = (*long).min(cap);
        }
        let hits = &mut a.hits;
        fuzzy::search(self.keys(), qkey, &cfg, &mut a.automaton, &mut |h| {
            if h.key.first() != Some(&PHONETIC_PREFIX) {
                let sim = std::str::from_utf8(h.key)
                    .map(|k| fuzzy::similarity(qkey, k))
                    .unwrap_or(0.0);
                hits.push((h.value, h.cost, sim));
            }
        });
        let mut found = false;
        for i in 0..a.hits.len() {
            let (ord, cost, sim) = a.hits[i];
            let raw = (3.0 - f64::from(cost) / f64::from(UNIT) + 3.0 * sim) / 6.0;
            found |= self.post(ord, Method::Fuzzy, raw, cost, out);
        }
        // Phonetic keys and trigrams are for names of some length: a short
        // key shares grams with too much to mean anything.
        if found || !wide || qkey.chars().count() < 5 {
            return;
        }

        // Phonetic keys.
        a.hits.clear();
        fuzzy::phonetic_key(qkey, &mut a.phonetic);
        let code_chars = a.phonetic.chars().count();
        if code_chars >= PHONETIC_EDIT_MIN_CHARS {
            let cfg = FuzzyConfig {
                namespace: Some(PHONETIC_PREFIX),
                ..FuzzyConfig::unit(UNIT)
            };
            let hits = &mut a.hits;
            fuzzy::search(self.keys(), &a.phonetic, &cfg, &mut a.automaton, &mut |h| {
                hits.push((h.value, h.cost, 0.0));
            });
        } else if code_chars >= 3 {
            a.key.clear();
            a.key.push(PHONETIC_PREFIX);
            a.key.extend_from_slice(a.phonetic.as_bytes());
            if let Some(ord) = self.key_ordinal(&a.key) {
                a.hits.push((ord, 0, 0.0));
            }
        }
        for i in 0..a.hits.len() {
            let (ord, cost, _) = a.hits[i];
            // Score against the best alias behind the phonetic key.
            let mut best = 0.0f64;
            for alias in self.postings(ord) {
                key_into(self.alias(alias).text(), &mut a.alias_key);
                best = best.max(fuzzy::similarity(qkey, &a.alias_key));
            }
            if best >= 0.5 {
                let raw = (best - f64::from(cost) / 100.0).max(0.0);
                self.post(ord, Method::Phonetic, raw, cost, out);
            }
        }

        // Trigram candidates.
        if let Some(grams) = self.grams() {
            let gs = a.grams.get_or_insert_with(|| {
                let mut g = fuzzy::GramScratch::new();
                g.max_df = GRAM_MAX_DF;
                g
            });
            a.hits.clear();
            let hits = &mut a.hits;
            grams.query(qkey, 20, gs, &mut |h| {
                hits.push((u64::from(h.ordinal), 0, h.score))
            });
            for i in 0..a.hits.len() {
                let ord = a.hits[i].0;
                if !self.key_of(ord, &mut a.key) {
                    continue;
                }
                let sim = std::str::from_utf8(&a.key)
                    .map(|k| fuzzy::similarity(qkey, k))
                    .unwrap_or(0.0);
                self.post(ord, Method::Fuzzy, sim * 0.95, 0, out);
            }
        }
    }

    /// Adds one candidate per entity behind key `ord` (fuzzy-eligible aliases
    /// only), keeping each entity's best. Returns whether any was added.
    pub(super) fn post(
        &self,
        ord: u64,
        method: Method,
        similarity: f64,
        cost: u32,
        out: &mut Vec<Candidate>,
    ) -> bool {
        self.post_where(ord, method, similarity, cost, out, |_| true)
    }

    /// [`Index::post`] for the aliases that `keep` accepts.
    pub(super) fn post_where(
        &self,
        ord: u64,
        method: Method,
        similarity: f64,
        cost: u32,
        out: &mut Vec<Candidate>,
        keep: impl Fn(u32) -> bool,
    ) -> bool {
        let score = super::score_for(method, similarity);
        let mut any = false;
        for a in self.postings(ord) {
            let alias = self.alias(a);
            if !alias.kind().allows_fuzzy() || !keep(a) {
                continue;
            }
            any = true;
            let cand = Candidate {
                entity: alias.entity().number(),
                alias: a,
                key: ord,
                score,
                method,
                cost,
                query_scheme: None,
                ambiguous: false,
            };
            match out.iter_mut().find(|c| c.entity == cand.entity) {
                Some(c) if cand.score > c.score => *c = cand,
                Some(_) => {}
                None => out.push(cand),
            }
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::max_edit_cost;

    #[test]
    fn edit_cost_cap_follows_the_threshold() {
        assert!(max_edit_cost(0.0) >= 20);
        // running text's threshold leaves out a plain edit (10 points)
        assert_eq!(max_edit_cost(0.78), 9);
        assert!(max_edit_cost(0.99) < 3);
    }
}
