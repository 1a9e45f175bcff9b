//! Lexicon reading: both CSV forms, merging, and a table of malformed inputs
//! each with its exact error (file, line, field).

use canonym::lexicon::{Lexicon, LoadOptions};
use canonym::AliasKind;

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn load_str(name: &str, text: &[u8], lenient: bool) -> (Lexicon, Vec<String>) {
    let mut lex = Lexicon::new();
    let report = lex.read_csv(name, text, &LoadOptions { lenient });
    (
        lex,
        report.errors.iter().map(|p| p.error.to_string()).collect(),
    )
}

#[test]
fn entity_form_with_tags_and_escapes() {
    let lex = Lexicon::from_files(&[data("small_entities.csv")]).unwrap();
    let kyiv = lex.get("test:kyiv").unwrap();
    assert_eq!(kyiv.canonical, "Kyiv");
    assert_eq!(kyiv.etype, "GPE");
    let texts: Vec<(&str, Option<&str>)> = kyiv
        .aliases
        .iter()
        .map(|a| (a.text.as_str(), a.lang.as_deref()))
        .collect();
    assert_eq!(
        texts,
        [
            ("Kyiv", None),
            ("Kiev", Some("en")),
            ("Київ", Some("uk")),
            ("Киев", Some("ru")),
            ("Kyjiw", Some("de"))
        ]
    );
    assert_eq!(kyiv.aliases[0].kind, AliasKind::Official);
    let att = lex.get("test:at-t").unwrap();
    let texts: Vec<&str> = att.aliases.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["AT&T", "AT|T Inc", "ATT @ home", "Kyiv Telecom"]);
}

#[test]
fn rows_merge_across_files_and_forms() {
    let lex =
        Lexicon::from_files(&[data("small_entities.csv"), data("small_aliases.csv")]).unwrap();
    assert_eq!(lex.len(), 6);
    let g = lex.get("test:georgia").unwrap();
    assert_eq!(g.prior, Some(3_700_000.0));
    assert!(g.aliases.iter().any(|a| a.text == "Sakartvelo"));
    let dpr = lex.get("test:dpr").unwrap();
    assert_eq!(dpr.aliases[1].kind, AliasKind::Acronym);
    assert_eq!(dpr.aliases[2].lang.as_deref(), Some("ru"));
    assert_eq!(dpr.aliases[2].script.as_deref(), Some("Cyrl"));
}

#[test]
fn conflicts_name_both_places() {
    let a = "id,type,canonical,aliases\nx:1,GPE,Kyiv,Kiev\n";
    let b = "id,canonical,alias,type\nx:1,Kiev,Kyiv,GPE\n";
    let mut lex = Lexicon::new();
    assert!(lex
        .read_csv("a.csv", a.as_bytes(), &Default::default())
        .errors
        .is_empty());
    let errs = lex
        .read_csv("b.csv", b.as_bytes(), &Default::default())
        .errors;
    assert_eq!(
        errs[0].error.to_string(),
        "b.csv:2: field `canonical`: ID `x:1` has `Kiev` here but `Kyiv` at a.csv:2"
    );
    let c = "id,canonical,alias,type\nx:1,Kyiv,Kyjiw,LOC\n";
    let errs = lex
        .read_csv("c.csv", c.as_bytes(), &Default::default())
        .errors;
    assert_eq!(
        errs[0].error.to_string(),
        "c.csv:2: field `type`: ID `x:1` has `LOC` here but `GPE` at a.csv:2"
    );
}

/// Malformed inputs and the exact first error each gives.
const BAD: &[(&str, &[u8], &str)] = &[
    ("empty file", b"", "t.csv:1: header: empty file: a header row is required"),
    ("no id column", b"name,alias\nA,B\n", "t.csv:1: header: unknown column `name` (entity form: id,type,canonical,aliases[,prior]; alias-table form: id,canonical,alias[,type,lang,script,kind,prior,scheme])"),
    ("missing canonical", b"id,alias\nA,B\n", "t.csv:1: header: a lexicon needs the columns `id` and `canonical` (entity form: id,type,canonical,aliases; alias-table form: id,canonical,alias,…)"),
    ("duplicate header", b"id,canonical,alias,alias\nx,A,B,C\n", "t.csv:1: header: duplicate column `alias`"),
    ("both forms", b"id,type,canonical,aliases,alias\n", "t.csv:1: header: both `aliases` (entity form) and `alias` (alias-table form) columns"),
    ("ragged row", b"id,canonical,alias\nx:1,A,B\nx:2,C\n", "t.csv:3: field `record`: expected 3 fields as in the header, found 2"),
    ("too many fields", b"id,canonical,alias\nx:1,A,B,C\n", "t.csv:2: field `record`: expected 3 fields as in the header, found 4"),
    ("empty id", b"id,canonical,alias\n ,A,B\n", "t.csv:2: field `id`: empty ID"),
    ("empty alias", b"id,canonical,alias\nx:1,A,\n", "t.csv:2: field `alias`: empty alias"),
    ("empty canonical", b"id,canonical,alias\nx:1,,B\n", "t.csv:2: field `canonical`: empty canonical name"),
    ("invalid utf-8", b"id,canonical,alias\nx:1,A,B\xff\xfeC\n", "t.csv:2: field `alias`: invalid UTF-8 at byte 1 of the field"),
    ("bad kind", b"id,canonical,alias,kind\nx:1,A,B,nickname\n", "t.csv:2: field `kind`: unknown kind `nickname` (expected one of official, alias, weak, acronym, code, transliteration, historical, misspelling)"),
    ("negative prior", b"id,canonical,alias,prior\nx:1,A,B,-3\n", "t.csv:2: field `prior`: `-3` is not a non-negative number"),
    ("nan prior", b"id,canonical,alias,prior\nx:1,A,B,NaN\n", "t.csv:2: field `prior`: `NaN` is not a non-negative number"),
    ("bad escape", b"id,type,canonical,aliases\nx:1,GPE,A,B\\n\n", "t.csv:2: field `aliases`: unknown escape `\\n` (use \\|, \\@ or \\\\)"),
    ("empty alias in list", b"id,type,canonical,aliases\nx:1,GPE,A,B||C\n", "t.csv:2: field `aliases`: empty alias in the list"),
    ("entity form without type", b"id,canonical,aliases\nx:1,A,B\n", "t.csv:1: header: the entity form needs a `type` column"),
    ("quoted field spanning lines then ragged", b"id,canonical,alias\n\"x:1\",\"A\nB\",C\nx:2,D\n", "t.csv:4: field `record`: expected 3 fields as in the header, found 2"),
];

#[test]
fn malformed_csvs_give_exact_errors() {
    for (what, text, want) in BAD {
        let (_, errs) = load_str("t.csv", text, false);
        assert_eq!(
            errs.first().map(String::as_str),
            Some(*want),
            "case: {what}"
        );
    }
}

#[test]
fn bom_crlf_and_quotes_are_accepted() {
    let text = "\u{FEFF}id,canonical,alias\r\n\"x:1\",\"Korea, North\",\"The \"\"North\"\"\"\r\n";
    let (lex, errs) = load_str("t.csv", text.as_bytes(), false);
    assert!(errs.is_empty(), "{errs:?}");
    let e = lex.get("x:1").unwrap();
    assert_eq!(e.canonical, "Korea, North");
    assert_eq!(e.aliases[1].text, "The \"North\"");
}

#[test]
fn lenient_mode_skips_and_counts_every_bad_row() {
    let text = b"id,canonical,alias\nx:1,A,B\nx:2,C\n,D,E\nx:3,F,G\n";
    let (lex, errs) = load_str("t.csv", text, true);
    assert_eq!(errs.len(), 2);
    assert_eq!(lex.len(), 2);
    let (lex, errs) = load_str("t.csv", text, false);
    assert_eq!(errs.len(), 1);
    assert_eq!(lex.len(), 1);
}

#[test]
fn huge_field_is_read_not_dropped() {
    let big = "a".repeat(10 << 20);
    let text = format!("id,canonical,alias\nx:1,A,{big}\n");
    let (lex, errs) = load_str("t.csv", text.as_bytes(), false);
    assert!(errs.is_empty());
    assert_eq!(lex.get("x:1").unwrap().aliases[1].text.len(), 10 << 20);
}

#[test]
fn directories_and_missing_files_are_errors() {
    let dir = std::env::temp_dir();
    let err = Lexicon::from_files(&[&dir]).unwrap_err().to_string();
    assert!(err.ends_with("is a directory, expected a file"), "{err}");
    let err = Lexicon::from_files(&["/nonexistent/x.csv"])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("/nonexistent/x.csv: "), "{err}");
}
