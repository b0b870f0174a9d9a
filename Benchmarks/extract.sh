#!/usr/bin/env bash
# Side-by-side benchmark of `wirewatch extract` and trafilatura on the development
# corpus (issue 3, "Measured targets"): body precision/recall/F1 from score.py, speed on
# one core (whole process, median of RUNS), peak RSS, and a flat-memory check.
# Usage: Benchmarks/extract.sh   (see Benchmarks/README.md for the columns)
set -euo pipefail

runs=${RUNS:-3}
core=${CORE:-0}
trafilatura_version=${TRAFILATURA_VERSION:-2.3.1}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
# The shared folder sits beside the repository (../shared); $SHARED overrides it for
# checkouts that live elsewhere.
if [[ -d "$repo/../shared/corpus/dev" ]]; then
    shared=$(cd "$repo/../shared" && pwd)
elif [[ -n "${SHARED:-}" && -d "$SHARED/corpus/dev" ]]; then
    shared=$(cd "$SHARED" && pwd)
else
    echo "extract.sh: no corpus at $repo/../shared/corpus/dev; set SHARED to the shared folder" >&2
    exit 2
fi
corpus="$shared/corpus/dev"
converters=(chromium lynx w3m inscriptis)

work=$(mktemp -d "${TMPDIR:-/tmp}/wirewatch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------
if ! python3 -c 'import trafilatura' 2>/dev/null; then
    say "installing trafilatura==$trafilatura_version from PyPI"
    # lxml >= 5.2 moved the HTML cleaner, which trafilatura's justext fallback imports, into lxml_html_clean.
    python3 -m pip install -q "trafilatura==$trafilatura_version" lxml_html_clean >&2
fi
traf_version=$(python3 -c 'import trafilatura; print(trafilatura.__version__)')
command -v taskset >/dev/null || { say "extract.sh: taskset (util-linux) is required"; exit 2; }

say "building wirewatch (release)"
wirewatch=$("$repo/Scripts/release.sh")
ww_version=$("$wirewatch" --version 2>/dev/null || echo unknown)

# --- measuring ---------------------------------------------------------------------
# timed OUT_PREFIX CMD...: runs CMD on one core `runs` times; stdout of the first run goes
# to OUT_PREFIX.out; prints "median_cpu_seconds median_wall_seconds max_rss_kib". CPU time
# (user + system of the whole process) is what the speed columns use: on a shared machine
# other jobs on the same core inflate wall time but not the process's own CPU time.
# rusage.py reads both from wait4 in microseconds (GNU time rounds CPU to 10 ms, a tenth
# of a text-dump run).
timed() {
    local prefix=$1
    shift
    local walls=() cpus=() rss=0 i cpu wall kib
    for ((i = 0; i < runs; i++)); do
        read -r cpu wall kib < <(python3 "$here/rusage.py" "$prefix.run$i" "$prefix.err" taskset -c "$core" "$@" || true)
        walls+=("$wall")
        cpus+=("$cpu")
        ((kib > rss)) && rss=$kib
        if ((i == 0)); then mv "$prefix.run$i" "$prefix.out"; else rm -f "$prefix.run$i"; fi
    done
    printf '%s %s %s\n' "$(median "${cpus[@]}")" "$(median "${walls[@]}")" "$rss"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# score PREDICTIONS [DUMPS]: "precision recall f1" from score.py.
score() {
    local extra=()
    [[ -n "${2:-}" ]] && extra=(--dumps "$2")
    python3 "$corpus/score.py" "$1" "${extra[@]}" |
        sed -n 's/.*precision=\([0-9.]*\) recall=\([0-9.]*\) f1=\([0-9.]*\).*/\1 \2 \3/p'
}

# Input bytes as the extractors see them (gzip undone), for MB/s.
input_bytes() { python3 - "$@" <<'EOF'
import gzip, sys
total = 0
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    total += len(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
print(total)
EOF
}

results="$work/results.tsv"
printf 'input\ttool\tpages\tbytes\tprecision\trecall\tf1\tcpu\twall\trss_kib\n' >"$results"

# gather KEY FILE...: a folder holding just these pages (hard links where the file system
# allows, else copies), printed. The corpus folders also hold a _meta.json.
gather() {
    local folder="$work/pages/$1"
    shift
    mkdir -p "$folder"
    ln "$@" "$folder/" 2>/dev/null || cp "$@" "$folder/"
    printf '%s\n' "$folder"
}

# bench KIND LABEL DUMPS_DIR FILE...
bench() {
    local kind=$1 label=$2 dumps=$3
    shift 3
    local pages=$# bytes t wall rss quality key=${label//\//-} folder
    bytes=$(input_bytes "$@")
    # wirewatch is given the folder of pages, as a user hands it a folder of dumps: a list
    # of file arguments costs it about 30 µs of argument parsing per file (see README).
    folder=$(gather "$key" "$@")
    # "wirewatch" does what trafilatura does (body and metadata: --article-only);
    # "wirewatch+facts" is the whole SPEC §4 object, with entities, quotes, figures and events.
    say "  $label: wirewatch --article-only"
    read -r t wall rss < <(timed "$work/ww-$key" "$wirewatch" extract --article-only "$folder")
    quality=$(score "$work/ww-$key.out" "$dumps")
    printf '%s\twirewatch\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$pages" "$bytes" "${quality// /$'\t'}" "$t" "$wall" "$rss" >>"$results"
    say "  $label: wirewatch (with facts)"
    read -r t wall rss < <(timed "$work/wf-$key" "$wirewatch" extract "$folder")
    quality=$(score "$work/wf-$key.out" "$dumps")
    printf '%s\twirewatch+facts\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$pages" "$bytes" "${quality// /$'\t'}" "$t" "$wall" "$rss" >>"$results"
    say "  $label: trafilatura"
    read -r t wall rss < <(timed "$work/tr-$key" python3 "$here/trafilatura_run.py" "$kind" "$work/tr-$key.d" "$folder"/*)
    quality=$(score "$work/tr-$key.d" "$dumps")
    printf '%s\ttrafilatura\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$pages" "$bytes" "${quality// /$'\t'}" "$t" "$wall" "$rss" >>"$results"
}

say "running (core $core, median of $runs)"
bench html html "" "$corpus"/html/*.html.gz
for converter in "${converters[@]}"; do
    bench text "text/$converter" "$corpus/text/$converter" "$corpus/text/$converter"/*.txt
done

# Flat memory: the same process over the corpus once and four times over.
say "  peak RSS, corpus x1 and x4"
flat="$work/flat.tsv"
: >"$flat"
for label in html text/chromium; do
    folder="$work/pages/${label//\//-}"
    read -r _ _ one < <(runs=1 timed "$work/x1" "$wirewatch" extract "$folder")
    read -r _ _ four < <(runs=1 timed "$work/x4" "$wirewatch" extract "$folder" "$folder" "$folder" "$folder")
    printf '%s\t%s\t%s\n' "$label" "$one" "$four" >>"$flat"
done

# --- report ------------------------------------------------------------------------
python3 - "$results" "$flat" "$traf_version" "$ww_version" "$runs" "$core" <<'EOF'
import csv, sys

results, flat, traf, ww, runs, core = sys.argv[1:]
rows = list(csv.DictReader(open(results), delimiter="\t"))
print(f"wirewatch {ww} vs trafilatura {traf}; one core (taskset -c {core}), whole process, median of {runs} runs;")
print("speed from CPU time (user+sys); wall = median elapsed seconds; MB = 10^6 bytes of input after gunzip")
print("wirewatch = `extract --article-only` (body and metadata, the work trafilatura does);")
print("wirewatch+facts = `extract` (adds entities, quotes, figures and events; the targets below are not checked on it)")
print()
head = ("input", "tool", "P", "R", "F1", "pages/s", "MB/s", "CPU s", "wall s", "peak RSS MiB")
line = "| " + " | ".join(head) + " |"
print(line)
print("|" + "|".join("---" for _ in head) + "|")
by = {}
for r in rows:
    s = max(float(r["cpu"]), 0.01)
    r["pps"] = int(r["pages"]) / s
    r["mbs"] = int(r["bytes"]) / 1e6 / s
    r["mib"] = int(r["rss_kib"]) / 1024
    by[(r["input"], r["tool"])] = r
    print(f"| {r['input']} | {r['tool']} | {r['precision']} | {r['recall']} | {r['f1']} | "
          f"{r['pps']:.1f} | {r['mbs']:.2f} | {float(r['cpu']):.3f} | {float(r['wall']):.3f} | {r['mib']:.1f} |")
print()
print("| input | tool | F1 − trafilatura | speed / trafilatura | RSS / trafilatura |")
print("|---|---|---|---|---|")
for (inp, tool), w in by.items():
    if not tool.startswith("wirewatch") or (inp, "trafilatura") not in by:
        continue
    t = by[(inp, "trafilatura")]
    print(f"| {inp} | {tool} | {float(w['f1']) - float(t['f1']):+.3f} | {w['pps'] / t['pps']:.1f}× | {w['mib'] / t['mib']:.2f}× |")
print()
print("| input | wirewatch peak RSS, corpus ×1 | corpus ×4 | ×4 / ×1 |")
print("|---|---|---|---|")
for label, one, four in csv.reader(open(flat), delimiter="\t"):
    print(f"| {label} | {int(one) / 1024:.1f} MiB | {int(four) / 1024:.1f} MiB | {int(four) / int(one):.2f} |")
print()
html = by.get(("html", "wirewatch")), by.get(("html", "trafilatura"))
checks = []
if all(html):
    checks.append(("HTML pages/s >= 10x trafilatura", html[0]["pps"] >= 10 * html[1]["pps"]))
    checks.append(("HTML F1 >= 0.95", float(html[0]["f1"]) >= 0.95))
for (inp, tool), w in by.items():
    if tool == "wirewatch" and inp.startswith("text/"):
        checks.append((f"{inp} >= 20 MB/s", w["mbs"] >= 20))
        checks.append((f"{inp} F1 >= 0.90", float(w["f1"]) >= 0.90))
for label, one, four in csv.reader(open(flat), delimiter="\t"):
    checks.append((f"{label} peak RSS flat (x4 within 1.25 of x1)", int(four) <= 1.25 * int(one)))
for name, ok in checks:
    print(f"{'PASS' if ok else 'FAIL'}  {name}")
EOF
