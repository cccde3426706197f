// The one mutable store. Views read it and call `update`; subscribers re-render.

const listeners = new Set();

/** @type {{
 *   documents: {id: number, name: string, text?: string, bytes?: Uint8Array, size: number}[],
 *   analysis: import('./pkg/presslens.js').Analysis | null,
 *   status: 'idle' | 'working' | 'done' | 'error',
 *   message: string,
 *   selected: number | 'story',
 *   focusEntity: number | null,
 *   showRemoved: boolean,
 * }} */
export const state = {
  documents: [],
  analysis: null,
  status: 'idle',
  message: '',
  selected: 0,
  focusEntity: null,
  showRemoved: false,
};

let nextId = 1;

export function newDocumentId() {
  return nextId++;
}

export function update(changes) {
  Object.assign(state, changes);
  for (const listener of listeners) listener(state);
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
