//! The weighted bounded edit-distance automaton and the fst traversal.
//!
//! The automaton is the reference DP of [`weighted_distance`] computed one
//! key row at a time: the query (≤ [`MAX_QUERY_CHARS`] chars) is the column
//! axis, each key character adds a row. A [`State`] keeps the last five rows
//! (rules may consume up to four key characters at once) in a ring of
//! fixed-size `u8` arrays with saturating arithmetic, the last four key
//! characters, and a partial UTF-8 sequence. Nothing is allocated per step.
//!
//! Per query, [`Scratch`] prepares the query characters, per-column deletion
//! costs and, for each general rule whose `from` side occurs in the query, a
//! 65-bit mask of query positions where that side ends. This costs
//! O(query × rules) simple comparisons, a few microseconds; no DFA is built.
//!
//! [`search`] walks the fst depth first with one frame per key byte. Three
//! things keep it from stepping the DP where it cannot matter:
//! * a filter before each child: a bound from the parent's row says whether
//!   the child's key char can stay within budget (`child_may_live` for an
//!   ASCII byte, `char_may_live` once a multi-byte char is complete,
//!   `pending_may_live` for the bytes that start one: when no default edit
//!   is affordable only the chars the query and the cost table name can
//!   follow);
//! * frames inside a multi-byte char copy no state: they keep the partial
//!   char and point at the frame that holds the state;
//! * a state where no edit is affordable any more (`exhausted`) is not
//!   stepped further: each within-budget cell `i` can only continue with
//!   exactly `q[i..]`, which is walked with `find_input`.
//!
//! The hits are exactly those of the `fst::Automaton` interface and of the
//! reference DP (tests/fuzzy.rs checks both, on rule tables with non-ASCII
//! chars and on keys that are not UTF-8).
//!
//! [`weighted_distance`]: super::weighted_distance

use super::costs::{add_levels, CostTable, MAX_RULE_CHARS};
use super::{FuzzyConfig, Hit, MAX_QUERY_CHARS};
use fst::Automaton;

const W: usize = MAX_QUERY_CHARS + 1;
const HIST: usize = MAX_RULE_CHARS + 1;
const INF: u8 = u8::MAX;
const INVALID_BASE: u32 = 0x11_0000;
/// In-flight continuations a state remembers (see `State::next`).
const NEXT: usize = 6;

/// Nodes with at least this many transitions get one `viable_ascii` mask
/// instead of a `child_may_live` check per transition.
const MASK_MIN_TRANSITIONS: usize = 2;

const PHASE_NS: u8 = 0;
const PHASE_DP: u8 = 1;
const PHASE_DEAD: u8 = 2;

/// Automaton state: the last DP rows for the key read so far. Fixed size
/// (about 350 bytes), cloned per fst transition.
#[derive(Clone, Debug)]
pub struct State {
    rows: [[u8; W]; HIST],
    mins: [u8; HIST],
    /// Within-budget column range of each row (`lo > hi` when empty).
    lo: [u8; HIST],
    hi: [u8; HIST],
    /// Within-budget columns of the current row (bit `i`: column `i`).
    alive: u128,
    /// Lower bound of what older rows can still add to future rows (through
    /// a transposition or a rule whose key side started before row j).
    carry: u8,
    /// The key chars that continue a within-budget transposition or rule
    /// in flight (the first `next_n`; `next_n > NEXT` when there were more).
    next: [u32; NEXT],
    next_n: u8,
    tail: [u32; MAX_RULE_CHARS],
    /// Key characters consumed.
    j: u32,
    pend: u32,
    pend_need: u8,
    pend_bytes: u8,
    phase: u8,
}

impl State {
    #[inline]
    fn floor(&self) -> u8 {
        self.mins[self.j as usize % HIST].min(self.carry)
    }

    /// Minimum of the current row only.
    #[inline]
    fn row_min(&self) -> u8 {
        self.mins[self.j as usize % HIST]
    }

    #[inline]
    fn last_char(&self) -> u32 {
        if self.j == 0 {
            u32::MAX
        } else {
            self.tail[(self.j as usize - 1) % MAX_RULE_CHARS]
        }
    }
}

#[derive(Clone, Copy, Debug, Default)]
struct ActiveRule {
    f: u8,
    t: u8,
    cost: u8,
    to: [u32; MAX_RULE_CHARS],
    mask: u128,
}

/// Reusable per-thread buffers for [`search`] (query preparation and the
/// traversal stack). Create once with [`Scratch::new`] and pass `&mut` to
/// every search; it only grows.
#[derive(Debug)]
pub struct Scratch {
    prep: Prep,
    stack: Vec<Frame>,
    key: Vec<u8>,
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

impl Scratch {
    /// Empty scratch space.
    pub fn new() -> Scratch {
        Scratch {
            prep: Prep::default(),
            stack: Vec::new(),
            key: Vec::new(),
        }
    }
}

/// One level of the traversal. A frame whose key ends inside a multi-byte
/// character does not copy the automaton state: it keeps the partial
/// character (`pend*`) and the index of the frame that holds the state
/// (`owner`); the state is stepped once the character is complete.
#[derive(Debug)]
struct Frame {
    /// Frame whose `state` this frame uses (its own index unless a
    /// character is pending).
    owner: usize,
    /// Partial UTF-8 character read since `owner`'s state: value so far,
    /// continuation bytes still needed (0: none pending).
    pend: u32,
    pend_need: u8,
    /// When `masked`: the ASCII key bytes that may follow (see
    /// `NameAutomaton::viable_ascii`), used instead of one check per
    /// transition.
    masked: bool,
    mask: u128,
    /// Row minimum of `state` (see `State`), and its last key char.
    floor: u8,
    last: u32,
    next: usize,
    out: u64,
    state: State,
}

#[derive(Debug)]
struct Prep {
    q: [u32; MAX_QUERY_CHARS],
    n: usize,
    budget: u8,
    /// Cost of deleting q[i-1] at column i, not on the border / on it.
    del_inner: [u8; W],
    del_border: [u8; W],
    /// Rules with a non-empty key side.
    rules_t: Vec<ActiveRule>,
    /// Rules with an empty key side (pure query-side deletions).
    rules_e: Vec<ActiveRule>,
    /// Indices into `rules_t` sorted by last / first key-side char, with
    /// per-ASCII-char ranges (non-ASCII chars scan `all_t`).
    by_last: Vec<u16>,
    last_range: [(u16, u16); 128],
    by_first: Vec<u16>,
    first_range: [(u16, u16); 128],
    all_t: Vec<u16>,
    pen_edit: u32,
    pen_rule: u32,
    /// Lower bound of what any key char `c` (ASCII) adds to every cell of a
    /// child row (besides a doubled letter): 0 for query chars, else the
    /// cheapest default, indel rule, substitution rule with a query char or
    /// general rule with `c` on its key side.
    need: [u8; 128],
    /// Query positions of each ASCII char (bit `i`: `q[i]`).
    pos: [u128; 128],
    /// Lower bound of what consuming key char `c` (ASCII) costs other than
    /// by a match, a substitution or a rule whose key side starts with `c`:
    /// an insertion or a pure query-side deletion rule.
    need_other: [u8; 128],
    /// The same on the first key char (border penalties included).
    need_first: [u8; 128],
    /// Lower bounds for any non-ASCII key char (plain / first char).
    need_wide: u8,
    need_wide_first: u8,
    /// Smallest positive cost any edit can add (0 if some edit is free:
    /// disables the exhausted fast path).
    min_pos: u8,
    /// Whether the query has a non-ASCII char.
    wide_q: bool,
    /// Cheapest rule with an empty key side (`INF` if none).
    min_rule_e: u8,
    /// Indices into `rules_t` of rules whose key side starts with a
    /// non-ASCII char.
    wide_first: Vec<u16>,
    /// `need_other` as (cost, every ASCII char needing at most that),
    /// cheapest first.
    other_levels: Vec<(u8, u128)>,
    /// Per source column `i`: the rules whose key side starts with an ASCII
    /// char and whose query side starts right after column `i`, as (cost,
    /// every such first key char costing at most that), cheapest first;
    /// `head_range[i]` indexes `head_levels`.
    head_levels: Vec<(u8, u128)>,
    head_range: [(u16, u16); W],
    /// Reused while building `head_levels`: (column, cost, first key char).
    heads: Vec<(u8, u8, u8)>,
}

impl Default for Prep {
    fn default() -> Self {
        Prep {
            q: [0; MAX_QUERY_CHARS],
            n: 0,
            budget: 0,
            del_inner: [INF; W],
            del_border: [INF; W],
            rules_t: Vec::new(),
            rules_e: Vec::new(),
            by_last: Vec::new(),
            last_range: [(0, 0); 128],
            by_first: Vec::new(),
            first_range: [(0, 0); 128],
            all_t: Vec::new(),
            pen_edit: 0,
            pen_rule: 0,
            need: [0; 128],
            pos: [0; 128],
            need_other: [0; 128],
            need_first: [0; 128],
            need_wide: 0,
            need_wide_first: 0,
            min_pos: 0,
            wide_q: false,
            min_rule_e: INF,
            wide_first: Vec::new(),
            other_levels: Vec::new(),
            head_levels: Vec::new(),
            head_range: [(0, 0); W],
            heads: Vec::new(),
        }
    }
}

/// The row being written (`w`) and two older rows (`a`, `b`), all distinct.
#[inline]
fn split_rows(
    rows: &mut [[u8; W]; HIST],
    w: usize,
    a: usize,
    b: usize,
) -> (&mut [u8; W], &[u8; W], &[u8; W]) {
    let (mut rw, mut ra, mut rb) = (None, None, None);
    for (i, row) in rows.iter_mut().enumerate() {
        if i == w {
            rw = Some(row);
        } else if i == a {
            ra = Some(&*row);
        } else if i == b {
            rb = Some(&*row);
        }
    }
    match (rw, ra, rb) {
        (Some(w), Some(a), Some(b)) => (w, a, b),
        // HIST ≥ 3 and the callers pass distinct indices
        _ => unreachable!("split_rows needs three distinct rows"),
    }
}

/// What rule `ar` brings to each column it reaches from source row `src`:
/// `(column, value)` for every query position where its query side ends.
/// An edit from the border (row 0, `src_on_border`, or column 0) pays
/// `pen`.
#[inline]
fn rule_cells<'r>(
    src: &'r [u8; W],
    ar: &'r ActiveRule,
    src_on_border: bool,
    pen: u8,
) -> impl Iterator<Item = (usize, u8)> + 'r {
    let mut m = ar.mask;
    std::iter::from_fn(move || {
        if m == 0 {
            return None;
        }
        let i = m.trailing_zeros() as usize;
        m &= m - 1;
        let pi = i - ar.f as usize;
        let border = pi == 0 || src_on_border;
        Some((i, add(add(src[pi], ar.cost), if border { pen } else { 0 })))
    })
}

/// Whether a transposition starting at a within-budget cell fits: some
/// `k` with cell `k - 1` alive and the key char at query position `k`
/// (`at`) costs `row[k - 1] + cost <= budget`.
#[inline]
fn transposition_fits(row: &[u8; W], alive: u128, at: u128, cost: u8, budget: u8) -> bool {
    let mut m = (alive << 1) & at;
    while m != 0 {
        let k = m.trailing_zeros() as usize;
        m &= m - 1;
        if add(row[k - 1], cost) <= budget {
            return true;
        }
    }
    false
}

/// Whether rule `ar` can start from a cell of `row` and stay within
/// `budget`, paying `extra` on top of its cost.
#[inline]
fn rule_start_fits(row: &[u8; W], ar: &ActiveRule, extra: u8, budget: u8) -> bool {
    let f = ar.f as usize;
    let mut m = ar.mask;
    while m != 0 {
        let i = m.trailing_zeros() as usize;
        m &= m - 1;
        if add(add(row[i - f], ar.cost), extra) <= budget {
            return true;
        }
    }
    false
}

#[inline]
fn sat(v: u32) -> u8 {
    if v >= INF as u32 {
        INF
    } else {
        v as u8
    }
}

#[inline]
fn add(a: u8, b: u8) -> u8 {
    a.saturating_add(b)
}

impl Prep {
    fn prepare(&mut self, query: &str, cfg: &FuzzyConfig<'_>) -> bool {
        let max = cfg.max_query_chars.min(MAX_QUERY_CHARS);
        let mut n = 0;
        for c in query.chars() {
            if n >= max {
                return false;
            }
            self.q[n] = c as u32;
            n += 1;
        }
        self.n = n;
        self.budget = sat(cfg.budget.for_len(n).min(250));
        self.pen_edit = cfg.first_edit_penalty.unwrap_or(u32::MAX / 4);
        self.pen_rule = cfg.first_rule_penalty;
        let t = cfg.costs;
        let q = &self.q[..n];
        for i in 1..=n {
            let c = q[i - 1];
            let base = t.indel_default as u32;
            let rule = t.indel_rule(c);
            let dup = (i >= 2 && q[i - 2] == c).then_some(t.double as u32);
            let r = match (rule, dup) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            self.del_inner[i] = sat(r.map_or(base, |r| r.min(base)));
            let gb = base.saturating_add(self.pen_edit);
            let rb = r.map_or(u32::MAX, |r| r.saturating_add(self.pen_rule));
            self.del_border[i] = sat(gb.min(rb));
        }
        self.rules_t.clear();
        self.rules_e.clear();
        // ASCII chars of the query: a rule whose query side starts with an
        // ASCII char not among them cannot apply.
        let mut present: u128 = 0;
        for &c in q {
            if c < 128 {
                present |= 1u128 << c;
            }
        }
        for rule in &t.rules {
            let f = rule.from.len();
            if let Some(&c0) = rule.from.first() {
                if (c0 as u32) < 128 && present >> (c0 as u32) & 1 == 0 {
                    continue;
                }
            }
            let mut mask: u128 = 0;
            for i in f..=n {
                if q[i - f..i]
                    .iter()
                    .zip(&rule.from)
                    .all(|(a, b)| *a == *b as u32)
                {
                    mask |= 1u128 << i;
                }
            }
            if mask == 0 {
                continue;
            }
            let mut to = [0u32; MAX_RULE_CHARS];
            for (d, s) in to.iter_mut().zip(&rule.to) {
                *d = *s as u32;
            }
            let ar = ActiveRule {
                f: f as u8,
                t: rule.to.len() as u8,
                cost: sat(rule.cost),
                to,
                mask,
            };
            if rule.to.is_empty() {
                self.rules_e.push(ar);
            } else {
                self.rules_t.push(ar);
            }
        }
        // per-char lower bounds for the child filter
        let pe = self.pen_edit;
        let pr = self.pen_rule;
        let dflt = (t.sub_default as u32).min(t.indel_default as u32);
        let dflt_first = dflt.saturating_add(pe);
        for c in 0..128u32 {
            let mut v = dflt;
            let mut vf = dflt_first;
            if let Some(r) = t.indel_rule(c) {
                v = v.min(r);
                vf = vf.min(r.saturating_add(pr));
            }
            self.need[c as usize] = sat(v);
            self.need_first[c as usize] = sat(vf);
            let ins = t.indel_default as u32;
            self.need_other[c as usize] = sat(t.indel_rule(c).map_or(ins, |r| r.min(ins)));
        }
        self.pos = [0; 128];
        for (x, &qc) in q.iter().enumerate() {
            if qc < 128 {
                self.pos[qc as usize] |= 1u128 << x;
            }
            if q[..x].contains(&qc) {
                continue;
            }
            if qc < 128 {
                // `need` is for a key char that does not match the query
                // char at the cell it continues from: exact matches are
                // checked by position (`pos`) in `child_may_live`.
                self.need_first[qc as usize] = 0;
                let row = &t.sub[qc as usize * 128..qc as usize * 128 + 128];
                for (c, &sc) in row.iter().enumerate() {
                    if sc != super::costs::NO_RULE {
                        self.need[c] = self.need[c].min(sc);
                        self.need_first[c] = self.need_first[c].min(add(sc, sat(pr)));
                    }
                }
            } else {
                for &(a, b, sc) in &t.wide_sub {
                    if a as u32 == qc && (b as u32) < 128 {
                        self.need[b as usize] = self.need[b as usize].min(sc);
                        self.need_first[b as usize] =
                            self.need_first[b as usize].min(add(sc, sat(pr)));
                    }
                }
            }
        }
        let mut w = dflt;
        let mut wf = dflt_first;
        if q.iter().any(|&c| c >= 128) {
            w = 0;
            wf = 0;
        }
        for &(_, _, v) in &t.wide_sub {
            w = w.min(v as u32);
            wf = wf.min((v as u32).saturating_add(pr));
        }
        for &(_, v, _) in &t.wide_indel {
            w = w.min(v as u32);
            wf = wf.min((v as u32).saturating_add(pr));
        }
        for ar in self.rules_t.iter() {
            for &tc in &ar.to[..ar.t as usize] {
                if tc < 128 {
                    let slot = &mut self.need[tc as usize];
                    *slot = (*slot).min(ar.cost);
                    let slot = &mut self.need_first[tc as usize];
                    *slot = (*slot).min(add(ar.cost, sat(pr)));
                } else {
                    w = w.min(ar.cost as u32);
                    wf = wf.min((ar.cost as u32).saturating_add(pr));
                }
            }
        }
        // rules with an empty key side (pure deletions) precede any key char
        for ar in self.rules_e.iter() {
            for slot in self.need.iter_mut() {
                *slot = (*slot).min(ar.cost);
            }
            for slot in self.need_other.iter_mut() {
                *slot = (*slot).min(ar.cost);
            }
            for slot in self.need_first.iter_mut() {
                *slot = (*slot).min(add(ar.cost, sat(pr)));
            }
            w = w.min(ar.cost as u32);
            wf = wf.min((ar.cost as u32).saturating_add(pr));
        }
        self.need_wide = sat(w);
        self.need_wide_first = sat(wf);
        self.wide_q = q.iter().any(|&c| c >= 128);
        self.min_rule_e = self.rules_e.iter().map(|r| r.cost).min().unwrap_or(INF);
        self.other_levels.clear();
        let need_other = self.need_other;
        add_levels(
            &mut self.other_levels,
            (0..128u8).map(|b| (need_other[b as usize], b)),
        );
        self.heads.clear();
        for ar in &self.rules_t {
            if ar.to[0] >= 128 {
                continue;
            }
            let mut src = ar.mask >> ar.f;
            while src != 0 {
                let i = src.trailing_zeros() as u8;
                src &= src - 1;
                self.heads.push((i, ar.cost, ar.to[0] as u8));
            }
        }
        self.heads.sort_unstable();
        self.head_levels.clear();
        self.head_range = [(0, 0); W];
        let mut k = 0;
        while k < self.heads.len() {
            let col = self.heads[k].0;
            let mut e = k;
            while e < self.heads.len() && self.heads[e].0 == col {
                e += 1;
            }
            let start = self.head_levels.len() as u16;
            add_levels(
                &mut self.head_levels,
                self.heads[k..e].iter().map(|&(_, cost, c)| (cost, c)),
            );
            self.head_range[col as usize] = (start, self.head_levels.len() as u16);
            k = e;
        }
        self.wide_first.clear();
        self.wide_first.extend(
            (0..self.rules_t.len().min(u16::MAX as usize))
                .filter(|&i| self.rules_t[i].to[0] >= 128)
                .map(|i| i as u16),
        );
        let min_pos = t.min_cost();
        self.min_pos = min_pos;
        let rt = &self.rules_t;
        self.all_t.clear();
        self.all_t
            .extend((0..rt.len().min(u16::MAX as usize)).map(|i| i as u16));
        self.by_last.clear();
        self.by_last.extend_from_slice(&self.all_t);
        self.by_last
            .sort_unstable_by_key(|&i| rt[i as usize].to[rt[i as usize].t as usize - 1]);
        self.by_first.clear();
        self.by_first.extend(
            self.all_t
                .iter()
                .copied()
                .filter(|&i| rt[i as usize].t >= 2),
        );
        self.by_first
            .sort_unstable_by_key(|&i| rt[i as usize].to[0]);
        fn ranges(idx: &[u16], key: impl Fn(u16) -> u32, out: &mut [(u16, u16); 128]) {
            *out = [(0, 0); 128];
            let mut a = 0;
            while a < idx.len() {
                let k = key(idx[a]);
                let mut b = a;
                while b < idx.len() && key(idx[b]) == k {
                    b += 1;
                }
                if k < 128 {
                    out[k as usize] = (a as u16, b as u16);
                }
                a = b;
            }
        }
        ranges(
            &self.by_last,
            |i| rt[i as usize].to[rt[i as usize].t as usize - 1],
            &mut self.last_range,
        );
        ranges(
            &self.by_first,
            |i| rt[i as usize].to[0],
            &mut self.first_range,
        );
        true
    }
}

/// The automaton for one prepared query. Implements [`fst::Automaton`], so it
/// also works with `map.search(aut)` / `search_with_state`; [`search`] runs
/// it with a reusable stack and a step cap instead.
#[derive(Clone, Copy, Debug)]
pub struct NameAutomaton<'a> {
    prep: &'a Prep,
    costs: &'a CostTable,
    namespace: Option<u8>,
}

impl<'a> NameAutomaton<'a> {
    /// Prepares `query_key` in `scratch` and returns its automaton, or `None`
    /// when the query is longer than `cfg.max_query_chars`.
    pub fn new(
        query_key: &str,
        cfg: &'a FuzzyConfig<'a>,
        scratch: &'a mut Scratch,
    ) -> Option<NameAutomaton<'a>> {
        if !scratch.prep.prepare(query_key, cfg) {
            return None;
        }
        Some(NameAutomaton {
            prep: &scratch.prep,
            costs: cfg.costs,
            namespace: cfg.namespace,
        })
    }

    /// Whether a child of state `s` (row minimum `floor`, last key char
    /// `last`) can survive key byte `b`; `false` means the child is
    /// certainly dead.
    ///
    /// For an ASCII `b` after the first key char, every way into the child
    /// is bounded: a transposition or rule already in flight needs `b` among
    /// its continuations (`State::next`); a match or a transposition
    /// starting here needs `b` at the next or next-but-one query position
    /// of a within-budget cell; a substitution or a rule whose key side
    /// starts with `b` costs its source cell plus the table cost; anything
    /// else (an insertion) at least the row minimum plus
    /// `Prep::need_other`. Other bytes use per-char bounds that hold only
    /// when nothing is in flight (the carry is over budget).
    #[inline]
    fn child_may_live(&self, s: &State, floor: u8, last: u32, first: bool, b: u8) -> bool {
        let p = self.prep;
        if b < 128 && !first {
            if s.next_n as usize > NEXT || s.next[..s.next_n as usize].contains(&(b as u32)) {
                return true;
            }
            let alive = s.alive;
            let at = p.pos[b as usize];
            if alive & at != 0 {
                return true;
            }
            let row = &s.rows[s.j as usize % HIST];
            if transposition_fits(row, alive, at, self.costs.transpose, p.budget) {
                return true;
            }
            let mut other = p.need_other[b as usize];
            if last == b as u32 {
                other = other.min(self.costs.double);
            }
            if add(floor, other) <= p.budget {
                return true;
            }
            let mut m = alive & ((1u128 << p.n) - 1);
            while m != 0 {
                let i = m.trailing_zeros() as usize;
                m &= m - 1;
                let (sc, _) = self.costs.sub_cost(p.q[i], b as u32);
                if add(row[i], sat(sc)) <= p.budget {
                    return true;
                }
            }
            // rules whose key side starts with `b`: one key char (sorted by
            // last char) or more (sorted by first char)
            let (a1, b1) = p.last_range[b as usize];
            let (a2, b2) = p.first_range[b as usize];
            let one = p.by_last[a1 as usize..b1 as usize].iter();
            let more = p.by_first[a2 as usize..b2 as usize].iter();
            for &ri in one.chain(more) {
                let ar = &p.rules_t[ri as usize];
                if ar.to[0] != b as u32 {
                    continue;
                }
                if rule_start_fits(row, ar, 0, p.budget) {
                    return true;
                }
            }
            return false;
        }
        if s.carry <= p.budget {
            return true;
        }
        let need = if b >= 0xC0 {
            if first {
                p.need_wide_first
            } else if last >= 128 {
                // the char being started may double the last one
                p.need_wide.min(self.costs.double)
            } else {
                p.need_wide
            }
        } else if b >= 128 {
            return true;
        } else if first {
            p.need_first[b as usize]
        } else if last == b as u32 {
            p.need[b as usize].min(self.costs.double)
        } else {
            p.need[b as usize]
        };
        add(floor, need) <= p.budget
    }

    /// The ASCII bytes `b` for which [`Self::child_may_live`] (not on the
    /// first key char) holds, all at once: bit `b` of the result. Costs about
    /// as much as a few single checks, so the search uses it for nodes with
    /// many transitions.
    fn viable_ascii(&self, s: &State, floor: u8, last: u32) -> u128 {
        let p = self.prep;
        let t = self.costs;
        let budget = p.budget;
        if s.next_n as usize > NEXT {
            return u128::MAX;
        }
        let mut m = 0u128;
        for &c in &s.next[..s.next_n as usize] {
            if c < 128 {
                m |= 1u128 << c;
            }
        }
        let row = &s.rows[s.j as usize % HIST];
        let alive = s.alive & ((1u128 << p.n) - 1);
        let mut a = alive;
        while a != 0 {
            let i = a.trailing_zeros() as usize;
            a &= a - 1;
            let qc = p.q[i];
            if qc < 128 {
                m |= 1u128 << qc;
            }
            if i + 1 < p.n && p.q[i + 1] < 128 && add(row[i], t.transpose) <= budget {
                m |= 1u128 << p.q[i + 1];
            }
            m |= t.sub_mask(qc, budget - row[i]);
        }
        if floor <= budget {
            let room = budget - floor;
            for &(cost, mask) in &p.other_levels {
                if cost > room {
                    break;
                }
                m |= mask;
            }
            if last < 128 && t.double <= room {
                m |= 1u128 << last;
            }
        }
        let mut a = s.alive & ((1u128 << p.n) - 1);
        while a != 0 {
            let i = a.trailing_zeros() as usize;
            a &= a - 1;
            let room = budget - row[i];
            let (lo, hi) = p.head_range[i];
            for &(cost, mask) in &p.head_levels[lo as usize..hi as usize] {
                if cost > room {
                    break;
                }
                m |= mask;
            }
        }
        m
    }

    /// [`Self::child_may_live`] for a whole non-ASCII key char `c` (the
    /// last byte of its UTF-8 sequence has just been read), with the same
    /// bounds: a continuation in flight, a match or transposition at a
    /// within-budget cell, a substitution or a rule whose key side starts
    /// with `c` from such a cell, or an insertion (or a rule with an empty
    /// key side) on top of the row minimum. On the first key char every
    /// edit pays its border penalty, as in the DP.
    fn char_may_live(&self, s: &State, floor: u8, last: u32, first: bool, c: u32) -> bool {
        let p = self.prep;
        let (pen_edit, pen_rule) = if first {
            (sat(p.pen_edit), sat(p.pen_rule))
        } else {
            (0, 0)
        };
        if s.next_n as usize > NEXT || s.next[..s.next_n as usize].contains(&c) {
            return true;
        }
        let alive = s.alive;
        let row = &s.rows[s.j as usize % HIST];
        if p.wide_q {
            let mut at: u128 = 0;
            for (i, &qc) in p.q[..p.n].iter().enumerate() {
                if qc == c {
                    at |= 1u128 << i;
                }
            }
            if alive & at != 0 {
                return true;
            }
            if transposition_fits(row, alive, at, self.costs.transpose, p.budget) {
                return true;
            }
        }
        let ins = add(self.costs.indel_default, pen_edit);
        let rule = self
            .costs
            .indel_rule(c)
            .map_or(INF, |r| add(sat(r), pen_rule));
        let mut other = ins.min(rule).min(add(p.min_rule_e, pen_rule));
        if last == c {
            other = other.min(self.costs.double);
        }
        if add(floor, other) <= p.budget {
            return true;
        }
        let mut m = alive & ((1u128 << p.n) - 1);
        while m != 0 {
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            let (sc, is_rule) = self.costs.sub_cost(p.q[i], c);
            let sc = if is_rule {
                add(sat(sc), pen_rule).min(add(self.costs.sub_default, pen_edit))
            } else {
                add(sat(sc), pen_edit)
            };
            if add(row[i], sc) <= p.budget {
                return true;
            }
        }
        for &ri in &p.wide_first {
            let ar = &p.rules_t[ri as usize];
            if ar.to[0] != c {
                continue;
            }
            if rule_start_fits(row, ar, pen_rule, p.budget) {
                return true;
            }
        }
        false
    }

    /// Whether some char whose UTF-8 sequence starts with the bytes read so
    /// far (value `v`, `r` continuation bytes still to come) may keep a
    /// child of `s` alive. When a default substitution or insertion is
    /// affordable any char may; otherwise only the chars named by the
    /// query and the cost table can: a query char at or after a
    /// within-budget cell (match, transposition), a rule's partner of one,
    /// a char with its own insertion cost, the first char of a rule's key
    /// side, a continuation in flight, or the last char doubled.
    fn pending_may_live(
        &self,
        s: &State,
        floor: u8,
        last: u32,
        first: bool,
        v: u32,
        r: u8,
    ) -> bool {
        let p = self.prep;
        let t = self.costs;
        let (pen_edit, pen_rule) = if first {
            (sat(p.pen_edit), sat(p.pen_rule))
        } else {
            (0, 0)
        };
        let any = add(t.sub_default, pen_edit)
            .min(add(t.indel_default, pen_edit))
            .min(add(p.min_rule_e, pen_rule));
        if add(floor, any) <= p.budget || s.next_n as usize > NEXT {
            return true;
        }
        let shift = 6 * r as u32;
        let fits = |c: u32| c >= 128 && c >> shift == v;
        if s.next[..s.next_n as usize].iter().any(|&c| fits(c)) || fits(last) {
            return true;
        }
        let mut m = s.alive & ((1u128 << p.n) - 1);
        while m != 0 {
            let i = m.trailing_zeros() as usize;
            m &= m - 1;
            let qc = p.q[i];
            if fits(qc) || (i + 1 < p.n && fits(p.q[i + 1])) {
                return true;
            }
            if t.wide_sub
                .iter()
                .any(|&(a, b, _)| a as u32 == qc && fits(b as u32))
            {
                return true;
            }
        }
        t.wide_indel.iter().any(|&(c, _, _)| fits(c as u32))
            || p.wide_first
                .iter()
                .any(|&ri| fits(p.rules_t[ri as usize].to[0]))
    }

    /// Whether no edit is affordable any more from `s`: every positive-cost
    /// edit would exceed the budget and nothing is in flight. Then the only
    /// keys below `s` within budget continue one of its within-budget cells
    /// `i` with exactly `q[i..]`, at that cell's cost.
    fn exhausted(&self, s: &State) -> bool {
        let p = self.prep;
        s.phase == PHASE_DP
            && s.pend_need == 0
            && s.carry > p.budget
            && p.min_pos > 0
            && add(s.row_min(), p.min_pos) > p.budget
    }

    /// The budget in points this automaton accepts.
    pub fn budget(&self) -> u32 {
        self.prep.budget as u32
    }

    /// The weighted distance of a matching state (`u32::MAX` if the state is
    /// not a match).
    pub fn cost(&self, s: &State) -> u32 {
        if self.is_match(s) {
            s.rows[s.j as usize % HIST][self.prep.n] as u32
        } else {
            u32::MAX
        }
    }

    fn start_dp(&self) -> State {
        let p = self.prep;
        let mut s = State {
            rows: [[INF; W]; HIST],
            mins: [INF; HIST],
            lo: [1; HIST],
            hi: [0; HIST],
            alive: 0,
            carry: INF,
            next: [0; NEXT],
            next_n: 0,
            tail: [0; MAX_RULE_CHARS],
            j: 0,
            pend: 0,
            pend_need: 0,
            pend_bytes: 0,
            phase: PHASE_DP,
        };
        let row = &mut s.rows[0];
        row[0] = 0;
        for i in 1..=p.n {
            let mut v = add(row[i - 1], p.del_border[i]);
            for r in &p.rules_e {
                if r.mask >> i & 1 == 1 {
                    let pi = i - r.f as usize;
                    let pen = sat(p.pen_rule); // source is on row 0: border
                    v = v.min(add(add(row[pi], r.cost), pen));
                }
            }
            row[i] = v;
        }
        s.mins[0] = row[..=p.n].iter().copied().min().unwrap_or(INF);
        for (i, &v) in row[..=p.n].iter().enumerate() {
            if v <= p.budget {
                s.alive |= 1u128 << i;
            }
        }
        let alive = |i: &usize| row[*i] <= p.budget;
        if let (Some(lo), Some(hi)) = ((0..=p.n).find(alive), (0..=p.n).rev().find(alive)) {
            s.lo[0] = lo as u8;
            s.hi[0] = hi as u8;
        }
        s
    }

    /// Adds one key character `c` as a new DP row.
    ///
    /// Only a band of columns is computed: cells that a within-budget cell of
    /// the last rows can reach (`lo..=hi` of each row is its within-budget
    /// range), extended to the right while deletions keep cells within
    /// budget. Cells outside the band are never within budget, so the cells
    /// that matter are exact.
    /// Returns whether the state can still match (what `can_match` would
    /// say), from values still in registers: reading them back from the
    /// state right after it was copied stalls.
    fn step(&self, s: &mut State, c: u32) -> bool {
        let p = self.prep;
        let t = self.costs;
        let n = p.n;
        let budget = p.budget;
        let j = s.j as usize + 1; // row index being computed
        let kprev = if j >= 2 {
            Some(s.tail[(j - 2) % MAX_RULE_CHARS])
        } else {
            None
        };
        s.tail[(j - 1) % MAX_RULE_CHARS] = c;

        // insertion cost of c: inner and on the border
        let base = t.indel_default as u32;
        let rule = t.indel_rule(c);
        let dup = (kprev == Some(c)).then_some(t.double as u32);
        let r = match (rule, dup) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let ins_inner = sat(r.map_or(base, |r| r.min(base)));
        let ins_border = sat((base.saturating_add(p.pen_edit))
            .min(r.map_or(u32::MAX, |r| r.saturating_add(p.pen_rule))));
        let pen_rule = sat(p.pen_rule);
        let pen_edit = sat(p.pen_edit);

        // A row is only computed if some within-budget cell of rows j-1..j-4
        // can still reach it.
        let any_alive = (1..=MAX_RULE_CHARS.min(j)).any(|d| {
            let r = (j - d) % HIST;
            s.lo[r] <= s.hi[r]
        });
        if !any_alive {
            s.alive = 0;
            s.next_n = 0;
            s.rows[j % HIST] = [INF; W];
            s.mins[j % HIST] = INF;
            s.lo[j % HIST] = 1;
            s.hi[j % HIST] = 0;
            s.carry = INF;
            s.j = j as u32;
            return false;
        }

        // contributions of rules with a non-empty key side (older rows
        // only); `rule_lo..=rule_hi` spans the within-budget ones
        let mut tmp = [INF; W];
        let mut any_rule = false;
        let (mut rule_lo, mut rule_hi) = (usize::MAX, 0usize);
        let no_rules = p.rules_t.is_empty();
        let cand: &[u16] = if no_rules {
            &[]
        } else if c < 128 {
            let (a, b) = p.last_range[c as usize];
            &p.by_last[a as usize..b as usize]
        } else {
            &p.all_t
        };
        for &ri in cand {
            let ar = &p.rules_t[ri as usize];
            let tl = ar.t as usize;
            if tl > j || ar.to[tl - 1] != c {
                continue;
            }
            let sr = (j - tl) % HIST;
            if s.lo[sr] > s.hi[sr] {
                continue;
            }
            if !(0..tl - 1).all(|x| s.tail[(j - tl + x) % MAX_RULE_CHARS] == ar.to[x]) {
                continue;
            }
            for (i, v) in rule_cells(&s.rows[sr], ar, j - tl == 0, pen_rule) {
                if v < tmp[i] {
                    tmp[i] = v;
                    any_rule = true;
                    if v <= budget {
                        rule_lo = rule_lo.min(i);
                        rule_hi = rule_hi.max(i);
                    }
                }
            }
        }

        // The band of columns a within-budget cell can reach: from row j-1
        // by substitution or insertion, from row j-2 by transposition, from
        // the rules above; then to the right while deletions (plain or by a
        // rule of up to `ext` query chars) keep cells within budget.
        let r1 = (j - 1) % HIST;
        let mut start = usize::MAX;
        let mut end = 0usize;
        if s.lo[r1] <= s.hi[r1] {
            start = s.lo[r1] as usize;
            end = s.hi[r1] as usize + 1;
        }
        if j >= 2 {
            let r2 = (j - 2) % HIST;
            if s.lo[r2] <= s.hi[r2] {
                start = start.min(s.lo[r2] as usize + 2);
                end = end.max(s.hi[r2] as usize + 2);
            }
        }
        if rule_lo <= rule_hi {
            start = start.min(rule_lo);
            end = end.max(rule_hi);
        }
        let ext = if p.rules_e.is_empty() {
            1
        } else {
            MAX_RULE_CHARS
        };
        let src_end = end.min(n);

        // The new row is written in place (a row built on the stack and
        // copied over stalls on store forwarding).
        let (new, prev, prev2) = split_rows(&mut s.rows, j % HIST, (j - 1) % HIST, (j + 3) % HIST);
        new.fill(INF);
        let prev2 = (j >= 2).then_some(prev2);
        let mut rowmin = INF;
        let mut lo = u8::MAX;
        let mut hi = 0u8;
        let mut alive = 0u128;
        let mut last_alive = 0usize;
        let first = if start == usize::MAX {
            n + 1
        } else if start == 0 {
            // column 0: insertion from (0, j-1), always on the border
            new[0] = add(prev[0], ins_border);
            rowmin = new[0];
            if new[0] <= budget {
                lo = 0;
                hi = 0;
                alive = 1;
            }
            1
        } else {
            start
        };
        for i in first..=n {
            if i > src_end && i > last_alive + ext {
                break;
            }
            let qc = p.q[i - 1];
            // substitution / match from (i-1, j-1)
            let mut v = if qc == c {
                prev[i - 1]
            } else {
                let (sc, is_rule) = t.sub_cost(qc, c);
                let border = i == 1 || j == 1;
                let sc = if border {
                    let a = if is_rule {
                        sc.saturating_add(p.pen_rule)
                    } else {
                        u32::MAX
                    };
                    a.min((t.sub_default as u32).saturating_add(p.pen_edit))
                } else {
                    sc.min(t.sub_default as u32)
                };
                add(prev[i - 1], sat(sc))
            };
            // insertion of c from (i, j-1)
            let ins = if j == 1 { ins_border } else { ins_inner };
            v = v.min(add(prev[i], ins));
            // deletion of q[i-1] from (i-1, j)
            let del = if i == 1 {
                p.del_border[i]
            } else {
                p.del_inner[i]
            };
            v = v.min(add(new[i - 1], del));
            // transposition from (i-2, j-2)
            if i >= 2 {
                if let (Some(kp), Some(p2)) = (kprev, prev2) {
                    if qc == kp && p.q[i - 2] == c && qc != c {
                        let border = i == 2 || j == 2;
                        let tc = add(t.transpose, if border { pen_edit } else { 0 });
                        v = v.min(add(p2[i - 2], tc));
                    }
                }
            }
            if any_rule {
                v = v.min(tmp[i]);
            }
            for ar in &p.rules_e {
                if ar.mask >> i & 1 == 1 {
                    let pi = i - ar.f as usize;
                    let border = pi == 0;
                    v = v.min(add(
                        add(new[pi], ar.cost),
                        if border { pen_rule } else { 0 },
                    ));
                }
            }
            new[i] = v;
            if v < rowmin {
                rowmin = v;
            }
            if v <= budget {
                if lo == u8::MAX {
                    lo = i as u8;
                }
                hi = i as u8;
                alive |= 1u128 << i;
                last_alive = i;
            }
        }
        let r = j % HIST;
        s.alive = alive;
        s.mins[r] = rowmin;
        if lo == u8::MAX {
            s.lo[r] = 1;
            s.hi[r] = 0;
        } else {
            s.lo[r] = lo;
            s.hi[r] = hi;
        }
        s.j = j as u32;

        // Lower bound of what older rows can still add to a future row: row
        // j-1 through a transposition (needs q[i-1] == c), row j-d (d ≥ 1)
        // through a rule whose key side is longer than d and starts with the
        // last d key characters. Penalties as in the DP.
        let mut carry = INF;
        let mut next = [0u32; NEXT];
        let mut next_n = 0usize;
        let mut note = |ch: u32, v: u8| {
            if v <= budget && next_n <= NEXT && !next[..next_n.min(NEXT)].contains(&ch) {
                if next_n < NEXT {
                    next[next_n] = ch;
                }
                next_n += 1;
            }
        };
        let pr = (j - 1) % HIST;
        if s.lo[pr] <= s.hi[pr] {
            let before = &s.rows[pr];
            let from = s.lo[pr] as usize + 2;
            let to = (s.hi[pr] as usize + 2).min(n);
            for i in from.max(2)..=to {
                if p.q[i - 1] == c && p.q[i - 2] != c {
                    let border = i == 2 || j == 1;
                    let v = add(
                        add(before[i - 2], t.transpose),
                        if border { pen_edit } else { 0 },
                    );
                    carry = carry.min(v);
                    note(p.q[i - 2], v);
                }
            }
        }
        let dmax = if p.by_first.is_empty() {
            1
        } else {
            MAX_RULE_CHARS.min(j + 1)
        };
        for d in 1..dmax {
            let rr = (j - d) % HIST;
            if s.lo[rr] > s.hi[rr] {
                continue;
            }
            let fc = s.tail[(j - d) % MAX_RULE_CHARS];
            let cand: &[u16] = if fc < 128 {
                let (a, b) = p.first_range[fc as usize];
                &p.by_first[a as usize..b as usize]
            } else {
                &p.all_t
            };
            for &ri in cand {
                let ar = &p.rules_t[ri as usize];
                if (ar.t as usize) <= d
                    || !(0..d).all(|x| s.tail[(j - d + x) % MAX_RULE_CHARS] == ar.to[x])
                {
                    continue;
                }
                for (_, v) in rule_cells(&s.rows[rr], ar, j == d, pen_rule) {
                    carry = carry.min(v);
                    note(ar.to[d], v);
                }
            }
        }
        s.carry = carry;
        s.next = next;
        s.next_n = next_n.min(NEXT + 1) as u8;
        rowmin.min(carry) <= budget
    }

    /// Feeds one key byte to `s` in place and returns whether it can still
    /// match (the state it came from could).
    fn advance(&self, s: &mut State, b: u8) -> bool {
        match s.phase {
            PHASE_NS => {
                s.phase = if Some(b) == self.namespace {
                    PHASE_DP
                } else {
                    PHASE_DEAD
                };
                return s.phase == PHASE_DP;
            }
            PHASE_DP => {}
            _ => return false,
        }
        let mut alive = true;
        if s.pend_need > 0 {
            if b & 0xC0 == 0x80 {
                s.pend = (s.pend << 6) | (b & 0x3F) as u32;
                s.pend_need -= 1;
                if s.pend_need == 0 {
                    let c = s.pend;
                    s.pend_bytes = 0;
                    alive = self.step(s, c);
                }
                return alive;
            }
            // truncated sequence: count it as one invalid character
            let c = INVALID_BASE + s.pend_bytes as u32;
            s.pend_need = 0;
            s.pend_bytes = 0;
            alive = self.step(s, c);
        }
        match b {
            0x00..=0x7F => alive = self.step(s, b as u32),
            0xC2..=0xDF => {
                s.pend = (b & 0x1F) as u32;
                s.pend_need = 1;
                s.pend_bytes = 1;
            }
            0xE0..=0xEF => {
                s.pend = (b & 0x0F) as u32;
                s.pend_need = 2;
                s.pend_bytes = 1;
            }
            0xF0..=0xF4 => {
                s.pend = (b & 0x07) as u32;
                s.pend_need = 3;
                s.pend_bytes = 1;
            }
            _ => alive = self.step(s, INVALID_BASE + 0x100 + b as u32),
        }
        alive
    }
}

impl<'a> Automaton for NameAutomaton<'a> {
    type State = State;

    fn start(&self) -> State {
        let mut s = self.start_dp();
        if self.namespace.is_some() {
            s.phase = PHASE_NS;
        }
        s
    }

    fn is_match(&self, s: &State) -> bool {
        s.phase == PHASE_DP
            && s.pend_need == 0
            && s.rows[s.j as usize % HIST][self.prep.n] <= self.prep.budget
    }

    fn can_match(&self, s: &State) -> bool {
        match s.phase {
            PHASE_NS => true,
            PHASE_DP => s.floor() <= self.prep.budget,
            _ => false,
        }
    }

    fn accept(&self, s: &State, b: u8) -> State {
        let mut s = s.clone();
        self.advance(&mut s, b);
        s
    }
}

/// What one key byte does in [`search`].
#[derive(Clone, Copy)]
enum Kind {
    /// Completes the char: step the state.
    Step(u32),
    /// Starts or continues a multi-byte char: value so far, bytes still
    /// needed.
    Pend(u32, u8),
    /// Anything else: `NameAutomaton::advance` on a copy of the state.
    Slow,
}

/// What a [`search`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Hits passed to the sink.
    pub hits: u32,
    /// fst transitions examined.
    pub steps: u32,
    /// The step cap stopped the search early (results are incomplete).
    pub truncated: bool,
    /// The query was longer than `max_query_chars`; nothing was searched.
    pub too_long: bool,
    /// The budget used, in points.
    pub budget: u32,
}

/// Finds every key of `map` within `cfg`'s budget of `query_key` and passes
/// it to `sink`, in key order. The result set is exactly the keys whose
/// [`weighted_distance`](super::weighted_distance) is ≤ the budget, with that
/// distance as [`Hit::cost`] (unless [`SearchStats::truncated`]).
///
/// With `cfg.namespace = Some(b)` only keys starting with byte `b` are
/// considered and `b` is stripped from [`Hit::key`].
pub fn search<D: AsRef<[u8]>>(
    map: &fst::Map<D>,
    query_key: &str,
    cfg: &FuzzyConfig<'_>,
    scratch: &mut Scratch,
    sink: &mut dyn FnMut(Hit<'_>),
) -> SearchStats {
    let mut stats = SearchStats::default();
    let Scratch { prep, stack, key } = scratch;
    if !prep.prepare(query_key, cfg) {
        stats.too_long = true;
        return stats;
    }
    stats.budget = prep.budget as u32;
    let aut = NameAutomaton {
        prep,
        costs: cfg.costs,
        namespace: cfg.namespace,
    };
    let skip = usize::from(cfg.namespace.is_some());
    let fst = map.as_fst();
    let root = fst.root();
    key.clear();
    let start = aut.start();
    if root.is_final() && aut.is_match(&start) {
        stats.hits += 1;
        sink(Hit {
            key: &[],
            value: root.final_output().value(),
            cost: aut.cost(&start),
        });
    }
    if !aut.can_match(&start) || root.is_empty() {
        return stats;
    }
    // Frames are reused across searches: `depth` frames are live, slots past
    // it hold stale states that are overwritten with `clone_from`.
    let mut nodes: Vec<fst::raw::Node<'_>> = Vec::with_capacity(32);
    nodes.push(root);
    if stack.is_empty() {
        stack.push(Frame {
            owner: 0,
            pend: 0,
            pend_need: 0,
            masked: false,
            mask: 0,
            floor: 0,
            last: u32::MAX,
            next: 0,
            out: 0,
            state: start,
        });
    } else {
        stack[0].next = 0;
        stack[0].out = 0;
        stack[0].state.clone_from(&start);
    }
    stack[0].floor = stack[0].state.row_min();
    stack[0].last = u32::MAX;
    stack[0].owner = 0;
    stack[0].pend_need = 0;
    stack[0].masked = false;
    let mut depth = 1usize;
    while depth > 0 {
        let node = nodes[depth - 1];
        let top = &mut stack[depth - 1];
        if top.next >= node.len() {
            depth -= 1;
            nodes.pop();
            key.pop();
            continue;
        }
        let tr = node.transition(top.next);
        top.next += 1;
        if stats.steps >= cfg.max_steps {
            stats.truncated = true;
            break;
        }
        let b = tr.inp;
        let (owner, pend, pend_need) = (top.owner, top.pend, top.pend_need);
        let (masked, mask) = (top.masked, top.mask);
        let (floor, last, out) = (top.floor, top.last, top.out.wrapping_add(tr.out.value()));
        let st = &stack[owner].state;
        // What the byte does: completes a char (`Step`), starts or continues
        // one (`Pend`), or anything else (`Slow`: invalid UTF-8, the
        // namespace byte, a state with a pending char of its own), which
        // goes through `advance` on a copy of the state.
        let fast = st.phase == PHASE_DP && st.pend_need == 0;
        let kind = if !fast {
            Kind::Slow
        } else if pend_need == 0 {
            match b {
                0x00..=0x7F => Kind::Step(b as u32),
                0xC2..=0xDF => Kind::Pend((b & 0x1F) as u32, 1),
                0xE0..=0xEF => Kind::Pend((b & 0x0F) as u32, 2),
                0xF0..=0xF4 => Kind::Pend((b & 0x07) as u32, 3),
                _ => Kind::Slow,
            }
        } else if b & 0xC0 == 0x80 {
            let v = (pend << 6) | (b & 0x3F) as u32;
            if pend_need == 1 {
                Kind::Step(v)
            } else {
                Kind::Pend(v, pend_need - 1)
            }
        } else {
            Kind::Slow
        };
        // cheap filter: skip children that cannot stay within budget
        if fast {
            let first = st.j == 0;
            let live = match kind {
                Kind::Step(c) if c < 128 && masked => mask >> c & 1 == 1,
                Kind::Step(c) if c < 128 => aut.child_may_live(st, floor, last, first, c as u8),
                Kind::Step(c) => aut.char_may_live(st, floor, last, first, c),
                Kind::Pend(v, r) => aut.pending_may_live(st, floor, last, first, v, r),
                Kind::Slow if pend_need == 0 => aut.child_may_live(st, floor, last, first, b),
                Kind::Slow => true,
            };
            if !live {
                continue;
            }
        }
        stats.steps += 1;
        if stack.len() == depth {
            let state = stack[owner].state.clone();
            stack.push(Frame {
                owner: depth,
                pend: 0,
                pend_need: 0,
                masked: false,
                mask: 0,
                floor: 0,
                last: 0,
                next: 0,
                out,
                state,
            });
        } else if !matches!(kind, Kind::Pend(..)) {
            let (below, above) = stack.split_at_mut(depth);
            above[0].state.clone_from(&below[owner].state);
        }
        let child_frame = &mut stack[depth];
        let alive = match kind {
            Kind::Step(c) => aut.step(&mut child_frame.state, c),
            Kind::Pend(..) => true,
            Kind::Slow => {
                if pend_need > 0 {
                    // a pending char always began with one lead byte
                    child_frame.state.pend = pend;
                    child_frame.state.pend_need = pend_need;
                    child_frame.state.pend_bytes = 1;
                }
                aut.advance(&mut child_frame.state, b)
            }
        };
        if !alive {
            continue;
        }
        key.push(b);
        let child = fst.node(tr.addr);
        if let Kind::Pend(v, need) = kind {
            if child.is_empty() {
                key.pop();
                continue;
            }
            child_frame.owner = owner;
            child_frame.pend = v;
            child_frame.pend_need = need;
            child_frame.floor = floor;
            child_frame.last = last;
            child_frame.masked = false;
        } else {
            if child.is_final() && aut.is_match(&child_frame.state) {
                stats.hits += 1;
                let k = key.get(skip..).unwrap_or(&[]);
                sink(Hit {
                    key: k,
                    value: out.wrapping_add(child.final_output().value()),
                    cost: aut.cost(&child_frame.state),
                });
            }
            if child.is_empty() {
                key.pop();
                continue;
            }
            if aut.exhausted(&child_frame.state) {
                // Only exact continuations remain: walk them without
                // stepping the automaton.
                let st = &child_frame.state;
                let row = &st.rows[st.j as usize % HIST];
                let q = &aut.prep.q[..aut.prep.n];
                let mut cells = st.alive & ((1u128 << q.len()) - 1);
                while cells != 0 {
                    let i = cells.trailing_zeros() as usize;
                    cells &= cells - 1;
                    let base = key.len();
                    let (mut node, mut value) = (child, out);
                    let mut found = true;
                    'walk: for &qc in &q[i..] {
                        let mut buf = [0u8; 4];
                        let Some(ch) = char::from_u32(qc) else {
                            found = false;
                            break;
                        };
                        for &qb in ch.encode_utf8(&mut buf).as_bytes() {
                            if stats.steps >= cfg.max_steps {
                                stats.truncated = true;
                                found = false;
                                break 'walk;
                            }
                            stats.steps += 1;
                            let Some(ti) = node.find_input(qb) else {
                                found = false;
                                break 'walk;
                            };
                            let t = node.transition(ti);
                            value = value.wrapping_add(t.out.value());
                            key.push(qb);
                            node = fst.node(t.addr);
                        }
                    }
                    if found && node.is_final() {
                        stats.hits += 1;
                        sink(Hit {
                            key: key.get(skip..).unwrap_or(&[]),
                            value: value.wrapping_add(node.final_output().value()),
                            cost: row[i] as u32,
                        });
                    }
                    key.truncate(base);
                }
                key.pop();
                continue;
            }
            child_frame.owner = depth;
            child_frame.pend_need = 0;
            child_frame.floor = child_frame.state.row_min();
            child_frame.last = child_frame.state.last_char();
            child_frame.masked = child.len() >= MASK_MIN_TRANSITIONS && child_frame.state.j > 0;
            if child_frame.masked {
                child_frame.mask =
                    aut.viable_ascii(&child_frame.state, child_frame.floor, child_frame.last);
            }
        }
        child_frame.next = 0;
        child_frame.out = out;
        nodes.push(child);
        depth += 1;
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzy::{Budget, FuzzyConfig};

    /// A small deterministic generator (xorshift), so the test needs no
    /// dependency and fails the same way every run.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn word(&mut self, alphabet: &[char], max: usize) -> String {
            let n = 1 + (self.next() % max as u64) as usize;
            (0..n)
                .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
                .collect()
        }
    }

    /// `viable_ascii` is `child_may_live` for every ASCII byte at once, on
    /// every state reached while reading random keys, for two cost tables
    /// and several budgets and penalties.
    #[test]
    fn viable_ascii_equals_child_may_live() {
        let wide = CostTable::parse(&format!(
            "{}<transpose>\t\t4\tx\nя\tya\t3\tx\nе\te\t1\tx\nс\ts\t3\tx\nz\t\t2\tx\n",
            CostTable::names_source()
        ))
        .unwrap();
        let alphabet: Vec<char> = "aeiouykhszjv -'яес".chars().collect();
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        let mut checked = 0u32;
        for table in [CostTable::names(), &wide, CostTable::unit()] {
            for (budget, pen) in [(10, None), (20, Some(3)), (6, Some(0)), (30, Some(10))] {
                let cfg = FuzzyConfig {
                    costs: table,
                    budget: Budget::Fixed(budget),
                    first_edit_penalty: pen,
                    ..FuzzyConfig::default()
                };
                for _ in 0..40 {
                    let q = g.word(&alphabet, 9);
                    let mut scratch = Scratch::new();
                    let Some(aut) = NameAutomaton::new(&q, &cfg, &mut scratch) else {
                        continue;
                    };
                    for _ in 0..30 {
                        // a key near the query: the query with random edits
                        let mut k: Vec<char> = q.chars().collect();
                        for _ in 0..(g.next() % 3) {
                            let at = (g.next() % (k.len() as u64 + 1)) as usize;
                            let c = alphabet[(g.next() % alphabet.len() as u64) as usize];
                            match g.next() % 3 {
                                0 if at < k.len() => k[at] = c,
                                1 if at < k.len() => {
                                    k.remove(at);
                                }
                                _ => k.insert(at, c),
                            }
                        }
                        let key: String = k.into_iter().collect();
                        let mut s = aut.start();
                        for &b in key.as_bytes() {
                            if s.phase == PHASE_DP && s.pend_need == 0 && s.j > 0 {
                                let (floor, last) = (s.row_min(), s.last_char());
                                let mask = aut.viable_ascii(&s, floor, last);
                                for c in 0..128u8 {
                                    assert_eq!(
                                        mask >> c & 1 == 1,
                                        aut.child_may_live(&s, floor, last, false, c),
                                        "query {q:?} key {key:?} at {} byte {c}",
                                        s.j
                                    );
                                }
                                checked += 1;
                            }
                            if !aut.can_match(&s) {
                                break;
                            }
                            s = aut.accept(&s, b);
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "only {checked} states checked");
    }
}
