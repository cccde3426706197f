// What cleaning removed: grouped by reason in the side panel, or marked in place in the input.
import { el, shorten } from '../dom.js';

export function renderRemoved(article) {
  const byReason = new Map();
  for (const r of article.removed) {
    if (!byReason.has(r.reason)) byReason.set(r.reason, { why: r.why, items: [] });
    byReason.get(r.reason).items.push(r);
  }
  return el('section', { class: 'panel removed-panel' },
    el('h3', {}, 'Removed ', el('span', { class: 'count' }, article.removed.length)),
    byReason.size
      ? [...byReason].map(([reason, { why, items }]) =>
        el('details', { class: `removed reason-${reason}` },
          el('summary', {}, `${why} `, el('span', { class: 'count' }, items.length)),
          el('ul', {}, items.map((r) => el('li', {}, shorten(r.text, 140))))))
      : el('p', { class: 'muted' }, 'Nothing was removed.'));
}

/** The input text with the removed lines struck through and labelled with their reason. */
export function renderSourceWithRemovals(article) {
  const source = article.source_text;
  if (source === undefined || source === null) return el('p', { class: 'muted' }, 'The input text is not available.');
  const out = [];
  let at = 0;
  for (const r of article.removed) {
    if (r.start > at) out.push(el('span', { class: 'kept' }, source.slice(at, r.start)));
    out.push(el('del', { class: `removed-line reason-${r.reason}`, title: r.why }, source.slice(r.start, r.end)),
      el('span', { class: 'reason-badge' }, r.reason));
    at = r.end;
  }
  if (at < source.length) out.push(el('span', { class: 'kept' }, source.slice(at)));
  return el('pre', { class: 'source' }, out);
}
