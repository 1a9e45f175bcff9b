//! Tests of `canonym::fuzzy`: cost rows, automaton vs. slow oracle, reverse
//! lookup, phonetic keys, gram index robustness, similarity.

use canonym::fuzzy::{
    explain, key_of_ordinal, phonetic_key, search, similarity, weighted_distance, Budget,
    CostTable, EditKind, FuzzyConfig, GramIndex, GramIndexBuilder, GramScratch, NameAutomaton,
    Scratch, UNIT,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn build_map(keys: &[String]) -> fst::Map<Vec<u8>> {
    let mut ks: Vec<&str> = keys.iter().map(|s| s.as_str()).collect();
    ks.sort_unstable();
    ks.dedup();
    let mut b = fst::MapBuilder::memory();
    for (i, k) in ks.iter().enumerate() {
        b.insert(k, i as u64).unwrap();
    }
    b.into_map()
}

fn run_search(map: &fst::Map<Vec<u8>>, q: &str, cfg: &FuzzyConfig<'_>) -> BTreeMap<String, u32> {
    let mut scratch = Scratch::new();
    let mut out = BTreeMap::new();
    let st = search(map, q, cfg, &mut scratch, &mut |h| {
        out.insert(String::from_utf8_lossy(h.key).into_owned(), h.cost);
    });
    assert!(!st.truncated, "search truncated for {q:?}");
    out
}

/// The shipped rules plus rules that name non-ASCII chars (substitutions,
/// insertions, multi-char key sides starting with a non-ASCII char).
fn wide_costs() -> &'static CostTable {
    static T: std::sync::OnceLock<CostTable> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let extra = "<transpose>\t\t4\tx\nя\tya\t3\tx\nж\tzh\t4\tx\nё\te\t2\tx\nё\t\t5\tx\nе\te\t1\tx\nс\ts\t3\tx\n서\tseo\t3\tx\n울\tul\t4\tx\nя\tа\t2\tx\n";
        CostTable::parse(&format!("{}{}", CostTable::names_source(), extra)).expect("wide table")
    })
}

/// A partner of `c` under `wide_costs`' extra rules.
fn wide_partner(c: char) -> &'static str {
    match c {
        'я' => "ya",
        'а' => "я",
        'ж' => "zh",
        'ё' => "е",
        'е' => "e",
        'e' => "е",
        'с' => "s",
        '서' => "seo",
        '울' => "ul",
        'a' => "а",
        'o' => "u",
        _ => "ё",
    }
}

/// The search's hits over `keys` and the oracle's, as (key, cost) maps.
fn search_and_oracle(
    keys: &[String],
    q: &str,
    cfg: &FuzzyConfig<'_>,
) -> (BTreeMap<String, u32>, BTreeMap<String, u32>) {
    let map = build_map(keys);
    let mut uniq = keys.to_vec();
    uniq.sort();
    uniq.dedup();
    (run_search(&map, q, cfg), oracle(&uniq, q, cfg))
}

fn oracle(keys: &[String], q: &str, cfg: &FuzzyConfig<'_>) -> BTreeMap<String, u32> {
    let budget = cfg.budget_for(q);
    let mut out = BTreeMap::new();
    for k in keys {
        if let Some(d) = weighted_distance(q, k, cfg) {
            if d <= budget {
                out.insert(k.clone(), d);
            }
        }
    }
    out
}

/// Simple key approximation for the tests: lowercase, hyphens to spaces,
/// apostrophes/dots dropped, spaces collapsed.
fn quick_key(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        let c = if c == '-' { ' ' } else { c };
        if c == '\'' || c == '.' || c == '’' {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

fn dev_keys(limit: usize) -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next())
        .map(quick_key)
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == ' '))
        .collect();
    keys.sort();
    keys.dedup();
    // a deterministic spread over the alphabet
    let step = (keys.len() / limit.max(1)).max(1);
    keys.into_iter().step_by(step).take(limit).collect()
}

fn names() -> FuzzyConfig<'static> {
    FuzzyConfig::default()
}

fn d(a: &str, b: &str) -> Option<u32> {
    weighted_distance(a, b, &names())
}

// ---------------------------------------------------------------- cost table

#[test]
fn shipped_table_parses() {
    let t = CostTable::parse(CostTable::names_source()).expect("costs.tsv parses");
    assert!(!t.rules().is_empty());
    assert_eq!(t.substitution_cost(), UNIT);
    assert_eq!(t.indel_cost(), UNIT);
    assert_eq!(t.transpose_cost(), UNIT);
    assert!(t.double_cost() < UNIT);
}

#[test]
fn parse_errors_are_reported() {
    assert!(CostTable::parse("a\tb\n").is_err());
    assert!(CostTable::parse("a\tb\tx\tnote\n").is_err());
    assert!(CostTable::parse("\t\t3\tnote\n").is_err());
    assert!(CostTable::parse("abcde\ta\t3\tnote\n").is_err());
    assert!(CostTable::parse("<bogus>\t\t3\tnote\n").is_err());
    assert!(CostTable::parse("a\tb\t999\tnote\n").is_err());
    let e = CostTable::parse("# c\n\na\tb\tx\n").unwrap_err();
    assert_eq!(e.line, 3);
}

/// Every row of costs.tsv makes its alternation cost at most the row cost,
/// embedded inside a word (not on the first letter) and in both directions.
#[test]
fn every_cost_row_applies() {
    let cfg = FuzzyConfig {
        budget: Budget::Fixed(250),
        ..names()
    };
    let mut rows = 0;
    for line in CostTable::names_source().lines() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with('<') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let unesc = |s: &str| s.replace("\\s", " ");
        let (from, to, cost): (String, String, u32) =
            (unesc(f[0]), unesc(f[1]), f[2].parse().unwrap());
        for (a, b) in [(&from, &to), (&to, &from)] {
            let q = format!("ma{a}ra");
            let k = format!("ma{b}ra");
            let got = weighted_distance(&q, &k, &cfg).unwrap();
            assert!(
                got <= cost,
                "row {line:?}: {q:?}~{k:?} costs {got} > {cost}"
            );
            let ex = explain(&q, &k, &cfg);
            assert_eq!(
                ex.iter().map(|e| e.cost).sum::<u32>(),
                got,
                "explain sums to the distance for {line:?}"
            );
            assert!(ex
                .iter()
                .all(|e| e.from_table || e.kind == EditKind::Substitute || got <= cost));
        }
        rows += 1;
    }
    assert!(rows > 50);
}

#[test]
fn named_examples() {
    // Korean o/u
    assert_eq!(d("choe sun hui", "choe son hui"), Some(3));
    // -skiy / -skyy / -sky
    assert!(d("zelenskiy", "zelenskyy").unwrap() <= 3);
    assert!(d("zelensky", "zelenskiy").unwrap() <= 3);
    assert!(d("zelenskii", "zelensky").unwrap() <= 3);
    // Ukrainian i / Russian o
    assert!(d("kharkov", "kharkiv").unwrap() <= 5);
    // space between syllables: nearly free
    assert!(d("sonhui", "son hui").unwrap() <= 1);
    assert!(d("son hui", "sonhui").unwrap() <= 1);
    assert_eq!(d("son hui", "son hui"), Some(0));
    // digraphs
    assert!(d("kharkiv", "harkiv").unwrap() <= 3 + names().first_rule_penalty);
    assert!(d("aleksandrov", "alexandrov").unwrap() <= 3);
    assert!(d("shostka", "schostka").unwrap() <= 3 + names().first_rule_penalty);
    assert!(d("tallin", "tallinn").unwrap() <= 3);
    assert!(d("yekaterinburg", "ekaterinburg").unwrap() <= 3 + names().first_rule_penalty);
    // ordinary typos cost one unit
    assert_eq!(d("ravennp", "ravenna"), Some(UNIT));
    assert_eq!(d("xunbsi", "xunsbi"), Some(UNIT));
    // first letter: plain edits forbidden by default, allowed with a penalty
    assert_eq!(d("lmont", "almont"), None);
    let lenient = FuzzyConfig {
        first_edit_penalty: Some(5),
        ..names()
    };
    assert_eq!(
        weighted_distance("lmont", "almont", &lenient),
        Some(UNIT + 5)
    );
    // ... but table rules at the first letter pay only the rule penalty
    assert_eq!(d("lmont", "elmont"), Some(7 + names().first_rule_penalty));
}

#[test]
fn explain_lists_edits() {
    let e = explain("choe sun hui", "choe son hui", &names());
    assert_eq!(e.len(), 1);
    assert_eq!(
        (e[0].from.as_str(), e[0].to.as_str(), e[0].cost),
        ("u", "o", 3)
    );
    assert_eq!(e[0].query_pos, 6);
    let e = explain("kharkov", "charkow", &names());
    assert!(e
        .iter()
        .any(|x| x.kind == EditKind::Rule && x.from == "kh" && x.to == "ch"));
    assert!(explain("same", "same", &names()).is_empty());
    assert!(explain("lmont", "almont", &names()).is_empty());
}

#[test]
fn budget_by_length() {
    let b = Budget::default();
    assert_eq!(b.for_len(3), 0);
    assert_eq!(b.for_len(5), UNIT);
    assert_eq!(b.for_len(12), 2 * UNIT);
    assert_eq!(Budget::Fixed(1000).for_len(1), 250);
}

// ---------------------------------------------------------------- automaton vs oracle

fn check_against_oracle(keys: &[String], queries: &[String], cfg: &FuzzyConfig<'_>) {
    let map = build_map(keys);
    let mut uniq = keys.to_vec();
    uniq.sort();
    uniq.dedup();
    for q in queries {
        let got = run_search(&map, q, cfg);
        let want = oracle(&uniq, q, cfg);
        assert_eq!(got, want, "query {q:?}");
    }
}

fn perturb(k: &str, seed: u64) -> String {
    let mut c: Vec<char> = k.chars().collect();
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51afd7ed558ccd);
        x ^= x >> 29;
        x
    };
    let edits = 1 + (next() % 2) as usize;
    for _ in 0..edits {
        if c.is_empty() {
            break;
        }
        let p = (next() as usize) % c.len();
        match next() % 5 {
            0 => {
                c.remove(p);
            }
            1 => c.insert(p, (b'a' + (next() % 26) as u8) as char),
            2 => c[p] = (b'a' + (next() % 26) as u8) as char,
            3 if p + 1 < c.len() => c.swap(p, p + 1),
            _ => c.insert(p, ' '),
        }
    }
    c.into_iter().collect()
}

#[test]
fn automaton_matches_oracle_on_dev_keys() {
    let keys = dev_keys(1000);
    if keys.is_empty() {
        return;
    }
    let mut queries: Vec<String> = Vec::new();
    for (i, k) in keys.iter().enumerate().step_by(40) {
        queries.push(k.clone());
        queries.push(perturb(k, i as u64));
    }
    queries.extend(
        [
            "choe sun hui",
            "zelenskiy",
            "kharkov",
            "sonhui",
            "a",
            "",
            "x y z",
        ]
        .map(String::from),
    );
    for cfg in [
        names(),
        FuzzyConfig {
            first_edit_penalty: Some(4),
            first_rule_penalty: 0,
            ..names()
        },
        FuzzyConfig {
            budget: Budget::Fixed(25),
            ..names()
        },
    ] {
        check_against_oracle(&keys, &queries, &cfg);
    }
}

#[test]
fn automaton_matches_strsim_with_unit_costs() {
    let keys = dev_keys(1200);
    if keys.is_empty() {
        return;
    }
    let map = build_map(&keys);
    for (i, k) in keys.iter().enumerate().step_by(40) {
        let q = perturb(k, 7 + i as u64);
        for units in 0..=2u32 {
            let cfg = FuzzyConfig::unit(units * UNIT);
            let got = run_search(&map, &q, &cfg);
            let mut want = BTreeMap::new();
            for key in &keys {
                let dd = strsim::osa_distance(&q, key) as u32;
                if dd <= units {
                    want.insert(key.clone(), dd * UNIT);
                }
            }
            assert_eq!(got, want, "query {q:?} units {units}");
        }
    }
}

#[test]
fn unicode_substitution_is_one_edit() {
    let cfg = FuzzyConfig::unit(UNIT);
    let keys: Vec<String> = ["zürich", "zurich", "москва", "서울", "a\u{10348}b"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let map = build_map(&keys);
    let got = run_search(&map, "zorich", &cfg);
    assert_eq!(got.get("zürich"), Some(&UNIT));
    assert_eq!(got.get("zurich"), Some(&UNIT));
    let got = run_search(&map, "масква", &cfg);
    assert_eq!(got.get("москва"), Some(&UNIT));
    let got = run_search(&map, "서을", &cfg);
    assert_eq!(got.get("서울"), Some(&UNIT));
    let got = run_search(&map, "a\u{10349}b", &cfg);
    assert_eq!(got.get("a\u{10348}b"), Some(&UNIT));
}

#[test]
fn namespace_search() {
    let keys: Vec<String> = ["\u{1}hrkf", "\u{1}slnsk", "hrkf", "kharkiv"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let map = build_map(&keys);
    let cfg = FuzzyConfig {
        namespace: Some(canonym::fuzzy::PHONETIC_PREFIX),
        budget: Budget::Fixed(10),
        ..names()
    };
    let got = run_search(&map, "hrkf", &cfg);
    assert_eq!(
        got.into_iter().collect::<Vec<_>>(),
        vec![("hrkf".to_string(), 0)]
    );
}

#[test]
fn long_queries_are_not_searched() {
    let keys = vec!["a".repeat(70), "abc".to_string()];
    let map = build_map(&keys);
    let mut s = Scratch::new();
    let st = search(&map, &"a".repeat(65), &names(), &mut s, &mut |_| {});
    assert!(st.too_long);
    let st = search(
        &map,
        &"a".repeat(64),
        &FuzzyConfig::unit(60),
        &mut s,
        &mut |_| {},
    );
    assert!(!st.too_long);
    assert_eq!(st.hits, 1);
}

#[test]
fn step_cap_truncates() {
    let keys = dev_keys(3000);
    if keys.is_empty() {
        return;
    }
    let map = build_map(&keys);
    let cfg = FuzzyConfig {
        max_steps: 50,
        ..FuzzyConfig::unit(40)
    };
    let st = search(&map, "abcdefgh", &cfg, &mut Scratch::new(), &mut |_| {});
    assert!(st.truncated);
    assert!(st.steps <= 50);
}

// ---------------------------------------------------------------- reverse lookup

#[test]
fn key_of_ordinal_inverts_get_on_dev_keys() {
    let mut keys = dev_keys(5000);
    keys.push(String::new());
    let map = build_map(&keys);
    let mut buf = Vec::new();
    let mut stream = map.stream();
    use fst::Streamer;
    let mut n = 0u64;
    while let Some((k, v)) = stream.next() {
        assert!(key_of_ordinal(&map, v, &mut buf));
        assert_eq!(buf, k);
        n += 1;
    }
    assert!(!key_of_ordinal(&map, n, &mut buf));
    assert!(buf.is_empty());
    assert!(!key_of_ordinal(&map, u64::MAX, &mut buf));
}

#[test]
fn key_of_ordinal_with_offset_namespace() {
    // namespaced keys with values above every ordinal are never entered
    let mut b = fst::MapBuilder::memory();
    b.insert("\u{1}abc", 1 << 40).unwrap();
    b.insert("\u{1}abd", (1 << 40) + 1).unwrap();
    b.insert("a", 0).unwrap();
    b.insert("b", 1).unwrap();
    b.insert("ba", 2).unwrap();
    let map = b.into_map();
    let mut buf = Vec::new();
    for (k, v) in [("a", 0u64), ("b", 1), ("ba", 2)] {
        assert!(key_of_ordinal(&map, v, &mut buf));
        assert_eq!(buf, k.as_bytes());
    }
}

// ---------------------------------------------------------------- phonetic

fn ph(s: &str) -> String {
    let mut o = String::new();
    phonetic_key(s, &mut o);
    o
}

#[test]
fn phonetic_groups() {
    assert_eq!(ph("kharkov"), ph("kharkiv"));
    assert_eq!(ph("kharkov"), ph("harkov"));
    assert_eq!(ph("kharkov"), ph("kharkow"));
    assert_eq!(ph("zelenskiy"), ph("zelenskyy"));
    assert_eq!(ph("zelenskiy"), ph("selensky"));
    assert_eq!(ph("aleksandrov"), ph("alexandrov"));
    assert_eq!(ph("romanoff"), ph("romanov"));
    assert_eq!(ph("yekaterinburg"), ph("ekaterinburg"));
    assert_eq!(ph("jekaterinburg"), ph("ekaterinburg"));
    assert_eq!(ph("son hui"), ph("sonhui"));
    assert_eq!(ph("tsaritsyn"), ph("zarizyn"));
    assert_eq!(ph("dzhankoy"), ph("djankoy"));
    assert_eq!(ph("shchuchinsk"), ph("schtschutschinsk"));
    assert_ne!(ph("tata"), ph("ta"));
    assert_eq!(ph("москва"), "");
    assert_eq!(ph(""), "");
    // documented non-catches stay within a couple of edits
    let p = ph("pyongyang");
    assert!(
        strsim::levenshtein(&p, &ph("phenian")) <= 2,
        "{p} vs {}",
        ph("phenian")
    );
}

// ---------------------------------------------------------------- grams

/// Distinct trigrams of `k` padded with one space on each side.
fn trigrams(k: &str) -> std::collections::BTreeSet<Vec<char>> {
    let mut c = vec![' '];
    c.extend(k.chars());
    c.push(' ');
    c.windows(3).map(|w| w.to_vec()).collect()
}

fn gram_index(keys: &[String]) -> Vec<u8> {
    let mut b = GramIndexBuilder::new();
    for (i, k) in keys.iter().enumerate() {
        b.add(k, i as u32);
    }
    b.finish()
}

#[test]
fn gram_query_finds_reordered_and_close_names() {
    let keys: Vec<String> = [
        "new york",
        "york",
        "newark",
        "kuala lumpur",
        "lumpur kuala",
        "san francisco",
        "francisco",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let bytes = gram_index(&keys);
    let idx = GramIndex::open(&bytes).unwrap();
    assert_eq!(idx.docs(), keys.len());
    let mut s = GramScratch::new();
    let mut hits = Vec::new();
    idx.query("kuala lumpur", 3, &mut s, &mut |h| hits.push(h));
    assert_eq!(hits[0].ordinal, 3);
    assert!((hits[0].score - 1.0).abs() < 1e-9);
    assert_eq!(hits[1].ordinal, 4);
    hits.clear();
    idx.query("san fransisco", 1, &mut s, &mut |h| hits.push(h));
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].ordinal, 5);
    hits.clear();
    idx.query("", 5, &mut s, &mut |h| hits.push(h));
    // an empty key still has the padding gram "  "? no: one gram of spaces only
    assert!(hits.len() <= 5);
}

#[test]
fn gram_open_rejects_corruption() {
    let keys = dev_keys(300);
    let keys = if keys.is_empty() {
        vec!["abc".to_string(), "abd".to_string()]
    } else {
        keys
    };
    let bytes = gram_index(&keys);
    assert!(GramIndex::open(&bytes).is_ok());
    for cut in [0, 3, 4, 19, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(GramIndex::open(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert!(GramIndex::open(&bad).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn gram_open_random_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(idx) = GramIndex::open(&bytes) {
            let mut s = GramScratch::new();
            idx.query("abc def", 5, &mut s, &mut |_| {});
        }
    }

    #[test]
    fn gram_corrupted_index_never_panics(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in any::<usize>()) {
        let keys: Vec<String> = ["moskva", "moscow", "moskau", "kyiv", "kiev", "kijow", "lviv", "lvov"].iter().map(|s| s.to_string()).collect();
        let mut bytes = gram_index(&keys);
        for (at, v) in flips {
            let n = bytes.len();
            bytes[at % n] = v;
        }
        let cut = cut % (bytes.len() + 1);
        for b in [&bytes[..], &bytes[..cut]] {
            if let Ok(idx) = GramIndex::open(b) {
                let mut s = GramScratch::new();
                for q in ["moskva", "kiev", "lwow", ""] {
                    idx.query(q, 3, &mut s, &mut |h| assert!(h.score >= 0.0 && h.score <= 1.0));
                }
            }
        }
    }

    #[test]
    fn search_never_panics_on_arbitrary_queries(q in "\\PC{0,80}") {
        let keys: Vec<String> = ["kharkiv", "son hui", "zürich", "москва", "a"].iter().map(|s| s.to_string()).collect();
        let map = build_map(&keys);
        let mut s = Scratch::new();
        search(&map, &q, &names(), &mut s, &mut |_| {});
        search(&map, &q, &FuzzyConfig::unit(30), &mut s, &mut |_| {});
        let _ = weighted_distance(&q, "kharkiv", &names());
        let _ = explain(&q, "son hui", &names());
        let mut o = String::new();
        phonetic_key(&q, &mut o);
        let _ = similarity(&q, "kharkiv");
    }

    #[test]
    fn search_equals_oracle_random(
        keys in proptest::collection::vec("[abcehijkostuyz ]{1,9}", 1..40),
        q in "[abcehijkostuyz ]{0,10}",
        lenient in any::<bool>(),
    ) {
        let keys: Vec<String> = keys;
        let cfg = if lenient {
            FuzzyConfig { first_edit_penalty: Some(3), budget: Budget::Fixed(20), ..names() }
        } else {
            FuzzyConfig { budget: Budget::Fixed(15), ..names() }
        };
        let (got, want) = search_and_oracle(&keys, &q, &cfg);
        // ⊆ and ⊇, with equal costs
        prop_assert_eq!(got, want);
    }

    #[test]
    fn search_equals_oracle_unicode(
        keys in proptest::collection::vec("[aeohéüяжс서울 ]{1,7}", 1..30),
        q in "[aeohéüяжс서울 ]{0,8}",
        unit in any::<bool>(),
    ) {
        let cfg = if unit { FuzzyConfig::unit(20) } else { FuzzyConfig { budget: Budget::Fixed(20), ..names() } };
        let (got, want) = search_and_oracle(&keys, &q, &cfg);
        prop_assert_eq!(got, want);
    }

    /// A cost table whose rules name non-ASCII chars on either side, with
    /// and without first-letter edits: the search's per-character filters
    /// for multi-byte key chars must keep every key the oracle accepts.
    #[test]
    fn search_equals_oracle_wide_rules(
        q in "[aeozhяжёеас서울 ]{0,8}",
        edits in proptest::collection::vec(proptest::collection::vec(0u8..6, 0..9), 1..25),
        noise in proptest::collection::vec("[aeozhяжёеас서울 ]{1,7}", 0..10),
        mode in 0u8..3,
    ) {
        // keys: the query with per-char edits (keep, the rule partner,
        // delete, insert ё, insert ж, swap with the next char), plus noise
        let qc: Vec<char> = q.chars().collect();
        let mut keys: Vec<String> = noise;
        for e in &edits {
            let mut k = String::new();
            let mut i = 0;
            while i < qc.len() {
                match e.get(i).copied().unwrap_or(0) {
                    1 => k.push_str(wide_partner(qc[i])),
                    2 => {}
                    3 => { k.push('ё'); k.push(qc[i]); }
                    4 => { k.push(qc[i]); k.push('ж'); }
                    5 if i + 1 < qc.len() => { k.push(qc[i + 1]); k.push(qc[i]); i += 1; }
                    _ => k.push(qc[i]),
                }
                i += 1;
            }
            if !k.is_empty() {
                keys.push(k);
            }
        }
        prop_assume!(!keys.is_empty());
        let costs = wide_costs();
        let cfg = match mode {
            0 => FuzzyConfig { costs, budget: Budget::Fixed(10), ..names() },
            1 => FuzzyConfig { costs, budget: Budget::Fixed(20), first_edit_penalty: Some(4), first_rule_penalty: 1, ..names() },
            _ => FuzzyConfig { costs, budget: Budget::Fixed(8), first_edit_penalty: None, first_rule_penalty: 0, ..names() },
        };
        let (got, want) = search_and_oracle(&keys, &q, &cfg);
        prop_assert_eq!(got, want);
    }

    /// Keys that are not UTF-8 (truncated and stray bytes, a namespace
    /// byte): `search` finds exactly what the `fst::Automaton` interface
    /// finds, with the same costs.
    #[test]
    fn search_equals_automaton_on_raw_bytes(
        keys in proptest::collection::btree_set(proptest::collection::vec(
            prop_oneof![Just(b'a'), Just(b'o'), Just(b' '), Just(1u8), Just(0xD1), Just(0x8F), Just(0xEC), Just(0x84), Just(0x9C), Just(0xFF), Just(0xC0)], 1..8), 1..40),
        q in "[aoя서 ]{0,6}",
        ns in any::<bool>(),
    ) {
        use fst::{IntoStreamer, Streamer};
        let mut b = fst::MapBuilder::memory();
        for (i, k) in keys.iter().enumerate() {
            b.insert(k, i as u64).unwrap();
        }
        let map = b.into_map();
        let cfg = FuzzyConfig { budget: Budget::Fixed(20), first_edit_penalty: Some(3), namespace: ns.then_some(1), ..names() };
        let mut got = BTreeMap::new();
        let mut scratch = Scratch::new();
        let st = search(&map, &q, &cfg, &mut scratch, &mut |h| {
            got.insert(h.key.to_vec(), h.cost);
        });
        prop_assert!(!st.truncated);
        let mut scratch2 = Scratch::new();
        let aut = NameAutomaton::new(&q, &cfg, &mut scratch2).unwrap();
        let mut want = BTreeMap::new();
        let mut stream = map.search_with_state(aut).into_stream();
        while let Some((k, _, state)) = stream.next() {
            let k = if ns { k[1..].to_vec() } else { k.to_vec() };
            want.insert(k, aut.cost(&state));
        }
        prop_assert_eq!(got, want);
    }

    /// The gram query's top `n` equals scoring every key by brute force
    /// (Dice over distinct padded trigrams, ties by ordinal).
    #[test]
    fn gram_query_equals_brute_force(
        keys in proptest::collection::vec("[abcdeo ]{1,9}", 1..80),
        q in "[abcdeo ]{1,9}",
        top_n in 1usize..12,
    ) {
        let bytes = gram_index(&keys);
        let idx = GramIndex::open(&bytes).unwrap();
        let mut s = GramScratch::new();
        let mut got = Vec::new();
        idx.query(&q, top_n, &mut s, &mut |h| got.push((h.ordinal, h.shared, h.score)));
        let qg = trigrams(&q);
        let mut want: Vec<(u32, u32, f64)> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| {
                let kg = trigrams(k);
                let c = qg.intersection(&kg).count() as u32;
                (c > 0).then(|| {
                    let score = (2.0 * c as f64 / (qg.len() + kg.len().max(1)) as f64).min(1.0);
                    (i as u32, c, score)
                })
            })
            .collect();
        want.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        want.truncate(top_n);
        prop_assert_eq!(got, want);
    }

    #[test]
    fn key_of_ordinal_inverts_get(keys in proptest::collection::btree_set("[a-z\u{e9}\u{1}]{0,8}", 1..60)) {
        let keys: Vec<String> = keys.into_iter().collect();
        let map = build_map(&keys);
        let mut buf = Vec::new();
        for k in &keys {
            let v = map.get(k).unwrap();
            prop_assert!(key_of_ordinal(&map, v, &mut buf));
            prop_assert_eq!(&buf[..], k.as_bytes());
        }
    }

    #[test]
    fn similarity_in_unit_range(a in "\\PC{0,20}", b in "\\PC{0,20}") {
        let s = similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s));
        if a == b { prop_assert!((s - 1.0).abs() < 1e-12); }
    }
}

#[test]
fn quick_key_sanity() {
    assert_eq!(quick_key("Choe Son-hui"), "choe son hui");
    assert_eq!(quick_key("Mel'nik"), "melnik");
}

/// Keys and queries made of the fragments the cost rules rewrite (`kh`,
/// `sch`, `tsch`, `iy`, doubled letters, spaces …), so that rules,
/// transpositions and doubled letters are in flight at every depth of the
/// automaton's search; checked against the slow reference.
#[test]
fn automaton_matches_oracle_on_rule_dense_keys() {
    const FRAGMENTS: &[&str] = &[
        "kh", "h", "k", "ch", "tch", "tsch", "sch", "sh", "shch", "zh", "dzh", "j", "y", "i", "iy",
        "e", "ie", "ye", "o", "u", "a", "ts", "tz", "c", "z", "s", "ks", "x", "ph", "f", "v", "w",
        "g", "gh", "ll", "nn", " ", "r", "l", "n", "m", "b", "p", "d", "t",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut word = |len: usize| -> String {
        let mut s = String::new();
        // start with a plain letter: keys never start with a space
        s.push((b'a' + (next() % 26) as u8) as char);
        for _ in 0..len {
            s.push_str(FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize]);
        }
        s.trim_end().to_string()
    };
    let keys: Vec<String> = (0..400).map(|i| word(2 + i % 6)).collect();
    let mut queries: Vec<String> = (0..40).map(|i| word(2 + i % 6)).collect();
    for (i, k) in keys.iter().enumerate().step_by(7) {
        queries.push(perturb(k, i as u64));
    }
    for cfg in [
        names(),
        FuzzyConfig {
            budget: Budget::Fixed(25),
            ..names()
        },
        FuzzyConfig {
            first_edit_penalty: Some(4),
            first_rule_penalty: 0,
            ..names()
        },
    ] {
        check_against_oracle(&keys, &queries, &cfg);
    }
}
