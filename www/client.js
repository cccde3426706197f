// A promise wrapper around the analysis worker: one request in, progress and one Analysis out.

export class AnalysisClient {
  constructor(url = new URL('./worker.js', import.meta.url)) {
    this.worker = new Worker(url, { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.worker.addEventListener('error', (e) => this.fail(e.message || 'the analysis worker failed to start'));
    this.worker.onmessage = (event) => this.receive(event.data);
  }

  fail(message) {
    const error = new Error(message);
    this.readyReject(error);
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }

  receive(message) {
    if (message.ready) return this.readyResolve(message.version);
    if (message.fatal) return this.fail(message.fatal);
    const job = this.pending.get(message.id);
    if (!job) return;
    if (message.progress) return job.onProgress?.(message.progress);
    this.pending.delete(message.id);
    if (message.error) job.reject(new Error(message.error));
    else job.resolve({ analysis: message.analysis, millis: message.millis });
  }

  /** Analyses documents ({name, text} or {name, bytes}) as one story. */
  analyze(documents, options = {}, onProgress) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, documents, options });
    });
  }
}
