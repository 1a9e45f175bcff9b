//! Word lists the scanner consults, kept as data under `src/scan/data/`
//! (see `data/README.md` for their sources and licences).
//!
//! Every list is compared against matching keys (see [`crate::key()`]), so
//! entries are lower-case and unaccented.

use std::collections::HashMap;
use std::sync::OnceLock;

const COMMON: &str = include_str!("data/common_words.txt");
const RARE: &str = include_str!("data/rare_words.txt");
const CYRILLIC_COMMON: &str = include_str!("data/cyrillic_common.txt");
const GROUP_PLURALS: &str = include_str!("data/group_plurals.txt");
const STOPWORDS: &str = include_str!("data/stopwords.txt");
const CODE_STOPLIST: &str = include_str!("data/code_stoplist.txt");
const NAME_WORDS: &str = include_str!("data/name_words.txt");
const TITLES: &str = include_str!("data/titles.txt");
const CUES: &str = include_str!("data/cues.tsv");
const DESCRIPTORS: &str = include_str!("data/descriptors.txt");
const ORG_HEADS: &str = include_str!("data/org_heads.txt");
const ORG_OF: &str = include_str!("data/org_of.txt");
const INSTITUTIONS: &str = include_str!("data/institutions.txt");
const ORG_BEFORE: &str = include_str!("data/org_before.txt");
const MONTHS: &str = include_str!("data/months.txt");
const LEGAL_FORMS: &str = include_str!("data/legal_forms.txt");
const WEEKDAYS: &str = include_str!("data/weekdays.txt");
const ABBREVIATIONS: &str = include_str!("data/abbreviations.txt");
const DEMONYMS: &str = include_str!("data/demonyms.tsv");
const REGION_ABBREVS: &str = include_str!("data/region_abbrevs.tsv");
const GIVEN_NAMES: &str = include_str!("data/given_names.txt");
const KO_PARTICLES: &str = include_str!("data/ko_particles.txt");
const PERSON_PLACES: &str = include_str!("data/person_places.txt");
const COMPOUND_SUFFIXES: &str = include_str!("data/compound_suffixes.txt");
const LOWER_HEADS: &str = include_str!("data/lower_heads.txt");
const FIXED_PHRASES: &str = include_str!("data/fixed_phrases.txt");
const SPORT_WORDS: &str = include_str!("data/sport_words.txt");
const BUSINESS_WORDS: &str = include_str!("data/business_words.txt");
const NONLATIN_COUNTRIES: &str = include_str!("data/nonlatin_countries.txt");

/// What a context word says about an ambiguous name next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// A state named `<name> … Republic` (`breakaway`, `republics of`).
    Republic,
    /// An administrative region named `<name> <word>` (`oblast`, `region`).
    Region,
    /// The office of a first-level subdivision (`governor`): like
    /// [`CueClass::Region`], and a subdivision even when a country shares
    /// its name (`Georgia Gov. Brian Kemp`: no country has a governor).
    Office,
    /// A populated place (`residents`, `city`).
    City,
    /// A sovereign state (`the country of Georgia`).
    Country,
}

/// A context word: its class and tier (lower tiers win).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// What it points to.
    pub class: CueClass,
    /// Priority: 1 (explicit head noun) to 3 (generic word).
    pub tier: u8,
}

fn lines(text: &'static str) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Bits of a word's classes.
pub(crate) mod class {
    pub const COMMON: u64 = 1;
    pub const STOP: u64 = 2;
    pub const CODE_STOP: u64 = 4;
    pub const NAME: u64 = 8;
    pub const TITLE: u64 = 16;
    pub const DESCRIPTOR: u64 = 32;
    pub const ORG_HEAD: u64 = 64;
    /// `Bank` in `Bank of England`: see `data/org_of.txt`.
    pub const ORG_OF: u64 = 128;
    /// `University` in `Moscow State University`: see
    /// `data/institutions.txt`.
    pub const INSTITUTION: u64 = 256;
    /// `Nick` in `Nick Burnham`: see `data/given_names.txt`.
    pub const GIVEN: u64 = 512;
    /// `Airport` after `John F. Kennedy International`: see
    /// `data/person_places.txt`.
    pub const PERSON_AFTER: u64 = 1024;
    /// `USS` before `Ronald Reagan`: see `data/person_places.txt`.
    pub const PERSON_BEFORE: u64 = 2048;
    /// `led` in `Kim-led`: see `data/compound_suffixes.txt`.
    pub const COMPOUND_SUFFIX: u64 = 4096;
    /// `river` in `the Dnipro river`: see `data/lower_heads.txt`.
    pub const LOWER_HEAD: u64 = 8192;
    /// `crude` in `Brent crude`: a word of a phrase of
    /// `data/fixed_phrases.txt`.
    pub const PHRASE_WORD: u64 = 16384;
    /// `striker`, `league`: see `data/sport_words.txt`.
    pub const SPORT: u64 = 32768;
    /// `shares`, `earnings`: see `data/business_words.txt`.
    pub const BUSINESS: u64 = 65536;
    /// `Bank` in `Bank Indonesia`: see `data/org_before.txt`.
    pub const ORG_BEFORE: u64 = 131072;
    /// `March`, `Oct` after a dateline's place: see `data/months.txt`.
    pub const MONTH: u64 = 262144;
    /// `Ltd`, `Corp` ending a company's name: see `data/legal_forms.txt`.
    pub const LEGAL_FORM: u64 = 524288;
    /// `Monday`: see `data/weekdays.txt`.
    pub const WEEKDAY: u64 = 1048576;
    /// `Gen`, `St` written with a dot inside a sentence: see
    /// `data/abbreviations.txt`.
    pub const ABBREV: u64 = 2097152;
    /// The last word of a nationality word (`Spanish`, `south korean`):
    /// see `data/demonyms.tsv`.
    pub const DEMONYM: u64 = 4194304;
    /// An ordinary word rare in writing (`wales`, `chevron`): see
    /// `data/rare_words.txt`.
    pub const RARE: u64 = 8388608;
    /// A plural for a group of people or a market word (`officials`,
    /// `shares`): see `data/group_plurals.txt`.
    pub const GROUP_PLURAL: u64 = 16777216;
    /// A Russian or Ukrainian ordinary word that is also a one-word name
    /// (`data/cyrillic_common.txt`: `курган`, `того`, `суми`).
    pub const CYR_COMMON: u64 = 33554432;
}

/// A small, fast, non-cryptographic hasher for short words (a
/// multiply-rotate hash in the style of rustc's FxHasher).
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    // Integers in one round each (the default would feed their bytes one
    // by one through `write`).
    #[inline]
    fn write_u64(&mut self, n: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(K);
    }
    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
    #[inline]
    fn write_u16(&mut self, n: u16) {
        self.write_u64(n as u64);
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n as u64);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<V> = HashMap<&'static str, V, std::hash::BuildHasherDefault<WordHasher>>;

pub(crate) struct Lists {
    /// Word → class bits, one table for every list.
    words: WordMap<u64>,
    cues: HashMap<&'static str, Cue>,
    /// Region abbreviation, lower-case without dots → (country, written
    /// with a dot).
    region_abbrevs: HashMap<String, RegionAbbrev>,
    /// The phrases of `data/fixed_phrases.txt`, word by word.
    phrases: Vec<Vec<&'static str>>,
    /// Nationality word (one or two words) → country code.
    demonyms: HashMap<&'static str, [u8; 2]>,
    /// The first words of the two-word nationality words (`south`).
    demonym_firsts: Vec<&'static str>,
}

/// A region abbreviation written after a town and a comma (`Ga.`, `Ont.`).
#[derive(Clone, Copy, Debug)]
pub struct RegionAbbrev {
    /// The region's country (ISO 3166-1 alpha-2).
    pub country: [u8; 2],
    /// Written with a dot (`Ga.`), not in capitals (`NSW`).
    pub dotted: bool,
    /// The region's ISO 3166-2 code, where the list gives it.
    pub region: Option<&'static str>,
}

pub(crate) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut cues = HashMap::new();
        for line in lines(CUES) {
            let mut cols = line.split('\t');
            let (Some(word), Some(class), Some(tier)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let class = match class {
                "republic" => CueClass::Republic,
                "region" => CueClass::Region,
                "office" => CueClass::Office,
                "city" => CueClass::City,
                "country" => CueClass::Country,
                _ => continue,
            };
            let tier = tier.trim().parse().unwrap_or(3);
            cues.insert(word, Cue { class, tier });
        }
        let mut all: WordMap<u64> = WordMap::default();
        for (text, bit) in [
            (COMMON, class::COMMON),
            (RARE, class::RARE),
            (GROUP_PLURALS, class::GROUP_PLURAL),
            (STOPWORDS, class::STOP),
            (CODE_STOPLIST, class::CODE_STOP),
            (NAME_WORDS, class::NAME),
            (TITLES, class::TITLE),
            (DESCRIPTORS, class::DESCRIPTOR),
            (ORG_HEADS, class::ORG_HEAD),
            (ORG_OF, class::ORG_OF),
            (INSTITUTIONS, class::INSTITUTION),
            (ORG_BEFORE, class::ORG_BEFORE),
            (MONTHS, class::MONTH),
            (LEGAL_FORMS, class::LEGAL_FORM),
            (WEEKDAYS, class::WEEKDAY),
            (ABBREVIATIONS, class::ABBREV),
            (GIVEN_NAMES, class::GIVEN),
            (COMPOUND_SUFFIXES, class::COMPOUND_SUFFIX),
            (LOWER_HEADS, class::LOWER_HEAD),
            (SPORT_WORDS, class::SPORT),
            (BUSINESS_WORDS, class::BUSINESS),
        ] {
            for w in lines(text) {
                *all.entry(w).or_insert(0) |= bit;
            }
        }
        // (Keyed here: the list holds dictionary spellings, `й`, `ї`.)
        for w in lines(CYRILLIC_COMMON) {
            let k: &'static str = Box::leak(crate::key::key(w).into_boxed_str());
            *all.entry(k).or_insert(0) |= class::CYR_COMMON;
        }
        for line in lines(PERSON_PLACES) {
            let (word, bit) = match line.split_once('\t') {
                Some(("after", w)) => (w.trim(), class::PERSON_AFTER),
                Some(("before", w)) => (w.trim(), class::PERSON_BEFORE),
                _ => continue,
            };
            *all.entry(word).or_insert(0) |= bit;
        }
        let phrases: Vec<Vec<&'static str>> = lines(FIXED_PHRASES)
            .into_iter()
            .map(|l| l.split(' ').filter(|w| !w.is_empty()).collect())
            .filter(|p: &Vec<&str>| p.len() > 1)
            .collect();
        for w in phrases.iter().flatten() {
            *all.entry(w).or_insert(0) |= class::PHRASE_WORD;
        }
        let mut demonyms = HashMap::new();
        let mut demonym_firsts = Vec::new();
        for line in lines(DEMONYMS) {
            let Some((word, cc)) = line.split_once('\t') else {
                continue;
            };
            let cc = cc.trim().as_bytes();
            if cc.len() != 2 {
                continue;
            }
            let last = word.rsplit(' ').next().unwrap_or(word);
            if let Some((first, _)) = word.split_once(' ') {
                if !demonym_firsts.contains(&first) {
                    demonym_firsts.push(first);
                }
            }
            *all.entry(last).or_insert(0) |= class::DEMONYM;
            demonyms.insert(word, [cc[0], cc[1]]);
        }
        let mut region_abbrevs = HashMap::new();
        for line in lines(REGION_ABBREVS) {
            let mut cols = line.split('\t');
            let (Some(abbrev), Some(cc)) = (cols.next(), cols.next()) else {
                continue;
            };
            let code = cc.trim();
            let cc = code.as_bytes();
            if !(cc.len() == 2 || crate::lexicon::valid_region(code)) {
                continue;
            }
            let region = (cc.len() > 2).then_some(code);
            let key: String = abbrev
                .chars()
                .filter(|c| *c != '.')
                .flat_map(char::to_lowercase)
                .collect();
            region_abbrevs.insert(
                key,
                RegionAbbrev {
                    country: [cc[0], cc[1]],
                    dotted: abbrev.ends_with('.'),
                    region,
                },
            );
        }
        Lists {
            words: all,
            cues,
            region_abbrevs,
            phrases,
            demonyms,
            demonym_firsts,
        }
    })
}

impl Lists {
    /// The [`class`] bits of a word.
    pub(crate) fn classes(&self, key: &str) -> u64 {
        self.words.get(key).copied().unwrap_or(0)
    }
    /// An ordinary lower-case English word (`nice`, `split`, `march`).
    pub fn is_common(&self, key: &str) -> bool {
        self.classes(key) & class::COMMON != 0
    }
    /// A function word (`of`, `the`, `us`).
    pub fn is_stopword(&self, key: &str) -> bool {
        self.classes(key) & class::STOP != 0
    }
    /// A country code that is never matched in running text (`IT`, `IN`).
    pub fn is_code_stop(&self, key: &str) -> bool {
        self.classes(key) & class::CODE_STOP != 0
    }
    /// A generic head noun (`region`, `city`), singular.
    pub fn is_descriptor(&self, key: &str) -> bool {
        self.classes(key) & class::DESCRIPTOR != 0
    }
    /// The fixed phrases that mention no entity (`Brent crude`), word by
    /// word.
    pub(crate) fn fixed_phrases(&self) -> &[Vec<&'static str>] {
        &self.phrases
    }
    /// The context cue of a word, if any.
    pub fn cue(&self, key: &str) -> Option<Cue> {
        self.cues.get(key).copied()
    }
    /// What a region abbreviation stands for (`data/region_abbrevs.tsv`;
    /// `key` lower-case without dots).
    pub fn region_abbrev(&self, key: &str) -> Option<RegionAbbrev> {
        self.region_abbrevs.get(key).copied()
    }
    /// The country a nationality word names (`spanish`, `south korean`;
    /// `data/demonyms.tsv`).
    pub fn demonym(&self, key: &str) -> Option<[u8; 2]> {
        self.demonyms.get(key).copied()
    }
    /// Whether `key` starts a nationality word of two words (`south`).
    pub fn demonym_first(&self, key: &str) -> bool {
        self.demonym_firsts.contains(&key)
    }
}

/// Whether a Latin-script name in language `lang` of a place in country
/// `cc` (ISO 3166-1 alpha-2) is only another romanization: the country
/// writes its places' names in another script, and the language writes
/// them as English does (`data/nonlatin_countries.txt`).
pub(crate) fn romanization_only(cc: &str, lang: &str) -> bool {
    static C: OnceLock<(Vec<&'static str>, Vec<&'static str>)> = OnceLock::new();
    let (countries, langs) = C.get_or_init(|| {
        let (langs, countries): (Vec<&str>, Vec<&str>) = lines(NONLATIN_COUNTRIES)
            .into_iter()
            .partition(|l| l.starts_with("lang "));
        let langs = langs.iter().map(|l| l["lang ".len()..].trim()).collect();
        (countries, langs)
    });
    countries.binary_search(&cc).is_ok() && langs.contains(&lang)
}

/// A regnal number or generation after a name (`II`, `XIV`, `Jr`), as a
/// key.
pub(crate) fn is_name_suffix(key: &str) -> bool {
    matches!(key, "jr" | "sr")
        || (key.len() >= 2
            && key.len() <= 5
            && key.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')))
}

/// The Korean particles of `data/ko_particles.txt`, longest first.
fn ko_particles() -> &'static [&'static str] {
    static P: OnceLock<Vec<&'static str>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v = lines(KO_PARTICLES);
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        v
    })
}

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// The length in bytes of a Korean particle ending `word` (`은` in
/// `백악관은`), or 0: `word` is all Hangul syllables and keeps at least two
/// before the particle. The same for a word and its key (keys keep Hangul
/// syllables as they are).
pub(crate) fn particle_len(word: &[u8]) -> usize {
    // (Hangul syllables are three bytes, starting 0xEA..=0xED.)
    if word.len() < 9 || word[word.len() - 1] < 0x80 {
        return 0;
    }
    let Ok(w) = std::str::from_utf8(word) else {
        return 0;
    };
    if !w.chars().all(is_hangul_syllable) {
        return 0;
    }
    for p in ko_particles() {
        if w.len() >= p.len() + 6 && w.ends_with(p) {
            return p.len();
        }
    }
    0
}

/// The stem of a Cyrillic or Greek word's matching key: without the
/// longest case ending of Russian, Ukrainian and Greek names (see
/// [`crate::translit::inflect`]) that leaves three letters or more
/// (`захаровои` and `захарова` → `захаров`; `трампом` → `трамп`;
/// `μητσοτακη` → `μητσοτακ`). `None` for a key not all Cyrillic or all
/// Greek.
pub(crate) fn inflected_stem(key: &[u8]) -> Option<&[u8]> {
    static ENDINGS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    let w = std::str::from_utf8(key).ok()?;
    let all_in = |lo: u32, hi: u32| w.chars().all(|c| (lo..=hi).contains(&(c as u32)));
    if w.is_empty() || !(all_in(0x400, 0x4FF) || all_in(0x370, 0x3FF)) {
        return None;
    }
    let endings = ENDINGS.get_or_init(|| {
        let mut v: Vec<Vec<u8>> = crate::translit::inflect::endings()
            .into_iter()
            .map(|e| crate::key::key(e).into_bytes())
            .filter(|e| !e.is_empty())
            .collect();
        v.sort_by_key(|e| std::cmp::Reverse(e.len()));
        v.dedup();
        v
    });
    // (Cyrillic letters are two bytes each.)
    let stem = endings
        .iter()
        .find(|e| key.ends_with(e) && key.len() >= e.len() + 6)
        .map_or(key, |e| &key[..key.len() - e.len()]);
    Some(stem)
}

/// Whether `key` (a matching key) is an ordinary lower-case English word in
/// the scanner's common-word list.
pub fn is_common_word(key: &str) -> bool {
    lists().is_common(key)
}

#[cfg(test)]
mod tests {
    use super::inflected_stem;
    use crate::key::key;

    #[test]
    fn case_forms_share_a_stem() {
        let stem = |w: &str| inflected_stem(key(w).as_bytes()).map(|s| s.to_vec());
        for (a, b) in [
            ("Захарова", "Захаровой"),
            ("Трамп", "Трампом"),
            ("Путин", "Путину"),
            ("Зеленський", "Зеленського"),
            ("Μητσοτάκης", "Μητσοτάκη"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        // Short words keep three letters; Latin keys have no stem.
        assert_eq!(stem("Ын"), Some(key("Ын").into_bytes()));
        assert_eq!(inflected_stem(b"trump"), None);
    }
}
