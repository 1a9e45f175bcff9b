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

mod rank;

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
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            top: 5,
            min_score: 0.0,
        }
    }
}

/// Per-thread reusable buffers for lookups.
#[derive(Default, Debug)]
pub struct Scratch {
    key: String,
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

    /// Looks `query` up into `out` (cleared first), reusing `scratch`.
    pub fn lookup_into(
        &self,
        query: &str,
        opts: &LookupOptions,
        scratch: &mut Scratch,
        out: &mut Vec<Candidate>,
    ) {
        out.clear();
        key_into(query, &mut scratch.key);
        if scratch.key.is_empty() {
            return;
        }
        self.exact_candidates(query, &scratch.key, None, out);
        // A query in a non-Latin script is also romanized: `Киев` finds Kyiv
        // even where only Latin aliases were listed.
        if query.len() <= MAX_ROMANIZED_QUERY_BYTES
            && !query.is_ascii()
            && !matches!(crate::translit::script_of(query), None | Some("Latn"))
        {
            for v in crate::translit::variants(query, None) {
                key_into(&v.text, &mut scratch.key);
                if !scratch.key.is_empty() {
                    self.exact_candidates(&v.text, &scratch.key, Some(v.scheme.name()), out);
                }
            }
        }
        rank::finish(self, opts, out);
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
            let cand = Candidate {
                entity,
                alias: a,
                score: 0.0,
                method,
                cost: 0,
                query_scheme: scheme,
                ambiguous: false,
            };
            match out.iter_mut().find(|c| c.entity == entity) {
                Some(c) if (method, a) < (c.method, c.alias) => *c = cand,
                Some(_) => {}
                None => out.push(cand),
            }
        }
    }
}
