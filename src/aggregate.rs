//! Aggregate: the analysed articles in, how they line up as one [`Story`] out.
//!
//! In: the articles' canonical entities and quotes. Out: the story's entities (merged across
//! articles by type and name; a one-word name joins the one full name across the set that ends
//! with it, so `Okonkwo` in one article meets `Ada Okonkwo` in another, and a plural nationality
//! joins its singular) and the quotes several articles share. What it does not do: re-read any text; it works on names only.

use std::collections::HashMap;

use crate::resolve::entities::plural_stem;
use crate::schema::{Article, Label, SharedQuote, Story, StoryEntity};

/// Shortest quote, in words, that counts as shared (shorter ones are phrases, not quotes).
const MIN_SHARED_QUOTE_WORDS: usize = 4;

/// Lines up the articles of one story.
pub fn aggregate(articles: &[Article]) -> Story {
    Story {
        entities: story_entities(articles),
        shared_quotes: shared_quotes(articles),
    }
}

fn story_entities(articles: &[Article]) -> Vec<StoryEntity> {
    let full_names: Vec<&str> = articles
        .iter()
        .flat_map(|a| &a.entities)
        .filter(|e| e.label == Label::PER && e.name.contains(' '))
        .map(|e| e.name.as_str())
        .collect();
    let misc_names: std::collections::HashSet<&str> = articles
        .iter()
        .flat_map(|a| &a.entities)
        .filter(|e| e.label == Label::MISC)
        .map(|e| e.name.as_str())
        .collect();
    let canonical = |label: Label, name: &str| -> String {
        // `Chileans` in one article meets `Chilean` in another.
        if label == Label::MISC {
            if let Some(stem) = plural_stem(name).filter(|s| misc_names.contains(s)) {
                return stem.to_string();
            }
        }
        if label == Label::PER && !name.contains(' ') {
            let mut matches: Vec<&str> = full_names
                .iter()
                .copied()
                .filter(|f| f.rsplit(' ').next() == Some(name))
                .collect();
            matches.sort_unstable();
            matches.dedup();
            if let [only] = matches.as_slice() {
                return only.to_string();
            }
        }
        name.to_string()
    };
    let mut order: Vec<(Label, String)> = Vec::new();
    let mut merged: HashMap<(Label, String), StoryEntity> = HashMap::new();
    for (index, article) in articles.iter().enumerate() {
        for e in &article.entities {
            let name = canonical(e.label, &e.name);
            let key = (e.label, name.to_lowercase());
            let entry = merged.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                StoryEntity {
                    name,
                    label: e.label,
                    articles: Vec::new(),
                    mentions: 0,
                }
            });
            if entry.articles.last() != Some(&index) {
                entry.articles.push(index);
            }
            entry.mentions += e.mentions.len();
        }
    }
    let mut out: Vec<StoryEntity> = order.into_iter().filter_map(|k| merged.remove(&k)).collect();
    out.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(b.mentions.cmp(&a.mentions))
    });
    out
}

/// Quotes that two or more articles carry word for word (one may quote more of it).
fn shared_quotes(articles: &[Article]) -> Vec<SharedQuote> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric() || c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out: Vec<SharedQuote> = Vec::new();
    let mut folded_out: Vec<String> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        for q in &a.quotes {
            let f = fold(&q.text);
            if f.split(' ').count() < MIN_SHARED_QUOTE_WORDS {
                continue;
            }
            match folded_out.iter().position(|g| g.contains(&f) || f.contains(g.as_str())) {
                Some(k) => {
                    if !out[k].articles.contains(&i) {
                        out[k].articles.push(i);
                    }
                    if out[k].speaker.is_none() {
                        out[k].speaker = q.speaker.clone();
                    }
                }
                None => {
                    folded_out.push(f);
                    out.push(SharedQuote {
                        text: q.text.clone(),
                        speaker: q.speaker.clone(),
                        articles: vec![i],
                    });
                }
            }
        }
    }
    out.retain(|q| q.articles.len() > 1);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Entity, Mention, Quote};

    fn article(entities: &[(&str, Label, usize)], quotes: &[&str]) -> Article {
        Article {
            entities: entities
                .iter()
                .map(|(n, l, k)| Entity {
                    name: n.to_string(),
                    label: *l,
                    mentions: (0..*k)
                        .map(|_| Mention {
                            text: n.to_string(),
                            start: 0,
                            end: 0,
                        })
                        .collect(),
                    value: None,
                })
                .collect(),
            quotes: quotes
                .iter()
                .map(|t| Quote {
                    text: t.to_string(),
                    start: 0,
                    end: 0,
                    speaker: Some("X".into()),
                    speaker_entity: None,
                    cue: None,
                })
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn merges_entities_and_surnames_across_articles() {
        let a = article(
            &[("Ada Okonkwo", Label::PER, 2), ("Portugal", Label::LOC, 3)],
            &["we will never give up the fight"],
        );
        let b = article(
            &[
                ("Okonkwo", Label::PER, 4),
                ("Portugal", Label::LOC, 1),
                ("Lisbon", Label::LOC, 1),
            ],
            &["We will never give up the fight, he said"],
        );
        let story = aggregate(&[a, b]);
        let okonkwo = story.entities.iter().find(|e| e.name == "Ada Okonkwo").unwrap();
        assert_eq!((okonkwo.articles.clone(), okonkwo.mentions), (vec![0, 1], 6));
        assert_eq!(
            story.entities.iter().find(|e| e.name == "Lisbon").unwrap().articles,
            vec![1]
        );
        assert_eq!(story.entities.len(), 3);
        assert_eq!(story.shared_quotes.len(), 1);
        assert_eq!(story.shared_quotes[0].articles, vec![0, 1]);
    }

    #[test]
    fn plural_nationalities_meet_across_articles() {
        let a = article(&[("Chilean", Label::MISC, 1)], &[]);
        let b = article(&[("Chileans", Label::MISC, 2)], &[]);
        let story = aggregate(&[a, b]);
        assert_eq!(story.entities.len(), 1);
        assert_eq!(
            (story.entities[0].name.as_str(), story.entities[0].mentions),
            ("Chilean", 3)
        );
    }

    #[test]
    fn one_article_shares_nothing() {
        let story = aggregate(&[article(&[("A B", Label::PER, 1)], &["one two three four five"])]);
        assert!(story.shared_quotes.is_empty());
        assert_eq!(story.entities[0].articles, vec![0]);
    }
}
