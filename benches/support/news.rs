//! News-like text for the scanner benchmark and the profiling example:
//! shared corpus sentences, shuffled and repeated, with canonical names from
//! the index inserted between them. Included by `#[path]` from
//! `benches/normalize.rs` and `examples/scan_profile.rs`.

use canonym::Index;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// A small deterministic generator (no dependency on a random crate).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// About `size` bytes of news-like text built deterministically.
pub fn news_like(index: &Index, size: usize) -> String {
    let mut sentences: Vec<String> = Vec::new();
    let mut dir: Vec<_> = std::fs::read_dir(CORPUS)
        .expect("the shared corpus at ../shared/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    dir.sort();
    for p in dir {
        let text = std::fs::read_to_string(&p).expect("article");
        for s in text.split_inclusive(['.', '\n']) {
            if s.trim().len() > 3 {
                sentences.push(s.trim().to_string());
            }
        }
    }
    // Names from the lexicon: canonical names of a deterministic sample.
    let n = index.entity_count() as usize;
    let mut rng = Lcg(42);
    let names: Vec<&str> = (0..2000)
        .map(|_| index.entity(rng.below(n) as u32).canonical())
        .collect();
    let mut out = String::with_capacity(size + 1024);
    while out.len() < size {
        let s = &sentences[rng.below(sentences.len())];
        out.push_str(s);
        if rng.below(4) == 0 {
            out.push_str(" Officials in ");
            out.push_str(names[rng.below(names.len())]);
            out.push_str(" said so.");
        }
        out.push(if rng.below(5) == 0 { '\n' } else { ' ' });
        if rng.below(20) == 0 {
            out.push('\n');
        }
    }
    out
}
