//! Index round trips, lookups, and corruption: every damaged file is a clear
//! error from `open`, never a panic.

use canonym::index::format;
use canonym::{BuildOptions, Index, Lexicon, LookupOptions, Method};
use common::{answer_string, data, Rng, DEV_LEXICON};

mod common;

fn small_lexicon() -> Lexicon {
    Lexicon::from_files(&[data("small_entities.csv"), data("small_aliases.csv")]).unwrap()
}

fn small_bytes() -> Vec<u8> {
    canonym::index::build_bytes(&small_lexicon(), &BuildOptions::default())
        .unwrap()
        .0
}

fn export(index: &Index, generated: bool) -> Vec<u8> {
    let mut out = Vec::new();
    index.export_csv(&mut out, generated).unwrap();
    out
}

/// Every lookup answer of every alias text, as comparable strings.
fn all_answers(index: &Index) -> Vec<String> {
    let opts = LookupOptions {
        top: 50,
        ..Default::default()
    };
    index
        .aliases()
        .map(|a| answer_string(index, &index.lookup(a.text(), &opts)))
        .collect()
}

#[test]
fn lookups_find_every_alias() {
    let index = Index::from_bytes(small_bytes()).unwrap();
    for a in index.aliases() {
        let found = index.lookup(
            a.text(),
            &LookupOptions {
                top: 50,
                ..Default::default()
            },
        );
        assert!(
            found.iter().any(|c| c.entity == a.entity().number()),
            "{}",
            a.text()
        );
    }
    let f = index.lookup("KYIV", &Default::default());
    assert_eq!(index.entity(f[0].entity).id(), "test:kyiv");
    assert_eq!(f[0].method, Method::Normalized);
    let f = index.lookup("Kyiv", &Default::default());
    assert_eq!(f[0].method, Method::Exact);
    let exact_only = LookupOptions {
        fuzzy: false,
        ..Default::default()
    };
    assert!(index.lookup("Kyivv", &exact_only).is_empty());
    let f = index.lookup("Kyivv", &Default::default());
    assert_eq!(
        (index.entity(f[0].entity).id(), f[0].method),
        ("test:kyiv", Method::Fuzzy)
    );
    assert!(f[0].score < 0.9);
    assert!(index.lookup("", &Default::default()).is_empty());
    assert!(index.lookup("...", &Default::default()).is_empty());
}

#[test]
fn ambiguity_is_data_and_priors_rank() {
    let index = Index::from_bytes(small_bytes()).unwrap();
    let f = index.lookup("Georgia", &Default::default());
    assert_eq!(f.len(), 2);
    // The more populous entity first; both marked ambiguous.
    assert_eq!(index.entity(f[0].entity).id(), "test:georgia-us");
    assert!(f[0].ambiguous && f[1].ambiguous);
    assert!(f[0].score <= 1.0 && f[1].score > 0.0);
}

#[test]
fn export_build_round_trip_is_byte_identical() {
    let index = Index::from_bytes(small_bytes()).unwrap();
    for generated in [false, true] {
        let csv1 = export(&index, generated);
        let mut lex = Lexicon::new();
        assert!(lex
            .read_csv("export.csv", &csv1[..], &Default::default())
            .errors
            .is_empty());
        let index2 = Index::build(&lex, &BuildOptions::default()).unwrap();
        assert_eq!(
            String::from_utf8(export(&index2, generated)).unwrap(),
            String::from_utf8(csv1).unwrap()
        );
        assert_eq!(all_answers(&index2), all_answers(&index));
    }
}

#[test]
fn dev_lexicon_round_trip() {
    let lex = Lexicon::from_files(&[DEV_LEXICON]).unwrap();
    let (bytes, stats) = canonym::index::build_bytes(&lex, &BuildOptions::default()).unwrap();
    assert_eq!(stats.entities, 34006);
    let index = Index::from_bytes(bytes).unwrap();
    let csv1 = export(&index, true);
    let mut lex2 = Lexicon::new();
    assert!(lex2
        .read_csv("export.csv", &csv1[..], &Default::default())
        .errors
        .is_empty());
    let index2 = Index::build(&lex2, &BuildOptions::default()).unwrap();
    assert!(
        export(&index2, true) == csv1,
        "export differs after a round trip"
    );
    // Every alias resolves to its own entity.
    let mut scratch = canonym::Scratch::new();
    let mut found = Vec::new();
    let opts = LookupOptions {
        top: usize::MAX,
        ..Default::default()
    };
    for a in index2.aliases().step_by(7) {
        if canonym::key(a.text()).is_empty() {
            continue;
        }
        index2.lookup_into(a.text(), &opts, &mut scratch, &mut found);
        assert!(
            found.iter().any(|c| c.entity == a.entity().number()),
            "{}",
            a.text()
        );
    }
}

#[test]
fn open_from_file_and_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.idx");
    canonym::atomic::write_atomic(&path, &small_bytes()).unwrap();
    let index = Index::open(&path).unwrap();
    assert_eq!(index.entity_count(), 6);
    assert!(index.entity_by_id("test:dpr").is_some());
    assert!(index.entity_by_id("test:nope").is_none());
    let embedded = Index::embedded().unwrap();
    assert!(embedded.entity_count() > 0);
}

/// `Index::embedded` skips the record checks and the automaton walk; the
/// same bytes must pass all of them, and the slow checks of `verify`.
#[test]
fn embedded_index_passes_every_check() {
    let full = Index::from_bytes(Index::embedded_bytes().to_vec()).unwrap();
    full.verify().unwrap();
    assert_eq!(
        full.entity_count(),
        Index::embedded().unwrap().entity_count()
    );
}

/// Section boundaries of an index: header, table, each section's start and end.
fn boundaries(bytes: &[u8]) -> Vec<usize> {
    let n = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let mut out = vec![
        0,
        8,
        12,
        16,
        format::HEADER_SIZE,
        format::HEADER_SIZE + n * format::SECTION_ENTRY_SIZE,
    ];
    for i in 0..n {
        let e = format::HEADER_SIZE + i * format::SECTION_ENTRY_SIZE;
        let off = u64::from_le_bytes(bytes[e + 8..e + 16].try_into().unwrap()) as usize;
        let len = u64::from_le_bytes(bytes[e + 16..e + 24].try_into().unwrap()) as usize;
        out.extend([off, off + len / 2, off + len]);
    }
    out.retain(|&b| b < bytes.len());
    out
}

#[test]
fn truncation_at_every_boundary_and_random_points_is_an_error() {
    let bytes = small_bytes();
    let mut cuts = boundaries(&bytes);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    cuts.extend((0..200).map(|_| (rng.next() % bytes.len() as u64) as usize));
    for cut in cuts {
        for c in [cut.saturating_sub(1), cut, cut + 1] {
            if c >= bytes.len() {
                continue;
            }
            let r = Index::from_bytes(bytes[..c].to_vec());
            assert!(r.is_err(), "truncated at {c} of {} opened", bytes.len());
        }
    }
}

#[test]
fn flipped_bytes_are_errors_or_harmless() {
    let bytes = small_bytes();
    let reference = all_answers(&Index::from_bytes(bytes.clone()).unwrap());
    let mut rng = Rng(42);
    let mut errors = 0;
    for trial in 0..400 {
        let mut b = bytes.clone();
        let flips = 1 + (trial % 3);
        for _ in 0..flips {
            let at = (rng.next() % b.len() as u64) as usize;
            b[at] ^= 1 << (rng.next() % 8);
        }
        match Index::from_bytes(b) {
            Err(e) => {
                errors += 1;
                assert!(!e.to_string().is_empty());
            }
            // A flip in padding or reserved bytes changes nothing.
            Ok(index) => assert_eq!(all_answers(&index), reference, "trial {trial}"),
        }
    }
    assert!(
        errors > 300,
        "only {errors} of 400 damaged files were rejected"
    );
}

#[test]
fn wrong_magic_version_and_foreign_files() {
    let bytes = small_bytes();
    let mut b = bytes.clone();
    b[0] = b'X';
    assert!(matches!(
        Index::from_bytes(b),
        Err(canonym::Error::BadMagic { .. })
    ));
    let mut b = bytes.clone();
    b[8..12].copy_from_slice(&99u32.to_le_bytes());
    let e = Index::from_bytes(b).err().unwrap();
    assert!(e.to_string().contains("version 99 is not supported"), "{e}");
    assert!(matches!(
        Index::from_bytes(Vec::new()),
        Err(canonym::Error::BadMagic { .. })
    ));
    assert!(Index::from_bytes(b"id,canonical,alias\n".to_vec()).is_err());
    assert!(Index::from_bytes(format::MAGIC.to_vec()).is_err());
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        Index::open(dir.path()),
        Err(canonym::Error::IsDirectory { .. })
    ));
    let empty = dir.path().join("empty.idx");
    std::fs::write(&empty, b"").unwrap();
    assert!(Index::open(&empty).is_err());
}

#[test]
fn index_shared_across_threads_gives_the_same_answers() {
    let index = std::sync::Arc::new(Index::from_bytes(small_bytes()).unwrap());
    let reference = all_answers(&index);
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let index = index.clone();
            std::thread::spawn(move || (0..50).map(|_| all_answers(&index)).collect::<Vec<_>>())
        })
        .collect();
    for h in handles {
        for answers in h.join().unwrap() {
            assert_eq!(answers, reference);
        }
    }
}
