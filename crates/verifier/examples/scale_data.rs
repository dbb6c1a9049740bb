//! Writes the scale bench's generated data (`benches/scale/data.rs`) to a directory, for
//! measuring the command line on it (peak memory, a whole `check`):
//!
//! ```sh
//! cargo run --release -p verifier --example scale_data -- 1000000 completeness /tmp/scale
//! /usr/bin/time -v factcheck check /tmp/scale/assertions.yaml --reference /tmp/scale/reference
//! ```
#![allow(clippy::print_stdout)]

use std::fmt::Write;

#[path = "../benches/scale/data.rs"]
mod data;

fn main() -> std::io::Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [facts, closure, dir] = arguments.as_slice() else {
        println!("usage: scale_data FACTS completeness|negative DIR");
        std::process::exit(2);
    };
    let facts: usize = facts.parse().expect("FACTS is a number");
    let closure = match closure.as_str() {
        "completeness" => data::Closure::Completeness,
        "negative" => data::Closure::Negative,
        other => panic!("unknown closure '{other}': completeness or negative"),
    };
    let dir = std::path::Path::new(dir);
    let base = data::generate(facts, closure);
    let mut bytes = 0;
    for (name, text) in &base.files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
        std::fs::write(path, text)?;
        bytes += text.len();
    }
    std::fs::write(
        dir.join("assertions.yaml"),
        claim_document(&base.assertions),
    )?;
    println!(
        "{} files, {bytes} bytes of reference data, {} assertions in {}",
        base.files.len(),
        base.assertions.len(),
        dir.display()
    );
    Ok(())
}

/// A claim document of `assertions`, one claim each, for `factcheck check`.
fn claim_document(assertions: &[String]) -> String {
    let mut text = String::from(
        "article:\n  title: \"Generated assertions\"\n  published: \"2026-12-07\"\n  language: en\nclaims:\n",
    );
    for (index, assertion) in assertions.iter().enumerate() {
        let _ = writeln!(
            text,
            "  - {{id: a{index}, quote: \"{assertion}\", assertions: [\"{assertion}\"]}}"
        );
    }
    text
}
