//! Reference data shaped like a real base, generated deterministically for the scale bench and
//! for `examples/scale_data.rs`: for `facts` facts, `facts / 5` entities (countries, treaties,
//! organisations and people) with two to four aliases each, one of them in Cyrillic; five
//! relations (four states, one event); every fact with a source of its own written inline; 35%
//! of states ended, 5% of pairs with a second, later interval; and, so that `false` can be said,
//! either a completeness record per pair or negative facts over each pair's gaps. Files hold
//! 10,000 items each, as a curated tree would. Assertions name pairs with facts (on a day inside
//! or outside their spans) and pairs without.

use std::fmt::Write;

use jiff::civil::Date;

/// What makes `false` sayable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    /// A completeness record per (relation, subject, object).
    Completeness,
    /// Negative facts over the days each pair's facts leave uncovered.
    Negative,
}

/// The generated base: its files, as (name, YAML text), and canonical assertions with the day
/// they are judged at.
pub struct Base {
    pub files: Vec<(String, String)>,
    pub assertions: Vec<String>,
}

const ITEMS_PER_FILE: usize = 10_000;
const PUBLISHERS: [&str; 8] = [
    "Reuters",
    "AP",
    "AFP",
    "Kompas",
    "Tempo",
    "BBC",
    "Deutsche Welle",
    "Antara",
];

/// The entity kinds, their share of the entities and their id prefix.
const KINDS: [(&str, usize, &str); 4] = [
    ("country", 10, "country"),
    ("treaty", 20, "treaty"),
    ("organization", 20, "org"),
    ("person", 50, "person"),
];

/// The relations: id, kind, subject kind, object kind, phrasing.
const RELATIONS: [(&str, &str, &str, &str, &str); 5] = [
    (
        "party_to",
        "state",
        "country",
        "treaty",
        "{subject} is {not} a party to {object}",
    ),
    (
        "member_of",
        "state",
        "country",
        "organization",
        "{subject} is {not} a member of {object}",
    ),
    (
        "head_of_state",
        "state",
        "person",
        "country",
        "{subject} is {not} head of state of {object}",
    ),
    (
        "employed_by",
        "state",
        "person",
        "organization",
        "{subject} is {not} employed by {object}",
    ),
    (
        "signed",
        "event",
        "country",
        "treaty",
        "{subject} signed {object}",
    ),
];

/// splitmix64: a deterministic stream of numbers, enough for data that must only look varied.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

/// Days from 1950-01-01.
fn day(offset: usize) -> Date {
    jiff::civil::date(1950, 1, 1)
        .checked_add(jiff::Span::new().days(offset as i64))
        .expect("within the calendar")
}

/// How many entities of each kind a base of `facts` facts has.
fn counts(facts: usize) -> [usize; 4] {
    let entities = (facts / 5).max(40);
    KINDS.map(|(_, share, _)| entities * share / 100)
}

/// One fact's sides and time: (relation, subject, object, first day, last day or none).
type Span = (usize, usize, usize, usize, Option<usize>);

/// Generates a base of `facts` facts.
pub fn generate(facts: usize, closure: Closure) -> Base {
    let counts = counts(facts);
    let mut numbers = Numbers(20_261_207);
    let mut files = vec![("reference/relations.yaml".to_owned(), header())];
    let mut entities = String::from("entities:\n");
    let mut written = 0;
    for (kind_index, &(kind, _, prefix)) in KINDS.iter().enumerate() {
        for number in 0..counts[kind_index] {
            let name = format!("{} {number}", capitalized(prefix));
            let mut aliases = vec![name.clone()];
            let extra = 1 + numbers.below(3);
            let candidates = [
                format!("{}{number}", prefix[..1].to_uppercase()),
                format!("Страна {prefix} {number}"),
                format!("the {prefix} numbered {number}"),
            ];
            aliases.extend(candidates.into_iter().take(extra));
            let quoted: Vec<String> = aliases.iter().map(|alias| format!("\"{alias}\"")).collect();
            let _ = write!(
                entities,
                "  - id: {prefix}-{number}\n    name: \"{name}\"\n    kind: {kind}\n    aliases:\n      en: [{}]\n",
                quoted.join(", ")
            );
            written += 1;
            if written % ITEMS_PER_FILE == 0 {
                let full = std::mem::replace(&mut entities, String::from("entities:\n"));
                files.push((format!("reference/entities-{:04}.yaml", files.len()), full));
            }
        }
    }
    if entities.len() > "entities:\n".len() {
        files.push((
            format!("reference/entities-{:04}.yaml", files.len()),
            entities,
        ));
    }

    let kind_of = |name: &str| {
        KINDS
            .iter()
            .position(|(kind, _, _)| *kind == name)
            .expect("a known kind")
    };
    let mut spans: Vec<Span> = Vec::with_capacity(facts);
    while spans.len() < facts {
        let relation = numbers.below(RELATIONS.len());
        let (_, relation_kind, subject_kind, object_kind, _) = RELATIONS[relation];
        let subject = numbers.below(counts[kind_of(subject_kind)]);
        let object = numbers.below(counts[kind_of(object_kind)]);
        let first = numbers.below(70 * 365);
        let last = match relation_kind {
            "event" => Some(first),
            _ if numbers.below(100) < 35 => Some(first + 30 + numbers.below(20 * 365)),
            _ => None,
        };
        spans.push((relation, subject, object, first, last));
        // A second, later interval of the same pair.
        if let Some(last) = last
            && numbers.below(100) < 5
            && spans.len() < facts
        {
            let again = last + 60 + numbers.below(5 * 365);
            let end = (relation_kind == "event").then_some(again);
            spans.push((relation, subject, object, again, end));
        }
    }

    let mut text = String::from("facts:\n");
    for (index, &(relation, subject, object, first, last)) in spans.iter().enumerate() {
        let (id, _, subject_kind, object_kind, _) = RELATIONS[relation];
        let subject = format!("{}-{subject}", prefix_of(subject_kind));
        let object = format!("{}-{object}", prefix_of(object_kind));
        let time = match (RELATIONS[relation].1, last) {
            ("event", _) => format!("    on: \"{}\"\n", day(first)),
            (_, Some(last)) => format!("    from: \"{}\"\n    to: \"{}\"\n", day(first), day(last)),
            (_, None) => format!("    from: \"{}\"\n", day(first)),
        };
        let accessed = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days((index % 700) as i64))
            .expect("within the calendar");
        let _ = write!(
            text,
            "  - id: f{index}\n    relation: {id}\n    subject: {subject}\n    object: {object}\n{time}    sources:\n      - url: https://example.org/source/{index}\n        title: \"Source {index}\"\n        publisher: {}\n        accessed: \"{accessed}\"\n    reviewed: \"{accessed}\"\n",
            PUBLISHERS[index % PUBLISHERS.len()]
        );
        if (index + 1) % ITEMS_PER_FILE == 0 {
            let full = std::mem::replace(&mut text, String::from("facts:\n"));
            files.push((format!("reference/facts-{:04}.yaml", files.len()), full));
        }
    }
    if text.len() > "facts:\n".len() {
        files.push((format!("reference/facts-{:04}.yaml", files.len()), text));
    }

    let mut pairs: Vec<Span> = spans.clone();
    pairs.sort_unstable();
    closure_files(&mut files, &pairs, closure);

    let mut assertions = Vec::new();
    for index in 0..(facts / 10).max(10) {
        let (relation, subject, object, first, last) = spans[numbers.below(spans.len())];
        let (id, _, subject_kind, object_kind, _) = RELATIONS[relation];
        let at = match numbers.below(4) {
            0 => first,
            1 => last.map_or(first + 400, |last| last + 1),
            2 => first.saturating_sub(1 + numbers.below(3_000)),
            _ => first + numbers.below(3_000),
        };
        // A quarter name a pair that has no facts (most likely).
        let object = if index % 4 == 3 {
            numbers.below(counts[kind_of(object_kind)])
        } else {
            object
        };
        assertions.push(format!(
            "{id}({}-{subject}, {}-{object}) @ {}",
            prefix_of(subject_kind),
            prefix_of(object_kind),
            day(at)
        ));
    }
    Base { files, assertions }
}

/// The completeness records or negative facts of every pair, in files of their own.
fn closure_files(files: &mut Vec<(String, String)>, sorted: &[Span], closure: Closure) {
    let section = match closure {
        Closure::Completeness => "completeness:\n",
        Closure::Negative => "facts:\n",
    };
    let mut text = String::from(section);
    let mut items = 0;
    let mut in_file = 0;
    let mut start = 0;
    while start < sorted.len() {
        let (relation, subject, object, _, _) = sorted[start];
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|span| (span.0, span.1, span.2) == (relation, subject, object))
                .count();
        let (id, _, subject_kind, object_kind, _) = RELATIONS[relation];
        let sides = format!(
            "    relation: {id}\n    subject: {}-{subject}\n    object: {}-{object}\n",
            prefix_of(subject_kind),
            prefix_of(object_kind)
        );
        let mut item = |text: &mut String, body: String| {
            let _ = write!(
                text,
                "  - id: closure-{items}\n{sides}{body}    sources: [bench-closure]\n    reviewed: \"2026-12-07\"\n"
            );
            items += 1;
            in_file += 1;
        };
        match closure {
            Closure::Completeness => item(
                &mut text,
                "    from: \"1900-01-01\"\n    to: \"2100-12-31\"\n".to_owned(),
            ),
            Closure::Negative => {
                // The gaps between this pair's facts, from 1900 to 2100.
                let mut free_from = Some(jiff::civil::date(1900, 1, 1));
                for &(_, _, _, first, last) in &sorted[start..end] {
                    if let Some(from) = free_from
                        && from < day(first)
                    {
                        let to = day(first).yesterday().expect("after 1900");
                        item(
                            &mut text,
                            format!("    negative: true\n    from: \"{from}\"\n    to: \"{to}\"\n"),
                        );
                    }
                    // An open fact leaves no gap after it.
                    free_from = free_from
                        .zip(last)
                        .map(|(from, last)| from.max(day(last).tomorrow().expect("before 2100")));
                }
                if let Some(from) = free_from {
                    item(
                        &mut text,
                        format!(
                            "    negative: true\n    from: \"{from}\"\n    to: \"2100-12-31\"\n"
                        ),
                    );
                }
            }
        }
        if in_file >= ITEMS_PER_FILE || end == sorted.len() {
            in_file = 0;
            let full = std::mem::replace(&mut text, String::from(section));
            files.push((format!("reference/closure-{:04}.yaml", files.len()), full));
        }
        start = end;
    }
}

fn prefix_of(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(name, _, _)| *name == kind)
        .map(|(_, _, prefix)| *prefix)
        .expect("a known kind")
}

fn capitalized(word: &str) -> String {
    let mut letters = word.chars();
    letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default()
}

/// The relations and the two sources every closure item cites.
fn header() -> String {
    let mut text = String::from(
        "sources:\n  - id: bench-closure\n    url: https://example.org/closure\n    title: \"The facts of each pair are complete\"\n    publisher: Bench\n    accessed: \"2026-12-07\"\nrelations:\n",
    );
    for (id, kind, subject, object, phrasing) in RELATIONS {
        let _ = write!(
            text,
            "  - id: {id}\n    kind: {kind}\n    subject: {subject}\n    object: {object}\n    phrasings:\n      en: [\"{phrasing}\"]\n"
        );
    }
    text
}
