//! Scripts of characters, language guessing, and the normalization applied
//! to a word before a rule table runs (compositions, folds, dropped marks,
//! homoglyphs) — all read from `data/`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A fast hasher for the small keys (chars, char pairs) of the tables
/// (multiply-rotate, as in rustc's FxHash; the keys are not attacker-chosen
/// in a way that matters: the tables are fixed).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Code points below this are looked up in a flat table built from the
/// ranges at first use.
const FLAT: u32 = 0x3200;

struct Scripts {
    ranges: Vec<(u32, u32, &'static str)>,
    names: Vec<&'static str>,
    /// For each code point below FLAT: 0 = none, else index + 1 into names.
    flat: Vec<u8>,
}

/// Unicode blocks → ISO 15924 codes, sorted by first code point.
fn scripts() -> &'static Scripts {
    static R: OnceLock<Scripts> = OnceLock::new();
    R.get_or_init(|| {
        let mut v = Vec::new();
        for line in data_lines(include_str!("data/scripts.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            let parse = |s: &str| {
                u32::from_str_radix(s, 16)
                    .unwrap_or_else(|e| panic!("data/scripts.tsv: bad code point {s:?}: {e}"))
            };
            assert!(
                cols.len() == 3,
                "data/scripts.tsv: three columns expected: {line:?}"
            );
            v.push((parse(cols[0]), parse(cols[1]), cols[2]));
        }
        v.sort_by_key(|r| r.0);
        let mut names: Vec<&'static str> = Vec::new();
        let mut flat = vec![0u8; FLAT as usize];
        for &(first, last, name) in &v {
            let idx = match names.iter().position(|&n| n == name) {
                Some(i) => i,
                None => {
                    names.push(name);
                    names.len() - 1
                }
            };
            assert!(idx < 255, "data/scripts.tsv: too many scripts");
            for cp in first..=last.min(FLAT - 1) {
                flat[cp as usize] = idx as u8 + 1;
            }
        }
        Scripts {
            ranges: v,
            names,
            flat,
        }
    })
}

/// Lines of an embedded data file that are not blank or comments.
pub(crate) fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The ISO 15924 code of the block `c` is in (`Zinh` for combining marks),
/// or `None` for characters of no listed script (digits, punctuation, …).
pub(crate) fn script_of_char(c: char) -> Option<&'static str> {
    let cp = c as u32;
    if cp < 0x80 {
        return if c.is_ascii_alphabetic() {
            Some("Latn")
        } else {
            None
        };
    }
    let sc = scripts();
    if cp < FLAT {
        let k = *sc.flat.get(cp as usize)? as usize;
        return k.checked_sub(1).and_then(|k| sc.names.get(k)).copied();
    }
    let r = &sc.ranges;
    let idx = r.partition_point(|&(first, _, _)| first <= cp);
    let (first, last, s) = *r.get(idx.checked_sub(1)?)?;
    (first <= cp && cp <= last).then_some(s)
}

/// `char::is_alphabetic`, with the common cases (ASCII, basic Cyrillic,
/// Hangul syllables) answered without the general Unicode lookup.
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{0400}'..='\u{0481}'
        | '\u{048A}'..='\u{04FF}'
        | '\u{AC00}'..='\u{D7A3}' => true,
        c if (c as u32) < 0x80 => false,
        c => c.is_alphabetic(),
    }
}

/// A combining mark (belongs to the letter before it).
pub(crate) fn is_mark(c: char) -> bool {
    ('\u{0483}'..='\u{0489}').contains(&c) || script_of_char(c) == Some("Zinh")
}

/// An apostrophe that may stand inside a word (Ukrainian м'ясо).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Appends `c`, romanized by `any_ascii` when it belongs to a non-Latin
/// script (letters of no listed script too); anything else unchanged.
pub(crate) fn push_unmatched(c: char, out: &mut String) {
    match script_of_char(c) {
        Some("Latn") | Some("Zinh") => out.push(c),
        Some(_) => out.push_str(any_ascii::any_ascii_char(c)),
        None if c.is_alphabetic() => out.push_str(any_ascii::any_ascii_char(c)),
        None => out.push(c),
    }
}

/// Whether `c` is a letter of a non-Latin script.
pub(crate) fn is_foreign_letter(c: char) -> bool {
    c.is_alphabetic() && !matches!(script_of_char(c), Some("Latn") | Some("Zinh"))
}

/// Lower case of a single character (itself when that is not one character).
pub(crate) fn lower(c: char) -> char {
    match c {
        'A'..='Z' => return c.to_ascii_lowercase(),
        'a'..='z' | '\u{0430}'..='\u{045F}' => return c,
        '\u{0410}'..='\u{042F}' => return char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{0400}'..='\u{040F}' => return char::from_u32(c as u32 + 0x50).unwrap_or(c),
        _ => {}
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(a), None) => a,
        _ => c,
    }
}

struct Norm {
    compose: FastMap<(char, char), char>,
    fold: FastMap<char, char>,
    drop: Vec<(u32, u32)>,
    homoglyphs: HashMap<(&'static str, char), char>,
}

fn norm() -> &'static Norm {
    static N: OnceLock<Norm> = OnceLock::new();
    N.get_or_init(|| {
        let cp = |s: &str| -> char {
            s.strip_prefix("U+")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .unwrap_or_else(|| panic!("data/compose.tsv: bad code point {s:?}"))
        };
        let one = |s: &str| -> char {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => panic!("data table: one character expected, got {s:?}"),
            }
        };
        let mut n = Norm {
            compose: FastMap::default(),
            fold: FastMap::default(),
            drop: Vec::new(),
            homoglyphs: HashMap::new(),
        };
        for line in data_lines(include_str!("data/compose.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                ["compose", base, mark, res] => {
                    n.compose.insert((one(base), cp(mark)), one(res));
                }
                ["fold", c, res] => {
                    n.fold.insert(one(c), one(res));
                }
                ["drop", range] => {
                    let (a, b) = range.split_once('-').unwrap_or((range, range));
                    n.drop.push((cp(a) as u32, cp(b) as u32));
                }
                _ => panic!("data/compose.tsv: bad line {line:?}"),
            }
        }
        for line in data_lines(include_str!("data/homoglyphs.tsv")) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            match cols.as_slice() {
                [script, latin, twin] => {
                    n.homoglyphs.insert((script, one(latin)), one(twin));
                }
                _ => panic!("data/homoglyphs.tsv: bad line {line:?}"),
            }
        }
        n
    })
}

/// Normalizes one word of `script` into `w`: Latin homoglyphs read as their
/// twins (when every Latin letter of the word has one), combining marks
/// composed or dropped, accented letters folded.
pub(crate) fn normalize_word(seg: &[char], script: &str, w: &mut Vec<char>) {
    let n = norm();
    w.clear();
    let fix = seg
        .iter()
        .any(|c| c.is_ascii_alphabetic() || script_of_char(*c) == Some("Latn"))
        && seg
            .iter()
            .all(|&c| script_of_char(c) != Some("Latn") || n.homoglyphs.contains_key(&(script, c)));
    for &c in seg {
        let c = if fix {
            n.homoglyphs.get(&(script, c)).copied().unwrap_or(c)
        } else {
            c
        };
        if is_mark(c) {
            if let Some(last) = w.last_mut() {
                if let Some(&comp) = n.compose.get(&(*last, c)) {
                    *last = n.fold.get(&comp).copied().unwrap_or(comp);
                    continue;
                }
            }
            let cp = c as u32;
            if n.drop.iter().any(|&(a, b)| a <= cp && cp <= b) {
                continue;
            }
            w.push(c);
            continue;
        }
        w.push(n.fold.get(&c).copied().unwrap_or(c));
    }
}

/// The dominant script among the letters of `text`.
pub(crate) fn dominant(text: &str) -> Option<&'static str> {
    dominant_iter(text.chars())
}

/// The dominant script among the letters of `chars`.
pub(crate) fn dominant_of(chars: &[char]) -> Option<&'static str> {
    dominant_iter(chars.iter().copied())
}

fn dominant_iter(chars: impl Iterator<Item = char>) -> Option<&'static str> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for c in chars.filter(|c| c.is_alphabetic()) {
        let s = match script_of_char(c) {
            Some("Zinh") => continue,
            Some(s) => s,
            None => "Zyyy",
        };
        match counts.iter_mut().find(|e| e.0 == s) {
            Some(e) => e.1 += 1,
            None => counts.push((s, 1)),
        }
    }
    // Ties go to the script seen first.
    let mut best: Option<(&'static str, usize)> = None;
    for (s, n) in counts {
        match best {
            Some(b) if n <= b.1 => {}
            _ => best = Some((s, n)),
        }
    }
    best.map(|b| b.0)
}

/// Guesses the language of Cyrillic text from its letters: the language and
/// whether some letter decided it (otherwise Russian by default).
pub(crate) fn guess_cyrillic(text: &str) -> (&'static str, bool) {
    let letters: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(lower)
        .collect();
    let has = |set: &str| letters.iter().any(|c| set.contains(*c));
    if has("ў") {
        return ("be", true);
    }
    if has("ѓќѕ") {
        return ("mk", true);
    }
    if has("ђћјљњџ") {
        return ("sr", true);
    }
    if has("їєґ") {
        return ("uk", true);
    }
    if has("ѝ") || bulgarian_hard_sign(&letters) {
        return ("bg", true);
    }
    if has("і") {
        if has("ыэё") && !has("ищ") {
            return ("be", true);
        }
        return ("uk", true);
    }
    if has("ыэёъ") {
        return ("ru", true);
    }
    ("ru", false)
}

/// ъ where Bulgarian writes it and Russian cannot: before a consonant or at
/// the end of a word (Russian ъ only stands before е ё ю я).
fn bulgarian_hard_sign(letters: &[char]) -> bool {
    letters.iter().enumerate().any(|(i, &c)| {
        c == 'ъ'
            && i > 0
            && letters
                .get(i + 1)
                .is_some_and(|n| !"еёюяи".contains(*n) && script_of_char(*n) == Some("Cyrl"))
    })
}

/// Function words skipped by acronyms (all languages together).
pub(crate) fn function_words() -> &'static HashSet<&'static str> {
    static F: OnceLock<HashSet<&'static str>> = OnceLock::new();
    F.get_or_init(|| {
        data_lines(include_str!("data/function_words.tsv"))
            .map(|l| {
                l.split_once('\t')
                    .unwrap_or_else(|| panic!("data/function_words.tsv: bad line {l:?}"))
                    .1
            })
            .collect()
    })
}
