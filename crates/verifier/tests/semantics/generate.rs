//! Random reference data and assertions in the window the specification enumerates.
//!
//! Facts, negative facts and completeness records of two states (one single-valued, with an
//! inverse) and an event with a qualifier, dated to the day or to the month (February 2021) within
//! 2021-01-25..2021-03-06; assertions of every form, positive and negated, dated to the day, to a
//! month or to the year.

use proptest::prelude::*;

/// One generated case: the reference data (over the shared vocabulary), the judgment date and an
/// assertion in canonical form.
#[derive(Debug, Clone)]
pub struct Case {
    pub data: String,
    pub as_of: String,
    pub assertion: String,
}

/// The entities and relations every case shares.
pub const VOCABULARY: &str = r#"
sources:
  - {id: s, url: https://example.org/s, title: S, publisher: P, accessed: "2021-02-15"}
entities:
  - {id: alice, name: Alice, kind: person}
  - {id: bob, name: Bob, kind: person}
  - {id: carol, name: Carol, kind: person}
  - {id: north, name: North, kind: country}
  - {id: south, name: South, kind: country}
  - {id: state-visit, name: state visit, kind: visit-type}
  - {id: working-visit, name: working visit, kind: visit-type}
relations:
  - {id: member_of, kind: state, subject: person, object: country}
  - {id: leads, kind: state, subject: person, object: country, single_valued: per_object}
  - {id: led_by, kind: state, subject: country, object: person, inverse: leads}
  - {id: visited, kind: event, subject: person, object: country, qualifiers: {kind: visit-type}}
"#;

const PEOPLE: [&str; 3] = ["alice", "bob", "carol"];
const COUNTRIES: [&str; 2] = ["north", "south"];

/// A day of the data window 2021-01-25..=2021-03-06, as text.
fn data_day() -> BoxedStrategy<jiff::civil::Date> {
    (0i64..41)
        .prop_map(|offset| {
            jiff::civil::date(2021, 1, 25)
                .checked_add(jiff::Span::new().days(offset))
                .unwrap()
        })
        .boxed()
}

/// A date of the data: a day of the window, or February 2021.
fn data_date() -> BoxedStrategy<(String, jiff::civil::Date, jiff::civil::Date)> {
    prop_oneof![
        4 => data_day().prop_map(|day| (day.to_string(), day, day)),
        1 => Just((
            "2021-02".to_owned(),
            jiff::civil::date(2021, 2, 1),
            jiff::civil::date(2021, 2, 28)
        )),
    ]
    .boxed()
}

/// Two data dates, the second not before the first.
fn data_span() -> BoxedStrategy<(String, String)> {
    (data_date(), data_date())
        .prop_map(|(a, b)| {
            let (a, b) = if b.2 < a.1 { (b, a) } else { (a, b) };
            (a.0, b.0)
        })
        .boxed()
}

/// A date an assertion names: a day near the window, a month, or the year.
fn assertion_date() -> BoxedStrategy<String> {
    prop_oneof![
        6 => (0i64..52).prop_map(|offset| {
            jiff::civil::date(2021, 1, 20)
                .checked_add(jiff::Span::new().days(offset))
                .unwrap()
                .to_string()
        }),
        2 => prop_oneof![Just("2021-01"), Just("2021-02"), Just("2021-03")].prop_map(str::to_owned),
        1 => Just("2021".to_owned()),
    ]
    .boxed()
}

fn person() -> BoxedStrategy<&'static str> {
    prop_oneof![3 => Just(PEOPLE[0]), 2 => Just(PEOPLE[1]), 1 => Just(PEOPLE[2])].boxed()
}

fn country() -> BoxedStrategy<&'static str> {
    prop_oneof![3 => Just(COUNTRIES[0]), 1 => Just(COUNTRIES[1])].boxed()
}

fn kind() -> BoxedStrategy<Option<&'static str>> {
    prop_oneof![2 => Just(None), 1 => Just(Some("state-visit")), 1 => Just(Some("working-visit"))]
        .boxed()
}

fn state_fact() -> BoxedStrategy<String> {
    (
        prop_oneof![Just("member_of"), Just("leads")],
        person(),
        country(),
        prop::bool::weighted(0.25),
        data_span(),
        0..3u8,
    )
        .prop_map(|(relation, subject, object, negative, (from, to), end)| {
            let end = match end {
                0 => format!(", to: \"{to}\""),
                1 if !negative => format!(", known_until: \"{to}\""),
                _ => String::new(),
            };
            format!(
                "  - {{relation: {relation}, subject: {subject}, object: {object}, negative: {negative}, from: \"{from}\"{end}, sources: [s], reviewed: \"2021-02-15\"}}\n"
            )
        }).boxed()
}

fn event_fact() -> BoxedStrategy<String> {
    (person(), country(), prop::bool::weighted(0.2), data_date(), data_span(), kind()).prop_map(
        |(subject, object, negative, on, (from, to), kind)| {
            let qualifiers = kind.map_or(String::new(), |k| format!(", qualifiers: {{kind: {k}}}"));
            let time = if negative {
                format!("negative: true, from: \"{from}\", to: \"{to}\"")
            } else {
                format!("on: \"{}\"", on.0)
            };
            format!(
                "  - {{relation: visited, subject: {subject}, object: {object}, {time}{qualifiers}, sources: [s], reviewed: \"2021-02-15\"}}\n"
            )
        },
    ).boxed()
}

fn record() -> BoxedStrategy<String> {
    (
        prop_oneof![Just("member_of"), Just("leads"), Just("visited")],
        person(),
        country(),
        0..3u8,
        data_span(),
    )
        .prop_map(|(relation, subject, object, sides, (from, to))| {
            let sides = match sides {
                0 => format!("subject: {subject}"),
                1 => format!("object: {object}"),
                _ => format!("subject: {subject}, object: {object}"),
            };
            format!(
                "  - {{relation: {relation}, {sides}, from: \"{from}\", to: \"{to}\", sources: [s], reviewed: \"2021-02-15\"}}\n"
            )
        }).boxed()
}

fn time() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        Just(" EVER".to_owned()),
        assertion_date().prop_map(|d| format!(" @ {d}")),
        assertion_date().prop_map(|d| format!(" SINCE {d}")),
        (assertion_date(), assertion_date()).prop_map(|(a, b)| {
            let (a, b) = if b < a { (b, a) } else { (a, b) };
            format!(" FROM {a} TO {b}")
        }),
    ]
    .boxed()
}

fn quantity(units: bool) -> BoxedStrategy<String> {
    (
        prop_oneof![
            Just("="),
            Just("~"),
            Just(">"),
            Just(">="),
            Just("<"),
            Just("<=")
        ],
        0u8..5,
        prop_oneof![Just(" day"), Just(" week")],
    )
        .prop_map(move |(comparison, amount, unit)| {
            // Durations stay shorter than the free days around the data (16 or more).
            let amount = match (units, unit) {
                (true, " day") => amount * 3,
                (true, _) => amount.min(1),
                _ => amount,
            };
            format!("{comparison} {amount}{}", if units { unit } else { "" })
        })
        .boxed()
}

fn assertion() -> BoxedStrategy<String> {
    let state = (
        prop::bool::ANY,
        prop_oneof![Just("member_of"), Just("leads"), Just("led_by")],
        person(),
        country(),
        prop_oneof![5 => time(), 1 => Just(" NO LONGER".to_owned())],
    )
        .prop_map(|(negated, relation, person, country, time)| {
            let (subject, object) = if relation == "led_by" {
                (country, person)
            } else {
                (person, country)
            };
            let not = if negated && time != " NO LONGER" {
                "NOT "
            } else {
                ""
            };
            format!("{not}{relation}({subject}, {object}){time}")
        })
        .boxed();
    let event = (prop::bool::ANY, person(), country(), time(), kind())
        .prop_map(|(negated, subject, object, time, kind)| {
            let not = if negated { "NOT " } else { "" };
            let kind = kind.map_or(String::new(), |k| format!(" [kind={k}]"));
            format!("{not}visited({subject}, {object}){time}{kind}")
        })
        .boxed();
    let ordinal = (
        prop_oneof![Just("FIRST"), Just("LAST")],
        person(),
        country(),
        prop_oneof![
            Just(String::new()),
            assertion_date().prop_map(|d| format!(" BEFORE {d}")),
            assertion_date().prop_map(|d| format!(" AFTER {d}")),
        ],
        assertion_date(),
        kind(),
    )
        .prop_map(|(ordinal, subject, object, bound, when, kind)| {
            let kind = kind.map_or(String::new(), |k| format!(" [kind={k}]"));
            format!("{ordinal} visited({subject}, {object}){bound} = {when}{kind}")
        })
        .boxed();
    // An open side: any value, or one that satisfies a restriction by a state relation (a
    // single-valued one, and an inverse among them) on the day that matters.
    let open_ordinal = (
        prop_oneof![Just("FIRST"), Just("LAST")],
        prop::bool::ANY,
        person(),
        country(),
        0..4u8,
        prop_oneof![
            Just(String::new()),
            assertion_date().prop_map(|d| format!(" BEFORE {d}")),
            assertion_date().prop_map(|d| format!(" AFTER {d}")),
        ],
        assertion_date(),
    )
        .prop_map(
            |(ordinal, person_open, person, country, restriction, bound, when)| {
                let pattern = if person_open {
                    let open = match restriction {
                        0 => "*".to_owned(),
                        1 => format!("*: member_of(*, {country})"),
                        2 => format!("*: leads(*, {country})"),
                        _ => format!("*: led_by({country}, *)"),
                    };
                    let visited = if country == COUNTRIES[0] {
                        COUNTRIES[1]
                    } else {
                        COUNTRIES[0]
                    };
                    format!("({open}, {visited})")
                } else {
                    let open = match restriction {
                        0 => "*".to_owned(),
                        1 => format!("*: member_of({person}, *)"),
                        2 => format!("*: leads({person}, *)"),
                        _ => format!("*: led_by(*, {person})"),
                    };
                    let visitor = if person == PEOPLE[0] {
                        PEOPLE[1]
                    } else {
                        PEOPLE[0]
                    };
                    format!("({visitor}, {open})")
                };
                format!("{ordinal} visited{pattern}{bound} = {when}")
            },
        )
        .boxed();
    let count = (
        prop_oneof![Just("member_of"), Just("visited")],
        country(),
        prop_oneof![
            2 => Just(String::new()),
            1 => country().prop_map(|c| format!(": member_of(*, {c})")),
            1 => country().prop_map(|c| format!(": leads(*, {c})")),
        ],
        prop_oneof![
            Just(String::new()),
            assertion_date().prop_map(|d| format!(" @ {d}"))
        ],
        quantity(false),
    )
        .prop_map(|(relation, country, restriction, at, quantity)| {
            format!("COUNT {relation}(*{restriction}, {country}){at} {quantity}")
        })
        .boxed();
    let duration = (
        prop_oneof![Just("member_of"), Just("leads")],
        person(),
        country(),
        quantity(true),
    )
        .prop_map(|(relation, subject, object, quantity)| {
            format!("DURATION {relation}({subject}, {object}) {quantity}")
        })
        .boxed();
    // A sentence with a title, as `Mongolian President X visited North` reads: the sentence on
    // another relation than the title's, which is a state of the single-valued relation on the
    // day written or the judgment day.
    let sentence = prop_oneof![
        state
            .clone()
            .prop_filter("another relation than the title's", |s| s
                .contains("member_of")),
        event.clone(),
    ];
    let title = (
        person(),
        country(),
        prop_oneof![
            Just(String::new()),
            assertion_date().prop_map(|d| format!(" @ {d}"))
        ],
    )
        .prop_map(|(person, country, time)| format!("leads({person}, {country}){time}"));
    let conjunction = (sentence, title)
        .prop_map(|(sentence, title)| format!("{sentence} AND {title}"))
        .boxed();
    prop_oneof![
        4 => state,
        2 => event,
        1 => conjunction,
        1 => ordinal,
        1 => open_ordinal,
        1 => count,
        1 => duration
    ]
    .boxed()
}

/// A whole case.
pub fn case() -> BoxedStrategy<Case> {
    (
        prop::collection::vec(prop_oneof![2 => state_fact(), 1 => event_fact()], 1..8),
        prop::collection::vec(record(), 0..4),
        (0i64..42).prop_map(|offset| {
            jiff::civil::date(2021, 1, 28)
                .checked_add(jiff::Span::new().days(offset))
                .unwrap()
                .to_string()
        }),
        assertion(),
    )
        .prop_map(|(facts, records, as_of, assertion)| {
            let mut data = String::from("facts:\n");
            if facts.is_empty() {
                data = "facts: []\n".to_owned();
            }
            for (index, fact) in facts.iter().enumerate() {
                data.push_str(&fact.replacen("  - {", &format!("  - {{id: f{index}, "), 1));
            }
            if records.is_empty() {
                data.push_str("completeness: []\n");
            } else {
                data.push_str("completeness:\n");
                for (index, record) in records.iter().enumerate() {
                    data.push_str(&record.replacen("  - {", &format!("  - {{id: c{index}, "), 1));
                }
            }
            Case {
                data,
                as_of,
                assertion,
            }
        })
        .boxed()
}
