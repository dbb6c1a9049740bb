//! A scan of YAML text for what would make parsing it cost without bound, made before the YAML
//! library sees it: nesting deeper than [`MOST_DEPTH`] (libyaml's work grows with the square of
//! the depth) and aliases that would expand to more than [`MOST_EXPANDED_BYTES`] (each use of an
//! alias is deserialized again). The scan reads the structure as YAML does, quotes, comments and
//! block scalars included, in one pass over the bytes.

use std::collections::HashMap;

/// The deepest nesting of collections read. Reference data and claim documents nest about six
/// levels; serde_yaml itself refuses more than 128, but only after parsing.
pub const MOST_DEPTH: usize = 64;

/// The most bytes a file's aliases may stand for, all uses together.
pub const MOST_EXPANDED_BYTES: usize = 16 << 20;

/// The most anchors (`&name`) a file may have.
pub const MOST_ANCHORS: usize = 1_000;

/// What the scan found that is past a limit: a message and where (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excess {
    /// What is past which limit.
    pub message: String,
    /// How to stay within it.
    pub help: String,
    /// The line.
    pub line: usize,
    /// The column.
    pub column: usize,
}

/// A node marked with an anchor: where its text begins and ends, and what it stands for with the
/// aliases inside it expanded.
struct Anchor {
    start: usize,
    indent: usize,
    end: Option<usize>,
    expanded: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Quote {
    Single,
    Double,
}

/// Scans `text` for nesting or alias expansion past the limits.
pub fn check(text: &str) -> Result<(), Excess> {
    let mut scan = Scan::default();
    let mut offset = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        scan.line(line, offset, number + 1)?;
        offset += line.len();
    }
    Ok(())
}

#[derive(Default)]
struct Scan {
    /// The columns of the open block collections.
    blocks: Vec<usize>,
    /// How many flow collections (`[`, `{`) are open.
    flow: usize,
    quote: Option<Quote>,
    /// Inside a block scalar whose key is indented this much.
    block_scalar: Option<usize>,
    anchors: Vec<Anchor>,
    /// The latest anchor of each name.
    names: HashMap<String, usize>,
    /// The anchors whose nodes have not ended, innermost last.
    open: Vec<usize>,
    expanded: usize,
}

fn excess(message: String, help: &str, line: usize, column: usize) -> Excess {
    Excess {
        message,
        help: help.to_owned(),
        line,
        column,
    }
}

impl Scan {
    fn line(&mut self, line: &str, offset: usize, number: usize) -> Result<(), Excess> {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let content = line.trim_end();
        let blank = content.len() <= indent || bytes[indent] == b'#';
        if let Some(parent) = self.block_scalar {
            if blank || indent > parent {
                return Ok(());
            }
            self.block_scalar = None;
        }
        if blank && self.quote.is_none() {
            return Ok(());
        }
        // A node that began on a less indented line ends where a line as little indented begins.
        if self.quote.is_none() && self.flow == 0 {
            while let Some(&last) = self.open.last()
                && self.anchors[last].indent >= indent
            {
                self.anchors[last].end = Some(offset);
                self.open.pop();
            }
            while self.blocks.last().is_some_and(|&column| column > indent) {
                self.blocks.pop();
            }
            if self.blocks.last().is_none_or(|&column| column < indent) {
                self.blocks.push(indent);
            }
        }
        let mut at = if self.quote.is_some() { 0 } else { indent };
        let mut token_start = self.quote.is_none();
        while at < content.len() {
            let b = bytes[at];
            match self.quote {
                Some(Quote::Single) => {
                    if b == b'\'' {
                        if bytes.get(at + 1) == Some(&b'\'') {
                            at += 1;
                        } else {
                            self.quote = None;
                        }
                    }
                    at += 1;
                    continue;
                }
                Some(Quote::Double) => {
                    if b == b'\\' {
                        at += 1;
                    } else if b == b'"' {
                        self.quote = None;
                    }
                    at += 1;
                    continue;
                }
                None => {}
            }
            let next = bytes.get(at + 1).copied();
            let spaced = |c: Option<u8>| c.is_none_or(|c| c == b' ' || c == b'\n' || c == b'\r');
            if b == b'#' && (at == 0 || bytes[at - 1] == b' ') {
                break;
            }
            if token_start {
                match b {
                    b' ' => {}
                    b'-' | b'?' if spaced(next) && self.flow == 0 => {
                        self.blocks.push(at + 2);
                    }
                    b'[' | b'{' => self.flow += 1,
                    b']' | b'}' => self.flow = self.flow.saturating_sub(1),
                    b',' => {}
                    b'\'' => {
                        self.quote = Some(Quote::Single);
                        token_start = false;
                    }
                    b'"' => {
                        self.quote = Some(Quote::Double);
                        token_start = false;
                    }
                    b'&' | b'*' => {
                        let name_end = content[at + 1..]
                            .find(|c: char| c == ' ' || ",[]{}".contains(c))
                            .map_or(content.len(), |end| at + 1 + end);
                        let name = &content[at + 1..name_end];
                        if b == b'&' {
                            if self.anchors.len() == MOST_ANCHORS {
                                return Err(excess(
                                    format!("the YAML has more than {MOST_ANCHORS} anchors"),
                                    "write the values out where they are used",
                                    number,
                                    at + 1,
                                ));
                            }
                            self.names.insert(name.to_owned(), self.anchors.len());
                            self.open.push(self.anchors.len());
                            self.anchors.push(Anchor {
                                start: offset + at,
                                indent,
                                end: None,
                                expanded: 0,
                            });
                        } else {
                            self.alias(name, offset + at, number, at + 1)?;
                        }
                        at = name_end;
                        continue;
                    }
                    b'|' | b'>' if self.flow == 0 => {
                        self.block_scalar = Some(indent);
                        break;
                    }
                    _ => token_start = false,
                }
            } else {
                match b {
                    b':' if spaced(next) || (self.flow > 0 && next == Some(b',')) => {
                        token_start = true;
                    }
                    b',' | b'[' | b'{' | b']' | b'}' if self.flow > 0 => {
                        token_start = true;
                        continue;
                    }
                    _ => {}
                }
            }
            let depth = self.blocks.len() + self.flow;
            if depth > MOST_DEPTH {
                return Err(excess(
                    format!("the YAML nests deeper than {MOST_DEPTH} levels"),
                    "reference data and claim documents nest a few levels: is this one of them?",
                    number,
                    at + 1,
                ));
            }
            at += 1;
        }
        Ok(())
    }

    /// A use of the alias `name` at byte `position`: what it stands for is counted against the
    /// limit, and against every anchored node that holds it.
    fn alias(
        &mut self,
        name: &str,
        position: usize,
        line: usize,
        column: usize,
    ) -> Result<(), Excess> {
        let Some(&target) = self.names.get(name) else {
            // An alias of no anchor: the YAML library reports it, located.
            return Ok(());
        };
        let size = {
            let anchor = &self.anchors[target];
            let end = anchor.end.unwrap_or(position);
            (end - anchor.start) + anchor.expanded
        };
        for &open in &self.open {
            let anchor = &mut self.anchors[open];
            anchor.expanded = anchor.expanded.saturating_add(size);
        }
        self.expanded = self.expanded.saturating_add(size);
        if self.expanded > MOST_EXPANDED_BYTES {
            return Err(excess(
                format!(
                    "the YAML aliases up to here stand for more than {} MiB of text",
                    MOST_EXPANDED_BYTES >> 20
                ),
                "write the values out where they are used, or use fewer aliases",
                line,
                column,
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_data_passes() {
        for file in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../claims"))
            .unwrap()
            .flat_map(|dir| std::fs::read_dir(dir.unwrap().path()).unwrap())
        {
            let path = file.unwrap().path();
            if path
                .extension()
                .is_some_and(|extension| extension == "yaml")
            {
                let text = std::fs::read_to_string(path).unwrap();
                assert_eq!(check(&text), Ok(()));
            }
        }
    }

    #[test]
    fn deep_flow_nesting_is_refused_where_it_passes_the_limit() {
        let text = format!("facts: {}{}\n", "[".repeat(100), "]".repeat(100));
        let excess = check(&text).unwrap_err();
        assert_eq!((excess.line, excess.column), (1, 8 + MOST_DEPTH - 1));
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        assert!(check(&format!("{}x\n", "- ".repeat(100))).is_err());
        let mut text = String::new();
        for level in 0..100 {
            text.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
        }
        assert!(check(&text).is_err());
    }

    #[test]
    fn brackets_inside_text_are_not_nesting() {
        let text = format!(
            "title: A [draft] {{note}}\nnote: '{}'\nquote: \"{}\"\nsummary: |\n  {}\n# {}\n",
            "[".repeat(100),
            "{".repeat(100),
            "[".repeat(100),
            "[".repeat(100)
        );
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn aliases_that_expand_past_the_limit_are_refused() {
        let big = "x".repeat(1 << 20);
        let mut text = format!("a: &big {big}\nlist:\n");
        for _ in 0..20 {
            text.push_str("  - *big\n");
        }
        let excess = check(&text).unwrap_err();
        assert_eq!(excess.line, 2 + 16);
        let small =
            "source: &src {title: T, url: u}\nfacts:\n".to_owned() + &"  - *src\n".repeat(1000);
        assert_eq!(check(&small), Ok(()));
    }

    #[test]
    fn nested_aliases_count_what_they_stand_for() {
        let mut text =
            "a0: &a0 [xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx]\n".to_owned();
        for level in 1..30 {
            let previous = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}]\n"
            ));
        }
        assert!(check(&text).is_err());
    }
}
