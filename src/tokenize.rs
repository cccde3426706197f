//! Tokenize: the cleaned body in, tokens and sentences out.
//!
//! In: a `&str` (the body). Out: [`Tokens`], byte spans of words and punctuation, grouped into
//! sentences. Why this way: the tagger was trained on CoNLL-2003, whose tokens follow the Penn
//! Treebank habits (`Germany` `'s`, `do` `n't`, `U.S.` keeps its period, `said` `.` does not,
//! hyphenated compounds stay whole), and an entity can only start and end on a token boundary;
//! so this tokenizer splits natural ("detokenized") text the same way. One pass over the chars,
//! no regex, no allocation per token beyond the output vectors.
//! What it does not do: normalise or lowercase (features do that), or look inside tokens.

use std::ops::Range;

/// A token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The tokens of a text and its sentences (ranges of token indexes).
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Range<usize>>,
}

/// Abbreviations whose period belongs to the word (titles, company forms, months), from the
/// Penn Treebank tokenizer's list; single capitals (`J.`) and dotted forms (`U.S.`) are
/// recognised by shape instead.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr", "gov", "sen", "rep",
    "rev", "hon", "pres", "corp", "inc", "ltd", "co", "bros", "plc", "no", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est", "fig", "p", "pp",
    "vol",
];

/// Splits `text` into tokens and sentences.
pub fn tokenize(text: &str) -> Tokens {
    let mut tokens = Vec::new();
    let mut breaks_before = Vec::new(); // token indexes that begin a new line
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut newline_pending = false;
    while i < bytes.len() {
        let c = char_at(text, i);
        if c.is_whitespace() {
            newline_pending |= c == '\n';
            i += c.len_utf8();
            continue;
        }
        let chunk_end = text[i..].find(char::is_whitespace).map_or(text.len(), |n| i + n);
        if newline_pending {
            breaks_before.push(tokens.len());
            newline_pending = false;
        }
        let line_end = text[chunk_end..]
            .chars()
            .find(|c| !matches!(c, ' ' | '\t'))
            .is_none_or(|c| c == '\n' || c == '\r');
        split_chunk(text, i, chunk_end, line_end, &mut tokens);
        i = chunk_end;
    }
    let sentences = split_sentences(text, &tokens, &breaks_before);
    Tokens { tokens, sentences }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '„' | '¿' | '¡' | '`' | '*' | '_'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '’' | '»' | ',' | ';' | ':' | '!' | '?' | '%' | '…' | '*' | '_' | '\''
    )
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '₩' | '₺' | '₪' | '₦' | '฿' | '₫')
}

/// Characters that always stand alone, wherever they are in a chunk.
fn is_always_split(c: char) -> bool {
    matches!(
        c,
        '(' | ')' | '[' | ']' | '{' | '}' | '"' | '“' | '”' | '«' | '»' | ';' | '—' | '–' | '…' | '|'
    )
}

/// Splits one whitespace-free chunk into tokens. At the end of a line a final period is the
/// sentence's, even after an abbreviation (`… Acme Inc.` → `Inc` `.`, `in the U.S.` → `U.S`
/// `.`), as in CoNLL-2003, whose entities end before it.
fn split_chunk(text: &str, start: usize, end: usize, line_end: bool, out: &mut Vec<Token>) {
    let mut s = start;
    let mut e = end;
    // Leading punctuation and currency symbols, one token each.
    while s < e {
        let c = char_at(text, s);
        if is_opening(c) || is_always_split(c) || (is_currency(c) && s + c.len_utf8() < e) {
            out.push(Token {
                start: s,
                end: s + c.len_utf8(),
            });
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected in reverse.
    let mut trailing = Vec::new();
    while e > s {
        let c = text[s..e].chars().next_back().unwrap_or(' ');
        let cs = e - c.len_utf8();
        if c == '.' {
            let sentence_final = line_end && e == end && cs > s && text[s..cs].chars().any(char::is_alphanumeric);
            if !sentence_final && (is_abbreviation(&text[s..cs]) || text[s..e].chars().all(|c| c == '.')) {
                break;
            }
            trailing.push(Token { start: cs, end: e });
            e = cs;
        } else if is_closing(c) || is_always_split(c) {
            // "'" closes a quotation or a plural possessive (Farmers'), split either way.
            trailing.push(Token { start: cs, end: e });
            e = cs;
        } else {
            break;
        }
    }
    if s < e {
        split_middle(text, s, e, out);
    }
    out.extend(trailing.into_iter().rev());
}

/// Splits the core of a chunk: clitics (`'s`, `n't`) and separators inside it (`—`, `/` or `,`
/// between words, `:` outside numbers).
fn split_middle(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let mut piece_start = start;
    let mut prev: Option<char> = None;
    let mut iter = word.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let at = start + off;
        let next = iter.peek().map(|&(_, n)| n);
        let between_digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let separator = is_always_split(c)
            || (matches!(c, ',' | '/' | ':' | '"') && !between_digits)
            || (c == '-' && next == Some('-'));
        if separator {
            if piece_start < at {
                push_word(text, piece_start, at, out);
            }
            let mut sep_end = at + c.len_utf8();
            if c == '-' {
                while sep_end < end && text.as_bytes()[sep_end] == b'-' {
                    sep_end += 1;
                }
                while iter.peek().is_some_and(|&(o, _)| start + o < sep_end) {
                    iter.next();
                }
            }
            out.push(Token {
                start: at,
                end: sep_end,
            });
            piece_start = sep_end;
        }
        prev = Some(c);
    }
    if piece_start < end {
        push_word(text, piece_start, end, out);
    }
}

/// Pushes a word, splitting a possessive `'s` or a negation `n't` off its end.
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let word = &text[start..end];
    let lower_end = |suffix: &str| {
        word.len() > suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for suffix in [
        "n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
    ] {
        if lower_end(suffix) {
            let cut = end - suffix.len();
            out.push(Token { start, end: cut });
            out.push(Token { start: cut, end });
            return;
        }
    }
    out.push(Token { start, end });
}

/// Whether a word followed by `.` keeps the period: dotted initials (`U.S`, `D.A`), a single
/// letter (`J`), or a listed abbreviation (`Corp`).
fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    let single_letter = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic());
    if single_letter {
        return true;
    }
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
    if dotted {
        return true;
    }
    word.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

/// Sentence breaks: every line break, and after `.`/`!`/`?` (with any closing quotes) when the
/// next token starts like a sentence.
fn split_sentences(text: &str, tokens: &[Token], breaks_before: &[usize]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut line_breaks = breaks_before.iter().copied().peekable();
    let mut i = 0;
    while i < tokens.len() {
        while let Some(b) = line_breaks.next_if(|&b| b <= i) {
            if b == i && start < i {
                sentences.push(start..i);
                start = i;
            }
        }
        let t = tokens[i].text(text);
        let terminal = matches!(t, "." | "!" | "?" | "…");
        let dotted = !terminal && t.len() > 1 && t.ends_with('.');
        if !(terminal || dotted) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len()
            && tokens[j].start == tokens[j - 1].end
            && matches!(tokens[j].text(text), "\"" | "”" | "’" | "'" | ")" | "»")
        {
            j += 1;
        }
        let ends = match tokens.get(j) {
            None => true,
            Some(next) if terminal => starts_sentence(next.text(text)),
            Some(next) => !is_title_abbreviation(t) && is_sentence_opener(next.text(text)),
        };
        if ends {
            sentences.push(start..j);
            start = j;
        }
        i = j;
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

fn starts_sentence(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '('))
}

/// After an abbreviation such as `U.S.`, only a clear sentence opener (a function word such as
/// `The`, `He`, `But`) ends the sentence; a capitalised name usually continues it.
fn is_sentence_opener(t: &str) -> bool {
    const OPENERS: &[&str] = &[
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "But",
        "And",
        "In",
        "On",
        "At",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "However",
        "Meanwhile",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "If",
        "When",
        "While",
        "After",
        "Before",
        "As",
        "For",
        "Some",
        "Many",
        "Most",
    ];
    OPENERS.contains(&t)
}

fn is_title_abbreviation(t: &str) -> bool {
    let w = t.trim_end_matches('.');
    [
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "st", "no",
        "vs",
    ]
    .iter()
    .any(|a| a.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).tokens.iter().map(|t| t.text(text)).collect()
    }

    fn sentences(text: &str) -> Vec<String> {
        let t = tokenize(text);
        t.sentences
            .iter()
            .map(|r| {
                t.tokens[r.clone()]
                    .iter()
                    .map(|k| k.text(text))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn splits_punctuation_and_clitics_like_the_treebank() {
        assert_eq!(
            words("Germany's U.S. envoy didn't say \"no,\" (Reuters)."),
            ["Germany", "'s", "U.S.", "envoy", "did", "n't", "say", "\"", "no", ",", "\"", "(", "Reuters", ")", "."]
        );
        assert_eq!(
            words("Portugal’s T-72 cost $4.1 billion, 3,000 tanks 17%"),
            ["Portugal", "’s", "T-72", "cost", "$", "4.1", "billion", ",", "3,000", "tanks", "17", "%"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            words("Mr. J. Smith of Acme Corp. met him."),
            ["Mr.", "J.", "Smith", "of", "Acme", "Corp.", "met", "him", "."]
        );
        assert_eq!(
            words("at 10:30, 1996-08-22 AT&T US$ C$5"),
            ["at", "10:30", ",", "1996-08-22", "AT&T", "US$", "C$5"]
        );
    }

    #[test]
    fn a_period_ending_a_line_is_the_sentence_s() {
        assert_eq!(
            words("bought Acme Inc.\nIn the U.S.  \nNext"),
            ["bought", "Acme", "Inc", ".", "In", "the", "U.S", ".", "Next"]
        );
        assert_eq!(words("Acme Inc. said"), ["Acme", "Inc.", "said"]);
        assert_eq!(words("Mr.\nSmith"), ["Mr", ".", "Smith"]);
    }

    #[test]
    fn separators_inside_chunks() {
        assert_eq!(words("war—and peace"), ["war", "—", "and", "peace"]);
        assert_eq!(
            words("Russia/China 1996/97 x--y"),
            ["Russia", "/", "China", "1996/97", "x", "--", "y"]
        );
    }

    #[test]
    fn non_ascii_offsets_are_char_boundaries() {
        let text = "₹900 for Zoë’s café «ouvert».";
        let t = tokenize(text);
        for tok in &t.tokens {
            assert!(text.is_char_boundary(tok.start) && text.is_char_boundary(tok.end));
        }
        assert_eq!(
            words(text),
            ["₹", "900", "for", "Zoë", "’s", "café", "«", "ouvert", "»", "."]
        );
    }

    #[test]
    fn sentence_breaks() {
        assert_eq!(
            sentences("He left. She stayed in the U.S. for years.\nNew line here \"Quoted.\" Then more."),
            [
                "He left .",
                "She stayed in the U.S. for years .",
                "New line here \" Quoted . \"",
                "Then more ."
            ]
        );
        assert_eq!(
            sentences("Mr. Smith went to Washington. It rained."),
            ["Mr. Smith went to Washington .", "It rained ."]
        );
        assert_eq!(
            sentences("Talks with the U.S. The end."),
            ["Talks with the U.S.", "The end ."]
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(tokenize("").tokens.is_empty());
        assert!(tokenize(" \n\t ").sentences.is_empty());
    }
}
