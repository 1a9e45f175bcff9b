//! The alias-table CSV writer shared by lexicon and index export.

use super::AliasKind;

/// The header that `export` writes; also a valid alias-table lexicon header.
pub const ALIAS_TABLE_HEADER: [&str; 11] = [
    "id",
    "canonical",
    "alias",
    "type",
    "lang",
    "script",
    "kind",
    "prior",
    "scheme",
    "country",
    "region",
];

/// One row of the alias table.
#[derive(Debug)]
pub struct Row<'a> {
    /// Entity ID.
    pub id: &'a str,
    /// Canonical name.
    pub canonical: &'a str,
    /// The alias.
    pub alias: &'a str,
    /// Entity type.
    pub etype: &'a str,
    /// Language tag or empty.
    pub lang: &'a str,
    /// Script code or empty.
    pub script: &'a str,
    /// Alias kind.
    pub kind: AliasKind,
    /// Entity prior.
    pub prior: Option<f64>,
    /// Generating scheme or empty.
    pub scheme: &'a str,
    /// Entity country code or empty.
    pub country: &'a str,
    /// Entity region code (ISO 3166-2) or empty.
    pub region: &'a str,
}

/// Writes alias-table rows as CSV.
pub struct AliasTableWriter<W: std::io::Write> {
    w: csv::Writer<W>,
    prior_buf: String,
}

impl<W: std::io::Write> AliasTableWriter<W> {
    /// Writes the header.
    pub fn new(out: W) -> std::io::Result<Self> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        w.write_record(ALIAS_TABLE_HEADER).map_err(into_io)?;
        Ok(AliasTableWriter {
            w,
            prior_buf: String::new(),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, r: &Row<'_>) -> std::io::Result<()> {
        use std::fmt::Write as _;
        self.prior_buf.clear();
        if let Some(p) = r.prior {
            let _ = write!(self.prior_buf, "{p}");
        }
        self.w
            .write_record([
                r.id,
                r.canonical,
                r.alias,
                r.etype,
                r.lang,
                r.script,
                r.kind.as_str(),
                &self.prior_buf,
                r.scheme,
                r.country,
                r.region,
            ])
            .map_err(into_io)
    }

    /// Flushes the output.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}
