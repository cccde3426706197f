// The TypeScript declarations shipped with the module describe the real object: the analysis
// of the samples (plus an HTML page and an unreadable document) must type-check as `Analysis`
// under --strict, where object literals may have neither missing nor extra fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const PKG = join(ROOT, 'www', 'pkg');
const { initSync, analyze } = await import(join(PKG, 'presslens.js'));
initSync({ module: readFileSync(join(PKG, 'presslens_bg.wasm')) });

function typeCheck(value) {
  const dir = mkdtempSync(join(tmpdir(), 'presslens-types-'));
  const file = join(dir, 'check.ts');
  writeFileSync(file, `import type { Analysis } from ${JSON.stringify(join(PKG, 'presslens.js'))};\n` +
    `export const analysis: Analysis = ${JSON.stringify(value, null, 1)};\n`);
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--strict', '--exactOptionalPropertyTypes',
      '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return e.stdout.toString() + e.stderr.toString();
  }
}

test('the analysis object matches presslens.d.ts', () => {
  const seeds = readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt'));
  const documents = seeds.map((name) => ({ name, text: readFileSync(join(ROOT, 'seeds', name), 'utf8') }));
  documents.push({ name: 'page.html', text: '<html><head><title>T</title><meta property="og:url" content="https://example.org/a"></head><body><p>One sentence here.</p></body></html>' });
  documents.push({ name: 'empty.txt', bytes: new Uint8Array() });
  const analysis = analyze(documents, { sourceText: true });
  assert.equal(analysis.articles.length, seeds.length + 2);
  assert.equal(analysis.offsets, 'utf16');
  assert.equal(typeCheck(analysis), '');
});

test('the check catches a field the declarations do not have', () => {
  const analysis = analyze([{ name: 'a.txt', text: 'Some text.' }]);
  analysis.articles[0].meta.invented = 'x';
  assert.match(typeCheck(analysis), /invented/);
});
