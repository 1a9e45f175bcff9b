//! Where lookup time goes, stage by stage, for a file of queries. For
//! profiling outside criterion:
//!
//! ```text
//! cargo run --release --example lookup_profile -- INDEX QUERIES
//! ```
//!
//! QUERIES holds one query per line, optionally followed by a tab, its kind
//! and a tab, and the comma-separated expected IDs; with those, top-1
//! accuracy and speed are printed per kind, then the end-to-end rate and
//! latency percentiles with the default options (all queries, and those
//! answered approximately or not at all). Then, for the queries
//! exact lookup misses: the automaton at one and at two edits, the same
//! without the multi-character cost rules, phonetic keys and trigrams, each
//! with its time and fst transitions per query.
//!
//! Environment: `ONLY_E2E=1` stops after the end-to-end figures;
//! `SLOWEST=1` lists the 25 slowest queries; `MAX_DF=N` sets the trigram
//! stage's document-frequency cap.

use canonym::fuzzy::{self, FuzzyConfig, UNIT};
use canonym::lookup::{edit_config, PHONETIC_EDIT_MIN_CHARS};
use canonym::{Index, LookupOptions, Method, Scratch};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Stage {
    queries: u32,
    hits: u64,
    steps: u64,
    time: Duration,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(index), Some(queries)) = (args.first(), args.get(1)) else {
        eprintln!("usage: lookup_profile INDEX QUERIES");
        std::process::exit(2);
    };
    let index = Index::open(index).expect("index");
    let text = std::fs::read_to_string(queries).expect("queries");
    let rows: Vec<(&str, &str, Vec<&str>)> = text
        .lines()
        .map(|l| {
            let mut f = l.split('\t');
            let q = f.next().unwrap_or("");
            let kind = f.next().unwrap_or("all");
            let expected = f.next().map(|e| e.split(',').collect()).unwrap_or_default();
            (q, kind, expected)
        })
        .collect();
    let queries: Vec<&str> = rows.iter().map(|r| r.0).collect();

    let opts = LookupOptions::default();
    let mut scratch = Scratch::new();
    let mut out = Vec::new();
    let mut lat = Vec::with_capacity(queries.len());
    // latencies of the queries answered approximately (or not at all)
    let mut approx_lat = Vec::new();
    // kind -> (queries, hits, time)
    let mut kinds: std::collections::BTreeMap<&str, (u32, u32, Duration)> = Default::default();
    for (q, kind, expected) in &rows {
        let t1 = Instant::now();
        index.lookup_into(q, &opts, &mut scratch, &mut out);
        let e = t1.elapsed();
        lat.push(e);
        if out
            .first()
            .is_none_or(|c| matches!(c.method, Method::Fuzzy | Method::Phonetic))
        {
            approx_lat.push(e);
        }
        let k = kinds.entry(kind).or_default();
        k.0 += 1;
        k.2 += e;
        if let Some(c) = out.first() {
            if expected.contains(&index.entity(c.entity).id()) {
                k.1 += 1;
            }
        }
    }
    if std::env::var("SLOWEST").is_ok() {
        let mut idx: Vec<usize> = (0..lat.len()).collect();
        idx.sort_by_key(|&i| std::cmp::Reverse(lat[i]));
        for &i in idx.iter().take(25) {
            println!("slow: {:?} {:?}", lat[i], queries[i]);
        }
    }
    let all: Duration = lat.iter().sum();
    for (kind, (n, hits, time)) in &kinds {
        println!(
            "{kind:>10}: top-1 {:.3} ({hits}/{n}), {:.0} q/s",
            f64::from(*hits) / f64::from(*n),
            f64::from(*n) / time.as_secs_f64()
        );
    }
    lat.sort();
    println!(
        "end to end: {} queries in {:.3} s = {:.0} q/s; p50 {:?} p90 {:?} p99 {:?}",
        queries.len(),
        all.as_secs_f64(),
        queries.len() as f64 / all.as_secs_f64(),
        lat[lat.len() / 2],
        lat[lat.len() * 9 / 10],
        lat[lat.len() * 99 / 100]
    );
    approx_lat.sort();
    if !approx_lat.is_empty() {
        println!(
            "approximate ({} queries answered fuzzy or phonetic, or not at all): p50 {:?} p90 {:?} p99 {:?}",
            approx_lat.len(),
            approx_lat[approx_lat.len() / 2],
            approx_lat[approx_lat.len() * 9 / 10],
            approx_lat[approx_lat.len() * 99 / 100]
        );
    }

    if std::env::var("ONLY_E2E").is_ok() {
        return;
    }

    // Stage by stage, on the query keys exact lookup misses.
    let mut fs = fuzzy::Scratch::new();
    let mut stages: [Stage; 3] = Default::default();
    let names = ["automaton 10", "automaton 20", "phonetic"];
    let mut phon = String::new();
    for q in &queries {
        let k = canonym::key(q);
        if k.is_empty() || index.key_ordinal(k.as_bytes()).is_some() {
            continue;
        }
        // lookup's tier, then the default budget (two edits for long keys)
        for (i, c) in [edit_config(), FuzzyConfig::default()]
            .into_iter()
            .enumerate()
        {
            let t = Instant::now();
            let st = fuzzy::search(index.keys(), &k, &c, &mut fs, &mut |_| {});
            stages[i].time += t.elapsed();
            stages[i].queries += 1;
            stages[i].hits += u64::from(st.hits);
            stages[i].steps += u64::from(st.steps);
            if st.hits > 0 {
                break;
            }
        }
        fuzzy::phonetic_key(&k, &mut phon);
        // lookup's phonetic stage: one edit for long codes, else exact
        let budget = if phon.chars().count() >= PHONETIC_EDIT_MIN_CHARS {
            UNIT
        } else {
            0
        };
        let c = FuzzyConfig {
            namespace: Some(fuzzy::PHONETIC_PREFIX),
            ..FuzzyConfig::unit(budget)
        };
        let t = Instant::now();
        let st = fuzzy::search(index.keys(), &phon, &c, &mut fs, &mut |_| {});
        stages[2].time += t.elapsed();
        stages[2].queries += 1;
        stages[2].hits += u64::from(st.hits);
        stages[2].steps += u64::from(st.steps);
    }
    {
        // the same first tier without the multi-character rules
        let src: String = fuzzy::CostTable::names_source()
            .lines()
            .filter(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                l.starts_with('#')
                    || f.len() < 2
                    || (f[0].chars().count() <= 1 && f[1].chars().count() <= 1)
                    || f[0].starts_with('<')
                    || f[0] == "\\s"
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let table = fuzzy::CostTable::parse(&src).expect("table");
        let c = FuzzyConfig {
            costs: &table,
            ..edit_config()
        };
        let (mut t, mut steps, mut nq) = (Duration::ZERO, 0u64, 0u32);
        for q in &queries {
            let k = canonym::key(q);
            if k.is_empty() || index.key_ordinal(k.as_bytes()).is_some() {
                continue;
            }
            let t0 = Instant::now();
            let st = fuzzy::search(index.keys(), &k, &c, &mut fs, &mut |_| {});
            t += t0.elapsed();
            steps += u64::from(st.steps);
            nq += 1;
        }
        println!(
            "no multi-char rules: {:.1} µs/query {:.0} steps/query",
            t.as_secs_f64() * 1e6 / f64::from(nq.max(1)),
            steps as f64 / f64::from(nq.max(1))
        );
    }
    for (s, n) in stages.iter().zip(names) {
        println!(
            "{n:>14}: {:>6} queries {:>8.3} s {:>7.1} µs/query {:>9.0} steps/query {:>6.2} hits/query",
            s.queries,
            s.time.as_secs_f64(),
            s.time.as_secs_f64() * 1e6 / f64::from(s.queries.max(1)),
            s.steps as f64 / f64::from(s.queries.max(1)),
            s.hits as f64 / f64::from(s.queries.max(1)),
        );
    }
    if let Some(g) = index.grams() {
        let mut gs = fuzzy::GramScratch::new();
        let t = Instant::now();
        let mut n = 0u32;
        let mut scanned = 0u64;
        if let Ok(v) = std::env::var("MAX_DF") {
            gs.max_df = v.parse().unwrap();
        }
        for q in &queries {
            let k = canonym::key(q);
            scanned += u64::from(g.query(&k, 20, &mut gs, &mut |_| {}));
            n += 1;
        }
        println!("grams: {:.0} postings/query", scanned as f64 / f64::from(n));
        let e = t.elapsed();
        println!(
            "{:>14}: {:>6} queries {:>8.3} s {:>7.1} µs/query",
            "grams",
            n,
            e.as_secs_f64(),
            e.as_secs_f64() * 1e6 / f64::from(n)
        );
    }
}
