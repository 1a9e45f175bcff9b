//! The distinct words of the scanned text, numbered.
//!
//! Text repeats its words. Every token carries the number of its key, so
//! what is known about a word (its word-list classes, what the key automaton
//! says about it) is computed once per distinct word and then read from an
//! array, instead of a hash lookup of the key for every question about every
//! token.

use super::words::{lists, Cue};
use std::sync::atomic::{AtomicU64, Ordering};

/// The word number of a token whose key is not numbered (the vocabulary was
/// full); everything about such a token is computed from its key.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// At most this many words are numbered; a vocabulary holding this many is
/// emptied before the next chunk.
pub(crate) const VOCAB_MAX: usize = 1 << 16;

// Class bits are stored in 32 bits.
const _: () = assert!(super::words::class::MONTH <= 0x8000_0000);

/// Numbers of vocabularies (see [`Vocab::generation`]).
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

#[derive(Clone, Copy, Debug)]
struct Entry {
    start: u32,
    end: u32,
    /// [`super::words::class`] bits.
    classes: u32,
    /// The word as a context cue.
    cue: Option<Cue>,
}

/// A slot of the open-addressing table. A key of at most 8 bytes is
/// compared in the slot itself (packed, see [`Packed`]); a longer one by
/// its hash and then its bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// The packed key (short keys) or the hash (long keys).
    tag: u64,
    /// Key length in bytes.
    len: u32,
    /// Word number + 1; 0 for an empty slot.
    word: u32,
}

/// Distinct keys and their numbers.
#[derive(Default, Debug)]
pub(crate) struct Vocab {
    /// Open addressing, linear probing.
    slots: Vec<Slot>,
    entries: Vec<Entry>,
    /// The keys, one after the other.
    text: Vec<u8>,
    /// Identifies the numbering: memos of per-word facts compare it with
    /// the one they were filled under. 0 until the first word.
    generation: u64,
}

/// A key summarized for the table: `tag` is the key's bytes packed into a
/// little-endian `u64` when it has at most 8 (the tokenizer packs plain
/// ASCII words straight from the text), else a hash of the bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Packed {
    pub tag: u64,
    pub len: u32,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl Packed {
    /// The summary of `k`.
    #[inline]
    pub fn of(k: &[u8]) -> Packed {
        let tag = if k.len() <= 8 {
            let mut b = [0u8; 8];
            b[..k.len()].copy_from_slice(k);
            u64::from_le_bytes(b)
        } else {
            let mut h = (k.len() as u64).wrapping_mul(K);
            for c in k.chunks(8) {
                let mut b = [0u8; 8];
                b[..c.len()].copy_from_slice(c);
                h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K).rotate_left(31);
            }
            h
        };
        Packed {
            tag,
            len: k.len() as u32,
        }
    }

    /// The first slot to probe in a table of `mask + 1` slots.
    #[inline]
    fn home(&self, mask: usize) -> usize {
        let h = (self.tag ^ self.len as u64).wrapping_mul(K);
        (h >> 40) as usize & mask
    }
}

impl Vocab {
    /// Forgets every word.
    pub fn clear(&mut self) {
        self.slots.clear();
        self.entries.clear();
        self.text.clear();
        self.generation = 0;
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Identifies the current numbering (0: no word yet).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The slot of `key` (summarized as `p`): its word number, or the
    /// empty slot where it goes.
    #[inline(always)]
    fn slot_of(&self, p: Packed, key: &[u8]) -> (usize, Option<u32>) {
        let mask = self.slots.len() - 1;
        let mut s = p.home(mask);
        loop {
            let slot = self.slots[s];
            if slot.word == 0 {
                return (s, None);
            }
            if slot.tag == p.tag && slot.len == p.len {
                let w = slot.word - 1;
                if p.len <= 8 {
                    return (s, Some(w));
                }
                let e = &self.entries[w as usize];
                if &self.text[e.start as usize..e.end as usize] == key {
                    return (s, Some(w));
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// The number of `key`, if it has one.
    pub fn find(&self, key: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot_of(Packed::of(key), key).1
    }

    /// The number of `key`, given one if it has none; [`NO_WORD`] when
    /// the vocabulary is full.
    #[inline(always)]
    pub fn intern(&mut self, key: &[u8]) -> u32 {
        self.intern_packed(Packed::of(key), key)
    }

    /// [`Vocab::intern`] with the key already summarized (`p` must be
    /// `Packed::of(key)`).
    #[inline(always)]
    pub fn intern_packed(&mut self, p: Packed, key: &[u8]) -> u32 {
        debug_assert_eq!(p.tag, Packed::of(key).tag);
        if !self.slots.is_empty() {
            let (s, found) = self.slot_of(p, key);
            if let Some(w) = found {
                return w;
            }
            if self.entries.len() >= VOCAB_MAX {
                return NO_WORD;
            }
            if (self.entries.len() + 1) * 2 <= self.slots.len() {
                return self.insert_at(s, p, key);
            }
        }
        self.grow_and_insert(p, key)
    }

    #[cold]
    fn grow_and_insert(&mut self, p: Packed, key: &[u8]) -> u32 {
        self.grow();
        let (s, _) = self.slot_of(p, key);
        self.insert_at(s, p, key)
    }

    #[inline(never)]
    fn insert_at(&mut self, s: usize, p: Packed, key: &[u8]) -> u32 {
        if self.generation == 0 {
            self.generation = GENERATIONS.fetch_add(1, Ordering::Relaxed);
        }
        let w = self.entries.len() as u32;
        let start = self.text.len() as u32;
        self.text.extend_from_slice(key);
        self.entries.push(Entry {
            start,
            end: self.text.len() as u32,
            classes: lists().classes(std::str::from_utf8(key).unwrap_or("")) as u32,
            cue: lists().cue(std::str::from_utf8(key).unwrap_or("")),
        });
        self.slots[s] = Slot {
            tag: p.tag,
            len: p.len,
            word: w + 1,
        };
        w
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        let old = std::mem::take(&mut self.slots);
        self.slots.resize(n, Slot::default());
        let mask = n - 1;
        for slot in old.into_iter().filter(|s| s.word != 0) {
            let mut s = Packed {
                tag: slot.tag,
                len: slot.len,
            }
            .home(mask);
            while self.slots[s].word != 0 {
                s = (s + 1) & mask;
            }
            self.slots[s] = slot;
        }
    }

    /// The context cue of word `w` (not [`NO_WORD`]).
    #[inline]
    pub fn cue(&self, w: u32) -> Option<Cue> {
        self.entries[w as usize].cue
    }

    /// The [`super::words::class`] bits of word `w` (not [`NO_WORD`]).
    #[inline]
    pub fn classes(&self, w: u32) -> u64 {
        self.entries[w as usize].classes as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable_and_dense() {
        let mut v = Vocab::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{}", i * 7919 % 5003)).collect();
        let ids: Vec<u32> = words.iter().map(|w| v.intern(w.as_bytes())).collect();
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(v.intern(w.as_bytes()), id);
            assert_eq!(v.find(w.as_bytes()), Some(id));
        }
        assert_eq!(v.find(b"absent"), None);
        assert!(ids.iter().all(|&i| (i as usize) < v.len()));
        assert_eq!(v.intern(b"the"), v.len() as u32 - 1);
        assert_ne!(v.classes(v.find(b"the").unwrap()), 0);
    }
}
