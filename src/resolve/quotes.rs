//! Quotes and who said them.
//!
//! A quote is the text between quotation marks (`"…"`, `“…”`, `«…»`, `„…“`); one left open runs
//! to the end of its paragraph, the convention for quotes continued in the next one. Its speaker
//! comes from the reporting clause of its sentence, tried in this order:
//! 1. after the quote: `"…," the ministry said` / `"…," said Petrov`;
//! 2. before it: the nearest reporting verb (`Petrov said that "…"`, `Roe called on the rebels to
//!    "get out"`), whose subject is the words back to the clause boundary, past an aside between
//!    commas (`the ministry, in a statement, said`); participles
//!    (`saying`, `adding`) are not reporting verbs, so the verb before them counts, and
//!    `X was quoted by Y saying` is X's; `a show called "…"` names a thing and reports nothing;
//! 3. `according to X` in the sentence;
//! 4. a quote with no reporting clause, right after another quote, continues that speaker.
//!
//! A subject naming a person is that person's entity; a pronoun or a bare title (`the
//! president`) is the person last quoted or mentioned; anything else is kept as a description
//! (`senior White House official`).

use std::ops::Range;

use super::entities::Resolved;
use crate::schema::Label;
use crate::tag::EntitySpan;
use crate::tokenize::Tokens;

/// A quote found in the body.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundQuote {
    /// Byte range of the quoted words (without the marks).
    pub range: Range<usize>,
    pub speaker: Option<String>,
    pub speaker_entity: Option<usize>,
    pub cue: Option<String>,
}

/// Verbs that report speech, in the forms news text uses them.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "warned",
    "warns",
    "insisted",
    "insists",
    "noted",
    "notes",
    "explained",
    "explains",
    "argued",
    "argues",
    "claimed",
    "claims",
    "declared",
    "announced",
    "announces",
    "wrote",
    "writes",
    "asked",
    "asks",
    "replied",
    "affirmed",
    "reaffirmed",
    "recommended",
    "called",
    "calls",
    "urged",
    "urges",
    "described",
    "describes",
    "branded",
    "denounced",
    "condemned",
    "condemns",
    "criticized",
    "criticised",
    "accused",
    "suggested",
    "stressed",
    "commented",
    "quoted",
    "acknowledged",
    "admitted",
    "vowed",
    "promised",
    "predicted",
    "tweeted",
    "posted",
    "denied",
    "denies",
    "labelled",
    "labeled",
    "dubbed",
    "termed",
    "confirmed",
    "continued",
    "concluded",
    "recalled",
];

/// Words that end a subject when read backwards from its verb.
const CLAUSE_BOUNDARIES: &[&str] = &[
    ",", ";", ":", "(", ")", "that", "after", "when", "while", "as", "because", "and", "but", "who", "which", "if",
    "since", "where", "before", "until", "—", "–", "\"", "“", "”",
];

/// Words stripped from the edges of a subject: determiners, conjunctions, auxiliaries, adverbs.
const EDGE_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "so",
    "meanwhile",
    "however",
    "also",
    "later",
    "then",
    "now",
    "again",
    "still",
    "has",
    "had",
    "have",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "had",
    "already",
    "further",
    "once",
    "earlier",
    "previously",
    "recently",
    "in",
    "on",
    "at",
    "his",
    "her",
    "its",
    "their",
];

const PRONOUNS: &[&str] = &["he", "she", "it", "they", "He", "She", "It", "They"];

/// Role nouns that, alone after `the`, stand for a person named earlier.
const ROLE_NOUNS: &[&str] = &[
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "chairman",
    "chief",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "premier",
    "chancellor",
    "ambassador",
    "envoy",
    "official",
    "prime minister",
    "foreign minister",
];

/// Maximum tokens read after a quote looking for its reporting verb.
const MAX_TOKENS_AFTER: usize = 14;

/// Longest aside between a subject and its verb (`, in a statement on Monday,`).
const MAX_ASIDE_TOKENS: usize = 8;

/// Maximum tokens read before a quote looking for its reporting verb and subject.
const MAX_TOKENS_BEFORE: usize = 60;

struct Context<'a> {
    text: &'a str,
    words: Vec<&'a str>,
    toks: &'a Tokens,
    /// For each token, the span covering it.
    span_at: Vec<Option<usize>>,
    /// For each token, the person entity mentioned last before it.
    person_before: Vec<Option<usize>>,
    spans: &'a [EntitySpan],
    entity_of: &'a [usize],
    entities: &'a [Resolved],
}

/// Finds the quotes of a body and their speakers.
pub fn find_quotes(
    text: &str,
    toks: &Tokens,
    spans: &[EntitySpan],
    entity_of: &[usize],
    entities: &[Resolved],
) -> Vec<FoundQuote> {
    let words: Vec<&str> = toks.tokens.iter().map(|t| t.text(text)).collect();
    let mut span_at = vec![None; words.len()];
    let mut s = 0;
    for (i, t) in toks.tokens.iter().enumerate() {
        while s < spans.len() && spans[s].end <= t.start {
            s += 1;
        }
        if s < spans.len() && spans[s].start <= t.start && t.end <= spans[s].end {
            span_at[i] = Some(s);
        }
    }
    let mut person_before = Vec::with_capacity(words.len());
    let mut last_person = None;
    for s in &span_at {
        person_before.push(last_person);
        if let Some(e) = s.map(|s| entity_of[s]).filter(|&e| entities[e].label == Label::PER) {
            last_person = Some(e);
        }
    }
    let cx = Context {
        text,
        words,
        toks,
        span_at,
        person_before,
        spans,
        entity_of,
        entities,
    };
    let mut out: Vec<FoundQuote> = Vec::new();
    let mut previous_end_token = None;
    for range in quote_ranges(text) {
        let open = token_at(toks, range.start.saturating_sub(1));
        let close = token_at(toks, range.end).filter(|&c| toks.tokens[c].start == range.end);
        let mut found = FoundQuote {
            range: range.clone(),
            speaker: None,
            speaker_entity: None,
            cue: None,
        };
        let attributed = open.and_then(|o| cx.attribute(o, close, out.last()));
        match attributed {
            Some(a) => {
                found.speaker = a.speaker;
                found.speaker_entity = a.entity;
                found.cue = Some(a.cue);
            }
            None => {
                // Continues the previous quote when nothing but its attribution lies between.
                if let (Some(prev), Some(prev_end), Some(o)) = (out.last(), previous_end_token, open) {
                    if o >= prev_end && o - prev_end <= MAX_TOKENS_AFTER && prev.speaker.is_some() {
                        found.speaker = prev.speaker.clone();
                        found.speaker_entity = prev.speaker_entity;
                        found.cue = Some("continued".into());
                    }
                }
            }
        }
        previous_end_token = close.or(open);
        out.push(found);
    }
    out
}

/// Byte ranges of quoted text (inside the marks).
fn quote_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (para_start, para) in paragraphs(text) {
        let mut open: Option<(usize, char)> = None;
        for (i, c) in para.char_indices() {
            let at = para_start + i;
            match open {
                None if matches!(c, '"' | '“' | '«' | '„') => open = Some((at + c.len_utf8(), c)),
                Some((start, o)) => {
                    let closes = match o {
                        '"' => c == '"',
                        '“' => matches!(c, '”' | '"'),
                        '«' => c == '»',
                        _ => matches!(c, '“' | '"'),
                    };
                    if closes {
                        if at > start {
                            out.push(start..at);
                        }
                        open = None;
                    }
                }
                None => {}
            }
        }
        if let Some((start, _)) = open {
            let end = para_start + para.trim_end().len();
            if end > start {
                out.push(start..end);
            }
        }
    }
    out
}

fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let at = offset;
        offset += line.len() + 1;
        (at, line)
    })
}

/// Index of the token starting at or containing byte `b`.
fn token_at(toks: &Tokens, b: usize) -> Option<usize> {
    let i = toks.tokens.partition_point(|t| t.end <= b);
    (i < toks.tokens.len() && toks.tokens[i].start <= b).then_some(i)
}

struct Attribution {
    speaker: Option<String>,
    entity: Option<usize>,
    cue: String,
}

impl Context<'_> {
    fn sentence_of(&self, token: usize) -> Range<usize> {
        let s = &self.toks.sentences;
        let i = s.partition_point(|r| r.end <= token);
        s.get(i).cloned().unwrap_or(token..token + 1)
    }

    /// Whether token `i` is one of `words` (ASCII case ignored; no allocation).
    fn is_one_of(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| w.eq_ignore_ascii_case(self.words[i]))
    }

    /// A reporting verb in running text: lowercase and not part of a name (`United States`).
    fn is_reporting(&self, i: usize) -> bool {
        self.words[i].starts_with(|c: char| c.is_lowercase())
            && self.span_at[i].is_none()
            && REPORTING_VERBS.contains(&self.words[i])
    }

    /// Whether the word before `called` makes it a participle naming a thing (`a show called
    /// "…"`), not a speaker's verb (`Roe called "…"`, `what he called "…"`): a lowercase word
    /// that is no pronoun.
    fn names_a_thing(&self, before: usize) -> bool {
        let word = self.words[before];
        word.starts_with(char::is_lowercase)
            && word.chars().all(char::is_alphabetic)
            && !PRONOUNS.contains(&word)
            && !matches!(word, "we" | "you" | "who" | "which" | "that")
    }

    /// `open` is the token of the opening mark, `close` of the closing one (if any).
    fn attribute(&self, open: usize, close: Option<usize>, previous: Option<&FoundQuote>) -> Option<Attribution> {
        let sentence = self.sentence_of(open);
        let end_sentence = close.map_or(sentence.end, |c| self.sentence_of(c).end.max(sentence.end));
        // 1. After the quote, when it is a quoted sentence (`"…," X said`), not a phrase in
        //    the middle of one (`called it "a pretext" and said…`).
        let quoted_sentence = close.is_some_and(|c| {
            let inside_end = self.words[c - 1];
            matches!(inside_end, "," | "." | "!" | "?" | "…") || self.words.get(c + 1).is_some_and(|w| *w == ",")
        });
        if let Some(c) = close.filter(|_| quoted_sentence) {
            let mut i = c + 1;
            while i < end_sentence
                && i <= c + MAX_TOKENS_AFTER
                && !matches!(self.words[i], "\"" | "“" | "." | "!" | "?")
            {
                if self.is_reporting(i) {
                    let subject = if i == c + 1 || (i == c + 2 && self.words[c + 1] == ",") {
                        self.phrase_after(i + 1, end_sentence)
                    } else {
                        (c + 1)..i
                    };
                    // `"…," Jane Roe, a minister, said`: the name before the apposition.
                    let subject = match (subject.start..subject.end).skip(1).find(|&k| self.words[k] == ",") {
                        Some(comma) if self.has_person(subject.start..comma) => subject.start..comma,
                        _ => subject,
                    };
                    if let Some(a) = self.speaker(subject, open, previous, &self.words[i].to_lowercase()) {
                        return Some(a);
                    }
                    break;
                }
                i += 1;
            }
        }
        // 2. Before the quote (within a window: a reporting clause is never far from its quote,
        //    and a bounded scan keeps a text of a hundred thousand quotes linear).
        let mut v = open;
        let window_start = sentence.start.max(open.saturating_sub(MAX_TOKENS_BEFORE));
        while v > window_start {
            v -= 1;
            if !self.is_reporting(v) {
                continue;
            }
            let cue = self.words[v].to_lowercase();
            let names_next = v + 1 == open || (v + 2 == open && self.is_one_of(v + 1, &["the", "a", "an"]));
            if cue == "called" && names_next && v >= 1 && self.names_a_thing(v - 1) {
                continue;
            }
            let verb = if cue == "quoted" && v >= 1 && self.is_one_of(v - 1, &["was", "were", "is", "been"]) {
                v - 1
            } else {
                v
            };
            let subject = self.clause_before(verb, sentence.start);
            if let Some(a) = self.speaker(subject, open, previous, &cue) {
                return Some(a);
            }
        }
        // 3. "according to X" in the sentence, near the quote.
        let near_end = end_sentence
            .min(close.unwrap_or(open) + MAX_TOKENS_AFTER)
            .saturating_sub(1);
        for i in window_start..near_end {
            if self.is_one_of(i, &["according"]) && self.is_one_of(i + 1, &["to"]) {
                let subject = self.phrase_after(i + 2, end_sentence);
                if let Some(a) = self.speaker(subject, open, previous, "according to") {
                    return Some(a);
                }
            }
        }
        None
    }

    /// Tokens from `from` to the next clause boundary.
    fn phrase_after(&self, from: usize, end: usize) -> Range<usize> {
        let mut j = from;
        while j < end && !CLAUSE_BOUNDARIES.contains(&self.words[j]) && !matches!(self.words[j], "." | "!" | "?") {
            j += 1;
        }
        from..j
    }

    /// Tokens before `verb` back to the clause boundary or the sentence start. A participle or
    /// an empty subject (`…and has branded`) defers to the previous clause.
    fn clause_before(&self, verb: usize, start: usize) -> Range<usize> {
        // An aside between commas right before the verb (`Jane Roe, a minister, said`, `the
        // ministry, in a statement, said`): the subject is the clause before it.
        let verb = match verb.checked_sub(1).filter(|&c| c > start && self.words[c] == ",") {
            Some(comma) => (comma.saturating_sub(MAX_ASIDE_TOKENS + 1).max(start)..comma)
                .rev()
                .find(|&k| self.words[k] == ",")
                .unwrap_or(verb),
            None => verb,
        };
        let mut j = verb;
        // Subjects longer than 12 tokens are refused anyway; stop looking after 13.
        while j > start && verb - j <= 12 && !self.is_one_of(j - 1, CLAUSE_BOUNDARIES) {
            j -= 1;
        }
        j..verb
    }

    fn speaker(
        &self,
        subject: Range<usize>,
        before: usize,
        previous: Option<&FoundQuote>,
        cue: &str,
    ) -> Option<Attribution> {
        let subject = self.trim_edges(subject);
        if subject.is_empty() || subject.len() > 12 {
            return None;
        }
        let attribution = |speaker: Option<String>, entity: Option<usize>| {
            Some(Attribution {
                speaker,
                entity,
                cue: cue.to_string(),
            })
        };
        // A person named in the subject: the last one.
        if let Some(e) = subject
            .clone()
            .rev()
            .filter_map(|i| self.entity_at(i))
            .find(|&e| self.entities[e].label == Label::PER)
        {
            return attribution(Some(self.entities[e].name.clone()), Some(e));
        }
        // The subject is exactly one name (an organisation, a country).
        if let Some(e) = self.entity_at(subject.start) {
            let span = self.span_at[subject.start].map(|s| self.spans[s]);
            if span.is_some_and(|s| s.end >= self.toks.tokens[subject.end - 1].end) && self.entities[e].label.is_name()
            {
                return attribution(Some(self.entities[e].name.clone()), Some(e));
            }
        }
        let words: Vec<&str> = self.words[subject.clone()].to_vec();
        // A pronoun or a bare role ("the president"): the last speaker, else the last person named.
        let bare_role = words.len() <= 2 && ROLE_NOUNS.contains(&words.join(" ").to_lowercase().as_str());
        if (words.len() == 1 && PRONOUNS.contains(&words[0])) || bare_role {
            if !bare_role {
                if let Some(p) = previous.filter(|p| p.speaker.is_some()) {
                    return attribution(p.speaker.clone(), p.speaker_entity);
                }
            }
            return match self.last_person_before(subject.start.min(before)) {
                Some(e) => attribution(Some(self.entities[e].name.clone()), Some(e)),
                None => None,
            };
        }
        let start = self.toks.tokens[subject.start].start;
        let end = self.toks.tokens[subject.end - 1].end;
        attribution(Some(self.text[start..end].to_string()), None)
    }

    fn trim_edges(&self, mut r: Range<usize>) -> Range<usize> {
        let edge = |i: usize| {
            self.is_one_of(i, EDGE_WORDS)
                || self.words[i].ends_with("ly") && self.words[i].chars().next().is_some_and(char::is_lowercase)
        };
        while r.start < r.end && (edge(r.start) || !self.words[r.start].chars().any(char::is_alphanumeric)) {
            r.start += 1;
        }
        // trailing adverbs, auxiliaries and time expressions ("Petrov on Monday")
        while r.start < r.end {
            let last = r.end - 1;
            let is_time = self
                .entity_at(last)
                .is_some_and(|e| matches!(self.entities[e].label, Label::DATE | Label::TIME));
            if edge(last) || is_time || !self.words[last].chars().any(char::is_alphanumeric) {
                r.end -= 1;
            } else {
                break;
            }
        }
        r
    }

    fn has_person(&self, r: Range<usize>) -> bool {
        r.into_iter()
            .filter_map(|i| self.entity_at(i))
            .any(|e| self.entities[e].label == Label::PER)
    }

    fn entity_at(&self, token: usize) -> Option<usize> {
        self.span_at[token].map(|s| self.entity_of[s])
    }

    fn last_person_before(&self, token: usize) -> Option<usize> {
        self.person_before[token]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::entities::resolve_entities;
    use crate::tokenize::tokenize;

    /// Runs quote finding with the given names tagged (by exact text, every occurrence).
    fn quotes(text: &str, names: &[(&str, Label)]) -> Vec<(String, Option<String>)> {
        let toks = tokenize(text);
        let mut spans: Vec<EntitySpan> = Vec::new();
        for (name, label) in names {
            let mut from = 0;
            while let Some(p) = text[from..].find(name) {
                spans.push(EntitySpan {
                    start: from + p,
                    end: from + p + name.len(),
                    label: *label,
                });
                from += p + name.len();
            }
        }
        spans.sort_by_key(|s| s.start);
        let (ents, entity_of) = resolve_entities(text, &spans);
        find_quotes(text, &toks, &spans, &entity_of, &ents)
            .into_iter()
            .map(|q| (text[q.range].to_string(), q.speaker))
            .collect()
    }

    fn speaker_of(found: &[(String, Option<String>)], starts: &str) -> Option<String> {
        found
            .iter()
            .find(|(q, _)| q.starts_with(starts))
            .unwrap_or_else(|| panic!("no quote {starts}: {found:?}"))
            .1
            .clone()
    }

    #[test]
    fn attribution_after_the_quote() {
        let q = quotes(
            "\"We will not stop,\" the foreign ministry said in a statement. \"Talks are open,\" it added.",
            &[],
        );
        assert_eq!(speaker_of(&q, "We will").as_deref(), Some("foreign ministry"));
        assert_eq!(speaker_of(&q, "Talks").as_deref(), Some("foreign ministry"));
        let q = quotes("“It is over,” said Jane Roe, a minister.", &[("Jane Roe", Label::PER)]);
        assert_eq!(speaker_of(&q, "It is").as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn attribution_before_the_quote() {
        let text =
            "The remarks came after President John Doe reaffirmed that force was \"an option\", as pressure grew. \
                    A senior official was quoted by Agency on Friday saying that talks were \"very limited.\"";
        let q = quotes(text, &[("John Doe", Label::PER), ("Agency", Label::ORG)]);
        assert_eq!(speaker_of(&q, "an option").as_deref(), Some("John Doe"));
        assert_eq!(speaker_of(&q, "very limited").as_deref(), Some("senior official"));
    }

    #[test]
    fn roles_and_continuations() {
        let text = "Aid is stuck under John Doe's orders.\nBut the president denies a crisis and has branded it a \"political show\" and more.\n\
                    \"It's a snub,\" Jane Roe said. \"It shows how weak they are.\"";
        let q = quotes(text, &[("John Doe", Label::PER), ("Jane Roe", Label::PER)]);
        assert_eq!(speaker_of(&q, "political show").as_deref(), Some("John Doe"));
        assert_eq!(speaker_of(&q, "It shows").as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn scare_quotes_and_names_that_look_like_verbs() {
        let text = "Jane Roe criticized the \"provocations\" and attempts to create what he called a pretext.\n\
                    Jane Roe said the United States was \"threatening everyone\" again.";
        let q = quotes(text, &[("Jane Roe", Label::PER), ("United States", Label::LOC)]);
        assert_eq!(speaker_of(&q, "provocations").as_deref(), Some("Jane Roe"));
        assert_eq!(speaker_of(&q, "threatening").as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn a_thing_called_by_a_name_is_no_quote_of_its_own() {
        let text = "Jane Roe hosted a show called \"Ask Roe\" at fairs. A poem called \"Winter, Ogden,\" won. \
                    Toy sets called the \"Acme Series\" sold.\n\
                    Then she called \"this\" a lie.";
        let found = quotes(text, &[("Jane Roe", Label::PER)]);
        assert_eq!(speaker_of(&found, "Ask Roe"), None);
        assert_eq!(speaker_of(&found, "Winter"), None);
        assert_eq!(speaker_of(&found, "Acme"), None);
        assert_eq!(speaker_of(&found, "this"), Some("Jane Roe".to_string()));
    }

    #[test]
    fn apposition_after_the_speaker() {
        let q = quotes(
            "\"It's a snub,\" Jane Roe, a former minister of the interior, said.",
            &[("Jane Roe", Label::PER)],
        );
        assert_eq!(speaker_of(&q, "It's a snub").as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn an_aside_between_the_subject_and_its_verb_is_skipped() {
        let text = "Freedonia's foreign ministry, in a statement, said it shared the \"vision\" of its neighbours.\n\
                    Jane Roe, a former minister, said the plan was \"a disgrace\" and must end.";
        let q = quotes(text, &[("Freedonia", Label::LOC), ("Jane Roe", Label::PER)]);
        assert_eq!(
            speaker_of(&q, "vision").as_deref(),
            Some("Freedonia's foreign ministry")
        );
        assert_eq!(speaker_of(&q, "a disgrace").as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        let q = quotes(
            "The army announced drills to \"reinforce the country's capacity.\nNext paragraph.",
            &[],
        );
        assert_eq!(q[0].0, "reinforce the country's capacity.");
        assert_eq!(q[0].1.as_deref(), Some("army"));
    }

    #[test]
    fn no_quotes_no_output() {
        assert!(quotes("Plain text without quotation marks.", &[]).is_empty());
    }
}
