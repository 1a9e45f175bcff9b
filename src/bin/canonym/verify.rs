//! `canonym verify`: check a whole index file.

use crate::common;
use anyhow::{bail, Result};
use canonym::{LookupOptions, Scratch};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Index file (default: the embedded default index).
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // Opening checks the header, every section checksum and every offset.
    let index = common::load_index(args.index.as_deref())?;
    // Then the deep checks: key ordinals, every alias posted under its key.
    index.verify()?;
    // And every alias must resolve to its own entity through lookup.
    let mut scratch = Scratch::new();
    let mut found = Vec::new();
    let opts = LookupOptions {
        top: usize::MAX,
        min_score: 0.0,
        fuzzy: false,
        wide: false,
    };
    let mut unresolved = 0u64;
    for a in index.aliases() {
        if canonym::key(a.text()).is_empty() {
            continue;
        }
        index.lookup_into(a.text(), &opts, &mut scratch, &mut found);
        if !found.iter().any(|c| c.entity == a.entity().number()) {
            unresolved += 1;
            if unresolved <= 10 {
                eprintln!(
                    "canonym: alias `{}` does not resolve to {}",
                    a.text(),
                    a.entity().id()
                );
            }
        }
    }
    if unresolved > 0 {
        bail!(
            "{}: {unresolved} alias(es) do not resolve to their entity",
            index.name().display()
        );
    }
    writeln!(
        out,
        "ok\t{}\t{} entities, {} aliases, {} keys, {} bytes",
        index.name().display(),
        index.entity_count(),
        index.alias_count(),
        index.key_count(),
        index.byte_size()
    )?;
    Ok(0)
}
