//! GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`, shown by GitHub on
//! the lines of a pull request. Values are escaped as the Actions runner reads them back: `%`,
//! carriage returns and line feeds in the message; also `:` and `,` in the properties.

use std::fmt::Write;

use super::annotations::{Annotation, Severity};

/// The workflow commands of `annotations`, one a line.
pub(crate) fn commands(annotations: &[Annotation]) -> String {
    let mut out = String::new();
    for annotation in annotations {
        let command = match annotation.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = format!("file={}", property(&annotation.file));
        if let Some(line) = annotation.line {
            let _ = write!(properties, ",line={line}");
        }
        let _ = write!(properties, ",title={}", property(&annotation.title));
        let _ = writeln!(
            out,
            "::{command} {properties}::{}",
            data(&annotation.message)
        );
    }
    out
}

/// A message, escaped.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property's value, escaped.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped_as_the_runner_reads_them() {
        assert_eq!(data("50% true\r\nnext"), "50%25 true%0D%0Anext");
        assert_eq!(property("a: b, c"), "a%3A b%2C c");
    }
}
