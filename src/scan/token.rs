//! The tokenizer: words with byte offsets into the original text, their
//! matching keys, case flags and the kind of gap before each.
//!
//! A word is a run of letters, digits and combining marks (Unicode
//! `Alphabetic`/`Numeric` plus marks, as in UAX #29's ALetter/Numeric/Extend
//! classes), joined across
//! * an apostrophe between letters (`People's`, `People’s`, `Donets'k`);
//! * zero-width characters and the soft hyphen between letters;
//! * the dots of a dotted acronym (`U.S.`, `D.P.R.`, the final dot included).
//!
//! Hyphens, spaces and punctuation separate words (`Son-hui` is two words;
//! the key of `Son-hui` is `son hui`, so it matches as two). A word ending in
//! `'s`/`’s` is a possessive: its *core* (without the `'s`) is what ends a
//! mention. A Hangul word ending in a Korean particle (`백악관은`) has its
//! core before the particle; a name may end there or after the whole word
//! (`김정은` ends like the particle `은`). Letters of scripts written without spaces (Han, kana, Thai, Lao,
//! Khmer, Myanmar) are one word each and join their neighbours without a
//! space, so a name inside a run of Han characters is found.
//!
//! ASCII text takes a fast path with a byte table; other characters are
//! classified with the standard library's Unicode tables. A word mixing Latin
//! and Cyrillic letters (`Харькoв` with a Latin `o`) has its look-alike
//! letters mapped to the word's dominant script before keying.

use super::vocab::{Packed, Vocab, NO_WORD};
use super::words::lists;
use crate::key::chars::{self as prop, is_alphabetic as is_alpha, props};
use crate::key::key_into;

/// Flags of a token.
pub(crate) mod flag {
    /// First letter is upper-case.
    pub const CAP: u16 = 1;
    /// Has at least one letter and no lower-case letter.
    pub const UPPER: u16 = 2;
    /// First letter is lower-case.
    pub const LOWER: u16 = 4;
    /// Ends in `'s` (possessive); the key's last byte is that `s`.
    pub const POSS: u16 = 8;
    /// A dotted acronym (`U.S.`).
    pub const DOTTED: u16 = 16;
    /// First word of a sentence, line or quotation.
    pub const SENT: u16 = 32;
    /// The gap before it cannot be inside a name (punctuation, blank line).
    pub const HARD: u16 = 64;
    /// A character of a script written without spaces.
    pub const NOSPACE: u16 = 128;
    /// The gap before it contains a hyphen.
    pub const HYPHEN: u16 = 256;
    /// The gap before it is an opening parenthesis (possibly with spaces).
    pub const OPEN_PAREN: u16 = 512;
    /// The gap after it is a closing parenthesis (possibly with spaces).
    pub const CLOSE_PAREN: u16 = 1024;
    /// Contains a digit.
    pub const DIGIT: u16 = 2048;
    /// The gap before it is a blank line or the paragraph start.
    pub const PARA: u16 = 4096;
    /// An English contraction (`I've`, `don't`, `they're`): no name.
    pub const CONTRACTION: u16 = 8192;
    /// Hangul ending in a Korean particle (`백악관은`): a name may end
    /// before it, at the core's end (unlike a possessive, also after it).
    pub const PARTICLE: u16 = 16384;
}

/// One word of the text.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Token {
    /// Byte offset of the first byte, relative to the scanned text.
    pub start: u32,
    /// Byte offset after the core (before a possessive `'s` or a Korean
    /// particle).
    pub core_end: u32,
    /// Byte offset after the whole word.
    pub end: u32,
    /// The key, as a range of the key arena.
    pub key_start: u32,
    /// End of the key in the key arena.
    pub key_end: u32,
    /// The key's number in [`Tokens::vocab`], or [`NO_WORD`].
    pub word: u32,
    /// [`flag`] bits.
    pub flags: u16,
}

impl Token {
    pub fn has(&self, f: u16) -> bool {
        self.flags & f != 0
    }
}

/// Reusable tokenizer buffers.
#[derive(Default, Debug)]
pub(crate) struct Tokens {
    pub toks: Vec<Token>,
    pub keys: Vec<u8>,
    /// The distinct keys, numbered (kept from chunk to chunk).
    pub vocab: Vocab,
    tmp: String,
    key_tmp: String,
    /// Keys of the words the general path keyed (kept from chunk to chunk).
    key_memo: KeyMemo,
}

/// Words keyed by [`key_into`] (through [`unconfuse`]), and their keys:
/// text repeats its non-Latin names, and keying them is the costly part of
/// the tokenizer (normalization forms, case folding).
#[derive(Default, Debug)]
struct KeyMemo {
    /// Hash of the word → (start in `arena`, word length, key length); the
    /// key follows the word in the arena.
    map: std::collections::HashMap<u64, (u32, u32, u32), super::Fast>,
    arena: Vec<u8>,
}

/// The key memo is emptied when its arena would grow past this many bytes.
const KEY_MEMO_BYTES: usize = 1 << 22;

impl KeyMemo {
    fn hash(word: &[u8]) -> u64 {
        use std::hash::Hasher;
        let mut h = super::words::WordHasher::default();
        h.write(word);
        h.finish()
    }

    /// The key of `word` if the memo holds it.
    fn get(&self, h: u64, word: &[u8]) -> Option<&[u8]> {
        let &(start, wlen, klen) = self.map.get(&h)?;
        let (start, wlen, klen) = (start as usize, wlen as usize, klen as usize);
        (&self.arena[start..start + wlen] == word)
            .then(|| &self.arena[start + wlen..start + wlen + klen])
    }

    /// Remembers the key of `word` (unless another word holds its hash).
    fn insert(&mut self, h: u64, word: &[u8], key: &[u8]) {
        if self.arena.len() + word.len() + key.len() > KEY_MEMO_BYTES {
            self.map.clear();
            self.arena.clear();
        }
        if let std::collections::hash_map::Entry::Vacant(e) = self.map.entry(h) {
            e.insert((self.arena.len() as u32, word.len() as u32, key.len() as u32));
            self.arena.extend_from_slice(word);
            self.arena.extend_from_slice(key);
        }
    }
}

impl Tokens {
    pub fn key(&self, t: &Token) -> &str {
        // Keys are built from whole UTF-8 strings.
        std::str::from_utf8(self.key_bytes(t)).unwrap_or("")
    }
    /// The key's bytes.
    #[inline]
    pub fn key_bytes(&self, t: &Token) -> &[u8] {
        &self.keys[t.key_start as usize..t.key_end as usize]
    }
    /// The [`super::words::class`] bits of the token's key.
    #[inline]
    pub fn classes(&self, t: &Token) -> u64 {
        if t.word != NO_WORD {
            self.vocab.classes(t.word)
        } else {
            lists().classes(self.key(t))
        }
    }
    /// The token's key as a context cue.
    #[inline]
    pub fn cue(&self, t: &Token) -> Option<super::words::Cue> {
        if t.word != NO_WORD {
            self.vocab.cue(t.word)
        } else {
            lists().cue(self.key(t))
        }
    }
    /// The [`super::words::class`] bits of the token's key without a
    /// possessive `s`.
    #[inline]
    pub fn core_classes(&self, t: &Token) -> u64 {
        if t.has(flag::POSS) && t.key_end - t.key_start > 1 {
            lists().classes(self.core_key(t))
        } else {
            self.classes(t)
        }
    }
    /// The key's bytes without a possessive `s`.
    #[inline]
    pub fn core_key_bytes(&self, t: &Token) -> &[u8] {
        let k = self.key_bytes(t);
        if t.has(flag::POSS) && k.len() > 1 {
            &k[..k.len() - 1]
        } else {
            k
        }
    }
    /// The key without a possessive `s`.
    pub fn core_key(&self, t: &Token) -> &str {
        let k = self.key(t);
        if t.has(flag::POSS) && k.len() > 1 {
            &k[..k.len() - 1]
        } else {
            k
        }
    }
}

const APOSTROPHES: [char; 6] = ['\'', '\u{2019}', '\u{02BC}', '\u{2018}', '`', '\u{00B4}'];
const ZERO_WIDTH: [char; 6] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// An ASCII letter or digit, or a character that joins letters into one
/// word and that keys delete (apostrophes, zero-width characters).
fn is_ascii_or_joiner(c: char) -> bool {
    c.is_ascii_alphanumeric() || APOSTROPHES.contains(&c) || ZERO_WIDTH.contains(&c)
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        // (`letter_case` answers only for letters, which are alphanumeric.)
        props(c) & (prop::ALNUM | prop::MARK) != 0
    }
}

/// Letter case without the Unicode tables for the blocks names are mostly
/// written in: `Some((upper, lower))` for a letter of Latin-1, basic
/// Cyrillic (А–я), CJK ideographs and Hangul syllables, `None`
/// for any other character (ask the tables). A test checks it against
/// `is_alphabetic`, `is_uppercase` and `is_lowercase` for every character
/// it answers.
#[inline]
fn letter_case(c: char) -> Option<(bool, bool)> {
    match c as u32 {
        0x00C0..=0x00D6 | 0x00D8..=0x00DE => Some((true, false)),
        0x00DF..=0x00F6 | 0x00F8..=0x00FF => Some((false, true)),
        0x0410..=0x042F => Some((true, false)),
        0x0430..=0x044F => Some((false, true)),
        0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => Some((false, false)),
        _ => None,
    }
}

fn is_nospace_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF | 0x0E00..=0x0EFF | 0x1780..=0x17FF | 0x1000..=0x109F)
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// Tokenizes `text` and appends its words to `out`, with offsets shifted by
/// `base`. `para` says whether `text` starts a paragraph (the start of a
/// chunk); otherwise it follows invalid bytes, which act as punctuation.
pub(crate) fn tokenize(text: &str, base: u32, para: bool, out: &mut Tokens) {
    tokenize_with(text, base, para, out, true);
}

/// [`tokenize`], with or without the fast paths for plain ASCII words
/// (`fast`; without them only to test that they change nothing).
fn tokenize_with(text: &str, base: u32, para: bool, out: &mut Tokens, fast: bool) {
    let first_tok = out.toks.len();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0usize;
    let mut gap_start = 0usize;
    while i < n {
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if b < 0x80 && fast {
            if let Some((j, acc)) = ascii_word(bytes, i) {
                push_ascii(text, i, j, acc, gap_start, first_tok, base, para, out);
                i = j;
                gap_start = j;
                continue;
            }
            if let Some(w) = apostrophe_word(bytes, i) {
                push_apostrophe_word(text, i, &w, gap_start, first_tok, base, para, out);
                i = w.end;
                gap_start = w.end;
                continue;
            }
        }
        let (c, clen) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        };
        if !is_word_char(c) {
            i += clen;
            continue;
        }
        // A word starts at i.
        let start = i;
        let mut flags = 0u16;
        let nospace = b >= 0x80 && is_nospace_script(c);
        let mut j = i + clen;
        if nospace {
            flags |= flag::NOSPACE;
            while let Some(m) = char_at(text, j) {
                if !m.is_ascii() && props(m) & prop::MARK != 0 {
                    j += m.len_utf8();
                } else {
                    break;
                }
            }
        } else if let Some(end) = dotted_acronym(text, start) {
            flags |= flag::DOTTED;
            j = end;
        } else {
            while let Some(m) = char_at(text, j) {
                if is_word_char(m) && !(m as u32 >= 0x80 && is_nospace_script(m)) {
                    j += m.len_utf8();
                    continue;
                }
                if APOSTROPHES.contains(&m) || ZERO_WIDTH.contains(&m) {
                    let after = j + m.len_utf8();
                    if let Some(nx) = char_at(text, after) {
                        if is_word_char(nx) && !is_nospace_script(nx) {
                            j = after;
                            continue;
                        }
                    }
                }
                break;
            }
        }
        let word = &text[start..j];
        let ascii = word.is_ascii();
        // Possessive: ends in apostrophe + s.
        let mut core_end = j;
        if !flags_has(flags, flag::DOTTED | flag::NOSPACE) {
            if let Some(stem) = word.strip_suffix(['s', 'S']) {
                if let Some(c) = stem.chars().next_back() {
                    if APOSTROPHES.contains(&c) && stem.len() > c.len_utf8() {
                        core_end = start + stem.len() - c.len_utf8();
                        flags |= flag::POSS;
                    }
                }
            }
        }
        // Case flags from the letters.
        let mut first_letter = true;
        let mut any_letter = false;
        let mut any_lower = false;
        for ch in text[start..core_end].chars() {
            let case = if ch.is_ascii() {
                ch.is_ascii_alphabetic()
                    .then_some((ch.is_ascii_uppercase(), ch.is_ascii_lowercase()))
            } else {
                letter_case(ch).or_else(|| {
                    let p = props(ch);
                    (p & prop::ALPHA != 0).then_some((p & prop::UPPER != 0, p & prop::LOWER != 0))
                })
            };
            if let Some((upper, lower)) = case {
                if first_letter {
                    if upper {
                        flags |= flag::CAP;
                    } else if lower {
                        flags |= flag::LOWER;
                    }
                    first_letter = false;
                }
                any_letter = true;
                any_lower |= lower;
            } else if if ch.is_ascii() {
                ch.is_ascii_digit()
            } else {
                props(ch) & prop::NUMERIC != 0
            } {
                flags |= flag::DIGIT;
            }
        }
        if any_letter && !any_lower {
            flags |= flag::UPPER;
        }
        let prev = if out.toks.len() > first_tok {
            out.toks.last()
        } else {
            None
        };
        flags |= gap_flags(&text[gap_start..start], prev, out, text, base, para);
        // The key.
        let key_start = out.keys.len();
        if ascii {
            for &c in &bytes[start..j] {
                if c.is_ascii_alphanumeric() {
                    out.keys.push(c.to_ascii_lowercase());
                }
            }
        } else if word.chars().all(is_ascii_or_joiner) {
            // ASCII letters joined by curly apostrophes or zero-width
            // characters (`People’s`), which keys delete.
            for c in word.chars() {
                if c.is_ascii_alphanumeric() {
                    out.keys.push(c.to_ascii_lowercase() as u8);
                }
            }
        } else {
            push_general_key(out, word);
        }
        if !flags_has(flags, flag::DOTTED | flag::NOSPACE) && is_contraction(word) {
            flags |= flag::CONTRACTION;
        }
        if out.keys.len() == key_start {
            // Nothing keyable (e.g. a lone mark): not a word.
            i = j;
            continue;
        }
        if flags & flag::POSS != 0 && !out.keys.ends_with(b"s") {
            flags &= !flag::POSS;
            core_end = j;
        }
        if !ascii && flags & flag::POSS == 0 {
            let key = &out.keys[key_start..];
            let plen = super::words::particle_len(key);
            // (When the text ends in the key's particle bytes.)
            if plen > 0 && word.as_bytes().ends_with(&key[key.len() - plen..]) {
                flags |= flag::PARTICLE;
                core_end = j - plen;
            }
        }
        let word = out.vocab.intern(&out.keys[key_start..]);
        let after_prev = out.toks.len() > first_tok;
        push_token(
            out,
            text,
            base,
            after_prev,
            (start, core_end, j),
            key_start,
            word,
            flags,
        );
        i = j;
        gap_start = j;
    }
    if out.toks.len() > first_tok {
        if let Some(prev) = out.toks.last_mut() {
            if is_close_paren_gap(&text[(prev.end - base) as usize..]) {
                prev.flags |= flag::CLOSE_PAREN;
            }
        }
    }
}

/// Appends the key of `word` (look-alike letters mapped, then
/// [`key_into`]) to `out.keys`, from the memo when it holds the word.
/// Kept out of line: the tokenizer's loop stays small for ASCII words.
#[inline(never)]
fn push_general_key(out: &mut Tokens, word: &str) {
    let h = KeyMemo::hash(word.as_bytes());
    if let Some(k) = out.key_memo.get(h, word.as_bytes()) {
        out.keys.extend_from_slice(k);
        return;
    }
    let src = unconfuse(word, &mut out.tmp);
    key_into(src, &mut out.key_tmp);
    out.keys.extend_from_slice(out.key_tmp.as_bytes());
    out.key_memo
        .insert(h, word.as_bytes(), out.key_tmp.as_bytes());
}

/// Classes of ASCII bytes for the fast path: [`ALNUM`] for letters and
/// digits, plus one of [`UPPER`], [`LOWER`], [`DIGIT`]; 0 for every other
/// byte.
const ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_digit() {
            ALNUM | DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
const DIGIT: u8 = 8;

/// The end of a plain ASCII word starting at `i` (letters and digits only,
/// not followed by anything the general path must handle: an apostrophe or
/// zero-width joiner, a dot of an acronym, a non-ASCII letter), and the
/// union of its bytes' [`ASCII_CLASS`]es.
/// The end of the run of ASCII letters and digits from `j`, and `acc` with
/// their [`ASCII_CLASS`]es added.
#[inline]
fn class_run(bytes: &[u8], mut j: usize, mut acc: u8) -> (usize, u8) {
    while let Some(&b) = bytes.get(j) {
        let c = ASCII_CLASS[b as usize];
        if c == 0 {
            break;
        }
        acc |= c;
        j += 1;
    }
    (j, acc)
}

#[inline]
fn ascii_word(bytes: &[u8], i: usize) -> Option<(usize, u8)> {
    let (j, acc) = class_run(bytes, i, 0);
    match bytes.get(j) {
        None => Some((j, acc)),
        Some(&b) if b >= 0x80 => None,
        Some(b'\'') | Some(b'`') => None,
        Some(b'.') if j == i + 1 => None,
        Some(_) => Some((j, acc)),
    }
}

/// An ASCII word with apostrophes (`People's`, `Korea’s`, `Donets'k`)
/// found by [`apostrophe_word`].
struct ApostropheWord {
    /// End of the word.
    end: usize,
    /// End of the core: before a possessive apostrophe and `s`.
    core_end: usize,
    /// Union of the [`ASCII_CLASS`]es of the core's letters and digits.
    acc: u8,
}

/// The length of the apostrophe at the start of `b`, if it is one that
/// joins words and is neither a letter nor a digit (not U+02BC, which is a
/// letter): `'`, `` ` ``, `’`, `‘`, `´`.
fn ascii_word_apostrophe(b: &[u8]) -> usize {
    match b {
        [b'\'' | b'`', ..] => 1,
        [0xE2, 0x80, 0x98 | 0x99, ..] => 3,
        [0xC2, 0xB4, ..] => 2,
        _ => 0,
    }
}

/// Runs of ASCII letters and digits joined by single apostrophes (see
/// [`ascii_word_apostrophe`]) from `i`, ending where the general path of
/// [`tokenize`] would end the word; `None` when the general path must decide
/// (a non-ASCII byte at or after an apostrophe, or at the end; no
/// apostrophe at all).
fn apostrophe_word(bytes: &[u8], i: usize) -> Option<ApostropheWord> {
    let mut j = i;
    let mut acc = 0u8;
    // The classes of the runs before the last one.
    let mut acc_before_last;
    let mut apostrophe_at = None;
    let mut joins = 0;
    loop {
        acc_before_last = acc;
        (j, acc) = class_run(bytes, j, acc);
        let rest = bytes.get(j..).unwrap_or(&[]);
        let alen = ascii_word_apostrophe(rest);
        if alen == 0 {
            break;
        }
        match rest.get(alen) {
            Some(&nx) if ASCII_CLASS[nx as usize] != 0 => {
                apostrophe_at = Some(j);
                joins += 1;
                j += alen;
            }
            Some(&nx) if nx >= 0x80 => return None,
            // Not followed by a word character: the word ends here.
            _ => break,
        }
    }
    if joins == 0 {
        return None;
    }
    match bytes.get(j) {
        None => {}
        Some(&b) if b >= 0x80 => return None,
        Some(_) => {}
    }
    // A possessive: the last run is a lone `s` after an apostrophe.
    let poss = apostrophe_at.is_some_and(|a| {
        let s_at = a + ascii_word_apostrophe(&bytes[a..]);
        s_at + 1 == j && matches!(bytes[s_at], b's' | b'S') && a > i
    });
    Some(if poss {
        ApostropheWord {
            end: j,
            core_end: apostrophe_at.unwrap_or(j),
            acc: acc_before_last,
        }
    } else {
        ApostropheWord {
            end: j,
            core_end: j,
            acc,
        }
    })
}

/// Pushes an [`ApostropheWord`] starting at `i`: its key is its letters and
/// digits lower-cased.
#[allow(clippy::too_many_arguments)]
fn push_apostrophe_word(
    text: &str,
    i: usize,
    w: &ApostropheWord,
    gap_start: usize,
    first_tok: usize,
    base: u32,
    para: bool,
    out: &mut Tokens,
) {
    let bytes = text.as_bytes();
    let mut flags = case_flags(&bytes[i..w.core_end], w.acc);
    if w.core_end < w.end {
        flags |= flag::POSS;
    }
    if is_contraction(&text[i..w.end]) {
        flags |= flag::CONTRACTION;
    }
    let key_start = out.keys.len();
    out.keys.extend(
        bytes[i..w.end]
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase),
    );
    let has_prev = out.toks.len() > first_tok;
    let prev = if has_prev { out.toks.last() } else { None };
    flags |= gap_flags(&text[gap_start..i], prev, out, text, base, para);
    let word = out.vocab.intern(&out.keys[key_start..]);
    push_token(
        out,
        text,
        base,
        has_prev,
        (i, w.core_end, w.end),
        key_start,
        word,
        flags,
    );
}

/// Appends the token of text bytes `span` = (start, core end, end), whose
/// key is `out.keys[key_start..]` and vocabulary number `word`; when it
/// follows a token of the same run (`after_prev`), a closing parenthesis in
/// the gap between them marks that token.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn push_token(
    out: &mut Tokens,
    text: &str,
    base: u32,
    after_prev: bool,
    span: (usize, usize, usize),
    key_start: usize,
    word: u32,
    flags: u16,
) {
    let (start, core_end, end) = span;
    if after_prev {
        if let Some(prev) = out.toks.last_mut() {
            if is_close_paren_gap(&text[(prev.end - base) as usize..start]) {
                prev.flags |= flag::CLOSE_PAREN;
            }
        }
    }
    out.toks.push(Token {
        start: base + start as u32,
        core_end: base + core_end as u32,
        end: base + end as u32,
        key_start: key_start as u32,
        key_end: out.keys.len() as u32,
        word,
        flags,
    });
}

/// The case and digit flags of ASCII letters and digits `core`, whose
/// classes are `acc`.
#[inline]
fn case_flags(core: &[u8], acc: u8) -> u16 {
    let mut flags = 0u16;
    if acc & (UPPER | LOWER) != 0 {
        // The first letter (after leading digits) decides the case.
        let first = match core.first().map(|&b| ASCII_CLASS[b as usize]) {
            Some(c) if c & (UPPER | LOWER) != 0 => c,
            _ => core
                .iter()
                .map(|&b| ASCII_CLASS[b as usize])
                .find(|c| c & (UPPER | LOWER) != 0)
                .unwrap_or(0),
        };
        flags |= if first & UPPER != 0 {
            flag::CAP
        } else {
            flag::LOWER
        };
        if acc & LOWER == 0 {
            flags |= flag::UPPER;
        }
    }
    if acc & DIGIT != 0 {
        flags |= flag::DIGIT;
    }
    flags
}

/// Pushes the plain ASCII word `bytes[i..j]`, whose bytes' classes are
/// `acc`: its key is the word lower-cased.
#[allow(clippy::too_many_arguments)]
#[inline]
fn push_ascii(
    text: &str,
    i: usize,
    j: usize,
    acc: u8,
    gap_start: usize,
    first_tok: usize,
    base: u32,
    para: bool,
    out: &mut Tokens,
) {
    let mut flags = case_flags(&text.as_bytes()[i..j], acc);
    let bytes = text.as_bytes();
    let key_start = out.keys.len();
    // Letters and digits are lower-case once bit 5 is set.
    const LOWER_BITS: u64 = 0x2020_2020_2020_2020;
    let packed = if j - i <= 8 {
        let p = packed_ascii(bytes, i, j);
        // Eight bytes at once, then cut to the word.
        out.keys.extend_from_slice(&p.tag.to_le_bytes());
        out.keys.truncate(key_start + (j - i));
        p
    } else {
        for c in bytes[i..j].chunks(8) {
            let mut a = [0u8; 8];
            a[..c.len()].copy_from_slice(c);
            let w = u64::from_le_bytes(a) | LOWER_BITS;
            out.keys.extend_from_slice(&w.to_le_bytes());
        }
        out.keys.truncate(key_start + (j - i));
        Packed::of(&out.keys[key_start..])
    };
    let has_prev = out.toks.len() > first_tok;
    let gap = &bytes[gap_start..i];
    let single_space = gap.len() == 1 && gap[0] == b' ';
    if !(single_space && has_prev) {
        let prev = if has_prev { out.toks.last() } else { None };
        flags |= gap_flags(&text[gap_start..i], prev, out, text, base, para);
    }
    let word = out.vocab.intern_packed(packed, &out.keys[key_start..]);
    let after_prev = has_prev && !single_space;
    push_token(
        out,
        text,
        base,
        after_prev,
        (i, j, j),
        key_start,
        word,
        flags,
    );
}

/// The [`Packed`] summary of the key of the plain ASCII word
/// `bytes[i..j]` (letters and digits, at most 8), read from the text: the
/// bytes are loaded at once and lower-cased by setting bit 5 of each, which
/// digits already have.
#[inline]
fn packed_ascii(bytes: &[u8], i: usize, j: usize) -> Packed {
    let len = j - i;
    debug_assert!((1..=8).contains(&len));
    let mask = if len == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    };
    let word = match bytes.get(i..i + 8) {
        Some(w) => {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            u64::from_le_bytes(a)
        }
        None => {
            let mut a = [0u8; 8];
            a[..len].copy_from_slice(&bytes[i..j]);
            u64::from_le_bytes(a)
        }
    };
    Packed {
        tag: (word | 0x2020_2020_2020_2020) & mask,
        len: len as u32,
    }
}

/// An English contraction: a word whose last apostrophe is followed by
/// `ve`, `re`, `ll`, `m`, `d` or `t` and nothing else (`I've`, `they're`,
/// `don't`, `I’m`). Names with apostrophes end otherwise (`Donets'k`,
/// `Sana'a`, `Côte d'Ivoire`, `O'Neill`).
fn is_contraction(word: &str) -> bool {
    let Some((at, c)) = word
        .char_indices()
        .rev()
        .find(|&(_, c)| APOSTROPHES.contains(&c))
    else {
        return false;
    };
    let (head, tail) = (&word[..at], &word[at + c.len_utf8()..]);
    !head.is_empty()
        && ["ve", "re", "ll", "m", "d", "t"]
            .iter()
            .any(|s| tail.eq_ignore_ascii_case(s))
}

fn flags_has(flags: u16, f: u16) -> bool {
    flags & f != 0
}

fn is_close_paren_gap(gap: &str) -> bool {
    let g = gap.trim_start_matches([' ', '\u{00A0}']);
    g.starts_with(')') || g.starts_with(']')
}

/// `U.S.`, `D.P.R.`: single letters each followed by a dot, at least two.
/// Returns the end of the acronym (after the last dot, if any).
fn dotted_acronym(text: &str, start: usize) -> Option<usize> {
    let mut j = start;
    let mut letters = 0;
    loop {
        let c = char_at(text, j)?;
        if !is_alpha(c) {
            break;
        }
        let after = j + c.len_utf8();
        match char_at(text, after) {
            Some('.') => {
                letters += 1;
                j = after + 1;
                // The next must be a single letter again, or the end.
                match char_at(text, j) {
                    Some(nx) if is_alpha(nx) => {
                        let after2 = j + nx.len_utf8();
                        match char_at(text, after2) {
                            Some(x) if is_word_char(x) => break,
                            _ => continue,
                        }
                    }
                    _ => break,
                }
            }
            Some(x) if is_word_char(x) => return None,
            _ => {
                // A last letter without a dot: `U.S` → include it.
                if letters >= 1 {
                    letters += 1;
                    j = after;
                }
                break;
            }
        }
    }
    (letters >= 2).then_some(j)
}

/// Flags that depend on the gap before a word.
fn gap_flags(
    gap: &str,
    prev: Option<&Token>,
    words: &Tokens,
    text: &str,
    base: u32,
    para: bool,
) -> u16 {
    let Some(prev) = prev else {
        let mut f = flag::HARD | flag::SENT;
        if para {
            f |= flag::PARA;
        }
        return f;
    };
    let mut flags = 0u16;
    let mut newlines = 0;
    let mut hard = false;
    let mut sent = false;
    let mut dot = false;
    // A plural possessive (`Workers' Party`, `Philippines’ Senate`): the
    // apostrophe right after a word ending in `s` keeps a name going.
    let gap = match gap.strip_prefix(['\'', '\u{2019}']) {
        Some(rest) if text.as_bytes()[(prev.end - base) as usize - 1] | 0x20 == b's' => rest,
        _ => gap,
    };
    for c in gap.chars() {
        match c {
            '\n' => {
                newlines += 1;
                sent = true;
            }
            '\r' => {}
            '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => flags |= flag::HYPHEN,
            // (`Antigua & Barbuda`, `Trinidad & Tobago`: keys drop the `&`.)
            '/' | '&' => {}
            '.' => dot = true,
            '!' | '?' | ':' | ';' => {
                hard = true;
                sent = true;
            }
            '"' | '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => {
                hard = true;
                sent = true;
            }
            '(' => {
                hard = true;
                flags |= flag::OPEN_PAREN;
            }
            c if c.is_whitespace() || ZERO_WIDTH.contains(&c) => {}
            _ => hard = true,
        }
    }
    if dot {
        // `St. Petersburg`: a dot after a short capitalized abbreviation or
        // an initial may be inside a name; any other dot ends a sentence
        // (`Bahir Dar.`).
        let pw = &text[(prev.start - base) as usize..(prev.end - base) as usize];
        let abbrev = || {
            pw.chars().count() == 1
                || words.classes(prev) & super::words::class::ABBREV != 0
                || lists().region_abbrev(words.key(prev)).is_some()
        };
        // (The dot right after the word: `Donetsk (DPR).` ends a sentence.)
        let short_abbrev = prev.has(flag::CAP)
            && !prev.has(flag::DOTTED)
            && gap.starts_with('.')
            && pw.chars().count() <= 3
            && !gap.contains(['\n', ','])
            && abbrev();
        if !short_abbrev {
            hard = true;
            sent = true;
        }
    }
    if newlines >= 2 {
        hard = true;
        flags |= flag::PARA;
    }
    if hard {
        flags |= flag::HARD;
    }
    if sent {
        flags |= flag::SENT;
    }
    flags
}

/// Maps look-alike letters of a mixed Latin/Cyrillic word to the word's
/// dominant script. Returns `word` itself when nothing needs mapping.
fn unconfuse<'a>(word: &'a str, tmp: &'a mut String) -> &'a str {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in word.chars() {
        if c.is_ascii_alphabetic() || matches!(c as u32, 0xC0..=0x24F) {
            latin += 1;
        } else if matches!(c as u32, 0x400..=0x4FF) {
            cyrillic += 1;
        }
    }
    if latin == 0 || cyrillic == 0 {
        return word;
    }
    tmp.clear();
    let to_cyrillic = cyrillic >= latin;
    for c in word.chars() {
        let mapped = if to_cyrillic {
            latin_to_cyrillic(c)
        } else {
            cyrillic_to_latin(c)
        };
        tmp.push(mapped.unwrap_or(c));
    }
    tmp
}

const CONFUSABLES: [(char, char); 22] = [
    ('a', 'а'),
    ('c', 'с'),
    ('e', 'е'),
    ('i', 'і'),
    ('j', 'ј'),
    ('o', 'о'),
    ('p', 'р'),
    ('s', 'ѕ'),
    ('x', 'х'),
    ('y', 'у'),
    ('A', 'А'),
    ('B', 'В'),
    ('C', 'С'),
    ('E', 'Е'),
    ('H', 'Н'),
    ('I', 'І'),
    ('K', 'К'),
    ('M', 'М'),
    ('O', 'О'),
    ('P', 'Р'),
    ('T', 'Т'),
    ('X', 'Х'),
];

fn latin_to_cyrillic(c: char) -> Option<char> {
    CONFUSABLES.iter().find(|p| p.0 == c).map(|p| p.1)
}

fn cyrillic_to_latin(c: char) -> Option<char> {
    CONFUSABLES.iter().find(|p| p.1 == c).map(|p| p.0)
}

#[cfg(test)]
mod tests {

    #[test]
    fn letter_case_agrees_with_the_tables() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if let Some((upper, lower)) = super::letter_case(c) {
                assert!(c.is_alphabetic(), "{c:?}");
                assert_eq!(
                    (upper, lower),
                    (c.is_uppercase(), c.is_lowercase()),
                    "{c:?}"
                );
            }
        }
    }

    use super::*;
    use unicode_normalization::char::is_combining_mark;

    /// The cached character properties are the tables' answers, for every
    /// code point (asked twice: computed, then from the cache).
    #[test]
    fn cached_props_agree_with_the_tables() {
        for round in 0..2 {
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let p = props(c);
                let want = (
                    c.is_alphabetic(),
                    c.is_uppercase(),
                    c.is_lowercase(),
                    c.is_numeric(),
                    is_combining_mark(c),
                    letter_case(c).is_some() || c.is_alphanumeric() || is_combining_mark(c),
                );
                let got = (
                    p & prop::ALPHA != 0,
                    p & prop::UPPER != 0,
                    p & prop::LOWER != 0,
                    p & prop::NUMERIC != 0,
                    p & prop::MARK != 0,
                    p & (prop::ALNUM | prop::MARK) != 0,
                );
                assert_eq!(got, want, "{c:?} round {round}");
                assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
                if !c.is_ascii() {
                    assert_eq!(is_word_char(c), want.5, "{c:?}");
                }
            }
        }
    }

    fn words(text: &str) -> Vec<(String, String, u16)> {
        let mut t = Tokens::default();
        tokenize(text, 0, true, &mut t);
        t.toks
            .iter()
            .map(|tk| {
                (
                    text[tk.start as usize..tk.core_end as usize].to_string(),
                    t.key(tk).to_string(),
                    tk.flags,
                )
            })
            .collect()
    }

    #[test]
    fn possessives_and_acronyms() {
        let w = words("Russia's U.S. D.P.R. People’s Kiev[3] Son-hui");
        let cores: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            cores,
            ["Russia", "U.S.", "D.P.R.", "People", "Kiev", "3", "Son", "hui"]
        );
        assert_eq!(w[0].1, "russias");
        assert!(w[0].2 & flag::POSS != 0);
        assert_eq!(w[1].1, "us");
        assert!(w[1].2 & flag::DOTTED != 0);
        assert_eq!(w[2].1, "dpr");
        assert_eq!(w[3].1, "peoples");
        assert!(w[7].2 & flag::HYPHEN != 0);
    }

    #[test]
    fn homoglyphs_marks_zero_width() {
        let w = words("Харькoв Донба́сс Ky\u{200B}iv");
        assert_eq!(w[0].1, "харьков");
        assert_eq!(w[1].1, "донбасс");
        assert_eq!(w[2].1, "kyiv");
    }

    /// The fast paths key a word as the general path does: look-alike
    /// letters mapped, then [`key_into`].
    #[test]
    fn fast_keys_equal_general_keys() {
        let alphabet: Vec<char> = "aZ9bY8 Q'’‘ʼ´`\u{200B}\u{00AD}.-(é Жo\n".chars().collect();
        let mut x = 12345u64;
        let (mut tmp, mut key) = (String::new(), String::new());
        let mut checked = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..24 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            let mut t = Tokens::default();
            tokenize(&text, 0, true, &mut t);
            for tk in &t.toks {
                if tk.has(flag::DOTTED) {
                    continue;
                }
                let word = &text[tk.start as usize..tk.end as usize];
                key_into(unconfuse(word, &mut tmp), &mut key);
                assert_eq!(t.key(tk), key, "{word:?} in {text:?}");
                assert_eq!(t.vocab.find(key.as_bytes()), Some(tk.word), "{word:?}");
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// Words keyed again from the memo get the keys [`key_into`] gives,
    /// with one [`Tokens`] kept across many texts.
    #[test]
    fn memoized_keys_equal_computed_keys() {
        let alphabet: Vec<char> = "aé Жжo Ωά ß İ 北京 ㅎ한 ف ी क\u{0301}'’\u{200B}-ÅÉ"
            .chars()
            .collect();
        let mut x = 777u64;
        let mut t = Tokens::default();
        let (mut tmp, mut key) = (String::new(), String::new());
        let mut memo_hits = 0;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..16 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            t.toks.clear();
            t.keys.clear();
            tokenize(&text, 0, true, &mut t);
            for tk in &t.toks {
                if tk.has(flag::DOTTED) {
                    continue;
                }
                let word = &text[tk.start as usize..tk.end as usize];
                if !word.is_ascii() {
                    let h = KeyMemo::hash(word.as_bytes());
                    memo_hits += t.key_memo.get(h, word.as_bytes()).is_some() as usize;
                }
                key_into(unconfuse(word, &mut tmp), &mut key);
                assert_eq!(t.key(tk), key, "{word:?} in {text:?}");
            }
        }
        assert!(memo_hits > 1000, "{memo_hits}");
        // A word whose hash another word holds is not remembered.
        let mut m = KeyMemo::default();
        m.insert(1, b"one", b"k1");
        m.insert(1, b"two", b"k2");
        assert_eq!(m.get(1, b"one"), Some(&b"k1"[..]));
        assert_eq!(m.get(1, b"two"), None);
    }

    /// The fast paths for ASCII words give the tokens of the general path.
    #[test]
    fn fast_paths_equal_general_path() {
        let alphabet: Vec<char> = "aZs9S 'Q’‘ʼ´`.-(),\u{200B}é\n"
            .chars()
            .chain("   ss".chars())
            .collect();
        let mut x = 4242u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..30 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            let (mut a, mut b) = (Tokens::default(), Tokens::default());
            tokenize_with(&text, 7, true, &mut a, true);
            tokenize_with(&text, 7, true, &mut b, false);
            let show = |t: &Tokens| {
                t.toks
                    .iter()
                    .map(|tk| format!("{tk:?} {:?}", t.key(tk)))
                    .collect::<Vec<_>>()
            };
            assert_eq!(show(&a), show(&b), "{text:?}");
        }
    }

    #[test]
    fn han_per_character() {
        let w = words("在北京市");
        assert_eq!(w.len(), 4);
        assert!(w.iter().all(|x| x.2 & flag::NOSPACE != 0));
    }
}
