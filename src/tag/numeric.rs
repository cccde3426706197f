//! Numeric and temporal entities by rules on the token stream: DATE, TIME, MONEY, PERCENT,
//! QUANTITY. Each rule reads a few tokens from a position and says how many it covers; the
//! longest match at a position wins and matches never overlap.

use crate::calendar::month_of;
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
const SCALES: &[&str] = &[
    "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "m", "k", "crore", "lakh",
];
const CURRENCY_WORDS: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "pound", "yen", "yuan", "rupees", "rupee", "roubles", "rubles",
    "francs", "dlrs", "cents", "pesos", "won", "lira", "rand", "reais", "bolivars",
];
const RELATIVE_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "year", "years", "weekend", "decade", "century", "quarter",
];

/// Finds numeric and temporal entities in a tokenized text.
pub fn tag_numeric(text: &str, toks: &Tokens) -> Vec<EntitySpan> {
    let words: Vec<&str> = toks.tokens.iter().map(|t| t.text(text)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
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

fn is_number(w: &str) -> bool {
    let mut digits = 0;
    for c in w.chars() {
        match c {
            '0'..='9' => digits += 1,
            ',' | '.' => {}
            _ => return false,
        }
    }
    digits > 0 && !w.ends_with([',', '.'])
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && (w.starts_with("19") || w.starts_with("20"))
}

fn is_day(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (1..=2).contains(&digits.len())
        && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
        && (digits.len() == w.len() || ["st", "nd", "rd", "th"].contains(&&w[digits.len()..]))
}

/// A month name, but `May`/`March` only when capitalised (the verb and the modal are not).
fn is_month(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 3
        && month_of(w).is_some()
        && w.trim_end_matches('.').chars().all(char::is_alphabetic)
}

fn date(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let lower = |k: usize| at(k).to_lowercase();
    // 1996-08-22, 2019/02/12
    if crate::calendar::dates(at(0))
        .first()
        .is_some_and(|(d, r)| d.iso_day().is_some() && r.len() == at(0).len())
    {
        return Some((1, Label::DATE));
    }
    if WEEKDAYS.contains(&at(0)) {
        return Some((1, Label::DATE));
    }
    if is_month(at(0)) {
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
        // a bare month name, unless it is sentence-initial "March"/"May" used as a word
        if !matches!(at(0), "May" | "March") || i > 0 && (at(1).is_empty() || at(1) == "." || at(1) == ",") {
            return Some((1, Label::DATE));
        }
        return None;
    }
    if is_day(at(0)) && is_month(at(1)) {
        let n = if is_year(at(2)) {
            3
        } else if at(2) == "," && is_year(at(3)) {
            4
        } else {
            2
        };
        return Some((n, Label::DATE));
    }
    if is_year(at(0)) {
        return Some((1, Label::DATE));
    }
    match lower(0).as_str() {
        "today" | "yesterday" | "tomorrow" | "tonight" => return Some((1, Label::DATE)),
        "last" | "next" | "this" if RELATIVE_UNITS.contains(&lower(1).as_str()) || WEEKDAYS.contains(&at(1)) => {
            return Some((2, Label::DATE))
        }
        "earlier" | "later" if lower(1) == "this" && RELATIVE_UNITS.contains(&lower(2).as_str()) => {
            return Some((3, Label::DATE))
        }
        "a" | "one" | "two" | "three" | "several" | "few"
            if RELATIVE_UNITS.contains(&lower(1).as_str()) && lower(2) == "ago" =>
        {
            return Some((3, Label::DATE))
        }
        _ => {}
    }
    if is_number(at(0)) && RELATIVE_UNITS.contains(&lower(1).as_str()) && lower(2) == "ago" {
        return Some((3, Label::DATE));
    }
    None
}

fn time(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let clock = at(0).split_once(':').is_some_and(|(h, m)| {
        h.parse::<u8>().is_ok_and(|h| h < 24) && m.len() == 2 && m.parse::<u8>().is_ok_and(|m| m < 60)
    });
    let meridiem = |s: &str| matches!(s.to_lowercase().as_str(), "am" | "pm" | "a.m." | "p.m.");
    if clock {
        let n = if meridiem(at(1)) { 2 } else { 1 };
        let zone = at(n).len() >= 2
            && at(n).len() <= 4
            && at(n).chars().all(|c| c.is_ascii_uppercase())
            && at(n).ends_with('T');
        return Some((n + zone as usize, Label::TIME));
    }
    if at(0).parse::<u8>().is_ok_and(|h| (1..=12).contains(&h)) && meridiem(at(1)) {
        return Some((2, Label::TIME));
    }
    None
}

fn money(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    let symbol = |s: &str| {
        let t = s.trim_start_matches(|c: char| c.is_ascii_uppercase());
        matches!(t, "$" | "£" | "€" | "¥" | "₹" | "₽" | "₩" | "₺" | "₪" | "₦")
    };
    let amount_len = |k: usize| {
        let w0 = at(k);
        let (num, scale_glued) = split_scale(w0);
        if !is_number(num) {
            return 0;
        }
        if !scale_glued && SCALES.contains(&at(k + 1).to_lowercase().as_str()) {
            2
        } else {
            1
        }
    };
    if symbol(at(0)) {
        let n = amount_len(1);
        if n > 0 {
            return Some((1 + n, Label::MONEY));
        }
    }
    let n = amount_len(0);
    if n > 0 && CURRENCY_WORDS.contains(&at(n).to_lowercase().as_str()) {
        return Some((n + 1, Label::MONEY));
    }
    None
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
    match (at(1).to_lowercase().as_str(), at(2).to_lowercase().as_str()) {
        ("%", _) | ("percent", _) | ("pct", _) => Some((2, Label::PERCENT)),
        ("per", "cent") => Some((3, Label::PERCENT)),
        _ => None,
    }
}

fn quantity(w: &[&str], i: usize) -> Option<(usize, Label)> {
    let at = |k: usize| w.get(i + k).copied().unwrap_or("");
    if !is_number(at(0)) || is_year(at(0)) {
        return None;
    }
    let n = if SCALES[..5].contains(&at(1).to_lowercase().as_str()) {
        2
    } else {
        1
    };
    Some((n, Label::QUANTITY))
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
    }

    #[test]
    fn date_false_friends() {
        assert!(found("They may go.").is_empty());
        assert!(found("May they march on.").is_empty());
        assert!(!found("The US and us").iter().any(|(_, l)| *l == Label::DATE));
    }

    #[test]
    fn money_percent_time_quantity() {
        one("costs ₹900 for", "₹900", Label::MONEY);
        one("worth $2.3 billion in", "$2.3 billion", Label::MONEY);
        one("a €5m fine", "€5m", Label::MONEY);
        one("paid 40 dollars", "40 dollars", Label::MONEY);
        one("rose 12% on", "12%", Label::PERCENT);
        one("rose 3.5 per cent on", "3.5 per cent", Label::PERCENT);
        one("at 10:30 am GMT today", "10:30 am GMT", Label::TIME);
        one("by 8 pm", "8 pm", Label::TIME);
        one("Some 2.3 million Venezuelans", "2.3 million", Label::QUANTITY);
        one("the words 5,000 troops", "5,000", Label::QUANTITY);
        one("more than 50 other countries", "50", Label::QUANTITY);
    }

    #[test]
    fn not_numbers() {
        assert!(found("the S-300 system").is_empty());
        assert!(found("version 2.").iter().all(|(t, _)| t == "2"));
    }
}
