//! Lexicon CSV reading and index building on arbitrary bytes, strict and
//! lenient: errors name a line, a lexicon that reads builds an index whose
//! aliases all resolve.
use canonym::lexicon::{Lexicon, LoadOptions};
use canonym::{Index, LookupOptions};

fn main() {
    afl::fuzz!(|data: &[u8]| {
        for lenient in [false, true] {
            let mut lex = Lexicon::new();
            let report = lex.read_csv("f.csv", data, &LoadOptions { lenient });
            for p in &report.errors {
                assert!(p.error.to_string().starts_with("f.csv:"));
            }
            if !lenient && !report.errors.is_empty() {
                continue;
            }
            let Ok(index) = Index::build(&lex, &Default::default()) else {
                continue;
            };
            let opts = LookupOptions {
                top: usize::MAX,
                min_score: 0.0,
            };
            for a in index.aliases() {
                if canonym::key(a.text()).is_empty() {
                    continue;
                }
                let found = index.lookup(a.text(), &opts);
                assert!(
                    found.iter().any(|c| c.entity == a.entity().number()),
                    "{}",
                    a.text()
                );
            }
        }
    });
}
