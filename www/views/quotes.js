// The quote panel: each quote with its speaker; clicking scrolls to it in the body.
import { el, shorten } from '../dom.js';

export function renderQuotes(article) {
  return el('section', { class: 'panel quotes-panel' },
    el('h3', {}, 'Quotes ', el('span', { class: 'count' }, article.quotes.length)),
    article.quotes.length
      ? el('ol', { class: 'quotes' }, article.quotes.map((q, i) =>
        el('li', {},
          el('button', { type: 'button', class: 'quote-link', dataset: { gotoQuote: i } },
            el('span', { class: q.speaker ? 'speaker' : 'speaker unknown' }, q.speaker ?? 'speaker unknown'),
            el('q', {}, shorten(q.text, 160))))))
      : el('p', { class: 'muted' }, 'No quotations found.'));
}
