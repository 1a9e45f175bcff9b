//! `canonym build`: compile lexicons into an index file.

use crate::common;
use anyhow::{bail, Result};
use canonym::index::{build_bytes, BuildOptions};
use canonym::lexicon::{Lexicon, LoadOptions};
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
    println!("entities\t{}", stats.entities);
    println!(
        "aliases\t{}\t({} generated)",
        stats.aliases, stats.generated
    );
    println!("keys\t{}", stats.keys);
    println!("collisions\t{}", stats.collisions);
    if stats.empty_keys > 0 {
        println!(
            "unmatchable\t{}\t(aliases with an empty key)",
            stats.empty_keys
        );
    }
    println!(
        "size\t{}\t({})",
        stats.bytes,
        common::human_bytes(stats.bytes)
    );
    println!("wrote\t{}", args.output.display());
    Ok(0)
}
