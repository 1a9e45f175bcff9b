//! Lexicon reading: both CSV forms, merging, and a table of malformed inputs
//! each with its exact error (file, line, field).

use canonym::lexicon::{Lexicon, LoadOptions};
use canonym::AliasKind;
use common::{data, BIN};

mod common;

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
    // A country given on one row holds for the ID; another one conflicts.
    let d = "id,canonical,alias,country\nx:1,Kyiv,Kyjiw,UA\nx:1,Kyiv,Kiew,\nx:1,Kyiv,Kijow,RU\n";
    let errs = lex
        .read_csv("d.csv", d.as_bytes(), &Default::default())
        .errors;
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].error.to_string(),
        "d.csv:4: field `country`: ID `x:1` has `RU` here but `UA` at d.csv:2"
    );
    assert_eq!(lex.get("x:1").unwrap().country.as_deref(), Some("UA"));
    let e = "id,canonical,alias,prior\nx:1,Kyiv,Kiev,2952301\nx:1,Kyiv,Kyjiw,\nx:1,Kyiv,Kijow,3000000\n";
    let errs = lex
        .read_csv("e.csv", e.as_bytes(), &Default::default())
        .errors;
    assert_eq!(errs.len(), 1);
    assert_eq!(
        errs[0].error.to_string(),
        "e.csv:4: field `prior`: ID `x:1` has `3000000` here but `2952301` at e.csv:2"
    );
}

/// The country survives export, import and the index: a lexicon with
/// countries exports the same table from the lexicon and from its index.
#[test]
fn country_round_trips_through_export_and_index() {
    let csv = "id,type,canonical,aliases,prior,country\n\
               g:1,GPE,Athens,Athína,664046,GR\n\
               g:2,GPE,Athens,,127315,US\n\
               o:1,ORG,Hamas,,,\n";
    let mut lex = Lexicon::new();
    assert!(lex
        .read_csv("a.csv", csv.as_bytes(), &Default::default())
        .errors
        .is_empty());
    let mut from_lexicon = Vec::new();
    lex.export_csv(&mut from_lexicon, true).unwrap();
    let text = String::from_utf8(from_lexicon).unwrap();
    assert!(
        text.starts_with("id,canonical,alias,type,lang,script,kind,prior,scheme,country,region\n")
    );
    assert!(
        text.contains("g:1,Athens,Athína,GPE,,,alias,664046,,GR,\n"),
        "{text}"
    );
    let index = canonym::Index::build(&lex, &Default::default()).unwrap();
    let countries: Vec<Option<&str>> = index.entities().map(|e| e.country()).collect();
    assert_eq!(countries, [Some("GR"), Some("US"), None]);
    // (The index adds the scripts it detects.)
    let mut from_index = Vec::new();
    index.export_csv(&mut from_index, true).unwrap();
    let text = String::from_utf8(from_index.clone()).unwrap();
    assert!(
        text.contains("g:1,Athens,Athína,GPE,,Latn,alias,664046,,GR,\n"),
        "{text}"
    );
    assert!(
        text.contains("o:1,Hamas,Hamas,ORG,,Latn,official,,,,\n"),
        "{text}"
    );
    let mut back = Lexicon::new();
    assert!(back
        .read_csv("b.csv", &from_index[..], &Default::default())
        .errors
        .is_empty());
    assert_eq!(back.get("g:2").unwrap().country.as_deref(), Some("US"));
    assert_eq!(back.get("o:1").unwrap().country, None);
}

/// The region survives export, import and the index, and conflicts like
/// the other entity attributes.
#[test]
fn region_round_trips_through_export_and_index() {
    let csv = "id,type,canonical,aliases,prior,country,region\n\
               g:1,GPE,Portland,,66881,US,US-ME\n\
               g:2,GPE,Portland,,652503,US,US-OR\n\
               g:3,GPE,Perth,,2000000,,AU-WA\n\
               o:1,ORG,Hamas,,,,\n";
    let (lex, errs) = load_str("a.csv", csv.as_bytes(), false);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(lex.get("g:3").unwrap().region.as_deref(), Some("AU-WA"));
    let index = canonym::Index::build(&lex, &Default::default()).unwrap();
    let regions: Vec<Option<&str>> = index.entities().map(|e| e.region()).collect();
    assert_eq!(regions, [Some("US-ME"), Some("US-OR"), Some("AU-WA"), None]);
    let mut from_index = Vec::new();
    index.export_csv(&mut from_index, false).unwrap();
    let text = String::from_utf8(from_index.clone()).unwrap();
    assert!(
        text.contains("g:1,Portland,Portland,GPE,,Latn,official,66881,,US,US-ME\n"),
        "{text}"
    );
    let (back, errs) = load_str("b.csv", &from_index, false);
    assert!(errs.is_empty(), "{errs:?}");
    for id in ["g:1", "g:2", "g:3", "o:1"] {
        assert_eq!(
            back.get(id).unwrap().region,
            lex.get(id).unwrap().region,
            "{id}"
        );
    }
    // A second region for one ID conflicts, naming both places.
    let d = "id,canonical,alias,region\nx:1,Portland,Portland,US-ME\nx:1,Portland,PDX,US-OR\n";
    let (_, errs) = load_str("d.csv", d.as_bytes(), true);
    assert_eq!(
        errs,
        ["d.csv:3: field `region`: ID `x:1` has `US-OR` here but `US-ME` at d.csv:2"]
    );
    // In memory, a region of another country is refused.
    let mut e = canonym::lexicon::Entity::new("x:2", "GPE", "Perth");
    e.country = Some("GB".into());
    e.region = Some("AU-WA".into());
    let err = Lexicon::new().add_entity(e).unwrap_err().to_string();
    assert!(err.contains("field `region`"), "{err}");
}

/// Malformed inputs and the exact first error each gives.
const BAD: &[(&str, &[u8], &str)] = &[
    ("empty file", b"", "t.csv:1: header: empty file: a header row is required"),
    ("no id column", b"name,alias\nA,B\n", "t.csv:1: header: unknown column `name` (entity form: id,type,canonical,aliases[,prior,country,region]; alias-table form: id,canonical,alias[,type,lang,script,kind,prior,scheme,country,region])"),
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
    ("lower-case country", b"id,canonical,alias,country\nx:1,A,B,ua\n", "t.csv:2: field `country`: `ua` is not a two-letter country code (ISO 3166-1 alpha-2, upper case)"),
    ("three-letter country", b"id,type,canonical,aliases,country\nx:1,GPE,A,B,UKR\n", "t.csv:2: field `country`: `UKR` is not a two-letter country code (ISO 3166-1 alpha-2, upper case)"),
    ("lower-case region", b"id,canonical,alias,country,region\nx:1,A,B,US,US-me\n", "t.csv:2: field `region`: `US-me` is not a subdivision code (ISO 3166-2: `US-ME`, `GB-SCT`)"),
    ("region without hyphen", b"id,type,canonical,aliases,region\nx:1,GPE,A,B,USME\n", "t.csv:2: field `region`: `USME` is not a subdivision code (ISO 3166-2: `US-ME`, `GB-SCT`)"),
    ("region of another country", b"id,canonical,alias,country,region\nx:1,A,B,CA,US-ME\n", "t.csv:2: field `region`: region `US-ME` is not in the entity's country `CA`"),
    ("bad escape", b"id,type,canonical,aliases\nx:1,GPE,A,B\\n\n", "t.csv:2: field `aliases`: unknown escape `\\n` (use \\|, \\@ or \\\\)"),
    ("empty alias in list", b"id,type,canonical,aliases\nx:1,GPE,A,B||C\n", "t.csv:2: field `aliases`: empty alias in the list"),
    ("entity form without type", b"id,canonical,aliases\nx:1,A,B\n", "t.csv:1: header: the entity form needs a `type` column"),
    ("quoted field spanning lines then ragged", b"id,canonical,alias\n\"x:1\",\"A\nB\",C\nx:2,D\n", "t.csv:4: field `record`: expected 3 fields as in the header, found 2"),
];

/// Loads each case of `table` (what, text, first error) as `t.csv`,
/// strictly, and checks its first error.
fn check_first_errors(table: &[(&str, &[u8], &str)]) {
    for (what, text, want) in table {
        let (_, errs) = load_str("t.csv", text, false);
        assert_eq!(
            errs.first().map(String::as_str),
            Some(*want),
            "case: {what}"
        );
    }
}

#[test]
fn malformed_csvs_give_exact_errors() {
    check_first_errors(BAD);
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

/// More malformed inputs (issue 7): quotes, CRLF, BOM, duplicate headers,
/// blank files, huge fields in errors. Each with its exact first error.
const BAD_MORE: &[(&str, &[u8], &str)] = &[
    ("unterminated quote at EOF", b"id,canonical,alias\nx:1,A,B\nx:2,\"C,D\nx:3,E,F\n", "t.csv:3: field `record`: unterminated quoted field: the `\"` opened here is never closed, so the rest of the file would be read as one field"),
    ("unterminated quote at EOF, no newline", b"id,canonical,alias\nx:1,A,\"B", "t.csv:2: field `record`: unterminated quoted field: the `\"` opened here is never closed, so the rest of the file would be read as one field"),
    ("unterminated quote in the header", b"id,canonical,\"alias\nx:1,A,B\n", "t.csv:1: field `header`: unterminated quoted field: the `\"` opened here is never closed, so the rest of the file would be read as one field"),
    ("unterminated quote after a multi-line field", b"id,canonical,alias\nx:1,\"A\nA\",B\nx:2,C,\"D\n", "t.csv:4: field `record`: unterminated quoted field: the `\"` opened here is never closed, so the rest of the file would be read as one field"),
    ("crlf ragged row", b"id,canonical,alias\r\nx:1,A,B\r\nx:2,C\r\n", "t.csv:3: field `record`: expected 3 fields as in the header, found 2"),
    ("crlf empty alias", b"id,canonical,alias\r\nx:1,A,B\r\n\r\nx:2,C,\r\n", "t.csv:4: field `alias`: empty alias"),
    ("lone cr line ends", b"id,canonical,alias\rx:1,A,B\rx:2,C\r", "t.csv:3: field `record`: expected 3 fields as in the header, found 2"),
    ("bom then unknown column", b"\xef\xbb\xbfname,alias\nA,B\n", "t.csv:1: header: unknown column `name` (entity form: id,type,canonical,aliases[,prior,country,region]; alias-table form: id,canonical,alias[,type,lang,script,kind,prior,scheme,country,region])"),
    ("bom then duplicate id", b"\xef\xbb\xbfid,canonical,alias,ID\nx,A,B,C\n", "t.csv:1: header: duplicate column `id`"),
    ("duplicate header by case and spaces", b"id,canonical, Alias ,alias\nx,A,B,C\n", "t.csv:1: header: duplicate column `alias`"),
    ("only a bom", b"\xef\xbb\xbf", "t.csv:1: header: empty file: a header row is required"),
    ("only blank lines", b"\n\n\r\n", "t.csv:1: header: empty file: a header row is required"),
    ("bom and crlf ragged", b"\xef\xbb\xbfid,canonical,alias\r\nx:1,A\r\n", "t.csv:2: field `record`: expected 3 fields as in the header, found 2"),
];

#[test]
fn more_malformed_csvs_give_exact_errors() {
    check_first_errors(BAD_MORE);
}

#[test]
fn unterminated_quote_is_skipped_in_lenient_mode_not_swallowed() {
    let text = b"id,canonical,alias\nx:1,A,B\nx:2,\"C,D\nx:3,E,F\n";
    let (lex, errs) = load_str("t.csv", text, true);
    assert_eq!(errs.len(), 1);
    assert_eq!(lex.len(), 1);
    assert!(lex.get("x:2").is_none());
    // A quote that is closed is fine, even across lines and at the end.
    let (lex, errs) = load_str("t.csv", b"id,canonical,alias\nx:1,A,\"B\nC\"", false);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(lex.get("x:1").unwrap().aliases[1].text, "B\nC");
    // A quote inside an unquoted field is literal.
    let (lex, errs) = load_str("t.csv", b"id,canonical,alias\nx:1,A,5'11\"\n", false);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(lex.get("x:1").unwrap().aliases[1].text, "5'11\"");
}

#[test]
fn ten_megabyte_fields_in_errors_are_cut_short() {
    let big = "n".repeat(10 << 20);
    let text = format!("id,canonical,alias,kind\nx:1,A,B,{big}\n");
    let (_, errs) = load_str("t.csv", text.as_bytes(), false);
    let want = format!(
        "t.csv:2: field `kind`: unknown kind `{}…` (expected one of official, alias, weak, acronym, code, transliteration, historical, misspelling)",
        "n".repeat(80)
    );
    assert_eq!(errs, [want]);
    let text = format!("id,canonical,alias\nx:1,{big},B\nx:1,{big}x,C\n");
    let (_, errs) = load_str("t.csv", text.as_bytes(), false);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].len() < 400, "{} bytes", errs[0].len());
    assert!(errs[0].starts_with("t.csv:3: field `canonical`: ID `x:1` has `nnn"));
    // A 10 MB field in a ragged row, and a 10 MB unterminated quote.
    let text = format!("id,canonical,alias\nx:1,{big}\n");
    let (_, errs) = load_str("t.csv", text.as_bytes(), false);
    assert_eq!(
        errs,
        ["t.csv:2: field `record`: expected 3 fields as in the header, found 2"]
    );
    let text = format!("id,canonical,alias\nx:1,A,\"{big}\n");
    let (_, errs) = load_str("t.csv", text.as_bytes(), false);
    assert!(errs[0].starts_with("t.csv:2: field `record`: unterminated quoted field"));
}

#[test]
fn cli_build_lenient_reports_every_skipped_row() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "id,canonical,alias\r\nx:1,Kyiv,Kiev\r\nx:2,C\r\n,D,E\r\nx:3,Lviv,Lwów,extra\r\nx:4,Odesa,Odessa\r\nx:5,F,\"G\r\n",
    )
    .unwrap();
    let out = dir.path().join("out.idx");
    // Strict: the first error, file:line, exit 2, no index written.
    let r = std::process::Command::new(BIN)
        .args(["build", "-o"])
        .arg(&out)
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&r.stderr);
    let path = csv.display().to_string();
    assert_eq!(
        stderr,
        format!("canonym: error: {path}:3: field `record`: expected 3 fields as in the header, found 2\n")
    );
    assert!(!out.exists());
    // Lenient: every skipped row on stderr, then the count; the good rows
    // are built.
    let r = std::process::Command::new(BIN)
        .args(["build", "--lenient", "-o"])
        .arg(&out)
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let stderr = String::from_utf8_lossy(&r.stderr);
    let want = [
        format!("canonym: skipped: {path}:3: field `record`: expected 3 fields as in the header, found 2"),
        format!("canonym: skipped: {path}:4: field `id`: empty ID"),
        format!("canonym: skipped: {path}:5: field `record`: expected 3 fields as in the header, found 4"),
        format!("canonym: skipped: {path}:7: field `record`: unterminated quoted field: the `\"` opened here is never closed, so the rest of the file would be read as one field"),
        "canonym: 4 bad record(s) skipped".to_string(),
    ];
    assert_eq!(stderr.lines().collect::<Vec<_>>(), want);
    let index = canonym::Index::open(&out).unwrap();
    let ids: Vec<&str> = index.entities().map(|e| e.id()).collect();
    assert_eq!(ids, ["x:1", "x:4"]);
}
