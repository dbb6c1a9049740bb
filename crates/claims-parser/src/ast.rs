//! The typed form of an assertion, whatever language it was written in.
//!
//! Each type prints in the canonical form that reports show (see [`crate::canonical`]), for example
//! `NOT party_to(azerbaijan, rome-statute) @ 2024-08-18`.

use std::fmt;

use crate::date::PartialDate;

/// One checkable assertion.
#[derive(Debug, Clone, PartialEq)]
pub enum Assertion {
    /// A relation between two entities at a time: `X is (not) party to Y [on DATE]`.
    Relation(RelationAssertion),
    /// The first or last event of a relation around a date: `the last visit of X to Y before D was in P`.
    Ordinal(OrdinalAssertion),
    /// How many entities stand in a relation to one entity: `the number of parties to Y on D is N`.
    Count(CountAssertion),
    /// How long a state lasted: `X controlled Y for about 30 years`.
    Duration(DurationAssertion),
    /// A measured value: `the population of X in 2023 is about 10.1 million`.
    Measure(MeasureAssertion),
    /// Two or more assertions that must all hold: `met(vladimir-putin, ukhnaagiin-khurelsukh) @
    /// 2024-09-03 AND president_of(ukhnaagiin-khurelsukh, mongolia) @ 2024-09-03`, as a sentence
    /// with a title (`Putin met Mongolian President Khurelsukh on Tuesday`) says. The parts are
    /// never conjunctions themselves.
    Conjunction(Vec<Assertion>),
}

/// When a relation assertion is said to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeSpec {
    /// No time stated, present tense: on the date the claim is judged at.
    Judgment,
    /// No time stated, past tense: at some time before the date the claim is judged at.
    Ever,
    /// At (states: throughout; events: within) a date of some precision: `@ 2024-08`.
    At(PartialDate),
    /// Began within the date and has held ever since, up to the judgment date: `SINCE 2023-03`.
    Since(PartialDate),
    /// Began within the first date and ended within the second: `FROM 1993 TO 2003`.
    Span(PartialDate, PartialDate),
    /// Held on some day before the judgment date, and not on it: `NO LONGER` ("is no longer").
    NoLonger,
}

/// A value an assertion gives for one of a fact's qualifiers: `[kind=state-visit]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Qualifier {
    /// The qualifier's name, such as `kind` or `capacity`.
    pub key: String,
    /// The entity id of its value.
    pub value: String,
}

/// `[NOT] relation(subject, object) [time] [qualifiers]`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelationAssertion {
    /// Whether the assertion denies the relation.
    pub negated: bool,
    /// The relation id.
    pub relation: String,
    /// The subject's entity id.
    pub subject: String,
    /// The object's entity id.
    pub object: String,
    /// When it is said to hold.
    pub time: TimeSpec,
    /// Qualifiers the matching fact must have, sorted by key.
    pub qualifiers: Vec<Qualifier>,
}

/// The first or the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ordinal {
    /// The earliest event.
    First,
    /// The latest event.
    Last,
}

/// The reference point of an ordinal assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// Events before the first day of this date.
    Before(PartialDate),
    /// Events after the last day of this date.
    After(PartialDate),
}

/// One side of an ordinal's relation: a named entity, or any entity that satisfies a restriction.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// This entity (its id).
    Entity(String),
    /// Any entity (`*`), or any that satisfies the restriction (`*: party_to(*, rome-statute)`).
    Any(Option<Restriction>),
}

/// What a value of an open side must satisfy: a state or timeless relation between it and a named
/// entity, judged on the day that matters (the day of each event, the day counted).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Restriction {
    /// The state or timeless relation id.
    pub relation: String,
    /// The side of `relation` the value stands on.
    pub side: Side,
    /// The entity id on the other side.
    pub other: String,
}

/// `LAST visited(putin, azerbaijan) BEFORE 2024-08-18 = 2018-09`, or with an open side,
/// `FIRST visited(vladimir-putin, *: party_to(*, rome-statute)) AFTER 2023-03-17 = 2024-09-02`.
#[derive(Debug, Clone, PartialEq)]
pub struct OrdinalAssertion {
    /// First or last.
    pub ordinal: Ordinal,
    /// The event relation id.
    pub relation: String,
    /// The subject (at most one side is open).
    pub subject: Term,
    /// The object.
    pub object: Term,
    /// Before or after what; `None` means before the judgment date.
    pub bound: Option<Bound>,
    /// When the first or last event is said to have happened.
    pub when: PartialDate,
    /// Qualifiers the events must have, sorted by key.
    pub qualifiers: Vec<Qualifier>,
}

/// Which side of a relation is counted or fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Side {
    /// The subject side.
    Subject,
    /// The object side.
    Object,
}

/// `COUNT party_to(*, rome-statute) @ 2024-08-18 = 124`, or restricted,
/// `COUNT party_to(*: located_in(*, africa), rome-statute) @ 2024-08-18 = 33`.
#[derive(Debug, Clone, PartialEq)]
pub struct CountAssertion {
    /// The relation id.
    pub relation: String,
    /// The side that is counted; the other side is fixed.
    pub counted: Side,
    /// The entity id on the fixed side.
    pub fixed: String,
    /// What a counted value must also satisfy on the day counted: `*: located_in(*, africa)`.
    pub restriction: Option<Restriction>,
    /// When; `None` means the judgment date.
    pub at: Option<PartialDate>,
    /// The number said.
    pub quantity: Quantity,
}

/// `DURATION controlled(armenian-separatists, nagorno-karabakh) ~ 30 year`.
#[derive(Debug, Clone, PartialEq)]
pub struct DurationAssertion {
    /// The state relation id.
    pub relation: String,
    /// The subject's entity id.
    pub subject: String,
    /// The object's entity id.
    pub object: String,
    /// The duration said, with a time unit.
    pub quantity: Quantity,
}

/// `VALUE population(azerbaijan) @ 2023 ~ 10100000`.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureAssertion {
    /// The quantity relation id.
    pub relation: String,
    /// The subject's entity id.
    pub subject: String,
    /// When; `None` means the judgment date.
    pub at: Option<PartialDate>,
    /// The value said.
    pub quantity: Quantity,
}

/// How a stated number relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// `=`: exactly.
    Exactly,
    /// `~`: about, within [`ABOUT_TOLERANCE`].
    About,
    /// `>`: more than.
    MoreThan,
    /// `>=`: at least.
    AtLeast,
    /// `<`: fewer or less than.
    LessThan,
    /// `<=`: at most.
    AtMost,
}

/// The relative tolerance of `about`: a true value within 10% of the stated one agrees with it, so
/// `about 30 years` covers 27 to 33 years and `about 124` covers 111.6 to 136.4.
pub const ABOUT_TOLERANCE: f64 = 0.10;

impl Comparison {
    /// The canonical symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Exactly => "=",
            Comparison::About => "~",
            Comparison::MoreThan => ">",
            Comparison::AtLeast => ">=",
            Comparison::LessThan => "<",
            Comparison::AtMost => "<=",
        }
    }

    /// The comparison a canonical symbol stands for.
    pub fn from_symbol(symbol: &str) -> Option<Comparison> {
        [
            Comparison::Exactly,
            Comparison::About,
            Comparison::MoreThan,
            Comparison::AtLeast,
            Comparison::LessThan,
            Comparison::AtMost,
        ]
        .into_iter()
        .find(|comparison| comparison.symbol() == symbol)
    }

    /// Whether a true value `actual` agrees with `said` stated this way.
    pub fn accepts(self, said: f64, actual: f64) -> bool {
        match self {
            Comparison::Exactly => actual == said,
            Comparison::About => (actual - said).abs() <= said.abs() * ABOUT_TOLERANCE,
            Comparison::MoreThan => actual > said,
            Comparison::AtLeast => actual >= said,
            Comparison::LessThan => actual < said,
            Comparison::AtMost => actual <= said,
        }
    }
}

/// A unit of a stated quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Years (`years`, `tahun`; decades count as ten years).
    Year,
    /// Months (`months`, `bulan`).
    Month,
    /// Weeks (`weeks`, `minggu`, `pekan`): seven days, counted in completed weeks.
    Week,
    /// Days (`days`, `hari`).
    Day,
    /// Any other unit, compared with a fact's unit by its folded name.
    Other(String),
}

impl Unit {
    /// The canonical name.
    pub fn name(&self) -> &str {
        match self {
            Unit::Year => "year",
            Unit::Month => "month",
            Unit::Week => "week",
            Unit::Day => "day",
            Unit::Other(name) => name,
        }
    }

    /// Whether it is a unit of time.
    pub fn is_duration(&self) -> bool {
        !matches!(self, Unit::Other(_))
    }

    /// The unit a canonical name stands for.
    pub fn from_name(name: &str) -> Unit {
        match name {
            "year" => Unit::Year,
            "month" => Unit::Month,
            "week" => Unit::Week,
            "day" => Unit::Day,
            other => Unit::Other(other.to_owned()),
        }
    }
}

/// A number with a comparison and an optional unit: `~ 30 year`.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// How the stated number relates to the true one.
    pub comparison: Comparison,
    /// The stated number, multipliers applied (`10.1 million` is 10100000).
    pub amount: f64,
    /// Its unit, if one was stated.
    pub unit: Option<Unit>,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.comparison.symbol(), self.amount)?;
        if let Some(unit) = &self.unit {
            write!(f, " {}", unit.name())?;
        }
        Ok(())
    }
}

fn write_qualifiers(f: &mut fmt::Formatter<'_>, qualifiers: &[Qualifier]) -> fmt::Result {
    if qualifiers.is_empty() {
        return Ok(());
    }
    f.write_str(" [")?;
    for (index, qualifier) in qualifiers.iter().enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{}={}", qualifier.key, qualifier.value)?;
    }
    f.write_str("]")
}

impl fmt::Display for Restriction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.side {
            Side::Subject => write!(f, "*: {}(*, {})", self.relation, self.other),
            Side::Object => write!(f, "*: {}({}, *)", self.relation, self.other),
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Term::Entity(id) => f.write_str(id),
            Term::Any(None) => f.write_str("*"),
            Term::Any(Some(restriction)) => write!(f, "{restriction}"),
        }
    }
}

/// The counted side of a count, with its restriction: `*` or `*: located_in(*, africa)`.
fn counted_side(restriction: &Option<Restriction>) -> String {
    restriction
        .as_ref()
        .map_or_else(|| "*".to_owned(), ToString::to_string)
}

impl fmt::Display for TimeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeSpec::Judgment => Ok(()),
            TimeSpec::Ever => f.write_str(" EVER"),
            TimeSpec::At(date) => write!(f, " @ {date}"),
            TimeSpec::Since(date) => write!(f, " SINCE {date}"),
            TimeSpec::Span(from, to) => write!(f, " FROM {from} TO {to}"),
            TimeSpec::NoLonger => f.write_str(" NO LONGER"),
        }
    }
}

impl fmt::Display for Assertion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Assertion::Relation(a) => {
                if a.negated {
                    f.write_str("NOT ")?;
                }
                write!(f, "{}({}, {}){}", a.relation, a.subject, a.object, a.time)?;
                write_qualifiers(f, &a.qualifiers)
            }
            Assertion::Ordinal(a) => {
                let ordinal = match a.ordinal {
                    Ordinal::First => "FIRST",
                    Ordinal::Last => "LAST",
                };
                write!(f, "{ordinal} {}({}, {})", a.relation, a.subject, a.object)?;
                match a.bound {
                    Some(Bound::Before(date)) => write!(f, " BEFORE {date}")?,
                    Some(Bound::After(date)) => write!(f, " AFTER {date}")?,
                    None => {}
                }
                write!(f, " = {}", a.when)?;
                write_qualifiers(f, &a.qualifiers)
            }
            Assertion::Count(a) => {
                let open = counted_side(&a.restriction);
                let (subject, object) = match a.counted {
                    Side::Subject => (open.as_str(), a.fixed.as_str()),
                    Side::Object => (a.fixed.as_str(), open.as_str()),
                };
                write!(f, "COUNT {}({subject}, {object})", a.relation)?;
                if let Some(date) = a.at {
                    write!(f, " @ {date}")?;
                }
                write!(f, " {}", a.quantity)
            }
            Assertion::Duration(a) => write!(
                f,
                "DURATION {}({}, {}) {}",
                a.relation, a.subject, a.object, a.quantity
            ),
            Assertion::Measure(a) => {
                write!(f, "VALUE {}({})", a.relation, a.subject)?;
                if let Some(date) = a.at {
                    write!(f, " @ {date}")?;
                }
                write!(f, " {}", a.quantity)
            }
            Assertion::Conjunction(parts) => {
                for (index, part) in parts.iter().enumerate() {
                    if index > 0 {
                        f.write_str(" AND ")?;
                    }
                    write!(f, "{part}")?;
                }
                Ok(())
            }
        }
    }
}
