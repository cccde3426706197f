#!/usr/bin/env python3
"""Metadata of pasted text against the same page's HTML, on the dev pages: how often the title,
date and byline read from the pasted text equal the ones read from the HTML (where the page
declares JSON-LD / og: metadata, the HTML side is mostly right). There is no gold metadata for
the dev pages; this is the check that finds pasted-text header mistakes. The source (outlet) is
compared loosely, as sites spell themselves many ways: it agrees when, spaces and case aside,
one of the two names contains the other or the page's domain name contains it (`Fox News` on
foxnews.com) and differs otherwise; it is counted on every page.
  usage: scripts/meta-agreement.py [--lang en] [--show]   (after cargo build --release)"""
import collections, json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
base = os.path.join(root, "..", "shared", "data", "extraction-dev")
lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en"
cases = [json.loads(l) for l in open(os.path.join(base, "cases.jsonl"))]
cases = [c for c in cases if lang == "all" or c["lang"] == lang]
exe = os.path.join(root, "target", "release", "presslens")


def analyse(key):
    files = [os.path.join(base, c[key]) for c in cases]
    out = subprocess.run([exe, "analyze", *files], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["articles"]


html, pasted = analyse("html_path"), analyse("pasted_path")
agree, differ, total = collections.Counter(), collections.Counter(), collections.Counter()
def squash(name):
    return (name or "").lower().replace(" ", "")


for c, h, p in zip(cases, html, pasted):
    got, want = squash(p["meta"].get("source")), squash(h["meta"].get("source"))
    domain = c["url"].split("/")[2].removeprefix("www.").split(".")[0]
    total["source"] += 1
    if got and ((want and (got in want or want in got)) or got in domain or domain in got):
        agree["source"] += 1
    elif got:
        differ["source"] += 1
        if "--show" in sys.argv:
            print(f"source: html {h['meta'].get('source')!r} | pasted {p['meta'].get('source')!r}")
    for field in ("title", "date", "byline"):
        want, got = h["meta"].get(field), p["meta"].get(field)
        if want is None:
            continue
        total[field] += 1
        if (got or "").lower() == want.lower():
            agree[field] += 1
        elif got is not None:
            differ[field] += 1
            if "--show" in sys.argv:
                print(f"{field}: html {want!r} | pasted {got!r}")
for field in ("title", "date", "byline", "source"):
    print(f"{field}: pasted agrees {agree[field]}/{total[field]}, differs {differ[field]}, missing {total[field] - agree[field] - differ[field]}")
