//! Compiling a lexicon into index bytes.
//!
//! The builder sorts entities by ID, puts each entity's canonical name first
//! among its aliases, lets the variant generator add index-time variants
//! (romanizations, acronyms), computes every alias's matching key, and writes
//! the sections described in [`super::format`].

use super::format::{self, ali, ent, tag};
use crate::error::Error;
use crate::key::key_into;
use crate::lexicon::{Entity, Lexicon};
use std::collections::HashMap;

/// How an index is built.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Add index-time variants (romanizations of non-Latin aliases, acronyms).
    pub variants: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions { variants: true }
    }
}

/// Counts reported after a build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildStats {
    /// Entities in the index.
    pub entities: u64,
    /// Aliases in the index, generated ones included.
    pub aliases: u64,
    /// Aliases generated at index time.
    pub generated: u64,
    /// Distinct matching keys.
    pub keys: u64,
    /// Keys shared by more than one entity.
    pub collisions: u64,
    /// Aliases whose key is empty (only punctuation): they cannot match.
    pub empty_keys: u64,
    /// Size of the index in bytes.
    pub bytes: u64,
}

/// A key shared by several entities: ambiguity, reported as a warning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    /// The matching key.
    pub key: String,
    /// The IDs of the entities that share it.
    pub ids: Vec<String>,
}

/// Hook for index-time variant generation; see [`crate::index::variants`].
pub type VariantFn = fn(&mut Entity);

/// Compiles `lexicon` into the bytes of an index file.
pub fn build_bytes(lexicon: &Lexicon, opts: &BuildOptions) -> crate::Result<(Vec<u8>, BuildStats)> {
    let entities = prepare(lexicon, opts);
    encode(&entities, lexicon.sources())
}

/// The entities as they will be stored: sorted by ID, variants added.
pub fn prepare(lexicon: &Lexicon, opts: &BuildOptions) -> Vec<Entity> {
    let mut entities: Vec<Entity> = lexicon.entities().to_vec();
    entities.sort_by(|a, b| a.id.cmp(&b.id));
    for e in &mut entities {
        // The canonical name is always the first alias.
        if let Some(pos) = e.aliases.iter().position(|a| a.text == e.canonical) {
            if pos != 0 {
                let a = e.aliases.remove(pos);
                e.aliases.insert(0, a);
            }
        }
        if opts.variants {
            super::variants::add_variants(e);
        }
    }
    entities
}

/// Every key shared by more than one entity, sorted by key.
pub fn collisions(entities: &[Entity]) -> Vec<Collision> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let mut buf = String::new();
    for (i, e) in entities.iter().enumerate() {
        for a in &e.aliases {
            key_into(&a.text, &mut buf);
            if buf.is_empty() {
                continue;
            }
            let v = by_key.entry(buf.clone()).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let mut out: Vec<Collision> = by_key
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(key, v)| Collision {
            key,
            ids: v.into_iter().map(|i| entities[i].id.clone()).collect(),
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

/// Interns strings into the heap.
struct Heap<'a> {
    bytes: Vec<u8>,
    seen: HashMap<&'a str, (u32, u32)>,
}

impl<'a> Heap<'a> {
    fn add(&mut self, s: &'a str) -> crate::Result<(u32, u32)> {
        if s.is_empty() {
            return Ok((0, 0));
        }
        if let Some(&r) = self.seen.get(s) {
            return Ok(r);
        }
        let off = u32::try_from(self.bytes.len())
            .ok()
            .filter(|o| o.checked_add(s.len() as u32).is_some())
            .ok_or_else(|| Error::Fst("string heap exceeds 4 GiB".into()))?;
        self.bytes.extend_from_slice(s.as_bytes());
        let r = (off, s.len() as u32);
        self.seen.insert(s, r);
        Ok(r)
    }
}

/// Numbers the small repeated strings (language, script, scheme).
struct Tags<'a> {
    refs: Vec<(u32, u32)>,
    seen: HashMap<&'a str, u16>,
}

impl<'a> Tags<'a> {
    fn add(&mut self, heap: &mut Heap<'a>, s: &'a str) -> crate::Result<u16> {
        if s.is_empty() {
            return Ok(0);
        }
        if let Some(&t) = self.seen.get(s) {
            return Ok(t);
        }
        let t = u16::try_from(self.refs.len()).map_err(|_| {
            Error::Fst("more than 65535 distinct language, script and scheme tags".into())
        })?;
        self.refs.push(heap.add(s)?);
        self.seen.insert(s, t);
        Ok(t)
    }
}

fn put_u16(buf: &mut [u8], at: usize, v: u16) {
    buf[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(buf: &mut [u8], at: usize, v: u32) {
    buf[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn put_ref(buf: &mut [u8], at: usize, r: (u32, u32)) {
    put_u32(buf, at, r.0);
    put_u32(buf, at + 4, r.1);
}

/// Encodes prepared entities (sorted by ID, canonical first) into index bytes.
pub fn encode(entities: &[Entity], sources: &[String]) -> crate::Result<(Vec<u8>, BuildStats)> {
    let mut stats = BuildStats {
        entities: entities.len() as u64,
        ..BuildStats::default()
    };
    let mut heap = Heap {
        bytes: Vec::new(),
        seen: HashMap::new(),
    };
    let mut tags = Tags {
        refs: vec![(0, 0)],
        seen: HashMap::new(),
    };
    let n_aliases: usize = entities.iter().map(|e| e.aliases.len()).sum();
    let too_many = || Error::Fst("more than 2^32 aliases".into());
    u32::try_from(n_aliases).map_err(|_| too_many())?;
    let mut ents = vec![0u8; entities.len() * format::ENTITY_SIZE];
    let mut regions = vec![0u8; entities.len() * format::REGION_SIZE];
    let mut alis = vec![0u8; n_aliases * format::ALIAS_SIZE];
    let mut pairs: Vec<(String, u32)> = Vec::with_capacity(n_aliases);
    let mut key = String::new();
    let mut alias_no = 0usize;
    for (ei, e) in entities.iter().enumerate() {
        let rec = &mut ents[ei * format::ENTITY_SIZE..(ei + 1) * format::ENTITY_SIZE];
        put_ref(rec, ent::ID, heap.add(&e.id)?);
        put_ref(rec, ent::TYPE, heap.add(&e.etype)?);
        put_u32(rec, ent::CANONICAL, alias_no as u32);
        put_u32(rec, ent::FIRST_ALIAS, alias_no as u32);
        put_u32(rec, ent::ALIAS_COUNT, e.aliases.len() as u32);
        let mut flags = 0u16;
        if let Some(p) = e.prior {
            flags |= ent::HAS_PRIOR;
            rec[ent::PRIOR..ent::PRIOR + 8].copy_from_slice(&p.to_le_bytes());
        }
        if let Some(cc) = e.country.as_deref() {
            // (Checked by the lexicon; an unchecked code is left out.)
            if crate::lexicon::valid_country(cc) {
                flags |= ent::HAS_COUNTRY;
                rec[ent::COUNTRY..ent::COUNTRY + 2].copy_from_slice(cc.as_bytes());
            }
        }
        put_u16(rec, ent::FLAGS, flags);
        if let Some(r) = e.region.as_deref() {
            // (Checked by the lexicon against the country; an unchecked
            // code is left out.)
            if crate::lexicon::region_problem(Some(r), e.country.as_deref()).is_none() {
                let rec = &mut regions[ei * format::REGION_SIZE..(ei + 1) * format::REGION_SIZE];
                rec[0] = r.len() as u8;
                rec[1..1 + r.len()].copy_from_slice(r.as_bytes());
            }
        }
        for a in &e.aliases {
            let rec = &mut alis[alias_no * format::ALIAS_SIZE..(alias_no + 1) * format::ALIAS_SIZE];
            put_ref(rec, ali::TEXT, heap.add(&a.text)?);
            put_u32(rec, ali::ENTITY, ei as u32);
            put_u16(
                rec,
                ali::LANG,
                tags.add(&mut heap, a.lang.as_deref().unwrap_or(""))?,
            );
            put_u16(
                rec,
                ali::SCRIPT,
                tags.add(&mut heap, a.script.as_deref().unwrap_or(""))?,
            );
            put_u16(
                rec,
                ali::SCHEME,
                tags.add(&mut heap, a.scheme.as_deref().unwrap_or(""))?,
            );
            rec[ali::KIND] = a.kind.code();
            if a.is_generated() {
                stats.generated += 1;
            }
            key_into(&a.text, &mut key);
            if key.is_empty() {
                stats.empty_keys += 1;
            } else {
                pairs.push((key.clone(), alias_no as u32));
                if let Some(extra) = super::variants::extra_keys(&key, a) {
                    pairs.push((extra, alias_no as u32));
                }
            }
            alias_no += 1;
        }
    }
    stats.aliases = n_aliases as u64;
    pairs.sort_unstable();
    pairs.dedup();

    let mut grams = crate::fuzzy::GramIndexBuilder::new();
    let mut fst_builder = fst::MapBuilder::memory();
    let mut poff: Vec<u8> = Vec::new();
    let mut pids: Vec<u8> = Vec::with_capacity(pairs.len() * 4);
    let mut ordinal = 0u64;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        poff.extend_from_slice(&((pids.len() / 4) as u32).to_le_bytes());
        let mut first_entity = None;
        let mut shared = false;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            let a = pairs[j].1;
            pids.extend_from_slice(&a.to_le_bytes());
            let e = u32::from_le_bytes(
                alis[a as usize * format::ALIAS_SIZE + ali::ENTITY..][..4]
                    .try_into()
                    .unwrap_or_default(),
            );
            match first_entity {
                None => first_entity = Some(e),
                Some(f) if f != e => shared = true,
                _ => {}
            }
            j += 1;
        }
        if shared && pairs[i].0.as_bytes()[0] != format::PHONETIC_PREFIX {
            stats.collisions += 1;
        }
        if pairs[i].0.as_bytes()[0] != format::PHONETIC_PREFIX {
            grams.add(&pairs[i].0, ordinal as u32);
        }
        fst_builder
            .insert(pairs[i].0.as_bytes(), ordinal)
            .map_err(|e| Error::Fst(e.to_string()))?;
        ordinal += 1;
        i = j;
    }
    poff.extend_from_slice(&((pids.len() / 4) as u32).to_le_bytes());
    stats.keys = ordinal;
    let grams = grams.finish();
    let keys = fst_builder
        .into_inner()
        .map_err(|e| Error::Fst(e.to_string()))?;

    let mut meta = String::new();
    meta.push_str(&format!("builder\tcanonym {}\n", env!("CARGO_PKG_VERSION")));
    for s in sources {
        meta.push_str(&format!("source\t{}\n", s.replace(['\t', '\n'], " ")));
    }
    meta.push_str(&format!(
        "entities\t{}\naliases\t{}\ngenerated\t{}\nkeys\t{}\ncollisions\t{}\n",
        stats.entities, stats.aliases, stats.generated, stats.keys, stats.collisions
    ));

    let tag_bytes: Vec<u8> = tags
        .refs
        .iter()
        .flat_map(|&(o, l)| o.to_le_bytes().into_iter().chain(l.to_le_bytes()))
        .collect();
    let sections: [([u8; 4], &[u8]); 10] = [
        (tag::META, meta.as_bytes()),
        (tag::STRS, &heap.bytes),
        (tag::TAGS, &tag_bytes),
        (tag::ENTS, &ents),
        (tag::ALIS, &alis),
        (tag::KEYS, &keys),
        (tag::POFF, &poff),
        (tag::PIDS, &pids),
        (tag::GRAM, &grams),
        (tag::REGN, &regions),
    ];
    let bytes = assemble(&sections);
    stats.bytes = bytes.len() as u64;
    Ok((bytes, stats))
}

/// Lays out header, section table and sections.
fn assemble(sections: &[([u8; 4], &[u8])]) -> Vec<u8> {
    let table_len = sections.len() * format::SECTION_ENTRY_SIZE;
    let mut offset = format::align8(format::HEADER_SIZE + table_len);
    let mut table = Vec::with_capacity(table_len);
    for (tag, data) in sections {
        table.extend_from_slice(tag);
        table.extend_from_slice(&crc32fast::hash(data).to_le_bytes());
        table.extend_from_slice(&(offset as u64).to_le_bytes());
        table.extend_from_slice(&(data.len() as u64).to_le_bytes());
        table.extend_from_slice(&0u64.to_le_bytes());
        offset = format::align8(offset + data.len());
    }
    let mut out = Vec::with_capacity(offset);
    out.extend_from_slice(format::MAGIC);
    out.extend_from_slice(&format::VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&table).to_le_bytes());
    out.resize(format::HEADER_SIZE, 0);
    out.extend_from_slice(&table);
    for (_, data) in sections {
        out.resize(format::align8(out.len()), 0);
        out.extend_from_slice(data);
    }
    out.resize(format::align8(out.len()), 0);
    let len = out.len() as u64;
    out[format::FILE_LEN_AT..format::FILE_LEN_AT + 8].copy_from_slice(&len.to_le_bytes());
    out
}
