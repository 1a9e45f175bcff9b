//! Corruption of the embedded default index (15–20 MB): truncation at every
//! section boundary and at random points, random bit flips, wrong magic and
//! version, damage with the checksums recomputed (so the structural checks
//! behind the CRCs are exercised too), and `canonym verify` on damaged files.
//! `tests/index.rs` does the same on a small index; this file proves it at
//! full size and through the memory-mapped path.

use canonym::index::format;
use canonym::{Index, LookupOptions};
use common::{answer_string, Rng, RunOpts};
use std::ops::Range;
use std::path::Path;

mod common;

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// The section table: (tag, byte range) of every section.
fn sections(b: &[u8]) -> Vec<([u8; 4], Range<usize>)> {
    let n = u32_at(b, 12) as usize;
    (0..n)
        .map(|i| {
            let e = format::HEADER_SIZE + i * format::SECTION_ENTRY_SIZE;
            let off = u64_at(b, e + 8) as usize;
            let len = u64_at(b, e + 16) as usize;
            (b[e..e + 4].try_into().unwrap(), off..off + len)
        })
        .collect()
}

/// Whether byte `at` is covered by a check: the header's checked fields
/// (magic, version, section count, table CRC, file length), the section
/// table (its CRC) or a section (its CRC). The rest is the header's
/// reserved bytes and the alignment padding between sections.
fn checked(b: &[u8], at: usize) -> bool {
    let table_end = format::HEADER_SIZE + u32_at(b, 12) as usize * format::SECTION_ENTRY_SIZE;
    at < format::FILE_LEN_AT + 8
        || (format::HEADER_SIZE..table_end).contains(&at)
        || sections(b).iter().any(|(_, r)| r.contains(&at))
}

/// Rewrites every section CRC, the table CRC and the file length so that
/// only the structural validation stands between damage and use.
fn fix_checksums(b: &mut [u8]) {
    let n = u32_at(b, 12) as usize;
    if n > 64 || b.len() < format::HEADER_SIZE + n * format::SECTION_ENTRY_SIZE {
        return;
    }
    for i in 0..n {
        let e = format::HEADER_SIZE + i * format::SECTION_ENTRY_SIZE;
        let off = u64_at(b, e + 8) as usize;
        let len = u64_at(b, e + 16) as usize;
        if let Some(sec) = off.checked_add(len).and_then(|end| b.get(off..end)) {
            let crc = crc32fast::hash(sec);
            b[e + 4..e + 8].copy_from_slice(&crc.to_le_bytes());
        }
    }
    let table = crc32fast::hash(&b[format::HEADER_SIZE..format::HEADER_SIZE + n * 32]);
    b[16..20].copy_from_slice(&table.to_le_bytes());
    let len = b.len() as u64;
    b[format::FILE_LEN_AT..format::FILE_LEN_AT + 8].copy_from_slice(&len.to_le_bytes());
}

/// Sample queries (every 97th alias) and their answers, as strings.
fn answers(index: &Index, queries: &[String]) -> Vec<String> {
    let opts = LookupOptions {
        top: 5,
        min_score: 0.0,
        ..Default::default()
    };
    queries
        .iter()
        .map(|q| answer_string(index, &index.lookup(q, &opts)))
        .collect()
}

fn sample_queries(index: &Index) -> Vec<String> {
    index
        .aliases()
        .step_by(97)
        .map(|a| a.text().to_string())
        .collect()
}

/// Everything an opened index offers, touched once (no panic allowed).
fn touch_everything(index: &Index) {
    let _ = index.metadata().count();
    let _ = index.sources().count();
    for e in index.entities() {
        let _ = (e.id(), e.etype(), e.canonical(), e.prior());
        for a in e.aliases() {
            let _ = (a.text(), a.lang(), a.script(), a.scheme(), a.kind());
            assert_eq!(a.entity().number(), e.number());
        }
    }
    for k in 0..index.key_count().min(5000) {
        for a in index.postings(k) {
            assert!(a < index.alias_count());
        }
    }
    let mut csv = Vec::new();
    index.export_csv(&mut csv, true).unwrap();
}

#[test]
fn embedded_index_truncated_anywhere_is_an_error() {
    let bytes = Index::embedded_bytes();
    let mut cuts = vec![0, 1, 7, 8, 12, 16, 20, 28, format::HEADER_SIZE];
    let table_end = format::HEADER_SIZE + u32_at(bytes, 12) as usize * format::SECTION_ENTRY_SIZE;
    cuts.push(table_end);
    for (_, r) in sections(bytes) {
        cuts.extend([r.start, r.start + r.len() / 2, r.end]);
    }
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    cuts.extend((0..100).map(|_| rng.below(bytes.len())));
    let mut tried = 0;
    for cut in cuts {
        for c in [cut.saturating_sub(1), cut, cut + 1] {
            if c >= bytes.len() {
                continue;
            }
            let r = Index::from_bytes(bytes[..c].to_vec());
            let e = r.err().unwrap_or_else(|| panic!("truncated at {c} opened"));
            assert!(e.to_string().starts_with("<memory>: "), "{e}");
            tried += 1;
        }
    }
    assert!(tried > 300, "{tried}");
    // Grown by a byte: the header's file length catches it too.
    let mut longer = bytes.to_vec();
    longer.push(0);
    let e = Index::from_bytes(longer).err().unwrap().to_string();
    assert!(e.contains("truncated or damaged"), "{e}");
}

#[test]
fn embedded_index_bit_flips_fail_in_checked_bytes_and_are_harmless_in_padding() {
    let bytes = Index::embedded_bytes();
    let reference_index = Index::embedded().unwrap();
    let queries = sample_queries(&reference_index);
    let reference = answers(&reference_index, &queries);
    // The unchecked bytes: header reserved bytes and section padding.
    let unchecked: Vec<usize> = (0..bytes.len()).filter(|&i| !checked(bytes, i)).collect();
    assert!(!unchecked.is_empty());
    let mut rng = Rng(0xF11F_F11F_0000_0007);
    let (mut rejected, mut harmless) = (0, 0);
    let mut b = bytes.to_vec();
    for trial in 0..400 {
        // Mostly anywhere (nearly all bytes are checked); every fourth
        // trial aimed at an unchecked byte.
        let at = if trial % 4 == 3 {
            unchecked[rng.below(unchecked.len())]
        } else {
            rng.below(b.len())
        };
        let bit = 1u8 << rng.below(8);
        b[at] ^= bit;
        let result = Index::from_bytes(b.clone());
        if checked(bytes, at) {
            let e = result
                .err()
                .unwrap_or_else(|| panic!("flip at {at} (bit {bit}) was not detected"));
            assert!(e.to_string().starts_with("<memory>: "), "{e}");
            rejected += 1;
        } else {
            let index = result.unwrap_or_else(|e| panic!("flip in padding at {at}: {e}"));
            assert_eq!(answers(&index, &queries), reference, "flip at {at}");
            harmless += 1;
        }
        b[at] ^= bit;
    }
    assert_eq!(rejected + harmless, 400);
    assert!(harmless >= 100 && rejected >= 290, "{rejected} {harmless}");
}

#[test]
fn damage_behind_recomputed_checksums_is_an_error_or_harmless_never_a_panic() {
    // With the CRCs rewritten after the damage, only the structural checks
    // (offsets, string references, alias ranges, postings, fst ordinals)
    // stand in the way. Each trial must be an error or an index that works.
    let bytes = Index::embedded_bytes();
    let secs = sections(bytes);
    let mut rng = Rng(0xC0FF_EE00_1234_5678);
    let mut b = bytes.to_vec();
    let (mut rejected, mut opened) = (0, 0);
    for trial in 0..120 {
        // Aim at the section table and at each section in turn.
        let at = if trial % 10 == 0 {
            format::HEADER_SIZE + rng.below(secs.len() * format::SECTION_ENTRY_SIZE)
        } else {
            let r = &secs[trial % secs.len()].1;
            if r.is_empty() {
                continue;
            }
            r.start + rng.below(r.len())
        };
        let old = b[at];
        b[at] = rng.next() as u8;
        let mut damaged = b.clone();
        fix_checksums(&mut damaged);
        match Index::from_bytes(damaged) {
            Err(e) => {
                assert!(e.to_string().starts_with("<memory>: "), "{e}");
                rejected += 1;
            }
            Ok(index) => {
                touch_everything(&index);
                let queries = sample_queries(&index);
                let _ = answers(&index, &queries[..queries.len().min(300)]);
                opened += 1;
            }
        }
        b[at] = old;
    }
    assert!(rejected + opened >= 100);
}

#[test]
fn wrong_magic_and_version_on_the_embedded_index() {
    let bytes = Index::embedded_bytes();
    for i in 0..8 {
        let mut b = bytes.to_vec();
        b[i] ^= 0x20;
        assert!(matches!(
            Index::from_bytes(b),
            Err(canonym::Error::BadMagic { .. })
        ));
    }
    for v in [0u32, 2, 99, u32::MAX] {
        let mut b = bytes.to_vec();
        b[8..12].copy_from_slice(&v.to_le_bytes());
        let e = Index::from_bytes(b).err().unwrap();
        assert!(
            matches!(e, canonym::Error::UnsupportedVersion { found, .. } if found == v),
            "{e}"
        );
        assert!(e.to_string().contains("rebuild it with `canonym build`"));
    }
}

/// `canonym verify --index PATH`: exit code, stdout, stderr.
fn verify(path: &Path) -> (i32, String, String) {
    let args = ["verify", "--index", path.to_str().unwrap()];
    let r = common::run_with(&args, RunOpts::default());
    (r.code, r.text(), r.stderr)
}

#[test]
fn memory_mapped_damage_and_canonym_verify() {
    let bytes = Index::embedded_bytes();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.idx");
    std::fs::write(&good, bytes).unwrap();
    assert!(Index::open(&good).is_ok());
    let (code, stdout, stderr) = verify(&good);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.starts_with("ok\t"), "{stdout}");

    let secs = sections(bytes);
    let strs = secs.iter().find(|(t, _)| t == b"STRS").unwrap().1.clone();
    let mut cases: Vec<(&str, Vec<u8>, &str)> = Vec::new();
    let mut flipped = bytes.to_vec();
    flipped[strs.start + strs.len() / 3] ^= 4;
    cases.push((
        "flip",
        flipped,
        "corrupt index: section STRS: checksum mismatch",
    ));
    let truncated = bytes[..bytes.len() / 2].to_vec();
    cases.push(("truncated", truncated, "corrupt index: the header says"));
    let mut magic = bytes.to_vec();
    magic[0] = b'X';
    cases.push(("magic", magic, "not a canonym index (bad magic bytes)"));
    let mut version = bytes.to_vec();
    version[8..12].copy_from_slice(&7u32.to_le_bytes());
    cases.push((
        "version",
        version,
        "index format version 7 is not supported",
    ));
    cases.push(("empty", Vec::new(), "not a canonym index"));
    cases.push((
        "csv",
        b"id,canonical,alias\nx,A,B\n".to_vec(),
        "not a canonym index",
    ));
    for (name, data, want) in cases {
        let path = dir.path().join(format!("{name}.idx"));
        std::fs::write(&path, &data).unwrap();
        // The memory-mapped path validates before it trusts.
        let e = Index::open(&path).err().expect(name).to_string();
        assert!(e.contains(want), "{name}: {e}");
        assert!(e.starts_with(path.to_str().unwrap()), "{name}: {e}");
        let (code, stdout, stderr) = verify(&path);
        assert_eq!(code, 2, "{name}: {stdout} {stderr}");
        assert!(stdout.is_empty(), "{name}: {stdout}");
        assert!(
            stderr.starts_with("canonym: error: ") && stderr.contains(want),
            "{name}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
    // A directory and a missing file.
    let (code, _, stderr) = verify(dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("is a directory"), "{stderr}");
    let (code, _, stderr) = verify(&dir.path().join("missing.idx"));
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.idx"), "{stderr}");
}
