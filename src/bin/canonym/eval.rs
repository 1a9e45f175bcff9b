//! `canonym eval`: entity-level precision, recall and F1 of `normalize`
//! against a gold file of mentions.
//!
//! Gold rows are `{"file", "start", "end", "surface", "entity", ...}` with
//! code-point offsets; `entity` is a label, not an ID. Each label is mapped
//! to the ID most often predicted on its gold spans (greedily, most frequent
//! pair first, so distinct labels get distinct IDs). A prediction is correct
//! when its span equals a gold span and its ID is that gold label's ID. Rows
//! with `"linkable": false` are not scored, and predictions overlapping them
//! are ignored.

use crate::common;
use crate::normalize::MatchArgs;
use anyhow::{Context, Result};
use canonym::scan::ScanScratch;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Gold mentions, JSON Lines.
    #[arg(long, value_name = "GOLD.jsonl")]
    gold: PathBuf,
    /// Index file (default: the embedded default index).
    #[arg(long, value_name = "FILE")]
    index: Option<PathBuf>,
    #[command(flatten)]
    matching: MatchArgs,
    /// List every miss and false positive.
    #[arg(short, long)]
    verbose: bool,
    /// The directory holding the gold's files.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
}

struct Gold {
    file: String,
    start: u64,
    end: u64,
    surface: String,
    label: String,
    linkable: bool,
}

/// The figures of one evaluation.
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

pub fn run(args: Args) -> Result<i32> {
    let index = common::load_index(args.index.as_deref())?;
    let scanner = args.matching.scanner(&index)?;
    let file =
        std::fs::File::open(&args.gold).with_context(|| format!("{}", args.gold.display()))?;
    let mut gold = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}", args.gold.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}", args.gold.display(), n + 1))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let u = |k: &str| v.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
        gold.push(Gold {
            file: s("file"),
            start: u("start"),
            end: u("end"),
            surface: s("surface"),
            label: s("entity"),
            linkable: v.get("linkable").and_then(|x| x.as_bool()).unwrap_or(true),
        });
    }
    let mut files: Vec<&str> = Vec::new();
    for g in &gold {
        if !files.contains(&g.file.as_str()) {
            files.push(&g.file);
        }
    }
    // Predictions: (file, start, end) → (id, surface).
    let mut preds: Vec<(String, u64, u64, String, String)> = Vec::new();
    let mut scratch = ScanScratch::new();
    for f in &files {
        let path = args.dir.join(f);
        let bytes = std::fs::read(&path).with_context(|| format!("{}", path.display()))?;
        scanner.scan_document(&bytes, &mut scratch, |m| {
            let surface =
                String::from_utf8_lossy(&bytes[m.byte_start as usize..m.byte_end as usize])
                    .into_owned();
            preds.push((
                f.to_string(),
                m.start,
                m.end,
                index.entity(m.entity).id().to_string(),
                surface,
            ));
        });
    }
    // Ignore predictions overlapping unlinkable gold rows.
    preds.retain(|p| {
        !gold
            .iter()
            .any(|g| !g.linkable && g.file == p.0 && p.1 < g.end && g.start < p.2)
    });
    let linkable: Vec<&Gold> = gold.iter().filter(|g| g.linkable).collect();
    let by_span: HashMap<(&str, u64, u64), &Gold> = linkable
        .iter()
        .map(|g| ((g.file.as_str(), g.start, g.end), *g))
        .collect();
    // Label → ID: most frequent pairs first.
    let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
    for p in &preds {
        if let Some(g) = by_span.get(&(p.0.as_str(), p.1, p.2)) {
            *pairs.entry((g.label.as_str(), p.3.as_str())).or_default() += 1;
        }
    }
    let mut pairs: Vec<((&str, &str), usize)> = pairs.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut label_id: BTreeMap<&str, &str> = BTreeMap::new();
    let mut used: HashSet<&str> = HashSet::new();
    for ((label, id), _) in pairs {
        if !label_id.contains_key(label) && !used.contains(id) {
            label_id.insert(label, id);
            used.insert(id);
        }
    }
    let mut tp = 0usize;
    let mut hit: HashSet<(&str, u64, u64)> = HashSet::new();
    let mut false_pos = Vec::new();
    for p in &preds {
        let key = (p.0.as_str(), p.1, p.2);
        match by_span.get(&key) {
            Some(g) if label_id.get(g.label.as_str()) == Some(&p.3.as_str()) => {
                tp += 1;
                hit.insert(key);
            }
            Some(g) => false_pos.push(format!(
                "{}:{}-{} {:?} → {} (gold: {}, mapped to {})",
                p.0,
                p.1,
                p.2,
                p.4,
                p.3,
                g.label,
                label_id.get(g.label.as_str()).unwrap_or(&"nothing")
            )),
            None => false_pos.push(format!("{}:{}-{} {:?} → {}", p.0, p.1, p.2, p.4, p.3)),
        }
    }
    let misses: Vec<String> = linkable
        .iter()
        .filter(|g| !hit.contains(&(g.file.as_str(), g.start, g.end)))
        .map(|g| {
            format!(
                "{}:{}-{} {:?} ({})",
                g.file, g.start, g.end, g.surface, g.label
            )
        })
        .collect();
    let score = Score {
        tp,
        fp: preds.len() - tp,
        fn_: linkable.len() - tp,
    };
    println!(
        "files {}  gold {}  predicted {}  correct {}",
        files.len(),
        linkable.len(),
        preds.len(),
        tp
    );
    println!(
        "precision {:.4}  recall {:.4}  f1 {:.4}",
        score.precision(),
        score.recall(),
        score.f1()
    );
    if args.verbose {
        println!("\nmisses ({}):", misses.len());
        for m in &misses {
            println!("  {m}");
        }
        println!("\nfalse positives ({}):", false_pos.len());
        for m in &false_pos {
            println!("  {m}");
        }
    }
    Ok(0)
}
