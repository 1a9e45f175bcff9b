#!/usr/bin/env python3
"""Side-by-side lookup comparison: canonym vs rapidfuzz vs an exact dictionary (issue 4).

Data: the held-out GeoNames set in ../shared/dev/ (lexicon.csv: id,canonical,alias;
queries.jsonl: {"query", "expected": [ids], "kind"}). For every system the script reports top-1
accuracy per query kind (a hit when the top answer's ID is in `expected`), queries per second
over the query phase only (one process, one thread) and the build/load time separately.

Systems:
  canonym        `canonym build` the lexicon, then ONE `canonym lookup --format jsonl --top 1`
                 process fed every query on stdin. Accuracy is also broken down by the `method`
                 of the top candidate. Single-query latency: see measure_canonym_latency().
  rapidfuzz      process.extractOne(query, choices, scorer=fuzz.ratio) and scorer=fuzz.WRatio
                 over the deduplicated folded aliases (unidecode + lower + collapsed spaces);
                 a tie goes to the first alias in lexicon order, and an alias shared by several
                 cities answers with its first ID in lexicon order. Sampled per kind by default.
  dict           exact dictionary: folded alias -> first ID in lexicon order.

Run with the venv described in README.md:
  /work/venv-compare/bin/python benches/compare/lookup_compare.py
Results: a Markdown table on stdout and JSON in benches/compare/out/lookup.json.
"""

import argparse
import csv
import datetime
import json
import math
import os
import platform
import random
import select
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
KINDS = ("heldout", "translit", "typo")

try:
    from unidecode import unidecode
    from rapidfuzz import fuzz, process
    import rapidfuzz
except ImportError as e:  # pragma: no cover - depends on the venv
    sys.exit(
        f"missing Python package ({e.name}); set up the venv first:\n"
        "  python3 -m venv /work/venv-compare && "
        "/work/venv-compare/bin/pip install -r benches/compare/requirements.txt"
    )


# --------------------------------------------------------------------------- helpers

def fold(s: str) -> str:
    """The ASCII folding every Python baseline uses: unidecode, lower case, collapse spaces."""
    return " ".join(unidecode(s).lower().split())


def wilson(hits: int, n: int, z: float = 1.96):
    """95% Wilson score interval for a proportion."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = hits / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (c - h, c + h)


def percentile(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def load_lexicon(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((r["id"], r["alias"]))
    return rows


def load_queries(path):
    qs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                q = json.loads(line)
                qs.append({"query": q["query"], "expected": set(q["expected"]), "kind": q["kind"]})
    return qs


def sample_per_kind(queries, n, seed):
    """A seeded random sample of n queries per kind (all of them when n <= 0 or n >= count)."""
    if n <= 0:
        return list(queries)
    rng = random.Random(seed)
    out = []
    for kind in KINDS:
        ks = [q for q in queries if q["kind"] == kind]
        out.extend(ks if n >= len(ks) else rng.sample(ks, n))
    return out


def score(queries, answers):
    """answers[i] is the top ID (or None) for queries[i] -> per-kind {n, hits, acc, ci95}."""
    per = {k: [0, 0] for k in KINDS}
    for q, a in zip(queries, answers):
        c = per.setdefault(q["kind"], [0, 0])
        c[0] += 1
        c[1] += a is not None and a in q["expected"]
    out = {}
    for k, (n, h) in per.items():
        lo, hi = wilson(h, n)
        out[k] = {"n": n, "hits": h, "acc": h / n if n else None, "ci95": [lo, hi]}
    return out


# --------------------------------------------------------------------------- canonym

def canonym_cmd(args, *extra):
    return [args.canonym, *extra]


def run_canonym_build(args):
    cmd = canonym_cmd(args, "build", "-o", args.index, args.lexicon)
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"canonym build failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    return dt, p.stdout.strip()


def lookup_cmd(args):
    cmd = canonym_cmd(args, "lookup", "--index", args.index, "--format", "jsonl", "--top", "1")
    if args.min_score is not None:
        cmd += ["--min-score", str(args.min_score)]
    return cmd


def run_canonym_batch(args, queries, parse=True):
    """One lookup process for every query; returns (wall seconds, parsed records or None)."""
    data = "".join(q["query"] + "\n" for q in queries).encode("utf-8")
    cmd = lookup_cmd(args)
    t = time.perf_counter()
    p = subprocess.run(cmd, input=data, capture_output=True)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"canonym lookup failed ({p.returncode}): {' '.join(cmd)}\n"
                 f"{p.stderr.decode(errors='replace')}")
    lines = p.stdout.decode("utf-8").splitlines()
    if len(lines) != len(queries):
        sys.exit(f"canonym lookup wrote {len(lines)} lines for {len(queries)} queries")
    if not parse:
        return dt, None
    recs = [json.loads(l) for l in lines]
    mismatched = sum(r.get("query", "").strip() != q["query"].strip() for r, q in zip(recs, queries))
    if mismatched:
        log(f"warning: {mismatched} output lines echo a different query than the input line")
    return dt, recs


def canonym_startup(args):
    """Wall time of one lookup process given no queries: process start-up + index open."""
    t = time.perf_counter()
    subprocess.run(lookup_cmd(args), input=b"", capture_output=True, check=True)
    return time.perf_counter() - t


def measure_canonym_latency(args, queries, n, seed):
    """Single-query latency, p50/p99, over a seeded sample of n queries (all kinds mixed).

    Preferred method ("interactive"): one long-lived lookup process; write one query, flush,
    wait for its answer line, repeat: the time per round trip is one query's latency including
    pipe I/O. If the binary buffers its output while stdin stays open (no answer within
    --latency-timeout seconds), fall back to "per-process": one `canonym lookup QUERY` process
    per query, which adds process start-up and index open to every query (an upper bound).
    """
    if n <= 0:
        return None
    rng = random.Random(seed + 1)
    sample = rng.sample(queries, min(n, len(queries)))
    cmd = lookup_cmd(args)
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    lat = []
    method = "interactive"
    try:
        for i, q in enumerate(sample):
            t = time.perf_counter()
            p.stdin.write((q["query"] + "\n").encode("utf-8"))
            p.stdin.flush()
            ready, _, _ = select.select([p.stdout], [], [], args.latency_timeout)
            if not ready:
                method = None
                break
            p.stdout.readline()
            lat.append(time.perf_counter() - t)
    finally:
        try:
            p.stdin.close()
        except BrokenPipeError:
            pass
        p.stdout.read()
        p.wait()
    note = ("one long-lived process, one query written and its answer line read at a time "
            "(includes pipe round trip)")
    if method is None:
        log("  canonym lookup does not answer a line before its stdin closes (output is "
            "buffered); falling back to one process per query")
        method = "per-process"
        note = ("canonym buffers jsonl output until stdin closes, so an interactive round trip "
                "is impossible; each sample query ran as its own `canonym lookup --index IDX "
                "QUERY` process: latency includes process start-up and index open (upper bound)")
        lat = []
        base = canonym_cmd(args, "lookup", "--index", args.index, "--format", "jsonl", "--top", "1")
        for q in sample:
            t = time.perf_counter()
            subprocess.run(base + ["--", q["query"]], capture_output=True)
            lat.append(time.perf_counter() - t)
    return {
        "method": method,
        "note": note,
        "n": len(lat),
        "p50_ms": percentile(lat, 50) * 1e3,
        "p99_ms": percentile(lat, 99) * 1e3,
        "mean_ms": statistics.fmean(lat) * 1e3 if lat else None,
    }


def run_canonym(args, queries):
    version = subprocess.run(canonym_cmd(args, "--version"), capture_output=True,
                             text=True).stdout.strip()
    log(f"canonym: {version} ({args.canonym})")
    build_s, build_out = run_canonym_build(args)
    log(f"  build {build_s:.2f} s -> {args.index}")
    # Accuracy comes from one batch of every query. For speed, the batch is repeated R times in
    # one process so that the query phase is long next to start-up (R from --repeat, or chosen
    # so the phase lasts ~1 s, at most 50); empty runs and timed batches alternate, --reps of
    # each, and the query phase is the median timed batch less the median empty run.
    startup0 = canonym_startup(args)
    wall0, recs = run_canonym_batch(args, queries)
    repeat = args.repeat or max(1, min(50, math.ceil(1.0 / max(wall0 - startup0, 0.02))))
    timed = queries * repeat
    startups, walls = [], []
    for i in range(max(args.reps, 1)):
        startups.append(canonym_startup(args))
        wall, _ = run_canonym_batch(args, timed, parse=False)
        walls.append(wall)
    startup_s, wall_s = statistics.median(startups), statistics.median(walls)
    query_s = wall_s - startup_s
    precise = query_s > 0.25 * wall_s
    if not precise:
        log("  warning: the batch takes little longer than start-up; queries/s is imprecise "
            "(raise --repeat)")
        query_s = max(query_s, 1e-3)
    answers, methods = [], []
    for r in recs:
        c = r.get("candidates") or []
        answers.append(c[0]["id"] if c else None)
        methods.append(c[0].get("method", "?") if c else "(none)")
    by_method = defaultdict(lambda: {k: [0, 0] for k in KINDS})
    for q, a, m in zip(queries, answers, methods):
        cell = by_method[m][q["kind"]]
        cell[0] += 1
        cell[1] += a is not None and a in q["expected"]
    by_method = {m: {k: {"n": n, "hits": h} for k, (n, h) in d.items()}
                 for m, d in sorted(by_method.items())}
    log(f"  {len(timed)} queries ({len(queries)} x {repeat}): wall {wall_s:.3f} s "
        f"(median of {len(walls)}), "
        f"start-up+open {startup_s:.3f} s")
    latency = measure_canonym_latency(args, queries, args.latency_sample, args.seed)
    return {
        "system": "canonym",
        "version": version,
        "command": " ".join(lookup_cmd(args)),
        "build_s": build_s,
        "build_output": build_out,
        "startup_s": startup_s,
        "startup_runs_s": startups,
        "wall_s": wall_s,
        "wall_runs_s": walls,
        "qps_precise": precise,
        "query_s": query_s,
        "repeat": repeat,
        "qps": len(timed) / query_s,
        "qps_incl_startup": len(timed) / wall_s,
        "n_queries": len(queries),
        "accuracy": score(queries, answers),
        "by_method": by_method,
        "latency": latency,
    }


# --------------------------------------------------------------------------- Python baselines

def build_choices(lexicon):
    """Folded alias -> IDs (lexicon order, deduplicated); insertion order = lexicon order."""
    t = time.perf_counter()
    table = {}
    for id_, alias in lexicon:
        key = fold(alias)
        if not key:
            continue
        ids = table.setdefault(key, [])
        if id_ not in ids:
            ids.append(id_)
    return table, time.perf_counter() - t


def run_dict(table, build_s, queries):
    first = {k: v[0] for k, v in table.items()}
    t = time.perf_counter()  # folding the query is part of the query phase, as in canonym
    answers = [first.get(fold(q["query"])) for q in queries]
    dt = time.perf_counter() - t
    return {
        "system": "dict",
        "description": "exact dict: unidecode(alias).lower(), collapsed spaces -> first ID",
        "build_s": build_s,
        "query_s": dt,
        "qps": len(queries) / dt,
        "n_queries": len(queries),
        "accuracy": score(queries, answers),
    }


def run_rapidfuzz(name, scorer, table, build_s, queries):
    keys = list(table.keys())
    ids = [table[k][0] for k in keys]
    answers = []
    t = time.perf_counter()
    for i, q in enumerate(queries):
        best = process.extractOne(fold(q["query"]), keys, scorer=scorer)
        answers.append(ids[best[2]] if best is not None else None)
        if (i + 1) % 500 == 0:
            el = time.perf_counter() - t
            log(f"  {name}: {i + 1}/{len(queries)} ({(i + 1) / el:.0f} q/s)")
    dt = time.perf_counter() - t
    return {
        "system": name,
        "description": f"rapidfuzz {rapidfuzz.__version__} process.extractOne(scorer="
                       f"{scorer.__name__}) over {len(keys)} folded aliases",
        "build_s": build_s,
        "query_s": dt,
        "qps": len(queries) / dt,
        "n_queries": len(queries),
        "accuracy": score(queries, answers),
    }


# --------------------------------------------------------------------------- report

def fmt_acc(cell, show_ci):
    if not cell or cell["acc"] is None:
        return "–"
    s = f"{cell['acc']:.3f}"
    if show_ci:
        lo, hi = cell["ci95"]
        s += f" ±{(hi - lo) / 2:.3f}"
    return s


def markdown(results):
    lines = ["| system | heldout | translit | typo | queries/s | build s |",
             "|---|---|---|---|---|---|"]
    for r in results:
        sampled = any(r["accuracy"][k]["n"] < r.get("_kind_totals", {}).get(k, 0)
                      for k in KINDS)
        ns = "/".join(str(r["accuracy"][k]["n"]) for k in KINDS)
        label = r["system"] + (f" (n={ns})" if sampled else "")
        qps = r["qps"]
        qps_s = f"{qps:,.0f}" if qps >= 100 else f"{qps:.1f}"
        if not r.get("qps_precise", True):
            qps_s += " (imprecise: batch ≈ start-up)"
        lines.append(f"| {label} | " + " | ".join(fmt_acc(r["accuracy"][k], sampled)
                                                  for k in KINDS)
                     + f" | {qps_s} | {r['build_s']:.2f} |")
    return "\n".join(lines)


def method_table(r):
    lines = ["| top method | heldout | translit | typo |", "|---|---|---|---|"]
    for m, d in r["by_method"].items():
        cells = []
        for k in KINDS:
            n, h = d[k]["n"], d[k]["hits"]
            cells.append(f"{h}/{n} ({h / n:.3f})" if n else "–")
        lines.append(f"| {m} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = REPO.parent / "shared" / "dev"
    ap.add_argument("--canonym", default=str(REPO / "target" / "release" / "canonym"),
                    help="canonym binary (default: %(default)s)")
    ap.add_argument("--lexicon", default=str(shared / "lexicon.csv"))
    ap.add_argument("--queries", default=str(shared / "queries.jsonl"))
    ap.add_argument("--index", default="/tmp/dev.idx", help="where canonym build writes")
    ap.add_argument("--min-score", type=float, default=0.0,
                    help="passed to canonym lookup (default 0: no cut-off)")
    ap.add_argument("--sample", type=int, default=0,
                    help="queries per kind for canonym and the dict (0 = all, the default)")
    ap.add_argument("--rf-sample", type=int, default=1000,
                    help="queries per kind for rapidfuzz (seeded; 0 = all; default %(default)s)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--reps", type=int, default=3,
                    help="canonym batch runs (and empty runs) whose medians are timed")
    ap.add_argument("--repeat", type=int, default=0,
                    help="times the query set is repeated in canonym's timed batch "
                         "(0 = auto: a ~1 s query phase, at most 50)")
    ap.add_argument("--latency-sample", type=int, default=300,
                    help="queries for canonym's single-query latency (0 = skip)")
    ap.add_argument("--latency-timeout", type=float, default=2.0,
                    help="seconds to wait for an interactive answer before falling back")
    ap.add_argument("--systems", default="canonym,dict,rapidfuzz-ratio,rapidfuzz-wratio",
                    help="comma-separated subset of canonym,dict,rapidfuzz-ratio,rapidfuzz-wratio")
    ap.add_argument("--out", default=str(HERE / "out" / "lookup.json"))
    args = ap.parse_args()
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]

    queries = load_queries(args.queries)
    totals = Counter(q["kind"] for q in queries)
    log(f"{len(queries)} queries: {dict(totals)}")
    main_q = sample_per_kind(queries, args.sample, args.seed)
    rf_q = sample_per_kind(queries, args.rf_sample, args.seed)
    log(f"sample sizes: canonym/dict {dict(Counter(q['kind'] for q in main_q))}, "
        f"rapidfuzz {dict(Counter(q['kind'] for q in rf_q))} (seed {args.seed})")

    results = []
    if "canonym" in systems:
        if not os.access(args.canonym, os.X_OK):
            sys.exit(f"no canonym binary at {args.canonym}: run `cargo build --release` "
                     "or pass --canonym PATH")
        results.append(run_canonym(args, main_q))

    table = build_s = None
    if any(s != "canonym" for s in systems):
        t = time.perf_counter()
        lexicon = load_lexicon(args.lexicon)
        read_s = time.perf_counter() - t
        table, fold_s = build_choices(lexicon)
        build_s = read_s + fold_s
        log(f"python baselines: {len(lexicon)} aliases -> {len(table)} folded choices "
            f"in {build_s:.2f} s (CSV read {read_s:.2f} s)")
    if "dict" in systems:
        results.append(run_dict(table, build_s, main_q))
    if "rapidfuzz-ratio" in systems:
        results.append(run_rapidfuzz("rapidfuzz-ratio", fuzz.ratio, table, build_s, rf_q))
    if "rapidfuzz-wratio" in systems:
        results.append(run_rapidfuzz("rapidfuzz-wratio", fuzz.WRatio, table, build_s, rf_q))

    for r in results:
        r["_kind_totals"] = dict(totals)

    print("## Lookup: top-1 accuracy per query kind\n")
    print(markdown(results))
    print()
    print("queries/s: query phase only, one process, one thread; canonym's figure is the query "
          "set repeated R times in one process, less the start-up + index open of an empty run "
          "(medians of --reps runs). build s: "
          "canonym = `canonym build` wall time; Python baselines = CSV read + fold + dedupe. "
          "Sampled rows (n=heldout/translit/typo) show a 95% Wilson half-width.")
    for r in results:
        if r["system"] == "canonym":
            print(f"\n{r['version']}: start-up + index open {r['startup_s'] * 1e3:.0f} ms; "
                  f"timed batch = {r['n_queries']} queries x {r['repeat']}; "
                  f"{r['qps_incl_startup']:,.0f} q/s including start-up.\n")
            print("### canonym accuracy by the top candidate's method\n")
            print(method_table(r))
            lat = r["latency"]
            if lat:
                print(f"\nsingle-query latency ({lat['method']}, n={lat['n']}): "
                      f"p50 {lat['p50_ms']:.2f} ms, p99 {lat['p99_ms']:.2f} ms, "
                      f"batch mean {1e6 / r['qps']:.2f} µs/query. {lat['note']}.")

    for r in results:
        r.pop("_kind_totals", None)
    out = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"nproc": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "versions": {"rapidfuzz": rapidfuzz.__version__},
        "git": subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True).stdout.strip(),
        "data": {"lexicon": args.lexicon, "queries": args.queries, "kind_totals": dict(totals)},
        "sampling": {"seed": args.seed, "main_per_kind": args.sample,
                     "rapidfuzz_per_kind": args.rf_sample},
        "results": results,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
    log(f"wrote {args.out}")


if __name__ == "__main__":
    main()
