//! The distinct words of the scanned text, numbered.
//!
//! Text repeats its words. Every token carries the number of its key, so
//! what is known about a word (its word-list classes, what the key automaton
//! says about it) is computed once per distinct word and then read from an
//! array, instead of a hash lookup of the key for every question about every
//! token.

use super::words::lists;
use std::sync::atomic::{AtomicU64, Ordering};

/// The word number of a token whose key is not numbered (the vocabulary was
/// full); everything about such a token is computed from its key.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// At most this many words are numbered; a vocabulary holding this many is
/// emptied before the next chunk.
pub(crate) const VOCAB_MAX: usize = 1 << 16;

// Class bits are stored in a byte.
const _: () = assert!(super::words::class::DESCRIPTOR <= 0x80);

/// Numbers of vocabularies (see [`Vocab::generation`]).
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

#[derive(Clone, Copy, Debug)]
struct Entry {
    hash: u64,
    /// A key of at most 8 bytes, packed (see [`word_hash`]); 0 for longer.
    short: u64,
    start: u32,
    end: u32,
    /// [`super::words::class`] bits.
    classes: u8,
}

/// Distinct keys and their numbers.
#[derive(Default, Debug)]
pub(crate) struct Vocab {
    /// Open addressing, linear probing: 0 is empty, else word number + 1.
    slots: Vec<u32>,
    entries: Vec<Entry>,
    /// The keys, one after the other.
    text: String,
    /// Identifies the numbering: memos of per-word facts compare it with
    /// the one they were filled under. 0 until the first word.
    generation: u64,
}

/// A hash of a key, and the key packed into a `u64` if it has at most 8
/// bytes (else 0): eight bytes at a time, a multiply per eight.
#[inline(always)]
fn word_hash(k: &[u8]) -> (u64, u64) {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (k.len() as u64).wrapping_mul(K);
    let mut chunks = k.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(K).rotate_left(31);
    }
    let mut last = 0u64;
    for (n, &b) in chunks.remainder().iter().enumerate() {
        last |= (b as u64) << (8 * n);
    }
    let short = match k.len() {
        0..=7 => last,
        8 => {
            let mut b = [0u8; 8];
            b.copy_from_slice(k);
            u64::from_le_bytes(b)
        }
        _ => 0,
    };
    h = (h ^ last).wrapping_mul(K);
    (h ^ (h >> 29), short)
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

    /// The slot of `key` (with this [`word_hash`]): its word number, or the
    /// empty slot where it goes.
    #[inline(always)]
    fn slot_of(&self, (hash, short): (u64, u64), key: &[u8]) -> (usize, Option<u32>) {
        let mask = self.slots.len() - 1;
        let mut s = (hash >> 7) as usize & mask;
        loop {
            let v = self.slots[s];
            if v == 0 {
                return (s, None);
            }
            let e = &self.entries[v as usize - 1];
            if e.hash == hash
                && (e.end - e.start) as usize == key.len()
                && (if key.len() <= 8 {
                    e.short == short
                } else {
                    &self.text.as_bytes()[e.start as usize..e.end as usize] == key
                })
            {
                return (s, Some(v - 1));
            }
            s = (s + 1) & mask;
        }
    }

    /// The number of `key`, if it has one.
    pub fn find(&self, key: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        self.slot_of(word_hash(key), key).1
    }

    /// The number of `key`, given one if it has none; [`NO_WORD`] when
    /// the vocabulary is full.
    #[inline(always)]
    pub fn intern(&mut self, key: &str) -> u32 {
        let hash = word_hash(key.as_bytes());
        if !self.slots.is_empty() {
            let (s, found) = self.slot_of(hash, key.as_bytes());
            if let Some(w) = found {
                return w;
            }
            if self.entries.len() >= VOCAB_MAX {
                return NO_WORD;
            }
            if (self.entries.len() + 1) * 2 <= self.slots.len() {
                return self.insert_at(s, hash, key);
            }
        }
        self.grow_and_insert(hash, key)
    }

    #[cold]
    fn grow_and_insert(&mut self, hash: (u64, u64), key: &str) -> u32 {
        self.grow();
        let (s, _) = self.slot_of(hash, key.as_bytes());
        self.insert_at(s, hash, key)
    }

    #[inline(never)]
    fn insert_at(&mut self, s: usize, (hash, short): (u64, u64), key: &str) -> u32 {
        if self.generation == 0 {
            self.generation = GENERATIONS.fetch_add(1, Ordering::Relaxed);
        }
        let w = self.entries.len() as u32;
        let start = self.text.len() as u32;
        self.text.push_str(key);
        self.entries.push(Entry {
            hash,
            short,
            start,
            end: self.text.len() as u32,
            classes: lists().classes(key) as u8,
        });
        self.slots[s] = w + 1;
        w
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        self.slots.clear();
        self.slots.resize(n, 0);
        let mask = n - 1;
        for (w, e) in self.entries.iter().enumerate() {
            let mut s = (e.hash >> 7) as usize & mask;
            while self.slots[s] != 0 {
                s = (s + 1) & mask;
            }
            self.slots[s] = w as u32 + 1;
        }
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
        let ids: Vec<u32> = words.iter().map(|w| v.intern(w)).collect();
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(v.intern(w), id);
            assert_eq!(v.find(w.as_bytes()), Some(id));
        }
        assert_eq!(v.find(b"absent"), None);
        assert!(ids.iter().all(|&i| (i as usize) < v.len()));
        assert_eq!(v.intern("the"), v.len() as u32 - 1);
        assert_ne!(v.classes(v.find(b"the").unwrap()), 0);
    }
}
