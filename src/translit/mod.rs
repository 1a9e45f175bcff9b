//! Transliteration: the spellings a non-Latin name takes in Latin letters.
//!
//! Names reach an index in many romanizations: *Луганськ* is *Luhansk*
//! (Ukrainian national system), *Luhans’k* (BGN/PCGN 1965) and, through its
//! Russian spelling *Луганск*, *Lugansk* (press); *최선희* is *Choe Son Hui*
//! (DPRK media), *Ch'oe Sŏn-hŭi* (McCune–Reischauer) and *Choe Seonhui*
//! (Revised Romanization). This module romanizes text under named, cited
//! [`Scheme`]s and lists every romanization of a name for indexing
//! ([`variants`]).
//!
//! ```
//! use canonym::translit::{translit, variants, Scheme};
//!
//! assert_eq!(translit("Луганськ", "uk", Scheme::UkNational), "Luhansk");
//! assert_eq!(translit("Харьков", "ru", Scheme::RuPress), "Kharkov");
//! assert_eq!(translit("종로", "ko", Scheme::KoRr), "jongno");
//! assert_eq!(translit("Αθήνα", "el", Scheme::ElElot743), "Athina");
//! let v = variants("최선희", None);
//! assert!(v.iter().any(|v| v.text == "Choe Son Hui"));
//! ```
//!
//! ## Text
//!
//! [`translit`] romanizes whole text: letters of the scheme's script are
//! romanized, everything else passes through unchanged (Latin letters,
//! digits, punctuation, spaces), except letters of other non-Latin scripts,
//! which get the generic [`Scheme::Fallback`] (`any_ascii`) so no non-Latin
//! letter is left. Capitalization follows the input (Луганськ → Luhansk,
//! ЛУГАНСЬК → LUHANSK, Щука → Shchuka). Before a Cyrillic or Greek word is
//! romanized, combining stress accents are dropped (Донба́сс), decomposed
//! letters are composed (и + U+0306 → й) and a Latin look-alike inside the
//! word is read as its twin (Харькoв with a Latin o).
//!
//! Hangul text is romanized as running text (place names and words, lower
//! case: 신라 → silla); personal names get their own conventions through
//! [`translit_name`] (최선희 → Choe Son Hui under [`Scheme::KoDprk`]).
//!
//! ## Rule tables
//!
//! The rules are data, in the TSV files of `src/translit/data/`, compiled in
//! with `include_str!` and parsed once. Each file's header cites its standard
//! and describes its format:
//!
//! * alphabet tables (`ru_*.tsv`, `uk_*.tsv`, `be_*`, `bg_*`, `sr_*`, `mk_*`,
//!   `el_*`, `acronym*.tsv`): `source<TAB>target[<TAB>context]` in lower case;
//!   the longest matching source wins, then the first line whose context
//!   (`word_start`, `word_end`, `after:SET`, `before:SET`, negated with `!`)
//!   holds;
//! * Korean: `ko_jamo.tsv` (jamo order of the Unicode syllable algorithm),
//!   `ko_sound_changes.tsv` (assimilation between syllables), `ko_words.tsv`
//!   (pronunciation exceptions), one table of jamo values per scheme, and
//!   `ko_surnames.tsv` (surnames and their conventional spellings);
//! * `compose.tsv`, `homoglyphs.tsv`, `scripts.tsv`, `function_words.tsv`.
//!
//! `SCHEMES.md` beside this file lists the schemes, their standards and what
//! each approximates.

mod engine;
pub mod inflect;
mod korean;
mod script;

use std::collections::HashSet;
use std::fmt;

/// A romanization scheme: one standard (or documented practice) for one
/// language or purpose. [`Scheme::name`] gives its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// Russian, BGN/PCGN 1947 with the disambiguating middle dot (`ru-bgn-pcgn`).
    RuBgnPcgn,
    /// Russian, BGN/PCGN 1947 without the middle dot (`ru-bgn-pcgn-alt`).
    RuBgnPcgnAlt,
    /// Russian, English-language press practice: Kiev, Kharkov, Yevgeny, Sergei (`ru-press`).
    RuPress,
    /// Russian, English Wikipedia's romanization: Kiyev, Yevgeny, Sergey (`ru-wikipedia`).
    RuWikipedia,
    /// Cyrillic, ICAO Doc 9303 (passports) (`ru-icao`).
    RuIcao,
    /// Cyrillic, ISO 9:1995 = GOST 7.79-2000 System A (`ru-iso9`).
    RuIso9,
    /// Russian, GOST 7.79-2000 System B, ASCII only (`ru-iso9-b`).
    RuIso9B,
    /// Russian, scholarly (scientific) transliteration (`ru-scholarly`).
    RuScholarly,
    /// Russian, ALA-LC with diacritics and ligature ties (`ru-ala-lc`).
    RuAlaLc,
    /// Russian, ALA-LC without diacritics (`ru-ala-lc-alt`).
    RuAlaLcAlt,
    /// Ukrainian, national system of 2010 (`uk-national`).
    UkNational,
    /// Ukrainian, BGN/PCGN 1965 (`uk-bgn-pcgn`).
    UkBgnPcgn,
    /// Belarusian, national system (2007 instruction) (`be-national`).
    BeNational,
    /// Bulgarian, official Streamlined System (2009 law) (`bg-official`).
    BgOfficial,
    /// Serbian, the official Latin alphabet (`sr-latin`).
    SrLatin,
    /// Macedonian, official romanization (`mk-latin`).
    MkLatin,
    /// Korean, Revised Romanization with its sound changes (`ko-rr`).
    KoRr,
    /// Korean, Revised Romanization letter by letter (`ko-rr-translit`).
    KoRrTranslit,
    /// Korean, McCune–Reischauer with breves and apostrophes (`ko-mr`).
    KoMr,
    /// Korean, McCune–Reischauer without diacritics (`ko-mr-plain`).
    KoMrPlain,
    /// Korean, DPRK official-media practice (`ko-dprk`).
    KoDprk,
    /// Korean spellings of foreign names read back into Latin letters
    /// (`ko-loan`).
    KoLoan,
    /// Greek, ELOT 743 / UN (`el-elot743`).
    ElElot743,
    /// All-capital abbreviations letter by letter: ДНР → DNR (`acronym`).
    Acronym,
    /// Any script, through `any_ascii` (`fallback`).
    Fallback,
}

#[derive(Clone, Copy)]
enum Kind {
    Alphabet(&'static str),
    Korean(&'static str),
    Acronym,
    Fallback,
}

struct Info {
    scheme: Scheme,
    name: &'static str,
    lang: Option<&'static str>,
    script: Option<&'static str>,
    kind: Kind,
    standard: &'static str,
}

const fn info(
    scheme: Scheme,
    name: &'static str,
    lang: Option<&'static str>,
    script: Option<&'static str>,
    kind: Kind,
    standard: &'static str,
) -> Info {
    Info {
        scheme,
        name,
        lang,
        script,
        kind,
        standard,
    }
}

const CYRL: Option<&str> = Some("Cyrl");

/// One entry per scheme, in the order of the enum (checked by a test).
const INFO: &[Info] = &[
    info(Scheme::RuBgnPcgn, "ru-bgn-pcgn", Some("ru"), CYRL, Kind::Alphabet("ru_bgn_pcgn.tsv"),
        "BGN/PCGN 1947 System for Russian (US Board on Geographic Names / UK Permanent Committee on Geographical Names), with the optional middle dot"),
    info(Scheme::RuBgnPcgnAlt, "ru-bgn-pcgn-alt", Some("ru"), CYRL, Kind::Alphabet("ru_bgn_pcgn_alt.tsv"),
        "BGN/PCGN 1947 System for Russian, without the optional middle dot"),
    info(Scheme::RuPress, "ru-press", Some("ru"), CYRL, Kind::Alphabet("ru_press.tsv"),
        "English-language press practice (wire services): Wikipedia's romanization with -ie- kept (Kiev) and final -ei/-ai (Sergei, Nikolai); a documented usage, not a published standard"),
    info(Scheme::RuWikipedia, "ru-wikipedia", Some("ru"), CYRL, Kind::Alphabet("ru_wikipedia.tsv"),
        "Wikipedia:Romanization of Russian (English Wikipedia's simplified BGN/PCGN), as specified by the iuliia project's `wikipedia` schema"),
    info(Scheme::RuIcao, "ru-icao", Some("ru"), CYRL, Kind::Alphabet("ru_icao.tsv"),
        "ICAO Doc 9303, Machine Readable Travel Documents, Part 3 (7th ed., 2015), transliteration of Cyrillic characters"),
    info(Scheme::RuIso9, "ru-iso9", Some("ru"), CYRL, Kind::Alphabet("ru_iso9.tsv"),
        "ISO 9:1995 Transliteration of Cyrillic characters into Latin characters = GOST 7.79-2000 System A"),
    info(Scheme::RuIso9B, "ru-iso9-b", Some("ru"), CYRL, Kind::Alphabet("ru_iso9_b.tsv"),
        "GOST 7.79-2000 System B (ASCII transliteration of Russian)"),
    info(Scheme::RuScholarly, "ru-scholarly", Some("ru"), CYRL, Kind::Alphabet("ru_scholarly.tsv"),
        "Scholarly (scientific) transliteration of Cyrillic, the system of Slavic linguistics"),
    info(Scheme::RuAlaLc, "ru-ala-lc", Some("ru"), CYRL, Kind::Alphabet("ru_ala_lc.tsv"),
        "ALA-LC Romanization Tables: Russian (Library of Congress, 2012), with diacritics and ligature ties"),
    info(Scheme::RuAlaLcAlt, "ru-ala-lc-alt", Some("ru"), CYRL, Kind::Alphabet("ru_ala_lc_alt.tsv"),
        "ALA-LC Romanization Tables: Russian (Library of Congress, 2012), without diacritics or ties"),
    info(Scheme::UkNational, "uk-national", Some("uk"), CYRL, Kind::Alphabet("uk_national.tsv"),
        "Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27 January 2010 (national transliteration system)"),
    info(Scheme::UkBgnPcgn, "uk-bgn-pcgn", Some("uk"), CYRL, Kind::Alphabet("uk_bgn_pcgn.tsv"),
        "BGN/PCGN 1965 System for Ukrainian"),
    info(Scheme::BeNational, "be-national", Some("be"), CYRL, Kind::Alphabet("be_national.tsv"),
        "Instruction on transliteration of Belarusian geographical names with letters of the Latin script (Belarus, 2000, revised 2007; UNGEGN)"),
    info(Scheme::BgOfficial, "bg-official", Some("bg"), CYRL, Kind::Alphabet("bg_official.tsv"),
        "Bulgarian Transliteration Act, State Gazette No. 19/2009 (Streamlined System)"),
    info(Scheme::SrLatin, "sr-latin", Some("sr"), CYRL, Kind::Alphabet("sr_latin.tsv"),
        "Serbian Latin alphabet (Gaj), the letter-for-letter counterpart of Serbian Cyrillic"),
    info(Scheme::MkLatin, "mk-latin", Some("mk"), CYRL, Kind::Alphabet("mk_latin.tsv"),
        "Official romanization of Macedonian (UNGEGN, 2012)"),
    info(Scheme::KoRr, "ko-rr", Some("ko"), Some("Hang"), Kind::Korean("ko_rr.tsv"),
        "Revised Romanization of Korean (Ministry of Culture and Tourism Notice No. 2000-8), transcription with the Standard Pronunciation sound changes"),
    info(Scheme::KoRrTranslit, "ko-rr-translit", Some("ko"), Some("Hang"), Kind::Korean("ko_rr_translit.tsv"),
        "Revised Romanization of Korean (Notice No. 2000-8), transliteration clause (ch. 3 §8): letter by letter"),
    info(Scheme::KoMr, "ko-mr", Some("ko"), Some("Hang"), Kind::Korean("ko_mr.tsv"),
        "McCune–Reischauer (1939), as in the South Korean official system of 1984–2000"),
    info(Scheme::KoMrPlain, "ko-mr-plain", Some("ko"), Some("Hang"), Kind::Korean("ko_mr_plain.tsv"),
        "McCune–Reischauer (1939) without breves and apostrophes"),
    info(Scheme::KoDprk, "ko-dprk", Some("ko"), Some("Hang"), Kind::Korean("ko_dprk.tsv"),
        "DPRK romanization (Pyongyang, 1992) as written by DPRK official media (KCNA)"),
    info(Scheme::KoLoan, "ko-loan", Some("ko"), Some("Hang"), Kind::Korean("ko_loan.tsv"),
        "The Korean loanword orthography (Notice 85-11, 1986) read backwards: Hangul spellings of foreign names to the Latin letters they stand for"),
    info(Scheme::ElElot743, "el-elot743", Some("el"), Some("Grek"), Kind::Alphabet("el_elot743.tsv"),
        "ELOT 743:1982 transcription as adopted by the UN (1987), with the context rules for αυ ευ ηυ, μπ ντ γκ"),
    info(Scheme::Acronym, "acronym", None, None, Kind::Acronym,
        "Letter-by-letter romanization of Cyrillic and Greek abbreviations (press practice; BGN/PCGN and ELOT 743 letter values without positional rules)"),
    info(Scheme::Fallback, "fallback", None, None, Kind::Fallback,
        "any_ascii 0.3 (Unicode to ASCII, every script)"),
];

impl Scheme {
    /// Every scheme, grouped by language.
    pub const ALL: &'static [Scheme] = &[
        Scheme::RuBgnPcgn,
        Scheme::RuBgnPcgnAlt,
        Scheme::RuPress,
        Scheme::RuWikipedia,
        Scheme::RuIcao,
        Scheme::RuIso9,
        Scheme::RuIso9B,
        Scheme::RuScholarly,
        Scheme::RuAlaLc,
        Scheme::RuAlaLcAlt,
        Scheme::UkNational,
        Scheme::UkBgnPcgn,
        Scheme::BeNational,
        Scheme::BgOfficial,
        Scheme::SrLatin,
        Scheme::MkLatin,
        Scheme::KoRr,
        Scheme::KoRrTranslit,
        Scheme::KoMr,
        Scheme::KoMrPlain,
        Scheme::KoDprk,
        Scheme::KoLoan,
        Scheme::ElElot743,
        Scheme::Acronym,
        Scheme::Fallback,
    ];

    fn info(self) -> &'static Info {
        let i = &INFO[self as usize];
        debug_assert_eq!(i.scheme, self);
        i
    }

    /// The stable name used on the command line and in files, e.g.
    /// `"ru-bgn-pcgn"`, `"uk-national"`, `"ko-rr"`, `"acronym"`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The scheme named `s` (as [`Scheme::name`] gives it; ASCII case and
    /// surrounding spaces ignored, `_` accepted for `-`).
    pub fn from_name(s: &str) -> Option<Scheme> {
        let s = s.trim();
        Self::ALL.iter().copied().find(|x| {
            let n = x.name();
            n.len() == s.len()
                && n.bytes()
                    .zip(s.bytes())
                    .all(|(a, b)| a == b.to_ascii_lowercase() || (a == b'-' && b == b'_'))
        })
    }

    /// The language (ISO 639-1) the scheme is for: `"ru"`, `"uk"`, `"be"`,
    /// `"bg"`, `"sr"`, `"mk"`, `"ko"`, `"el"`; `None` for [`Scheme::Acronym`]
    /// and [`Scheme::Fallback`].
    pub fn lang(self) -> Option<&'static str> {
        self.info().lang
    }

    /// The script (ISO 15924) the scheme romanizes: `"Cyrl"`, `"Hang"`,
    /// `"Grek"`; `None` for the script-independent schemes.
    pub fn script(self) -> Option<&'static str> {
        self.info().script
    }

    /// The standard (or documented practice) the scheme follows.
    pub fn standard(self) -> &'static str {
        self.info().standard
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Canonical language code for the codes this module knows (ISO 639-1, or
/// the 639-2/3 code), `None` otherwise.
fn canonical_lang(lang: &str) -> Option<&'static str> {
    let l = lang.trim();
    const LANGS: &[(&str, &[&str])] = &[
        ("ru", &["ru", "rus"]),
        ("uk", &["uk", "ukr"]),
        ("be", &["be", "bel"]),
        ("bg", &["bg", "bul"]),
        ("sr", &["sr", "srp"]),
        ("mk", &["mk", "mkd", "mac"]),
        ("ko", &["ko", "kor"]),
        ("el", &["el", "ell", "gre"]),
    ];
    LANGS
        .iter()
        .find(|(_, codes)| codes.iter().any(|c| c.eq_ignore_ascii_case(l)))
        .map(|(code, _)| *code)
}

/// The schemes for `lang` (ISO 639-1 such as `"ru"`, or ISO 639-2/3 such as
/// `"rus"`), most used first; empty for a language without schemes.
pub fn schemes_for(lang: &str) -> &'static [Scheme] {
    use Scheme::*;
    match canonical_lang(lang) {
        Some("ru") => &[
            RuPress,
            RuWikipedia,
            RuBgnPcgn,
            RuBgnPcgnAlt,
            RuIcao,
            RuAlaLcAlt,
            RuIso9,
            RuIso9B,
            RuScholarly,
            RuAlaLc,
        ],
        Some("uk") => &[UkNational, UkBgnPcgn],
        Some("be") => &[BeNational],
        Some("bg") => &[BgOfficial],
        Some("sr") => &[SrLatin],
        Some("mk") => &[MkLatin],
        Some("ko") => &[KoRr, KoLoan, KoMrPlain, KoDprk, KoMr, KoRrTranslit],
        Some("el") => &[ElElot743],
        _ => &[],
    }
}

/// Romanizes `text` under `scheme`. `lang` matters only to
/// [`Scheme::Acronym`] (Ukrainian Г is H, Bulgarian Ъ is A); the other
/// schemes have a language of their own. See the module documentation for
/// how case, marks, homoglyphs and other scripts are handled.
pub fn translit(text: &str, lang: &str, scheme: Scheme) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    match scheme.info().kind {
        Kind::Acronym => {
            let file = match canonical_lang(lang) {
                Some("uk") => "acronym_uk.tsv",
                Some("bg") => "acronym_bg.tsv",
                _ => "acronym.tsv",
            };
            alphabet(text, engine::table(file), None, &mut out);
        }
        _ => translit_into(text, scheme, &mut out),
    }
    out
}

/// Appends the romanization of `text` under `scheme` to `out` (as
/// [`translit`], with the default language of the scheme).
pub fn translit_into(text: &str, scheme: Scheme, out: &mut String) {
    match scheme.info().kind {
        Kind::Alphabet(file) => alphabet(text, engine::table(file), scheme.script(), out),
        Kind::Acronym => alphabet(text, engine::table("acronym.tsv"), None, out),
        Kind::Korean(file) => korean::translit(text, file, out),
        Kind::Fallback => {
            for c in text.chars() {
                script::push_unmatched(c, out);
            }
        }
    }
}

/// Romanizes an alphabetic script word by word. `script`: the script whose
/// words are normalized (`None`: Cyrillic and Greek, for acronyms).
fn alphabet(text: &str, table: &engine::Table, script: Option<&'static str>, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let letter: Vec<bool> = chars.iter().map(|&c| script::is_letter(c)).collect();
    let is_word = |i: usize| -> bool {
        letter[i]
            || script::is_mark(chars[i])
            || (script::is_apostrophe(chars[i])
                && i > 0
                && letter[i - 1]
                && letter.get(i + 1) == Some(&true))
    };
    let mut w = Vec::new();
    let mut lw = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_word(i) {
            script::push_unmatched(chars[i], out);
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_word(i) {
            i += 1;
        }
        let seg = &chars[start..i];
        let word_script = match script {
            Some(s) => s,
            None => match script::dominant_of(seg) {
                Some("Grek") => "Grek",
                _ => "Cyrl",
            },
        };
        if !seg
            .iter()
            .any(|&c| script::script_of_char(c) == Some(word_script))
        {
            for &c in seg {
                script::push_unmatched(c, out);
            }
            continue;
        }
        script::normalize_word(seg, word_script, &mut w);
        lw.clear();
        lw.extend(w.iter().map(|&c| script::lower(c)));
        let mut upper = 0;
        let mut any_lower = false;
        for &c in &w {
            if c.is_uppercase() {
                upper += 1;
            } else if c.is_lowercase() {
                any_lower = true;
            }
        }
        table.apply(&w, &lw, upper >= 2 && !any_lower, out);
    }
}

/// Capitalizes the first letter of `s`.
fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    engine::emit_cased(s, true, false, &mut out);
    out
}

/// Romanizes `text` as a personal name. For Korean schemes, a name (2–4
/// syllables starting with a common surname, or surname and given name
/// separated by a space) is written surname first, capitalized, in the
/// scheme's convention: Revised Romanization joins the given name
/// (Choe Seonhui), McCune–Reischauer hyphenates it (Ch'oe Sŏn-hŭi,
/// Choe Son-hui), DPRK media space it (Choe Son Hui, Ri Yong Ho). Anything
/// else is [`translit`].
pub fn translit_name(text: &str, lang: &str, scheme: Scheme) -> String {
    if let Kind::Korean(file) = scheme.info().kind {
        if let Some(name) = korean::name_parts(text) {
            let (sur, given) = korean::render_name(file, &name);
            let given = match scheme {
                Scheme::KoMr | Scheme::KoMrPlain => format_given(&given, GivenForm::Hyphenated),
                Scheme::KoDprk => format_given(&given, GivenForm::Spaced),
                _ => format_given(&given, GivenForm::Joined),
            };
            return format!("{} {}", capitalize(&sur), given);
        }
    }
    translit(text, lang, scheme)
}

#[derive(Clone, Copy)]
enum GivenForm {
    Joined,
    Hyphenated,
    Spaced,
}

fn format_given(syllables: &[String], form: GivenForm) -> String {
    match form {
        GivenForm::Joined => capitalize(&syllables.concat()),
        GivenForm::Hyphenated => capitalize(&syllables.join("-")),
        GivenForm::Spaced => syllables
            .iter()
            .map(|s| capitalize(s))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The dominant script (ISO 15924 code) of the letters of `text`: `"Latn"`,
/// `"Cyrl"`, `"Grek"`, `"Hang"`, `"Hani"`, `"Arab"`, `"Hebr"`, …; ties go to
/// the script seen first; `None` when `text` has no letters. (Scripts are
/// taken from Unicode blocks; letters of unlisted blocks count as `"Zyyy"`.)
pub fn script_of(text: &str) -> Option<&'static str> {
    script::dominant(text)
}

/// Guesses the language of `text` from its script and letters (best
/// effort): Cyrillic with ў is Belarusian; ї, є, ґ (or і with и) Ukrainian;
/// ѝ, or ъ before a consonant, Bulgarian; ђ ћ ј љ њ џ Serbian; ѓ ќ ѕ
/// Macedonian; other Cyrillic Russian. Hangul is Korean, Greek is Greek.
/// `None` for Latin and other scripts.
pub fn guess_lang(text: &str) -> Option<&'static str> {
    match script_of(text)? {
        "Cyrl" => Some(script::guess_cyrillic(text).0),
        "Hang" => Some("ko"),
        "Grek" => Some("el"),
        _ => None,
    }
}

/// One romanization of a name, and the scheme that produced it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    /// The scheme (for Korean personal-name forms: the scheme whose given-name
    /// spelling is used).
    pub scheme: Scheme,
    /// The romanized text.
    pub text: String,
}

struct Collector {
    out: Vec<Variant>,
    seen: HashSet<String>,
}

impl Collector {
    fn push(&mut self, scheme: Scheme, text: String) {
        if text.trim().is_empty() || self.seen.contains(&text) {
            return;
        }
        self.seen.insert(text.clone());
        self.out.push(Variant { scheme, text });
    }
}

/// Every distinct romanization of `text`, for indexing: the romanization
/// under each scheme of its language (`lang` when given and written in the
/// text's script, else guessed; Cyrillic text without a deciding letter —
/// Луганськ, София — gets the Russian, Ukrainian and Bulgarian schemes);
/// for a Korean personal name, the name forms (surname spellings such as
/// Choe/Choi, Kim, Lee/Yi/Ri, Park/Pak × given names joined, hyphenated and
/// spaced in each scheme: Choe Son Hui, Choe Son-hui, Choe Sonhui,
/// Choe Seonhui, Ch'oe Sŏn-hŭi, …); the [`Scheme::Acronym`] form for an
/// all-capital word of 2–6 non-Latin letters (ДНР → DNR); and the
/// [`Scheme::Fallback`] form for scripts no scheme covers. Deduplicated by
/// exact text, in that order. Empty for text that is already Latin (or has
/// no letters).
pub fn variants(text: &str, lang: Option<&str>) -> Vec<Variant> {
    variants_with(text, lang, true)
}

/// Like [`variants`], with the Korean personal-name forms only when
/// `person_names` is true (an index adds them for people, not for places
/// whose names happen to start with a surname syllable, such as 서울).
pub fn variants_with(text: &str, lang: Option<&str>, person_names: bool) -> Vec<Variant> {
    let mut c = Collector {
        out: Vec::new(),
        seen: HashSet::new(),
    };
    let Some(script) = script_of(text) else {
        return c.out;
    };
    if script == "Latn" {
        return c.out;
    }
    let langs = candidate_langs(text, script, lang);
    for &l in &langs {
        for &scheme in schemes_for(l) {
            c.push(scheme, translit(text, l, scheme));
        }
    }
    if person_names && langs.contains(&"ko") {
        if let Some(name) = korean::name_parts(text) {
            korean_name_variants(&name, &mut c);
        }
    }
    if is_acronym(text) {
        c.push(
            Scheme::Acronym,
            translit(text, langs.first().copied().unwrap_or(""), Scheme::Acronym),
        );
    }
    if langs.is_empty() {
        c.push(Scheme::Fallback, translit(text, "", Scheme::Fallback));
    }
    c.out
}

fn candidate_langs(text: &str, script: &str, lang: Option<&str>) -> Vec<&'static str> {
    if let Some(l) = lang.and_then(canonical_lang) {
        if schemes_for(l).first().and_then(|s| s.script()) == Some(script) {
            return vec![l];
        }
    }
    match script {
        "Hang" => vec!["ko"],
        "Grek" => vec!["el"],
        "Cyrl" => match script::guess_cyrillic(text) {
            (l, true) => vec![l],
            (_, false) => vec!["ru", "uk", "bg"],
        },
        _ => Vec::new(),
    }
}

fn korean_name_variants(name: &korean::Name, c: &mut Collector) {
    const SCHEMES: &[(Scheme, &str)] = &[
        (Scheme::KoDprk, "ko_dprk.tsv"),
        (Scheme::KoMrPlain, "ko_mr_plain.tsv"),
        (Scheme::KoRr, "ko_rr.tsv"),
        (Scheme::KoMr, "ko_mr.tsv"),
    ];
    let rendered: Vec<(Scheme, String, Vec<String>)> = SCHEMES
        .iter()
        .map(|&(s, f)| {
            let (sur, given) = korean::render_name(f, name);
            (s, capitalize(&sur), given)
        })
        .collect();
    // Conventional surname spellings go with every scheme's given name; a
    // scheme's own surname spelling with its own given name only.
    let conventional: Vec<String> = name.conventional().iter().map(|s| s.to_string()).collect();
    for sur in &conventional {
        for (scheme, _, given) in &rendered {
            for form in [GivenForm::Spaced, GivenForm::Hyphenated, GivenForm::Joined] {
                c.push(*scheme, format!("{sur} {}", format_given(given, form)));
            }
        }
    }
    for (scheme, sur, given) in &rendered {
        for form in [GivenForm::Spaced, GivenForm::Hyphenated, GivenForm::Joined] {
            c.push(*scheme, format!("{sur} {}", format_given(given, form)));
        }
    }
}

/// Whether `text` is an all-capital word of 2–6 letters of a non-Latin
/// script (ДНР, КНДР, ΚΚΕ) — romanized letter by letter by
/// [`Scheme::Acronym`].
pub fn is_acronym(text: &str) -> bool {
    let t = text.trim();
    let mut n = 0;
    for ch in t.chars() {
        if !ch.is_alphabetic() || !ch.is_uppercase() || !script::is_foreign_letter(ch) {
            return false;
        }
        n += 1;
    }
    (2..=6).contains(&n)
}

/// The acronym of a long name, in the name's own script: the first letter of
/// each word (words split at spaces and hyphens), skipping function words
/// (of, the, and, for; и, в, на, …): "Donetsk People's Republic" → "DPR",
/// "Донецкая Народная Республика" → "ДНР", "Korean Central News Agency" →
/// "KCNA". `None` when fewer than two words remain.
pub fn acronym_of(text: &str) -> Option<String> {
    let fw = script::function_words();
    let mut out = String::new();
    let mut count = 0;
    let seps = |c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—' | '/');
    for word in text.split(seps) {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if fw.contains(w.to_lowercase().as_str()) {
            continue;
        }
        out.extend(first.to_uppercase());
        count += 1;
    }
    (count >= 2).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_matches_enum_order() {
        assert_eq!(INFO.len(), Scheme::ALL.len());
        for (i, s) in Scheme::ALL.iter().enumerate() {
            assert_eq!(INFO[i].scheme, *s);
            assert_eq!(*s as usize, i);
            assert_eq!(Scheme::from_name(s.name()), Some(*s));
        }
    }

    #[test]
    fn every_lang_scheme_is_listed() {
        for s in Scheme::ALL {
            if let Some(l) = s.lang() {
                assert!(schemes_for(l).contains(s), "{s}");
            }
        }
    }
}
