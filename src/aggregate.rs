//! Aggregate: the analysed articles in, how they line up as one [`Story`] out.
//!
//! In: the articles' canonical entities and quotes. Out: the story's entities (merged across
//! articles by type and name; a one-word name joins the one full name across the set that ends
//! with it, so `Okonkwo` in one article meets `Ada Okonkwo` in another, and a plural nationality
//! joins its singular) and the quotes several articles share. Before that, a name the other
//! articles agree on takes their label (see [`reconcile_labels`]). What it does not do:
//! re-read any text; it works on names only.

use std::collections::HashMap;

use crate::resolve::entities::plural_stem;
use crate::schema::{Article, Label, SharedQuote, Story, StoryEntity};

/// Shortest quote, in words, that counts as shared (shorter ones are phrases, not quotes).
const MIN_SHARED_QUOTE_WORDS: usize = 4;

/// Lines up the articles of one story; first makes their labels agree.
pub fn aggregate(articles: &mut [Article]) -> Story {
    reconcile_labels(articles);
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

/// Gives an entity the label the story's other articles agree on for its name, when they
/// clearly do: `Okafor` read as MISC in `the Okafor administration`, while three other articles
/// name `Ada Okafor` a person. The tagger decides from one article's context; the story is
/// more evidence. A one-word name also counts the full names of people that end with it.
/// "Clearly": the other articles' label has at least twice the entity's own mentions and twice
/// the other articles' mentions under any other label. An entity relabelled into one its
/// article already has (same name and label) merges into it.
fn reconcile_labels(articles: &mut [Article]) {
    // Votes per lowercase name and label, in mentions, per article.
    let votes: Vec<HashMap<(String, Label), usize>> = articles
        .iter()
        .map(|a| {
            let mut v: HashMap<(String, Label), usize> = HashMap::new();
            for e in a.entities.iter().filter(|e| e.label.is_name()) {
                let name = e.name.to_lowercase();
                if e.label == Label::PER {
                    if let Some((_, surname)) = name.rsplit_once(' ') {
                        *v.entry((surname.to_string(), Label::PER)).or_default() += e.mentions.len();
                    }
                }
                *v.entry((name, e.label)).or_default() += e.mentions.len();
            }
            v
        })
        .collect();
    for (index, article) in articles.iter_mut().enumerate() {
        let others = |name: &str, label: Label| -> usize {
            votes
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != index)
                .filter_map(|(_, v)| v.get(&(name.to_string(), label)))
                .sum()
        };
        let mut relabelled = false;
        for e in article.entities.iter_mut().filter(|e| e.label.is_name()) {
            let name = e.name.to_lowercase();
            let per_label = [Label::PER, Label::ORG, Label::LOC, Label::MISC].map(|l| (l, others(&name, l)));
            let Some(&(best, n)) = per_label.iter().max_by_key(|(_, n)| *n) else {
                continue;
            };
            let rest: usize = per_label.iter().filter(|(l, _)| *l != best).map(|(_, n)| n).sum();
            if best != e.label && n >= 2 * e.mentions.len() && n >= 2 * rest && n > 0 {
                e.label = best;
                relabelled = true;
            }
        }
        if relabelled {
            merge_same_entities(article);
        }
    }
}

/// Merges an article's entities of the same name and label into the first of them, keeping
/// the quotes' speaker indexes right.
fn merge_same_entities(article: &mut Article) {
    let mut first_of: HashMap<(String, Label), usize> = HashMap::new();
    let mut new_index = Vec::with_capacity(article.entities.len());
    let mut kept: Vec<crate::schema::Entity> = Vec::with_capacity(article.entities.len());
    for e in std::mem::take(&mut article.entities) {
        match first_of.get(&(e.name.to_lowercase(), e.label)) {
            Some(&k) => {
                kept[k].mentions.extend(e.mentions);
                kept[k].mentions.sort_by_key(|m| m.start);
                new_index.push(k);
            }
            None => {
                first_of.insert((e.name.to_lowercase(), e.label), kept.len());
                new_index.push(kept.len());
                kept.push(e);
            }
        }
    }
    article.entities = kept;
    for q in &mut article.quotes {
        if let Some(i) = q.speaker_entity.as_mut() {
            *i = new_index[*i];
        }
    }
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
        let story = aggregate(&mut [a, b]);
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
        let story = aggregate(&mut [a, b]);
        assert_eq!(story.entities.len(), 1);
        assert_eq!(
            (story.entities[0].name.as_str(), story.entities[0].mentions),
            ("Chilean", 3)
        );
    }

    #[test]
    fn a_name_takes_the_label_the_other_articles_agree_on() {
        let mut articles = [
            article(
                &[
                    ("Okonkwo", Label::MISC, 1),
                    ("Acme", Label::LOC, 1),
                    ("Okonkwo", Label::PER, 1),
                ],
                &[],
            ),
            article(&[("Ada Okonkwo", Label::PER, 3), ("Acme", Label::ORG, 1)], &[]),
            article(&[("Okonkwo", Label::PER, 1), ("Acme", Label::LOC, 1)], &[]),
        ];
        articles[0].quotes = vec![Quote {
            text: "q".into(),
            start: 0,
            end: 0,
            speaker: Some("Okonkwo".into()),
            speaker_entity: Some(2),
            cue: None,
        }];
        aggregate(&mut articles);
        let first: Vec<(&str, Label, usize)> = articles[0]
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.label, e.mentions.len()))
            .collect();
        // Okonkwo: 4 PER votes elsewhere against its 1 MISC mention, and merged with the PER
        // one; Acme: one ORG and one LOC elsewhere, no agreement, unchanged.
        assert_eq!(first, vec![("Okonkwo", Label::PER, 2), ("Acme", Label::LOC, 1)]);
        assert_eq!(articles[0].quotes[0].speaker_entity, Some(0));
        // In the second article both others say LOC.
        assert_eq!(articles[1].entities[1].label, Label::LOC);
    }

    #[test]
    fn one_article_shares_nothing() {
        let story = aggregate(&mut [article(&[("A B", Label::PER, 1)], &["one two three four five"])]);
        assert!(story.shared_quotes.is_empty());
        assert_eq!(story.entities[0].articles, vec![0]);
    }
}
