//! Numeric and temporal entities by rules on the token stream: DATE, TIME, MONEY, PERCENT,
//! QUANTITY. Each rule reads a few tokens from a position and says how many it covers; the
//! longest match at a position wins and matches never overlap.
//!
//! Only a token that can begin an expression (a digit, a currency sign, a capitalised month or
//! weekday, or one of a few lowercase time words) is tried at all, and words are compared
//! ignoring ASCII case without building lowercase copies: most tokens cost one look at their
//! first character.
//!
//! False friends the rules keep apart: the modal `may` (months must be capitalised), `May` and
//! `March` as a name or a verb (a bare `May`/`March` needs a date word around it: `in March`,
//! `May 5`, `March 2019`), abbreviations such as `Jan` (a name unless a day or year follows),
//! and a number that is a year (`2015`, DATE) rather than a count (`5,000`, QUANTITY).

use crate::schema::Label;
use crate::tokenize::Tokens;

use super::EntitySpan;

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Month abbreviations: a date only with a day or year after them (`Jan` is also a name).
const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];
/// Words that make a bare `May` or `March` a month: `in May`, `since March`, `early May`.
const MONTH_CUES: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "through",
    "during",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "of",
    "before",
    "after",
    "between",
    "to",
    "and",
    "or",
    "end",
    "beginning",
];
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "m", "k", "crore", "lakh", "crores", "lakhs",
];
/// Scales that also make a bare number a QUANTITY span (`2.3 million`).
const QUANTITY_SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "crore", "lakh",
];
const CURRENCY_WORDS: &[&str] = &[
    "dollars",
    "dollar",
    "euros",
    "euro",
    "pounds",
    "pound",
    "sterling",
    "yen",
    "yuan",
    "renminbi",
    "rupees",
    "rupee",
    "roubles",
    "rouble",
    "rubles",
    "ruble",
    "francs",
    "franc",
    "dlrs",
    "cents",
    "pesos",
    "peso",
    "won",
    "lira",
    "rand",
    "reais",
    "real",
    "bolivars",
    "marks",
    "riyals",
    "dirhams",
    "naira",
    "shillings",
];
/// ISO 4217 codes and common abbreviations written before or after an amount (`USD 5`, `Rs 900`).
const CURRENCY_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "RUB", "CHF", "CAD", "AUD", "BRL", "MXN", "KRW", "TRY", "ZAR",
    "NGN", "SAR", "AED", "HKD", "SGD", "VES", "Rs", "Rs.",
];
const RELATIVE_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "weekend", "decade", "decades", "century",
    "quarter", "spring", "summer", "autumn", "fall", "winter",
];
const COUNT_WORDS: &[&str] = &[
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "few", "some",
];
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night"];

fn is(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.len() == w.len() && x.eq_ignore_ascii_case(w))
}

fn is_exact(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
}

/// Finds numeric and temporal entities in a tokenized text.
pub fn tag_numeric(text: &str, toks: &Tokens) -> Vec<EntitySpan> {
    let words: Vec<&str> = toks.tokens.iter().map(|t| t.text(text)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !may_start(words[i]) {
            i += 1;
            continue;
        }
        let found = [
            date(&words, i),
            time(&words, i),
            money(&words, i),
            percent(&words, i),
            quantity(&words, i),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|(len, _)| *len);
        match found {
            Some((len, label)) => {
                out.push(EntitySpan {
                    start: toks.tokens[i].start,
                    end: toks.tokens[i + len - 1].end,
                    label,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether any rule could match from this token: the cheap first filter.
fn may_start(w: &str) -> bool {
    match w.chars().next() {
        Some(c) if c.is_ascii_digit() || c.is_uppercase() => true,
        Some(c) if is_currency(c) => true,
        Some(c) if c.is_lowercase() => {
            w.len() <= 9
                && (is(
                    w,
                    &[
                        "today",
                        "yesterday",
                        "tomorrow",
                        "tonight",
                        "last",
                        "next",
                        "this",
                        "earlier",
                        "later",
                    ],
                ) || is(w, COUNT_WORDS)
                    || is(w, &["noon", "midnight"])
                    || w.starts_with("mid-"))
        }
        _ => false,
    }
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₹' | '₽' | '₩' | '₺' | '₪' | '₦' | '฿' | '₫')
}

fn is_number(w: &str) -> bool {
    let mut digits = 0;
    for c in w.chars() {
        match c {
            '0'..='9' => digits += 1,
            ',' | '.' => {}
            _ => return false,
        }
    }
    digits > 0 && !w.ends_with([',', '.']) && !w.starts_with([',', '.'])
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
}

/// `1990s`, `2010s`.
fn is_decade(w: &str) -> bool {
    w.len() == 5 && w.ends_with("0s") && is_year(&w[..4])
}

fn is_day(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (1..=2).contains(&digits.len())
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && (digits.len() == w.len() || is(&w[digits.len()..], &["st", "nd", "rd", "th"]))
}

/// A capitalised month name (`May`, never `may`).
fn is_month(w: &str) -> bool {
    is_exact(w, MONTHS)
}

/// A month name or abbreviation (`Feb`, `Feb.`), for use before a day or year.
fn is_month_like(w: &str) -> bool {
    is_month(w) || is_exact(w.strip_suffix('.').unwrap_or(w), MONTH_ABBREVIATIONS)
}

fn date(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let before = if i > 0 { w[i - 1] } else { "" };
    let first = at(0);
    // 1996-08-22, 2019/02/12
    if first.starts_with(|c: char| c.is_ascii_digit())
        && first.len() >= 8
        && crate::calendar::dates(first)
            .first()
            .is_some_and(|(d, r)| d.iso_day().is_some() && r.len() == first.len())
    {
        return Some((1, Label::DATE));
    }
    if is_exact(first, WEEKDAYS) {
        return Some((1, Label::DATE));
    }
    if is_month_like(first) {
        if is_day(at(1)) {
            let n = if at(2) == "," && is_year(at(3)) {
                4
            } else if is_year(at(2)) {
                3
            } else {
                2
            };
            return Some((n, Label::DATE));
        }
        if is_year(at(1)) {
            return Some((2, Label::DATE));
        }
        if !is_month(first) {
            return None;
        }
        // `May` and `March` are also names and verbs: bare, they need a date word before.
        if matches!(first, "May" | "March") && !is(before, MONTH_CUES) {
            return None;
        }
        return Some((1, Label::DATE));
    }
    if is_day(first) && is_month_like(at(1)) {
        let n = if is_year(at(2)) {
            3
        } else if at(2) == "," && is_year(at(3)) {
            4
        } else {
            2
        };
        return Some((n, Label::DATE));
    }
    if let Some(rest) = first.strip_prefix("mid-").or_else(|| first.strip_prefix("Mid-")) {
        if is_month(rest) || is_year(rest) || is_decade(rest) {
            return Some((1, Label::DATE));
        }
    }
    if is_year(first) || is_decade(first) {
        return Some((1, Label::DATE));
    }
    if is(first, &["today", "yesterday", "tomorrow"]) {
        return Some((1, Label::DATE));
    }
    if is(first, &["last", "next", "this"])
        && (is(at(1), RELATIVE_UNITS) || is_exact(at(1), WEEKDAYS) || is_month(at(1)))
    {
        return Some((2, Label::DATE));
    }
    if is(first, &["earlier", "later"]) && is(at(1), &["this", "last", "next"]) && is(at(2), RELATIVE_UNITS) {
        return Some((3, Label::DATE));
    }
    if (is(first, COUNT_WORDS) || is_number(first)) && is(at(1), RELATIVE_UNITS) && is(at(2), &["ago"]) {
        return Some((3, Label::DATE));
    }
    None
}

fn time(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let first = at(0);
    let clock = first.split_once(':').is_some_and(|(h, m)| {
        h.parse::<u8>().is_ok_and(|h| h < 24) && m.len() == 2 && m.parse::<u8>().is_ok_and(|m| m < 60)
    });
    let meridiem = |s: &str| is(s, &["am", "pm", "a.m.", "p.m."]);
    if clock {
        let n = if meridiem(at(1)) { 2 } else { 1 };
        let zone =
            (2..=4).contains(&at(n).len()) && at(n).chars().all(|c| c.is_ascii_uppercase()) && at(n).ends_with('T');
        return Some((n + zone as usize, Label::TIME));
    }
    if first.parse::<u8>().is_ok_and(|h| (1..=12).contains(&h)) && meridiem(at(1)) {
        return Some((2, Label::TIME));
    }
    if is(first, &["noon", "midnight", "tonight"]) {
        return Some((1, Label::TIME));
    }
    if is(first, &["this", "last"]) && is(at(1), DAY_PARTS) {
        return Some((2, Label::TIME));
    }
    None
}

fn money(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    // `$`, `US$`, `C$`, `€`.
    let symbol = |s: &str| {
        let t = s.trim_start_matches(|c: char| c.is_ascii_uppercase());
        t.chars().count() == 1 && t.chars().next().is_some_and(is_currency)
    };
    let amount_len = |k: usize| {
        let (num, scale_glued) = split_scale(at(k));
        if !is_number(num) {
            return 0;
        }
        if !scale_glued && is(at(k + 1), SCALES) {
            2
        } else {
            1
        }
    };
    if symbol(at(0)) || is_exact(at(0), CURRENCY_CODES) {
        let n = amount_len(1);
        if n > 0 {
            return Some((1 + n, Label::MONEY));
        }
    }
    // `₹900` as one token (the tokenizer splits a leading sign only when more follows).
    if let Some(c) = at(0).chars().next() {
        if is_currency(c) && amount_len_of(&at(0)[c.len_utf8()..]) {
            return Some((1 + is(at(1), SCALES) as usize, Label::MONEY));
        }
    }
    let n = amount_len(0);
    if n > 0 && (is(at(n), CURRENCY_WORDS) || is_exact(at(n), CURRENCY_CODES)) {
        return Some((n + 1, Label::MONEY));
    }
    None
}

fn amount_len_of(s: &str) -> bool {
    is_number(split_scale(s).0)
}

/// `5m` → (`5`, true); `5` → (`5`, false).
fn split_scale(w: &str) -> (&str, bool) {
    for s in ["bn", "mn", "m", "k", "b"] {
        if let Some(num) = w.strip_suffix(s) {
            if is_number(num) {
                return (num, true);
            }
        }
    }
    (w, false)
}

fn percent(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    if !is_number(at(0)) {
        return None;
    }
    if at(1) == "%" || is(at(1), &["percent", "pct"]) {
        Some((2, Label::PERCENT))
    } else if is(at(1), &["per"]) && is(at(2), &["cent"]) {
        Some((3, Label::PERCENT))
    } else {
        None
    }
}

fn quantity(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    if !is_number(at(0)) || is_year(at(0)) {
        return None;
    }
    Some((if is(at(1), QUANTITY_SCALES) { 2 } else { 1 }, Label::QUANTITY))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn found(text: &str) -> Vec<(String, Label)> {
        let toks = tokenize(text);
        tag_numeric(text, &toks)
            .into_iter()
            .map(|e| (text[e.start..e.end].to_string(), e.label))
            .collect()
    }

    fn one(text: &str, want: &str, label: Label) {
        assert!(
            found(text).contains(&(want.to_string(), label)),
            "{text}: {:?}",
            found(text)
        );
    }

    fn none_of(text: &str, label: Label) {
        assert!(
            !found(text).iter().any(|(_, l)| *l == label),
            "{text}: {:?}",
            found(text)
        );
    }

    #[test]
    fn dates() {
        one("said on Tuesday that", "Tuesday", Label::DATE);
        one("on 12 February 2019 at", "12 February 2019", Label::DATE);
        one("on Feb. 12, 2019 at", "Feb. 12, 2019", Label::DATE);
        one("have fled since 2015, as", "2015", Label::DATE);
        one("reaffirmed earlier this month that", "earlier this month", Label::DATE);
        one("landed a week ago at", "a week ago", Label::DATE);
        one("reelection last year, in", "last year", Label::DATE);
        one("On May 5, talks", "May 5", Label::DATE);
        one("since January 2019, when", "January 2019", Label::DATE);
        one("BRUSSELS 1996-08-22", "1996-08-22", Label::DATE);
        one("growth in the 1990s slowed", "1990s", Label::DATE);
        one("talks in May ended", "May", Label::DATE);
        one("by mid-March the", "mid-March", Label::DATE);
        one("on the 3rd of June", "June", Label::DATE);
        one("Prices rose in March.", "March", Label::DATE);
    }

    #[test]
    fn date_false_friends() {
        assert!(found("They may go.").is_empty());
        assert!(found("May they march on.").is_empty());
        none_of("Theresa May said", Label::DATE);
        none_of("Protesters March on the capital", Label::DATE);
        none_of("Jan Kowalski said", Label::DATE);
        none_of("a visit to Mars soon", Label::DATE);
        none_of("The US and us", Label::DATE);
        none_of("Vantorex sold 2 systems", Label::DATE);
    }

    #[test]
    fn times() {
        one("at 10:30 am GMT today", "10:30 am GMT", Label::TIME);
        one("by 8 pm", "8 pm", Label::TIME);
        one("met this morning in", "this morning", Label::TIME);
        none_of("all 12 members", Label::TIME);
        none_of("a 3:1 vote", Label::DATE);
    }

    #[test]
    fn money() {
        one("costs ₹900 for", "₹900", Label::MONEY);
        one("worth $2.3 billion in", "$2.3 billion", Label::MONEY);
        one("a €5m fine", "€5m", Label::MONEY);
        one("paid 40 dollars", "40 dollars", Label::MONEY);
        one("raised US$ 120 million", "US$ 120 million", Label::MONEY);
        one("a USD 500 fee", "USD 500", Label::MONEY);
        one("costs Rs 900 a", "Rs 900", Label::MONEY);
        none_of("the $ sign", Label::MONEY);
        none_of("40 dollar-denominated bonds", Label::MONEY);
    }

    #[test]
    fn percents() {
        one("rose 12% on", "12%", Label::PERCENT);
        one("rose 3.5 per cent on", "3.5 per cent", Label::PERCENT);
        one("fell 2 percent", "2 percent", Label::PERCENT);
        none_of("the percent sign", Label::PERCENT);
        none_of("12 percentage points", Label::PERCENT);
    }

    #[test]
    fn quantities() {
        one("Some 4.6 million Chileans", "4.6 million", Label::QUANTITY);
        one("the words 3,000 tanks", "3,000", Label::QUANTITY);
        one("more than 50 other countries", "50", Label::QUANTITY);
        none_of("the T-72 system", Label::QUANTITY);
        none_of("since 2015", Label::QUANTITY);
        assert!(found("version 2.").iter().all(|(t, _)| t == "2"));
    }
}
