//! The verdict rules: how an assertion is judged against the reference data as of a date.
//!
//! The rules, each with a worked example, are in the README's "Verdict rules"; in short:
//!
//! - **Open world.** A missing fact makes an assertion `unverifiable`, never `false`.
//! - **Positive evidence for `false`:** an explicit negative fact; a completeness record covering the
//!   time; a single-valued relation whose known value then is another entity; a known fact whose own
//!   dates contradict the stated start, end or order; a qualifier recorded with another value.
//! - **Time.** A state stated at a date of some precision holds if it certainly held on some day
//!   of that date's interval; an event stated at a date happened within that interval. Where a fact's
//!   or the assertion's precision leaves the answer on the edge, the verdict is `unverifiable`, with
//!   the reason.
//! - **Open-ended facts** (no `to`) are presumed to continue up to the judgment date; when that date
//!   is after the fact's sources were last read, the judgment carries a warning.
//! - **Negation** turns `true` into `false` and back; `unverifiable` and `conflicting` stay.

use std::collections::BTreeSet;

use claims_parser::{
    Assertion, Bound, Comparison, CountAssertion, DurationAssertion, MeasureAssertion, Ordinal,
    OrdinalAssertion, PartialDate, Quantity, RelationAssertion, RelationKind, Side, TimeSpec, Unit,
};
use jiff::Unit as JiffUnit;
use jiff::civil::Date;

use crate::kb::{Days, EntityId, Fact, FactId, FactTime, KnowledgeBase, RelationId};
use crate::model::SingleValued;
use crate::verdict::{Judgment, Role, Verdict};

/// An assertion that names something the reference data does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JudgeError {
    /// An id of an entity or relation that is not loaded.
    #[error("unknown {what} '{id}'")]
    Unknown {
        /// `entity` or `relation`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A qualifier the relation does not declare.
    #[error("'{relation}' has no qualifier '{key}'")]
    UnknownQualifier {
        /// The relation.
        relation: String,
        /// The qualifier's name.
        key: String,
    },
    /// An assertion form that does not fit its relation's kind.
    #[error("{0}")]
    Unsupported(String),
}

/// Whether something is so, is not, or cannot be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tri {
    Yes,
    No,
    Edge,
}

/// Where a date lies relative to a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    Within,
    Before,
    After,
    Edge,
}

fn place(date: Days, period: Days) -> Placement {
    if period.contains(&date) {
        Placement::Within
    } else if date.last < period.first {
        Placement::Before
    } else if date.first > period.last {
        Placement::After
    } else {
        Placement::Edge
    }
}

fn day_before(date: Date) -> Date {
    date.yesterday().unwrap_or(Date::MIN)
}

fn day_after(date: Date) -> Date {
    date.tomorrow().unwrap_or(Date::MAX)
}

fn days_between(from: Date, to: Date) -> f64 {
    from.until((JiffUnit::Day, to))
        .map(|span| f64::from(span.get_days()))
        .unwrap_or(0.0)
}

/// A run of facts of one pair whose certain spans join without a gap.
struct Chain {
    facts: Vec<FactId>,
    start: PartialDate,
    end: Option<PartialDate>,
    certain: Option<Days>,
    possible: Days,
}

/// Builds a [`Judgment`] step by step.
struct Evidence {
    facts: Vec<(FactId, Role)>,
    completeness: Option<usize>,
    warnings: Vec<String>,
}

impl Evidence {
    fn new() -> Self {
        Self {
            facts: Vec::new(),
            completeness: None,
            warnings: Vec::new(),
        }
    }

    fn add(&mut self, fact: FactId, role: Role) {
        if !self.facts.iter().any(|(known, _)| *known == fact) {
            self.facts.push((fact, role));
        }
    }

    fn verdict(self, verdict: Verdict, reason: String) -> Judgment {
        Judgment {
            verdict,
            reason,
            facts: self.facts,
            completeness: self.completeness,
            would_settle: None,
            warnings: self.warnings,
        }
    }

    fn unverifiable(self, reason: String, would_settle: String) -> Judgment {
        Judgment {
            would_settle: Some(would_settle),
            ..self.verdict(Verdict::Unverifiable, reason)
        }
    }
}

/// What one fact says about an assertion's qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QualifierMatch {
    Agrees,
    Contradicts,
    Unrecorded,
}

impl KnowledgeBase {
    /// Judges `assertion` as of the date `as_of`.
    pub fn judge(&self, assertion: &Assertion, as_of: Date) -> Result<Judgment, JudgeError> {
        let judge = Judge { kb: self, as_of };
        match assertion {
            Assertion::Relation(a) => judge.relation(a),
            Assertion::Ordinal(a) => judge.ordinal(a),
            Assertion::Count(a) => judge.count(a),
            Assertion::Duration(a) => judge.duration(a),
            Assertion::Measure(a) => judge.measure(a),
        }
    }
}

struct Judge<'a> {
    kb: &'a KnowledgeBase,
    as_of: Date,
}

impl Judge<'_> {
    fn relation_id(&self, id: &str) -> Result<RelationId, JudgeError> {
        self.kb.relation_id(id).ok_or_else(|| JudgeError::Unknown {
            what: "relation",
            id: id.to_owned(),
        })
    }

    fn entity_id(&self, id: &str) -> Result<EntityId, JudgeError> {
        self.kb.entity_id(id).ok_or_else(|| JudgeError::Unknown {
            what: "entity",
            id: id.to_owned(),
        })
    }

    fn qualifier_values(
        &self,
        relation: RelationId,
        qualifiers: &[claims_parser::Qualifier],
    ) -> Result<Vec<(String, EntityId)>, JudgeError> {
        let declared = &self.kb.relation(relation).qualifiers;
        qualifiers
            .iter()
            .map(|qualifier| {
                if !declared.contains_key(&qualifier.key) {
                    return Err(JudgeError::UnknownQualifier {
                        relation: self.kb.relation(relation).id.clone(),
                        key: qualifier.key.clone(),
                    });
                }
                Ok((qualifier.key.clone(), self.entity_id(&qualifier.value)?))
            })
            .collect()
    }

    fn qualifier_match(&self, fact: &Fact, wanted: &[(String, EntityId)]) -> QualifierMatch {
        let mut result = QualifierMatch::Agrees;
        for (key, value) in wanted {
            match fact.qualifiers.get(key) {
                Some(recorded) if recorded == value => {}
                Some(_) => return QualifierMatch::Contradicts,
                None => result = QualifierMatch::Unrecorded,
            }
        }
        result
    }

    /// The facts of `relation` between exactly `subject` and `object`.
    fn pair_facts(&self, relation: RelationId, subject: EntityId, object: EntityId) -> Vec<FactId> {
        self.kb.facts_of_pair(relation, subject, object).to_vec()
    }

    /// The relation and sides an assertion is judged on: an inverse relation's assertions are
    /// judged on the relation it mirrors, with the sides swapped, as its facts are stored.
    fn resolve(
        &self,
        relation: &str,
        subject: &str,
        object: &str,
    ) -> Result<(RelationId, EntityId, EntityId), JudgeError> {
        let relation = self.relation_id(relation)?;
        let subject = self.entity_id(subject)?;
        let object = self.entity_id(object)?;
        Ok(match self.stored_as(relation) {
            (stored, true) => (stored, object, subject),
            (stored, false) => (stored, subject, object),
        })
    }

    /// The relation whose facts answer `relation`, and whether its sides are swapped: an inverse
    /// relation's facts are stored under the relation it mirrors.
    fn stored_as(&self, relation: RelationId) -> (RelationId, bool) {
        match self.kb.relation(relation).inverse {
            Some(mirrored) => (mirrored, true),
            None => (relation, false),
        }
    }

    /// The positive facts of `relation` whose `side` is `fixed` and whose other side is not `except`.
    fn other_values(
        &self,
        relation: RelationId,
        fixed_side: Side,
        fixed: EntityId,
        except: EntityId,
    ) -> Vec<FactId> {
        let facts = match fixed_side {
            Side::Object => self.kb.facts_by_object(relation, fixed),
            Side::Subject => self.kb.facts_by_subject(relation, fixed),
        };
        facts
            .iter()
            .copied()
            .filter(|&id| {
                let fact = self.kb.fact(id);
                let other = match fixed_side {
                    Side::Object => Some(fact.subject),
                    Side::Subject => fact.object,
                };
                !fact.negative && other != Some(except)
            })
            .collect()
    }

    /// A completeness record of `relation` for these sides whose span contains `days`.
    fn completeness_covering(
        &self,
        relation: RelationId,
        subject: Option<EntityId>,
        object: Option<EntityId>,
        days: Days,
    ) -> Option<usize> {
        self.kb
            .completeness_by_relation
            .get(&relation)
            .into_iter()
            .flatten()
            .copied()
            .find(|&index| {
                let record = &self.kb.completeness[index];
                let fits = |fixed: Option<EntityId>, ours: Option<EntityId>| {
                    fixed.is_none() || fixed == ours
                };
                let span = Days {
                    first: record.from.first_day(),
                    last: record.to.last_day(),
                };
                (record.subject.is_some() || record.object.is_some())
                    && fits(record.subject, subject)
                    && fits(record.object, object)
                    && span.contains(&days)
            })
    }

    fn name(&self, entity: EntityId) -> &str {
        &self.kb.entity(entity).id
    }

    /// Warns when an open-ended fact is used for a time that begins after its sources were last
    /// read: there, its holding is presumed, not read.
    fn presumption(&self, evidence: &mut Evidence, fact: FactId, until: Date) {
        let record = self.kb.fact(fact);
        if let FactTime::Span { to: None, .. } = record.time {
            let checked = self.kb.last_checked(record);
            if until > checked.last_day() {
                evidence.warnings.push(format!(
                    "fact '{}' has no end date and is presumed to continue to {until}; its sources were last read on {checked}",
                    record.id
                ));
            }
        }
    }

    fn pair_text(&self, relation: RelationId, subject: EntityId, object: EntityId) -> String {
        format!(
            "{}({}, {})",
            self.kb.relation(relation).id,
            self.name(subject),
            self.name(object)
        )
    }

    // ---- relation assertions ------------------------------------------------------------

    fn relation(&self, assertion: &RelationAssertion) -> Result<Judgment, JudgeError> {
        let (relation, subject, object) =
            self.resolve(&assertion.relation, &assertion.subject, &assertion.object)?;
        let wanted = self.qualifier_values(relation, &assertion.qualifiers)?;
        let kind = self.kb.relation(relation).kind;
        let judgment = match (kind, assertion.time) {
            (RelationKind::Quantity, _) => {
                return Err(JudgeError::Unsupported(format!(
                    "'{}' is a quantity relation",
                    assertion.relation
                )));
            }
            (RelationKind::Timeless, _) => self.timeless(relation, subject, object),
            (RelationKind::State, TimeSpec::Since(date)) => {
                self.state_since(relation, subject, object, &wanted, date)
            }
            (RelationKind::State, TimeSpec::Span(from, to)) => {
                self.state_span(relation, subject, object, &wanted, from, to)
            }
            (_, time) => {
                let days = match time {
                    TimeSpec::Judgment => Days::day(self.as_of),
                    TimeSpec::Ever => Days {
                        first: Date::MIN,
                        last: self.as_of,
                    },
                    TimeSpec::At(date) => Days::of(date),
                    TimeSpec::Since(date) => Days {
                        first: date.first_day(),
                        last: self.as_of,
                    },
                    TimeSpec::Span(from, to) => Days {
                        first: from.first_day(),
                        last: to.last_day(),
                    },
                };
                self.at(relation, subject, object, &wanted, days, kind)
            }
        };
        Ok(if assertion.negated {
            let facts = judgment
                .facts
                .into_iter()
                .map(|(fact, role)| {
                    let role = match role {
                        Role::Supports => Role::Refutes,
                        Role::Refutes => Role::Supports,
                        Role::Context => Role::Context,
                    };
                    (fact, role)
                })
                .collect();
            Judgment {
                verdict: judgment.verdict.negate(),
                facts,
                ..judgment
            }
        } else {
            judgment
        })
    }

    fn timeless(&self, relation: RelationId, subject: EntityId, object: EntityId) -> Judgment {
        let mut evidence = Evidence::new();
        let facts = self.pair_facts(relation, subject, object);
        let supports: Vec<FactId> = facts
            .iter()
            .copied()
            .filter(|&id| !self.kb.fact(id).negative)
            .collect();
        let refutes: Vec<FactId> = facts
            .iter()
            .copied()
            .filter(|&id| self.kb.fact(id).negative)
            .collect();
        for &id in &supports {
            evidence.add(id, Role::Supports);
        }
        for &id in &refutes {
            evidence.add(id, Role::Refutes);
        }
        let pair = self.pair_text(relation, subject, object);
        match (supports.is_empty(), refutes.is_empty()) {
            (false, false) => {
                return evidence.verdict(
                    Verdict::Conflicting,
                    format!("facts both state and deny {pair}"),
                );
            }
            (false, true) => {
                return evidence.verdict(Verdict::True, format!("a fact states {pair}"));
            }
            (true, false) => {
                return evidence.verdict(Verdict::False, format!("a negative fact denies {pair}"));
            }
            (true, true) => {}
        }
        if let Some(other) = self.single_valued_other(relation, subject, object, None) {
            let other_value = self.kb.fact(other);
            evidence.add(other, Role::Refutes);
            let reason = format!(
                "'{}' is single-valued and a fact gives another value: {}",
                self.kb.relation(relation).id,
                self.kb.describe_fact(other_value)
            );
            return evidence.verdict(Verdict::False, reason);
        }
        evidence.unverifiable(
            format!("no fact states or denies {pair}"),
            format!("a sourced fact {pair}, or its negation"),
        )
    }

    /// A positive fact of another value that certainly holds over `days` (all days if `None`),
    /// when the relation is single-valued.
    fn single_valued_other(
        &self,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
        days: Option<Days>,
    ) -> Option<FactId> {
        let (side, fixed, ours) = match self.kb.relation(relation).single_valued? {
            SingleValued::PerObject => (Side::Object, object, subject),
            SingleValued::PerSubject => (Side::Subject, subject, object),
        };
        self.other_values(relation, side, fixed, ours)
            .into_iter()
            .find(|&id| {
                let (certain, _) = self.kb.fact(id).days();
                match (days, certain) {
                    (None, _) => true,
                    (Some(days), Some(certain)) => certain.contains(&days),
                    (Some(_), None) => false,
                }
            })
    }

    fn at(
        &self,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
        wanted: &[(String, EntityId)],
        days: Days,
        kind: RelationKind,
    ) -> Judgment {
        let mut evidence = Evidence::new();
        let pair = self.pair_text(relation, subject, object);
        let when = if days.first == Date::MIN {
            format!("on or before {}", days.last)
        } else {
            format!("on {days}")
        };
        let mut supports = Vec::new();
        let mut refutes = Vec::new();
        let mut contradicting_qualifier = Vec::new();
        let mut edges = Vec::new();
        for id in self.pair_facts(relation, subject, object) {
            let fact = self.kb.fact(id);
            let (certain, possible) = fact.days();
            if fact.negative {
                if certain.is_some_and(|certain| certain.contains(&days)) {
                    refutes.push(id);
                } else if possible.meets(&days) {
                    edges.push((
                        id,
                        format!("negative fact '{}' covers only part of {days}", fact.id),
                    ));
                }
                continue;
            }
            let holds = match kind {
                RelationKind::Event => match place(possible, days) {
                    Placement::Within => Tri::Yes,
                    Placement::Edge => Tri::Edge,
                    _ => Tri::No,
                },
                _ => match certain {
                    Some(certain) if certain.meets(&days) => Tri::Yes,
                    _ if possible.meets(&days) => Tri::Edge,
                    _ => Tri::No,
                },
            };
            match (holds, self.qualifier_match(fact, wanted)) {
                (Tri::Yes, QualifierMatch::Agrees) => supports.push(id),
                (Tri::Yes, QualifierMatch::Contradicts) => contradicting_qualifier.push(id),
                (Tri::Yes, QualifierMatch::Unrecorded) => edges.push((
                    id,
                    format!(
                        "fact '{}' does not record the qualifiers asked about",
                        fact.id
                    ),
                )),
                (Tri::Edge, QualifierMatch::Contradicts) | (Tri::No, _) => {}
                (Tri::Edge, _) => edges.push((
                    id,
                    format!(
                        "fact '{}' ({}) is on the edge of {days}: its date is not precise enough",
                        fact.id,
                        self.kb.describe_fact(fact)
                    ),
                )),
            }
        }
        for &id in &supports {
            evidence.add(id, Role::Supports);
            self.presumption(&mut evidence, id, days.first);
        }
        for &id in refutes.iter().chain(&contradicting_qualifier) {
            evidence.add(id, Role::Refutes);
        }
        if !supports.is_empty() && !refutes.is_empty() {
            return evidence.verdict(
                Verdict::Conflicting,
                format!("facts both state and deny {pair} {when}"),
            );
        }
        if !supports.is_empty() {
            return evidence.verdict(Verdict::True, format!("a fact states {pair} {when}"));
        }
        if !refutes.is_empty() {
            return evidence.verdict(
                Verdict::False,
                format!("a negative fact denies {pair} {when}"),
            );
        }
        if !contradicting_qualifier.is_empty() {
            let fact = self.kb.fact(contradicting_qualifier[0]);
            return evidence.verdict(
                Verdict::False,
                format!(
                    "the fact records other qualifiers: {}",
                    self.kb.describe_fact(fact)
                ),
            );
        }
        if !edges.is_empty() {
            for (id, _) in &edges {
                evidence.add(*id, Role::Context);
            }
            let reasons: Vec<String> = edges.into_iter().map(|(_, reason)| reason).collect();
            return evidence.unverifiable(
                reasons.join("; "),
                format!("a fact dating {pair} to the day, or with the qualifiers asked about"),
            );
        }
        if kind == RelationKind::State
            && let Some(other) = self.single_valued_other(relation, subject, object, Some(days))
        {
            evidence.add(other, Role::Refutes);
            let reason = format!(
                "'{}' is single-valued and {} {when}",
                self.kb.relation(relation).id,
                self.kb.describe_fact(self.kb.fact(other))
            );
            return evidence.verdict(Verdict::False, reason);
        }
        if let Some(record) =
            self.completeness_covering(relation, Some(subject), Some(object), days)
        {
            evidence.completeness = Some(record);
            let reason = format!(
                "no fact states {pair} {when}, and a completeness record covers that time",
            );
            return evidence.verdict(Verdict::False, reason);
        }
        let settle_side = match self.kb.relation(relation).single_valued {
            Some(SingleValued::PerObject) => {
                format!(", or a fact of who held it for {} then", self.name(object))
            }
            _ => String::new(),
        };
        evidence.unverifiable(
            format!("no fact states or denies {pair} {when}"),
            format!("a sourced fact {pair} {when}{settle_side}, or a completeness record of '{}' for {} or {} covering that time", self.kb.relation(relation).id, self.name(subject), self.name(object)),
        )
    }

    /// The pair's positive facts with matching qualifiers, joined into chains without gaps.
    fn chains(
        &self,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
        wanted: &[(String, EntityId)],
    ) -> Vec<Chain> {
        let mut facts: Vec<FactId> = self
            .pair_facts(relation, subject, object)
            .into_iter()
            .filter(|&id| {
                let fact = self.kb.fact(id);
                !fact.negative && self.qualifier_match(fact, wanted) == QualifierMatch::Agrees
            })
            .collect();
        facts.sort_by_key(|&id| self.kb.fact(id).days().1.first);
        let mut chains: Vec<Chain> = Vec::new();
        for id in facts {
            let fact = self.kb.fact(id);
            let FactTime::Span { from, to } = fact.time else {
                continue;
            };
            let (certain, possible) = fact.days();
            if let Some(chain) = chains.last_mut()
                && let (Some(chain_certain), Some(certain)) = (chain.certain, certain)
                && certain.first <= day_after(chain_certain.last)
            {
                chain.facts.push(id);
                if certain.last >= chain_certain.last {
                    chain.end = to;
                    chain.certain = Some(Days {
                        first: chain_certain.first,
                        last: certain.last,
                    });
                    chain.possible.last = possible.last;
                }
                continue;
            }
            chains.push(Chain {
                facts: vec![id],
                start: from,
                end: to,
                certain,
                possible,
            });
        }
        chains
    }

    fn state_since(
        &self,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
        wanted: &[(String, EntityId)],
        since: PartialDate,
    ) -> Judgment {
        let pair = self.pair_text(relation, subject, object);
        let today = Days::day(self.as_of);
        let chains = self.chains(relation, subject, object, wanted);
        let holding = chains.iter().find(|chain| {
            chain
                .certain
                .is_some_and(|certain| certain.contains(&today))
        });
        let Some(chain) = holding else {
            if chains.iter().any(|chain| chain.possible.contains(&today)) {
                let mut evidence = Evidence::new();
                for chain in &chains {
                    for &id in &chain.facts {
                        evidence.add(id, Role::Context);
                    }
                }
                return evidence.unverifiable(
                    format!("whether {pair} still held on {} depends on a date known only to its precision", self.as_of),
                    format!("the day {pair} ended"),
                );
            }
            let mut judgment = self.at(
                relation,
                subject,
                object,
                wanted,
                today,
                RelationKind::State,
            );
            if judgment.verdict == Verdict::False {
                judgment.reason = format!("it did not hold on {}: {}", self.as_of, judgment.reason);
            }
            return judgment;
        };
        let mut evidence = Evidence::new();
        for &id in &chain.facts {
            evidence.add(id, Role::Supports);
            self.presumption(&mut evidence, id, self.as_of);
        }
        match place(Days::of(chain.start), Days::of(since)) {
            Placement::Within => evidence.verdict(
                Verdict::True,
                format!(
                    "{pair} has held since {} without a gap, up to {}",
                    chain.start, self.as_of
                ),
            ),
            Placement::Before => {
                for (_, role) in &mut evidence.facts {
                    *role = Role::Refutes;
                }
                evidence.verdict(
                    Verdict::False,
                    format!("{pair} already held from {}, before {since}", chain.start),
                )
            }
            Placement::After | Placement::Edge => {
                for (_, role) in &mut evidence.facts {
                    *role = Role::Context;
                }
                self.since_unsettled(evidence, relation, subject, object, chain.start, since)
            }
        }
    }

    /// "Since D" when the known span began after D or on its edge.
    fn since_unsettled(
        &self,
        mut evidence: Evidence,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
        start: PartialDate,
        since: PartialDate,
    ) -> Judgment {
        let pair = self.pair_text(relation, subject, object);
        match place(Days::of(start), Days::of(since)) {
            Placement::After => match self.completeness_covering(relation, Some(subject), Some(object), Days::of(since)) {
                Some(record) => {
                    evidence.completeness = Some(record);
                    evidence.verdict(Verdict::False, format!("{pair} began only in {}, and a completeness record covers {since}", start))
                }
                None => evidence.unverifiable(
                    format!("{pair} is known to hold from {}, after {since}; whether it held earlier is not recorded", start),
                    format!("a fact of {pair} in {since}, or a completeness record covering it"),
                ),
            },
            _ => evidence.unverifiable(
                format!("{pair} began in {start}, which the precision of the dates cannot place within {since}"),
                format!("the day {pair} began"),
            ),
        }
    }

    fn state_span(
        &self,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
        wanted: &[(String, EntityId)],
        from: PartialDate,
        to: PartialDate,
    ) -> Judgment {
        let pair = self.pair_text(relation, subject, object);
        let span = Days {
            first: from.first_day(),
            last: to.last_day(),
        };
        let mut evidence = Evidence::new();
        let mut refuted = None;
        let mut uncertain = Vec::new();
        for chain in self.chains(relation, subject, object, wanted) {
            if !chain.possible.meets(&span) {
                continue;
            }
            let start = place(Days::of(chain.start), Days::of(from));
            let end = match chain.end {
                Some(end) => place(Days::of(end), Days::of(to)),
                None if self.as_of > to.last_day() => Placement::After,
                None => Placement::Edge,
            };
            match (start, end) {
                (Placement::Within, Placement::Within) => {
                    for &id in &chain.facts {
                        evidence.add(id, Role::Supports);
                    }
                    let end_text = chain.end.map_or("still".to_owned(), |end| end.to_string());
                    return evidence.verdict(
                        Verdict::True,
                        format!("{pair} held from {} to {end_text}", chain.start),
                    );
                }
                (Placement::Before, _) | (_, Placement::After) | (_, Placement::Before) => {
                    let end_text = chain
                        .end
                        .map_or_else(|| format!("at least {}", self.as_of), |end| end.to_string());
                    refuted.get_or_insert((
                        chain.facts.clone(),
                        format!(
                            "{pair} held from {} to {end_text}, not from {from} to {to}",
                            chain.start
                        ),
                    ));
                }
                _ => uncertain.push(chain),
            }
        }
        if let Some((facts, reason)) = refuted {
            for id in facts {
                evidence.add(id, Role::Refutes);
            }
            return evidence.verdict(Verdict::False, reason);
        }
        for chain in &uncertain {
            for &id in &chain.facts {
                evidence.add(id, Role::Context);
            }
        }
        let reason = if uncertain.is_empty() {
            format!("no fact states {pair} between {from} and {to}")
        } else {
            format!(
                "the recorded dates of {pair} cannot be placed within {from} and {to} at their precision, or began later than {from}"
            )
        };
        evidence.unverifiable(
            reason,
            format!("a fact of {pair} with its start and end dates"),
        )
    }

    // ---- ordinal assertions -------------------------------------------------------------

    fn ordinal(&self, assertion: &OrdinalAssertion) -> Result<Judgment, JudgeError> {
        let (relation, subject, object) =
            self.resolve(&assertion.relation, &assertion.subject, &assertion.object)?;
        let wanted = self.qualifier_values(relation, &assertion.qualifiers)?;
        if self.kb.relation(relation).kind != RelationKind::Event {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not an event relation",
                assertion.relation
            )));
        }
        let window = match assertion.bound {
            Some(Bound::Before(date)) => Days {
                first: Date::MIN,
                last: day_before(date.first_day()),
            },
            Some(Bound::After(date)) => Days {
                first: day_after(date.last_day()),
                last: self.as_of,
            },
            None => Days {
                first: Date::MIN,
                last: day_before(self.as_of),
            },
        };
        let claimed = Days::of(assertion.when);
        let pair = self.pair_text(relation, subject, object);
        let mut evidence = Evidence::new();
        let mut inside = Vec::new();
        let mut beyond = Vec::new();
        let mut unsure = Vec::new();
        for id in self.pair_facts(relation, subject, object) {
            let fact = self.kb.fact(id);
            if fact.negative {
                continue;
            }
            let (_, days) = fact.days();
            if !days.meets(&window) {
                continue;
            }
            let qualifiers = self.qualifier_match(fact, &wanted);
            if qualifiers == QualifierMatch::Contradicts {
                continue;
            }
            if !window.contains(&days) || qualifiers == QualifierMatch::Unrecorded {
                unsure.push(id);
                continue;
            }
            match (assertion.ordinal, place(days, claimed)) {
                (_, Placement::Within) => inside.push(id),
                (Ordinal::Last, Placement::After) | (Ordinal::First, Placement::Before) => {
                    beyond.push(id)
                }
                (_, Placement::Edge) => unsure.push(id),
                // Certainly on the near side of the stated date: it does not bear on the order.
                _ => {}
            }
        }
        let (word, a_word) = match assertion.ordinal {
            Ordinal::Last => ("later", "a later"),
            Ordinal::First => ("earlier", "an earlier"),
        };
        if let Some(&id) = beyond.first() {
            evidence.add(id, Role::Refutes);
            let reason = format!(
                "{a_word} event is recorded: {}",
                self.kb.describe_fact(self.kb.fact(id))
            );
            return Ok(evidence.verdict(Verdict::False, reason));
        }
        let rest = match assertion.ordinal {
            Ordinal::Last => Days {
                first: day_after(claimed.last),
                last: window.last,
            },
            Ordinal::First => Days {
                first: window.first,
                last: day_before(claimed.first),
            },
        };
        let rest_empty = rest.first > rest.last;
        let rest_complete = if rest_empty {
            None
        } else {
            self.completeness_covering(relation, Some(subject), Some(object), rest)
        };
        for &id in &unsure {
            evidence.add(id, Role::Context);
        }
        if !inside.is_empty() {
            for &id in &inside {
                evidence.add(id, Role::Supports);
            }
            if unsure.is_empty() && (rest_empty || rest_complete.is_some()) {
                evidence.completeness = rest_complete;
                return Ok(evidence.verdict(
                    Verdict::True,
                    format!(
                        "an event {pair} is recorded in {}, and none {word} up to the bound",
                        assertion.when
                    ),
                ));
            }
            if !unsure.is_empty() {
                return Ok(evidence.unverifiable(
                    "other events cannot be placed before or after it at the precision of their dates".to_owned(),
                    "the exact dates of the other events".to_owned(),
                ));
            }
            return Ok(evidence.unverifiable(
                format!("an event {pair} is recorded in {}, but without a completeness record {a_word} one from {rest} cannot be ruled out", assertion.when),
                format!("a completeness record of '{}' for {} and {} covering {rest}", self.kb.relation(relation).id, self.name(subject), self.name(object)),
            ));
        }
        if unsure.is_empty()
            && let Some(record) =
                self.completeness_covering(relation, Some(subject), Some(object), claimed)
        {
            evidence.completeness = Some(record);
            return Ok(evidence.verdict(
                Verdict::False,
                format!(
                    "no event {pair} in {}, and a completeness record covers it",
                    assertion.when
                ),
            ));
        }
        Ok(evidence.unverifiable(
            format!("no event {pair} is recorded in {}", assertion.when),
            format!(
                "a sourced event {pair} in {}, or a completeness record covering it",
                assertion.when
            ),
        ))
    }

    // ---- counts, durations, measures ----------------------------------------------------

    fn count(&self, assertion: &CountAssertion) -> Result<Judgment, JudgeError> {
        let relation = self.relation_id(&assertion.relation)?;
        let fixed = self.entity_id(&assertion.fixed)?;
        let (relation, swapped) = self.stored_as(relation);
        let counted = match (assertion.counted, swapped) {
            (Side::Subject, true) => Side::Object,
            (Side::Object, true) => Side::Subject,
            (side, false) => side,
        };
        let kind = self.kb.relation(relation).kind;
        if !matches!(kind, RelationKind::State | RelationKind::Event) {
            return Err(JudgeError::Unsupported(format!(
                "'{}' cannot be counted",
                assertion.relation
            )));
        }
        let facts: Vec<FactId> = match counted {
            Side::Subject => self.kb.facts_by_object(relation, fixed),
            Side::Object => self.kb.facts_by_subject(relation, fixed),
        }
        .iter()
        .copied()
        .filter(|&id| !self.kb.fact(id).negative)
        .collect();
        let window = match (kind, assertion.at) {
            (RelationKind::Event, Some(date)) => Days::of(date),
            (RelationKind::Event, None) => Days {
                first: Date::MIN,
                last: self.as_of,
            },
            (_, Some(date)) => Days::of(date),
            (_, None) => Days::day(self.as_of),
        };
        let counted_side = |fact: &Fact| match counted {
            Side::Subject => Some(fact.subject),
            Side::Object => fact.object,
        };
        // For states, count at each end of the window: a lower-precision date must give one count.
        let count_on = |days: Days| {
            let mut sure = BTreeSet::new();
            let mut maybe = BTreeSet::new();
            for &id in &facts {
                let fact = self.kb.fact(id);
                let (certain, possible) = fact.days();
                let (is_sure, is_maybe) = match kind {
                    RelationKind::Event => (days.contains(&possible), possible.meets(&days)),
                    _ => (
                        certain.is_some_and(|c| c.contains(&days)),
                        possible.meets(&days),
                    ),
                };
                if is_sure {
                    sure.insert((counted_side(fact), id));
                } else if is_maybe {
                    maybe.insert((counted_side(fact), id));
                }
            }
            (sure, maybe)
        };
        let ends = match kind {
            RelationKind::Event => vec![window],
            _ => vec![Days::day(window.first), Days::day(window.last)],
        };
        let counts: Vec<_> = ends.into_iter().map(count_on).collect();
        let distinct = |set: &BTreeSet<(Option<EntityId>, FactId)>| -> usize {
            if kind == RelationKind::Event {
                set.len()
            } else {
                set.iter()
                    .map(|(side, _)| *side)
                    .collect::<BTreeSet<_>>()
                    .len()
            }
        };
        let mut evidence = Evidence::new();
        let (sure, maybe) = &counts[0];
        for (_, id) in sure {
            evidence.add(*id, Role::Context);
        }
        for (_, id) in maybe {
            evidence.add(*id, Role::Context);
        }
        let low = distinct(sure);
        let high = low + distinct(maybe);
        let fixed_side = match counted {
            Side::Subject => (None, Some(fixed)),
            Side::Object => (Some(fixed), None),
        };
        let when = if window.first == Date::MIN {
            format!("up to {}", window.last)
        } else {
            format!("on {window}")
        };
        let name = &self.kb.relation(relation).id;
        if counts
            .iter()
            .any(|(s, m)| distinct(s) != low || distinct(m) != high - low)
        {
            return Ok(evidence.unverifiable(
                format!("the count changes within {window}: state a day"),
                "the assertion at a single day".to_owned(),
            ));
        }
        let quantity = &assertion.quantity;
        match self.completeness_covering(relation, fixed_side.0, fixed_side.1, window) {
            Some(record) => {
                evidence.completeness = Some(record);
                let range_text = if low == high { low.to_string() } else { format!("{low} to {high}") };
                Ok(match accepts_range(quantity, low as f64, high as f64) {
                    Tri::Yes => evidence.verdict(Verdict::True, format!("{range_text} {name} facts hold {when}, and a completeness record covers it")),
                    Tri::No => evidence.verdict(Verdict::False, format!("{range_text} {name} facts hold {when}, and a completeness record covers it")),
                    Tri::Edge => evidence.unverifiable(
                        format!("{low} {name} facts certainly hold {when} and {} more may, at the precision of their dates", high - low),
                        "exact dates for the facts on the edge".to_owned(),
                    ),
                })
            }
            None => Ok(match accepts_range(quantity, low as f64, f64::INFINITY) {
                Tri::No => evidence.verdict(Verdict::False, format!("already {low} {name} facts hold {when}, which the number stated rules out")),
                _ => evidence.unverifiable(
                    format!("{low} {name} facts hold {when}, but without a completeness record more may exist"),
                    format!("a completeness record of '{name}' for {} covering {window}", self.name(fixed)),
                ),
            }),
        }
    }

    fn duration(&self, assertion: &DurationAssertion) -> Result<Judgment, JudgeError> {
        let (relation, subject, object) =
            self.resolve(&assertion.relation, &assertion.subject, &assertion.object)?;
        if self.kb.relation(relation).kind != RelationKind::State {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not a state relation",
                assertion.relation
            )));
        }
        let pair = self.pair_text(relation, subject, object);
        let chains = self.chains(relation, subject, object, &[]);
        let mut evidence = Evidence::new();
        let Some(chain) = chains
            .iter()
            .rev()
            .find(|chain| chain.possible.first <= self.as_of)
        else {
            return Ok(evidence.unverifiable(
                format!("no fact states when {pair} began and ended"),
                format!("a fact of {pair} with its start and end dates"),
            ));
        };
        for &id in &chain.facts {
            evidence.add(id, Role::Context);
            self.presumption(&mut evidence, id, self.as_of);
        }
        let (end_first, end_last) = match chain.end {
            Some(end) => (end.first_day(), end.last_day()),
            None => (self.as_of, self.as_of),
        };
        let shortest = days_between(chain.start.last_day(), end_first).max(0.0);
        let longest = days_between(chain.start.first_day(), end_last);
        let unit = assertion.quantity.unit.clone().unwrap_or(Unit::Year);
        let per_unit = match unit {
            Unit::Year => 365.2425,
            Unit::Month => 30.436875,
            Unit::Day | Unit::Other(_) => 1.0,
        };
        let (low, high) = (shortest / per_unit, longest / per_unit);
        let end_text = chain.end.map_or_else(
            || format!("{} (still holding)", self.as_of),
            |end| end.to_string(),
        );
        let measured = format!(
            "{pair} lasted from {} to {end_text}: {low:.1} to {high:.1} {}s",
            chain.start,
            unit.name()
        );
        let role = |verdict| {
            if verdict == Verdict::True {
                Role::Supports
            } else {
                Role::Refutes
            }
        };
        // "29 years" said exactly counts completed years: 29 or more, less than 30.
        let (low, high) = if assertion.quantity.comparison == Comparison::Exactly {
            (low.floor(), high.floor())
        } else {
            (low, high)
        };
        Ok(match accepts_range(&assertion.quantity, low, high) {
            Tri::Yes => {
                evidence.facts.iter_mut().for_each(|(_, r)| *r = role(Verdict::True));
                evidence.verdict(Verdict::True, measured)
            }
            Tri::No => {
                evidence.facts.iter_mut().for_each(|(_, r)| *r = role(Verdict::False));
                evidence.verdict(Verdict::False, measured)
            }
            Tri::Edge => evidence.unverifiable(
                format!("{measured}, which the precision of its dates leaves on the edge of the duration stated"),
                format!("exact start and end dates of {pair}"),
            ),
        })
    }

    fn measure(&self, assertion: &MeasureAssertion) -> Result<Judgment, JudgeError> {
        let relation = self.relation_id(&assertion.relation)?;
        let subject = self.entity_id(&assertion.subject)?;
        if self.kb.relation(relation).kind != RelationKind::Quantity {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not a quantity relation",
                assertion.relation
            )));
        }
        let when = assertion.at.map_or(Days::day(self.as_of), Days::of);
        let name = format!("{}({})", self.kb.relation(relation).id, self.name(subject));
        let mut evidence = Evidence::new();
        let mut agree = Vec::new();
        let mut disagree = Vec::new();
        for &id in self.kb.facts_by_subject(relation, subject) {
            let fact = self.kb.fact(id);
            let (certain, possible) = fact.days();
            let applies = match fact.time {
                FactTime::On(_) => when.contains(&possible),
                _ => certain.is_some_and(|certain| certain.contains(&when)),
            };
            let Some(value) = fact.value.as_ref().filter(|_| applies && !fact.negative) else {
                continue;
            };
            if let Some(Unit::Other(unit)) = &assertion.quantity.unit
                && value.unit.as_deref().map(claims_parser::fold) != Some(unit.clone())
            {
                continue;
            }
            if assertion
                .quantity
                .comparison
                .accepts(assertion.quantity.amount, value.amount)
            {
                agree.push(id);
            } else {
                disagree.push(id);
            }
        }
        for &id in &agree {
            evidence.add(id, Role::Supports);
        }
        for &id in &disagree {
            evidence.add(id, Role::Refutes);
        }
        let values: Vec<String> = agree
            .iter()
            .chain(&disagree)
            .map(|&id| self.kb.describe_fact(self.kb.fact(id)))
            .collect();
        Ok(match (agree.is_empty(), disagree.is_empty()) {
            (false, false) => evidence.verdict(
                Verdict::Conflicting,
                format!("facts give different values: {}", values.join("; ")),
            ),
            (false, true) => {
                evidence.verdict(Verdict::True, format!("recorded: {}", values.join("; ")))
            }
            (true, false) => {
                evidence.verdict(Verdict::False, format!("recorded: {}", values.join("; ")))
            }
            (true, true) => evidence.unverifiable(
                format!("no value of {name} is recorded for {when}"),
                format!("a sourced value of {name} for {when}"),
            ),
        })
    }
}

/// Whether every value in `low..=high` agrees with the quantity (`Yes`), none does (`No`), or
/// some do (`Edge`). The values that agree with a comparison form one interval, so the range agrees
/// wholly when both its ends do, and not at all when neither does and it does not straddle them.
fn accepts_range(quantity: &Quantity, low: f64, high: f64) -> Tri {
    let said = quantity.amount;
    let agrees = |value: f64| quantity.comparison.accepts(said, value);
    let bounded = match quantity.comparison {
        Comparison::Exactly => Some((said, said)),
        Comparison::About => {
            let margin = said.abs() * claims_parser::ABOUT_TOLERANCE;
            Some((said - margin, said + margin))
        }
        _ => None,
    };
    let straddles = bounded.is_some_and(|(first, last)| low < first && high > last);
    match (agrees(low), agrees(high)) {
        (true, true) => Tri::Yes,
        (false, false) if !straddles => Tri::No,
        _ => Tri::Edge,
    }
}
