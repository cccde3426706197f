// The results area: a tab per article (and one for the story when there are several), and the
// selected view. Clicks are delegated here so views stay plain render functions.
import { el, replace, shorten } from '../dom.js';
import { state, update } from '../state.js';
import { renderArticle } from './article.js';
import { renderStory } from './story.js';

export function bindResults() {
  document.getElementById('results').addEventListener('click', (event) => {
    const tab = event.target.closest('[data-tab]');
    if (tab) {
      const value = tab.dataset.tab;
      update({ selected: value === 'story' ? 'story' : Number(value), focusEntity: null });
      return;
    }
    const entity = event.target.closest('[data-entity]');
    if (entity) {
      const index = Number(entity.dataset.entity);
      update({ focusEntity: state.focusEntity === index ? null : index });
      return;
    }
    const quote = event.target.closest('[data-goto-quote]');
    if (quote) {
      document.querySelector(`[data-quote="${quote.dataset.gotoQuote}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    if (event.target.closest('#toggle-removed')) update({ showRemoved: !state.showRemoved });
    if (event.target.closest('#copy-body')) copyBody(event.target.closest('#copy-body'));
    if (event.target.closest('#download-json')) downloadJson();
  });
}

function currentArticle() {
  return typeof state.selected === 'number' ? state.analysis?.articles[state.selected] : null;
}

async function copyBody(button) {
  const article = currentArticle();
  if (!article) return;
  try {
    await navigator.clipboard.writeText(article.body);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Copy failed';
  }
}

/** Saves the whole analysis as a JSON file (a local blob: nothing is uploaded). */
function downloadJson() {
  const blob = new Blob([JSON.stringify(state.analysis, null, 2)], { type: 'application/json' });
  const link = el('a', { href: URL.createObjectURL(blob), download: 'presslens-analysis.json' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

export function renderResults(s) {
  const section = document.getElementById('results');
  const analysis = s.analysis;
  section.hidden = !analysis;
  if (!analysis) return;
  const many = analysis.articles.length > 1;
  const tabs = analysis.articles.map((a, i) =>
    el('button', {
      type: 'button', role: 'tab', class: `tab${a.error ? ' failed' : ''}`, 'aria-selected': s.selected === i ? 'true' : 'false',
      dataset: { tab: i }, title: a.file,
    }, `#${i + 1} `, shorten(a.meta?.title || a.meta?.source || a.file, 44)));
  if (many) {
    tabs.push(el('button', { type: 'button', role: 'tab', class: 'tab story', 'aria-selected': s.selected === 'story' ? 'true' : 'false', dataset: { tab: 'story' } }, 'The story across articles'));
  }
  tabs.push(el('button', { type: 'button', id: 'download-json', class: 'quiet download', title: 'Save the whole analysis as JSON' }, 'Download JSON'));
  replace(document.getElementById('tabs'), tabs);
  const view = document.getElementById('view');
  if (s.selected === 'story' && many) replace(view, renderStory(analysis));
  else {
    const index = typeof s.selected === 'number' ? s.selected : 0;
    replace(view, renderArticle(analysis.articles[index], s));
  }
}
