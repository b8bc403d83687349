use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    title: String,
    #[serde(default)]
    duration: Option<u32>,
}

fn err(text: &str) -> Diagnostic {
    let source = SourceFile::new("course/x.yaml", text);
    parse::<Doc>(&source).unwrap_err()
}

#[test]
fn unknown_field_has_location_and_suggestion() {
    let d = err("title: a\ntitel: b\n");
    assert_eq!(d.code, Code::UnknownField);
    assert_eq!((d.line, d.column), (2, 1));
    assert_eq!(d.help.as_deref(), Some("did you mean \"title\"?"));
}

#[test]
fn duplicate_key_is_an_error() {
    let d = err("title: a\ntitle: b\n");
    assert_eq!(d.code, Code::DuplicateKey);
    assert_eq!(d.line, 2);
}

#[test]
fn wrong_type_points_at_the_value() {
    let d = err("title: a\nduration: soon\n");
    assert_eq!(d.code, Code::InvalidValue);
    assert_eq!(d.line, 2);
    assert_eq!(d.message, "expected a whole number here");
}

#[test]
fn missing_field_is_reported() {
    let d = err("duration: 5\n");
    assert_eq!(d.code, Code::MissingField);
    assert!(d.message.contains("title"));
}

#[test]
fn syntax_error_has_a_line() {
    let d = err("title: [unclosed\n");
    assert_eq!(d.code, Code::YamlSyntax);
    assert!(d.line >= 1);
}

#[test]
fn a_list_for_one_value_is_a_wrong_type_but_an_unclosed_list_is_a_syntax_error() {
    let source = SourceFile::new("x.yaml", "title: [a, b]\n");
    let d = parse::<Doc>(&source).unwrap_err();
    assert_eq!(d.code, Code::InvalidValue, "{}", d.message);
    assert!(
        d.message.starts_with("expected a single value"),
        "{}",
        d.message
    );
    let source = SourceFile::new("x.yaml", "title: [unclosed\n");
    let d = parse::<Doc>(&source).unwrap_err();
    assert_eq!(d.code, Code::YamlSyntax, "{}", d.message);
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!("title: {}{}", "[".repeat(200), "]".repeat(200));
    let source = SourceFile::new("x.yaml", text);
    let d = parse::<serde_json::Value>(&source).unwrap_err();
    assert_eq!(d.code, Code::YamlTooComplex, "{}", d.message);
}

#[test]
fn alias_bomb_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    text.push_str("title: x\n");
    let source = SourceFile::new("x.yaml", text);
    let d = parse::<serde_json::Value>(&source).unwrap_err();
    assert_eq!(d.code, Code::YamlTooComplex, "{}", d.message);
}

#[test]
fn front_matter_lines_are_offset() {
    let source = SourceFile::new("m.md", "---\ntitle: a\ntitel: b\n---\n");
    let d = parse_part::<Doc>(&source, "title: a\ntitel: b\n", 1).unwrap_err();
    assert_eq!(d.line, 3);
    assert_eq!(d.source_line.as_deref(), Some("titel: b"));
}
