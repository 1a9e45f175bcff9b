//! Finding mentions of lexicon entities in running text.
//!
//! A [`Scanner`] reads a document (a file, a JSON Lines record, any text) and
//! reports every [`Mention`] of an entity of its [`Index`], however it is
//! spelled, with byte and code-point offsets into the original text.
//!
//! ```
//! use canonym::{Alias, Entity, Index, Lexicon};
//! use canonym::scan::Scanner;
//!
//! let mut lexicon = Lexicon::new();
//! let mut kyiv = Entity::new("geonames:703448", "GPE", "Kyiv");
//! kyiv.add_alias(Alias::new("Kiev"));
//! lexicon.add_entity(kyiv).unwrap();
//! let index = Index::build(&lexicon, &Default::default()).unwrap();
//!
//! let scanner = Scanner::new(&index);
//! let text = "Talks in Kiev[3] and in KYIV’s suburbs.";
//! let found = scanner.scan_str(text);
//! assert_eq!(found.len(), 2);
//! assert_eq!(&text[found[0].byte_start as usize..found[0].byte_end as usize], "Kiev");
//! assert_eq!(&text[found[1].byte_start as usize..found[1].byte_end as usize], "KYIV");
//! assert_eq!(index.entity(found[1].entity).id(), "geonames:703448");
//! ```
//!
//! ## How mentions are found
//!
//! 1. **Tokens** ([`token`](self) module docs): words with byte offsets,
//!    possessives (`Pyongyang’s` → `Pyongyang`), dotted acronyms (`U.S.`),
//!    apostrophes, stress marks, zero-width characters and homoglyphs
//!    handled, each word keyed like [`crate::key()`]. A dot after a
//!    capitalized word of up to three letters ends the sentence unless the
//!    word is an initial, a listed abbreviation (`data/abbreviations.txt`:
//!    `Gen.`, `St.`, `Oct.`) or a region's (`Ala.`): `Bahir Dar. Split`
//!    is two sentences.
//! 2. **Longest match**: from every word, the index's key automaton is walked
//!    over the words' keys joined by single spaces (words separated by spaces,
//!    one line break, hyphens or slashes; never across other punctuation or
//!    a blank line), so `Donetsk People's Republic` wins over `Donetsk`.
//!    Matches do not overlap; the leftmost-longest one wins. A plural last word
//!    (`Luhansk People's Republics`) matches the singular name, except a
//!    generic head noun (`Donetsk and Luhansk regions`); a possessive without
//!    apostrophe (`Russias proxies`) matches the name without the `s`. A match
//!    that runs through a possessive (`Ukraine’s Foreign Ministry`, an alias
//!    of the ministry) is split into the possessor (`Ukraine`) and the rest,
//!    which keeps the long alias's entity. The Arabic article joined by a
//!    hyphen (`Al-Sharaa`, `el-Sisi`) starts the mention of the name after
//!    it, and may be written in lower case before a capitalized name
//!    (`al-Fashir` for `Al-Fashir`), except after another capitalized word
//!    (`Ras al-Ain`, a longer name).
//! 3. **Case policy**, per alias: an `acronym` alias matches only with the
//!    same letters in the same case (`DPR`, `D.P.R.`, not `Dpr`), and one of
//!    two letters naming a town below 10⁶ is weak evidence (`MP`, `BP`); a `code`
//!    only as an all-capitals word in mixed-case text (and never the codes in
//!    `data/code_stoplist.txt`: `IT`, `IN`, …); a lower-case surface never
//!    matches a Latin alias written capitalized in the lexicon (`kiev`,
//!    `us`). A single word that is an ordinary lower-case English word
//!    (`data/common_words.txt`: `Nice`, `Mobile`, `Split`, `March`) needs a
//!    capitalized, not all-capitals surface, and at the start of a sentence it
//!    counts only as weak evidence (below) unless the entity is very large
//!    (prior ≥ 10⁶: `China`, `Turkey`). Function words (`Of`, `The`) never
//!    match alone; months, weekdays and frequent given names
//!    (`data/name_words.txt`) are weak evidence. So are, for one word: a
//!    name that is not the entity's main one inside a longer capitalized run
//!    the lexicon does not know (`Kim` in `Kim Yo-jong`); a Latin-script
//!    name in another language of a town under 10⁶ (`Hamas`, Lithuanian for
//!    Hamm); a name beside a capitalized word no word list or lexicon
//!    knows, joined by spaces (`Ron DeSantis`, `Jordan Bardella`; a month or
//!    weekday is no such word, `on Thursday Israel`), or right
//!    before a person's name (`Karina Milei`); a capitalized ordinary word
//!    naming a small town (prior < 10⁵), a region, or a place that is not
//!    major only by a side name (`Hope`, `Gulf`, `Hunter`); a lower-case
//!    machine romanization of a place under 10⁶ (`atalanta`); several
//!    ordinary words that are only an untagged side name (`White House`, a
//!    name of Casablanca); and a word of at most three letters in capitals
//!    in mixed-case text against a name spelt with lower-case letters (`UN`
//!    is the acronym, not the town `Un`). A code beside an unknown
//!    all-capitals word is part of a name in capitals (`PAK JONG CHON`), not
//!    the code. No mention at all: a name inside a fixed phrase
//!    (`data/fixed_phrases.txt`: `Brent crude`); a name right before a
//!    newspaper's, strait's, company's, club's, cartel's, institute's,
//!    river's, treaty's or event's last word (`data/org_heads.txt`: `Kyiv
//!    Independent`, `Taiwan Strait`, `Newcastle United`, `Korea Institute`,
//!    `Paris Agreement`, `U.S. Open`), unless that word starts a whole name
//!    of several words (`United States`), or two to four words before an
//!    institution's (`data/institutions.txt`: `Moscow State University`,
//!    `Paris Air Show`); a name after
//!    `<Word> of`, where the word begins
//!    an institution's, treaty's or sea's name (`data/org_of.txt`: `Bank of
//!    England`, `University of Georgia`, `Sea of Japan`); a place name
//!    between a title and a capitalized word, or right after such a first
//!    name (`Defense Minister Israel Katz`, `Governor Cláudio Castro`); an
//!    English contraction (`I've` is not the `IVe` arrondissement); a
//!    word right before the Arabic article joined to a capitalized name
//!    (`Bab al-Tabbaneh`); the start of a longer name's demonym (`Papua New
//!    Guineans`); a place one to three capitalized words before a legal
//!    form (`data/legal_forms.txt`: `Asia Pacific Shipping Ltd`; an
//!    organization's name stays, `Toyota Motor Corp`) or a town's before a
//!    lower-case `river` (`the Kosi river`); a person's full name followed
//!    by a capitalized word no list or lexicon knows (`Nitish Kumar
//!    Reddy`: someone else); a side
//!    name read without its final `s` (`Jones` is no plural of `Jone`); and,
//!    for the rest of the document, a small town's name first seen as the
//!    surname of someone the lexicon does not know (`Andy Burnham …
//!    Burnham said`).
//! 4. **Resolution in the document** (see [`DocContext`]), in order:
//!    * a following parenthesized abbreviation that is an alias of one of the
//!      candidates (`Donetsk (DPR)`) picks it and defines the abbreviation;
//!    * a place, a comma and a country or first-level subdivision that one of
//!      its candidates lies in settle both (`Paris, Texas`; `Athens,
//!      Georgia`, the US town and state; `Tbilisi, Georgia`, the country);
//!      among several towns of the name in that country the largest wins (an
//!      entity's `country` is known, its subdivision is not); a region's
//!      abbreviation after the comma (`data/region_abbrevs.tsv`: `Athens,
//!      Ga.`, `London, Ont.`, `Newcastle, NSW`) names the country alone;
//!    * coordination: `Donetsk and Luhansk People's Republics`,
//!      `the Donetsk and Luhansk regions` → the entity named by the first
//!      name plus the shared tail;
//!    * a title before a name (`President Vladimir`) picks a person;
//!    * a town's name right before a region word, after `<region word> of`,
//!      or in `X and Y regions` names the first-level subdivision called
//!      after it, even where the lexicon lists that subdivision only by a
//!      longer name (`Belgorod Governor`, `Kursk region`, `the Samara and
//!      Saratov regions`: the oblasts);
//!    * context words nearby (`data/cues.tsv`: `breakaway`, `oblasts of`,
//!      `governor`, `residents`) pick the republic, the region (a first-level
//!      subdivision by any name, unless a country shares the name and the
//!      word is no office's: `Georgia Gov. Brian Kemp` is the state) or the
//!      city; such a choice is evidence for later mentions only when the
//!      entity's canonical name differs from the surface (`regions of
//!      Donetsk`: the republic, written out by `replace`), so `São Paulo
//!      Governor` makes this mention the state and leaves a later bare `São
//!      Paulo` the city;
//!    * a name with exactly one candidate entity is settled (and becomes
//!      evidence for later mentions);
//!    * otherwise the candidates already mentioned earlier in the document
//!      win (the most mentioned first); `weak` aliases (`North`, `Kim`,
//!      `Foreign Ministry`) and weak evidence count only with such
//!      corroboration, a title, or — for a one-word place name — the
//!      definite article (`the West`), and a first-level subdivision's weak
//!      name only when its country is mentioned; a person's weak name inside an unknown
//!      capitalized run is never corroborated (`Kim Yo-jong` after
//!      `Kim Jong Un` is someone else); in a sports story (two words of
//!      `data/sport_words.txt` or one match score, `2-1`, in the paragraphs
//!      naming a club) a club's short name counts and beats a town's
//!      (`Liverpool beat Arsenal`; a club is an organization with a name
//!      like `Arsenal FC`, `FC Porto` or `… Football Club`); in a business
//!      story (two words of `data/business_words.txt`) a company's short
//!      name counts (`Apple shares rose`; a company has a name ending in a
//!      legal form, `Apple Inc.`, `Shell plc`); an organization's weak name
//!      counts in a document about its `country` (`Democrats`);
//!    * what is left is ranked by prior (population), a place's side name
//!      counting a tenth of it (historical names and romanizations a
//!      twentieth; an official name in another language is a side name, the
//!      canonical name without its accents is not), so a town's own name
//!      beats another town's former one (`Pokrovsk`, `Islamabad`), and
//!      against a place written exactly by its own name a side name in
//!      another language a tenth again (`New Delhi`, not a Fiji Hindi name
//!      of Delhi; `Medina`, English for Madinah, keeps its tenth); a
//!      canonical name abbreviated the usual way (`St.`, `Mt.`, `Ft.`)
//!      counts as the canonical name (`St. Petersburg`); a
//!      normalized rather than exact spelling counts 0.8. People,
//!      organizations and curated places have no prior and rank, by any of
//!      their names, like a place of 10⁶ (`Xinhua` the agency, not the town;
//!      `Duma`, the State Duma); a first-level subdivision ranks like 3·10⁵ when its country
//!      or the document has places in it (`Missouri` the state, not a side
//!      name of Bozeman), else 0. A place's common short name counts as its
//!      name (`Newcastle` for Newcastle upon Tyne, `Frankfurt`), and so does its
//!      name without an administrative head (`Westminster` for City of Westminster).
//!      The document's countries weigh in: each place's weighted prior is
//!      multiplied by `1 + 2 × share`, `share` being the fraction of the
//!      places decided so far in the document (and of this paragraph's
//!      places of one country) that lie in its country, a nationality word
//!      (`data/demonyms.tsv`: `Spanish`, `South Korean`; no mention itself)
//!      counting like a place of its country — a tie-breaker
//!      between towns of like size (`Newcastle` in an English story), too
//!      small to move a bare world city (`Athens` in an American story is
//!      still the Greek capital). For a first-level subdivision, whose prior
//!      is a default, the factor is `1 + 20 × share` (`Georgia` in an
//!      American story is the state). The factor chooses between countries
//!      only: within one country the plain order stands (`Tbilisi` the
//!      city, not its city-region), and a city of 2·10⁵ called by its own
//!      name, or any city of 10⁶, beats the subdivision named after it
//!      (`Valparaíso, Chile's port`, `Porto`, `Kiev`; not the town of
//!      `fighting in Sagaing`). A place listed with another (`from Karachi
//!      to Hyderabad and Larkana`, `Jaén and Córdoba`: a comma, `and`, `or`,
//!      `from … to`) whose country is decided or sure gains a factor 5 in
//!      that country. A context word that picks among subdivisions of
//!      several countries picks the one in the country the document and
//!      the paragraph name most (`the Argentine provinces of Córdoba`).
//!      When no candidate has ten times the weighted prior of the next
//!      (priors as given: the defaults order candidates but never make a
//!      choice decisive), the mention is flagged [`Mention::ambiguous`].
//! 5. **Short forms**: after a person's full name (`Choe Son-hui`), a later
//!    bare surname (`Choe said`) links to it — the last word always, the first
//!    word when the lexicon lists it as the person's alias or the name has
//!    three words (`Kim Jong Un` → `Kim`), unless a capitalized word that is
//!    no title and no match of its own stands right before or after it
//!    (`Hunter Biden`, `Choe Ryong Hae`); a place's name that is such a
//!    surname is the person too (`Luís Montenegro … Montenegro's
//!    government`), unless a place word comes right before it (`in`,
//!    `of`: `flew to Montenegro`); an abbreviation defined in the text
//!    (`Long Name (LN)`) links later `LN`s. A short form used before any full
//!    name is not linked.
//! 6. **Fuzzy mentions** (optional): name-like spans left unmatched
//!    (capitalized runs, words in non-Latin scripts; at most
//!    [`MAX_FUZZY_SPAN_BYTES`] bytes) are offered to a
//!    [`FuzzyResolver`]; by default [`LookupResolver`], i.e.
//!    [`Index::lookup`] under a minimum score, keeping only approximate or
//!    transliterated candidates (exact ones were already judged above).
//!
//! ## Documents, chunks and streaming
//!
//! Evidence flows forward through a document: a mention is resolved with
//! what was seen before it in the same document. [`Scanner::scan_document`]
//! scans one document held in memory. For input too large to hold, split it
//! with [`chunk::Chunker`] (1 MiB chunks cut at blank lines) and call
//! [`Scanner::prepare`] on each chunk (in parallel if you like: it needs no
//! context) and then [`Scanner::resolve`] on the chunks in order with one
//! [`DocContext`] per document. Because mentions never span a blank line and
//! evidence only flows forward, the result is the same as scanning the whole
//! document at once, whatever the chunk size — except where the chunker has
//! to cut a paragraph longer than its maximum chunk (16 MiB by default) at a
//! line break or a space, which then acts like a paragraph break (a name
//! spanning it is not found).
//!
//! Invalid UTF-8 is never an error here: the valid stretches are scanned,
//! invalid bytes act as punctuation and are counted in the [`ScanReport`].

pub mod chunk;
mod matcher;
mod resolve;
mod token;
mod vocab;
pub mod words;

use crate::index::Index;
use crate::lookup::{Candidate, LookupOptions, Method, Scratch};
use std::collections::HashMap;
use std::fmt;

pub use chunk::{ChunkOptions, Chunker};
use matcher::{Cand, Raw};
use token::Tokens;

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionMethod {
    /// The surface is an alias, byte for byte.
    Exact,
    /// The surface's key equals an alias's key.
    Normalized,
    /// Through a romanization (a generated variant).
    Translit,
    /// Through the fuzzy resolver.
    Fuzzy,
    /// By phonetic key, through the fuzzy resolver.
    Phonetic,
    /// A short form of a name seen earlier in the document (`Choe` after
    /// `Choe Son-hui`).
    Context,
    /// An abbreviation defined earlier in the document.
    Abbreviation,
}

impl MentionMethod {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionMethod::Exact => "exact",
            MentionMethod::Normalized => "normalized",
            MentionMethod::Translit => "translit",
            MentionMethod::Fuzzy => "fuzzy",
            MentionMethod::Phonetic => "phonetic",
            MentionMethod::Context => "context",
            MentionMethod::Abbreviation => "abbreviation",
        }
    }
}

impl fmt::Display for MentionMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Method> for MentionMethod {
    fn from(m: Method) -> Self {
        match m {
            Method::Exact => MentionMethod::Exact,
            Method::Normalized => MentionMethod::Normalized,
            Method::Translit => MentionMethod::Translit,
            Method::Fuzzy => MentionMethod::Fuzzy,
            Method::Phonetic => MentionMethod::Phonetic,
        }
    }
}

/// One mention of an entity in a document.
///
/// Offsets count from the start of the document: bytes, and code points
/// (an invalid UTF-8 byte counts as one code point, as Python's
/// `surrogateescape` decoding does). Ends are exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mention {
    /// First byte.
    pub byte_start: u64,
    /// Byte after the last.
    pub byte_end: u64,
    /// First code point.
    pub start: u64,
    /// Code point after the last.
    pub end: u64,
    /// Entity number in the index (`index.entity(m.entity)`).
    pub entity: u32,
    /// The alias that matched (`index.alias(m.alias)`); for short forms and
    /// abbreviations, the entity's canonical alias.
    pub alias: u32,
    /// Confidence in [0, 1].
    pub score: f64,
    /// How it was found.
    pub method: MentionMethod,
    /// Whether other entities were about as likely and the choice fell to
    /// the priors.
    pub ambiguous: bool,
}

impl Mention {
    /// `start` and `end` of a mention from [`Scanner::resolve_bytes`],
    /// which does not count code points.
    pub const NO_CHARS: u64 = u64::MAX;
}

/// What the scanner found wrong with the input (it never fails).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanReport {
    /// Number of bytes that are not valid UTF-8 (passed through untouched).
    pub invalid_bytes: u64,
    /// Document byte offset of the first invalid byte.
    pub first_invalid: Option<u64>,
}

impl ScanReport {
    /// Adds another report (of a later chunk of the same input).
    pub fn merge(&mut self, other: &ScanReport) {
        self.invalid_bytes += other.invalid_bytes;
        if self.first_invalid.is_none() {
            self.first_invalid = other.first_invalid;
        }
    }
}

/// Resolves a name-like span that exact matching did not cover. The hook for
/// approximate matching; implementations must be deterministic.
pub trait FuzzyResolver: Send + Sync {
    /// The best candidate for `span`, if any is good enough.
    fn resolve(&self, index: &Index, span: &str, scratch: &mut Scratch) -> Option<Candidate>;
}

/// The default [`FuzzyResolver`]: [`Index::lookup_into`] with a minimum
/// score, keeping only candidates found approximately or through a
/// romanization, of aliases that allow approximate matching.
#[derive(Clone, Debug)]
pub struct LookupResolver {
    /// Candidates scoring below this are ignored.
    pub min_score: f64,
}

/// The default minimum score of a fuzzy mention: one cheap romanization
/// edit in a long name passes (`Kharkow`, `Zelenskiyy`), a plain typo in a
/// short word does not.
pub const DEFAULT_FUZZY_MIN_SCORE: f64 = 0.78;

impl Default for LookupResolver {
    fn default() -> Self {
        LookupResolver {
            min_score: DEFAULT_FUZZY_MIN_SCORE,
        }
    }
}

impl FuzzyResolver for LookupResolver {
    fn resolve(&self, index: &Index, span: &str, scratch: &mut Scratch) -> Option<Candidate> {
        // Edit-distance candidates only (no phonetic or trigram stage), and
        // each distinct span looked up once per thread.
        let opts = LookupOptions {
            top: 2,
            min_score: self.min_score,
            fuzzy: true,
            wide: false,
        };
        let best = index.lookup_best_cached(span, &opts, scratch)?;
        let approximate = matches!(
            best.method,
            Method::Fuzzy | Method::Phonetic | Method::Translit
        );
        (approximate && !best.ambiguous && index.alias(best.alias).kind().allows_fuzzy())
            .then_some(best)
    }
}

/// Name-like spans longer than this (in bytes) are not offered to the
/// [`FuzzyResolver`]: no name is that long, and approximate matching costs
/// grow with the span (a megabyte-long "word" would otherwise be romanized
/// and compared whole). Exact matching has no length limit.
pub const MAX_FUZZY_SPAN_BYTES: usize = 256;

/// Scanner settings.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    /// Mentions scoring below this are dropped.
    pub min_score: f64,
    /// At most this many words in one name.
    pub max_words: usize,
    /// At most this many words in a span offered to the fuzzy resolver.
    pub max_fuzzy_words: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            min_score: 0.0,
            max_words: 32,
            max_fuzzy_words: 4,
        }
    }
}

/// Finds mentions of an index's entities. Cheap to create; share one between
/// threads (`Sync`), with one [`ScanScratch`] per thread.
pub struct Scanner<'i> {
    index: &'i Index,
    opts: ScanOptions,
    /// Whether some key starts with a digit (else numbers start no name).
    digit_keys: bool,
    fuzzy: Option<Box<dyn FuzzyResolver + 'i>>,
}

type Fast = std::hash::BuildHasherDefault<words::WordHasher>;

/// Evidence gathered in a document so far; carried from chunk to chunk.
/// Start a new one (`DocContext::default()`) for every document.
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    /// Entity → number of settled mentions so far.
    facts: HashMap<u32, u32, Fast>,
    /// Short-form key → the person last named in full by it, and whether
    /// another person named before shares it (`Clinton` after both
    /// Clintons: reported as ambiguous).
    short: HashMap<Vec<u8>, (u32, bool), Fast>,
    /// Abbreviation key → entity.
    abbrev: HashMap<Vec<u8>, u32, Fast>,
    /// Keys of abbreviations the text defined for a name the lexicon does
    /// not know (`Caspian Pipeline Consortium (CPC)`): no mentions.
    unknown_abbrev: std::collections::HashSet<Vec<u8>, Fast>,
    /// Country → places in it mentioned so far whose country is sure:
    /// what the document is about, for places that share a name.
    countries: CountryCounts,
    /// The sum of `countries`.
    country_mentions: u32,
    /// Countries named so far (the country itself, chosen without doubt,
    /// however: `Taiwan` decided by prior over the PRC's claimed province
    /// names Taiwan all the same).
    named_countries: CountryCounts,
    /// Keys of words read as surnames of people the lexicon does not know
    /// (`Burnham` after `Andy Burnham`): no places in this document.
    person_words: std::collections::HashSet<Vec<u8>, Fast>,
    /// Words of sports reporting and match scores counted so far (in the
    /// paragraphs that named a club; see `data/sport_words.txt`).
    sport: u32,
    /// Words of business reporting counted so far (in the paragraphs that
    /// named a company; see `data/business_words.txt`).
    business: u32,
    /// Bytes of the document before the next chunk.
    byte_base: u64,
    /// Code points of the document before the next chunk.
    char_base: u64,
}

/// Counts by ISO 3166-1 alpha-2 code: one slot per pair of letters.
#[derive(Clone, Debug, Default)]
pub(crate) struct CountryCounts(Vec<u32>);

impl CountryCounts {
    fn slot(cc: [u8; 2]) -> Option<usize> {
        let (a, b) = (cc[0].wrapping_sub(b'A'), cc[1].wrapping_sub(b'A'));
        (a < 26 && b < 26).then_some(a as usize * 26 + b as usize)
    }
    /// The count of `cc`.
    pub(crate) fn get(&self, cc: [u8; 2]) -> u32 {
        Self::slot(cc)
            .and_then(|i| self.0.get(i))
            .copied()
            .unwrap_or(0)
    }
    /// Adds one to `cc`.
    pub(crate) fn add(&mut self, cc: [u8; 2]) {
        if let Some(i) = Self::slot(cc) {
            if self.0.is_empty() {
                self.0.resize(26 * 26, 0);
            }
            self.0[i] += 1;
        }
    }
}

impl DocContext {
    /// A context for a new document.
    pub fn new() -> DocContext {
        DocContext::default()
    }
    /// Bytes of the document resolved so far.
    pub fn bytes_seen(&self) -> u64 {
        self.byte_base
    }
    /// Forgets the evidence of the stories before (a dateline opens a new
    /// one), keeping the place in the document.
    pub(crate) fn new_story(&mut self) {
        let (byte_base, char_base) = (self.byte_base, self.char_base);
        *self = DocContext {
            byte_base,
            char_base,
            ..DocContext::default()
        };
    }
}

/// One chunk after tokenizing and matching: everything but the
/// document-dependent decisions. Reusable.
#[derive(Default, Debug)]
pub struct Prepared {
    tokens: Tokens,
    raws: Vec<Raw>,
    cands: Vec<Cand>,
    /// Valid UTF-8 stretches (byte ranges of the chunk).
    runs: Vec<(u32, u32)>,
    /// The capitalized nationality words (`Spanish`), as token numbers.
    demonyms: Vec<u32>,
    len: u64,
    chars: u64,
    invalid: u64,
    first_invalid: Option<u32>,
    fin: matcher::Finals,
}

impl Prepared {
    /// An empty prepared chunk.
    pub fn new() -> Prepared {
        Prepared::default()
    }
    /// Number of bytes that were not valid UTF-8.
    pub fn invalid_bytes(&self) -> u64 {
        self.invalid
    }
}

/// Per-thread reusable buffers.
#[derive(Default, Debug)]
pub struct ScanScratch {
    prepared: Prepared,
    res: resolve::ResolveScratch,
}

impl ScanScratch {
    /// Empty buffers.
    pub fn new() -> ScanScratch {
        ScanScratch::default()
    }
}

impl<'i> Scanner<'i> {
    /// A scanner with default options and no fuzzy resolver.
    pub fn new(index: &'i Index) -> Scanner<'i> {
        Scanner::with_options(index, ScanOptions::default())
    }

    /// A scanner with these options.
    pub fn with_options(index: &'i Index, opts: ScanOptions) -> Scanner<'i> {
        let root = index.keys().as_fst().root();
        let digit_keys = (b'0'..=b'9').any(|b| root.find_input(b).is_some());
        Scanner {
            index,
            opts,
            digit_keys,
            fuzzy: None,
        }
    }

    /// Offers name-like spans that exact matching left to `resolver`.
    pub fn with_fuzzy(mut self, resolver: Box<dyn FuzzyResolver + 'i>) -> Scanner<'i> {
        self.fuzzy = Some(resolver);
        self
    }

    /// The index.
    pub fn index(&self) -> &'i Index {
        self.index
    }

    /// The options.
    pub fn options(&self) -> &ScanOptions {
        &self.opts
    }

    /// Scans one document held in memory and collects its mentions.
    pub fn scan_str(&self, text: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        self.scan_document(text.as_bytes(), &mut ScanScratch::new(), |m| out.push(*m));
        out
    }

    /// Scans one whole document (bytes, UTF-8 or not), calling `sink` with
    /// each mention in text order.
    pub fn scan_document(
        &self,
        bytes: &[u8],
        scratch: &mut ScanScratch,
        mut sink: impl FnMut(&Mention),
    ) -> ScanReport {
        let mut ctx = DocContext::new();
        let ScanScratch { prepared, res } = scratch;
        self.prepare(bytes, prepared);
        self.resolve_with(bytes, prepared, &mut ctx, res, true, &mut sink)
    }

    /// Tokenizes and matches one chunk (no document context needed: run
    /// chunks in parallel). `bytes` must start at a paragraph boundary of
    /// its document (see [`chunk::Chunker`]).
    pub fn prepare(&self, bytes: &[u8], out: &mut Prepared) {
        out.tokens.toks.clear();
        out.tokens.keys.clear();
        if out.tokens.vocab.len() >= vocab::VOCAB_MAX {
            out.tokens.vocab.clear();
        }
        out.raws.clear();
        out.cands.clear();
        out.runs.clear();
        out.demonyms.clear();
        out.len = bytes.len() as u64;
        out.invalid = 0;
        out.first_invalid = None;
        let mut chars = 0u64;
        let mut rest = bytes;
        let mut at = 0usize;
        let mut first = true;
        while !rest.is_empty() {
            let (valid, bad) = match std::str::from_utf8(rest) {
                Ok(s) => (s, 0),
                Err(e) => {
                    let v = e.valid_up_to();
                    let bad = e.error_len().unwrap_or(rest.len() - v);
                    (std::str::from_utf8(&rest[..v]).unwrap_or(""), bad)
                }
            };
            if !valid.is_empty() {
                let base = at as u32;
                token::tokenize(valid, base, first, &mut out.tokens);
                out.runs.push((base, base + valid.len() as u32));
                chars += valid.chars().count() as u64;
            }
            first = false;
            at += valid.len();
            if bad > 0 {
                if out.first_invalid.is_none() {
                    out.first_invalid = Some(at as u32);
                }
                out.invalid += bad as u64;
                chars += bad as u64;
                at += bad;
            }
            rest = &bytes[at..];
        }
        out.chars = chars;
        matcher::find(self, bytes, out);
    }

    /// Resolves a prepared chunk with the document's context, calling `sink`
    /// with each mention in text order; advances the context past the chunk.
    /// Chunks of one document must be resolved in order.
    pub fn resolve(
        &self,
        bytes: &[u8],
        prepared: &Prepared,
        ctx: &mut DocContext,
        scratch: &mut ScanScratch,
        mut sink: impl FnMut(&Mention),
    ) -> ScanReport {
        self.resolve_with(bytes, prepared, ctx, &mut scratch.res, true, &mut sink)
    }

    /// [`Scanner::resolve`] for callers that read only byte offsets: the
    /// mentions are the same, but their code-point offsets are not counted
    /// and `start` and `end` are both [`Mention::NO_CHARS`]. The context
    /// still advances past the chunk's code points, so [`Scanner::resolve`]
    /// on the next chunk counts right.
    pub fn resolve_bytes(
        &self,
        bytes: &[u8],
        prepared: &Prepared,
        ctx: &mut DocContext,
        scratch: &mut ScanScratch,
        mut sink: impl FnMut(&Mention),
    ) -> ScanReport {
        self.resolve_with(bytes, prepared, ctx, &mut scratch.res, false, &mut sink)
    }

    fn resolve_with(
        &self,
        bytes: &[u8],
        prepared: &Prepared,
        ctx: &mut DocContext,
        res: &mut resolve::ResolveScratch,
        chars: bool,
        sink: &mut dyn FnMut(&Mention),
    ) -> ScanReport {
        let report = ScanReport {
            invalid_bytes: prepared.invalid,
            first_invalid: prepared.first_invalid.map(|x| ctx.byte_base + x as u64),
        };
        resolve::resolve(self, bytes, prepared, ctx, res, chars, sink);
        ctx.byte_base += prepared.len;
        ctx.char_base += prepared.chars;
        report
    }
}
