//! Lookup of multi-word names on the embedded default lexicon: word order,
//! left-out middle names, initials. One table, checked for the top answer.

use canonym::{Index, LookupOptions};

/// (query, expected top ID, or "" for "no answer scoring ≥ 0.8").
const CASES: &[(&str, &str)] = &[
    // word order and left-out middle names
    ("Putin Vladimir", "canonym:vladimir-putin"),
    ("Vladimir Vladimirovich Putin", "canonym:vladimir-putin"),
    ("Son Hui Choe", "canonym:choe-son-hui"),
    ("Lavrov Sergei", "canonym:sergei-lavrov"),
    // initials, before or after the name, with or without a patronymic
    ("V. Putin", "canonym:vladimir-putin"),
    ("V.V. Putin", "canonym:vladimir-putin"),
    ("V. V. Putin", "canonym:vladimir-putin"),
    ("Putin V.", "canonym:vladimir-putin"),
    ("Putin, V. V.", "canonym:vladimir-putin"),
    ("S. Lavrov", "canonym:sergei-lavrov"),
    ("S. V. Lavrov", "canonym:sergei-lavrov"),
    ("Zelensky V.", "canonym:volodymyr-zelenskyy"),
    ("K. Jong Un", "canonym:kim-jong-un"),
    ("Kim J. U.", "canonym:kim-jong-un"),
    ("A. Merkel", "canonym:angela-merkel"),
    // an initial that does not fit the known first name finds nothing good
    ("B. Putin", ""),
    ("A. B.", ""),
];

#[test]
fn multi_word_names() {
    let index = Index::embedded().unwrap();
    let opts = LookupOptions::default();
    let mut wrong = Vec::new();
    for &(query, want) in CASES {
        let found = index.lookup(query, &opts);
        let top = found.first();
        let got = match top {
            Some(c) if c.score >= 0.8 => index.entity(c.entity).id(),
            _ => "",
        };
        if got != want {
            wrong.push(format!(
                "{query:?}: want {want:?}, got {got:?} ({:?})",
                top.map(|c| c.score)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
