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
    country: Option<usize>,
    region: Option<usize>,
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

/// Where a CSV parse stands after the bytes seen so far (RFC 4180 as the
/// `csv` crate reads it: a field opening with `"` runs to the matching
/// unescaped `"`, across line breaks).
#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// A reader that watches the bytes the CSV parser reads, so that a quoted
/// field still open at the end of the file (which the `csv` crate accepts
/// silently, swallowing every following row into one field) is reported.
struct QuoteTracker<R> {
    inner: R,
    state: QuoteState,
    /// Byte offset and 1-based line of the `"` that opened the current
    /// quoted field.
    opened: (u64, u64),
    offset: u64,
    line: u64,
    eof: bool,
    /// The last byte was a `\r` (a `\n` right after it ends no new line).
    prev_cr: bool,
    /// Line ends (first and last byte of `\n`, `\r\n` or `\r`) read but
    /// not yet passed by [`Self::line_at`].
    line_ends: std::collections::VecDeque<(u64, u64)>,
    /// Line ends before the last position asked about.
    lines_passed: u64,
}

impl<R> QuoteTracker<R> {
    fn new(inner: R) -> Self {
        QuoteTracker {
            inner,
            state: QuoteState::FieldStart,
            opened: (0, 1),
            offset: 0,
            line: 1,
            eof: false,
            prev_cr: false,
            line_ends: Default::default(),
            lines_passed: 0,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        use QuoteState::*;
        for &b in bytes {
            self.state = match (self.state, b) {
                (FieldStart, b'"') => {
                    self.opened = (self.offset, self.line);
                    Quoted
                }
                (FieldStart | Unquoted | QuoteInQuoted, b',' | b'\n' | b'\r') => FieldStart,
                (FieldStart | Unquoted, _) => Unquoted,
                (Quoted, b'"') => QuoteInQuoted,
                (Quoted, _) => Quoted,
                (QuoteInQuoted, b'"') => Quoted,
                (QuoteInQuoted, _) => Unquoted,
            };
            // Line ends as the `csv` crate reads them: `\n`, `\r\n`, lone `\r`.
            if b == b'\r' || (b == b'\n' && !self.prev_cr) {
                self.line += 1;
                self.line_ends.push_back((self.offset, self.offset));
            } else if b == b'\n' {
                if let Some(last) = self.line_ends.back_mut() {
                    last.1 = self.offset;
                }
            }
            self.prev_cr = b == b'\r';
            self.offset += 1;
        }
    }

    /// The 1-based line of byte offset `at`. Offsets must be asked in
    /// increasing order (records come in file order); line ends before
    /// them are forgotten, so memory stays bounded by the read-ahead.
    /// The `csv` crate may give a record's position inside the line end
    /// before it (the `\n` of a `\r\n`) or before blank lines it skips,
    /// so line ends at or around `at` are passed too.
    fn line_at(&mut self, mut at: u64) -> u64 {
        while let Some(&(start, end)) = self.line_ends.front() {
            if start > at {
                break;
            }
            self.line_ends.pop_front();
            self.lines_passed += 1;
            at = at.max(end + 1);
        }
        self.lines_passed + 1
    }

    /// At the end of the input with a quoted field still open: the byte
    /// offset and line of its opening quote.
    fn unterminated(&self) -> Option<(u64, u64)> {
        (self.eof && self.state == QuoteState::Quoted).then_some(self.opened)
    }
}

impl<R: std::io::Read> std::io::Read for QuoteTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.feed(&buf[..n]);
        Ok(n)
    }
}

/// The error for a quoted field left open at the end of the file.
fn unterminated_quote(path: &Path, line: u64, what: &str) -> Error {
    bad(
        path,
        line,
        what,
        "unterminated quoted field: the `\"` opened here is never closed, \
         so the rest of the file would be read as one field",
    )
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
        .from_reader(QuoteTracker::new(reader));
    let mut record = csv::ByteRecord::new();
    let header = match rdr.read_byte_record(&mut record) {
        Ok(true) => {
            if let Some((_, line)) = rdr.get_ref().unterminated() {
                report.errors.push(Problem {
                    error: unterminated_quote(path, line, "header"),
                });
                return;
            }
            record.clone()
        }
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
        // The line from the record's byte offset: the `csv` crate's own
        // line count is off by one per `\r\n` in files with CRLF line ends.
        let line = match record.position() {
            Some(p) => rdr.get_mut().line_at(p.byte()),
            None => 0,
        };
        // A quote left open swallows the rest of the file into this record:
        // it is the last one, and is reported instead of being read.
        if let Some((at, quote_line)) = rdr.get_ref().unterminated() {
            let start = record.position().map(|p| p.byte()).unwrap_or(0);
            if at >= start {
                report.records += 1;
                report.errors.push(Problem {
                    error: unterminated_quote(path, quote_line, "record"),
                });
                return;
            }
        }
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
        "country",
        "region",
    ];
    if let Some(unknown) = names.iter().find(|n| !known.contains(&n.as_str())) {
        return Err(bad_header(format!(
            "unknown column `{unknown}` (entity form: id,type,canonical,aliases[,prior,country,region]; \
             alias-table form: id,canonical,alias[,type,lang,script,kind,prior,scheme,country,region])"
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
    cols.country = find("country");
    cols.region = find("region");
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
                    format!("`{}` is not a non-negative number", crate::error::shown(s)),
                ))
            }
        },
    };
    let country = match cols.country.map(|i| f[i].trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(cc) if super::valid_country(cc) => Some(cc),
        Some(cc) => {
            return Err(bad(
                path,
                line,
                "country",
                format!(
                    "`{}` is not a two-letter country code (ISO 3166-1 alpha-2, upper case)",
                    crate::error::shown(cc)
                ),
            ))
        }
    };
    let region = cols.region.map(|i| f[i].trim()).filter(|s| !s.is_empty());
    if let Some(message) = super::region_problem(region, country) {
        return Err(bad(path, line, "region", message));
    }
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
    let head = super::Head {
        etype,
        canonical,
        prior,
        country,
        region,
    };
    let i = lexicon.merge_head(id, &head, &loc)?;
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
