//! The edit-cost model: which edits are cheap for names.
//!
//! A [`CostTable`] is parsed from a TSV text (see `data/costs.tsv` for the
//! format and the shipped rows). [`CostTable::names`] is the shipped table,
//! parsed once on first use; [`CostTable::unit`] is plain restricted
//! Damerau–Levenshtein with every edit costing [`UNIT`] points.
//!
//! Rules are classified when parsed:
//! * one character on each side: a substitution cost (`o`/`u`),
//! * one character on one side, nothing on the other: an insertion/deletion
//!   cost for that character (space, `y`, `h`),
//! * anything else: a general rule matched on both strings (`kh`/`h`,
//!   `sch`/`sh`, `iy`/`y`).

use std::fmt;
use std::sync::OnceLock;

/// Cost points of one ordinary edit (substitution, insertion, deletion or
/// transposition). Budgets and [`crate::fuzzy::Hit::cost`] are in these points.
pub const UNIT: u32 = 10;

/// Longest side of a general rule, in characters.
pub const MAX_RULE_CHARS: usize = 4;

/// The highest cost a single rule or default may have.
pub const MAX_COST: u32 = 200;

/// Marker in the ASCII tables for "no specific rule".
pub(crate) const NO_RULE: u8 = u8::MAX;

/// A general (multi-character or mixed) rewrite rule, one direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// Characters as they appear in the query (may be empty).
    pub from: Vec<char>,
    /// Characters as they appear in the matched key (may be empty).
    pub to: Vec<char>,
    /// Cost in points.
    pub cost: u32,
    /// The note column of the TSV row.
    pub note: String,
}

/// Error returned by [`CostTable::parse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostParseError {
    /// 1-based line number of the offending row.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for CostParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cost table line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for CostParseError {}

/// A parsed edit-cost model. See the module documentation.
#[derive(Clone, Debug)]
pub struct CostTable {
    pub(crate) sub_default: u8,
    pub(crate) indel_default: u8,
    pub(crate) transpose: u8,
    pub(crate) double: u8,
    /// `sub[a * 128 + b]`: cost of query char `a` matched to key char `b`
    /// (ASCII only), or [`NO_RULE`].
    pub(crate) sub: Vec<u8>,
    /// Cost of deleting a query char (ASCII only), or [`NO_RULE`].
    pub(crate) del: [u8; 128],
    /// Cost of inserting a key char (ASCII only), or [`NO_RULE`].
    pub(crate) ins: [u8; 128],
    /// Substitution/indel rules on non-ASCII characters.
    pub(crate) wide_sub: Vec<(char, char, u8)>,
    pub(crate) wide_indel: Vec<(char, u8, bool)>,
    /// General rules, both directions.
    pub(crate) rules: Vec<Rule>,
    /// The smallest cost of any edit or rule (see [`CostTable::min_cost`]).
    min_cost: u8,
    /// Per ASCII query char `a`: the key chars `b` with a `sub` rule, and
    /// those rules as (cost, every partner costing at most that), cheapest
    /// first.
    sub_ruled: Vec<u128>,
    sub_levels: Vec<Vec<(u8, u128)>>,
}

const NAMES_TSV: &str = include_str!("data/costs.tsv");

impl CostTable {
    /// The smallest cost any single edit or rule of this table can add.
    pub(crate) fn min_cost(&self) -> u8 {
        self.min_cost
    }

    fn compute_min_cost(&self) -> u8 {
        let mut m = (self.sub_default)
            .min(self.indel_default)
            .min(self.transpose)
            .min(self.double);
        for &v in self
            .sub
            .iter()
            .chain(self.del.iter())
            .chain(self.ins.iter())
        {
            if v != NO_RULE {
                m = m.min(v);
            }
        }
        for &(_, _, v) in &self.wide_sub {
            m = m.min(v);
        }
        for &(_, v, _) in &self.wide_indel {
            m = m.min(v);
        }
        for r in &self.rules {
            m = m.min(r.cost.min(u8::MAX as u32) as u8);
        }
        m
    }

    fn compute_sub_levels(&mut self) {
        for a in 0..128 {
            let row = &self.sub[a * 128..a * 128 + 128];
            let mut levels = Vec::new();
            add_levels(
                &mut levels,
                (0..128u8)
                    .filter(|&b| row[b as usize] != NO_RULE)
                    .map(|b| (row[b as usize], b)),
            );
            self.sub_ruled[a] = levels.last().map_or(0, |l| l.1);
            self.sub_levels[a] = levels;
        }
    }

    /// The ASCII key chars `b` with `sub_cost(a, b) <= limit`, for a query
    /// char `a` (any char).
    pub(crate) fn sub_mask(&self, a: u32, limit: u8) -> u128 {
        let (ruled, cheap) = if a < 128 {
            let mut cheap = 0u128;
            for &(cost, mask) in &self.sub_levels[a as usize] {
                if cost > limit {
                    break;
                }
                cheap = mask;
            }
            (self.sub_ruled[a as usize], cheap)
        } else {
            let (mut ruled, mut cheap) = (0u128, 0u128);
            for &(x, y, c) in &self.wide_sub {
                if x as u32 == a && (y as u32) < 128 {
                    ruled |= 1u128 << y as u32;
                    if c <= limit {
                        cheap |= 1u128 << y as u32;
                    }
                }
            }
            (ruled, cheap)
        };
        let mut m = cheap;
        if self.sub_default <= limit {
            m |= !ruled;
        }
        if a < 128 {
            // sub_cost(a, a) is 0
            m |= 1u128 << a;
        }
        m
    }

    /// The shipped name-matching table (`data/costs.tsv`), parsed once.
    pub fn names() -> &'static CostTable {
        static T: OnceLock<CostTable> = OnceLock::new();
        T.get_or_init(|| {
            // The shipped table is tested to parse; fall back to unit costs
            // rather than panic if it ever did not.
            CostTable::parse(NAMES_TSV).unwrap_or_else(|_| CostTable::unit_table())
        })
    }

    /// The text of the shipped table (for documentation and tests).
    pub fn names_source() -> &'static str {
        NAMES_TSV
    }

    /// Plain restricted Damerau–Levenshtein: every edit costs [`UNIT`],
    /// no rules, no cheap doubles or spaces.
    pub fn unit() -> &'static CostTable {
        static T: OnceLock<CostTable> = OnceLock::new();
        T.get_or_init(CostTable::unit_table)
    }

    fn unit_table() -> CostTable {
        CostTable {
            sub_default: UNIT as u8,
            indel_default: UNIT as u8,
            transpose: UNIT as u8,
            double: UNIT as u8,
            sub: vec![NO_RULE; 128 * 128],
            del: [NO_RULE; 128],
            ins: [NO_RULE; 128],
            wide_sub: Vec::new(),
            wide_indel: Vec::new(),
            rules: Vec::new(),
            min_cost: UNIT as u8,
            sub_ruled: vec![0; 128],
            sub_levels: vec![Vec::new(); 128],
        }
    }

    /// Parses a table in the `costs.tsv` format.
    pub fn parse(text: &str) -> Result<CostTable, CostParseError> {
        let mut t = CostTable::unit_table();
        for (idx, raw) in text.lines().enumerate() {
            let line = idx + 1;
            let err = |m: &str| CostParseError {
                line,
                message: m.to_string(),
            };
            let l = raw.trim_end_matches('\r');
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let mut f = l.split('\t');
            let from = f.next().unwrap_or("");
            let to = f
                .next()
                .ok_or_else(|| err("expected from<TAB>to<TAB>cost<TAB>note"))?;
            let cost_s = f.next().ok_or_else(|| err("missing cost column"))?;
            let note = f.next().unwrap_or("").to_string();
            let cost: u32 = cost_s
                .trim()
                .parse()
                .map_err(|_| err("cost is not a number"))?;
            if cost > MAX_COST {
                return Err(err("cost above MAX_COST"));
            }
            let c8 = cost as u8;
            if from.starts_with('<') && from.ends_with('>') {
                if !to.is_empty() {
                    return Err(err("keyword rows take an empty `to`"));
                }
                match from {
                    "<sub>" => t.sub_default = c8,
                    "<indel>" => t.indel_default = c8,
                    "<transpose>" => t.transpose = c8,
                    "<double>" => t.double = c8,
                    _ => return Err(err("unknown keyword")),
                }
                continue;
            }
            let a = unescape(from).ok_or_else(|| err("bad escape"))?;
            let b = unescape(to).ok_or_else(|| err("bad escape"))?;
            if a.is_empty() && b.is_empty() {
                return Err(err("both sides empty"));
            }
            if a.len() > MAX_RULE_CHARS || b.len() > MAX_RULE_CHARS {
                return Err(err("a side is longer than MAX_RULE_CHARS"));
            }
            if a == b {
                return Err(err("both sides equal"));
            }
            match (a.len(), b.len()) {
                (1, 1) => {
                    t.set_sub(a[0], b[0], c8);
                    t.set_sub(b[0], a[0], c8);
                }
                (1, 0) | (0, 1) => {
                    let c = if a.is_empty() { b[0] } else { a[0] };
                    t.set_indel(c, c8);
                }
                _ => {
                    t.rules.push(Rule {
                        from: a.clone(),
                        to: b.clone(),
                        cost,
                        note: note.clone(),
                    });
                    t.rules.push(Rule {
                        from: b,
                        to: a,
                        cost,
                        note,
                    });
                }
            }
        }
        t.min_cost = t.compute_min_cost();
        t.compute_sub_levels();
        Ok(t)
    }

    fn set_sub(&mut self, a: char, b: char, c: u8) {
        if a.is_ascii() && b.is_ascii() {
            let slot = &mut self.sub[a as usize * 128 + b as usize];
            *slot = (*slot).min(c);
        } else {
            self.wide_sub.push((a, b, c));
        }
    }

    fn set_indel(&mut self, ch: char, c: u8) {
        if ch.is_ascii() {
            self.del[ch as usize] = self.del[ch as usize].min(c);
            self.ins[ch as usize] = self.ins[ch as usize].min(c);
        } else {
            self.wide_indel.push((ch, c, true));
        }
    }

    /// General rules (both directions), in table order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Cost of matching query char `a` to key char `b` (0 when equal), and
    /// whether it came from a rule (true) or the default (false).
    #[inline]
    pub(crate) fn sub_cost(&self, a: u32, b: u32) -> (u32, bool) {
        if a == b {
            return (0, true);
        }
        if a < 128 && b < 128 {
            let c = self.sub[a as usize * 128 + b as usize];
            if c != NO_RULE {
                return (c as u32, true);
            }
        } else if !self.wide_sub.is_empty() {
            for &(x, y, c) in &self.wide_sub {
                if x as u32 == a && y as u32 == b {
                    return (c as u32, true);
                }
            }
        }
        (self.sub_default as u32, false)
    }

    /// Specific (rule) cost of inserting or deleting `c`, if any.
    #[inline]
    pub(crate) fn indel_rule(&self, c: u32) -> Option<u32> {
        if c < 128 {
            let v = self.del[c as usize];
            if v != NO_RULE {
                return Some(v as u32);
            }
        } else {
            for &(x, v, _) in &self.wide_indel {
                if x as u32 == c {
                    return Some(v as u32);
                }
            }
        }
        None
    }

    /// Default substitution cost in points.
    pub fn substitution_cost(&self) -> u32 {
        self.sub_default as u32
    }

    /// Default insertion/deletion cost in points.
    pub fn indel_cost(&self) -> u32 {
        self.indel_default as u32
    }

    /// Transposition cost in points.
    pub fn transpose_cost(&self) -> u32 {
        self.transpose as u32
    }

    /// Doubled-letter cost in points.
    pub fn double_cost(&self) -> u32 {
        self.double as u32
    }
}

/// Appends to `out` the (cost, char) pairs of `items` (ASCII chars) as
/// levels: (cost, every char costing at most that), cheapest first.
pub(crate) fn add_levels(out: &mut Vec<(u8, u128)>, items: impl Iterator<Item = (u8, u8)>) {
    let start = out.len();
    for (cost, c) in items {
        let bit = 1u128 << (c & 127);
        match out[start..].iter_mut().find(|l| l.0 == cost) {
            Some(l) => l.1 |= bit,
            None => out.push((cost, bit)),
        }
    }
    out[start..].sort_unstable_by_key(|l| l.0);
    let mut all = 0u128;
    for l in &mut out[start..] {
        all |= l.1;
        l.1 = all;
    }
}

fn unescape(s: &str) -> Option<Vec<char>> {
    let mut out = Vec::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next()? {
                's' => out.push(' '),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}
