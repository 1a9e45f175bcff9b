//! Printers over [`Mention`]s: replace, annotate, spans (JSON Lines, CSV).
//!
//! Every printer works on one chunk of a document at a time: the chunk's
//! bytes, the document offset of its first byte (`base`), and the mentions
//! inside it (document offsets, in text order, as the scanner reports them).
//! Bytes outside mentions — invalid UTF-8 included — are copied untouched.
//!
//! * [`write_replace`]: each mention replaced by its entity's canonical name.
//! * [`write_annotate`]: each mention wrapped as `[[surface|id]]`. To keep
//!   that unambiguous, the characters `\`, `[` and `]` of the input are
//!   written `\\`, `\[`, `\]` everywhere, and inside the markup `|` is
//!   written `\|`. [`strip_annotations`] undoes it exactly: stripping
//!   annotate's output gives back the input byte for byte.
//! * [`SpanJson`] and [`SpanCsv`]: one row per mention with the columns
//!   `file, start, end, byte_start, byte_end, surface, id, canonical, type,
//!   score, method, ambiguous` (code-point offsets in `start`/`end`).
//!
//! JSON is written by this module's own escaper ([`json_string`]) so that
//! the library does not depend on `serde_json`, which only the command-line
//! tool needs.
//!
//! ```
//! use canonym::{Alias, Entity, Index, Lexicon};
//! use canonym::print::{strip_annotations, write_annotate, write_replace};
//! use canonym::scan::Scanner;
//!
//! let mut lexicon = Lexicon::new();
//! let mut kyiv = Entity::new("geonames:703448", "GPE", "Kyiv");
//! kyiv.add_alias(Alias::new("Kiev"));
//! lexicon.add_entity(kyiv).unwrap();
//! let index = Index::build(&lexicon, &Default::default()).unwrap();
//! let text = "Kiev [sic] said";
//! let found = Scanner::new(&index).scan_str(text);
//!
//! let mut out = Vec::new();
//! write_replace(&mut out, &index, text.as_bytes(), 0, &found).unwrap();
//! assert_eq!(out, b"Kyiv [sic] said");
//!
//! let mut out = Vec::new();
//! write_annotate(&mut out, &index, text.as_bytes(), 0, &found).unwrap();
//! assert_eq!(out, b"[[Kiev|geonames:703448]] \\[sic\\] said");
//! assert_eq!(strip_annotations(&out).unwrap(), text.as_bytes());
//! ```

use crate::error::Error;
use crate::index::Index;
use crate::scan::Mention;
use std::io::{self, Write};

fn local(m: &Mention, base: u64, len: usize) -> Option<(usize, usize)> {
    let s = m.byte_start.checked_sub(base)? as usize;
    let e = m.byte_end.checked_sub(base)? as usize;
    (s <= e && e <= len).then_some((s, e))
}

/// Writes `chunk` with every mention replaced by its canonical name.
pub fn write_replace<W: Write + ?Sized>(
    out: &mut W,
    index: &Index,
    chunk: &[u8],
    base: u64,
    mentions: &[Mention],
) -> io::Result<()> {
    let mut at = 0usize;
    for m in mentions {
        let Some((s, e)) = local(m, base, chunk.len()) else {
            continue;
        };
        if s < at {
            continue;
        }
        out.write_all(&chunk[at..s])?;
        out.write_all(index.entity(m.entity).canonical_bytes())?;
        at = e;
    }
    out.write_all(&chunk[at..])
}

fn write_escaped<W: Write + ?Sized>(out: &mut W, bytes: &[u8], pipe: bool) -> io::Result<()> {
    let mut at = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\\' || b == b'[' || b == b']' || (pipe && b == b'|') {
            out.write_all(&bytes[at..i])?;
            out.write_all(&[b'\\', b])?;
            at = i + 1;
        }
    }
    out.write_all(&bytes[at..])
}

/// Writes `chunk` with every mention wrapped as `[[surface|id]]` (see the
/// module documentation for the escaping).
pub fn write_annotate<W: Write + ?Sized>(
    out: &mut W,
    index: &Index,
    chunk: &[u8],
    base: u64,
    mentions: &[Mention],
) -> io::Result<()> {
    let mut at = 0usize;
    for m in mentions {
        let Some((s, e)) = local(m, base, chunk.len()) else {
            continue;
        };
        if s < at {
            continue;
        }
        write_escaped(out, &chunk[at..s], false)?;
        out.write_all(b"[[")?;
        write_escaped(out, &chunk[s..e], true)?;
        out.write_all(b"|")?;
        write_escaped(out, index.entity(m.entity).id_bytes(), true)?;
        out.write_all(b"]]")?;
        at = e;
    }
    write_escaped(out, &chunk[at..], false)
}

/// Removes annotate's markup and escapes, giving back the original bytes.
/// Fails on text annotate cannot have produced, naming the byte offset.
pub fn strip_annotations(input: &[u8]) -> crate::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    let bad = |offset: usize, message: &str| Error::BadAnnotation {
        offset: offset as u64,
        message: message.to_string(),
    };
    let mut i = 0usize;
    let n = input.len();
    while i < n {
        match input[i] {
            b'\\' => {
                let Some(&c) = input.get(i + 1) else {
                    return Err(bad(i, "a backslash at the end of the input"));
                };
                out.push(c);
                i += 2;
            }
            b'[' => {
                if input.get(i + 1) != Some(&b'[') {
                    return Err(bad(i, "an unescaped `[` outside markup"));
                }
                let open = i;
                i += 2;
                // The surface, up to an unescaped `|`.
                loop {
                    match input.get(i) {
                        None => return Err(bad(open, "unterminated markup")),
                        Some(b'\\') => {
                            let Some(&c) = input.get(i + 1) else {
                                return Err(bad(i, "a backslash at the end of the input"));
                            };
                            out.push(c);
                            i += 2;
                        }
                        Some(b'|') => {
                            i += 1;
                            break;
                        }
                        Some(b'[') | Some(b']') => {
                            return Err(bad(i, "an unescaped bracket inside markup"))
                        }
                        Some(&c) => {
                            out.push(c);
                            i += 1;
                        }
                    }
                }
                // The ID, up to `]]`.
                loop {
                    match input.get(i) {
                        None => return Err(bad(open, "unterminated markup")),
                        Some(b'\\') => i += 2,
                        Some(b']') if input.get(i + 1) == Some(&b']') => {
                            i += 2;
                            break;
                        }
                        Some(b'[') | Some(b']') | Some(b'|') => {
                            return Err(bad(i, "an unescaped markup character in an ID"))
                        }
                        Some(_) => i += 1,
                    }
                }
            }
            b']' => return Err(bad(i, "an unescaped `]` outside markup")),
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Appends `s` as a JSON string literal (with quotes) to `out`.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    // Runs that need no escape are copied whole; every byte that starts an
    // escape (`"`, `\\`, a control, the 0xE2 of U+2028/U+2029) starts a
    // character, so the runs end on character boundaries.
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let esc = match x {
            b'"' | b'\\' => true,
            0..=0x1F => true,
            0xE2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)),
            _ => false,
        };
        if !esc {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().unwrap_or_default();
        json_escape_char(out, c);
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// The JSON escape of a character [`json_string`] escapes.
fn json_escape_char(out: &mut String, c: char) {
    use std::fmt::Write as _;
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
    }
}

/// A score rounded to four decimals, for output.
pub fn round_score(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The fields of one mention as printed (strings read through the index).
#[derive(Clone, Debug)]
pub struct SpanRow<'a> {
    /// The surface text.
    pub surface: std::borrow::Cow<'a, str>,
    /// Entity ID.
    pub id: &'a str,
    /// Canonical name.
    pub canonical: &'a str,
    /// Entity type.
    pub etype: &'a str,
}

impl<'a> SpanRow<'a> {
    /// Reads the row of `m`, whose surface is `chunk[.. ]` at document
    /// offset `base`.
    pub fn new(index: &'a Index, chunk: &'a [u8], base: u64, m: &Mention) -> SpanRow<'a> {
        let surface = local(m, base, chunk.len())
            .map(|(s, e)| String::from_utf8_lossy(&chunk[s..e]))
            .unwrap_or_default();
        let e = index.entity(m.entity);
        SpanRow {
            surface,
            id: e.id(),
            canonical: e.canonical(),
            etype: e.etype(),
        }
    }
}

/// Appends one mention as a JSON object (no newline) to `out`; `file` is
/// written first when given.
pub fn span_json(
    out: &mut String,
    index: &Index,
    file: Option<&str>,
    chunk: &[u8],
    base: u64,
    m: &Mention,
) {
    use std::fmt::Write as _;
    let row = SpanRow::new(index, chunk, base, m);
    out.push('{');
    if let Some(f) = file {
        out.push_str("\"file\":");
        json_string(out, f);
        out.push(',');
    }
    let _ = write!(
        out,
        "\"start\":{},\"end\":{},\"byte_start\":{},\"byte_end\":{},\"surface\":",
        m.start, m.end, m.byte_start, m.byte_end
    );
    json_string(out, &row.surface);
    out.push_str(",\"id\":");
    json_string(out, row.id);
    out.push_str(",\"canonical\":");
    json_string(out, row.canonical);
    out.push_str(",\"type\":");
    json_string(out, row.etype);
    let _ = write!(
        out,
        ",\"score\":{},\"method\":\"{}\",\"ambiguous\":{}}}",
        round_score(m.score),
        m.method.as_str(),
        m.ambiguous
    );
}

/// Writes spans as JSON Lines, one object per mention.
pub struct SpanJson<W: Write> {
    out: W,
    line: String,
}

impl<W: Write> SpanJson<W> {
    /// A writer over `out`.
    pub fn new(out: W) -> SpanJson<W> {
        SpanJson {
            out,
            line: String::new(),
        }
    }

    /// Writes the mentions of one chunk.
    pub fn write(
        &mut self,
        index: &Index,
        file: &str,
        chunk: &[u8],
        base: u64,
        mentions: &[Mention],
    ) -> io::Result<()> {
        for m in mentions {
            self.line.clear();
            span_json(&mut self.line, index, Some(file), chunk, base, m);
            self.line.push('\n');
            self.out.write_all(self.line.as_bytes())?;
        }
        Ok(())
    }

    /// Flushes and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The CSV header of span output.
pub const SPAN_COLUMNS: [&str; 12] = [
    "file",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "surface",
    "id",
    "canonical",
    "type",
    "score",
    "method",
    "ambiguous",
];

/// Writes spans as CSV with a header row ([`SPAN_COLUMNS`]).
pub struct SpanCsv<W: Write> {
    w: csv::Writer<W>,
}

impl<W: Write> SpanCsv<W> {
    /// A writer over `out`; writes the header.
    pub fn new(out: W) -> io::Result<SpanCsv<W>> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(SPAN_COLUMNS).map_err(io::Error::other)?;
        Ok(SpanCsv { w })
    }

    /// Writes the mentions of one chunk.
    pub fn write(
        &mut self,
        index: &Index,
        file: &str,
        chunk: &[u8],
        base: u64,
        mentions: &[Mention],
    ) -> io::Result<()> {
        for m in mentions {
            let row = SpanRow::new(index, chunk, base, m);
            self.w
                .write_record([
                    file,
                    &m.start.to_string(),
                    &m.end.to_string(),
                    &m.byte_start.to_string(),
                    &m.byte_end.to_string(),
                    &row.surface,
                    row.id,
                    row.canonical,
                    row.etype,
                    &round_score(m.score).to_string(),
                    m.method.as_str(),
                    if m.ambiguous { "true" } else { "false" },
                ])
                .map_err(io::Error::other)?;
        }
        Ok(())
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> io::Result<W> {
        self.w.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    /// The escape character by character, as [`super::json_string`] did
    /// before it copied runs.
    fn reference(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn json_string_matches_char_by_char_escape() {
        // Every pair and triple of interesting characters, including those
        // that share the 0xE2 0x80 prefix with U+2028/U+2029.
        let alphabet = [
            "a",
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u{0}",
            "\u{1f}",
            "\u{7f}",
            "\u{2028}",
            "\u{2029}",
            "\u{2027}",
            "\u{202a}",
            "\u{2014}",
            "\u{20ac}",
            "é",
            "Харків",
            "日本",
            "😀",
            " ",
        ];
        let mut cases = vec![String::new()];
        for a in alphabet {
            cases.push(a.to_string());
            for b in alphabet {
                cases.push(format!("{a}{b}"));
                for c in alphabet {
                    cases.push(format!("{a}{b}{c}"));
                }
            }
        }
        for s in cases {
            let mut got = String::from("x");
            super::json_string(&mut got, &s);
            assert_eq!(&got[1..], reference(&s), "{s:?}");
        }
    }
}
