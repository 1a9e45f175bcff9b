//! Fuzzy matching engine for name keys.
//!
//! Everything here works on *matching keys* (NFKC, case-folded, no diacritics,
//! hyphens as spaces, apostrophes and dots removed, single spaces) and on the
//! `fst::Map` that maps each key to its ordinal. This module uses no other
//! `crate::` module, so it can be compiled into `build.rs` with `#[path]`.
//!
//! Parts:
//! * [`search`]: a weighted, bounded Damerau–Levenshtein automaton
//!   ([`NameAutomaton`]) run over the fst, one DP row per key *character*
//!   (bytes are buffered until a UTF-8 character is complete, so `é`→`e` is
//!   one edit, not two). Costs come from a data table
//!   ([`CostTable::names`], `data/costs.tsv`): cheap romanization
//!   alternations (`o/u`, `kh/h`, `iy/y`, `sh/sch`, …), cheap doubled letters,
//!   nearly free spaces. [`weighted_distance`] is the slow reference DP and
//!   [`explain`] lists the edits of the best alignment.
//! * [`key_of_ordinal`]: reverse lookup ordinal → key by walking the raw fst.
//! * [`phonetic_key`]: a Metaphone-style skeleton for a second key namespace.
//! * [`GramIndex`]: a zero-copy trigram index over key ordinals, for
//!   candidates edit distance cannot reach (other-language names,
//!   reordered words, long queries).
//! * [`similarity`]: a [0, 1] score for ranking candidates.
//!
//! # Costs, budgets, first letter
//! Costs are in points, [`UNIT`] (10) per ordinary edit. The budget grows
//! with the query length ([`Budget`]); by default a query of at most 3
//! characters matches only exactly, 4–7 characters allow 10 points (one
//! edit or a few cheap ones), longer queries 20 points. An edit that touches
//! the first character of either string (its DP source cell lies on the
//! border row/column) costs [`FuzzyConfig::first_edit_penalty`] extra; the
//! default forbids plain edits there and charges
//! [`FuzzyConfig::first_rule_penalty`] for table rules (`Kharkiv`/`Harkiv`,
//! `Yekaterinburg`/`Ekaterinburg` stay reachable).
//!
//! # Bounds
//! Queries longer than [`FuzzyConfig::max_query_chars`] (at most
//! [`MAX_QUERY_CHARS`] = 64) are not searched ([`SearchStats::too_long`]);
//! use the gram index for them. The automaton state is a fixed-size value
//! (five rows of 65 `u8` cells, saturating), so each step allocates nothing;
//! the traversal stack lives in [`Scratch`] and is reused. The number of fst
//! transitions examined per query is capped by [`FuzzyConfig::max_steps`]
//! ([`SearchStats::truncated`] says when the cap cut a search short).

//! # How lookup uses it (measured on `shared/dev`)
//! For a query key `q` that exact and romanized keys do not find
//! (`src/lookup/approx.rs`; a non-Latin query uses its first romanization
//! first, its native key only when that finds nothing):
//! 1. [`search`] with a budget of one edit's worth of points (10) for keys of
//!    4 characters or more, capped further by what the caller's `min_score`
//!    can still accept (9 in running text, which leaves out plain edits).
//!    Each hit scores `3 - cost/10 + 3·similarity(q, key)`.
//! 2. only if step 1 found nothing: phonetic hits (the [`phonetic_key`] of
//!    `q` in the phonetic namespace: exactly when the code is shorter than
//!    6 characters, else searched with [`CostTable::unit`] and budget 10;
//!    keep keys with `similarity ≥ 0.5`) and the top 20 [`GramIndex`]
//!    candidates scored by `similarity(q, key)` alone.
//! 3. best score wins; the entity prior breaks near-ties.
//!
//! A second automaton pass at two edits after a miss added 0.005 top-1 on
//! held-out names and cost half the time; it was dropped. Top-1 on the dev
//! set (single thread, shared 2-core machine), exact lookup alone
//! 0.324 / 0.478 / 0.001:
//!
//! | pipeline | heldout | translit | typo | q/s |
//! |---|---|---|---|---|
//! | as above | 0.760 | 0.841 | 0.893 | ~11,900 |
//! | one phonetic edit at any code length | 0.760 | 0.841 | 0.893 | ~9,300 |
//! | with the two-edit second pass | 0.756 | 0.840 | 0.893 | ~1,900 |
//! | rapidfuzz extractOne(ratio) | 0.724 | 0.808 | 0.872 | ~80 |
//!
//! (In-process rates, lookup_profile. Later, the `ko-loan` reading of Hangul
//! queries and dropping administrative designators raised translit to
//! 0.857; the README has the side-by-side run.)

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod automaton;
mod costs;
mod grams;
mod phonetic;
mod reference;
mod reverse;
mod similarity;

pub use automaton::{search, NameAutomaton, Scratch, SearchStats, State};
pub use costs::{CostParseError, CostTable, Rule, MAX_COST, MAX_RULE_CHARS, UNIT};
pub use grams::{GramError, GramHit, GramIndex, GramIndexBuilder, GramScratch, GRAM_MAGIC};
pub use phonetic::{phonetic_key, PHONETIC_PREFIX};
pub use reference::{explain, weighted_distance, Edit, EditKind};
pub use reverse::key_of_ordinal;
pub use similarity::{similarity, similarity_damerau, similarity_jaro_winkler};

/// Longest query, in characters, the automaton can take.
pub const MAX_QUERY_CHARS: usize = 64;

/// How many cost points a query may spend, by its length in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// The same budget for every length.
    Fixed(u32),
    /// `short` points up to `short_max` chars, `medium` up to `medium_max`
    /// chars, `long` above.
    ByLength {
        /// Longest "short" query, in characters.
        short_max: usize,
        /// Budget of short queries, in points.
        short: u32,
        /// Longest "medium" query, in characters.
        medium_max: usize,
        /// Budget of medium queries, in points.
        medium: u32,
        /// Budget of longer queries, in points.
        long: u32,
    },
}

impl Budget {
    /// The budget in points for a query of `chars` characters (never above
    /// 250: automaton cells saturate at 255).
    pub fn for_len(&self, chars: usize) -> u32 {
        let b = match *self {
            Budget::Fixed(b) => b,
            Budget::ByLength {
                short_max,
                short,
                medium_max,
                medium,
                long,
            } => {
                if chars <= short_max {
                    short
                } else if chars <= medium_max {
                    medium
                } else {
                    long
                }
            }
        };
        b.min(250)
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::ByLength {
            short_max: 3,
            short: 0,
            medium_max: 7,
            medium: UNIT,
            long: 2 * UNIT,
        }
    }
}

/// Settings of a fuzzy search.
#[derive(Clone, Debug)]
pub struct FuzzyConfig<'c> {
    /// The cost model.
    pub costs: &'c CostTable,
    /// Budget by query length.
    pub budget: Budget,
    /// Extra points for a default (non-table) edit touching the first
    /// character of either string; `None` forbids such edits.
    pub first_edit_penalty: Option<u32>,
    /// Extra points for a table-rule edit touching the first character.
    pub first_rule_penalty: u32,
    /// Queries with more characters are not searched (clamped to
    /// [`MAX_QUERY_CHARS`]).
    pub max_query_chars: usize,
    /// Maximum fst transitions examined per search.
    pub max_steps: u32,
    /// If set, only keys starting with this byte are searched and the byte is
    /// not part of the compared text (e.g. [`PHONETIC_PREFIX`]).
    pub namespace: Option<u8>,
}

impl Default for FuzzyConfig<'static> {
    fn default() -> Self {
        FuzzyConfig {
            costs: CostTable::names(),
            budget: Budget::default(),
            first_edit_penalty: None,
            first_rule_penalty: 2,
            max_query_chars: MAX_QUERY_CHARS,
            max_steps: 200_000,
            namespace: None,
        }
    }
}

impl FuzzyConfig<'static> {
    /// Plain restricted Damerau–Levenshtein (every edit [`UNIT`], no
    /// first-letter penalty) with a fixed budget in points.
    pub fn unit(budget: u32) -> Self {
        FuzzyConfig {
            costs: CostTable::unit(),
            budget: Budget::Fixed(budget),
            first_edit_penalty: Some(0),
            first_rule_penalty: 0,
            ..FuzzyConfig::default()
        }
    }
}

impl<'c> FuzzyConfig<'c> {
    /// Budget in points for `query_key`.
    pub fn budget_for(&self, query_key: &str) -> u32 {
        self.budget.for_len(query_key.chars().count())
    }
}

/// One key accepted by [`search`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'k> {
    /// The matched key's bytes (without the namespace byte).
    pub key: &'k [u8],
    /// The fst value of the key (its ordinal).
    pub value: u64,
    /// Weighted distance in points (≤ the budget).
    pub cost: u32,
}
