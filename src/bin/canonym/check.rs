//! `canonym check`: validate lexicons without building.

use crate::common;
use anyhow::Result;
use canonym::index::build::{collisions, prepare};
use canonym::index::BuildOptions;
use canonym::lexicon::{Lexicon, LoadOptions};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Keep reading past bad records (they are still reported as errors).
    #[arg(long)]
    lenient: bool,
    /// List at most this many collisions (0: all).
    #[arg(long, default_value_t = 0, value_name = "N")]
    max_collisions: usize,
    /// Lexicon CSV files, or directories of them.
    #[arg(value_name = "LEXICON", required = true)]
    lexicons: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let files = common::lexicon_files(&args.lexicons)?;
    // Always read on to find every problem; `--lenient` only changes the wording.
    let (lexicon, report) = Lexicon::load(&files, &LoadOptions { lenient: true })?;
    for p in &report.errors {
        writeln!(out, "error: {}", p.error)?;
    }
    let entities = prepare(&lexicon, &BuildOptions { variants: false });
    let mut unmatchable = 0;
    for e in &entities {
        for a in &e.aliases {
            if canonym::key(&a.text).is_empty() {
                unmatchable += 1;
                writeln!(
                    out,
                    "warning: {}: alias `{}` has an empty key and can never match",
                    e.id, a.text
                )?;
            }
        }
    }
    let coll = collisions(&entities);
    let shown = if args.max_collisions == 0 {
        coll.len()
    } else {
        args.max_collisions.min(coll.len())
    };
    for c in &coll[..shown] {
        writeln!(
            out,
            "warning: key `{}` is shared by {}",
            c.key,
            c.ids.join(", ")
        )?;
    }
    if shown < coll.len() {
        writeln!(out, "warning: … and {} more collisions", coll.len() - shown)?;
    }
    writeln!(out,
        "{} file(s), {} record(s), {} entities: {} error(s), {} collision(s), {} unmatchable alias(es)",
        files.len(),
        report.records,
        lexicon.len(),
        report.errors.len(),
        coll.len(),
        unmatchable
    )?;
    let _ = args.lenient;
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}
