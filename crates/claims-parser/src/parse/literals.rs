//! Dates, numbers and quantities.

use super::{Parser, RANK_LITERAL};
use crate::ast::{Comparison, Quantity, Unit};
use crate::date::PartialDate;
use crate::error::{ParseError, ParseErrorKind};
use crate::lexicon::Tense;
use crate::normalize::fold;
use crate::relative::RelativeDate;

impl Parser<'_> {
    /// A date at `pos`: `2024`, `2024-08`, `2024-08-18`, `September 2018`, `18 Agustus 2024`,
    /// `March 18, 2023`, optionally after a noun such as `bulan`; or a date relative to the day
    /// the assertion was written (`late Monday`, `18 months ago`, `tahun lalu`), in a sentence of
    /// `tense`.
    pub(super) fn date(&mut self, pos: usize, tense: Tense) -> Option<(PartialDate, usize)> {
        if let Some(relative) = self.relative_date(pos, tense) {
            return relative;
        }
        let pos = if self
            .tokens
            .get(pos)
            .is_some_and(|token| self.grammar.date_nouns.contains(&token.text.as_str()))
        {
            pos + 1
        } else {
            pos
        };
        let words: Vec<&str> = self.tokens[pos.min(self.tokens.len())..]
            .iter()
            .take(3)
            .map(|token| token.text.as_str())
            .collect();
        let Some((built, length)) = PartialDate::read_words(&words) else {
            self.expect(
                pos,
                &["a date such as 2024-08-18, 2024-08, 2024 or September 2018".to_owned()],
            );
            return None;
        };
        match built {
            Ok(date) => Some((date, pos + length)),
            Err(error) => {
                let span = self.span_of(pos, pos + length);
                let kind = ParseErrorKind::BadDate {
                    text: self.text[span.clone()].to_owned(),
                    reason: error.reason,
                };
                self.fail(pos + length, RANK_LITERAL, ParseError { span, kind });
                None
            }
        }
    }

    /// A relative date at `pos`, resolved against the day the assertion was written: `None` when
    /// there is none, `Some(None)` when there is one that cannot be resolved (the failure is
    /// recorded).
    pub(super) fn relative_date(
        &mut self,
        pos: usize,
        tense: Tense,
    ) -> Option<Option<(PartialDate, usize)>> {
        const LONGEST: usize = 6;
        let words: Vec<&str> = self.tokens[pos.min(self.tokens.len())..]
            .iter()
            .take(LONGEST)
            .map(|token| token.text.as_str())
            .collect();
        let (relative, length) = RelativeDate::read(&words, self.language)?;
        let end = pos + length;
        match relative.resolve(self.written, tense) {
            Ok(date) => Some(Some((date, end))),
            Err(error) => {
                let mut span = self.span_of(pos, end);
                // `Senin (3/9)`: the closing parenthesis the tokenizer trimmed belongs to it.
                if self.text[span.clone()].contains('(') && self.text[span.end..].starts_with(')') {
                    span.end += 1;
                }
                let kind = ParseErrorKind::BadDate {
                    text: self.text[span.clone()].to_owned(),
                    reason: error.to_string(),
                };
                self.fail(end, RANK_LITERAL, ParseError { span, kind });
                Some(None)
            }
        }
    }

    /// A number at `pos`, digits or a number word, with its thousands and decimal separators,
    /// times the multiplier word after it if there is one (`1,5 juta`), and the position after
    /// it. A number that cannot be held exactly is reported and read as none.
    pub(super) fn number(&mut self, pos: usize) -> Option<(f64, usize)> {
        let text = &self.tokens.get(pos)?.text;
        let shift = self.tokens.get(pos + 1).and_then(|token| {
            self.grammar
                .multipliers
                .iter()
                .find(|(word, _)| *word == token.text)
                .map(|&(_, factor)| factor.log10().round() as u32)
        });
        let end = pos + 1 + usize::from(shift.is_some());
        let plain = match self.grammar.numbers.iter().find(|(word, _)| word == text) {
            Some(&(_, value)) => value.to_string(),
            None => {
                let thousands = if self.grammar.decimal == '.' {
                    ','
                } else {
                    '.'
                };
                let (whole, fraction) = match text.split_once(self.grammar.decimal) {
                    Some((whole, fraction)) => (whole, Some(fraction)),
                    None => (text.as_str(), None),
                };
                let groups: Vec<&str> = whole.split(thousands).collect();
                let grouped_right = groups.len() == 1
                    || (groups[0].len() <= 3 && groups[1..].iter().all(|group| group.len() == 3));
                let digits =
                    |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
                if !grouped_right
                    || !groups.iter().all(|group| digits(group))
                    || !fraction.is_none_or(digits)
                {
                    return None;
                }
                match fraction {
                    Some(fraction) => format!("{}.{fraction}", groups.concat()),
                    None => groups.concat(),
                }
            }
        };
        match crate::number::exact(&plain, shift.unwrap_or(0)) {
            Ok(value) => Some((value, end)),
            Err(error) => {
                let span = self.span_of(pos, end);
                let kind = ParseErrorKind::BadNumber {
                    text: self.text[span.clone()].to_owned(),
                    reason: error.reason,
                };
                self.fail(end, RANK_LITERAL, ParseError { span, kind });
                None
            }
        }
    }

    /// A quantity at `pos`: `[comparison] number [multiplier] [unit]`. Units are time units when
    /// `durations` is set, else the relation's `unit` if it has one. A duration in decades with no
    /// comparison (`three decades`) is a round figure, read as `about`.
    pub(super) fn quantity(
        &mut self,
        pos: usize,
        durations: bool,
        unit: Option<&str>,
    ) -> Vec<(Quantity, usize)> {
        let mut comparison = Comparison::Exactly;
        let mut at = pos;
        let longest = self
            .grammar
            .comparisons
            .iter()
            .filter(|(phrase, _)| self.phrase(pos, &[phrase]).is_some())
            .max_by_key(|(phrase, _)| phrase.len());
        if let Some((phrase, found)) = longest {
            comparison = *found;
            at = pos + phrase.len();
        }
        let Some((amount, after)) = self.number(at) else {
            let mut expected = vec!["a number".to_owned()];
            if at == pos {
                expected.push("about".to_owned());
                expected.push("more than".to_owned());
            }
            self.expect(at, &expected);
            return Vec::new();
        };
        at = after;
        let mut readings = Vec::new();
        if durations {
            let found = self.tokens.get(at).and_then(|token| {
                self.grammar
                    .units
                    .iter()
                    .find(|(word, _, _)| *word == token.text)
            });
            match found {
                Some((_, unit, factor)) => {
                    let round_unit = *factor >= 10.0 && comparison == Comparison::Exactly;
                    let quantity = Quantity {
                        comparison: if round_unit {
                            Comparison::About
                        } else {
                            comparison
                        },
                        amount: amount * factor,
                        unit: Some(unit.clone()),
                    };
                    readings.push((quantity, at + 1));
                }
                None => {
                    let units: Vec<String> =
                        ["years", "months", "days"].map(str::to_owned).to_vec();
                    self.expect(at, &units);
                }
            }
            return readings;
        }
        readings.push((
            Quantity {
                comparison,
                amount,
                unit: None,
            },
            at,
        ));
        if let Some(unit) = unit {
            let folded = fold(unit);
            let matches_unit = self
                .tokens
                .get(at)
                .is_some_and(|token| token.text == folded || token.text == format!("{folded}s"));
            if matches_unit {
                let quantity = Quantity {
                    comparison,
                    amount,
                    unit: Some(Unit::Other(folded)),
                };
                readings.push((quantity, at + 1));
            } else if at < self.tokens.len() {
                self.expect(at, &[folded]);
            }
        }
        readings
    }
}
