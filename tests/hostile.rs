//! Hostile input through every layer: the key, the transliterators, lookup,
//! the scanner and the printers, and the `canonym` binary.
//!
//! Every case must complete without a panic and lose nothing: replace mode
//! with nothing to replace is byte-identical, every byte outside a mention is
//! copied untouched, spans slice the input (byte and code-point offsets),
//! annotate strips back to the input. Inputs are capped so the whole file
//! runs in well under a minute in release; there are no timing asserts
//! (the project forbids them), but a super-linear path would show up as a
//! test that never finishes. `CANONYM_HOSTILE_BIG=1` scales the long line
//! from 20 MB to 100 MB.
//!
//! Crashes found by the fuzzers (`fuzz/`) are replayed from
//! `tests/fuzz_regressions/` by [`fuzz_regressions_replay`].

use canonym::lookup::Scratch;
use canonym::print::{strip_annotations, write_annotate, write_replace};
use canonym::scan::{ChunkOptions, LookupResolver, Mention, Scanner};
use canonym::translit::{self, Scheme};
use canonym::{Index, LookupOptions};
use common::{default_index, empty_index, Run, RunOpts};
use std::path::{Path, PathBuf};

mod common;

/// Size of the long line: 20 MB, or 100 MB with `CANONYM_HOSTILE_BIG=1`.
fn big_len() -> usize {
    match std::env::var("CANONYM_HOSTILE_BIG").as_deref() {
        Ok("1") => 100 << 20,
        _ => 20 << 20,
    }
}

fn scanner(index: &Index, fuzzy: bool) -> Scanner<'_> {
    let s = Scanner::new(index);
    if fuzzy {
        s.with_fuzzy(Box::new(LookupResolver::default()))
    } else {
        s
    }
}

fn scan_whole(index: &Index, fuzzy: bool, bytes: &[u8]) -> Vec<Mention> {
    common::scan_whole(&scanner(index, fuzzy), bytes)
}

fn scan_chunked(index: &Index, fuzzy: bool, bytes: &[u8], opts: ChunkOptions) -> Vec<Mention> {
    common::scan_chunked(&scanner(index, fuzzy), bytes, opts)
}

/// Code points before each byte offset in `wanted`, counting an invalid
/// UTF-8 byte as one (Python's `surrogateescape`), the way spans report
/// them. Panics if an offset is not on a character boundary.
fn char_offsets(bytes: &[u8], wanted: &[u64]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by_key(|&i| wanted[i]);
    let mut res = vec![0u64; wanted.len()];
    let mut next = order.iter().peekable();
    // Walk the code points (an invalid byte is one), answering each wanted
    // offset when the walk reaches it.
    let mut chars = 0u64;
    let mut at = 0usize;
    let mut answer = |pos: usize, chars: u64| {
        while let Some(&&i) = next.peek() {
            let b = wanted[i] as usize;
            if b > pos {
                break;
            }
            assert_eq!(b, pos, "offset {b} is not on a character boundary");
            res[i] = chars;
            next.next();
        }
    };
    while at < bytes.len() {
        let rest = &bytes[at..];
        let (valid, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s, 0),
            Err(e) => {
                let v = e.valid_up_to();
                let bad = e.error_len().unwrap_or(rest.len() - v);
                (std::str::from_utf8(&rest[..v]).unwrap(), bad)
            }
        };
        for (i, _) in valid.char_indices() {
            answer(at + i, chars);
            chars += 1;
        }
        at += valid.len();
        for _ in 0..bad {
            answer(at, chars);
            chars += 1;
            at += 1;
        }
    }
    answer(bytes.len(), chars);
    res
}

/// The invariants every scan must keep.
fn check_mentions(bytes: &[u8], found: &[Mention], index: &Index) {
    let mut prev_end = 0u64;
    for m in found {
        assert!(
            m.byte_start < m.byte_end && m.byte_start >= prev_end,
            "mentions out of order or overlapping: {m:?}"
        );
        assert!(m.byte_end as usize <= bytes.len());
        prev_end = m.byte_end;
        std::str::from_utf8(&bytes[m.byte_start as usize..m.byte_end as usize])
            .expect("a mention is valid UTF-8");
        assert!(m.entity < index.entity_count() && m.alias < index.alias_count());
        assert!((0.0..=1.0).contains(&m.score), "{m:?}");
    }
    let wanted: Vec<u64> = found
        .iter()
        .flat_map(|m| [m.byte_start, m.byte_end])
        .collect();
    let chars = char_offsets(bytes, &wanted);
    for (i, m) in found.iter().enumerate() {
        assert_eq!((m.start, m.end), (chars[2 * i], chars[2 * i + 1]), "{m:?}");
    }
}

/// The replace output rebuilt by hand from the mentions: everything outside
/// a mention is the input's bytes.
fn expected_replace(index: &Index, bytes: &[u8], found: &[Mention]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0usize;
    for m in found {
        out.extend_from_slice(&bytes[at..m.byte_start as usize]);
        out.extend_from_slice(index.entity(m.entity).canonical().as_bytes());
        at = m.byte_end as usize;
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// Runs `bytes` through the scanner and every printer of both indexes and
/// checks the guarantees. Also checks that chunking does not change the
/// answer when `chunk_check` is set (small inputs).
fn through_scanner(bytes: &[u8], chunk_check: bool) -> Vec<Mention> {
    // Nothing to replace: byte-identical, and annotate strips back.
    let none = scan_whole(empty_index(), false, bytes);
    assert!(none.is_empty());
    let mut out = Vec::new();
    write_replace(&mut out, empty_index(), bytes, 0, &none).unwrap();
    assert!(out == bytes, "replace with no match changed the text");

    let index = default_index();
    let mut last = Vec::new();
    for fuzzy in [false, true] {
        let found = scan_whole(index, fuzzy, bytes);
        check_mentions(bytes, &found, index);
        let mut out = Vec::new();
        write_replace(&mut out, index, bytes, 0, &found).unwrap();
        assert!(out == expected_replace(index, bytes, &found));
        let mut ann = Vec::new();
        write_annotate(&mut ann, index, bytes, 0, &found).unwrap();
        assert!(
            strip_annotations(&ann).unwrap() == bytes,
            "annotate lost bytes"
        );
        let mut json = canonym::print::SpanJson::new(Vec::new());
        json.write(index, "t", bytes, 0, &found).unwrap();
        let json = json.finish().unwrap();
        assert_eq!(json.iter().filter(|&&b| b == b'\n').count(), found.len());
        for line in json.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let v: serde_json::Value = serde_json::from_slice(line).expect("spans are JSON");
            let (s, e) = (
                v["byte_start"].as_u64().unwrap() as usize,
                v["byte_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                v["surface"].as_str().unwrap().as_bytes(),
                &bytes[s..e],
                "the surface is the input slice"
            );
        }
        let mut csv = canonym::print::SpanCsv::new(Vec::new()).unwrap();
        csv.write(index, "t", bytes, 0, &found).unwrap();
        csv.finish().unwrap();
        if chunk_check {
            for target in [1, 7, 64] {
                let opts = ChunkOptions {
                    target,
                    ..ChunkOptions::default()
                };
                assert_eq!(
                    scan_chunked(index, fuzzy, bytes, opts),
                    found,
                    "chunk size {target} changed the mentions"
                );
            }
        }
        last = found;
    }
    last
}

/// Every text layer below the scanner on one string.
fn through_layers(s: &str) {
    let k = canonym::key(s);
    assert_eq!(canonym::key(&k), k, "key is not idempotent on {s:?}");
    assert!(!k.starts_with(' ') && !k.ends_with(' ') && !k.contains("  "));
    let _ = translit::script_of(s);
    let _ = translit::guess_lang(s);
    for lang in [
        None,
        Some("ru"),
        Some("uk"),
        Some("ko"),
        Some("el"),
        Some("xx"),
    ] {
        for v in translit::variants(s, lang) {
            assert!(!v.text.is_empty());
        }
    }
    for &scheme in Scheme::ALL {
        let _ = translit::translit(s, "", scheme);
        let _ = translit::translit_name(s, "", scheme);
    }
    let _ = translit::is_acronym(s);
    let _ = translit::acronym_of(s);
    let index = default_index();
    for top in [1, 5, usize::MAX] {
        let found = index.lookup(
            s,
            &LookupOptions {
                top,
                ..Default::default()
            },
        );
        for c in &found {
            assert!(c.entity < index.entity_count() && c.alias < index.alias_count());
            assert_eq!(index.alias(c.alias).entity().number(), c.entity);
            assert!((0.0..=1.0).contains(&c.score));
        }
    }
}

/// Both: the layers on the lossy text, the scanner on the bytes.
fn hostile(bytes: &[u8]) -> Vec<Mention> {
    through_layers(&String::from_utf8_lossy(bytes));
    through_scanner(bytes, bytes.len() <= 4096)
}

fn surfaces<'a>(bytes: &'a [u8], found: &[Mention]) -> Vec<&'a str> {
    found
        .iter()
        .map(|m| std::str::from_utf8(&bytes[m.byte_start as usize..m.byte_end as usize]).unwrap())
        .collect()
}

#[test]
fn invalid_utf8_at_start_inside_a_token_and_at_the_end() {
    let cases: &[&[u8]] = &[
        b"\xffKiev and Moscow",
        b"\x80\x80\x80Kiev",
        b"Ki\xffev and Moscow",
        b"Kiev\xc3 Moscow",
        b"Moscow and Kiev\xe2\x82",
        b"Moscow and Kiev\xf0\x9f\x98",
        b"Kiev \xed\xa0\x80 (a surrogate) \xc0\xaf (overlong) \xf5\x80\x80\x80 (past U+10FFFF)",
        b"\xfe\xff\xfe\xff",
        b"\xef\xbb\xbfKiev",
        b"\xff",
        b"",
    ];
    for bytes in cases {
        hostile(bytes);
    }
    // The name next to the invalid bytes is still found; the one cut by
    // them is not.
    let b = b"\xffKiev and Ki\xffev\xe2\x82";
    let found = hostile(b);
    assert_eq!(surfaces(b, &found), ["Kiev"]);
    assert_eq!((found[0].start, found[0].end), (1, 5));
}

#[test]
fn nul_bytes_and_control_characters() {
    for bytes in [
        &b"Kiev\0Moscow"[..],
        b"\0\0\0\0",
        b"Ky\0iv",
        b"\0Kiev\0",
        b"Kiev\x07\x08\x1b[31mMoscow\x1b[0m\r\n\x0c",
    ] {
        hostile(bytes);
    }
    let b = b"\0Kiev\0";
    assert_eq!(surfaces(b, &hostile(b)), ["Kiev"]);
}

#[test]
fn combining_marks_pile_up_on_one_letter() {
    let mut s = String::from("K");
    s.push_str(&"\u{0301}".repeat(10_000));
    s.push_str("iev and Moscow");
    hostile(s.as_bytes());
    // Different combining classes interleaved, and marks with nothing to
    // sit on.
    let mixed: String = std::iter::once('a')
        .chain((0..10_000).map(|i| ['\u{0301}', '\u{0316}', '\u{05B0}', '\u{0303}'][i % 4]))
        .collect();
    hostile(mixed.as_bytes());
    hostile("\u{0301}".repeat(10_000).as_bytes());
    assert_eq!(canonym::key(&"\u{0301}".repeat(10_000)), "");
    // A stack of marks on a Hangul syllable and on a Cyrillic letter.
    hostile(format!("서{}울", "\u{0308}".repeat(10_000)).as_bytes());
    hostile(format!("Ки{}ев", "\u{0306}".repeat(10_000)).as_bytes());
}

#[test]
fn one_megabyte_tokens() {
    let n = 1 << 20;
    for unit in ["a", "A", "Ж", "가", "日", "ك", "\u{1F600}", "1", "A."] {
        let token = unit.repeat(n / unit.len());
        // (commas: a capitalized giant token right next to `Kiev` would
        // make it part of an unknown longer name)
        let text = format!("Kiev, {token}, Moscow");
        let found = through_scanner(text.as_bytes(), false);
        let s = surfaces(text.as_bytes(), &found);
        assert!(
            s.contains(&"Kiev") && s.contains(&"Moscow"),
            "{unit}: {s:?}"
        );
        through_layers(&token);
    }
}

#[test]
fn a_long_line_without_a_newline() {
    let n = big_len();
    let unit = "Moscow and Kiev talked in Donetsk, then in Харків; ";
    let mut text = unit.repeat(n / unit.len() + 1).into_bytes();
    text.truncate(n);
    // The cut may split a character: that is part of the test.
    let whole = scan_whole(default_index(), false, &text);
    check_mentions(&text, &whole, default_index());
    assert!(whole.len() >= 4 * (n / unit.len()) - 1);
    let chunked = scan_chunked(default_index(), false, &text, ChunkOptions::default());
    check_mentions(&text, &chunked, default_index());
    // A forced cut (at a space, 16 MiB in) may only lose a mention at the
    // cut, never add or move one.
    assert!(chunked.len() + 1 >= whole.len() && chunked.len() <= whole.len());
    let mut out = Vec::with_capacity(text.len());
    write_replace(&mut out, default_index(), &text, 0, &chunked).unwrap();
    assert!(out == expected_replace(default_index(), &text, &chunked));
    // No spaces at all: one giant token, cut by the chunker.
    let giant = vec![b'x'; n];
    assert!(scan_chunked(default_index(), true, &giant, ChunkOptions::default()).is_empty());
}

/// One character of each Unicode general category (and the edge cases:
/// noncharacters, private use, unassigned, the last code point).
const CATEGORIES: &[(&str, &str)] = &[
    ("Lu", "A\u{0414}"),
    ("Ll", "a\u{0434}"),
    ("Lt", "\u{01C5}"),
    ("Lm", "\u{02B0}"),
    ("Lo", "\u{05D0}\u{4E2D}"),
    ("Mn", "\u{0301}"),
    ("Mc", "\u{0903}"),
    ("Me", "\u{20DD}"),
    ("Nd", "5\u{0663}"),
    ("Nl", "\u{216B}"),
    ("No", "\u{00BD}\u{2460}"),
    ("Pc", "_\u{203F}"),
    ("Pd", "-\u{2014}"),
    ("Ps", "(\u{300C}"),
    ("Pe", ")\u{300D}"),
    ("Pi", "\u{00AB}"),
    ("Pf", "\u{00BB}"),
    ("Po", "!\u{3002}"),
    ("Sm", "+\u{2200}"),
    ("Sc", "$\u{20AC}"),
    ("Sk", "^\u{02C2}"),
    ("So", "\u{00A9}\u{1F600}"),
    ("Zs", " \u{3000}\u{00A0}"),
    ("Zl", "\u{2028}"),
    ("Zp", "\u{2029}"),
    ("Cc", "\u{0007}\u{0085}"),
    ("Cf", "\u{200E}\u{FEFF}\u{E0001}"),
    ("Co", "\u{E000}\u{10FFFD}"),
    ("Cn", "\u{0378}\u{FFFF}\u{10FFFF}"),
];

#[test]
fn every_general_category() {
    let mut all = String::new();
    for (cat, chars) in CATEGORIES {
        for around in ["Kiev{}Moscow", "Kiev {} Moscow", "{}Kiev{}", "{}"] {
            let text = around.replace("{}", chars);
            hostile(text.as_bytes());
            let _ = cat;
        }
        all.push_str(chars);
    }
    hostile(all.as_bytes());
    // Cs: a surrogate cannot be in a `str`; as bytes it is invalid UTF-8.
    hostile(b"Kiev\xed\xb0\x80Moscow");
}

#[test]
fn every_code_point_through_the_key() {
    // One key call per Unicode scalar value, and the scanner over all of
    // them in blocks.
    let mut block = String::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let s = c.to_string();
        let k = canonym::key(&s);
        assert_eq!(canonym::key(&k), k, "U+{:04X}", c as u32);
        block.push(c);
        if block.len() > 64 << 10 {
            through_scanner(block.as_bytes(), false);
            block.clear();
        }
    }
    through_scanner(block.as_bytes(), false);
}

#[test]
fn right_to_left_and_bidi_controls() {
    for text in [
        "ביקור בקייב ובמוסקבה",
        "زار كييف وموسكو",
        "Kiev \u{202E}Moscow\u{202C} Donetsk",
        "Ki\u{202E}ev",
        "\u{200F}Kiev\u{200F} \u{200E}Moscow\u{200E}",
        "\u{2067}Киев\u{2069} and \u{2066}Kyiv\u{2069}",
        "كييف\u{200D}Kiev",
    ] {
        hostile(text.as_bytes());
    }
    let t = "\u{200F}Kiev\u{200F} and \u{2067}Moscow\u{2069}";
    assert_eq!(
        surfaces(t.as_bytes(), &hostile(t.as_bytes())),
        ["Kiev", "Moscow"]
    );
}

#[test]
fn zero_width_joiners_and_nbsp_inside_names() {
    // A zero-width character between letters joins them; a no-break space
    // separates words like a space.
    for (text, want) in [
        ("in Ky\u{200D}iv today", "Ky\u{200D}iv"),
        ("in Ky\u{200B}iv today", "Ky\u{200B}iv"),
        ("in Ky\u{00AD}iv today", "Ky\u{00AD}iv"),
        ("in New\u{00A0}York today", "New\u{00A0}York"),
        ("in Buenos\u{202F}Aires today", "Buenos\u{202F}Aires"),
    ] {
        let found = hostile(text.as_bytes());
        assert!(
            surfaces(text.as_bytes(), &found).contains(&want),
            "{text:?}: {:?}",
            surfaces(text.as_bytes(), &found)
        );
    }
    for text in [
        "\u{200D}\u{200D}\u{200D}",
        "Kiev\u{200D}",
        "\u{200D}Kiev",
        "\u{00A0}\u{00A0}Kiev\u{00A0}",
        "Ky\u{200D}\u{200D}\u{200D}iv",
        "K\u{FEFF}i\u{2060}e\u{200C}v",
    ] {
        hostile(text.as_bytes());
    }
}

#[test]
fn homoglyph_mixes() {
    for text in [
        "Киeв",           // Latin e in Cyrillic
        "Kиев",           // Latin K
        "Mоscow",         // Cyrillic о
        "Μoscow",         // Greek capital mu
        "Ｋｙｉｖ",       // full width
        "𝐊𝐲𝐢𝐯",           // mathematical bold
        "Kyiv\u{0130}",   // dotted capital I
        "ΚΥΙV",           // Greek capitals
        "Харькoв Xарків", // Latin o, Latin X
    ] {
        hostile(text.as_bytes());
    }
    let t = "in Харькoв today";
    assert_eq!(surfaces(t.as_bytes(), &hostile(t.as_bytes())), ["Харькoв"]);
    let t = "in Ｋｙｉｖ today";
    assert_eq!(surfaces(t.as_bytes(), &hostile(t.as_bytes())), ["Ｋｙｉｖ"]);
}

#[test]
fn emoji_next_to_and_inside_names() {
    for text in [
        "🇺🇦 Kyiv 👍🏽 👨‍👩‍👧 Kyiv🙂",
        "Kyiv👨‍👩‍👧Moscow",
        "Ky🙂iv",
        "🏳️‍🌈🏴󠁧󠁢󠁳󠁣󠁴󠁿",
        "Kyiv\u{FE0F}",
        "#️⃣Kyiv",
    ] {
        hostile(text.as_bytes());
    }
    let t = "🇺🇦 Kyiv 👍🏽";
    assert_eq!(surfaces(t.as_bytes(), &hostile(t.as_bytes())), ["Kyiv"]);
}

#[test]
fn markup_characters_and_annotation_look_alikes() {
    for text in [
        "[[Kiev|x]]",
        "\\[[Kiev\\|geonames:1]]",
        "Kiev\\",
        "]] [[ | \\\\ Kiev [",
        "[[[[[[[[[[Kiev]]]]]]]]]]",
    ] {
        hostile(text.as_bytes());
    }
    // strip_annotations on text annotate did not write: an error, no panic.
    for bad in [
        &b"[["[..],
        b"[[a",
        b"[[a|",
        b"[[a|b]",
        b"\\",
        b"]",
        b"[x",
        b"[[a|b|c]]",
    ] {
        assert!(strip_annotations(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn lookup_on_hostile_queries() {
    let index = default_index();
    let mut scratch = Scratch::new();
    let mut out = Vec::new();
    let opts = LookupOptions::default();
    let long_cyrillic = "Ж".repeat(1 << 19);
    let long_hangul = "가".repeat(1 << 18);
    let marks = format!("K{}iev", "\u{0301}".repeat(10_000));
    for q in [
        "",
        " ",
        "\0",
        "\u{FFFD}",
        "Kiev\0",
        "K\u{0301}iev",
        long_cyrillic.as_str(),
        long_hangul.as_str(),
        marks.as_str(),
        "\u{10FFFF}",
        "🇺🇦",
    ] {
        index.lookup_into(q, &opts, &mut scratch, &mut out);
        assert!(out.len() <= opts.top);
    }
    index.lookup_into(&marks, &opts, &mut scratch, &mut out);
    assert_eq!(index.entity(out[0].entity).canonical(), "Kyiv");
}

/// A temporary directory with `name` holding `bytes`.
fn file_with(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.txt");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Runs the binary with `args` and `stdin`, which it may stop reading
/// early (an error); fails the test on a panic.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    common::run_with(
        args,
        RunOpts {
            stdin: Some(stdin),
            may_stop_reading: true,
            no_panic: true,
            ..RunOpts::default()
        },
    )
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn cli_on_hostile_text() {
    let mut text = Vec::new();
    text.extend_from_slice(b"\xffKiev\0and Moscow\xe2\x82 ");
    text.extend_from_slice(format!("K{}iev ", "\u{0301}".repeat(10_000)).as_bytes());
    for (_, chars) in CATEGORIES {
        text.extend_from_slice(chars.as_bytes());
    }
    text.extend_from_slice("🇺🇦 Kyiv 👍🏽 \u{202E}Moscow\u{202C} Ky\u{200D}iv Харькoв\n".as_bytes());
    text.extend_from_slice(&[b'a'; 1 << 20]);
    text.extend_from_slice(b"\n\nKiev\xc3");
    let (_dir, path) = file_with(&text);
    let index = default_index();
    // Replace: the library's answer, byte for byte, and a warning naming the
    // invalid bytes.
    let r = run(&["normalize", "--no-fuzzy", path_str(&path)], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let found = scan_chunked(index, false, &text, ChunkOptions::default());
    assert!(r.stdout == expected_replace(index, &text, &found));
    assert!(r.stderr.contains("invalid UTF-8"), "{}", r.stderr);
    // The same through standard input, with fuzzy matching on.
    let r = run(&["normalize", "-"], &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Annotate strips back.
    let r = run(&["normalize", "--mode", "annotate", path_str(&path)], b"");
    assert_eq!(r.code, 0);
    assert!(strip_annotations(&r.stdout).unwrap() == text);
    // Spans slice the input.
    let r = run(&["normalize", "--mode", "spans", path_str(&path)], b"");
    assert_eq!(r.code, 0);
    for line in r.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line).unwrap();
        let (s, e) = (
            v["byte_start"].as_u64().unwrap() as usize,
            v["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(v["surface"].as_str().unwrap().as_bytes(), &text[s..e]);
    }
    // --strict: an error naming the file and the byte, exit 2.
    let r = run(&["normalize", "--strict", path_str(&path)], b"");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid UTF-8 at byte 0"), "{}", r.stderr);
    // lookup and translit, one hostile query per line.
    let queries = b"\xff\xfe\nKiev\0\n\n\xe2\x82\n\xd0\x9a\xd0\xb8\xd0\xb5\xd0\xb2\n";
    let r = run(&["lookup"], queries);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let r = run(&["lookup", "--", &"Ж".repeat(30_000)], b"");
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let r = run(&["translit", "--all", "--", "Ки\u{0301}ев\u{200D}🙂"], b"");
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn cli_long_line_without_newline_is_copied_exactly() {
    // Nothing in it matches the default index: the output is the input.
    let n = big_len();
    let unit = b"zq xv qzx vvq ";
    let mut text = unit.repeat(n / unit.len() + 1);
    text.truncate(n);
    text.extend_from_slice(b"\xff");
    let (dir, path) = file_with(&text);
    let out = dir.path().join("out.txt");
    let r = run(
        &[
            "normalize",
            "--quiet",
            "-o",
            path_str(&out),
            path_str(&path),
        ],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read(&out).unwrap() == text);
    // And through standard input and output with two threads.
    let r = run(&["normalize", "--quiet", "--threads", "2", "-"], &text);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout == text);
}

/// Inputs the fuzzers found to crash or hang, kept as files (one case per
/// file, `key-*`, `scan-*`, `translit-*`, `lookup-*`, `index-*`).
#[test]
fn fuzz_regressions_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let bytes = std::fs::read(&f).unwrap();
        if name.starts_with("index-") {
            if let Ok(index) = Index::from_bytes(bytes) {
                for a in index.aliases().take(100) {
                    let _ = index.lookup(a.text(), &Default::default());
                }
            }
        } else {
            hostile(&bytes);
        }
    }
}

#[test]
fn a_parenthesized_abbreviation_after_a_blank_line_defines_nothing() {
    // Found by fuzzing: `Donetsk` then a blank line then `(DPR)` was settled
    // by the abbreviation when the document was scanned whole, not when a
    // chunk ended at the blank line.
    let text = b"Talks in Donetsk\n\n (DPR) went on.";
    let whole = scan_whole(default_index(), false, text);
    for target in 1..text.len() {
        let opts = ChunkOptions {
            target,
            ..ChunkOptions::default()
        };
        assert_eq!(
            scan_chunked(default_index(), false, text, opts),
            whole,
            "{target}"
        );
    }
}

#[test]
fn length_caps_hold() {
    let index = default_index();
    // A non-Latin query past the cap is not romanized (exact lookup still
    // applies); one under it is.
    let short = "Кієв";
    let long = format!(
        "{short}{}",
        "\u{200B}".repeat(canonym::lookup::MAX_ROMANIZED_QUERY_BYTES / 3 + 1)
    );
    assert_eq!(canonym::key(&long), canonym::key(short));
    let all = LookupOptions {
        top: usize::MAX,
        min_score: 0.0,
        ..Default::default()
    };
    assert!(index
        .lookup(&long, &all)
        .iter()
        .all(|c| c.query_scheme.is_none()));
    // A name-like span past the fuzzy cap is not offered to the resolver;
    // the text around it is scanned as usual.
    let word = format!("K{}", "y".repeat(canonym::scan::MAX_FUZZY_SPAN_BYTES));
    let text = format!("Kiev and {word} and Moscow");
    let found = scan_whole(index, true, text.as_bytes());
    assert_eq!(surfaces(text.as_bytes(), &found), ["Kiev", "Moscow"]);
}

/// [`Scanner::resolve_bytes`] finds the same mentions as
/// [`Scanner::resolve`], with [`Mention::NO_CHARS`] for the code-point
/// offsets, and a document resolved partly one way and partly the other
/// still gets the right code-point offsets from `resolve` (invalid UTF-8
/// and multi-byte text included).
#[test]
fn resolve_bytes_matches_resolve_but_for_code_points() {
    use canonym::scan::{Chunker, DocContext, Prepared, ScanScratch};
    let mut text = Vec::new();
    for (_, bytes) in common::corpus() {
        text.extend_from_slice(&bytes);
        text.extend_from_slice("\n\nХарків \u{FF} и Donetsk\n\n".as_bytes());
    }
    let opts = ChunkOptions {
        target: 4096,
        ..ChunkOptions::default()
    };
    for fuzzy in [false, true] {
        let s = scanner(default_index(), fuzzy);
        let want = common::scan_chunked(&s, &text, opts);
        assert!(!want.is_empty());
        for pattern in [0u32, 1, 2] {
            let mut chunker = Chunker::new(&text[..], opts);
            let (mut ctx, mut scratch, mut prepared) =
                (DocContext::new(), ScanScratch::new(), Prepared::new());
            let mut got = Vec::new();
            let mut n = 0u32;
            while let Some(chunk) = chunker.next_chunk().unwrap() {
                s.prepare(&chunk, &mut prepared);
                // 0: all bytes-only; 1: alternate; 2: every third counts.
                let bytes_only = match pattern {
                    0 => true,
                    1 => n % 2 == 0,
                    _ => n % 3 != 0,
                };
                if bytes_only {
                    s.resolve_bytes(&chunk, &prepared, &mut ctx, &mut scratch, |m| {
                        got.push((*m, true))
                    });
                } else {
                    s.resolve(&chunk, &prepared, &mut ctx, &mut scratch, |m| {
                        got.push((*m, false))
                    });
                }
                n += 1;
            }
            assert!(n > 3);
            assert_eq!(got.len(), want.len());
            for ((g, bytes_only), w) in got.iter().zip(&want) {
                let mut g = *g;
                if *bytes_only {
                    assert_eq!((g.start, g.end), (Mention::NO_CHARS, Mention::NO_CHARS));
                    (g.start, g.end) = (w.start, w.end);
                }
                assert_eq!(format!("{g:?}"), format!("{w:?}"));
            }
        }
    }
}
