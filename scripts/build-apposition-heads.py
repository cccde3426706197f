#!/usr/bin/env python3
"""Learn the nouns that make an apposition name an organisation (`Acme, the country's largest
arms maker,` -> `maker`? `Acme, a unit of Globex,` -> `unit`) from the unlabeled Reuters
newswire; writes src/tag/apposition-heads.txt.

  python3 scripts/build-apposition-heads.py [SHARED_DATA_DIR] > src/tag/apposition-heads.txt

Needs `target/release/presslens` (cargo build --release): the corpus has no labels, so the
shipped tagger labels it, and a name's label is the one the tagger gives most of its mentions
*outside* appositions (at least MIN_MENTIONS, at least AGREEMENT of them). For each apposition
after such a name, its head noun counts one for that label. A noun is kept when it heads
appositions of organisations at least MIN_ORG times and at least PRECISION of all its
appositions. The apposition is read exactly as `src/tag/appositions.rs` reads it (`parse`
below mirrors `apposition_head` there). The corpus is research-use text: read here, never
committed; only the learned words are. SHOW_COUNTS=1 prints each noun's counts to stderr.
Deterministic; stdlib only."""
import collections
import json
import os
import subprocess
import sys

MIN_MENTIONS = 2
AGREEMENT = 0.8
MIN_ORG = 3
PRECISION = 0.75

DETERMINERS = {"the", "a", "an", "its", "their"}
TAIL_WORDS = {"of", "in", "for", "based", "owned", "with", "at", "from", "on"}
REPORTING = {"said", "says"}
MAX_OWNER_WORDS = 4
MAX_MODIFIERS = 5
MAX_TAIL_WORDS = 10
CLOSERS = ",;."


def is_lower_word(w):
    return w[:1].islower() and all(c.isalpha() or c == "-" for c in w)


def possessive(w):
    for s in ("'s", "’s"):
        if w.endswith(s) and len(w) > len(s):
            return True
    return False


def parse(after):
    """The head noun of an apposition opening `after` (the text right after a name), or None."""
    if not after.startswith(", "):
        return None
    words = after[2:].split(" ")
    i = 0
    owner = False
    owned_by_the = words[0] == "the" and len(words) > 1 and possessive(words[1])
    if words[0] in DETERMINERS and not owned_by_the:
        i = 1
        owner = words[0] in ("its", "their")
    else:
        # An owner's possessive: `Freedonia's`, `the world's`, `Acme Corp's`.
        owner_words = 0
        while True:
            if i >= len(words):
                return None
            w = words[i]
            i += 1
            if possessive(w):
                break
            owner_words += 1
            if owner_words == MAX_OWNER_WORDS or not (w[:1].isupper() or (owner_words == 1 and w == "the")):
                return None
        owner = True
    start = i
    while i < len(words) and i - start <= MAX_MODIFIERS:
        w = words[i]
        bare = w.rstrip(CLOSERS)
        if not is_lower_word(bare) or bare in REPORTING:
            return None
        if bare != w:
            return bare
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in REPORTING:
            return bare if owner else None
        if nxt in TAIL_WORDS:
            for tail in words[i + 2:i + 2 + MAX_TAIL_WORDS]:
                if tail[-1:] in CLOSERS:
                    return bare
            return None
        i += 1
    return None


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/data")
    root = os.path.join(os.path.dirname(__file__), "..")
    docs = []
    with open(os.path.join(data, "unlabeled/reuters21578.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            docs.append({"id": d["id"], "text": d["text"]})
    run = subprocess.run([os.path.join(root, "target/release/presslens"), "ner"],
                         input="".join(json.dumps(d) + "\n" for d in docs),
                         capture_output=True, text=True, check=True)
    mentions = collections.defaultdict(collections.Counter)
    appositions = []
    for doc, out in zip(docs, run.stdout.splitlines()):
        text = doc["text"]
        for e in json.loads(out)["entities"]:
            if e["label"] not in ("PER", "ORG", "LOC", "MISC"):
                continue
            head = parse(text[e["end"]:e["end"] + 400])
            if head:
                appositions.append((e["text"], head))
            else:
                mentions[e["text"]][e["label"]] += 1
    heads = collections.defaultdict(collections.Counter)
    for name, head in appositions:
        seen = mentions.get(name)
        if not seen or sum(seen.values()) < MIN_MENTIONS:
            continue
        label, n = seen.most_common(1)[0]
        if n >= AGREEMENT * sum(seen.values()):
            heads[head][label] += 1
    kept = [h for h, c in heads.items() if c["ORG"] >= MIN_ORG and c["ORG"] >= PRECISION * sum(c.values())]
    if os.environ.get("SHOW_COUNTS"):
        for h, c in sorted(heads.items(), key=lambda kv: -sum(kv[1].values()))[:60]:
            print(h, dict(c), file=sys.stderr)
    print("# Nouns heading appositions that name an organisation, learned from the Reuters")
    print("# newswire by scripts/build-apposition-heads.py; one per line.")
    for h in sorted(kept):
        print(h)


main()
