//! Sentences from reviews of `normalize` on news text, kept as a table
//! (`tests/data/review_cases.tsv`): each names one surface in its sentence
//! and the entity it should be (or `NONE`: no mention inside it).
//!
//! Rows marked `pass` must hold. Rows marked `known` are errors not fixed
//! yet, kept so that the table says what is still wrong: a `known` row
//! that starts to hold fails the test too, so that it is marked `pass` and
//! guarded from then on.

use canonym::scan::Mention;
use common::{data, default_index, scan};

mod common;

struct Case {
    line: usize,
    sentence: String,
    surface: String,
    occurrence: usize,
    expected: String,
    known: bool,
}

fn cases() -> Vec<Case> {
    let path = data("review_cases.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert!(f.len() >= 5, "{}:{}: too few fields", path.display(), n + 1);
        let occurrence = f[2]
            .parse()
            .unwrap_or_else(|_| panic!("{}:{}: occurrence {:?}", path.display(), n + 1, f[2]));
        assert!(
            matches!(f[4], "pass" | "known"),
            "{}:{}: status {:?}",
            path.display(),
            n + 1,
            f[4]
        );
        out.push(Case {
            line: n + 1,
            sentence: f[0].replace("\\n", "\n"),
            surface: f[1].to_string(),
            occurrence,
            expected: f[3].to_string(),
            known: f[4] == "known",
        });
    }
    out
}

/// The byte range of the `n`-th (1-based) occurrence of `surface`.
fn nth(sentence: &str, surface: &str, n: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut at = None;
    for _ in 0..n {
        let i = from + sentence[from..].find(surface)?;
        at = Some((i, i + surface.len()));
        from = i + surface.len();
    }
    at
}

/// What the scanner reports at the case's surface: the ID of a mention
/// with exactly its span, or the mentions inside it.
fn outcome(case: &Case, found: &[Mention]) -> Result<(), String> {
    let index = default_index();
    let (s, e) = nth(&case.sentence, &case.surface, case.occurrence)
        .ok_or_else(|| format!("surface {:?} not in the sentence", case.surface))?;
    let inside: Vec<String> = found
        .iter()
        .filter(|m| m.byte_start as usize >= s && m.byte_end as usize <= e)
        .map(|m| {
            format!(
                "{}={}",
                &case.sentence[m.byte_start as usize..m.byte_end as usize],
                index.entity(m.entity).id()
            )
        })
        .collect();
    let holds = if case.expected == "NONE" {
        inside.is_empty()
    } else {
        found.iter().any(|m| {
            m.byte_start as usize == s
                && m.byte_end as usize == e
                && index.entity(m.entity).id() == case.expected
        })
    };
    if holds {
        Ok(())
    } else {
        Err(format!("got {inside:?}"))
    }
}

#[test]
fn review_cases() {
    let index = default_index();
    let cases = cases();
    assert!(cases.len() >= 40);
    let mut wrong = Vec::new();
    let mut known = 0;
    for case in &cases {
        let found = scan(index, case.sentence.as_bytes());
        match (outcome(case, &found), case.known) {
            (Ok(()), false) => {}
            (Err(_), true) => known += 1,
            (Err(got), false) => wrong.push(format!(
                "line {}: {:?} in {:?}: want {}, {got}",
                case.line, case.surface, case.sentence, case.expected
            )),
            (Ok(()), true) => wrong.push(format!(
                "line {}: {:?} in {:?} now holds: mark it `pass`",
                case.line, case.surface, case.sentence
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // (How many are still wrong, for the log.)
    eprintln!("{known} of {} review cases are known errors", cases.len());
}
