//! Calendar dates as news sites write them, read into year/month/day.
//!
//! Shared by `clean` (the publication date in a header line or a page's meta) and `resolve` (the
//! value of a DATE entity). Handles `12 February 2019`, `Feb. 12, 2019`, `2019-02-12T09:30:00Z`,
//! `12.02.2019`, `Tue 12 Feb 2019 10:04 GMT`, `12 Feb, 2019`, `2019年2月12日`, and month names in
//! the languages of the dev pages and their neighbours (German, French, Spanish, Portuguese,
//! Italian, Dutch, Indonesian, Russian). Numeric `a/b/yyyy` is read month-first unless `a > 12`
//! (the US habit of English-language news); `a.b.yyyy` is day-first (the European one). Header
//! lines also give the short `11/18/19` ([`find_header_date`]).

use std::ops::Range;
use std::sync::OnceLock;

/// A date found in a text, with as much precision as the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// `YYYY-MM-DD` when year, month and day are all known.
    pub fn iso_day(&self) -> Option<String> {
        Some(format!("{:04}-{:02}-{:02}", self.year?, self.month?, self.day?))
    }

    /// The most precise of `YYYY-MM-DD`, `YYYY-MM`, `YYYY`.
    pub fn iso(&self) -> Option<String> {
        let y = self.year?;
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y:04}-{m:02}"),
            _ => format!("{y:04}"),
        })
    }
}

/// Month names by language; a word matches a month if it is the name or a prefix of at least
/// three letters of it (`Feb`, `Sept`, `févr`).
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "januar",
        "jänner",
        "janvier",
        "enero",
        "janeiro",
        "gennaio",
        "januari",
        "января",
        "январь",
    ],
    &[
        "february",
        "februar",
        "février",
        "febrero",
        "fevereiro",
        "febbraio",
        "februari",
        "февраля",
        "февраль",
    ],
    &[
        "march",
        "märz",
        "mars",
        "marzo",
        "março",
        "maart",
        "maret",
        "марта",
        "март",
    ],
    &["april", "avril", "abril", "aprile", "апреля", "апрель"],
    &["may", "mai", "mayo", "maio", "maggio", "mei", "мая", "май"],
    &["june", "juni", "juin", "junio", "junho", "giugno", "июня", "июнь"],
    &["july", "juli", "juillet", "julio", "julho", "luglio", "июля", "июль"],
    &["august", "août", "agosto", "augustus", "agustus", "августа", "август"],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "setembro",
        "settembre",
        "сентября",
        "сентябрь",
    ],
    &[
        "october",
        "oktober",
        "octobre",
        "octubre",
        "outubro",
        "ottobre",
        "октября",
        "октябрь",
    ],
    &["november", "novembre", "noviembre", "novembro", "ноября", "ноябрь"],
    &[
        "december",
        "dezember",
        "décembre",
        "diciembre",
        "dezembro",
        "dicembre",
        "desember",
        "декабря",
        "декабрь",
    ],
];

/// Words skipped between the parts of a date (`12 de febrero de 2019`, `the 12th of May`).
const FILLERS: &[&str] = &[
    "de", "del", "of", "the", "den", "le", "el", "th", "st", "nd", "rd", "er", "г", "года",
];

/// Day-of-week names and their abbreviations, lowercase.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// What a word among the pieces of a date can name.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Name {
    /// A month, 1 to 12.
    Month(u8),
    /// A filler or a weekday, which dates are read across.
    Skipped,
}

/// The names starting with each byte: the month names in the order of [`MONTHS`], then the
/// fillers and the weekdays. A word is compared only with the few names that start like it.
fn names_by_first_byte() -> &'static [Vec<(&'static str, Name)>; 256] {
    static INDEX: OnceLock<[Vec<(&'static str, Name)>; 256]> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: [Vec<(&'static str, Name)>; 256] = std::array::from_fn(|_| Vec::new());
        let months = (1u8..)
            .zip(MONTHS)
            .flat_map(|(m, names)| names.iter().map(move |&name| (name, Name::Month(m))));
        let skipped = FILLERS.iter().chain(WEEKDAYS).map(|&name| (name, Name::Skipped));
        for (name, kind) in months.chain(skipped) {
            index[name.as_bytes()[0] as usize].push((name, kind));
        }
        index
    })
}

/// The month a lowercase word names, if any.
fn month_of(lower: &str) -> Option<u8> {
    let lower = lower.trim_end_matches('.');
    // fewer than three chars; the byte length is checked first as it decides most words
    if lower.len() < 3 || lower.chars().count() < 3 {
        return None;
    }
    // every match starts with the word's first byte: the first in month order is the month. A
    // name the word starts is the word or longer than it, in chars too (both are whole chars).
    names_by_first_byte()[lower.as_bytes()[0] as usize]
        .iter()
        .find_map(|&(name, kind)| match kind {
            Name::Month(m) if name.starts_with(lower) => Some(m),
            _ => None,
        })
}

/// What a lowercase word names: a month before a filler or a weekday.
fn lowercase_word_name(lower: &str) -> Option<Name> {
    match month_of(lower) {
        Some(m) => Some(Name::Month(m)),
        None => (FILLERS.contains(&lower) || is_weekday(lower)).then_some(Name::Skipped),
    }
}

/// What an ASCII word in any case names, as [`lowercase_word_name`] reads it lowercased, without
/// lowercasing it: the months come first among the names of [`names_by_first_byte`].
fn ascii_word_name(word: &str) -> Option<Name> {
    let (word, n) = (word.as_bytes(), word.len());
    let first = word.first()?.to_ascii_lowercase();
    names_by_first_byte()[first as usize].iter().find_map(|&(name, kind)| {
        let compared = match kind {
            // a month's name or its start of three letters or more
            Name::Month(_) => n >= 3 && name.len() >= n,
            Name::Skipped => name.len() == n,
        };
        // the names are lowercase: an ASCII word equals one's bytes only if they are ASCII
        let equal = || name.bytes().zip(word).all(|(c, w)| c == w.to_ascii_lowercase());
        (compared && equal()).then_some(kind)
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// A number and how many digits it was written with.
    Num(u32, usize),
    Month(u8),
    /// A separator character between two numbers (`-`, `/`, `.`).
    Sep(char),
    /// A CJK date marker: 年, 月 or 日.
    Cjk(char),
    Other,
}

/// A piece and the bytes of the text it was read from.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Spanned {
    piece: Piece,
    start: usize,
    end: usize,
}

/// The pieces dates are made of, read from a text one at a time, with their byte ranges. Fillers
/// and weekday names are left out, so the patterns below see `12 February 2019` in
/// `Tue, 12 de February 2019`.
struct Pieces<'a> {
    text: &'a str,
    /// The byte where the next piece is looked for.
    at: usize,
}

impl<'a> Pieces<'a> {
    /// The pieces of `text` from byte `at` on, where no piece is cut in two.
    fn new(text: &'a str, at: usize) -> Self {
        Pieces { text, at }
    }

    /// The char starting at byte `i`, a char boundary.
    fn char_at(&self, i: usize) -> char {
        self.text[i..].chars().next().unwrap_or_default()
    }

    /// The end of the word starting at `start` (a run of letters up to a CJK date marker), and
    /// whether it is all ASCII.
    fn word_end(&self, start: usize) -> (usize, bool) {
        let b = self.text.as_bytes();
        let (mut end, mut ascii) = (start, true);
        while let Some(&byte) = b.get(end) {
            if byte.is_ascii_alphabetic() {
                end += 1;
                continue;
            }
            if byte.is_ascii() {
                break;
            }
            let c = self.char_at(end);
            if !c.is_alphabetic() || is_cjk_marker(c) {
                break;
            }
            end += c.len_utf8();
            ascii = false;
        }
        (end, ascii)
    }

    /// The number whose first digit is at `start`.
    fn number(&mut self, start: usize) -> Piece {
        let b = self.text.as_bytes();
        let mut end = start + 1;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        self.at = end;
        // a number too big for u32 reads as u32::MAX
        let value = b[start..end]
            .iter()
            .try_fold(0u32, |v, &d| v.checked_mul(10)?.checked_add(u32::from(d - b'0')))
            .unwrap_or(u32::MAX);
        Piece::Num(value, end - start)
    }

    /// The word starting at `start`, if it is a piece.
    fn word(&mut self, start: usize) -> Option<Piece> {
        let (end, ascii) = self.word_end(start);
        self.at = end;
        word_piece(&self.text[start..end], ascii)
    }
}

impl Iterator for Pieces<'_> {
    type Item = Spanned;

    fn next(&mut self) -> Option<Spanned> {
        // ASCII bytes are told apart as bytes; other chars are decoded
        while let Some(&byte) = self.text.as_bytes().get(self.at) {
            let start = self.at;
            let piece = match byte {
                b'0'..=b'9' => Some(self.number(start)),
                b'a'..=b'z' | b'A'..=b'Z' => self.word(start),
                b'-' | b'/' | b'.' => {
                    self.at += 1;
                    Some(Piece::Sep(char::from(byte)))
                }
                0..=0x7f => {
                    self.at += 1;
                    None
                }
                _ => {
                    let c = self.char_at(start);
                    if is_cjk_marker(c) {
                        self.at += c.len_utf8();
                        Some(Piece::Cjk(c))
                    } else if c.is_alphabetic() {
                        self.word(start)
                    } else {
                        self.at += c.len_utf8();
                        None
                    }
                }
            };
            if let Some(piece) = piece {
                return Some(Spanned {
                    piece,
                    start,
                    end: self.at,
                });
            }
        }
        None
    }
}

fn is_cjk_marker(c: char) -> bool {
    matches!(c, '年' | '月' | '日')
}

/// The piece a word is: a month, another word, or none for a filler or a weekday name.
fn word_piece(word: &str, ascii: bool) -> Option<Piece> {
    let name = if ascii {
        ascii_word_name(word)
    } else {
        lowercase_word_name(&word.to_lowercase())
    };
    match name {
        Some(Name::Month(m)) => Some(Piece::Month(m)),
        Some(Name::Skipped) => None,
        None => Some(Piece::Other),
    }
}

/// Whether a word names a month, in full or in three letters (`November`, `Nov`; not `Jane`,
/// which starts `janeiro`), or a day of the week in full (`Tuesday`; not `Sun`, a word too),
/// in any case.
pub fn names_month_or_day(word: &str) -> bool {
    let lower = word.trim_end_matches('.').to_lowercase();
    let abbreviation = lower.chars().count() == 3;
    let month = MONTHS
        .iter()
        .flat_map(|names| names.iter())
        .any(|name| *name == lower || (abbreviation && name.starts_with(lower.as_str())));
    month || (lower.len() > 3 && is_weekday(&lower))
}

/// Whether a lowercase word names a day of the week.
fn is_weekday(lower: &str) -> bool {
    WEEKDAYS.contains(&lower)
}

/// Where the first run of exactly four ASCII digits from 1800 to 2100 in `text[from..]` starts.
fn first_year(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() {
        let start = next_digit(b, i);
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && is_year_digits(&b[start..i]) {
            return Some(start);
        }
    }
    None
}

/// Where the first ASCII digit in `b[from..]` is, or `b.len()`. Digits are few in most text: it
/// is looked for eight bytes at a time.
fn next_digit(b: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut chunks = b[from..].chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        // digits become the bytes below 10; the lowest byte with its high bit set in `below_ten`
        // is below 10 (a higher one may be set by the borrow from a lower one)
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * u64::from(b'0'));
        let below_ten = x.wrapping_sub(ONES * 10) & !x & (ONES * 0x80);
        if below_ten != 0 {
            return at + below_ten.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(u8::is_ascii_digit).map_or(b.len(), |k| at + k)
}

/// Whether four ASCII digits make a year from 1800 to 2100.
fn is_year_digits(d: &[u8]) -> bool {
    let v = d.iter().fold(0u32, |v, &c| v * 10 + (c - b'0') as u32);
    (1800..=2100).contains(&v)
}

/// The text with a space between a year and the hour run together with it, if it has such a
/// run: `NOV 20 20194:29 AM` → `NOV 20 2019 4:29 AM`, as a page's date and time spans paste
/// without a space. Five or six digits, the first four a year, then `:`. Header lines only:
/// the cleaning features read dates as [`find_full_date`] does, and their models were trained so.
fn unglue_year(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if (5..=6).contains(&(i - start)) && b.get(i) == Some(&b':') && is_year_digits(&b[start..start + 4]) {
            return Some(format!("{} {}", &text[..start + 4], &text[start + 4..]));
        }
        i = i.max(start + 1);
    }
    None
}

fn year(value: u32, digits: usize) -> Option<i32> {
    match digits {
        4 if (1800..=2100).contains(&value) => Some(value as i32),
        _ => None,
    }
}

fn day(value: u32, digits: usize) -> Option<u8> {
    (digits <= 2 && (1..=31).contains(&value)).then_some(value as u8)
}

/// Every calendar date in `text` (a day with its month, a month with its year, or both), with
/// its byte range, in order and not overlapping.
pub fn dates(text: &str) -> Vec<(Date, Range<usize>)> {
    let mut out = Vec::new();
    for_each_date(Pieces::new(text, 0), |found| {
        out.push(found);
        false
    });
    out
}

/// How many pieces [`date_at`] looks at, from the one a date would start with.
const DATE_PIECES: usize = 6;

/// Calls `f` with each date of `pieces`, in order, until it returns true. The pieces are read as
/// the scan reaches them, into a window as long as a date, so a caller who stops at a date does
/// not read the rest of the text.
fn for_each_date(mut pieces: impl Iterator<Item = Spanned>, mut f: impl FnMut((Date, Range<usize>)) -> bool) {
    // window[first..end] are the pieces from the current one on; moved to the front when full
    let mut window = [Spanned {
        piece: Piece::Other,
        start: 0,
        end: 0,
    }; 4 * DATE_PIECES];
    let (mut first, mut end) = (0, 0);
    let mut last_end = 0;
    loop {
        while end - first < DATE_PIECES {
            let Some(next) = pieces.next() else { break };
            if end == window.len() {
                window.copy_within(first..end, 0);
                (first, end) = (0, end - first);
            }
            window[end] = next;
            end += 1;
        }
        if first == end {
            return;
        }
        let s = &window[first..end];
        if s[0].start >= last_end {
            if let Some(found) = date_at(s) {
                last_end = found.1.end;
                if f(found) {
                    return;
                }
            }
        }
        first += 1;
    }
}

/// Where the text after the last word in `text[from..before]` that is a [`Piece::Other`] starts,
/// or `from`.
fn after_last_other_word(text: &str, from: usize, before: usize) -> usize {
    let is_word_char = |c: char| c.is_alphabetic() && !is_cjk_marker(c);
    let mut end = before;
    while let Some(c) = text[from..end].chars().next_back() {
        if !is_word_char(c) {
            end -= c.len_utf8();
            continue;
        }
        // a word is all the letters in a row, as `Pieces` reads it
        let start = from + text[from..end].trim_end_matches(is_word_char).len();
        let word = &text[start..end];
        if word_piece(word, word.is_ascii()) == Some(Piece::Other) {
            return end;
        }
        end = start;
    }
    from
}

/// The first date in `text` with year, month and day.
pub fn find_full_date(text: &str) -> Option<Date> {
    // No date has a word inside that is a `Piece::Other`, nor is one read across it (a date's
    // pattern fails there as at the text's end): the dates are those of the stretches between
    // such words, each read on its own. A full date has a four-digit year, so only the stretches
    // with one are read, in order, each until a full date (most lines have no year at all).
    let mut from = 0;
    while let Some(year) = first_year(text, from) {
        let start = after_last_other_word(text, from, year);
        let mut end = text.len();
        let stretch = Pieces::new(text, start).take_while(|p| {
            if p.piece == Piece::Other {
                end = p.end;
            }
            p.piece != Piece::Other
        });
        let mut full = None;
        for_each_date(stretch, |(d, _)| {
            full = Some(d).filter(|d| d.year.is_some() && d.month.is_some() && d.day.is_some());
            full.is_some()
        });
        if full.is_some() {
            return full;
        }
        from = end;
    }
    None
}

/// The first full date in a header line (a byline, a dateline, a "Published" line): any that
/// [`find_full_date`] reads, else the short numeric `11/18/19` (month first unless the first
/// number is over 12; `yy` is 20yy below 70, else 19yy). Only header lines: in running text
/// `1/2/19` is as likely a score or a fraction as a date.
pub fn find_header_date(text: &str) -> Option<Date> {
    // every date read here has ASCII digits; most header lines have none, and are passed over
    // in one byte scan
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    find_full_date(text)
        .or_else(|| unglue_year(text).and_then(|t| find_full_date(&t)))
        .or_else(|| {
            // most lines have no `/` at all, found by a fast byte search, and no word to split
            text.contains('/').then(|| {
                text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '|' | '(' | ')'))
                    .find_map(short_numeric_date)
            })?
        })
}

/// `11/18/19` or `18/11/19` as a whole word.
fn short_numeric_date(word: &str) -> Option<Date> {
    let mut parts = word.split('/');
    let (a, b, yy) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |p: &str, max_len: usize| {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|c| c.is_ascii_digit())).then(|| p.parse::<u32>().ok())?
    };
    if parts.next().is_some() || yy.len() != 2 {
        return None;
    }
    let (a, b, yy) = (number(a, 2)?, number(b, 2)?, number(yy, 2)?);
    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
    Some(Date {
        year: Some(if yy < 70 { 2000 + yy as i32 } else { 1900 + yy as i32 }),
        month: Some(month(m)?),
        day: Some(day(d, 2)?),
    })
}

/// The date the pieces `s` start with, if any; reads at most [`DATE_PIECES`] of them.
fn date_at(s: &[Spanned]) -> Option<(Date, Range<usize>)> {
    let piece = |i: usize| s.get(i).map(|x| x.piece);
    let span = |a: usize, b: usize| s[a].start..s[b].end;
    // the pieces a..=b touch one another (a numeric date has no spaces inside)
    let tight = |a: usize, b: usize| (a..b).all(|k| s[k].end == s[k + 1].start);
    match (piece(0), piece(1), piece(2), piece(3), piece(4)) {
        // 2019-02-12, 2019/2/12, 2019.02.12
        (
            Some(Piece::Num(y, 4)),
            Some(Piece::Sep(a)),
            Some(Piece::Num(m, _)),
            Some(Piece::Sep(b)),
            Some(Piece::Num(d, dd)),
        ) if a == b && tight(0, 4) => {
            let date = Date {
                year: Some(year(y, 4)?),
                month: Some(month(m)?),
                day: Some(day(d, dd)?),
            };
            Some((date, span(0, 4)))
        }
        // 12.02.2019 (day first), 02/12/2019 (month first unless the first number is over 12)
        (
            Some(Piece::Num(a, ad)),
            Some(Piece::Sep(s1)),
            Some(Piece::Num(b, bd)),
            Some(Piece::Sep(s2)),
            Some(Piece::Num(y, 4)),
        ) if s1 == s2 && ad <= 2 && bd <= 2 && tight(0, 4) => {
            let (d, m) = if s1 == '.' || s1 == '-' || a > 12 {
                (a, b)
            } else {
                (b, a)
            };
            let date = Date {
                year: Some(year(y, 4)?),
                month: Some(month(m)?),
                day: Some(day(d, 2)?),
            };
            Some((date, span(0, 4)))
        }
        // 2019年2月12日
        (
            Some(Piece::Num(y, 4)),
            Some(Piece::Cjk('年')),
            Some(Piece::Num(m, _)),
            Some(Piece::Cjk('月')),
            Some(Piece::Num(d, dd)),
        ) => {
            let date = Date {
                year: Some(year(y, 4)?),
                month: Some(month(m)?),
                day: Some(day(d, dd)?),
            };
            let end = if matches!(piece(5), Some(Piece::Cjk('日'))) {
                5
            } else {
                4
            };
            Some((date, span(0, end)))
        }
        // 12 February 2019, 12. Februar 2019, 12 Feb, 2019
        (Some(Piece::Num(d, dd)), sep, _, _, _) if day(d, dd).is_some() => {
            let m_at = if matches!(sep, Some(Piece::Sep('.'))) { 2 } else { 1 };
            let Some(Piece::Month(m)) = piece(m_at) else {
                return None;
            };
            // `11:30, Monday, November 18, 2019`: the month has a day and a year of its own,
            // and the number before it is a time's, not its day
            if let (Some(Piece::Num(d2, dd2)), Some(Piece::Num(y, 4))) = (piece(m_at + 1), piece(m_at + 2)) {
                if day(d2, dd2).is_some() && year(y, 4).is_some() {
                    return None;
                }
            }
            let date = Date {
                year: None,
                month: Some(m),
                day: day(d, dd),
            };
            Some(with_year(date, s, m_at + 1, span(0, m_at)))
        }
        // February 12, 2019; Feb. 12 2019; February 2019
        (Some(Piece::Month(m)), next, _, _, _) => {
            let n_at = if matches!(next, Some(Piece::Sep('.'))) { 2 } else { 1 };
            match piece(n_at) {
                Some(Piece::Num(y, 4)) if year(y, 4).is_some() => Some((
                    Date {
                        year: year(y, 4),
                        month: Some(m),
                        day: None,
                    },
                    span(0, n_at),
                )),
                Some(Piece::Num(d, dd)) if day(d, dd).is_some() => {
                    let date = Date {
                        year: None,
                        month: Some(m),
                        day: day(d, dd),
                    };
                    Some(with_year(date, s, n_at + 1, span(0, n_at)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Extends a day-and-month date with a following year, if there is one.
fn with_year(mut date: Date, s: &[Spanned], at: usize, mut span: Range<usize>) -> (Date, Range<usize>) {
    let at = if matches!(s.get(at).map(|x| x.piece), Some(Piece::Sep('.'))) {
        at + 1
    } else {
        at
    };
    if let Some(&Spanned {
        piece: Piece::Num(y, 4),
        end,
        ..
    }) = s.get(at)
    {
        if let Some(y) = year(y, 4) {
            date.year = Some(y);
            span.end = end;
        }
    }
    (date, span)
}

fn month(m: u32) -> Option<u8> {
    (1..=12).contains(&m).then_some(m as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        dates(text).first().and_then(|(d, _)| d.iso())
    }

    /// Whether the text has a run of exactly four ASCII digits from 1800 to 2100.
    fn has_year(text: &str) -> bool {
        first_year(text, 0).is_some()
    }

    #[test]
    fn english_formats() {
        assert_eq!(iso("12 February 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("Feb. 12, 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("Published 2019-02-12T09:30:00Z").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("12.02.2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("Tue 12 Feb 2019 10:04 GMT").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("Metro Wire News | 12 Feb, 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("February 07, 2020").as_deref(), Some("2020-02-07"));
        assert_eq!(iso("Nov. 19, 2019 8:03 am ET").as_deref(), Some("2019-11-19"));
        assert_eq!(iso("02/12/2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("25/12/2019").as_deref(), Some("2019-12-25"));
        assert_eq!(iso("the 3rd of March, 2021").as_deref(), Some("2021-03-03"));
        // a time's minutes before a weekday are no day of the month after it
        assert_eq!(
            iso("Posted at 11:30, Monday, November 18, 2019").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(
            iso("PUBLISHED: 09:15, Tue, Nov 19, 2019").as_deref(),
            Some("2019-11-19")
        );
    }

    #[test]
    fn other_languages() {
        assert_eq!(iso("12. Februar 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("12 de fevereiro de 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("12 février 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("12 февраля 2019 г.").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("Selasa, 12 Februari 2019").as_deref(), Some("2019-02-12"));
        assert_eq!(iso("2019年2月12日").as_deref(), Some("2019-02-12"));
    }

    #[test]
    fn partial_dates_and_spans() {
        let found = dates("in January 2019 it began");
        assert_eq!(
            found.iter().map(|(d, r)| (d.iso(), r.clone())).collect::<Vec<_>>(),
            [(Some("2019-01".into()), 3..15)]
        );
        let (d, r) = dates("On May 5, the talks").remove(0);
        assert_eq!((d.year, d.month, d.day, r), (None, Some(5), Some(5), 3..8));
        assert_eq!(
            find_full_date("May 5 was before 7 June 2020")
                .and_then(|d| d.iso_day())
                .as_deref(),
            Some("2020-06-07")
        );
    }

    #[test]
    fn short_numeric_dates_in_header_lines() {
        let day = |t: &str| find_header_date(t).and_then(|d| d.iso_day());
        assert_eq!(
            day("By Jane Roe - 11/18/19 11:04 PM EST").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(day("Posted 18/11/19").as_deref(), Some("2019-11-18"));
        assert_eq!(day("Updated 3/4/98").as_deref(), Some("1998-03-04"));
        assert_eq!(day("By Jane Roe, Feb. 12, 2019").as_deref(), Some("2019-02-12"));
        // a year and an hour pasted together
        assert_eq!(
            day("PUBLISHED WED, NOV 20 20194:29 AM EST").as_deref(),
            Some("2019-11-20")
        );
        assert_eq!(day("NOV 15, 201912:45 AM").as_deref(), Some("2019-11-15"));
        assert_eq!(day("Order 123456: shipped"), None);
        for not_a_date in ["Won 24/7", "13/13/19", "score 11/18/191", "a/b/cd"] {
            assert_eq!(day(not_a_date), None, "{not_a_date}");
        }
        // running text never reads the short form
        assert_eq!(find_full_date("By Jane Roe - 11/18/19"), None);
    }

    #[test]
    fn full_dates_need_a_year() {
        assert!(has_year("Feb. 12, 2019"));
        assert!(!has_year("Feb. 12, 20190"));
        assert!(!has_year("Version 12.4.1 of 3000 items"));
        assert_eq!(find_full_date("May 5 at 10:30"), None);
    }

    #[test]
    fn month_and_day_names_for_the_outlet_filter() {
        for word in ["November", "Nov", "NOV.", "Februar", "May", "Tuesday", "WEDNESDAY"] {
            assert!(names_month_or_day(word), "{word}");
        }
        for word in ["Jane", "Sun", "Wed", "Mark", "Novel", "Herald"] {
            assert!(!names_month_or_day(word), "{word}");
        }
    }

    #[test]
    fn month_words_match_the_first_month_in_order() {
        // every name and every prefix of three or more chars, against a scan of all names
        for names in MONTHS {
            for name in names {
                let chars: Vec<char> = name.chars().collect();
                for len in 3..=chars.len() {
                    let word: String = chars[..len].iter().collect();
                    let scan = (1u8..).zip(MONTHS).find_map(|(m, names)| {
                        names
                            .iter()
                            .any(|n| *n == word || (n.starts_with(&word) && n.chars().count() > len))
                            .then_some(m)
                    });
                    assert_eq!(month_of(&word), scan, "{word}");
                    assert_eq!(month_of(&(word.clone() + ".")), scan, "{word}.");
                }
            }
        }
        assert_eq!(month_of("mai"), Some(5));
        assert_eq!(month_of("marzipan"), None);
        assert_eq!(month_of("ja"), None);
    }

    #[test]
    fn full_dates_around_later_years() {
        let day = |t: &str| find_full_date(t).and_then(|d| d.iso_day());
        assert_eq!(
            day("In 2018 and 2019, then on 3 March 2020 again").as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(day("2019 results, Feb 12, 2020").as_deref(), Some("2020-02-12"));
        // the 12 is May's day, so February 2019 has none
        assert_eq!(day("Tue, May 12 de February 2019"), None);
    }

    #[test]
    fn next_digit_finds_the_first_digit() {
        let text = b"no digits here, then 7 and 2019: x\xc3\xa99";
        for from in 0..=text.len() {
            let expected = (from..text.len())
                .find(|&i| text[i].is_ascii_digit())
                .unwrap_or(text.len());
            assert_eq!(next_digit(text, from), expected, "{from}");
        }
        // every byte value, at every place in a chunk
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut text = [b'x'; 9];
                text[at] = byte;
                let expected = if byte.is_ascii_digit() { at } else { 9 };
                assert_eq!(next_digit(&text, 0), expected, "{byte} at {at}");
            }
        }
    }

    #[test]
    fn ascii_words_are_read_as_lowercased() {
        // every ASCII start of every name, in three cases, and a few other words
        let names = names_by_first_byte().iter().flatten().map(|(name, _)| *name);
        let starts = names.flat_map(|name| (1..=name.len()).filter_map(move |n| name.get(..n)));
        let others = ["a", "ab", "thé", "them", "junk", "mayor", "xyz", "sunday"];
        for word in starts
            .filter(|w| w.is_ascii())
            .chain(others.into_iter().filter(|w| w.is_ascii()))
        {
            let expected = lowercase_word_name(word);
            for cased in [
                word.to_string(),
                word.to_uppercase(),
                word[..1].to_uppercase() + &word[1..],
            ] {
                assert_eq!(ascii_word_name(&cased), expected, "{cased}");
            }
        }
    }

    #[test]
    fn not_dates() {
        assert_eq!(iso("5,000 troops and 2.3 million"), None);
        assert_eq!(iso("Version 12.4.1"), None);
        assert!(dates("33 March 2019").iter().all(|(d, _)| d.day.is_none()));
        assert_eq!(iso("2019-13-45"), None);
        assert!(dates("nothing here at all, they may go in March").is_empty());
    }
}
