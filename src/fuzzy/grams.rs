//! A compact, zero-copy character n-gram index over key ordinals.
//!
//! Each key is padded with one space on both sides (`" son hui "`), and its
//! distinct character n-grams (n = 3 by default) are indexed; spaces inside
//! the key make grams that span word boundaries, so a reordering of words
//! loses only those grams. A query scores candidates by Dice overlap of
//! distinct grams, `2·shared / (query_grams + key_grams)`.
//!
//! # Format (all integers little-endian)
//! ```text
//! 0   magic  "CNG1"
//! 4   n      u8  (gram length, 2..=4)   5..8 reserved, zero
//! 8   docs   u32 (ordinals 0..docs)
//! 12  grams  u32 (distinct grams)
//! 16  plen   u32 (postings bytes)
//! 20  doc_grams [docs] u8      distinct grams per key, saturating at 255
//!     table     [grams] × 16   gram u64 (chars packed), offset u32, df u32
//!     postings  [plen]         per gram: df ordinals, delta + LEB128 varint
//! ```
//! [`GramIndex::open`] checks the lengths add up, grams are strictly
//! increasing, offsets are non-decreasing and inside the postings, and every
//! gram's byte range can hold its `df` varints. Posting lists are decoded
//! with bounds checks; an overrun or an ordinal ≥ `docs` ends that list.
//! Corrupted bytes therefore give [`GramError`] or fewer candidates, never a
//! panic.
//!
//! # Bounded work
//! A query uses at most 128 distinct grams, processed rarest first; grams
//! whose document frequency exceeds [`GramScratch::max_df`] are skipped
//! (they still count in the query's gram total), and scanning stops after
//! [`GramScratch::max_postings`] posting entries.

use std::fmt;

/// Magic bytes at the start of a gram index.
pub const GRAM_MAGIC: &[u8; 4] = b"CNG1";
const HEADER: usize = 20;
const ENTRY: usize = 16;
const MAX_QUERY_GRAMS: usize = 128;

/// Error from [`GramIndex::open`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GramError {
    /// Fewer bytes than the header or the sizes it declares.
    Truncated,
    /// Wrong magic bytes.
    BadMagic,
    /// Gram length outside 2..=4.
    BadGramLength,
    /// Declared sizes do not add up to the byte length.
    BadLength,
    /// Gram table not strictly increasing.
    UnsortedGrams,
    /// A posting offset or document frequency outside the postings.
    BadOffset,
}

impl fmt::Display for GramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = match self {
            GramError::Truncated => "gram index truncated",
            GramError::BadMagic => "not a gram index (bad magic)",
            GramError::BadGramLength => "gram index: bad gram length",
            GramError::BadLength => "gram index: sizes do not add up",
            GramError::UnsortedGrams => "gram index: gram table not sorted",
            GramError::BadOffset => "gram index: posting offset out of range",
        };
        f.write_str(m)
    }
}

impl std::error::Error for GramError {}

fn pack(g: &[u32]) -> u64 {
    let bits = if g.len() <= 3 { 21 } else { 16 };
    let mask = (1u64 << bits) - 1;
    g.iter()
        .fold(0u64, |acc, &c| (acc << bits) | (c as u64 & mask))
}

/// Distinct packed grams of `key` into `out` (sorted, deduplicated), at most
/// `limit` of them (the first `limit` chars' worth).
fn grams_of(key: &str, n: usize, limit: usize, chars: &mut Vec<u32>, out: &mut Vec<u64>) {
    out.clear();
    chars.clear();
    chars.push(' ' as u32);
    chars.extend(key.chars().take(limit + n).map(|c| c as u32));
    chars.push(' ' as u32);
    if chars.len() < n {
        return;
    }
    for w in chars.windows(n).take(limit) {
        out.push(pack(w));
    }
    out.sort_unstable();
    out.dedup();
}

/// Builds a gram index. Memory: 16 bytes per (gram, key) pair until
/// [`finish`](GramIndexBuilder::finish).
#[derive(Debug)]
pub struct GramIndexBuilder {
    n: usize,
    pairs: Vec<(u64, u32)>,
    doc_grams: Vec<u8>,
    chars: Vec<u32>,
    grams: Vec<u64>,
}

impl Default for GramIndexBuilder {
    fn default() -> Self {
        GramIndexBuilder::new()
    }
}

impl GramIndexBuilder {
    /// A trigram builder.
    pub fn new() -> GramIndexBuilder {
        GramIndexBuilder::with_gram_len(3)
    }

    /// A builder for grams of `n` characters (clamped to 2..=4).
    pub fn with_gram_len(n: usize) -> GramIndexBuilder {
        GramIndexBuilder {
            n: n.clamp(2, 4),
            pairs: Vec::new(),
            doc_grams: Vec::new(),
            chars: Vec::new(),
            grams: Vec::new(),
        }
    }

    /// Indexes `key` under `ordinal`. Adding the same ordinal twice merges
    /// the grams (the key gram count becomes that of the last key).
    pub fn add(&mut self, key: &str, ordinal: u32) {
        grams_of(
            key,
            self.n,
            usize::MAX / 2,
            &mut self.chars,
            &mut self.grams,
        );
        let o = ordinal as usize;
        if self.doc_grams.len() <= o {
            self.doc_grams.resize(o + 1, 0);
        }
        self.doc_grams[o] = self.grams.len().min(255) as u8;
        for &g in &self.grams {
            self.pairs.push((g, ordinal));
        }
    }

    /// Serializes the index.
    pub fn finish(mut self) -> Vec<u8> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut table: Vec<(u64, u32, u32)> = Vec::new();
        let mut postings: Vec<u8> = Vec::new();
        let mut i = 0;
        while i < self.pairs.len() {
            let g = self.pairs[i].0;
            let off = postings.len() as u32;
            let mut prev = 0u32;
            let mut df = 0u32;
            while i < self.pairs.len() && self.pairs[i].0 == g {
                let o = self.pairs[i].1;
                put_varint(&mut postings, o - prev);
                prev = o;
                df += 1;
                i += 1;
            }
            table.push((g, off, df));
        }
        let mut out = Vec::with_capacity(
            HEADER + self.doc_grams.len() + table.len() * ENTRY + postings.len(),
        );
        out.extend_from_slice(GRAM_MAGIC);
        out.extend_from_slice(&[self.n as u8, 0, 0, 0]);
        out.extend_from_slice(&(self.doc_grams.len() as u32).to_le_bytes());
        out.extend_from_slice(&(table.len() as u32).to_le_bytes());
        out.extend_from_slice(&(postings.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.doc_grams);
        for (g, off, df) in table {
            out.extend_from_slice(&g.to_le_bytes());
            out.extend_from_slice(&off.to_le_bytes());
            out.extend_from_slice(&df.to_le_bytes());
        }
        out.extend_from_slice(&postings);
        out
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(b: &[u8], pos: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *b.get(*pos)?;
        *pos += 1;
        v |= ((byte & 0x7F) as u32).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

/// A validated, zero-copy view of a serialized gram index.
#[derive(Clone, Copy, Debug)]
pub struct GramIndex<'a> {
    n: usize,
    docs: usize,
    doc_grams: &'a [u8],
    table: &'a [u8],
    postings: &'a [u8],
}

/// One candidate from [`GramIndex::query`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GramHit {
    /// The key's ordinal.
    pub ordinal: u32,
    /// Distinct grams shared with the query (among the grams scanned).
    pub shared: u32,
    /// Dice coefficient in [0, 1].
    pub score: f64,
}

/// Reusable per-thread buffers and limits for [`GramIndex::query`].
#[derive(Debug)]
pub struct GramScratch {
    /// Skip query grams found in more than this many keys (default 20 000).
    pub max_df: u32,
    /// Stop after scanning this many posting entries (default 150 000).
    pub max_postings: u32,
    counts: Vec<u8>,
    touched: Vec<u32>,
    chars: Vec<u32>,
    grams: Vec<u64>,
    lists: Vec<(u32, usize, usize)>,
    hits: Vec<GramHit>,
    /// Touched keys by shared-gram count, and those not scored yet.
    hist: Vec<u32>,
    rest: Vec<(u8, u32)>,
}

impl Default for GramScratch {
    fn default() -> Self {
        GramScratch::new()
    }
}

impl GramScratch {
    /// Scratch with the default limits.
    pub fn new() -> GramScratch {
        GramScratch {
            max_df: 20_000,
            max_postings: 150_000,
            counts: Vec::new(),
            touched: Vec::new(),
            chars: Vec::new(),
            grams: Vec::new(),
            lists: Vec::new(),
            hits: Vec::new(),
            hist: Vec::new(),
            rest: Vec::new(),
        }
    }
}

impl<'a> GramIndex<'a> {
    /// Validates `bytes` and returns a view over them (no copy).
    pub fn open(bytes: &'a [u8]) -> Result<GramIndex<'a>, GramError> {
        GramIndex::open_inner(bytes, true)
    }

    /// A view over bytes that [`GramIndex::open`] has already accepted: only
    /// the header and lengths are checked (constant time), so an index can
    /// re-create the view per query. Reads stay bounds-checked, so even bytes
    /// that were never validated give wrong candidates at worst, never a panic.
    pub fn view(bytes: &'a [u8]) -> Result<GramIndex<'a>, GramError> {
        GramIndex::open_inner(bytes, false)
    }

    fn open_inner(bytes: &'a [u8], validate: bool) -> Result<GramIndex<'a>, GramError> {
        if bytes.len() < HEADER {
            return Err(GramError::Truncated);
        }
        if &bytes[0..4] != GRAM_MAGIC {
            return Err(GramError::BadMagic);
        }
        let n = bytes[4] as usize;
        if !(2..=4).contains(&n) {
            return Err(GramError::BadGramLength);
        }
        let docs = u32_at(bytes, 8).ok_or(GramError::Truncated)? as usize;
        let grams = u32_at(bytes, 12).ok_or(GramError::Truncated)? as usize;
        let plen = u32_at(bytes, 16).ok_or(GramError::Truncated)? as usize;
        let table_len = grams.checked_mul(ENTRY).ok_or(GramError::BadLength)?;
        let total = HEADER
            .checked_add(docs)
            .and_then(|v| v.checked_add(table_len))
            .and_then(|v| v.checked_add(plen))
            .ok_or(GramError::BadLength)?;
        if bytes.len() < total {
            return Err(GramError::Truncated);
        }
        if bytes.len() != total {
            return Err(GramError::BadLength);
        }
        let doc_grams = &bytes[HEADER..HEADER + docs];
        let table = &bytes[HEADER + docs..HEADER + docs + table_len];
        let postings = &bytes[HEADER + docs + table_len..];
        if !validate {
            return Ok(GramIndex {
                n,
                docs,
                doc_grams,
                table,
                postings,
            });
        }
        let mut prev_gram: Option<u64> = None;
        let mut prev_off = 0usize;
        for e in 0..grams {
            let at = e * ENTRY;
            let g = u64_at(table, at).ok_or(GramError::Truncated)?;
            let off = u32_at(table, at + 8).ok_or(GramError::Truncated)? as usize;
            let df = u32_at(table, at + 12).ok_or(GramError::Truncated)? as usize;
            if prev_gram.is_some_and(|p| p >= g) {
                return Err(GramError::UnsortedGrams);
            }
            if off < prev_off || off > plen || df > docs {
                return Err(GramError::BadOffset);
            }
            // each varint takes at least one byte
            let end = if e + 1 < grams {
                u32_at(table, at + ENTRY + 8).ok_or(GramError::Truncated)? as usize
            } else {
                plen
            };
            if end < off || end > plen || end - off < df {
                return Err(GramError::BadOffset);
            }
            prev_gram = Some(g);
            prev_off = off;
        }
        Ok(GramIndex {
            n,
            docs,
            doc_grams,
            table,
            postings,
        })
    }

    /// Number of key ordinals covered (`0..docs`).
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Number of distinct grams.
    pub fn grams(&self) -> usize {
        self.table.len() / ENTRY
    }

    /// Gram length in characters.
    pub fn gram_len(&self) -> usize {
        self.n
    }

    fn entry(&self, e: usize) -> Option<(u64, usize, usize, usize)> {
        let at = e.checked_mul(ENTRY)?;
        let g = u64_at(self.table, at)?;
        let off = u32_at(self.table, at + 8)? as usize;
        let df = u32_at(self.table, at + 12)? as usize;
        let end = if at + ENTRY < self.table.len() {
            u32_at(self.table, at + ENTRY + 8)? as usize
        } else {
            self.postings.len()
        };
        Some((g, off, df, end))
    }

    fn find(&self, g: u64) -> Option<(usize, usize, usize)> {
        let (mut lo, mut hi) = (0usize, self.grams());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (mg, off, df, end) = self.entry(mid)?;
            match mg.cmp(&g) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some((off, df, end)),
            }
        }
        None
    }

    /// Distinct grams of `key` stored for `ordinal` (0 if out of range).
    pub fn key_grams(&self, ordinal: u32) -> u32 {
        self.doc_grams.get(ordinal as usize).copied().unwrap_or(0) as u32
    }

    /// Passes to `sink` the `top_n` keys with the highest Dice score against
    /// `query_key`, best first (ties: lower ordinal first). Returns the number
    /// of posting entries scanned.
    pub fn query(
        &self,
        query_key: &str,
        top_n: usize,
        scratch: &mut GramScratch,
        sink: &mut dyn FnMut(GramHit),
    ) -> u32 {
        let s = scratch;
        grams_of(
            query_key,
            self.n,
            MAX_QUERY_GRAMS,
            &mut s.chars,
            &mut s.grams,
        );
        let qn = s.grams.len() as u32;
        if qn == 0 || top_n == 0 || self.docs == 0 {
            return 0;
        }
        if s.counts.len() < self.docs {
            s.counts.resize(self.docs, 0);
        }
        s.lists.clear();
        for &g in &s.grams {
            if let Some((off, df, end)) = self.find(g) {
                if df as u64 <= s.max_df as u64 {
                    s.lists.push((df as u32, off, end));
                }
            }
        }
        s.lists.sort_unstable();
        s.touched.clear();
        let mut scanned = 0u32;
        'lists: for &(df, off, end) in &s.lists {
            let seg = match self.postings.get(off..end) {
                Some(x) => x,
                None => continue,
            };
            let mut pos = 0usize;
            let mut cur = 0u32;
            for _ in 0..df {
                if scanned >= s.max_postings {
                    break 'lists;
                }
                let Some(d) = get_varint(seg, &mut pos) else {
                    break;
                };
                let Some(o) = cur.checked_add(d) else { break };
                if o as usize >= self.docs {
                    break;
                }
                cur = o;
                let Some(c) = s.counts.get_mut(o as usize) else {
                    break;
                };
                scanned += 1;
                if *c == 0 {
                    s.touched.push(o);
                }
                *c = c.saturating_add(1);
            }
        }
        // Score the keys sharing the most grams first. A key sharing `c`
        // grams has at least `c` grams itself, so its Dice score is at most
        // `2c / (qn + c)`; once that bound is below the `top_n`-th score
        // found so far, no key sharing `c` or fewer grams can enter the top.
        // The result is what scoring every touched key would give.
        let levels = qn as usize + 1;
        s.hist.clear();
        s.hist.resize(levels + 1, 0);
        for &o in &s.touched {
            let c = (s.counts[o as usize] as usize).min(levels);
            s.hist[c] += 1;
        }
        let mut level = levels;
        let mut above = 0usize;
        while level > 1 && above + (s.hist[level] as usize) < top_n {
            above += s.hist[level] as usize;
            level -= 1;
        }
        let score_of = |index: &Self, o: u32, c: u32| {
            let dn = index.key_grams(o).max(1);
            (2.0 * c as f64 / (qn + dn) as f64).min(1.0)
        };
        s.hits.clear();
        s.rest.clear();
        for &o in &s.touched {
            let c = s.counts[o as usize];
            s.counts[o as usize] = 0;
            if c as usize >= level {
                s.hits.push(GramHit {
                    ordinal: o,
                    shared: c as u32,
                    score: score_of(self, o, c as u32),
                });
            } else {
                s.rest.push((c, o));
            }
        }
        let cmp =
            |a: &GramHit, b: &GramHit| b.score.total_cmp(&a.score).then(a.ordinal.cmp(&b.ordinal));
        while level > 1 && !s.rest.is_empty() {
            level -= 1;
            if s.hits.len() >= top_n {
                s.hits.select_nth_unstable_by(top_n - 1, cmp);
                s.hits.truncate(top_n);
                let worst = s.hits[top_n - 1].score;
                let c = level as f64;
                if (2.0 * c / (qn as f64 + c.max(1.0))).min(1.0) < worst {
                    break;
                }
            }
            for &(c, o) in &s.rest {
                if c as usize == level {
                    s.hits.push(GramHit {
                        ordinal: o,
                        shared: c as u32,
                        score: score_of(self, o, c as u32),
                    });
                }
            }
        }
        if s.hits.len() > top_n {
            s.hits.select_nth_unstable_by(top_n - 1, cmp);
            s.hits.truncate(top_n);
        }
        s.hits.sort_unstable_by(cmp);
        for &h in &s.hits {
            sink(h);
        }
        scanned
    }
}
