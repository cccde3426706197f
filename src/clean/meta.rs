//! Metadata: title, byline, source, date, dateline and URL, from the lines around the article
//! and, for HTML, from what the page declares. Absent means `None`: a field is only filled from a
//! line whose shape says what it is, never guessed from the nearest text.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::rules;
use crate::calendar;
use crate::schema::Meta;
use crate::segment::{Block, BlockKind, Segmented};

/// Header lines longer than this are prose, not a title, byline or date line.
const MAX_HEADER_WORDS: usize = 30;
/// How many lines above the byline or date line the headline may stand: a standfirst, a
/// caption and its credit may come between them.
const HEADLINE_REACH: usize = 4;
/// A line (or a part between bars, `Published: 09:15, Tue, Nov 19, 2019 | Updated: …`) of more
/// words than this is more than a date line, whatever date it holds.
const MAX_DATE_LINE_WORDS: usize = 12;

/// Reads the metadata. `header` are the candidate blocks before the article run, `keep` marks
/// the body blocks. Returns the metadata and the blocks it consumed (a labelled URL line may be
/// one the model kept).
pub fn read(seg: &Segmented, header: &[usize], run: Range<usize>, keep: &[bool]) -> (Meta, Vec<usize>) {
    let blocks = &seg.blocks;
    let mut meta = Meta::default();
    let mut used = Vec::new();

    // The URL: a labelled link ("Original url: <...>", or the label and the link on two lines),
    // which is never article text, even amid the body; or a bare link line outside the body,
    // when the page declares no URL of its own (a bare line on a page is more often an image's
    // or a share link's), and never a link to an image.
    for i in 0..blocks.len() {
        if meta.url.is_some() {
            break;
        }
        let text = blocks[i].text.trim();
        // most lines start with no byte a label or a link starts with, and are not compared
        // with the labels one by one
        if !opens_one_of(&URL_FIRST_BYTES, text) {
            continue;
        }
        if let Some(rest) = strip_url_label(text) {
            if let Some(url) = bare_url(rest) {
                meta.url = Some(url.to_string());
                used.push(i);
            } else if let Some(url) = blocks.get(i + 1).and_then(|b| bare_url(b.text.trim())) {
                meta.url = Some(url.to_string());
                used.extend([i, i + 1]);
            } else if !keep[i] {
                used.push(i);
            }
        } else if let Some(url) = bare_url(text).filter(|_| !keep[i] && seg.declared.url.is_none()) {
            if (i >= run.end || header.contains(&i)) && !is_image_url(url) {
                meta.url = Some(url.to_string());
                used.push(i);
            }
        }
    }

    let mut expect_byline = false;
    let mut title_lines = Vec::new();
    // the header's first byline and first date line: the headline stands just above them
    let (mut first_byline, mut first_date) = (None, None);
    for &i in header {
        let b = &blocks[i];
        let text = b.text.trim();
        let words = words(text).count();
        if words > MAX_HEADER_WORDS || used.contains(&i) {
            continue;
        }
        // a name is capitalised: `By subject`, `By the numbers` are section labels
        let byline = if expect_byline { Some(text) } else { header_byline(text) }
            .filter(|rest| !rest.starts_with(char::is_lowercase));
        if let Some(rest) = byline {
            expect_byline = rest.is_empty();
            let (name, date_part) = split_byline(rest);
            if !name.is_empty() && meta.byline.is_none() {
                meta.byline = Some(name.to_string());
            }
            if meta.date.is_none() {
                // the date may come before the name too: `11/19/2019 by Jane Roe`
                meta.date = header_day(date_part).or_else(|| header_day(text));
            }
            used.push(i);
            first_byline.get_or_insert(i);
            continue;
        }
        if meta.date.is_none() && short_parts(text) {
            // The line as written: `12. Februar 2019` reads as a numbered list item, whose
            // text has lost the day.
            let raw = seg.source[b.span.clone()].trim();
            if let Some(date) = header_day(raw) {
                meta.date = Some(date);
                used.push(i);
                first_date.get_or_insert(i);
                // under the headline, a name may come first: `Jane Roe - Nov 19, 2019`
                let under_title = i.checked_sub(1).is_some_and(|t| title_lines.last() == Some(&t));
                let (name, rest) = split_byline(text);
                if under_title && meta.byline.is_none() && rest.starts_with(' ') && is_name_shaped(name) {
                    meta.byline = Some(name.to_string());
                }
                continue;
            }
        }
        if is_title_like(b, words) {
            title_lines.push(i);
        }
    }
    let declared = &seg.declared;
    // A byline the header did not reach is looked for further up; the headline stands above it.
    let mut title_block = None;
    if meta.byline.is_none() {
        if let Some(at) = byline_near_run(seg, run.clone(), &mut meta, &mut used) {
            let above = at.checked_sub(1).filter(|&t| !used.contains(&t) && t < run.start);
            title_block = above.filter(|&t| {
                let title = &blocks[t];
                is_title_like(title, words(&title.text).count())
                    && declared.title.as_deref().is_none_or(|d| repeats_title(&title.text, d))
            });
        }
    }
    let title_block = title_block.or_else(|| {
        // Above the byline (or the date line, which may also stand above the headline) lies
        // the headline, perhaps a standfirst or a caption under it; what lies further from it
        // (a related article's headline, a menu) is not its title.
        let above = |at: usize| -> Vec<usize> {
            let reach = at.saturating_sub(HEADLINE_REACH)..at;
            title_lines.iter().copied().filter(|i| reach.contains(i)).collect()
        };
        let near = [first_byline, first_date]
            .into_iter()
            .flatten()
            .map(above)
            .find(|lines| !lines.is_empty());
        let near = near.as_deref().unwrap_or_default();
        pick_title(blocks, &title_lines, near, declared.title.as_deref(), run.clone(), keep)
    });
    if let Some(i) = title_block {
        // Of the line and the declared title that repeat each other, the shorter is the
        // headline: a line may carry a breadcrumb (`Home News Business …`), a `<title>` the
        // site's name.
        let line = blocks[i].text.trim();
        let title = match declared.title.as_deref() {
            Some(d) if d.chars().count() < line.chars().count() => d,
            _ => line,
        };
        meta.title = Some(title.to_string());
        used.push(i);
        // A line of just a name under the headline, or under the date line below it, is its
        // byline (`Jane Roe`, `Jane Roe, Wirepress`, `Jane Roe - Nov 19, 2019`).
        let next = header.iter().copied().find(|&k| k > i && !used.contains(&k));
        if let Some(k) = next.filter(|&k| meta.byline.is_none() && k <= i + 2) {
            let (line, date_part) = split_byline(blocks[k].text.trim());
            let name = line.split([',', '@']).next().unwrap_or("").trim();
            // what follows a name's comma is short (`, Wirepress`, `, Staff Writer`); a comma
            // in a headline is followed by more of it (`Watch Jane Roe, Ann Lee Play a Song`)
            let before_handle = line.split('@').next().unwrap_or("");
            let parts_short = before_handle.split(',').all(|part| words(part).nth(4).is_none());
            if is_name_shaped(name) && parts_short {
                meta.byline = Some(name.to_string());
                if meta.date.is_none() {
                    meta.date = header_day(date_part);
                }
                used.push(k);
            }
        }
    }

    meta.title = meta.title.or_else(|| declared.title.clone());
    meta.byline = meta
        .byline
        .as_deref()
        .and_then(tidy_byline)
        .or_else(|| declared.author.clone());
    meta.url = meta.url.or_else(|| declared.url.clone());
    meta.date = meta.date.or_else(|| {
        declared
            .published
            .as_deref()
            .and_then(calendar::find_full_date)
            .and_then(|d| d.iso_day())
    });
    if meta.date.is_none() {
        meta.date = date_near_run(blocks, run.clone(), &mut used);
    }

    if let Some(first) = (run.start..run.end).find(|&i| keep[i]) {
        if let Some(d) = dateline(&blocks[first].text) {
            meta.dateline = d.place.map(str::to_string);
            meta.source = d.agency.map(str::to_string);
        }
    }
    meta.source = meta
        .source
        .or_else(|| {
            meta.byline
                .as_deref()
                .filter(|b| is_organisation_byline(b))
                .map(str::to_string)
        })
        .or_else(|| declared.site_name.clone());
    (meta, used)
}

fn strip_url_label(text: &str) -> Option<&str> {
    URL_LABELS
        .iter()
        .find(|l| text.get(..l.len()).is_some_and(|head| head.eq_ignore_ascii_case(l)))
        .map(|l| text[l.len()..].trim())
        .filter(|rest| rest.is_empty() || bare_url(rest).is_some())
}

/// Labels before a page's URL.
const URL_LABELS: [&str; 6] = [
    "original url:",
    "original url",
    "source url:",
    "url:",
    "source:",
    "link:",
];

/// The lowercased first bytes of a URL label or of a link line (`http…`, `<http…>`).
const URL_FIRST_BYTES: [bool; 256] = first_bytes(&[&URL_LABELS, &["http", "<", ">"]]);

/// The text itself, if it is one URL and nothing else.
fn bare_url(text: &str) -> Option<&str> {
    let t = text.trim_matches(|c| c == '<' || c == '>' || c == ' ');
    let is_url =
        (t.starts_with("https://") || t.starts_with("http://")) && !t.contains(char::is_whitespace) && t.len() > 10;
    is_url.then_some(t)
}

/// Whether a URL's path ends in an image file name (`….jpg`, `….png?w=600`).
fn is_image_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    ["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// Words that open a byline, lowercase, with their space.
const BYLINE_PREFIXES: [&str; 9] = [
    "by ",
    "written by ",
    "words by ",
    "author: ",
    "reporting by ",
    "von ",
    "por ",
    "par ",
    "oleh ",
];

/// Byline prefixes only header lines use (`Posted by Jane Roe on …`, `BY: Jane Roe`).
const HEADER_BYLINE_PREFIXES: [&str; 3] = ["posted by ", "by: ", "story by "];

/// The lowercased first bytes of the byline prefixes: most lines open with none of these
/// letters, and one table look passes them over before any prefix is compared.
const BYLINE_FIRST_BYTES: [bool; 256] = first_bytes(&[&BYLINE_PREFIXES, &HEADER_BYLINE_PREFIXES]);

/// Which bytes the strings of some lists start with (lowercase strings: a table for
/// [`opens_one_of`]).
const fn first_bytes(lists: &[&[&str]]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut l = 0;
    while l < lists.len() {
        let mut p = 0;
        while p < lists[l].len() {
            table[lists[l][p].as_bytes()[0] as usize] = true;
            p += 1;
        }
        l += 1;
    }
    table
}

/// Whether a text's first byte, lowercased, is one of a [`first_bytes`] table's: whether the
/// text may start with one of its strings, in any case.
fn opens_one_of(table: &[bool; 256], text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|b| table[b.to_ascii_lowercase() as usize])
}

/// `By Jane Roe` → `Jane Roe`; `By` alone → `""` (the name is on the next line).
pub fn byline_prefix(text: &str) -> Option<&str> {
    if !opens_one_of(&BYLINE_FIRST_BYTES, text) {
        return None;
    }
    after_any_prefix(text, &BYLINE_PREFIXES)
        .or_else(|| (text.eq_ignore_ascii_case("by") || text.eq_ignore_ascii_case("by:")).then_some(""))
}

/// The rest of `text` after the first of `prefixes` it starts with (ASCII case ignored), trimmed.
/// A prefix's closing space matches any whitespace (`By\u{a0}Jane Roe`, as pages often write it).
fn after_any_prefix<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    let first = text.as_bytes().first()?.to_ascii_lowercase();
    prefixes.iter().filter(|p| p.as_bytes()[0] == first).find_map(|p| {
        let word = p.trim_end_matches(' ');
        let rest = text
            .get(word.len()..)
            .filter(|_| text[..word.len()].eq_ignore_ascii_case(word))?;
        match p.len() > word.len() {
            true => rest.starts_with(char::is_whitespace).then(|| rest.trim()),
            false => Some(rest.trim()),
        }
    })
}

/// Whether a lowercase text opens like a byline (see [`byline_prefix`]).
pub fn starts_with_byline_prefix(lower: &str) -> bool {
    BYLINE_PREFIXES.iter().any(|p| lower.starts_with(p)) || lower == "by" || lower == "by:"
}

/// The byline in a header line (of at most [`MAX_HEADER_WORDS`] words: a longer line is prose):
/// after a byline prefix (`By Jane Roe`, see [`byline_prefix`]), or the ones only header lines
/// use (`Posted by Jane Roe on …`, `BY: Jane Roe`), or after a `by` that follows the date
/// (`11/19/2019 by Jane Roe`).
fn header_byline(text: &str) -> Option<&str> {
    // the words are counted only for a line that may hold a byline: most lines fail the cheaper
    // tests first
    let short = || words(text).nth(MAX_HEADER_WORDS).is_none();
    let prefixed = byline_prefix(text).or_else(|| {
        opens_one_of(&BYLINE_FIRST_BYTES, text)
            .then(|| after_any_prefix(text, &HEADER_BYLINE_PREFIXES))
            .flatten()
    });
    if let Some(rest) = prefixed {
        return short().then_some(rest);
    }
    // most lines have no ` by` at all: looked for before the (dearer) dates, from each `y`
    // (found a fast search at a time) back
    let has_by = |t: &str| {
        let bytes = t.as_bytes();
        memchr::memchr2_iter(b'y', b'Y', bytes)
            .any(|at| at >= 2 && bytes[at - 2] == b' ' && bytes[at - 1].eq_ignore_ascii_case(&b'b'))
    };
    if !has_by(text) || !short() {
        return None;
    }
    let (_, at) = calendar::dates(text).first().cloned()?;
    let after = &text[at.end..];
    let lower = after.to_ascii_lowercase();
    let by = [" by ", " by:"].iter().filter_map(|m| lower.find(m)).min()? + " by".len();
    Some(after[by..].trim_start_matches(':').trim())
}

/// How many blocks into the article a byline line is looked for when the header held none.
const BYLINE_REACH_INTO_RUN: usize = 4;

/// A `By Jane Roe` line that the header scan did not reach: under a standfirst the model kept
/// as the article's first lines, or above furniture where the scan stops (a list of videos
/// between the headline and the article). Of the lines before the article or among its first
/// few, the nearest to its start whose name is shaped like one (so `By subject` is no byline)
/// gives the byline, and a date line beside it the date. The lines are consumed: a byline amid
/// the body is not article text. Returns the byline's block.
fn byline_near_run(seg: &Segmented, run: Range<usize>, meta: &mut Meta, used: &mut Vec<usize>) -> Option<usize> {
    let blocks = &seg.blocks;
    let end = (run.start + BYLINE_REACH_INTO_RUN).min(run.end);
    let (i, name) = nearest_first(run.start, 0..end)
        .filter(|i| !used.contains(i))
        .find_map(|i| {
            let text = blocks[i].text.trim();
            let name = split_byline(header_byline(text)?).0.trim_end_matches([' ', ',']);
            let first = name.split([',', '@']).next().unwrap_or("").trim();
            is_name_shaped(first).then_some((i, name))
        })?;
    meta.byline = Some(name.to_string());
    used.push(i);
    if meta.date.is_none() {
        meta.date = header_day(&blocks[i].text);
    }
    for k in [i + 1, i.wrapping_sub(1)] {
        let beside = blocks.get(k).filter(|_| meta.date.is_none() && !used.contains(&k));
        if let Some(date) = beside.and_then(date_line_day) {
            meta.date = Some(date);
            used.push(k);
        }
    }
    Some(i)
}

/// The indexes of `range` by their distance from `centre`, the lower first of two as near.
fn nearest_first(centre: usize, range: Range<usize>) -> impl Iterator<Item = usize> {
    let reach = centre.saturating_sub(range.start).max(range.end.saturating_sub(centre));
    (0..=reach)
        .flat_map(move |d| [centre.checked_sub(d), (d > 0).then(|| centre + d)])
        .flatten()
        .filter(move |i| range.contains(i))
}

/// A date line the header scan did not reach (`PUBLISHED: 09:15, Tue, Nov 19, 2019`, above a
/// list of links between headline and article): the nearest to the article of the short lines
/// before it that hold a full date. Consumed, like a header's date line.
fn date_near_run(blocks: &[Block], run: Range<usize>, used: &mut Vec<usize>) -> Option<String> {
    let (i, date) = (0..run.start)
        .rev()
        .filter(|i| !used.contains(i))
        .find_map(|i| Some((i, date_line_day(&blocks[i])?)))?;
    used.push(i);
    Some(date)
}

/// The day (`YYYY-MM-DD`) of the first date in a header line.
fn header_day(text: &str) -> Option<String> {
    calendar::find_header_date(text.trim())?.iso_day()
}

/// The day of a date line: a line short enough to be one (see [`MAX_DATE_LINE_WORDS`]).
fn date_line_day(b: &Block) -> Option<String> {
    // every header date has an ASCII digit (see `calendar::find_header_date`): most lines have
    // none, found in one byte scan before their words are counted
    if !b.text.bytes().any(|c| c.is_ascii_digit()) {
        return None;
    }
    short_parts(&b.text).then(|| header_day(&b.text))?
}

/// Whether each part of a line between bars is short enough for a date line.
fn short_parts(text: &str) -> bool {
    text.split('|')
        .all(|part| words(part).nth(MAX_DATE_LINE_WORDS).is_none())
}

/// Whether a text is shaped like a person's or an agency's name: two to four capitalised words
/// of letters (initials and `'-` allowed), `Jane E. Roe`, `Associated Press`.
fn is_name_shaped(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// A byline read from a line, without what pages set beside the name: an email address or a
/// phone number and what follows (`Jane Roe jroe@x.test (555) 123-4567`), lowercase words at
/// the end (`Jane Roe publiziert am`: a name ends in a capitalised word) and a dangling
/// separator (`Staff Reports -`); a space before a comma is typesetting (`Jane Roe , Ann Lee`).
/// `None` when nothing is left, or when it opens with a date label (`PUBLISHED TUE`).
fn tidy_byline(byline: &str) -> Option<String> {
    const DATE_LABELS: [&str; 4] = ["published", "updated", "posted", "modified"];
    let mut words: Vec<&str> = byline
        .split_whitespace()
        .take_while(|w| !w.contains(|c: char| c == '@' || c.is_ascii_digit()))
        .collect();
    while let Some(last) = words.last() {
        let lowercase = last.chars().any(char::is_lowercase) && !last.chars().any(char::is_uppercase);
        if !lowercase && last.chars().any(char::is_alphanumeric) {
            break;
        }
        words.pop();
    }
    let first = words.first()?.trim_end_matches(':');
    if DATE_LABELS.iter().any(|l| first.eq_ignore_ascii_case(l)) {
        return None;
    }
    Some(words.join(" ").replace(" , ", ", ").trim_end_matches(',').to_string())
}

/// Splits `Metro Wire News | 12 Feb, 2019` (or `Jane Roe on Monday, …`) into the name and the rest.
fn split_byline(text: &str) -> (&str, &str) {
    for sep in [
        " | ",
        " · ",
        " • ",
        " - ",
        " — ",
        ", updated",
        " updated",
        " published",
        " on ",
    ] {
        if let Some(p) = text.find(sep) {
            return (text[..p].trim(), &text[p..]);
        }
    }
    if let Some((_, r)) = calendar::dates(text).first() {
        return (text[..r.start].trim().trim_end_matches(','), &text[r.start..]);
    }
    (text, "")
}

/// A byline that names an outlet or agency rather than a person: one word (people have two or
/// more names), or a word that only organisations use.
fn is_organisation_byline(byline: &str) -> bool {
    const ORG_WORDS: &[&str] = &[
        "news",
        "press",
        "agency",
        "agencies",
        "wire",
        "wires",
        "media",
        "service",
        "staff",
        "desk",
        "bureau",
        "network",
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "reporters",
    ];
    let words: Vec<&str> = byline.split_whitespace().collect();
    words.len() == 1 || words.iter().any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
}

/// The distinct lowercase words of four letters or more (or with a non-ASCII letter) of some
/// texts, sorted: the words that say what a line is about.
fn content_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Cow<'a, str>> {
    let mut w: Vec<Cow<str>> = all_content_words(texts).collect();
    w.sort_unstable();
    w.dedup();
    w
}

/// The content words of some texts (see [`content_words`]), as they come, repeats and all. A
/// word already lowercase ASCII (most) is borrowed, not copied.
fn all_content_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> impl Iterator<Item = Cow<'a, str>> {
    texts
        .into_iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_ascii() || w.len() >= 4)
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(w.to_lowercase())
            }
        })
}

/// How many of the sorted words `a` are in the sorted words `b`.
fn shared(a: &[Cow<str>], b: &[Cow<str>]) -> usize {
    a.iter().filter(|w| b.binary_search(w).is_ok()).count()
}

/// Whether a line says the same as a page's declared title (half the words of the longer of
/// the two in common): `Home News Bank Raises Rates` repeats `Bank Raises Rates | The Daily`.
pub fn repeats_title(line: &str, title: &str) -> bool {
    let (line, title) = (content_words([line]), content_words([title]));
    let common = shared(&line, &title);
    common > 0 && 2 * common >= line.len().max(title.len())
}

/// Whether a line is one URL and nothing else.
pub fn is_bare_url(text: &str) -> bool {
    bare_url(text.trim()).is_some()
}

/// The headline among the title-like header lines. A page that declares its title (HTML) says
/// which: the line that repeats it, if one does (else the declared title is used as it is). In
/// pasted text a level-1 heading is the title; else the line sharing the most words with the
/// article's first paragraphs (a headline announces its lede; a menu entry or a section name
/// above it does not), the nearest to the article on a tie. The lines `near` the byline or
/// date line are looked at first; if none of them shares a word, any line that does; if none
/// at all does, the nearest to the article of `near`, or else of all.
fn pick_title(
    blocks: &[Block],
    lines: &[usize],
    near: &[usize],
    declared: Option<&str>,
    run: Range<usize>,
    keep: &[bool],
) -> Option<usize> {
    if let Some(declared) = declared {
        return lines
            .iter()
            .copied()
            .find(|&i| repeats_title(&blocks[i].text, declared));
    }
    if let Some(&i) = lines.iter().find(|&&i| matches!(blocks[i].kind, BlockKind::Heading(1))) {
        return Some(i);
    }
    // one line is the headline whatever words it shares
    if lines.len() < 2 {
        return lines.first().copied();
    }
    let headlines: Vec<(usize, Vec<Cow<str>>)> = lines
        .iter()
        .copied()
        .map(|i| (i, content_words([blocks[i].text.as_str()])))
        .collect();
    // Of the lede's words only those of the lines count: they alone are kept and sorted.
    let mut line_words: Vec<&str> = headlines
        .iter()
        .flat_map(|(_, w)| w.iter().map(|w| w.as_ref()))
        .collect();
    line_words.sort_unstable();
    let mut lede: Vec<Cow<str>> = all_content_words(run.filter(|&i| keep[i]).take(2).map(|i| blocks[i].text.as_str()))
        .filter(|w| line_words.binary_search(&w.as_ref()).is_ok())
        .collect();
    lede.sort_unstable();
    lede.dedup();
    let best_of = |only_near: bool| {
        (headlines.iter())
            .filter(|(i, _)| !only_near || near.contains(i))
            .map(|(i, words)| (shared(words, &lede), *i))
            .filter(|&(n, _)| n > 0)
            .max_by_key(|&(n, i)| (n, i))
            .map(|(_, i)| i)
    };
    best_of(true).or_else(|| match near.last() {
        Some(&i) => Some(i),
        None => best_of(false).or(lines.last().copied()),
    })
}

/// A photo caption: with a credit in brackets at the end (`… in Madrid. (Jane Roe/Wirepress)`,
/// `… campaign. (acme.test)`) or a place in the picture in brackets (`Jane Roe (left) and …`).
fn is_caption(text: &str) -> bool {
    const IN_PICTURE: [&str; 8] = [
        "left)",
        "right)",
        "center)",
        "centre)",
        "pictured)",
        "top)",
        "above)",
        "below)",
    ];
    let text = text.trim_end();
    let credit = text.ends_with(')')
        && text.rfind('(').is_some_and(|open| {
            let inside = &text[open + 1..text.len() - 1];
            // a site's name, not a ticker (`(ACME.N)`)
            let site = !inside.contains(' ') && inside.contains('.') && !inside.ends_with('.');
            inside.contains('/') || site && inside.contains(|c: char| c.is_ascii_lowercase())
        });
    credit
        || memchr::memchr_iter(b'(', text.as_bytes()).any(|open| {
            let after = &text.as_bytes()[open + 1..];
            IN_PICTURE.iter().any(|p| {
                after
                    .get(..p.len())
                    .is_some_and(|a| a.eq_ignore_ascii_case(p.as_bytes()))
            })
        })
}

/// A headline: a level-1 heading, or a short line that starts with a capital or a digit
/// (`10 things to know today`) and does not end like a sentence.
fn is_title_like(b: &Block, words: usize) -> bool {
    if matches!(b.kind, BlockKind::Heading(1)) {
        return true;
    }
    let text = b.text.trim();
    let ends_sentence = text.ends_with('.') && !text.ends_with("..");
    (3..=MAX_HEADER_WORDS).contains(&words)
        && !ends_sentence
        && opens_like_a_headline(text)
        && matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading(_))
        && !is_breadcrumb(text)
        && !has_inner_sentence_end(text)
        && !is_caption(text)
        // after the cheaper tests: it reads a lowercase copy of the line
        && rules::boilerplate_reason(text, words).is_none()
        && calendar::find_full_date(text).is_none()
}

/// Whether a line opens with a capital or a digit (`10 things to know today`), perhaps after a
/// quote or a bracket (`‘Rates will rise’: …`, `[Review] …`); but a quote closed by a comma
/// (`“Rates will rise,” the governor said …`) opens a sentence of prose.
fn opens_like_a_headline(text: &str) -> bool {
    let rest = text.trim_start_matches(['‘', '“', '"', '\'', '[', '(', '«', '„', '¿', '¡']);
    let quoted = rest.len() < text.len();
    rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !(quoted && [",”", ",’", ",\"", ",»"].iter().any(|end| rest.contains(end)))
}

/// Whether a line ends a sentence inside (`… the crisis. It is up to them …`): a standfirst,
/// not a headline. The word before the period is lowercase, so `Mr. Roe` and `U.S. Senate`
/// are no sentence ends.
fn has_inner_sentence_end(text: &str) -> bool {
    text.match_indices(". ").any(|(at, _)| {
        let word = text[..at].rsplit(' ').next().unwrap_or("");
        let next_capital = text[at + 2..].starts_with(char::is_uppercase);
        next_capital && word.chars().count() >= 3 && word.chars().all(char::is_lowercase)
    })
}

/// A trail of links to the page (`Blog > Health > Sleep`): two or more arrows between its parts.
fn is_breadcrumb(text: &str) -> bool {
    // most lines hold no arrow at all: one pass over the chars, before a search per arrow
    text.contains(['>', '»', '›'])
        && [" > ", " » ", " › "]
            .iter()
            .map(|arrow| text.matches(arrow).count())
            .sum::<usize>()
            >= 2
}

/// A dateline opening the first paragraph.
#[derive(Debug, PartialEq)]
pub struct Dateline<'a> {
    pub place: Option<&'a str>,
    pub agency: Option<&'a str>,
}

/// `MOSCOW (Wirepress) -`, `Moscow |`, `WASHINGTON —`, `(Agency) -` at the start of a paragraph.
pub fn dateline(text: &str) -> Option<Dateline<'_>> {
    const SEPARATORS: [&str; 5] = [" - ", " – ", " — ", " | ", ": "];
    let head = &text[..text.char_indices().nth(60).map_or(text.len(), |(i, _)| i)];
    let (sep_at, sep) = SEPARATORS.iter().filter_map(|s| head.find(s).map(|p| (p, *s))).min()?;
    let lead = head[..sep_at].trim();
    let after = text[sep_at + sep.len()..].trim_start();
    if !after
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“')
    {
        return None;
    }
    let (place, agency) = match lead.find('(') {
        Some(open) if lead.ends_with(')') => (lead[..open].trim(), Some(lead[open + 1..lead.len() - 1].trim())),
        _ => (lead, None),
    };
    let place_words: Vec<&str> = place.split_whitespace().collect();
    let capitalised = place_words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let shouting = place.chars().any(char::is_alphabetic) && !place.chars().any(char::is_lowercase);
    let place_ok = place.is_empty() && agency.is_some()
        || (1..=4).contains(&place_words.len()) && capitalised && (shouting || agency.is_some() || sep != " - ");
    // an agency is named in words: `(1-0)` after a team is a score
    let agency_ok = |a: &str| {
        a.chars().any(char::is_alphabetic)
            && !a.contains(|c: char| c.is_ascii_digit())
            && a.split_whitespace().count() <= 4
    };
    if !place_ok || agency.is_some_and(|a| !agency_ok(a)) {
        return None;
    }
    let place = (!place.is_empty()).then(|| place.trim_end_matches(','));
    Some(Dateline { place, agency })
}

/// The outlet's name as its own page furniture repeats it ("Subscribe to The Daily", "© The
/// Daily", "The Daily Digital Edition"): the capitalised phrase of two to four words that recurs most in
/// the dropped blocks and never occurs in the body. It must stand at least once in a furniture
/// line that says something about it (at least [`OUTLET_CONTEXT_WORDS`] more words: "Why you
/// can trust The Daily", "Disclaimer: No The Daily journalist was involved"): a phrase only
/// ever alone on its line is a menu entry or a section ("Contact Us", "Personal Finance") or
/// an author's name. A phrase with a month or a weekday is a date line ("Tuesday November"),
/// one inside the byline is the author, and one that starts or ends in a function word is a
/// piece of a longer one ("Sign Up To The Daily" gives "To The").
///
/// And something must say it is an outlet: a word outlets name themselves
/// with (`Herald`, `News`), a copyright line, or words around it that only an outlet's name
/// takes ("Follow The Daily", "The Daily App"). Recurring section names, headlines of other
/// articles, people and places ("Weight Loss", "New York") have none of these, and a wrong
/// outlet is worse than none.
pub fn outlet_in_furniture(seg: &Segmented, keep: &[bool], byline: Option<&str>) -> Option<String> {
    // Linear: phrases are hashed by their words, never written out or searched for in the body
    // text; only the few that pass every test are joined into text.
    let mut line = Vec::new();
    let mut run = Vec::new();
    // sized ahead for a few phrases a dropped block: grown from empty, the map spent more on
    // rehashing its phrases than on counting them
    let dropped = keep.iter().filter(|k| !**k).count();
    let mut sightings: HashMap<PhraseWords, Sightings, rules::FastHash> =
        HashMap::with_capacity_and_hasher(2 * dropped, rules::FastHash);
    for (i, b) in seg.blocks.iter().enumerate().filter(|(i, _)| !keep[*i]) {
        // The outlet's name stands in short furniture lines ("© The Daily", "The Daily Digital
        // Edition"); a line's words are read no further than one past the limit.
        line.clear();
        line.extend(words(&b.text).take(OUTLET_LINE_MAX_WORDS + 1));
        if line.len() > OUTLET_LINE_MAX_WORDS {
            // A copyright line names its outlet amid the owner's legal names and dates; its
            // mark stands in the words read so far (`This material may not be … ©2019 The Daily`).
            let last = line[line.len() - 1];
            let read = last.as_ptr() as usize - b.text.as_ptr() as usize + last.len();
            if !is_copyright_line(&b.text[..read]) {
                continue;
            }
            line.extend(words(&b.text[read..]).take(OUTLET_COPYRIGHT_LINE_MAX_WORDS - OUTLET_LINE_MAX_WORDS));
            if line.len() > OUTLET_COPYRIGHT_LINE_MAX_WORDS {
                continue;
            }
        }
        let line_words = line.len();
        // read only for a line with a phrase in it
        let mut copyright = None;
        for_each_phrase(&line, &mut run, |phrase| {
            let in_context = line_words >= phrase.len() + OUTLET_CONTEXT_WORDS;
            // the cues are read only for a phrase not yet cued
            let mut cued =
                || *copyright.get_or_insert_with(|| is_copyright_line(&b.text)) || cued_in_line(&line, phrase);
            match sightings.entry(phrase_words(phrase)) {
                Entry::Occupied(seen) => {
                    let s = seen.into_mut();
                    s.blocks += usize::from(s.last != i);
                    s.last = i;
                    s.in_context |= in_context;
                    s.cued = s.cued || cued();
                }
                Entry::Vacant(new) => {
                    new.insert(Sightings {
                        blocks: 1,
                        first: i,
                        last: i,
                        in_context,
                        cued: cued(),
                    });
                }
            }
        });
    }
    // The tests of a phrase on its own come before the look into the body: it is the longest
    // text, and a phrase they reject needs no looking for.
    let mut candidates: HashMap<PhraseWords, (String, Sightings), rules::FastHash> = sightings
        .into_iter()
        .filter(|(words, s)| {
            let phrase = in_phrase(words);
            s.blocks >= 2
                && s.in_context
                && (s.cued || phrase.iter().any(|w| is_outlet_word(w)))
                && !phrase.iter().any(|w| is_legal_word(w))
                && !starts_or_ends_in_function_word(phrase)
                && !phrase.iter().any(|w| calendar::names_month_or_day(w))
        })
        .map(|(words, s)| (words, (in_phrase(&words).join(" "), s)))
        .filter(|(_, (p, _))| {
            !byline.is_some_and(|b| b.contains(p.as_str())) && rules::boilerplate_reason(p, 4).is_none()
        })
        .collect();
    // A body phrase can only be a candidate if it starts with a candidate's first word, and so
    // holds that word's first byte: the body is searched for those bytes only, and just the
    // words holding them are read.
    let first_words: HashSet<&str, rules::FastHash> = candidates.keys().map(|w| w[0]).collect();
    let mut first_bytes: Vec<u8> = first_words.iter().map(|w| w.as_bytes()[0]).collect();
    first_bytes.sort_unstable();
    first_bytes.dedup();
    for b in seg.blocks.iter().zip(keep).filter(|(_, k)| **k).map(|(b, _)| b) {
        if candidates.is_empty() {
            return None;
        }
        for_each_word_holding(&b.text, &first_bytes, |raw, next| {
            let Some(word) = capitalised(raw).filter(|w| first_words.contains(w)) else {
                return;
            };
            // the phrases of two to four words of its capitalised run that start with it
            let mut phrase = [word, "", "", ""];
            let mut last = raw;
            for (n, raw) in (1..4).zip(next) {
                if ends_run(last) {
                    break;
                }
                let Some(word) = capitalised(raw) else { break };
                phrase[n] = word;
                candidates.remove(&phrase);
                last = raw;
            }
        });
    }
    candidates
        .into_values()
        .max_by(|(p, s), (q, t)| {
            (s.blocks, p.split(' ').count(), std::cmp::Reverse(s.first))
                .cmp(&(t.blocks, q.split(' ').count(), std::cmp::Reverse(t.first)))
                .then_with(|| q.cmp(p))
        })
        .map(|(p, _)| p)
}

/// How a phrase stands in the furniture: in how many blocks, the first and the last of them,
/// whether with context in one, and whether one is a copyright line or has cues around it
/// that say it is an outlet (see [`cued_in_line`]).
struct Sightings {
    blocks: usize,
    first: usize,
    last: usize,
    in_context: bool,
    cued: bool,
}

/// Whether a word is one that outlets name themselves with (`The Acme Herald`, `Wirepress
/// News`, `Ogden Daily`).
fn is_outlet_word(word: &str) -> bool {
    const OUTLET_WORDS: &[&str] = &[
        "news",
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "press",
        "gazette",
        "chronicle",
        "telegraph",
        "guardian",
        "observer",
        "examiner",
        "standard",
        "daily",
        "weekly",
        "magazine",
        "reporter",
        "insider",
        "express",
        "mail",
        "star",
        "sun",
        "wire",
        "radio",
        "network",
        "media",
        "agency",
        "broadcasting",
        "monitor",
        "register",
        "courier",
        "bulletin",
        "independent",
        "mirror",
        "dispatch",
        "inquirer",
        "sentinel",
        "globe",
        "today",
    ];
    OUTLET_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether a word is one of the legal notices beside an outlet's name in a copyright line
/// (`All Rights Reserved`, `Updated Privacy Policy`, `Terms of Use`), never one of the name's.
fn is_legal_word(word: &str) -> bool {
    const LEGAL_WORDS: &[&str] = &[
        "rights",
        "reserved",
        "privacy",
        "policy",
        "terms",
        "cookie",
        "cookies",
        "trademark",
        "trademarks",
        "updated",
    ];
    LEGAL_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Whether `phrase` (consecutive words inside the words of `line`) stands in the line as an
/// outlet's name, as it does just after `Follow`, `Support`, `trust`, `Subscribe to`, `Sign up
/// to`/`for`, `Published on`/`in`/`by`, `Provided by`, `Notifications from`, or just before
/// `App`, `Newsletter`, `Journalist`, `Staff`, `Epaper`, `Contributor`, `Correspondent`, `is
/// part of`: words that only an outlet's name takes.
fn cued_in_line(line: &[&str], phrase: &[&str]) -> bool {
    // the line's word that holds the phrase's first word
    let first = phrase[0].as_ptr() as usize;
    let Some(k) = line
        .iter()
        .position(|w| (w.as_ptr() as usize..w.as_ptr() as usize + w.len()).contains(&first))
    else {
        return false;
    };
    let cue = |j: Option<usize>| j.and_then(|j| line.get(j)).map_or(CueWord::None, |w| CueWord::of(w));
    let end = k + phrase.len();
    match (cue(k.checked_sub(1)), cue(Some(end))) {
        (CueWord::Before, _) | (_, CueWord::After) => true,
        (CueWord::BeforeSecond, _) if cue(k.checked_sub(2)) == CueWord::BeforeFirst => true,
        (_, CueWord::Is) => cue(Some(end + 1)) == CueWord::Part && cue(Some(end + 2)) == CueWord::Of,
        _ => false,
    }
}

/// The part a word plays in the cues of [`cued_in_line`].
#[derive(Clone, Copy, PartialEq)]
enum CueWord {
    None,
    /// A cue before a name on its own: `Follow`.
    Before,
    /// A cue after a name on its own: `App`.
    After,
    /// The first word of a two-word cue before a name (`Subscribe`, `Up`, `Published`,
    /// `Provided`, `Notifications`), and the second (`to`, `for`, `on`, `in`, `by`, `from`).
    BeforeFirst,
    BeforeSecond,
    /// `is`, `part`, `of`.
    Is,
    Part,
    Of,
}

impl CueWord {
    fn of(raw: &str) -> CueWord {
        let mut word = raw.as_bytes();
        while let [first, rest @ ..] = word {
            if !first.is_ascii_punctuation() {
                break;
            }
            word = rest;
        }
        while let [rest @ .., last] = word {
            if !last.is_ascii_punctuation() {
                break;
            }
            word = rest;
        }
        // no cue is longer
        let mut lower = [0u8; 13];
        if word.len() > lower.len() {
            return CueWord::None;
        }
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        match &*lower {
            b"follow" | b"support" | b"trust" => CueWord::Before,
            b"app" | b"newsletter" | b"newsletters" | b"journalist" | b"journalists" | b"staff" | b"epaper"
            | b"contributor" | b"correspondent" => CueWord::After,
            b"subscribe" | b"up" | b"published" | b"provided" | b"notifications" => CueWord::BeforeFirst,
            b"to" | b"for" | b"on" | b"in" | b"by" | b"from" => CueWord::BeforeSecond,
            b"is" => CueWord::Is,
            b"part" => CueWord::Part,
            b"of" => CueWord::Of,
            _ => CueWord::None,
        }
    }
}

/// The outlet a page's own copyright notice names, when nothing else did: the holder in the
/// last dropped copyright line (`© 2005-2019 Acme Herald, All Rights Reserved.` gives `Acme
/// Herald`). Only a site's notice counts, one with a year or `rights reserved`, not a photo's
/// (`© Jane Roe`, `Photo: © 2019 Jane Roe`); and a holder with a company's legal name (`Inc`,
/// `LLC`, `Holdings`, `Communications`, …) is the owner, not the outlet, so it gives none.
pub fn outlet_in_copyright(seg: &Segmented, keep: &[bool]) -> Option<String> {
    let notice = (seg.blocks.iter().zip(keep).rev())
        .filter(|(_, kept)| !**kept)
        .map(|(b, _)| b.text.trim())
        .find(|text| is_copyright_line(text) && words(text).nth(OUTLET_COPYRIGHT_LINE_MAX_WORDS).is_none())?;
    copyright_holder(notice).map(str::to_string)
}

fn copyright_holder(notice: &str) -> Option<&str> {
    const PHOTO_WORDS: [&str; 6] = ["photo", "image", "foto", "picture", "credit", "bild"];
    const OWNER_WORDS: &[&str] = &[
        "inc",
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "corp",
        "corporation",
        "co",
        "company",
        "holdings",
        "communication",
        "communications",
        "interactive",
        "group",
        "publishing",
        "publications",
        "newspapers",
        "enterprises",
        "plc",
        "ag",
        "sa",
        "s.a",
        "bv",
        "srl",
        "spa",
    ];
    // ASCII lowercase keeps every byte where it was, so its offsets hold in `notice`
    let lower = notice.to_ascii_lowercase();
    let mark = [lower.find('©'), lower.find("copyright")].into_iter().flatten().min()?;
    if PHOTO_WORDS.iter().any(|w| lower[..mark].contains(w)) {
        return None;
    }
    let has_year = notice
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    if !has_year && !lower.contains("rights reserved") {
        return None;
    }
    // past the marks, years and dashes before the holder: `© Copyright 2005 - 2019, `
    let mut rest = &notice[mark..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c.is_ascii_digit() || "©-–—,:".contains(c));
        match rest.get(..9) {
            Some(w) if w.eq_ignore_ascii_case("copyright") => rest = &rest[9..],
            _ if rest.starts_with("(c)") || rest.starts_with("(C)") => rest = &rest[3..],
            _ => break,
        }
    }
    // the holder ends at punctuation, a sentence's end or a legal notice
    let mut end = rest
        .find(['|', '(', '/', ',', ';', '•', '—', '–'])
        .unwrap_or(rest.len());
    if let Some(stop) = rest[..end].find(". ") {
        end = stop;
    }
    let mut holder_end = 0;
    let mut count = 0;
    for word in words(&rest[..end]) {
        let bare = word.trim_end_matches('.');
        let capitalised = bare.starts_with(|c: char| c.is_uppercase()) || bare == "&";
        if !capitalised
            || is_legal_word(bare)
            || bare.eq_ignore_ascii_case("all")
            || bare.chars().all(|c| c.is_ascii_digit())
        {
            // `Designed by …`, `Powered by …`: a maker's credit, not a holder
            if word == "by" {
                return None;
            }
            break;
        }
        if OWNER_WORDS.contains(&bare.to_lowercase().as_str()) || calendar::names_month_or_day(bare) {
            return None;
        }
        holder_end = word.as_ptr() as usize - rest.as_ptr() as usize + bare.len();
        count += 1;
    }
    (1..=5).contains(&count).then(|| &rest[..holder_end])
}

/// Whether a text holds `©` or the word `copyright` (in any case): a copyright line, or a
/// word of one. One byte search for the rarer bytes of both, `0xA9` (of `©`) and `y`.
fn is_copyright_line(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(0xA9, b'y', b'Y', b).any(|at| match b[at] {
        0xA9 => at > 0 && b[at - 1] == 0xC2,
        _ => {
            at >= 5
                && b.get(at - 5..at + 4)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"copyright"))
        }
    })
}

/// A phrase of two to four words by its words, `""` past its last. Its words hold no space, so
/// two phrases are the same text exactly when they have the same words.
type PhraseWords<'a> = [&'a str; 4];

fn phrase_words<'a>(phrase: &[&'a str]) -> PhraseWords<'a> {
    let mut words = [""; 4];
    words[..phrase.len()].copy_from_slice(phrase);
    words
}

/// The words of a phrase.
fn in_phrase<'p, 'a>(words: &'p PhraseWords<'a>) -> &'p [&'a str] {
    let n = words.iter().position(|w| w.is_empty()).unwrap_or(words.len());
    &words[..n]
}

/// Calls `f` with each phrase of two to four capitalised words in a line's words; `run` is a
/// buffer for the run of capitalised words at hand.
fn for_each_phrase<'a>(line: &[&'a str], run: &mut Vec<&'a str>, mut f: impl FnMut(&[&'a str])) {
    for_each_capitalised_run(line.iter().copied(), run, |run| {
        for n in 2..=4.min(run.len()) {
            for phrase in run.windows(n) {
                f(phrase);
            }
        }
    });
}

/// Whether a phrase starts (`To The`, `Us On`) or ends (`Back To`) in an English function
/// word, capitalised as menus and headlines capitalise every word; a name may start with `The`.
fn starts_or_ends_in_function_word(phrase: &[&str]) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "all", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "us", "with", "you",
        "your",
    ];
    let is_function = |w: &str| FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f));
    let first = phrase.first().copied().unwrap_or("");
    let last = phrase.last().copied().unwrap_or("");
    (is_function(first) && !first.eq_ignore_ascii_case("the")) || is_function(last)
}

/// Furniture lines longer than this are not searched for the outlet's name.
const OUTLET_LINE_MAX_WORDS: usize = 12;
/// Copyright lines longer than this are not searched for the outlet's name.
const OUTLET_COPYRIGHT_LINE_MAX_WORDS: usize = 30;
/// The words besides the outlet's name in a furniture line that says something about it.
const OUTLET_CONTEXT_WORDS: usize = 3;

/// Calls `f` with each maximal run of capitalised words not broken by punctuation, of a text's
/// words (see [`words`]); `run` is the buffer the runs are gathered in.
fn for_each_capitalised_run<'a>(
    words: impl IntoIterator<Item = &'a str>,
    run: &mut Vec<&'a str>,
    mut f: impl FnMut(&[&'a str]),
) {
    run.clear();
    for raw in words {
        let capital = capitalised(raw);
        if let Some(word) = capital {
            run.push(word);
        }
        if (capital.is_none() || ends_run(raw)) && !run.is_empty() {
            f(run);
            run.clear();
        }
    }
    if !run.is_empty() {
        f(run);
    }
}

/// A whitespace-separated word as a word of a capitalised run: without the punctuation around
/// it and a possessive `'s`, if it then starts with an uppercase letter and has two chars or
/// more (`"Daily,` → `Daily`, `Daily's` → `Daily`).
#[inline]
fn capitalised(raw: &str) -> Option<&str> {
    match raw.as_bytes() {
        // a word starting with a lowercase letter or a digit (most words) starts so trimmed too:
        // not capitalised, and not worth trimming
        [b'a'..=b'z' | b'0'..=b'9', ..] => None,
        // an ASCII capital and an ASCII letter or digit at the end (most capitalised words):
        // nothing to trim but a possessive, and two chars or more
        [b'A'..=b'Z', .., last] if last.is_ascii_alphanumeric() => Some(without_possessive(raw)),
        _ => Some(without_possessive(
            raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'),
        ))
        .filter(|word| word.chars().next().is_some_and(char::is_uppercase) && word.chars().nth(1).is_some()),
    }
}

/// A word without its possessive `'s` or `’s`.
#[inline]
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Whether a whitespace-separated word ends a capitalised run after it: it ends in punctuation
/// (`Daily Star, the paper`) or is a possessive (`Daily's Jane Roe` is two names).
fn ends_run(raw: &str) -> bool {
    matches!(
        raw.as_bytes().last(),
        Some(b',' | b'.' | b':' | b';' | b'?' | b'!' | b'|')
    ) || without_possessive(raw).len() < raw.len()
}

/// Calls `f` with each whitespace-separated word of `text` (see [`words`]) that holds one of
/// `bytes` (each a char's first byte), and the words after it. The text is searched for the
/// bytes, three at a time, and only the words where they stand are read; a word holding bytes
/// of two threes may be passed twice.
fn for_each_word_holding<'a>(text: &'a str, bytes: &[u8], mut f: impl FnMut(&'a str, Words<'a>)) {
    for three in bytes.chunks(3) {
        let byte = |k: usize| three[k.min(three.len() - 1)];
        let mut past = 0;
        for at in memchr::memchr3_iter(byte(0), byte(1), byte(2), text.as_bytes()) {
            if at < past {
                continue;
            }
            // a char's first byte: `at` is a char boundary
            let start = text[..at]
                .char_indices()
                .rev()
                .find(|&(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let mut rest = words(&text[start..]);
            let Some(word) = rest.next() else { continue };
            past = start + word.len();
            f(word, rest);
        }
    }
}

/// The words of a text, as [`str::split_whitespace`] gives them, found a byte at a time where
/// that decodes every char: most bytes are ASCII, and only the others are decoded. The outlet
/// scan walks most of a page's text.
fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`].
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        // the ASCII whitespace before a word (most often one space) is passed over in a tight loop
        while matches!(bytes.get(self.at), Some(b'\t'..=b'\r' | b' ')) {
            self.at += 1;
        }
        let mut start = None;
        loop {
            // most bytes are printable ASCII, inside a word: passed over in a tight loop
            let printable = bytes[self.at..]
                .iter()
                .take_while(|b| (0x21..0x80).contains(*b))
                .count();
            if printable > 0 {
                start = start.or(Some(self.at));
                self.at += printable;
            }
            let Some(&b) = bytes.get(self.at) else {
                return start.map(|start| &self.text[start..]);
            };
            let (space, len) = match b {
                b'\t'..=b'\r' | b' ' => (true, 1),
                0..=0x7f => (false, 1),
                _ => self.text[self.at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            match start {
                Some(start) if space => return Some(&self.text[start..self.at]),
                None if !space => start = Some(self.at),
                _ => {}
            }
            self.at += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_inside_a_line() {
        assert!(has_inner_sentence_end("It fuelled the crisis. It is up to them"));
        assert!(!has_inner_sentence_end("Mr. Roe goes to the U.S. Senate"));
        assert!(!has_inner_sentence_end("Rates. We are on it"));
        assert!(!has_inner_sentence_end("Bank raises rates."));
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("MOSCOW (Wirepress) - Russia said"),
            Some(Dateline {
                place: Some("MOSCOW"),
                agency: Some("Wirepress")
            })
        );
        assert_eq!(
            dateline("Moscow | Russia warned"),
            Some(Dateline {
                place: Some("Moscow"),
                agency: None
            })
        );
        assert_eq!(
            dateline("WASHINGTON — The Senate voted"),
            Some(Dateline {
                place: Some("WASHINGTON"),
                agency: None
            })
        );
        assert_eq!(
            dateline("(Agency) - On May 5, talks"),
            Some(Dateline {
                place: None,
                agency: Some("Agency")
            })
        );
        assert_eq!(dateline("The talks - which began in May - failed"), None);
        assert_eq!(dateline("Russia - a large country - said"), None);
    }

    #[test]
    fn breadcrumbs_are_no_headlines() {
        assert!(is_breadcrumb("Blog > Health > Sleep Tips"));
        assert!(is_breadcrumb("Home » News » World"));
        assert!(!is_breadcrumb("Profits > forecasts as sales rise"));
    }

    #[test]
    fn captions_are_no_headlines() {
        assert!(is_caption("Rescuers at work in Ogden. (Jane Roe/Wirepress)"));
        assert!(is_caption("Posters from the campaign. (acme.test)"));
        assert!(is_caption("Jane Roe (Left) and Ann Lee at the summit"));
        assert!(!is_caption("Bank raises rates (again)"));
        assert!(!is_caption("Ogden Corp to buy Acme (ACME.N)"));
        assert!(!is_caption("Leftists rally (leftover) in Ogden"));
    }

    #[test]
    fn indexes_nearest_first() {
        assert_eq!(nearest_first(3, 0..5).collect::<Vec<_>>(), [3, 2, 4, 1, 0]);
        assert_eq!(nearest_first(6, 0..4).collect::<Vec<_>>(), [3, 2, 1, 0]);
        assert_eq!(nearest_first(0, 0..0).count(), 0);
    }

    #[test]
    fn bylines_lose_what_pages_set_beside_the_name() {
        let tidy = |b: &str| tidy_byline(b);
        assert_eq!(tidy("Jane Roe").as_deref(), Some("Jane Roe"));
        assert_eq!(tidy("Jane Roe , Ann Lee").as_deref(), Some("Jane Roe, Ann Lee"));
        assert_eq!(tidy("Jane Roe, MS, RDN").as_deref(), Some("Jane Roe, MS, RDN"));
        assert_eq!(tidy("Jane Roe jroe@x.test(555) 123-4567").as_deref(), Some("Jane Roe"));
        assert_eq!(tidy("Jane Roe publiziert am").as_deref(), Some("Jane Roe"));
        assert_eq!(tidy("Staff Reports -").as_deref(), Some("Staff Reports"));
        assert_eq!(tidy("Jane Roe and Ann Lee").as_deref(), Some("Jane Roe and Ann Lee"));
        assert_eq!(tidy("PUBLISHED TUE"), None);
        assert_eq!(tidy("Updated: Tue"), None);
        assert_eq!(tidy("- |"), None);
    }

    #[test]
    fn header_bylines() {
        assert_eq!(header_byline("By Jane Roe"), Some("Jane Roe"));
        assert_eq!(
            header_byline("Posted by Jane Roe on November 19, 2019"),
            Some("Jane Roe on November 19, 2019")
        );
        assert_eq!(header_byline("BY: Jane Roe"), Some("Jane Roe"));
        assert_eq!(header_byline("11/19/2019 by Jane Roe"), Some("Jane Roe"));
        assert_eq!(
            header_byline("February 1, 2019 | BY: Jane Roe, MS"),
            Some("Jane Roe, MS")
        );
        assert_eq!(header_byline("Sales fell by 5% in 2019"), None);
        assert_eq!(header_byline("Jane Roe"), None);
        assert_eq!(header_byline("By\u{a0}Jane Roe"), Some("Jane Roe"));
        assert_eq!(header_byline("Bypass road"), None);
        let prose = format!("By the time {} by Nov 19, 2019", "the rain came ".repeat(10));
        assert_eq!(header_byline(&prose), None);
        assert!(is_name_shaped("Jane E. Roe"));
        assert!(is_name_shaped("Associated Press"));
        assert!(!is_name_shaped("Roe"));
        assert!(!is_name_shaped("Science & Technology"));
        assert!(!is_name_shaped("Ahead of the Trend"));
        assert!(!is_name_shaped("Updated 19 Nov"));
    }

    #[test]
    fn bylines() {
        assert_eq!(byline_prefix("By Jane Roe"), Some("Jane Roe"));
        assert_eq!(byline_prefix("By"), Some(""));
        assert_eq!(byline_prefix("Bypass road"), None);
        assert_eq!(
            split_byline("Metro Wire News | 12 Feb, 2019"),
            ("Metro Wire News", " | 12 Feb, 2019")
        );
        assert_eq!(split_byline("Jane Roe Nov. 19, 2019 8:03 am ET").0, "Jane Roe");
        assert_eq!(split_byline("Jane Roe on Monday, November 18th, 2019").0, "Jane Roe");
        assert!(is_organisation_byline("Wirepress"));
        assert!(is_organisation_byline("Metro Wire News"));
        assert!(!is_organisation_byline("Jane Roe"));
    }

    #[test]
    fn urls() {
        assert_eq!(bare_url("<https://example.com/a/b>"), Some("https://example.com/a/b"));
        assert_eq!(bare_url("see https://example.com"), None);
        assert_eq!(strip_url_label("Original url:"), Some(""));
        assert_eq!(strip_url_label("Source: The Times"), None);
        assert!(is_image_url(
            "https://cdn.example.com/image/5d1c-500-250/a-title.JPG?w=600"
        ));
        assert!(!is_image_url("https://example.com/2019/11/a-title.html"));
        assert!(!is_image_url("https://example.com/a-title"));
    }

    #[test]
    fn first_byte_tables_let_every_label_and_prefix_through() {
        for label in URL_LABELS
            .iter()
            .chain(&["https://example.com", "<http://example.com>"])
        {
            assert!(opens_one_of(&URL_FIRST_BYTES, label), "{label}");
            assert!(opens_one_of(&URL_FIRST_BYTES, &label.to_uppercase()), "{label}");
        }
        for prefix in BYLINE_PREFIXES.iter().chain(&HEADER_BYLINE_PREFIXES) {
            assert!(opens_one_of(&BYLINE_FIRST_BYTES, &prefix.to_uppercase()), "{prefix}");
        }
        assert!(!opens_one_of(&URL_FIRST_BYTES, "The bank raised rates"));
        assert!(!opens_one_of(&BYLINE_FIRST_BYTES, ""));
    }

    #[test]
    fn words_split_as_split_whitespace_does() {
        for text in [
            "",
            "  ",
            "one",
            " Jane  Roe\tand\nAnn\u{0b}Lee\r\n",
            "Le\u{a0}Monde\u{3000}東京\u{2009}über\u{85}x\u{202f}y\u{205f}z\u{1680}é ",
            "naïve café — 2019年2月12日",
            "x\u{7f}y \u{1} \u{1}z\u{2028}",
            "Internationalisation\u{a0}of\u{a0}Wirepress  Communications\tHoldings ~!\u{20}\u{21}\u{7e}\u{80}",
        ] {
            assert_eq!(
                words(text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_holding_bytes_are_read_with_the_words_after_them() {
        let mut seen = Vec::new();
        // `DaDa` holds three of the bytes, `Élan` (`0xc3` first) one of the second three
        for_each_word_holding("x DaDa Star\u{a0}Élan", &[b'D', b'S', b'a', 0xc3], |word, mut next| {
            seen.push((word, next.next()))
        });
        assert_eq!(
            seen,
            [
                ("DaDa", Some("Star")),
                ("Star", Some("Élan")),
                ("Élan", None),
                ("Élan", None)
            ]
        );
    }

    #[test]
    fn capitalised_words() {
        assert_eq!(capitalised("\"Daily,"), Some("Daily"));
        assert_eq!(capitalised("AT&T"), Some("AT&T"));
        assert_eq!(capitalised("Élan"), Some("Élan"));
        assert_eq!(capitalised("daily"), None);
        assert_eq!(capitalised("A"), None);
        assert_eq!(capitalised("(x)"), None);
        assert!(ends_run("Star,"));
        assert!(!ends_run("Star"));
    }

    #[test]
    fn a_sites_copyright_notice_names_its_outlet_not_its_owner_or_a_photographer() {
        let holder = copyright_holder;
        assert_eq!(
            holder("© 2005-2019 Acme Herald, All Rights Reserved."),
            Some("Acme Herald")
        );
        assert_eq!(
            holder("© Copyright 2019, The Ogden Courier | Terms of Service"),
            Some("The Ogden Courier")
        );
        assert_eq!(
            holder("© 2019 Ogden.com. All rights reserved (About Us)."),
            Some("Ogden.com")
        );
        assert_eq!(
            holder("Copyright © 2019 Acme Daily / Wirepress GmbH Alle Rechte vorbehalten."),
            Some("Acme Daily")
        );
        assert_eq!(holder("copyright Acme 2019 - ISSN: 1234-5678"), Some("Acme"));
        assert_eq!(
            holder("All rights reserved © 2019 The Acme Deal is a registered trademark"),
            Some("The Acme Deal")
        );
        // letters whose lowercase is longer come before the mark and in the holder
        assert_eq!(holder("İSTANBUL © 2019 Ünye Postası"), Some("Ünye Postası"));
        // an owner's legal name, a photographer, a maker's credit, no year nor reservation
        assert_eq!(holder("© 2019 Acme Holdings, Inc. All Rights Reserved"), None);
        assert_eq!(holder("© 2019 Wirepress LLC. All Rights Reserved."), None);
        assert_eq!(holder("Photo: © 2019 Jane Roe"), None);
        assert_eq!(holder("Copyright © 2002-2019 - Designed by Acme Digital"), None);
        assert_eq!(holder("© Jane Roe"), None);
    }

    #[test]
    fn content_words_of_texts() {
        let texts = ["Bank raises rates: the bank", "Zürich bank"];
        assert_eq!(
            all_content_words(texts).collect::<Vec<_>>(),
            ["bank", "raises", "rates", "bank", "zürich", "bank"]
        );
        assert_eq!(content_words(texts), ["bank", "raises", "rates", "zürich"]);
    }

    #[test]
    fn capitalised_runs_break_at_punctuation() {
        let mut runs: Vec<Vec<&str>> = Vec::new();
        for_each_capitalised_run(
            words("Access The Daily Star across devices, Daily Star"),
            &mut Vec::new(),
            |r| runs.push(r.to_vec()),
        );
        assert_eq!(
            runs,
            vec![vec!["Access", "The", "Daily", "Star"], vec!["Daily", "Star"]]
        );
    }
}
