// The input panel: paste box, file picker, drag and drop, samples, and the list of documents.
import { el, replace } from '../dom.js';
import { state, update } from '../state.js';

/** Files above this size are not even read (the analyzer refuses anything over 16 MB anyway). */
const MAX_READ_BYTES = 200_000_000;

export function bindInput({ addDocuments, removeDocument, clearDocuments }) {
  const paste = document.getElementById('paste');
  const files = document.getElementById('files');

  const addPaste = () => {
    const text = paste.value;
    if (!text.trim()) {
      update({ status: 'error', message: 'The paste box is empty: paste an article first.' });
      return;
    }
    const count = state.documents.filter((d) => d.name.startsWith('pasted text')).length;
    addDocuments([{ name: count ? `pasted text ${count + 1}` : 'pasted text', text, size: text.length }]);
    paste.value = '';
  };
  document.getElementById('add-paste').addEventListener('click', addPaste);
  paste.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) addPaste();
  });

  files.addEventListener('change', async () => {
    addDocuments(await readFiles(files.files));
    files.value = '';
  });

  document.getElementById('samples').addEventListener('click', async () => {
    try {
      addDocuments(await loadSamples());
    } catch (error) {
      update({ status: 'error', message: `The samples could not be loaded: ${error.message}` });
    }
  });

  document.getElementById('clear').addEventListener('click', clearDocuments);

  document.getElementById('documents').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-remove]');
    if (button) removeDocument(Number(button.dataset.remove));
  });

  bindDrop(addDocuments);
}

async function readFiles(fileList) {
  const out = [];
  for (const file of fileList) {
    if (file.size > MAX_READ_BYTES) {
      update({ status: 'error', message: `${file.name} is ${(file.size / 1e6).toFixed(0)} MB: too large to be an article.` });
      continue;
    }
    out.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), size: file.size });
  }
  return out;
}

async function loadSamples() {
  const index = await fetch('seeds/index.json').then((r) => {
    if (!r.ok) throw new Error(`seeds/index.json: HTTP ${r.status}`);
    return r.json();
  });
  return Promise.all(
    index.map(async (name) => {
      const text = await fetch(`seeds/${encodeURIComponent(name)}`).then((r) => r.text());
      return { name, text, size: text.length };
    }),
  );
}

function bindDrop(addDocuments) {
  const hint = document.getElementById('drop-hint');
  let depth = 0;
  window.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    depth++;
    hint.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) hint.hidden = true;
  });
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    hint.hidden = true;
    if (e.dataTransfer?.files.length) addDocuments(await readFiles(e.dataTransfer.files));
  });
}

export function renderInput(s) {
  const items = s.documents.map((d) =>
    el('li', { class: 'document' },
      el('span', { class: 'name', title: d.name }, d.name),
      el('span', { class: 'size' }, formatSize(d.size)),
      el('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${d.name}`, dataset: { remove: d.id } }, '×')));
  replace(document.getElementById('documents'), items);
  document.getElementById('input').classList.toggle('has-documents', s.documents.length > 0);
  const status = document.getElementById('status');
  status.textContent = s.message;
  status.className = `status ${s.status}`;
}

function formatSize(n) {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}
