use super::*;

fn read(text: &str) -> (Option<Pack>, Diagnostics) {
    let mut out = Diagnostics::new();
    let pack = parse(
        &SourceFile::new("themes/default/i18n/cy.yaml", text),
        &mut out,
    );
    (pack, out)
}

#[test]
fn an_unknown_key_is_an_error_at_its_line_with_a_suggestion() {
    let (pack, out) = read("reviewed: true\nstrings:\n  next: Nesaf\n  previus: Blaenorol\n");
    let pack = pack.expect("the rest is read");
    assert_eq!(pack.strings.get("next").map(String::as_str), Some("Nesaf"));
    assert!(!pack.strings.contains_key("previus"));
    let found = out.items();
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert_eq!(d.code, Code::UnknownField);
    assert_eq!(d.message, "unknown interface string \"previus\"");
    assert_eq!(
        (d.path.as_deref(), d.line, d.column),
        (
            Some(std::path::Path::new("themes/default/i18n/cy.yaml")),
            4,
            3
        )
    );
    assert_eq!(d.help.as_deref(), Some("did you mean \"previous\"?"));
}

#[test]
fn an_unknown_field_and_broken_yaml_are_reported() {
    let (_, out) = read("reviewd: false\nstrings:\n  next: Nesaf\n");
    assert!(
        out.items()
            .iter()
            .any(|d| d.code == Code::UnknownField && d.line == 1),
        "{:?}",
        out.items()
    );
    let (pack, out) = read("strings:\n  next: [Nesaf\n");
    assert!(pack.is_none() || out.has_errors());
    assert!(out.items().iter().all(|d| d.line >= 1));
}

#[test]
fn candidates_go_from_the_full_tag_to_english() {
    assert_eq!(candidates("pt-BR"), ["pt-BR", "pt", "en"]);
    assert_eq!(candidates("ar"), ["ar", "en"]);
    assert_eq!(candidates("EN-gb"), ["EN-gb", "en"]);
    assert_eq!(candidates("../x"), ["en"]);
}

#[test]
fn right_to_left_by_language_and_by_script() {
    for rtl in [
        "ar", "ar-EG", "he", "fa-IR", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "az-Arab",
    ] {
        assert_eq!(direction(rtl), "rtl", "{rtl}");
    }
    for ltr in ["en", "en-GB", "cy", "pt-BR", "ku", "ar-Latn", "tr", "arn"] {
        assert_eq!(direction(ltr), "ltr", "{ltr}");
    }
}

#[test]
fn every_built_in_pack_reads_cleanly() {
    for (path, bytes) in crate::render::theme::embedded_theme() {
        if !path.starts_with("i18n") {
            continue;
        }
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let mut out = Diagnostics::new();
        let pack = parse(&SourceFile::new(path, text), &mut out);
        assert!(out.is_empty(), "{}: {}", path.display(), out.render_human());
        let pack = pack.expect("read");
        let is_english = path.ends_with("en.yaml");
        // Only English is complete and reviewed; any other built-in pack says it is not.
        assert_eq!(pack.unreviewed.is_none(), is_english, "{}", path.display());
        if is_english {
            assert_eq!(pack.strings.len(), Ui::keys().len());
        }
    }
}

#[test]
fn built_in_packs_keep_every_placeholder_of_english() {
    let placeholders = |text: &str| {
        let mut found: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        found.sort();
        found
    };
    let english = super::super::english();
    for (path, bytes) in crate::render::theme::embedded_theme() {
        if !path.starts_with("i18n") {
            continue;
        }
        let mut out = Diagnostics::new();
        let source = SourceFile::new(path, std::str::from_utf8(bytes).expect("UTF-8"));
        let pack = parse(&source, &mut out).expect("read");
        for (key, text) in &pack.strings {
            assert_eq!(
                placeholders(text),
                placeholders(&english[key]),
                "{}: {key}",
                path.display()
            );
        }
        assert_eq!(
            pack.strings["months"].split_whitespace().count(),
            12,
            "{}",
            path.display()
        );
    }
}
