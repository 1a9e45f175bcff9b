//! A Metaphone-style phonetic skeleton for Latin-script name keys.
//!
//! The skeleton keeps the consonant frame of a name and merges the letters
//! and letter groups that romanization systems (and languages) spell
//! differently for the same sound. Steps, on the matching key:
//!
//! 1. Only `a`–`z` and digits are read; spaces and every other character
//!    are dropped (`son hui` and `sonhui` share a skeleton). Non-Latin keys
//!    give an empty skeleton.
//! 2. Letter groups, longest first: `shch`/`tsch`/`sch`/`tch`/`sh`/`sz`/
//!    `cz`/`ch`/`cs` → `x` (sh-like); `dzh`/`dj`/`zh`/`j` → `j`;
//!    `kh`/`gh`/`h` → `h`; `ph`/`f`/`v`/`w` → `f`; `th`/`dt`/`d`/`t` → `t`;
//!    `ck`/`qu`/`q`/`k`/`g`/hard `c` → `k`; `ts`/`tz`/`z`/`s`/soft `c` (before
//!    e, i, y) → `s`; `x` → `ks`; `b`/`p` → `p`; `ng` at a word end or
//!    before a consonant or `y` → `n`.
//! 3. Vowels (`a e i o u y`) vanish, except that a name starting with a
//!    vowel gets a leading `a`, and `y`/`i`/`j` before `a e o u` (iotation:
//!    `ya`, `ia`, `ja`) is `j` unless it is the first letter of the name
//!    (so `Yekaterinburg` and `Ekaterinburg` both start with `a`).
//! 4. `h` after a consonant is dropped (`Dzhankoy` / `Djankoy`); runs of
//!    the same code not separated by a vowel collapse to one.
//!
//! What it catches: `Kharkov`/`Charkow`/`Kharkiv`/`Harkov` (all `hrkf`;
//! `Charkow` gives `xrkf`: German `ch` is not merged with `kh`),
//! `Zelenskiy`/`Zelenskyy`/`Selensky` (`slnsk`), `Tsaritsyn`/`Zarizyn`
//! (`srsn`), `Aleksandrov`/`Alexandrov`, `Romanoff`/`Romanov`,
//! `Yekaterinburg`/`Ekaterinburg`/`Jekaterinburg`.
//! What it does not: vowel-only differences that carry meaning
//! (`Pila` ≈ `Pula`, by design), `Pyongyang` vs `Pchenjan` vs `Phenian`
//! (`pjnjn` / `pxnjn` / `fnjn`: they stay one or two edits apart, so they
//! are reachable only by running the fuzzy automaton over the skeleton
//! namespace, which the index does), names that differ in more than sound
//! (`Peking`/`Beijing`).

/// The byte that prefixes phonetic keys when they share an fst with the
/// matching keys (see [`crate::fuzzy::FuzzyConfig::namespace`]).
pub const PHONETIC_PREFIX: u8 = 0x01;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Writes the phonetic skeleton of `key` (a matching key) into `out`
/// (cleared first). ASCII output, at most 2 × the number of letters.
pub fn phonetic_key(key: &str, out: &mut String) {
    out.clear();
    // Letters and digits only; remember word starts to handle `ng` at word end.
    let mut s: Vec<u8> = Vec::with_capacity(key.len());
    let mut word_end: Vec<bool> = Vec::with_capacity(key.len());
    for c in key.bytes() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            s.push(c);
            word_end.push(false);
        } else if c.is_ascii_uppercase() {
            s.push(c.to_ascii_lowercase());
            word_end.push(false);
        } else if let Some(last) = word_end.last_mut() {
            *last = true;
        }
    }
    if let Some(last) = word_end.last_mut() {
        *last = true;
    }
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let starts = |i: usize, pat: &[u8]| s.get(i..i + pat.len()) == Some(pat);
    let mut codes: Vec<u8> = Vec::with_capacity(s.len() * 2);
    let mut last: u8 = 0;
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let (code, len): (&[u8], usize) = if starts(i, b"shch") || starts(i, b"tsch") {
            (b"x", 4)
        } else if starts(i, b"sch") || starts(i, b"tch") || starts(i, b"dzh") {
            (if c == b'd' { b"j" } else { b"x" }, 3)
        } else if starts(i, b"sh")
            || starts(i, b"sz")
            || starts(i, b"cz")
            || starts(i, b"ch")
            || starts(i, b"cs")
        {
            (b"x", 2)
        } else if starts(i, b"zh") || starts(i, b"dj") {
            (b"j", 2)
        } else if starts(i, b"kh") || starts(i, b"gh") {
            (b"h", 2)
        } else if starts(i, b"ph") {
            (b"f", 2)
        } else if starts(i, b"th") || starts(i, b"dt") {
            (b"t", 2)
        } else if starts(i, b"ck") || starts(i, b"qu") {
            (b"k", 2)
        } else if starts(i, b"ts") || starts(i, b"tz") {
            (b"s", 2)
        } else if starts(i, b"ng")
            && (word_end[i + 1] || !matches!(at(i + 2), b'a' | b'e' | b'i' | b'o' | b'u'))
        {
            (b"n", 2)
        } else {
            let code: &[u8] = match c {
                b'a' | b'e' | b'o' | b'u' => b"",
                b'i' | b'y' | b'j' => {
                    let next = at(i + 1);
                    let iotated = is_vowel(next) && !matches!(next, b'i' | b'y') && !word_end[i];
                    if i > 0 && (iotated || c == b'j') {
                        b"j"
                    } else {
                        b""
                    }
                }
                b'h' => b"h",
                b'f' | b'v' | b'w' => b"f",
                b'd' | b't' => b"t",
                b'k' | b'q' | b'g' => b"k",
                b'c' => {
                    if matches!(at(i + 1), b'e' | b'i' | b'y') {
                        b"s"
                    } else {
                        b"k"
                    }
                }
                b's' | b'z' => b"s",
                b'x' => b"ks",
                b'b' | b'p' => b"p",
                _ => std::slice::from_ref(&s[i]),
            };
            (code, 1)
        };
        if i == 0 && code.is_empty() {
            // a name starting with a vowel (or iotated vowel)
            codes.push(b'a');
            last = b'a';
        }
        // `h` after a consonant is silent (`dzh`, `th` are handled above)
        if code == b"h" && i > 0 && !is_vowel(s[i - 1]) {
            i += len;
            continue;
        }
        if code.is_empty() {
            // a vowel separates consonants: `tata` keeps both `t`s
            if i > 0 {
                last = 0;
            }
        }
        for &b in code {
            if b != last {
                codes.push(b);
                last = b;
            }
        }
        i += len;
    }
    for &b in &codes {
        out.push(b as char);
    }
}
