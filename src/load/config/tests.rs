//! Tests of course.yaml loading and validation.
use super::*;

fn load_str(text: &str) -> (Option<Config>, Diagnostics) {
    let mut d = Diagnostics::new();
    let c = load(SourceFile::new(CONFIG_PATH, text), None, &mut d);
    (c, d)
}

#[test]
fn minimal_config_gets_defaults() {
    let (c, d) = load_str("title: Peer Mentor Training\nmodules: [a.md]\n");
    assert!(d.is_empty(), "{}", d.render_human());
    let c = c.unwrap();
    assert_eq!(c.id, "peer-mentor-training");
    assert_eq!(c.language, "en");
    assert_eq!(c.theme, "default");
    assert_eq!(c.modules[0].path, "a.md");
}

#[test]
fn every_problem_is_reported() {
    let (_, d) = load_str(
        "title: T\nid: Bad_Id\nlanguage: english!\nui:\n  nxt: Go\nsupport:\n  services:\n    - name: X\n      url: javascript:alert(1)\nmodules: [a.md, a.md, ../x.md, b.txt]\n",
    );
    let codes: Vec<&str> = d.items().iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["E010", "E004", "E004", "E002", "E014", "E043", "E004"],
        "{}",
        d.render_human()
    );
    let ui = d
        .items()
        .iter()
        .find(|d| d.code == Code::UnknownField)
        .unwrap();
    assert_eq!(ui.help.as_deref(), Some("did you mean \"next\"?"));
    assert_eq!(ui.line, 5);
}

#[test]
fn paper_is_a4_or_letter() {
    let base = "title: T\nmodules: [a.md]\n";
    assert_eq!(from_yaml(base).paper, "A4");
    assert_eq!(from_yaml(&format!("{base}paper: Letter\n")).paper, "letter");
    let (_, d) = load_str(&format!("{base}paper: A5\n"));
    let e = &d.items()[0];
    assert_eq!((e.code, e.line, e.column), (Code::InvalidValue, 3, 8));
    assert_eq!(e.message, "`paper` is A4 or letter");
}
