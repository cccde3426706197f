//! Lines of pasted text or markdown into blocks: the line's kind from its prefix, its readable
//! text from an inline scan that drops emphasis, image syntax, link targets and inline tags.
//! One pass per line; every bracket search is bounded by what an earlier failed search learned,
//! so hostile lines (`[[[[...`) stay linear.

use super::{Block, BlockKind};

/// Cuts `text` into one block per non-blank line.
pub fn blocks(text: &str) -> Vec<Block> {
    let bytes = text.as_bytes();
    // Pasted pages hold about a block per 50 bytes (the dev pages: 761 KB, 15,081 blocks), so
    // most of them never regrow the vector.
    let mut out = Vec::with_capacity(text.len() / 48);
    let mut blank_before = true;
    let mut line_start = 0;
    let mut has_bar = false;
    // One search finds the line ends and the bars a table row needs; the text's end closes the
    // last line.
    for at in memchr::memchr2_iter(b'\n', b'|', bytes).chain([text.len()]) {
        if bytes.get(at) == Some(&b'|') {
            has_bar = true;
            continue;
        }
        let span = line_start..at;
        line_start = at + 1;
        let trimmed = trim_line(&text[span.clone()]);
        if trimmed.is_empty() {
            blank_before = true;
        } else {
            out.push(block(trimmed, span, blank_before, has_bar));
            blank_before = false;
        }
        has_bar = false;
    }
    out
}

/// `line.trim()`, without its Unicode-aware search for the usual line that starts and ends
/// with visible ASCII.
fn trim_line(line: &str) -> &str {
    let bytes = line.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_graphic) && bytes.last().is_some_and(u8::is_ascii_graphic) {
        line
    } else {
        line.trim()
    }
}

/// The block of a line, given trimmed, its span and whether it holds a `|`.
fn block(trimmed: &str, span: std::ops::Range<usize>, blank_before: bool, has_bar: bool) -> Block {
    let (mut kind, rest) = line_kind(trimmed, has_bar);
    let inline = if kind == BlockKind::TableRow {
        Inline::scan_cells(rest)
    } else {
        Inline::scan(rest)
    };
    if !has_alphanumeric(&inline.text) {
        kind = if inline.images > 0 {
            BlockKind::Image
        } else {
            BlockKind::Rule
        };
    }
    let markup_bytes = inline.markup_bytes + (trimmed.len() - rest.len());
    Block {
        span,
        text: inline.text,
        kind,
        blank_before,
        link_bytes: inline.link_bytes,
        markup_bytes,
    }
}

/// Whether `text` has a letter or digit: its ASCII read byte by byte, chars decoded only when
/// the ASCII has none.
fn has_alphanumeric(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_alphanumeric()) || !text.is_ascii() && text.chars().any(char::is_alphanumeric)
}

/// The block kind a line's prefix gives, and the line without that prefix. `has_bar`: the line
/// holds a `|`.
fn line_kind(line: &str, has_bar: bool) -> (BlockKind, &str) {
    let Some(&first) = line.as_bytes().first() else {
        return (BlockKind::Paragraph, line);
    };
    // Each prefix shows in the first byte, and most lines start with a letter: this skips the
    // prefix tests that cannot match.
    match first {
        b'#' => {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
                return (BlockKind::Heading(hashes as u8), line[hashes..].trim_start());
            }
        }
        b'>' => return (BlockKind::BlockQuote, line[1..].trim_start()),
        b'-' | b'*' | b'+' | 0xC2 | 0xE2 => {
            for bullet in ["- ", "* ", "+ ", "• ", "· "] {
                if let Some(rest) = line.strip_prefix(bullet) {
                    return (BlockKind::ListItem, rest.trim_start());
                }
            }
        }
        b'0'..=b'9' => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            // "12. Februar 2019" is a date, not the twelfth item of a list.
            let starts_with_date = || crate::calendar::dates(line).first().is_some_and(|(_, r)| r.start == 0);
            if (1..=3).contains(&digits)
                && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
                && !starts_with_date()
            {
                return (BlockKind::ListItem, line[digits + 2..].trim_start());
            }
        }
        _ => {}
    }
    let is_rule = matches!(first, b'-' | b'*' | b'_' | b'=' | b'|' | b':')
        && line.len() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '-' | '*' | '_' | '=' | '|' | ':' | ' '))
        && line.chars().filter(|&c| c != ' ').count() >= 3;
    if is_rule {
        return (BlockKind::Rule, "");
    }
    if has_bar && (line.starts_with('|') || line.ends_with(" |") || line.matches(" | ").count() >= 2) {
        return (BlockKind::TableRow, line);
    }
    (BlockKind::Paragraph, line)
}

/// The readable text of one line.
struct Inline {
    text: String,
    link_bytes: usize,
    markup_bytes: usize,
    images: usize,
}

impl Inline {
    fn scan(line: &str) -> Inline {
        let mut s = Inline {
            text: String::with_capacity(line.len()),
            link_bytes: 0,
            markup_bytes: 0,
            images: 0,
        };
        let bytes = line.as_bytes();
        // What earlier searches for `]`, `)` and `>` learned.
        let mut memos = [Memo::NEW; 3];
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'!' if bytes.get(i + 1) == Some(&b'[') => {
                    if let Some(end) = link_end(line, i + 1, &mut memos) {
                        s.images += 1;
                        s.markup_bytes += end.total - i;
                        i = end.total;
                        continue;
                    }
                }
                b'[' => {
                    if let Some(end) = link_end(line, i, &mut memos) {
                        let inner = Inline::scan(&line[i + 1..end.label]);
                        s.text.push_str(&inner.text);
                        s.link_bytes += inner.text.len();
                        s.images += inner.images;
                        s.markup_bytes += (end.total - i) - inner.text.len();
                        i = end.total;
                        continue;
                    }
                }
                b'<' => {
                    if let Some(close) = find_from(line, i + 1, b'>', &mut memos[2]) {
                        let inside = &line[i + 1..close];
                        if inside.starts_with("http://") || inside.starts_with("https://") {
                            s.text.push_str(inside);
                            s.link_bytes += inside.len();
                            s.markup_bytes += 2;
                            i = close + 1;
                            continue;
                        }
                        if looks_like_tag(inside) {
                            s.markup_bytes += close + 1 - i;
                            if !s.text.is_empty() && !s.text.ends_with(' ') {
                                s.text.push(' ');
                            }
                            i = close + 1;
                            continue;
                        }
                    }
                }
                b'*' | b'`' => {
                    s.markup_bytes += 1;
                    i += 1;
                    continue;
                }
                b'_' => {
                    let prev_word = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
                    let next_word = bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
                    if !(prev_word && next_word) {
                        s.markup_bytes += 1;
                        i += 1;
                        continue;
                    }
                }
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                    s.markup_bytes += 1;
                    s.text.push(bytes[i + 1] as char);
                    i += 2;
                    continue;
                }
                _ => {}
            }
            // Not markup: a space, or text copied as it is with the plain text after it.
            let c = if b.is_ascii() {
                b as char
            } else {
                line[i..].chars().next().unwrap_or(' ')
            };
            if c.is_whitespace() {
                if !s.text.is_empty() && !s.text.ends_with(' ') {
                    s.text.push(' ');
                }
                i += c.len_utf8();
                continue;
            }
            let end = plain_run_end(line, i + c.len_utf8());
            s.text.push_str(&line[i..end]);
            i = end;
        }
        let trimmed_len = s.text.trim_end().len();
        s.text.truncate(trimmed_len);
        s
    }

    /// A table row: each cell scanned alone, the cells joined by ` | `.
    fn scan_cells(row: &str) -> Inline {
        let mut s = Inline {
            text: String::new(),
            link_bytes: 0,
            markup_bytes: 0,
            images: 0,
        };
        for cell in row.split('|') {
            s.markup_bytes += 1;
            let c = Inline::scan(cell.trim());
            if !c.text.is_empty() && !s.text.is_empty() {
                s.text.push_str(" | ");
            }
            s.text.push_str(&c.text);
            s.link_bytes += c.link_bytes;
            s.markup_bytes += c.markup_bytes;
            s.images += c.images;
        }
        s.markup_bytes -= 1;
        s
    }
}

/// Where the text [`Inline::scan`] copies as it is, from `i` on, ends: bytes no arm of the scan
/// takes, chars that are not whitespace, and single spaces (the scan would copy each of these
/// alone too, a space only after a non-space). Chars are decoded only where they may be
/// whitespace.
fn plain_run_end(line: &str, mut i: usize) -> usize {
    let bytes = line.as_bytes();
    loop {
        while let Some(window) = bytes[i..].first_chunk::<17>() {
            if !plain_ascii_16(window) {
                break;
            }
            i += 16;
        }
        i += bytes[i..]
            .iter()
            .position(|&b| !COPIED[b as usize])
            .unwrap_or(bytes.len() - i);
        match bytes.get(i) {
            Some(b' ') if bytes.get(i + 1) != Some(&b' ') => i += 1,
            Some(&b) if !b.is_ascii() => match line[i..].chars().next() {
                Some(c) if !c.is_whitespace() => i += c.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// The bytes [`Inline::scan`] reads as markup.
const MARKUP: [u8; 7] = *b"![<*`_\\";

/// Whether the first 16 bytes of `window` are all copied by [`plain_run_end`] without a closer
/// look: visible ASCII but [`MARKUP`], or a space before a byte that is not one. Written without
/// branches so the compiler tests the 16 bytes together; most text is long runs of such bytes.
fn plain_ascii_16(window: &[u8; 17]) -> bool {
    let mut stop = 0u8;
    for k in 0..16 {
        let (b, next) = (window[k], window[k + 1]);
        let markup = MARKUP.iter().fold(false, |m, &markup| m | (b == markup));
        stop |= (!(b' '..=b'~').contains(&b) | (b == b' ') & (next == b' ') | markup) as u8;
    }
    stop == 0
}

/// The bytes [`plain_run_end`] copies without a closer look: visible ASCII but [`MARKUP`], and
/// the bytes of chars that cannot be whitespace (all but the first bytes of U+0085, U+00A0,
/// U+1680, U+2000 to U+205F and U+3000).
const COPIED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        let mut markup = false;
        let mut k = 0;
        while k < MARKUP.len() {
            markup |= byte == MARKUP[k];
            k += 1;
        }
        table[b] = if byte.is_ascii() {
            byte.is_ascii_graphic() && !markup
        } else {
            !matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3)
        };
        b += 1;
    }
    table
};

struct LinkEnd {
    /// Index of the `]` closing the label.
    label: usize,
    /// Index just past the whole link (`(...)` or `[...]` included).
    total: usize,
}

/// For `[label](target)` or `[label][ref]` starting at `open`, where it ends.
fn link_end(line: &str, open: usize, memos: &mut [Memo; 3]) -> Option<LinkEnd> {
    let label = find_from(line, open + 1, b']', &mut memos[0])?;
    let after = line.as_bytes().get(label + 1)?;
    let closer = match after {
        b'(' => b')',
        b'[' => b']',
        _ => return None,
    };
    let end = if closer == b')' {
        find_balanced_paren(line, label + 2, &mut memos[1])?
    } else {
        find_from(line, label + 2, b']', &mut memos[0])?
    };
    Some(LinkEnd { label, total: end + 1 })
}

/// Where the next occurrence of one byte is, remembered between searches of a line: a search
/// that fails marks everything after it as hopeless, one that succeeds answers every later search
/// that starts before the match. So a line of ten thousand `[` is scanned once, not ten thousand
/// times.
#[derive(Clone, Copy)]
struct Memo {
    /// Searches starting at or after this find nothing.
    none_after: usize,
    /// The last search started at `.0` and found the byte at `.1`.
    found: (usize, usize),
}

impl Memo {
    const NEW: Memo = Memo {
        none_after: usize::MAX,
        found: (usize::MAX, 0),
    };
}

/// The first `needle` at or after `from`.
fn find_from(line: &str, from: usize, needle: u8, memo: &mut Memo) -> Option<usize> {
    if from >= memo.none_after || from > line.len() {
        return None;
    }
    if memo.found.0 <= from && from <= memo.found.1 {
        return Some(memo.found.1);
    }
    match line.as_bytes()[from..].iter().position(|&b| b == needle) {
        Some(p) => {
            memo.found = (from, from + p);
            Some(from + p)
        }
        None => {
            memo.none_after = from;
            None
        }
    }
}

/// The `)` closing a `(` just before `from`, counting nested pairs (URLs may hold them).
fn find_balanced_paren(line: &str, from: usize, memo: &mut Memo) -> Option<usize> {
    if from >= memo.none_after || from > line.len() {
        return None;
    }
    let mut depth = 1;
    for (k, &b) in line.as_bytes()[from..].iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(from + k);
                }
            }
            _ => {}
        }
    }
    // A later start has fewer open parentheses before it and might close; treating it as
    // hopeless too keeps the scan linear at the cost of missing such a link.
    memo.none_after = from;
    None
}

/// `b`, `/a`, `br/`, `img src="x"`: a tag name then anything.
fn looks_like_tag(inside: &str) -> bool {
    let name = inside.strip_prefix('/').unwrap_or(inside);
    let name_len = name.bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    name_len > 0
        && name.as_bytes()[0].is_ascii_alphabetic()
        && name[name_len..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Block {
        blocks(line).remove(0)
    }

    #[test]
    fn headings_lists_quotes_rules() {
        assert_eq!(one("## Finance Ministry").kind, BlockKind::Heading(2));
        assert_eq!(one("## Finance Ministry").text, "Finance Ministry");
        assert_eq!(one("#hashtag").kind, BlockKind::Paragraph);
        assert_eq!(one("- item one").kind, BlockKind::ListItem);
        assert_eq!(one("12. twelfth").text, "twelfth");
        assert_eq!(one("12. Februar 2019").kind, BlockKind::Paragraph);
        assert_eq!(one("> quoted words").kind, BlockKind::BlockQuote);
        assert_eq!(one("---").kind, BlockKind::Rule);
        assert_eq!(one("|---|:--:|").kind, BlockKind::Rule);
    }

    #[test]
    fn links_images_and_emphasis() {
        let b = one("**Related article:** [Harbour Plan Approved](#)");
        assert_eq!(b.text, "Related article: Harbour Plan Approved");
        assert_eq!(b.link_bytes, "Harbour Plan Approved".len());
        assert!(b.markup_bytes >= 7);
        let b = one("By [Wirepress](https://example.com/a_(b))");
        assert_eq!(b.text, "By Wirepress");
        assert_eq!(one("<https://example.com/x>").text, "https://example.com/x");
        assert_eq!(one("![]() |").kind, BlockKind::Image);
        assert_eq!(one("![chart](a.png) ![b](c.png)").kind, BlockKind::Image);
        assert_eq!(one("snake_case stays, _this_ goes").text, "snake_case stays, this goes");
        assert_eq!(one("a <b>bold</b> word<br/>").text, "a bold word");
        assert_eq!(one("3 < 4 and 5 > 2").text, "3 < 4 and 5 > 2");
    }

    #[test]
    fn table_rows() {
        let b = one("The river rose. Photo: Wirepress |");
        assert_eq!(b.kind, BlockKind::TableRow);
        assert_eq!(b.text, "The river rose. Photo: Wirepress");
        assert_eq!(one("| Team | Won | Lost |").text, "Team | Won | Lost");
    }

    #[test]
    fn spans_and_blank_lines() {
        let text = "One\n\n  Two  \nThree";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(&text[b[1].span.clone()], "  Two  ");
        assert_eq!(
            b.iter().map(|b| b.blank_before).collect::<Vec<_>>(),
            [true, true, false]
        );
    }

    #[test]
    fn hostile_brackets_stay_linear() {
        let line = "[".repeat(200_000) + &"(".repeat(1000) + &"<".repeat(200_000);
        let b = one(&line);
        assert_eq!(b.text.len(), line.len());
        let line = "[".repeat(300_000) + &"](".repeat(100_000) + &"<a".repeat(100_000) + ">";
        assert!(!one(&line).text.is_empty());
    }
}
