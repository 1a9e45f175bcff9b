//! `canonym normalize`: find every mention in text files and replace,
//! annotate or list them.

use crate::common;
use anyhow::{bail, Context, Result};
use canonym::print::{self, SpanCsv, SpanJson};
use canonym::scan::{
    ChunkOptions, Chunker, DocContext, LookupResolver, Mention, Prepared, ScanOptions, ScanScratch,
    Scanner,
};
use canonym::Index;
use rayon::prelude::*;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Replace each mention by its entity's canonical name.
    Replace,
    /// Wrap each mention as [[surface|id]] (`\`, `[`, `]` escaped).
    Annotate,
    /// One row per mention (JSON Lines or CSV).
    Spans,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Text (replace and annotate).
    Text,
    /// JSON Lines (spans; the default for spans).
    Jsonl,
    /// CSV with a header row (spans).
    Csv,
}

#[derive(clap::Args)]
pub struct Args {
    /// Index file (default: the embedded default index).
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
    /// What to write.
    #[arg(long, value_enum, default_value = "replace")]
    mode: Mode,
    /// Output format: text for replace/annotate; jsonl (default) or csv for spans.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT",
        conflicts_with = "in_place"
    )]
    output: Option<PathBuf>,
    /// Rewrite each input file in place (atomically).
    #[arg(long)]
    in_place: bool,
    /// Record mode: read JSON Lines and add an `entities` array for this
    /// string field to every record (other fields untouched).
    #[arg(long, value_name = "FIELD")]
    jsonl_field: Option<String>,
    #[command(flatten)]
    matching: MatchArgs,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Invalid UTF-8 is an error (naming the file and byte offset), not a warning.
    #[arg(long)]
    strict: bool,
    /// No warnings and no progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Chunk size in bytes for streaming large inputs (default 1 MiB).
    #[arg(long, value_name = "BYTES", hide = true)]
    chunk_size: Option<usize>,
    /// Text files, directories (walked recursively, sorted), or `-` for
    /// standard input (the default).
    #[arg(value_name = "FILE|DIR|-")]
    inputs: Vec<PathBuf>,
}

/// One input document.
pub struct Input {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// The name printed in spans and messages.
    pub name: String,
}

impl Input {
    fn open(&self) -> Result<Box<dyn Read + Send>> {
        Ok(match &self.path {
            None => Box::new(std::io::stdin()),
            Some(p) => {
                Box::new(std::fs::File::open(p).with_context(|| format!("{}", p.display()))?)
            }
        })
    }
}

/// Expands FILE|DIR|- arguments into documents, directories walked in
/// sorted order.
pub fn expand_inputs(args: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    if args.is_empty() {
        out.push(Input {
            path: None,
            name: "-".into(),
        });
    }
    for a in args {
        if a.as_os_str() == "-" {
            out.push(Input {
                path: None,
                name: "-".into(),
            });
        } else if a.is_dir() {
            for e in walkdir::WalkDir::new(a).sort_by_file_name() {
                let e = e.with_context(|| format!("{}", a.display()))?;
                if e.file_type().is_file() {
                    out.push(Input {
                        name: e.path().display().to_string(),
                        path: Some(e.path().to_path_buf()),
                    });
                }
            }
        } else if a.exists() {
            out.push(Input {
                name: a.display().to_string(),
                path: Some(a.clone()),
            });
        } else {
            bail!("{}: no such file or directory", a.display());
        }
    }
    Ok(out)
}

/// How mentions are matched: shared by `normalize` and `eval`.
#[derive(clap::Args)]
pub struct MatchArgs {
    /// Offer name-like spans that exact matching missed to the fuzzy matcher
    /// (off by default: it finds `Kharkow`, `Vladimir Puttin`, but costs
    /// throughput on text full of unknown names).
    #[arg(long, overrides_with = "no_fuzzy")]
    fuzzy: bool,
    /// Exact, normalized and romanized matching only (the default).
    #[arg(long, overrides_with = "fuzzy")]
    no_fuzzy: bool,
    /// Drop mentions scoring below this (0 to 1).
    #[arg(long, default_value_t = 0.0, value_name = "S")]
    min_score: f64,
    /// Accept a fuzzy (approximate) mention only at or above this score.
    #[arg(long, default_value_t = canonym::scan::DEFAULT_FUZZY_MIN_SCORE, value_name = "S")]
    fuzzy_min_score: f64,
}

impl MatchArgs {
    /// The scanner these flags describe, after checking their ranges.
    pub fn scanner<'i>(&self, index: &'i Index) -> Result<Scanner<'i>> {
        for (name, v) in [
            ("--min-score", self.min_score),
            ("--fuzzy-min-score", self.fuzzy_min_score),
        ] {
            if !(0.0..=1.0).contains(&v) {
                bail!("{name} must be between 0 and 1, got {v}");
            }
        }
        let scanner = Scanner::with_options(
            index,
            ScanOptions {
                min_score: self.min_score,
                ..ScanOptions::default()
            },
        );
        Ok(if self.fuzzy && !self.no_fuzzy {
            scanner.with_fuzzy(Box::new(LookupResolver {
                min_score: self.fuzzy_min_score,
            }))
        } else {
            scanner
        })
    }
}

enum Sink<W: Write> {
    Text(W),
    Json(SpanJson<W>),
    Csv(Box<SpanCsv<W>>),
}

struct Printer<'a, W: Write> {
    index: &'a Index,
    mode: Mode,
    sink: Sink<W>,
}

impl<'a, W: Write> Printer<'a, W> {
    fn new(index: &'a Index, mode: Mode, format: Format, out: W) -> Result<Self> {
        let sink = match (mode, format) {
            (Mode::Spans, Format::Csv) => Sink::Csv(Box::new(SpanCsv::new(out)?)),
            (Mode::Spans, _) => Sink::Json(SpanJson::new(out)),
            _ => Sink::Text(out),
        };
        Ok(Printer { index, mode, sink })
    }

    fn chunk(&mut self, file: &str, chunk: &[u8], base: u64, found: &[Mention]) -> Result<()> {
        match &mut self.sink {
            Sink::Text(w) => match self.mode {
                Mode::Annotate => print::write_annotate(w, self.index, chunk, base, found)?,
                _ => print::write_replace(w, self.index, chunk, base, found)?,
            },
            Sink::Json(w) => w.write(self.index, file, chunk, base, found)?,
            Sink::Csv(w) => w.write(self.index, file, chunk, base, found)?,
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        match self.sink {
            Sink::Text(mut w) => w.flush()?,
            Sink::Json(w) => {
                w.finish()?;
            }
            Sink::Csv(w) => {
                w.finish()?;
            }
        }
        Ok(())
    }
}

/// One chunk of a document and what the pool prepared from it.
struct Item {
    doc: usize,
    bytes: Vec<u8>,
    prepared: Prepared,
}

/// Where reading the inputs stands, and buffers to reuse.
struct Reading<'a> {
    docs: std::iter::Enumerate<std::slice::Iter<'a, Input>>,
    reader: Option<(usize, Chunker<Box<dyn Read + Send>>)>,
    /// The open document gave a chunk.
    produced: bool,
    spare: Vec<Prepared>,
}

/// The sequential side of scanning: the document being resolved.
struct DocState {
    scratch: ScanScratch,
    ctx: DocContext,
    cur_doc: usize,
    invalid: (u64, Option<u64>),
    found: Vec<Mention>,
}

struct Run<'a> {
    scanner: &'a Scanner<'a>,
    chunk: ChunkOptions,
    batch: usize,
    /// One worker thread: each chunk is prepared and then resolved before
    /// the next is read, with one [`Prepared`] (and so one set of its
    /// memos) for the whole run.
    sequential: bool,
    /// The printer reads the mentions' code-point offsets (spans).
    char_offsets: bool,
    strict: bool,
    quiet: bool,
    progress: Option<indicatif::ProgressBar>,
    warnings: u64,
}

impl Run<'_> {
    /// Scans documents in order, chunks prepared in parallel batches, and
    /// prints every chunk in input order. While this thread resolves and
    /// prints one batch (document context makes that sequential), the pool
    /// prepares the next (tokens and matches); the per-chunk buffers and
    /// their memos are reused from batch to batch.
    fn documents<W: Write>(
        &mut self,
        inputs: &[Input],
        printer: &mut Printer<'_, W>,
    ) -> Result<()> {
        let mut st = DocState {
            scratch: ScanScratch::new(),
            ctx: DocContext::new(),
            cur_doc: usize::MAX,
            invalid: (0, None),
            found: Vec::new(),
        };
        let mut reading = Reading {
            docs: inputs.iter().enumerate(),
            reader: None,
            produced: false,
            spare: Vec::new(),
        };
        let scanner = self.scanner;
        if self.sequential {
            // Nothing to overlap on one thread; one chunk at a time keeps
            // the memos of a single `Prepared` warm across the whole input.
            loop {
                let mut cur = self.read_batch(inputs, &mut reading)?;
                if cur.is_empty() {
                    break;
                }
                for it in cur.iter_mut() {
                    scanner.prepare(&it.bytes, &mut it.prepared);
                }
                self.resolve_batch(inputs, &cur, &mut st, printer)?;
                reading.spare.extend(cur.drain(..).map(|it| it.prepared));
            }
            if st.cur_doc != usize::MAX {
                self.finish_doc(&inputs[st.cur_doc], st.invalid)?;
            }
            return Ok(());
        }
        let prepare = |batch: &mut Vec<Item>| {
            batch
                .par_iter_mut()
                .for_each(|it| scanner.prepare(&it.bytes, &mut it.prepared))
        };
        let mut cur = self.read_batch(inputs, &mut reading)?;
        prepare(&mut cur);
        while !cur.is_empty() {
            let mut next = self.read_batch(inputs, &mut reading)?;
            rayon::in_place_scope(|s| {
                s.spawn(|_| prepare(&mut next));
                self.resolve_batch(inputs, &cur, &mut st, printer)
            })?;
            reading.spare.extend(cur.drain(..).map(|it| it.prepared));
            cur = next;
        }
        if st.cur_doc != usize::MAX {
            self.finish_doc(&inputs[st.cur_doc], st.invalid)?;
        }
        Ok(())
    }

    /// The next chunks, across documents, up to a batch.
    fn read_batch(&self, inputs: &[Input], r: &mut Reading<'_>) -> Result<Vec<Item>> {
        let mut batch: Vec<Item> = Vec::new();
        let mut bytes_in_batch = 0usize;
        while batch.len() < self.batch && bytes_in_batch < self.batch * self.chunk.target {
            if r.reader.is_none() {
                match r.docs.next() {
                    Some((i, input)) => {
                        r.reader = Some((i, Chunker::new(input.open()?, self.chunk)));
                        r.produced = false;
                    }
                    None => break,
                }
            }
            let Some((doc, chunker)) = r.reader.as_mut() else {
                break;
            };
            let doc = *doc;
            match chunker
                .next_chunk()
                .with_context(|| inputs[doc].name.clone())?
            {
                Some(bytes) => {
                    bytes_in_batch += bytes.len();
                    r.produced = true;
                    batch.push(Item {
                        doc,
                        bytes,
                        prepared: r.spare.pop().unwrap_or_default(),
                    });
                }
                None => {
                    // An empty document still starts (and ends) a document.
                    if !r.produced {
                        batch.push(Item {
                            doc,
                            bytes: Vec::new(),
                            prepared: r.spare.pop().unwrap_or_default(),
                        });
                    }
                    r.reader = None;
                }
            }
        }
        Ok(batch)
    }

    /// Resolves and prints a prepared batch, in order.
    fn resolve_batch<W: Write>(
        &mut self,
        inputs: &[Input],
        batch: &[Item],
        st: &mut DocState,
        printer: &mut Printer<'_, W>,
    ) -> Result<()> {
        let scanner = self.scanner;
        for it in batch {
            if it.doc != st.cur_doc {
                if st.cur_doc != usize::MAX {
                    self.finish_doc(&inputs[st.cur_doc], st.invalid)?;
                }
                st.cur_doc = it.doc;
                st.ctx = DocContext::new();
                st.invalid = (0, None);
            }
            let base = st.ctx.bytes_seen();
            st.found.clear();
            let found = &mut st.found;
            let sink = |m: &Mention| found.push(*m);
            // Replace and annotate read byte offsets only.
            let report = if self.char_offsets {
                scanner.resolve(&it.bytes, &it.prepared, &mut st.ctx, &mut st.scratch, sink)
            } else {
                scanner.resolve_bytes(&it.bytes, &it.prepared, &mut st.ctx, &mut st.scratch, sink)
            };
            if report.invalid_bytes > 0 {
                if self.strict {
                    bail!(
                        "{}: invalid UTF-8 at byte {}",
                        inputs[it.doc].name,
                        report.first_invalid.unwrap_or(base)
                    );
                }
                st.invalid.0 += report.invalid_bytes;
                st.invalid.1 = st.invalid.1.or(report.first_invalid);
            }
            printer.chunk(&inputs[it.doc].name, &it.bytes, base, &st.found)?;
            if let Some(pb) = &self.progress {
                pb.inc(it.bytes.len() as u64);
            }
        }
        Ok(())
    }

    fn finish_doc(&mut self, input: &Input, invalid: (u64, Option<u64>)) -> Result<()> {
        if invalid.0 > 0 {
            self.warnings += 1;
            if !self.quiet {
                let msg = format!(
                    "canonym: warning: {}: {} invalid UTF-8 byte(s) passed through untouched (first at byte {})",
                    input.name,
                    invalid.0,
                    invalid.1.unwrap_or(0)
                );
                match &self.progress {
                    Some(pb) => pb.println(msg),
                    None => eprintln!("{msg}"),
                }
            }
        }
        Ok(())
    }
}

pub fn run(args: Args) -> Result<i32> {
    let format = match (args.mode, args.format) {
        (Mode::Spans, None) => Format::Jsonl,
        (Mode::Spans, Some(Format::Text)) => {
            bail!("--mode spans writes --format jsonl or csv, not text")
        }
        (Mode::Spans, Some(f)) => f,
        (_, None) | (_, Some(Format::Text)) => Format::Text,
        (_, Some(_)) if args.jsonl_field.is_some() => Format::Text,
        (_, Some(_)) => bail!("--format jsonl and csv are for --mode spans"),
    };
    if args.threads == Some(0) {
        bail!("--threads must be at least 1");
    }
    let inputs = expand_inputs(&args.inputs)?;
    if args.in_place && inputs.iter().any(|i| i.path.is_none()) {
        bail!("--in-place needs files, not standard input");
    }
    let index = common::load_index(args.index.as_deref())?;
    let scanner = args.matching.scanner(&index)?;
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")?;
    let chunk = match args.chunk_size {
        Some(n) if n > 0 => ChunkOptions {
            target: n,
            ..ChunkOptions::default()
        },
        _ => ChunkOptions::default(),
    };
    let total: u64 = inputs
        .iter()
        .filter_map(|i| i.path.as_ref())
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let progress = make_progress(args.quiet, total);
    let mut run = Run {
        scanner: &scanner,
        chunk,
        batch: if threads == 1 { 1 } else { threads * 2 },
        sequential: threads == 1,
        char_offsets: args.mode == Mode::Spans,
        strict: args.strict,
        quiet: args.quiet,
        progress,
        warnings: 0,
    };
    pool.install(|| -> Result<()> {
        if let Some(field) = &args.jsonl_field {
            if args.in_place {
                for input in &inputs {
                    let path = input.path.as_deref().unwrap_or(Path::new("-"));
                    let mut err = None;
                    canonym::atomic::write_atomic_with(path, |w| {
                        records(&mut run, std::slice::from_ref(input), field, w).map_err(|e| {
                            let io = std::io::Error::other(format!("{e:#}"));
                            err = Some(e);
                            io
                        })
                    })
                    .map_err(|e| match err.take() {
                        Some(inner) => inner,
                        None => e.into(),
                    })?;
                }
                return Ok(());
            }
            return common::with_output(args.output.as_deref(), |w| {
                records(&mut run, &inputs, field, w).map_err(common::to_io)
            });
        }
        if args.in_place {
            for input in &inputs {
                let path = input.path.as_deref().unwrap_or(Path::new("-"));
                let mut err = None;
                canonym::atomic::write_atomic_with(path, |w| {
                    let r = (|| -> Result<()> {
                        let mut printer = Printer::new(&index, args.mode, format, &mut *w)?;
                        run.documents(std::slice::from_ref(input), &mut printer)?;
                        printer.finish()
                    })();
                    r.map_err(|e| {
                        let io = std::io::Error::other(format!("{e:#}"));
                        err = Some(e);
                        io
                    })
                })
                .map_err(|e| match err.take() {
                    Some(inner) => inner,
                    None => e.into(),
                })?;
            }
            return Ok(());
        }
        common::with_output(args.output.as_deref(), |w| {
            let r = (|| -> Result<()> {
                let mut printer = Printer::new(&index, args.mode, format, w)?;
                run.documents(&inputs, &mut printer)?;
                printer.finish()
            })();
            r.map_err(common::to_io)
        })
    })?;
    if let Some(pb) = &run.progress {
        pb.finish_and_clear();
    }
    Ok(0)
}

fn make_progress(quiet: bool, total: u64) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() || total < (32 << 20) {
        return None;
    }
    let pb = indicatif::ProgressBar::new(total);
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
        )
        .ok()?,
    );
    Some(pb)
}

/// Record mode: JSON Lines in, the same records with an `entities` array out.
fn records(run: &mut Run<'_>, inputs: &[Input], field: &str, out: &mut dyn Write) -> Result<()> {
    let scanner = run.scanner;
    let index = scanner.index();
    for input in inputs {
        let mut reader = std::io::BufReader::with_capacity(1 << 20, input.open()?);
        let mut line_no = 0u64;
        loop {
            // A batch of lines.
            let mut lines: Vec<Vec<u8>> = Vec::new();
            let mut bytes = 0usize;
            while lines.len() < 8192 && bytes < (8 << 20) {
                let mut line = Vec::new();
                if reader
                    .read_until(b'\n', &mut line)
                    .with_context(|| input.name.clone())?
                    == 0
                {
                    break;
                }
                bytes += line.len();
                lines.push(line);
            }
            if lines.is_empty() {
                break;
            }
            let first = line_no;
            line_no += lines.len() as u64;
            let results: Vec<Result<Vec<u8>>> = lines
                .par_iter()
                .enumerate()
                .map_init(ScanScratch::new, |scratch, (i, line)| {
                    record(scanner, index, field, line, scratch)
                        .with_context(|| format!("{}:{}", input.name, first + i as u64 + 1))
                })
                .collect();
            for r in results {
                out.write_all(&r?)?;
            }
            if let Some(pb) = &run.progress {
                pb.inc(bytes as u64);
            }
        }
    }
    Ok(())
}

fn record(
    scanner: &Scanner<'_>,
    index: &Index,
    field: &str,
    line: &[u8],
    scratch: &mut ScanScratch,
) -> Result<Vec<u8>> {
    let (body, eol) = match line.iter().rposition(|&b| !matches!(b, b'\n' | b'\r')) {
        Some(p) => (&line[..=p], &line[p + 1..]),
        None => return Ok(line.to_vec()),
    };
    let text = std::str::from_utf8(body).context("invalid UTF-8 in a JSON record")?;
    if text.trim().is_empty() {
        return Ok(line.to_vec());
    }
    let value: serde_json::Value = serde_json::from_str(text).context("not a JSON record")?;
    let serde_json::Value::Object(map) = value else {
        bail!("not a JSON object");
    };
    let mut entities = String::from("[");
    if let Some(serde_json::Value::String(s)) = map.get(field) {
        let mut first = true;
        scanner.scan_document(s.as_bytes(), scratch, |m| {
            if !first {
                entities.push(',');
            }
            first = false;
            print::span_json(&mut entities, index, None, s.as_bytes(), 0, m);
        });
    }
    entities.push(']');
    let mut out = Vec::with_capacity(line.len() + entities.len() + 16);
    if map.contains_key("entities") {
        // Replace the existing field in place (field order is preserved).
        let mut map = map;
        map.insert("entities".into(), serde_json::from_str(&entities)?);
        serde_json::to_writer(&mut out, &map)?;
    } else {
        // Splice before the closing brace: every other byte untouched.
        let close = text.rfind('}').context("not a JSON object")?;
        let head = &text[..close];
        out.extend_from_slice(head.as_bytes());
        if !map.is_empty() {
            out.push(b',');
        }
        out.extend_from_slice(b"\"entities\":");
        out.extend_from_slice(entities.as_bytes());
        out.extend_from_slice(&text.as_bytes()[close..]);
    }
    out.extend_from_slice(if eol.is_empty() { b"\n" } else { eol });
    Ok(out)
}
