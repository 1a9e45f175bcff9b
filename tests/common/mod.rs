//! Helpers shared by the integration tests: the test data, the shared
//! indexes, a seeded random source, the scanner driven whole or by chunks,
//! and the `canonym` binary run with standard input and golden files.
//! Each test crate uses a subset of them (`mod common;`).

#![allow(dead_code)]

use canonym::scan::{ChunkOptions, Chunker, DocContext, Mention, Prepared, ScanScratch, Scanner};
use canonym::{Candidate, Entity, Index, Lexicon};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The `canonym` binary built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_canonym");

/// The shared news corpus beside the repository (`../shared/corpus`).
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// The shared development lexicon (`../shared/dev/lexicon.csv`).
pub const DEV_LEXICON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/dev/lexicon.csv");

/// A file of `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The corpus' `.txt` files, sorted by path.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// The corpus' `.txt` files as (file name, contents), sorted by path.
pub fn corpus() -> Vec<(String, Vec<u8>)> {
    corpus_files()
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// The embedded default index, opened once per test binary.
pub fn default_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::embedded().unwrap())
}

/// An index whose only name occurs in no test text: replace must be the
/// identity under it.
pub fn empty_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut lexicon = Lexicon::new();
        lexicon
            .add_entity(Entity::new("test:nothing", "GPE", "Qqzxqq Vvwxv"))
            .unwrap();
        Index::build(&lexicon, &Default::default()).unwrap()
    })
}

/// A lookup's candidates as one comparable string: `id|alias|score|method`
/// for each, joined by `;`.
pub fn answer_string(index: &Index, found: &[Candidate]) -> String {
    found
        .iter()
        .map(|c| {
            format!(
                "{}|{}|{:.6}|{}",
                index.entity(c.entity).id(),
                index.alias(c.alias).text(),
                c.score,
                c.method
            )
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// A xorshift64 generator: reproducible "random" points from a fixed seed
/// (which must not be zero).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The mentions `scanner` finds in `bytes` scanned as one document.
pub fn scan_whole(scanner: &Scanner<'_>, bytes: &[u8]) -> Vec<Mention> {
    let mut out = Vec::new();
    scanner.scan_document(bytes, &mut ScanScratch::new(), |m| out.push(*m));
    out
}

/// The mentions the exact scanner of `index` finds in `bytes`, scanned as
/// one document.
pub fn scan(index: &Index, bytes: &[u8]) -> Vec<Mention> {
    scan_whole(&Scanner::new(index), bytes)
}

/// The mentions `scanner` finds in `bytes` fed through the chunker with
/// `opts`, each chunk prepared and resolved in order.
pub fn scan_chunked(scanner: &Scanner<'_>, bytes: &[u8], opts: ChunkOptions) -> Vec<Mention> {
    let mut chunker = Chunker::new(bytes, opts);
    let mut ctx = DocContext::new();
    let mut scratch = ScanScratch::new();
    let mut prepared = Prepared::new();
    let mut out = Vec::new();
    while let Some(chunk) = chunker.next_chunk().unwrap() {
        scanner.prepare(&chunk, &mut prepared);
        scanner.resolve(&chunk, &prepared, &mut ctx, &mut scratch, |m| out.push(*m));
    }
    out
}

/// What a run of the binary gave back.
pub struct Run {
    /// The exit code, -1 when killed by a signal.
    pub code: i32,
    pub stdout: Vec<u8>,
    /// Standard error, invalid UTF-8 replaced.
    pub stderr: String,
}

impl Run {
    /// Standard output as text, invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// How [`run_with`] runs the binary. The default: standard input closed
/// at once, the current directory inherited, no extra checks.
#[derive(Clone, Copy, Default)]
pub struct RunOpts<'a> {
    /// Bytes fed to standard input.
    pub stdin: Option<&'a [u8]>,
    /// The working directory.
    pub dir: Option<&'a Path>,
    /// The binary may exit before reading all of `stdin` (an error): a
    /// broken pipe is not a failure. Otherwise it fails the test.
    pub may_stop_reading: bool,
    /// Fail the test if standard error shows a panic.
    pub no_panic: bool,
}

/// Runs the binary with `args`. Standard input is written from a thread,
/// so a large input cannot block against a full output pipe.
pub fn run_with(args: &[&str], opts: RunOpts<'_>) -> Run {
    use std::io::Write;
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = opts.dir {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("run canonym");
    let mut input = child.stdin.take().unwrap();
    let data = opts.stdin.unwrap_or_default().to_vec();
    let writer = std::thread::spawn(move || input.write_all(&data));
    let out = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    if !opts.may_stop_reading {
        written.expect("write canonym's standard input");
    }
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    if opts.no_panic {
        assert!(
            !r.stderr.contains("panicked"),
            "canonym {args:?} panicked: {}",
            r.stderr
        );
    }
    r
}

/// Runs the binary with `args` in `dir`, feeding it `stdin`.
pub fn run(args: &[&str], stdin: Option<&[u8]>, dir: &Path) -> Run {
    run_with(
        args,
        RunOpts {
            stdin,
            dir: Some(dir),
            ..RunOpts::default()
        },
    )
}

/// Runs the binary with `args` in the package root, feeding it `stdin`,
/// and returns its standard output; fails the test unless it exits 0.
pub fn ok(args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let r = run(args, stdin, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(r.code == 0, "canonym {args:?} failed: {}", r.stderr);
    r.stdout
}

/// Checks `actual` against `tests/golden/NAME`; with `UPDATE_GOLDEN` set,
/// writes it there instead.
pub fn golden(name: &str, actual: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want =
        std::fs::read(&path).unwrap_or_else(|_| panic!("missing golden file {}", path.display()));
    if actual != want {
        // Show the difference as text; bytes that are not UTF-8 may hide it.
        assert_eq!(
            String::from_utf8_lossy(actual),
            String::from_utf8_lossy(&want),
            "output differs from {}",
            path.display()
        );
        panic!("output differs from {} (in invalid UTF-8)", path.display());
    }
}
