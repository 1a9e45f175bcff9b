//! Looking names up: query → ranked candidates.
//!
//! ```
//! use canonym::{Entity, Index, Lexicon, LookupOptions, Method};
//! let mut lexicon = Lexicon::new();
//! let mut kyiv = Entity::new("geonames:703448", "GPE", "Kyiv");
//! kyiv.add_alias(canonym::Alias::new("Kiev"));
//! lexicon.add_entity(kyiv).unwrap();
//! let index = Index::build(&lexicon, &Default::default()).unwrap();
//!
//! let found = index.lookup("KIEV", &LookupOptions::default());
//! assert_eq!(index.entity(found[0].entity).id(), "geonames:703448");
//! assert_eq!(found[0].method, Method::Normalized);
//! ```
//!
//! [`Index::lookup`] allocates a scratch and a result vector per call; in a
//! hot loop keep a [`Scratch`] per thread and call [`Index::lookup_into`],
//! which allocates nothing once the buffers have grown.

mod approx;
mod initials;
mod rank;

pub use approx::{edit_config, PHONETIC_EDIT_MIN_CHARS};
pub use rank::{prior_weight, score_for, AMBIGUITY_MARGIN};

use crate::index::Index;
use crate::key::key_into;
use std::fmt;

/// Queries longer than this (in bytes) are not romanized: exact and
/// normalized lookup still apply at any length, but the romanizations of a
/// non-Latin query cost about twenty times its length in memory, and no
/// name is this long.
pub const MAX_ROMANIZED_QUERY_BYTES: usize = 1024;

/// How a candidate was found, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// The query is exactly an alias, byte for byte.
    Exact,
    /// The query's matching key equals an alias's key.
    Normalized,
    /// Through a romanization: a generated variant of a non-Latin alias, or
    /// the romanized query.
    Translit,
    /// Approximate: within the edit budget, or by shared n-grams.
    Fuzzy,
    /// By phonetic key.
    Phonetic,
}

impl Method {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Normalized => "normalized",
            Method::Translit => "translit",
            Method::Fuzzy => "fuzzy",
            Method::Phonetic => "phonetic",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One ranked answer to a query. Strings are read through the index:
/// `index.entity(c.entity).id()`, `index.alias(c.alias).text()`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// Entity number in the index.
    pub entity: u32,
    /// The alias that matched.
    pub alias: u32,
    /// Ordinal of the key that matched (see [`Index::key_of`]).
    pub key: u64,
    /// Score in [0, 1].
    pub score: f64,
    /// How it was found.
    pub method: Method,
    /// Weighted edit cost (0 for exact matches).
    pub cost: u32,
    /// The romanization scheme, when the query itself was romanized.
    pub query_scheme: Option<&'static str>,
    /// Whether another candidate scored within [`AMBIGUITY_MARGIN`] of the top.
    pub ambiguous: bool,
}

/// What a lookup returns and how far it searches.
#[derive(Clone, Debug)]
pub struct LookupOptions {
    /// At most this many candidates.
    pub top: usize,
    /// Candidates scoring below this are dropped.
    pub min_score: f64,
    /// Try approximate matching (edit automaton, phonetic keys, trigrams)
    /// when exact and romanized keys find nothing.
    pub fuzzy: bool,
    /// With `fuzzy`: also phonetic keys and trigram candidates when the edit
    /// automaton finds nothing. They reach held-out spellings but cost far
    /// more; the text scanner turns them off.
    pub wide: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            top: 5,
            min_score: 0.0,
            fuzzy: true,
            wide: true,
        }
    }
}

/// How many queries [`Index::lookup_best_cached`] remembers per scratch.
pub const MEMO_LIMIT: usize = 65_536;

/// The name part of a query that ends in an administrative designator
/// (`data/designators.tsv`): `가노야 시` → `가노야`, `京都市` → `京都`.
/// `None` when there is none or fewer than two characters would be left.
pub fn designator_stem(query: &str) -> Option<&str> {
    static TABLE: std::sync::OnceLock<(Vec<&'static str>, Vec<&'static str>)> =
        std::sync::OnceLock::new();
    let (words, joined) = TABLE.get_or_init(|| {
        let (mut words, mut joined) = (Vec::new(), Vec::new());
        for line in include_str!("data/designators.tsv").lines() {
            let mut f = line.split('\t');
            match (f.next(), f.next()) {
                (Some(d), Some("word")) if !d.starts_with('#') => words.push(d),
                (Some(d), Some("joined")) if !d.starts_with('#') => joined.push(d),
                _ => {}
            }
        }
        (words, joined)
    });
    let q = query.trim_end();
    if q.is_ascii() {
        return None;
    }
    let enough = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count() >= 2;
    if let Some((name, last)) = q.rsplit_once(' ') {
        let name = name.trim_end();
        if words.contains(&last) && enough(name) {
            return Some(name);
        }
    }
    joined
        .iter()
        .find_map(|d| q.strip_suffix(d))
        .filter(|name| !name.ends_with(' ') && enough(name))
}

/// Per-thread reusable buffers for lookups.
#[derive(Default, Debug)]
pub struct Scratch {
    key: String,
    qkey: String,
    tokens: String,
    approx: approx::ApproxScratch,
    memo: std::collections::HashMap<Box<str>, Option<Candidate>>,
    memo_for: (u64, u64, bool, bool),
    found: Vec<Candidate>,
}

impl Scratch {
    /// Empty buffers.
    pub fn new() -> Scratch {
        Scratch::default()
    }
}

impl Index {
    /// Looks `query` up and returns ranked candidates (best first).
    pub fn lookup(&self, query: &str, opts: &LookupOptions) -> Vec<Candidate> {
        let mut scratch = Scratch::new();
        let mut out = Vec::new();
        self.lookup_into(query, opts, &mut scratch, &mut out);
        out
    }

    /// The best candidate for `query`, remembered in `scratch` so that a name
    /// repeated through a document or a feed is looked up once per thread.
    /// The memory holds at most [`MEMO_LIMIT`] queries and is emptied when
    /// the scratch is used with another index or other options.
    pub fn lookup_best_cached(
        &self,
        query: &str,
        opts: &LookupOptions,
        scratch: &mut Scratch,
    ) -> Option<Candidate> {
        let sig = (
            self.serial(),
            opts.min_score.to_bits(),
            opts.fuzzy,
            opts.wide,
        );
        if scratch.memo_for != sig || scratch.memo.len() >= MEMO_LIMIT {
            scratch.memo.clear();
            scratch.memo_for = sig;
        }
        if let Some(c) = scratch.memo.get(query) {
            return *c;
        }
        let mut found = std::mem::take(&mut scratch.found);
        let one = LookupOptions {
            top: 2,
            ..opts.clone()
        };
        self.lookup_into(query, &one, scratch, &mut found);
        let best = found.first().copied();
        scratch.found = found;
        scratch.memo.insert(query.into(), best);
        best
    }

    /// Looks `query` up into `out` (cleared first), reusing `scratch`.
    ///
    /// A query that ends in an administrative designator of a caseless
    /// script (`가노야 시`, `京都市`; `data/designators.tsv`) and is not an
    /// exact key is looked up without it first; the whole query is matched
    /// approximately only if the name alone finds nothing. Candidates found
    /// through the name alone are never `exact`.
    pub fn lookup_into(
        &self,
        query: &str,
        opts: &LookupOptions,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) {
        out.clear();
        if let Some(variants) = self.exact_stage(query, scratch, out) {
            if out.is_empty() {
                if let Some(name) = designator_stem(query) {
                    if let Some(name_variants) = self.exact_stage(name, scratch, out) {
                        if out.is_empty() && opts.fuzzy {
                            self.approx_stage(name, &name_variants, opts, scratch, out);
                        }
                    }
                    for c in out.iter_mut() {
                        if c.method == Method::Exact {
                            c.method = Method::Normalized;
                        }
                    }
                }
            }
            // Hits on case forms alone (`Москве` of Moscow) do not stop the
            // search: a nominative query that happens to spell another
            // name's case form is more often a near miss of its own name.
            let case_forms_only = !out.is_empty() && out.iter().all(|c| self.is_case_form(c.alias));
            if (out.is_empty() || case_forms_only) && opts.fuzzy {
                let case_forms = std::mem::take(out);
                self.approx_stage(query, &variants, opts, scratch, out);
                for c in case_forms {
                    match out.iter_mut().find(|o| o.entity == c.entity) {
                        // (Approximate candidates carry their scores.)
                        Some(o) if o.score != 0.0 && o.score < c.score => *o = c,
                        Some(_) => {}
                        None => out.push(c),
                    }
                }
            }
        }
        rank::finish(self, opts, out);
    }

    /// Whether alias `a` is a generated case form.
    fn is_case_form(&self, a: u32) -> bool {
        self.alias(a)
            .scheme()
            .is_some_and(crate::translit::inflect::is_case_scheme)
    }

    /// Exact candidates of `query`'s key and of the keys of its
    /// romanizations. Returns the romanizations (empty for a Latin query),
    /// which the approximate stage reuses, or `None` when the query has an
    /// empty key.
    fn exact_stage(
        &self,
        query: &str,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) -> Option<Vec<crate::translit::Variant>> {
        key_into(query, &mut scratch.key);
        if scratch.key.is_empty() {
            return None;
        }
        self.exact_candidates(query, &scratch.key, None, out);
        // A query in a non-Latin script is also romanized: `Киев` finds Kyiv
        // even where only Latin aliases were listed.
        let romanized = query.len() <= MAX_ROMANIZED_QUERY_BYTES
            && !query.is_ascii()
            && !matches!(crate::translit::script_of(query), None | Some("Latn"));
        let variants = if romanized {
            crate::translit::variants(query, None)
        } else {
            Vec::new()
        };
        for v in &variants {
            key_into(&v.text, &mut scratch.key);
            if !scratch.key.is_empty() {
                self.exact_candidates(&v.text, &scratch.key, Some(v.scheme.name()), out);
            }
        }
        Some(variants)
    }

    /// The approximate stages for `query` (whose romanizations are
    /// `variants`), adding unranked candidates.
    fn approx_stage(
        &self,
        query: &str,
        variants: &[crate::translit::Variant],
        opts: &LookupOptions,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) {
        key_into(query, &mut scratch.qkey);
        let qkey = std::mem::take(&mut scratch.qkey);
        self.reordered_candidates(&qkey, scratch, out);
        // (not in running text: the walk may take milliseconds)
        if out.is_empty() && opts.wide {
            let (spaced, buf) = (&mut scratch.tokens, &mut scratch.key);
            self.initials_candidates(query, &qkey, spaced, buf, out);
        }
        if out.is_empty() {
            // A non-Latin query is matched approximately through its
            // romanizations (the first only in running text), in order
            // until one finds something; its native key only when none
            // does. Searching the native key first costs a full
            // search and, on the dev set, loses accuracy: a near miss in
            // the native script outranks the romanized match.
            let tries = if opts.wide { 3 } else { 1 };
            for v in variants.iter().take(tries) {
                if !out.is_empty() {
                    break;
                }
                key_into(&v.text, &mut scratch.key);
                let k = std::mem::take(&mut scratch.key);
                let before = out.len();
                self.approx_candidates(&k, opts, scratch, out);
                for c in &mut out[before..] {
                    c.query_scheme = Some(v.scheme.name());
                }
                scratch.key = k;
            }
            if out.is_empty() {
                self.approx_candidates(&qkey, opts, scratch, out);
            }
        }
        scratch.qkey = qkey;
    }

    /// Multi-word names in another order or with a middle name missing:
    /// `Putin Vladimir`, `Son Hui Choe`, `Vladimir Vladimirovich Putin` are
    /// looked up as exact keys in every rotation, reversed, and with the
    /// middle words dropped. Candidates are approximate (method `fuzzy`).
    fn reordered_candidates(&self, qkey: &str, s: &mut Scratch, out: &mut Vec<Candidate>) {
        let words: Vec<&str> = qkey.split(' ').collect();
        if !(2..=5).contains(&words.len()) {
            return;
        }
        let n = words.len();
        let try_order = |order: &mut dyn Iterator<Item = &str>,
                         s: &mut Scratch,
                         out: &mut Vec<Candidate>,
                         sim: f64| {
            s.tokens.clear();
            for (i, w) in order.enumerate() {
                if i > 0 {
                    s.tokens.push(' ');
                }
                s.tokens.push_str(w);
            }
            if s.tokens == qkey {
                return;
            }
            if let Some(ord) = self.key_ordinal(s.tokens.as_bytes()) {
                self.post(ord, Method::Fuzzy, sim, 0, out);
            }
        };
        for r in 1..n {
            try_order(
                &mut words[r..].iter().chain(&words[..r]).copied(),
                s,
                out,
                0.97,
            );
        }
        if n > 2 {
            try_order(&mut words.iter().rev().copied(), s, out, 0.97);
            try_order(&mut [words[0], words[n - 1]].into_iter(), s, out, 0.95);
            try_order(&mut [words[n - 1], words[0]].into_iter(), s, out, 0.94);
        }
    }

    /// Candidates whose alias key equals `key` (one per entity, its best
    /// alias). `scheme` names the romanization when `query` is one.
    fn exact_candidates(
        &self,
        query: &str,
        key: &str,
        scheme: Option<&'static str>,
        out: &mut Vec<Candidate>,
    ) {
        let Some(ord) = self.key_ordinal(key.as_bytes()) else {
            return;
        };
        for a in self.postings(ord) {
            let alias = self.alias(a);
            let method = if scheme.is_some()
                || (alias.is_generated()
                    && alias.kind() == crate::lexicon::AliasKind::Transliteration)
            {
                Method::Translit
            } else if alias.text() == query {
                Method::Exact
            } else {
                Method::Normalized
            };
            let entity = alias.entity().number();
            // (A case form ranks below a romanization: see `lookup_into`.)
            let case_form = self.is_case_form(a);
            let cand = Candidate {
                entity,
                alias: a,
                key: ord,
                score: if case_form {
                    rank::score_for(Method::Fuzzy, 1.0) + 0.01
                } else {
                    0.0
                },
                method,
                cost: 0,
                query_scheme: scheme,
                ambiguous: false,
            };
            match out.iter_mut().find(|c| c.entity == entity) {
                Some(c)
                    if (case_form, method, a) < (self.is_case_form(c.alias), c.method, c.alias) =>
                {
                    *c = cand
                }
                Some(_) => {}
                None => out.push(cand),
            }
        }
    }
}
