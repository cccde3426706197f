//! An HTML page into markdown-like text (headings as `#`, list items as `-`, links as
//! `[text](href)`, one block element a line) plus the metadata its head declares.
//!
//! A single forward scan of the tags: enough structure for block-level cleaning, not a DOM.
//! Invisible content (script, style, template, svg, noscript, comments) is skipped whole.

/// What a page says about itself in its markup.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeclaredMeta {
    /// `og:title`, else `<title>`.
    pub title: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// `author` / `article:author` meta.
    pub author: Option<String>,
    /// `article:published_time` and the like, as written.
    pub published: Option<String>,
    /// `og:url`, else `<link rel="canonical">`.
    pub url: Option<String>,
}

pub struct Page {
    pub text: String,
    pub declared: DeclaredMeta,
}

/// Elements whose content is never visible text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "select",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "figure",
    "figcaption",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "body",
    "br",
    "button",
    "label",
    "caption",
    "time",
];

pub fn render(html: &str) -> Page {
    let mut out = String::with_capacity(html.len() / 3);
    let mut declared = DeclaredMeta::default();
    let mut title_tag = None;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let next = html[i..].find('<').map_or(html.len(), |n| i + n);
            push_text(&mut out, &html[i..next]);
            i = next;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(html.len(), |n| i + n + 3);
            continue;
        }
        let Some(tag) = Tag::parse(html, i) else {
            push_text(&mut out, "<");
            i += 1;
            continue;
        };
        i = tag.end;
        let name = tag.name.as_str();
        if !tag.closing && (SKIPPED.contains(&name) || name == "title") {
            let close = format!("</{name}");
            let content_end = find_ignore_case(html, i, &close).unwrap_or(html.len());
            if name == "title" {
                title_tag = Some(decode_entities(html[i..content_end].trim()));
            }
            i = html[content_end..]
                .find('>')
                .map_or(html.len(), |n| content_end + n + 1);
            continue;
        }
        match (name, tag.closing) {
            ("meta", false) => read_meta(&tag, &mut declared),
            ("link", false) if tag.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                declared.url = declared.url.take().or(tag.attr("href"));
            }
            ("a", false) => out.push('['),
            ("a", true) => out.push_str("](#)"),
            ("img", false) => out.push_str("![](#)"),
            (h, false) if h.len() == 2 && h.starts_with('h') && h.as_bytes()[1].is_ascii_digit() => {
                new_line(&mut out);
                out.push_str(&"#".repeat((h.as_bytes()[1] - b'0') as usize));
                out.push(' ');
            }
            ("li", false) => {
                new_line(&mut out);
                out.push_str("- ");
            }
            (b, _) if BLOCKS.contains(&b) => new_line(&mut out),
            _ => {}
        }
    }
    declared.title = declared.title.or(title_tag.filter(|t| !t.is_empty()));
    Page { text: out, declared }
}

fn read_meta(tag: &Tag, declared: &mut DeclaredMeta) {
    let key = tag
        .attr("property")
        .or_else(|| tag.attr("name"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let Some(content) = tag.attr("content").filter(|c| !c.trim().is_empty()) else {
        return;
    };
    let slot = match key.as_str() {
        "og:title" => &mut declared.title,
        "og:site_name" | "application-name" => &mut declared.site_name,
        "author" | "article:author" | "byl" => &mut declared.author,
        "article:published_time" | "datepublished" | "date" | "pubdate" | "publish-date" => &mut declared.published,
        "og:url" => &mut declared.url,
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(content);
    }
}

fn new_line(out: &mut String) {
    let trimmed = out.trim_end_matches(' ').len();
    out.truncate(trimmed);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
    }
}

/// Appends page text: entities decoded, whitespace runs as one space.
fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

struct Tag {
    name: String,
    closing: bool,
    /// The text between the name and `>`.
    attrs: String,
    /// Index just past `>`.
    end: usize,
}

impl Tag {
    fn parse(html: &str, at: usize) -> Option<Tag> {
        let rest = &html[at + 1..];
        let closing = rest.starts_with('/');
        let name_start = at + 1 + closing as usize;
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 && !html[name_start..].starts_with('!') {
            return None;
        }
        let mut quote = None;
        let mut end = None;
        for (k, b) in html.as_bytes()[name_start + name_len..].iter().enumerate() {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(*b),
                (Some(q), _) if q == *b => quote = None,
                (None, b'>') => {
                    end = Some(name_start + name_len + k);
                    break;
                }
                _ => {}
            }
        }
        let end = end?;
        Some(Tag {
            name: html[name_start..name_start + name_len].to_ascii_lowercase(),
            closing,
            attrs: html[name_start + name_len..end].to_string(),
            end: end + 1,
        })
    }

    /// The value of attribute `name`, entities decoded.
    fn attr(&self, name: &str) -> Option<String> {
        let lower = self.attrs.to_ascii_lowercase();
        let mut from = 0;
        while let Some(p) = lower[from..].find(name) {
            let at = from + p;
            from = at + name.len();
            let boundary = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let after = lower[from..].trim_start();
            if !boundary || !after.starts_with('=') {
                continue;
            }
            let value_start = self.attrs.len() - after.len() + 1;
            let v = self.attrs[value_start..].trim_start();
            let value = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or(""),
            };
            return Some(decode_entities(value));
        }
        None
    }
}

fn find_ignore_case(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()[from..]
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| from + p)
}

/// Decodes the character references news pages use: numeric ones and the common named ones.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest.as_bytes()[..rest.len().min(12)].iter().position(|&b| b == b';');
        let decoded = semi.and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "pound" => '£',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_blocks_and_skips_invisible_content() {
        let p = render(
            "<html><head><title>Page &amp; title</title><style>p{}</style><script>var x='<p>no</p>'</script>\
             <meta property=\"og:site_name\" content=\"The Daily\"><link rel=canonical href='https://x.test/a'></head>\
             <body><!-- <p>hidden</p> --><h2>Sub</h2><p>Text with <a href=\"/b\">a link</a>.</p><ul><li>one<li>two</ul></body></html>",
        );
        assert_eq!(p.text.trim(), "## Sub\n\nText with [a link](#).\n\n- one\n\n- two");
        assert_eq!(p.declared.title.as_deref(), Some("Page & title"));
        assert_eq!(p.declared.site_name.as_deref(), Some("The Daily"));
        assert_eq!(p.declared.url.as_deref(), Some("https://x.test/a"));
    }

    #[test]
    fn entities_and_broken_markup() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#8364;5 &#x2014; &bogus; & c"),
            "a <b> €5 — &bogus; & c"
        );
        let p = render("<p>unclosed <b attr=\"x>y\">bold</p> 3 < 4 <p");
        assert_eq!(p.text.trim(), "unclosed bold\n\n3 < 4 <p");
    }
}
