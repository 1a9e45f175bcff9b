//! Helpers shared by the subcommands: loading an index, expanding lexicon
//! paths, opening outputs.

use anyhow::{Context, Result};
use canonym::Index;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Opens `--index FILE`, or the embedded default index when none is given.
pub fn load_index(path: Option<&Path>) -> Result<Index> {
    Ok(match path {
        Some(p) => Index::open(p)?,
        None => Index::embedded().context("the embedded default index")?,
    })
}

/// Expands lexicon arguments: files as given, directories to the `*.csv`
/// files directly inside them (sorted).
pub fn lexicon_files(args: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for a in args {
        if a.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(a)
                .with_context(|| format!("{}", a.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv"))
                })
                .collect();
            if found.is_empty() {
                anyhow::bail!("{}: directory holds no .csv lexicon files", a.display());
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(a.clone());
        }
    }
    Ok(out)
}

/// Standard output, or a file created atomically when `-o` is given.
pub fn with_output(
    path: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        Some(p) if p != Path::new("-") => {
            canonym::atomic::write_atomic_with(p, |w| f(w))?;
        }
        _ => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            f(&mut lock)?;
            lock.flush()?;
        }
    }
    Ok(())
}

/// Whether an error is a closed pipe (`canonym … | head`): not worth a message.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let io = c.downcast_ref::<std::io::Error>().or_else(|| {
            match c.downcast_ref::<canonym::Error>() {
                Some(canonym::Error::Io { error, .. }) => Some(error),
                _ => None,
            }
        });
        io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Human-readable byte count.
pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

/// An error from inside an output callback as an I/O error, keeping a closed
/// pipe recognizable.
pub fn to_io(e: anyhow::Error) -> std::io::Error {
    if is_broken_pipe(&e) {
        std::io::ErrorKind::BrokenPipe.into()
    } else {
        std::io::Error::other(format!("{e:#}"))
    }
}
