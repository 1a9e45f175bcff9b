//! The matching key: a table of real variant pairs, and properties.

use canonym::key;
use proptest::prelude::*;

/// Spellings that must share a key (many seen in ../shared/corpus/).
const SAME: &[(&str, &str)] = &[
    ("Choe Son-hui", "Choe Son Hui"),
    ("Choe Son-Hui", "CHOE SON HUI"),
    ("Donetsk People’s Republic", "Donetsk People's Republic"),
    (
        "Democratic People’s Republic of Korea",
        "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",
    ),
    ("U.N. Security Council", "UN Security Council"),
    ("U.S.", "US"),
    ("D.P.R.", "DPR"),
    ("Sin Hong-chol", "Sin Hong Chol"),
    ("EPA-EFE", "EPA EFE"),
    ("Zürich", "Zurich"),
    ("São Paulo", "Sao Paulo"),
    ("Ḩalab", "Halab"),
    ("Straße", "STRASSE"),
    ("ẞ", "ss"),
    ("ΣΟΦΟΚΛΗΣ", "σοφοκλης"),
    ("Σοφοκλής", "σοφοκλησ"),
    ("İzmir", "izmir"),
    ("Kırıkkale", "Kirikkale"),
    ("Łódź", "Lodz"),
    ("Ørsted", "Orsted"),
    ("Donba\u{301}ss", "Donbass"),
    ("Донба\u{301}сс", "Донбасс"),
    ("Ёлки", "Елки"),
    ("ﬁnal", "final"),
    ("ＤＰＲＫ", "DPRK"),
    ("Choe\u{00A0}Son\u{2009}Hui", "Choe Son Hui"),
    ("Choe\u{200B}Son Hui", "ChoeSon Hui"),
    ("Kim Jong–un", "Kim Jong-un"),
    ("Kim Jong—un", "Kim Jong un"),
    ("Ch'oe Sŏn-hŭi", "Choe Son Hui"),
    ("Ch’oe", "Choe"),
    ("Ch`oe", "Choe"),
    ("Chʼoe", "Choe"),
    ("Chʻoe", "Choe"),
    ("Chʹoe", "Choe"),
    ("«Луганск»", "Луганск"),
    ("\"Kyiv\"", "Kyiv"),
    ("  Kyiv \t", "kyiv"),
    ("Bosnia & Herzegovina", "Bosnia Herzegovina"),
];

/// Spellings that must not share a key.
const DIFFERENT: &[(&str, &str)] = &[
    ("Pyongyang’s", "Pyongyang"),
    ("Russia's", "Russia"),
    ("Йошкар-Ола", "Иошкар-Ола"),
    ("Київ", "Kyiv"),
    ("Son Hui", "Sonhui"),
    ("Georgia", "Georgian"),
];

#[test]
fn variant_table() {
    for (a, b) in SAME {
        assert_eq!(key(a), key(b), "{a:?} vs {b:?}");
    }
    for (a, b) in DIFFERENT {
        assert_ne!(key(a), key(b), "{a:?} vs {b:?}");
    }
}

#[test]
fn exact_forms() {
    assert_eq!(key("Choe Son-hui"), "choe son hui");
    assert_eq!(key("Donetsk People’s Republic"), "donetsk peoples republic");
    assert_eq!(key("Кривий Ріг"), "кривий ріг");
    assert_eq!(key("서울특별시"), "서울특별시");
    assert_eq!(key("القاهرة"), "القاهرة");
    assert_eq!(key("---"), "");
    // A breve after a Cyrillic sign that is not a letter (found by proptest).
    assert_eq!(key("꙳\u{306}"), "");
}

#[test]
fn corpus_surfaces_keep_their_words() {
    // Every gold surface in the shared corpus has a non-empty key.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/gold.jsonl");
    let text = std::fs::read_to_string(path).expect("shared corpus beside the repository");
    let mut n = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let surface = v["surface"].as_str().unwrap();
        assert!(!key(surface).is_empty(), "{surface}");
        n += 1;
    }
    assert!(n > 200);
}

fn name_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[A-Za-zÀ-ÿ .'’\\-]{0,30}",
        "[\\p{Cyrillic}\\p{Greek}\\p{Hangul} \u{301}\u{306}\u{308}-]{0,20}",
        "\\PC{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn idempotent(s in name_like()) {
        let k = key(&s);
        prop_assert_eq!(key(&k), k.clone());
    }

    #[test]
    fn well_formed(s in name_like()) {
        let k = key(&s);
        prop_assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
        prop_assert!(!k.bytes().any(|b| b.is_ascii_uppercase() || b.is_ascii_punctuation()));
    }

    #[test]
    fn ascii_fast_path_agrees_with_unicode_path(s in "[ -~]{0,30}") {
        // Appending a character that the key deletes forces the Unicode path.
        let forced = format!("{s}\u{200B}");
        prop_assert_eq!(key(&s), key(&forced));
    }
}
