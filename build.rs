//! Compiles the default lexicon (`lexicons/*.csv`) into the index embedded in
//! the library, with the same code the library uses (the low layers are
//! included here by path).

#![allow(dead_code, unused_imports, missing_docs, clippy::result_large_err)]

#[path = "src/atomic.rs"]
mod atomic;
#[path = "src/error.rs"]
mod error;
#[path = "src/fuzzy/mod.rs"]
mod fuzzy;
#[path = "src/key/mod.rs"]
mod key;
#[path = "src/lexicon/mod.rs"]
mod lexicon;
#[path = "src/translit/mod.rs"]
mod translit;
#[path = "src/index"]
mod index {
    pub mod build;
    pub mod format;
    pub mod variants;
}

type Result<T, E = error::Error> = std::result::Result<T, E>;

fn main() {
    let dir = std::path::Path::new("lexicons");
    println!("cargo:rerun-if-changed=lexicons");
    println!("cargo:rerun-if-changed=src");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .expect("lexicons/ directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let (lexicon, report) = lexicon::Lexicon::load(&files, &lexicon::LoadOptions::default())
        .unwrap_or_else(|e| panic!("default lexicon: {e}"));
    if let Some(p) = report.errors.first() {
        panic!("default lexicon: {}", p.error);
    }
    let (bytes, stats) =
        index::build::build_bytes(&lexicon, &index::build::BuildOptions::default())
            .unwrap_or_else(|e| panic!("default index: {e}"));
    let out =
        std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("default.idx");
    std::fs::write(&out, &bytes).expect("writing the default index");
    let _ = stats;
}
