//! A dateline opening an article (`MOSCOW (Wirepress) -`, `(Wirepress) - On May 5`) names the
//! place the story was filed from and the agency that filed it: the place is LOC and the agency
//! ORG, whatever the model read. It reads an unknown agency alone in brackets as a place, or
//! misses it (`(AFP) -`), and a place before an agency as a company. Without an agency in
//! brackets nothing is changed: `SOCCER - FREEDONIA WIN` (a headline) and `Analysis: The talks`
//! have a dateline's shape too. The dateline is read as the metadata reads it ([`dateline`](crate::clean::dateline)).

use super::EntitySpan;
use crate::clean::dateline;
use crate::schema::Label;

/// Labels the place and the agency of a dateline at the start of `text`, replacing any spans
/// that overlap them. `spans` are sorted and stay so.
pub fn label_dateline(text: &str, spans: &mut Vec<EntitySpan>) {
    let first_line = text.split('\n').next().unwrap_or("");
    let Some(d) = dateline(first_line).filter(|d| d.agency.is_some()) else {
        return;
    };
    for (part, label) in [(d.place, Label::LOC), (d.agency, Label::ORG)] {
        let Some(part) = part.filter(|p| !p.is_empty()) else {
            continue;
        };
        // `dateline` returns slices of `text`.
        let start = part.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + part.len();
        spans.retain(|s| s.end <= start || s.start >= end);
        let at = spans.partition_point(|s| s.start < start);
        spans.insert(at, EntitySpan { start, end, label });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(text: &str, parts: &[(&str, Label)]) -> Vec<(String, Label)> {
        let mut spans = EntitySpan::in_order(text, parts);
        label_dateline(text, &mut spans);
        EntitySpan::texts(text, &spans)
    }

    #[test]
    fn the_place_is_loc_and_the_agency_org() {
        let got = labelled(
            "Ogden (Wirepress) - Freedonia said on Monday.",
            &[("Ogden", Label::ORG), ("Freedonia", Label::LOC)],
        );
        let want = [
            ("Ogden", Label::LOC),
            ("Wirepress", Label::ORG),
            ("Freedonia", Label::LOC),
        ];
        assert_eq!(got, want.map(|(t, l)| (t.to_string(), l)));

        let got = labelled("(Wirepress) - On May 5, talks began.", &[("Wirepress", Label::LOC)]);
        assert_eq!(got, vec![("Wirepress".to_string(), Label::ORG)]);
    }

    #[test]
    fn without_an_agency_or_beyond_the_first_line_nothing_changes() {
        for (text, parts) in [
            ("Analysis: The talks began.", &[("Analysis", Label::ORG)][..]),
            ("SOCCER - FREEDONIA WIN", &[("FREEDONIA", Label::LOC)][..]),
            ("OGDEN — The talks began.", &[("OGDEN", Label::ORG)][..]),
        ] {
            let want: Vec<(String, Label)> = parts.iter().map(|&(t, l)| (t.to_string(), l)).collect();
            assert_eq!(labelled(text, parts), want, "{text}");
        }
        assert!(labelled("The talks began.\nOgden (Wirepress) - More talks.", &[]).is_empty());
    }
}
