//! The slow, obvious reference: a full-matrix weighted DP over characters.
//!
//! `D[i][j]` is the cheapest way to turn the first `i` query characters into
//! the first `j` key characters using: match (0), substitution, deletion of a
//! query character, insertion of a key character, restricted transposition,
//! doubled/undoubled letter, and the general rules of the [`CostTable`]. An
//! edit whose source cell has `i == 0` or `j == 0` touches the first
//! character and pays the first-letter penalty of [`FuzzyConfig`].

use super::costs::CostTable;
use super::FuzzyConfig;

/// Longest input, in characters, the reference DP accepts.
const MAX_REF_CHARS: usize = 1024;
const INF: u32 = u32::MAX / 4;

/// What kind of edit an [`Edit`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    /// One character replaced by another.
    Substitute,
    /// A query character absent from the key.
    Delete,
    /// A key character absent from the query.
    Insert,
    /// Two adjacent characters swapped.
    Transpose,
    /// A doubled letter written single, or the reverse.
    Double,
    /// A general rule of the cost table (`kh`→`h`, `iy`→`y`, …).
    Rule,
}

/// One edit of the cheapest alignment, as reported by [`explain`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The kind of edit.
    pub kind: EditKind,
    /// Character offset in the query where the edit starts.
    pub query_pos: usize,
    /// Character offset in the matched key where the edit starts.
    pub key_pos: usize,
    /// Query text replaced.
    pub from: String,
    /// Key text it became.
    pub to: String,
    /// Cost in points, first-letter penalty included.
    pub cost: u32,
    /// Whether the cost came from the cost table (else a default cost).
    pub from_table: bool,
    /// The table note for general rules, else empty.
    pub note: String,
}

#[derive(Clone, Copy)]
struct Pen {
    edit: u32,
    rule: u32,
}

impl Pen {
    fn of(cfg: &FuzzyConfig<'_>) -> Pen {
        Pen {
            edit: cfg.first_edit_penalty.map(|p| p.min(INF)).unwrap_or(INF),
            rule: cfg.first_rule_penalty.min(INF),
        }
    }
    #[inline]
    fn add(self, base: u32, from_table: bool, border: bool) -> u32 {
        if border {
            base.saturating_add(if from_table { self.rule } else { self.edit })
        } else {
            base
        }
    }
}

/// Candidate predecessor of a cell.
struct Step {
    pi: usize,
    pj: usize,
    cost: u32,
    kind: EditKind,
    from_table: bool,
    rule: usize,
}

fn ends_with(s: &[u32], end: usize, pat: &[char]) -> bool {
    end >= pat.len()
        && s[end - pat.len()..end]
            .iter()
            .zip(pat)
            .all(|(a, b)| *a == *b as u32)
}

fn contains(s: &[u32], pat: &[char]) -> bool {
    pat.is_empty()
        || (pat.len() <= s.len()
            && s.windows(pat.len())
                .any(|w| w.iter().zip(pat).all(|(a, b)| *a == *b as u32)))
}

/// Every way of reaching cell (i, j) in one edit.
#[allow(clippy::too_many_arguments)]
fn steps(
    q: &[u32],
    k: &[u32],
    i: usize,
    j: usize,
    t: &CostTable,
    rules: &[usize],
    pen: Pen,
    out: &mut Vec<Step>,
) {
    out.clear();
    let border = |pi: usize, pj: usize| pi == 0 || pj == 0;
    if i >= 1 && j >= 1 {
        let (c, rule) = t.sub_cost(q[i - 1], k[j - 1]);
        let cost = if q[i - 1] == k[j - 1] {
            0
        } else {
            pen.add(c, rule, border(i - 1, j - 1))
        };
        out.push(Step {
            pi: i - 1,
            pj: j - 1,
            cost,
            kind: EditKind::Substitute,
            from_table: rule,
            rule: usize::MAX,
        });
        if c != 0 && q[i - 1] != k[j - 1] && rule {
            // a table substitution; also offer the default if cheaper (it never is
            // except with penalties), handled by min over both below
            let d = pen.add(t.sub_default as u32, false, border(i - 1, j - 1));
            out.push(Step {
                pi: i - 1,
                pj: j - 1,
                cost: d,
                kind: EditKind::Substitute,
                from_table: false,
                rule: usize::MAX,
            });
        }
    }
    // deletion of q[i-1]
    if i >= 1 {
        let b = border(i - 1, j);
        out.push(Step {
            pi: i - 1,
            pj: j,
            cost: pen.add(t.indel_default as u32, false, b),
            kind: EditKind::Delete,
            from_table: false,
            rule: usize::MAX,
        });
        if let Some(c) = t.indel_rule(q[i - 1]) {
            out.push(Step {
                pi: i - 1,
                pj: j,
                cost: pen.add(c, true, b),
                kind: EditKind::Delete,
                from_table: true,
                rule: usize::MAX,
            });
        }
        if i >= 2 && q[i - 2] == q[i - 1] {
            out.push(Step {
                pi: i - 1,
                pj: j,
                cost: pen.add(t.double as u32, true, b),
                kind: EditKind::Double,
                from_table: true,
                rule: usize::MAX,
            });
        }
    }
    // insertion of k[j-1]
    if j >= 1 {
        let b = border(i, j - 1);
        out.push(Step {
            pi: i,
            pj: j - 1,
            cost: pen.add(t.indel_default as u32, false, b),
            kind: EditKind::Insert,
            from_table: false,
            rule: usize::MAX,
        });
        if let Some(c) = t.indel_rule(k[j - 1]) {
            out.push(Step {
                pi: i,
                pj: j - 1,
                cost: pen.add(c, true, b),
                kind: EditKind::Insert,
                from_table: true,
                rule: usize::MAX,
            });
        }
        if j >= 2 && k[j - 2] == k[j - 1] {
            out.push(Step {
                pi: i,
                pj: j - 1,
                cost: pen.add(t.double as u32, true, b),
                kind: EditKind::Double,
                from_table: true,
                rule: usize::MAX,
            });
        }
    }
    // restricted transposition
    if i >= 2 && j >= 2 && q[i - 1] == k[j - 2] && q[i - 2] == k[j - 1] && q[i - 1] != q[i - 2] {
        out.push(Step {
            pi: i - 2,
            pj: j - 2,
            cost: pen.add(t.transpose as u32, false, border(i - 2, j - 2)),
            kind: EditKind::Transpose,
            from_table: false,
            rule: usize::MAX,
        });
    }
    for &r in rules {
        let rule = &t.rules[r];
        if ends_with(q, i, &rule.from) && ends_with(k, j, &rule.to) {
            let (pi, pj) = (i - rule.from.len(), j - rule.to.len());
            out.push(Step {
                pi,
                pj,
                cost: pen.add(rule.cost, true, border(pi, pj)),
                kind: EditKind::Rule,
                from_table: true,
                rule: r,
            });
        }
    }
}

struct Matrix {
    q: Vec<u32>,
    k: Vec<u32>,
    d: Vec<u32>,
    rules: Vec<usize>,
}

fn fill(query: &str, key: &str, cfg: &FuzzyConfig<'_>) -> Option<Matrix> {
    let q: Vec<u32> = query.chars().map(|c| c as u32).collect();
    let k: Vec<u32> = key.chars().map(|c| c as u32).collect();
    if q.len() > MAX_REF_CHARS || k.len() > MAX_REF_CHARS {
        return None;
    }
    let t = cfg.costs;
    let rules: Vec<usize> = (0..t.rules.len())
        .filter(|&r| contains(&q, &t.rules[r].from) && contains(&k, &t.rules[r].to))
        .collect();
    let pen = Pen::of(cfg);
    let w = k.len() + 1;
    let mut d = vec![INF; (q.len() + 1) * w];
    d[0] = 0;
    let mut buf = Vec::new();
    for i in 0..=q.len() {
        for j in 0..=k.len() {
            if i == 0 && j == 0 {
                continue;
            }
            steps(&q, &k, i, j, t, &rules, pen, &mut buf);
            let mut best = INF;
            for s in &buf {
                let v = d[s.pi * w + s.pj].saturating_add(s.cost);
                best = best.min(v);
            }
            d[i * w + j] = best.min(INF);
        }
    }
    Some(Matrix { q, k, d, rules })
}

/// The weighted distance between `query_key` and `key` in points, under
/// `cfg`'s cost table and first-letter penalties (the budget is ignored).
/// `None` when no allowed edit sequence exists (e.g. forbidden first-letter
/// edits) or an input exceeds 1024 characters.
///
/// This is the slow reference (O(n·m·rules)); [`search`](super::search) gives
/// exactly the keys with `weighted_distance ≤ budget`, with the same cost.
pub fn weighted_distance(query_key: &str, key: &str, cfg: &FuzzyConfig<'_>) -> Option<u32> {
    let m = fill(query_key, key, cfg)?;
    let v = m.d[m.d.len() - 1];
    (v < INF).then_some(v)
}

fn chars_to_string(s: &[u32]) -> String {
    s.iter().filter_map(|&c| char::from_u32(c)).collect()
}

/// The edits of one cheapest alignment of `query_key` onto `matched_key`,
/// in query order (for `lookup --explain`). Empty when the strings are equal
/// or no alignment exists. Zero-cost table edits (e.g. a free space) are
/// listed too.
pub fn explain(query_key: &str, matched_key: &str, cfg: &FuzzyConfig<'_>) -> Vec<Edit> {
    let Some(m) = fill(query_key, matched_key, cfg) else {
        return Vec::new();
    };
    let w = m.k.len() + 1;
    let (mut i, mut j) = (m.q.len(), m.k.len());
    if m.d[i * w + j] >= INF {
        return Vec::new();
    }
    let pen = Pen::of(cfg);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    while i > 0 || j > 0 {
        steps(&m.q, &m.k, i, j, cfg.costs, &m.rules, pen, &mut buf);
        let cur = m.d[i * w + j];
        let Some(s) = buf
            .iter()
            .find(|s| m.d[s.pi * w + s.pj].saturating_add(s.cost) == cur)
        else {
            break;
        };
        let from = chars_to_string(&m.q[s.pi..i]);
        let to = chars_to_string(&m.k[s.pj..j]);
        if from != to {
            out.push(Edit {
                kind: s.kind,
                query_pos: s.pi,
                key_pos: s.pj,
                from,
                to,
                cost: s.cost,
                from_table: s.from_table,
                note: if s.rule != usize::MAX {
                    cfg.costs.rules[s.rule].note.clone()
                } else {
                    String::new()
                },
            });
        }
        i = s.pi;
        j = s.pj;
    }
    out.reverse();
    out
}
