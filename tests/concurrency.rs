//! One `Index` (the embedded default) shared by 8 threads doing lookups and
//! scanning the corpus at once gives exactly the answers of one thread; the
//! CLI's output with `--threads 4` is byte-identical to `--threads 1` on a
//! directory.

use canonym::scan::{LookupResolver, Mention, ScanScratch, Scanner};
use canonym::{Index, LookupOptions, Scratch};
use common::ok;
use std::sync::Arc;

mod common;

/// The corpus' texts, sorted by file name.
fn corpus() -> Vec<Vec<u8>> {
    common::corpus().into_iter().map(|(_, text)| text).collect()
}

/// Queries: a spread of aliases of the index, plus their upper-cased and
/// mangled forms.
fn queries(index: &Index) -> Vec<String> {
    let mut q: Vec<String> = index
        .aliases()
        .step_by(211)
        .map(|a| a.text().to_string())
        .collect();
    let extra: Vec<String> = q
        .iter()
        .take(300)
        .flat_map(|s| [s.to_uppercase(), format!("{s}x"), s.replace(' ', "-")])
        .collect();
    q.extend(extra);
    q
}

#[derive(PartialEq, Debug)]
struct Answers {
    lookups: Vec<Vec<(u32, u32, u64, bool)>>,
    mentions: Vec<Vec<Mention>>,
}

fn work(index: &Index, queries: &[String], docs: &[Vec<u8>]) -> Answers {
    let mut scratch = Scratch::new();
    let mut out = Vec::new();
    let opts = LookupOptions {
        top: 10,
        min_score: 0.0,
        ..Default::default()
    };
    let lookups = queries
        .iter()
        .map(|q| {
            index.lookup_into(q, &opts, &mut scratch, &mut out);
            out.iter()
                .map(|c| (c.entity, c.alias, c.score.to_bits(), c.ambiguous))
                .collect()
        })
        .collect();
    let scanner = Scanner::new(index).with_fuzzy(Box::new(LookupResolver::default()));
    let mut ss = ScanScratch::new();
    let mentions = docs
        .iter()
        .map(|d| {
            let mut found = Vec::new();
            scanner.scan_document(d, &mut ss, |m| found.push(*m));
            found
        })
        .collect();
    Answers { lookups, mentions }
}

#[test]
fn eight_threads_on_one_index_answer_like_one() {
    let index = Arc::new(Index::embedded().unwrap());
    let queries = Arc::new(queries(&index));
    let docs = Arc::new(corpus());
    let reference = work(&index, &queries, &docs);
    assert!(reference.mentions.iter().all(|m| !m.is_empty()));
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let (index, queries, docs) = (index.clone(), queries.clone(), docs.clone());
            std::thread::spawn(move || {
                // Each thread starts at a different place so that different
                // work overlaps.
                let mut q: Vec<String> = queries.to_vec();
                let n = q.len();
                q.rotate_left(t * n / 8);
                let mut d: Vec<Vec<u8>> = docs.to_vec();
                let n = d.len();
                d.rotate_left(t % n);
                (0..3).map(|_| work(&index, &q, &d)).collect::<Vec<_>>()
            })
        })
        .collect();
    for (t, h) in handles.into_iter().enumerate() {
        for mut answers in h.join().unwrap() {
            answers.lookups.rotate_right(t * queries.len() / 8);
            answers.mentions.rotate_right(t % docs.len());
            assert!(answers == reference, "thread {t} answered differently");
        }
    }
}

#[test]
fn cli_threads_4_is_byte_identical_to_threads_1_on_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    // The corpus, a large file made of it (many chunks), an empty file and
    // one with invalid UTF-8, in nested directories.
    let docs = corpus();
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    for (i, d) in docs.iter().enumerate() {
        std::fs::write(dir.path().join(format!("a/{i}.txt")), d).unwrap();
    }
    let mut big = Vec::new();
    while big.len() < 6 << 20 {
        for d in &docs {
            big.extend_from_slice(d);
            big.extend_from_slice(b"\n\n");
        }
    }
    std::fs::write(dir.path().join("a/b/big.txt"), &big).unwrap();
    std::fs::write(dir.path().join("a/b/empty.txt"), b"").unwrap();
    std::fs::write(dir.path().join("bad.txt"), b"\xffKiev and \xc3Moscow").unwrap();
    let root = dir.path().to_str().unwrap();
    for mode in ["replace", "annotate", "spans"] {
        let run = |threads: &str| {
            ok(
                &[
                    "normalize",
                    "--quiet",
                    "--mode",
                    mode,
                    "--threads",
                    threads,
                    root,
                ],
                None,
            )
        };
        let one = run("1");
        assert!(one.len() > 6 << 20 || mode == "spans");
        assert!(
            run("4") == one,
            "{mode}: --threads 4 differs from --threads 1"
        );
    }
}
