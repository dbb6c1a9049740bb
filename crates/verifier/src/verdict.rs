//! Verdicts for assertions and claims, and how a claim's verdict combines its assertions'.

use std::fmt;

use crate::kb::FactId;

/// The verdict on one assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The reference data supports it.
    True,
    /// The reference data refutes it with positive evidence.
    False,
    /// The reference data cannot settle it.
    Unverifiable,
    /// The reference data contradicts itself on it.
    Conflicting,
}

impl Verdict {
    /// The verdict of the negated assertion.
    pub fn negate(self) -> Verdict {
        match self {
            Verdict::True => Verdict::False,
            Verdict::False => Verdict::True,
            other => other,
        }
    }

    /// Its name as reports print it.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::True => "true",
            Verdict::False => "false",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Conflicting => "conflicting",
        }
    }
}

/// The verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimVerdict {
    /// Every assertion is true.
    True,
    /// Some assertion is false and none is true.
    False,
    /// Some assertions are true and some false.
    Mixed,
    /// Some assertion cannot be settled, and none is false.
    Unverifiable,
    /// The reference data contradicts itself on some assertion.
    Conflicting,
    /// An opinion, prediction or hope: not a matter of fact.
    NotCheckable,
}

impl ClaimVerdict {
    /// Every claim verdict, in report order.
    pub const ALL: [ClaimVerdict; 6] = [
        ClaimVerdict::True,
        ClaimVerdict::False,
        ClaimVerdict::Mixed,
        ClaimVerdict::Unverifiable,
        ClaimVerdict::Conflicting,
        ClaimVerdict::NotCheckable,
    ];

    /// Its name as reports and `--fail-on` write it.
    pub fn name(self) -> &'static str {
        match self {
            ClaimVerdict::True => "true",
            ClaimVerdict::False => "false",
            ClaimVerdict::Mixed => "mixed",
            ClaimVerdict::Unverifiable => "unverifiable",
            ClaimVerdict::Conflicting => "conflicting",
            ClaimVerdict::NotCheckable => "not-checkable",
        }
    }

    /// Combines the verdicts of a claim's assertions:
    ///
    /// | assertions                          | claim          |
    /// |-------------------------------------|----------------|
    /// | any `conflicting`                   | `conflicting`  |
    /// | some `true` and some `false`        | `mixed`        |
    /// | some `false`, no `true`             | `false`        |
    /// | some `unverifiable`, no `false`     | `unverifiable` |
    /// | all `true`                          | `true`         |
    /// | none (a claim marked not checkable) | `not-checkable`|
    pub fn combine(verdicts: &[Verdict]) -> ClaimVerdict {
        let any = |wanted: Verdict| verdicts.contains(&wanted);
        if verdicts.is_empty() {
            ClaimVerdict::NotCheckable
        } else if any(Verdict::Conflicting) {
            ClaimVerdict::Conflicting
        } else if any(Verdict::True) && any(Verdict::False) {
            ClaimVerdict::Mixed
        } else if any(Verdict::False) {
            ClaimVerdict::False
        } else if any(Verdict::Unverifiable) {
            ClaimVerdict::Unverifiable
        } else {
            ClaimVerdict::True
        }
    }
}

impl fmt::Display for ClaimVerdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A claim verdict name that `--fail-on` does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown verdict '{0}': expected true, false, mixed, unverifiable, conflicting or not-checkable"
)]
pub struct UnknownVerdict(pub String);

impl std::str::FromStr for ClaimVerdict {
    type Err = UnknownVerdict;
    fn from_str(name: &str) -> Result<Self, UnknownVerdict> {
        ClaimVerdict::ALL
            .into_iter()
            .find(|verdict| verdict.name() == name)
            .ok_or_else(|| UnknownVerdict(name.to_owned()))
    }
}

/// How a fact bears on an assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// It supports the assertion as written (negation included).
    Supports,
    /// It refutes the assertion as written (negation included).
    Refutes,
    /// It bears on the assertion without settling it: a date on the edge, a count.
    Context,
}

/// A verdict and everything behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgment {
    /// The verdict.
    pub verdict: Verdict,
    /// Why, in one sentence.
    pub reason: String,
    /// The facts used, with how each bears on the assertion.
    pub facts: Vec<(FactId, Role)>,
    /// The completeness records used, by index.
    pub completeness: Vec<usize>,
    /// For `unverifiable`: the fact or record that would settle it.
    pub would_settle: Option<String>,
    /// Caveats, such as a fact presumed to continue past its sources.
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_combine_by_the_table() {
        use Verdict::*;
        assert_eq!(ClaimVerdict::combine(&[True, True]), ClaimVerdict::True);
        assert_eq!(ClaimVerdict::combine(&[True, False]), ClaimVerdict::Mixed);
        assert_eq!(
            ClaimVerdict::combine(&[True, False, Unverifiable]),
            ClaimVerdict::Mixed
        );
        assert_eq!(
            ClaimVerdict::combine(&[False, Unverifiable]),
            ClaimVerdict::False
        );
        assert_eq!(
            ClaimVerdict::combine(&[True, Unverifiable]),
            ClaimVerdict::Unverifiable
        );
        assert_eq!(
            ClaimVerdict::combine(&[True, Conflicting, False]),
            ClaimVerdict::Conflicting
        );
        assert_eq!(ClaimVerdict::combine(&[]), ClaimVerdict::NotCheckable);
    }

    #[test]
    fn verdict_names_parse_back() {
        for verdict in ClaimVerdict::ALL {
            assert_eq!(verdict.name().parse::<ClaimVerdict>(), Ok(verdict));
        }
        assert!("maybe".parse::<ClaimVerdict>().is_err());
    }
}
