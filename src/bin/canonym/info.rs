//! `canonym info`: what an index holds.

use crate::common;
use anyhow::Result;
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
    let index = common::load_index(args.index.as_deref())?;
    let generated = index.aliases().filter(|a| a.is_generated()).count();
    writeln!(out, "index\t{}", index.name().display())?;
    writeln!(out, "format\tversion {}", index.version())?;
    writeln!(
        out,
        "size\t{}\t({})",
        index.byte_size(),
        common::human_bytes(index.byte_size() as u64)
    )?;
    writeln!(out, "entities\t{}", index.entity_count())?;
    writeln!(
        out,
        "aliases\t{}\t({generated} generated)",
        index.alias_count()
    )?;
    writeln!(out, "keys\t{}", index.key_count())?;
    let mut types: std::collections::BTreeMap<&str, u64> = Default::default();
    for e in index.entities() {
        *types.entry(e.etype()).or_default() += 1;
    }
    for (t, n) in types {
        writeln!(
            out,
            "type\t{}\t{n}",
            if t.is_empty() { "(none)" } else { t }
        )?;
    }
    for (k, v) in index.metadata() {
        if k == "source" || k == "builder" {
            writeln!(out, "{k}\t{v}")?;
        }
    }
    Ok(0)
}
