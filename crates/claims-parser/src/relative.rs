//! Dates written relative to the day a text was written, as news reports write them: `yesterday`,
//! `late Monday`, `on the 3rd`, `last month`, `18 months ago`; `kemarin`, `Senin malam`,
//! `Minggu (18/8)`, `tanggal 3`, `tahun lalu`, `18 bulan lalu`.
//!
//! [`RelativeDate::read`] recognises one at the start of a text's folded words (the words of
//! [`crate::fold`]); [`RelativeDate::resolve`] turns it into a [`PartialDate`] of the precision it
//! speaks of (a day, a month, a year), counting from the day the text was written. The parser
//! resolves them against a claim document's publication date; a drafting tool can resolve the
//! dates of an article's text against the same day.
//!
//! A weekday alone names a day within a week of the day written: in a sentence in the past tense
//! the latest such day on or before it (`Putin arrived late Monday`), otherwise the nearest one,
//! three days either way at most (`the talks are on Tuesday`). `last`, `lalu` and `kemarin` take the
//! one before; `next` and `depan` the one after; a date written beside it (`Senin (2/9)`) decides,
//! and must fall on that weekday.

use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};

use crate::date::{PartialDate, month_number};
use crate::grammar::grammar;
use crate::lexicon::{Language, Tense};

/// A date written relative to the day its text was written, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeDate {
    /// A number of days from the day written: `today` (0), `yesterday` (-1), `kemarin` (-1),
    /// `besok` (1), `3 days ago` (-3), `2 weeks ago` (-14).
    Days(i32),
    /// A weekday near the day written: `late Monday`, `last Monday`, `Senin (2/9)`.
    Weekday {
        /// The day of the week named.
        day: Weekday,
        /// Which one: before, after, the nearest, or by the sentence's tense.
        way: Way,
        /// A day and month (and year) written beside it, as Indonesian news does: `Senin (2/9)`.
        stated: Option<(i8, i8, Option<i16>)>,
    },
    /// A day of the month written in: `the 3rd`, `tanggal 3`.
    DayOfMonth(i8),
    /// A number of months from the month written in: `this month` (0), `last month` (-1),
    /// `18 months ago` (-18), `bulan depan` (1). Known to the month.
    Months(i32),
    /// A number of years from the year written in: `this year` (0), `tahun lalu` (-1). Known to
    /// the year.
    Years(i32),
}

/// Which of the days with a given weekday a sentence means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// Strictly before the day written: `last Monday`, `Senin lalu`.
    Before,
    /// Strictly after it: `next Monday`, `Senin depan`.
    After,
    /// The nearest, three days either way at most: `this Monday`, `Senin ini`.
    Nearest,
    /// By the sentence's tense: on or before the day written in the past tense, else the nearest.
    ByTense,
}

/// Why a relative date cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelativeDateError {
    /// No day to count from: the text's date is unknown, or known only to the month or year.
    #[error(
        "a relative date counts from the day its text was written, and that day is not known{}",
        .known.map(|date| format!(" (only {date})")).unwrap_or_default()
    )]
    Unanchored {
        /// The date of the text, when it is known less precisely than to the day.
        known: Option<PartialDate>,
    },
    /// A weekday written beside a date it is not the weekday of: `Senin (3/9)` in 2024.
    #[error("{date} is a {}, not a {}", english_name(*.actual), english_name(*.named))]
    WrongWeekday {
        /// The date written.
        date: Date,
        /// The weekday written.
        named: Weekday,
        /// The weekday of the date.
        actual: Weekday,
    },
    /// A day that the month does not have: `the 31st` in September.
    #[error("{year:04}-{month:02} has no day {day}")]
    NoSuchDay {
        /// The year.
        year: i16,
        /// The month.
        month: i8,
        /// The day of the month written.
        day: i8,
    },
    /// A date before the year 1 or after 9999.
    #[error("it falls outside the years 1 to 9999")]
    OutOfRange,
}

const ENGLISH_WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

const INDONESIAN_WEEKDAYS: [(&str, Weekday); 9] = [
    ("senin", Weekday::Monday),
    ("selasa", Weekday::Tuesday),
    ("rabu", Weekday::Wednesday),
    ("kamis", Weekday::Thursday),
    ("jumat", Weekday::Friday),
    ("jum'at", Weekday::Friday),
    ("sabtu", Weekday::Saturday),
    ("minggu", Weekday::Sunday),
    ("ahad", Weekday::Sunday),
];

/// The English name of a weekday, for messages.
fn english_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// What a unit word counts, for `N units ago`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn read(word: &str, language: Language) -> Option<Self> {
        let units: &[(&str, Unit)] = match language {
            Language::En => &[
                ("day", Unit::Day),
                ("days", Unit::Day),
                ("week", Unit::Week),
                ("weeks", Unit::Week),
                ("month", Unit::Month),
                ("months", Unit::Month),
                ("year", Unit::Year),
                ("years", Unit::Year),
            ],
            Language::Id => &[
                ("hari", Unit::Day),
                ("minggu", Unit::Week),
                ("pekan", Unit::Week),
                ("bulan", Unit::Month),
                ("tahun", Unit::Year),
            ],
        };
        units
            .iter()
            .find(|(name, _)| *name == word)
            .map(|&(_, unit)| unit)
    }

    fn back(self, count: i32) -> RelativeDate {
        match self {
            Unit::Day => RelativeDate::Days(-count),
            Unit::Week => RelativeDate::Days(-7 * count),
            Unit::Month => RelativeDate::Months(-count),
            Unit::Year => RelativeDate::Years(-count),
        }
    }
}

impl RelativeDate {
    /// Recognises a relative date at the start of `words` (folded, as [`crate::fold`] gives them),
    /// with the number of words it takes. The longest reading is taken.
    pub fn read(words: &[&str], language: Language) -> Option<(RelativeDate, usize)> {
        match language {
            Language::En => read_english(words),
            Language::Id => read_indonesian(words),
        }
    }

    /// The date this stands for, counting from `written` (the day the text was written), in a
    /// sentence of `tense`.
    pub fn resolve(
        self,
        written: Option<PartialDate>,
        tense: Tense,
    ) -> Result<PartialDate, RelativeDateError> {
        let written = match written {
            Some(date) if date.precision() == crate::date::Precision::Day => date.first_day(),
            known => return Err(RelativeDateError::Unanchored { known }),
        };
        let shifted = |span: Span| {
            written
                .checked_add(span)
                .map_err(|_| RelativeDateError::OutOfRange)
        };
        let day = |date: Date| {
            PartialDate::day(date.year(), date.month(), date.day())
                .map_err(|_| RelativeDateError::OutOfRange)
        };
        match self {
            RelativeDate::Days(days) => day(shifted(days.days())?),
            RelativeDate::Months(months) => {
                let date = shifted(months.months())?;
                PartialDate::month(date.year(), date.month())
                    .map_err(|_| RelativeDateError::OutOfRange)
            }
            RelativeDate::Years(years) => {
                let year = i32::from(written.year()) + years;
                i16::try_from(year)
                    .ok()
                    .and_then(|year| PartialDate::year(year).ok())
                    .ok_or(RelativeDateError::OutOfRange)
            }
            RelativeDate::DayOfMonth(number) => {
                PartialDate::day(written.year(), written.month(), number).map_err(|_| {
                    RelativeDateError::NoSuchDay {
                        year: written.year(),
                        month: written.month(),
                        day: number,
                    }
                })
            }
            RelativeDate::Weekday {
                day: named,
                stated: Some((number, month, year)),
                ..
            } => {
                let date = stated_date(written, number, month, year)?;
                if date.weekday() != named {
                    return Err(RelativeDateError::WrongWeekday {
                        date,
                        named,
                        actual: date.weekday(),
                    });
                }
                day(date)
            }
            RelativeDate::Weekday {
                day: named,
                way,
                stated: None,
            } => {
                let offsets: &[i32] = match (way, tense) {
                    (Way::Before, _) => &[-1, -2, -3, -4, -5, -6, -7],
                    (Way::After, _) => &[1, 2, 3, 4, 5, 6, 7],
                    (Way::ByTense, Tense::Past) => &[0, -1, -2, -3, -4, -5, -6],
                    (Way::Nearest | Way::ByTense, _) => &[0, -1, 1, -2, 2, -3, 3],
                };
                for &offset in offsets {
                    let date = shifted(offset.days())?;
                    if date.weekday() == named {
                        return day(date);
                    }
                }
                unreachable!("seven days in a row hold every weekday")
            }
        }
    }
}

/// The date of `Senin (2/9)`: the day and month in the year written (or the year stated), or in
/// the year before or after when that is nearer to the day written (an article of early January
/// speaking of 30 December).
fn stated_date(
    written: Date,
    day: i8,
    month: i8,
    year: Option<i16>,
) -> Result<Date, RelativeDateError> {
    let in_year = |year: i16| Date::new(year, month, day).ok();
    let candidates: Vec<Date> = match year {
        Some(year) => in_year(year).into_iter().collect(),
        None => [written.year() - 1, written.year(), written.year() + 1]
            .into_iter()
            .filter_map(in_year)
            .collect(),
    };
    candidates
        .into_iter()
        .min_by_key(|date| {
            (written - *date)
                .get_days()
                .unsigned_abs()
                .max((*date - written).get_days().unsigned_abs())
        })
        .ok_or(RelativeDateError::NoSuchDay {
            year: year.unwrap_or(written.year()),
            month,
            day,
        })
}

/// A count before a unit: digits, a number word of the language, or `a`/`an`/`one`.
fn count(word: &str, language: Language) -> Option<i32> {
    if !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    if language == Language::En && matches!(word, "a" | "an") {
        return Some(1);
    }
    grammar(language)
        .numbers
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, value)| value as i32)
}

/// `3rd`, `21st`, `2nd`, `4th`: a day of the month in English.
fn english_day_number(word: &str) -> Option<i8> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))?;
    day_number(digits)
}

fn day_number(word: &str) -> Option<i8> {
    if !(1..=2).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|day| (1..=31).contains(day))
}

/// `2/9` or `2/9/2024`, written beside a weekday in Indonesian news.
fn slashed_date(word: &str) -> Option<(i8, i8, Option<i16>)> {
    let parts: Vec<&str> = word.split('/').collect();
    let number = |part: &str| {
        (!part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i8>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [day, month] => Some((number(day)?, number(month)?, None)),
        [day, month, year] if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => {
            Some((number(day)?, number(month)?, year.parse().ok()))
        }
        _ => None,
    }
}

fn weekday(word: Option<&&str>, language: Language) -> Option<Weekday> {
    let word = *word?;
    let names: &[(&str, Weekday)] = match language {
        Language::En => &ENGLISH_WEEKDAYS,
        Language::Id => &INDONESIAN_WEEKDAYS,
    };
    names
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, day)| day)
}

fn read_english(words: &[&str]) -> Option<(RelativeDate, usize)> {
    let word = |at: usize| words.get(at).copied();
    match (word(0)?, word(1), word(2)) {
        ("today", ..) => return Some((RelativeDate::Days(0), 1)),
        ("yesterday", ..) => return Some((RelativeDate::Days(-1), 1)),
        ("tomorrow", ..) => return Some((RelativeDate::Days(1), 1)),
        ("the", Some(day), _) if english_day_number(day).is_some() => {
            return Some((RelativeDate::DayOfMonth(english_day_number(day)?), 2));
        }
        (which @ ("last" | "this" | "next"), Some(period @ ("month" | "year")), _)
        | ("earlier" | "later", Some(which @ "this"), Some(period @ ("month" | "year"))) => {
            let length = if which == "this" && word(0) != Some("this") {
                3
            } else {
                2
            };
            let step = match which {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            let date = if period == "month" {
                RelativeDate::Months(step)
            } else {
                RelativeDate::Years(step)
            };
            return Some((date, length));
        }
        (amount, Some(unit), Some("ago")) => {
            let unit = Unit::read(unit, Language::En)?;
            return Some((unit.back(count(amount, Language::En)?), 3));
        }
        _ => {}
    }
    // [last|next|this] [early|late] [on] WEEKDAY [morning|afternoon|evening|night]
    let mut at = 0;
    let way = match word(0)? {
        "last" => Way::Before,
        "next" => Way::After,
        "this" => Way::Nearest,
        _ => Way::ByTense,
    };
    if way != Way::ByTense {
        at += 1;
    }
    if matches!(word(at), Some("early" | "late")) {
        at += 1;
        if word(at) == Some("on") {
            at += 1;
        }
    }
    let day = weekday(words.get(at), Language::En)?;
    at += 1;
    if matches!(
        word(at),
        Some("morning" | "afternoon" | "evening" | "night")
    ) {
        at += 1;
    }
    Some((
        RelativeDate::Weekday {
            day,
            way,
            stated: None,
        },
        at,
    ))
}

fn read_indonesian(words: &[&str]) -> Option<(RelativeDate, usize)> {
    let word = |at: usize| words.get(at).copied();
    let step = |word: Option<&str>| match word {
        Some("lalu" | "kemarin") => Some(-1),
        Some("ini") => Some(0),
        Some("depan") => Some(1),
        _ => None,
    };
    match (word(0)?, word(1), word(2)) {
        ("hari", Some("ini"), _) => return Some((RelativeDate::Days(0), 2)),
        ("kemarin", ..) => return Some((RelativeDate::Days(-1), 1)),
        ("besok", ..) => return Some((RelativeDate::Days(1), 1)),
        ("lusa", ..) => return Some((RelativeDate::Days(2), 1)),
        ("tanggal", Some(day), next)
            if day_number(day).is_some() && next.and_then(month_number).is_none() =>
        {
            return Some((RelativeDate::DayOfMonth(day_number(day)?), 2));
        }
        ("awal" | "akhir", Some(period @ ("bulan" | "tahun")), Some("ini")) => {
            let date = if period == "bulan" {
                RelativeDate::Months(0)
            } else {
                RelativeDate::Years(0)
            };
            return Some((date, 3));
        }
        (period @ ("bulan" | "tahun"), which, _) if step(which).is_some() => {
            let step = step(which)?;
            let date = if period == "bulan" {
                RelativeDate::Months(step)
            } else {
                RelativeDate::Years(step)
            };
            return Some((date, 2));
        }
        _ => {}
    }
    // N hari/minggu/bulan/tahun [yang] lalu|silam; setahun, sebulan, sepekan, seminggu lalu
    let single = |word: &str| {
        word.strip_prefix("se")
            .and_then(|unit| Unit::read(unit, Language::Id))
    };
    let ago = |at: usize| match (word(at), word(at + 1)) {
        (Some("lalu" | "silam"), _) => Some(1),
        (Some("yang"), Some("lalu" | "silam")) => Some(2),
        _ => None,
    };
    if let Some(unit) = single(word(0)?)
        && let Some(length) = ago(1)
    {
        return Some((unit.back(1), 1 + length));
    }
    if let Some(amount) = count(word(0)?, Language::Id)
        && let Some(unit) = word(1).and_then(|unit| Unit::read(unit, Language::Id))
        && let Some(length) = ago(2)
    {
        return Some((unit.back(amount), 2 + length));
    }
    // [hari | pagi | siang | sore | malam] WEEKDAY [pagi|siang|sore|malam|dini hari]
    // [(D/M[/Y]) | lalu | kemarin | depan | ini]
    let mut at = usize::from(matches!(
        word(0),
        Some("hari" | "pagi" | "siang" | "sore" | "malam")
    ));
    let day = weekday(words.get(at), Language::Id)?;
    at += 1;
    match (word(at), word(at + 1)) {
        (Some("pagi" | "siang" | "sore" | "malam"), _) => at += 1,
        (Some("dini"), Some("hari")) => at += 2,
        _ => {}
    }
    let (way, stated) = match word(at) {
        Some(date) if slashed_date(date).is_some() => {
            at += 1;
            (Way::ByTense, slashed_date(date))
        }
        Some("lalu" | "kemarin") => {
            at += 1;
            (Way::Before, None)
        }
        Some("depan") => {
            at += 1;
            (Way::After, None)
        }
        Some("ini") => {
            at += 1;
            (Way::Nearest, None)
        }
        _ => (Way::ByTense, None),
    };
    Some((RelativeDate::Weekday { day, way, stated }, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` in `language` as written on `written`, in a sentence of `tense`.
    fn resolved(text: &str, language: Language, written: &str, tense: Tense) -> String {
        let folded = crate::fold(text);
        let words: Vec<&str> = folded.split(' ').collect();
        let (date, length) = RelativeDate::read(&words, language).expect(text);
        assert_eq!(length, words.len(), "{text} is read whole");
        match date.resolve(Some(written.parse().unwrap()), tense) {
            Ok(date) => date.to_string(),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn weekdays_follow_the_tense_unless_the_text_says_which() {
        // 2024-09-02 was a Monday.
        let past = |text| resolved(text, Language::En, "2024-09-03", Tense::Past);
        assert_eq!(past("late Monday"), "2024-09-02");
        assert_eq!(past("Tuesday"), "2024-09-03");
        assert_eq!(past("Wednesday"), "2024-08-28");
        assert_eq!(past("last Tuesday"), "2024-08-27");
        let present = |text| resolved(text, Language::En, "2024-09-02", Tense::Present);
        assert_eq!(present("Tuesday"), "2024-09-03");
        assert_eq!(present("Friday"), "2024-08-30");
        assert_eq!(present("next Monday"), "2024-09-09");
        assert_eq!(present("early on Thursday morning"), "2024-09-05");
    }

    #[test]
    fn indonesian_weekdays_and_the_date_beside_them() {
        let past = |text| resolved(text, Language::Id, "2024-08-19", Tense::Past);
        assert_eq!(past("Minggu (18/8)"), "2024-08-18");
        assert_eq!(past("hari Senin"), "2024-08-19");
        assert_eq!(past("Minggu malam"), "2024-08-18");
        assert_eq!(past("malam Minggu (18/8)"), "2024-08-18");
        assert_eq!(past("Senin lalu"), "2024-08-12");
        assert_eq!(past("Senin (18/8)"), "2024-08-18 is a Sunday, not a Monday");
        assert_eq!(
            resolved("Selasa (31/12)", Language::Id, "2025-01-02", Tense::Past),
            "2024-12-31"
        );
    }

    #[test]
    fn days_months_and_years_keep_their_precision() {
        let en = |text| resolved(text, Language::En, "2024-09-02", Tense::Past);
        assert_eq!(en("yesterday"), "2024-09-01");
        assert_eq!(en("18 months ago"), "2023-03");
        assert_eq!(en("two weeks ago"), "2024-08-19");
        assert_eq!(en("a year ago"), "2023");
        assert_eq!(en("last month"), "2024-08");
        assert_eq!(en("earlier this year"), "2024");
        assert_eq!(en("the 3rd"), "2024-09-03");
        assert_eq!(en("the 31st"), "2024-09 has no day 31");
        let id = |text| resolved(text, Language::Id, "2024-09-02", Tense::Past);
        assert_eq!(id("kemarin"), "2024-09-01");
        assert_eq!(id("tahun lalu"), "2023");
        assert_eq!(id("18 bulan yang lalu"), "2023-03");
        assert_eq!(id("setahun lalu"), "2023");
        assert_eq!(id("tanggal 3"), "2024-09-03");
        assert_eq!(id("bulan depan"), "2024-10");
    }

    #[test]
    fn a_relative_date_needs_the_day_it_counts_from() {
        let (date, _) = RelativeDate::read(&["yesterday"], Language::En).unwrap();
        assert_eq!(
            date.resolve(Some("2024-09".parse().unwrap()), Tense::Past)
                .unwrap_err()
                .to_string(),
            "a relative date counts from the day its text was written, and that day is not known (only 2024-09)"
        );
        assert!(RelativeDate::read(&["tanggal", "3", "september"], Language::Id).is_none());
        assert!(RelativeDate::read(&["2024"], Language::En).is_none());
    }
}
