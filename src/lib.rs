//! # canonym: one stable ID for every spelling of a name
//!
//! News, sanctions lists and archives name one entity many ways: *Kyiv*,
//! *Kiev*, *Київ*; *Choe Son Hui*, *Choe Son-hui*, *최선희*; *DPR*, *DNR*,
//! *Donetsk People's Republic*. canonym keeps a **lexicon** of canonical
//! entities and their aliases, compiles it into an immutable **index** built
//! on a finite-state transducer (the `fst` crate), and maps any variant to its
//! entity's ID.
//!
//! The layers, each using only the ones above it in this list:
//!
//! 1. [`translit`] — romanization per language and standard (Cyrillic,
//!    Hangul, Greek, letter-by-letter acronyms, a generic fallback);
//! 1. [`mod@key`] — the matching key: NFKC, full case folding, no diacritics,
//!    folded punctuation;
//! 1. [`fuzzy`] — the weighted edit automaton over the fst, phonetic keys,
//!    the trigram candidate index;
//! 2. [`lexicon`] — entities and aliases read from CSV or built in memory;
//! 3. [`index`] — the compiled, memory-mappable index (format, build, open);
//! 4. [`lookup`] — query → ranked [`Candidate`]s;
//! 5. [`scan`] — mentions of entities in running text, streaming;
//! 6. [`mod@print`] — replace, annotate and span printers over mentions.
//!
//! ## Thirty seconds
//!
//! ```
//! use canonym::{Alias, Entity, Index, Lexicon, LookupOptions};
//!
//! // A lexicon in memory (files work the same: `Lexicon::from_files`).
//! let mut lexicon = Lexicon::new();
//! let mut kyiv = Entity::new("canonym:kyiv", "GPE", "Kyiv");
//! kyiv.add_alias(Alias::new("Kiev"));
//! lexicon.add_entity(kyiv).unwrap();
//!
//! // Compile once, query many times (from many threads: `Index` is Sync).
//! let index = Index::build(&lexicon, &Default::default()).unwrap();
//! let hits = index.lookup("kiev", &LookupOptions::default());
//! let best = index.entity(hits[0].entity);
//! assert_eq!((best.id(), best.canonical()), ("canonym:kyiv", "Kyiv"));
//!
//! // The default index, compiled into the library from `lexicons/`:
//! let default = Index::embedded().unwrap();
//! assert!(default.entity_count() > 0);
//!
//! // Export the alias table as CSV (it reads back into the same index).
//! let mut csv = Vec::new();
//! index.export_csv(&mut csv, false).unwrap();
//! assert!(String::from_utf8(csv).unwrap().starts_with("id,canonical,alias,"));
//! ```
//!
//! The library never prints and never panics on bad input: errors are
//! [`Error`] values naming the file, line and field.

#![deny(missing_docs)]
// Errors carry file, line, field and both places of a conflict; they are
// the cold path, so their size is not worth boxing.
#![allow(clippy::result_large_err)]
#![forbid(unsafe_op_in_unsafe_fn)]

pub mod atomic;
pub mod error;
pub mod fuzzy;
pub mod index;
pub mod key;
pub mod lexicon;
pub mod lookup;
pub mod print;
pub mod scan;
pub mod translit;

pub use error::{Error, Result};
pub use index::{BuildOptions, Index};
pub use key::{key, key_into};
pub use lexicon::{Alias, AliasKind, Entity, Lexicon};
pub use lookup::{Candidate, LookupOptions, Method, Scratch};
