//! Lookup on the embedded default index with arbitrary queries: candidates
//! are in range, belong to their alias's entity, scores in [0, 1].
use canonym::{Index, LookupOptions, Scratch};

fn main() {
    let index = Index::embedded().expect("embedded index");
    let mut scratch = Scratch::new();
    let mut out = Vec::new();
    afl::fuzz!(|data: &[u8]| {
        let q = String::from_utf8_lossy(data);
        let opts = LookupOptions {
            top: 10,
            min_score: 0.0,
        };
        index.lookup_into(&q, &opts, &mut scratch, &mut out);
        assert!(out.len() <= 10);
        for c in &out {
            assert!(c.entity < index.entity_count());
            assert_eq!(index.alias(c.alias).entity().number(), c.entity);
            assert!((0.0..=1.0).contains(&c.score));
        }
    });
}
