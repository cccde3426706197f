//! Names (PER, ORG, LOC, MISC): runs of capitalised tokens, typed by the words inside and
//! around them. A first, rule-based version: the trained tagger replaces it.

use crate::schema::Label;
use crate::tokenize::Tokens;

use super::EntitySpan;

/// Lowercase words that may sit inside a name (`Organization of American States`, `Bashar al Assad`).
const NAME_JOINERS: &[&str] = &[
    "of", "de", "del", "da", "al", "bin", "van", "von", "der", "la", "le", "du", "&",
];

/// Words that end organisation names.
const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Council",
    "Union",
    "Assembly",
    "Organization",
    "Organisation",
    "Agency",
    "Party",
    "Bank",
    "Company",
    "Corp",
    "Corp.",
    "Inc",
    "Inc.",
    "Ltd",
    "Group",
    "Committee",
    "Commission",
    "News",
    "Department",
    "University",
    "Association",
    "Federation",
    "Army",
    "Forces",
    "Police",
    "Court",
    "Senate",
    "Congress",
    "Parliament",
    "Office",
    "Institute",
    "Fund",
    "Times",
    "Post",
    "Club",
    "League",
    "Board",
    "Authority",
    "Service",
    "Ministry's",
];

/// Words before a name that say it is a person.
const PERSON_CUES: &[&str] = &[
    "President",
    "Minister",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "spokesman",
    "spokeswoman",
    "leader",
    "envoy",
    "counterpart",
    "Secretary",
    "secretary",
    "advisor",
    "adviser",
    "Senator",
    "Sen.",
    "Gov.",
    "Governor",
    "King",
    "Queen",
    "Prince",
    "General",
    "Gen.",
    "chief",
    "director",
    "Director",
    "said",
];

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Finds name spans.
pub fn tag_names(text: &str, toks: &Tokens) -> Vec<EntitySpan> {
    let words: Vec<&str> = toks.tokens.iter().map(|t| t.text(text)).collect();
    let mut sentence_start = vec![false; words.len()];
    for s in &toks.sentences {
        sentence_start[s.start] = true;
        // the first word after an opening quote also starts a sentence
        if s.len() > 1 && matches!(words[s.start], "\"" | "“" | "(") {
            sentence_start[s.start + 1] = true;
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_capitalised(words[i]) || !words[i].chars().any(char::is_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < words.len() && is_capitalised(words[j]) && words[j].chars().any(char::is_alphabetic) {
                j += 1;
            } else if j + 1 < words.len() && NAME_JOINERS.contains(&words[j]) && is_capitalised(words[j + 1]) {
                j += 2;
            } else {
                break;
            }
        }
        let mut start = i;
        // A capitalised sentence opener is only a name if it is known to be one elsewhere.
        if sentence_start[i] && !capitalised_elsewhere(&words, &sentence_start, words[i]) {
            start += 1;
        }
        if start < j {
            let label = label_of(&words, start, j);
            out.push(EntitySpan {
                start: toks.tokens[start].start,
                end: toks.tokens[j - 1].end,
                label,
            });
        }
        i = j;
    }
    out
}

fn capitalised_elsewhere(words: &[&str], sentence_start: &[bool], w: &str) -> bool {
    words.iter().zip(sentence_start).any(|(x, s)| *x == w && !s)
}

fn label_of(words: &[&str], start: usize, end: usize) -> Label {
    let span = &words[start..end];
    let last = span[span.len() - 1];
    if span.iter().any(|w| ORG_HEADS.contains(w)) {
        return Label::ORG;
    }
    let all_caps =
        span.len() == 1 && last.len() >= 2 && last.len() <= 6 && last.chars().all(|c| c.is_ascii_uppercase());
    if all_caps {
        return if last == "US" || last == "UK" {
            Label::LOC
        } else {
            Label::ORG
        };
    }
    let demonym = ["ian", "ians", "ean", "eans", "ese", "ish", "can", "cans", "an", "ans"]
        .iter()
        .any(|s| last.ends_with(s));
    if demonym && (span.len() == 1 || span.len() == 2) && !is_capitalised(words.get(end).copied().unwrap_or("x")) {
        return Label::MISC;
    }
    let cued = start > 0 && PERSON_CUES.contains(&words[start - 1]);
    if cued || span.len() >= 2 {
        return Label::PER;
    }
    Label::LOC
}
