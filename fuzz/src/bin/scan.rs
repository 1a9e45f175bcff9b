//! The scanner and printers on arbitrary bytes with the embedded index:
//! spans slice the input, replace keeps every byte outside mentions,
//! annotate strips back, and chunking (first byte picks the chunk size)
//! does not change the mentions.
use canonym::print::{strip_annotations, write_annotate, write_replace};
use canonym::scan::{
    ChunkOptions, Chunker, DocContext, LookupResolver, Prepared, ScanScratch, Scanner,
};
use canonym::Index;

fn main() {
    let index = Index::embedded().expect("embedded index");
    let mut scratch = ScanScratch::new();
    afl::fuzz!(|data: &[u8]| {
        let Some((&pick, bytes)) = data.split_first() else {
            return;
        };
        // Scanners are cheap to make (and a boxed resolver is not
        // unwind-safe to capture).
        let scanner = Scanner::new(&index);
        let scanner = if pick & 0x80 != 0 {
            scanner.with_fuzzy(Box::new(LookupResolver::default()))
        } else {
            scanner
        };
        let scanner = &scanner;
        let mut found = Vec::new();
        scanner.scan_document(bytes, &mut scratch, |m| found.push(*m));
        let mut prev = 0u64;
        for m in &found {
            assert!(m.byte_start < m.byte_end && m.byte_start >= prev);
            assert!(m.byte_end as usize <= bytes.len());
            assert!(
                std::str::from_utf8(&bytes[m.byte_start as usize..m.byte_end as usize]).is_ok()
            );
            prev = m.byte_end;
        }
        let mut out = Vec::new();
        write_replace(&mut out, &index, bytes, 0, &found).unwrap();
        let mut expect = Vec::new();
        let mut at = 0usize;
        for m in &found {
            expect.extend_from_slice(&bytes[at..m.byte_start as usize]);
            expect.extend_from_slice(index.entity(m.entity).canonical().as_bytes());
            at = m.byte_end as usize;
        }
        expect.extend_from_slice(&bytes[at..]);
        assert!(out == expect);
        let mut ann = Vec::new();
        write_annotate(&mut ann, &index, bytes, 0, &found).unwrap();
        assert!(strip_annotations(&ann).unwrap() == bytes);
        let _ = strip_annotations(bytes);
        // Chunked: the same mentions.
        let target = 1 + (pick & 0x3f) as usize;
        let mut chunker = Chunker::new(
            bytes,
            ChunkOptions {
                target,
                max: 1 << 20,
            },
        );
        let mut ctx = DocContext::new();
        let mut prepared = Prepared::new();
        let mut chunked = Vec::new();
        while let Some(chunk) = chunker.next_chunk().unwrap() {
            scanner.prepare(&chunk, &mut prepared);
            scanner.resolve(&chunk, &prepared, &mut ctx, &mut scratch, |m| {
                chunked.push(*m)
            });
        }
        assert_eq!(chunked, found);
    });
}
