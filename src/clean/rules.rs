//! Boilerplate vocabulary: phrases that mark a block as page furniture whatever the site.
//!
//! Each rule names a [`Reason`] and the phrases that give it away. A phrase counts only as whole
//! words; long prose blocks need a stronger signal than short ones (a paragraph that mentions a
//! "subscription" in passing is still article text), so most rules apply only to blocks of at
//! most [`SHORT_BLOCK_WORDS`] words. To add a rule: add a phrase to the right list and a case to
//! the tests at the foot of this file, and check the dev score does not drop.

use crate::schema::Reason;

/// Blocks up to this many words are judged by a single phrase.
pub const SHORT_BLOCK_WORDS: usize = 25;

struct Rule {
    reason: Reason,
    /// Phrases that mark a short block.
    short: &'static [&'static str],
    /// Phrases so specific that they mark a block of any length.
    any: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        reason: Reason::Paywall,
        short: &[
            "subscribe",
            "subscribed",
            "subscriber",
            "subscribers",
            "subscription",
            "sign in",
            "log in",
            "login",
            "sign up",
            "register",
            "free articles",
            "unlimited access",
            "premium",
            "paywall",
            "create an account",
            "already have an account",
            "to continue reading",
            "read the full story",
            "full access",
            "digital access",
        ],
        any: &[
            "reached your limit",
            "free articles this month",
            "subscribe now",
            "already subscribed",
            "to read the full story",
            "subscribe to read",
            "become a subscriber",
            "start your free trial",
            "this content is for subscribers",
        ],
    },
    Rule {
        reason: Reason::Price,
        short: &[
            "/month",
            "per month",
            "a month",
            "/year",
            "per year",
            "renews automatically",
            "cancel anytime",
            "billed",
            "trial",
        ],
        any: &["renews automatically", "cancel anytime"],
    },
    Rule {
        reason: Reason::Prompt,
        short: &[
            "newsletter",
            "newsletters",
            "comments",
            "comment",
            "leave a reply",
            "reply",
            "donate",
            "contribute",
            "support us",
            "follow us",
            "download the app",
            "get the app",
            "sign up for",
            "your inbox",
            "notifications",
        ],
        any: &[
            "please contribute",
            "support our journalism",
            "support independent journalism",
            "make a contribution",
            "sign up for our newsletter",
            "delivered to your inbox",
            "leave a comment",
            "comments are closed",
        ],
    },
    Rule {
        reason: Reason::Share,
        short: &[
            "share",
            "shares",
            "tweet",
            "facebook",
            "twitter",
            "whatsapp",
            "linkedin",
            "pinterest",
            "email",
            "print",
            "copy link",
            "reddit",
            "telegram",
        ],
        any: &["share this article", "share on facebook", "share on twitter"],
    },
    Rule {
        reason: Reason::Related,
        short: &[
            "related",
            "read more",
            "also read",
            "read also",
            "see also",
            "most popular",
            "most read",
            "recommended",
            "latest news",
            "more from",
            "more stories",
            "trending",
            "you may also like",
            "top stories",
            "editor's picks",
            "popular",
            "more on this",
            "watch",
        ],
        any: &[
            "related article",
            "related articles",
            "related stories",
            "also read:",
            "read more:",
        ],
    },
    Rule {
        reason: Reason::Legal,
        short: &[
            "disclaimer",
            "copyright",
            "all rights reserved",
            "privacy policy",
            "cookie",
            "cookies",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "©",
        ],
        any: &["disclaimer:", "all rights reserved", "we use cookies"],
    },
    Rule {
        reason: Reason::Caption,
        short: &[
            "photo",
            "photo:",
            "image:",
            "credit:",
            "getty images",
            "file photo",
            "photograph",
            "pictured",
            "afp photo",
        ],
        any: &["(photo:", "photo credit"],
    },
    Rule {
        reason: Reason::Advert,
        short: &[
            "advertisement",
            "sponsored",
            "advertising",
            "ad",
            "promoted",
            "partner content",
        ],
        any: &[
            "sponsored content",
            "paid content",
            "story continues below advertisement",
        ],
    },
    Rule {
        reason: Reason::Navigation,
        short: &[
            "back to top",
            "skip to content",
            "skip to main content",
            "home",
            "menu",
            "search",
            "next article",
            "previous article",
            "next",
            "previous",
        ],
        any: &["skip to main content", "back to top"],
    },
];

/// The boilerplate reason a block's text gives, if any.
pub fn boilerplate_reason(text: &str, words: usize) -> Option<Reason> {
    boilerplate_reason_lower(&text.to_lowercase(), words)
}

/// [`boilerplate_reason`] of a text already in lowercase.
pub fn boilerplate_reason_lower(lower: &str, words: usize) -> Option<Reason> {
    let hits = phrase_hits(lower);
    hits.any.or(if words <= SHORT_BLOCK_WORDS { hits.short } else { None })
}

/// The reason a phrase so specific that it marks a block of any length gives (the `any` lists),
/// for a text already in lowercase.
pub fn strong_reason_lower(lower: &str) -> Option<Reason> {
    phrase_hits(lower).any
}

/// The first rule (in [`RULES`] order) whose `any` phrases, and whose `short` phrases, occur.
#[derive(Debug, Default, PartialEq)]
pub struct Hits {
    pub any: Option<Reason>,
    pub short: Option<Reason>,
}

/// A fast, deterministic hasher for the cleaner's short string keys (words, phrases), where
/// SipHash's defence against chosen collisions costs more than it protects: the keys come from
/// the model file and from fixed lists, and a document can only slow down its own look-ups.
#[derive(Debug, Clone, Copy, Default)]
pub struct FastHash;

impl std::hash::BuildHasher for FastHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

/// The multiply-rotate hash of rustc's FxHash.
#[derive(Debug, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Tokens as phrases are matched: runs of letters and digits, and each other visible char on
/// its own (so `/month`, `(photo:` and `©` match inside `$5/month`, `(Photo: AP)`, `©2019`).
fn phrase_tokens(lower: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in lower.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(w) = word_start.take() {
            out.push(&lower[w..i]);
        }
        if !c.is_whitespace() {
            out.push(&lower[i..i + c.len_utf8()]);
        }
    }
    if let Some(w) = word_start {
        out.push(&lower[w..]);
    }
    out
}

/// One phrase of a rule, as tokens.
struct Entry {
    tokens: Vec<&'static str>,
    rule: usize,
    any: bool,
}

/// Every rule phrase, keyed by its first token: one hash look-up per token of a text, then a
/// comparison of the few phrases that start there. Linear in the text, whatever the number of
/// phrases (a substring search per phrase was 45 % of the cleaning time).
fn index() -> &'static std::collections::HashMap<&'static str, Vec<Entry>, FastHash> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<Entry>, FastHash>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: std::collections::HashMap<&'static str, Vec<Entry>, FastHash> = Default::default();
        for (rule, r) in RULES.iter().enumerate() {
            for (list, any) in [(r.short, false), (r.any, true)] {
                for p in list {
                    let tokens = phrase_tokens(p);
                    if let Some(first) = tokens.first() {
                        m.entry(first).or_default().push(Entry { tokens, rule, any });
                    }
                }
            }
        }
        m
    })
}

/// Which rules' phrases occur in a lowercase text, as whole tokens.
pub fn phrase_hits(lower: &str) -> Hits {
    let idx = index();
    let toks = phrase_tokens(lower);
    let (mut any, mut short) = (usize::MAX, usize::MAX);
    for i in 0..toks.len() {
        let Some(entries) = idx.get(toks[i]) else { continue };
        for e in entries {
            if toks[i..].starts_with(&e.tokens) {
                let slot = if e.any { &mut any } else { &mut short };
                *slot = (*slot).min(e.rule);
            }
        }
    }
    Hits {
        any: RULES.get(any).map(|r| r.reason),
        short: RULES.get(short).map(|r| r.reason),
    }
}

/// Markers that open a photo credit.
const CREDIT_MARKERS: &[&str] = &[
    "photo:",
    "image:",
    "credit:",
    "photo credit:",
    "image credit:",
    "picture:",
    "foto:",
];

/// Most words a credit after its marker has (`Photo: Damian Dovarganes, AP`).
const MAX_CREDIT_WORDS: usize = 6;

/// A line that ends in a photo credit (`... in January 2019. Photo: Wirepress`, `(Image: Getty)`):
/// a caption, whatever comes before the credit. Lowercase input.
pub fn ends_in_credit_lower(lower: &str) -> bool {
    if !lower.contains(':') {
        return false; // every marker ends in a colon; most lines have none
    }
    let tail = lower.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | ')'));
    CREDIT_MARKERS.iter().any(|m| {
        tail.rfind(m).is_some_and(|at| {
            let before_ok = tail[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            before_ok && tail[at + m.len()..].split_whitespace().count() <= MAX_CREDIT_WORDS
        })
    })
}

/// Whether `phrase` occurs in `hay` as whole words (both already lowercase).
pub fn contains_phrase(hay: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(p) = hay[from..].find(phrase) {
        let at = from + p;
        let end = at + phrase.len();
        let before_ok = hay[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        let starts_word = phrase.chars().next().is_some_and(|c| c.is_alphanumeric());
        let ends_word = phrase.chars().next_back().is_some_and(|c| c.is_alphanumeric());
        if (before_ok || !starts_word) && (after_ok || !ends_word) {
            return true;
        }
        from = at + phrase.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// A short line that is a price: a currency amount (`₹900`, `$4.99`, `€5/month`) with few words.
pub fn is_price(text: &str, words: usize) -> bool {
    if words > 6 {
        return false;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let currency = matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '₩');
        if currency && chars.peek().is_some_and(|d| d.is_ascii_digit()) {
            return true;
        }
    }
    false
}

/// Most words a line that is only a price has (`₹900`, `$4.99 a month`).
pub const BARE_PRICE_WORDS: usize = 3;

/// A line that is nothing but a price or plan (`₹900`, `₹300/Month`, `$4.99 a month`): dropped
/// whatever the model says, since no article paragraph is a bare amount.
pub fn is_bare_price(text: &str, words: usize) -> bool {
    words <= BARE_PRICE_WORDS && is_price(text, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> Option<Reason> {
        boilerplate_reason(text, text.split_whitespace().count())
    }

    #[test]
    fn short_lines_by_single_phrases() {
        assert_eq!(reason("Subscribe now for unlimited access."), Some(Reason::Paywall));
        assert_eq!(reason("Already subscribed? Log in"), Some(Reason::Paywall));
        assert_eq!(reason("Share on WhatsApp"), Some(Reason::Share));
        assert_eq!(reason("Related article: Envoy Sent Abroad"), Some(Reason::Related));
        assert_eq!(reason("Latest news"), Some(Reason::Related));
        assert_eq!(reason("Photo: Wirepress"), Some(Reason::Caption));
        assert_eq!(reason("Curated Newsletters"), Some(Reason::Prompt));
        assert_eq!(reason("Renews automatically, cancel anytime"), Some(Reason::Price));
        assert_eq!(
            reason("Copyright ©2019 Some Company. All Rights Reserved."),
            Some(Reason::Legal)
        );
    }

    #[test]
    fn long_prose_needs_a_specific_phrase() {
        let prose = "The company said its subscription business grew by a third last year, helped by new readers \
                     in Asia and a price rise that analysts had expected to hurt demand far more than it did.";
        assert_eq!(reason(prose), None);
        let appeal = "We are a small newsroom paid for by readers, not by advertisers, and every gift keeps our \
                      reporting free for everyone. Please contribute, so that we can keep going.";
        assert_eq!(reason(appeal), Some(Reason::Prompt));
        assert_eq!(
            reason("Disclaimer: this content is syndicated from a feed and was not edited by our staff"),
            Some(Reason::Legal)
        );
    }

    #[test]
    fn photo_credits_end_captions() {
        assert!(ends_in_credit_lower(
            "the river began to flood in january 2019. photo: wirepress |"
        ));
        assert!(ends_in_credit_lower("protesters have worn masks (image: getty )"));
        assert!(ends_in_credit_lower("photo: damian dovarganes, ap"));
        assert!(!ends_in_credit_lower(
            "the photo: a long story about how a picture was taken by someone in the city at night"
        ));
        assert!(!ends_in_credit_lower("he posted a telephoto: nothing"));
    }

    #[test]
    fn whole_words_only() {
        assert!(contains_phrase("share prices fell", "share"));
        assert!(!contains_phrase("shareholders met", "share"));
        assert!(!contains_phrase("the homeland", "home"));
        assert!(contains_phrase("© 2019", "©"));
    }

    #[test]
    fn prices() {
        assert!(is_price("₹900", 1));
        assert!(is_price("₹300/Month", 1));
        assert!(is_price("$4.99 a month", 3));
        assert!(!is_price("3 Months", 2));
        assert!(is_bare_price("$4.99 a month", 3));
        assert!(!is_bare_price("Get it on Amazon for $139", 6));
        assert!(!is_price(
            "The deal was worth $2.3 billion to the company and its many shareholders",
            13
        ));
    }
}
