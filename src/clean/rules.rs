//! Boilerplate vocabulary: phrases that mark a block as page furniture whatever the site.
//!
//! Each rule names a [`Reason`] and the phrases that give it away. A phrase counts only as whole
//! words; long prose blocks need a stronger signal than short ones (a paragraph that mentions a
//! "subscription" in passing is still article text), so most rules apply only to blocks of at
//! most [`SHORT_BLOCK_WORDS`] words. To add a rule: add a phrase to the right list and a case to
//! the tests at the foot of this file, and check the dev score does not drop.

use crate::schema::Reason;

/// Blocks up to this many words are judged by a single phrase.
pub const SHORT_BLOCK_WORDS: usize = 12;

/// Blocks up to this many words are judged by a single common word (`Share`, `Home`, `Next`).
const TINY_BLOCK_WORDS: usize = 4;

struct Rule {
    reason: Reason,
    /// Common words that mark a block of a few words (a button, a menu entry).
    tiny: &'static [&'static str],
    /// Phrases that mark a short block.
    short: &'static [&'static str],
    /// Phrases so specific that they mark a block of any length.
    any: &'static [&'static str],
}

const RULES: &[Rule] = &[
    Rule {
        reason: Reason::Paywall,
        tiny: &["subscribe", "subscribed", "subscriber", "subscription", "login", "register", "premium"],
        short: &[
            "subscribers", "sign in", "log in", "free articles", "unlimited access", "paywall", "create an account",
            "already have an account", "to continue reading", "read the full story", "full access", "digital access",
            "subscribe to", "subscribe now", "subscription plans", "premium stories",
        ],
        any: &[
            "reached your limit", "free articles this month", "subscribe now", "already subscribed",
            "to read the full story", "subscribe to read", "become a subscriber", "start your free trial",
            "this content is for subscribers",
        ],
    },
    Rule {
        reason: Reason::Price,
        tiny: &["trial", "billed"],
        short: &["/month", "per month", "a month", "/year", "per year", "renews automatically", "cancel anytime"],
        any: &["renews automatically", "cancel anytime"],
    },
    Rule {
        reason: Reason::Prompt,
        tiny: &["newsletter", "newsletters", "comments", "comment", "reply", "donate", "contribute", "notifications"],
        short: &[
            "leave a reply", "support us", "follow us", "download the app", "get the app", "sign up for", "sign up",
            "your inbox", "our newsletter", "newsletters", "newsletter",
        ],
        any: &[
            "please contribute", "support our journalism", "support independent journalism", "make a contribution",
            "we do not take advertisements", "sign up for our newsletter", "delivered to your inbox",
            "leave a comment", "comments are closed",
        ],
    },
    Rule {
        reason: Reason::Share,
        tiny: &["share", "shares", "tweet", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "email", "print", "reddit", "telegram"],
        short: &["copy link", "share this", "share on", "share via"],
        any: &["share this article", "share on facebook", "share on twitter"],
    },
    Rule {
        reason: Reason::Related,
        tiny: &["related", "recommended", "trending", "popular", "watch"],
        short: &[
            "read more", "also read", "read also", "see also", "most popular", "most read", "latest news", "last news",
            "more from", "more stories", "you may also like", "top stories", "editor's picks", "more on this",
            "related articles", "related stories", "related:",
        ],
        any: &["related article", "related articles", "related stories", "also read:", "read more:"],
    },
    Rule {
        reason: Reason::Legal,
        tiny: &["disclaimer", "copyright", "©", "cookies"],
        short: &["all rights reserved", "privacy policy", "cookie policy", "terms of use", "terms of service", "terms and conditions", "©"],
        any: &["disclaimer:", "all rights reserved", "was involved in creation of this content", "we use cookies"],
    },
    Rule {
        reason: Reason::Caption,
        tiny: &["photo", "photograph", "pictured"],
        short: &["photo:", "image:", "credit:", "getty images", "file photo", "afp photo", "reuters/", "photo by"],
        any: &["(photo:", "photo credit"],
    },
    Rule {
        reason: Reason::Advert,
        tiny: &["advertisement", "sponsored", "advertising", "ad", "promoted"],
        short: &["partner content", "sponsored by"],
        any: &["sponsored content", "paid content", "story continues below advertisement"],
    },
    Rule {
        reason: Reason::Navigation,
        tiny: &["home", "menu", "search", "next", "previous", "back", "more", "close"],
        short: &["back to top", "skip to content", "skip to main content", "next article", "previous article"],
        any: &["skip to main content", "back to top"],
    },
];

/// The boilerplate reason a block's text gives, if any.
pub fn boilerplate_reason(text: &str, words: usize) -> Option<Reason> {
    let lower = text.to_lowercase();
    for rule in RULES {
        if rule.any.iter().any(|p| contains_phrase(&lower, p)) {
            return Some(rule.reason);
        }
    }
    if words <= TINY_BLOCK_WORDS {
        if let Some(rule) = RULES.iter().find(|r| r.tiny.iter().any(|p| contains_phrase(&lower, p))) {
            return Some(rule.reason);
        }
    }
    if words > SHORT_BLOCK_WORDS {
        return None;
    }
    RULES.iter().find(|r| r.short.iter().any(|p| contains_phrase(&lower, p))).map(|r| r.reason)
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
        assert_eq!(reason("Related article: Envoy Sent to Caracas"), Some(Reason::Related));
        assert_eq!(reason("Last news"), Some(Reason::Related));
        assert_eq!(reason("Photo: Reuters"), Some(Reason::Caption));
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
        let appeal = "As an independent media platform, we do not take advertisements from governments and corporate \
                      houses. It is you, our readers, who have supported us. Please contribute, so that we can continue.";
        assert_eq!(reason(appeal), Some(Reason::Prompt));
        assert_eq!(
            reason("Disclaimer: No staff journalist was involved in creation of this content, which is syndicated from a feed"),
            Some(Reason::Legal)
        );
    }

    #[test]
    fn common_words_only_mark_tiny_blocks() {
        assert_eq!(reason("The library will open next month, the council said in a statement."), None);
        assert_eq!(reason("Readers can comment on the plans at any branch."), None);
        assert_eq!(reason("Next"), Some(Reason::Navigation));
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
        assert!(!is_price(
            "The deal was worth $2.3 billion to the company and its many shareholders",
            13
        ));
    }
}
