//! Properties over random small lexicons and random text, extending
//! `tests/key.rs` (key idempotence on name-like strings) and
//! `tests/normalize.rs` (annotate, spans and chunking on the default index):
//!
//! * every alias of a random lexicon resolves to its own entity, and an
//!   export → rebuild gives the same answers;
//! * the key is idempotent on arbitrary Unicode, including invalid-UTF-8
//!   replacement and control characters;
//! * with a random lexicon and text made of its names: spans slice the
//!   text (bytes and code points), annotate round-trips, replace keeps every
//!   byte outside mentions;
//! * the mentions do not depend on chunk size, nor on how many threads
//!   prepare the chunks, nor on the order they are prepared in.

use canonym::print::{strip_annotations, write_annotate, write_replace};
use canonym::scan::{ChunkOptions, Chunker, DocContext, Mention, Prepared, ScanScratch, Scanner};
use canonym::{Alias, AliasKind, Entity, Index, Lexicon, LookupOptions};
use common::scan;
use proptest::prelude::*;

mod common;

/// Name-ish words: Latin with accents, Cyrillic, Greek, Hangul, capitals,
/// digits, apostrophes and hyphens.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[A-Z]{2,5}",
        "[A-ZÀ-Ý][a-zà-ÿ]{1,7}",
        "[А-Я][а-я]{1,8}",
        "[Α-Ω][α-ω]{1,6}",
        "[가-힣]{1,3}",
        "[A-Z][a-z]{1,5}['’-][a-z]{1,5}",
        "[0-9]{1,3}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
}

fn kind() -> impl Strategy<Value = AliasKind> {
    prop::sample::select(AliasKind::ALL.to_vec())
}

/// 1–8 entities with 0–4 aliases each (names may repeat across entities:
/// ambiguity is allowed).
fn lexicon() -> impl Strategy<Value = Lexicon> {
    let entity = (
        name(),
        prop::collection::vec((name(), kind()), 0..4),
        prop::option::of(0.0f64..1e7),
        prop::sample::select(vec!["GPE", "PER", "ORG", ""]),
    );
    prop::collection::vec(entity, 1..8).prop_map(|es| {
        let mut lexicon = Lexicon::new();
        for (i, (canonical, aliases, prior, etype)) in es.into_iter().enumerate() {
            let mut e = Entity::new(format!("p:{i}"), etype, canonical);
            e.prior = prior;
            for (text, kind) in aliases {
                let mut a = Alias::new(text);
                a.kind = kind;
                e.add_alias(a);
            }
            lexicon.add_entity(e).unwrap();
        }
        lexicon
    })
}

/// Text made of the lexicon's names (as written, upper-cased, possessive)
/// and filler.
fn text_for(lexicon: &Lexicon, picks: &[(usize, u8)]) -> String {
    let names: Vec<&str> = lexicon
        .entities()
        .iter()
        .flat_map(|e| e.aliases.iter().map(|a| a.text.as_str()))
        .collect();
    let filler = [
        " ",
        " and ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        " the ",
        " said ",
        " (",
        ") ",
        "[[",
        "|",
        "\\",
        " \u{00A0}",
        "’s ",
        " \u{FFFD} ",
        " 🙂 ",
    ];
    let mut s = String::new();
    for &(i, how) in picks {
        let n = names[i % names.len()];
        match how % 4 {
            0 => s.push_str(n),
            1 => s.push_str(&n.to_uppercase()),
            2 => {
                s.push_str(n);
                s.push_str("'s");
            }
            _ => {}
        }
        s.push_str(filler[(i / 3 + how as usize) % filler.len()]);
    }
    s
}

/// Chunks prepared by `threads` threads, each taking every `threads`-th
/// chunk, optionally in reverse order; resolved in order.
fn scan_parallel(
    index: &Index,
    bytes: &[u8],
    target: usize,
    threads: usize,
    rev: bool,
) -> Vec<Mention> {
    let scanner = Scanner::new(index);
    let chunks: Vec<Vec<u8>> = Chunker::new(
        bytes,
        ChunkOptions {
            target,
            ..ChunkOptions::default()
        },
    )
    .map(|c| c.unwrap())
    .collect();
    let mut prepared: Vec<Option<Prepared>> = (0..chunks.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (chunks, scanner) = (&chunks, &scanner);
                s.spawn(move || {
                    let mut mine: Vec<usize> = (t..chunks.len()).step_by(threads).collect();
                    if rev {
                        mine.reverse();
                    }
                    mine.into_iter()
                        .map(|i| {
                            let mut p = Prepared::new();
                            scanner.prepare(&chunks[i], &mut p);
                            (i, p)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (i, p) in h.join().unwrap() {
                prepared[i] = Some(p);
            }
        }
    });
    let mut ctx = DocContext::new();
    let mut scratch = ScanScratch::new();
    let mut out = Vec::new();
    for (chunk, p) in chunks.iter().zip(&prepared) {
        scanner.resolve(chunk, p.as_ref().unwrap(), &mut ctx, &mut scratch, |m| {
            out.push(*m)
        });
    }
    out
}

fn answers(index: &Index) -> Vec<Vec<(String, String)>> {
    let opts = LookupOptions {
        top: usize::MAX,
        min_score: 0.0,
        fuzzy: false,
        wide: false,
    };
    index
        .aliases()
        .map(|a| {
            index
                .lookup(a.text(), &opts)
                .iter()
                .map(|c| {
                    (
                        index.entity(c.entity).id().to_string(),
                        index.alias(c.alias).text().to_string(),
                    )
                })
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_alias_resolves_to_its_own_entity(lexicon in lexicon(), variants in any::<bool>()) {
        let opts = canonym::BuildOptions { variants };
        let index = Index::build(&lexicon, &opts).unwrap();
        let all = LookupOptions { top: usize::MAX, min_score: 0.0, fuzzy: false, wide: false };
        for e in lexicon.entities() {
            let number = index.entity_by_id(&e.id).unwrap().number();
            for a in &e.aliases {
                if canonym::key(&a.text).is_empty() {
                    continue;
                }
                let found = index.lookup(&a.text, &all);
                prop_assert!(
                    found.iter().any(|c| c.entity == number),
                    "{} does not find {}", a.text, e.id
                );
            }
        }
        // Generated variants too.
        for a in index.aliases() {
            if canonym::key(a.text()).is_empty() {
                continue;
            }
            let found = index.lookup(a.text(), &all);
            prop_assert!(found.iter().any(|c| c.entity == a.entity().number()), "{}", a.text());
        }
        // Export, rebuild: the same answers.
        let mut csv = Vec::new();
        index.export_csv(&mut csv, true).unwrap();
        let mut again = Lexicon::new();
        let report = again.read_csv("export.csv", &csv[..], &Default::default());
        prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
        let rebuilt = Index::build(&again, &opts).unwrap();
        prop_assert_eq!(answers(&rebuilt), answers(&index));
    }

    #[test]
    fn key_is_idempotent_on_any_text(s in "\\PC{0,40}|[\\x00-\\x1f\u{fffd}\u{200b}-\u{200f}\u{0300}-\u{036f}a-zA-Z ]{0,40}") {
        let k = canonym::key(&s);
        prop_assert_eq!(canonym::key(&k), k.clone());
        prop_assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
    }

    #[test]
    fn spans_annotate_replace_on_random_lexicons(
        lexicon in lexicon(),
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..30),
    ) {
        let index = Index::build(&lexicon, &Default::default()).unwrap();
        let text = text_for(&lexicon, &picks);
        let bytes = text.as_bytes();
        let found = scan(&index, bytes);
        let mut prev = 0;
        for m in &found {
            prop_assert!(m.byte_start < m.byte_end && m.byte_start >= prev);
            prev = m.byte_end;
            let surface = &text[m.byte_start as usize..m.byte_end as usize];
            let by_chars: String = text
                .chars()
                .skip(m.start as usize)
                .take((m.end - m.start) as usize)
                .collect();
            prop_assert_eq!(by_chars.as_str(), surface);
        }
        let mut ann = Vec::new();
        write_annotate(&mut ann, &index, bytes, 0, &found).unwrap();
        prop_assert_eq!(strip_annotations(&ann).unwrap(), bytes.to_vec());
        let mut out = Vec::new();
        write_replace(&mut out, &index, bytes, 0, &found).unwrap();
        let mut expect = Vec::new();
        let mut at = 0;
        for m in &found {
            expect.extend_from_slice(&bytes[at..m.byte_start as usize]);
            expect.extend_from_slice(index.entity(m.entity).canonical().as_bytes());
            at = m.byte_end as usize;
        }
        expect.extend_from_slice(&bytes[at..]);
        prop_assert_eq!(out, expect);
    }

    #[test]
    fn threads_chunk_size_and_order_do_not_matter(
        lexicon in lexicon(),
        picks in prop::collection::vec((any::<usize>(), any::<u8>()), 0..40),
        target in 1usize..120,
        threads in 1usize..5,
        rev in any::<bool>(),
    ) {
        let index = Index::build(&lexicon, &Default::default()).unwrap();
        let text = text_for(&lexicon, &picks);
        let whole = scan(&index, text.as_bytes());
        prop_assert_eq!(scan_parallel(&index, text.as_bytes(), target, threads, rev), whole);
    }
}
