//! The fixed words of the assertion language in each [`Language`]: negations, time clauses,
//! comparisons, numbers and units. Relation phrasings are not here: they come from the lexicon.

use crate::ast::{Comparison, Ordinal, Unit};

/// What a negation word makes of a phrasing, as a reader takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Negation {
    /// `not`, `bukan`: the phrasing denied at its time (the judgment date if none is stated).
    Not,
    /// `never`, `belum pernah`: denied at its time, or at every time up to the judgment date.
    Never,
    /// `no longer`, `tidak lagi`: held before the judgment date and not on it.
    NoLonger,
}
use crate::lexicon::Language;

/// A phrase of one or more folded words.
pub(crate) type Phrase = &'static [&'static str];

/// The fixed words of one language.
pub(crate) struct Grammar {
    /// Words that negate where a template has `{not}`, with what each says.
    pub(crate) negations: &'static [(Phrase, Negation)],
    /// Words for `{ordinal}`.
    pub(crate) ordinals: &'static [(&'static str, Ordinal)],
    /// Introduce a point in time: `on`, `as of`, `pada`.
    pub(crate) at: &'static [Phrase],
    /// Introduce the start of a continuing state: `since`, `sejak`.
    pub(crate) since: &'static [Phrase],
    /// Introduce a span's start: `from`, `dari`; and its end: `to`, `hingga`.
    pub(crate) span_from: &'static [Phrase],
    pub(crate) span_to: &'static [Phrase],
    /// Introduce a duration: `for`, `selama`.
    pub(crate) duration: &'static [Phrase],
    /// Words that may stand between a preposition and a date: `bulan`, `tanggal`.
    pub(crate) date_nouns: &'static [&'static str],
    /// `before` and `after` for ordinal assertions.
    pub(crate) before: &'static [Phrase],
    pub(crate) after: &'static [Phrase],
    /// Optional article before a noun phrase: `the`.
    pub(crate) article: &'static [Phrase],
    /// Determiners that may stand before a name without changing what it names: `the ICC`. An
    /// alias that itself begins with one (`the Treaty`) still matches whole.
    pub(crate) determiners: &'static [Phrase],
    /// The words that open a count: `number of`, `jumlah`.
    pub(crate) count_opener: &'static [Phrase],
    /// Copulas before a date or a quantity: `was`, `is`, `adalah`.
    pub(crate) copulas: &'static [Phrase],
    /// Whether the copula is required.
    pub(crate) copula_required: bool,
    /// Comparisons before a number.
    pub(crate) comparisons: &'static [(Phrase, Comparison)],
    /// Number words.
    pub(crate) numbers: &'static [(&'static str, f64)],
    /// Multipliers after a number.
    pub(crate) multipliers: &'static [(&'static str, f64)],
    /// Time units, with how many of the canonical unit each stands for.
    pub(crate) units: &'static [(&'static str, Unit, f64)],
    /// The decimal separator in numbers (the other of `.` and `,` separates thousands).
    pub(crate) decimal: char,
}

const ENGLISH: Grammar = Grammar {
    negations: &[
        (&["not"], Negation::Not),
        (&["no"], Negation::Not),
        (&["never"], Negation::Never),
        (&["no", "longer"], Negation::NoLonger),
    ],
    ordinals: &[
        ("last", Ordinal::Last),
        ("latest", Ordinal::Last),
        ("previous", Ordinal::Last),
        ("first", Ordinal::First),
        ("earliest", Ordinal::First),
    ],
    at: &[&["on"], &["as", "of"], &["in"], &["at"]],
    since: &[&["since"]],
    span_from: &[&["from"], &["between"]],
    span_to: &[&["to"], &["until"], &["till"], &["through"], &["and"]],
    duration: &[&["for"]],
    date_nouns: &[],
    before: &[&["before"], &["prior", "to"]],
    after: &[&["after"], &["since"]],
    article: &[&["the"]],
    determiners: &[&["the"], &["a"], &["an"]],
    count_opener: &[&["number", "of"]],
    copulas: &[
        &["was"],
        &["is"],
        &["were"],
        &["are"],
        &["took", "place"],
        &["stood", "at"],
    ],
    copula_required: true,
    comparisons: &[
        (&["about"], Comparison::About),
        (&["around"], Comparison::About),
        (&["approximately"], Comparison::About),
        (&["roughly"], Comparison::About),
        (&["some"], Comparison::About),
        (&["more", "than"], Comparison::MoreThan),
        (&["over"], Comparison::MoreThan),
        (&["at", "least"], Comparison::AtLeast),
        (&["fewer", "than"], Comparison::LessThan),
        (&["less", "than"], Comparison::LessThan),
        (&["under"], Comparison::LessThan),
        (&["at", "most"], Comparison::AtMost),
        (&["exactly"], Comparison::Exactly),
    ],
    numbers: &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
    ],
    multipliers: &[("thousand", 1e3), ("million", 1e6), ("billion", 1e9)],
    units: &[
        ("year", Unit::Year, 1.0),
        ("years", Unit::Year, 1.0),
        ("decade", Unit::Year, 10.0),
        ("decades", Unit::Year, 10.0),
        ("month", Unit::Month, 1.0),
        ("months", Unit::Month, 1.0),
        ("week", Unit::Week, 1.0),
        ("weeks", Unit::Week, 1.0),
        ("day", Unit::Day, 1.0),
        ("days", Unit::Day, 1.0),
    ],
    decimal: '.',
};

const INDONESIAN: Grammar = Grammar {
    negations: &[
        (&["bukan"], Negation::Not),
        (&["bukanlah"], Negation::Not),
        (&["tidak"], Negation::Not),
        (&["tidaklah"], Negation::Not),
        (&["belum"], Negation::Not),
        (&["tak"], Negation::Not),
        (&["belum", "pernah"], Negation::Never),
        (&["tidak", "pernah"], Negation::Never),
        (&["tak", "pernah"], Negation::Never),
        (&["tidak", "lagi"], Negation::NoLonger),
        (&["tak", "lagi"], Negation::NoLonger),
        (&["bukan", "lagi"], Negation::NoLonger),
        (&["sudah", "tidak"], Negation::NoLonger),
        (&["sudah", "bukan"], Negation::NoLonger),
    ],
    ordinals: &[
        ("terakhir", Ordinal::Last),
        ("sebelumnya", Ordinal::Last),
        ("pertama", Ordinal::First),
    ],
    at: &[&["pada"], &["per"], &["di"]],
    since: &[&["sejak"]],
    span_from: &[&["dari"], &["antara"], &["pada"]],
    span_to: &[&["hingga"], &["sampai", "dengan"], &["sampai"], &["dan"]],
    duration: &[&["selama"]],
    date_nouns: &["tanggal", "bulan", "tahun"],
    before: &[&["sebelum"]],
    after: &[&["setelah"], &["sesudah"], &["sejak"]],
    article: &[],
    determiners: &[],
    count_opener: &[&["jumlah"], &["banyaknya"]],
    copulas: &[
        &["adalah"],
        &["ialah"],
        &["yaitu"],
        &["terjadi"],
        &["berlangsung"],
        &["sebanyak"],
        &["sebesar"],
        &["mencapai"],
        &["berjumlah"],
    ],
    copula_required: false,
    comparisons: &[
        (&["sekitar"], Comparison::About),
        (&["kira-kira"], Comparison::About),
        (&["kurang", "lebih"], Comparison::About),
        (&["hampir"], Comparison::About),
        (&["lebih", "dari"], Comparison::MoreThan),
        (&["setidaknya"], Comparison::AtLeast),
        (&["sedikitnya"], Comparison::AtLeast),
        (&["paling", "sedikit"], Comparison::AtLeast),
        (&["minimal"], Comparison::AtLeast),
        (&["kurang", "dari"], Comparison::LessThan),
        (&["paling", "banyak"], Comparison::AtMost),
        (&["maksimal"], Comparison::AtMost),
        (&["tepat"], Comparison::Exactly),
    ],
    numbers: &[
        ("satu", 1.0),
        ("dua", 2.0),
        ("tiga", 3.0),
        ("empat", 4.0),
        ("lima", 5.0),
        ("enam", 6.0),
        ("tujuh", 7.0),
        ("delapan", 8.0),
        ("sembilan", 9.0),
        ("sepuluh", 10.0),
    ],
    multipliers: &[
        ("ribu", 1e3),
        ("juta", 1e6),
        ("miliar", 1e9),
        ("milyar", 1e9),
    ],
    units: &[
        ("tahun", Unit::Year, 1.0),
        ("dekade", Unit::Year, 10.0),
        ("dasawarsa", Unit::Year, 10.0),
        ("bulan", Unit::Month, 1.0),
        ("minggu", Unit::Week, 1.0),
        ("pekan", Unit::Week, 1.0),
        ("hari", Unit::Day, 1.0),
    ],
    decimal: ',',
};

/// The fixed words of `language`.
pub(crate) fn grammar(language: Language) -> &'static Grammar {
    match language {
        Language::En => &ENGLISH,
        Language::Id => &INDONESIAN,
    }
}

impl Grammar {
    /// Words that open a time clause: where a name at the end of a phrasing stops.
    pub(crate) fn clause_openers(&self) -> impl Iterator<Item = &'static str> + '_ {
        [
            self.at,
            self.since,
            self.span_from,
            self.duration,
            self.before,
            self.after,
        ]
        .into_iter()
        .flatten()
        .map(|phrase| phrase[0])
    }
}
