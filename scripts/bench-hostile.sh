#!/usr/bin/env bash
# Hostile and huge inputs through `presslens analyze`: each must finish (60 s cap) without a
# crash, in bounded memory. Prints seconds, peak memory and what came out, per input.
#   bash scripts/bench-hostile.sh            (after cargo build --release)
set -uo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import os, random, sys
d = sys.argv[1]
random.seed(1)
prose = "The central bank raised its main interest rate by half a point on Tuesday, officials said. "
files = {
    "long-line.txt": "a" * 15_000_000,
    "many-lines.txt": "Short line here\n" * 200_000,
    "prose-7MB.txt": ((prose * 20) + "\n\n") * 3_000,
    "capitalised.txt": " ".join(random.choice(["Alpha", "Beta", "Gamma", "Delta", "and", "of", "The"]) for _ in range(1_000_000)),
    "quote-marks.txt": '"He said ' * 200_000,
    "brackets.md": "[" * 3_000_000 + "](" * 1_000_000,
    "nested.html": "<div>" * 200_000 + "text" + "</div>" * 200_000,
    "unclosed.html": '<p class="x">' + "<b>" * 500_000 + "hi" + '<a href="' * 10_000,
    "entities.html": "<p>" + "&amp;" * 2_000_000 + "</p>",
    "random.bin": bytes(random.getrandbits(8) for _ in range(2_000_000)),
    "mixed-bytes.txt": bytes(random.choice(b"abc \n\xe9\xc3\xa9\x80") for _ in range(3_000_000)),
}
for name, content in files.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(content.encode() if isinstance(content, str) else content)
PY
printf '%-18s %8s %8s  %s\n' input seconds "peak MB" result
for f in "$dir"/*; do
  name=$(basename "$f")
  if /usr/bin/time -f '%e %M' -o "$dir/.time" timeout 60 target/release/presslens analyze "$f" > "$dir/.out" 2>/dev/null; then
    read -r secs kb < "$dir/.time"
    summary=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["articles"][0]; print(a.get("error") or "body %d chars, %d entities, %d quotes, %d removed" % (len(a["body"]), len(a["entities"]), len(a["quotes"]), len(a["removed"])))' "$dir/.out")
    printf '%-18s %8s %8d  %s\n' "$name" "$secs" $((kb / 1024)) "$summary"
  else
    printf '%-18s %8s %8s  %s\n' "$name" ">60" "-" "FAILED or timed out"
  fi
done
