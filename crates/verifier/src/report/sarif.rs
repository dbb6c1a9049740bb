//! SARIF 2.1.0, for the code-scanning views of GitHub and GitLab: one run of the tool `factcheck`,
//! one rule per kind of annotation, one result per annotation. Built with serde-sarif's types,
//! which follow the SARIF schema.

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif, Tool, ToolComponent,
};

use super::annotations::{Annotation, Rule, Severity};

/// The SARIF log of `annotations`.
pub(crate) fn log(annotations: &[Annotation]) -> String {
    let rules: Vec<ReportingDescriptor> = Rule::ALL
        .iter()
        .map(|rule| {
            ReportingDescriptor::builder()
                .id(rule.id())
                .short_description(
                    MultiformatMessageString::builder()
                        .text(rule.description())
                        .build(),
                )
                .build()
        })
        .collect();
    let driver = ToolComponent::builder()
        .name("factcheck")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let results: Vec<SarifResult> = annotations.iter().map(result).collect();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    let log = Sarif::builder()
        .schema(serde_sarif::sarif::SCHEMA_URL)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log serializes");
    text.push('\n');
    text
}

fn result(annotation: &Annotation) -> SarifResult {
    let artifact = ArtifactLocation::builder()
        .uri(annotation.file.clone())
        .build();
    let physical = match annotation.line {
        Some(line) => PhysicalLocation::builder()
            .artifact_location(artifact)
            .region(Region::builder().start_line(line as i64).build())
            .build(),
        None => PhysicalLocation::builder()
            .artifact_location(artifact)
            .build(),
    };
    SarifResult::builder()
        .rule_id(annotation.rule.id())
        .level(match annotation.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
        })
        .message(
            Message::builder()
                .text(format!("{}\n{}", annotation.title, annotation.message))
                .build(),
        )
        .locations(vec![
            Location::builder().physical_location(physical).build(),
        ])
        .build()
}
