//! Lexicons: canonical entities and their aliases, read from CSV files or
//! built from records in memory.
//!
//! Two CSV forms are read, told apart by their header row:
//!
//! * **entity form** — `id,type,canonical,aliases[,prior,country,region]`, one row per
//!   entity; `aliases` holds many aliases separated by `|`, each optionally
//!   tagged with a language after the last `@` (`Київ@uk`). A literal `|`,
//!   `@` or `\` inside an alias is written `\|`, `\@`, `\\`.
//! * **alias-table form** — `id,canonical,alias` then any of
//!   `type,lang,script,kind,prior,scheme,country,region`, one row per alias. This is
//!   what [`Lexicon::export_csv`] writes.
//!
//! `country` is the ISO 3166-1 alpha-2 code of the country a place lies in
//! (`UA` for Kharkiv); running text uses it to prefer, among places of one
//! name, those in the countries the document is about. `region` is the ISO
//! 3166-2 code of the first-level subdivision a place lies in (`US-ME` for
//! Portland, Maine); running text uses it to read `Portland, Maine`.
//!
//! Rows for one ID merge across rows and files; the canonical name is itself
//! an alias. Two places that give one ID different canonical names, types,
//! priors or countries are an [`Error::Conflict`] naming both.

mod read;
mod write;

pub use read::{LoadOptions, LoadReport, Problem};
pub use write::{AliasTableWriter, Row, ALIAS_TABLE_HEADER};

use crate::error::{Error, Loc};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// What kind of name an alias is; it decides how strictly it is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AliasKind {
    /// An official or canonical name.
    Official,
    /// A common name or variant.
    Alias,
    /// A short or common form that needs corroboration in running text
    /// (`Kim`, a bare `DPR` shared by several entities). Never fuzzy.
    Weak,
    /// An acronym (`NATO`, `DPR`): case-sensitive in running text, never fuzzy.
    Acronym,
    /// A code (`UA`, `UKR`): matched in running text only upper-case, never fuzzy.
    Code,
    /// A romanization of a name written in another script.
    Transliteration,
    /// A former name (`Leningrad`).
    Historical,
    /// A known misspelling (`Noth Korea`).
    Misspelling,
}

impl AliasKind {
    /// Every kind, in the order of their numeric codes.
    pub const ALL: [AliasKind; 8] = [
        AliasKind::Official,
        AliasKind::Alias,
        AliasKind::Weak,
        AliasKind::Acronym,
        AliasKind::Code,
        AliasKind::Transliteration,
        AliasKind::Historical,
        AliasKind::Misspelling,
    ];

    /// The name used in CSV files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Official => "official",
            AliasKind::Alias => "alias",
            AliasKind::Weak => "weak",
            AliasKind::Acronym => "acronym",
            AliasKind::Code => "code",
            AliasKind::Transliteration => "transliteration",
            AliasKind::Historical => "historical",
            AliasKind::Misspelling => "misspelling",
        }
    }

    /// Numeric code stored in the index.
    pub fn code(self) -> u8 {
        AliasKind::ALL.iter().position(|&k| k == self).unwrap_or(1) as u8
    }

    /// Kind from its numeric code.
    pub fn from_code(code: u8) -> Option<AliasKind> {
        AliasKind::ALL.get(code as usize).copied()
    }

    /// Whether aliases of this kind may be matched approximately.
    pub fn allows_fuzzy(self) -> bool {
        !matches!(self, AliasKind::Weak | AliasKind::Acronym | AliasKind::Code)
    }
}

impl fmt::Display for AliasKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AliasKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        AliasKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = AliasKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown kind `{}` (expected one of {})",
                    crate::error::shown(s),
                    names.join(", ")
                )
            })
    }
}

/// One name of an entity.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The name as written.
    pub text: String,
    /// Language tag (`en`, `uk`, …), if known.
    pub lang: Option<String>,
    /// ISO 15924 script code (`Latn`, `Cyrl`, …), if known.
    pub script: Option<String>,
    /// What kind of name it is.
    pub kind: AliasKind,
    /// For variants generated at index time: the scheme that produced them
    /// (`uk-national`, `acronym`, …). `None` for aliases from the lexicon.
    pub scheme: Option<String>,
}

impl Alias {
    /// A plain alias of kind [`AliasKind::Alias`] with no language.
    pub fn new(text: impl Into<String>) -> Alias {
        Alias {
            text: text.into(),
            lang: None,
            script: None,
            kind: AliasKind::Alias,
            scheme: None,
        }
    }

    /// Whether the alias was generated at index time rather than listed.
    pub fn is_generated(&self) -> bool {
        self.scheme.is_some()
    }
}

/// A canonical entity with all its names.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable opaque ID (`iso3166:UA`, `geonames:703448`, `canonym:choe-son-hui`).
    pub id: String,
    /// Entity type (`GPE`, `LOC`, `ORG`, `PER`, …); may be empty.
    pub etype: String,
    /// The canonical name.
    pub canonical: String,
    /// A non-negative prominence (population, …) used to rank ambiguous matches.
    pub prior: Option<f64>,
    /// The ISO 3166-1 alpha-2 code of the country the entity lies in (see
    /// [`valid_country`]).
    pub country: Option<String>,
    /// The ISO 3166-2 code of the first-level subdivision the entity lies
    /// in (see [`valid_region`]).
    pub region: Option<String>,
    /// Every alias, the canonical name first.
    pub aliases: Vec<Alias>,
}

impl Entity {
    /// A new entity whose only alias is its canonical name.
    pub fn new(
        id: impl Into<String>,
        etype: impl Into<String>,
        canonical: impl Into<String>,
    ) -> Entity {
        let canonical = canonical.into();
        let mut first = Alias::new(canonical.clone());
        first.kind = AliasKind::Official;
        Entity {
            id: id.into(),
            etype: etype.into(),
            canonical,
            prior: None,
            country: None,
            region: None,
            aliases: vec![first],
        }
    }

    /// Adds an alias unless the entity already has one with the same text.
    pub fn add_alias(&mut self, alias: Alias) -> bool {
        if self.aliases.iter().any(|a| a.text == alias.text) {
            return false;
        }
        self.aliases.push(alias);
        true
    }
}

/// Where each attribute of an entity was first given (for conflict errors).
#[derive(Clone, Debug)]
struct Origins {
    canonical: Loc,
    etype: Option<Loc>,
    prior: Option<Loc>,
    country: Option<Loc>,
    region: Option<Loc>,
}

/// Whether `code` can be an entity's region: an ISO 3166-2 subdivision
/// code, two ASCII upper-case letters, a hyphen and one to three ASCII
/// upper-case letters or digits (`US-ME`, `GB-SCT`, `FR-75`).
pub fn valid_region(code: &str) -> bool {
    let b = code.as_bytes();
    (4..=6).contains(&b.len())
        && valid_country(&code[..2])
        && b[2] == b'-'
        && b[3..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// What is wrong with an entity's region given its country, if anything:
/// not an ISO 3166-2 code, or the code of another country's subdivision.
pub(crate) fn region_problem(region: Option<&str>, country: Option<&str>) -> Option<String> {
    let r = region?;
    if !valid_region(r) {
        return Some(format!(
            "`{}` is not a subdivision code (ISO 3166-2: `US-ME`, `GB-SCT`)",
            crate::error::shown(r)
        ));
    }
    match country {
        Some(cc) if !r.starts_with(cc) => Some(format!(
            "region `{r}` is not in the entity's country `{cc}`"
        )),
        _ => None,
    }
}

/// Whether `code` can be an entity's country: two ASCII upper-case letters
/// (an ISO 3166-1 alpha-2 code; user-assigned codes such as `XK` included).
pub fn valid_country(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// What one row says of its entity as a whole.
#[derive(Clone, Copy)]
struct Head<'a> {
    etype: &'a str,
    canonical: &'a str,
    prior: Option<f64>,
    country: Option<&'a str>,
    region: Option<&'a str>,
}

/// Sets an optional entity-wide attribute given on a row of `id` at `loc`:
/// the first place that gives it sets it; a different value later is an
/// [`Error::Conflict`] naming both places.
fn merge_optional<T: PartialEq + fmt::Display>(
    id: &str,
    field: &'static str,
    value: &mut Option<T>,
    origin: &mut Option<Loc>,
    new: T,
    loc: &Loc,
) -> crate::Result<()> {
    match (origin.as_ref(), value.as_ref()) {
        (Some(first), Some(old)) if *old != new => Err(Error::Conflict {
            id: id.to_string(),
            field,
            first: first.clone(),
            first_value: old.to_string(),
            second: loc.clone(),
            second_value: new.to_string(),
        }),
        (Some(_), _) => Ok(()),
        _ => {
            *value = Some(new);
            *origin = Some(loc.clone());
            Ok(())
        }
    }
}

/// A set of entities keyed by ID, merged from any number of sources.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    origins: Vec<Origins>,
    sources: Vec<String>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// Reads and merges lexicon files (either CSV form, detected per file).
    /// Fails on the first error; see [`Lexicon::load`] to collect them all.
    pub fn from_files<P: AsRef<std::path::Path>>(paths: &[P]) -> crate::Result<Lexicon> {
        let (lexicon, report) = Lexicon::load(paths, &LoadOptions::default())?;
        match report.errors.into_iter().next() {
            Some(problem) => Err(problem.error),
            None => Ok(lexicon),
        }
    }

    /// Reads and merges lexicon files, collecting every problem in a report.
    ///
    /// Problems with single records are collected in the report (and the
    /// record skipped); the `Err` case is kept for problems that stop a file
    /// from being read at all when `opts.lenient` is false.
    pub fn load<P: AsRef<std::path::Path>>(
        paths: &[P],
        opts: &LoadOptions,
    ) -> crate::Result<(Lexicon, LoadReport)> {
        let mut lexicon = Lexicon::new();
        let mut report = LoadReport::default();
        for path in paths {
            read::read_file(&mut lexicon, path.as_ref(), opts, &mut report)?;
        }
        Ok((lexicon, report))
    }

    /// Reads one CSV lexicon (either form) from any reader; `name` is used in
    /// error messages.
    pub fn read_csv<R: std::io::Read>(
        &mut self,
        name: &str,
        reader: R,
        opts: &LoadOptions,
    ) -> LoadReport {
        let mut report = LoadReport::default();
        read::read_csv(self, std::path::Path::new(name), reader, opts, &mut report);
        report
    }

    /// Adds or merges an entity built in memory. Conflicting canonical names,
    /// types, priors or countries for one ID are an error, and so is a
    /// country that is not two ASCII upper-case letters, or a region that
    /// is no ISO 3166-2 code of that country.
    pub fn add_entity(&mut self, entity: Entity) -> crate::Result<()> {
        let loc = Loc {
            path: "<memory>".into(),
            line: self.entities.len() as u64 + 1,
        };
        let id = entity.id.clone();
        if let Some(cc) = entity.country.as_deref().filter(|cc| !valid_country(cc)) {
            return Err(Error::BadRecord {
                loc,
                field: "country".into(),
                message: format!(
                    "`{}` is not a two-letter country code (ISO 3166-1 alpha-2, upper case)",
                    crate::error::shown(cc)
                ),
            });
        }
        if let Some(message) = region_problem(entity.region.as_deref(), entity.country.as_deref()) {
            return Err(Error::BadRecord {
                loc,
                field: "region".into(),
                message,
            });
        }
        let head = Head {
            etype: &entity.etype,
            canonical: &entity.canonical,
            prior: entity.prior,
            country: entity.country.as_deref(),
            region: entity.region.as_deref(),
        };
        self.merge_head(&id, &head, &loc)?;
        let i = self.by_id[&id];
        for alias in entity.aliases {
            self.entities[i].add_alias(alias);
        }
        Ok(())
    }

    /// Records `id` with its canonical name, type, prior and country,
    /// checking them against what earlier rows said. Returns the entity's
    /// position.
    fn merge_head(&mut self, id: &str, head: &Head<'_>, loc: &Loc) -> crate::Result<usize> {
        let Head {
            etype,
            canonical,
            prior,
            country,
            region,
        } = *head;
        if let Some(&i) = self.by_id.get(id) {
            let e = &mut self.entities[i];
            let o = &mut self.origins[i];
            if e.canonical != canonical {
                return Err(Error::Conflict {
                    id: id.to_string(),
                    field: "canonical",
                    first: o.canonical.clone(),
                    first_value: e.canonical.clone(),
                    second: loc.clone(),
                    second_value: canonical.to_string(),
                });
            }
            if !etype.is_empty() {
                match &o.etype {
                    Some(first) if e.etype != etype => {
                        return Err(Error::Conflict {
                            id: id.to_string(),
                            field: "type",
                            first: first.clone(),
                            first_value: e.etype.clone(),
                            second: loc.clone(),
                            second_value: etype.to_string(),
                        })
                    }
                    Some(_) => {}
                    None => {
                        e.etype = etype.to_string();
                        o.etype = Some(loc.clone());
                    }
                }
            }
            if let Some(p) = prior {
                merge_optional(id, "prior", &mut e.prior, &mut o.prior, p, loc)?;
            }
            if let Some(cc) = country {
                merge_optional(
                    id,
                    "country",
                    &mut e.country,
                    &mut o.country,
                    cc.to_string(),
                    loc,
                )?;
            }
            if let Some(r) = region {
                merge_optional(
                    id,
                    "region",
                    &mut e.region,
                    &mut o.region,
                    r.to_string(),
                    loc,
                )?;
            }
            return Ok(i);
        }
        let i = self.entities.len();
        let mut entity = Entity::new(id, etype, canonical);
        entity.prior = prior;
        entity.country = country.map(str::to_string);
        entity.region = region.map(str::to_string);
        self.entities.push(entity);
        self.origins.push(Origins {
            canonical: loc.clone(),
            etype: (!etype.is_empty()).then(|| loc.clone()),
            prior: prior.map(|_| loc.clone()),
            country: country.map(|_| loc.clone()),
            region: region.map(|_| loc.clone()),
        });
        self.by_id.insert(id.to_string(), i);
        Ok(i)
    }

    /// The entities, in the order they were first seen.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Mutable access to the entities (IDs must not be changed).
    pub fn entities_mut(&mut self) -> &mut [Entity] {
        &mut self.entities
    }

    /// The entity with this ID.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entities.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The files (or names) this lexicon was read from, in order.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Records a source name (done by the readers).
    pub fn add_source(&mut self, name: impl Into<String>) {
        self.sources.push(name.into());
    }

    /// Writes the alias table CSV (`id,canonical,alias,type,lang,script,kind,prior,scheme,country,region`),
    /// entities sorted by ID, the canonical name first in each. Generated
    /// variants are written only when `generated` is true.
    pub fn export_csv<W: std::io::Write>(&self, out: W, generated: bool) -> std::io::Result<()> {
        let mut order: Vec<&Entity> = self.entities.iter().collect();
        order.sort_by(|a, b| a.id.cmp(&b.id));
        let mut w = write::AliasTableWriter::new(out)?;
        for e in order {
            for a in &e.aliases {
                if a.is_generated() && !generated {
                    continue;
                }
                w.row(&write::Row {
                    id: &e.id,
                    canonical: &e.canonical,
                    alias: &a.text,
                    etype: &e.etype,
                    lang: a.lang.as_deref().unwrap_or(""),
                    script: a.script.as_deref().unwrap_or(""),
                    kind: a.kind,
                    prior: e.prior,
                    scheme: a.scheme.as_deref().unwrap_or(""),
                    country: e.country.as_deref().unwrap_or(""),
                    region: e.region.as_deref().unwrap_or(""),
                })?;
            }
        }
        w.finish()
    }
}
