//! Names written with initials: `V. Putin`, `Putin V.`, `V. V. Putin`,
//! `J.R.R. Tolkien`.
//!
//! The stage runs for queries that write an initial as one, a letter and a
//! dot. The query key (dots as spaces: `v putin`) is split into words; a
//! one-letter word is an initial. A key matches when its words line up with
//! the query's in order: an initial matches a word starting with that
//! letter, any other word matches itself, the first and last words of both
//! line up, and in between up to [`MAX_SKIPPED`] words go unmatched: key
//! words (a middle name or patronymic the query leaves out: `vladimir
//! vladimirovich putin`) or query initials (`v v putin` / `vladimir putin`).
//! A query whose initials follow the name (`putin v`) is also tried with
//! the initials first.
//!
//! The alignment runs as an automaton over the fst ([`Initials`]), so the
//! walk only enters branches some alignment can still follow: for `v putin`,
//! the first words starting with `v`, then only `putin` (or a skipped word)
//! after them. At most [`MAX_FOUND`] keys are taken.

use super::{Candidate, Method};
use crate::index::Index;
use fst::{IntoStreamer, Streamer};

/// Key words a match may leave out between the query's words.
pub const MAX_SKIPPED: usize = 2;

/// Matching keys taken at most per query.
pub const MAX_FOUND: usize = 1_000;

/// fst transitions the walk takes at most per query order. After a leading
/// initial the walk reads every first word with that letter (about 66,000
/// transitions for `s lavrov` on the default lexicon, a few milliseconds);
/// the cap bounds a hostile lexicon.
pub const MAX_STEPS: u32 = 250_000;

/// Similarity given to a match through initials (below a reordering, whose
/// words are all spelled out).
const SIMILARITY: f64 = 0.92;

#[cfg(test)]
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

#[cfg(test)]
fn word_matches(q: &str, k: &str) -> bool {
    if q.len() == 1 {
        k.as_bytes().first() == q.as_bytes().first()
    } else {
        q == k
    }
}

#[cfg(test)]
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

#[cfg(test)]
/// Aligns the words after a matched pair: the next query word lines up
/// with one of the next key words, or (an initial, not the last word) is
/// dropped. Skipping a key word and dropping a query initial at the same
/// place would be a mismatch, so a drop is followed by a match.
fn rest(q: &[&str], k: &[&str], skips: usize) -> bool {
    (0..=skips.min(k.len() - 1)).any(|dk| align(q, &k[dk..], skips - dk))
        || (q.len() >= 2 && q[0].len() == 1 && skips > 0 && drop_then_match(&q[1..], k, skips - 1))
}

#[cfg(test)]
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
        // Only queries that write an initial as one (a letter and a dot):
        // single letters are also syllables and place-name parts (`a er si
        // huo te`, `Madinat Khalifah A`).
        if !has_dotted_initial(query) {
            return;
        }
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
        let aut = Initials::new(q);
        let mut stream = self.keys().search(&aut).into_stream();
        let mut found = 0usize;
        while let Some((_, ord)) = stream.next() {
            found += 1;
            if found > MAX_FOUND {
                break;
            }
            // Listed aliases only: a romanization generated from another
            // script (`beulladimileu putin`) is no name anyone abbreviates.
            let listed = |a: u32| !self.alias(a).is_generated();
            self.post_where(ord, Method::Fuzzy, SIMILARITY, 0, out, listed);
        }
    }
}

/// Whether `query` has a letter standing alone before a dot (`V. Putin`,
/// `Putin V.V.`, `J.R.R. Tolkien`).
fn has_dotted_initial(query: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    for c in query.chars() {
        if c == '.' {
            if let Some(p) = prev {
                if p.is_alphabetic() && before_prev.is_none_or(|b| !b.is_alphabetic()) {
                    return true;
                }
            }
        }
        before_prev = prev;
        prev = Some(c);
    }
    false
}

/// Most concurrent alignments an [`Initials`] state follows; more are
/// dropped (a query would need many initials and skips to get there).
const THREADS: usize = 16;

/// One way of aligning the key read so far with the query words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Thread {
    /// Query word being matched.
    qi: u8,
    /// Bytes of it matched (an initial: 0 before its letter, 1 after).
    pos: u8,
    /// Inside a key word that no query word matches.
    skipping: bool,
    /// Key words skipped plus query initials dropped so far.
    skips: u8,
}

/// The alignment of [`matches`] as an automaton over the key bytes, so the
/// fst walk prunes every branch no alignment can follow.
struct Initials<'q> {
    q: &'q [&'q str],
    /// Transitions the walk may still take (see [`MAX_STEPS`]).
    steps: std::cell::Cell<u32>,
}

/// The live alignments.
#[derive(Clone, Debug)]
struct Threads {
    t: [Thread; THREADS],
    n: u8,
}

impl Threads {
    fn push(&mut self, th: Thread) {
        let n = self.n as usize;
        if n < THREADS && !self.t[..n].contains(&th) {
            self.t[n] = th;
            self.n += 1;
        }
    }
}

impl<'q> Initials<'q> {
    fn new(q: &'q [&'q str]) -> Initials<'q> {
        Initials {
            q,
            steps: std::cell::Cell::new(MAX_STEPS),
        }
    }

    /// Whether the thread has read all of its query word (an initial: its
    /// letter) and is not inside a skipped key word.
    fn complete(&self, th: &Thread) -> bool {
        let len = self.q[th.qi as usize].len();
        // an initial's word goes on after its letter (pos stays 1)
        !th.skipping && th.pos as usize == len
    }

    /// After query word `qi` ended at a space: the next word, or a skipped
    /// key word, or (query initials other than the last word) dropped ones.
    fn next_word(&self, qi: usize, skips: u8, out: &mut Threads) {
        let m = self.q.len();
        if qi + 1 >= m {
            return;
        }
        let room = (MAX_SKIPPED as u8).saturating_sub(skips);
        out.push(Thread {
            qi: (qi + 1) as u8,
            pos: 0,
            skipping: false,
            skips,
        });
        if room > 0 {
            out.push(Thread {
                qi: (qi + 1) as u8,
                pos: 0,
                skipping: true,
                skips: skips + 1,
            });
        }
        // drop initials q[qi+1], q[qi+2]… while one is left to match
        let mut k = qi + 1;
        let mut used = skips;
        while k + 1 < m && self.q[k].len() == 1 && used < MAX_SKIPPED as u8 {
            used += 1;
            k += 1;
            out.push(Thread {
                qi: k as u8,
                pos: 0,
                skipping: false,
                skips: used,
            });
        }
    }
}

impl fst::Automaton for Initials<'_> {
    type State = Threads;

    fn start(&self) -> Threads {
        let mut s = Threads {
            t: [Thread::default(); THREADS],
            n: 0,
        };
        if !self.q.is_empty() {
            s.push(Thread::default());
        }
        s
    }

    fn is_match(&self, s: &Threads) -> bool {
        let last = self.q.len().saturating_sub(1);
        s.t[..s.n as usize]
            .iter()
            .any(|th| th.qi as usize == last && self.complete(th))
    }

    fn can_match(&self, s: &Threads) -> bool {
        s.n > 0
    }

    fn accept(&self, s: &Threads, b: u8) -> Threads {
        let mut out = Threads {
            t: [Thread::default(); THREADS],
            n: 0,
        };
        let left = self.steps.get();
        if left == 0 {
            return out;
        }
        self.steps.set(left - 1);
        for th in &s.t[..s.n as usize] {
            let qi = th.qi as usize;
            let word = self.q[qi].as_bytes();
            if th.skipping {
                if b != b' ' {
                    out.push(*th);
                } else {
                    // the skipped key word ended: match q[qi] next, or skip
                    // another key word
                    out.push(Thread {
                        skipping: false,
                        ..*th
                    });
                    if th.skips < MAX_SKIPPED as u8 {
                        out.push(Thread {
                            skips: th.skips + 1,
                            ..*th
                        });
                    }
                }
                continue;
            }
            if word.len() == 1 {
                // an initial: its letter, then any letters of the key word
                match (th.pos, b) {
                    (0, b) if b == word[0] => out.push(Thread { pos: 1, ..*th }),
                    (1, b' ') => self.next_word(qi, th.skips, &mut out),
                    (1, _) => out.push(*th),
                    _ => {}
                }
            } else if (th.pos as usize) < word.len() {
                if word[th.pos as usize] == b {
                    out.push(Thread {
                        pos: th.pos + 1,
                        ..*th
                    });
                }
            } else if b == b' ' {
                self.next_word(qi, th.skips, &mut out);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    /// The automaton finds exactly the keys the slow alignment accepts.
    #[test]
    fn automaton_agrees_with_alignment() {
        use fst::{IntoStreamer, Streamer};
        let mut keys: Vec<&str> = vec![
            "vladimir putin",
            "vladimir vladimirovich putin",
            "putin vladimir",
            "boris putin",
            "v putin",
            "vladimir putin jr",
            "vladimir a b c putin",
            "vasily v putin",
            "kim jong un",
            "kim chong un",
            "kim jong il",
            "john ronald reuel tolkien",
            "john tolkien",
            "j r r tolkien",
            "putin",
            "vladimirputin",
            "v",
        ];
        keys.sort_unstable();
        let set = fst::Set::from_iter(keys.iter()).unwrap();
        for q in [
            "v putin",
            "v v putin",
            "putin v",
            "putin v v",
            "kim j u",
            "k jong un",
            "j r r tolkien",
            "j tolkien",
            "v a b c putin",
            "b putin",
        ] {
            let words: Vec<&str> = q.split(' ').collect();
            let mut got = Vec::new();
            let mut stream = set.search(super::Initials::new(&words)).into_stream();
            while let Some(k) = stream.next() {
                got.push(String::from_utf8(k.to_vec()).unwrap());
            }
            let want: Vec<String> = keys
                .iter()
                .filter(|k| matches(&words, k))
                .map(|k| k.to_string())
                .collect();
            assert_eq!(got, want, "query {q:?}");
        }
    }

    #[test]
    fn dotted_initials() {
        assert!(super::has_dotted_initial("V. Putin"));
        assert!(super::has_dotted_initial("Putin V.V."));
        assert!(super::has_dotted_initial("J.R.R. Tolkien"));
        assert!(!super::has_dotted_initial("St. Petersburg"));
        assert!(!super::has_dotted_initial("a er si huo te"));
        assert!(!super::has_dotted_initial("Madinat Khalifah A"));
    }

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
