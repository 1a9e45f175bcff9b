//! The `normalize` and `eval` commands, end to end: golden outputs, thread
//! and chunk independence, in-place rewriting, invalid UTF-8, the corpus F1.
//!
//! Golden files live in `tests/golden/`; regenerate them after an intended
//! change with `UPDATE_GOLDEN=1 cargo test --test cli_normalize`.

use common::{golden, ok, run, CORPUS};
use std::path::{Path, PathBuf};

mod common;

/// Runs the binary in the package root, feeding it `stdin`.
fn canonym(args: &[&str], stdin: Option<&[u8]>) -> common::Run {
    run(args, stdin, Path::new(env!("CARGO_MANIFEST_DIR")))
}

const INPUT: &str = "tests/golden/input.txt";

#[test]
fn golden_outputs() {
    golden(
        "replace.txt",
        &ok(&["normalize", "--no-fuzzy", INPUT], None),
    );
    golden(
        "annotate.txt",
        &ok(
            &["normalize", "--no-fuzzy", "--mode", "annotate", INPUT],
            None,
        ),
    );
    golden(
        "spans.jsonl",
        &ok(&["normalize", "--no-fuzzy", "--mode", "spans", INPUT], None),
    );
    golden(
        "spans.csv",
        &ok(
            &[
                "normalize",
                "--no-fuzzy",
                "--mode",
                "spans",
                "--format",
                "csv",
                INPUT,
            ],
            None,
        ),
    );
    golden(
        "records.jsonl",
        &ok(
            &[
                "normalize",
                "--no-fuzzy",
                "--jsonl-field",
                "text",
                "tests/golden/records_input.jsonl",
            ],
            None,
        ),
    );
}

#[test]
fn stdin_equals_file_and_replace_is_idempotent() {
    let input = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(INPUT)).unwrap();
    let from_file = ok(&["normalize", INPUT], None);
    let from_stdin = ok(&["normalize", "-"], Some(&input));
    assert_eq!(from_file, from_stdin);
    let again = ok(&["normalize"], Some(&from_file));
    assert_eq!(
        String::from_utf8_lossy(&again),
        String::from_utf8_lossy(&from_file)
    );
}

#[test]
fn threads_and_chunk_size_do_not_change_output() {
    for mode in ["replace", "spans"] {
        let base = ok(
            &[
                "normalize",
                "--quiet",
                "--mode",
                mode,
                "--threads",
                "1",
                CORPUS,
            ],
            None,
        );
        assert!(!base.is_empty());
        for (threads, chunk) in [("2", "64"), ("3", "1000"), ("1", "7")] {
            let other = ok(
                &[
                    "normalize",
                    "--quiet",
                    "--mode",
                    mode,
                    "--threads",
                    threads,
                    "--chunk-size",
                    chunk,
                    CORPUS,
                ],
                None,
            );
            assert!(
                base == other,
                "{mode} with {threads} threads, chunk {chunk}"
            );
        }
    }
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let spans = String::from_utf8(ok(&["normalize", "--mode", "spans", CORPUS], None)).unwrap();
    let mut files: Vec<String> = Vec::new();
    for line in spans.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let f = v["file"].as_str().unwrap().to_string();
        if files.last() != Some(&f) {
            files.push(f);
        }
    }
    let mut sorted = files.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(files, sorted);
    assert!(files.len() >= 5, "{files:?}");
}

#[test]
fn in_place_rewrites_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    let a = sub.join("a.txt");
    std::fs::write(&a, "Talks in Kiev ended.\n").unwrap();
    let b = dir.path().join("b.txt");
    std::fs::write(&b, "Nothing to see.\n").unwrap();
    let out = ok(
        &["normalize", "--in-place", dir.path().to_str().unwrap()],
        None,
    );
    assert!(out.is_empty());
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "Talks in Kyiv ended.\n"
    );
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "Nothing to see.\n");
    let leftovers: Vec<PathBuf> = walk(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("canonym-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn output_file_and_format_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    ok(&["normalize", "-o", out.to_str().unwrap(), INPUT], None);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        ok(&["normalize", INPUT], None)
    );
    let bad = canonym(
        &["normalize", "--mode", "replace", "--format", "csv", INPUT],
        None,
    );
    assert_eq!(bad.code, 2);
    let missing = canonym(&["normalize", "no/such/file.txt"], None);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no/such/file.txt"));
}

#[test]
fn invalid_utf8_passes_through_with_a_warning_and_fails_with_strict() {
    let mut input = b"Kiev \xff\xfe and Moscow\n".to_vec();
    input.extend_from_slice(b"tail \xc3");
    let out = canonym(&["normalize"], Some(&input));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, b"Kyiv \xff\xfe and Moscow\ntail \xc3");
    let warn = &out.stderr;
    assert!(warn.contains("3 invalid UTF-8"), "{warn}");
    let quiet = canonym(&["normalize", "--quiet"], Some(&input));
    assert!(quiet.stderr.is_empty());
    let strict = canonym(&["normalize", "--strict"], Some(&input));
    assert_eq!(strict.code, 2);
    let msg = &strict.stderr;
    assert!(msg.contains("-: invalid UTF-8 at byte 5"), "{msg}");
}

#[test]
fn long_line_without_newline_and_giant_token() {
    let mut text = String::new();
    while text.len() < 3 << 20 {
        text.push_str("The envoy from Kiev met officials in Moscow and Pyongyang. ");
    }
    let out = ok(
        &["normalize", "--chunk-size", "65536"],
        Some(text.as_bytes()),
    );
    let expected = text.replace("Kiev", "Kyiv");
    assert!(out == expected.as_bytes());
    let mut giant = "x".repeat(1 << 20);
    giant.push_str(" Kiev");
    let out = ok(
        &["normalize", "--chunk-size", "4096"],
        Some(giant.as_bytes()),
    );
    assert_eq!(out.len(), giant.len());
    assert!(out.starts_with(&giant.as_bytes()[..1 << 20]));
}

fn f1_of(out: &[u8]) -> f64 {
    let text = String::from_utf8_lossy(out);
    let line = text
        .lines()
        .find(|l| l.starts_with("precision"))
        .expect("a precision line");
    let f1 = line.split_whitespace().last().unwrap();
    f1.parse().unwrap()
}

/// The quality goal on the shared corpus (reached: 0.992 at the time of
/// writing; the remaining errors are two region mentions whose only cue is
/// far away, "Luhansk and Donetsk together make up the Donbas region").
#[test]
fn corpus_f1_at_least_095() {
    let gold = format!("{CORPUS}/gold.jsonl");
    for fuzzy in ["--fuzzy", "--no-fuzzy"] {
        let out = ok(&["eval", fuzzy, "--gold", &gold, CORPUS], None);
        let f1 = f1_of(&out);
        assert!(
            f1 >= 0.95,
            "F1 {f1} ({fuzzy})\n{}",
            String::from_utf8_lossy(&out)
        );
    }
}
