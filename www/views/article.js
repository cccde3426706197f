// One analysed article: metadata, the body with entity and quote highlights, and side panels.
import { el } from '../dom.js';
import { renderEntities } from './entities.js';
import { renderQuotes } from './quotes.js';
import { renderRemoved, renderSourceWithRemovals } from './removed.js';

const META_FIELDS = [['source', 'Source'], ['byline', 'By'], ['date', 'Date'], ['dateline', 'Dateline'], ['url', 'URL']];

export function renderArticle(article, s) {
  if (article.error) {
    return el('article', { class: 'article' },
      el('h2', {}, article.file),
      el('p', { class: 'error' }, `This document could not be analysed: ${article.error}.`));
  }
  return el('article', { class: 'article' },
    renderMeta(article),
    article.notes.length ? el('ul', { class: 'notes' }, article.notes.map((n) => el('li', {}, n))) : null,
    el('div', { class: 'columns' },
      el('div', { class: 'reading' },
        el('div', { class: 'body-head' },
          el('h3', {}, s.showRemoved ? 'The input, with what was removed' : 'Article text'),
          el('div', { class: 'body-actions' },
            el('button', { type: 'button', id: 'copy-body', class: 'quiet', title: 'Copy the cleaned article text' }, 'Copy text'),
            el('button', { type: 'button', id: 'toggle-removed', class: 'quiet' },
              s.showRemoved ? 'Show the cleaned article' : `Show removed lines in place (${article.removed.length})`))),
        s.showRemoved ? renderSourceWithRemovals(article, s) : renderBody(article, s.focusEntity)),
      el('aside', { class: 'panels' },
        renderEntities(article, s.focusEntity),
        renderQuotes(article),
        renderRemoved(article))));
}

function renderMeta(article) {
  const m = article.meta;
  const rows = META_FIELDS.filter(([key]) => m[key]).map(([key, label]) =>
    el('div', { class: 'meta-row' }, el('dt', {}, label),
      el('dd', {}, key === 'url' ? el('a', { href: m.url, rel: 'noopener noreferrer', target: '_blank' }, m.url) : m[key])));
  return el('header', { class: 'meta' },
    el('h2', {}, m.title || el('span', { class: 'untitled' }, article.file)),
    rows.length ? el('dl', {}, rows)
      : el('p', { class: 'muted' }, `No ${m.title ? '' : 'title, '}byline, source or date found in this document.`));
}

/** The body as paragraphs, each cut at every mention and quote boundary into spans. */
function renderBody(article, focusEntity) {
  if (!article.body) return el('p', { class: 'muted' }, 'No article text was found: every line looked like page furniture. See what was removed.');
  const marks = [];
  article.entities.forEach((e, i) => e.mentions.forEach((m) => marks.push({ start: m.start, end: m.end, entity: i, type: e.type })));
  marks.sort((a, b) => a.start - b.start);
  const quotes = article.quotes.map((q, i) => ({ start: q.start, end: q.end, index: i, speaker: q.speaker }));
  const body = article.body;
  // Marks and quotes are sorted and do not overlap among themselves; segments come in order, so
  // one pointer into each finds what covers a segment.
  let mi = 0;
  let qi = 0;
  return el('div', { class: 'body' }, article.paragraphs.map((p) => {
    const cuts = new Set([p.start, p.end]);
    for (const r of [...marks, ...quotes]) {
      if (r.end > p.start && r.start < p.end) {
        cuts.add(Math.max(r.start, p.start));
        cuts.add(Math.min(r.end, p.end));
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const parts = [];
    for (let k = 0; k + 1 < points.length; k++) {
      const [a, b] = [points[k], points[k + 1]];
      const text = body.slice(a, b);
      while (mi < marks.length && marks[mi].end <= a) mi++;
      while (qi < quotes.length && quotes[qi].end <= a) qi++;
      const mark = mi < marks.length && marks[mi].start <= a ? marks[mi] : null;
      const quote = qi < quotes.length && quotes[qi].start <= a ? quotes[qi] : null;
      if (!mark && !quote) {
        parts.push(text);
        continue;
      }
      const entity = mark ? article.entities[mark.entity] : null;
      parts.push(el('span', {
        class: [mark && `ent ent-${mark.type}`, mark && mark.entity === focusEntity && 'focus', quote && 'quote'].filter(Boolean).join(' '),
        dataset: {
          ...(mark ? { entity: mark.entity } : {}),
          ...(quote && quote.start === a ? { quote: quote.index } : {}),
        },
        title: [entity && `${entity.name} (${entity.type})`, quote && `quote: ${quote.speaker ?? 'speaker unknown'}`].filter(Boolean).join(' · '),
      }, text));
    }
    return el('p', {}, parts);
  }));
}
