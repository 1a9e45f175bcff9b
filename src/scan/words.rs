//! Word lists the scanner consults, kept as data under `src/scan/data/`
//! (see `data/README.md` for their sources and licences).
//!
//! Every list is compared against matching keys (see [`crate::key`]), so
//! entries are lower-case and unaccented.

use std::collections::HashMap;
use std::sync::OnceLock;

const COMMON: &str = include_str!("data/common_words.txt");
const STOPWORDS: &str = include_str!("data/stopwords.txt");
const CODE_STOPLIST: &str = include_str!("data/code_stoplist.txt");
const NAME_WORDS: &str = include_str!("data/name_words.txt");
const TITLES: &str = include_str!("data/titles.txt");
const CUES: &str = include_str!("data/cues.tsv");
const DESCRIPTORS: &str = include_str!("data/descriptors.txt");

/// What a context word says about an ambiguous name next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// A state named "<name> … Republic" (`breakaway`, `republics of`).
    Republic,
    /// An administrative region named "<name> <word>" (`oblast`, `region`).
    Region,
    /// A populated place (`residents`, `city`).
    City,
}

/// A context word: its class and tier (lower tiers win).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cue {
    /// What it points to.
    pub class: CueClass,
    /// Priority: 1 (explicit head noun) to 3 (generic word).
    pub tier: u8,
}

pub(crate) struct Lists {
    common: Vec<&'static str>,
    stop: Vec<&'static str>,
    code_stop: Vec<&'static str>,
    names: Vec<&'static str>,
    titles: Vec<&'static str>,
    descriptors: Vec<&'static str>,
    cues: HashMap<&'static str, Cue>,
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
                "city" => CueClass::City,
                _ => continue,
            };
            let tier = tier.trim().parse().unwrap_or(3);
            cues.insert(word, Cue { class, tier });
        }
        Lists {
            common: lines(COMMON),
            stop: lines(STOPWORDS),
            code_stop: lines(CODE_STOPLIST),
            names: lines(NAME_WORDS),
            titles: lines(TITLES),
            descriptors: lines(DESCRIPTORS),
            cues,
        }
    })
}

impl Lists {
    /// An ordinary lower-case English word (`nice`, `split`, `march`).
    pub fn is_common(&self, key: &str) -> bool {
        self.common.binary_search(&key).is_ok()
    }
    /// A function word (`of`, `the`, `us`).
    pub fn is_stopword(&self, key: &str) -> bool {
        self.stop.binary_search(&key).is_ok()
    }
    /// A country code that is never matched in running text (`IT`, `IN`).
    pub fn is_code_stop(&self, key: &str) -> bool {
        self.code_stop.binary_search(&key).is_ok()
    }
    /// A month, weekday or frequent given name.
    pub fn is_name_word(&self, key: &str) -> bool {
        self.names.binary_search(&key).is_ok()
    }
    /// A title before a person's name (`president`, `minister`).
    pub fn is_title(&self, key: &str) -> bool {
        self.titles.binary_search(&key).is_ok()
    }
    /// A generic head noun (`region`, `city`), singular.
    pub fn is_descriptor(&self, key: &str) -> bool {
        self.descriptors.binary_search(&key).is_ok()
    }
    /// The context cue of a word, if any.
    pub fn cue(&self, key: &str) -> Option<Cue> {
        self.cues.get(key).copied()
    }
}

/// Whether `key` (a matching key) is an ordinary lower-case English word in
/// the scanner's common-word list.
pub fn is_common_word(key: &str) -> bool {
    lists().is_common(key)
}
