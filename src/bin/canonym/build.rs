//! `canonym build`: compile lexicons into an index file.

use crate::common;
use anyhow::{bail, Result};
use canonym::index::{build_bytes, BuildOptions};
use canonym::lexicon::{Lexicon, LoadOptions};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The index file to write (replaced atomically).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    output: PathBuf,
    /// Skip malformed records (each is reported) instead of failing.
    #[arg(long)]
    lenient: bool,
    /// Do not generate index-time variants (romanizations, acronyms).
    #[arg(long)]
    no_variants: bool,
    /// Lexicon CSV files, or directories of them.
    #[arg(value_name = "LEXICON", required = true)]
    lexicons: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let files = common::lexicon_files(&args.lexicons)?;
    let opts = LoadOptions {
        lenient: args.lenient,
    };
    let (lexicon, report) = Lexicon::load(&files, &opts)?;
    if !report.errors.is_empty() {
        if !args.lenient {
            bail!("{}", report.errors[0].error);
        }
        for p in &report.errors {
            eprintln!("canonym: skipped: {}", p.error);
        }
        eprintln!("canonym: {} bad record(s) skipped", report.errors.len());
    }
    let build = BuildOptions {
        variants: !args.no_variants,
    };
    let (bytes, stats) = build_bytes(&lexicon, &build)?;
    canonym::atomic::write_atomic(&args.output, &bytes)?;
    writeln!(out, "entities\t{}", stats.entities)?;
    writeln!(
        out,
        "aliases\t{}\t({} generated)",
        stats.aliases, stats.generated
    )?;
    writeln!(out, "keys\t{}", stats.keys)?;
    writeln!(out, "collisions\t{}", stats.collisions)?;
    if stats.empty_keys > 0 {
        writeln!(
            out,
            "unmatchable\t{}\t(aliases with an empty key)",
            stats.empty_keys
        )?;
    }
    writeln!(
        out,
        "size\t{}\t({})",
        stats.bytes,
        common::human_bytes(stats.bytes)
    )?;
    writeln!(out, "wrote\t{}", args.output.display())?;
    Ok(0)
}
