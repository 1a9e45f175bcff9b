//! A small driver for profiling the scanner outside criterion (callgrind,
//! `perf`), and for generating news-like test files.
//!
//! ```text
//! cargo run --release --example scan_profile -- gen BYTES [INDEX] > news.txt
//! cargo run --release --example scan_profile -- scan FILE exact|fuzzy [ITERS] [INDEX]
//! ```
//!
//! `gen` builds the same kind of text as `benches/normalize.rs` (shared
//! corpus sentences with lexicon names inserted); `scan` scans the file as
//! one document `ITERS` times and prints the mention count and MB/s.

use canonym::scan::{LookupResolver, ScanScratch, Scanner};
use canonym::Index;
use std::io::Write;
use std::time::Instant;

#[path = "../benches/support/news.rs"]
mod news;
use news::news_like;

fn open(path: Option<&String>) -> Index {
    match path {
        Some(p) => Index::open(p).expect("index file"),
        None => Index::embedded().expect("embedded index"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") => {
            let size: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(4 << 20);
            let index = open(args.get(2));
            let text = news_like(&index, size);
            std::io::stdout()
                .lock()
                .write_all(text.as_bytes())
                .expect("stdout");
        }
        Some("scan") => {
            let bytes = std::fs::read(&args[1]).expect("input file");
            let fuzzy = args.get(2).is_some_and(|m| m == "fuzzy");
            let iters: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
            let index = open(args.get(4));
            let mut scanner = Scanner::new(&index);
            if fuzzy {
                scanner = scanner.with_fuzzy(Box::new(LookupResolver::default()));
            }
            let mut scratch = ScanScratch::new();
            let t = Instant::now();
            let mut n = 0usize;
            // A digest of every mention, to check that output is unchanged.
            let mut digest = 0xcbf2_9ce4_8422_2325u64;
            for _ in 0..iters {
                scanner.scan_document(&bytes, &mut scratch, |m| {
                    n += 1;
                    for x in [
                        m.byte_start,
                        m.byte_end,
                        m.start,
                        m.end,
                        m.entity as u64,
                        m.alias as u64,
                        m.score.to_bits(),
                        m.method as u64,
                        m.ambiguous as u64,
                    ] {
                        digest = (digest ^ x).wrapping_mul(0x100_0000_01b3);
                    }
                });
            }
            let secs = t.elapsed().as_secs_f64();
            let mb = (bytes.len() * iters) as f64 / 1e6;
            println!(
                "{} mentions per pass, digest {digest:016x}, {:.1} MB/s ({:.1} MiB/s)",
                n / iters.max(1),
                mb / secs,
                mb / secs / 1.048576
            );
        }
        _ => {
            eprintln!(
                "usage: scan_profile gen BYTES [INDEX] | scan FILE exact|fuzzy [ITERS] [INDEX]"
            );
            std::process::exit(2);
        }
    }
}
