//! Writing a draft as a claim document: YAML that `check` loads as it is, with what a reviewer
//! needs as comments. Checkable claims with no proposal are written commented out, to be completed.

use std::fmt::Write;

use claims_parser::Language;

use super::rules::rules;
use super::{Class, Draft, DraftClaim};
use crate::yaml::scalar;

impl Draft {
    /// The draft as a claim document in YAML, with comments for the reviewer.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        self.header(&mut out);
        let options = &self.options;
        let title = options
            .title
            .clone()
            .unwrap_or_else(|| format!("{} (headline not given)", options.file));
        let _ = writeln!(out, "article:");
        let _ = writeln!(out, "  title: {}", scalar(&title));
        if let Some(url) = &options.url {
            let _ = writeln!(out, "  url: {}", scalar(url));
        }
        let _ = writeln!(out, "  published: \"{}\"", options.published);
        let _ = writeln!(out, "  language: {}", self.language);
        let _ = writeln!(out);
        if !self.claims.iter().any(active) {
            let _ = writeln!(out, "claims: []");
        } else {
            let _ = writeln!(out, "claims:");
        }
        for claim in &self.claims {
            let _ = writeln!(out);
            write_claim(&mut out, claim, self.language);
        }
        out
    }

    fn header(&self, out: &mut String) {
        let cues = &rules(self.language).cues;
        let checkable = self
            .claims
            .iter()
            .filter(|c| c.class.is_checkable())
            .count();
        let proposed: usize = self.claims.iter().map(|c| c.proposals.len()).sum();
        let plural = |count: usize, one: &str, many: &str| {
            if count == 1 {
                format!("{count} {one}")
            } else {
                format!("{count} {many}")
            }
        };
        let _ = writeln!(
            out,
            "# A draft claim document, made by `factcheck draft` from {}: {}, {checkable} of them",
            self.options.file,
            plural(self.claims.len(), "claim", "claims")
        );
        let _ = writeln!(
            out,
            "# checkable, with {}. Nothing here is a verdict, and every line is to",
            plural(proposed, "proposed assertion", "proposed assertions")
        );
        let _ = writeln!(
            out,
            "# review: check each quote against the article, keep, rewrite or drop each proposed assertion"
        );
        let _ = writeln!(
            out,
            "# (its canonical form is beside it), and write the assertions of the checkable claims that have"
        );
        let _ = writeln!(out, "# none, which are commented out until then.");
        let _ = writeln!(out, "#");
        let _ = writeln!(out, "# Classes, by the cue words of the language:");
        for (name, cue) in [
            ("attribution (checkable)", &cues.attribution),
            ("schedule (checkable)", &cues.schedule),
            ("hope", &cues.hope),
            ("prediction", &cues.prediction),
            ("opinion", &cues.opinion),
            ("vague", &cues.vague),
        ] {
            let _ = writeln!(out, "#   {name}: {}", cue.explain);
        }
        let _ = writeln!(
            out,
            "#   A sentence with no cue word is checkable if it names an entity, a date or a number, else vague."
        );
        if self.language_guessed {
            let name = match self.language {
                Language::En => "English",
                Language::Id => "Indonesian",
            };
            let _ = writeln!(
                out,
                "#\n# The article was read as {name}, told from its words: --lang chooses."
            );
        }
        if !self.options.published_given {
            let _ = writeln!(
                out,
                "#\n# The publication date was not given (--published): today stands in for it, and relative"
            );
            let _ = writeln!(
                out,
                "# dates count from it. Correct it, and check those dates."
            );
        }
        let _ = writeln!(out);
    }
}

/// Whether a claim is written as data, not commented out.
fn active(claim: &DraftClaim) -> bool {
    !claim.class.is_checkable() || !claim.proposals.is_empty()
}

fn write_claim(out: &mut String, claim: &DraftClaim, language: Language) {
    if !claim.names.is_empty() {
        let names: Vec<String> = claim
            .names
            .iter()
            .map(|(text, id)| format!("{text} ({id})"))
            .collect();
        let _ = writeln!(out, "  # names: {}", names.join(", "));
    }
    if !claim.unknown_names.is_empty() {
        let _ = writeln!(
            out,
            "  # names the reference data lacks, with a skeleton to add (factcheck ref new entity):"
        );
        for name in &claim.unknown_names {
            let folded = claims_parser::fold(name);
            let id = folded
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let _ = writeln!(
                out,
                "  #   - {{id: {id}, name: {}, kind: KIND, aliases: {{{language}: [{}]}}}}",
                scalar(name),
                scalar(name)
            );
        }
    }
    if !claim.dates.is_empty() {
        let dates: Vec<String> = claim
            .dates
            .iter()
            .map(|(text, date)| format!("{text} = {date}"))
            .collect();
        let _ = writeln!(out, "  # dates: {}", dates.join(", "));
    }
    for closest in &claim.closest {
        let _ = writeln!(
            out,
            "  # checked before: {}#{} ({}): {}",
            closest.file, closest.id, closest.verdict, closest.why
        );
    }
    let class = match (claim.class, &claim.cue) {
        (Class::Attribution, Some(cue)) => format!("checkable as an attribution ('{cue}')"),
        (Class::Schedule, Some(cue)) => format!("checkable later, as a schedule ('{cue}')"),
        (Class::Checkable, Some(cue)) => {
            format!("checkable: a date it names is past ('{cue}' aside)")
        }
        (Class::NotCheckable(reason), Some(cue)) => format!("{} ('{cue}')", reason.name()),
        (Class::NotCheckable(reason), None) => {
            format!(
                "{}: no cue word, and no name, date or number",
                reason.name()
            )
        }
        _ => "checkable".to_owned(),
    };
    let prefix = if active(claim) { "" } else { "# " };
    if !active(claim) {
        let _ = writeln!(
            out,
            "  # {class}, but no assertion could be proposed: write them, then uncomment."
        );
    } else {
        let _ = writeln!(out, "  # {class}");
    }
    let _ = writeln!(out, "  {prefix}- id: {}", claim.id);
    let _ = writeln!(out, "  {prefix}  quote: {}", scalar(&claim.quote));
    match claim.class {
        Class::NotCheckable(reason) => {
            let _ = writeln!(out, "    not_checkable: {}", reason.name());
        }
        _ if claim.proposals.is_empty() => {
            let _ = writeln!(out, "  #   assertions: []");
        }
        _ => {
            let _ = writeln!(out, "    assertions:");
            for proposal in &claim.proposals {
                let _ = writeln!(
                    out,
                    "      - {}   # proposed: {}",
                    scalar(&proposal.text),
                    proposal.canonical
                );
            }
        }
    }
}
