//! The rule-table engine for alphabetic scripts (Cyrillic, Greek, acronyms):
//! parsing the TSV tables of `data/` and applying them to one word.

use std::collections::HashMap;

use super::script::{self, FastMap};

/// The text of an embedded data file, by file name.
pub(crate) fn embedded(name: &str) -> Option<&'static str> {
    Some(match name {
        "ru_bgn_pcgn.tsv" => include_str!("data/ru_bgn_pcgn.tsv"),
        "ru_bgn_pcgn_alt.tsv" => include_str!("data/ru_bgn_pcgn_alt.tsv"),
        "ru_press.tsv" => include_str!("data/ru_press.tsv"),
        "ru_wikipedia.tsv" => include_str!("data/ru_wikipedia.tsv"),
        "ru_icao.tsv" => include_str!("data/ru_icao.tsv"),
        "ru_iso9.tsv" => include_str!("data/ru_iso9.tsv"),
        "ru_iso9_b.tsv" => include_str!("data/ru_iso9_b.tsv"),
        "ru_scholarly.tsv" => include_str!("data/ru_scholarly.tsv"),
        "ru_ala_lc.tsv" => include_str!("data/ru_ala_lc.tsv"),
        "ru_ala_lc_alt.tsv" => include_str!("data/ru_ala_lc_alt.tsv"),
        "uk_national.tsv" => include_str!("data/uk_national.tsv"),
        "uk_bgn_pcgn.tsv" => include_str!("data/uk_bgn_pcgn.tsv"),
        "be_national.tsv" => include_str!("data/be_national.tsv"),
        "bg_official.tsv" => include_str!("data/bg_official.tsv"),
        "sr_latin.tsv" => include_str!("data/sr_latin.tsv"),
        "mk_latin.tsv" => include_str!("data/mk_latin.tsv"),
        "el_elot743.tsv" => include_str!("data/el_elot743.tsv"),
        "acronym.tsv" => include_str!("data/acronym.tsv"),
        "acronym_uk.tsv" => include_str!("data/acronym_uk.tsv"),
        "acronym_bg.tsv" => include_str!("data/acronym_bg.tsv"),
        _ => return None,
    })
}

/// Every alphabet table (parsed together on first use).
pub(crate) const ALPHABET_FILES: &[&str] = &[
    "ru_bgn_pcgn.tsv",
    "ru_bgn_pcgn_alt.tsv",
    "ru_press.tsv",
    "ru_wikipedia.tsv",
    "ru_icao.tsv",
    "ru_iso9.tsv",
    "ru_iso9_b.tsv",
    "ru_scholarly.tsv",
    "ru_ala_lc.tsv",
    "ru_ala_lc_alt.tsv",
    "uk_national.tsv",
    "uk_bgn_pcgn.tsv",
    "be_national.tsv",
    "bg_official.tsv",
    "sr_latin.tsv",
    "mk_latin.tsv",
    "el_elot743.tsv",
    "acronym.tsv",
    "acronym_uk.tsv",
    "acronym_bg.tsv",
];

/// The parsed table of `name` (one of [`ALPHABET_FILES`]).
pub(crate) fn table(name: &str) -> &'static Table {
    static TABLES: std::sync::OnceLock<HashMap<&'static str, Table>> = std::sync::OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        ALPHABET_FILES
            .iter()
            .map(|&f| {
                let t = Table::parse(f).unwrap_or_else(|e| panic!("embedded table {f}: {e}"));
                (f, t)
            })
            .collect()
    });
    tables
        .get(name)
        .unwrap_or_else(|| panic!("embedded table {name} is not listed in ALPHABET_FILES"))
}

#[derive(Debug)]
enum Cond {
    WordStart(bool),
    WordEnd(bool),
    After(Vec<char>, bool),
    Before(Vec<char>, bool),
}

impl Cond {
    /// Whether the condition holds for a match of `lw[start..end]`.
    fn holds(&self, lw: &[char], start: usize, end: usize) -> bool {
        match self {
            Cond::WordStart(neg) => (start == 0) != *neg,
            Cond::WordEnd(neg) => (end >= lw.len()) != *neg,
            Cond::After(set, neg) => match start.checked_sub(1).and_then(|p| lw.get(p)) {
                None => *neg,
                Some(c) => set.contains(c) != *neg,
            },
            Cond::Before(set, neg) => match lw.get(end) {
                None => *neg,
                Some(c) => set.contains(c) != *neg,
            },
        }
    }
}

#[derive(Debug)]
struct Rule {
    src: Vec<char>,
    out: String,
    conds: Vec<Cond>,
}

/// A parsed rule table: rules by the first (lower-case) letter of their
/// source, longest source first, then in file order.
#[derive(Debug, Default)]
pub(crate) struct Table {
    map: FastMap<char, Vec<Rule>>,
}

impl Table {
    /// Parses the embedded file `name` (following `@include`s).
    pub(crate) fn parse(name: &str) -> Result<Table, String> {
        let mut rules = Vec::new();
        collect(name, &mut rules, 0)?;
        let mut map: FastMap<char, Vec<Rule>> = FastMap::default();
        for r in rules {
            if let Some(&first) = r.src.first() {
                map.entry(first).or_default().push(r);
            }
        }
        for v in map.values_mut() {
            // Stable: equal lengths keep file order.
            v.sort_by_key(|r| std::cmp::Reverse(r.src.len()));
        }
        Ok(Table { map })
    }

    /// Romanizes one normalized word: `w` as written, `lw` lower-cased
    /// (same length); `upper_word` asks for an all-capital output.
    pub(crate) fn apply(&self, w: &[char], lw: &[char], upper_word: bool, out: &mut String) {
        let n = lw.len().min(w.len());
        let mut i = 0;
        'outer: while i < n {
            if let Some(rules) = self.map.get(&lw[i]) {
                for r in rules {
                    let end = i + r.src.len();
                    if end > n || (r.src.len() > 1 && lw[i + 1..end] != r.src[1..]) {
                        continue;
                    }
                    if !r.conds.iter().all(|c| c.holds(&lw[..n], i, end)) {
                        continue;
                    }
                    emit_cased(&r.out, w[i].is_uppercase(), upper_word, out);
                    i = end;
                    continue 'outer;
                }
            }
            script::push_unmatched(w[i], out);
            i += 1;
        }
    }
}

/// Appends `s` with the case of the source: all capitals in an all-capital
/// word, the first letter capitalized after a capital, else as written.
pub(crate) fn emit_cased(s: &str, cap: bool, upper_word: bool, out: &mut String) {
    if upper_word {
        for c in s.chars() {
            out.extend(c.to_uppercase());
        }
    } else if cap {
        let mut done = false;
        for c in s.chars() {
            if !done && c.is_alphabetic() {
                out.extend(c.to_uppercase());
                done = true;
            } else {
                out.push(c);
            }
        }
    } else {
        out.push_str(s);
    }
}

fn collect(name: &str, rules: &mut Vec<Rule>, depth: usize) -> Result<(), String> {
    if depth > 4 {
        return Err(format!("{name}: @include nested too deeply"));
    }
    let text = embedded(name).ok_or_else(|| format!("no embedded table named {name}"))?;
    let mut sets: HashMap<&str, Vec<char>> = HashMap::new();
    for (no, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let at = |m: String| format!("{name}:{}: {m}", no + 1);
        match cols[0] {
            "@set" => {
                if cols.len() != 3 {
                    return Err(at("@set needs a name and letters".into()));
                }
                sets.insert(cols[1], cols[2].chars().collect());
            }
            "@include" => {
                let inc = cols
                    .get(1)
                    .ok_or_else(|| at("@include needs a file".into()))?;
                collect(inc, rules, depth + 1)?;
            }
            src => {
                if cols.len() > 3 {
                    return Err(at("too many columns".into()));
                }
                let src: Vec<char> = src.chars().collect();
                if src.iter().any(|c| c.is_uppercase()) {
                    return Err(at("sources are written in lower case".into()));
                }
                let out = cols.get(1).copied().unwrap_or("").to_string();
                let mut conds = Vec::new();
                if let Some(ctx) = cols.get(2) {
                    for tok in ctx.split([',', ' ']).filter(|t| !t.is_empty()) {
                        let (neg, tok) = match tok.strip_prefix('!') {
                            Some(t) => (true, t),
                            None => (false, tok),
                        };
                        let set =
                            |s: &str| sets.get(s).cloned().unwrap_or_else(|| s.chars().collect());
                        let c = if tok == "word_start" {
                            Cond::WordStart(neg)
                        } else if tok == "word_end" {
                            Cond::WordEnd(neg)
                        } else if let Some(s) = tok.strip_prefix("after:") {
                            Cond::After(set(s), neg)
                        } else if let Some(s) = tok.strip_prefix("before:") {
                            Cond::Before(set(s), neg)
                        } else {
                            return Err(at(format!("unknown context {tok:?}")));
                        };
                        conds.push(c);
                    }
                }
                rules.push(Rule { src, out, conds });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses() {
        for f in ALPHABET_FILES {
            let t = Table::parse(f).unwrap();
            assert!(!t.map.is_empty(), "{f}");
        }
    }
}
