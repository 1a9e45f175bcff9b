#!/usr/bin/env python3
"""Text-normalization throughput: canonym normalize vs flashtext (issue 5).

Generates >= --mb MB (10^6 bytes) of news-like text in /tmp at run time: sentences of the
articles in ../shared/corpus/*.txt shuffled together with sentences built from lexicon aliases
(a few of them with one typo), one paragraph a line. Nothing generated is written to the repo.

Systems, each with two alias sets, the default lexicon (embedded in canonym; `canonym export`
gives flashtext the same alias table) and the large dev set (../shared/dev/lexicon.csv, built
with `canonym build`):
  canonym exact  `canonym normalize --mode replace --no-fuzzy [--index F] IN -o OUT`, timed as a
                 whole process (start-up and index load included), default threads and
                 --threads 1 for a per-core figure;
  canonym fuzzy  the same with --fuzzy;
  flashtext      KeywordProcessor() (case-insensitive), add_keyword(alias, canonical) for each
                 alias (first canonical wins for an alias shared by several entities), then
                 the text read in ~1 MB pieces split at newlines and replace_keywords called
                 on each line (paragraph) of a piece: on whole 1 MB pieces it is superlinear
                 (~25 s per MB here; --flashtext-unit chunk to see it); load time apart.
                 Runs in its own Python process so its load time and peak RSS are its own.
Also peak RSS of canonym normalize at --mb vs --rss-mb (default 1000) input, from
/usr/bin/time -v, to show memory stays flat.

  /work/venv-compare/bin/python benches/compare/normalize_compare.py --mb 100
Results: a Markdown table on stdout and JSON in benches/compare/out/normalize.json.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHARED = REPO.parent / "shared"
MB = 1_000_000


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- lexicons

def read_alias_csv(path):
    """(id, canonical, alias) rows of an alias-table CSV (id,canonical,alias[,...])."""
    with open(path, newline="", encoding="utf-8") as f:
        return [(r["id"], r["canonical"], r["alias"]) for r in csv.DictReader(f) if r["alias"]]


# --------------------------------------------------------------------------- text generation

TEMPLATES = [
    "Officials in {a} said on Tuesday that talks with {b} would resume next week.",
    "The delegation travelled from {a} to {b} on Wednesday, state media reported.",
    "Protesters gathered outside the embassy in {a}, according to witnesses.",
    "{a} and {b} signed a trade agreement, the ministry said in a statement.",
    "A spokesperson for {a} declined to comment on the report.",
    "Flights between {a} and {b} were suspended after the storm.",
    "Residents of {a} reported power cuts late on Monday.",
    "The company said it would open a new office in {a} later this year.",
    "Negotiators from {a} met their counterparts from {b} in a closed session.",
    "{a} has rejected the claims, calling them baseless.",
    "Prices in {a} rose 4.2% in the year to March, official data showed.",
    "Local authorities in {a} ordered schools closed until Friday.",
    "The visit to {a} was the first by a senior official since 2019.",
    "Analysts in {b} expect {a} to respond within days.",
]


def typo(s, rng):
    """One random edit not on the first character (as in the dev set's typo queries)."""
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    op = rng.randrange(4)
    letters = "abcdefghijklmnopqrstuvwxyz"
    if op == 0:
        return s[:i] + s[i + 1:]
    if op == 1:
        return s[:i] + rng.choice(letters) + s[i:]
    if op == 2:
        return s[:i] + rng.choice(letters) + s[i + 1:]
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def split_sentences(text):
    out = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z(“\"])", para):
            if s.strip():
                out.append(s.strip())
    return out


def sentence_pool(alias_sets, corpus_dir, rng, n_synthetic=200_000, typo_rate=0.05):
    corpus = []
    for p in sorted(Path(corpus_dir).glob("*.txt")):
        corpus.extend(split_sentences(p.read_text(encoding="utf-8")))
    aliases = [a for rows in alias_sets for (_, _, a) in rows]

    def mention():
        a = rng.choice(aliases)
        return typo(a, rng) if rng.random() < typo_rate else a

    synthetic = []
    for _ in range(n_synthetic):
        synthetic.append(rng.choice(TEMPLATES).format(a=mention(), b=mention()))
    return corpus, synthetic


def generate_text(path, size_mb, alias_sets, corpus_dir, seed, corpus_share=0.4):
    """Write >= size_mb MB of paragraphs (3-8 sentences a line); reuse a cached file."""
    path = Path(path)
    meta = path.with_suffix(".meta.json")
    want = {"mb": size_mb, "seed": seed, "corpus_share": corpus_share, "version": 1}
    if path.exists() and meta.exists():
        try:
            if json.loads(meta.read_text()) == want and path.stat().st_size >= size_mb * MB:
                log(f"reusing {path} ({path.stat().st_size / MB:.0f} MB)")
                return 0.0
        except (ValueError, OSError):
            pass
    t = time.perf_counter()
    rng = random.Random(seed)
    corpus, synthetic = sentence_pool(alias_sets, corpus_dir, rng)
    if not corpus:
        sys.exit(f"no sentences found in {corpus_dir}/*.txt")
    target = size_mb * MB
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        while written < target:
            lines = []
            for _ in range(2000):
                k = rng.randint(3, 8)
                sents = [rng.choice(corpus) if rng.random() < corpus_share else rng.choice(synthetic)
                         for _ in range(k)]
                lines.append(" ".join(sents))
            block = "\n".join(lines) + "\n"
            f.write(block)
            written += len(block.encode("utf-8"))
    meta.write_text(json.dumps(want))
    dt = time.perf_counter() - t
    log(f"generated {path} ({written / MB:.0f} MB, {len(corpus)} corpus sentences, "
        f"{len(synthetic)} synthetic) in {dt:.1f} s")
    return dt


# --------------------------------------------------------------------------- flashtext worker

def flashtext_worker(lexicon, inp, out, chunk_bytes, unit):
    """Runs in a child process: prints one JSON line with load/replace timings and RSS."""
    import resource
    from flashtext import KeywordProcessor

    t0 = time.perf_counter()
    rows = read_alias_csv(lexicon)
    kp = KeywordProcessor()  # case_sensitive=False
    seen = set()
    for _, canonical, alias in rows:
        k = alias.lower()
        if k in seen:
            continue  # first entity in lexicon order wins, as in the lookup comparison
        seen.add(k)
        kp.add_keyword(alias, canonical)
    load_s = time.perf_counter() - t0
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    t1 = time.perf_counter()
    n_in = 0
    errors = 0
    with open(inp, encoding="utf-8") as fi, open(out, "w", encoding="utf-8") as fo:
        while True:
            piece = fi.read(chunk_bytes)
            if not piece:
                break
            rest = fi.readline()  # finish the line so pieces split at newlines
            piece += rest
            n_in += len(piece.encode("utf-8"))
            # replace_keywords is superlinear in its input's length (a 0.5 MB piece takes
            # ~60x a 50 kB one), so by default it gets one paragraph (line) at a time.
            for part in (piece.splitlines(True) if unit == "line" else [piece]):
                try:
                    fo.write(kp.replace_keywords(part))
                except Exception:
                    # flashtext indexes the original text with offsets of its lower-cased
                    # copy: a character whose lower case is longer ('İ' -> 'i̇') raises
                    errors += 1
                    fo.write(part)
    replace_s = time.perf_counter() - t1
    print(json.dumps({
        "keywords": len(kp),
        "alias_rows": len(rows),
        "load_s": load_s,
        "replace_s": replace_s,
        "bytes": n_in,
        "unit": unit,
        "failed_units": errors,
        "max_rss_kb_after_load": rss_after_load,
        "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


def run_flashtext(args, lexicon, inp, out):
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_flashtext-worker", lexicon,
           str(inp), str(out), str(args.chunk_mb * MB), args.flashtext_unit]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        log(f"flashtext failed:\n{p.stderr}")
        return None
    r = json.loads(p.stdout.strip().splitlines()[-1])
    r["wall_s"] = wall
    r["mb_s"] = r["bytes"] / MB / r["replace_s"]
    r["mb_s_incl_load"] = r["bytes"] / MB / (r["load_s"] + r["replace_s"])
    r["max_rss_mb"] = r["max_rss_kb"] / 1024
    return r


# --------------------------------------------------------------------------- canonym

def normalize_support(canonym):
    """None when `canonym normalize` is missing, else the set of its flags found in --help."""
    try:
        p = subprocess.run([canonym, "normalize", "--help"], capture_output=True, text=True)
    except OSError as e:
        log(f"cannot run {canonym}: {e}")
        return None
    if p.returncode != 0:
        return None
    return set(re.findall(r"--[a-z][a-z0-9-]*", p.stdout))


def time_v(cmd):
    """Run under /usr/bin/time -v: (returncode, wall s, max RSS MB or None, stderr)."""
    tv = shutil.which("time") or "/usr/bin/time"
    full = [tv, "-v", *cmd] if os.path.exists(tv) else cmd
    t = time.perf_counter()
    p = subprocess.run(full, capture_output=True, text=True)
    wall = time.perf_counter() - t
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return p.returncode, wall, (int(m.group(1)) / 1024 if m else None), p.stderr


def run_canonym_normalize(args, index, fuzzy, threads, inp, out):
    cmd = [args.canonym, "normalize", "--mode", "replace", "--fuzzy" if fuzzy else "--no-fuzzy"]
    if index:
        cmd += ["--index", index]
    if threads:
        cmd += ["--threads", str(threads)]
    cmd += [str(inp), "-o", str(out)]
    rc, wall, rss, err = time_v(cmd)
    size = Path(inp).stat().st_size
    if rc != 0:
        # Keep the whole stderr (the panic message is at its head).
        saved = HERE / "out" / f"failed_{int(time.time())}.stderr.txt"
        saved.parent.mkdir(exist_ok=True)
        saved.write_text(" ".join(cmd) + "\n" + err)
        head = "\n".join(err.splitlines()[:5])
        log(f"  failed ({rc}): {' '.join(cmd)}\n{head}\n(whole stderr in {saved})")
        return {"command": " ".join(cmd), "error": tail, "returncode": rc}
    return {"command": " ".join(cmd), "wall_s": wall, "bytes": size,
            "mb_s": size / MB / wall, "max_rss_mb": rss,
            "out_bytes": Path(out).stat().st_size if Path(out).exists() else None}


def line_agreement(a, b, n_lines=2000):
    """Share of the first n_lines lines that two output files have identical."""
    try:
        with open(a, encoding="utf-8", errors="replace") as fa, \
                open(b, encoding="utf-8", errors="replace") as fb:
            same = total = 0
            for la, lb in zip(fa, fb):
                total += 1
                same += la == lb
                if total >= n_lines:
                    break
        return same / total if total else None
    except OSError:
        return None


# --------------------------------------------------------------------------- main

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--_flashtext-worker":
        flashtext_worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])
        return

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--canonym", default=str(REPO / "target" / "release" / "canonym"))
    ap.add_argument("--mb", type=int, default=100, help="input size in MB (10^6 bytes)")
    ap.add_argument("--rss-mb", type=int, default=1000,
                    help="second, larger input for canonym's peak RSS (0 = skip)")
    ap.add_argument("--dev-lexicon", default=str(SHARED / "dev" / "lexicon.csv"))
    ap.add_argument("--corpus", default=str(SHARED / "corpus"))
    ap.add_argument("--workdir", default="/tmp/canonym-normalize-bench",
                    help="generated text, exported aliases, indexes and outputs go here")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--input", default=None,
                    help="use this text file instead of generating one (--mb is then ignored)")
    ap.add_argument("--chunk-mb", type=int, default=1,
                    help="flashtext reads the text in pieces of this size split at newlines")
    ap.add_argument("--flashtext-unit", choices=("line", "chunk"), default="line",
                    help="what one replace_keywords call gets: each line (paragraph) of a "
                         "piece (default), or the whole piece (superlinear: very slow)")
    ap.add_argument("--lexicons", default="default,dev", help="subset of default,dev")
    ap.add_argument("--systems", default="canonym-exact,canonym-fuzzy,flashtext",
                    help="subset of canonym-exact,canonym-fuzzy,flashtext")
    ap.add_argument("--no-single-thread", action="store_true",
                    help="skip the --threads 1 runs")
    ap.add_argument("--keep", action="store_true",
                    help="keep generated inputs and outputs (inputs are reused when kept)")
    ap.add_argument("--out", default=str(HERE / "out" / "normalize.json"))
    args = ap.parse_args()

    lexicons = [x.strip() for x in args.lexicons.split(",") if x.strip()]
    systems = [x.strip() for x in args.systems.split(",") if x.strip()]
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"nproc": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "git": subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip(),
        "mb": args.mb, "mb_unit_bytes": MB, "runs": [], "rss_scaling": None, "notes": [],
    }

    have_bin = os.access(args.canonym, os.X_OK)
    if not have_bin:
        log(f"no canonym binary at {args.canonym}: run `cargo build --release` or pass "
            "--canonym PATH")
    flags = normalize_support(args.canonym) if have_bin else None
    canonym_ok = flags is not None
    if have_bin and not canonym_ok:
        msg = (f"`{args.canonym} normalize --help` failed: this binary has no normalize "
               "subcommand yet. canonym rows are skipped; text generation and flashtext still run.")
        log("NOTE: " + msg)
        result["notes"].append(msg)
    if canonym_ok:
        missing = {"--mode", "--no-fuzzy", "--fuzzy", "--index", "--threads", "--output"} - flags
        if missing:
            msg = f"canonym normalize --help does not list {sorted(missing)}; runs using them may fail"
            log("NOTE: " + msg)
            result["notes"].append(msg)
        result["canonym_version"] = subprocess.run([args.canonym, "--version"],
                                                   capture_output=True, text=True).stdout.strip()

    # Alias tables: the default lexicon's export (flashtext and text generation), and dev.
    alias_csv = {"dev": args.dev_lexicon}
    index_for = {"default": None, "dev": None}
    build_s = {}
    if have_bin:
        exp = work / "default_aliases.csv"
        p = subprocess.run([args.canonym, "export", "-o", str(exp)], capture_output=True, text=True)
        if p.returncode == 0:
            alias_csv["default"] = str(exp)
        else:
            log(f"canonym export failed: {p.stderr.strip()}")
    if "default" not in alias_csv and os.path.exists("/tmp/default_aliases.csv"):
        alias_csv["default"] = "/tmp/default_aliases.csv"
        log("using /tmp/default_aliases.csv for the default lexicon")
    if "dev" in lexicons and canonym_ok:
        idx = work / "dev.idx"
        t = time.perf_counter()
        p = subprocess.run([args.canonym, "build", "-o", str(idx), args.dev_lexicon],
                           capture_output=True, text=True)
        build_s["dev"] = time.perf_counter() - t
        if p.returncode != 0:
            sys.exit(f"canonym build failed: {p.stderr}")
        index_for["dev"] = str(idx)
    lexicons = [l for l in lexicons if l in alias_csv]

    alias_sets = [read_alias_csv(alias_csv[l]) for l in ("default", "dev") if l in alias_csv]
    if args.input:
        # A text made elsewhere, e.g. `scan_profile gen` (news-like).
        inp = Path(args.input)
    else:
        inp = work / f"news_{args.mb}mb.txt"
        result["generate_s"] = generate_text(inp, args.mb, alias_sets, args.corpus, args.seed)
    size = inp.stat().st_size
    result["input"] = {"path": str(inp), "bytes": size}

    rows = []
    for lex in lexicons:
        outs = {}
        if canonym_ok:
            for sysname, fuzzy in (("canonym-exact", False), ("canonym-fuzzy", True)):
                if sysname not in systems:
                    continue
                for threads in ([None] if args.no_single_thread else [None, 1]):
                    label = f"{sysname}" + (" --threads 1" if threads == 1 else "")
                    out = work / f"out_{lex}_{sysname}_{threads or 'n'}.txt"
                    log(f"{label} [{lex}] ...")
                    r = run_canonym_normalize(args, index_for[lex], fuzzy, threads, inp, out)
                    r.update(system=label, lexicon=lex)
                    if lex in build_s:
                        r["build_s"] = build_s[lex]
                    rows.append(r)
                    if "error" not in r:
                        outs[label] = out
                        log(f"  {r['mb_s']:.1f} MB/s, {r['wall_s']:.1f} s, "
                            f"RSS {r['max_rss_mb']} MB")
        if "flashtext" in systems:
            out = work / f"out_{lex}_flashtext.txt"
            log(f"flashtext [{lex}] ...")
            r = run_flashtext(args, alias_csv[lex], inp, out)
            if r:
                r.update(system="flashtext", lexicon=lex)
                outs["flashtext"] = out
                log(f"  load {r['load_s']:.1f} s, {r['mb_s']:.2f} MB/s, "
                    f"RSS {r['max_rss_mb']:.0f} MB")
                if "canonym-exact" in outs:
                    r["line_agreement_with_canonym_exact"] = line_agreement(
                        outs["canonym-exact"], out)
                rows.append(r)
        if not args.keep:
            for o in outs.values():
                Path(o).unlink(missing_ok=True)
    result["runs"] = rows

    # Peak RSS: the same canonym exact run at --mb and at --rss-mb.
    if canonym_ok and args.rss_mb and "canonym-exact" in systems:
        big = work / f"news_{args.rss_mb}mb.txt"
        result["generate_big_s"] = generate_text(big, args.rss_mb, alias_sets, args.corpus,
                                                 args.seed + 1)
        scaling = []
        for path in (inp, big):
            out = work / "out_rss.txt"
            log(f"RSS run: canonym-exact [default] on {path.stat().st_size / MB:.0f} MB ...")
            r = run_canonym_normalize(args, None, False, None, path, out)
            out.unlink(missing_ok=True)
            r["input_mb"] = path.stat().st_size / MB
            scaling.append(r)
        result["rss_scaling"] = scaling
        if not args.keep:
            big.unlink(missing_ok=True)
            big.with_suffix(".meta.json").unlink(missing_ok=True)
    if not args.keep:
        if not args.input:  # never delete a text the caller gave
            inp.unlink(missing_ok=True)
            inp.with_suffix(".meta.json").unlink(missing_ok=True)

    # ---- report
    print(f"## Normalize: throughput on {size / MB:.0f} MB of generated news-like text\n")
    print("| system | lexicon | MB/s | wall s | load/build s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['system']} | {r['lexicon']} | failed (rc {r['returncode']}) | | | |")
            continue
        if r["system"] == "flashtext":
            print(f"| flashtext | {r['lexicon']} | {r['mb_s']:.2f} "
                  f"({r['mb_s_incl_load']:.2f} incl. load) | {r['replace_s']:.1f} | "
                  f"{r['load_s']:.1f} (load) | {r['max_rss_mb']:.0f} |")
        else:
            b = f"{r['build_s']:.1f} (build)" if "build_s" in r else "embedded"
            rss = f"{r['max_rss_mb']:.0f}" if r["max_rss_mb"] else "?"
            print(f"| {r['system']} | {r['lexicon']} | {r['mb_s']:.1f} | {r['wall_s']:.2f} | "
                  f"{b} | {rss} |")
    print("\ncanonym: whole process timed (start-up and index load included; build of the dev "
          "index is a separate earlier step). flashtext: replace_keywords over ~"
          f"{args.chunk_mb} MB pieces, its keyword load timed apart, one "
          f"replace_keywords call per {args.flashtext_unit}. MB = 10^6 bytes. "
          f"{os.cpu_count()} cores.")
    for r in rows:
        if r.get("line_agreement_with_canonym_exact") is not None:
            print(f"- flashtext vs canonym exact [{r['lexicon']}]: "
                  f"{r['line_agreement_with_canonym_exact']:.1%} of the first 2000 output lines "
                  "identical")
        if r.get("failed_units"):
            print(f"- flashtext [{r['lexicon']}]: {r['failed_units']} {r['unit']}s raised in "
                  "replace_keywords (lower-casing changed their length) and were left unchanged")
    if result["rss_scaling"]:
        print("\n### canonym normalize peak RSS vs input size (exact, default lexicon)\n")
        print("| input MB | wall s | MB/s | peak RSS MB |")
        print("|---|---|---|---|")
        for r in result["rss_scaling"]:
            if "error" in r:
                print(f"| {r['input_mb']:.0f} | failed | | |")
            else:
                print(f"| {r['input_mb']:.0f} | {r['wall_s']:.2f} | {r['mb_s']:.1f} | "
                      f"{r['max_rss_mb']:.0f} |")
    for n in result["notes"]:
        print(f"\nNOTE: {n}")

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
