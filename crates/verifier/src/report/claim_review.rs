//! schema.org ClaimReview JSON-LD, the format fact-checkers publish for search engines.

use crate::check::DocumentReport;
use crate::verdict::ClaimVerdict;

/// schema.org ClaimReview JSON-LD, one object per checkable claim, by `reviewer`, published on
/// `reviewed_on`.
pub fn claim_review(
    reports: &[DocumentReport],
    reviewer: &str,
    reviewed_on: jiff::civil::Date,
) -> String {
    let mut reviews = Vec::new();
    for report in reports {
        let article = &report.article;
        for claim in report
            .claims
            .iter()
            .filter(|claim| claim.verdict != ClaimVerdict::NotCheckable)
        {
            let rating_value = match claim.verdict {
                ClaimVerdict::True => Some(5),
                ClaimVerdict::Mixed => Some(3),
                ClaimVerdict::False => Some(1),
                _ => None,
            };
            let mut rating = serde_json::json!({
                "@type": "Rating",
                "alternateName": claim.verdict.name(),
                "bestRating": 5,
                "worstRating": 1,
            });
            if let Some(value) = rating_value {
                rating["ratingValue"] = value.into();
            }
            let body = claim.today.as_ref().map(|today| {
                let change = if today.changed {
                    "changed since publication"
                } else {
                    "unchanged"
                };
                format!(
                    "Verdict as of {}: {} ({change}).",
                    today.as_of, today.verdict
                )
            });
            let mut appearance = serde_json::json!({
                "@type": "CreativeWork",
                "headline": article.title,
                "datePublished": article.published.to_string(),
            });
            if let Some(url) = &article.url {
                appearance["url"] = url.as_str().into();
            }
            if let Some(publisher) = &article.publisher {
                appearance["publisher"] =
                    serde_json::json!({ "@type": "Organization", "name": publisher });
            }
            reviews.push(serde_json::json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "datePublished": reviewed_on.to_string(),
                "claimReviewed": claim.translation.as_deref().unwrap_or(&claim.quote),
                "author": { "@type": "Organization", "name": reviewer },
                "itemReviewed": {
                    "@type": "Claim",
                    "datePublished": article.published.to_string(),
                    "appearance": appearance,
                },
                "reviewRating": rating,
            }));
            if let (Some(body), Some(review)) = (body, reviews.last_mut()) {
                review["reviewBody"] = body.into();
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&reviews).expect("reviews serialize");
    text.push('\n');
    text
}
