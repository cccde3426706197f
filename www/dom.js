// DOM helpers. Article text is always inserted as text nodes, never as HTML.

/** Creates an element: el('p', {class: 'x', title: 't'}, child, 'text', ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of `root`. */
export function replace(root, ...children) {
  root.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** `text` cut to `max` UTF-16 units at a word boundary, with an ellipsis. */
export function shorten(text, max = 120) {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return text.slice(0, cut > max / 2 ? cut : max) + '…';
}

export const LABEL_NAMES = {
  PER: 'People', ORG: 'Organisations', LOC: 'Places', MISC: 'Nationalities, events, products',
  DATE: 'Dates', TIME: 'Times', MONEY: 'Money', PERCENT: 'Percentages', QUANTITY: 'Quantities',
};
export const LABEL_ORDER = Object.keys(LABEL_NAMES);
