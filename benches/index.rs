//! Index build, exact lookup and the whole lookup pipeline on the GeoNames
//! alias set and held-out queries in ../shared/dev/. Each iteration checks
//! its own answer.

use canonym::{BuildOptions, Index, Lexicon, LookupOptions, Scratch};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::hint::black_box;

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");
const DEV_QUERIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/queries.jsonl");

fn bench(c: &mut Criterion) {
    let lexicon = Lexicon::from_files(&[DEV]).expect("../shared/dev/lexicon.csv");
    let rows = lexicon
        .entities()
        .iter()
        .map(|e| e.aliases.len())
        .sum::<usize>();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.throughput(Throughput::Elements(rows as u64));
    g.bench_function("dev_lexicon", |b| {
        b.iter(|| {
            let (bytes, stats) =
                canonym::index::build_bytes(black_box(&lexicon), &BuildOptions::default()).unwrap();
            assert_eq!(stats.entities, 34006);
            bytes.len()
        })
    });
    g.finish();

    let index = Index::build(&lexicon, &BuildOptions::default()).unwrap();
    // Queries: every 10th alias, in three spellings (as listed, upper-case, with punctuation).
    let mut queries: Vec<(String, u32)> = Vec::new();
    for a in index.aliases().step_by(10) {
        if canonym::key(a.text()).is_empty() {
            continue;
        }
        let e = a.entity().number();
        queries.push((a.text().to_string(), e));
        queries.push((a.text().to_uppercase(), e));
        queries.push((format!("“{}”", a.text()), e));
    }
    let opts = LookupOptions::default();
    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function("exact_dev", |b| {
        let mut scratch = Scratch::new();
        let mut out = Vec::new();
        b.iter_batched_ref(
            || (),
            |_| {
                let mut hits = 0usize;
                for (q, e) in &queries {
                    index.lookup_into(q, &opts, &mut scratch, &mut out);
                    hits += out.iter().any(|c| c.entity == *e) as usize;
                }
                // Upper-casing can change a few keys (e.g. final sigma); nearly all must hit.
                assert!(
                    hits * 100 >= queries.len() * 99,
                    "{hits} of {}",
                    queries.len()
                );
                hits
            },
            BatchSize::PerIteration,
        )
    });

    // The held-out queries of ../shared/dev/queries.jsonl (every 10th, all
    // three kinds) through the whole pipeline: exact, romanized, reordered,
    // approximate. The number answered correctly at top-1 is fixed before
    // timing and checked in every iteration.
    let text = std::fs::read_to_string(DEV_QUERIES).expect("../shared/dev/queries.jsonl");
    let held: Vec<(String, Vec<u32>)> = text
        .lines()
        .step_by(10)
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("query line");
            let expected = v["expected"]
                .as_array()
                .expect("expected")
                .iter()
                .filter_map(|id| index.entity_by_id(id.as_str()?).map(|e| e.number()))
                .collect();
            (v["query"].as_str().expect("query").to_string(), expected)
        })
        .collect();
    let top1 = |scratch: &mut Scratch, out: &mut Vec<canonym::Candidate>| {
        let mut right = 0usize;
        for (q, expected) in &held {
            index.lookup_into(q, &opts, scratch, out);
            right += out.first().is_some_and(|c| expected.contains(&c.entity)) as usize;
        }
        right
    };
    let want = top1(&mut Scratch::new(), &mut Vec::new());
    assert!(want * 10 >= held.len() * 7, "{want} of {}", held.len());
    g.throughput(Throughput::Elements(held.len() as u64));
    g.sample_size(10);
    g.bench_function("heldout_dev", |b| {
        let mut scratch = Scratch::new();
        let mut out = Vec::new();
        b.iter(|| assert_eq!(top1(&mut scratch, &mut out), want))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
