//! Index-time variants: extra aliases and extra keys generated from the
//! lexicon's own aliases.
//!
//! [`add_variants`] adds generated aliases to an entity, each marked with the
//! scheme that produced it:
//!
//! * **romanizations** of every alias written in a non-Latin script, under
//!   every scheme of its language (`lang` tag, or guessed from the letters):
//!   `Луганськ` → `Luhansk` (uk-national), `Lugansk` (ru-press), …; Korean
//!   personal-name forms for people (`최선희` → `Choe Son Hui`, `Choe Son-hui`,
//!   `Choi Seon-hui`, …); letter-by-letter acronyms (`ДНР` → `DNR`);
//! * **acronyms of long forms**, for entities the lexicon already knows by an
//!   acronym: the acronym of each long name of three or more significant
//!   words, in its own script (`Донецкая Народная Республика` → `ДНР`, then
//!   romanized → `DNR`). They are of kind `acronym`: exact case in running
//!   text, never fuzzy.
//!
//! A variant whose matching key equals the key of an alias the entity already
//! has is not added. [`extra_keys`] yields keys in other namespaces
//! (phonetic) for one alias.

use crate::key::key;
use crate::lexicon::{Alias, AliasKind, Entity};
use crate::translit;
use std::collections::HashSet;

/// The scheme name recorded for acronyms generated from long forms.
pub const ACRONYM_OF: &str = "acronym-of";

/// Adds generated variants to `entity` (see the module documentation).
pub fn add_variants(entity: &mut Entity) {
    for a in entity.aliases.iter_mut() {
        if a.script.is_none() {
            a.script = translit::script_of(&a.text).map(str::to_string);
        }
    }
    let mut keys: HashSet<String> = entity.aliases.iter().map(|a| key(&a.text)).collect();
    fn add(keys: &mut HashSet<String>, entity_aliases: &mut Vec<Alias>, alias: Alias) {
        let k = key(&alias.text);
        if !k.is_empty() && keys.insert(k) {
            entity_aliases.push(alias);
        }
    }

    // Acronyms of long forms, for entities known by an acronym.
    let known_by_acronym = entity
        .aliases
        .iter()
        .any(|a| a.kind == AliasKind::Acronym && !a.is_generated());
    if known_by_acronym {
        let long: Vec<Alias> = entity
            .aliases
            .iter()
            .filter(|a| {
                !a.is_generated() && matches!(a.kind, AliasKind::Official | AliasKind::Alias)
            })
            .cloned()
            .collect();
        for a in long {
            let Some(acronym) = translit::acronym_of(&a.text) else {
                continue;
            };
            if acronym.chars().count() < 3 || acronym.chars().count() > 8 {
                continue;
            }
            let script = translit::script_of(&acronym).map(str::to_string);
            add(
                &mut keys,
                &mut entity.aliases,
                Alias {
                    text: acronym,
                    lang: a.lang.clone(),
                    script,
                    kind: AliasKind::Acronym,
                    scheme: Some(ACRONYM_OF.to_string()),
                },
            );
        }
    }

    // Romanizations of every non-Latin alias (generated acronyms included).
    let person = entity.etype == "PER";
    let mut i = 0;
    while i < entity.aliases.len() {
        let a = &entity.aliases[i];
        i += 1;
        if a.scheme.as_deref().is_some_and(|s| s != ACRONYM_OF) {
            continue; // already a romanization
        }
        match a.script.as_deref() {
            None | Some("Latn") | Some("Zyyy") => continue,
            Some(_) => {}
        }
        let kind = match a.kind {
            k @ (AliasKind::Acronym
            | AliasKind::Code
            | AliasKind::Weak
            | AliasKind::Historical
            | AliasKind::Misspelling) => k,
            _ => AliasKind::Transliteration,
        };
        let lang = a.lang.clone();
        let georgian = a.script.as_deref() == Some("Geor");
        for v in translit::variants_with(&a.text, lang.as_deref(), person) {
            // Reading a Hangul alias as a loanword serves queries, not the
            // index: a listed Hangul spelling of a foreign name sits beside
            // the name itself, and a Korean name read that way is noise.
            if v.scheme == translit::Scheme::KoLoan {
                continue;
            }
            let kind = if v.scheme == translit::Scheme::Acronym {
                AliasKind::Acronym
            } else {
                kind
            };
            // A romanized name of one or two letters (`'d` from an unvowelled
            // Arabic spelling) says nothing and would match stray letters.
            let letters = key(&v.text).chars().filter(|c| c.is_alphanumeric()).count();
            if kind != AliasKind::Acronym && letters < 3 {
                continue;
            }
            // Georgian adds the nominative `-i` to a name ending in a
            // consonant (`ისრაელი`, Israel): its romanization `israeli` is
            // the English adjective, not another name.
            if georgian {
                let k = key(&v.text);
                if k.strip_suffix('i').is_some_and(|stem| keys.contains(stem)) {
                    continue;
                }
            }
            add(
                &mut keys,
                &mut entity.aliases,
                Alias {
                    text: v.text,
                    lang: lang.clone(),
                    script: Some("Latn".to_string()),
                    kind,
                    scheme: Some(v.scheme.name().to_string()),
                },
            );
        }
    }

    // Case forms of names in Russian, Ukrainian and Greek (never romanized: the
    // loop above has run).
    // (A place of the former Soviet Union named in another Cyrillic
    // language is most often named so in Russian or Ukrainian too:
    // `Гомель`, tagged Belarusian. Native names, a person's or such a
    // place's, take every rule.)
    let post_soviet = entity
        .country
        .as_deref()
        .is_some_and(translit::inflect::post_soviet);
    let native = person || post_soviet;
    let listed = entity.aliases.len();
    for i in 0..listed {
        let a = &entity.aliases[i];
        if a.is_generated()
            || !matches!(a.script.as_deref(), Some("Cyrl" | "Grek"))
            || !matches!(
                a.kind,
                AliasKind::Official | AliasKind::Alias | AliasKind::Weak | AliasKind::Historical
            )
        {
            continue;
        }
        let (kind, lang, a_script) = (a.kind, a.lang.clone(), a.script.clone());
        let text = a.text.clone();
        let tag = match lang.as_deref() {
            Some("ru" | "uk") => lang.as_deref(),
            Some(_) if post_soviet => None,
            other => other,
        };
        for grammar in translit::inflect::languages_for(&text, tag) {
            let Some(scheme) = translit::inflect::scheme_name(grammar) else {
                continue;
            };
            for form in translit::inflect::inflections_with(&text, grammar, person, native) {
                add(
                    &mut keys,
                    &mut entity.aliases,
                    Alias {
                        text: form,
                        lang: lang.clone(),
                        script: a_script.clone(),
                        kind,
                        scheme: Some(scheme.to_string()),
                    },
                );
            }
        }
    }
}

/// Keys in other namespaces for an alias whose plain key is `key`: the
/// phonetic key (prefixed with [`PHONETIC_PREFIX`](super::format::PHONETIC_PREFIX))
/// of Latin-script aliases that may be matched approximately.
pub fn extra_keys(key: &str, alias: &Alias) -> Option<String> {
    if !alias.kind.allows_fuzzy() || !key.is_ascii() {
        return None;
    }
    let mut phonetic = String::new();
    crate::fuzzy::phonetic_key(key, &mut phonetic);
    if phonetic.chars().count() < 3 {
        return None;
    }
    let mut out = String::with_capacity(phonetic.len() + 1);
    out.push(super::format::PHONETIC_PREFIX as char);
    out.push_str(&phonetic);
    Some(out)
}
