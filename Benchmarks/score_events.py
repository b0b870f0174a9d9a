#!/usr/bin/env python3
"""Scores quotes, figures and events of `wirewatch extract` against the hand
annotations of the samples (../shared/samples/expected/*.json).

Usage:
  Benchmarks/score_events.py                       # builds nothing; runs .build/release or debug wirewatch
  Benchmarks/score_events.py --wirewatch PATH      # a given binary
  Benchmarks/score_events.py --input out.jsonl     # score JSON lines made elsewhere
  Benchmarks/score_events.py -v                    # list every miss

Measures (per sample and in total):
  event type recall   expected events (types of SPEC §4's vocabulary; "other" is left
                      out) matched one-to-one to predicted events of the same type
  + actor & place     the same, where the actor also names the expected actor and the
                      location the expected one (an expected null place accepts any)
  event dates         expected ISO dates reproduced by a type-matched event
  quote speakers      expected quotes found (predicted text starts with the annotated
                      first words) with the right speaker; a missed quote counts wrong
  figure recall       expected figures whose value a predicted quantity carries

Names match when one equals the other or one of the annotated entity's aliases,
or when the words of one are contained in the other's (after dropping articles,
parenthetical notes and words such as "unnamed"), and demonyms count as their country.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VOCABULARY = {
    "missile_strike", "armed_attack", "air_attack_warning", "military_threat", "nuclear_threat", "troop_buildup",
    "troop_deployment", "military_training", "weapons_supply", "aid_pledge", "sanctions", "sanctions_threat",
    "embassy_closure", "travel_advisory", "diplomatic_visit", "diplomatic_meeting", "intent_to_meet", "accusation",
    "policy_change",
}
FILLER = {"the", "a", "an", "unnamed", "of", "and", "s", "in"}
DEMONYMS = {
    "american": "united states", "us": "united states", "u.s": "united states", "british": "united kingdom",
    "uk": "united kingdom", "britain": "united kingdom", "russian": "russia", "ukrainian": "ukraine",
    "canadian": "canada", "french": "france", "spanish": "spain", "italian": "italy", "greek": "greece",
    "north korean": "north korea", "german": "germany", "kiev": "kyiv",
}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "hundred": 100}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


def norm(text):
    text = (text or "").lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s.-]", " ", text)
    return " ".join(text.split())


def words(text):
    out = []
    for w in norm(text).replace("-", " ").split():
        w = DEMONYMS.get(w, w)
        out.extend(x for x in w.split() if x not in FILLER)
    return set(out)


def name_forms(name, entities):
    forms = {norm(name)}
    for entity in entities:
        if norm(entity["name"]) == norm(name):
            forms.update(norm(a) for a in entity.get("aliases", []))
    return {f for f in forms if f}


def same_name(predicted, expected, entities):
    if predicted is None or expected is None:
        return predicted is None and expected is None
    p = norm(predicted)
    forms = name_forms(expected, entities)
    if p in forms or DEMONYMS.get(p, p) in forms:
        return True
    pw = words(predicted)
    if not pw:
        return False
    for form in forms:
        fw = words(form)
        if fw and (pw <= fw or fw <= pw):
            return True
    return False


def value_of(text):
    t = norm((text or "").replace(",", ""))
    t = re.sub(r"^(around|about|up to|at least|more than|nearly|some|over)\s+", "", t)
    m = re.match(r"([0-9.]+)(?:th|st|nd|rd)?\s*(thousand|million|billion)?", t)
    if m:
        return float(m.group(1)) * SCALES.get(m.group(2), 1)
    first = t.split()[0] if t.split() else ""
    return float(NUMBER_WORDS[first]) if first in NUMBER_WORDS else None


def match_events(expected, predicted, entities, strict):
    used = set()
    hits = 0
    for e in expected:
        for n, p in enumerate(predicted):
            if n in used or p["type"] != e["type"]:
                continue
            if strict:
                if not same_name(p.get("actor"), e.get("actor"), entities):
                    continue
                if e.get("location") and not same_name(p.get("location"), e["location"], entities):
                    continue
            used.add(n)
            hits += 1
            break
    return hits


def score(article, expected, verbose):
    entities = expected.get("entities", [])
    report = {}
    wanted = [e for e in expected["events"] if e["type"] in VOCABULARY]
    got = article.get("events", [])
    report["events"] = len(wanted)
    report["predicted"] = len(got)
    report["type"] = match_events(wanted, got, entities, False)
    report["actor_place"] = match_events(wanted, got, entities, True)
    dated = [e for e in wanted if e.get("date")]
    report["dates"] = len(dated)
    report["dates_ok"] = sum(
        any(p["type"] == e["type"] and p.get("date") == e["date"] for p in got) for e in dated)
    report["other"] = len(expected["events"]) - len(wanted)

    quotes = article.get("quotes", [])
    report["quotes"] = len(expected["quotes"])
    report["quotes_found"] = 0
    report["speakers_ok"] = 0
    for q in expected["quotes"]:
        start = norm(q["text_start"])
        found = [p for p in quotes if norm(p["text"]).startswith(start)]
        if not found:
            if verbose:
                print(f"    quote missing: {q['text_start']!r}")
            continue
        report["quotes_found"] += 1
        if any(same_name(p.get("speaker"), q["speaker"], entities) for p in found):
            report["speakers_ok"] += 1
        elif verbose:
            print(f"    speaker wrong: {q['text_start']!r}: {found[0].get('speaker')!r} != {q['speaker']!r}")

    values = [x.get("value") for x in article.get("quantities", [])]
    report["figures"] = len(expected["quantities"])
    report["figures_ok"] = 0
    for f in expected["quantities"]:
        v = value_of(f["value"])
        if v is not None and any(abs(v - x) < 1e-6 for x in values if x is not None):
            report["figures_ok"] += 1
        elif verbose:
            print(f"    figure missing: {f['value']!r} ({f['what'][:50]})")
    if verbose:
        for e in wanted:
            same = [p for p in got if p["type"] == e["type"]]
            if not same:
                print(f"    event missing: {e['type']} ({e['summary'][:70]})")
            elif not any(same_name(p.get("actor"), e.get("actor"), entities)
                         and (not e.get("location") or same_name(p.get("location"), e["location"], entities))
                         for p in same):
                print(f"    event {e['type']} wants actor {e.get('actor')!r} place {e.get('location')!r}; got "
                      + "; ".join(f"{p.get('actor')!r}@{p.get('location')!r}" for p in same))
    return report


def ratio(a, b):
    return a / b if b else 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(ROOT, "..", "shared")))
    parser.add_argument("--wirewatch")
    parser.add_argument("--input")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    samples = os.path.join(args.shared, "samples")
    expected_files = sorted(glob.glob(os.path.join(samples, "expected", "*.json")))
    if args.input:
        lines = open(args.input, encoding="utf-8").read().splitlines()
    else:
        binary = args.wirewatch
        if not binary:
            for config in ("release", "debug"):
                candidate = os.path.join(ROOT, ".build", config, "wirewatch")
                if os.path.exists(candidate):
                    binary = candidate
                    break
        if not binary:
            sys.exit("no wirewatch binary: build it (swift build -c release --product wirewatch) or pass --wirewatch")
        dumps = [os.path.join(samples, os.path.basename(f)[:-5] + ".txt") for f in expected_files]
        lines = subprocess.run([binary, "extract", *dumps], check=True, capture_output=True, text=True).stdout.splitlines()
    articles = {}
    for line in lines:
        if line.strip():
            a = json.loads(line)
            articles[os.path.splitext(a["source"]["name"])[0]] = a

    totals = {}
    print(f"{'sample':<24}{'events':>7}{'type':>6}{'+a&p':>6}{'pred':>6}{'dates':>7}{'quotes':>8}"
          f"{'found':>7}{'spkr':>6}{'figs':>6}{'ok':>4}")
    for path in expected_files:
        stem = os.path.basename(path)[:-5]
        expected = json.load(open(path, encoding="utf-8"))
        if args.verbose:
            print(stem)
        r = score(articles.get(stem, {}), expected, args.verbose)
        for k, v in r.items():
            totals[k] = totals.get(k, 0) + v
        print(f"{stem:<24}{r['events']:>7}{r['type']:>6}{r['actor_place']:>6}{r['predicted']:>6}"
              f"{r['dates_ok']:>4}/{r['dates']:<2}{r['quotes']:>8}{r['quotes_found']:>7}{r['speakers_ok']:>6}"
              f"{r['figures']:>6}{r['figures_ok']:>4}")
    t = totals
    print()
    print(f"event type recall          {ratio(t['type'], t['events']):.3f}  ({t['type']}/{t['events']}; "
          f"{t['other']} events of type 'other' left out)")
    print(f"event type precision       {ratio(t['type'], t['predicted']):.3f}  ({t['type']}/{t['predicted']}, "
          "against annotations that do not list every event)")
    print(f"  with actor and place     {ratio(t['actor_place'], t['events']):.3f}  ({t['actor_place']}/{t['events']})")
    print(f"event dates                {ratio(t['dates_ok'], t['dates']):.3f}  ({t['dates_ok']}/{t['dates']})")
    print(f"quotes found               {ratio(t['quotes_found'], t['quotes']):.3f}  ({t['quotes_found']}/{t['quotes']})")
    print(f"quote speaker accuracy     {ratio(t['speakers_ok'], t['quotes']):.3f}  ({t['speakers_ok']}/{t['quotes']})")
    print(f"figure recall              {ratio(t['figures_ok'], t['figures']):.3f}  ({t['figures_ok']}/{t['figures']})")
    ok_events = ratio(t["type"], t["events"]) >= 0.80
    ok_quotes = t["speakers_ok"] == t["quotes"]
    print(f"target event-type recall >= 0.80: {'PASS' if ok_events else 'FAIL'}")
    print(f"target every quote's speaker right: {'PASS' if ok_quotes else 'FAIL'}")


if __name__ == "__main__":
    main()
