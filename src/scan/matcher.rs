//! Longest match over the key automaton, and the case policy.

use super::token::{flag, Token, Tokens};
use super::vocab::{Vocab, NO_WORD};
use super::words::{class, lists};
use super::{Prepared, Scanner};
use crate::lexicon::AliasKind;
use crate::Index;
use fst::raw::{CompiledAddr, Fst, Node, Output};
use std::collections::HashMap;

type Fast = std::hash::BuildHasherDefault<super::words::WordHasher>;

/// A candidate entity of a raw match.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cand {
    pub entity: u32,
    pub alias: u32,
    /// Needs corroboration: a `weak` alias, or weak evidence (a common word
    /// at the start of a sentence, a month or given name).
    pub weak: bool,
    /// The alias is the surface, byte for byte (not kept up to date for the
    /// remainder of a split possessive match, whose surface is shorter).
    pub exact: bool,
    /// The alias is a generated romanization.
    pub translit: bool,
    /// The entity is a person.
    pub per: bool,
    /// The surface is one word inside a longer capitalized run of unknown
    /// words (`Kim` in `Kim Yo-jong`): for a person, someone else.
    pub in_name: bool,
    /// How much the prior counts in ranking (see `AliasFacts`).
    pub rank_weight: f64,
    /// The surface is the entity's own name, letter for letter: an exact
    /// match of its canonical or English official name.
    pub own: bool,
    /// Some alias of the entity matched here is tagged English.
    pub english: bool,
    /// Weak for what the text says against it (a name beside an unknown
    /// name, another language's exonym): `the` does not rescue it.
    pub strict: bool,
    /// The entity's country code if it is a first-level subdivision.
    pub cc: Option<[u8; 2]>,
    /// The country the entity lies in (see [`super::resolve::entity_country`]).
    pub country: Option<[u8; 2]>,
    /// The entity is a country (`iso3166:…`).
    pub is_country: bool,
    /// The entity's prior.
    pub prior: Option<f64>,
    /// [`crate::lookup::prior_weight`] of the prior.
    pub prior_weight: f64,
    /// The entity is a sports club (see [`is_club_name`]).
    pub club: bool,
    /// The entity is an organization.
    pub org: bool,
    /// The entity is a company (see [`is_company_name`]).
    pub company: bool,
}

/// A match before document-level resolution.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Raw {
    /// First and last token (inclusive).
    pub ts: u32,
    pub te: u32,
    /// Byte span in the chunk.
    pub bs: u32,
    pub be: u32,
    /// Candidates: `cands[c0..c1]`.
    pub c0: u32,
    pub c1: u32,
    /// The remainder of a split possessive match: its candidates are the
    /// long alias's, settled.
    pub forced: bool,
}

/// How a match ends within its last token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// After the whole token.
    Full,
    /// Before a possessive `'s`.
    Core,
    /// Without a final `s` (plural or apostrophe-less possessive).
    StripS,
}

/// Per-thread buffers of the matcher.
#[derive(Default, Debug)]
pub(crate) struct Finals {
    v: Vec<(u32, End, u64)>,
    /// Finals of a walk from inside a weak match (see [`longer_inside`]).
    look: Vec<(u32, End, u64)>,
    pub memo: Memo,
    posts: PostingsMemo,
}

/// What the case policy needs of an alias, read from the index once: the
/// records of a key's aliases are scattered over the index, and text
/// repeats its names.
#[derive(Clone, Copy, Debug)]
struct AliasFacts {
    alias: u32,
    entity: u32,
    kind: AliasKind,
    /// The entity's prior.
    prior: Option<f64>,
    /// Its weight in a score.
    prior_weight: f64,
    /// A generated romanization.
    translit: bool,
    /// The entity is a person.
    per: bool,
    /// The entity's country code if it is a first-level subdivision.
    cc: Option<[u8; 2]>,
    /// The country the entity lies in.
    country: Option<[u8; 2]>,
    /// The entity is a country.
    is_country: bool,
    /// The alias text, a range of [`PostingsMemo::texts`].
    text: (u32, u32),
    /// The first letter is an upper-case Latin letter.
    first_upper_latin: bool,
    /// The first letter is an upper-case letter of another cased script
    /// (Cyrillic, Greek, Armenian): in text of that script the lower-case
    /// word is an ordinary one (`того`, not Togo); before a capitalized word
    /// the name is most often a genitive before a name (`Глава Чечни Рамзан
    /// Кадыров`, `Президент США Дональд Трамп`, `Пресс-секретарь Кремля
    /// Дмитрий Песков`), not part of an unknown one.
    first_upper_cased: bool,
    /// A generated case form (`Франції` of `Франція`).
    case_form: bool,
    /// Some letter is lower-case.
    has_lower: bool,
    /// Words (split at spaces and hyphens).
    words: usize,
    /// Bit k: word k (of the first 32) starts with an upper-case Latin
    /// letter.
    upper_words: u32,
    /// The entity's canonical name, or an official name in English or in no
    /// particular language: such a name stays strong evidence inside a
    /// longer capitalized run (see [`allowed`]).
    main_name: bool,
    /// A Latin-script name in a language other than English that is not a
    /// main name, of a place under [`MAJOR_PLACE`]: an exonym from another
    /// language's usage (`Hamas`, the Lithuanian name of Hamm; `Wladimir`,
    /// German for Vladimir). Not a name in a language that writes a
    /// non-Latin-script country's places as English does (`Mekelle`,
    /// tagged Swahili, of Mek'ele in Ethiopia; see
    /// [`super::words::romanization_only`]).
    foreign: bool,
    /// The alias is tagged English.
    english: bool,
    /// The alias is tagged with another language than English.
    other_lang: bool,
    /// The entity is a sports club.
    club: bool,
    /// The entity is an organization.
    org: bool,
    /// The entity is a company.
    company: bool,
    /// How much the entity's prior counts when this alias is one of
    /// several entities' names: 1 for an official name in English or no
    /// particular language, or a spelling of the canonical name without its
    /// accents (`Kaesong`); less for side names.
    rank_weight: f64,
}

impl AliasFacts {
    fn new(index: &Index, a: u32, texts: &mut Vec<u8>) -> AliasFacts {
        let alias = index.alias(a);
        let text = alias.text();
        let start = texts.len() as u32;
        texts.extend_from_slice(alias.text_bytes());
        let entity = alias.entity();
        // (The first letter, upper-case: Latin, or of any cased script.)
        let first_upper =
            |w: &str| first_letter(w).is_some_and(|c| c.is_uppercase() && is_latin(c));
        let upper = |w: &str| first_letter(w).is_some_and(char::is_uppercase);
        let words = text
            .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}'))
            .filter(|w| !w.is_empty());
        let mut upper_words = 0u32;
        // (In any cased script: `Сосновый Бор` is no name in `Сосновый бор`.)
        for (k, w) in words.clone().enumerate().take(32) {
            if upper(w) {
                upper_words |= 1 << k;
            }
        }
        // (A club or a company by the shape of one of its names.)
        let org = entity.etype() == "ORG";
        let (mut club, mut company) = (false, false);
        if org {
            for a in entity.aliases() {
                club |= is_club_name(a.text());
                company |= is_company_name(a.text());
            }
        }
        let first_upper_cased = upper(text) && !first_upper(text);
        let main_name = alias.text_bytes() == entity.canonical_bytes()
            || (alias.kind() == AliasKind::Official && alias.lang().is_none_or(|l| l == "en"));
        AliasFacts {
            alias: a,
            entity: entity.number(),
            kind: alias.kind(),
            prior: entity.prior(),
            prior_weight: crate::lookup::prior_weight(entity.prior()),
            translit: alias.is_generated() && alias.kind() == AliasKind::Transliteration,
            per: entity.etype() == "PER",
            cc: super::resolve::subdivision_country(entity.id()).map(|cc| {
                let b = cc.as_bytes();
                [b[0], b[1]]
            }),
            country: super::resolve::entity_country(&entity),
            is_country: entity.id().starts_with("iso3166:"),
            text: (start, texts.len() as u32),
            first_upper_latin: first_upper(text),
            first_upper_cased,
            case_form: alias
                .scheme()
                .is_some_and(crate::translit::inflect::is_case_scheme),
            has_lower: text.chars().any(|c| c.is_lowercase()),
            words: words.count(),
            upper_words,
            main_name,
            // (Not a shortening of the canonical name: `Frankfurt` of
            // `Frankfurt am Main`, whatever language tag it carries.)
            foreign: !main_name
                && first_upper(text)
                && alias.lang().is_some_and(|l| l != "en")
                && entity.prior().is_some_and(|p| p < MAJOR_PLACE)
                && !entity.country().is_some_and(|cc| {
                    super::words::romanization_only(cc, alias.lang().unwrap_or(""))
                })
                && !entity
                    .canonical()
                    .strip_prefix(text)
                    .is_some_and(|rest| rest.starts_with([' ', '-', ','])),
            english: alias.lang() == Some("en"),
            other_lang: alias.lang().is_some_and(|l| l != "en"),
            club,
            org,
            company,
            rank_weight: rank_weight(alias, &entity, main_name),
        }
    }
}

/// Whether a name is a company's full name: it ends in a legal form or a
/// company word (`Apple Inc.`, `Shell plc`, `Oracle Corporation`, `Eli
/// Lilly and Company`, `Vale S.A.`).
fn is_company_name(name: &str) -> bool {
    name.rsplit(' ').next().is_some_and(|w| {
        matches!(
            w.trim_end_matches(','),
            "Inc."
                | "Inc"
                | "Corp."
                | "Corp"
                | "Corporation"
                | "plc"
                | "PLC"
                | "S.A."
                | "SA"
                | "AG"
                | "SE"
                | "Ltd"
                | "Ltd."
                | "Limited"
                | "N.V."
                | "NV"
                | "Company"
                | "Co."
                | "Holdings"
                | "S.p.A."
                | "ASA"
                | "AB"
                | "Oyj"
        )
    })
}

/// Whether a name is a sports club's full name: it holds a club
/// abbreviation as a word (`Arsenal FC`, `FC Barcelona`, `Real Madrid CF`,
/// `AFC Bournemouth`) or the words `Football Club`.
fn is_club_name(name: &str) -> bool {
    name.split(' ').any(|w| {
        matches!(
            w,
            "FC" | "F.C." | "CF" | "C.F." | "AFC" | "A.F.C." | "SC" | "S.C." | "FK" | "SK"
        )
    }) || name.contains("Football Club")
}

/// See [`AliasFacts::rank_weight`]; `main_name` is [`AliasFacts::main_name`].
fn rank_weight(
    alias: crate::index::AliasRef<'_>,
    entity: &crate::index::EntityRef<'_>,
    main_name: bool,
) -> f64 {
    // People, organizations and curated places (no prior, no country) are
    // named by their aliases as often as by their canonical names
    // (`Macron`, `Xinhua`).
    let listed =
        entity.prior().is_none() && super::resolve::subdivision_country(entity.id()).is_none();
    if main_name || listed {
        return 1.0;
    }
    let (mut a, mut c) = (String::new(), String::new());
    crate::key::key_into(alias.text(), &mut a);
    crate::key::key_into(entity.canonical(), &mut c);
    // (Abbreviated the usual way, it is the canonical name still: `St.
    // Petersburg` of Saint Petersburg, `Mt. Vernon`.)
    let unabbreviated = |k: &str| -> String {
        k.split(' ')
            .map(|w| match w {
                "st" => "saint",
                "ste" => "sainte",
                "mt" => "mount",
                "ft" => "fort",
                "pt" => "port",
                w => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    if a == c || unabbreviated(&a) == unabbreviated(&c) {
        return 1.0;
    }
    // A place's common short name is as good as its full name (`Newcastle`
    // for Newcastle upon Tyne, `Frankfurt` for Frankfurt am Main, `Rostov`
    // for Rostov-on-Don): the name without a lower-case qualifier. Not a
    // name without a capitalized word (`Oklahoma` is the state, not short
    // for Oklahoma City).
    let qualifier = entity
        .canonical()
        .strip_prefix(alias.text())
        .and_then(|rest| rest.strip_prefix([' ', '-']))
        .is_some_and(|rest| rest.starts_with(|ch: char| ch.is_lowercase()));
    // Nor is a name without its administrative head (`Westminster` for
    // City of Westminster).
    let head = ["City of ", "Town of ", "Municipality of ", "District of "]
        .iter()
        .any(|h| entity.canonical().strip_prefix(h) == Some(alias.text()));
    if matches!(alias.kind(), AliasKind::Official | AliasKind::Alias) && (qualifier || head) {
        return 1.0;
    }
    match alias.kind() {
        // (An official name in another language: `Harkov`.)
        AliasKind::Official | AliasKind::Alias | AliasKind::Acronym | AliasKind::Code => 0.1,
        AliasKind::Transliteration | AliasKind::Historical => 0.05,
        AliasKind::Misspelling | AliasKind::Weak => 0.02,
    }
}

/// The [`AliasFacts`] of the aliases of key ordinals seen so far.
#[derive(Default, Debug)]
struct PostingsMemo {
    /// Key ordinal → range of `facts`.
    ranges: HashMap<u64, (u32, u32), Fast>,
    facts: Vec<AliasFacts>,
    /// Alias texts.
    texts: Vec<u8>,
    /// The [`Index::serial`] the memo was filled from.
    serial: u64,
}

/// The postings memo is cleared when it holds more aliases than this.
const POSTINGS_MEMO_MAX: usize = 1 << 18;

impl PostingsMemo {
    fn use_index(&mut self, index: &Index) {
        if self.serial != index.serial() {
            self.ranges.clear();
            self.facts.clear();
            self.texts.clear();
            self.serial = index.serial();
        }
    }

    /// The range of [`PostingsMemo::facts`] holding the facts of the
    /// aliases of key ordinal `ord`, in postings order.
    fn fill(&mut self, index: &Index, ord: u64) -> std::ops::Range<usize> {
        let (a, b) = match self.ranges.get(&ord) {
            Some(&r) => r,
            None => {
                if self.facts.len() >= POSTINGS_MEMO_MAX {
                    self.ranges.clear();
                    self.facts.clear();
                    self.texts.clear();
                }
                let a = self.facts.len() as u32;
                for al in index.postings(ord) {
                    let f = AliasFacts::new(index, al, &mut self.texts);
                    self.facts.push(f);
                }
                let r = (a, self.facts.len() as u32);
                self.ranges.insert(ord, r);
                r
            }
        };
        a as usize..b as usize
    }

    /// The text of an alias of the memo.
    fn text(&self, f: &AliasFacts) -> &[u8] {
        &self.texts[f.text.0 as usize..f.text.1 as usize]
    }
}

/// What the automaton says about a word at the start of a name, by the
/// word's number in the vocabulary (see [`super::vocab`]). Text repeats its
/// words, so most tokens are answered by reading an array instead of a walk
/// of the automaton byte by byte.
#[derive(Default, Debug)]
pub(crate) struct Memo {
    words: Vec<Option<FirstWord>>,
    /// (state, word, joined without a space) → the automaton stepped over
    /// the word from that state (see [`walk_rest`]).
    steps: HashMap<(CompiledAddr, u32, bool), WordStep, Fast>,
    /// The [`Index::serial`] the memo was filled from.
    serial: u64,
    /// The [`super::vocab::Vocab::generation`] of the numbers.
    generation: u64,
    /// A scratch buffer for a key (kept to reuse its allocation).
    key: String,
}

/// The automaton walked from a state over one word's key (after a space,
/// unless the word is joined to the one before). Outputs are relative to
/// the state's (outputs add up along a path).
#[derive(Clone, Copy, Debug)]
struct WordStep {
    /// The output if the state before the key's last byte (or its Korean
    /// particle, see [`core_cut`]) is final.
    before_last: Option<u64>,
    /// The output if the state after the whole key is final.
    full: Option<u64>,
    /// The state after the whole key, if there is one: node address and
    /// output.
    next: Option<(CompiledAddr, u64)>,
}

/// The memo of [`WordStep`]s is cleared when it grows past this many.
const STEPS_MAX: usize = 1 << 16;

/// The bytes a word's core leaves off its key's end: a Korean particle
/// ([`super::words::particle_len`]), else one (a possessive's or plural's
/// `s`).
fn core_cut(key: &[u8]) -> usize {
    match super::words::particle_len(key) {
        0 => 1,
        n => n,
    }
}

impl WordStep {
    fn new<D: AsRef<[u8]>>(fst: &Fst<D>, addr: CompiledAddr, space: bool, key: &[u8]) -> WordStep {
        let mut ws = WordStep {
            before_last: None,
            full: None,
            next: None,
        };
        let mut node = fst.node(addr);
        let mut out = Output::zero();
        if space && !step(fst, &mut node, &mut out, b' ') {
            return ws;
        }
        let last = key.len().wrapping_sub(core_cut(key));
        for (n, &b) in key.iter().enumerate() {
            if n == last {
                ws.before_last = final_ord(&node, out);
            }
            if !step(fst, &mut node, &mut out, b) {
                return ws;
            }
        }
        ws.full = final_ord(&node, out);
        ws.next = Some((node.addr(), out.value()));
        ws
    }
}

/// The automaton walked from its root over one word's key.
#[derive(Clone, Copy, Debug)]
struct FirstWord {
    /// The output if the state before the key's last byte (or its Korean
    /// particle, see [`core_cut`]) is final.
    before_last: Option<u64>,
    /// The output if the state after the whole key is final.
    full: Option<u64>,
    /// The state after the whole key, if there is one: node address and
    /// output so far.
    next: Option<(CompiledAddr, u64)>,
}

impl FirstWord {
    fn new<D: AsRef<[u8]>>(fst: &Fst<D>, key: &[u8]) -> FirstWord {
        let mut fw = FirstWord {
            before_last: None,
            full: None,
            next: None,
        };
        let mut node = fst.root();
        let mut out = Output::zero();
        let last = key.len().wrapping_sub(core_cut(key));
        for (n, &b) in key.iter().enumerate() {
            if n == last {
                fw.before_last = final_ord(&node, out);
            }
            if !step(fst, &mut node, &mut out, b) {
                return fw;
            }
        }
        fw.full = final_ord(&node, out);
        fw.next = Some((node.addr(), out.value()));
        fw
    }
}

impl Memo {
    /// Empties the memo if it was filled from another index (a scratch
    /// may be used with several scanners) or under another numbering of
    /// the words.
    fn use_index(&mut self, index: &Index, vocab: &Vocab) {
        if self.serial != index.serial() || self.generation != vocab.generation() {
            self.words.clear();
            self.steps.clear();
            self.serial = index.serial();
            self.generation = vocab.generation();
        }
    }

    /// The first-word facts of token `tk`, from the memo or computed.
    fn first_word<D: AsRef<[u8]>>(&mut self, fst: &Fst<D>, t: &Tokens, tk: &Token) -> FirstWord {
        let w = tk.word as usize;
        if let Some(Some(fw)) = self.words.get(w) {
            return *fw;
        }
        let fw = FirstWord::new(fst, t.key_bytes(tk));
        if tk.word != NO_WORD {
            if self.words.len() <= w {
                self.words.resize(w + 1, None);
            }
            self.words[w] = Some(fw);
        }
        fw
    }

    /// The key ordinal of the token's core (without a possessive `'s`), if
    /// it is a key of the index (as [`Index::key_ordinal`] says).
    fn core_key_ordinal<D: AsRef<[u8]>>(
        &mut self,
        fst: &Fst<D>,
        t: &Tokens,
        tk: &Token,
    ) -> Option<u64> {
        let fw = self.first_word(fst, t, tk);
        if tk.has(flag::POSS) && tk.key_end - tk.key_start > 1 {
            fw.before_last
        } else {
            fw.full
        }
    }

    /// The automaton stepped from state `addr` over token `tk` (after a
    /// space unless `joined`), from the memo or computed.
    fn step_word<D: AsRef<[u8]>>(
        &mut self,
        fst: &Fst<D>,
        addr: CompiledAddr,
        joined: bool,
        t: &Tokens,
        tk: &Token,
    ) -> WordStep {
        let key = t.key_bytes(tk);
        if tk.word == NO_WORD {
            return WordStep::new(fst, addr, !joined, key);
        }
        let k = (addr, tk.word, joined);
        if let Some(ws) = self.steps.get(&k) {
            return *ws;
        }
        if self.steps.len() >= STEPS_MAX {
            self.steps.clear();
        }
        let ws = WordStep::new(fst, addr, !joined, key);
        self.steps.insert(k, ws);
        ws
    }

    /// The ordinal of `key` in the index: from the memo if it holds `key`,
    /// else looked up (and not memoized).
    pub fn key_ordinal(&self, index: &Index, vocab: &Vocab, key: &[u8]) -> Option<u64> {
        if self.serial == index.serial() && self.generation == vocab.generation() {
            if let Some(Some(fw)) = vocab.find(key).and_then(|w| self.words.get(w as usize)) {
                return fw.full;
            }
        }
        index.key_ordinal(key)
    }
}

fn step<'f, D: AsRef<[u8]>>(fst: &'f Fst<D>, node: &mut Node<'f>, out: &mut Output, b: u8) -> bool {
    match node.find_input(b) {
        Some(i) => {
            let t = node.transition(i);
            *out = out.cat(t.out);
            *node = fst.node(t.addr);
            true
        }
        None => false,
    }
}

fn final_ord(node: &Node<'_>, out: Output) -> Option<u64> {
    node.is_final()
        .then(|| out.cat(node.final_output()).value())
}

/// Finds raw matches in a prepared chunk.
pub(crate) fn find(scanner: &Scanner<'_>, bytes: &[u8], p: &mut Prepared) {
    let fst = scanner.index.keys().as_fst();
    p.fin.memo.use_index(scanner.index, &p.tokens.vocab);
    p.fin.posts.use_index(scanner.index);
    let toks = &p.tokens.toks;
    let n = toks.len();
    let max_words = scanner.opts.max_words.max(1);
    let mut next_free = 0usize;
    // The last accepted match has several words.
    let mut multi_before = false;
    let mut i = 0usize;
    while i < n {
        let tk = &p.tokens.toks[i];
        // (Nationality words, for the resolver: see `paragraph_demonyms`.)
        if tk.has(flag::CAP) && p.tokens.classes(tk) & class::DEMONYM != 0 {
            p.demonyms.push(i as u32);
        }
        if i < next_free {
            i += 1;
            continue;
        }
        if !scanner.digit_keys && !tk.has(flag::CAP | flag::LOWER) && tk.has(flag::DIGIT) {
            let first = bytes[tk.start as usize];
            if first.is_ascii_digit() {
                i += 1;
                continue;
            }
        }
        if tk.has(flag::CONTRACTION) {
            i += 1;
            continue;
        }
        // A lower-case function or common word starts no name.
        if tk.has(flag::LOWER) && p.tokens.classes(tk) & (class::COMMON | class::STOP) != 0 {
            i += 1;
            continue;
        }
        let first = p.fin.memo.first_word(fst, &p.tokens, tk);
        let Finals { v: fin, memo, .. } = &mut p.fin;
        fin.clear();
        walk(fst, &p.tokens, i, max_words, first, memo, fin);
        let fin = &mut p.fin.v;
        if fin.is_empty() {
            i += 1;
            continue;
        }
        // A fixed phrase around the name (`Brent crude`): nothing inside.
        if let Some(e) = fixed_phrase_at(&p.tokens, i) {
            next_free = e + 1;
            multi_before = false;
            i = e + 1;
            continue;
        }
        // Longest first.
        let mut accepted = false;
        for f in (0..fin.len()).rev() {
            let (j, end, ord) = fin[f];
            let j = j as usize;
            let bs = toks[i].start;
            let be = match (end, j == i) {
                (End::Full, _) => toks[j].end,
                (End::Core, _) => toks[j].core_end,
                (End::StripS, true) => toks[j].end - 1,
                (End::StripS, false) => toks[j].end,
            };
            let c0 = p.cands.len() as u32;
            // The word before ends an accepted match of several words (a
            // name of its own, `EPA-EFE`; one word may be part of an unknown
            // name, `Karina` in `Karina Milei`).
            let prev_matched = i > 0 && i == next_free && multi_before;
            let named_thing = candidates(
                scanner,
                bytes,
                &p.tokens,
                i,
                j,
                end,
                bs,
                be,
                ord,
                &mut p.cands,
                &mut p.fin.memo,
                &mut p.fin.posts,
                &mut p.fin.look,
                prev_matched,
            );
            if named_thing {
                // (No mention, and none inside: skip its words.)
                next_free = j + 1;
                multi_before = false;
                i = j;
                break;
            }
            let c1 = p.cands.len() as u32;
            if c0 == c1 {
                continue;
            }
            // A match of several words that is only weak evidence (an
            // untagged side name, `White House` of Casablanca) yields to a
            // name that starts inside it and goes on past it.
            if j > i
                && p.cands[c0 as usize..c1 as usize].iter().all(|c| c.weak)
                && longer_inside(
                    fst,
                    &p.tokens,
                    &mut p.fin.memo,
                    &mut p.fin.look,
                    i,
                    j,
                    max_words,
                )
            {
                p.cands.truncate(c0 as usize);
                break;
            }
            // A match through a possessive whose possessor is a name itself:
            // split (`Ukraine’s Foreign Ministry`).
            let mut split_at = None;
            if j > i && !p.cands[c0 as usize..c1 as usize].iter().all(|c| c.weak) {
                for (k, tk) in toks.iter().enumerate().take(j).skip(i) {
                    if !tk.has(flag::POSS) {
                        continue;
                    }
                    if let Some(&(_, _, ord2)) =
                        fin.iter().find(|x| x.0 as usize == k && x.1 == End::Core)
                    {
                        split_at = Some((k, ord2));
                    }
                }
            }
            if let Some((k, ord2)) = split_at {
                let pc0 = p.cands.len() as u32;
                let _ = candidates(
                    scanner,
                    bytes,
                    &p.tokens,
                    i,
                    k,
                    End::Core,
                    bs,
                    toks[k].core_end,
                    ord2,
                    &mut p.cands,
                    &mut p.fin.memo,
                    &mut p.fin.posts,
                    &mut p.fin.look,
                    prev_matched,
                );
                let pc1 = p.cands.len() as u32;
                if pc1 > pc0 && !p.cands[pc0 as usize..pc1 as usize].iter().all(|c| c.weak) {
                    // Remainder keeps the long match's candidates (strong ones).
                    let long: Vec<Cand> = p.cands[c0 as usize..c1 as usize]
                        .iter()
                        .filter(|c| !c.weak)
                        .copied()
                        .collect();
                    let r0 = p.cands.len() as u32;
                    p.cands.extend(long);
                    let r1 = p.cands.len() as u32;
                    p.raws.push(Raw {
                        ts: i as u32,
                        te: k as u32,
                        bs,
                        be: toks[k].core_end,
                        c0: pc0,
                        c1: pc1,
                        forced: false,
                    });
                    p.raws.push(Raw {
                        ts: (k + 1) as u32,
                        te: j as u32,
                        bs: toks[k + 1].start,
                        be,
                        c0: r0,
                        c1: r1,
                        forced: true,
                    });
                    next_free = j + 1;
                    multi_before = true;
                    accepted = true;
                    break;
                }
                p.cands.truncate(pc0 as usize);
            }
            // The Arabic article joined by a hyphen belongs to the name
            // (`Al-Sharaa`, `el-Sisi`): the mention starts with it.
            let (ts, bs) = if i > next_free && article_before(&p.tokens, i) {
                (i - 1, toks[i - 1].start)
            } else {
                (i, bs)
            };
            p.raws.push(Raw {
                ts: ts as u32,
                te: j as u32,
                bs,
                be,
                c0,
                c1,
                forced: false,
            });
            next_free = j + 1;
            multi_before = j > i;
            accepted = true;
            break;
        }
        let _ = accepted;
        i += 1;
    }
}

/// Whether token `i` follows the Arabic article `al`/`el` joined to it by
/// a hyphen alone (`Al-Sharaa`), the article starting its word.
fn article_before(t: &Tokens, i: usize) -> bool {
    let (a, tk) = (&t.toks[i - 1], &t.toks[i]);
    tk.has(flag::HYPHEN)
        && tk.start == a.end + 1
        && !a.has(flag::POSS | flag::DOTTED)
        && matches!(t.key_bytes(a), b"al" | b"el")
}

/// Whether a walk from one of the tokens `i+1..=j` reaches a final state
/// past token `j`.
fn longer_inside<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    t: &Tokens,
    memo: &mut Memo,
    look: &mut Vec<(u32, End, u64)>,
    i: usize,
    j: usize,
    max_words: usize,
) -> bool {
    for k in i + 1..=j {
        let tk = &t.toks[k];
        if tk.has(flag::HARD) {
            return false;
        }
        let first = memo.first_word(fst, t, tk);
        look.clear();
        walk(fst, t, k, max_words, first, memo, look);
        if look.iter().any(|f| f.0 as usize > j) {
            return true;
        }
    }
    false
}

/// Walks the automaton from token `i`, recording every final state. The
/// first word's part of the walk is `first` (see [`FirstWord`]); the same
/// rules as for later words apply to it (see [`walk_word`]).
fn walk<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    t: &Tokens,
    i: usize,
    max_words: usize,
    first: FirstWord,
    memo: &mut Memo,
    fin: &mut Vec<(u32, End, u64)>,
) {
    let toks = &t.toks;
    let tk = &toks[i];
    let key = t.key_bytes(tk);
    if let Some(o) = first.before_last {
        if tk.has(flag::POSS | flag::PARTICLE) {
            fin.push((i as u32, End::Core, o));
        } else if strip_ok(tk, key) {
            fin.push((i as u32, End::StripS, o));
        }
    }
    let Some((addr, out)) = first.next else {
        return;
    };
    if let Some(o) = first.full.filter(|_| !tk.has(flag::POSS)) {
        if let Some(l) = fin.last() {
            if l.0 == i as u32 && l.1 == End::StripS {
                fin.pop();
            }
        }
        fin.push((i as u32, End::Full, o));
    }
    let j = i + 1;
    if j >= toks.len() || j - i >= max_words || toks[j].has(flag::HARD) {
        return;
    }
    walk_rest(fst, t, i, j, addr, out, max_words, memo, fin);
}

/// Walks the automaton from state `addr` with output `out` (reached over
/// tokens `i..j`) over tokens `j..`, recording every final state; the
/// memoized form of [`walk_from`], word by word.
#[allow(clippy::too_many_arguments)]
fn walk_rest<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    t: &Tokens,
    i: usize,
    mut j: usize,
    mut addr: CompiledAddr,
    mut out: u64,
    max_words: usize,
    memo: &mut Memo,
    fin: &mut Vec<(u32, End, u64)>,
) {
    let toks = &t.toks;
    loop {
        let tk = &toks[j];
        let joined = tk.has(flag::NOSPACE) && toks[j - 1].has(flag::NOSPACE);
        let ws = memo.step_word(fst, addr, joined, t, tk);
        if let Some(o) = ws.before_last {
            let key = t.key_bytes(tk);
            if tk.has(flag::POSS | flag::PARTICLE) {
                fin.push((j as u32, End::Core, out + o));
            } else if strip_ok(tk, key) && !is_descriptor_plural(&key[..key.len() - 1]) {
                // Only when the whole word is not itself a name.
                fin.push((j as u32, End::StripS, out + o));
            }
        }
        let Some((next, o_next)) = ws.next else {
            return;
        };
        // A possessive ends a name before its `'s` (recorded above), never
        // after it (`DPR's` is not the plural `DPRs`).
        if let Some(o) = ws.full.filter(|_| !tk.has(flag::POSS)) {
            // A full-word final supersedes a strip-s final of the same word.
            if let Some(l) = fin.last() {
                if l.0 == j as u32 && l.1 == End::StripS {
                    fin.pop();
                }
            }
            fin.push((j as u32, End::Full, out + o));
        }
        addr = next;
        out += o_next;
        j += 1;
        if j >= toks.len() || j - i >= max_words || toks[j].has(flag::HARD) {
            return;
        }
    }
}

/// The last token of a phrase of `data/fixed_phrases.txt` that holds token
/// `i` and starts at most one word before it, its words apart by no hard
/// boundary.
fn fixed_phrase_at(t: &Tokens, i: usize) -> Option<usize> {
    if t.core_classes(&t.toks[i]) & class::PHRASE_WORD == 0 {
        return None;
    }
    for phrase in lists().fixed_phrases() {
        for k in 0..phrase.len().min(2).min(i + 1) {
            let s = i - k;
            let e = s + phrase.len() - 1;
            if e >= t.toks.len() {
                continue;
            }
            let fits = phrase.iter().enumerate().all(|(m, w)| {
                let tk = &t.toks[s + m];
                (m == 0 || !tk.has(flag::HARD)) && t.core_key(tk).as_bytes() == w.as_bytes()
            });
            if fits {
                return Some(e);
            }
        }
    }
    None
}

/// Whether a word may match without its final `s` (a plural or a
/// possessive without apostrophe).
fn strip_ok(tk: &Token, key: &[u8]) -> bool {
    tk.has(flag::CAP)
        && !tk.has(flag::UPPER)
        && !tk.has(flag::POSS)
        && key.len() >= 5
        && key[key.len() - 1] == b's'
}

/// The reference walk: from the root over tokens `i..`, byte by byte.
#[cfg(test)]
fn walk_reference<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    t: &Tokens,
    i: usize,
    max_words: usize,
    fin: &mut Vec<(u32, End, u64)>,
) {
    walk_from(fst, t, i, i, fst.root(), Output::zero(), max_words, fin);
}

/// Walks the automaton from `node` (reached over tokens `i..j`) over tokens
/// `j..`, recording every final state.
#[cfg(test)]
#[allow(clippy::too_many_arguments)]
fn walk_from<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    t: &Tokens,
    i: usize,
    mut j: usize,
    mut node: Node<'f>,
    mut out: Output,
    max_words: usize,
    fin: &mut Vec<(u32, End, u64)>,
) {
    let toks = &t.toks;
    loop {
        let tk = &toks[j];
        if j > i {
            let joined = tk.has(flag::NOSPACE) && toks[j - 1].has(flag::NOSPACE);
            if !joined && !step(fst, &mut node, &mut out, b' ') {
                return;
            }
        }
        let key = t.key_bytes(tk);
        let last = key.len() - 1;
        let particle = super::words::particle_len(key);
        let strip_ok = strip_ok(tk, key);
        for (n, &b) in key.iter().enumerate() {
            if tk.has(flag::PARTICLE) && n == key.len() - particle {
                if let Some(o) = final_ord(&node, out) {
                    fin.push((j as u32, End::Core, o));
                }
            }
            if n == last {
                if tk.has(flag::POSS) {
                    if let Some(o) = final_ord(&node, out) {
                        fin.push((j as u32, End::Core, o));
                    }
                } else if strip_ok && (j == i || !is_descriptor_plural(&key[..last])) {
                    if let Some(o) = final_ord(&node, out) {
                        // Only when the whole word is not itself a name.
                        fin.push((j as u32, End::StripS, o));
                    }
                }
            }
            if !step(fst, &mut node, &mut out, b) {
                return;
            }
        }
        // A possessive ends a name before its `'s` (recorded above), never
        // after it (`DPR's` is not the plural `DPRs`).
        if let Some(o) = final_ord(&node, out).filter(|_| !tk.has(flag::POSS)) {
            // A full-word final supersedes a strip-s final of the same word.
            if let Some(l) = fin.last() {
                if l.0 == j as u32 && l.1 == End::StripS {
                    fin.pop();
                }
            }
            fin.push((j as u32, End::Full, o));
        }
        j += 1;
        if j >= toks.len() || j - i >= max_words || toks[j].has(flag::HARD) {
            return;
        }
    }
}

fn is_descriptor_plural(singular: &[u8]) -> bool {
    // The last word of the key.
    let w = match singular.iter().rposition(|&b| b == b' ') {
        Some(p) => &singular[p + 1..],
        None => singular,
    };
    std::str::from_utf8(w).is_ok_and(|w| lists().is_descriptor(w))
}

/// What the case policy needs to know about a surface.
struct Surface<'a> {
    text: &'a [u8],
    /// The word before is `the`.
    after_the: bool,
    single: bool,
    first_cap: bool,
    first_lower: bool,
    all_upper: bool,
    sent: bool,
    /// One word that is also a Russian or Ukrainian ordinary word.
    cyr_common: bool,
    /// No unknown capitalized word follows, or the word after starts a
    /// known name of several words: for a name in a cased non-Latin
    /// script, a genitive before a name (see
    /// [`AliasFacts::first_upper_cased`]).
    genitive_before_name: bool,
    common: bool,
    /// The match drops a final `s` of the word (`Koreas` → `Korea`).
    plural: bool,
    stop: bool,
    name_word: bool,
    /// One word right before a capitalized title (`Chad President`): not
    /// part of a longer name, but a country's name in another language
    /// does not count there (`Argentine President` is the demonym, not the
    /// French name of Argentina).
    before_title: bool,
    mixed_context: bool,
    /// A capitalized word right before or after (not a sentence start):
    /// the word is part of a longer name (`North Korean`, `Kanye West`).
    in_name: bool,
    /// One word right after a capitalized given name (`Nick Burnham`),
    /// even at a sentence start: for a person, part of a longer name.
    given_before: bool,
    /// One word next to a capitalized word found in no word list or
    /// lexicon (a stricter `in_name`).
    name_neighbour: bool,
    /// An all-capitals word the lexicon does not know is next to it.
    caps_run: bool,
    /// Several words, each an ordinary or function word.
    all_common: bool,
    /// Bit k: surface word k starts lower-case (first 32 words).
    lower_mask: u32,
    words: usize,
    key_len: usize,
}

impl Surface<'_> {
    /// Part of a longer name: any capitalized neighbour, or for a person's
    /// name also a given name before it (`Nick Burnham`).
    fn in_name_of(&self, per: bool) -> bool {
        self.in_name || (per && self.given_before)
    }
    /// A short word in capitals amid mixed-case text, against a name spelt
    /// with lower-case letters: an acronym rather than the name (`UN` is
    /// the United Nations before the town of Un).
    fn acronym_for(&self, f: &AliasFacts) -> bool {
        self.single && self.all_upper && self.mixed_context && self.key_len <= 3 && f.has_lower
    }
}

/// Pushes the candidates of key ordinal `ord` that the case policy allows
/// for the surface `bytes[bs..be]` (tokens `i..=j`). Returns whether the
/// words are a lexicon person's name inside the name of another thing
/// (`USS Ronald Reagan`): then they are no mention at all, nor are the
/// names inside them.
#[allow(clippy::too_many_arguments)]
fn candidates(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    t: &Tokens,
    i: usize,
    j: usize,
    end: End,
    bs: u32,
    be: u32,
    ord: u64,
    out: &mut Vec<Cand>,
    memo: &mut Memo,
    posts: &mut PostingsMemo,
    look: &mut Vec<(u32, End, u64)>,
    prev_matched: bool,
) -> bool {
    let index = scanner.index;
    let toks = &t.toks;
    let text = &bytes[bs as usize..be as usize];
    let l = lists();
    let single = i == j;
    let skey: &[u8] = if single {
        let k = t.key_bytes(&toks[i]);
        match end {
            End::Full => k,
            End::Core if toks[i].has(flag::PARTICLE) => {
                &k[..k.len() - super::words::particle_len(k)]
            }
            End::Core | End::StripS => &k[..k.len() - 1],
        }
    } else {
        b""
    };
    let all_upper = toks[i..=j]
        .iter()
        .all(|tk| tk.has(flag::UPPER) || !tk.has(flag::CAP | flag::LOWER));
    // Mixed case around (in the same paragraph): not an all-capitals line.
    // A dotted acronym counts as mixed case: it is written so in mixed-case
    // text, and `replace` writes it out so (`U.S. SG` → `United States SG`).
    let neighbour_mixed = |tk: &Token| {
        (!tk.has(flag::UPPER) && tk.has(flag::CAP | flag::LOWER)) || tk.has(flag::DOTTED)
    };
    let mixed_context = (i > 0 && !toks[i].has(flag::PARA) && neighbour_mixed(&toks[i - 1]))
        || (j + 1 < toks.len() && !toks[j + 1].has(flag::PARA) && neighbour_mixed(&toks[j + 1]));
    // A dotted acronym (`U.S.`) is never the word it spells (`us`).
    let dotted = single && toks[i].has(flag::DOTTED);
    // A neighbour that is itself a name (`Kiev Donetsk`, `Russia's
    // Putin`) does not make a longer unknown name. A key whose aliases are
    // all codes or acronyms names nothing in a word that is not all
    // capitals (`Sen` in `Choe Sen Hui` is not `SEN`, Senegal).
    let fst = index.keys().as_fst();
    // The word after starts a name of several words the index holds
    // (`Рамзан` of `Рамзан Кадыров`): a name before it in a cased
    // non-Latin script is a genitive before that name, not a given name
    // (`Софія Яремчук` is no mention of Sofia). (Only such a name needs to
    // know: its surface is not ASCII.)
    let next_starts_name = !text.is_ascii()
        && toks.get(j + 1).is_some_and(|n| {
            memo.first_word(fst, t, n)
                .next
                .is_some_and(|(addr, _)| fst.node(addr).find_input(b' ').is_some())
        });
    let mut known = |tk: &Token| match memo.core_key_ordinal(fst, t, tk) {
        None => false,
        Some(_) if tk.has(flag::UPPER) => true,
        Some(ord) => {
            let r = posts.fill(index, ord);
            // (A side name of a hamlet is no name of its own: `Hunter`
            // in `Hunter Biden`.)
            posts.facts[r].iter().any(|f| {
                !matches!(f.kind, AliasKind::Code | AliasKind::Acronym)
                    && (f.main_name || f.prior.is_none_or(|p| p >= MINOR_PLACE))
            })
        }
    };
    // (A word with a digit is no part of a name: `A1`.)
    // A title before a name is no part of it (`President Vladimir`,
    // `Mr. Trump`); a short one without its dot may be a syllable of the name
    // (`Sen` in `Choe Sen Hui`).
    let title = |tk: &Token| {
        t.classes(tk) & class::TITLE != 0
            && (tk.key_end - tk.key_start > 3 || bytes.get(tk.end as usize) == Some(&b'.'))
    };
    // (A title after a name is no part of it either: `Chad President
    // Mahamat Deby`; see `Surface::before_title`.)
    let title_after = single
        && end == End::Full
        && toks
            .get(j + 1)
            .is_some_and(|n| n.has(flag::CAP) && !n.has(flag::HARD) && title(n));
    let next_cap = end != End::Core
        && !title_after
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::CAP)
                && !n.has(flag::DIGIT)
                && !n.has(flag::HARD)
                && !n.has(flag::SENT)
                && !n.has(flag::HYPHEN)
                && t.classes(n) & (class::MONTH | class::WEEKDAY) == 0
                && !known(n)
        });
    // An ordinary word capitalized only because it starts a sentence
    // (`Later Kim said`).
    // (The business and sports words are ordinary ones too: `Chipmaker
    // TSMC fell`.)
    // The word lists are English: in another script any word starting a
    // sentence may be an ordinary one (`Обстрел Харькова`).
    let sentence_word = |tk: &Token| {
        tk.has(flag::SENT)
            && (t.classes(tk) & (class::COMMON | class::BUSINESS | class::SPORT) != 0
                || !t.key_bytes(tk).is_ascii())
    };
    // (A possessive that is no name is part of one: `People's Republic`.)
    let prev_cap = i > 0
        && !prev_matched
        && !toks[i].has(flag::HARD)
        && !toks[i].has(flag::HYPHEN)
        && toks[i - 1].has(flag::CAP)
        && !toks[i - 1].has(flag::DIGIT)
        && t.classes(&toks[i - 1]) & (class::STOP | class::MONTH | class::WEEKDAY) == 0
        && !title(&toks[i - 1])
        && !sentence_word(&toks[i - 1])
        && !known(&toks[i - 1]);
    // A capitalized neighbour that no dictionary, title list or lexicon
    // knows, joined by a space: most often the rest of a person's name
    // (`Ron DeSantis`, `Jake Sullivan`).
    let plain = |tk: &Token| {
        t.classes(tk) & (class::COMMON | class::STOP | class::TITLE | class::DESCRIPTOR) == 0
    };
    let spaces = |a: &Token, b: &Token| {
        bytes
            .get(a.end as usize..b.start as usize)
            .is_some_and(|g| !g.is_empty() && g.iter().all(|&c| c == b' '))
    };
    // Or by a hyphen: one part of an unknown compound name (`Ida` in
    // `Ida-Viru`; not `Russia` in `Russia-Ukraine`, both known; not the
    // article of `Al-Sharaa`).
    let hyphen = |a: &Token, b: &Token| {
        bytes.get(a.end as usize..b.start as usize) == Some(&b"-"[..])
            && b.has(flag::CAP)
            && !b.has(flag::DIGIT)
    };
    let mut hyphen_name = |tk: &Token| plain(tk) && !known(tk);
    // A given name before a capitalized word that is no ordinary one, even
    // a known name: a person's (`Jordan Henderson`, `Lewis Hamilton`).
    let given_first = single
        && end == End::Full
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::CAP)
                && !n.has(flag::UPPER)
                && !n.has(flag::HARD)
                && spaces(&toks[j], n)
                && plain(n)
        })
        && t.core_classes(&toks[i]) & class::GIVEN != 0;
    let name_neighbour = single
        && ((next_cap && plain(&toks[j + 1]) && spaces(&toks[j], &toks[j + 1]))
            || (prev_cap && plain(&toks[i - 1]) && spaces(&toks[i - 1], &toks[i]))
            || (end == End::Full
                && toks
                    .get(j + 1)
                    .is_some_and(|n| hyphen(&toks[j], n) && hyphen_name(n)))
            || (i > 0
                && toks[i - 1].has(flag::CAP)
                && hyphen(&toks[i - 1], &toks[i])
                && !article_before(t, i)
                && hyphen_name(&toks[i - 1])));
    // Beside another all-capitals word the lexicon does not know, in the
    // same run: a name written in capitals (`PAK JONG CHON` in a list),
    // not a country code.
    let caps_word =
        |tk: &Token| tk.has(flag::UPPER) && !tk.has(flag::DIGIT) && !tk.has(flag::DOTTED);
    let caps_run = (j + 1 < toks.len()
        && !toks[j + 1].has(flag::HARD)
        && !toks[j + 1].has(flag::HYPHEN)
        && caps_word(&toks[j + 1])
        && !known(&toks[j + 1]))
        || (i > 0
            && !toks[i].has(flag::HARD)
            && !toks[i].has(flag::HYPHEN)
            && caps_word(&toks[i - 1])
            && !known(&toks[i - 1]));
    // `the Republic`: see the case policy.
    let after_the = i > 0
        && !toks[i].has(flag::SENT)
        && !toks[i].has(flag::HARD)
        && t.core_key_bytes(&toks[i - 1]) == b"the";
    // Right before a person's name, joined by a space: a first name
    // (`Karina Milei`), not a place.
    let before_person = single
        && end == End::Full
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::CAP)
                && spaces(&toks[j], n)
                && match memo.core_key_ordinal(fst, t, n) {
                    None => false,
                    Some(ord) => {
                        let r = posts.fill(index, ord);
                        posts.facts[r].iter().any(|f| f.per)
                    }
                }
        });
    let mut lower_mask = 0u32;
    for (k, tk) in toks[i..=j].iter().enumerate().take(32) {
        if tk.has(flag::LOWER) {
            lower_mask |= 1 << k;
        }
    }
    // (The Arabic article may be lower-case before a capitalized name:
    // `al-Fashir`, `el-Obeid` for `Al-Fashir`, `El Obeid`.)
    let article_lower = !single
        && toks[i].has(flag::LOWER)
        && matches!(t.key_bytes(&toks[i]), b"al" | b"el")
        && article_before(t, i + 1)
        && toks[i + 1].has(flag::CAP);
    if article_lower {
        // (After a capitalized word, a longer name: `Ras al-Ain`.)
        if i > 0
            && toks[i - 1].has(flag::CAP)
            && spaces(&toks[i - 1], &toks[i])
            && t.classes(&toks[i - 1]) & (class::STOP | class::COMMON) == 0
        {
            return false;
        }
        lower_mask &= !1;
    }
    // (A head noun at the end may be lower-case: `the Dnipro river`.)
    if j > i
        && j - i < 32
        && toks[j].has(flag::LOWER)
        && t.core_classes(&toks[j]) & class::LOWER_HEAD != 0
    {
        lower_mask &= !(1 << (j - i));
    }
    let classes = match (single, end) {
        (false, _) => 0,
        (true, End::Full) => t.classes(&toks[i]),
        (true, _) => l.classes(std::str::from_utf8(skey).unwrap_or("")),
    };
    // (`Nick`: a list, not the common-word test, since given names are
    // often ordinary words too.)
    let given_before = single
        && i > 0
        && !prev_matched
        && !toks[i].has(flag::HARD)
        && toks[i - 1].has(flag::CAP)
        && !toks[i - 1].has(flag::UPPER)
        && spaces(&toks[i - 1], &toks[i])
        && t.core_classes(&toks[i - 1]) & class::GIVEN != 0;
    let s = Surface {
        text,
        in_name: next_cap || prev_cap,
        genitive_before_name: !next_cap || next_starts_name,
        given_before,
        name_neighbour: name_neighbour || before_person || given_first,
        all_common: !single
            && toks[i..=j]
                .iter()
                .all(|tk| t.core_classes(tk) & (class::COMMON | class::STOP) != 0),
        caps_run,
        after_the,
        lower_mask,
        words: j - i + 1,
        single,
        first_cap: toks[i].has(flag::CAP),
        first_lower: toks[i].has(flag::LOWER) && !article_lower,
        all_upper,
        sent: toks[i].has(flag::SENT),
        // (A word rare in writing is the name: `Wales`, `Chevron`.)
        common: !dotted && classes & (class::COMMON | class::RARE) == class::COMMON,
        cyr_common: single && classes & class::CYR_COMMON != 0,
        plural: single && end == End::StripS,
        stop: !dotted && classes & class::STOP != 0,
        name_word: classes & class::NAME != 0,
        before_title: title_after,
        mixed_context,
        key_len: if single { skey.len() } else { 2 },
    };
    // The start of a newspaper's, strait's or company's name (`Kyiv
    // Independent`, `Taiwan Strait`): no mention.
    // (Unless the word starts a name of several words: `Republic United
    // States` is two names; `Korea Institute for National Unification` is
    // one, though `Institute for` starts another.)
    if end == End::Full
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::CAP) && spaces(&toks[j], n) && t.classes(n) & class::ORG_HEAD != 0
        })
        && !longer_inside(fst, t, memo, look, j, j + 1, scanner.opts.max_words.max(1))
    {
        return false;
    }
    // A title starting an alias gives way to a longer name inside it
    // (`Sheikh Mohamed bin Zayed Al Nahyan`: the full name from `Mohamed`).
    if !single
        && title(&toks[i])
        && longer_inside(fst, t, memo, look, i, j, scanner.opts.max_words.max(1))
    {
        return false;
    }
    // A plus sign right after the name makes another name (`OPEC+`, the
    // wider group; `Disney+`).
    if end == End::Full
        && bytes.get(be as usize) == Some(&b'+')
        && !bytes
            .get(be as usize + 1)
            .is_some_and(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    // A regnal or series number after the name (`Artemis II`, a mission;
    // `Abdullah II` is an alias of its own): the name of something else.
    if end == End::Full
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::UPPER) && spaces(&toks[j], n) && super::words::is_name_suffix(t.core_key(n))
        })
    {
        return false;
    }
    // An institution's head word after one to three more capitalized words
    // (`Moscow State University`, `Korea Aerospace Administration`,
    // `Zaporizhzhia Nuclear Power Plant`, `African Union Support and
    // Stabilization Mission`): no mention. Nor is a name inside such a
    // name, after a capitalized word of it, when the head follows at once
    // (`Sahel` in `Islamic State Sahel Province`).
    if end == End::Full {
        let inside = i > 0
            && toks[i - 1].has(flag::CAP)
            && !toks[i - 1].has(flag::DIGIT)
            && spaces(&toks[i - 1], &toks[i])
            && t.classes(&toks[i - 1])
                & (class::STOP | class::MONTH | class::WEEKDAY | class::TITLE | class::DEMONYM)
                == 0
            && !(toks[i - 1].has(flag::SENT) && t.classes(&toks[i - 1]) & class::COMMON != 0);
        let mut words = 0;
        let mut k = j;
        while words < 4 {
            let Some(n) = toks.get(k + 1) else { break };
            if !spaces(&toks[k], n) || n.has(flag::DIGIT) {
                break;
            }
            if !n.has(flag::CAP) {
                // (`and`, `for` between capitalized words of the name.)
                let joins = words > 0
                    && matches!(t.key_bytes(n), b"and" | b"for")
                    && toks
                        .get(k + 2)
                        .is_some_and(|m| m.has(flag::CAP) && spaces(n, m));
                if !joins {
                    break;
                }
                k += 1;
                continue;
            }
            if (words > 0 || inside) && t.core_classes(n) & class::INSTITUTION != 0 {
                return false;
            }
            words += 1;
            k += 1;
        }
    }
    // `Bank Indonesia`, `Air India`, `Lake Chad` (`data/org_before.txt`):
    // no mention.
    if i > 0
        && toks[i - 1].has(flag::CAP)
        && !toks[i - 1].has(flag::UPPER)
        && spaces(&toks[i - 1], &toks[i])
        && t.classes(&toks[i - 1]) & class::ORG_BEFORE != 0
    {
        return false;
    }
    // `Bank of England`, `Sea of Japan` (`data/org_of.txt`): no mention.
    if i >= 2
        && t.key_bytes(&toks[i - 1]) == b"of"
        && !toks[i - 1].has(flag::HARD)
        && !toks[i].has(flag::HARD)
        && toks[i - 2].has(flag::CAP)
        && t.classes(&toks[i - 2]) & class::ORG_OF != 0
    {
        return false;
    }
    // Between a title and a capitalized word, a name is a person's
    // (`Defense Minister Israel Katz`, `Governor Cláudio Castro`): no place.
    // So is the word after such a first name (`Castro`).
    let after_title = single
        && ((i > 0
            && title(&toks[i - 1])
            && spaces(&toks[i - 1], &toks[i])
            && toks.get(j + 1).is_some_and(|n| {
                spaces(&toks[j], n)
                    && (n.has(flag::CAP) || (j + 2 < toks.len() && article_before(t, j + 2)))
            }))
            || (i > 1
                && title(&toks[i - 2])
                && toks[i - 1].has(flag::CAP)
                && spaces(&toks[i - 2], &toks[i - 1])
                && spaces(&toks[i - 1], &toks[i])));
    // After a capitalized word, the Arabic article joined to a name starts
    // a family name (`Nawaf al-Ahmad`, `Salem al-Sabah`): no place.
    let family_name = single
        && i >= 2
        && article_before(t, i)
        && toks[i - 2].has(flag::CAP)
        && !toks[i - 2].has(flag::UPPER | flag::POSS | flag::DIGIT)
        && spaces(&toks[i - 2], &toks[i - 1])
        && t.classes(&toks[i - 2]) & (class::STOP | class::COMMON) == 0;
    // One or two capitalized words that are no name of the lexicon, ending
    // in an ordinary word's plural, a word not capitalized after them,
    // make a place the start of a team's or a company's name (`Leicester
    // Tigers lost`, `Chennai Super Kings beat`, `Tata Motors rose`; not a
    // headline, `Britain Says It`; not `… Republic United States talks`).
    let plural_after = end == End::Full && {
        let mut k = j;
        let mut found = false;
        while k < j + 2 {
            let Some(n) = toks.get(k + 1) else { break };
            if !n.has(flag::CAP)
                || n.has(flag::DIGIT | flag::UPPER | flag::POSS)
                || !spaces(&toks[k], n)
                || t.classes(n) & (class::STOP | class::MONTH | class::WEEKDAY | class::TITLE) != 0
            {
                break;
            }
            k += 1;
            let key = t.key_bytes(n);
            // (The words so far, a name of the lexicon: `United States`.)
            if k == j + 1 {
                memo.key.clear();
            } else {
                memo.key.push(' ');
            }
            memo.key.push_str(t.key(n));
            if fst.get(memo.key.as_bytes()).is_some() {
                break;
            }
            if key.len() > 3
                && key.ends_with(b"s")
                && !key.ends_with(b"ss")
                && t.classes(n) & (class::COMMON | class::GROUP_PLURAL) == class::COMMON
            {
                found = toks
                    .get(k + 1)
                    .is_none_or(|m| !m.has(flag::CAP) || m.has(flag::HARD));
                break;
            }
        }
        found
    };
    // A place one to three capitalized words before a legal form starts a
    // company's name (`Asia Pacific Shipping Ltd`): no place. An
    // organization's or a person's name is kept (`Toyota Motor Corp`).
    let company_after_at = || {
        let mut k = j;
        let mut found = false;
        while k < j + 4 {
            let Some(n) = toks.get(k + 1) else { break };
            if !n.has(flag::CAP) || n.has(flag::DIGIT) || !spaces(&toks[k], n) {
                break;
            }
            if k > j
                && t.core_classes(n) & class::LEGAL_FORM != 0
                && (n.key_end - n.key_start > 2 || !n.has(flag::UPPER))
            {
                found = true;
                break;
            }
            k += 1;
        }
        found
    };
    let mut company_after: Option<bool> = (end != End::Full).then_some(false);
    // A word right before the Arabic article joined to a capitalized name
    // starts a longer name the lexicon does not hold (`Bab al-Tabbaneh`,
    // `Ras al-Ain`): no mention.
    if single
        && end == End::Full
        && j + 2 < toks.len()
        && spaces(&toks[j], &toks[j + 1])
        && article_before(t, j + 2)
        && toks[j + 2].has(flag::CAP)
    {
        return false;
    }
    // The start of a longer name's demonym (`Papua New Guineans`, `Costa
    // Ricans`): no mention.
    if end == End::Full && demonym_of_longer(fst, t, i, j, &mut memo.key) {
        return false;
    }
    // A town's name before a lower-case `river` is the river's
    // (`the Kosi river`); a river's own name stays.
    let river_after = end == End::Full
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::LOWER)
                && spaces(&toks[j], n)
                && matches!(t.core_key_bytes(n), b"river" | b"rivers")
        });
    // A person's full name followed by a capitalized word that no list or
    // lexicon knows is part of a longer name (`Nitish Kumar Reddy`):
    // someone else.
    let longer_person = !single
        && next_cap
        && spaces(&toks[j], &toks[j + 1])
        && plain(&toks[j + 1])
        && t.core_classes(&toks[j + 1]) & (class::NAME | class::MONTH) == 0;
    let start = out.len();
    // A person's name inside another thing's (`USS Ronald Reagan`, `Obama
    // Foundation`; `data/person_places.txt`): asked for a person only.
    let mut named_thing: Option<bool> = None;
    let mut is_named_thing = || {
        *named_thing.get_or_insert_with(|| {
            let after = end == End::Full
                && toks.get(j + 1).is_some_and(|n| {
                    n.has(flag::CAP)
                        && spaces(&toks[j], n)
                        && t.core_classes(n) & class::PERSON_AFTER != 0
                });
            let before = i > 0
                && toks[i - 1].has(flag::CAP)
                && spaces(&toks[i - 1], &toks[i])
                && t.core_classes(&toks[i - 1]) & class::PERSON_BEFORE != 0;
            after || before
        })
    };
    // A name going on past the match, joined by a hyphen (`Park Jin-woo`
    // is not Park Jin; `Kim-led` is Kim): someone else.
    let name_goes_on = end == End::Full
        && toks.get(j + 1).is_some_and(|n| {
            n.has(flag::LOWER)
                && !n.has(flag::DIGIT)
                && bytes.get(toks[j].end as usize..n.start as usize) == Some(&b"-"[..])
                && t.core_classes(n) & class::COMPOUND_SUFFIX == 0
        });
    for k in posts.fill(index, ord) {
        let f = &posts.facts[k];
        if (after_title || family_name) && !f.per {
            continue;
        }
        if f.per && (name_goes_on || longer_person) {
            continue;
        }
        if !f.per && !f.org && (plural_after || *company_after.get_or_insert_with(company_after_at))
        {
            continue;
        }
        if river_after && (f.prior.is_some() || f.cc.is_some() || f.is_country) {
            continue;
        }
        if f.per && is_named_thing() {
            out.truncate(start);
            return true;
        }
        let Some(mut weak_evidence) = allowed(&s, posts.text(f), f) else {
            continue;
        };
        // A person's name beside another word of the same person's name is
        // that person (`Tayyip Erdogan`, the lexicon knowing `Recep Tayyip
        // Erdoğan` and `Erdogan`), not someone else's.
        if weak_evidence && f.per && s.in_name_of(true) && single {
            crate::key::key_into(index.entity(f.entity).canonical(), &mut memo.key);
            let canonical = &memo.key;
            let of_name = |tk: &Token| {
                let k = t.core_key_bytes(tk);
                canonical.split(' ').any(|w| w.as_bytes() == k)
            };
            let before = i > 0 && spaces(&toks[i - 1], &toks[i]) && of_name(&toks[i - 1]);
            let after = toks
                .get(j + 1)
                .is_some_and(|n| spaces(&toks[j], n) && of_name(n));
            if before || after {
                weak_evidence = false;
            }
        }
        let a = f.alias;
        let weak = f.kind == AliasKind::Weak || weak_evidence;
        let entity = f.entity;
        let exact = posts.text(f) == text;
        // (A dateline in capitals spells the name too: `NEW DELHI` is New
        // Delhi's own name, not Delhi's side name.)
        let own =
            f.main_name && (exact || (s.all_upper && posts.text(f).eq_ignore_ascii_case(text)));
        // (`the DAX` is no more the town of Dax than `DAX` is.)
        let strict = s.name_neighbour || f.foreign || s.acronym_for(f);
        match out[start..].iter_mut().find(|c| c.entity == entity) {
            Some(c) => {
                // (The entity ranks by the best of its names here.)
                c.rank_weight = c.rank_weight.max(f.rank_weight);
                c.own |= own;
                c.english |= f.english;
                if (c.weak && !weak) || (c.weak == weak && exact && !c.exact) {
                    c.weak = weak;
                    c.strict = strict;
                    c.alias = a;
                    c.exact = exact;
                    c.translit = f.translit;
                }
            }
            None => out.push(Cand {
                entity,
                alias: a,
                weak,
                exact,
                translit: f.translit,
                per: f.per,
                in_name: s.in_name_of(f.per),
                rank_weight: f.rank_weight,
                own,
                english: f.english,
                strict,
                cc: f.cc,
                country: f.country,
                is_country: f.is_country,
                prior: f.prior,
                prior_weight: f.prior_weight,
                club: f.club,
                org: f.org,
                company: f.company,
            }),
        }
    }
    false
}

/// Whether the words `i..=j` and one to two capitalized words after them,
/// the last read without a demonym's `n` or `ns`, spell a name of the
/// index (`Papua New Guineans`: `Papua New Guinea`). `key` is scratch.
fn demonym_of_longer<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    t: &Tokens,
    i: usize,
    j: usize,
    key: &mut String,
) -> bool {
    let toks = &t.toks;
    let name = |tk: &Token| tk.has(flag::CAP) && !tk.has(flag::UPPER | flag::DIGIT | flag::HARD);
    // (Cheap test first: a capitalized word ending in `n` or `ns` follows
    // within two words.)
    let demonym = |tk: &Token| {
        let k = t.core_key_bytes(tk);
        k.len() > 3 && (k.ends_with(b"n") || k.ends_with(b"ns"))
    };
    let upto = (j + 2).min(toks.len() - 1);
    if !(j + 1..=upto).any(|k| name(&toks[k]) && demonym(&toks[k])) {
        return false;
    }
    key.clear();
    for tk in &toks[i..=j] {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(t.core_key(tk));
    }
    for k in j + 1..=upto {
        let tk = &toks[k];
        if !name(tk) || tk.start != toks[k - 1].end + 1 {
            return false;
        }
        let word = t.core_key(tk);
        let base = key.len();
        key.push(' ');
        for cut in ["ns", "n"] {
            if let Some(stem) = word.strip_suffix(cut) {
                key.truncate(base + 1);
                key.push_str(stem);
                if fst.get(key.as_bytes()).is_some() {
                    return true;
                }
            }
        }
        key.truncate(base + 1);
        key.push_str(word);
    }
    false
}

/// A place with a prior (population) below this is a small town.
pub(crate) const MINOR_PLACE: f64 = 1e5;
/// A place with a prior at or above this is a major city, whose names in
/// other languages are known in English text too (`Peking`, `Bombay`).
pub(crate) const MAJOR_PLACE: f64 = 1e6;

/// A name in a cased non-Latin script before a capitalized word that is
/// read as a genitive before a person's name, not as part of an unknown
/// name: the word after starts a known name (`Глава Чечни Рамзан
/// Кадыров`), or the name is a case form of a country, a subdivision or a
/// major city (`президента Франції Емманюеля Макрона`). A smaller town's
/// name there is more often a given name (`Софія Яремчук`, `Ярослава
/// Магучих`).
fn genitive_before_name(s: &Surface<'_>, f: &AliasFacts) -> bool {
    f.first_upper_cased
        && (s.genitive_before_name
            || (f.case_form
                && (f.is_country || f.cc.is_some() || f.prior.is_some_and(|p| p >= MAJOR_PLACE))))
}

/// The case policy. `None`: not allowed; `Some(weak)`: allowed, and whether
/// the surface is only weak evidence.
fn allowed(s: &Surface<'_>, alias: &[u8], f: &AliasFacts) -> Option<bool> {
    match f.kind {
        // Two letters naming a town below a major city are as often
        // something else (`MP`, Marine Parade; `BP`, Batu Pahat; `MK`):
        // weak evidence, good once the town is named in full.
        AliasKind::Acronym => same_letters(s.text, alias)
            .then_some(s.key_len <= 2 && f.prior.is_some_and(|p| p < MAJOR_PLACE)),
        AliasKind::Code => (s.single
            && s.all_upper
            // The code's own letters: `Ŋ` folds to the key of `NG` but is
            // not the code.
            && same_letters(s.text, alias)
            && s.mixed_context
            && !s.caps_run
            && s.key_len >= 2
            && !lists().is_code_stop(&String::from_utf8_lossy(s.text).to_lowercase()))
        .then_some(false),
        _ => {
            if (f.first_upper_latin || f.first_upper_cased) && s.first_lower && s.key_len > 1 {
                return None;
            }
            if !s.single {
                // Each capitalized word of the alias is not lower-case in
                // the text (`Russian armed forces` is not a name).
                if f.words == s.words && f.upper_words & s.lower_mask != 0 {
                    return None;
                }
                // Ordinary words that are only an untagged or foreign side
                // name (`White House`, a name of Casablanca).
                return Some(s.all_common && !f.main_name && !f.english);
            }
            if s.stop {
                return None;
            }
            if s.before_title && f.is_country && !f.main_name && f.other_lang {
                return None;
            }
            // A word read without its final `s` names an entity only by its
            // main name (`Koreas`); a side name so read is a coincidence
            // (`Jones` is no plural of `Jone`, a name of Liulin).
            if s.plural && !f.main_name {
                return None;
            }
            // A name other than the entity's main one inside a capitalized
            // run is weak evidence (`Bui Lam Khanh` is not the town of
            // Bowie). Official names in other languages are no main names:
            // `Kiev` is an official Romanian name of Kyiv Oblast, which
            // must not make `Kiev Post` the oblast.
            let mut weak =
                s.name_word || (s.in_name_of(f.per) && !f.main_name && !genitive_before_name(s, f));
            if s.acronym_for(f) {
                weak = true;
            }
            // Another language's name for a town (`Hamas`, Lithuanian for
            // Hamm), or a name beside an unknown capitalized word, most
            // likely part of a person's name (`Ron DeSantis`, `Jordan
            // Bardella`, `Karina Milei`): corroboration needed.
            let minor = |limit: f64| f.prior.is_some_and(|p| p < limit);
            // A machine romanization in lower case (`atalanta`, of Atlanta's
            // name in another script) read in Latin text names a smaller
            // place or a subdivision only with corroboration (`hlv`, of
            // Aleppo Governorate). So does one of a name in another
            // language, in any case (`Vale`, of Valais's Ukrainian name).
            if f.kind == AliasKind::Transliteration
                && (!f.first_upper_latin || f.other_lang)
                && (minor(MAJOR_PLACE) || f.cc.is_some())
            {
                weak = true;
            }
            if f.foreign || (s.name_neighbour && !genitive_before_name(s, f)) {
                weak = true;
            }
            // A Russian or Ukrainian ordinary word starting a sentence is
            // weak evidence for a place below a major city (`Курган`, `Мер
            // Львова`), as an English one is. (Not for a country or a major
            // city: news starts sentences with them, `Киев заявил`, and the
            // dictionaries hold some in lower case.)
            if s.sent && s.cyr_common && minor(MAJOR_PLACE) && !f.is_country {
                weak = true;
            }
            if s.common {
                // The plural of an ordinary word is that word (`Times`,
                // `Falls`), not a town named by its singular.
                if !s.first_cap || s.plural {
                    return None;
                }
                if s.all_upper && s.key_len > 1 && f.has_lower {
                    return None;
                }
                if s.in_name {
                    return None;
                }
                // `the Republic`: a small town that shares a common word is
                // not what `the` points at (`the West`, `the North`, which
                // the lexicon lists for that use, carry no small prior).
                if s.after_the && f.prior.is_some_and(|p| p < 1e6) {
                    return None;
                }
                // (A major city's side name too: `Man arrested` is no
                // spelling of Amman.)
                if s.sent && (f.prior.unwrap_or(0.0) < 1e6 || !f.main_name) {
                    weak = true;
                }
                // A capitalized ordinary word naming a small town (`Bank`,
                // `Hope`) or a region (`Gulf`, a province of Papua New
                // Guinea), or only a side name of a place that is not a major
                // one (`Hunter`, a name of Jacobo Hunter; `Rugby`, of East
                // Flatbush; `City`, of Sana'a), is more likely a name of
                // something else.
                if minor(MINOR_PLACE)
                    || f.cc.is_some()
                    // (People and organizations have no prior: they are
                    // listed for being notable, `Macron`.)
                    || (!f.main_name && !f.prior.map_or(f.cc.is_none(), |p| p >= MAJOR_PLACE))
                {
                    weak = true;
                }
            }
            Some(weak)
        }
    }
}

/// The first letter of `w`.
fn first_letter(w: &str) -> Option<char> {
    w.chars().find(|c| c.is_alphabetic())
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF)
}

/// Same letters and digits in the same case, ignoring everything else
/// (`D.P.R.` = `DPR`), of two UTF-8 texts.
fn same_letters(a: &[u8], b: &[u8]) -> bool {
    if a.is_ascii() && b.is_ascii() {
        let mut x = a.iter().filter(|c| c.is_ascii_alphanumeric());
        let mut y = b.iter().filter(|c| c.is_ascii_alphanumeric());
        return loop {
            match (x.next(), y.next()) {
                (None, None) => break true,
                (Some(p), Some(q)) if p == q => {}
                _ => break false,
            }
        };
    }
    let a = std::str::from_utf8(a).unwrap_or("");
    let b = std::str::from_utf8(b).unwrap_or("");
    let mut x = a.chars().filter(|c| c.is_alphanumeric());
    let mut y = b.chars().filter(|c| c.is_alphanumeric());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::*;
    use fst::Streamer;

    /// A small deterministic generator.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as usize
        }
    }

    /// Random text of lexicon keys, their words and prefixes, in varied
    /// case, with possessives, plurals and punctuation.
    fn random_text(index: &Index, rng: &mut Lcg, words: usize) -> String {
        let mut keys = Vec::new();
        let mut st = index.keys().stream();
        while let Some((k, _)) = st.next() {
            if let Ok(k) = std::str::from_utf8(k) {
                keys.push(k.to_string());
            }
        }
        let mut text = String::new();
        for _ in 0..words {
            let k = &keys[rng.below(keys.len())];
            let w: String = match rng.below(4) {
                0 => k.clone(),
                1 => k.split(' ').next().unwrap_or("").to_string(),
                2 => k.chars().take(1 + rng.below(6)).collect(),
                _ => ["the", "of", "said", "and", "us", "s", "Mr"][rng.below(7)].to_string(),
            };
            let w = match rng.below(4) {
                0 => w.to_uppercase(),
                1 => w
                    .split(' ')
                    .map(|x| {
                        let mut c = x.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => w,
            };
            text.push_str(&w);
            text.push_str(
                ["", "'s", "’s", "s", "es", "-x"][rng.below(12).min(5)].trim_end_matches("-x"),
            );
            text.push_str([" ", " ", " ", ", ", ". ", "\n", "\n\n", "-", "("][rng.below(9)]);
        }
        text
    }

    /// A scratch used with one index, then another, gives what fresh
    /// scratches give (the memos are per index).
    #[test]
    fn scratch_shared_between_indexes() {
        use crate::scan::{ScanScratch, Scanner};
        use crate::{Alias, Entity, Lexicon};
        let big = Index::embedded().unwrap();
        let mut lexicon = Lexicon::new();
        let mut e = Entity::new("x:1", "GPE", "Paris Rive");
        e.add_alias(Alias::new("Kyiv Oblast Town"));
        lexicon.add_entity(e).unwrap();
        let small = Index::build(&lexicon, &Default::default()).unwrap();
        let text = "Officials in Kyiv Oblast Town and Paris Rive met. Kyiv and Paris said so.";
        let run = |index: &Index, scratch: &mut ScanScratch| {
            let mut v = Vec::new();
            Scanner::new(index).scan_document(text.as_bytes(), scratch, |m| v.push(*m));
            v
        };
        let fresh_big = run(&big, &mut ScanScratch::new());
        let fresh_small = run(&small, &mut ScanScratch::new());
        assert!(!fresh_big.is_empty() && !fresh_small.is_empty());
        let mut shared = ScanScratch::new();
        for _ in 0..2 {
            assert_eq!(run(&big, &mut shared), fresh_big);
            assert_eq!(run(&small, &mut shared), fresh_small);
        }
    }

    #[test]
    fn memoized_walk_equals_reference_walk() {
        let index = Index::embedded().unwrap();
        let fst = index.keys().as_fst();
        let mut rng = Lcg(7);
        let mut fin = Finals::default();
        let mut t = Tokens::default();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut found = 0;
        for round in 0..20 {
            let text = random_text(&index, &mut rng, 2000);
            t.toks.clear();
            t.keys.clear();
            if round == 10 {
                // A new numbering of the words.
                t.vocab.clear();
            }
            tokenize(&text, 0, true, &mut t);
            fin.memo.use_index(&index, &t.vocab);
            for max_words in [1, 3, 12] {
                for i in 0..t.toks.len() {
                    let first = fin.memo.first_word(fst, &t, &t.toks[i]);
                    a.clear();
                    b.clear();
                    walk(fst, &t, i, max_words, first, &mut fin.memo, &mut a);
                    walk_reference(fst, &t, i, max_words, &mut b);
                    assert_eq!(a, b, "round {round}, token {i} of {text:?}");
                    found += a.len();
                }
            }
        }
        assert!(found > 10_000, "{found} finals");
    }
}
