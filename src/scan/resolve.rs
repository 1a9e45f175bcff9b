//! Document-level resolution: picking one entity per raw match with the
//! evidence of the document, short forms, defined abbreviations, fuzzy spans.

use super::matcher::{Cand, Raw};
use super::token::{flag, Token, Tokens};
use super::words::{class, lists, CueClass};
use super::{DocContext, Mention, MentionMethod, Prepared, Scanner};
use crate::lexicon::AliasKind;
use crate::lookup::{score_for, Method, Scratch};

/// Sports words (see [`sport_words`]) that make a document a sports story;
/// one match score does.
const SPORTS_STORY: u32 = 2;

/// The words of sports reporting (`data/sport_words.txt`) and the match
/// scores (`2-1`, `0–0`: numbers of one or two digits joined by a hyphen or
/// an en dash) of tokens `t0..t1`.
fn sport_words(bytes: &[u8], t: &Tokens, t0: usize, t1: usize) -> u32 {
    let goals = |tk: &Token| {
        let w = &bytes[tk.start as usize..tk.end as usize];
        (1..=2).contains(&w.len()) && w.iter().all(u8::is_ascii_digit)
    };
    let mut n = class_words(t, t0, t1, class::SPORT);
    for k in t0..t1.saturating_sub(1) {
        let tk = &t.toks[k];
        if tk.has(flag::DIGIT) && goals(tk) && goals(&t.toks[k + 1]) {
            let gap = &bytes[tk.end as usize..t.toks[k + 1].start as usize];
            // (A score beside a club is sports reporting alone.)
            if gap == b"-" || gap == "\u{2013}".as_bytes() {
                n += SPORTS_STORY;
            }
        }
    }
    n
}

/// How a match that context chose is decided: [`How::Context`], no
/// evidence for later bare names, when the entity's canonical name is the
/// surface's (`Senator … of New York` says nothing of a later dateline `NEW
/// YORK`); else [`How::Settled`], since `replace` writes the canonical name
/// out, it would be evidence there, and `replace` must give the same
/// mentions on its output.
fn context_how(
    index: &crate::Index,
    t: &Tokens,
    raw: &Raw,
    c: &Cand,
    rs: &mut ResolveScratch,
) -> How {
    raw_key(t, raw, &mut rs.key);
    crate::key::key_into(index.entity(c.entity).canonical(), &mut rs.key2);
    if rs.key == rs.key2 {
        How::Context
    } else {
        How::Settled
    }
}

/// The tokens of `t0..t1` in word-list class `class`.
fn class_words(t: &Tokens, t0: usize, t1: usize, class: u64) -> u32 {
    t.toks[t0..t1]
        .iter()
        .filter(|tk| t.classes(tk) & class != 0)
        .count() as u32
}

/// Business words (`data/business_words.txt`) that make a document a
/// business story.
const BUSINESS_STORY: u32 = 2;

/// A decided mention of the current chunk, before offsets are finished.
#[derive(Clone, Copy, Debug)]
struct Pending {
    bs: u32,
    be: u32,
    ts: u32,
    te: u32,
    entity: u32,
    alias: u32,
    score: f64,
    method: MentionMethod,
    ambiguous: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum How {
    /// Settled by the text itself: becomes evidence.
    Settled,
    /// Chosen by a context word (`São Paulo governor`: the state) for a
    /// name that is also the entity's canonical one: says which entity this
    /// mention is, not what a later bare name is, so it is no evidence (the
    /// dateline `SAO PAULO` is still the city).
    Context,
    /// Corroborated by earlier evidence.
    Corroborated,
    /// Chosen by prior among several.
    Prior { ambiguous: bool },
}

/// Reusable buffers for resolution.
#[derive(Default, Debug)]
pub(crate) struct ResolveScratch {
    pending: Vec<Pending>,
    /// The candidates of a match kept by a country's possessive before it.
    owned: Vec<Cand>,
    decided: Vec<Option<(Cand, How)>>,
    para_facts: Vec<(u32, u32)>,
    key: String,
    key2: String,
    lookup: Scratch,
    /// Per token of the chunk: inside a raw match (not a cue word then).
    in_raw: Vec<bool>,
    /// Phase 2 of a paragraph: entity → settled mentions of the paragraph
    /// before the current match.
    seen: std::collections::HashMap<u32, u32, super::Fast>,
    /// The [`crate::Index::serial`] the memos below were filled from.
    serial: u64,
    /// Country code → the country's entity (`iso3166:CC`), if indexed.
    countries: std::collections::HashMap<[u8; 2], Option<u32>, super::Fast>,
    /// Per token of the current paragraph (from `covered_base`): inside a
    /// decided raw match.
    covered: Vec<bool>,
    covered_base: usize,
    /// Entities fitting a cue, by (class, name, cue word).
    cue_memo: std::collections::HashMap<String, Vec<u32>, super::Fast>,
    /// The key of `cue_memo` being looked up.
    cue_key: String,
    /// Key → ordinal in the index, for keys built from several words.
    ordinals: std::collections::HashMap<String, Option<u64>, super::Fast>,
    /// Per raw match of the current paragraph: a word of a person's name
    /// the lexicon does not know (see [`person_word`]), no mention.
    dropped: Vec<bool>,
    /// (name key, cue word, entity) → the alias of the subdivision named
    /// after the place (see [`region_named_after`]).
    region_memo: std::collections::HashMap<String, Option<u32>, super::Fast>,
    /// Countries of the current paragraph's unambiguous matches, with
    /// counts (see [`paragraph_countries`]).
    para_countries: Vec<([u8; 2], u32)>,
    /// Countries this paragraph's second phase has named so far.
    para_named: Vec<[u8; 2]>,
    /// Countries of the current paragraph's matches before the one its
    /// first phase is settling.
    para_before: Vec<[u8; 2]>,
    /// The paragraph's people named in full so far: (last token, entity).
    para_people: Vec<(u32, u32)>,
    /// The paragraph's nationality words, by country (`Spanish`).
    para_demonyms: Vec<([u8; 2], u32)>,
    /// The paragraph's matches (`r0..r1` of the prepared chunk).
    para_raws: (usize, usize),
}

impl ResolveScratch {
    /// Token `k` (of the current paragraph) is inside a decided match.
    fn is_covered(&self, k: usize) -> bool {
        self.covered
            .get(k.wrapping_sub(self.covered_base))
            .copied()
            .unwrap_or(false)
    }
}

/// [`crate::Index::key_ordinal`] through a memo (cleared when it grows past
/// 4096 keys).
fn key_ordinal_memo(
    index: &crate::Index,
    memo: &mut std::collections::HashMap<String, Option<u64>, super::Fast>,
    key: &str,
) -> Option<u64> {
    if let Some(&o) = memo.get(key) {
        return o;
    }
    if memo.len() >= 4096 {
        memo.clear();
    }
    let o = index.key_ordinal(key.as_bytes());
    memo.insert(key.to_string(), o);
    o
}

pub(crate) fn resolve(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    ctx: &mut DocContext,
    rs: &mut ResolveScratch,
    chars: bool,
    sink: &mut dyn FnMut(&Mention),
) {
    rs.pending.clear();
    if rs.serial != scanner.index.serial() {
        // Filled from another index (a scratch may serve several scanners).
        rs.countries.clear();
        rs.cue_memo.clear();
        rs.region_memo.clear();
        rs.ordinals.clear();
        rs.serial = scanner.index.serial();
    }
    let toks = &p.tokens.toks;
    rs.in_raw.clear();
    rs.in_raw.resize(toks.len(), false);
    for raw in &p.raws {
        for k in raw.ts..=raw.te {
            rs.in_raw[k as usize] = true;
        }
    }
    let mut r = 0usize;
    let mut d = 0usize;
    let mut t0 = 0usize;
    while t0 < toks.len() {
        let mut t1 = t0 + 1;
        while t1 < toks.len() && !toks[t1].has(flag::PARA) {
            t1 += 1;
        }
        let r0 = r;
        while r < p.raws.len() && (p.raws[r].ts as usize) < t1 {
            r += 1;
        }
        if starts_story(&p.tokens, bytes, t0, t1) {
            ctx.new_story();
        }
        paragraph_demonyms(p, t0, t1, &mut d, rs);
        paragraph(scanner, bytes, p, t0, t1, r0, r, ctx, rs);
        t0 = t1;
    }
    rs.pending.sort_by_key(|m| m.bs);
    emit(scanner, bytes, p, ctx, rs, chars, sink);
}

/// The country whose possessive comes right before match `k` of the
/// paragraph starting at match `r0` (`Colombia's Foreign Ministry`,
/// `India's Punjab`), as decided so far.
fn possessive_owner(
    t: &Tokens,
    p: &Prepared,
    k: usize,
    r0: usize,
    rs: &ResolveScratch,
) -> Option<[u8; 2]> {
    if k <= r0 || p.raws[k - 1].te + 1 != p.raws[k].ts {
        return None;
    }
    let prev = &t.toks[p.raws[k - 1].te as usize];
    if !prev.has(flag::POSS) {
        return None;
    }
    // (Not decided yet: the country among its candidates, `India`, not the
    // town of Inđija.)
    let c = match rs.decided[k - 1 - r0] {
        Some((c, _)) => c,
        None if rs.dropped[k - 1 - r0] => return None,
        None => {
            let prev = &p.raws[k - 1];
            *p.cands[prev.c0 as usize..prev.c1 as usize]
                .iter()
                .find(|c| c.is_country)?
        }
    };
    c.is_country.then_some(c.country)?
}

/// A place (not the country itself) in country `cc`.
fn place_of(c: &Cand, cc: [u8; 2]) -> bool {
    c.country == Some(cc) && !c.is_country
}

/// The paragraph of tokens `t0..t1` opens a new story with a dateline: a
/// place of at most four capitalized words, then an agency in parentheses
/// and a dash (`LONDON (Reuters) -`), a dash after capitals (`KYIV —`), or
/// a comma and a month (`Seoul, March 3 —`). A file of wire copy holds
/// many stories; what one said settles nothing in the next (`London,
/// Ontario` in one, the dateline `LONDON` of the next).
fn starts_story(t: &Tokens, bytes: &[u8], t0: usize, t1: usize) -> bool {
    let toks = &t.toks;
    let mut last = t0;
    while last + 1 < t1.min(t0 + 4)
        && toks[last + 1].has(flag::CAP)
        && bytes
            .get(toks[last].end as usize..toks[last + 1].start as usize)
            .is_some_and(|g| g == b" ")
    {
        last += 1;
    }
    let place = &toks[t0..=last];
    if !place
        .iter()
        .all(|tk| tk.has(flag::CAP) && !tk.has(flag::DIGIT))
    {
        return false;
    }
    let capitals = place.iter().all(|tk| tk.has(flag::UPPER));
    let after = &bytes[toks[last].end as usize..];
    let after = after.strip_prefix(b" ").unwrap_or(after);
    let dash = |b: &[u8]| {
        let b = b.strip_prefix(b" ").unwrap_or(b);
        ["-", "\u{2013}", "\u{2014}"].iter().any(|d| {
            b.strip_prefix(d.as_bytes())
                .is_some_and(|r| r.starts_with(b" "))
        })
    };
    if let Some(rest) = after.strip_prefix(b"(") {
        // An agency: a few capitalized words.
        let Some(close) = rest.iter().take(40).position(|&c| c == b')') else {
            return false;
        };
        let agency = &rest[..close];
        return agency.first().is_some_and(u8::is_ascii_uppercase)
            && !agency.iter().any(u8::is_ascii_digit)
            && dash(&rest[close + 1..]);
    }
    if capitals && dash(after) {
        return true;
    }
    // `, March 3`.
    let month = toks.get(last + 1).filter(|_| last + 1 < t1);
    after.starts_with(b", ")
        && month.is_some_and(|m| m.has(flag::CAP) && t.classes(m) & class::MONTH != 0)
}

#[allow(clippy::too_many_arguments)]
fn paragraph(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    t0: usize,
    t1: usize,
    r0: usize,
    r1: usize,
    ctx: &mut DocContext,
    rs: &mut ResolveScratch,
) {
    let index = scanner.index;
    let t = &p.tokens;
    rs.decided.clear();
    rs.decided.resize(r1 - r0, None);
    rs.dropped.clear();
    rs.dropped.resize(r1 - r0, false);
    rs.para_facts.clear();
    rs.para_before.clear();
    rs.para_people.clear();
    rs.para_raws = (r0, r1);

    // Phase 1: what the text around a match settles.
    place_in_region(index, bytes, p, r0, r1, rs);
    coordinated_regions(index, p, r0, r1, rs);
    for k in r0..r1 {
        if k > r0 && !rs.dropped[k - 1 - r0] {
            // The country of the match before: settled, sure, or else that
            // of its largest place (`Gaza`, the city, not Mozambique's
            // province).
            let prev = &p.raws[k - 1];
            let cands = &p.cands[prev.c0 as usize..prev.c1 as usize];
            let cc = match rs.decided[k - 1 - r0] {
                Some((c, _)) => c.country,
                None => sure_country(cands).or_else(|| largest_place(cands)?.country),
            };
            if let Some(cc) = cc.filter(|cc| !rs.para_before.contains(cc)) {
                rs.para_before.push(cc);
            }
        }
        if rs.dropped[k - r0] {
            continue;
        }
        let raw = &p.raws[k];
        let cands = &p.cands[raw.c0 as usize..raw.c1 as usize];
        if !raw.forced
            && (person_word(bytes, t, raw, cands, &rs.in_raw, ctx)
                || short_person(p, k, cands, ctx, rs))
        {
            rs.dropped[k - r0] = true;
            continue;
        }
        // An abbreviation the text defines, or defined, for a name the
        // lexicon does not know (`Caspian Pipeline Consortium (CPC)`, not
        // the Chinese Communist Party).
        if !raw.forced
            && unknown_abbrev(
                bytes,
                t,
                raw,
                (k > r0 && p.raws[k - 1].te + 1 == raw.ts).then(|| p.raws[k - 1].ts as usize),
                ctx,
            )
        {
            rs.dropped[k - r0] = true;
            continue;
        }
        // An abbreviation the text defined for an entity it is no alias
        // of (`Pakistan Tehreek-e-Insaf (PTI)`, not the Press Trust of
        // India): left to the abbreviation link, in text order.
        if let Some(e) = defined_abbrev(bytes, t, raw, ctx).filter(|_| !raw.forced) {
            if !cands.iter().any(|c| c.entity == e) {
                rs.dropped[k - r0] = true;
                continue;
            }
        }
        // A country's possessive right before picks its own places
        // (`India's Punjab state`, `Argentina's Córdoba`).
        let mut owned = std::mem::take(&mut rs.owned);
        owned.clear();
        if let Some(o) = possessive_owner(t, p, k, r0, rs) {
            let own = |c: &Cand| place_of(c, o);
            if cands.iter().any(own) && !cands.iter().all(own) {
                owned.extend(cands.iter().filter(|c| own(c)).copied());
            }
        }
        let cands = if owned.is_empty() { cands } else { &owned[..] };
        let d = if raw.forced {
            cands.first().map(|c| (*c, How::Settled))
        } else if rs.decided[k - r0].is_some() {
            rs.decided[k - r0]
        } else if let Some(c) = region_after_of(t, p, k, r0, cands, rs) {
            Some((c, context_how(index, t, raw, &c, rs)))
        } else {
            settle(scanner, bytes, p, raw, cands, ctx, rs)
        };
        rs.owned = owned;
        if let Some((c, How::Settled)) = d {
            rs.para_facts.push((raw.bs, c.entity));
            // (Defined here, the abbreviation counts in the rest of the
            // paragraph too.)
            define_abbrev(scanner, bytes, p, raw, c.entity, ctx);
        }
        if let Some((c, _)) = d.filter(|(c, _)| c.per && raw.te > raw.ts) {
            if rs.para_people.len() < 64 && !rs.para_people.iter().any(|x| x.1 == c.entity) {
                rs.para_people.push((raw.te, c.entity));
            }
        }
        rs.decided[k - r0] = d;
    }

    // The paragraph's countries, counted when a match first needs them.
    let mut focus_total: Option<u32> = None;
    // Sports and business reporting: a club's short name counts and beats
    // a town's (`Liverpool beat Arsenal 2-1`), a company's short name
    // counts (`Apple shares rose`). Counted in the paragraphs that name one.
    let any_cand = |f: fn(&Cand) -> bool| {
        (r0..r1).any(|k| {
            let raw = &p.raws[k];
            p.cands[raw.c0 as usize..raw.c1 as usize].iter().any(f)
        })
    };
    if any_cand(|c| c.club) {
        ctx.sport += sport_words(bytes, t, t0, t1);
    }
    let sports_story = ctx.sport >= SPORTS_STORY;
    if any_cand(|c| c.company && c.weak) {
        ctx.business += class_words(t, t0, t1, class::BUSINESS);
    }
    let business_story = ctx.business >= BUSINESS_STORY;

    // Phase 2: earlier evidence, corroboration, priors. Matches come in
    // text order, so the paragraph's facts before each one are counted by a
    // sweep over the (sorted) phase 1 facts plus the corroborations so far.
    rs.seen.clear();
    rs.para_named.clear();
    let phase1 = rs.para_facts.len();
    let mut next_fact = 0usize;
    for k in r0..r1 {
        if rs.decided[k - r0].is_some() || rs.dropped[k - r0] {
            continue;
        }
        let raw = &p.raws[k];
        let cands = &p.cands[raw.c0 as usize..raw.c1 as usize];
        while next_fact < phase1 && rs.para_facts[next_fact].0 < raw.bs {
            *rs.seen.entry(rs.para_facts[next_fact].1).or_insert(0) += 1;
            next_fact += 1;
        }
        let count = |e: u32, rs: &ResolveScratch| {
            ctx.facts.get(&e).copied().unwrap_or(0) + rs.seen.get(&e).copied().unwrap_or(0)
        };
        // The most mentioned candidate so far.
        let mut best: Option<(Cand, u32)> = None;
        let mut tie = false;
        // (A country's own name is not corroborated away by a place it
        // names on the side: `Kuwait` after `Kuwait City`.)
        let country_own = cands.iter().any(|c| c.own && c.is_country);
        for c in cands {
            if country_own && !c.own && !c.per {
                continue;
            }
            // A surname inside an unknown full name (`Kim Yo-jong` after
            // `Kim Jong Un`) names someone else, however often the
            // lexicon's person is mentioned.
            if c.weak && c.per && c.in_name {
                continue;
            }
            let n = count(c.entity, rs);
            if n == 0 {
                continue;
            }
            match best {
                Some((_, m)) if n < m => {}
                Some((_, m)) if n == m => tie = true,
                _ => {
                    best = Some((*c, n));
                    tie = false;
                }
            }
        }
        // Two people named in full share the short form (`Clinton` after
        // both Clintons): the one named last, reported as ambiguous.
        let shared = || {
            if !tie || raw.ts != raw.te {
                return None;
            }
            let counted = |c: &&Cand| count(c.entity, rs) > 0;
            if !cands.iter().filter(counted).all(|c| c.per) {
                return None;
            }
            // (Named in this paragraph, or else before it.)
            let named = |e: u32| cands.iter().find(|c| c.entity == e && c.per).copied();
            if let Some(c) = rs.para_facts[..next_fact]
                .iter()
                .rev()
                .find_map(|&(_, e)| named(e))
            {
                return Some(c);
            }
            let key = t.core_key_bytes(&t.toks[raw.ts as usize]);
            let &(e, true) = ctx.short.get(key)? else {
                return None;
            };
            named(e)
        };
        let d = if let (Some((c, _)), false) = (best, tie) {
            Some((c, How::Corroborated))
        } else if let Some(c) = shared() {
            Some((c, How::Prior { ambiguous: true }))
        } else {
            let after_the = raw.ts as usize > t0
                && !t.toks[raw.ts as usize].has(flag::HARD)
                && t.key_bytes(&t.toks[raw.ts as usize - 1]) == b"the";
            // (candidate, kept only as corroborated weak evidence, a
            // subdivision whose country the document mentions)
            let focus_total = *focus_total.get_or_insert_with(|| {
                paragraph_countries(p, r0, r1, rs);
                ctx.country_mentions + rs.para_countries.iter().map(|x| x.1).sum::<u32>()
            });
            let mut kept: Vec<(Cand, bool, Presence)> = Vec::new();
            // The country whose possessive comes right before (`Colombia's
            // Foreign Ministry`).
            let owner = possessive_owner(t, p, k, r0, rs);
            let presence = |cc: [u8; 2], rs: &mut ResolveScratch| {
                let country = *rs.countries.entry(cc).or_insert_with(|| {
                    let cc = std::str::from_utf8(&cc).unwrap_or("");
                    index
                        .entity_by_id(&format!("iso3166:{cc}"))
                        .map(|ce| ce.number())
                });
                // Only the country named corroborates a weak name; its
                // places give a strong one its rank.
                let named = country.is_some_and(|ce| count(ce, rs) > 0)
                    || ctx.named_countries.get(cc) > 0
                    || rs.para_named.contains(&cc);
                let present = named
                    || ctx.countries.get(cc) > 0
                    || rs.para_countries.iter().any(|x| x.0 == cc);
                Presence { named, present }
            };
            for c in cands {
                // A subdivision whose country is absent is out.
                if let Some(cc) = c.cc {
                    let at = presence(cc, rs);
                    // (Weak for being inside an unknown name is not helped.)
                    if c.weak && (!at.named || c.in_name) {
                        continue;
                    }
                    kept.push((*c, c.weak, at));
                    continue;
                }
                // An organization's weak name (`Democrats`, `Foreign
                // Ministry`, `Senate`) in a document about its country.
                if c.weak && c.org && !c.strict && !c.in_name {
                    // (`Colombia's Foreign Ministry` is none of another
                    // country's.)
                    if owner.is_some_and(|o| c.country != Some(o)) {
                        continue;
                    }
                    if let Some(at) = c.country.map(|cc| presence(cc, rs)).filter(|at| at.present) {
                        kept.push((*c, true, at));
                        continue;
                    }
                }
                if !c.weak {
                    kept.push((*c, false, Presence::default()));
                } else if (after_the || (c.club && sports_story) || (c.company && business_story))
                    && !c.per
                    && raw.ts == raw.te
                    && !c.strict
                {
                    kept.push((*c, true, Presence::default()));
                }
            }
            // (As in phase 1: a country's possessive picks its own places.)
            if let Some(o) = owner {
                let own = |x: &(Cand, bool, Presence)| place_of(&x.0, o);
                if kept.iter().any(own) {
                    kept.retain(own);
                }
            }
            // In a sports story a club's short name is the club, unless a
            // place is named (`fans in Liverpool`).
            if sports_story
                && kept.iter().any(|x| x.0.club)
                && !(raw.ts as usize > t0
                    && matches!(t.key_bytes(&t.toks[raw.ts as usize - 1]), b"in" | b"from"))
            {
                kept.retain(|x| x.0.club);
            }
            // Strong candidates beat corroborated weak ones.
            if kept.iter().any(|x| !x.1) {
                kept.retain(|x| !x.1);
            }
            match kept.len() {
                0 => None,
                1 => Some((
                    kept[0].0,
                    if kept[0].1 {
                        How::Corroborated
                    } else {
                        How::Prior { ambiguous: false }
                    },
                )),
                _ => {
                    // (candidate, weighted rank prior, weighted prior as
                    // given): a place's own name outranks another place's
                    // side name unless that place is far bigger (`Pokrovsk`
                    // is the Ukrainian town, not the old name of Engels);
                    // the defaults of `rank_prior` order candidates but make
                    // no mention decisively one entity.
                    // (candidate, weighted rank prior, weighted prior as
                    // given, weighted rank prior between countries)
                    // A subdivision's default prior gains the large focus
                    // factor against countries and other subdivisions only,
                    // not against towns with a population (`Jerusalem`, not
                    // the Palestinian governorate, in a West Bank story).
                    let towns = kept
                        .iter()
                        .any(|x| x.0.prior.is_some() && x.0.cc.is_none() && !x.0.is_country);
                    // Against a place with a population written exactly by
                    // its own name, a side name in another language counts
                    // a tenth again (`New Delhi` is the district, not a Fiji
                    // Hindi name of Delhi, 35 times bigger; `Medina`, an
                    // English name of Madinah, stays Madinah). Not against a
                    // subdivision's default rank: `New York` stays the city.
                    let own = kept.iter().any(|x| x.0.own && x.0.prior.is_some());
                    // A subdivision against towns of its name in its own
                    // country that lie in other subdivisions (`Oregon` the
                    // state, not Oregon, Ohio) ranks as if its country were
                    // named: the focus cannot tell them apart, and no town
                    // gave it its name (`Jenin`, whose governorate is named
                    // after it, stays the town; so does a town whose
                    // subdivision the lexicon does not give).
                    let over_namesakes = |c: &Cand| {
                        let Some(code) = subdivision_code(index, c) else {
                            return false;
                        };
                        kept.iter().all(|x| {
                            x.0.entity == c.entity
                                || (x.0.country == c.country
                                    && x.0.cc.is_none()
                                    && !x.0.is_country
                                    && index.entity(x.0.entity).region().is_some_and(|r| r != code))
                        })
                    };
                    // A subdivision against a city of at least
                    // [`CITY_OVER_SUBDIVISION`] called so by its own name in
                    // its own country and in the subdivision (or where the
                    // lexicon does not say), or against a major city of its
                    // country by any name (`Kiev`, not Kyiv Oblast, around
                    // the city but without it), ranks as if its country were
                    // absent: the bare name is the city (`Valparaíso,
                    // Chile's second-busiest port`, `Porto`), the region
                    // takes a region word or cue. A smaller town's region
                    // keeps its rank (`fighting in Sagaing`, `Guanajuato`).
                    let town_inside = |c: &Cand| {
                        let Some(code) = subdivision_code(index, c) else {
                            return false;
                        };
                        kept.iter().any(|x| {
                            x.0.entity != c.entity
                                && x.0.country == c.country
                                && x.0.cc.is_none()
                                && !x.0.is_country
                                && x.0.prior.is_some_and(|p| {
                                    p >= super::matcher::MAJOR_PLACE
                                        || (x.0.own
                                            && p >= CITY_OVER_SUBDIVISION
                                            && index
                                                .entity(x.0.entity)
                                                .region()
                                                .is_none_or(|r| r == code))
                                })
                        })
                    };
                    // A subdivision by its own name against towns of its
                    // country that carry it only as a side name in no
                    // particular language (`Bihar`, the state, not a side
                    // name of Bihar Sharif; `Jenin`, English for the town of
                    // Janīn, stays the town) ranks as if its country were
                    // named.
                    let over_side_names = |c: &Cand| {
                        c.cc.is_some()
                            && c.rank_weight >= 1.0
                            && kept.iter().all(|x| {
                                x.0.entity == c.entity
                                    || (x.0.country == c.country
                                        && x.0.cc.is_none()
                                        && !x.0.is_country
                                        && !x.0.own
                                        && !x.0.english
                                        && x.0.rank_weight < 1.0)
                            })
                    };
                    let coordinated = coordinated_countries(bytes, p, k, r0, r1, rs);
                    let mut ranked: Vec<(Cand, f64, f64, f64)> = kept
                        .iter()
                        .map(|&(ref c, _, mut at)| {
                            if c.prior.is_none() && town_inside(c) {
                                at = Presence::default();
                            }
                            if !at.named && (over_namesakes(c) || over_side_names(c)) {
                                at.named = true;
                                at.present = true;
                            }
                            // The exact spelling is a little better evidence
                            // than a normalized one (`Sloviansk`, not
                            // `Slov'iansk`).
                            let mut w = c.rank_weight * if c.exact { 1.0 } else { 0.8 };
                            if own && !c.own && !c.english && c.rank_weight < 1.0 {
                                w *= 0.1;
                            }
                            let mut focus = country_focus(c, ctx, rs, focus_total, towns);
                            if c.country.is_some() && coordinated.contains(&c.country) {
                                focus *= COORDINATION_GAIN;
                            }
                            (
                                *c,
                                rank_prior(c, at.named) * w,
                                c.prior.unwrap_or(0.0) * w * focus,
                                rank_prior(c, at.present) * w * focus,
                            )
                        })
                        .collect();
                    ranked.sort_by(|a, b| {
                        b.1.total_cmp(&a.1)
                            .then_with(|| {
                                kind_rank(index, a.0.alias).cmp(&kind_rank(index, b.0.alias))
                            })
                            .then_with(|| {
                                index
                                    .entity(a.0.entity)
                                    .id()
                                    .cmp(index.entity(b.0.entity).id())
                            })
                    });
                    // Within one country the order above decides (`Tbilisi`
                    // the city, not the city's region; `Jenin` the town, not
                    // its governorate, unless Palestine is named); between
                    // countries the document's focus counts too.
                    let mut best = 0;
                    for k in 1..ranked.len() {
                        let cc = ranked[k].0.country;
                        let leads = cc.is_none() || ranked[..k].iter().all(|x| x.0.country != cc);
                        if leads && ranked[k].3 > ranked[best].3 {
                            best = k;
                        }
                    }
                    let top = ranked[best];
                    let runner_up = ranked
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != best)
                        .map(|(_, x)| x.2)
                        .fold(0.0, f64::max);
                    let decisive = top.2 > 0.0 && top.2 >= 10.0 * runner_up;
                    Some((
                        top.0,
                        How::Prior {
                            ambiguous: !decisive,
                        },
                    ))
                }
            }
        };
        if let Some((c, How::Corroborated)) = d {
            rs.para_facts.push((raw.bs, c.entity));
            *rs.seen.entry(c.entity).or_insert(0) += 1;
        }
        if let Some((c, how)) = d {
            if let Some(cc) = named_country(&c, how) {
                rs.para_named.push(cc);
            }
            redecide_abbrev_after(scanner, bytes, p, k, r0, r1, c.entity, ctx, rs);
        }
        rs.decided[k - r0] = d;
    }

    // Evidence for later paragraphs.
    for &(_, e) in &rs.para_facts {
        *ctx.facts.entry(e).or_insert(0) += 1;
    }
    for &(cc, n) in &rs.para_demonyms {
        for _ in 0..n.min(4) {
            ctx.countries.add(cc);
            ctx.country_mentions += 1;
        }
    }

    // Which tokens a decided match covers (for fuzzy spans), computed once
    // rather than by a scan over the matches for every token.
    rs.covered.clear();
    rs.covered.resize(t1 - t0, false);
    rs.covered_base = t0;
    for k in r0..r1 {
        if rs.decided[k - r0].is_some() || rs.dropped[k - r0] {
            let raw = &p.raws[k];
            for tok in raw.ts as usize..=raw.te as usize {
                if let Some(c) = rs.covered.get_mut(tok.wrapping_sub(t0)) {
                    *c = true;
                }
            }
        }
    }

    // In text order: emit decided matches, register full names and
    // abbreviations, link short forms and abbreviations in uncovered words.
    let mut next_raw = r0;
    let mut tk = t0;
    while tk < t1 {
        // A decided raw match starting here?
        while next_raw < r1 && (p.raws[next_raw].ts as usize) < tk {
            next_raw += 1;
        }
        if next_raw < r1 && p.raws[next_raw].ts as usize == tk {
            let raw = p.raws[next_raw];
            if let Some((c, how)) = rs.decided[next_raw - r0] {
                let pm = pending_for(scanner, bytes, &raw, c, how);
                register(scanner, bytes, p, &raw, &c, ctx);
                if let Some(cc) = c.country.filter(|_| country_sure(p, &raw, &c, how)) {
                    ctx.countries.add(cc);
                    ctx.country_mentions += 1;
                }
                if let Some(cc) = named_country(&c, how) {
                    ctx.named_countries.add(cc);
                }
                rs.pending.push(pm);
                tk = raw.te as usize + 1;
                next_raw += 1;
                continue;
            }
        }
        if scanner.fuzzy.is_none() {
            // Up to the next match, only short forms (capitalized words)
            // and abbreviations can be mentions.
            let stop = match p.raws[next_raw..r1].first() {
                Some(r) => (r.ts as usize).max(tk + 1),
                None => t1,
            };
            if ctx.short.is_empty() && ctx.abbrev.is_empty() {
                tk = stop;
                continue;
            }
            while tk < stop {
                if t.toks[tk].has(flag::CAP) {
                    if let Some(pm) = link_short(scanner, t, tk, ctx, rs) {
                        rs.pending.push(pm);
                    }
                }
                tk += 1;
            }
            continue;
        }
        let tok = &t.toks[tk];
        if let Some(pm) = link_short(scanner, t, tk, ctx, rs) {
            rs.pending.push(pm);
        } else if scanner.fuzzy.is_some() {
            if let Some((pm, last)) = fuzzy_span(scanner, bytes, p, tk, t1, rs) {
                rs.pending.push(pm);
                tk = last + 1;
                continue;
            }
        }
        let _ = tok;
        tk += 1;
    }
}

/// Rules that settle a match from the text around it.
fn settle(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    raw: &Raw,
    cands: &[Cand],
    ctx: &DocContext,
    rs: &mut ResolveScratch,
) -> Option<(Cand, How)> {
    let index = scanner.index;
    let t = &p.tokens;
    let toks = &t.toks;
    let (ts, te) = (raw.ts as usize, raw.te as usize);
    // A defined abbreviation.
    if let Some(e) = defined_abbrev(bytes, t, raw, ctx) {
        if let Some(c) = cands.iter().find(|c| c.entity == e) {
            return Some((*c, How::Settled));
        }
    }
    // `Donetsk (DPR)`.
    if let Some(ab) = paren_abbrev(t, bytes, te) {
        if let Some(ord) = p
            .fin
            .memo
            .key_ordinal(index, &t.vocab, t.core_key_bytes(&toks[ab]))
        {
            for a in index.postings(ord) {
                let e = index.alias(a).entity().number();
                if let Some(c) = cands.iter().find(|c| c.entity == e) {
                    return Some((*c, How::Settled));
                }
            }
        }
    }
    let distinct = distinct_entities(cands);
    if distinct > 1 || cands.iter().any(|c| c.weak) {
        // Coordination: `Donetsk and Luhansk People's Republics`.
        if let Some(c) = coordination(scanner, t, raw, cands, rs) {
            return Some((c, How::Settled));
        }
        // A title: `President Vladimir`.
        if has_title(t, ts) {
            // (Not a surname inside an unknown name: `Speaker Mike
            // Johnson`.)
            let mut per = cands.iter().filter(|c| c.per && !(c.weak && c.in_name));
            if let (Some(c), None) = (per.next(), per.next()) {
                return Some((*c, How::Settled));
            }
        }
        // Context words.
        if distinct > 1 {
            if let Some(c) = by_cue(scanner, bytes, p, raw, cands, ctx, rs) {
                // (Evidence all the same when the canonical name is another
                // name: `regions of Donetsk`, the Donetsk People's Republic.)
                return Some((c, context_how(index, t, raw, &c, rs)));
            }
            // (A region the name does not denote by itself: `the Samara and
            // Saratov regions`.)
            for c in cands.iter().filter(|c| !c.weak) {
                if let Some(region) = region_named_after(index, t, raw, c, rs) {
                    return Some((region, How::Settled));
                }
            }
        }
    }
    if distinct == 1 && cands.iter().all(|c| !c.weak) {
        if let Some(region) = region_named_after(index, t, raw, &cands[0], rs) {
            return Some((region, How::Settled));
        }
        return Some((cands[0], How::Settled));
    }
    None
}

/// `Kursk region`, `Belgorod Governor`, `governor of Kursk`, `the Samara
/// and Saratov regions`: a town's name right before a region word (or after
/// `<region word> of`, or before `and <Name> <region words>`) names the
/// first-level subdivision called after it, where the lexicon lists that
/// subdivision only by a longer name (`Kursk Oblast`).
fn region_named_after(
    index: &crate::Index,
    t: &Tokens,
    raw: &Raw,
    c: &Cand,
    rs: &mut ResolveScratch,
) -> Option<Cand> {
    if c.per || c.cc.is_some() || c.country.is_none() {
        return None;
    }
    let toks = &t.toks;
    let (ts, te) = (raw.ts as usize, raw.te as usize);
    let is_region_cue = |tk: &Token| {
        t.cue(tk)
            .is_some_and(|q| matches!(q.class, CueClass::Region | CueClass::Office))
    };
    let soft = |k: usize| toks.get(k).is_some_and(|n| !n.has(flag::HARD));
    let cue_tok = match toks.get(te + 1) {
        Some(n) if !n.has(flag::HARD) && is_region_cue(n) => te + 1,
        // `the Samara and Saratov regions`.
        Some(n)
            if soft(te + 1)
                && soft(te + 2)
                && soft(te + 3)
                && matches!(t.key_bytes(n), b"and" | b"or")
                && toks[te + 2].has(flag::CAP)
                && is_region_cue(&toks[te + 3])
                && t.key_bytes(&toks[te + 3]).ends_with(b"s") =>
        {
            te + 3
        }
        _ if ts >= 2
            && !toks[ts].has(flag::HARD)
            && !toks[ts - 1].has(flag::HARD)
            && t.key_bytes(&toks[ts - 1]) == b"of"
            && is_region_cue(&toks[ts - 2]) =>
        {
            ts - 2
        }
        _ => return None,
    };
    raw_key(t, raw, &mut rs.key);
    let word = t.key(&toks[cue_tok]);
    {
        use std::fmt::Write;
        rs.cue_key.clear();
        let _ = write!(rs.cue_key, "{}\t{word}\t{}", rs.key, c.entity);
    }
    let found = match rs.region_memo.get(rs.cue_key.as_str()) {
        Some(&found) => found,
        None => {
            let found = region_alias(index, word, c, rs);
            if rs.region_memo.len() > 4096 {
                rs.region_memo.clear();
            }
            rs.region_memo.insert(rs.cue_key.clone(), found);
            found
        }
    };
    let a = found?;
    let e = index.alias(a).entity();
    Some(Cand {
        entity: e.number(),
        alias: a,
        exact: false,
        own: false,
        rank_weight: 1.0,
        cc: c.country,
        country: c.country,
        prior: e.prior(),
        prior_weight: crate::lookup::prior_weight(e.prior()),
        ..*c
    })
}

/// The alias of the one subdivision named `<name> <word>` or `<word> of
/// <name>` (`rs.key` is the name; `word` is the cue word; the region words
/// are tried too) in the country of `c`, other than `c` itself.
fn region_alias(
    index: &crate::Index,
    word: &str,
    c: &Cand,
    rs: &mut ResolveScratch,
) -> Option<u32> {
    let singular = word.strip_suffix('s').unwrap_or(word).to_string();
    let mut found: Option<u32> = None;
    for w in REGION_WORDS.iter().copied().chain([singular.as_str()]) {
        for of in [false, true] {
            rs.key2.clear();
            if of {
                rs.key2.push_str(w);
                rs.key2.push_str(" of ");
                rs.key2.push_str(&rs.key);
            } else {
                rs.key2.push_str(&rs.key);
                rs.key2.push(' ');
                rs.key2.push_str(w);
            }
            let Some(o) = index.key_ordinal(rs.key2.as_bytes()) else {
                continue;
            };
            for a in index.postings(o) {
                let e = index.alias(a).entity();
                let same_country = entity_country(&e) == c.country;
                if e.number() != c.entity && same_country && subdivision_country(e.id()).is_some() {
                    match found {
                        Some(f) if index.alias(f).entity().number() != e.number() => return None,
                        _ => found = Some(a),
                    }
                }
            }
        }
    }
    found
}

fn distinct_entities(cands: &[Cand]) -> usize {
    // Candidates are already one per entity.
    cands.len()
}

/// `Workers' Party (PT)`: once phase 2 decides match `k` as `entity`, an
/// abbreviation it defines right after it is that entity, however phase 1
/// read the abbreviation (Portugal); dropped, for the abbreviation link,
/// when the entity is none of its candidates.
#[allow(clippy::too_many_arguments)]
fn redecide_abbrev_after(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    k: usize,
    r0: usize,
    r1: usize,
    entity: u32,
    ctx: &mut DocContext,
    rs: &mut ResolveScratch,
) {
    let t = &p.tokens;
    let raw = &p.raws[k];
    let Some(ab) = paren_abbrev(t, bytes, raw.te as usize) else {
        return;
    };
    define_abbrev(scanner, bytes, p, raw, entity, ctx);
    if ctx.abbrev.get(t.core_key_bytes(&t.toks[ab])) != Some(&entity) {
        return;
    }
    let Some(n) = (k + 1..r1).find(|&n| p.raws[n].ts as usize == ab) else {
        return;
    };
    let next = &p.raws[n];
    let same = p.cands[next.c0 as usize..next.c1 as usize]
        .iter()
        .find(|x| x.entity == entity)
        .copied();
    rs.decided[n - r0] = same.map(|x| (x, How::Settled));
    rs.dropped[n - r0] = same.is_none();
}

/// The entity a one-word match written like an abbreviation stands for,
/// when the document defined it (`PTI` after `Pakistan Tehreek-e-Insaf
/// (PTI)`).
fn defined_abbrev(bytes: &[u8], t: &Tokens, raw: &Raw, ctx: &DocContext) -> Option<u32> {
    let tok = &t.toks[raw.ts as usize];
    if raw.ts != raw.te || !abbrev_like(bytes, tok) {
        return None;
    }
    ctx.abbrev.get(t.core_key_bytes(tok)).copied()
}

/// `Senator Chuck Schumer of New York`, `the US state of Georgia`: after a
/// decided person and `of`, a name that is also a first-level subdivision
/// is the subdivision a politician represents or governs (not after a
/// mayor: `Mayor Eric Adams of New York` is the city's); after a decided
/// country and a region word with `of`, a name is that country's
/// subdivision.
fn region_after_of(
    t: &Tokens,
    p: &Prepared,
    k: usize,
    r0: usize,
    cands: &[Cand],
    rs: &ResolveScratch,
) -> Option<Cand> {
    let ts = p.raws[k].ts as usize;
    if k == r0 || ts < 2 {
        return None;
    }
    let prev = &p.raws[k - 1];
    let gap = ts.checked_sub(prev.te as usize + 1)?;
    if !(1..=2).contains(&gap)
        || t.key_bytes(&t.toks[ts - 1]) != b"of"
        || t.toks[ts - gap..=ts].iter().any(|x| x.has(flag::HARD))
    {
        return None;
    }
    let (before, _) = rs.decided[k - 1 - r0]?;
    let region_word = gap == 2 && REGION_WORDS.contains(&t.key(&t.toks[ts - 2]));
    let mayor = (prev.ts as usize)
        .checked_sub(1)
        .is_some_and(|i| t.core_key_bytes(&t.toks[i]) == b"mayor");
    let cc = if region_word && before.is_country {
        before.country
    } else if gap == 1 && before.per && !mayor {
        None
    } else {
        return None;
    };
    let mut subs = cands
        .iter()
        .filter(|c| c.cc.is_some() && !c.weak && cc.is_none_or(|cc| c.cc == Some(cc)));
    match (subs.next(), subs.next()) {
        (Some(c), None) => Some(*c),
        _ => None,
    }
}

/// Whether the match is an abbreviation defined for a name the lexicon does
/// not know: in parentheses right after capitalized words whose initials
/// spell it, or so defined before in the document. Right after a match
/// (`after_match`: its first token) the spelt words must begin before the
/// match; otherwise the abbreviation is the match's own, defined for its
/// entity.
fn unknown_abbrev(
    bytes: &[u8],
    t: &Tokens,
    raw: &Raw,
    after_match: Option<usize>,
    ctx: &mut DocContext,
) -> bool {
    let ts = raw.ts as usize;
    let tok = &t.toks[ts];
    if raw.ts != raw.te || !abbrev_like(bytes, tok) {
        return false;
    }
    let key = t.core_key_bytes(tok);
    if ctx.unknown_abbrev.contains(key) {
        return true;
    }
    if ts == 0 || paren_abbrev(t, bytes, ts - 1) != Some(ts) {
        return false;
    }
    // The capitalized words before, function words skipped, nearest
    // first; the abbreviation spells the last few of them.
    let mut words: Vec<&[u8]> = Vec::new();
    let mut k = ts;
    while words.len() < 8 {
        // (A hard boundary before a word is flagged on it.)
        if k == 0 || (k < ts && t.toks[k].has(flag::HARD)) {
            break;
        }
        k -= 1;
        let w = &t.toks[k];
        if w.has(flag::DIGIT) {
            break;
        }
        if !w.has(flag::CAP) {
            if t.core_classes(w) & class::STOP != 0 {
                continue;
            }
            break;
        }
        words.push(&bytes[w.start as usize..w.core_end as usize]);
    }
    // (After a match, the spelt name must begin before it: `Alliance
    // Fleuve Congo (AFC)` is no name of Congo; `Donetsk People's
    // Republic (DPR)` is the match's own abbreviation.)
    let min_words = after_match.map_or(1, |s| ts - s + 1);
    let spelt = (min_words..=words.len()).any(|n| {
        let run: Vec<&[u8]> = words[..n].iter().rev().copied().collect();
        spells(key, &run)
    });
    if !spelt {
        return false;
    }
    ctx.unknown_abbrev.insert(key.to_vec());
    true
}

/// Whether the abbreviation `abbr` (a key, lower-case) spells the words
/// `run`: each word gives its first letter and maybe more of its letters in
/// order (`KASA`: Korea AeroSpace Administration), every word at least one.
fn spells(abbr: &[u8], run: &[&[u8]]) -> bool {
    let Some((word, rest)) = run.split_first() else {
        return abbr.is_empty();
    };
    let Some((&first, more)) = abbr.split_first() else {
        return false;
    };
    if word.first().map(u8::to_ascii_lowercase) != Some(first) {
        return false;
    }
    // Letters of `more` taken from the rest of this word, then the rest
    // from the next words.
    let letters = &word[1..];
    let mut at = 0;
    for m in 0..=more.len() {
        if m > 0 {
            match letters[at..]
                .iter()
                .position(|b| b.to_ascii_lowercase() == more[m - 1])
            {
                Some(p) => at += p + 1,
                None => return false,
            }
        }
        if spells(&more[m..], rest) {
            return true;
        }
    }
    false
}

/// `NAME (ABBR)`: the token index of `ABBR`.
fn paren_abbrev(t: &Tokens, bytes: &[u8], te: usize) -> Option<usize> {
    let ab = te + 1;
    let tok = t.toks.get(ab)?;
    // A definition never spans a paragraph break (chunks end at them).
    (tok.has(flag::OPEN_PAREN)
        && !tok.has(flag::PARA)
        && tok.has(flag::CLOSE_PAREN)
        && abbrev_like(bytes, tok)
        && (2..=10).contains(&t.core_key_bytes(tok).len()))
    .then_some(ab)
}

/// Written like an abbreviation: in capitals (`PTI`), or capitalized with
/// another capital letter (`PfE`, `MoD`).
fn abbrev_like(bytes: &[u8], tok: &Token) -> bool {
    tok.has(flag::UPPER)
        || (tok.has(flag::CAP)
            && bytes
                .get(tok.start as usize..tok.core_end as usize)
                .is_some_and(|w| w.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2))
}

fn raw_key(t: &Tokens, raw: &Raw, out: &mut String) {
    out.clear();
    for k in raw.ts..=raw.te {
        let tok = &t.toks[k as usize];
        let joined = tok.has(flag::NOSPACE) && t.toks[k as usize - 1].has(flag::NOSPACE);
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        if k == raw.te && tok.core_end < tok.end && raw.be == tok.core_end {
            out.push_str(t.core_key(tok));
        } else {
            out.push_str(t.key(tok));
        }
    }
}

fn coordination(
    scanner: &Scanner<'_>,
    t: &Tokens,
    raw: &Raw,
    cands: &[Cand],
    rs: &mut ResolveScratch,
) -> Option<Cand> {
    let index = scanner.index;
    let toks = &t.toks;
    let te = raw.te as usize;
    let conj = toks.get(te + 1)?;
    if conj.has(flag::HARD) || !matches!(t.key_bytes(conj), b"and" | b"or") {
        return None;
    }
    let y = toks.get(te + 2)?;
    if y.has(flag::HARD) || !y.has(flag::CAP) {
        return None;
    }
    let mut tail_end = te + 3;
    while tail_end < toks.len() && tail_end < te + 6 && !toks[tail_end].has(flag::HARD) {
        tail_end += 1;
    }
    raw_key(t, raw, &mut rs.key);
    for last in (te + 3..tail_end).rev() {
        for strip in [false, true] {
            rs.key2.clear();
            rs.key2.push_str(&rs.key);
            for tk in &toks[te + 3..=last] {
                rs.key2.push(' ');
                rs.key2.push_str(t.key(tk));
            }
            if strip {
                if !rs.key2.ends_with('s') {
                    continue;
                }
                rs.key2.pop();
            }
            let Some(ord) = key_ordinal_memo(index, &mut rs.ordinals, &rs.key2) else {
                continue;
            };
            for a in index.postings(ord) {
                let al = index.alias(a);
                if al.kind() == AliasKind::Weak {
                    continue;
                }
                let e = al.entity().number();
                if let Some(c) = cands.iter().find(|c| c.entity == e) {
                    return Some(*c);
                }
            }
        }
    }
    None
}

fn has_title(t: &Tokens, ts: usize) -> bool {
    let mut k = ts;
    for steps in 0..3 {
        if k == 0 || t.toks[k].has(flag::SENT) {
            return false;
        }
        k -= 1;
        if t.core_classes(&t.toks[k]) & class::TITLE != 0 {
            return true;
        }
        if !t.toks[k].has(flag::CAP) || steps >= 1 {
            return false;
        }
    }
    false
}

fn by_cue(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    raw: &Raw,
    cands: &[Cand],
    ctx: &DocContext,
    rs: &mut ResolveScratch,
) -> Option<Cand> {
    let index = scanner.index;
    let t = &p.tokens;
    let toks = &t.toks;
    let (ts, te) = (raw.ts as usize, raw.te as usize);
    let mut best: Option<(u8, usize, CueClass, usize)> = None;
    let in_raw = &rs.in_raw;
    let mut consider = |k: usize, dist: usize| {
        if in_raw[k] {
            return;
        }
        if let Some(cue) = t.cue(&toks[k]).filter(|c| c.tier < 4 || dist <= 2) {
            let better = match best {
                None => true,
                Some((tier, d, _, _)) => (cue.tier, dist) < (tier, d),
            };
            if better {
                best = Some((cue.tier, dist, cue.class, k));
            }
        }
    };
    // A context word belongs to the nearest name: the scan stops at
    // another match (`the city of Nice hosted a UN conference`: `city` is
    // Nice's), unless that name is coordinated with this one (`regions of
    // Donetsk and Luhansk`, `Donetsk, Luhansk and Kherson regions`).
    let coordinator = |k: usize| matches!(t.key_bytes(&toks[k]), b"and" | b"or");
    // (A comma and spaces between two tokens.)
    let comma = |a: &Token, b: &Token| {
        bytes
            .get(a.end as usize..b.start as usize)
            .and_then(|g| g.strip_prefix(b","))
            .is_some_and(|g| g.iter().all(|&c| c == b' '))
    };
    // Back, within the sentence (`dist` counts the words other than names).
    let mut walk = CueWalk::default();
    let mut k = ts;
    while walk.dist < 5 {
        if k == 0 || toks[k].has(flag::SENT) {
            break;
        }
        k -= 1;
        match walk.step(
            rs.in_raw[k],
            || comma(&toks[k], &toks[k + 1]),
            || coordinator(k),
        ) {
            CueStep::Stop => break,
            CueStep::Name => {}
            CueStep::Word(dist) => consider(k, dist),
        }
    }
    // Forward.
    let mut walk = CueWalk::default();
    let mut k = te;
    while walk.dist < 3 {
        k += 1;
        if k >= toks.len() || toks[k].has(flag::SENT) {
            break;
        }
        match walk.step(
            rs.in_raw[k],
            || comma(&toks[k - 1], &toks[k]),
            || coordinator(k),
        ) {
            CueStep::Stop => break,
            CueStep::Name => {}
            CueStep::Word(dist) => consider(k, dist),
        }
    }
    let (_, _, class, cue_tok) = best?;
    let mut fits: Vec<Cand> = Vec::new();
    match class {
        CueClass::City => {
            // A place word says which place, not that a person's name is
            // one (`Vitaliy Kim ... Kim said residents`, not a town Kim).
            if cands.iter().any(|c| c.per) {
                return None;
            }
            // The largest, in a country the document has named before it
            // if one is (`Lebanon's army ... the northern city of
            // Tripoli`). Only what came before counts: `the city of Rafah,
            // near the border with Egypt` is not Egypt's Rafah.
            let before = |c: &Cand| {
                c.country.is_some_and(|cc| {
                    ctx.countries.get(cc) > 0
                        || ctx.named_countries.get(cc) > 0
                        || rs.para_before.contains(&cc)
                })
            };
            let mut top: Option<(Cand, (bool, f64))> = None;
            for c in cands {
                let pr = c.prior.unwrap_or(0.0);
                let rank = (before(c), pr);
                if pr > 0.0 && top.is_none_or(|(_, b)| rank > b) {
                    top = Some((*c, rank));
                }
            }
            return top.map(|x| x.0);
        }
        // `the country of Georgia`, `the nation of Georgia`: the country,
        // whatever the document said of the US state before.
        CueClass::Country => return cands.iter().find(|c| c.is_country).copied(),
        CueClass::Republic | CueClass::Region | CueClass::Office => {
            raw_key(t, raw, &mut rs.key);
            let cue_word = t.key(&toks[cue_tok]);
            {
                use std::fmt::Write;
                rs.cue_key.clear();
                let _ = write!(rs.cue_key, "{class:?}\t{}\t{cue_word}", rs.key);
            }
            if let Some(ents) = rs.cue_memo.get(rs.cue_key.as_str()) {
                fits.extend(cands.iter().filter(|c| ents.contains(&c.entity)));
                return pick_fit(p, fits, ctx, rs);
            }
            let name = rs.key.clone();
            let memo_key = rs.cue_key.clone();
            let mut ents: Vec<u32> = Vec::new();
            let add_key = |k: &str, ents: &mut Vec<u32>| {
                if let Some(o) = index.key_ordinal(k.as_bytes()) {
                    ents.extend(index.postings(o).map(|a| index.alias(a).entity().number()));
                }
            };
            if class == CueClass::Republic {
                // Every key `<name> …` with the word `republic` in it.
                use fst::{IntoStreamer, Streamer};
                let lo = format!("{name} ");
                let hi = format!("{name}!");
                let mut st = index.keys().range().ge(&lo).lt(&hi).into_stream();
                while let Some((k, o)) = st.next() {
                    let has = std::str::from_utf8(k)
                        .is_ok_and(|k| k.split(' ').any(|w| w.starts_with("republic")));
                    if has {
                        ents.extend(index.postings(o).map(|a| index.alias(a).entity().number()));
                    }
                }
            } else {
                let singular = cue_word.strip_suffix('s').unwrap_or(cue_word).to_string();
                for w in REGION_WORDS.iter().copied().chain([singular.as_str()]) {
                    rs.key2.clear();
                    rs.key2.push_str(&name);
                    rs.key2.push(' ');
                    rs.key2.push_str(w);
                    add_key(&rs.key2, &mut ents);
                    rs.key2.clear();
                    rs.key2.push_str(w);
                    rs.key2.push_str(" of ");
                    rs.key2.push_str(&name);
                    add_key(&rs.key2, &mut ents);
                }
            }
            // A first-level subdivision is a region by any name (`São
            // Paulo Governor`, the state), unless a country shares it
            // (`Niger's Tillaberi region`) and the cue is no office.
            let countries = cands.iter().any(|c| c.is_country);
            if class == CueClass::Office || (class == CueClass::Region && !countries) {
                ents.extend(cands.iter().filter(|c| c.cc.is_some()).map(|c| c.entity));
            }
            fits.extend(cands.iter().filter(|c| ents.contains(&c.entity)));
            if rs.cue_memo.len() > 4096 {
                rs.cue_memo.clear();
            }
            rs.cue_memo.insert(memo_key, ents);
        }
    }
    pick_fit(p, fits, ctx, rs)
}

/// The scan for context words from a name, one token at a time: it goes
/// through another name only when that name is coordinated with this one
/// (one `and`/`or` word, or a comma, between them).
#[derive(Default)]
struct CueWalk {
    /// Words since the last name.
    plain: usize,
    /// Whether the last word was `and`/`or`.
    coord: bool,
    /// Inside a coordinated name.
    through: bool,
    /// Words other than names so far.
    dist: usize,
}

enum CueStep {
    /// Another name, not coordinated: the scan ends.
    Stop,
    /// A token of a coordinated name: skipped.
    Name,
    /// A word, at this distance.
    Word(usize),
}

impl CueWalk {
    fn step(
        &mut self,
        in_name: bool,
        comma: impl FnOnce() -> bool,
        coordinator: impl FnOnce() -> bool,
    ) -> CueStep {
        if in_name {
            let joined = (self.plain == 1 && self.coord) || (self.plain == 0 && comma());
            if !self.through && !joined {
                return CueStep::Stop;
            }
            (self.plain, self.coord, self.through) = (0, false, true);
            return CueStep::Name;
        }
        self.through = false;
        self.plain += 1;
        self.coord = coordinator();
        self.dist += 1;
        CueStep::Word(self.dist)
    }
}

/// The code of a country a decided mention names without doubt.
fn named_country(c: &Cand, how: How) -> Option<[u8; 2]> {
    let sure = !matches!(how, How::Prior { ambiguous: true });
    c.country.filter(|_| c.is_country && sure)
}

/// The candidate a cue fits best: in the country the document and the
/// paragraph name most (`the Argentine provinces of Córdoba`, `Cordoba
/// Governor … Rosario, Argentina`), then the largest.
fn pick_fit(
    p: &Prepared,
    fits: Vec<Cand>,
    ctx: &DocContext,
    rs: &mut ResolveScratch,
) -> Option<Cand> {
    match fits.len() {
        0 => None,
        1 => Some(fits[0]),
        _ => {
            // (The paragraph's countries are counted only when the fits
            // lie in several.)
            let mut countries = fits.iter().filter_map(|c| c.country);
            let first = countries.next();
            let several = countries.any(|cc| Some(cc) != first);
            if several {
                let (r0, r1) = rs.para_raws;
                paragraph_countries(p, r0, r1, rs);
            }
            let in_paragraph = |cc: [u8; 2]| {
                let n = rs.para_countries.iter().find(|x| x.0 == cc);
                n.filter(|_| several).map_or(0, |x| x.1)
            };
            let presence = |c: &Cand| {
                c.country.map_or(0, |cc| {
                    ctx.countries.get(cc) + ctx.named_countries.get(cc) + in_paragraph(cc)
                })
            };
            fits.into_iter().max_by(|a, b| {
                let pa = a.prior.unwrap_or(0.0);
                let pb = b.prior.unwrap_or(0.0);
                presence(a).cmp(&presence(b)).then(pa.total_cmp(&pb))
            })
        }
    }
}

const REGION_WORDS: [&str; 9] = [
    "oblast",
    "region",
    "province",
    "governorate",
    "prefecture",
    "krai",
    "county",
    "district",
    "state",
];

/// The country an entity lies in: its lexicon's `country`, else the
/// country of a first-level subdivision ID or a country's own code
/// (`iso3166:UA`).
pub(crate) fn entity_country(entity: &crate::index::EntityRef<'_>) -> Option<[u8; 2]> {
    let id = entity.id();
    let cc = entity
        .country()
        .or_else(|| subdivision_country(id))
        .or_else(|| id.strip_prefix("iso3166:").filter(|cc| cc.len() == 2))?;
    let b = cc.as_bytes();
    Some([b[0], b[1]])
}

/// The country code of a first-level subdivision ID (`iso3166-2:UA-14` →
/// `UA`).
/// The ISO 3166-2 code of a candidate that is a first-level subdivision
/// (`US-ME` for `iso3166-2:US-ME`).
fn subdivision_code<'a>(index: &'a crate::Index, c: &Cand) -> Option<&'a str> {
    c.cc?;
    index.entity(c.entity).id().strip_prefix("iso3166-2:")
}

pub(crate) fn subdivision_country(id: &str) -> Option<&str> {
    let cc = id.strip_prefix("iso3166-2:")?.split('-').next()?;
    (cc.len() == 2).then_some(cc)
}

/// How much a place gains in ranking for lying in the country the document
/// is about: its prior counts `1 + FOCUS_GAIN × share`, where `share` is the
/// fraction of the document's places so far (and of this paragraph's
/// unambiguous ones) that lie in its country. A tie-breaker between towns
/// of like size (`Newcastle`): a bare name of a world city stays the world
/// city in a story about another country (`Athens` in an American story is
/// the Greek capital; the town in Georgia is written `Athens, Georgia`).
const FOCUS_GAIN: f64 = 2.0;
/// The factor on the weighted prior of a place in the country of a place
/// it is listed with (`from Karachi to Hyderabad and Larkana`, `Jaén and
/// Córdoba`): see [`coordinated_countries`].
const COORDINATION_GAIN: f64 = 5.0;
/// The same for a first-level subdivision, whose rank prior is a default
/// ([`SUBDIVISION_PRIOR`]) or a capped sum of its places' populations
/// rather than its own: in a story about the United States, `Georgia` is
/// the state.
const FOCUS_GAIN_SUBDIVISION: f64 = 20.0;

/// `Athens, Georgia`, `Paris, Texas`, `Tbilisi, Georgia`: a place right
/// before a comma and a country or first-level subdivision lies in it.
/// Where the first name's places lie in several countries and the second
/// match names exactly one such region that one of them lies in, both are
/// settled in `rs.decided`: the region, and the first's best-ranked town
/// (or, for a country, subdivision) in that region's country. A region's
/// abbreviation after the comma (`Athens, Ga.`, `London, Ont.`) names the
/// country alone.
fn place_in_region(
    index: &crate::Index,
    bytes: &[u8],
    p: &Prepared,
    r0: usize,
    r1: usize,
    rs: &mut ResolveScratch,
) {
    let is_country = |c: &Cand| c.is_country;
    let is_region = |c: &Cand| c.country.is_some() && (c.cc.is_some() || is_country(c));
    // The best-ranked town of `ac` in country `cc` (and in the subdivision
    // `region`, when given).
    let town_in = |ac: &[Cand], cc: Option<[u8; 2]>, not: Option<u32>, region: Option<&str>| {
        ac.iter()
            .filter(|c| c.country == cc && Some(c.entity) != not)
            .filter(|c| region.is_none_or(|r| index.entity(c.entity).region() == Some(r)))
            .filter(|c| !c.per && !is_country(c))
            .max_by(|x, y| {
                // (A listed place without a population is no town of the
                // name: `Donetsk, Ukraine` is the city, not the DPR; nor is
                // a subdivision: `Valparaíso, Chile` is the port city.)
                let rank = |c: &Cand| {
                    let listed = c.prior.is_none() && c.cc.is_none();
                    (!listed, c.cc.is_none(), rank_prior(c, true) * c.rank_weight)
                };
                let (rx, ry) = (rank(x), rank(y));
                (rx.0, rx.1).cmp(&(ry.0, ry.1)).then(rx.2.total_cmp(&ry.2))
            })
            .copied()
    };
    // Candidates in more than one country.
    let several = |ac: &[Cand]| {
        let first = ac.iter().find(|c| !c.per).and_then(|c| c.country);
        first.is_some() && ac.iter().any(|c| !c.per && c.country != first)
    };
    for k in r0..r1.saturating_sub(1) {
        let (a, b) = (&p.raws[k], &p.raws[k + 1]);
        // (A comma makes a hard gap: the token's flags say so before the
        // text is read.)
        if a.forced
            || b.forced
            || b.ts != a.te + 1
            || !p.tokens.toks[b.ts as usize].has(flag::HARD)
            || rs.decided[k - r0].is_some()
        {
            continue;
        }
        let gap = &bytes[a.be as usize..b.bs as usize];
        let Some(rest) = gap.strip_prefix(b",") else {
            continue;
        };
        if !(1..=2).contains(&rest.len()) || rest.iter().any(|&x| x != b' ') {
            continue;
        }
        // A list of regions goes on after the second name with `and` and
        // a third region (`Donetsk, Luhansk and Kherson`); a town's region
        // does not (`Athens, Georgia and Atlanta`).
        let toks = &p.tokens.toks;
        let listed = toks
            .get(b.te as usize + 1)
            .is_some_and(|n| !n.has(flag::HARD) && matches!(p.tokens.key_bytes(n), b"and" | b"or"))
            && p.raws.get(k + 2).is_some_and(|c| {
                c.ts == b.te + 2 && p.cands[c.c0 as usize..c.c1 as usize].iter().any(is_region)
            });
        if listed {
            continue;
        }
        let ac = &p.cands[a.c0 as usize..a.c1 as usize];
        let bc = &p.cands[b.c0 as usize..b.c1 as usize];
        let in_a = |cc: Option<[u8; 2]>| ac.iter().any(|c| !c.per && c.country == cc);
        let mut region: Option<Cand> = None;
        let mut regions = 0;
        for c in bc.iter().filter(|c| is_region(c) && in_a(c.country)) {
            if region.is_none_or(|r| r.entity != c.entity) {
                regions += 1;
            }
            region = Some(*c);
        }
        // A subdivision after a name with no place in its country: the
        // name is a town the lexicon does not know (`Jordan, Minnesota`),
        // no mention.
        if regions == 0 && distinct_entities(bc) == 1 && !ac.iter().any(|c| c.per) {
            if let Some(sub) = bc.iter().find(|c| c.cc.is_some() && !c.weak) {
                // (Not a list: `Texas, Oklahoma and Kansas`.)
                let list = toks.get(b.te as usize + 1).is_some_and(|n| {
                    !n.has(flag::HARD) && matches!(p.tokens.key_bytes(n), b"and" | b"or")
                });
                if !in_a(sub.country) && !list {
                    rs.dropped[k - r0] = true;
                    rs.decided[k + 1 - r0] = Some((*sub, How::Settled));
                    continue;
                }
            }
        }
        let (Some(region), 1) = (region, regions) else {
            continue;
        };
        // A town the lexicon places in the subdivision named (`Portland,
        // Maine`). Otherwise only where the region tells countries apart:
        // which subdivision a town lies in is not always known
        // (`Kharkiv, Zaporizhzhia` is a list).
        // (Subdivisions lie in no region: only towns pass the filter.)
        let in_region = subdivision_code(index, &region)
            .and_then(|r| town_in(ac, region.country, None, Some(r)));
        // (Or where the town tells regions apart: `Brazzaville, Congo`; or
        // where the region corroborates a weak name: `Split, Croatia` at a
        // sentence start.)
        if in_region.is_none()
            && !several(ac)
            && distinct_entities(bc) < 2
            && !ac.iter().any(|c| c.weak && !c.per)
        {
            continue;
        }
        // A country lies in no region (`Nigeria, Niger`: a list), a
        // subdivision only in a country.
        let place = if is_country(&region) {
            town_in(ac, region.country, Some(region.entity), None)
        } else {
            in_region.or_else(|| {
                let towns: Vec<Cand> = ac.iter().filter(|c| c.cc.is_none()).copied().collect();
                town_in(&towns, region.country, Some(region.entity), None)
            })
        };
        if let Some(place) = place {
            rs.decided[k - r0] = Some((place, How::Settled));
            rs.decided[k + 1 - r0] = Some((region, How::Settled));
        }
    }
    // `Athens, Ga.`, `London, Ont.`, `Newcastle, NSW`: a region's
    // abbreviation (`data/region_abbrevs.tsv`) after the comma names the
    // country.
    let toks = &p.tokens.toks;
    for k in r0..r1 {
        let a = &p.raws[k];
        let next = a.te as usize + 1;
        if a.forced || rs.decided[k - r0].is_some() {
            continue;
        }
        let Some(tok) = toks.get(next).filter(|tok| tok.has(flag::HARD)) else {
            continue;
        };
        let gap = &bytes[a.be as usize..tok.start as usize];
        let Some(rest) = gap.strip_prefix(b",") else {
            continue;
        };
        if !(1..=2).contains(&rest.len()) || rest.iter().any(|&x| x != b' ') {
            continue;
        }
        // (Written with a dot or in capitals, or no abbreviation: checked
        // before the word is looked up.)
        let dot = tok.has(flag::DOTTED) || bytes.get(tok.end as usize) == Some(&b'.');
        if !dot && !tok.has(flag::UPPER) {
            continue;
        }
        let Some(abbrev) = lists().region_abbrev(p.tokens.core_key(tok)) else {
            continue;
        };
        if (abbrev.dotted && !dot) || (!abbrev.dotted && !tok.has(flag::UPPER)) {
            continue;
        }
        let ac = &p.cands[a.c0 as usize..a.c1 as usize];
        let cc = Some(abbrev.country);
        let place = abbrev
            .region
            .and_then(|r| town_in(ac, cc, None, Some(r)))
            .or_else(|| several(ac).then(|| town_in(ac, cc, None, None)).flatten());
        if let Some(place) = place {
            rs.decided[k - r0] = Some((place, How::Settled));
        }
    }
    // `Tripoli in Libya`, `Hyderabad in Pakistan`: a name shared by places
    // of several countries, then `in` and one of those countries, is that
    // country's place. (A town's region after `in` is not read so: `Paris
    // in Texas` is rarely written, `Washington in Georgia` often means
    // something else.)
    for k in r0..r1.saturating_sub(1) {
        let (a, b) = (&p.raws[k], &p.raws[k + 1]);
        if a.forced || b.forced || b.ts != a.te + 2 || rs.decided[k - r0].is_some() {
            continue;
        }
        let mid = &toks[a.te as usize + 1];
        if mid.has(flag::HARD)
            || toks[b.ts as usize].has(flag::HARD)
            || p.tokens.key_bytes(mid) != b"in"
        {
            continue;
        }
        let (ac, bc) = (
            &p.cands[a.c0 as usize..a.c1 as usize],
            &p.cands[b.c0 as usize..b.c1 as usize],
        );
        let [country] = bc else {
            continue;
        };
        if !country.is_country || !several(ac) || ac.iter().any(|c| c.per) {
            continue;
        }
        if let Some(place) = town_in(ac, country.country, Some(country.entity), None) {
            rs.decided[k - r0] = Some((place, How::Settled));
        }
    }
}

/// `Ontario and Quebec`, `Victoria and Tasmania`, `Washington and Oregon`:
/// two names joined by `and` or `or` that can both be first-level
/// subdivisions of one country are those subdivisions, when one of them
/// names no town of that country that it could mean (`Paris and Lyon` stay
/// the cities; `Oregon`, Ohio, a small town in another state, is no reason
/// to keep `Washington and Oregon` apart; the oblasts' bare names, `weak`
/// aliases, never count).
fn coordinated_regions(
    index: &crate::Index,
    p: &Prepared,
    r0: usize,
    r1: usize,
    rs: &mut ResolveScratch,
) {
    let toks = &p.tokens.toks;
    // The one subdivision of `cc` among `cands`, and whether a town of
    // `cc` is among them that may be what the name means: a big one, or one
    // not known to lie in another subdivision (`Jenin and Tulkarm` stay the
    // towns their governorates are named after).
    let sub_in = |cands: &[Cand], cc: [u8; 2]| {
        let mut sub: Option<Cand> = None;
        let mut subs = 0;
        for c in cands.iter().filter(|c| !c.per && !c.in_name) {
            if c.cc == Some(cc)
                && index.alias(c.alias).kind() != AliasKind::Weak
                && sub.is_none_or(|s| s.entity != c.entity)
            {
                subs += 1;
                sub = Some(*c);
            }
        }
        let sub = if subs == 1 { sub } else { None };
        let code = sub.and_then(|s| subdivision_code(index, &s));
        let town = cands.iter().any(|c| {
            !c.per
                && c.cc.is_none()
                && !c.is_country
                && c.country == Some(cc)
                && (c.prior.is_none_or(|p| p >= SUBDIVISION_PRIOR)
                    || index
                        .entity(c.entity)
                        .region()
                        .is_none_or(|r| Some(r) == code))
        });
        (sub, town)
    };
    for k in r0..r1.saturating_sub(1) {
        let (a, b) = (&p.raws[k], &p.raws[k + 1]);
        if a.forced
            || b.forced
            || b.ts != a.te + 2
            || rs.decided[k - r0].is_some()
            || rs.decided[k + 1 - r0].is_some()
        {
            continue;
        }
        let mid = &toks[a.te as usize + 1];
        if mid.has(flag::HARD)
            || toks[b.ts as usize].has(flag::HARD)
            || !matches!(p.tokens.key_bytes(mid), b"and" | b"or")
        {
            continue;
        }
        let ac = &p.cands[a.c0 as usize..a.c1 as usize];
        let bc = &p.cands[b.c0 as usize..b.c1 as usize];
        let mut pair: Option<(Cand, Cand)> = None;
        let mut pairs = 0;
        for cc in ac.iter().filter_map(|c| c.cc) {
            if pair.is_some_and(|(x, _)| x.cc == Some(cc)) {
                continue;
            }
            let ((Some(x), x_town), (Some(y), y_town)) = (sub_in(ac, cc), sub_in(bc, cc)) else {
                continue;
            };
            if x_town && y_town {
                continue;
            }
            pairs += 1;
            pair = Some((x, y));
        }
        if let (Some((x, y)), 1) = (pair, pairs) {
            rs.decided[k - r0] = Some((x, How::Settled));
            rs.decided[k + 1 - r0] = Some((y, How::Settled));
        }
    }
}

/// Whether a decided match says for sure which country its place lies in,
/// so that it counts towards the document's countries: its candidates all
/// lie in one country, or the text settled or corroborated it, or its
/// priors (as given, not defaults) decided it. `Georgia` chosen as the
/// country only because the US state has no prior is no evidence that the
/// story is about the Caucasus.
fn country_sure(p: &Prepared, raw: &Raw, c: &Cand, how: How) -> bool {
    let cands = &p.cands[raw.c0 as usize..raw.c1 as usize];
    let elsewhere = |x: &&Cand| !x.weak && !x.per && x.country != c.country;
    match how {
        How::Prior { ambiguous: true } => false,
        How::Prior { ambiguous: false } => {
            cands.iter().filter(elsewhere).all(|x| x.prior.is_some())
        }
        _ => true,
    }
}

/// Whether the single word of match `k` is the short form of a lexicon
/// person the document named in full before it (`Luís Montenegro …
/// Montenegro's government`), in an earlier paragraph or this one: then it
/// is left to the short-form link, not read as a place of that name,
/// unless a place word comes right before it (`in Montenegro`, `of
/// Montenegro`).
fn short_person(
    p: &Prepared,
    k: usize,
    cands: &[Cand],
    ctx: &DocContext,
    rs: &ResolveScratch,
) -> bool {
    let t = &p.tokens;
    let raw = &p.raws[k];
    let toks = &t.toks;
    let i = raw.ts as usize;
    let tk = &toks[i];
    if raw.ts != raw.te || !tk.has(flag::CAP) || tk.has(flag::UPPER) {
        return false;
    }
    if ctx.short.is_empty() && rs.para_people.is_empty() {
        return false;
    }
    let key = t.core_key_bytes(tk);
    let person = ctx.short.get(key).map(|&(e, _)| e).or_else(|| {
        // (Named in this paragraph: its full name is registered only
        // when the paragraph is emitted.)
        rs.para_people
            .iter()
            .find(|&&(te, _)| t.core_key_bytes(&toks[te as usize]) == key)
            .map(|&(_, e)| e)
    });
    let Some(e) = person else {
        return false;
    };
    if cands.iter().any(|c| c.entity == e) {
        return false;
    }
    let place_word = i > 0
        && !tk.has(flag::HARD)
        && matches!(
            t.key_bytes(&toks[i - 1]),
            b"in" | b"from" | b"to" | b"at" | b"near" | b"across" | b"into" | b"outside" | b"of"
        );
    !place_word
}

/// `Andy Burnham … Burnham said`: a one-word name of small towns right
/// after a capitalized word that no list knows, or a listed given name, and
/// that no match covers, joined by a space, is the surname of
/// someone the lexicon does not know; it is remembered for the document, and
/// that word is then no place anywhere in it, nor a lexicon person the
/// document has not named in full (`Thabo Zuma … Zuma said`). Returns whether `raw` is such
/// a word (and records it). Names a lexicon person bears are left alone.
fn person_word(
    bytes: &[u8],
    t: &Tokens,
    raw: &Raw,
    cands: &[Cand],
    in_raw: &[bool],
    ctx: &mut DocContext,
) -> bool {
    // (Only a name of small towns: `Washington` stays a place after
    // `George Washington`.)
    let minor =
        |c: &Cand| c.prior.is_some_and(|p| p < super::matcher::MINOR_PLACE) && c.cc.is_none();
    // (A lexicon person's surname inside another person's name is no
    // obstacle: `Nick Burnham`.)
    let other_person = |c: &Cand| c.per && c.weak && c.in_name;
    if raw.ts != raw.te {
        return false;
    }
    let toks = &t.toks;
    let k = raw.ts as usize;
    let key = t.core_key_bytes(&toks[k]);
    // (Once `Thabo Zuma` is named, a bare `Zuma` is he, not a lexicon
    // person the document has not named in full.)
    let unnamed_person = |c: &Cand| c.per && ctx.facts.get(&c.entity).is_none_or(|&n| n == 0);
    if ctx.person_words.contains(key)
        && cands
            .iter()
            .all(|c| minor(c) || other_person(c) || unnamed_person(c))
    {
        return true;
    }
    // (`Jordan Henderson`, `John Denver`: a listed given name before a
    // city that is not a major one makes it a surname here, though not for
    // the rest of the document, where `Washington` after `George
    // Washington` stays a place.)
    let below_major = |c: &Cand| {
        c.prior.is_some_and(|p| p < super::matcher::MAJOR_PLACE) && c.cc.is_none() && !c.is_country
    };
    // (A capitalized word right before, not in capitals, joined by a
    // space.)
    let cap_before = k > 0
        && toks[k - 1].has(flag::CAP)
        && !toks[k - 1].has(flag::UPPER)
        && !toks[k].has(flag::HARD)
        && bytes.get(toks[k - 1].end as usize..toks[k].start as usize) == Some(&b" "[..]);
    let given = |tk: &Token| t.core_classes(tk) & class::GIVEN != 0;
    let listed_given_before =
        cap_before && toks[k].has(flag::CAP) && !toks[k].has(flag::POSS) && given(&toks[k - 1]);
    if listed_given_before && cands.iter().all(|c| below_major(c) || other_person(c)) {
        return true;
    }
    if !cands.iter().all(|c| minor(c) || other_person(c)) {
        return false;
    }
    // (A capitalized word no list knows and no match covers: `Andy`.)
    let plain = class::COMMON | class::STOP | class::TITLE | class::DESCRIPTOR;
    // (Not a word of another script starting the sentence, which may be an
    // ordinary one: `Мешканці Ізюма`.)
    let after_given_name = cap_before
        && !toks[k - 1].has(flag::DIGIT)
        && !in_raw[k - 1]
        && (!toks[k - 1].has(flag::SENT) || t.key_bytes(&toks[k - 1]).is_ascii())
        && (t.classes(&toks[k - 1]) & plain == 0 || given(&toks[k - 1]));
    if after_given_name && toks[k].has(flag::CAP) {
        if ctx.person_words.len() < 4096 {
            ctx.person_words.insert(key.to_vec());
        }
        return true;
    }
    false
}

/// Whether a subdivision's country is in the document: named itself, or
/// only present through places in it.
#[derive(Clone, Copy, Debug, Default)]
struct Presence {
    named: bool,
    present: bool,
}

/// The factor of [`FOCUS_GAIN`] (or [`FOCUS_GAIN_SUBDIVISION`], unless
/// `towns`: a town with a population competes) for the candidate's country;
/// `total` is the number of places counted in `ctx.countries` and
/// `rs.para_countries`.
fn country_focus(c: &Cand, ctx: &DocContext, rs: &ResolveScratch, total: u32, towns: bool) -> f64 {
    let (Some(cc), true) = (c.country, total > 0) else {
        return 1.0;
    };
    let here = ctx.countries.get(cc)
        + rs.para_countries
            .iter()
            .find(|x| x.0 == cc)
            .map_or(0, |x| x.1);
    let gain = if c.cc.is_some() && !towns {
        FOCUS_GAIN_SUBDIVISION
    } else {
        FOCUS_GAIN
    };
    1.0 + gain * f64::from(here) / f64::from(total)
}

/// The countries of the matches listed right before and after match `k`
/// (`Karachi, Hyderabad and Larkana`; `from Karachi to Hyderabad`), where
/// that match is decided (`Jaén`, for a Spanish story) or all its strong
/// candidates lie in one country:
/// places listed together mostly lie in one country.
fn coordinated_countries(
    bytes: &[u8],
    p: &Prepared,
    k: usize,
    r0: usize,
    r1: usize,
    rs: &ResolveScratch,
) -> [Option<[u8; 2]>; 2] {
    let t = &p.tokens;
    let toks = &t.toks;
    // The words between two matches list them: a comma, `and`, `or`, or
    // `to` after `from` before the first.
    let listed = |a: &Raw, b: &Raw| {
        let gap = bytes.get(a.be as usize..b.bs as usize).unwrap_or(b"");
        match gap {
            b", " => true,
            b" and " | b", and " | b" or " => true,
            b" to " => {
                let s = a.ts as usize;
                s > 0 && t.key_bytes(&toks[s - 1]) == b"from" && !toks[s].has(flag::HARD)
            }
            _ => false,
        }
    };
    let country = |q: usize| {
        let r = &p.raws[q];
        let cands = &p.cands[r.c0 as usize..r.c1 as usize];
        match rs.decided[q - r0] {
            Some((c, _)) => c.country.filter(|_| !c.per),
            None => sure_country(cands),
        }
    };
    let raw = &p.raws[k];
    let before = (k > r0 && !rs.dropped[k - 1 - r0] && listed(&p.raws[k - 1], raw))
        .then(|| country(k - 1))
        .flatten();
    let after = (k + 1 < r1 && !rs.dropped[k + 1 - r0] && listed(raw, &p.raws[k + 1]))
        .then(|| country(k + 1))
        .flatten();
    [before, after]
}

/// The countries the nationality words of the paragraph of tokens
/// `t0..t1` name (`Spanish Prime Minister`, `the Argentine provinces`,
/// `South Korean`), counted into `rs.para_demonyms`: capitalized, and not
/// an ordinary word starting a sentence. They are no mentions, but count
/// like a place of their country when choosing between places of several.
/// `d` is the next of the chunk's nationality words (`p.demonyms`).
fn paragraph_demonyms(p: &Prepared, t0: usize, t1: usize, d: &mut usize, rs: &mut ResolveScratch) {
    rs.para_demonyms.clear();
    let t = &p.tokens;
    let l = lists();
    while let Some(&k) = p.demonyms.get(*d).filter(|&&k| (k as usize) < t1) {
        *d += 1;
        let k = k as usize;
        if k < t0 {
            continue;
        }
        let tk = &t.toks[k];
        if tk.has(flag::SENT) && t.classes(tk) & class::COMMON != 0 {
            continue;
        }
        let word = t.core_key(tk);
        let two = (k > t0 && !tk.has(flag::HARD) && l.demonym_first(t.core_key(&t.toks[k - 1])))
            .then(|| {
                use std::fmt::Write;
                rs.key2.clear();
                let _ = write!(rs.key2, "{} {word}", t.core_key(&t.toks[k - 1]));
                l.demonym(&rs.key2)
            });
        let Some(cc) = two.flatten().or_else(|| l.demonym(word)) else {
            continue;
        };
        match rs.para_demonyms.iter_mut().find(|x| x.0 == cc) {
            Some(x) => x.1 += 1,
            None => rs.para_demonyms.push((cc, 1)),
        }
    }
}

/// The countries of the paragraph's matches whose strong candidates all
/// lie in one country (`Kharkiv`; `Donetsk`, a city, a region and a
/// people's republic, all in Ukraine), counted into
/// `rs.para_countries`: places the text names without doubt, wherever they
/// stand in the paragraph.
fn paragraph_countries(p: &Prepared, r0: usize, r1: usize, rs: &mut ResolveScratch) {
    rs.para_countries.clear();
    rs.para_countries.extend_from_slice(&rs.para_demonyms);
    for raw in &p.raws[r0..r1] {
        let Some(cc) = sure_country(&p.cands[raw.c0 as usize..raw.c1 as usize]) else {
            continue;
        };
        match rs.para_countries.iter_mut().find(|x| x.0 == cc) {
            Some(x) => x.1 += 1,
            None => rs.para_countries.push((cc, 1)),
        }
    }
}

/// The one country of a match whose candidates are all strong and all lie
/// in it: a place the text names without doubt.
fn sure_country(cands: &[Cand]) -> Option<[u8; 2]> {
    let mut strong = cands.iter().filter(|c| !c.weak);
    let cc = strong.next()?.country?;
    (!cands.iter().any(|c| c.weak) && strong.all(|c| c.country == Some(cc))).then_some(cc)
}

/// The strong candidate with the largest prior.
fn largest_place(cands: &[Cand]) -> Option<&Cand> {
    cands
        .iter()
        .filter(|c| !c.weak && c.prior.is_some())
        .max_by(|a, b| a.prior.unwrap_or(0.0).total_cmp(&b.prior.unwrap_or(0.0)))
}

/// A first-level subdivision without a prior, in a document that mentions
/// its country, ranks like a place of this many people: above small towns
/// that share its name (`Missouri`, a side name of Bozeman; `Florida`,
/// Cuba), below large cities.
const SUBDIVISION_PRIOR: f64 = 3e5;
/// A city of at least this population is what its bare name means over the
/// first-level subdivision named after it, in a document about its country.
const CITY_OVER_SUBDIVISION: f64 = 2e5;
/// Any other entity without a prior (people, organizations, the curated
/// places) was listed for being notable: it ranks like a city of a million
/// (`Xinhua` the agency before the town, `Lula` before a name of Luleå).
const NOTABLE_PRIOR: f64 = 1e6;

/// The candidate's prior for ranking, with the defaults above.
fn rank_prior(c: &Cand, country_present: bool) -> f64 {
    match (c.prior, c.cc) {
        (Some(p), _) => p,
        (None, Some(_)) if country_present => SUBDIVISION_PRIOR,
        (None, Some(_)) => 0.0,
        (None, None) => NOTABLE_PRIOR,
    }
}

fn kind_rank(index: &crate::Index, alias: u32) -> u8 {
    match index.alias(alias).kind() {
        AliasKind::Official => 0,
        AliasKind::Alias | AliasKind::Acronym | AliasKind::Code => 1,
        AliasKind::Transliteration | AliasKind::Historical => 2,
        AliasKind::Misspelling => 3,
        AliasKind::Weak => 4,
    }
}

fn pending_for(scanner: &Scanner<'_>, bytes: &[u8], raw: &Raw, c: Cand, how: How) -> Pending {
    let index = scanner.index;
    let exact = if raw.forced {
        // The candidate was judged on the whole match.
        let surface = &bytes[raw.bs as usize..raw.be as usize];
        index.alias(c.alias).text_bytes() == surface
    } else {
        c.exact
    };
    let method = if exact {
        Method::Exact
    } else if c.translit {
        Method::Translit
    } else {
        Method::Normalized
    };
    let mut score = score_for(method, 1.0) + c.prior_weight;
    let ambiguous = matches!(how, How::Prior { ambiguous: true });
    if c.weak {
        score *= 0.9;
    }
    if ambiguous {
        score *= 0.8;
    }
    Pending {
        bs: raw.bs,
        be: raw.be,
        ts: raw.ts,
        te: raw.te,
        entity: c.entity,
        alias: c.alias,
        score: score.min(1.0),
        method: method.into(),
        ambiguous,
    }
}

/// After a decided match: full names give short forms, `NAME (ABBR)`
/// defines an abbreviation.
fn register(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    raw: &Raw,
    c: &Cand,
    ctx: &mut DocContext,
) {
    let entity = c.entity;
    let index = scanner.index;
    let t = &p.tokens;
    let toks = &t.toks;
    let (ts, te) = (raw.ts as usize, raw.te as usize);
    if te > ts && c.per {
        let add = |key: &str, ctx: &mut DocContext| {
            if key.len() < 2 || lists().is_stopword(key) {
                return;
            }
            // (A Cyrillic or Greek surname by its stem too: a later case form of it
            // links, `Марии Захаровой … Захарова`.)
            let stem = super::words::inflected_stem(key.as_bytes()).filter(|s| s.len() < key.len());
            for k in std::iter::once(key.as_bytes()).chain(stem) {
                match ctx.short.get_mut(k) {
                    Some(x) if x.0 != entity => *x = (entity, true),
                    Some(_) => {}
                    None => {
                        ctx.short.insert(k.to_vec(), (entity, false));
                    }
                }
            }
        };
        // The last word (surname), unless hyphenated with the one before
        // (`Son-hui`: then the whole given name is not a surname); before a
        // regnal number or `Jr.` (`Abdullah II`: `II` is nobody's name).
        let mut l = te;
        while l > ts + 1 && super::words::is_name_suffix(t.core_key(&toks[l])) {
            l -= 1;
        }
        let last = &toks[l];
        if !last.has(flag::HYPHEN) {
            add(t.core_key(last), ctx);
        }
        // The first word, when the person is known by it (a lexicon alias)
        // or the name has three words or a hyphenated given name.
        let first = t.key(&toks[ts]);
        let korean_style = te - ts >= 2 || toks[ts + 1..=te].iter().any(|x| x.has(flag::HYPHEN));
        if korean_style || names_entity(index, p, first.as_bytes(), entity) {
            add(first, ctx);
        }
    }
    define_abbrev(scanner, bytes, p, raw, entity, ctx);
}

/// Whether `key` is a key of an alias of `entity`.
fn names_entity(index: &crate::Index, p: &Prepared, key: &[u8], entity: u32) -> bool {
    p.fin
        .memo
        .key_ordinal(index, &p.tokens.vocab, key)
        .is_some_and(|o| {
            index
                .postings(o)
                .any(|a| index.alias(a).entity().number() == entity)
        })
}

/// `Pakistan Tehreek-e-Insaf (PTI)`: an abbreviation in parentheses right
/// after a match of `entity` stands for it in the rest of the document when
/// it is one of the entity's aliases or the initials of the match's words
/// (capitalized ones, or all: `Patriots for Europe (PfE)`).
fn define_abbrev(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    raw: &Raw,
    entity: u32,
    ctx: &mut DocContext,
) {
    let t = &p.tokens;
    let toks = &t.toks;
    let (ts, te) = (raw.ts as usize, raw.te as usize);
    let Some(ab) = paren_abbrev(t, bytes, te) else {
        return;
    };
    let index = scanner.index;
    let ak = t.core_key(&toks[ab]);
    let initials = |all: bool| -> String {
        toks[ts..=te]
            .iter()
            .filter(|x| all || x.has(flag::CAP))
            .filter_map(|x| {
                let w = &bytes[x.start as usize..x.end as usize];
                match w.first() {
                    Some(&b) if b < 0x80 => Some(b as char),
                    _ => std::str::from_utf8(w).ok().and_then(|s| s.chars().next()),
                }
            })
            .flat_map(char::to_lowercase)
            .collect()
    };
    // (Or of the entity's canonical name: `Workers' Party (PT)`, the
    // Partido dos Trabalhadores.)
    let canonical_initials = || -> String {
        index
            .entity(entity)
            .canonical()
            .split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if names_entity(index, p, ak.as_bytes(), entity)
        || initials(false) == ak
        || initials(true) == ak
        || canonical_initials() == ak
    {
        ctx.abbrev.insert(ak.as_bytes().to_vec(), entity);
    }
}

/// A bare short form or defined abbreviation at token `tk`.
fn link_short(
    scanner: &Scanner<'_>,
    t: &Tokens,
    tk: usize,
    ctx: &DocContext,
    rs: &ResolveScratch,
) -> Option<Pending> {
    let tok: &Token = &t.toks[tk];
    if !tok.has(flag::CAP) || (ctx.short.is_empty() && ctx.abbrev.is_empty()) {
        return None;
    }
    // Not part of a longer capitalized run (`Choe Ryong Hae` is someone
    // else); a possessive ends the name (`Montenegro's Democratic
    // Alliance`).
    let joined_next = !tok.has(flag::POSS)
        && t.toks
            .get(tk + 1)
            .is_some_and(|n| n.has(flag::CAP) && !n.has(flag::HARD) && !n.has(flag::SENT));
    if joined_next {
        return None;
    }
    // Nor the last word of an unknown one (`Jake Sullivan` is not a
    // `Sullivan` seen before): a capitalized word before it that is no
    // title, function word or decided match of its own.
    let joined_prev =
        tk > 0 && !tok.has(flag::HARD) && !tok.has(flag::SENT) && !rs.is_covered(tk - 1) && {
            let prev = &t.toks[tk - 1];
            prev.has(flag::CAP)
                && !prev.has(flag::POSS)
                && t.core_classes(prev) & (class::TITLE | class::STOP) == 0
                && !(prev.has(flag::SENT)
                    && t.core_classes(prev) & class::COMMON != 0
                    && t.core_classes(prev) & class::GIVEN == 0)
        };
    if joined_prev {
        return None;
    }
    let key = t.core_key_bytes(tok);
    let short = ctx.short.get(key).or_else(|| {
        let stem = super::words::inflected_stem(key)?;
        ctx.short.get(stem)
    });
    let (entity, method, ambiguous) = if let Some(&(e, ambiguous)) = short {
        (e, MentionMethod::Context, ambiguous)
    } else {
        // (Capitalized is enough: `Nato` for a defined `NATO`, `PfE`.)
        (*ctx.abbrev.get(key)?, MentionMethod::Abbreviation, false)
    };
    let index = scanner.index;
    let e = index.entity(entity);
    let alias = e.aliases().next().map(|a| a.number()).unwrap_or_default();
    let canonical_alias = index
        .entity(entity)
        .aliases()
        .find(|a| a.text() == e.canonical())
        .map(|a| a.number())
        .unwrap_or(alias);
    Some(Pending {
        bs: tok.start,
        be: tok.core_end,
        ts: tk as u32,
        te: tk as u32,
        entity,
        alias: canonical_alias,
        score: if method == MentionMethod::Context {
            0.85
        } else {
            0.9
        },
        method,
        ambiguous,
    })
}

/// A name-like span starting at `tk`, offered to the fuzzy resolver.
#[allow(clippy::too_many_arguments)]
fn fuzzy_span(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    tk: usize,
    t1: usize,
    rs: &mut ResolveScratch,
) -> Option<(Pending, usize)> {
    let resolver = scanner.fuzzy.as_ref()?;
    let t = &p.tokens;
    let toks = &t.toks;
    let name_like = |x: &Token, bytes: &[u8]| {
        if x.has(flag::DIGIT) {
            return false;
        }
        let first = std::str::from_utf8(&bytes[x.start as usize..x.end as usize])
            .ok()
            .and_then(|s| s.chars().next());
        let non_latin =
            first.is_some_and(|c| !c.is_ascii() && c.is_alphabetic() && !c.is_lowercase());
        x.has(flag::CAP) || non_latin || first.is_some_and(|c| !c.is_ascii() && c.is_alphabetic())
    };
    // A capitalized function word (`The`, `In`) starts no name: the span
    // starts at the next word.
    if !name_like(&toks[tk], bytes) || t.core_classes(&toks[tk]) & class::STOP != 0 {
        return None;
    }
    let mut last = tk;
    while last + 1 < t1
        && last + 1 - tk < scanner.opts.max_fuzzy_words
        && !toks[last + 1].has(flag::HARD)
        && name_like(&toks[last + 1], bytes)
        && !rs.is_covered(last + 1)
        // A possessive name ends a name (`Smith's Kyiv`); an ordinary
        // word's possessive is inside one (`People's Republic`).
        && !(toks[last].has(flag::POSS) && t.core_classes(&toks[last]) & class::COMMON == 0)
    {
        last += 1;
    }
    // A lone sentence-initial common word is not a name.
    if last == tk && toks[tk].has(flag::SENT) && t.core_classes(&toks[tk]) & class::COMMON != 0 {
        return None;
    }
    let (bs, be) = (toks[tk].start, toks[last].core_end);
    if (be - bs) as usize > super::MAX_FUZZY_SPAN_BYTES {
        return None;
    }
    let span = std::str::from_utf8(&bytes[bs as usize..be as usize]).ok()?;
    let c = resolver.resolve(scanner.index, span, &mut rs.lookup)?;
    if c.score < scanner.opts.min_score {
        return None;
    }
    // A one-word demonym is no misspelling of its place (`Israeli`,
    // `Armenian`, `Chinese`), whichever alias it came nearest (`Israele`).
    if last == tk
        && (demonym_of(span, scanner.index.alias(c.alias).text())
            || demonym_of(span, scanner.index.entity(c.entity).canonical()))
    {
        return None;
    }
    Some((
        Pending {
            bs,
            be,
            ts: tk as u32,
            te: last as u32,
            entity: c.entity,
            alias: c.alias,
            score: c.score,
            method: c.method.into(),
            ambiguous: c.ambiguous,
        },
        last,
    ))
}

/// Whether `word` is the demonym or adjective of the place name `name`
/// built by an English suffix (`Israel` → `Israeli`, `Armenia` →
/// `Armenian`, `China` → `Chinese`, `Ukraine` → `Ukrainian`, `Japan` →
/// `Japanese`); ASCII names only, compared without case.
fn demonym_of(word: &str, name: &str) -> bool {
    const SUFFIXES: [&str; 7] = ["i", "n", "an", "ian", "ese", "ish", "ic"];
    if !word.is_ascii() || !name.is_ascii() || name.len() < 3 || word.len() <= name.len() {
        return false;
    }
    let (w, n) = (word.as_bytes(), name.as_bytes());
    let stem_then = |stem: &[u8]| {
        w.len() > stem.len()
            && w[..stem.len()].eq_ignore_ascii_case(stem)
            && SUFFIXES
                .iter()
                .any(|s| w[stem.len()..].eq_ignore_ascii_case(s.as_bytes()))
    };
    // (`China` → `Chin` + `ese`: a final vowel gives way to the suffix.)
    stem_then(n)
        || (matches!(n[n.len() - 1], b'a' | b'e' | b'o' | b'y') && stem_then(&n[..n.len() - 1]))
}

/// Code points in `bytes[from..to]` (UTF-8): the bytes that are not
/// continuation bytes (0x80..0xC0), counted eight at a time (the last
/// partial eight read past `to` when the buffer allows, and masked).
fn count_chars(bytes: &[u8], from: usize, to: usize) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Bit 7 set and bit 6 clear, per byte; then the bytes summed.
    let continuation = |w: u64| ((w & !(w << 1) & HIGH) >> 7).wrapping_mul(ONES) >> 56;
    let mut n = 0u64;
    let mut chunks = bytes[from..to].chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        n += continuation(u64::from_le_bytes(a));
    }
    let r = chunks.remainder().len();
    if r > 0 {
        let k = to - r;
        let mut a = [0u8; 8];
        match bytes.get(k..k + 8) {
            Some(c) => a.copy_from_slice(c),
            None => a[..r].copy_from_slice(&bytes[k..to]),
        }
        let keep = (1u64 << (8 * r)) - 1;
        n += continuation(u64::from_le_bytes(a) & keep);
    }
    (to - from) as u64 - n
}

fn emit(
    scanner: &Scanner<'_>,
    bytes: &[u8],
    p: &Prepared,
    ctx: &DocContext,
    rs: &ResolveScratch,
    count: bool,
    sink: &mut dyn FnMut(&Mention),
) {
    // Code points before each mention (unless not wanted): walk the chunk
    // once.
    let mut at = 0usize;
    let mut chars = 0u64;
    let mut run = 0usize;
    let mut advance = |to: usize, at: &mut usize, chars: &mut u64| {
        while *at < to {
            // Inside a valid run: count non-continuation bytes; outside, bytes.
            while run < p.runs.len() && (p.runs[run].1 as usize) <= *at {
                run += 1;
            }
            let in_run = run < p.runs.len() && (p.runs[run].0 as usize) <= *at;
            if in_run {
                let end = (p.runs[run].1 as usize).min(to);
                *chars += count_chars(bytes, *at, end);
                *at = end;
            } else {
                let end = if run < p.runs.len() {
                    (p.runs[run].0 as usize).min(to)
                } else {
                    to
                };
                *chars += (end - *at) as u64;
                *at = end;
            }
        }
    };
    for m in &rs.pending {
        if m.score < scanner.opts.min_score {
            continue;
        }
        let (start, end) = if count {
            advance(m.bs as usize, &mut at, &mut chars);
            let start = chars;
            advance(m.be as usize, &mut at, &mut chars);
            (ctx.char_base + start, ctx.char_base + chars)
        } else {
            (Mention::NO_CHARS, Mention::NO_CHARS)
        };
        let _ = (m.ts, m.te);
        sink(&Mention {
            byte_start: ctx.byte_base + m.bs as u64,
            byte_end: ctx.byte_base + m.be as u64,
            start,
            end,
            entity: m.entity,
            alias: m.alias,
            score: m.score,
            method: m.method,
            ambiguous: m.ambiguous,
        });
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn count_chars_counts_code_points() {
        let text = "Kyiv, Київ, 基輔 and Ŋ\u{0301}: ".repeat(5);
        let b = text.as_bytes();
        for i in 0..b.len() {
            for j in i..b.len().min(i + 40) {
                let want = b[i..j].iter().filter(|&&x| (x as i8) >= -64).count() as u64;
                assert_eq!(super::count_chars(b, i, j), want);
                assert_eq!(super::count_chars(&b[..j], i, j), want);
            }
        }
    }
}
