#!/usr/bin/env python3
"""Generates the entity lexicons that come from open data (see Sources/WirewatchExtract/Lexicons/README.md).

countries.tsv     from Debian iso-codes (iso_3166-1.json), with the short names news uses
subdivisions.tsv  from Debian iso-codes (iso_3166-2.json), first-level units (and the UK's
                  counties and unitary authorities), without names
                  that wamerican lists as lower-case words
common.txt        words of Debian's wamerican dictionary that are written in lower case,
                  kept when they occur ten times or more in lower case in the development corpus dumps
                  (a frequency filter that keeps the list small)

Usage: Scripts/gen-lexicons.py [--corpus DIR]   (run from the repository root)
"""
import argparse
import collections
import json
import os
import re

ISO = "/usr/share/iso-codes/json"
DICT = "/usr/share/dict/american-english"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "WirewatchExtract", "Lexicons")

# The name news writes for a country where iso-codes' name is the formal one; extra short
# forms and abbreviations that iso-codes does not carry.
SHORT_NAME = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "CZ": "Czech Republic", "TR": "Turkey",
    "PS": "Palestine", "VA": "Vatican City", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "FM": "Micronesia", "BN": "Brunei", "CV": "Cape Verde", "SZ": "Eswatini", "MK": "North Macedonia",
    "CI": "Ivory Coast", "FK": "Falkland Islands", "VG": "British Virgin Islands",
    "VI": "US Virgin Islands", "KR": "South Korea", "KP": "North Korea", "TW": "Taiwan",
}
EXTRA_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"],
    "CZ": ["Czechia"], "TR": ["Türkiye", "Turkiye"], "CI": ["Côte d'Ivoire"],
    "CD": ["DR Congo", "DRC"], "NL": ["Holland"], "MM": ["Burma"], "AE": ["UAE", "Emirates"],
    "KP": ["DPRK"], "VN": ["Viet Nam"], "PS": ["State of Palestine"],
}
# Subdivision names that are ordinary English words or too ambiguous to tag on sight.
SUBDIVISION_SKIP = re.compile(r"[(),/]|\d")


def countries():
    data = json.load(open(os.path.join(ISO, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    rows = []
    for c in data:
        code = c["alpha_2"]
        name = SHORT_NAME.get(code) or c.get("common_name") or c["name"]
        aliases = [name]
        for key in ("name", "official_name", "common_name"):
            value = c.get(key)
            if value and "," not in value and "(" not in value:
                aliases.append(re.sub(r"^the ", "", value))
        aliases += EXTRA_ALIASES.get(code, [])
        seen = []
        for a in aliases:
            if a not in seen:
                seen.append(a)
        rows.append(f"{name}\t{'|'.join(seen[1:])}\t{code}")
    return rows


def subdivisions(common):
    data = json.load(open(os.path.join(ISO, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    rows = set()
    for s in data:
        # Second-level units only for the UK, whose counties and cities news names on their own.
        if "parent" in s and not s["code"].startswith("GB-"):
            continue
        name = s["name"]
        if SUBDIVISION_SKIP.search(name) or len(name) < 4:
            continue
        if name.lower() in common:
            continue
        rows.add(f"{name}\t{s['code'].split('-')[0]}")
    return sorted(rows)


def dictionary_words():
    words = set()
    for line in open(DICT, encoding="utf-8"):
        w = line.strip()
        if w and w.islower() and w.isalpha() and w.isascii():
            words.add(w)
    return words


def common_words(corpus):
    words = dictionary_words()
    counts = collections.Counter()
    text_dir = os.path.join(corpus, "text")
    for root, _, files in os.walk(text_dir):
        for name in files:
            if not name.endswith(".txt"):
                continue
            for token in re.findall(r"[a-z]+", open(os.path.join(root, name), encoding="utf-8", errors="replace").read()):
                counts[token] += 1
    return sorted(w for w in words if counts[w] >= 10 and len(w) > 2)


def main():
    parser = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus", "dev"))
    args = parser.parse_args()
    common = common_words(args.corpus)
    outputs = {
        "countries.tsv": countries(),
        "subdivisions.tsv": subdivisions(dictionary_words()),
        "common.txt": common,
    }
    for name, rows in outputs.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
        print(f"{name}: {len(rows)} lines")


if __name__ == "__main__":
    main()
