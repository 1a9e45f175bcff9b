//! The matching key: one normalized form shared by every spelling that should
//! match.
//!
//! [`key`] turns any string into the form stored in the index and looked up
//! at query time. The steps, in order:
//!
//! 1. apostrophe-like characters are dropped before anything else (some of
//!    them, like `´`, would otherwise decompose into a space and a mark);
//! 2. Unicode NFKC (ligatures, full-width forms, compatibility letters);
//! 3. full case folding (`ß` → `ss`, final `ς` → `σ`, `İ` → `i`), not just
//!    lowercasing — the extra foldings are a generated table,
//!    `data/casefold.tsv`;
//! 4. diacritics removed: canonical decomposition, then every combining mark
//!    with a non-zero combining class is dropped (accents, Arabic harakat,
//!    stress marks as in `Донба́сс`), except the breve of Cyrillic `й`/`ў`,
//!    which is a letter of its own; then recomposition (Hangul syllables come
//!    back whole);
//! 5. the character folds of `data/fold.tsv`: letters without a decomposition
//!    (`ł` → `l`, `ø` → `o`), apostrophes, quotes and dots deleted
//!    (`D.P.R.` = `DPR`), dashes and hyphens made spaces (`Son-hui` = `Son hui`);
//! 6. letters, digits and remaining marks are kept; anything else becomes a
//!    space; runs of spaces collapse and the ends are trimmed.
//!
//! The key is idempotent: `key(&key(x)) == key(x)`.
//!
//! ```
//! use canonym::key::key;
//! assert_eq!(key("Choe Son-hui"), key("CHOE SON HUI"));
//! assert_eq!(key("Zürich"), "zurich");
//! assert_eq!(key("D.P.R."), "dpr");
//! assert_eq!(key("Straße"), "strasse");
//! assert_ne!(key("Pyongyang’s"), key("Pyongyang"));
//! ```

use std::sync::OnceLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Unicode properties of characters, cached per code point: the standard
/// library's searches of its tables are long outside ASCII, and text asks
/// about the same letters again and again.
pub(crate) mod chars {
    use std::sync::atomic::{AtomicU8, Ordering::Relaxed};
    use unicode_normalization::char::is_combining_mark;

    /// Set in every computed entry of the cache.
    pub const KNOWN: u8 = 1;
    /// `char::is_alphabetic`.
    pub const ALPHA: u8 = 2;
    /// `char::is_uppercase`.
    pub const UPPER: u8 = 4;
    /// `char::is_lowercase`.
    pub const LOWER: u8 = 8;
    /// `char::is_numeric`.
    pub const NUMERIC: u8 = 16;
    /// `unicode_normalization::char::is_combining_mark`.
    pub const MARK: u8 = 32;
    /// `char::is_alphanumeric`.
    pub const ALNUM: u8 = 64;

    /// Code points below this have their [`props`] cached.
    pub const CACHED: usize = 0x3_0000;

    /// The [`props`] of code points below [`CACHED`], filled on first use
    /// (0: not computed yet). Filling is idempotent, so threads racing on
    /// an entry store the same value.
    static PROPS: [AtomicU8; CACHED] = [const { AtomicU8::new(0) }; CACHED];

    /// The property bits of `c`, from the tables.
    pub fn props_uncached(c: char) -> u8 {
        let mut p = KNOWN;
        for (yes, bit) in [
            (c.is_alphabetic(), ALPHA),
            (c.is_uppercase(), UPPER),
            (c.is_lowercase(), LOWER),
            (c.is_numeric(), NUMERIC),
            (is_combining_mark(c), MARK),
            (c.is_alphanumeric(), ALNUM),
        ] {
            if yes {
                p |= bit;
            }
        }
        p
    }

    /// The property bits of `c`, the tables searched once per code point.
    #[inline]
    pub fn props(c: char) -> u8 {
        match PROPS.get(c as usize) {
            Some(slot) => match slot.load(Relaxed) {
                0 => {
                    let p = props_uncached(c);
                    slot.store(p, Relaxed);
                    p
                }
                p => p,
            },
            None => props_uncached(c),
        }
    }

    /// `char::is_alphanumeric`.
    #[inline]
    pub fn is_alphanumeric(c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            props(c) & ALNUM != 0
        }
    }

    /// `char::is_alphabetic`.
    #[inline]
    pub fn is_alphabetic(c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            props(c) & ALPHA != 0
        }
    }

    /// Alphanumeric or a combining mark.
    #[inline]
    pub fn is_alnum_or_mark(c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            props(c) & (ALNUM | MARK) != 0
        }
    }
}

const CASEFOLD_TSV: &str = include_str!("data/casefold.tsv");
const FOLD_TSV: &str = include_str!("data/fold.tsv");

/// What the fold table says to do with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    /// Drop it.
    Delete,
    /// Make it a word separator.
    Space,
    /// Replace it with this text.
    Text(&'static str),
}

struct Tables {
    /// Sorted by code point: full case folding where it differs from lowercase.
    casefold: Vec<(char, [char; 3], u8)>,
    /// Sorted by code point: the character folds of `fold.tsv`.
    fold: Vec<(char, Fold)>,
    /// Dense table for ASCII input: what each byte becomes.
    ascii: [AsciiClass; 128],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AsciiClass {
    Keep(u8),
    Delete,
    Space,
}

fn parse_hex(s: &str) -> Option<char> {
    u32::from_str_radix(s.trim(), 16)
        .ok()
        .and_then(char::from_u32)
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut casefold = Vec::new();
        for line in CASEFOLD_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut cols = line.split('\t');
            let from = cols
                .next()
                .and_then(parse_hex)
                .expect("casefold.tsv: bad code point");
            let mut to = ['\0'; 3];
            let mut n = 0u8;
            for hex in cols.next().unwrap_or("").split(' ') {
                to[n as usize] = parse_hex(hex).expect("casefold.tsv: bad target");
                n += 1;
            }
            casefold.push((from, to, n));
        }
        casefold.sort_by_key(|e| e.0);

        let mut fold = Vec::new();
        for line in FOLD_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let mut cols = line.split('\t');
            let from = cols
                .next()
                .and_then(parse_hex)
                .expect("fold.tsv: bad code point");
            let action = match cols.next().unwrap_or("") {
                "-" => Fold::Delete,
                "_" => Fold::Space,
                text => Fold::Text(text),
            };
            fold.push((from, action));
        }
        fold.sort_by_key(|e| e.0);

        let mut ascii = [AsciiClass::Space; 128];
        for (b, class) in ascii.iter_mut().enumerate() {
            let c = b as u8;
            *class = if c.is_ascii_alphanumeric() {
                AsciiClass::Keep(c.to_ascii_lowercase())
            } else {
                match fold.binary_search_by_key(&(c as char), |e| e.0) {
                    Ok(i) => match fold[i].1 {
                        Fold::Delete => AsciiClass::Delete,
                        _ => AsciiClass::Space,
                    },
                    Err(_) => AsciiClass::Space,
                }
            };
        }
        Tables {
            casefold,
            fold,
            ascii,
        }
    })
}

/// Returns the matching key of `s`; see the [module documentation](self).
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    key_into(s, &mut out);
    out
}

/// Writes the matching key of `s` into `out` (cleared first), reusing its
/// allocation. Pure ASCII input takes a fast path with no Unicode tables.
pub fn key_into(s: &str, out: &mut String) {
    out.clear();
    let t = tables();
    if s.is_ascii() {
        ascii_key(s.as_bytes(), t, out);
        return;
    }
    let mut w = SpaceWriter::new(out);
    let kept =
        |&c: &char| !matches!(lookup_fold(t, c), Some(Fold::Delete)) || chars::is_alphanumeric(c);
    let folded = s
        .chars()
        .filter(kept)
        .nfkc()
        // (Again after NFKC: a compatibility character may become one that
        // keys delete, U+1FEF (Greek varia) the grave accent, and the
        // letters around it must still compose.)
        .filter(kept)
        .flat_map(|c| CaseFold::new(t, c))
        .nfd();
    let mut prev_cyrillic = false;
    let stripped = folded.filter(move |&c| {
        let ccc = canonical_combining_class(c);
        if ccc == 0 {
            prev_cyrillic = is_cyrillic(c) && chars::is_alphabetic(c);
            return true;
        }
        // Keep the breve of Cyrillic й and ў: a letter, not an accent.
        c == '\u{0306}' && prev_cyrillic
    });
    for c in stripped.nfc() {
        push_folded(t, c, &mut w);
    }
    w.finish();
}

fn ascii_key(bytes: &[u8], t: &Tables, out: &mut String) {
    // Safety of the String: only ASCII bytes are pushed.
    let mut pending_space = false;
    for &b in bytes {
        match t.ascii[b as usize] {
            AsciiClass::Keep(c) => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c as char);
            }
            AsciiClass::Delete => {}
            AsciiClass::Space => pending_space = true,
        }
    }
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F)
}

fn lookup_fold(t: &Tables, c: char) -> Option<Fold> {
    t.fold
        .binary_search_by_key(&c, |e| e.0)
        .ok()
        .map(|i| t.fold[i].1)
}

fn push_folded(t: &Tables, c: char, w: &mut SpaceWriter<'_>) {
    match lookup_fold(t, c) {
        Some(Fold::Delete) => {}
        Some(Fold::Space) => w.space(),
        Some(Fold::Text(text)) => {
            for c in text.chars() {
                w.push(c);
            }
        }
        None => {
            if chars::is_alnum_or_mark(c) {
                w.push(c);
            } else {
                w.space();
            }
        }
    }
}

/// Appends characters, turning separator runs into one space and trimming.
struct SpaceWriter<'a> {
    out: &'a mut String,
    pending_space: bool,
}

impl<'a> SpaceWriter<'a> {
    fn new(out: &'a mut String) -> Self {
        SpaceWriter {
            out,
            pending_space: false,
        }
    }
    fn push(&mut self, c: char) {
        if self.pending_space && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.pending_space = false;
        self.out.push(c);
    }
    fn space(&mut self) {
        self.pending_space = true;
    }
    fn finish(self) {}
}

/// Iterator over the full case folding of one character.
struct CaseFold {
    buf: [char; 3],
    len: u8,
    pos: u8,
    lower: Option<std::char::ToLowercase>,
}

impl CaseFold {
    fn new(t: &Tables, c: char) -> CaseFold {
        if c.is_ascii() {
            return CaseFold {
                buf: [c.to_ascii_lowercase(), '\0', '\0'],
                len: 1,
                pos: 0,
                lower: None,
            };
        }
        match t.casefold.binary_search_by_key(&c, |e| e.0) {
            Ok(i) => CaseFold {
                buf: t.casefold[i].1,
                len: t.casefold[i].2,
                pos: 0,
                lower: None,
            },
            Err(_) => CaseFold {
                buf: ['\0'; 3],
                len: 0,
                pos: 0,
                lower: Some(c.to_lowercase()),
            },
        }
    }
}

impl Iterator for CaseFold {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        if let Some(lower) = &mut self.lower {
            return lower.next();
        }
        if self.pos < self.len {
            self.pos += 1;
            Some(self.buf[self.pos as usize - 1])
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    /// The cached properties are the tables' answers for every code point
    /// (asked twice: computed, then from the cache).
    #[test]
    fn cached_char_props_agree_with_the_tables() {
        use super::chars::*;
        use unicode_normalization::char::is_combining_mark;
        for round in 0..2 {
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let p = props(c);
                let got = [ALPHA, UPPER, LOWER, NUMERIC, MARK, ALNUM].map(|b| p & b != 0);
                let want = [
                    c.is_alphabetic(),
                    c.is_uppercase(),
                    c.is_lowercase(),
                    c.is_numeric(),
                    is_combining_mark(c),
                    c.is_alphanumeric(),
                ];
                assert_eq!(got, want, "{c:?} round {round}");
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
                assert_eq!(
                    is_alnum_or_mark(c),
                    c.is_alphanumeric() || is_combining_mark(c),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn table_of_variants() {
        let same = [
            ("Choe Son-hui", "CHOE SON HUI"),
            ("Choe Son Hui", "Choe  Son\u{00A0}Hui"),
            ("Zürich", "Zurich"),
            ("D.P.R.", "DPR"),
            ("People’s", "People's"),
            ("Straße", "STRASSE"),
            ("ΟΔΟΣ", "οδος"),
            ("İstanbul", "Istanbul"),
            ("Łódź", "Lodz"),
            ("Донба́сс", "Донбасс"),
            ("ﬁnland", "finland"),
            ("Ｋｉｅｖ", "Kiev"),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b), "{a} vs {b}");
        }
        assert_eq!(key("Йошкар-Ола"), "йошкар ола");
        assert_ne!(key("Pyongyang’s"), key("Pyongyang"));
        assert_eq!(key("  \t "), "");
        assert_eq!(key("최선희"), "최선희");
    }
}
