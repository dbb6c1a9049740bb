//! `draft`: a claim document drafted from an article's text, for review.

use std::path::PathBuf;

use claims_parser::{Language, PartialDate};
use jiff::civil::Date;
use verifier::Dates;
use verifier::draft::{Checked, DraftOptions};
use verifier::load::slash_path;

use crate::{DEFAULT_ARTICLES, InputError, Reference, check_all, default_path, load_reference};

/// What `draft` is given.
#[derive(Debug, Clone)]
pub struct DraftInput {
    /// The article's text file.
    pub article: PathBuf,
    /// Its language, if known.
    pub language: Option<Language>,
    /// The day it was published, if known.
    pub published: Option<Date>,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Its address, if known.
    pub url: Option<String>,
    /// The reference data (default: `claims/reference`).
    pub reference: Reference,
    /// Claim documents already checked (default: `claims/articles`, when found).
    pub articles: Vec<PathBuf>,
    /// The day that stands in for a publication date not given.
    pub today: Date,
}

/// Drafts a claim document from an article's text: the YAML to review.
pub fn draft(input: &DraftInput) -> Result<String, InputError> {
    let file = slash_path(&input.article);
    let text = verifier::yaml::read_text(&input.article)
        .map_err(|error| InputError(format!("error: {file}: {}", error.message)))?;
    let kb = load_reference(&input.reference)?;
    let articles = if input.articles.is_empty() {
        // Checked claims are looked for where they usually are; a draft needs none.
        default_path(DEFAULT_ARTICLES).into_iter().collect()
    } else {
        input.articles.clone()
    };
    let reports = if articles.is_empty() {
        Vec::new()
    } else {
        check_all(&kb, &articles, Dates::default(), false)?
    };
    let checked = Checked::from_reports(&reports, kb.lexicon());
    let options = DraftOptions {
        language: input.language,
        published: PartialDate::from(input.published.unwrap_or(input.today)),
        published_given: input.published.is_some(),
        title: input.title.clone(),
        url: input.url.clone(),
        file,
    };
    Ok(verifier::draft::draft(&text, &kb, &checked, options).to_yaml())
}
