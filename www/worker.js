// The analysis worker: loads the wasm module once, then answers one message per job:
// {id, documents, options} in, {id, progress} while working and {id, analysis} or {id, error} out.
import init, { analyze, version } from './pkg/presslens.js';

const ready = init().then(
  () => {
    // Load the tagger's model now, not on the user's first analysis.
    analyze([{ name: 'warm-up.txt', text: 'The council met in Paris on Monday.' }], { clean: false });
    self.postMessage({ ready: true, version: version() });
  },
  (error) => self.postMessage({ fatal: `the analyzer could not be loaded: ${error?.message ?? error}` }),
);

self.onmessage = async (event) => {
  const { id, documents, options } = event.data;
  try {
    await ready;
    self.postMessage({ id, progress: `analysing ${documents.length} document${documents.length === 1 ? '' : 's'}…` });
    const started = performance.now();
    const analysis = analyze(documents, options ?? {});
    self.postMessage({ id, analysis, millis: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, error: String(error?.message ?? error) });
  }
};
