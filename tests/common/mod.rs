//! Helpers shared by the integration tests: the test data, the shared
//! indexes, a seeded random source and the scanner driven whole or by
//! chunks. Each test crate uses a subset of them (`mod common;`).

#![allow(dead_code)]

use canonym::scan::{ChunkOptions, Chunker, DocContext, Mention, Prepared, ScanScratch, Scanner};
use canonym::{Entity, Index, Lexicon};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The shared news corpus beside the repository (`../shared/corpus`).
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The shared development lexicon (`../shared/dev/lexicon.csv`).
pub const DEV_LEXICON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");

/// A file of `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The corpus' `.txt` files, sorted by path.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// The corpus' `.txt` files as (file name, contents), sorted by path.
pub fn corpus() -> Vec<(String, Vec<u8>)> {
    corpus_files()
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// The embedded default index, opened once per test binary.
pub fn default_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::embedded().unwrap())
}

/// An index whose only name occurs in no test text: replace must be the
/// identity under it.
pub fn empty_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut lexicon = Lexicon::new();
        lexicon
            .add_entity(Entity::new("test:nothing", "GPE", "Qqzxqq Vvwxv"))
            .unwrap();
        Index::build(&lexicon, &Default::default()).unwrap()
    })
}

/// A xorshift64 generator: reproducible "random" points from a fixed seed
/// (which must not be zero).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The mentions `scanner` finds in `bytes` scanned as one document.
pub fn scan_whole(scanner: &Scanner<'_>, bytes: &[u8]) -> Vec<Mention> {
    let mut out = Vec::new();
    scanner.scan_document(bytes, &mut ScanScratch::new(), |m| out.push(*m));
    out
}

/// The mentions the exact scanner of `index` finds in `bytes`, scanned as
/// one document.
pub fn scan(index: &Index, bytes: &[u8]) -> Vec<Mention> {
    scan_whole(&Scanner::new(index), bytes)
}

/// The mentions `scanner` finds in `bytes` fed through the chunker with
/// `opts`, each chunk prepared and resolved in order.
pub fn scan_chunked(scanner: &Scanner<'_>, bytes: &[u8], opts: ChunkOptions) -> Vec<Mention> {
    let mut chunker = Chunker::new(bytes, opts);
    let mut ctx = DocContext::new();
    let mut scratch = ScanScratch::new();
    let mut prepared = Prepared::new();
    let mut out = Vec::new();
    while let Some(chunk) = chunker.next_chunk().unwrap() {
        scanner.prepare(&chunk, &mut prepared);
        scanner.resolve(&chunk, &prepared, &mut ctx, &mut scratch, |m| out.push(*m));
    }
    out
}
