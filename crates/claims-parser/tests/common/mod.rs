//! A lexicon of the seed article's reference data, built in code so that the parser's tests stand
//! on their own.

use claims_parser::{Language, LexRelation, Lexicon, LexiconBuilder, RelationKind, Tense};

/// id, name, kind, English aliases, Indonesian aliases.
type EntityRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const ENTITIES: &[EntityRow] = &[
    (
        "vladimir-putin",
        "Vladimir Putin",
        "person",
        &["Vladimir Putin", "Putin"],
        &["Vladimir Putin", "Putin"],
    ),
    (
        "ilham-aliyev",
        "Ilham Aliyev",
        "person",
        &["Ilham Aliyev"],
        &["Ilham Aliyev"],
    ),
    (
        "heydar-aliyev",
        "Heydar Aliyev",
        "person",
        &["Heydar Aliyev"],
        &["Heydar Aliyev"],
    ),
    (
        "azerbaijan",
        "Azerbaijan",
        "country",
        &["Azerbaijan"],
        &["Azerbaijan"],
    ),
    ("armenia", "Armenia", "country", &["Armenia"], &["Armenia"]),
    ("russia", "Russia", "country", &["Russia"], &["Rusia"]),
    (
        "mongolia",
        "Mongolia",
        "country",
        &["Mongolia"],
        &["Mongolia"],
    ),
    (
        "ukhnaagiin-khurelsukh",
        "Ukhnaagiin Khurelsukh",
        "person",
        &["Ukhnaagiin Khurelsukh", "Khurelsukh"],
        &["Ukhnaagiin Khurelsukh", "Khurelsukh"],
    ),
    (
        "united-states",
        "United States",
        "country",
        &["United States", "USA"],
        &["Amerika Serikat"],
    ),
    ("africa", "Africa", "region", &["Africa"], &["Afrika"]),
    (
        "rome-statute",
        "Rome Statute",
        "treaty",
        &[
            "Rome Statute",
            "the Rome Statute",
            "Rome Statute of the International Criminal Court",
        ],
        &["Statuta Roma", "perjanjian Statuta Roma"],
    ),
    (
        "icc",
        "International Criminal Court",
        "court",
        &["International Criminal Court", "ICC", "the ICC"],
        &["Mahkamah Pidana Internasional", "ICC"],
    ),
    (
        "kremlin",
        "Kremlin",
        "organization",
        &["the Kremlin", "Kremlin"],
        &["Kremlin"],
    ),
    (
        "armenian-separatists",
        "Armenian separatists",
        "group",
        &["Armenian separatists"],
        &["separatis Armenia"],
    ),
    (
        "nagorno-karabakh",
        "Nagorno-Karabakh",
        "territory",
        &["Nagorno-Karabakh"],
        &["Nagorno-Karabakh"],
    ),
    (
        "working-visit",
        "working visit",
        "visit-type",
        &["working visit"],
        &["kunjungan kerja"],
    ),
    (
        "state-visit",
        "state visit",
        "visit-type",
        &["state visit"],
        &["kunjungan kenegaraan"],
    ),
    (
        "stmt-visit-agenda",
        "The visit will discuss the settlement between Azerbaijan and Armenia",
        "statement",
        &["the visit will discuss the settlement between Azerbaijan and Armenia"],
        &["kunjungan ini akan membahas penyelesaian antara Azerbaijan dan Armenia"],
    ),
    ("baku-city", "Baku", "city", &["Baku"], &["Baku"]),
    (
        "aliyev-ambiguous-a",
        "Aliyev (a)",
        "person",
        &["Aliyev"],
        &[],
    ),
    (
        "aliyev-ambiguous-b",
        "Aliyev (b)",
        "person",
        &["Aliyev"],
        &[],
    ),
];

type Phrasings = &'static [(Language, Tense, &'static str)];

/// id, kind, subject kind, object kind, phrasings.
type RelationRow = (
    &'static str,
    RelationKind,
    Option<&'static str>,
    Option<&'static str>,
    Phrasings,
);

const RELATIONS: &[RelationRow] = &[
    (
        "party_to",
        RelationKind::State,
        Some("country"),
        Some("treaty"),
        &[
            (
                Language::En,
                Tense::Present,
                "{subject} is {not} a {object} party",
            ),
            (
                Language::En,
                Tense::Present,
                "{subject} is {not} a party to {object}",
            ),
            (
                Language::En,
                Tense::Past,
                "{subject} was {not} a party to {object}",
            ),
            (Language::En, Tense::Present, "{object} parties"),
            (Language::En, Tense::Present, "parties to {object}"),
            (
                Language::Id,
                Tense::Present,
                "{subject} {not} negara pihak {object}",
            ),
            (Language::Id, Tense::Present, "negara pihak {object}"),
        ],
    ),
    (
        "signatory_of",
        RelationKind::State,
        Some("country"),
        Some("treaty"),
        &[
            (
                Language::En,
                Tense::Present,
                "{subject} is {not} a signatory of {object}",
            ),
            (
                Language::Id,
                Tense::Present,
                "{subject} {not} penanda tangan {object}",
            ),
        ],
    ),
    (
        "president_of",
        RelationKind::State,
        Some("person"),
        Some("country"),
        &[
            (
                Language::En,
                Tense::Present,
                "{subject} is {not} president of {object}",
            ),
            (
                Language::En,
                Tense::Present,
                "{subject} has {not} been president of {object}",
            ),
            (
                Language::En,
                Tense::Past,
                "{subject} was {not} president of {object}",
            ),
            (
                Language::Id,
                Tense::Present,
                "{subject} {not} presiden {object}",
            ),
            (Language::Id, Tense::Present, "presiden {object} {subject}"),
            (
                Language::Id,
                Tense::Past,
                "{subject} {not} mantan presiden {object}",
            ),
        ],
    ),
    (
        "father_of",
        RelationKind::Timeless,
        Some("person"),
        Some("person"),
        &[
            (
                Language::En,
                Tense::Present,
                "{subject} is {not} the father of {object}",
            ),
            (
                Language::Id,
                Tense::Present,
                "{subject} {not} ayah {object}",
            ),
        ],
    ),
    (
        "visited",
        RelationKind::Event,
        Some("person"),
        Some("country"),
        &[
            (Language::En, Tense::Past, "{subject} visited {object}"),
            (Language::En, Tense::Past, "{subject} arrived in {object}"),
            (
                Language::En,
                Tense::Past,
                "{subject} {not} visited {object}",
            ),
            (
                Language::En,
                Tense::Past,
                "{subject} did {not} visit {object}",
            ),
            (
                Language::En,
                Tense::Present,
                "{ordinal} visit of {subject} to {object}",
            ),
            (
                Language::Id,
                Tense::Past,
                "{subject} {not} mengunjungi {object}",
            ),
            (
                Language::Id,
                Tense::Present,
                "kunjungan {ordinal} {subject} ke {object}",
            ),
        ],
    ),
    (
        "arrived_in",
        RelationKind::Event,
        Some("person"),
        Some("city"),
        &[
            (Language::En, Tense::Past, "{subject} arrived in {object}"),
            (Language::Id, Tense::Past, "{subject} tiba di {object}"),
        ],
    ),
    (
        "subject_of_arrest_warrant",
        RelationKind::State,
        Some("person"),
        Some("court"),
        &[
            (
                Language::En,
                Tense::Present,
                "{subject} has {not} been subject of an {object} arrest warrant",
            ),
            (
                Language::Id,
                Tense::Present,
                "{subject} {not} berada di bawah surat perintah penangkapan dari {object}",
            ),
        ],
    ),
    (
        "controlled",
        RelationKind::State,
        None,
        Some("territory"),
        &[
            (Language::En, Tense::Past, "{subject} controlled {object}"),
            (Language::Id, Tense::Past, "{subject} menguasai {object}"),
        ],
    ),
    (
        "said",
        RelationKind::Event,
        None,
        Some("statement"),
        &[
            (Language::En, Tense::Past, "{subject} said that {object}"),
            (
                Language::Id,
                Tense::Past,
                "{subject} mengatakan bahwa {object}",
            ),
        ],
    ),
    (
        "located_in",
        RelationKind::Timeless,
        Some("country"),
        Some("region"),
        &[
            (
                Language::En,
                Tense::Present,
                "{subject} is {not} in {object}",
            ),
            (
                Language::Id,
                Tense::Present,
                "{subject} {not} berada di {object}",
            ),
            (Language::Id, Tense::Present, "{subject} {not} di {object}"),
        ],
    ),
    (
        "population",
        RelationKind::Quantity,
        Some("country"),
        None,
        &[
            (Language::En, Tense::Present, "population of {subject}"),
            (Language::Id, Tense::Present, "jumlah penduduk {subject}"),
        ],
    ),
];

/// Entity id, language, demonym.
const DEMONYMS: &[(&str, Language, &str)] = &[
    ("mongolia", Language::En, "Mongolian"),
    ("russia", Language::En, "Russian"),
];

/// Relation id, language, title.
const TITLES: &[(&str, Language, &str)] = &[
    ("president_of", Language::En, "{object} president {subject}"),
    ("president_of", Language::Id, "presiden {object} {subject}"),
];

/// Relation id, language, phrasing that names a side in words, the entity it names.
const NAMING: &[(&str, Language, &str, &str)] = &[
    (
        "party_to",
        Language::En,
        "{subject} is {not} an ICC member state",
        "rome-statute",
    ),
    (
        "party_to",
        Language::En,
        "{subject} is {not} a member of the ICC",
        "rome-statute",
    ),
    (
        "party_to",
        Language::Id,
        "{subject} {not} negara anggota ICC",
        "rome-statute",
    ),
];

/// The seed lexicon.
pub fn lexicon() -> Lexicon {
    let mut builder = LexiconBuilder::new();
    for (id, name, kind, english, indonesian) in ENTITIES {
        builder.entity(id, name, kind);
        for alias in *english {
            builder.alias(id, Language::En, alias).unwrap();
        }
        for alias in *indonesian {
            builder.alias(id, Language::Id, alias).unwrap();
        }
    }
    for (id, kind, subject_kind, object_kind, phrasings) in RELATIONS {
        let mut relation = LexRelation::new(id, *kind);
        relation.subject_kind = subject_kind.map(str::to_owned);
        relation.object_kind = object_kind.map(str::to_owned);
        if *kind == RelationKind::Quantity {
            relation.unit = Some("person".to_owned());
        }
        builder.relation(relation);
        for (language, tense, template) in *phrasings {
            builder.phrasing(id, *language, *tense, template).unwrap();
        }
    }
    for (id, language, demonym) in DEMONYMS {
        builder.demonym(id, *language, demonym).unwrap();
    }
    for (id, language, title) in TITLES {
        builder.title(id, *language, title).unwrap();
    }
    for (id, language, phrasing, entity) in NAMING {
        builder
            .naming_phrasing(id, *language, phrasing, entity)
            .unwrap();
    }
    builder.build()
}
