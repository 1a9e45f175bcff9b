//! Hangul: syllables decomposed arithmetically into jamo (the Unicode
//! algorithm), sound changes and jamo values read from `data/ko_*.tsv`,
//! personal names recognized by their surname.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::script::{data_lines, push_unmatched, FastMap};

const S_BASE: u32 = 0xAC00;
const S_LAST: u32 = 0xD7A3;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;

/// One syllable: initial (ㅇ when silent), vowel, optional final; jamo are
/// compatibility jamo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Syl {
    l: char,
    v: char,
    t: Option<char>,
}

#[derive(Clone, Copy, Debug)]
enum Tok {
    Syl(Syl),
    /// A lone jamo (compatibility or conjoining, mapped to compatibility).
    Jamo(char),
    /// Hangul this module does not romanize (archaic jamo, …).
    Other(char),
}

#[derive(Debug)]
enum Out {
    Keep,
    NoFinal,
    Jamo(char),
}

#[derive(Debug)]
enum Next {
    Initials(Vec<char>),
    Syllables(Vec<char>),
}

#[derive(Debug, PartialEq)]
enum RuleCtx {
    Any,
    BeforeI,
    Suffix,
}

#[derive(Debug)]
struct SoundRule {
    finals: Vec<Option<char>>,
    next: Next,
    final_out: Out,
    initial_out: Out,
    ctx: RuleCtx,
}

struct Data {
    initials: Vec<char>,
    vowels: Vec<char>,
    finals: Vec<char>,
    rules: Vec<SoundRule>,
    /// Indices into `rules` by the final they apply to (in file order).
    by_final: FastMap<Option<char>, Vec<usize>>,
    words: HashMap<String, String>,
    /// Surname in Hangul → conventional spellings.
    surnames: HashMap<String, Vec<&'static str>>,
}

fn one(s: &str, file: &str) -> char {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => c,
        _ => panic!("data/{file}: one jamo expected, got {s:?}"),
    }
}

fn jamo_set(s: &str) -> Vec<Option<char>> {
    s.chars()
        .map(|c| if c == '_' { None } else { Some(c) })
        .collect()
}

fn data() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| {
        let mut initials = Vec::new();
        let mut vowels = Vec::new();
        let mut finals = Vec::new();
        for line in data_lines(include_str!("data/ko_jamo.tsv")) {
            match line.split_once('\t') {
                Some(("initials", s)) => initials = s.chars().collect(),
                Some(("vowels", s)) => vowels = s.chars().collect(),
                Some(("finals", s)) => finals = s.chars().collect(),
                _ => panic!("data/ko_jamo.tsv: bad line {line:?}"),
            }
        }
        assert!(
            initials.len() == 19 && vowels.len() == 21 && finals.len() == 27,
            "data/ko_jamo.tsv: 19 initials, 21 vowels and 27 finals expected"
        );
        let f = "ko_sound_changes.tsv";
        let mut rules = Vec::new();
        for line in data_lines(include_str!("data/ko_sound_changes.tsv")) {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(
                cols.len() == 4 || cols.len() == 5,
                "data/{f}: bad line {line:?}"
            );
            let next = if cols[1]
                .chars()
                .any(|c| (S_BASE..=S_LAST).contains(&(c as u32)))
            {
                Next::Syllables(cols[1].chars().collect())
            } else {
                Next::Initials(cols[1].chars().collect())
            };
            let out = |s: &str| match s {
                "=" => Out::Keep,
                "_" => Out::NoFinal,
                s => Out::Jamo(one(s, f)),
            };
            let ctx = match cols.get(4).copied() {
                None | Some("") => RuleCtx::Any,
                Some("before_i") => RuleCtx::BeforeI,
                Some("suffix") => RuleCtx::Suffix,
                Some(other) => panic!("data/{f}: unknown context {other:?}"),
            };
            rules.push(SoundRule {
                finals: jamo_set(cols[0]),
                next,
                final_out: out(cols[2]),
                initial_out: out(cols[3]),
                ctx,
            });
        }
        let words = data_lines(include_str!("data/ko_words.tsv"))
            .map(|l| {
                let (a, b) = l
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("data/ko_words.tsv: bad line {l:?}"));
                (a.to_string(), b.to_string())
            })
            .collect();
        let surnames = data_lines(include_str!("data/ko_surnames.tsv"))
            .map(|l| {
                let (a, b) = l
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("data/ko_surnames.tsv: bad line {l:?}"));
                (a.to_string(), b.split(',').map(str::trim).collect())
            })
            .collect();
        let mut by_final: FastMap<Option<char>, Vec<usize>> = FastMap::default();
        for (i, r) in rules.iter().enumerate() {
            for &f in &r.finals {
                by_final.entry(f).or_default().push(i);
            }
        }
        Data {
            initials,
            vowels,
            finals,
            rules,
            by_final,
            words,
            surnames,
        }
    })
}

#[derive(Debug)]
enum ICtx {
    Any,
    WordStart,
    After(Vec<Option<char>>),
    Before(Vec<char>),
}

/// Text inserted between two syllables: (finals — `None` in the list: no
/// final; the list `None`: any final), initials, text.
type Juncture = (Option<Vec<Option<char>>>, Vec<char>, String);

/// A Korean scheme's jamo values (one of the `data/ko_*.tsv` files).
#[derive(Debug)]
pub(crate) struct KoScheme {
    sound_changes: bool,
    initials: FastMap<char, Vec<(ICtx, String)>>,
    vowels: FastMap<char, String>,
    finals: FastMap<char, String>,
    junctures: Vec<Juncture>,
}

/// The parsed Korean scheme table `file`.
pub(crate) fn scheme(file: &str) -> &'static KoScheme {
    static S: OnceLock<HashMap<&'static str, KoScheme>> = OnceLock::new();
    let all = S.get_or_init(|| {
        [
            ("ko_rr.tsv", include_str!("data/ko_rr.tsv")),
            (
                "ko_rr_translit.tsv",
                include_str!("data/ko_rr_translit.tsv"),
            ),
            ("ko_mr.tsv", include_str!("data/ko_mr.tsv")),
            ("ko_mr_plain.tsv", include_str!("data/ko_mr_plain.tsv")),
            ("ko_dprk.tsv", include_str!("data/ko_dprk.tsv")),
            ("ko_loan.tsv", include_str!("data/ko_loan.tsv")),
        ]
        .into_iter()
        .map(|(name, text)| (name, parse_scheme(name, text)))
        .collect()
    });
    all.get(file)
        .unwrap_or_else(|| panic!("no embedded Korean table {file}"))
}

fn parse_scheme(f: &str, text: &'static str) -> KoScheme {
    let mut s = KoScheme {
        sound_changes: false,
        initials: FastMap::default(),
        vowels: FastMap::default(),
        finals: FastMap::default(),
        junctures: Vec::new(),
    };
    for line in data_lines(text) {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            ["@sound_changes", v] => s.sound_changes = *v == "yes",
            ["I", j, v] => s
                .initials
                .entry(one(j, f))
                .or_default()
                .push((ICtx::Any, v.to_string())),
            ["I", j, v, ctx] => {
                let c = if *ctx == "word_start" {
                    ICtx::WordStart
                } else if let Some(set) = ctx.strip_prefix("after:") {
                    ICtx::After(jamo_set(set))
                } else if let Some(set) = ctx.strip_prefix("before:") {
                    ICtx::Before(set.chars().collect())
                } else {
                    panic!("data/{f}: unknown context {ctx:?}")
                };
                s.initials
                    .entry(one(j, f))
                    .or_default()
                    .push((c, v.to_string()));
            }
            ["V", j, v] => {
                s.vowels.insert(one(j, f), v.to_string());
            }
            ["F", j, v] => {
                s.finals.insert(one(j, f), v.to_string());
            }
            ["J", fin, ini, v] => {
                let fin = if *fin == "*" {
                    None
                } else {
                    Some(jamo_set(fin))
                };
                s.junctures
                    .push((fin, ini.chars().collect(), v.to_string()));
            }
            _ => panic!("data/{f}: bad line {line:?}"),
        }
    }
    s
}

/// Whether `c` is handled as Hangul (a run of such characters is a word).
pub(crate) fn is_hangul(c: char) -> bool {
    let cp = c as u32;
    (S_BASE..=0xD7FF).contains(&cp)
        || (0x1100..=0x11FF).contains(&cp)
        || (0x3131..=0x318E).contains(&cp)
        || (0xA960..=0xA97F).contains(&cp)
        || (0xFFA0..=0xFFDC).contains(&cp)
}

fn decompose(c: char) -> Option<Syl> {
    let cp = c as u32;
    if !(S_BASE..=S_LAST).contains(&cp) {
        return None;
    }
    let d = data();
    let s = cp - S_BASE;
    let l = *d.initials.get((s / (V_COUNT * T_COUNT)) as usize)?;
    let v = *d
        .vowels
        .get(((s % (V_COUNT * T_COUNT)) / T_COUNT) as usize)?;
    let t = match s % T_COUNT {
        0 => None,
        t => Some(*d.finals.get(t as usize - 1)?),
    };
    Some(Syl { l, v, t })
}

fn compose(s: Syl) -> Option<char> {
    let d = data();
    let l = d.initials.iter().position(|&c| c == s.l)? as u32;
    let v = d.vowels.iter().position(|&c| c == s.v)? as u32;
    let t = match s.t {
        None => 0,
        Some(t) => d.finals.iter().position(|&c| c == t)? as u32 + 1,
    };
    char::from_u32(S_BASE + (l * V_COUNT + v) * T_COUNT + t)
}

fn tokenize(run: &[char], toks: &mut Vec<Tok>) {
    let d = data();
    toks.clear();
    let mut i = 0;
    while i < run.len() {
        let c = run[i];
        let cp = c as u32;
        let idx = |base: u32, n: usize| -> Option<usize> {
            let k = cp.checked_sub(base)? as usize;
            (k < n).then_some(k)
        };
        if let Some(s) = decompose(c) {
            toks.push(Tok::Syl(s));
        } else if let Some(l) = idx(L_BASE, d.initials.len()) {
            // Conjoining jamo: L V (T) make a syllable.
            let v = run
                .get(i + 1)
                .and_then(|&n| (n as u32).checked_sub(V_BASE))
                .filter(|&k| k < V_COUNT);
            match v {
                Some(v) => {
                    let t = run
                        .get(i + 2)
                        .and_then(|&n| (n as u32).checked_sub(T_BASE + 1))
                        .filter(|&k| (k as usize) < d.finals.len());
                    toks.push(Tok::Syl(Syl {
                        l: d.initials[l],
                        v: d.vowels[v as usize],
                        t: t.map(|k| d.finals[k as usize]),
                    }));
                    i += if t.is_some() { 3 } else { 2 };
                    continue;
                }
                None => toks.push(Tok::Jamo(d.initials[l])),
            }
        } else if let Some(v) = idx(V_BASE, d.vowels.len()) {
            toks.push(Tok::Jamo(d.vowels[v]));
        } else if let Some(t) = idx(T_BASE + 1, d.finals.len()) {
            toks.push(Tok::Jamo(d.finals[t]));
        } else if d.initials.contains(&c) || d.vowels.contains(&c) || d.finals.contains(&c) {
            toks.push(Tok::Jamo(c));
        } else {
            toks.push(Tok::Other(c));
        }
        i += 1;
    }
}

fn apply_sound_changes(toks: &mut [Tok]) {
    let d = data();
    for k in 0..toks.len().saturating_sub(1) {
        let (Tok::Syl(a), Tok::Syl(b)) = (toks[k], toks[k + 1]) else {
            continue;
        };
        let Some(candidates) = d.by_final.get(&a.t) else {
            continue;
        };
        for r in candidates.iter().filter_map(|&i| d.rules.get(i)) {
            let next_ok = match &r.next {
                Next::Initials(set) => set.contains(&b.l),
                Next::Syllables(set) => compose(b).is_some_and(|c| set.contains(&c)),
            };
            let ctx_ok = match r.ctx {
                RuleCtx::Any => true,
                RuleCtx::BeforeI => b.v == 'ㅣ',
                RuleCtx::Suffix => k + 1 >= 2,
            };
            if !(next_ok && ctx_ok) {
                continue;
            }
            let mut a2 = a;
            let mut b2 = b;
            match r.final_out {
                Out::Keep => {}
                Out::NoFinal => a2.t = None,
                Out::Jamo(j) => a2.t = Some(j),
            }
            if let Out::Jamo(j) = r.initial_out {
                b2.l = j;
            }
            toks[k] = Tok::Syl(a2);
            toks[k + 1] = Tok::Syl(b2);
            break;
        }
    }
}

/// Previous sound inside the word: `None` at the start of a word.
type Prev = Option<Option<char>>;

fn initial(s: &KoScheme, l: char, v: char, prev: Prev) -> &str {
    let Some(rules) = s.initials.get(&l) else {
        return "";
    };
    for (ctx, val) in rules {
        let ok = match ctx {
            ICtx::Any => true,
            ICtx::WordStart => prev.is_none(),
            ICtx::After(set) => prev.is_some_and(|p| set.contains(&p)),
            ICtx::Before(set) => set.contains(&v),
        };
        if ok {
            return val;
        }
    }
    ""
}

fn juncture(s: &KoScheme, fin: Option<char>, l: char) -> Option<&str> {
    s.junctures
        .iter()
        .find(|(fins, inis, _)| fins.as_ref().is_none_or(|f| f.contains(&fin)) && inis.contains(&l))
        .map(|j| j.2.as_str())
}

fn push_syl(s: &KoScheme, syl: Syl, prev: Prev, out: &mut String) {
    out.push_str(initial(s, syl.l, syl.v, prev));
    out.push_str(s.vowels.get(&syl.v).map_or("", String::as_str));
    if let Some(t) = syl.t {
        out.push_str(s.finals.get(&t).map_or("", String::as_str));
    }
}

fn push_jamo(s: &KoScheme, j: char, out: &mut String) {
    if let Some(v) = s.vowels.get(&j) {
        out.push_str(v);
        return;
    }
    let ini = initial(s, j, 'ㅏ', None);
    if !ini.is_empty() {
        out.push_str(ini);
    } else if let Some(f) = s.finals.get(&j) {
        out.push_str(f);
    } else {
        push_unmatched(j, out);
    }
}

fn render(s: &KoScheme, toks: &[Tok], out: &mut String) {
    let mut prev: Prev = None;
    for tok in toks {
        match *tok {
            Tok::Syl(syl) => {
                if let Some(p) = prev {
                    if let Some(j) = juncture(s, p, syl.l) {
                        out.push_str(j);
                    }
                }
                push_syl(s, syl, prev, out);
                prev = Some(syl.t);
            }
            Tok::Jamo(j) => {
                push_jamo(s, j, out);
                prev = None;
            }
            Tok::Other(c) => {
                push_unmatched(c, out);
                prev = None;
            }
        }
    }
}

/// Romanizes `text` with the Korean scheme `file`: runs of Hangul are words;
/// anything else passes through (non-Latin letters via `any_ascii`).
pub(crate) fn translit(text: &str, file: &str, out: &mut String) {
    let s = scheme(file);
    let d = data();
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_hangul(chars[i]) {
            push_unmatched(chars[i], out);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_hangul(chars[i]) {
            i += 1;
        }
        let run = &chars[start..i];
        if s.sound_changes {
            word.clear();
            word.extend(run);
            if let Some(p) = d.words.get(&word) {
                let p: Vec<char> = p.chars().collect();
                tokenize(&p, &mut toks);
            } else {
                tokenize(run, &mut toks);
            }
            apply_sound_changes(&mut toks);
        } else {
            tokenize(run, &mut toks);
        }
        render(s, &toks, out);
    }
}

/// A Korean personal name split into surname and given name (Hangul).
#[derive(Debug, Clone)]
pub(crate) struct Name {
    /// The surname as written.
    pub surname: String,
    surname_syls: Vec<Syl>,
    given: Vec<Syl>,
}

impl Name {
    /// Conventional spellings of the surname (Kim, Lee, Park, Choi, …).
    pub(crate) fn conventional(&self) -> &'static [&'static str] {
        data()
            .surnames
            .get(&self.surname)
            .map_or(&[], |v| v.as_slice())
    }
}

/// Recognizes a personal name: one word of 2–4 syllables starting with a
/// listed surname (two-syllable surnames first), or a surname and a given
/// name of 1–3 syllables separated by a space.
pub(crate) fn name_parts(text: &str) -> Option<Name> {
    let d = data();
    let words: Vec<&str> = text.split_whitespace().collect();
    let syls = |w: &str| -> Option<Vec<Syl>> { w.chars().map(decompose).collect() };
    let (sur, given): (String, Vec<Syl>) = match words.as_slice() {
        [s, g] => {
            let gs = syls(g)?;
            syls(s)?;
            if !d.surnames.contains_key(*s) || gs.is_empty() || gs.len() > 3 {
                return None;
            }
            (s.to_string(), gs)
        }
        [w] => {
            let all = syls(w)?;
            if !(2..=4).contains(&all.len()) {
                return None;
            }
            let chars: Vec<char> = w.chars().collect();
            let two: String = chars.iter().take(2).collect();
            let one: String = chars.iter().take(1).collect();
            if all.len() >= 3 && d.surnames.contains_key(&two) {
                (two, all[2..].to_vec())
            } else if d.surnames.contains_key(&one) && all.len() <= 4 {
                (one, all[1..].to_vec())
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let surname_syls = syls(&sur)?;
    Some(Name {
        surname: sur,
        surname_syls,
        given,
    })
}

/// The scheme's rendering of a name: the surname, and each given-name
/// syllable on its own (no sound changes across them; voicing after the
/// previous syllable as the scheme writes it: Kim Kye Gwan, Tae-jung).
pub(crate) fn render_name(file: &str, name: &Name) -> (String, Vec<String>) {
    let s = scheme(file);
    let mut surname = String::new();
    let mut prev: Prev = None;
    for &syl in &name.surname_syls {
        push_syl(s, syl, prev, &mut surname);
        prev = Some(syl.t);
    }
    let mut given = Vec::new();
    let mut prev: Prev = None;
    for &syl in &name.given {
        let mut g = String::new();
        push_syl(s, syl, prev, &mut g);
        given.push(g);
        prev = Some(syl.t);
    }
    (surname, given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        for f in [
            "ko_rr.tsv",
            "ko_rr_translit.tsv",
            "ko_mr.tsv",
            "ko_mr_plain.tsv",
            "ko_dprk.tsv",
            "ko_loan.tsv",
        ] {
            let s = scheme(f);
            assert_eq!(s.vowels.len(), 21, "{f}");
            assert_eq!(s.finals.len(), 27, "{f}");
            assert_eq!(s.initials.len(), 19, "{f}");
        }
        assert!(!data().rules.is_empty());
    }

    #[test]
    fn compose_inverts_decompose() {
        for cp in (S_BASE..=S_LAST).step_by(97) {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(compose(decompose(c).unwrap()), Some(c));
        }
    }
}
