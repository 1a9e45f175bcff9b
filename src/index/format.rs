//! The on-disk layout of an index file (version 1). All integers are
//! little-endian; every section starts at a multiple of 8.
//!
//! ```text
//! header (64 bytes)
//!   0  magic        b"CANONYM\0"
//!   8  version      u32
//!  12  sections     u32   number of entries in the section table
//!  16  table_crc    u32   CRC-32 of the section table
//!  20  file_len     u64   total size of the file (catches truncation)
//!  28  reserved     36 zero bytes
//! section table (sections × 32 bytes)
//!   tag [u8; 4], crc32 u32, offset u64, len u64, reserved u64
//! sections
//!   META  UTF-8 lines `key<TAB>value`: builder, sources, counts
//!   STRS  string heap: every string (IDs, names, tags) once, UTF-8
//!   ENTS  entity records, sorted by ID (ENTITY_SIZE bytes each)
//!   TAGS  tag table: (offset u32, length u32) into STRS for the small
//!         repeated strings (language, script, scheme); tag 0 is empty
//!   ALIS  alias records, grouped by entity (ALIAS_SIZE bytes each)
//!   KEYS  fst::Map: matching key → key ordinal (0, 1, 2, … in key order)
//!   POFF  u32 × (keys + 1): start of each key's postings in PIDS
//!   PIDS  u32 alias numbers, the postings of every key in key order
//!   GRAM  trigram candidate index over the ordinals of plain keys
//!         (format in `crate::fuzzy` grams)
//!   REGN  optional: REGION_SIZE bytes per entity, in entity order: the
//!         length of its ISO 3166-2 region code (0: none), then the code
//!         in ASCII, zero-padded (`5 US-ME 0 0`). Indexes without it have
//!         no regions.
//! ```
//!
//! Keys live in namespaces told apart by their first byte: a plain matching
//! key starts with a letter or digit; phonetic keys start with
//! [`PHONETIC_PREFIX`].

/// First eight bytes of every index file.
pub const MAGIC: &[u8; 8] = b"CANONYM\0";
/// Format version written by this build and the only one it reads.
pub const VERSION: u32 = 1;
/// Size of the fixed header.
pub const HEADER_SIZE: usize = 64;
/// Offset of the total file length in the header.
pub const FILE_LEN_AT: usize = 20;
/// Size of one section-table entry.
pub const SECTION_ENTRY_SIZE: usize = 32;
/// Size of one entity record.
pub const ENTITY_SIZE: usize = 40;
/// Size of one entry of the optional region table (`REGN`).
pub const REGION_SIZE: usize = 8;
/// Size of one alias record.
pub const ALIAS_SIZE: usize = 20;
/// First byte of keys in the phonetic namespace.
pub const PHONETIC_PREFIX: u8 = 0x01;

/// Section tags.
pub mod tag {
    /// Metadata lines.
    pub const META: [u8; 4] = *b"META";
    /// String heap.
    pub const STRS: [u8; 4] = *b"STRS";
    /// Entity records.
    pub const ENTS: [u8; 4] = *b"ENTS";
    /// Tag table.
    pub const TAGS: [u8; 4] = *b"TAGS";
    /// Alias records.
    pub const ALIS: [u8; 4] = *b"ALIS";
    /// Key automaton.
    pub const KEYS: [u8; 4] = *b"KEYS";
    /// Postings offsets.
    pub const POFF: [u8; 4] = *b"POFF";
    /// Postings (alias numbers).
    pub const PIDS: [u8; 4] = *b"PIDS";
    /// Trigram candidate index.
    pub const GRAM: [u8; 4] = *b"GRAM";
    /// Region codes of the entities (optional).
    pub const REGN: [u8; 4] = *b"REGN";
    /// The sections every version-1 index has, in file order.
    pub const REQUIRED: [[u8; 4]; 9] = [META, STRS, TAGS, ENTS, ALIS, KEYS, POFF, PIDS, GRAM];
}

/// Entity record layout (byte offsets inside the record).
pub mod ent {
    /// ID string: offset u32, length u32.
    pub const ID: usize = 0;
    /// Type string: offset u32, length u32.
    pub const TYPE: usize = 8;
    /// Alias number of the canonical name: u32.
    pub const CANONICAL: usize = 16;
    /// First alias number: u32.
    pub const FIRST_ALIAS: usize = 20;
    /// Number of aliases: u32.
    pub const ALIAS_COUNT: usize = 24;
    /// Flags: u16 (bit 0: has a prior; bit 1: has a country).
    pub const FLAGS: usize = 28;
    /// Country: two ASCII upper-case letters (ISO 3166-1 alpha-2), set when
    /// the flags say so.
    pub const COUNTRY: usize = 30;
    /// Prior: f64.
    pub const PRIOR: usize = 32;
    /// Flag bit: the prior field is set.
    pub const HAS_PRIOR: u16 = 1;
    /// Flag bit: the country field is set.
    pub const HAS_COUNTRY: u16 = 2;
}

/// Alias record layout (byte offsets inside the record).
pub mod ali {
    /// Alias text: offset u32, length u32.
    pub const TEXT: usize = 0;
    /// Entity number: u32.
    pub const ENTITY: usize = 8;
    /// Language tag: u16 tag number (0: none).
    pub const LANG: usize = 12;
    /// Script code: u16 tag number (0: none).
    pub const SCRIPT: usize = 14;
    /// Generating scheme: u16 tag number (0: not generated).
    pub const SCHEME: usize = 16;
    /// Kind code: u8.
    pub const KIND: usize = 18;
    /// Flags: u8 (reserved).
    pub const FLAGS: usize = 19;
}

/// Rounds `n` up to a multiple of 8.
pub fn align8(n: usize) -> usize {
    (n + 7) & !7
}
