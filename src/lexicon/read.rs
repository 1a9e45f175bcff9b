//! CSV lexicon reading: header detection, field validation, merging.

use super::{Alias, AliasKind, Lexicon};
use crate::error::{Error, Loc};
use std::path::Path;

/// How strictly lexicon files are read.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Skip bad records (counting and reporting them) instead of failing.
    pub lenient: bool,
}

/// A problem found while reading, with its place.
#[derive(Debug)]
pub struct Problem {
    /// The error (its message names file, line and field).
    pub error: Error,
}

/// What reading found besides the entities.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// Records that could not be used (in lenient mode they were skipped).
    pub errors: Vec<Problem>,
    /// Records read.
    pub records: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Entity,
    AliasTable,
}

/// Column positions of one file.
#[derive(Default)]
struct Columns {
    id: usize,
    canonical: usize,
    alias: usize,
    aliases: usize,
    etype: Option<usize>,
    lang: Option<usize>,
    script: Option<usize>,
    kind: Option<usize>,
    prior: Option<usize>,
    scheme: Option<usize>,
    width: usize,
}

pub(super) fn read_file(
    lexicon: &mut Lexicon,
    path: &Path,
    opts: &LoadOptions,
    report: &mut LoadReport,
) -> crate::Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::IsDirectory { path: path.into() });
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read_csv(lexicon, path, std::io::BufReader::new(file), opts, report);
    Ok(())
}

fn bad(path: &Path, line: u64, field: &str, message: impl Into<String>) -> Error {
    Error::BadRecord {
        loc: Loc {
            path: path.into(),
            line,
        },
        field: field.to_string(),
        message: message.into(),
    }
}

pub(super) fn read_csv<R: std::io::Read>(
    lexicon: &mut Lexicon,
    path: &Path,
    reader: R,
    opts: &LoadOptions,
    report: &mut LoadReport,
) {
    lexicon.add_source(path.display().to_string());
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let header = match rdr.read_byte_record(&mut record) {
        Ok(true) => record.clone(),
        Ok(false) => {
            report.errors.push(Problem {
                error: Error::BadHeader {
                    path: path.into(),
                    message: "empty file: a header row is required".into(),
                },
            });
            return;
        }
        Err(e) => {
            report.errors.push(Problem {
                error: csv_error(path, e, "header"),
            });
            return;
        }
    };
    let (form, cols) = match parse_header(path, &header) {
        Ok(x) => x,
        Err(error) => {
            report.errors.push(Problem { error });
            return;
        }
    };
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let error = csv_error(path, e, "record");
                let fatal = !matches!(error, Error::BadRecord { .. }) || !opts.lenient;
                report.errors.push(Problem { error });
                if fatal {
                    return;
                }
                continue;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.len() == 1 && record[0].is_empty() {
            continue; // a blank line
        }
        report.records += 1;
        let mut fields: Vec<&str> = Vec::with_capacity(cols.width);
        let result = decode_fields(path, line, &header, &record, cols.width, &mut fields)
            .and_then(|()| apply_record(lexicon, path, line, form, &cols, &fields));
        if let Err(error) = result {
            report.errors.push(Problem { error });
            if !opts.lenient {
                return;
            }
        }
    }
}

fn csv_error(path: &Path, e: csv::Error, what: &str) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::io(path, source),
        other => bad(path, line, what, format!("{other:?}")),
    }
}

fn decode_fields<'r>(
    path: &Path,
    line: u64,
    header: &csv::ByteRecord,
    record: &'r csv::ByteRecord,
    width: usize,
    out: &mut Vec<&'r str>,
) -> crate::Result<()> {
    if record.len() != width {
        return Err(bad(
            path,
            line,
            "record",
            format!(
                "expected {width} fields as in the header, found {}",
                record.len()
            ),
        ));
    }
    for (i, raw) in record.iter().enumerate() {
        match std::str::from_utf8(raw) {
            Ok(s) => out.push(s),
            Err(e) => {
                let name = String::from_utf8_lossy(&header[i]).into_owned();
                return Err(bad(
                    path,
                    line,
                    &name,
                    format!("invalid UTF-8 at byte {} of the field", e.valid_up_to()),
                ));
            }
        }
    }
    Ok(())
}

fn parse_header(path: &Path, header: &csv::ByteRecord) -> crate::Result<(Form, Columns)> {
    let bad_header = |message: String| Error::BadHeader {
        path: path.into(),
        message,
    };
    let mut names = Vec::with_capacity(header.len());
    for (i, raw) in header.iter().enumerate() {
        let mut name = std::str::from_utf8(raw)
            .map_err(|_| bad_header(format!("column {} is not valid UTF-8", i + 1)))?;
        if i == 0 {
            name = name.strip_prefix('\u{FEFF}').unwrap_or(name);
        }
        let name = name.trim().to_ascii_lowercase();
        if names.contains(&name) {
            return Err(bad_header(format!("duplicate column `{name}`")));
        }
        names.push(name);
    }
    let find = |n: &str| names.iter().position(|x| x == n);
    let mut cols = Columns {
        width: names.len(),
        ..Columns::default()
    };
    let known = [
        "id",
        "type",
        "canonical",
        "aliases",
        "alias",
        "lang",
        "script",
        "kind",
        "prior",
        "scheme",
    ];
    if let Some(unknown) = names.iter().find(|n| !known.contains(&n.as_str())) {
        return Err(bad_header(format!(
            "unknown column `{unknown}` (entity form: id,type,canonical,aliases[,prior]; \
             alias-table form: id,canonical,alias[,type,lang,script,kind,prior,scheme])"
        )));
    }
    let (Some(id), Some(canonical)) = (find("id"), find("canonical")) else {
        return Err(bad_header(
            "a lexicon needs the columns `id` and `canonical` (entity form: id,type,canonical,aliases; \
             alias-table form: id,canonical,alias,…)"
                .into(),
        ));
    };
    cols.id = id;
    cols.canonical = canonical;
    cols.etype = find("type");
    cols.prior = find("prior");
    match (find("aliases"), find("alias")) {
        (Some(_), Some(_)) => Err(bad_header(
            "both `aliases` (entity form) and `alias` (alias-table form) columns".into(),
        )),
        (Some(aliases), None) => {
            for extra in ["lang", "script", "kind", "scheme"] {
                if find(extra).is_some() {
                    return Err(bad_header(format!(
                        "column `{extra}` belongs to the alias-table form, not the entity form"
                    )));
                }
            }
            if cols.etype.is_none() {
                return Err(bad_header("the entity form needs a `type` column".into()));
            }
            cols.aliases = aliases;
            Ok((Form::Entity, cols))
        }
        (None, Some(alias)) => {
            cols.alias = alias;
            cols.lang = find("lang");
            cols.script = find("script");
            cols.kind = find("kind");
            cols.scheme = find("scheme");
            Ok((Form::AliasTable, cols))
        }
        (None, None) => Err(bad_header(
            "no `aliases` (entity form) or `alias` (alias-table form) column".into(),
        )),
    }
}

fn apply_record(
    lexicon: &mut Lexicon,
    path: &Path,
    line: u64,
    form: Form,
    cols: &Columns,
    f: &[&str],
) -> crate::Result<()> {
    let id = f[cols.id].trim();
    if id.is_empty() {
        return Err(bad(path, line, "id", "empty ID"));
    }
    let canonical = f[cols.canonical].trim();
    if canonical.is_empty() {
        return Err(bad(path, line, "canonical", "empty canonical name"));
    }
    let etype = cols.etype.map(|i| f[i].trim()).unwrap_or("");
    let prior = match cols.prior.map(|i| f[i].trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match s.parse::<f64>() {
            Ok(p) if p.is_finite() && p >= 0.0 => Some(p),
            _ => {
                return Err(bad(
                    path,
                    line,
                    "prior",
                    format!("`{s}` is not a non-negative number"),
                ))
            }
        },
    };
    let opt = |i: Option<usize>| {
        i.map(|i| f[i].trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut aliases = Vec::new();
    match form {
        Form::Entity => {
            for (text, lang) in
                split_aliases(f[cols.aliases]).map_err(|m| bad(path, line, "aliases", m))?
            {
                if text.is_empty() {
                    return Err(bad(path, line, "aliases", "empty alias in the list"));
                }
                let mut a = Alias::new(text);
                a.lang = lang;
                aliases.push(a);
            }
        }
        Form::AliasTable => {
            let text = f[cols.alias].trim();
            if text.is_empty() {
                return Err(bad(path, line, "alias", "empty alias"));
            }
            let mut a = Alias::new(text);
            a.lang = opt(cols.lang);
            a.script = opt(cols.script);
            a.scheme = opt(cols.scheme);
            if let Some(kind) = opt(cols.kind) {
                a.kind = kind
                    .parse::<AliasKind>()
                    .map_err(|m| bad(path, line, "kind", m))?;
            }
            aliases.push(a);
        }
    }
    let loc = Loc {
        path: path.into(),
        line,
    };
    let i = lexicon.merge_head(id, etype, canonical, prior, &loc)?;
    let entity = &mut lexicon.entities[i];
    for a in aliases {
        if a.text == entity.canonical {
            // The canonical row may carry the canonical name's language and kind.
            let first = &mut entity.aliases[0];
            if first.lang.is_none() {
                first.lang = a.lang;
            }
            if first.script.is_none() {
                first.script = a.script;
            }
            if a.kind != AliasKind::Alias {
                first.kind = a.kind;
            }
            continue;
        }
        entity.add_alias(a);
    }
    Ok(())
}

/// Splits an entity-form `aliases` field on unescaped `|`, and each alias on
/// its last unescaped `@` into text and language tag.
pub(crate) fn split_aliases(field: &str) -> Result<Vec<(String, Option<String>)>, String> {
    let mut out = Vec::new();
    if field.trim().is_empty() {
        return Ok(out);
    }
    let mut text = String::new();
    let mut lang: Option<String> = None;
    let mut chars = field.chars();
    let finish = |text: &mut String, lang: &mut Option<String>, out: &mut Vec<_>| {
        let l = lang.take().map(|l: String| l.trim().to_string());
        out.push((text.trim().to_string(), l.filter(|l| !l.is_empty())));
        text.clear();
    };
    while let Some(c) = chars.next() {
        let target = match &mut lang {
            Some(l) => l,
            None => &mut text,
        };
        match c {
            '\\' => match chars.next() {
                Some(e @ ('|' | '@' | '\\')) => target.push(e),
                Some(other) => {
                    return Err(format!("unknown escape `\\{other}` (use \\|, \\@ or \\\\)"))
                }
                None => return Err("a trailing `\\` escapes nothing".into()),
            },
            '|' => finish(&mut text, &mut lang, &mut out),
            '@' => {
                if lang.is_some() {
                    return Err(
                        "two `@` language tags in one alias (escape a literal @ as \\@)".into(),
                    );
                }
                lang = Some(String::new());
            }
            c => target.push(c),
        }
    }
    finish(&mut text, &mut lang, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::split_aliases;

    #[test]
    fn splits_and_unescapes() {
        let v = split_aliases(r"Київ@uk|Kiev|AT\&T|a\|b@en|x\@y").unwrap_err();
        assert!(v.contains("unknown escape"));
        let v = split_aliases(r"Київ@uk|Kiev| a\|b @en|x\@y|c\\").unwrap();
        assert_eq!(
            v,
            vec![
                ("Київ".into(), Some("uk".into())),
                ("Kiev".into(), None),
                ("a|b".into(), Some("en".into())),
                ("x@y".into(), None),
                ("c\\".into(), None),
            ]
        );
        assert!(split_aliases("a@b@c").is_err());
    }
}
