#!/bin/sh
# Builds the fuzz targets with cargo-afl (AFL++) and runs each for a while,
# one after another. Usage: ./run.sh [seconds per target, default 180]
# Findings land in out/TARGET/default/{crashes,hangs}; replay one with
# `target/release/TARGET < FILE`. Setup once: `cargo install cargo-afl`
# (then `cargo afl config --build` if it asks).
set -e
cd "$(dirname "$0")"
cargo afl build --release
for t in key translit lookup scan index lexicon; do
    echo "== $t for ${1:-180}s"
    ./run1.sh "$t" "${1:-180}" || true
    grep -E "run_time|execs_done|saved_crashes|saved_hangs" "out/$t/default/fuzzer_stats" || true
done
