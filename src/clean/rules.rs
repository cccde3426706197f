//! Boilerplate vocabulary: phrases that mark a block as page furniture whatever the site.
//!
//! Each rule names a [`Reason`] and the phrases that give it away, in three tiers by how much
//! text a phrase can speak for. A phrase counts only as whole words.
//! - `any`: phrases so specific ("you have reached your limit", "all rights reserved") that they
//!   mark a block of any length;
//! - `short`: phrases ("sign up for", "read more", "privacy policy") and words rare in news prose
//!   ("subscribe", "copyright", "newsletter") that mark a block of at most [`SHORT_BLOCK_WORDS`]
//!   words: a long paragraph that mentions a privacy policy in passing is still article text;
//! - `tiny`: words (and a few two-word phrases) that are also everyday news prose ("next",
//!   "home", "share", "watch", "comment", "subscribers", "a month"). They mark only a button, a
//!   menu entry or a label, a block of at most [`TINY_BLOCK_WORDS`] words: "from next month" in
//!   a 24-word sentence is not navigation. In a longer block such a word is only a hint the
//!   block features pass to the model ([`Hits::everyday`]).
//!
//! When several rules match a block, the one whose phrases cover the most words wins, ties going
//! to the earlier rule: "Sign up for our morning newsletter" is a prompt ("sign up for" +
//! "newsletter"), not a paywall ("sign up").
//!
//! To add a rule: add the phrase to the right list and tier and a case to the tests at the foot
//! of this file, and check the cross-validated score (`scripts/cv-clean.sh`) does not drop.

use crate::schema::Reason;

/// Blocks up to this many words are judged by a single `short` phrase.
pub const SHORT_BLOCK_WORDS: usize = 25;

/// Blocks up to this many words are judged by a single `tiny` word: a button ("Share"), a menu
/// entry ("Home"), a label ("Advertisement", "Most popular", "Next article"), a price line
/// ("$4.99 a month").
pub const TINY_BLOCK_WORDS: usize = 4;

struct Rule {
    reason: Reason,
    /// Everyday words that mark a block of at most [`TINY_BLOCK_WORDS`] words.
    tiny: &'static [&'static str],
    /// Phrases that mark a block of at most [`SHORT_BLOCK_WORDS`] words.
    short: &'static [&'static str],
    /// Phrases so specific that they mark a block of any length.
    any: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        reason: Reason::Paywall,
        tiny: &[
            "subscribed",
            "subscriber",
            "subscribers",
            "subscription",
            "subscriptions",
            "login",
            "register",
            "premium",
            "paywall",
        ],
        short: &[
            "subscribe",
            "sign in",
            "log in",
            "sign up",
            "subscribe to our",
            "subscribe today",
            "subscribe for",
            "subscribers only",
            "for subscribers",
            "exclusive to subscribers",
            "register for free",
            "register now",
            "free articles",
            "unlimited access",
            "premium content",
            "premium article",
            "create an account",
            "create a free account",
            "already have an account",
            "to continue reading",
            "continue reading",
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
        tiny: &[
            "trial",
            "billed",
            "a month",
            "per month",
            "a year",
            "per year",
            "a week",
            "per week",
        ],
        short: &[
            "/month",
            "/year",
            "/week",
            "/mo",
            "renews automatically",
            "cancel anytime",
            "billed annually",
            "billed monthly",
        ],
        any: &["renews automatically", "cancel anytime"],
    },
    Rule {
        reason: Reason::Prompt,
        tiny: &[
            "comments",
            "comment",
            "reply",
            "replies",
            "donate",
            "contribute",
            "notifications",
        ],
        short: &[
            "newsletter",
            "newsletters",
            "leave a reply",
            "leave a comment",
            "support us",
            "follow us",
            "download the app",
            "get the app",
            "sign up for",
            "your inbox",
            "subscribe to our newsletter",
            "join the conversation",
            "show comments",
            "view comments",
        ],
        any: &[
            "please contribute",
            "support our journalism",
            "support independent journalism",
            "make a contribution",
            "sign up for our newsletter",
            "subscribe to our newsletter",
            "delivered to your inbox",
            "leave a comment",
            "comments are closed",
            "follow us on",
        ],
    },
    Rule {
        reason: Reason::Share,
        tiny: &[
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
            "reddit",
            "telegram",
        ],
        short: &["copy link", "share this", "share on", "share via"],
        any: &["share this article", "share on facebook", "share on twitter"],
    },
    Rule {
        reason: Reason::Related,
        tiny: &["related", "popular", "watch", "recommended", "trending"],
        short: &[
            "related:",
            "read more",
            "also read",
            "read also",
            "see also",
            "most popular",
            "most read",
            "most viewed",
            "latest news",
            "more from",
            "more stories",
            "you may also like",
            "you might also like",
            "top stories",
            "editor's picks",
            "more on this",
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
        tiny: &["cookie", "cookies"],
        short: &[
            "copyright",
            "disclaimer",
            "all rights reserved",
            "privacy policy",
            "terms of use",
            "terms of service",
            "terms and conditions",
            "©",
        ],
        any: &["disclaimer:", "all rights reserved", "we use cookies"],
    },
    Rule {
        reason: Reason::Caption,
        tiny: &["photo", "photograph", "pictured"],
        short: &["photo:", "image:", "credit:", "getty images", "file photo", "afp photo"],
        any: &["(photo:", "photo credit"],
    },
    Rule {
        reason: Reason::Advert,
        tiny: &["sponsored", "advertising", "ad", "promoted"],
        short: &["advertisement", "partner content"],
        any: &[
            "sponsored content",
            "paid content",
            "story continues below advertisement",
        ],
    },
    Rule {
        reason: Reason::Navigation,
        tiny: &["home", "menu", "search", "next", "previous"],
        short: &[
            "back to top",
            "skip to content",
            "skip to main content",
            "next article",
            "previous article",
        ],
        any: &["skip to main content", "back to top"],
    },
];

/// Number of rules.
const N_RULES: usize = 9;

/// The boilerplate reason a block's text gives, if any.
pub fn boilerplate_reason(text: &str, words: usize) -> Option<Reason> {
    boilerplate_reason_lower(&text.to_lowercase(), words)
}

/// [`boilerplate_reason`] of a text already in lowercase.
pub fn boilerplate_reason_lower(lower: &str, words: usize) -> Option<Reason> {
    phrase_hits(lower).reason(words)
}

/// How many words each rule's phrases cover in a text, per tier (a rule is an index into
/// [`RULES`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Hits {
    any: [u16; N_RULES],
    short: [u16; N_RULES],
    tiny: [u16; N_RULES],
    /// Whether any phrase matched: most blocks match none, and then no tier needs a look.
    matched: bool,
}

impl Hits {
    /// The reason of a phrase so specific that it marks a block of any length.
    pub fn strong(&self) -> Option<Reason> {
        if !self.matched {
            return None;
        }
        best(&self.any, None)
    }

    /// The reason an everyday word of the `tiny` tier would give if the block were tiny: for a
    /// longer block, a hint for the model and a reason to show if it drops the block, not a rule.
    pub fn everyday(&self) -> Option<Reason> {
        if !self.matched {
            return None;
        }
        best(&self.tiny, None)
    }

    /// The reason the phrases give a block of `words` words: a strong phrase first, then the
    /// `short` phrases if the block is short, with the `tiny` words too if it is tiny.
    pub fn reason(&self, words: usize) -> Option<Reason> {
        self.strong().or_else(|| {
            if words > SHORT_BLOCK_WORDS || !self.matched {
                None
            } else if words > TINY_BLOCK_WORDS {
                best(&self.short, None)
            } else {
                best(&self.short, Some(&self.tiny))
            }
        })
    }
}

/// The rule covering the most words (`a` plus `b`), the earlier one on a tie.
fn best(a: &[u16; N_RULES], b: Option<&[u16; N_RULES]>) -> Option<Reason> {
    let mut top = (0u16, None);
    for (i, r) in RULES.iter().enumerate() {
        let n = a[i] + b.map_or(0, |b| b[i]);
        if n > top.0 {
            top = (n, Some(r.reason));
        }
    }
    top.1
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

impl FxHasher {
    /// Mixes one word of input into the state.
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        // the tail in at most three steps (4, 2, 1 bytes), as rustc's FxHash does: most keys are
        // words shorter than 8 bytes, and a step a byte was a third of a look-up's cost
        let mut rest = chunks.remainder();
        if let Some((c, tail)) = rest.split_first_chunk::<4>() {
            self.add(u32::from_le_bytes(*c) as u64);
            rest = tail;
        }
        if let Some((c, tail)) = rest.split_first_chunk::<2>() {
            self.add(u16::from_le_bytes(*c) as u64);
            rest = tail;
        }
        if let Some(&b) = rest.first() {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        // what `write` does with the 8 bytes, without the loops
        self.add(u64::from_le_bytes(i.to_ne_bytes()));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Tokens as phrases are matched: runs of letters and digits, and each other visible char on
/// its own (so `/month`, `(photo:` and `©` match inside `$5/month`, `(Photo: AP)`, `©2019`).
/// Byte ranges into `lower`, appended to `out`.
pub fn phrase_tokens(lower: &str, out: &mut Vec<(u32, u32)>) {
    let mut word_start: Option<usize> = None;
    for (i, c) in lower.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(w) = word_start.take() {
            out.push((w as u32, i as u32));
        }
        if !c.is_whitespace() {
            out.push((i as u32, (i + c.len_utf8()) as u32));
        }
    }
    if let Some(w) = word_start {
        out.push((w as u32, lower.len() as u32));
    }
}

/// One phrase of a rule, as tokens.
#[derive(Debug)]
pub struct Entry {
    tokens: Vec<&'static str>,
    rule: usize,
    tier: Tier,
}

#[derive(Debug, Clone, Copy)]
enum Tier {
    Tiny,
    Short,
    Any,
}

/// Every rule phrase, keyed by its first token: one hash look-up per token of a text, then a
/// comparison of the few phrases that start there. Linear in the text, whatever the number of
/// phrases (a substring search per phrase was 45 % of the cleaning time). The block features
/// merge these keys with the learned vocabulary, so that a token costs one look-up for both
/// ([`super::features::Lexicon`]).
pub fn phrase_index() -> &'static std::collections::HashMap<&'static str, Vec<Entry>, FastHash> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, Vec<Entry>, FastHash>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: std::collections::HashMap<&'static str, Vec<Entry>, FastHash> = Default::default();
        for (rule, r) in RULES.iter().enumerate() {
            for (list, tier) in [(r.tiny, Tier::Tiny), (r.short, Tier::Short), (r.any, Tier::Any)] {
                for p in list {
                    let mut ranges = Vec::new();
                    phrase_tokens(p, &mut ranges);
                    let tokens: Vec<&'static str> = ranges.iter().map(|&(a, b)| &p[a as usize..b as usize]).collect();
                    if let Some(first) = tokens.first() {
                        m.entry(first).or_default().push(Entry { tokens, rule, tier });
                    }
                }
            }
        }
        m
    })
}

/// Adds to `hits` the phrases of `entries` (those starting with token `i`) that occur at token
/// `i` of `toks` (ranges into `lower`).
pub fn match_phrases(entries: &[Entry], lower: &str, toks: &[(u32, u32)], i: usize, hits: &mut Hits) {
    for e in entries {
        let n = e.tokens.len();
        let matches = toks.len() - i >= n
            && e.tokens
                .iter()
                .zip(&toks[i..i + n])
                .all(|(t, &(a, b))| lower.as_bytes()[a as usize..b as usize] == *t.as_bytes());
        if matches {
            let counts = match e.tier {
                Tier::Tiny => &mut hits.tiny,
                Tier::Short => &mut hits.short,
                Tier::Any => &mut hits.any,
            };
            counts[e.rule] = counts[e.rule].saturating_add(n as u16);
            hits.matched = true;
        }
    }
}

/// Which rules' phrases occur in a lowercase text, as whole tokens.
pub fn phrase_hits(lower: &str) -> Hits {
    let idx = phrase_index();
    let mut toks = Vec::new();
    phrase_tokens(lower, &mut toks);
    let mut hits = Hits::default();
    for (i, &(a, b)) in toks.iter().enumerate() {
        if let Some(entries) = idx.get(&lower[a as usize..b as usize]) {
            match_phrases(entries, lower, &toks, i, &mut hits);
        }
    }
    hits
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
    // A marker's last occurrence ends at the rightmost colon it ends at. The colons are read
    // once, right to left, and each marker keeps the first, rightmost, place it ends at; a
    // marker is compared only where the letter before the colon is its own (most colons are in
    // clock times and links, and comparing every marker at each cost more than the rest).
    let mut last_at = [None; CREDIT_MARKERS.len()];
    for (colon, _) in tail.rmatch_indices(':') {
        let head = &tail[..colon + 1];
        let before = tail.as_bytes()[..colon].last();
        for (at, m) in last_at.iter_mut().zip(CREDIT_MARKERS) {
            let ends_like_m = before == m.as_bytes().get(m.len().wrapping_sub(2));
            if at.is_none() && ends_like_m && head.ends_with(m) {
                *at = Some(head.len() - m.len());
            }
        }
        if last_at.iter().all(Option::is_some) {
            break;
        }
    }
    CREDIT_MARKERS.iter().zip(last_at).any(|(m, at)| {
        at.is_some_and(|at| {
            let before_ok = tail[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            before_ok && tail[at + m.len()..].split_whitespace().nth(MAX_CREDIT_WORDS).is_none()
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
    if words > MAX_PRICE_WORDS {
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

/// Most words a price line has (`Only $1 for 6 months`).
pub const MAX_PRICE_WORDS: usize = 6;

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
        assert_eq!(reason("Weekly Newsletters"), Some(Reason::Prompt));
        assert_eq!(reason("Renews automatically, cancel anytime"), Some(Reason::Price));
        assert_eq!(
            reason("Copyright ©2019 Some Company. All Rights Reserved."),
            Some(Reason::Legal)
        );
    }

    #[test]
    fn everyday_words_mark_only_tiny_blocks() {
        assert_eq!(reason("Next"), Some(Reason::Navigation));
        assert_eq!(reason("Watch"), Some(Reason::Related));
        assert_eq!(reason("Print this page"), Some(Reason::Share));
        assert_eq!(reason("$4.99 a month"), Some(Reason::Price));
        let sentence = "The regional library will extend its opening hours from next month, the council said, \
                        after readers asked to share the reading rooms in the evening.";
        assert_eq!(reason(sentence), None);
        assert_eq!(
            reason("Readers can comment on the plans at any branch until the end of the month."),
            None
        );
        assert_eq!(
            reason("The service now has ten million subscribers, up from eight million."),
            None
        );
    }

    #[test]
    fn the_rule_covering_most_words_wins() {
        assert_eq!(reason("Sign up for our morning newsletter"), Some(Reason::Prompt));
        assert_eq!(reason("Sign up to read this article"), Some(Reason::Paywall));
        assert_eq!(reason("Share on Facebook"), Some(Reason::Share));
        assert_eq!(reason("Read more: Snow cover hits a record low"), Some(Reason::Related));
        assert_eq!(
            reason("Related: Rail workers vote on a new contract"),
            Some(Reason::Related)
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
