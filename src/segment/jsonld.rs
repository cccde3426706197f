//! JSON-LD article metadata: the `NewsArticle` (or `Article`, `BlogPosting`, ...) object a page
//! declares in `<script type="application/ld+json">`, read into headline, author, publisher,
//! date and URL.
//!
//! A small JSON reader of its own rather than serde_json: the library only needs five strings
//! out of it, and the wasm stays smaller. It is linear, nests at most [`MAX_DEPTH`] deep, and
//! answers `None` on anything it cannot read.

/// Deepest nesting read; JSON-LD articles nest three or four levels.
const MAX_DEPTH: usize = 32;

/// A JSON value; numbers are kept as their text (nothing here computes with them).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads one JSON text.
pub fn parse(text: &str) -> Option<Json> {
    let mut r = Reader {
        b: text.as_bytes(),
        s: text,
        i: 0,
    };
    let v = r.value(0)?;
    r.ws();
    (r.i == r.b.len()).then_some(v)
}

struct Reader<'a> {
    b: &'a [u8],
    s: &'a str,
    i: usize,
}

impl Reader<'_> {
    fn ws(&mut self) {
        while self.b.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.b.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Some(Json::Object(fields));
                }
                loop {
                    self.ws();
                    let k = self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    let v = self.value(depth + 1)?;
                    fields.push((k, v));
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b'}' => {
                            self.i += 1;
                            return Some(Json::Object(fields));
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b']' => {
                            self.i += 1;
                            return Some(Json::Array(items));
                        }
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(Json::Str),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => {
                let start = self.i;
                while self
                    .b
                    .get(self.i)
                    .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    self.i += 1;
                }
                (self.i > start).then(|| Json::Number(self.s[start..self.i].to_string()))
            }
        }
    }

    fn word(&mut self, w: &str, v: Json) -> Option<Json> {
        if self.s[self.i..].starts_with(w) {
            self.i += w.len();
            Some(v)
        } else {
            None
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.b.get(self.i) != Some(&b'"') {
            return None;
        }
        self.i += 1;
        let mut out = String::new();
        loop {
            let start = self.i;
            while self.b.get(self.i).is_some_and(|&c| c != b'"' && c != b'\\') {
                self.i += 1;
            }
            out.push_str(&self.s[start..self.i]);
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                _ => {
                    let e = *self.b.get(self.i + 1)?;
                    self.i += 2;
                    match e {
                        b'n' | b'r' | b't' => out.push(' '),
                        b'b' | b'f' => {}
                        b'u' => {
                            let hex = self.s.get(self.i..self.i + 4)?;
                            let code = u32::from_str_radix(hex, 16).ok()?;
                            self.i += 4;
                            let c = if (0xD800..0xDC00).contains(&code) && self.s[self.i..].starts_with("\\u") {
                                let low = u32::from_str_radix(self.s.get(self.i + 2..self.i + 6)?, 16).ok()?;
                                self.i += 6;
                                char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF))
                            } else {
                                char::from_u32(code)
                            };
                            out.push(c.unwrap_or('\u{FFFD}'));
                        }
                        other => out.push(other as char),
                    }
                }
            }
        }
    }
}

/// What a JSON-LD article says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleLd {
    pub headline: Option<String>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date_published: Option<String>,
    pub url: Option<String>,
}

/// Types of schema.org object that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
];

/// The first article object in a JSON-LD text (top level, in an array, or in `@graph`).
pub fn article(text: &str) -> Option<ArticleLd> {
    let v = parse(text.trim())?;
    let mut queue = vec![&v];
    // breadth-first over arrays and @graph, bounded by the value's size
    let mut k = 0;
    while k < queue.len() {
        let node = queue[k];
        k += 1;
        match node {
            Json::Array(items) => queue.extend(items.iter()),
            Json::Object(_) => {
                if is_article(node) {
                    return Some(read_article(node));
                }
                if let Some(g) = node.get("@graph") {
                    queue.push(g);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article(v: &Json) -> bool {
    match v.get("@type") {
        Some(Json::Str(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Json::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

/// A name out of a string, a `{ "name": ... }` object, or the first of an array of either.
fn name_of(v: &Json) -> Option<String> {
    let s = match v {
        Json::Str(s) => Some(s.clone()),
        Json::Object(_) => v.get("name").and_then(Json::as_str).map(str::to_string),
        Json::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(name_of).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }?;
    let s = decode_char_refs(&s).split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Many sites write their JSON-LD through an HTML escaper: `&#163;71.6m`, `Q&amp;A`. JSON does
/// not unescape those, so character references are decoded here (numeric ones and the five a
/// JSON string needs; an unknown one stays as written).
fn decode_char_refs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // a reference is short: `;` within the next 11 bytes
        let semi = rest.bytes().skip(1).take(11).position(|b| b == b';').map(|k| k + 1);
        let decoded = semi.and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }
            }?;
            Some((c, semi + 1))
        });
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

fn read_article(v: &Json) -> ArticleLd {
    let url = v.get("url").and_then(Json::as_str).map(str::to_string).or_else(|| {
        v.get("mainEntityOfPage").and_then(|m| {
            m.as_str()
                .map(str::to_string)
                .or_else(|| m.get("@id").and_then(Json::as_str).map(str::to_string))
        })
    });
    ArticleLd {
        headline: v.get("headline").and_then(name_of),
        author: v.get("author").and_then(name_of),
        publisher: v.get("publisher").and_then(name_of),
        date_published: v.get("datePublished").and_then(Json::as_str).map(str::to_string),
        url: url.filter(|u| u.starts_with("http")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_in_strings_are_decoded() {
        assert_eq!(
            decode_char_refs("Pays &#163;71.6m &amp; &#x20AC;5 for Q&A &bogus; &#99999999;"),
            "Pays £71.6m & €5 for Q&A &bogus; &#99999999;"
        );
        assert_eq!(decode_char_refs("a & b &"), "a & b &");
        assert_eq!(decode_char_refs("Q&amp;"), "Q&");
        let ld = article(r#"{"@type": "NewsArticle", "headline": "Rates &quot;up&quot; &#8212; again"}"#).unwrap();
        assert_eq!(ld.headline.as_deref(), Some("Rates \"up\" — again"));
    }

    #[test]
    fn reads_json() {
        assert_eq!(
            parse(r#" {"a": [1, -2.5e3, true, null], "b": "x\"y\u00e9\ud83d\ude00"} "#),
            Some(Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Number("1".into()),
                        Json::Number("-2.5e3".into()),
                        Json::Bool(true),
                        Json::Null
                    ])
                ),
                ("b".into(), Json::Str("x\"yé😀".into())),
            ]))
        );
        assert_eq!(parse("{\"a\": }"), None);
        assert_eq!(parse("[1, 2"), None);
        assert_eq!(parse(&"[".repeat(100_000)), None);
    }

    #[test]
    fn finds_the_article_in_a_graph() {
        let ld = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Site"},
            {"@type":["NewsArticle"],"headline":"Bank Raises Rates",
             "author":[{"@type":"Person","name":"Jane  Roe"},{"name":"John Doe"}],
             "publisher":{"@type":"Organization","name":"The Daily"},
             "datePublished":"2019-02-12T09:30:00Z",
             "mainEntityOfPage":{"@id":"https://x.test/a"}}]}"#;
        assert_eq!(
            article(ld),
            Some(ArticleLd {
                headline: Some("Bank Raises Rates".into()),
                author: Some("Jane Roe, John Doe".into()),
                publisher: Some("The Daily".into()),
                date_published: Some("2019-02-12T09:30:00Z".into()),
                url: Some("https://x.test/a".into()),
            })
        );
        assert_eq!(article(r#"{"@type":"Organization","name":"X"}"#), None);
    }
}
