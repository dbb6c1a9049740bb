//! Dates with a precision: a year, a month or a day, each standing for the interval it covers.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year: `2018`.
    Year,
    /// The year and month: `2018-09`.
    Month,
    /// The calendar day: `2018-09-27`.
    Day,
}

/// A calendar date known to a year, a month or a day.
///
/// A partial date stands for the whole interval it covers: `2018-09` is every day from
/// 2018-09-01 to 2018-09-30. It prints and parses in ISO 8601 form (`2018`, `2018-09`,
/// `2018-09-27`), which is also its form in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

/// Why a text is not a valid date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{text}' is not a date: {reason}")]
pub struct DateError {
    /// The text that was read.
    pub text: String,
    /// What is wrong with it.
    pub reason: String,
}

impl DateError {
    fn new(text: &str, reason: impl Into<String>) -> Self {
        Self {
            text: text.to_owned(),
            reason: reason.into(),
        }
    }
}

const YEARS: std::ops::RangeInclusive<i16> = 1..=9999;

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i16) -> Result<Self, DateError> {
        if !YEARS.contains(&year) {
            return Err(DateError::new(
                &year.to_string(),
                "the year must be from 1 to 9999",
            ));
        }
        Ok(Self {
            year,
            month: None,
            day: None,
        })
    }

    /// A date known to the month.
    pub fn month(year: i16, month: i8) -> Result<Self, DateError> {
        let date = Self::year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::new(
                &format!("{year:04}-{month:02}"),
                "the month must be from 01 to 12",
            ));
        }
        Ok(Self {
            month: Some(month),
            ..date
        })
    }

    /// A date known to the day.
    pub fn day(year: i16, month: i8, day: i8) -> Result<Self, DateError> {
        let date = Self::month(year, month)?;
        Date::new(year, month, day).map_err(|_| {
            DateError::new(
                &format!("{year:04}-{month:02}-{day:02}"),
                "that day does not exist in that month",
            )
        })?;
        Ok(Self {
            day: Some(day),
            ..date
        })
    }

    /// How precisely this date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day of the interval this date stands for.
    pub fn first_day(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("a PartialDate is valid by construction")
    }

    /// The last day of the interval this date stands for.
    pub fn last_day(&self) -> Date {
        match (self.month, self.day) {
            (None, _) => Date::new(self.year, 12, 31),
            (Some(month), None) => Ok(Date::new(self.year, month, 1)
                .expect("a PartialDate is valid by construction")
                .last_of_month()),
            (Some(month), Some(day)) => Date::new(self.year, month, day),
        }
        .expect("a PartialDate is valid by construction")
    }
}

impl PartialDate {
    /// Reads a date at the start of `words` (folded, as [`crate::fold`] gives them): `2024`,
    /// `2024-08`, `2024-08-18`, `September 2018`, `18 Agustus 2024`, `March 18, 2023`, with the
    /// number of words it takes. `None` when the words do not begin like a date; an error when
    /// they do and are not one (`2023-02-30`).
    pub fn read_words(words: &[&str]) -> Option<(Result<PartialDate, DateError>, usize)> {
        let word = |at: usize| words.get(at).copied();
        let year = |text: Option<&str>| {
            text.filter(|text| text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|text| text.parse::<i16>().ok())
        };
        let day = |text: Option<&str>| {
            text.filter(|text| {
                (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
            })
            .and_then(|text| text.parse::<i8>().ok())
        };
        let month = |text: Option<&str>| text.and_then(month_number);
        Some(
            if let (Some(d), Some(m), Some(y)) = (day(word(0)), month(word(1)), year(word(2))) {
                (PartialDate::day(y, m, d), 3)
            } else if let (Some(m), Some(d), Some(y)) =
                (month(word(0)), day(word(1)), year(word(2)))
            {
                (PartialDate::day(y, m, d), 3)
            } else if let (Some(m), Some(y)) = (month(word(0)), year(word(1))) {
                (PartialDate::month(y, m), 2)
            } else if let Some(text) =
                word(0).filter(|text| text.starts_with(|c: char| c.is_ascii_digit()))
            {
                (text.parse::<PartialDate>(), 1)
            } else {
                return None;
            },
        )
    }
}

impl From<Date> for PartialDate {
    /// The day `date`, known to the day.
    fn from(date: Date) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let expected = "expected YYYY, YYYY-MM or YYYY-MM-DD";
        let parts: Vec<&str> = text.split('-').collect();
        let lengths: Vec<usize> = parts.iter().map(|part| part.len()).collect();
        if !matches!(lengths.as_slice(), [4] | [4, 2] | [4, 2, 2])
            || !parts
                .iter()
                .all(|part| part.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(DateError::new(text, expected));
        }
        let number = |part: &str| part.parse::<i16>().expect("four ASCII digits fit in i16");
        let year = number(parts[0]);
        match parts.as_slice() {
            [_] => Self::year(year),
            [_, month] => Self::month(year, number(month) as i8),
            [_, month, day] => Self::day(year, number(month) as i8, number(day) as i8),
            _ => unreachable!("the lengths were checked above"),
        }
        .map_err(|error| DateError::new(text, error.reason))
    }
}

/// In a human-readable format (YAML, JSON) a date is its ISO 8601 text; in a binary one (the
/// cache of a loaded knowledge base) it is its year, month and day, 0 for an unknown part.
impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0)).serialize(serializer)
        }
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<PartialDate, E> {
                text.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, year: u64) -> Result<PartialDate, E> {
                i16::try_from(year)
                    .map_err(|_| E::custom("the year must be from 1 to 9999"))
                    .and_then(|year| PartialDate::year(year).map_err(E::custom))
            }
        }
        if deserializer.is_human_readable() {
            return deserializer.deserialize_any(Visitor);
        }
        let (year, month, day) = <(i16, i8, i8)>::deserialize(deserializer)?;
        match (month, day) {
            (0, 0) => PartialDate::year(year),
            (month, 0) => PartialDate::month(year, month),
            (month, day) => PartialDate::day(year, month, day),
        }
        .map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "A date as YYYY, YYYY-MM or YYYY-MM-DD; it stands for the whole interval it covers."
        })
    }
}

/// A month name in English or Indonesian (`September`, `Sept`, `Agustus`, `Agu`), folded.
pub(crate) fn month_number(folded: &str) -> Option<i8> {
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "januari"],
        &["february", "feb", "februari", "pebruari"],
        &["march", "mar", "maret"],
        &["april", "apr"],
        &["may", "mei"],
        &["june", "jun", "juni"],
        &["july", "jul", "juli"],
        &["august", "aug", "agustus", "agu", "agt"],
        &["september", "sep", "sept"],
        &["october", "oct", "oktober", "okt"],
        &["november", "nov", "nopember"],
        &["december", "dec", "desember", "des"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&folded))
        .map(|index| index as i8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_precision_round_trips_through_text() {
        for text in ["2024", "2024-08", "2024-08-18", "0999-01-31"] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(date.to_string(), text);
        }
        assert_eq!(
            "2024".parse::<PartialDate>().unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            "2024-08".parse::<PartialDate>().unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            "2024-08-18".parse::<PartialDate>().unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn a_partial_date_covers_its_interval() {
        let month: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(month.first_day(), jiff::civil::date(2024, 2, 1));
        assert_eq!(month.last_day(), jiff::civil::date(2024, 2, 29));
        let year: PartialDate = "2023".parse().unwrap();
        assert_eq!(year.last_day(), jiff::civil::date(2023, 12, 31));
    }

    #[test]
    fn invalid_dates_are_refused_with_a_reason() {
        for text in [
            "2024-13",
            "2023-02-29",
            "24-08-18",
            "2024-8-1",
            "",
            "abcd",
            "2024-08-18-01",
        ] {
            assert!(text.parse::<PartialDate>().is_err(), "{text}");
        }
        let error = "2023-02-29".parse::<PartialDate>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "'2023-02-29' is not a date: that day does not exist in that month"
        );
    }

    #[test]
    fn month_names_in_both_languages() {
        assert_eq!(month_number("september"), Some(9));
        assert_eq!(month_number("maret"), Some(3));
        assert_eq!(month_number("agustus"), Some(8));
        assert_eq!(month_number("mei"), Some(5));
        assert_eq!(month_number("smarch"), None);
    }
}
