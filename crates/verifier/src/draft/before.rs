//! The claims already checked that come closest to a drafted one, so that a desk does not check
//! the same claim twice: first those with the same canonical assertion, then those that share a
//! relation and an entity, then those whose quotes share the most words.

use claims_parser::{Assertion, Lexicon, Term, fold, parse_canonical};

use super::{DraftClaim, Reading};
use crate::check::DocumentReport;
use crate::verdict::ClaimVerdict;

/// A claim already checked, as the draft compares it.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Its claim document.
    pub file: String,
    /// Its id there.
    pub id: String,
    /// Its verdict, as of its article's date.
    pub verdict: ClaimVerdict,
    /// Its quote, folded into words.
    words: Vec<String>,
    /// The canonical forms of its assertions.
    canonicals: Vec<String>,
    /// The relations and entities its assertions name.
    relations: Vec<String>,
    entities: Vec<String>,
}

/// A claim already checked that comes close to a drafted one, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Closest {
    /// Its claim document.
    pub file: String,
    /// Its id there.
    pub id: String,
    /// Its verdict.
    pub verdict: ClaimVerdict,
    /// Why it is close: the same assertion, a shared relation and entity, or shared words.
    pub why: String,
}

impl Checked {
    /// The claims of checked documents' reports, read with `lexicon`.
    pub fn from_reports(reports: &[DocumentReport], lexicon: &Lexicon) -> Vec<Checked> {
        let mut checked = Vec::new();
        for report in reports {
            let file = report.file.as_str();
            for claim in &report.claims {
                let canonicals: Vec<String> = claim
                    .assertions
                    .iter()
                    .map(|assertion| assertion.canonical.clone())
                    .collect();
                let (mut relations, mut entities) = (Vec::new(), Vec::new());
                for canonical in &canonicals {
                    if let Ok(assertion) = parse_canonical(canonical, lexicon) {
                        named(&assertion, &mut relations, &mut entities);
                    }
                }
                checked.push(Checked {
                    file: file.to_owned(),
                    id: claim.id.clone(),
                    verdict: claim.verdict,
                    words: fold(&claim.quote).split(' ').map(str::to_owned).collect(),
                    canonicals,
                    relations,
                    entities,
                });
            }
        }
        checked
    }
}

/// The relations and entities an assertion names.
fn named(assertion: &Assertion, relations: &mut Vec<String>, entities: &mut Vec<String>) {
    let mut entity = |id: &str| entities.push(id.to_owned());
    match assertion {
        Assertion::Relation(a) => {
            relations.push(a.relation.clone());
            entity(&a.subject);
            entity(&a.object);
        }
        Assertion::Ordinal(a) => {
            relations.push(a.relation.clone());
            for term in [&a.subject, &a.object] {
                if let Term::Entity(id) = term {
                    entity(id);
                }
            }
        }
        Assertion::Count(a) => {
            relations.push(a.relation.clone());
            entity(&a.fixed);
        }
        Assertion::Duration(a) => {
            relations.push(a.relation.clone());
            entity(&a.subject);
            entity(&a.object);
        }
        Assertion::Measure(a) => {
            relations.push(a.relation.clone());
            entity(&a.subject);
        }
        Assertion::Conjunction(parts) => {
            for part in parts {
                named(part, relations, entities);
            }
        }
    }
}

/// How many claims already checked a drafted claim lists.
const MOST_CLOSEST: usize = 3;
/// The share of words two quotes must have in common to be close by words alone.
const LEAST_OVERLAP: f64 = 0.3;

/// The claims of `checked` closest to `claim`, best first, at most [`MOST_CLOSEST`].
pub(crate) fn closest(claim: &DraftClaim, reading: &Reading, checked: &[Checked]) -> Vec<Closest> {
    let words: Vec<&str> = reading.words();
    let entities: Vec<&str> = claim.names.iter().map(|(_, id)| id.as_str()).collect();
    let proposed_relations: Vec<String> = claim
        .proposals
        .iter()
        .filter_map(|proposal| {
            let start = proposal.canonical.trim_start_matches("NOT ");
            start
                .split('(')
                .next()
                .map(|head| head.rsplit(' ').next().unwrap_or(head).to_owned())
        })
        .collect();
    let mut scored: Vec<(u8, f64, &Checked, String)> = Vec::new();
    for other in checked {
        if let Some(same) = claim
            .proposals
            .iter()
            .find(|proposal| other.canonicals.contains(&proposal.canonical))
        {
            scored.push((
                3,
                1.0,
                other,
                format!("the same assertion {}", same.canonical),
            ));
            continue;
        }
        let relation = proposed_relations
            .iter()
            .find(|relation| other.relations.contains(relation));
        let entity = entities
            .iter()
            .find(|entity| other.entities.iter().any(|e| e == *entity));
        if let (Some(relation), Some(entity)) = (relation, entity) {
            scored.push((
                2,
                1.0,
                other,
                format!("the relation {relation} and {entity}"),
            ));
            continue;
        }
        let long = |word: &&str| word.chars().count() > 3;
        let ours: Vec<&str> = words.iter().copied().filter(long).collect();
        let theirs: Vec<&str> = other
            .words
            .iter()
            .map(String::as_str)
            .filter(long)
            .collect();
        let shared = ours.iter().filter(|word| theirs.contains(word)).count();
        let union = ours.len() + theirs.len() - shared;
        let overlap = if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        };
        if overlap >= LEAST_OVERLAP {
            scored.push((
                1,
                overlap,
                other,
                format!("{:.0}% of the words of the quote", overlap * 100.0),
            ));
        }
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then_with(|| (&a.2.file, &a.2.id).cmp(&(&b.2.file, &b.2.id)))
    });
    scored
        .into_iter()
        .take(MOST_CLOSEST)
        .map(|(_, _, other, why)| Closest {
            file: other.file.clone(),
            id: other.id.clone(),
            verdict: other.verdict,
            why,
        })
        .collect()
}
