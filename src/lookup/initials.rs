//! Names written with initials: `V. Putin`, `Putin V.`, `V. V. Putin`,
//! `J.R.R. Tolkien`.
//!
//! The query key (dots already removed: `v putin`) is split into words; a
//! one-letter word is an initial. A key matches when its words line up with
//! the query's in order: an initial matches a word starting with that
//! letter, any other word matches itself, the first and last words of both
//! line up, and in between up to [`MAX_SKIPPED`] words go unmatched: key
//! words (a middle name or patronymic the query leaves out: `vladimir
//! vladimirovich putin`) or query initials (`v v putin` / `vladimir putin`).
//! A query whose initials follow the name (`putin v`) is also tried with
//! the initials first.
//!
//! Candidate keys are the keys that start with the query's first word (its
//! letter, for an initial), streamed from the fst in order and checked one
//! by one; the walk stops after [`MAX_SCANNED`] keys so that a query like
//! `a b` stays cheap.

use super::{Candidate, Method};
use crate::index::Index;
use fst::{IntoStreamer, Streamer};

/// Key words a match may leave out between the query's words.
pub const MAX_SKIPPED: usize = 2;

/// Keys examined at most per query.
pub const MAX_SCANNED: usize = 200_000;

/// Similarity given to a match through initials (below a reordering, whose
/// words are all spelled out).
const SIMILARITY: f64 = 0.92;

/// Whether `key` (words separated by single spaces) matches the query words
/// `q` under the rules in the module documentation.
pub(super) fn matches(q: &[&str], key: &str) -> bool {
    let mut words = [""; 16];
    let mut n = 0;
    for w in key.split(' ') {
        if n == words.len() {
            return false;
        }
        words[n] = w;
        n += 1;
    }
    let k = &words[..n];
    if q.is_empty() || k.len().abs_diff(q.len()) > MAX_SKIPPED {
        return false;
    }
    align(q, k, MAX_SKIPPED)
}

fn word_matches(q: &str, k: &str) -> bool {
    if q.len() == 1 {
        k.as_bytes().first() == q.as_bytes().first()
    } else {
        q == k
    }
}

/// `q[0]` ↔ `k[0]`, `q[last]` ↔ `k[last]`; in between, up to `skips` key
/// words without a query word (a middle name the query leaves out) or
/// query initials without a key word (a patronymic initial the key leaves
/// out: `v v putin` / `vladimir putin`).
fn align(q: &[&str], k: &[&str], skips: usize) -> bool {
    match (q, k) {
        ([qw], [kw]) => word_matches(qw, kw),
        ([qw, qr @ ..], [kw, kr @ ..]) if !qr.is_empty() && !kr.is_empty() => {
            word_matches(qw, kw) && rest(qr, kr, skips)
        }
        _ => false,
    }
}

/// Aligns the words after a matched pair: the next query word lines up
/// with one of the next key words, or (an initial, not the last word) is
/// dropped. Skipping a key word and dropping a query initial at the same
/// place would be a mismatch, so a drop is followed by a match.
fn rest(q: &[&str], k: &[&str], skips: usize) -> bool {
    (0..=skips.min(k.len() - 1)).any(|dk| align(q, &k[dk..], skips - dk))
        || (q.len() >= 2 && q[0].len() == 1 && skips > 0 && drop_then_match(&q[1..], k, skips - 1))
}

fn drop_then_match(q: &[&str], k: &[&str], skips: usize) -> bool {
    align(q, k, skips)
        || (q.len() >= 2 && q[0].len() == 1 && skips > 0 && drop_then_match(&q[1..], k, skips - 1))
}

impl Index {
    /// Adds candidates for a query with initials (see the module
    /// documentation). `qkey` is the query's matching key.
    pub(super) fn initials_candidates(
        &self,
        query: &str,
        qkey: &str,
        spaced: &mut String,
        buf: &mut String,
        out: &mut Vec<Candidate>,
    ) {
        // `V.V. Putin`: the key drops the dots, which also separate initials
        let qkey = if query.contains('.') {
            spaced.clear();
            spaced.extend(query.chars().map(|c| if c == '.' { ' ' } else { c }));
            crate::key::key_into(spaced, buf);
            buf.as_str()
        } else {
            qkey
        };
        let mut q = [""; 8];
        let mut n = 0;
        for w in qkey.split(' ') {
            if n == q.len() {
                return;
            }
            q[n] = w;
            n += 1;
        }
        let q = &mut q[..n];
        // at least one initial and one spelled-out word
        let initials = q.iter().filter(|w| w.len() == 1).count();
        if n < 2 || initials == 0 || initials == n || !q.iter().all(|w| w.is_ascii()) {
            return;
        }
        let before = out.len();
        self.initials_in_order(q, out);
        // `putin v v` → `v v putin`
        let trailing = q.iter().rev().take_while(|w| w.len() == 1).count();
        if out.len() == before && trailing > 0 && trailing < n {
            q.rotate_right(trailing);
            self.initials_in_order(q, out);
        }
    }

    fn initials_in_order(&self, q: &[&str], out: &mut Vec<Candidate>) {
        let first = q[0];
        let mut upper = first.as_bytes().to_vec();
        if first.len() > 1 {
            // the spelled-out first word, then a space
            upper.push(b' ');
        }
        let lower = upper.clone();
        // the smallest byte string above every key with this prefix
        let Some(last) = upper.last_mut() else {
            return;
        };
        let Some(next) = last.checked_add(1) else {
            return;
        };
        *last = next;
        let mut stream = self.keys().range().ge(&lower).lt(&upper).into_stream();
        let mut scanned = 0usize;
        while let Some((key, ord)) = stream.next() {
            scanned += 1;
            if scanned > MAX_SCANNED {
                break;
            }
            let Ok(key) = std::str::from_utf8(key) else {
                continue;
            };
            if matches(q, key) {
                // Listed aliases only: a romanization generated from another
                // script (`beulladimileu putin`) is no name anyone abbreviates.
                let listed = |a: u32| !self.alias(a).is_generated();
                self.post_where(ord, Method::Fuzzy, SIMILARITY, 0, out, listed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn alignment() {
        let m = |q: &str, k: &str| matches(&q.split(' ').collect::<Vec<_>>(), k);
        assert!(m("v putin", "vladimir putin"));
        assert!(m("v putin", "vladimir vladimirovich putin"));
        assert!(m("v v putin", "vladimir vladimirovich putin"));
        assert!(m("putin v", "putin vladimir"));
        assert!(m("j r r tolkien", "john ronald reuel tolkien"));
        assert!(m("v v putin", "vladimir putin"));
        assert!(m("j r r tolkien", "john tolkien"));
        assert!(!m("v putin", "putin"));
        assert!(!m("v putin", "vladimir putin jr"));
        assert!(!m("v putin", "boris putin"));
        assert!(!m("v putin", "vladimir a b c putin"));
        assert!(!m("v a b c putin", "vladimir putin"));
        assert!(!m("kim j u", "kim chong un"));
        assert!(!m("v putin", "v"));
    }
}
