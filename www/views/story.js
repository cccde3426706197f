// The story across articles: which entities each article mentions, and quotes they share.
import { el, shorten } from '../dom.js';

/** Rows shown in the coverage table. */
const MAX_ROWS = 60;

export function renderStory(analysis) {
  const arts = analysis.articles;
  const story = analysis.story;
  const names = story.entities.filter((e) => ['PER', 'ORG', 'LOC', 'MISC'].includes(e.type)).slice(0, MAX_ROWS);
  const head = el('tr', {}, el('th', {}, 'Entity'), el('th', {}, 'Type'),
    arts.map((a, i) => el('th', { class: 'col', title: a.meta?.title || a.file }, `#${i + 1}`)));
  const rows = names.map((e) => el('tr', {},
    el('td', {}, e.name), el('td', { class: `type ent-${e.type}` }, e.type),
    arts.map((_, i) => el('td', { class: 'cell' }, e.articles.includes(i) ? '●' : ''))));
  return el('div', { class: 'story' },
    el('h2', {}, `${arts.length} articles on one story`),
    el('ol', { class: 'story-articles' }, arts.map((a) => el('li', {}, a.meta?.title || a.file,
      a.meta?.source ? el('span', { class: 'muted' }, ` — ${a.meta.source}`) : null,
      a.meta?.date ? el('span', { class: 'muted' }, `, ${a.meta.date}`) : null))),
    el('h3', {}, 'Who and what each article mentions'),
    el('table', { class: 'coverage' }, el('thead', {}, head), el('tbody', {}, rows)),
    el('h3', {}, 'Quotes carried by several articles ', el('span', { class: 'count' }, story.shared_quotes.length)),
    story.shared_quotes.length
      ? el('ul', { class: 'quotes' }, story.shared_quotes.map((q) => el('li', {},
        el('span', { class: 'speaker' }, q.speaker ?? 'speaker unknown'), el('q', {}, shorten(q.text, 200)),
        el('span', { class: 'muted' }, ` in articles ${q.articles.map((i) => `#${i + 1}`).join(', ')}`))))
      : el('p', { class: 'muted' }, 'No quote appears in more than one article.'));
}
