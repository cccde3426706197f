//! An HTML page into blocks: parsed by html5ever (the WHATWG parsing algorithm, so unclosed
//! `<p>`s, misnested tags and stray markup give the tree a browser would build), then walked
//! once to render its visible text as lines, one per block element, with what the DOM says about
//! each line ([`DomHints`]: inside `<article>` or `<nav>`, class and id hints, the text and link
//! density of its container, Readability's candidate score, where the page's own text lies
//! around it), and the metadata the page declares (`<title>`, `og:*`, `article:*`, canonical
//! link, JSON-LD `NewsArticle`).
//!
//! The rendering (`Page::text`) is what `Article::source_text` shows and what removed pieces
//! point into: headings as `# `, list items as `- `, quotes as `> `, one block a line, blank
//! lines between blocks. Invisible content (script, style, template, svg, comments, the head)
//! is not rendered. Navigation, asides, footers and forms are rendered and marked, so that
//! dropping them is reported like any other drop.
//!
//! Hostile input: a depth guard between tokenizer and tree builder ignores start tags nested
//! deeper than [`MAX_DEPTH`] (their text is kept), since the tree builder's scope checks walk
//! the stack of open elements and would make `<div>` × a million quadratic. The walk and every
//! pass over the tree are iterative.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::buffer_queue::BufferQueue;
use html5ever::interface::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, Namespace, QualName};

use super::jsonld;
use super::{Block, BlockKind};

/// Deepest element nesting the parser builds. Browsers cap the DOM depth too (Chromium at 512);
/// real pages stay under 60.
const MAX_DEPTH: usize = 256;

/// What a page says about itself in its markup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeclaredMeta {
    /// JSON-LD `headline`, else `og:title`, else `<title>`.
    pub title: Option<String>,
    /// `og:site_name`, else JSON-LD `publisher`.
    pub site_name: Option<String>,
    /// JSON-LD `author`, else `author` / `article:author` meta.
    pub author: Option<String>,
    /// JSON-LD `datePublished`, else `article:published_time` and the like, as written.
    pub published: Option<String>,
    /// `og:url`, else `<link rel="canonical">`, else JSON-LD `url`.
    pub url: Option<String>,
}

/// What the DOM says about one rendered block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DomHints {
    /// Inside `<article>`, `<main>`, `role=main` or `itemprop=articleBody`.
    pub in_article: bool,
    /// Inside `<nav>` or `role=navigation`.
    pub in_nav: bool,
    /// Inside `<aside>` or `role=complementary`.
    pub in_aside: bool,
    /// Inside `<footer>` or `role=contentinfo`.
    pub in_footer: bool,
    /// Inside `<header>` or `role=banner`.
    pub in_header: bool,
    /// Inside `<form>`, `<button>` or `<label>`.
    pub in_form: bool,
    /// Inside `<figure>` or `<figcaption>`.
    pub in_figure: bool,
    /// Inside an element with `hidden`, `aria-hidden=true` or `display:none`.
    pub hidden: bool,
    /// The block element is a `<p>`.
    pub is_p: bool,
    /// Ancestors whose class or id has a word Readability reads as content (`article`, `body`,
    /// `content`, `entry`, `main`, `post`, `story`, `text`...), capped at 3.
    pub positive_classes: u8,
    /// ... as furniture (`comment`, `footer`, `related`, `share`, `sidebar`, `sponsor`...).
    pub negative_classes: u8,
    /// Text chars of the block's container (the block element's parent).
    pub container_chars: u32,
    /// Share of the container's text that is link text.
    pub container_link_density: f32,
    /// `<p>` children of the container.
    pub container_paragraphs: u16,
    /// Inside the element with the top Readability score.
    pub in_top_candidate: bool,
    /// The best candidate score among the block's ancestors, over the page's top score.
    pub candidate_score: f32,
    /// Element depth of the block.
    pub depth: u16,
    /// Where the page's text lies around the block ([`TextLayout`]).
    pub layout: TextLayout,
}

/// Where the page's own text (not link text) lies relative to a block. Why: an article that is
/// a table or a list of short lines (standings, a meal plan) has no prose for the line features
/// to see, but its element still holds most of the page's text, which menus (link text) and
/// sidebars do not.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextLayout {
    /// Share of the page's non-link text inside the block element's parent, grandparent and
    /// great-grandparent.
    pub ancestor_text_share: [f32; TEXT_SHARE_LEVELS],
    /// Inside the text core: the deepest element that holds at least half of the page's
    /// non-link text.
    pub in_text_core: bool,
    /// Steps through the tree from the block element to the top Readability candidate (up to
    /// their common ancestor, then down); 0 when the page has no candidate.
    pub steps_to_top_candidate: u16,
    /// Share of the page's non-link text inside the top candidate (the same for every block):
    /// how much of the page the candidate explains, so how far to trust it.
    pub top_candidate_text_share: f32,
    /// Link density of the top candidate (the same for every block).
    pub top_candidate_link_density: f32,
}

/// Ancestor levels of [`TextLayout::ancestor_text_share`].
pub const TEXT_SHARE_LEVELS: usize = 3;

/// Where the blocks sit in the element tree: the elements that hold blocks and their ancestors,
/// numbered anew (the rest of the page's nodes are left out). Features group blocks by the
/// elements they share: a line between two paragraphs of one article body is likely article too.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockTree {
    /// Each element's parent, [`BlockTree::ROOT`] for the document.
    pub parent: Vec<u32>,
    /// Each block's own element: the nearest block-level element around its text.
    pub element: Vec<u32>,
    /// Each element's markup words ([`markup_words`]): the words of its `class` and `id`. The
    /// features weigh them with a vocabulary learned from pages, as the text's words are weighed.
    pub words: Vec<Vec<Box<str>>>,
}

impl BlockTree {
    /// The parent of the document node.
    pub const ROOT: u32 = u32::MAX;

    /// The tree of the given block elements (arena ids) and their ancestors.
    fn of(nodes: &[Node], block_elements: &[Id]) -> BlockTree {
        let mut number = vec![Self::ROOT; nodes.len()];
        let mut tree = BlockTree::default();
        for &el in block_elements {
            if number[el] != Self::ROOT {
                tree.element.push(number[el]);
                continue;
            }
            number[el] = tree.parent.len() as u32;
            tree.parent.push(Self::ROOT);
            tree.words.push(markup_words(&nodes[el]));
            tree.element.push(number[el]);
            // climb until an element already numbered (its ancestors are too)
            let (mut child, mut at) = (el, nodes[el].parent);
            while let Some(id) = at {
                let known = number[id] != Self::ROOT;
                if !known {
                    number[id] = tree.parent.len() as u32;
                    tree.parent.push(Self::ROOT);
                    tree.words.push(markup_words(&nodes[id]));
                }
                tree.parent[number[child] as usize] = number[id];
                if known {
                    break;
                }
                child = id;
                at = nodes[id].parent;
            }
        }
        tree
    }
}

/// A rendered page.
pub struct Page {
    /// The page's text, one block a line, blank lines between blocks.
    pub text: String,
    pub blocks: Vec<Block>,
    /// One per block.
    pub hints: Vec<DomHints>,
    pub tree: BlockTree,
    pub declared: DeclaredMeta,
}

// ---------------------------------------------------------------------------------------------
// The DOM: an arena of nodes, built by html5ever through `TreeSink`.

type Id = usize;

#[derive(Debug)]
enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        template: Option<Id>,
    },
    Text(StrTendril),
    Other,
}

#[derive(Debug)]
struct Node {
    parent: Option<Id>,
    prev: Option<Id>,
    next: Option<Id>,
    first: Option<Id>,
    last: Option<Id>,
    data: Data,
}

#[derive(Default)]
struct Dom {
    nodes: RefCell<Vec<Node>>,
}

/// An element's name, handed to the tree builder.
#[derive(Debug)]
struct Name(QualName);

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl Dom {
    fn new() -> Dom {
        let d = Dom::default();
        d.add(Data::Document);
        d
    }

    fn add(&self, data: Data) -> Id {
        let mut n = self.nodes.borrow_mut();
        n.push(Node {
            parent: None,
            prev: None,
            next: None,
            first: None,
            last: None,
            data,
        });
        n.len() - 1
    }

    fn detach(&self, id: Id) {
        let mut n = self.nodes.borrow_mut();
        let (parent, prev, next) = (n[id].parent.take(), n[id].prev.take(), n[id].next.take());
        match next {
            Some(x) => n[x].prev = prev,
            None => {
                if let Some(p) = parent {
                    n[p].last = prev;
                }
            }
        }
        match prev {
            Some(x) => n[x].next = next,
            None => {
                if let Some(p) = parent {
                    n[p].first = next;
                }
            }
        }
    }

    fn append_node(&self, parent: Id, child: Id) {
        self.detach(child);
        let mut n = self.nodes.borrow_mut();
        n[child].parent = Some(parent);
        match n[parent].last {
            Some(last) => {
                n[last].next = Some(child);
                n[child].prev = Some(last);
            }
            None => n[parent].first = Some(child),
        }
        n[parent].last = Some(child);
    }

    fn insert_before(&self, sibling: Id, child: Id) {
        self.detach(child);
        let mut n = self.nodes.borrow_mut();
        let parent = n[sibling].parent;
        n[child].parent = parent;
        n[child].next = Some(sibling);
        match n[sibling].prev {
            Some(p) => {
                n[p].next = Some(child);
                n[child].prev = Some(p);
            }
            None => {
                if let Some(par) = parent {
                    n[par].first = Some(child);
                }
            }
        }
        n[sibling].prev = Some(child);
    }

    /// Text merges into a text node just before the insertion point, as the sink must.
    fn child_or_text(&self, previous: Option<Id>, child: NodeOrText<Id>) -> Option<Id> {
        match child {
            NodeOrText::AppendNode(id) => Some(id),
            NodeOrText::AppendText(t) => {
                if let Some(p) = previous {
                    if let Data::Text(existing) = &mut self.nodes.borrow_mut()[p].data {
                        existing.push_tendril(&t);
                        return None;
                    }
                }
                Some(self.add(Data::Text(t)))
            }
        }
    }
}

impl TreeSink for Dom {
    type Handle = Id;
    type Output = Dom;
    type ElemName<'a> = Name;

    fn finish(self) -> Dom {
        self
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Id {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a Id) -> Name {
        match &self.nodes.borrow()[*target].data {
            Data::Element { name, .. } => Name(name.clone()),
            _ => Name(QualName::new(None, Namespace::from(""), LocalName::from(""))),
        }
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Id {
        let template = flags.template.then(|| self.add(Data::Document));
        self.add(Data::Element { name, attrs, template })
    }
    fn create_comment(&self, _text: StrTendril) -> Id {
        self.add(Data::Other)
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Id {
        self.add(Data::Other)
    }
    fn append(&self, parent: &Id, child: NodeOrText<Id>) {
        let last = self.nodes.borrow()[*parent].last;
        if let Some(c) = self.child_or_text(last, child) {
            self.append_node(*parent, c);
        }
    }
    fn append_based_on_parent_node(&self, element: &Id, prev_element: &Id, child: NodeOrText<Id>) {
        if self.nodes.borrow()[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }
    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}
    fn get_template_contents(&self, target: &Id) -> Id {
        match &self.nodes.borrow()[*target].data {
            Data::Element { template: Some(t), .. } => *t,
            _ => *target,
        }
    }
    fn same_node(&self, x: &Id, y: &Id) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, _mode: QuirksMode) {}
    fn append_before_sibling(&self, sibling: &Id, child: NodeOrText<Id>) {
        let prev = self.nodes.borrow()[*sibling].prev;
        if let Some(c) = self.child_or_text(prev, child) {
            self.insert_before(*sibling, c);
        }
    }
    fn add_attrs_if_missing(&self, target: &Id, attrs: Vec<Attribute>) {
        if let Data::Element { attrs: existing, .. } = &mut self.nodes.borrow_mut()[*target].data {
            for a in attrs {
                if !existing.iter().any(|e| e.name == a.name) {
                    existing.push(a);
                }
            }
        }
    }
    fn remove_from_parent(&self, target: &Id) {
        self.detach(*target);
    }
    fn reparent_children(&self, node: &Id, new_parent: &Id) {
        let mut child = self.nodes.borrow()[*node].first;
        while let Some(c) = child {
            child = self.nodes.borrow()[c].next;
            self.append_node(*new_parent, c);
        }
    }
}

/// Sits between tokenizer and tree builder and drops start tags nested deeper than
/// [`MAX_DEPTH`] (with their end tags), counting only elements that need an end tag: `<p>`,
/// `<li>`, table parts and void elements close themselves and do not deepen the tree.
struct DepthGuard<S> {
    inner: S,
    depth: Cell<usize>,
    dropped: Cell<usize>,
}

/// Elements whose end tag may be left out, or that have none: they never nest without bound.
fn self_closing(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "option"
            | "optgroup"
            | "rp"
            | "rt"
            | "colgroup"
            | "caption"
            | "html"
            | "head"
            | "body"
            | "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

impl<S: TokenSink> TokenSink for DepthGuard<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token {
            if !tag.self_closing && !self_closing(&tag.name) {
                match tag.kind {
                    TagKind::StartTag => {
                        if self.depth.get() >= MAX_DEPTH {
                            self.dropped.set(self.dropped.get() + 1);
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get() + 1);
                    }
                    TagKind::EndTag => {
                        if self.dropped.get() > 0 {
                            self.dropped.set(self.dropped.get() - 1);
                            return TokenSinkResult::Continue;
                        }
                        self.depth.set(self.depth.get().saturating_sub(1));
                    }
                }
            }
        }
        self.inner.process_token(token, line)
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner.adjusted_current_node_present_but_not_in_html_namespace()
    }
}

fn parse(html: &str) -> Vec<Node> {
    let builder = TreeBuilder::new(Dom::new(), TreeBuilderOpts::default());
    let guard = DepthGuard {
        inner: builder,
        depth: Cell::new(0),
        dropped: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while !matches!(tokenizer.feed(&input), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.inner.sink.nodes.into_inner()
}

// ---------------------------------------------------------------------------------------------
// Reading the tree.

fn tag(n: &Node) -> &str {
    match &n.data {
        Data::Element { name, .. } => &name.local,
        _ => "",
    }
}

fn attr<'a>(n: &'a Node, key: &str) -> Option<&'a str> {
    match &n.data {
        Data::Element { attrs, .. } => attrs.iter().find(|a| &*a.name.local == key).map(|a| &*a.value),
        _ => None,
    }
}

/// Elements whose content is never visible text.
fn invisible(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "textarea"
            | "input"
            | "video"
            | "audio"
            | "map"
            | "dialog"
    )
}

/// Elements that start a new line.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "ul"
            | "ol"
            | "li"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "dl"
            | "dt"
            | "dd"
            | "address"
            | "hr"
            | "body"
            | "caption"
            | "details"
            | "summary"
            | "center"
            | "hgroup"
            | "menu"
            | "option"
            | "legend"
    )
}

/// Class and id words that mark content (Readability's "positive" list).
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog", "story",
];

/// Class and id words that mark furniture (Readability's "negative" and "unlikely" lists).
const NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "banner",
    "breadcrumb",
    "breadcrumbs",
    "combx",
    "comment",
    "comments",
    "community",
    "contact",
    "disqus",
    "extra",
    "footer",
    "footnote",
    "gdpr",
    "masthead",
    "media",
    "menu",
    "meta",
    "nav",
    "newsletter",
    "outbrain",
    "pager",
    "pagination",
    "popup",
    "promo",
    "related",
    "remark",
    "replies",
    "rss",
    "share",
    "sharing",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "subscribe",
    "supplemental",
    "tags",
    "taboola",
    "tool",
    "tools",
    "widget",
    "cookie",
    "consent",
    "modal",
    "signup",
    "login",
    "recommended",
    "trending",
    "teaser",
];

/// (positive, negative) class/id words of an element: the words of `class` and `id`, cut at
/// `-`, `_` and spaces, lowercase.
fn class_words(n: &Node) -> (bool, bool) {
    let mut pos = false;
    let mut neg = false;
    for v in [attr(n, "class"), attr(n, "id")].into_iter().flatten() {
        for w in v.split(|c: char| !c.is_ascii_alphanumeric()) {
            if w.is_empty() || w.len() > 20 {
                continue;
            }
            let w = w.to_ascii_lowercase();
            pos |= POSITIVE.contains(&w.as_str());
            neg |= NEGATIVE.contains(&w.as_str());
        }
    }
    (pos, neg)
}

/// Longest class or id word kept: longer ones are hashes and generated names.
const MAX_MARKUP_WORD: usize = 20;

/// Most markup words kept of one element (the dedup is quadratic in them). The score is
/// sensitive to it: long class lists (a blog engine's `<article class="post-12 type-post
/// status-publish ...">`) put their telling words late. 5-fold CV, two splits: 15 words
/// 0.9584 and 0.9587, 16 words 0.9522 and 0.9536.
const MAX_MARKUP_WORDS: usize = 15;

/// An element's markup words: the words of its `class` and `id` (cut at every char that is not an
/// ASCII letter or digit, lowercase, 2 to [`MAX_MARKUP_WORD`] chars, not all digits), each once.
/// Tag names are left out: learned like class words (`<li>`, `<td>` leaning to furniture), they
/// lowered the cross-validated score (0.9530 -> 0.9488 on one split), since a list or a table
/// that is the article then loses all its lines at once.
fn markup_words(n: &Node) -> Vec<Box<str>> {
    let mut out: Vec<Box<str>> = Vec::new();
    for v in [attr(n, "class"), attr(n, "id")].into_iter().flatten() {
        for w in v.split(|c: char| !c.is_ascii_alphanumeric()) {
            if w.len() < 2 || w.len() > MAX_MARKUP_WORD || w.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let w = w.to_ascii_lowercase();
            if out.len() >= MAX_MARKUP_WORDS {
                return out;
            }
            if !out.iter().any(|o| **o == *w) {
                out.push(w.into());
            }
        }
    }
    out
}

fn is_hidden(n: &Node) -> bool {
    attr(n, "hidden").is_some()
        || attr(n, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || attr(n, "style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The page's declared metadata, from the whole tree (meta tags may stray into the body).
fn declared(nodes: &[Node]) -> DeclaredMeta {
    let mut d = DeclaredMeta::default();
    let mut og_title = None;
    let mut title_tag = None;
    let mut canonical = None;
    let mut ld: Option<jsonld::ArticleLd> = None;
    for n in nodes {
        match tag(n) {
            "meta" => {
                let key = attr(n, "property")
                    .or_else(|| attr(n, "name"))
                    .or_else(|| attr(n, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(content) = attr(n, "content").map(str::trim).filter(|c| !c.is_empty()) else {
                    continue;
                };
                let slot = match key.as_str() {
                    "og:title" | "twitter:title" => &mut og_title,
                    "og:site_name" | "application-name" => &mut d.site_name,
                    "author" | "article:author" | "byl" | "parsely-author" | "sailthru.author" | "dc.creator" => {
                        &mut d.author
                    }
                    "article:published_time"
                    | "datepublished"
                    | "date"
                    | "pubdate"
                    | "publish-date"
                    | "parsely-pub-date"
                    | "sailthru.date"
                    | "dc.date"
                    | "dc.date.issued"
                    | "og:published_time" => &mut d.published,
                    "og:url" => &mut d.url,
                    _ => continue,
                };
                if slot.is_none() {
                    *slot = Some(content.to_string());
                }
            }
            "link" => {
                let canonical_rel = attr(n, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"));
                if canonical_rel && canonical.is_none() {
                    canonical = attr(n, "href").filter(|h| h.starts_with("http")).map(str::to_string);
                }
            }
            "title" if title_tag.is_none() => {
                title_tag = Some(text_of(nodes, n));
            }
            "script" if ld.is_none() => {
                if attr(n, "type").is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) {
                    ld = jsonld::article(&text_of(nodes, n));
                }
            }
            _ => {}
        }
    }
    let ld = ld.unwrap_or_default();
    // A URL-like "author" (a profile link) is not a byline.
    let author_ok = |a: &String| !a.starts_with("http") && a.chars().any(char::is_alphabetic);
    d.title = ld.headline.or(og_title).or(title_tag).filter(|t| !t.is_empty());
    d.author = ld.author.filter(author_ok).or(d.author.filter(author_ok));
    d.published = ld.date_published.or(d.published);
    d.site_name = d.site_name.or(ld.publisher);
    d.url = d.url.filter(|u| u.starts_with("http")).or(canonical).or(ld.url);
    d
}

/// The text directly inside an element (its text children), whitespace collapsed.
fn text_of(nodes: &[Node], n: &Node) -> String {
    let mut out = String::new();
    let mut c = n.first;
    while let Some(id) = c {
        if let Data::Text(t) = &nodes[id].data {
            out.push_str(t);
        }
        c = nodes[id].next;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Per-element totals for container features: text chars, link text chars, `<p>` children,
/// commas; and each element's Readability score.
struct Stats {
    chars: Vec<u32>,
    link_chars: Vec<u32>,
    paragraphs: Vec<u16>,
    score: Vec<f32>,
    /// The element has a block element inside it (a layout table's cell does; a data cell
    /// does not).
    has_block: Vec<bool>,
    /// Element depth (the document is 0).
    depth: Vec<u16>,
}

/// Preorder of the visible tree (invisible subtrees skipped), iteratively.
fn preorder(nodes: &[Node]) -> Vec<Id> {
    let mut order = Vec::with_capacity(nodes.len());
    let mut stack = vec![0usize];
    while let Some(id) = stack.pop() {
        order.push(id);
        if invisible(tag(&nodes[id])) {
            continue;
        }
        let mut kids = Vec::new();
        let mut c = nodes[id].first;
        while let Some(k) = c {
            kids.push(k);
            c = nodes[k].next;
        }
        stack.extend(kids.into_iter().rev());
    }
    order
}

fn stats(nodes: &[Node], order: &[Id]) -> Stats {
    let n = nodes.len();
    let mut s = Stats {
        chars: vec![0; n],
        link_chars: vec![0; n],
        paragraphs: vec![0; n],
        score: vec![0.0; n],
        has_block: vec![false; n],
        depth: vec![0; n],
    };
    for &id in order {
        if let Some(p) = nodes[id].parent {
            s.depth[id] = s.depth[p].saturating_add(1);
        }
    }
    let mut commas = vec![0u32; n];
    // children before parents: reverse preorder
    for &id in order.iter().rev() {
        let node = &nodes[id];
        if let Data::Text(t) = &node.data {
            s.chars[id] = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
            commas[id] = t.matches([',', '，', '、']).count() as u32;
        }
        if invisible(tag(node)) {
            s.chars[id] = 0;
            commas[id] = 0;
        }
        if tag(node) == "a" {
            s.link_chars[id] = s.chars[id];
        }
        if let Some(p) = node.parent {
            s.chars[p] = s.chars[p].saturating_add(s.chars[id]);
            s.link_chars[p] = s.link_chars[p].saturating_add(s.link_chars[id]);
            commas[p] = commas[p].saturating_add(commas[id]);
            s.has_block[p] |= s.has_block[id] || (is_block(tag(node)) && s.chars[id] > 0);
            if tag(node) == "p" {
                s.paragraphs[p] = s.paragraphs[p].saturating_add(1);
            }
        }
    }
    // Readability: each paragraph-like element with 25+ chars scores 1 + commas + one point per
    // 100 chars (at most 3); its parent gets the score, its grandparent half.
    for &id in order {
        let t = tag(&nodes[id]);
        if !matches!(t, "p" | "td" | "pre" | "blockquote") || s.chars[id] < 25 {
            continue;
        }
        let score = 1.0 + commas[id] as f32 + (s.chars[id] as f32 / 100.0).min(3.0);
        if let Some(p) = nodes[id].parent {
            s.score[p] += score;
            if let Some(g) = nodes[p].parent {
                s.score[g] += score / 2.0;
            }
        }
    }
    for id in 0..n {
        if s.score[id] > 0.0 {
            let (pos, neg) = class_words(&nodes[id]);
            let class_weight = if pos { 25.0 } else { 0.0 } - if neg { 25.0 } else { 0.0 };
            let density = s.link_chars[id] as f32 / s.chars[id].max(1) as f32;
            s.score[id] = (s.score[id] + class_weight) * (1.0 - density);
        }
    }
    s
}

/// The context an element passes to what is inside it.
#[derive(Clone, Default)]
struct Ctx {
    hints: DomHints,
    in_link: bool,
    /// Heading level, list item, quote: how a line starting here is marked.
    kind: Option<BlockKind>,
    pre: bool,
    /// The nearest block element (whose parent is the container).
    block_el: Id,
    best_score: f32,
    top: bool,
    /// Inside the text core ([`TextLayout::in_text_core`]).
    in_text_core: bool,
}

/// A line being built.
#[derive(Default)]
struct Line {
    text: String,
    link_bytes: usize,
    kind: Option<BlockKind>,
    hints: Option<DomHints>,
    /// The block element the line's first text is in.
    element: Id,
}

struct Renderer<'a> {
    nodes: &'a [Node],
    stats: &'a Stats,
    top_score: f32,
    /// The element with the top Readability score.
    top: Option<Id>,
    text: String,
    blocks: Vec<Block>,
    hints: Vec<DomHints>,
    /// Each block's element (arena id).
    elements: Vec<Id>,
    line: Line,
    /// The last line ended at a `<br>`: the next one follows without a blank line.
    soft_break: bool,
}

impl Renderer<'_> {
    fn push_text(&mut self, t: &str, ctx: &Ctx) {
        if self.line.hints.is_none() && t.chars().any(|c| !c.is_whitespace()) {
            let mut h = ctx.hints.clone();
            let container = self.nodes[ctx.block_el].parent.unwrap_or(ctx.block_el);
            h.container_chars = self.stats.chars[container];
            h.container_link_density =
                self.stats.link_chars[container] as f32 / self.stats.chars[container].max(1) as f32;
            h.container_paragraphs = self.stats.paragraphs[container];
            h.candidate_score = if self.top_score > 0.0 {
                (ctx.best_score / self.top_score).clamp(0.0, 1.0)
            } else {
                0.0
            };
            h.in_top_candidate = ctx.top;
            h.layout = self.text_layout(ctx.block_el, ctx.in_text_core);
            self.line.hints = Some(h);
            self.line.element = ctx.block_el;
            self.line.kind = ctx.kind;
        }
        let before = self.line.text.len();
        if ctx.pre {
            for (k, part) in t.split('\n').enumerate() {
                if k > 0 {
                    self.flush(true);
                    if !part.trim().is_empty() {
                        self.push_text(part, ctx);
                    }
                    continue;
                }
                self.push_collapsed(part);
            }
        } else {
            self.push_collapsed(t);
        }
        if ctx.in_link {
            self.line.link_bytes += self.line.text.len() - before;
        }
    }

    /// The [`TextLayout`] of a block whose element is `block_el`.
    fn text_layout(&self, block_el: Id, in_text_core: bool) -> TextLayout {
        let s = self.stats;
        let page_text = own_text(s, 0).max(1) as f32;
        let mut layout = TextLayout {
            in_text_core,
            ..TextLayout::default()
        };
        let mut at = self.nodes[block_el].parent;
        for share in &mut layout.ancestor_text_share {
            let Some(id) = at else { break };
            *share = own_text(s, id) as f32 / page_text;
            at = self.nodes[id].parent;
        }
        if let Some(top) = self.top {
            layout.top_candidate_text_share = own_text(s, top) as f32 / page_text;
            layout.top_candidate_link_density = s.link_chars[top] as f32 / s.chars[top].max(1) as f32;
            // climb from the deeper of the two until they meet
            let (mut a, mut b, mut steps) = (block_el, top, 0u16);
            while a != b {
                let deeper = if s.depth[a] >= s.depth[b] { &mut a } else { &mut b };
                match self.nodes[*deeper].parent {
                    Some(p) => *deeper = p,
                    None => break,
                }
                steps = steps.saturating_add(1);
            }
            layout.steps_to_top_candidate = steps;
        }
        layout
    }

    fn push_collapsed(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.line.text.is_empty() && !self.line.text.ends_with(' ') {
                    self.line.text.push(' ');
                }
            } else {
                self.line.text.push(c);
            }
        }
    }

    /// Ends the current line as a block; `soft` for a `<br>` (no blank line after it).
    fn flush(&mut self, soft: bool) {
        let line = std::mem::take(&mut self.line);
        let text = line.text.trim();
        if text.is_empty() {
            return;
        }
        let kind = line.kind.unwrap_or(BlockKind::Paragraph);
        let prefix = match kind {
            BlockKind::Heading(n) => "#".repeat(n as usize) + " ",
            BlockKind::ListItem => "- ".into(),
            BlockKind::BlockQuote => "> ".into(),
            _ => String::new(),
        };
        let start = self.text.len();
        self.text.push_str(&prefix);
        self.text.push_str(text);
        let end = self.text.len();
        self.text.push_str(if soft { "\n" } else { "\n\n" });
        let lead = line.text.len() - line.text.trim_start().len();
        self.blocks.push(Block {
            span: start..end,
            text: text.to_string(),
            kind,
            blank_before: !self.soft_break,
            link_bytes: line.link_bytes.saturating_sub(lead).min(text.len()),
            markup_bytes: prefix.len(),
        });
        self.hints.push(line.hints.unwrap_or_default());
        self.elements.push(line.element);
        self.soft_break = soft;
    }
}

/// An element's own text: its text chars that are not link text.
fn own_text(s: &Stats, id: Id) -> u32 {
    s.chars[id].saturating_sub(s.link_chars[id])
}

/// The text core ([`TextLayout::in_text_core`]). The elements holding more than half of the
/// page's non-link text are one chain of ancestors, so the deepest is the one holding least.
fn text_core(nodes: &[Node], s: &Stats) -> Option<Id> {
    let page_text = own_text(s, 0);
    (0..nodes.len())
        .filter(|&id| {
            matches!(nodes[id].data, Data::Element { .. }) && page_text > 0 && 2 * own_text(s, id) >= page_text
        })
        .max_by_key(|&id| (s.depth[id], std::cmp::Reverse(id)))
}

/// Renders the page (see the module doc).
pub fn render(html: &str) -> Page {
    let nodes = parse(html);
    let declared = declared(&nodes);
    let order = preorder(&nodes);
    let stats = stats(&nodes, &order);
    let top = (0..nodes.len())
        .filter(|&i| stats.score[i] > 0.0)
        .max_by(|&a, &b| stats.score[a].total_cmp(&stats.score[b]).then(b.cmp(&a)));
    let core = text_core(&nodes, &stats);
    let mut r = Renderer {
        nodes: &nodes,
        stats: &stats,
        top_score: top.map_or(0.0, |t| stats.score[t]),
        top,
        text: String::new(),
        blocks: Vec::new(),
        hints: Vec::new(),
        elements: Vec::new(),
        line: Line::default(),
        soft_break: false,
    };
    let is_data_cell = |id: Id| matches!(tag(&nodes[id]), "td" | "th") && !stats.has_block[id];
    // Iterative walk: Enter(node, parent context) and Leave(node).
    enum Step {
        Enter(Id, usize),
        Leave(Id),
    }
    let mut ctxs: Vec<Ctx> = vec![Ctx::default()];
    let mut stack = vec![Step::Enter(0, 0)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(id) => {
                let t = tag(&nodes[id]);
                if is_block(t) && !is_data_cell(id) {
                    r.flush(false);
                }
                ctxs.pop();
            }
            Step::Enter(id, parent_ctx) => {
                let node = &nodes[id];
                let parent = ctxs[parent_ctx].clone();
                match &node.data {
                    Data::Text(t) => {
                        r.push_text(t, &parent);
                        continue;
                    }
                    Data::Other => continue,
                    Data::Document | Data::Element { .. } => {}
                }
                let t = tag(node);
                if invisible(t) {
                    continue;
                }
                if t == "br" {
                    r.flush(true);
                    continue;
                }
                if t == "img" {
                    continue;
                }
                let mut ctx = parent;
                let role = attr(node, "role").unwrap_or("");
                let h = &mut ctx.hints;
                h.depth = h.depth.saturating_add(1);
                h.in_article |= matches!(t, "article" | "main")
                    || role == "main"
                    || attr(node, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
                h.in_nav |= t == "nav" || role == "navigation" || role == "menu";
                h.in_aside |= t == "aside" || role == "complementary";
                h.in_footer |= t == "footer" || role == "contentinfo";
                h.in_header |= t == "header" || role == "banner";
                h.in_form |= matches!(t, "form" | "button" | "label" | "fieldset");
                h.in_figure |= matches!(t, "figure" | "figcaption");
                h.hidden |= is_hidden(node);
                let (pos, neg) = class_words(node);
                if pos {
                    h.positive_classes = (h.positive_classes + 1).min(3);
                }
                if neg {
                    h.negative_classes = (h.negative_classes + 1).min(3);
                }
                ctx.in_link |= t == "a";
                ctx.pre |= t == "pre";
                ctx.best_score = ctx.best_score.max(stats.score[id]);
                ctx.top |= Some(id) == top;
                ctx.in_text_core |= Some(id) == core;
                if is_data_cell(id) {
                    // cells of a data table share their row's line, as a browser copies them
                    if !r.line.text.is_empty() {
                        r.line.text.push_str(" | ");
                    }
                } else if is_block(t) {
                    r.flush(false);
                    ctx.block_el = id;
                    ctx.hints.is_p = t == "p";
                    ctx.kind = match t {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading(t.as_bytes()[1] - b'0')),
                        "li" | "dt" | "dd" => Some(BlockKind::ListItem),
                        "blockquote" => Some(BlockKind::BlockQuote),
                        "tr" | "td" | "th" => Some(BlockKind::TableRow),
                        _ => ctx.kind.filter(|k| *k == BlockKind::BlockQuote),
                    };
                }
                let here = ctxs.len();
                ctxs.push(ctx);
                stack.push(Step::Leave(id));
                let mut kids = Vec::new();
                let mut c = node.first;
                while let Some(k) = c {
                    kids.push(k);
                    c = nodes[k].next;
                }
                stack.extend(kids.into_iter().rev().map(|k| Step::Enter(k, here)));
            }
        }
    }
    r.flush(false);
    Page {
        tree: BlockTree::of(&nodes, &r.elements),
        text: r.text,
        blocks: r.blocks,
        hints: r.hints,
        declared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(p: &Page) -> Vec<&str> {
        p.blocks.iter().map(|b| &p.text[b.span.clone()]).collect()
    }

    #[test]
    fn renders_blocks_and_skips_invisible_content() {
        let p = render(
            "<html><head><title>Page &amp; title</title><style>p{}</style><script>var x='<p>no</p>'</script>\
             <meta property=\"og:site_name\" content=\"The Daily\"><link rel=canonical href='https://x.test/a'></head>\
             <body><!-- <p>hidden</p> --><h2>Sub</h2><p>Text with <a href=\"/b\">a link</a>.</p><ul><li>one<li>two</ul></body></html>",
        );
        assert_eq!(lines(&p), ["## Sub", "Text with a link.", "- one", "- two"]);
        assert_eq!(p.blocks[1].text, "Text with a link.");
        assert_eq!(p.blocks[1].link_bytes, "a link".len());
        assert_eq!(p.blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(p.blocks[2].kind, BlockKind::ListItem);
        assert_eq!(p.declared.title.as_deref(), Some("Page & title"));
        assert_eq!(p.declared.site_name.as_deref(), Some("The Daily"));
        assert_eq!(p.declared.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(p.hints.len(), p.blocks.len());
    }

    #[test]
    fn the_parser_repairs_broken_markup() {
        // unclosed <p>s close each other; a stray </div> is ignored; the attribute's `>` is text
        let p = render("<div><p>One<p>Two</div></div><p>unclosed <b attr=\"x>y\">bold</p> 3 < 4");
        assert_eq!(lines(&p), ["One", "Two", "unclosed bold", "3 < 4"]);
        // a data table's row is one line; a layout table's cells are blocks of their own
        let p = render("<table><tr><td>a<td>b<tr><th>c</th><td>d</table>");
        assert_eq!(lines(&p), ["a | b", "c | d"]);
        assert_eq!(p.blocks[0].kind, BlockKind::TableRow);
        let p = render("<table><tr><td><p>one</p><p>two</p></td><td>side</td></tr></table>");
        assert_eq!(lines(&p), ["one", "two", "side"]);
    }

    #[test]
    fn dom_hints_mark_furniture_and_content() {
        let long = "This is a long paragraph of the article, with commas, clauses, and more words than a menu has.";
        let html = format!(
            "<body><nav><ul><li><a href=/>Home</a></li></ul></nav>\
             <div class=\"article-body\"><p>{long}</p><p>{long}</p><figure><figcaption>A caption</figcaption></figure></div>\
             <aside class=related><p><a href=/x>Other story</a></p></aside><footer hidden>© 2019</footer></body>"
        );
        let p = render(&html);
        let by_text = |t: &str| &p.hints[p.blocks.iter().position(|b| b.text.starts_with(t)).unwrap()];
        assert!(by_text("Home").in_nav);
        assert!(by_text("Home").container_link_density > 0.9);
        let para = by_text("This is");
        assert!(para.is_p && para.in_top_candidate && para.positive_classes == 1 && !para.in_nav);
        assert_eq!(para.candidate_score, 1.0);
        assert!(para.container_paragraphs == 2);
        assert!(by_text("A caption").in_figure);
        let other = by_text("Other story");
        assert!(other.in_aside && other.negative_classes == 1 && !other.in_top_candidate);
        assert!(by_text("©").in_footer && by_text("©").hidden);
    }

    #[test]
    fn text_layout_finds_where_the_page_text_lies() {
        // a menu of links, a table holding most of the page's own text, a short sidebar note
        let row = "<tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr>";
        let html = format!(
            "<body><ul><li><a href=/a>Home page link</a></li><li><a href=/b>Another link</a></li></ul>\
             <div id=main><h2>Standings</h2><table>{}</table></div>\
             <div><p>A short note.</p></div></body>",
            row.repeat(4)
        );
        let p = render(&html);
        let by_text = |t: &str| &p.hints[p.blocks.iter().position(|b| b.text.starts_with(t)).unwrap()].layout;
        let menu = by_text("Home");
        let cell = by_text("1 |");
        let note = by_text("A short");
        // no own text in the menu's list; the table row's parent (the <tbody>) holds the most
        assert_eq!(menu.ancestor_text_share[0], 0.0);
        assert!(cell.ancestor_text_share[0] > 0.6 && cell.ancestor_text_share[0] < 1.0);
        assert!(cell.ancestor_text_share[2] >= cell.ancestor_text_share[0]);
        assert!(note.ancestor_text_share[0] < 0.2);
        // the text core is the <tbody>, the deepest element with half of the own text
        assert!(cell.in_text_core && !menu.in_text_core && !note.in_text_core);
        assert!(!by_text("Standings").in_text_core);
        // no paragraph of 25 chars: no Readability candidate, nothing to measure against
        assert_eq!(cell.steps_to_top_candidate, 0);
        assert_eq!(cell.top_candidate_text_share, 0.0);

        let long = "A long paragraph of the article, with commas, clauses, and more words than a menu has.";
        let p = render(&format!(
            "<body><div><p>{long}</p><p>{long}</p></div><aside><p><a href=/x>Other story</a></p></aside></body>"
        ));
        let para = &p.hints[0].layout;
        let other = &p.hints[2].layout;
        // the <p> is a child of the top candidate (the <div>); the aside's <p> goes up two
        // steps to <body>, then down one to the <div>
        assert_eq!(para.steps_to_top_candidate, 1);
        assert_eq!(other.steps_to_top_candidate, 3);
        assert_eq!(para.top_candidate_text_share, 1.0);
        assert_eq!(other.top_candidate_link_density, 0.0);
        assert!(para.in_text_core && !other.in_text_core);
    }

    #[test]
    fn the_block_tree_links_blocks_through_their_elements() {
        let p = render("<body><div><p>one</p><p>two<br>three</p></div><ul><li>four</li></ul></body>");
        assert_eq!(lines(&p), ["one", "two", "three", "- four"]);
        let t = &p.tree;
        assert_eq!(t.element.len(), 4);
        let parent = |e: u32| t.parent[e as usize];
        // two lines of one <p> share it; the two <p>s share their <div>
        assert_eq!(t.element[1], t.element[2]);
        assert_ne!(t.element[0], t.element[1]);
        assert_eq!(parent(t.element[0]), parent(t.element[1]));
        // the <li>'s <ul> and the <div> meet at <body>
        assert_eq!(parent(parent(t.element[0])), parent(parent(t.element[3])));
        // every chain ends at the document
        for &e in &t.element {
            let mut at = e;
            let mut steps = 0;
            while parent(at) != BlockTree::ROOT {
                at = parent(at);
                steps += 1;
                assert!(steps < 10);
            }
        }
    }

    #[test]
    fn json_ld_and_meta_tags() {
        let p = render(
            r#"<html><head><title>T | Site</title>
            <meta name="author" content="Meta Author">
            <meta property="article:published_time" content="2019-02-12T09:30:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Real Headline","author":{"name":"Jane Roe"},"publisher":{"name":"The Daily"}}</script>
            </head><body><p>x</p></body></html>"#,
        );
        assert_eq!(p.declared.title.as_deref(), Some("Real Headline"));
        assert_eq!(p.declared.author.as_deref(), Some("Jane Roe"));
        assert_eq!(p.declared.site_name.as_deref(), Some("The Daily"));
        assert_eq!(p.declared.published.as_deref(), Some("2019-02-12T09:30:00Z"));
    }

    #[test]
    fn br_and_pre_make_lines() {
        let p = render("<p>one<br>two</p><pre>a\n  b\n\nc</pre>");
        assert_eq!(lines(&p), ["one", "two", "a", "b", "c"]);
        assert!(p.blocks[0].blank_before && !p.blocks[1].blank_before);
    }

    #[test]
    fn hostile_nesting_stays_fast() {
        let html = "<div>".repeat(200_000) + "deep text" + &"</div>".repeat(200_000);
        let t = std::time::Instant::now();
        let p = render(&html);
        assert_eq!(lines(&p), ["deep text"]);
        let html = "<b><i>".repeat(100_000) + "x";
        let p = render(&html);
        assert_eq!(p.blocks.len(), 1);
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
    }
}
