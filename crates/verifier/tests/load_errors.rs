//! Loading errors, driven by data: each file under `resources/load-errors/` is loaded after
//! `resources/common.yaml`, and its snapshot shows every problem reported, with its location.

use verifier::load_texts;

#[test]
fn load_errors() {
    let common = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/resources/common.yaml"
    ))
    .unwrap();
    insta::glob!("../resources/load-errors", "*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!("reference/{}", path.file_name().unwrap().to_string_lossy());
        let files = [
            ("reference/common.yaml".to_owned(), common.as_str()),
            (name, text.as_str()),
        ];
        let error = load_texts(&files).expect_err("the fixture has errors");
        insta::assert_snapshot!(verifier::diagnostics::render_load_problems(&error.problems));
    });
}
