//! Lookup of multi-word names on the embedded default lexicon (word order,
//! left-out middle names, initials: one table, checked for the top answer),
//! and of names with an administrative designator.

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

/// A caseless-script query with an administrative designator is looked up
/// by its name part first: `가노야 시` is Kanoya (romanized `ganoya`, one
/// cheap g/k edit away), not `Nagoya`, whose Korean spelling `나고야 시`
/// romanizes to `nagoya si`, closer to the whole query.
#[test]
fn designators_are_dropped_before_approximate_matching() {
    use canonym::{Entity, Lexicon};
    let mut lexicon = Lexicon::new();
    lexicon
        .add_entity(Entity::new("t:kanoya", "GPE", "Kanoya"))
        .unwrap();
    let mut nagoya = Entity::new("t:nagoya", "GPE", "Nagoya");
    nagoya.add_alias(canonym::Alias::new("나고야 시"));
    lexicon.add_entity(nagoya).unwrap();
    lexicon
        .add_entity(Entity::new("t:kyoto", "GPE", "京都"))
        .unwrap();
    let index = Index::build(&lexicon, &Default::default()).unwrap();
    let opts = LookupOptions::default();
    let top = |q: &str| {
        index
            .lookup(q, &opts)
            .first()
            .map(|c| (index.entity(c.entity).id().to_string(), c.method))
    };
    assert_eq!(top("가노야 시").map(|t| t.0).as_deref(), Some("t:kanoya"));
    // the listed spelling with its designator is still an exact match
    assert_eq!(
        top("나고야 시"),
        Some(("t:nagoya".to_string(), canonym::Method::Exact))
    );
    // a name found without its designator is not an exact match
    assert_eq!(
        top("京都市"),
        Some(("t:kyoto".to_string(), canonym::Method::Normalized))
    );
    assert_eq!(
        canonym::lookup::designator_stem("가노야 시"),
        Some("가노야")
    );
    assert_eq!(canonym::lookup::designator_stem("京都市"), Some("京都"));
    assert_eq!(canonym::lookup::designator_stem("市"), None);
    assert_eq!(canonym::lookup::designator_stem("Garden City"), None);
    assert_eq!(canonym::lookup::designator_stem("서울"), None);
}
