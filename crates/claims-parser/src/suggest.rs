//! Suggestions for a misspelt name or id: the candidates closest to it by normalized
//! Damerau-Levenshtein similarity (at least [`LEAST_SIMILARITY`]), found at a bounded cost.
//!
//! The similarity is one minus the distance over the longer length, and the distance is at least
//! the difference of the lengths, so only candidates whose length lies in [`length_window`] can
//! qualify: the others are passed over without being scored. Of those in the window, at most
//! [`MOST_COMPARED`] are scored, the ones that begin as the name does first, so that a suggestion
//! costs about the same against a hundred candidates or a million, and nothing for a name far
//! longer than any candidate.

use std::ops::RangeInclusive;

/// The least similarity a suggestion has.
pub const LEAST_SIMILARITY: f64 = 0.6;

/// The most candidates scored for one suggestion.
pub const MOST_COMPARED: usize = 2_000;

/// The lengths (in characters) a candidate for a name of `length` characters can have.
pub fn length_window(length: usize) -> RangeInclusive<usize> {
    (6 * length).div_ceil(10)..=10 * length / 6
}

/// The (at most `limit`) candidates closest to `text`, best first (ties by name), each once.
/// Each candidate is a name and what it stands for.
pub fn closest<'a, T: Copy, I>(text: &str, candidates: I, limit: usize) -> Vec<(&'a str, T)>
where
    I: IntoIterator<Item = (&'a str, T)> + Clone,
{
    let window = length_window(text.chars().count());
    let first = text.chars().next();
    let in_window = |(name, _): &(&'a str, T)| window.contains(&name.chars().count());
    let starts_alike = |(name, _): &(&'a str, T)| name.chars().next() == first;
    let same_start = candidates
        .clone()
        .into_iter()
        .filter(in_window)
        .filter(starts_alike);
    let others = candidates
        .into_iter()
        .filter(in_window)
        .filter(|candidate| !starts_alike(candidate));
    let mut scored: Vec<(f64, &'a str, T)> = same_start
        .chain(others)
        .take(MOST_COMPARED)
        .map(|(name, value)| {
            (
                strsim::normalized_damerau_levenshtein(text, name),
                name,
                value,
            )
        })
        .filter(|(score, _, _)| *score >= LEAST_SIMILARITY)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut found: Vec<(&'a str, T)> = Vec::new();
    for (_, name, value) in scored {
        if !found.iter().any(|(seen, _)| *seen == name) {
            found.push((name, value));
        }
        if found.len() == limit {
            break;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_holds_every_length_that_can_qualify() {
        for length in 1..60usize {
            let window = length_window(length);
            for other in 0..120usize {
                let best = 1.0 - length.abs_diff(other) as f64 / length.max(other) as f64;
                if best >= LEAST_SIMILARITY {
                    assert!(window.contains(&other), "{length} {other}");
                }
            }
        }
    }

    #[test]
    fn the_closest_come_first() {
        let ids = ["azerbaijan", "armenia", "albania", "azerbaijan-ssr"];
        let found = closest("azerbaijn", ids.iter().map(|id| (*id, ())), 3);
        let names: Vec<&str> = found.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["azerbaijan", "azerbaijan-ssr"]);
    }

    #[test]
    fn a_name_longer_than_every_candidate_scores_none() {
        let long = "x".repeat(10_000);
        assert!(closest(&long, [("azerbaijan", ())], 3).is_empty());
    }
}
