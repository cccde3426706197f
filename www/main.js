// Composition root: the store, the worker client and the views, wired together.
import { state, update, subscribe, newDocumentId } from './state.js';
import { AnalysisClient } from './client.js';
import { bindInput, renderInput } from './views/input.js';
import { bindResults, renderResults } from './views/results.js';

const client = new AnalysisClient();
client.ready.then(
  (version) => { document.getElementById('version').textContent = version; },
  (error) => update({ status: 'error', message: error.message }),
);

/** Analyses every document as one story whenever the set changes. */
let generation = 0;
async function analyseAll() {
  const mine = ++generation;
  if (state.documents.length === 0) {
    update({ analysis: null, status: 'idle', message: '' });
    return;
  }
  const docs = state.documents.map(({ name, text, bytes }) => (bytes ? { name, bytes } : { name, text }));
  update({ status: 'working', message: 'analysing…' });
  try {
    const { analysis, millis } = await client.analyze(docs, { sourceText: true }, (progress) => mine === generation && update({ message: progress }));
    if (mine !== generation) return;
    const failed = analysis.articles.filter((a) => a.error).length;
    const n = analysis.articles.length;
    const message = `${n} document${n === 1 ? '' : 's'} analysed in ${millis.toFixed(0)} ms` + (failed ? ` · ${failed} could not be read` : '');
    const selected = typeof state.selected === 'number' && state.selected < n ? state.selected : 0;
    update({ analysis, status: 'done', message, selected, focusEntity: null });
  } catch (error) {
    if (mine === generation) update({ status: 'error', message: error.message });
  }
}

function addDocuments(documents) {
  const added = documents.map((d) => ({ id: newDocumentId(), ...d }));
  update({ documents: [...state.documents, ...added], selected: state.documents.length });
  analyseAll();
}

function removeDocument(id) {
  update({ documents: state.documents.filter((d) => d.id !== id), selected: 0 });
  analyseAll();
}

function clearDocuments() {
  update({ documents: [], selected: 0 });
  analyseAll();
}

bindInput({ addDocuments, removeDocument, clearDocuments });
bindResults();
subscribe(renderInput);
subscribe(renderResults);
renderInput(state);
