//! Throughput of `normalize`'s scanner on news-like text: the shared corpus
//! articles, split into sentences, shuffled and repeated, with names from the
//! default lexicon inserted between them, to about 4 MiB. The mention count
//! is checked inside the timed loop. With the shared dev data present
//! (`../shared/dev/lexicon.csv`), the same with the large alias set.
//!
//! Run: `cargo bench --bench normalize`.

use canonym::scan::{LookupResolver, ScanScratch, Scanner};
use canonym::{Index, Lexicon};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
const DEV_LEXICON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");

/// A small deterministic generator (no dependency on a random crate).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn news_like(index: &Index, size: usize) -> String {
    let mut sentences: Vec<String> = Vec::new();
    let mut dir: Vec<_> = std::fs::read_dir(CORPUS)
        .expect("the shared corpus at ../shared/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    dir.sort();
    for p in dir {
        let text = std::fs::read_to_string(&p).expect("article");
        for s in text.split_inclusive(['.', '\n']) {
            if s.trim().len() > 3 {
                sentences.push(s.trim().to_string());
            }
        }
    }
    // Names from the lexicon: canonical names of a deterministic sample.
    let n = index.entity_count() as usize;
    let mut rng = Lcg(42);
    let names: Vec<&str> = (0..2000)
        .map(|_| index.entity(rng.below(n) as u32).canonical())
        .collect();
    let mut out = String::with_capacity(size + 1024);
    while out.len() < size {
        let s = &sentences[rng.below(sentences.len())];
        out.push_str(s);
        if rng.below(4) == 0 {
            out.push_str(" Officials in ");
            out.push_str(names[rng.below(names.len())]);
            out.push_str(" said so.");
        }
        out.push(if rng.below(5) == 0 { '\n' } else { ' ' });
        if rng.below(20) == 0 {
            out.push('\n');
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let index = Index::embedded().expect("embedded index");
    let text = news_like(&index, 4 << 20);
    let bytes = text.as_bytes();
    let exact = Scanner::new(&index);
    let fuzzy = Scanner::new(&index).with_fuzzy(Box::new(LookupResolver::default()));
    let mut scratch = ScanScratch::new();
    let count = |s: &Scanner<'_>, scratch: &mut ScanScratch| {
        let mut n = 0usize;
        s.scan_document(bytes, scratch, |_| n += 1);
        n
    };
    let expected_exact = count(&exact, &mut scratch);
    let expected_fuzzy = count(&fuzzy, &mut scratch);
    assert!(expected_exact > 10_000, "{expected_exact} mentions");

    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.sample_size(10);
    g.bench_function("exact_default_lexicon", |b| {
        b.iter(|| assert_eq!(count(&exact, &mut scratch), expected_exact))
    });
    g.bench_function("fuzzy_default_lexicon", |b| {
        b.iter(|| assert_eq!(count(&fuzzy, &mut scratch), expected_fuzzy))
    });
    g.finish();

    // The large alias set, when the shared dev data is there: text with its
    // names, scanned with an index built from it.
    let Some(dev) = dev_index() else {
        return;
    };
    let text = news_like(&dev, 4 << 20);
    let bytes = text.as_bytes();
    let exact = Scanner::new(&dev);
    let fuzzy = Scanner::new(&dev).with_fuzzy(Box::new(LookupResolver::default()));
    let mut scratch = ScanScratch::new();
    let count = |s: &Scanner<'_>, scratch: &mut ScanScratch| {
        let mut n = 0usize;
        s.scan_document(bytes, scratch, |_| n += 1);
        n
    };
    let expected_exact = count(&exact, &mut scratch);
    let expected_fuzzy = count(&fuzzy, &mut scratch);
    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.sample_size(10);
    g.bench_function("exact_dev_lexicon", |b| {
        b.iter(|| assert_eq!(count(&exact, &mut scratch), expected_exact))
    });
    g.bench_function("fuzzy_dev_lexicon", |b| {
        b.iter(|| assert_eq!(count(&fuzzy, &mut scratch), expected_fuzzy))
    });
    g.finish();
}

/// An index of `../shared/dev/lexicon.csv`, if present.
fn dev_index() -> Option<Index> {
    let path = std::path::Path::new(DEV_LEXICON);
    if !path.exists() {
        eprintln!("no {DEV_LEXICON}: skipping the dev lexicon benchmarks");
        return None;
    }
    let (lexicon, _) = Lexicon::load(&[path], &Default::default()).ok()?;
    Index::build(&lexicon, &Default::default()).ok()
}

criterion_group!(benches, bench);
criterion_main!(benches);
