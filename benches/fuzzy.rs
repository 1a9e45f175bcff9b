//! Fuzzy engine benchmarks on the dev lexicon (`../shared/dev/lexicon.csv`).
//!
//! Builds an fst of quick keys (lowercase, hyphens as spaces, apostrophes and
//! dots dropped) from every alias, derives typo queries from a spread of keys
//! (one edit inside the word), and measures:
//! * `fuzzy/automaton`: one `search` per query with the default config; the
//!   answer (the source key must be among the hits) is checked inside the
//!   timed loop;
//! * `fuzzy/grams`: one gram-index query (top 20) per query, checked too.
//!
//! Before the criterion runs it prints p50/p99 latency and queries/s of a
//! plain pass over all queries. Skips (prints a note) when the lexicon is
//! missing.

use canonym::fuzzy::{search, FuzzyConfig, GramIndex, GramIndexBuilder, GramScratch, Scratch};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::time::Instant;

fn quick_key(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        let c = if c == '-' { ' ' } else { c };
        if matches!(c, '\'' | '.' | '’' | '"') {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

struct Setup {
    keys: Vec<String>,
    map: fst::Map<Vec<u8>>,
    grams: Vec<u8>,
    /// (query, ordinal of the key it was derived from)
    queries: Vec<(String, u64)>,
}

fn setup() -> Option<Setup> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");
    let text = std::fs::read_to_string(path).ok()?;
    let mut keys: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next())
        .map(quick_key)
        .filter(|k| !k.is_empty())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let mut b = fst::MapBuilder::memory();
    for (i, k) in keys.iter().enumerate() {
        b.insert(k, i as u64).ok()?;
    }
    let map = b.into_map();
    let mut gb = GramIndexBuilder::new();
    for (i, k) in keys.iter().enumerate() {
        gb.add(k, i as u32);
    }
    let grams = gb.finish();
    // typo queries: ASCII keys of 6..=20 chars, one substitution at a
    // position ≥ 2 (the first letter is protected by default)
    let mut queries = Vec::new();
    let step = keys.len() / 2000;
    for (i, k) in keys.iter().enumerate().step_by(step.max(1)) {
        if !(6..=20).contains(&k.len()) || !k.bytes().all(|b| b.is_ascii_lowercase() || b == b' ') {
            continue;
        }
        let mut q: Vec<u8> = k.bytes().collect();
        let p = 2 + i % (q.len() - 2);
        q[p] = if q[p] == b'q' { b'x' } else { b'q' };
        queries.push((String::from_utf8(q).ok()?, i as u64));
    }
    Some(Setup {
        keys,
        map,
        grams,
        queries,
    })
}

fn bench(c: &mut Criterion) {
    let Some(s) = setup() else {
        eprintln!("fuzzy bench: ../shared/dev/lexicon.csv not found, skipping");
        return;
    };
    let cfg = FuzzyConfig::default();
    let mut scratch = Scratch::new();
    let gi = GramIndex::open(&s.grams).expect("gram index opens");
    let mut gs = GramScratch::new();

    // plain passes: latency percentiles and throughput, default config
    // (long budget 20) and the one lookup uses (long budget 10)
    let tier1 = canonym::lookup::edit_config();
    for (name, c) in [("default", &cfg), ("long budget 10", &tier1)] {
        let mut lat = Vec::with_capacity(s.queries.len());
        let t0 = Instant::now();
        let mut found = 0usize;
        for (q, want) in &s.queries {
            let t = Instant::now();
            let mut ok = false;
            search(&s.map, q, c, &mut scratch, &mut |h| ok |= h.value == *want);
            lat.push(t.elapsed());
            found += usize::from(ok);
        }
        let total = t0.elapsed();
        lat.sort_unstable();
        eprintln!(
            "fuzzy/automaton ({name}): {} keys, {} queries, recall {:.3}, p50 {:?}, p99 {:?}, {:.0} queries/s",
            s.keys.len(),
            s.queries.len(),
            found as f64 / s.queries.len() as f64,
            lat[lat.len() / 2],
            lat[lat.len() * 99 / 100],
            s.queries.len() as f64 / total.as_secs_f64()
        );
    }

    let mut i = 0usize;
    c.bench_function("fuzzy/automaton", |b| {
        b.iter(|| {
            let (q, want) = &s.queries[i % s.queries.len()];
            i += 1;
            let mut ok = false;
            search(&s.map, black_box(q), &cfg, &mut scratch, &mut |h| {
                ok |= h.value == *want
            });
            assert!(ok, "{q:?} must find its source key");
        })
    });
    let mut i = 0usize;
    c.bench_function("fuzzy/grams", |b| {
        b.iter(|| {
            let (q, want) = &s.queries[i % s.queries.len()];
            i += 1;
            let mut ok = false;
            gi.query(black_box(q), 20, &mut gs, &mut |h| {
                ok |= h.ordinal as u64 == *want
            });
            black_box(ok);
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
