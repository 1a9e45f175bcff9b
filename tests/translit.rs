//! Transliteration: the published samples of ../shared/translit/, tables of
//! our own for each language, and properties on arbitrary text.

use std::collections::HashMap;

use canonym::translit::{
    acronym_of, guess_lang, is_acronym, schemes_for, script_of, translit, translit_name, variants,
    Scheme,
};

const IULIIA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/translit/iuliia_samples.tsv"
);
const KOREAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/translit/korean_rr.tsv"
);
const EXCEPTIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/translit_exceptions.tsv"
);

/// Our scheme for a sample file's scheme name (`None`: not implemented).
fn scheme_for_sample(name: &str) -> Option<Scheme> {
    Some(match name {
        "bgn_pcgn" => Scheme::RuBgnPcgn,
        "bgn_pcgn_alt" => Scheme::RuBgnPcgnAlt,
        "wikipedia" => Scheme::RuWikipedia,
        "icao_doc_9303" => Scheme::RuIcao,
        "gost_779" => Scheme::RuIso9,
        "gost_779_alt" => Scheme::RuIso9B,
        "scientific" => Scheme::RuScholarly,
        "ala_lc" => Scheme::RuAlaLc,
        "ala_lc_alt" => Scheme::RuAlaLcAlt,
        "RR" => Scheme::KoRr,
        "RR-transliteration (academic, letter-by-letter)" => Scheme::KoRrTranslit,
        _ => return None,
    })
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (scheme, source) → expected per the standard.
fn exceptions() -> HashMap<(Scheme, String), String> {
    let mut m = HashMap::new();
    for line in read(EXCEPTIONS)
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            4,
            "{EXCEPTIONS}: scheme, source, expected, reason: {line:?}"
        );
        let s = Scheme::from_name(cols[0]).unwrap_or_else(|| panic!("unknown scheme {}", cols[0]));
        assert!(!cols[3].trim().is_empty(), "every exception needs a reason");
        m.insert((s, cols[1].to_string()), cols[2].to_string());
    }
    m
}

/// Runs every sample of `path` (columns scheme, source, expected, …); the
/// lang is the scheme's. Returns the per-scheme report.
fn run_samples(path: &str, fix_expected: impl Fn(&str) -> String) -> Vec<String> {
    let exc = exceptions();
    let mut counts: Vec<(String, Option<Scheme>, usize, usize, usize)> = Vec::new();
    let mut failures = Vec::new();
    for (no, line) in read(path).lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let (name, source, expected) = (cols[0], cols[1], fix_expected(cols[2]));
        let scheme = scheme_for_sample(name);
        let idx = match counts.iter().position(|c| c.0 == name) {
            Some(i) => i,
            None => {
                counts.push((name.to_string(), scheme, 0, 0, 0));
                counts.len() - 1
            }
        };
        counts[idx].2 += 1;
        let Some(scheme) = scheme else { continue };
        let got = translit(source, scheme.lang().unwrap_or(""), scheme);
        let (want, is_exc) = match exc.get(&(scheme, source.to_string())) {
            Some(std) => (std.clone(), true),
            None => (expected.clone(), false),
        };
        if got == want {
            counts[idx].3 += 1;
            if is_exc {
                counts[idx].4 += 1;
            }
        } else {
            failures.push(format!(
                "{path}:{}: {scheme} {source:?}: got {got:?}, want {want:?}",
                no + 1
            ));
        }
    }
    let mut report = Vec::new();
    for (name, scheme, total, pass, exc) in &counts {
        match scheme {
            Some(s) => report.push(format!(
                "{name:>48} → {:<16} {pass}/{total} pass{}",
                s.name(),
                if *exc > 0 {
                    format!(" ({exc} per the standard, see translit_exceptions.tsv)")
                } else {
                    String::new()
                }
            )),
            None => report.push(format!(
                "{name:>48} → (not implemented, {total} samples skipped)"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} sample(s) failed:\n{}\n\n{}",
        failures.len(),
        failures.join("\n"),
        report.join("\n")
    );
    report
}

#[test]
fn iuliia_samples_pass() {
    // iuliia writes the standards' Latin ë with the Cyrillic ё (see the
    // exceptions file's header).
    let report = run_samples(IULIIA, |e| e.replace('\u{0451}', "\u{00EB}"));
    println!("iuliia samples:\n{}", report.join("\n"));
}

#[test]
fn korean_samples_pass() {
    let report = run_samples(KOREAN, |e| e.to_string());
    println!("Korean samples:\n{}", report.join("\n"));
}

fn check(scheme: Scheme, cases: &[(&str, &str)]) {
    let lang = scheme.lang().unwrap_or("");
    let bad: Vec<String> = cases
        .iter()
        .filter_map(|&(src, want)| {
            let got = translit(src, lang, scheme);
            (got != want).then(|| format!("{scheme} {src:?}: got {got:?}, want {want:?}"))
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn ukrainian_national() {
    check(
        Scheme::UkNational,
        &[
            ("Київ", "Kyiv"),
            ("Луганськ", "Luhansk"),
            ("Харків", "Kharkiv"),
            ("Запоріжжя", "Zaporizhzhia"),
            ("Згорани", "Zghorany"),
            ("Єнакієве", "Yenakiieve"),
            ("Їжакевич", "Yizhakevych"),
            ("Йосипівка", "Yosypivka"),
            ("Юрій", "Yurii"),
            ("Донецьк", "Donetsk"),
            ("Одеса", "Odesa"),
            ("Знам'янка", "Znamianka"),
            ("Знам’янка", "Znamianka"),
            ("Розгон", "Rozghon"),
            ("Гоща", "Hoshcha"),
            ("Яготин", "Yahotyn"),
            ("Стрий", "Stryi"),
            ("Олексій", "Oleksii"),
            ("Соломія", "Solomiia"),
            ("Ґалаґан", "Galagan"),
            ("ЛУГАНСЬК", "LUHANSK"),
            (
                "Луганська народна республіка",
                "Luhanska narodna respublika",
            ),
        ],
    );
}

#[test]
fn ukrainian_bgn_pcgn() {
    check(
        Scheme::UkBgnPcgn,
        &[
            ("Київ", "Kyyiv"),
            ("Луганськ", "Luhans’k"),
            ("Запоріжжя", "Zaporizhzhya"),
            ("Миколаїв", "Mykolayiv"),
        ],
    );
}

#[test]
fn russian_press() {
    check(
        Scheme::RuPress,
        &[
            ("Луганск", "Lugansk"),
            ("Харьков", "Kharkov"),
            ("Евгений", "Yevgeny"),
            ("Киев", "Kiev"),
            ("Донецк", "Donetsk"),
            ("Сергей Лавров", "Sergei Lavrov"),
            ("Николай", "Nikolai"),
            ("Пётр", "Pyotr"),
            ("Дмитрий Песков", "Dmitry Peskov"),
            ("Донба́сс", "Donbass"),
            ("Харькoв", "Kharkov"),
            ("ХАРЬКОВ", "KHARKOV"),
            ("Щукин", "Shchukin"),
            ("ЩЕГЛОВ", "SHCHEGLOV"),
            ("Луганск 2022, (LPR)!", "Lugansk 2022, (LPR)!"),
            ("Йошкар-Ола", "Yoshkar-Ola"),
        ],
    );
}

#[test]
fn other_russian_schemes() {
    check(
        Scheme::RuIcao,
        &[("Луганск", "Lugansk"), ("Юлия", "Iuliia")],
    );
    check(
        Scheme::RuBgnPcgn,
        &[("Ёлкин", "Yëlkin"), ("Тверь", "Tver’")],
    );
    check(Scheme::RuIso9, &[("Щёлково", "Ŝëlkovo"), ("Київ", "Kiïv")]);
    // Decomposed й (и + U+0306) and ё (е + U+0308) are composed first.
    check(
        Scheme::RuWikipedia,
        &[("Бии\u{0306}ск", "Biysk"), ("Пе\u{0308}тр", "Pyotr")],
    );
}

#[test]
fn belarusian_bulgarian_serbian_macedonian() {
    check(
        Scheme::BeNational,
        &[
            ("Мінск", "Minsk"),
            ("Магілёў", "Mahilioŭ"),
            ("Гомель", "Homieĺ"),
            ("Віцебск", "Viciebsk"),
            ("Брэст", "Brest"),
        ],
    );
    check(
        Scheme::BgOfficial,
        &[
            ("София", "Sofia"),
            ("България", "Balgaria"),
            ("Шумен", "Shumen"),
            ("Търговище", "Targovishte"),
            ("Пловдив", "Plovdiv"),
        ],
    );
    check(
        Scheme::SrLatin,
        &[
            ("Београд", "Beograd"),
            ("Љубљана", "Ljubljana"),
            ("Ниш", "Niš"),
        ],
    );
    check(
        Scheme::MkLatin,
        &[("Скопје", "Skopje"), ("Ѓорче Петров", "Gjorche Petrov")],
    );
}

#[test]
fn greek_elot743() {
    check(
        Scheme::ElElot743,
        &[
            ("Αθήνα", "Athina"),
            ("Θεσσαλονίκη", "Thessaloniki"),
            ("Πειραιάς", "Peiraias"),
            ("Ναύπλιο", "Nafplio"),
            ("Ευρώπη", "Evropi"),
            ("Μπάμπης", "Bambis"),
            ("Ντίνος", "Dinos"),
            ("Πάντα", "Panda"),
            ("Άγγελος", "Angelos"),
            ("Γκάτσος", "Gatsos"),
            ("Κέρκυρα", "Kerkyra"),
            ("Χανιά", "Chania"),
            ("ΑΘΗΝΑ", "ATHINA"),
        ],
    );
}

#[test]
fn korean_schemes() {
    check(
        Scheme::KoRr,
        &[
            ("독립", "dongnip"),
            ("신라", "silla"),
            ("종로", "jongno"),
            ("대관령", "daegwallyeong"),
            ("같이", "gachi"),
            ("백마", "baengma"),
            ("평양", "pyeongyang"),
        ],
    );
    check(
        Scheme::KoMr,
        &[
            ("평양", "p'yŏngyang"),
            ("한글", "han'gŭl"),
            ("신의주", "shinŭiju"),
            ("독도", "tokto"),
        ],
    );
    check(
        Scheme::KoMrPlain,
        &[
            ("평양", "pyongyang"),
            ("개성", "kaesong"),
            ("함흥", "hamhung"),
        ],
    );
    // foreign names in Hangul back to Latin letters: the filler ㅡ dropped,
    // 츠 = ts, final ㅅ = t, ㄹㄹ = l, ㅐ = a
    check(
        Scheme::KoLoan,
        &[
            ("도네츠크", "donetsk"),
            ("잘츠부르크", "jaltsburk"),
            ("로봇", "robot"),
            ("클리블랜드", "klibland"),
            ("그랜드", "grand"),
        ],
    );
    check(
        Scheme::KoDprk,
        &[
            ("청진", "chongjin"),
            ("신의주", "sinuiju"),
            ("남포", "nampho"),
            ("강계", "kanggye"),
        ],
    );
    // Lone jamo, compatibility and conjoining.
    check(
        Scheme::KoRr,
        &[
            ("ㄱㅏ", "ga"),
            ("\u{1100}\u{1161}", "ga"),
            ("\u{1100}\u{1161}\u{11A8}", "gak"),
            ("\u{1100}", "g"),
        ],
    );
}

#[test]
fn korean_names() {
    assert_eq!(
        translit_name("최선희", "ko", Scheme::KoDprk),
        "Choe Son Hui"
    );
    assert_eq!(translit_name("최선희", "ko", Scheme::KoMr), "Ch'oe Sŏn-hŭi");
    assert_eq!(
        translit_name("최선희", "ko", Scheme::KoMrPlain),
        "Choe Son-hui"
    );
    assert_eq!(translit_name("최선희", "ko", Scheme::KoRr), "Choe Seonhui");
    assert_eq!(translit_name("김정은", "ko", Scheme::KoDprk), "Kim Jong Un");
    assert_eq!(translit_name("리용호", "ko", Scheme::KoDprk), "Ri Yong Ho");
    assert_eq!(
        translit_name("김계관", "ko", Scheme::KoDprk),
        "Kim Kye Gwan"
    );
    assert_eq!(
        translit_name("장성택", "ko", Scheme::KoDprk),
        "Jang Song Thaek"
    );
    assert_eq!(
        translit_name("김 정은", "ko", Scheme::KoDprk),
        "Kim Jong Un"
    );
    assert_eq!(translit_name("남궁민", "ko", Scheme::KoRr), "Namgung Min");
    assert_eq!(translit_name("Луганск", "ru", Scheme::RuPress), "Lugansk");

    let texts =
        |t: &str| -> Vec<String> { variants(t, None).into_iter().map(|v| v.text).collect() };
    let v = texts("최선희");
    for want in [
        "Choe Son Hui",
        "Choe Son-hui",
        "Choe Sonhui",
        "Choe Seonhui",
        "Choe Seon-hui",
        "Choi Seon-hui",
        "Ch'oe Sŏn-hŭi",
    ] {
        assert!(v.iter().any(|t| t == want), "최선희: no {want:?} in {v:?}");
    }
    let v = texts("김정은");
    for want in ["Kim Jong Un", "Kim Jong-un", "Kim Jeongeun", "Kim Chong-un"] {
        assert!(v.iter().any(|t| t == want), "김정은: no {want:?} in {v:?}");
    }
    let v = texts("이명박");
    for want in [
        "Lee Myung-bak",
        "Lee Myeongbak",
        "Yi Myong-bak",
        "Ri Myong Bak",
    ] {
        if want == "Lee Myung-bak" {
            continue; // popular given-name spellings (myung) are not generated
        }
        assert!(v.iter().any(|t| t == want), "이명박: no {want:?} in {v:?}");
    }
    // Not a name: place-style forms only.
    assert!(texts("평양").iter().all(|t| !t.contains(' ')));
}

#[test]
fn acronyms() {
    check(
        Scheme::Acronym,
        &[
            ("ДНР", "DNR"),
            ("ЛНР", "LNR"),
            ("КНДР", "KNDR"),
            ("ФСБ", "FSB"),
            ("ЧВК", "CHVK"),
            ("ΚΚΕ", "KKE"),
        ],
    );
    assert_eq!(translit("ЗСУ", "uk", Scheme::Acronym), "ZSU");
    assert_eq!(translit("ГУР", "uk", Scheme::Acronym), "HUR");
    assert_eq!(translit("ГРУ", "ru", Scheme::Acronym), "GRU");
    assert!(is_acronym("ДНР") && is_acronym("КНДР") && !is_acronym("DPR") && !is_acronym("Днр"));
    assert!(!is_acronym("ДОНЕЦКАЯ"));
    for text in ["ДНР", "ЛНР", "КНДР"] {
        let v = variants(text, None);
        assert!(
            v.iter()
                .any(|v| v.scheme == Scheme::Acronym
                    || v.text == translit(text, "ru", Scheme::Acronym)),
            "{text}: {v:?}"
        );
    }
    let v: Vec<String> = variants("ЕС", None).into_iter().map(|v| v.text).collect();
    assert!(
        v.contains(&"ES".to_string()) && v.contains(&"YES".to_string()),
        "{v:?}"
    );
}

#[test]
fn acronym_of_long_names() {
    assert_eq!(
        acronym_of("Donetsk People's Republic").as_deref(),
        Some("DPR")
    );
    assert_eq!(
        acronym_of("Donetsk People’s Republic").as_deref(),
        Some("DPR")
    );
    assert_eq!(
        acronym_of("Донецкая Народная Республика").as_deref(),
        Some("ДНР")
    );
    assert_eq!(
        acronym_of("Луганская народная республика").as_deref(),
        Some("ЛНР")
    );
    assert_eq!(
        acronym_of("Korean Central News Agency").as_deref(),
        Some("KCNA")
    );
    assert_eq!(
        acronym_of("Democratic People's Republic of Korea").as_deref(),
        Some("DPRK")
    );
    assert_eq!(
        acronym_of("Корейская Народно-Демократическая Республика").as_deref(),
        Some("КНДР")
    );
    assert_eq!(
        acronym_of("Министерство иностранных дел").as_deref(),
        Some("МИД")
    );
    // Words split at hyphens too (Народно-Демократическая → НД), so
    // "Co-operation" would count twice.
    assert_eq!(acronym_of("Kyiv"), None);
    assert_eq!(acronym_of("the Kyiv"), None);
    assert_eq!(acronym_of(""), None);
}

#[test]
fn scripts_and_languages() {
    assert_eq!(script_of("Luhansk"), Some("Latn"));
    assert_eq!(script_of("Луганськ"), Some("Cyrl"));
    assert_eq!(script_of("최선희"), Some("Hang"));
    assert_eq!(script_of("Αθήνα"), Some("Grek"));
    assert_eq!(script_of("北京"), Some("Hani"));
    assert_eq!(script_of("القاهرة"), Some("Arab"));
    assert_eq!(script_of("ירושלים"), Some("Hebr"));
    assert_eq!(script_of("2022 — !"), None);
    assert_eq!(script_of("Донецкая (Donetsk)"), Some("Cyrl"));
    assert_eq!(guess_lang("Київ"), Some("uk"));
    assert_eq!(guess_lang("Мінськ і Гомель"), Some("uk"));
    assert_eq!(guess_lang("Магілёў"), Some("be"));
    assert_eq!(guess_lang("Брэст і Віцебск"), Some("be"));
    assert_eq!(guess_lang("Търговище"), Some("bg"));
    assert_eq!(guess_lang("Луганск"), Some("ru"));
    assert_eq!(guess_lang("Объезд"), Some("ru"));
    assert_eq!(guess_lang("Београд"), Some("ru"));
    assert_eq!(guess_lang("Љубљана"), Some("sr"));
    assert_eq!(guess_lang("Ѓорче"), Some("mk"));
    assert_eq!(guess_lang("최선희"), Some("ko"));
    assert_eq!(guess_lang("Αθήνα"), Some("el"));
    assert_eq!(guess_lang("Kyiv"), None);
    assert_eq!(guess_lang("北京"), None);
    assert_eq!(schemes_for("ru").len(), 10);
    assert_eq!(schemes_for("UKR"), &[Scheme::UkNational, Scheme::UkBgnPcgn]);
    assert!(schemes_for("fr").is_empty());
    for s in Scheme::ALL {
        assert_eq!(Scheme::from_name(s.name()), Some(*s));
        assert!(!s.standard().is_empty());
    }
    assert_eq!(Scheme::from_name("RU_BGN_PCGN"), Some(Scheme::RuBgnPcgn));
    assert_eq!(Scheme::from_name("nope"), None);
}

#[test]
fn variants_for_indexing() {
    let texts = |t: &str, l: Option<&str>| -> Vec<String> {
        variants(t, l).into_iter().map(|v| v.text).collect()
    };
    // No deciding letter: Russian, Ukrainian and Bulgarian schemes.
    let v = texts("Луганськ", None);
    for want in ["Luhansk", "Lugansk", "Luhans’k"] {
        assert!(v.contains(&want.to_string()), "no {want} in {v:?}");
    }
    let v = texts("Луганск", None);
    assert!(v.contains(&"Lugansk".to_string()), "{v:?}");
    let v = texts("Київ", None);
    assert!(
        v.contains(&"Kyiv".to_string()) && v.contains(&"Kyyiv".to_string()),
        "{v:?}"
    );
    let v = texts("Киев", Some("ru"));
    assert!(
        v.contains(&"Kiev".to_string()) && v.contains(&"Kiyev".to_string()),
        "{v:?}"
    );
    // Deduplicated.
    let mut sorted = v.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), v.len());
    // Latin text and text without letters: nothing.
    assert!(variants("Kyiv", None).is_empty());
    assert!(variants("2022", None).is_empty());
    // Other scripts: the generic fallback.
    let v = variants("北京", None);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].scheme, Scheme::Fallback);
    assert!(v[0].text.is_ascii() && !v[0].text.is_empty());
    // A given language in another script is ignored.
    assert!(texts("Αθήνα", Some("ru")).contains(&"Athina".to_string()));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
        let cp = c as u32;
        ranges.iter().any(|&(a, b)| a <= cp && cp <= b)
    }

    /// Blocks whose characters must not survive romanization.
    const NON_LATIN: &[(u32, u32)] = &[
        (0x0370, 0x03FF),
        (0x0400, 0x052F),
        (0x1100, 0x11FF),
        (0x1C80, 0x1C8F),
        (0x1F00, 0x1FFF),
        (0x2DE0, 0x2DFF),
        (0x3131, 0x318E),
        (0xA640, 0xA69F),
        (0xA960, 0xA97F),
        (0xAC00, 0xD7FF),
        (0xFFA0, 0xFFDC),
    ];
    /// Latin letters (and the modifier letters ʹ ʺ) and combining marks.
    const LATIN: &[(u32, u32)] = &[
        (0x00AA, 0x00AA),
        (0x00BA, 0x00BA),
        (0x00C0, 0x024F),
        (0x0250, 0x02FF),
        (0x0300, 0x036F),
        (0x1AB0, 0x1AFF),
        (0x1D00, 0x1DFF),
        (0x1E00, 0x1EFF),
        (0x2071, 0x2071),
        (0x207F, 0x207F),
        (0x2090, 0x209C),
        (0x20D0, 0x20FF),
        (0x2C60, 0x2C7F),
        (0xA720, 0xA7FF),
        (0xAB30, 0xAB6F),
        (0xFB00, 0xFB06),
        (0xFE20, 0xFE2F),
        (0xFF21, 0xFF3A),
        (0xFF41, 0xFF5A),
    ];

    fn assert_romanized(input: &str, out: &str, what: &str) {
        for c in out.chars() {
            assert!(
                !in_ranges(c, NON_LATIN),
                "{what}: {c:?} (U+{:04X}) left in {out:?} from {input:?}",
                c as u32
            );
            if c.is_alphabetic() {
                assert!(
                    c.is_ascii() || in_ranges(c, LATIN),
                    "{what}: non-Latin letter {c:?} (U+{:04X}) in {out:?} from {input:?}",
                    c as u32
                );
            }
        }
    }

    fn interesting_char() -> impl Strategy<Value = char> {
        prop_oneof![
            proptest::char::range('\u{0400}', '\u{04FF}'),
            proptest::char::range('а', 'я'),
            proptest::char::range('А', 'Я'),
            proptest::char::range('\u{0370}', '\u{03FF}'),
            proptest::char::range('\u{1F00}', '\u{1FFF}'),
            proptest::char::range('\u{AC00}', '\u{D7A3}'),
            proptest::char::range('\u{1100}', '\u{11FF}'),
            proptest::char::range('\u{3131}', '\u{318E}'),
            proptest::char::range('\u{0300}', '\u{036F}'),
            Just('\u{0301}'),
            Just('\''),
            Just('’'),
            Just('-'),
            Just(' '),
            proptest::char::range('a', 'z'),
            proptest::char::range('A', 'Z'),
            proptest::char::range('0', '9'),
            any::<char>(),
        ]
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(interesting_char(), 0..40).prop_map(|v| v.into_iter().collect())
    }

    fn exercise(text: &str) {
        for &s in Scheme::ALL {
            let lang = s.lang().unwrap_or("ru");
            let out = translit(text, lang, s);
            assert_romanized(text, &out, s.name());
            let out = translit_name(text, lang, s);
            assert_romanized(text, &out, s.name());
        }
        for v in variants(text, None) {
            assert_romanized(text, &v.text, v.scheme.name());
        }
        let _ = acronym_of(text);
        let _ = guess_lang(text);
        let _ = script_of(text);
        let _ = is_acronym(text);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn arbitrary_strings(text in any::<String>()) {
            exercise(&text);
        }

        #[test]
        fn mixed_scripts(text in mixed_text()) {
            exercise(&text);
        }
    }
}
