#!/usr/bin/env python3
"""Learn acronym expansions (US -> United States) from newswire; writes src/resolve/aliases.tsv.

  python3 scripts/build-aliases.py [SHARED_DATA_DIR] > src/resolve/aliases.tsv

Reads the unlabeled Reuters-21578 articles and the CoNLL-2003 training text from
../shared/data (research-use text: read here, never committed; only the learned pairs are).
In every article, each acronym (`EU`, `U.S.`) is paired with the whole capitalised names of the
same article whose initials spell it (`European Union`). An expansion is kept when at least
MIN_DOCS articles pair them and it takes at least DOMINANCE of all the acronym's pairings.
Deterministic; stdlib only."""
import collections
import json
import os
import re
import sys

MIN_DOCS = 5
DOMINANCE = 0.6
ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,6}|\b[A-Z]{2,6}\b")
WORD = r"[A-Z][A-Za-z]*[a-z][A-Za-z]*"  # capitalised, not all capitals: McDonnell, Union
PHRASE = re.compile(rf"\b{WORD}(?:\s+(?:(?:of|and|for|the|de|on)\s+)?{WORD})*\b")
JOINERS = {"of", "and", "for", "the", "de", "on"}
TICKER = re.compile(r"<[^<>\n]{1,12}>")


def initials(words):
    return "".join(w[0] for w in words if w[0].isupper())


def phrases(text):
    """Every maximal run of capitalised words (joiners allowed inside), without a leading `The`:
    only whole names, so `Douglas Corp` in `McDonnell Douglas Corp` does not count."""
    out = set()
    for m in PHRASE.finditer(text):
        words = m.group(0).split()
        if words[0] == "The":
            words = words[1:]
        if len(words) >= 2:
            out.add(" ".join(words))
    return out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
    sources = [os.path.join(data, "unlabeled", "reuters21578.jsonl"), os.path.join(data, "conll2003", "train.detok.jsonl")]
    pairs = collections.Counter()
    for path in sources:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                letters = [c for c in text if c.isalpha()]
                if sum(c.isupper() for c in letters) > 0.5 * len(letters):
                    continue  # all-caps tables and headlines make every word an acronym
                # stock tickers (`American Can Co <AC>`) are codes, not acronyms used in prose
                prose = TICKER.sub(" ", text)
                acronyms = {a.replace(".", "") for a in ACRONYM.findall(prose)}
                if not acronyms:
                    continue
                for p in phrases(text):
                    a = initials(p.split())
                    if a in acronyms:
                        pairs[(a, p)] += 1
    by_acronym = collections.defaultdict(list)
    for (a, p), n in pairs.items():
        by_acronym[a].append((n, p))
    print("# acronym\texpansion\tarticles pairing them (built by scripts/build-aliases.py)")
    for a in sorted(by_acronym):
        candidates = sorted(by_acronym[a], key=lambda x: (-x[0], x[1]))
        n, p = candidates[0]
        if n >= MIN_DOCS and n >= DOMINANCE * sum(c for c, _ in candidates):
            print(f"{a}\t{p}\t{n}")


if __name__ == "__main__":
    main()
