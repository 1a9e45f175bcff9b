//! `canonym lookup`: names in, ranked candidates out.

use crate::common;
use anyhow::{bail, Result};
use canonym::{Candidate, Index, LookupOptions, Scratch};
use serde::Serialize;
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Tab-separated: query, rank, id, canonical, type, alias, score, method.
    Tsv,
    /// One JSON object per query: {"query", "candidates": [...]}.
    Jsonl,
}

#[derive(clap::Args)]
pub struct Args {
    /// Index file (default: the embedded default index).
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
    /// At most this many candidates per query.
    #[arg(long, default_value_t = 5, value_name = "K")]
    top: usize,
    /// Drop candidates scoring below this (0 to 1).
    #[arg(long, default_value_t = 0.0, value_name = "SCORE")]
    min_score: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "tsv")]
    format: Format,
    /// Queries; one per line from standard input when none are given.
    #[arg(value_name = "QUERY")]
    queries: Vec<String>,
}

#[derive(Serialize)]
struct JsonCandidate<'a> {
    id: &'a str,
    canonical: &'a str,
    #[serde(rename = "type")]
    etype: &'a str,
    alias: &'a str,
    score: f64,
    method: &'a str,
    ambiguous: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheme: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    query: &'a str,
    candidates: Vec<JsonCandidate<'a>>,
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

struct Printer<'i, W: Write> {
    index: &'i Index,
    format: Format,
    out: W,
}

impl<W: Write> Printer<'_, W> {
    fn header(&mut self) -> std::io::Result<()> {
        if let Format::Tsv = self.format {
            writeln!(
                self.out,
                "query\trank\tid\tcanonical\ttype\talias\tscore\tmethod"
            )?;
        }
        Ok(())
    }

    fn print(&mut self, query: &str, found: &[Candidate]) -> std::io::Result<()> {
        let index = self.index;
        match self.format {
            Format::Jsonl => {
                let line = JsonLine {
                    query,
                    candidates: found
                        .iter()
                        .map(|c| {
                            let e = index.entity(c.entity);
                            let a = index.alias(c.alias);
                            JsonCandidate {
                                id: e.id(),
                                canonical: e.canonical(),
                                etype: e.etype(),
                                alias: a.text(),
                                score: round4(c.score),
                                method: c.method.as_str(),
                                ambiguous: c.ambiguous,
                                scheme: c.query_scheme.or(a.scheme()),
                            }
                        })
                        .collect(),
                };
                serde_json::to_writer(&mut self.out, &line)?;
                writeln!(self.out)
            }
            Format::Tsv => {
                let q = clean(query);
                if found.is_empty() {
                    return writeln!(self.out, "{q}\t0\t\t\t\t\t\t");
                }
                for (rank, c) in found.iter().enumerate() {
                    let e = index.entity(c.entity);
                    writeln!(
                        self.out,
                        "{q}\t{}\t{}\t{}\t{}\t{}\t{:.4}\t{}",
                        rank + 1,
                        clean(e.id()),
                        clean(e.canonical()),
                        clean(e.etype()),
                        clean(index.alias(c.alias).text()),
                        c.score,
                        c.method
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Tabs and newlines would break TSV columns: shown as spaces.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

pub fn run(args: Args) -> Result<i32> {
    if !(0.0..=1.0).contains(&args.min_score) {
        bail!(
            "--min-score must be between 0 and 1, got {}",
            args.min_score
        );
    }
    if args.top == 0 {
        bail!("--top must be at least 1");
    }
    let index = common::load_index(args.index.as_deref())?;
    let opts = LookupOptions {
        top: args.top,
        min_score: args.min_score,
    };
    let stdout = std::io::stdout();
    let mut p = Printer {
        index: &index,
        format: args.format,
        out: std::io::BufWriter::new(stdout.lock()),
    };
    p.header()?;
    let mut scratch = Scratch::new();
    let mut found = Vec::new();
    if args.queries.is_empty() {
        let stdin = std::io::stdin();
        let mut line = Vec::new();
        let mut input = stdin.lock();
        let mut n = 0u64;
        loop {
            line.clear();
            if input.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            n += 1;
            let text = String::from_utf8_lossy(&line);
            let q = text.trim_end_matches(['\n', '\r']);
            if text.contains('\u{FFFD}') && std::str::from_utf8(&line).is_err() {
                eprintln!("canonym: warning: <stdin>:{n}: invalid UTF-8 replaced by U+FFFD");
            }
            index.lookup_into(q, &opts, &mut scratch, &mut found);
            p.print(q, &found)?;
            // Answer each line as it comes, so a co-process can use one
            // `canonym lookup` as a service.
            p.out.flush()?;
        }
    } else {
        for q in &args.queries {
            index.lookup_into(q, &opts, &mut scratch, &mut found);
            p.print(q, &found)?;
        }
    }
    p.out.flush()?;
    Ok(0)
}
