//! The `canonym` command-line tool. It parses flags, validates them into
//! the library's configuration, and prints; all matching logic lives in the
//! library.

mod build;
mod check;
mod common;
mod eval;
mod export;
mod info;
mod lookup;
mod normalize;
mod translit;
mod verify;

use clap::{Parser, Subcommand};

/// Turn the many spellings of a name into one stable ID.
#[derive(Parser)]
#[command(name = "canonym", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile lexicon files (or directories of them) into an index file.
    Build(build::Args),
    /// Look names up: from arguments, or one per line from standard input.
    Lookup(lookup::Args),
    /// Write the alias table of an index as CSV.
    Export(export::Args),
    /// Validate lexicon files without building; list collisions as warnings.
    Check(check::Args),
    /// Show an index's counts, size, format version and sources.
    Info(info::Args),
    /// Romanize text: one scheme, or every variant indexing generates.
    Translit(translit::Args),
    /// Check a whole index file: structure, checksums, every alias resolvable.
    Verify(verify::Args),
    /// Find every mention in text: replace it, annotate it, or list it.
    Normalize(normalize::Args),
    /// Score normalize against gold mentions: precision, recall, F1.
    Eval(eval::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => build::run(a),
        Command::Lookup(a) => lookup::run(a),
        Command::Export(a) => export::run(a),
        Command::Check(a) => check::run(a),
        Command::Info(a) => info::run(a),
        Command::Verify(a) => verify::run(a),
        Command::Translit(a) => translit::run(a),
        Command::Normalize(a) => normalize::run(a),
        Command::Eval(a) => eval::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            if common::is_broken_pipe(&e) {
                std::process::exit(0);
            }
            eprintln!("canonym: error: {e:#}");
            std::process::exit(2);
        }
    }
}
