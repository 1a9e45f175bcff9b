//! Stable IDs: a sample of the default lexicon's IDs with their canonical
//! names, pinned so that regenerating the lexicon cannot silently renumber.

use canonym::Index;

#[test]
fn pinned_ids_keep_their_entities() {
    let index = Index::embedded().unwrap();
    let pins = include_str!("data/pinned_ids.tsv");
    let mut n = 0;
    for line in pins.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (id, canonical) = line.split_once('\t').expect("id<TAB>canonical");
        let e = index
            .entity_by_id(id)
            .unwrap_or_else(|| panic!("pinned ID {id} is gone from the default lexicon"));
        assert_eq!(
            e.canonical(),
            canonical,
            "pinned ID {id} changed its canonical name"
        );
        n += 1;
    }
    assert!(n >= 40, "only {n} pins");
}

#[test]
fn default_lexicon_knows_the_corpus_spellings() {
    // Every linkable surface of the shared corpus is a known alias (by key).
    let index = Index::embedded().unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/gold.jsonl");
    let gold = std::fs::read_to_string(path).unwrap();
    let mut missing = Vec::new();
    for line in gold.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["linkable"] == serde_json::Value::Bool(false) {
            continue;
        }
        let surface = v["surface"].as_str().unwrap();
        if index.lookup(surface, &Default::default()).is_empty() {
            missing.push(surface.to_string());
        }
    }
    assert!(missing.is_empty(), "unknown surfaces: {missing:?}");
}
