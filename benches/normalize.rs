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

const DEV_LEXICON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");

#[path = "support/news.rs"]
mod news;
use news::news_like;

fn bench(c: &mut Criterion) {
    let index = Index::embedded().expect("embedded index");
    bench_lexicon(c, &index, "default_lexicon", Some(10_000));
    // The large alias set, when the shared dev data is there: text with its
    // names, scanned with an index built from it.
    if let Some(dev) = dev_index() {
        bench_lexicon(c, &dev, "dev_lexicon", None);
    }
}

/// `normalize/exact_{lexicon}` and `normalize/fuzzy_{lexicon}`: the exact and
/// the fuzzy scanner of `index` on 4 MiB of news-like text made with its
/// names, which must hold more than `min_mentions` exact mentions if given.
fn bench_lexicon(c: &mut Criterion, index: &Index, lexicon: &str, min_mentions: Option<usize>) {
    let text = news_like(index, 4 << 20);
    let bytes = text.as_bytes();
    let exact = Scanner::new(index);
    let fuzzy = Scanner::new(index).with_fuzzy(Box::new(LookupResolver::default()));
    let mut scratch = ScanScratch::new();
    let count = |s: &Scanner<'_>, scratch: &mut ScanScratch| {
        let mut n = 0usize;
        s.scan_document(bytes, scratch, |_| n += 1);
        n
    };
    let expected_exact = count(&exact, &mut scratch);
    let expected_fuzzy = count(&fuzzy, &mut scratch);
    if let Some(min) = min_mentions {
        assert!(expected_exact > min, "{expected_exact} mentions");
    }

    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.sample_size(10);
    g.bench_function(format!("exact_{lexicon}"), |b| {
        b.iter(|| assert_eq!(count(&exact, &mut scratch), expected_exact))
    });
    g.bench_function(format!("fuzzy_{lexicon}"), |b| {
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
