//! The `canonym` binary end to end, against golden files in `tests/golden/`.
//! Set `UPDATE_GOLDEN=1` to rewrite them after an intended change.

use common::{data, golden, run};
use std::path::PathBuf;

mod common;

/// A temp dir holding the small test lexicons and their built index.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for f in ["small_entities.csv", "small_aliases.csv"] {
        std::fs::copy(data(f), dir.path().join(f)).unwrap();
    }
    let r = run(
        &[
            "build",
            "-o",
            "small.idx",
            "small_entities.csv",
            "small_aliases.csv",
        ],
        None,
        dir.path(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    golden("build.txt", &r.stdout);
    let idx = dir.path().join("small.idx");
    (dir, idx)
}

#[test]
fn lookup_tsv_and_jsonl() {
    let (dir, _) = fixture();
    let d = dir.path();
    let r = run(
        &[
            "lookup",
            "--index",
            "small.idx",
            "Kiev",
            "KYIV",
            "Georgia",
            "nowhere",
            "D.P.R.",
            "ДНР",
        ],
        None,
        d,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    golden("lookup.tsv", &r.stdout);
    let queries = "Kiev\n\nChoe Son-Hui\r\nCh’oe Sŏn-hŭi\nnowhere\nGeorgia";
    let r = run(
        &[
            "lookup",
            "--index",
            "small.idx",
            "--format",
            "jsonl",
            "--top",
            "3",
        ],
        Some(queries.as_bytes()),
        d,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.text().lines().count(), 6, "one object per input line");
    golden("lookup.jsonl", &r.stdout);
}

#[test]
fn export_info_verify_and_round_trip() {
    let (dir, _) = fixture();
    let d = dir.path();
    let r = run(&["export", "--index", "small.idx"], None, d);
    assert_eq!(r.code, 0);
    golden("export.csv", &r.stdout);
    let r2 = run(
        &["export", "--index", "small.idx", "-o", "export.csv"],
        None,
        d,
    );
    assert_eq!(r2.code, 0);
    assert_eq!(
        std::fs::read_to_string(d.join("export.csv")).unwrap(),
        r.text()
    );
    let b = run(&["build", "-o", "again.idx", "export.csv"], None, d);
    assert_eq!(b.code, 0, "{}", b.stderr);
    let again = run(&["export", "--index", "again.idx"], None, d);
    assert_eq!(
        again.text(),
        r.text(),
        "export → build → export is byte-identical"
    );
    let lookup = |idx: &str| {
        let args = [
            "lookup", "--index", idx, "--format", "jsonl", "Kiev", "Georgia", "DPR",
        ];
        run(&args, None, d).text()
    };
    assert_eq!(lookup("small.idx"), lookup("again.idx"));
    let info = run(&["info", "--index", "small.idx"], None, d);
    assert_eq!(info.code, 0);
    golden("info.txt", &info.stdout);
    let v = run(&["verify", "--index", "small.idx"], None, d);
    assert_eq!(v.code, 0, "{}", v.stderr);
    assert!(v.text().starts_with("ok\tsmall.idx"));
}

#[test]
fn default_index_works_without_flags() {
    let d = std::env::temp_dir();
    let r = run(
        &["lookup", "--format", "jsonl", "Kiev", "Lugansk", "DPRK"],
        None,
        &d,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<String> = r
        .text()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["candidates"][0]["canonical"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(ids[0], "Kyiv");
    assert_eq!(ids[2], "North Korea");
    let v = run(&["verify"], None, &d);
    assert_eq!(v.code, 0, "{}", v.stderr);
}

/// `lookup --threads N` answers stdin in input order, the same as one
/// thread, across batch boundaries and with invalid UTF-8 warned about by
/// line.
#[test]
fn lookup_threads_keep_order_and_answers() {
    let d = std::env::temp_dir();
    let names = [
        "Kiev",
        "Lugansk",
        "DPRK",
        "Kharkov",
        "Zelenskiy",
        "V. Putin",
        "Pjongjang",
        "",
        "Луганськ",
        "최선희",
        "nowhere at all",
    ];
    let mut input = Vec::new();
    for i in 0..5000 {
        input.extend_from_slice(names[i % names.len()].as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"Ky\xffiv\n");
    let one = run(&["lookup", "--format", "jsonl"], Some(&input), &d);
    let four = run(
        &["lookup", "--format", "jsonl", "--threads", "4"],
        Some(&input),
        &d,
    );
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(four.code, 0, "{}", four.stderr);
    assert_eq!(one.text().lines().count(), 5001);
    assert_eq!(one.text(), four.text());
    assert!(
        four.stderr.contains("<stdin>:5001: invalid UTF-8"),
        "{}",
        four.stderr
    );
    let zero = run(&["lookup", "--threads", "0", "Kiev"], None, &d);
    assert_eq!(zero.code, 2);
}

#[test]
fn check_reports_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("bad.csv"),
        "id,canonical,alias\nx:1,A,B\nx:2,C\n,D,E\nx:1,Z,Y\nx:3,K,...\n",
    )
    .unwrap();
    std::fs::write(
        d.join("good.csv"),
        "id,type,canonical,aliases\ny:1,GPE,B,Bee\n",
    )
    .unwrap();
    let r = run(&["check", "bad.csv", "good.csv"], None, d);
    assert_eq!(r.code, 2);
    golden("check_bad.txt", &r.stdout);
    let r = run(&["check", "good.csv"], None, d);
    assert_eq!(r.code, 0, "{}", r.text());
    let r = run(&["check", "."], None, d);
    assert_eq!(r.code, 2, "a directory expands to its CSV files");
}

#[test]
fn bad_input_is_one_line_exit_2_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("ragged.csv"), "id,canonical,alias\nx:1,A,B\nx:2,C\n").unwrap();
    std::fs::write(d.join("noheader.csv"), "").unwrap();
    std::fs::write(d.join("utf8.csv"), b"id,canonical,alias\nx:1,A,\xff\n").unwrap();
    std::fs::write(d.join("garbage.idx"), b"not an index at all").unwrap();
    std::fs::create_dir(d.join("adir")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["build", "-o", "out.idx", "ragged.csv"], "canonym: error: ragged.csv:3: field `record`: expected 3 fields as in the header, found 2\n"),
        (&["build", "-o", "out.idx", "noheader.csv"], "canonym: error: noheader.csv:1: header: empty file: a header row is required\n"),
        (&["build", "-o", "out.idx", "utf8.csv"], "canonym: error: utf8.csv:2: field `alias`: invalid UTF-8 at byte 0 of the field\n"),
        (&["build", "-o", "out.idx", "missing.csv"], "canonym: error: missing.csv: No such file or directory (os error 2)\n"),
        (&["lookup", "--index", "garbage.idx", "x"], "canonym: error: garbage.idx: not a canonym index (bad magic bytes)\n"),
        (&["lookup", "--index", "adir", "x"], "canonym: error: adir: is a directory, expected a file\n"),
        (&["info", "--index", "missing.idx"], "canonym: error: missing.idx: No such file or directory (os error 2)\n"),
        (&["lookup", "--min-score", "2", "x"], "canonym: error: --min-score must be between 0 and 1, got 2\n"),
    ];
    for (args, want) in cases {
        let r = run(args, None, d);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stderr, *want, "{args:?}");
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    assert!(!d.join("out.idx").exists(), "nothing written on error");
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// `canonym lookup` as a co-process: each answer arrives before the next
/// query is sent, including one sent without its newline at first.
#[test]
fn lookup_answers_each_line_before_more_input() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;
    let (dir, idx) = fixture();
    let mut child = Command::new(common::BIN)
        .args([
            "lookup",
            "--index",
            idx.to_str().unwrap(),
            "--format",
            "jsonl",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let answer = |rx: &mpsc::Receiver<String>| {
        rx.recv_timeout(Duration::from_secs(20))
            .expect("no answer while the co-process waits")
    };
    stdin.write_all(b"Kiev\n").unwrap();
    stdin.flush().unwrap();
    assert!(answer(&rx).contains("\"query\":\"Kiev\""));
    // a full line and the start of the next one: the first is answered
    stdin.write_all(b"Kyiv\nKha").unwrap();
    stdin.flush().unwrap();
    assert!(answer(&rx).contains("\"query\":\"Kyiv\""));
    stdin.write_all(b"rkiv\n").unwrap();
    stdin.flush().unwrap();
    assert!(answer(&rx).contains("\"query\":\"Kharkiv\""));
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}
