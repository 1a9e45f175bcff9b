//! The compiled index: an immutable, memory-mappable file holding the key
//! automaton, postings and the entity and alias tables.
//!
//! Build one with [`Index::build`] (from a [`Lexicon`]) or
//! [`build_bytes`]; open one with [`Index::open`] (memory map),
//! [`Index::from_bytes`] or [`Index::embedded`] (the default lexicon compiled
//! into the binary). Opening validates the header, every section's checksum
//! and every offset before anything is trusted, so a truncated, corrupted,
//! foreign or wrong-version file is a clear [`Error`], never a panic.
//!
//! `Index` is `Send + Sync`: share one between threads.

pub mod build;
pub mod format;
pub mod variants;

pub use build::{build_bytes, BuildOptions, BuildStats, Collision};

use crate::error::Error;
use crate::lexicon::{AliasKind, AliasTableWriter, Lexicon, Row};
use format::{ali, ent, tag};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

enum Storage {
    Static(&'static [u8]),
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl Storage {
    fn bytes(&self) -> &[u8] {
        match self {
            Storage::Static(b) => b,
            Storage::Owned(v) => v,
            Storage::Mapped(m) => m,
        }
    }
}

/// A shared view of one section, usable as the backing store of an fst.
#[derive(Clone)]
pub(crate) struct Bytes {
    storage: Arc<Storage>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.storage.bytes()[self.range.clone()]
    }
}

/// A compiled, immutable index. Cheap to share across threads.
pub struct Index {
    storage: Arc<Storage>,
    name: PathBuf,
    strs: Range<usize>,
    tags: Range<usize>,
    ents: Range<usize>,
    alis: Range<usize>,
    poff: Range<usize>,
    pids: Range<usize>,
    gram: Range<usize>,
    /// The region table (empty when the file has none).
    regn: Range<usize>,
    meta: Range<usize>,
    keys: fst::Map<Bytes>,
    n_entities: u32,
    n_aliases: u32,
    /// Distinguishes this index from every other one opened by the process
    /// (for caches keyed by index positions, such as the scanner's).
    serial: u64,
}

/// Decodes a region-table entry: `Some(None)` for no region,
/// `Some(Some(code))` for a valid ISO 3166-2 code with zero padding after
/// it, `None` for a damaged entry.
fn region_entry(r: &[u8]) -> Option<Option<&str>> {
    let len = r[0] as usize;
    let (code, pad) = r.get(1..)?.split_at_checked(len)?;
    if pad.iter().any(|&b| b != 0) {
        return None;
    }
    if len == 0 {
        return Some(None);
    }
    let code = std::str::from_utf8(code).ok()?;
    crate::lexicon::valid_region(code).then_some(Some(code))
}

static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.idx"));

impl Index {
    /// Builds an index in memory from a lexicon.
    pub fn build(lexicon: &Lexicon, opts: &BuildOptions) -> crate::Result<Index> {
        let (bytes, _) = build_bytes(lexicon, opts)?;
        Index::from_bytes(bytes)
    }

    /// Opens an index file with a memory map. The file must not be modified
    /// while the index is open.
    pub fn open(path: impl AsRef<Path>) -> crate::Result<Index> {
        let path = path.as_ref();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            return Err(Error::IsDirectory { path: path.into() });
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let storage = if meta.len() == 0 {
            Storage::Owned(Vec::new())
        } else {
            // SAFETY: the map is read-only and every offset read from it is
            // validated in `from_storage` before use. Like any memory-mapped
            // file, it must not be truncated or rewritten by another process
            // while open; `canonym build` replaces files by rename, which
            // leaves an open map intact.
            let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
            Storage::Mapped(map)
        };
        Index::from_storage(storage, path.into(), false)
    }

    /// Reads an index file into memory (no memory map).
    pub fn read(path: impl AsRef<Path>) -> crate::Result<Index> {
        let path = path.as_ref();
        if path.is_dir() {
            return Err(Error::IsDirectory { path: path.into() });
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Index::from_storage(Storage::Owned(bytes), path.into(), false)
    }

    /// Opens an index held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> crate::Result<Index> {
        Index::from_storage(Storage::Owned(bytes), "<memory>".into(), false)
    }

    /// The default index compiled into the binary from `lexicons/`.
    ///
    /// Its bytes were written by this crate's own build and are part of the
    /// program, so the record checks and the automaton walk of
    /// [`Index::open`] (most of a CLI start) are skipped; the header,
    /// section table and checksums are still checked. The test suite opens
    /// the same bytes with [`Index::from_bytes`], which checks everything.
    pub fn embedded() -> crate::Result<Index> {
        Index::from_storage(Storage::Static(EMBEDDED), "<embedded>".into(), true)
    }

    /// The raw bytes of the embedded default index.
    pub fn embedded_bytes() -> &'static [u8] {
        EMBEDDED
    }

    fn from_storage(storage: Storage, name: PathBuf, trusted: bool) -> crate::Result<Index> {
        let corrupt = |what: String| Error::CorruptIndex {
            path: name.clone(),
            what,
        };
        let data = storage.bytes();
        if data.len() < format::MAGIC.len() || &data[..8] != format::MAGIC {
            return Err(Error::BadMagic { path: name });
        }
        if data.len() < format::HEADER_SIZE {
            return Err(corrupt(format!("truncated header ({} bytes)", data.len())));
        }
        let version = u32_at(data, 8);
        if version != format::VERSION {
            return Err(Error::UnsupportedVersion {
                path: name,
                found: version,
                supported: format::VERSION,
            });
        }
        let file_len = u64_at(data, format::FILE_LEN_AT);
        if file_len != data.len() as u64 {
            return Err(corrupt(format!(
                "the header says {file_len} bytes but the file has {}: truncated or damaged",
                data.len()
            )));
        }
        let count = u32_at(data, 12) as usize;
        if count > 64 {
            return Err(corrupt(format!("implausible section count {count}")));
        }
        let table_end = format::HEADER_SIZE + count * format::SECTION_ENTRY_SIZE;
        let table = data
            .get(format::HEADER_SIZE..table_end)
            .ok_or_else(|| corrupt("truncated section table".into()))?;
        if crc32fast::hash(table) != u32_at(data, 16) {
            return Err(corrupt("section table checksum mismatch".into()));
        }
        let mut found: Vec<([u8; 4], Range<usize>)> = Vec::with_capacity(count);
        for i in 0..count {
            let e = &table[i * format::SECTION_ENTRY_SIZE..(i + 1) * format::SECTION_ENTRY_SIZE];
            let t: [u8; 4] = [e[0], e[1], e[2], e[3]];
            let name_of = String::from_utf8_lossy(&t).into_owned();
            let crc = u32_at(e, 4);
            let off = u64_at(e, 8);
            let len = u64_at(e, 16);
            let range = off
                .checked_add(len)
                .filter(|&end| end <= data.len() as u64)
                .map(|end| off as usize..end as usize)
                .ok_or_else(|| {
                    corrupt(format!(
                        "section {name_of} ({off}+{len}) runs past the end of the file ({} bytes): truncated?",
                        data.len()
                    ))
                })?;
            if crc32fast::hash(&data[range.clone()]) != crc {
                return Err(corrupt(format!("section {name_of}: checksum mismatch")));
            }
            found.push((t, range));
        }
        let section = |t: [u8; 4]| {
            found
                .iter()
                .find(|(x, _)| *x == t)
                .map(|(_, r)| r.clone())
                .ok_or_else(|| corrupt(format!("missing section {}", String::from_utf8_lossy(&t))))
        };
        let meta = section(tag::META)?;
        let strs = section(tag::STRS)?;
        let tags = section(tag::TAGS)?;
        let ents = section(tag::ENTS)?;
        let alis = section(tag::ALIS)?;
        let keys_r = section(tag::KEYS)?;
        let poff = section(tag::POFF)?;
        let pids = section(tag::PIDS)?;
        let gram = section(tag::GRAM)?;
        match crate::fuzzy::GramIndex::open(&data[gram.clone()]) {
            Ok(g) if g.docs() as u64 <= u64::from(u32::MAX) => {}
            Ok(_) => return Err(corrupt("GRAM: too many keys".into())),
            Err(e) => return Err(corrupt(format!("GRAM: {e}"))),
        }
        if std::str::from_utf8(&data[meta.clone()]).is_err() {
            return Err(corrupt("META is not UTF-8".into()));
        }
        if ents.len() % format::ENTITY_SIZE != 0 || alis.len() % format::ALIAS_SIZE != 0 {
            return Err(corrupt("entity or alias table has a partial record".into()));
        }
        if tags.len() % 8 != 0 || tags.is_empty() || tags.len() / 8 > u16::MAX as usize + 1 {
            return Err(corrupt("TAGS has a partial or missing entry".into()));
        }
        if poff.len() % 4 != 0 || pids.len() % 4 != 0 || poff.is_empty() {
            return Err(corrupt("postings tables have a partial entry".into()));
        }
        let n_entities = (ents.len() / format::ENTITY_SIZE) as u32;
        let regn = match found.iter().find(|(x, _)| *x == tag::REGN) {
            Some((_, r)) if r.len() == n_entities as usize * format::REGION_SIZE => r.clone(),
            Some(_) => return Err(corrupt("REGN: not one entry per entity".into())),
            None => 0..0,
        };
        let n_aliases = (alis.len() / format::ALIAS_SIZE) as u32;
        let storage = Arc::new(storage);
        let keys = fst::Map::new(Bytes {
            storage: storage.clone(),
            range: keys_r,
        })
        .map_err(|e| corrupt(format!("KEYS: {e}")))?;
        // The automaton's own checksum (CRC-32C in its footer), on top of
        // the section's CRC-32: the `fst` crate trusts its bytes and can
        // panic on a malformed node, so a KEYS section that was altered
        // and given a matching CRC-32 must still not reach it.
        keys.as_fst()
            .verify()
            .map_err(|e| corrupt(format!("KEYS: {e}")))?;
        let index = Index {
            storage,
            name: name.clone(),
            strs,
            tags,
            ents,
            alis,
            poff,
            pids,
            gram,
            regn,
            meta,
            keys,
            n_entities,
            n_aliases,
            serial: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        };
        if !trusted {
            index.validate().map_err(corrupt)?;
        }
        Ok(index)
    }

    /// Checks every record and posting against the tables they point into.
    fn validate(&self) -> Result<(), String> {
        let heap = &self.data()[self.strs.clone()];
        let heap_str = std::str::from_utf8(heap)
            .map_err(|e| format!("STRS: invalid UTF-8 at {}", e.valid_up_to()))?;
        let check_ref = |rec: &[u8], at: usize, what: &str, i: u32| -> Result<(), String> {
            let (off, len) = (u32_at(rec, at) as usize, u32_at(rec, at + 4) as usize);
            let end = off
                .checked_add(len)
                .ok_or_else(|| format!("{what} {i}: bad string reference"))?;
            if end > heap.len()
                || !heap_str.is_char_boundary(off)
                || !heap_str.is_char_boundary(end)
            {
                return Err(format!(
                    "{what} {i}: string reference {off}+{len} outside the heap"
                ));
            }
            Ok(())
        };
        let n_tags = self.tags.len() / 8;
        for t in 0..n_tags {
            check_ref(&self.data()[self.tags.start + 8 * t..], 0, "tag", t as u32)?;
        }
        let mut expected_first = 0u64;
        for i in 0..self.n_entities {
            let rec = self.ent_rec(i);
            check_ref(rec, ent::ID, "entity", i)?;
            check_ref(rec, ent::TYPE, "entity", i)?;
            let first = u32_at(rec, ent::FIRST_ALIAS) as u64;
            let count = u32_at(rec, ent::ALIAS_COUNT) as u64;
            let canonical = u32_at(rec, ent::CANONICAL) as u64;
            if first != expected_first || count == 0 || first + count > self.n_aliases as u64 {
                return Err(format!(
                    "entity {i}: alias range {first}+{count} is inconsistent"
                ));
            }
            if canonical < first || canonical >= first + count {
                return Err(format!("entity {i}: canonical alias outside its aliases"));
            }
            let flags = u16_at(rec, ent::FLAGS);
            if flags & !(ent::HAS_PRIOR | ent::HAS_COUNTRY) != 0 {
                return Err(format!("entity {i}: unknown flags {flags:#x}"));
            }
            let cc = &rec[ent::COUNTRY..ent::COUNTRY + 2];
            if flags & ent::HAS_COUNTRY != 0 && !cc.iter().all(u8::is_ascii_uppercase) {
                return Err(format!("entity {i}: country is not two upper-case letters"));
            }
            if self
                .region_rec(i)
                .is_some_and(|r| region_entry(r).is_none())
            {
                return Err(format!("entity {i}: bad region entry"));
            }
            expected_first = first + count;
            if i > 0 && self.entity(i - 1).id() >= self.entity(i).id() {
                return Err(format!("entity {i}: IDs not strictly sorted"));
            }
        }
        if expected_first != self.n_aliases as u64 {
            return Err("alias table has aliases that belong to no entity".into());
        }
        for i in 0..self.n_aliases {
            let rec = self.ali_rec(i);
            check_ref(rec, ali::TEXT, "alias", i)?;
            for at in [ali::LANG, ali::SCRIPT, ali::SCHEME] {
                if u16_at(rec, at) as usize >= n_tags {
                    return Err(format!("alias {i}: tag number out of range"));
                }
            }
            let e = u32_at(rec, ali::ENTITY);
            if e >= self.n_entities {
                return Err(format!("alias {i}: entity {e} out of range"));
            }
            let er = self.ent_rec(e);
            let (first, count) = (u32_at(er, ent::FIRST_ALIAS), u32_at(er, ent::ALIAS_COUNT));
            if i < first || i - first >= count {
                return Err(format!("alias {i}: not within its entity's aliases"));
            }
            if AliasKind::from_code(rec[ali::KIND]).is_none() {
                return Err(format!("alias {i}: unknown kind code {}", rec[ali::KIND]));
            }
        }
        let n_keys = self.keys.len() as u64;
        if (self.poff.len() / 4) as u64 != n_keys + 1 {
            return Err(format!(
                "POFF has {} entries for {n_keys} keys",
                self.poff.len() / 4
            ));
        }
        let n_pids = (self.pids.len() / 4) as u32;
        let mut prev = 0u32;
        for k in 0..=n_keys as usize {
            let o = u32_at(self.data(), self.poff.start + 4 * k);
            if o < prev || o > n_pids || (k == 0 && o != 0) || (k > 0 && o == prev) {
                return Err(format!("POFF entry {k} out of order"));
            }
            prev = o;
        }
        if prev != n_pids {
            return Err("POFF does not cover PIDS".into());
        }
        for p in 0..n_pids as usize {
            if u32_at(self.data(), self.pids.start + 4 * p) >= self.n_aliases {
                return Err(format!("PIDS entry {p} points past the alias table"));
            }
        }
        // Key ordinals must be exactly 0..n in key order. The walk visits
        // every node; a malformed one that got past both checksums (a
        // forged file) makes the `fst` crate panic, which is turned into an
        // error here rather than taking the caller down.
        let walk = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // A depth-first walk of the raw nodes, transitions in byte
            // order: final states come in key order (a key before its
            // extensions), each with its ordinal as the sum of outputs.
            // Several times cheaper than a key stream, which builds every
            // key.
            let fst = self.keys.as_fst();
            let mut expect = 0u64;
            let mut stack: Vec<(fst::raw::Node<'_>, usize, u64)> = Vec::with_capacity(64);
            let root = fst.root();
            if root.is_final() {
                let v = root.final_output().value();
                if v != expect {
                    return Err(format!("KEYS: key {expect} has ordinal {v}"));
                }
                expect += 1;
            }
            stack.push((root, 0, 0));
            while let Some(top) = stack.last_mut() {
                let (node, next, out) = *top;
                if next == node.len() {
                    stack.pop();
                    continue;
                }
                top.1 += 1;
                let t = node.transition(next);
                let out = out.wrapping_add(t.out.value());
                let child = fst.node(t.addr);
                if child.is_final() {
                    let v = out.wrapping_add(child.final_output().value());
                    if v != expect {
                        return Err(format!("KEYS: key {expect} has ordinal {v}"));
                    }
                    expect += 1;
                }
                if !child.is_empty() {
                    if stack.len() > 4096 {
                        return Err("KEYS: implausibly deep automaton".into());
                    }
                    stack.push((child, 0, out));
                }
            }
            if expect != n_keys {
                return Err(format!("KEYS: {expect} keys walked, {n_keys} counted"));
            }
            Ok(())
        }));
        walk.unwrap_or_else(|_| Err("KEYS: malformed automaton".into()))
    }

    /// The checks too slow for every open: every alias is posted under its
    /// own key (and, again, key ordinals run 0, 1, 2 … in key order). `open`
    /// already checked the checksums, every offset and the automaton's walk,
    /// so this finds files that were built wrongly, not damaged ones.
    pub fn verify(&self) -> crate::Result<()> {
        let corrupt = |what: String| Error::CorruptIndex {
            path: self.name.clone(),
            what,
        };
        let mut stream = self.keys.stream();
        let mut expect = 0u64;
        use fst::Streamer;
        while let Some((_, v)) = stream.next() {
            if v != expect {
                return Err(corrupt(format!("KEYS: key {expect} has ordinal {v}")));
            }
            expect += 1;
        }
        let mut key = String::new();
        for a in self.aliases() {
            crate::key::key_into(a.text(), &mut key);
            if key.is_empty() {
                continue;
            }
            let ok = self
                .key_ordinal(key.as_bytes())
                .is_some_and(|ord| self.postings(ord).any(|p| p == a.number()));
            if !ok {
                return Err(corrupt(format!(
                    "alias {} `{}` of {} is not posted under its key",
                    a.number(),
                    a.text(),
                    a.entity().id()
                )));
            }
        }
        Ok(())
    }

    fn data(&self) -> &[u8] {
        self.storage.bytes()
    }

    fn ent_rec(&self, i: u32) -> &[u8] {
        let at = self.ents.start + i as usize * format::ENTITY_SIZE;
        &self.data()[at..at + format::ENTITY_SIZE]
    }

    /// The region-table entry of entity `i`, if the file has a table (see
    /// [`region_entry`]).
    fn region_rec(&self, i: u32) -> Option<&[u8]> {
        if self.regn.is_empty() {
            return None;
        }
        let at = self.regn.start + i as usize * format::REGION_SIZE;
        self.data().get(at..at + format::REGION_SIZE)
    }

    fn ali_rec(&self, i: u32) -> &[u8] {
        let at = self.alis.start + i as usize * format::ALIAS_SIZE;
        &self.data()[at..at + format::ALIAS_SIZE]
    }

    fn str_ref(&self, rec: &[u8], at: usize) -> &str {
        let (off, len) = (u32_at(rec, at) as usize, u32_at(rec, at + 4) as usize);
        let heap = &self.data()[self.strs.clone()];
        heap.get(off..off + len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The bytes of a string reference, not checked for UTF-8 (the
    /// builder only writes `str`s and opening checks them): for output
    /// and comparisons in hot loops. Empty for a reference outside the heap.
    fn str_bytes(&self, rec: &[u8], at: usize) -> &[u8] {
        let (off, len) = (u32_at(rec, at) as usize, u32_at(rec, at + 4) as usize);
        self.data()[self.strs.clone()]
            .get(off..off + len)
            .unwrap_or(b"")
    }

    fn tag(&self, rec: &[u8], at: usize) -> Option<&str> {
        let t = u16_at(rec, at) as usize;
        if t == 0 {
            return None;
        }
        let entry = self
            .data()
            .get(self.tags.start + 8 * t..self.tags.start + 8 * t + 8)?;
        Some(self.str_ref(entry, 0)).filter(|s| !s.is_empty())
    }

    /// Where the index came from (a path, `<memory>` or `<embedded>`).
    pub fn name(&self) -> &Path {
        &self.name
    }

    /// A number unique to this index in the process.
    pub(crate) fn serial(&self) -> u64 {
        self.serial
    }

    /// Number of entities.
    pub fn entity_count(&self) -> u32 {
        self.n_entities
    }

    /// Number of aliases, generated ones included.
    pub fn alias_count(&self) -> u32 {
        self.n_aliases
    }

    /// Number of distinct keys (all namespaces).
    pub fn key_count(&self) -> u64 {
        self.keys.len() as u64
    }

    /// Size of the index in bytes.
    pub fn byte_size(&self) -> usize {
        self.data().len()
    }

    /// The format version.
    pub fn version(&self) -> u32 {
        format::VERSION
    }

    /// The metadata lines (`key`, `value`): builder, sources, counts.
    pub fn metadata(&self) -> impl Iterator<Item = (&str, &str)> {
        let text = std::str::from_utf8(&self.data()[self.meta.clone()]).unwrap_or("");
        text.lines().filter_map(|l| l.split_once('\t'))
    }

    /// The lexicon files the index was built from.
    pub fn sources(&self) -> impl Iterator<Item = &str> {
        self.metadata()
            .filter(|(k, _)| *k == "source")
            .map(|(_, v)| v)
    }

    /// Entity number `i` (`0..entity_count()`); panics if out of range.
    pub fn entity(&self, i: u32) -> EntityRef<'_> {
        assert!(i < self.n_entities, "entity {i} out of range");
        EntityRef { index: self, i }
    }

    /// Alias number `i` (`0..alias_count()`); panics if out of range.
    pub fn alias(&self, i: u32) -> AliasRef<'_> {
        assert!(i < self.n_aliases, "alias {i} out of range");
        AliasRef { index: self, i }
    }

    /// Every entity, sorted by ID.
    pub fn entities(&self) -> impl ExactSizeIterator<Item = EntityRef<'_>> {
        (0..self.n_entities).map(move |i| EntityRef { index: self, i })
    }

    /// Every alias, grouped by entity.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = AliasRef<'_>> {
        (0..self.n_aliases).map(move |i| AliasRef { index: self, i })
    }

    /// The entity with this ID (binary search).
    pub fn entity_by_id(&self, id: &str) -> Option<EntityRef<'_>> {
        let (mut lo, mut hi) = (0u32, self.n_entities);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.entity(mid).id().cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.entity(mid)),
            }
        }
        None
    }

    /// The key automaton (key → ordinal).
    pub fn keys(&self) -> &fst::Map<impl AsRef<[u8]>> {
        &self.keys
    }

    /// The alias numbers posted under key ordinal `ord`.
    pub fn postings(&self, ord: u64) -> impl ExactSizeIterator<Item = u32> + '_ {
        let data = self.data();
        let (start, end) = if ord < self.keys.len() as u64 {
            let at = self.poff.start + 4 * ord as usize;
            (u32_at(data, at) as usize, u32_at(data, at + 4) as usize)
        } else {
            (0, 0)
        };
        let base = self.pids.start;
        (start..end).map(move |p| u32_at(data, base + 4 * p))
    }

    /// The trigram candidate index over plain-key ordinals.
    pub fn grams(&self) -> Option<crate::fuzzy::GramIndex<'_>> {
        crate::fuzzy::GramIndex::view(&self.data()[self.gram.clone()]).ok()
    }

    /// The key with ordinal `ord`, written into `out`.
    pub fn key_of(&self, ord: u64, out: &mut Vec<u8>) -> bool {
        crate::fuzzy::key_of_ordinal(&self.keys, ord, out)
    }

    /// Looks up the ordinal of an exact key.
    pub fn key_ordinal(&self, key: &[u8]) -> Option<u64> {
        self.keys.get(key)
    }

    /// Writes the alias table CSV; generated variants only when `generated`.
    pub fn export_csv<W: std::io::Write>(&self, out: W, generated: bool) -> std::io::Result<()> {
        let mut w = AliasTableWriter::new(out)?;
        for e in self.entities() {
            for a in e.aliases() {
                if a.is_generated() && !generated {
                    continue;
                }
                w.row(&Row {
                    id: e.id(),
                    canonical: e.canonical(),
                    alias: a.text(),
                    etype: e.etype(),
                    lang: a.lang().unwrap_or(""),
                    script: a.script().unwrap_or(""),
                    kind: a.kind(),
                    prior: e.prior(),
                    scheme: a.scheme().unwrap_or(""),
                    country: e.country().unwrap_or(""),
                    region: e.region().unwrap_or(""),
                })?;
            }
        }
        w.finish()
    }

    /// Reads the index back into a [`Lexicon`] (generated variants included
    /// only when `generated`).
    pub fn to_lexicon(&self, generated: bool) -> Lexicon {
        let mut buf = Vec::new();
        let _ = self.export_csv(&mut buf, generated);
        let mut lexicon = Lexicon::new();
        lexicon.read_csv(
            &self.name.display().to_string(),
            &buf[..],
            &Default::default(),
        );
        lexicon
    }
}

/// One entity of an [`Index`].
#[derive(Clone, Copy)]
pub struct EntityRef<'a> {
    index: &'a Index,
    i: u32,
}

impl<'a> EntityRef<'a> {
    /// The entity's number in the index.
    pub fn number(&self) -> u32 {
        self.i
    }
    /// Stable ID.
    pub fn id(&self) -> &'a str {
        self.index.str_ref(self.index.ent_rec(self.i), ent::ID)
    }
    /// Entity type (may be empty).
    pub fn etype(&self) -> &'a str {
        self.index.str_ref(self.index.ent_rec(self.i), ent::TYPE)
    }
    /// Canonical name.
    pub fn canonical(&self) -> &'a str {
        let a = u32_at(self.index.ent_rec(self.i), ent::CANONICAL);
        self.index.alias(a).text()
    }
    /// The canonical name's bytes, not checked for UTF-8 (for printers).
    pub(crate) fn canonical_bytes(&self) -> &'a [u8] {
        let a = u32_at(self.index.ent_rec(self.i), ent::CANONICAL);
        self.index.alias(a).text_bytes()
    }
    /// The ID's bytes, not checked for UTF-8 (for printers).
    pub(crate) fn id_bytes(&self) -> &'a [u8] {
        self.index.str_bytes(self.index.ent_rec(self.i), ent::ID)
    }
    /// Prior (population, prominence), if given.
    pub fn prior(&self) -> Option<f64> {
        let rec = self.index.ent_rec(self.i);
        (u16_at(rec, ent::FLAGS) & ent::HAS_PRIOR != 0).then(|| f64_at(rec, ent::PRIOR))
    }
    /// The ISO 3166-1 alpha-2 code of the country the entity lies in, if given.
    pub fn country(&self) -> Option<&'a str> {
        let rec = self.index.ent_rec(self.i);
        if u16_at(rec, ent::FLAGS) & ent::HAS_COUNTRY == 0 {
            return None;
        }
        // Checked when the index was opened.
        std::str::from_utf8(&rec[ent::COUNTRY..ent::COUNTRY + 2]).ok()
    }
    /// The ISO 3166-2 code of the first-level subdivision the entity lies
    /// in, if given (`US-ME`).
    pub fn region(&self) -> Option<&'a str> {
        region_entry(self.index.region_rec(self.i)?).flatten()
    }
    /// The entity's aliases, canonical name first.
    pub fn aliases(&self) -> impl ExactSizeIterator<Item = AliasRef<'a>> {
        let rec = self.index.ent_rec(self.i);
        let first = u32_at(rec, ent::FIRST_ALIAS);
        let count = u32_at(rec, ent::ALIAS_COUNT);
        let index = self.index;
        (first..first + count).map(move |i| AliasRef { index, i })
    }
}

impl std::fmt::Debug for EntityRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entity")
            .field("id", &self.id())
            .field("type", &self.etype())
            .field("canonical", &self.canonical())
            .finish()
    }
}

/// One alias of an [`Index`].
#[derive(Clone, Copy)]
pub struct AliasRef<'a> {
    index: &'a Index,
    i: u32,
}

impl<'a> AliasRef<'a> {
    fn rec(&self) -> &'a [u8] {
        self.index.ali_rec(self.i)
    }
    /// The alias's number in the index.
    pub fn number(&self) -> u32 {
        self.i
    }
    /// The text as written in the lexicon (or generated).
    pub fn text(&self) -> &'a str {
        self.index.str_ref(self.rec(), ali::TEXT)
    }
    /// The text's bytes, not checked for UTF-8 (for comparisons in hot
    /// loops; the builder only writes `str`s).
    pub(crate) fn text_bytes(&self) -> &'a [u8] {
        self.index.str_bytes(self.rec(), ali::TEXT)
    }
    /// The entity it names.
    pub fn entity(&self) -> EntityRef<'a> {
        EntityRef {
            index: self.index,
            i: u32_at(self.rec(), ali::ENTITY),
        }
    }
    /// Language tag.
    pub fn lang(&self) -> Option<&'a str> {
        self.index.tag(self.rec(), ali::LANG)
    }
    /// Script code.
    pub fn script(&self) -> Option<&'a str> {
        self.index.tag(self.rec(), ali::SCRIPT)
    }
    /// Kind.
    pub fn kind(&self) -> AliasKind {
        AliasKind::from_code(self.rec()[ali::KIND]).unwrap_or(AliasKind::Alias)
    }
    /// The scheme that generated it, for index-time variants.
    pub fn scheme(&self) -> Option<&'a str> {
        self.index.tag(self.rec(), ali::SCHEME)
    }
    /// Whether it was generated at index time.
    pub fn is_generated(&self) -> bool {
        self.scheme().is_some()
    }
}

impl std::fmt::Debug for AliasRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Alias")
            .field("text", &self.text())
            .field("kind", &self.kind())
            .field("scheme", &self.scheme())
            .finish()
    }
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    let mut b = [0u8; 2];
    if let Some(s) = data.get(at..at + 2) {
        b.copy_from_slice(s);
    }
    u16::from_le_bytes(b)
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    let mut b = [0u8; 4];
    if let Some(s) = data.get(at..at + 4) {
        b.copy_from_slice(s);
    }
    u32::from_le_bytes(b)
}

fn u64_at(data: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    if let Some(s) = data.get(at..at + 8) {
        b.copy_from_slice(s);
    }
    u64::from_le_bytes(b)
}

fn f64_at(data: &[u8], at: usize) -> f64 {
    f64::from_bits(u64_at(data, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn index_is_send_sync() {
        assert_send_sync::<Index>();
    }
}
