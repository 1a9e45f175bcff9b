//! `canonym export`: the alias table of an index as CSV.

use crate::common;
use anyhow::Result;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Index file (default: the embedded default index).
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
    /// Write here instead of standard output (replaced atomically).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Include variants generated at index time (romanizations, acronyms).
    #[arg(long)]
    generated: bool,
}

pub fn run(args: Args) -> Result<i32> {
    let index = common::load_index(args.index.as_deref())?;
    common::with_output(args.output.as_deref(), |w| {
        index.export_csv(w, args.generated)
    })?;
    Ok(0)
}
