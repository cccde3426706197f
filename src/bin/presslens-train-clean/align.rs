//! Labels from gold: which blocks of a page are its article, found by aligning the gold body's
//! words to each block's words.
//!
//! The gold body is a different rendering of the same text (other line breaks, no markup, a
//! teaser only on paywalled pages, no title or byline), so the alignment is fuzzy and by tokens,
//! tokens as the scorer counts them (lowercase runs of letters, digits and `_`):
//! - a block of [`LONG_TOKENS`] or more is article when most of its token trigrams occur in the
//!   gold ([`MIN_TRIGRAM_SHARE`]);
//! - a shorter block (a subhead, a one-line paragraph, a stray "Video") needs more: its tokens
//!   must occur in the gold as a run, and either make up a whole gold line, or sit between two
//!   long blocks that are article (a subhead inside the text). Common words alone do not make a
//!   short line article.

use std::collections::{HashMap, HashSet};

use presslens::segment::Segmented;

/// Blocks with at least this many tokens are judged by trigram overlap.
pub const LONG_TOKENS: usize = 4;

/// Share of a long block's trigrams that must occur in the gold.
const MIN_TRIGRAM_SHARE: f64 = 0.5;

/// Tokens as `score_clean.py` counts them.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A block's label, and how many scorer tokens it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    pub article: bool,
    pub tokens: usize,
}

/// Labels every block of `seg` against `gold`.
pub fn labels(seg: &Segmented, gold: &str) -> Vec<Label> {
    let gold_tokens = tokens(gold);
    // Each gold trigram can be matched as often as the gold has it: when a page repeats its
    // article (a print copy, a hidden summary), only the first copy is labelled article.
    let mut trigrams: HashMap<[&str; 3], usize> = HashMap::new();
    for w in gold_tokens.windows(3) {
        *trigrams
            .entry([w[0].as_str(), w[1].as_str(), w[2].as_str()])
            .or_default() += 1;
    }
    let joined = format!(" {} ", gold_tokens.join(" "));
    let lines: HashSet<String> = gold
        .lines()
        .map(|l| tokens(l).join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    let toks: Vec<Vec<String>> = seg.blocks.iter().map(|b| tokens(&b.text)).collect();
    let long: Vec<Option<bool>> = toks
        .iter()
        .map(|t| {
            (t.len() >= LONG_TOKENS).then(|| {
                let keys: Vec<[&str; 3]> = t
                    .windows(3)
                    .map(|w| [w[0].as_str(), w[1].as_str(), w[2].as_str()])
                    .collect();
                let hits = keys.iter().filter(|k| trigrams.get(*k).is_some_and(|&n| n > 0)).count();
                let article = hits as f64 >= MIN_TRIGRAM_SHARE * keys.len() as f64;
                if article {
                    for k in &keys {
                        if let Some(n) = trigrams.get_mut(k) {
                            *n = n.saturating_sub(1);
                        }
                    }
                }
                article
            })
        })
        .collect();
    let n = toks.len();
    (0..n)
        .map(|i| {
            let t = &toks[i];
            let article = match long[i] {
                Some(a) => a,
                None if t.is_empty() => false,
                None => {
                    let run = t.join(" ");
                    let in_gold = joined.contains(&format!(" {run} "));
                    let whole_line = lines.contains(&run);
                    let prev = (0..i).rev().find_map(|j| long[j]);
                    let next = (i + 1..n).find_map(|j| long[j]);
                    in_gold && (whole_line || prev == Some(true) && next == Some(true))
                }
            };
            Label {
                article,
                tokens: t.len(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use presslens::decode::decode;
    use presslens::segment::segment;

    #[test]
    fn aligns_prose_subheads_and_skips_furniture() {
        let page = "Home\nNews\nBank raises rates\nBy Jane Roe\n\
                    The central bank raised its main rate on Tuesday, the first rise in years.\n\
                    Advertisement\nThe Outlook\n\
                    Officials said inflation had run above target for most of the year.\n\
                    Share\nNews";
        let gold = "The central bank raised its main rate on Tuesday,\nthe first rise in years.\n\nThe Outlook\n\n\
                    Officials said inflation had run above target for most of the year.";
        let seg = segment(&decode("p.txt", page.as_bytes()).unwrap());
        let got: Vec<bool> = labels(&seg, gold).iter().map(|l| l.article).collect();
        assert_eq!(got, [false, false, false, false, true, false, true, true, false, false]);
    }
}
