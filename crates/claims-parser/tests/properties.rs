//! Properties over generated input: canonical forms read back to the same assertion, and no input
//! makes the parser panic.

mod common;

use claims_parser::{
    Assertion, Bound, Comparison, CountAssertion, DurationAssertion, Language, MeasureAssertion,
    Ordinal, OrdinalAssertion, PartialDate, Qualifier, Quantity, RelationAssertion, Restriction,
    Side, Term, TimeSpec, Unit, parse_assertion, parse_canonical,
};
use proptest::prelude::*;

/// The day the random assertions were written, from which their relative dates count.
fn written() -> Option<PartialDate> {
    Some(jiff::civil::date(2024, 9, 3).into())
}

fn date() -> impl Strategy<Value = PartialDate> {
    prop_oneof![
        (1900i16..2100).prop_map(|y| PartialDate::year(y).unwrap()),
        (1900i16..2100, 1i8..=12).prop_map(|(y, m)| PartialDate::month(y, m).unwrap()),
        (1900i16..2100, 1i8..=12, 1i8..=28)
            .prop_map(|(y, m, d)| PartialDate::day(y, m, d).unwrap()),
    ]
}

fn time() -> impl Strategy<Value = TimeSpec> {
    prop_oneof![
        Just(TimeSpec::Judgment),
        Just(TimeSpec::Ever),
        Just(TimeSpec::NoLonger),
        date().prop_map(TimeSpec::At),
        date().prop_map(TimeSpec::Since),
        (date(), date())
            .prop_filter("a span ends after it begins", |(from, to)| {
                to.last_day() >= from.first_day()
            })
            .prop_map(|(from, to)| TimeSpec::Span(from, to)),
    ]
}

fn comparison() -> impl Strategy<Value = Comparison> {
    prop_oneof![
        Just(Comparison::Exactly),
        Just(Comparison::About),
        Just(Comparison::MoreThan),
        Just(Comparison::AtLeast),
        Just(Comparison::LessThan),
        Just(Comparison::AtMost),
    ]
}

/// Amounts as counts and measures write them, and the extremes an `f64` can hold: each prints
/// back exactly, so its canonical form must read back to it.
fn amount() -> impl Strategy<Value = f64> {
    prop_oneof![
        (0u32..1_000_000).prop_map(f64::from),
        (0.0f64..1e9),
        any::<u64>().prop_map(|n| n as f64),
        (0.0f64..f64::MAX),
        (f64::MIN_POSITIVE..1e-200),
        prop_oneof![
            Just(0.0),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            Just(9007199254740993.0)
        ],
    ]
}

fn qualifiers() -> impl Strategy<Value = Vec<Qualifier>> {
    prop::option::of(prop_oneof![Just("state-visit"), Just("working-visit")]).prop_map(|value| {
        value
            .map(|value| Qualifier {
                key: "kind".to_owned(),
                value: value.to_owned(),
            })
            .into_iter()
            .collect()
    })
}

/// The restriction "a party to the Rome Statute".
fn party() -> Restriction {
    Restriction {
        relation: "party_to".into(),
        side: Side::Subject,
        other: "rome-statute".into(),
    }
}

fn simple_assertion() -> impl Strategy<Value = Assertion> {
    let people = prop_oneof![
        Just("vladimir-putin"),
        Just("ilham-aliyev"),
        Just("heydar-aliyev")
    ];
    let countries = prop_oneof![Just("azerbaijan"), Just("armenia"), Just("russia")];
    prop_oneof![
        (
            any::<bool>(),
            people.clone(),
            countries.clone(),
            time(),
            qualifiers()
        )
            .prop_map(|(negated, subject, object, time, qualifiers)| {
                Assertion::Relation(RelationAssertion {
                    negated: negated && time != TimeSpec::NoLonger,
                    relation: "president_of".into(),
                    subject: subject.into(),
                    object: object.into(),
                    time,
                    qualifiers,
                })
            }),
        (
            prop_oneof![Just(Ordinal::First), Just(Ordinal::Last)],
            prop::option::of(prop_oneof![
                date().prop_map(Bound::Before),
                date().prop_map(Bound::After)
            ]),
            date(),
            qualifiers(),
            0..3u8,
        )
            .prop_map(|(ordinal, bound, when, qualifiers, open)| {
                // A named object, any object, or one restricted by membership.
                let (object, qualifiers) = match open {
                    0 => (Term::Entity("azerbaijan".into()), qualifiers),
                    1 => (Term::Any(None), Vec::new()),
                    _ => (Term::Any(Some(party())), Vec::new()),
                };
                Assertion::Ordinal(OrdinalAssertion {
                    ordinal,
                    relation: "visited".into(),
                    subject: Term::Entity("vladimir-putin".into()),
                    object,
                    bound,
                    when,
                    qualifiers,
                })
            }),
        (
            prop::option::of(date()),
            comparison(),
            amount(),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(at, comparison, amount, by_object, restricted)| {
                let (counted, fixed) = if by_object {
                    (Side::Subject, "rome-statute")
                } else {
                    (Side::Object, "azerbaijan")
                };
                Assertion::Count(CountAssertion {
                    relation: "party_to".into(),
                    counted,
                    fixed: fixed.into(),
                    restriction: (restricted && by_object).then(party),
                    at,
                    quantity: Quantity {
                        comparison,
                        amount,
                        unit: None,
                    },
                })
            }),
        (
            comparison(),
            amount(),
            prop_oneof![
                Just(Unit::Year),
                Just(Unit::Month),
                Just(Unit::Week),
                Just(Unit::Day)
            ]
        )
            .prop_map(|(comparison, amount, unit)| {
                Assertion::Duration(DurationAssertion {
                    relation: "controlled".into(),
                    subject: "armenian-separatists".into(),
                    object: "nagorno-karabakh".into(),
                    quantity: Quantity {
                        comparison,
                        amount,
                        unit: Some(unit),
                    },
                })
            }),
        (
            prop::option::of(date()),
            comparison(),
            amount(),
            any::<bool>()
        )
            .prop_map(|(at, comparison, amount, with_unit)| {
                Assertion::Measure(MeasureAssertion {
                    relation: "population".into(),
                    subject: "azerbaijan".into(),
                    at,
                    quantity: Quantity {
                        comparison,
                        amount,
                        unit: with_unit.then(|| Unit::Other("person".into())),
                    },
                })
            }),
    ]
}

/// Any assertion: a simple one, or a conjunction of two (what a title adds).
fn assertion() -> impl Strategy<Value = Assertion> {
    prop_oneof![
        3 => simple_assertion(),
        1 => prop::collection::vec(simple_assertion(), 2..3).prop_map(Assertion::Conjunction),
    ]
}

proptest! {
    #[test]
    fn canonical_forms_read_back_to_the_same_assertion(assertion in assertion()) {
        let lexicon = common::lexicon();
        let canonical = assertion.to_string();
        prop_assert_eq!(parse_canonical(&canonical, &lexicon), Ok(assertion.clone()));
        prop_assert_eq!(parse_assertion(&canonical, Language::En, &lexicon, None), Ok(assertion));
    }

    #[test]
    fn no_string_makes_the_parser_panic(text in ".{0,80}", indonesian in any::<bool>()) {
        let lexicon = common::lexicon();
        let language = if indonesian { Language::Id } else { Language::En };
        if let Err(error) = parse_assertion(&text, language, &lexicon, written()) {
            prop_assert!(error.span.start <= error.span.end && error.span.end <= text.len());
            let _ = error.render(&text, None, false);
        }
    }

    #[test]
    fn no_near_assertion_makes_the_parser_panic(
        words in prop::collection::vec(
            prop_oneof![
                Just("Putin"), Just("visited"), Just("Azerbaijan"), Just("in"), Just("2018-09"),
                Just("the"), Just("last"), Just("visit"), Just("of"), Just("to"), Just("was"),
                Just("number"), Just("is"), Just("about"), Just("124"), Just("[kind:"), Just("]"),
                Just("("), Just(")"), Just("NOT"), Just("party_to"), Just(","), Just("September"),
                Just("bukan"), Just("negara"), Just("pihak"), Just("Statuta"), Just("Roma"), Just("é"),
                Just("late"), Just("Monday"), Just("ago"), Just("months"), Just("18"), Just("Senin"),
                Just("(31/2)"), Just("lalu"), Just("tahun"), Just("yesterday"), Just("3rd"),
            ],
            0..14,
        ),
        indonesian in any::<bool>(),
    ) {
        let lexicon = common::lexicon();
        let text = words.join(" ");
        let language = if indonesian { Language::Id } else { Language::En };
        if let Err(error) = parse_assertion(&text, language, &lexicon, written()) {
            prop_assert!(error.span.start <= error.span.end && error.span.end <= text.len());
            let _ = error.render(&text, None, false);
        }
    }
}
