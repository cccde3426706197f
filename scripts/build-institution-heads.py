#!/usr/bin/env python3
"""Learn the words that end an institution's name (Ministry, Council, Party) from CoNLL-2003
train; writes src/tag/institution-heads.txt.

  python3 scripts/build-institution-heads.py [SHARED_DATA_DIR] > src/tag/institution-heads.txt

A word is kept when it ends an ORG name at least MIN_ENDS times, is inside an ORG name at least
PRECISION of the times it is capitalised in mid-sentence (so `Minister`, which precedes
names, is not), and is written in lowercase at least MIN_LOWER times (a common noun, not a
name of its own such as `Gazprom`). The training text is research-use: read here, never
committed; only the learned words are. Deterministic; stdlib only."""
import collections
import json
import os
import re
import sys

MIN_ENDS = 5
PRECISION = 0.9
MIN_LOWER = 5


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/data")
    ends, inside, capitalised, lower = (collections.Counter() for _ in range(4))
    with open(os.path.join(data, "conll2003/train.jsonl"), encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            org_word = {}  # start of each word inside an ORG name -> whether it ends the name
            for e in doc["entities"]:
                if e["label"] == "ORG":
                    for m in re.finditer(r"\S+", text[e["start"]:e["end"]]):
                        org_word[e["start"] + m.start()] = e["start"] + m.end() == e["end"]
            for m in re.finditer(r"\S+", text):
                w = m.group(0)
                if w[0].islower():
                    lower[w] += 1
                    continue
                sentence_start = m.start() == 0 or text[m.start() - 1] == "\n" or text[m.start() - 2:m.start()] == ". "
                if not w[0].isupper() or sentence_start:
                    continue
                capitalised[w] += 1
                if m.start() in org_word:
                    inside[w] += 1
                    ends[w] += org_word[m.start()]
    heads = [w for w in ends if ends[w] >= MIN_ENDS and inside[w] >= PRECISION * capitalised[w]
             and lower[w.lower()] >= MIN_LOWER]
    print("# Words that end institutions' names, learned from CoNLL-2003 train by")
    print("# scripts/build-institution-heads.py; one per line, most frequent first.")
    for w in sorted(heads, key=lambda w: (-ends[w], w)):
        print(w)


main()
