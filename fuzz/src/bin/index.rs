//! `Index::from_bytes` on arbitrary bytes (the corpus is seeded with real
//! small indexes): an error, or an index whose every accessor and lookup
//! works. When the first byte is odd, the section CRCs, the table CRC and
//! the file length of the rest are rewritten before opening, so that the
//! fuzzer reaches the structural validation behind the checksums.
use canonym::{Index, LookupOptions};

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

fn fix_checksums(b: &mut [u8]) {
    if b.len() < 64 {
        return;
    }
    let n = u32_at(b, 12) as usize;
    if n > 64 || b.len() < 64 + n * 32 {
        return;
    }
    for i in 0..n {
        let e = 64 + i * 32;
        let off = u64_at(b, e + 8) as usize;
        let len = u64_at(b, e + 16) as usize;
        if let Some(sec) = off.checked_add(len).and_then(|end| b.get(off..end)) {
            let crc = crc32fast::hash(sec);
            b[e + 4..e + 8].copy_from_slice(&crc.to_le_bytes());
        }
    }
    let table = crc32fast::hash(&b[64..64 + n * 32]);
    b[16..20].copy_from_slice(&table.to_le_bytes());
    let len = b.len() as u64;
    b[20..28].copy_from_slice(&len.to_le_bytes());
}

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some((&flag, rest)) = data.split_first() else {
            return;
        };
        let mut bytes = rest.to_vec();
        if flag & 1 == 1 {
            fix_checksums(&mut bytes);
        }
        let Ok(index) = Index::from_bytes(bytes) else {
            return;
        };
        let _ = index.metadata().count();
        for e in index.entities() {
            let _ = (e.id(), e.etype(), e.canonical(), e.prior());
            for a in e.aliases() {
                let _ = (a.text(), a.lang(), a.script(), a.scheme(), a.kind());
            }
        }
        for a in index.aliases() {
            for c in index.lookup(a.text(), &LookupOptions::default()) {
                assert!(c.entity < index.entity_count());
            }
        }
        for k in 0..index.key_count() {
            for a in index.postings(k) {
                assert!(a < index.alias_count());
            }
        }
        let mut csv = Vec::new();
        index.export_csv(&mut csv, true).unwrap();
        let _ = index.to_lexicon(true);
    });
}
