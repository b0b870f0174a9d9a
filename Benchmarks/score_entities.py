#!/usr/bin/env python3
"""Document-level entity precision, recall and F1 by type against the samples' hand annotations.

Usage: score_entities.py [--expected DIR] [--types PER,LOC,ORG] [--quiet] FILE.jsonl...

Each input line is a SPEC §4 object (`wirewatch extract` output, or the same shape from
another tool: `source.name` and `entities` with `name`, `type`, `aliases`); it is scored
against `DIR/<stem>.json` (`expected/` of the samples).

Matching, per document:
- surface forms are compared after normalising (case, curly quotes, dots, a leading
  "the", a trailing possessive); an entity's forms are its name and its aliases;
- a predicted and an annotated entity match when their types agree and they share a form;
  each annotated entity matches at most one predicted entity (greedy, largest overlap first);
- an annotated demonym (type MISC) also counts as found when a predicted entity lists the
  demonym among its forms (SPEC §4 joins "Russian forces" to Russia), and a predicted place
  that lists an annotated demonym counts as correct;
- annotated entities marked `nominal` and predicted entities marked `nominal` are left out,
  as are predicted entities that match an annotated nominal one.
Precision is over predicted entities of a type, recall over annotated ones; "all" is the
micro average over the types scored.
"""
import argparse
import collections
import json
import os
import re
import sys

TYPES = ["PER", "LOC", "ORG", "WEAPON", "MISC"]


def norm(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ").lower()
    s = s.replace(".", "")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"'s$", "", s)
    return s


def forms(entity):
    return {norm(x) for x in [entity.get("name", "")] + list(entity.get("aliases") or []) if x}


def score_document(predicted, gold, types):
    annotated = list(gold)
    nominal_gold = [g for g in gold if g.get("nominal")]
    gold = [g for g in gold if not g.get("nominal") and g["type"] in types]
    pred = [p for p in predicted if not p.get("nominal")]
    pred = [p for p in pred if not any(forms(p) & forms(n) for n in nominal_gold)]
    gold_demonym_ok = {"MISC"}  # annotated demonyms may be found inside a country's forms
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p["type"] == g["type"]:
                overlap = len(forms(p) & forms(g))
                if overlap:
                    pairs.append((overlap, i, j))
    pairs.sort(key=lambda x: -x[0])
    pred_ok, gold_ok = set(), set()
    for _, i, j in pairs:
        if i not in pred_ok and j not in gold_ok:
            pred_ok.add(i)
            gold_ok.add(j)
    for j, g in enumerate(gold):
        if j in gold_ok or g["type"] not in gold_demonym_ok:
            continue
        for i, p in enumerate(pred):
            if p["type"] != g["type"] and forms(p) & forms(g):
                gold_ok.add(j)
                pred_ok.add(i)
                break
    # A country entity that lists an annotated demonym ("British" as an alias of the United
    # Kingdom) is what SPEC §4 asks for, even when the demonym was also found on its own.
    demonyms = set()
    for g in annotated:
        if g["type"] == "MISC" and not g.get("nominal"):
            demonyms |= forms(g)
    for i, p in enumerate(pred):
        if i not in pred_ok and p["type"] == "LOC" and forms(p) & demonyms:
            pred_ok.add(i)
    counts = collections.defaultdict(lambda: [0, 0, 0, 0])  # pred, pred_ok, gold, gold_ok
    misses = []
    for i, p in enumerate(pred):
        if p["type"] in types:
            counts[p["type"]][0] += 1
            counts[p["type"]][1] += i in pred_ok
            if i not in pred_ok:
                misses.append(("extra", p["type"], p["name"], p.get("aliases")))
    for j, g in enumerate(gold):
        counts[g["type"]][2] += 1
        counts[g["type"]][3] += j in gold_ok
        if j not in gold_ok:
            misses.append(("missed", g["type"], g["name"], g.get("aliases")))
    return counts, misses


def prf(c):
    p = c[1] / c[0] if c[0] else 0.0
    r = c[3] / c[2] if c[2] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser()
    parser.add_argument("--expected", default=os.path.join(here, "..", "..", "shared", "samples", "expected"))
    parser.add_argument("--types", default=",".join(TYPES))
    parser.add_argument("--quiet", action="store_true", help="only the table")
    parser.add_argument("--label", default="wirewatch")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    types = args.types.split(",")
    total = collections.defaultdict(lambda: [0, 0, 0, 0])
    documents = 0
    for path in args.files:
        for line in open(path, encoding="utf-8"):
            line = line.strip()
            if not line:
                continue
            article = json.loads(line)
            if "source" not in article:
                continue
            stem = os.path.splitext(article["source"]["name"])[0]
            expected = os.path.join(args.expected, stem + ".json")
            if not os.path.exists(expected):
                continue
            gold = json.load(open(expected, encoding="utf-8"))["entities"]
            counts, misses = score_document(article.get("entities") or [], gold, types)
            documents += 1
            for t, c in counts.items():
                for k in range(4):
                    total[t][k] += c[k]
            if not args.quiet:
                for kind, t, name, aliases in misses:
                    print(f"  {stem[:3]} {kind:6} {t:6} {name} {aliases}", file=sys.stderr)
    if documents == 0:
        print("score_entities: no input line matched an annotated sample", file=sys.stderr)
        sys.exit(2)
    print(f"{args.label}: {documents} documents")
    print(f"{'type':8}{'P':>7}{'R':>7}{'F1':>7}{'pred':>6}{'gold':>6}")
    micro = [0, 0, 0, 0]
    for t in types:
        c = total[t]
        for k in range(4):
            micro[k] += c[k]
        p, r, f = prf(c)
        print(f"{t:8}{p:7.3f}{r:7.3f}{f:7.3f}{c[0]:6}{c[2]:6}")
    p, r, f = prf(micro)
    print(f"{'all':8}{p:7.3f}{r:7.3f}{f:7.3f}{micro[0]:6}{micro[2]:6}")


if __name__ == "__main__":
    main()
