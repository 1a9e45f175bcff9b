//! Case forms of names in inflected languages (Russian, Ukrainian, Greek).
//!
//! Running text in these languages names a place or a person in whatever
//! case the sentence needs: *в Москве*, *из России*, *у Києві*, *Владимира
//! Путина*, *Луганской области*. A lexicon lists names in the nominative, so
//! the index adds the other cases of each name as generated aliases
//! ([`inflections`]); matching in text stays exact.
//!
//! The endings are data (`data/inflect_*.tsv`, one row per nominative ending
//! and class, noun or adjective). Which words of a name decline:
//!
//! * a person's name: every word, or only the last (`Ким Чен Ына`), or only
//!   the first (a woman's foreign surname stays: `Анналены Бербок`);
//! * one word: as a noun and as an adjective (`Жуковский`, a town, declines
//!   like an adjective);
//! * several words: the first word alone (`Службы безопасности Украины`,
//!   `Республики Корея`), and, when it is an adjective, the adjectives in
//!   front and the noun after them (`Луганской области`, `Соединённых Штатов
//!   Америки`).
//!
//! Words of a hyphenated word decline all together, the first alone
//! (`Ростова-на-Дону`) or the last alone (`Санкт-Петербурга`). Every case
//! puts all declined words in the same case. Forms a word does not really
//! have (`Кима` beside `Ким Чен Ына`) cost index space, not matches: text
//! does not contain them.
//!
//! ```
//! use canonym::translit::inflect::inflections;
//!
//! let forms = inflections("Луганская область", "ru", false);
//! assert!(forms.iter().any(|f| f == "Луганской области"));
//! assert!(inflections("Київ", "uk", false).iter().any(|f| f == "Києві"));
//! assert!(inflections("Владимир Путин", "ru", true).iter().any(|f| f == "Владимира Путина"));
//! ```

use std::sync::OnceLock;

use super::script::data_lines;

/// The cases a table gives, after the nominative.
const CASES: usize = 5;

/// Most forms of one case of one name (alternatives multiply across words).
const MAX_PER_CASE: usize = 16;

/// One row of a table.
#[derive(Debug)]
struct Rule {
    /// Replaced ending, lower case (empty for the consonant rule).
    ending: String,
    /// Only for names native to the language (class `n`): foreign names
    /// with that ending do not decline (`Токіо`, `Совето`).
    native: bool,
    /// Per case, the endings replacing it (`None`: the nominative).
    forms: [Vec<Option<String>>; CASES],
}

/// The rules of one language.
#[derive(Debug, Default)]
struct Table {
    consonants: Vec<char>,
    /// Nouns, then adjectives; each longest ending first.
    classes: [Vec<Rule>; 2],
}

const NOUN: usize = 0;
const ADJ: usize = 1;

/// The scheme name recorded for the generated forms of `lang`.
pub fn scheme_name(lang: &str) -> Option<&'static str> {
    match lang {
        "ru" => Some("ru-cases"),
        "uk" => Some("uk-cases"),
        "el" => Some("el-cases"),
        _ => None,
    }
}

/// The languages whose case forms a name tagged `lang` (or not tagged) may
/// take in text. A Greek name: Greek. A Cyrillic one: its own, and the other of Russian and
/// Ukrainian when its letters belong to both alphabets (`Полтава`,
/// `Варшава`, listed in one language, are written so in both). An untagged
/// name is read by its letters; a name tagged with another language, or
/// with letters of another alphabet (`ў`, `ј`, `қ`), takes none.
pub fn languages_for(text: &str, lang: Option<&str>) -> Vec<&'static str> {
    // (Greek: a name in Greek letters, untagged or tagged Greek.)
    if text
        .chars()
        .any(|c| matches!(c as u32, 0x370..=0x3FF | 0x1F00..=0x1FFF))
    {
        return match lang {
            None | Some("") | Some("el") => vec!["el"],
            Some(_) => Vec::new(),
        };
    }
    let has = |set: &str| {
        text.chars()
            .any(|c| set.contains(c.to_lowercase().next().unwrap_or(c)))
    };
    if has("ўјљњћђџѓќѕәөүұңҳқғһҗӊӈӣӯ") {
        return Vec::new();
    }
    let ru = !has("іїєґ'’ʼ");
    let uk = !has("ыэъё");
    let mut out = Vec::new();
    match lang {
        Some("ru") => {
            out.push("ru");
            if uk {
                out.push("uk");
            }
        }
        Some("uk") => {
            out.push("uk");
            if ru {
                out.push("ru");
            }
        }
        None | Some("") => {
            if ru {
                out.push("ru");
            }
            if uk {
                out.push("uk");
            }
        }
        Some(_) => {}
    }
    out
}

/// Whether the ISO 3166-1 country `cc` was part of the Soviet Union, where
/// Russian names most places whatever language a lexicon tags their names
/// with.
pub fn post_soviet(cc: &str) -> bool {
    matches!(
        cc,
        "RU" | "UA"
            | "BY"
            | "MD"
            | "KZ"
            | "KG"
            | "TJ"
            | "TM"
            | "UZ"
            | "AM"
            | "AZ"
            | "GE"
            | "EE"
            | "LV"
            | "LT"
    )
}

/// Whether `scheme` names case forms made here.
pub fn is_case_scheme(scheme: &str) -> bool {
    languages().iter().any(|l| scheme_name(l) == Some(scheme))
}

fn table(lang: &str) -> Option<&'static Table> {
    static RU: OnceLock<Table> = OnceLock::new();
    static UK: OnceLock<Table> = OnceLock::new();
    static EL: OnceLock<Table> = OnceLock::new();
    match lang {
        "ru" => Some(RU.get_or_init(|| parse(include_str!("data/inflect_ru.tsv")))),
        "uk" => Some(UK.get_or_init(|| parse(include_str!("data/inflect_uk.tsv")))),
        "el" => Some(EL.get_or_init(|| parse(include_str!("data/inflect_el.tsv")))),
        _ => None,
    }
}

/// Parses a table; the tables are part of the program and tested, so a bad
/// row is a bug and panics with its line.
fn parse(text: &'static str) -> Table {
    let mut t = Table::default();
    for line in data_lines(text) {
        let f: Vec<&str> = line.split('\t').collect();
        if f[0] == "@consonants" {
            t.consonants = f[1].chars().collect();
            continue;
        }
        assert_eq!(f.len(), 2 + CASES, "inflection table row: {line}");
        let class = match f[0] {
            "N" | "n" => NOUN,
            "A" => ADJ,
            other => panic!("inflection table class {other}: {line}"),
        };
        let ending = if f[1] == "+" { "" } else { f[1] };
        let forms = std::array::from_fn(|c| {
            f[2 + c]
                .split('/')
                .map(|e| match e {
                    "=" => None,
                    "0" => Some(String::new()),
                    e => Some(e.to_string()),
                })
                .collect()
        });
        t.classes[class].push(Rule {
            ending: ending.to_string(),
            native: f[0] == "n",
            forms,
        });
    }
    for rules in &mut t.classes {
        rules.sort_by_key(|r| std::cmp::Reverse(r.ending.chars().count()));
    }
    t
}

/// Per case, the forms of one word (empty: the word does not decline).
type WordForms = Vec<[Vec<String>; CASES]>;

impl Table {
    /// The forms of `word` in class `class`, if a rule applies.
    fn word(&self, word: &str, class: usize, native: bool) -> Option<[Vec<String>; CASES]> {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        // (Same length in bytes: Cyrillic letters keep theirs in lower case.)
        if lower.len() != word.len() {
            return None;
        }
        let last = lower.chars().next_back()?;
        let rule = self.classes[class]
            .iter()
            .filter(|r| native || !r.native)
            .find(|r| {
                if r.ending.is_empty() {
                    self.consonants.contains(&last)
                } else {
                    lower.ends_with(&r.ending) && lower.len() > r.ending.len()
                }
            })?;
        let stem = &word[..word.len() - rule.ending.len()];
        Some(std::array::from_fn(|c| {
            rule.forms[c]
                .iter()
                .map(|e| match e {
                    None => word.to_string(),
                    Some(e) => format!("{stem}{e}"),
                })
                .collect()
        }))
    }

    /// The forms of a word of a name: noun and/or adjective forms, each
    /// hyphen-joined part declined together, the first or the last alone.
    fn name_word(
        &self,
        word: &str,
        classes: &[usize],
        native: bool,
    ) -> Option<[Vec<String>; CASES]> {
        let parts: Vec<&str> = word.split('-').collect();
        let mut out: [Vec<String>; CASES] = Default::default();
        let declined = |part: &str| -> Option<[Vec<String>; CASES]> {
            if !declinable(part) {
                return None;
            }
            let mut acc: Option<[Vec<String>; CASES]> = None;
            for &class in classes {
                if let Some(f) = self.word(part, class, native) {
                    let a = acc.get_or_insert_with(Default::default);
                    for c in 0..CASES {
                        a[c].extend(f[c].iter().cloned());
                    }
                }
            }
            acc
        };
        if parts.len() == 1 {
            return declined(word);
        }
        // (Of a hyphenated name only the capitalized parts: `Ростов-на-Дону`.)
        let forms: Vec<Option<[Vec<String>; CASES]>> = parts
            .iter()
            .map(|p| {
                p.chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    .then(|| declined(p))
                    .flatten()
            })
            .collect();
        let n = parts.len();
        let choices: [Vec<usize>; 3] = [(0..n).collect(), vec![0], vec![n - 1]];
        let mut any = false;
        for chosen in choices {
            let words: WordForms = (0..n)
                .map(|k| match &forms[k] {
                    Some(f) if chosen.contains(&k) => f.clone(),
                    _ => same_in_every_case(parts[k]),
                })
                .collect();
            if !chosen.iter().any(|&k| forms[k].is_some()) {
                continue;
            }
            any = true;
            for (c, slot) in out.iter_mut().enumerate() {
                combine(&words, c, "-", slot);
            }
        }
        any.then_some(out)
    }
}

/// A word that does not decline, as the forms of every case.
fn same_in_every_case(word: &str) -> [Vec<String>; CASES] {
    std::array::from_fn(|_| vec![word.to_string()])
}

/// A word that may decline: it has a lower-case letter (not an acronym) and
/// starts with a letter.
fn declinable(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_alphabetic) && word.chars().any(char::is_lowercase)
}

/// Appends to `out` the forms of case `c` of the words joined by `sep`.
fn combine(words: &WordForms, c: usize, sep: &str, out: &mut Vec<String>) {
    let mut acc = vec![String::new()];
    for (k, w) in words.iter().enumerate() {
        let mut next = Vec::new();
        for prefix in &acc {
            for f in &w[c] {
                if next.len() >= MAX_PER_CASE {
                    break;
                }
                let mut s = prefix.clone();
                if k > 0 {
                    s.push_str(sep);
                }
                s.push_str(f);
                next.push(s);
            }
        }
        acc = next;
    }
    out.extend(acc);
}

/// The oblique-case forms of the name `text` in language `lang` (`ru`,
/// `uk`, `el`; none for other languages); `person` for a person's name. The
/// nominative itself is not among them; no form repeats.
pub fn inflections(text: &str, lang: &str, person: bool) -> Vec<String> {
    inflections_with(text, lang, person, true)
}

/// [`inflections`], for a name `native` to the language (a place where it
/// is spoken, a person) or not: rules of class `n` apply to native names
/// only (Ukrainian `Дніпро` → `Дніпра`, not `Токіо` → `Токіа`).
pub fn inflections_with(text: &str, lang: &str, person: bool, native: bool) -> Vec<String> {
    let Some(t) = table(lang) else {
        return Vec::new();
    };
    let words: Vec<&str> = text.split(' ').collect();
    if words.iter().any(|w| w.is_empty()) {
        return Vec::new();
    }
    let n = words.len();
    // Each reading: the words declined (by index) and their classes.
    let mut readings: Vec<Vec<(usize, &[usize])>> = Vec::new();
    const BOTH: &[usize] = &[NOUN, ADJ];
    const NOUN_ONLY: &[usize] = &[NOUN];
    const ADJ_ONLY: &[usize] = &[ADJ];
    if person {
        // (Lower-case particles stay: `фон`, `де`, `аль-`.)
        let cap: Vec<usize> = (0..n)
            .filter(|&k| words[k].chars().next().is_some_and(char::is_uppercase))
            .collect();
        if let (Some(&first), Some(&last)) = (cap.first(), cap.last()) {
            readings.push(cap.iter().map(|&k| (k, BOTH)).collect());
            readings.push(vec![(last, BOTH)]);
            readings.push(vec![(first, BOTH)]);
            // (One capitalized word: one reading.)
            readings.dedup();
        }
    } else if n == 1 {
        readings.push(vec![(0, BOTH)]);
    } else {
        readings.push(vec![(0, NOUN_ONLY)]);
        let mut k = 0;
        let mut chain = Vec::new();
        while k + 1 < n && t.name_word(words[k], ADJ_ONLY, native).is_some() {
            chain.push((k, ADJ_ONLY));
            k += 1;
        }
        if !chain.is_empty() {
            chain.push((k, NOUN_ONLY));
            readings.push(chain);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for reading in readings {
        let mut declined = false;
        let forms: WordForms = (0..n)
            .map(|k| {
                match reading
                    .iter()
                    .find(|(i, _)| *i == k)
                    .and_then(|(_, classes)| t.name_word(words[k], classes, native))
                {
                    Some(f) => {
                        declined = true;
                        f
                    }
                    None => same_in_every_case(words[k]),
                }
            })
            .collect();
        if !declined {
            continue;
        }
        for c in 0..CASES {
            combine(&forms, c, " ", &mut out);
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| f != text && seen.insert(f.clone()));
    out
}

/// Every ending of the tables, nominative and oblique, lower case (for
/// stemming words of text: `Захаровой` and `Захарова` share a stem).
pub fn endings() -> Vec<&'static str> {
    let mut out = Vec::new();
    for lang in languages() {
        let Some(t) = table(lang) else { continue };
        for rule in t.classes.iter().flatten() {
            if !rule.ending.is_empty() {
                out.push(rule.ending.as_str());
            }
            for e in rule.forms.iter().flatten().flatten() {
                if !e.is_empty() {
                    out.push(e.as_str());
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every language with a table.
pub fn languages() -> &'static [&'static str] {
    &["ru", "uk", "el"]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(text: &str, lang: &str, person: bool, form: &str) -> bool {
        inflections(text, lang, person).iter().any(|f| f == form)
    }

    /// (language, name, a person's, one of its case forms).
    const FORMS: &[(&str, &str, bool, &str)] = &[
        ("ru", "Москва", false, "Москве"),
        ("ru", "Москва", false, "Москвы"),
        ("ru", "Россия", false, "России"),
        ("ru", "Киев", false, "Киеве"),
        ("ru", "Харьков", false, "Харькова"),
        ("ru", "Донбасс", false, "Донбасса"),
        ("ru", "Америка", false, "Америки"),
        ("ru", "Казань", false, "Казани"),
        ("ru", "Шанхай", false, "Шанхае"),
        ("ru", "Нидерланды", false, "Нидерландов"),
        ("ru", "Филиппины", false, "Филиппин"),
        ("ru", "Жуковский", false, "Жуковского"),
        ("ru", "Орёл", false, "Орла"),
        ("ru", "Владивосток", false, "Владивостока"),
        ("ru", "Иваново", false, "Иванове"),
        ("ru", "Запорожье", false, "Запорожья"),
        ("ru", "Каменец-Подольский", false, "Каменце-Подольском"),
        ("ru", "Луганская область", false, "Луганской области"),
        ("ru", "Северная Корея", false, "Северной Кореи"),
        (
            "ru",
            "Соединённые Штаты Америки",
            false,
            "Соединённых Штатов Америки",
        ),
        ("ru", "Нижний Новгород", false, "Нижнего Новгорода"),
        (
            "ru",
            "Служба безопасности Украины",
            false,
            "Службы безопасности Украины",
        ),
        ("ru", "Республика Корея", false, "Республики Корея"),
        ("ru", "Санкт-Петербург", false, "Санкт-Петербурга"),
        ("ru", "Ростов-на-Дону", false, "Ростова-на-Дону"),
        ("ru", "Владимир Путин", true, "Владимира Путина"),
        ("ru", "Владимир Путин", true, "Владимиром Путиным"),
        ("ru", "Владимир Зеленский", true, "Владимира Зеленского"),
        ("ru", "Ким Чен Ын", true, "Ким Чен Ына"),
        ("ru", "Мария Захарова", true, "Марии Захаровой"),
        ("ru", "Евгений Пригожин", true, "Евгения Пригожина"),
        ("uk", "Київ", false, "Києві"),
        ("uk", "Київ", false, "Києва"),
        ("uk", "Харків", false, "Харкові"),
        ("uk", "Львів", false, "Львова"),
        ("uk", "Луганськ", false, "Луганська"),
        ("uk", "Донецьк", false, "Донецьку"),
        ("uk", "Україна", false, "України"),
        ("uk", "Америка", false, "Америці"),
        ("uk", "Прага", false, "Празі"),
        ("uk", "Гамбург", false, "Гамбурзі"),
        ("uk", "Росія", false, "Росії"),
        ("uk", "Дніпро", false, "Дніпрі"),
        ("uk", "Донбас", false, "Донбасу"),
        (
            "uk",
            "Кам'янець-Подільський",
            false,
            "Кам'янці-Подільському",
        ),
        ("uk", "Чернівці", false, "Чернівцях"),
        ("uk", "Рівне", false, "Рівному"),
        ("uk", "Донеччина", false, "Донеччині"),
        ("uk", "Луганська область", false, "Луганської області"),
        (
            "uk",
            "Сполучені Штати Америки",
            false,
            "Сполучених Штатів Америки",
        ),
        ("uk", "Кривий Ріг", false, "Кривого Рогу"),
        ("uk", "Володимир Зеленський", true, "Володимира Зеленського"),
        ("uk", "Олена Зеленська", true, "Олени Зеленської"),
        ("el", "Ελλάδα", false, "Ελλάδας"),
        ("el", "Κύπρος", false, "Κύπρου"),
        ("el", "Βερολίνο", false, "Βερολίνου"),
        ("el", "Τουρκία", false, "Τουρκίας"),
        ("el", "Ηνωμένες Πολιτείες", false, "Ηνωμένων Πολιτειών"),
        ("el", "Νότια Κορέα", false, "Νότιας Κορέας"),
        ("el", "Κυριάκος Μητσοτάκης", true, "Κυριάκου Μητσοτάκη"),
    ];

    /// Greek letters without their stress marks (Greek forms keep the
    /// nominative's stress; the matching key drops it).
    fn unstressed(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                'ά' => 'α',
                'έ' => 'ε',
                'ή' => 'η',
                'ί' => 'ι',
                'ό' => 'ο',
                'ύ' => 'υ',
                'ώ' => 'ω',
                c => c,
            })
            .collect()
    }

    #[test]
    fn case_forms_of_places_and_people() {
        for &(lang, name, person, form) in FORMS {
            let forms = inflections(name, lang, person);
            assert!(
                forms.iter().any(|f| unstressed(f) == unstressed(form)),
                "{lang}: {name} → {form}: {forms:?}"
            );
        }
        assert_eq!(languages_for("Αθήνα", Some("el")), ["el"]);
        assert!(languages_for("Αθήνα", Some("ru")).is_empty());
    }

    #[test]
    fn what_does_not_decline() {
        // Acronyms, other languages, the nominative itself.
        assert!(inflections("ДНР", "ru", false).is_empty());
        assert!(inflections("Москва", "bg", false).is_empty());
        assert!(!has("Москва", "ru", false, "Москва"));
        assert!(!has("Осло", "ru", false, "Осла"));
        // Foreign names in -о stay in Ukrainian; native ones decline.
        assert!(inflections_with("Токіо", "uk", false, false).is_empty());
        assert!(inflections_with("Дніпро", "uk", false, true)
            .iter()
            .any(|f| f == "Дніпрі"));
        // Lower-case parts of a hyphenated name stay.
        assert!(!inflections("Ростов-на-Дону", "ru", false)
            .iter()
            .any(|f| f.contains("-не-") || f.contains("-ны-")));
        // Which grammars a name may take.
        assert_eq!(languages_for("Полтава", Some("ru")), ["ru", "uk"]);
        assert_eq!(languages_for("Крым", None), ["ru"]);
        assert_eq!(languages_for("Київ", Some("uk")), ["uk"]);
        assert!(languages_for("Љубљана", None).is_empty());
        assert!(languages_for("Минск", Some("be")).is_empty());
        // Lower-case particles of a person's name stay.
        assert!(has(
            "Урсула фон дер Ляйен",
            "ru",
            true,
            "Урсулы фон дер Ляйен"
        ));
        assert!(!inflections("Урсула фон дер Ляйен", "ru", true)
            .iter()
            .any(|f| f.contains("фона")));
    }

    #[test]
    fn tables_parse() {
        for lang in languages() {
            let t = table(lang).unwrap();
            assert!(lang == &"el" || !t.consonants.is_empty());
            assert!(t.classes.iter().all(|c| !c.is_empty()));
        }
    }
}
