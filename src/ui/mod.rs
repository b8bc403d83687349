//! Interface strings: every word the theme shows that is not course content.
//!
//! Input: the theme's language packs (`i18n/<language>.yaml`: the built-in
//! English one, compiled in, is the table of keys) and `ui:` from
//! course.yaml. Output: the [`Ui`] in force for a course. [`pack`] chooses
//! and reads the course's pack and reports its problems; English fills in
//! whatever a pack lacks.

pub(crate) mod pack;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::diagnostic::Diagnostics;
use crate::source::SourceFile;

/// The English pack as written, compiled in: its keys are the table of
/// interface strings ([`key!`] checks against them while compiling).
const ENGLISH_TEXT: &str = include_str!("../../themes/default/i18n/en.yaml");

/// Where people find the built-in English pack.
pub(crate) const ENGLISH_PATH: &str = "<embedded default theme>/i18n/en.yaml";

/// The built-in English pack, read once (and not again for each course in
/// English: [`pack::apply`] takes it from here).
fn english_pack() -> &'static pack::Pack {
    static ENGLISH: OnceLock<pack::Pack> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        let source = SourceFile::new(ENGLISH_PATH, ENGLISH_TEXT);
        let mut out = Diagnostics::new();
        let pack = pack::parse(&source, &mut out);
        assert!(
            out.is_empty(),
            "the built-in English pack has problems:\n{}",
            out.render_human()
        );
        pack.expect("the built-in English pack reads")
    })
}

/// The built-in English strings.
fn english() -> &'static BTreeMap<String, String> {
    &english_pack().strings
}

/// The strings in force for one course: English, under the course's
/// language pack ([`pack`]), under `ui:` from course.yaml.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Ui {
    /// Every key's text.
    strings: BTreeMap<String, String>,
    /// What `ui:` in course.yaml set, which stays on top of any pack.
    overrides: BTreeMap<String, String>,
}

impl Serialize for Ui {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.strings.serialize(serializer)
    }
}

impl Ui {
    /// English with the given overrides (`ui:`) applied. Keys must be known.
    pub(crate) fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let overrides: BTreeMap<String, String> = overrides
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let mut strings = english().clone();
        strings.extend(overrides.clone());
        Self { strings, overrides }
    }

    /// These strings with a language pack under the overrides: English where
    /// the pack lacks a key, the pack's text, then `ui:` on top.
    pub(crate) fn with_pack(&self, pack: &BTreeMap<String, String>) -> Self {
        let mut strings = english().clone();
        strings.extend(pack.iter().map(|(k, v)| (k.clone(), v.clone())));
        strings.extend(self.overrides.clone());
        Self {
            strings,
            overrides: self.overrides.clone(),
        }
    }

    /// Whether `ui:` in course.yaml sets `key`.
    pub(crate) fn is_overridden(&self, key: &str) -> bool {
        self.overrides.contains_key(key)
    }

    /// Whether `key` is an interface string.
    pub(crate) fn is_known(key: &str) -> bool {
        english().contains_key(key)
    }

    /// Every key, in the English pack's order.
    pub(crate) fn keys() -> Vec<&'static str> {
        ENGLISH_TEXT.lines().filter_map(key_of_line).collect()
    }

    /// One string. Keys are checked when the program is compiled ([`key!`]).
    pub(crate) fn get(&self, key: Key) -> &str {
        self.strings.get(key.0).map_or(key.0, String::as_str)
    }
}

/// The key a line of the English pack sets: a line indented two spaces
/// under `strings:`, its key quoted or not (`  next: Next`, `  "true": True`).
fn key_of_line(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("  ")?;
    if rest.starts_with([' ', '#']) {
        return None;
    }
    let (key, _) = rest.split_once(':')?;
    let key = key.trim_matches('"');
    (!key.is_empty()).then_some(key)
}

/// The key of an interface string, made only by [`key!`], which checks
/// while the program is compiled that the table has it: a typo is a build
/// error, never a silent echo of the key on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key(&'static str);

impl Key {
    /// The key named `name`; fails to compile (in a `const`) when unknown.
    pub(crate) const fn checked(name: &'static str) -> Self {
        assert!(is_key(name), "unknown interface string key");
        Key(name)
    }

    /// Its name, as `ui:` in course.yaml writes it.
    pub(crate) fn name(self) -> &'static str {
        self.0
    }
}

/// Whether `name` is a key of the English pack (usable in `const`): some
/// line of it is `  name:` or `  "name":`, as [`key_of_line`] reads it.
const fn is_key(name: &str) -> bool {
    let text = ENGLISH_TEXT.as_bytes();
    let name = name.as_bytes();
    let mut i = 0;
    while i < text.len() {
        if (i == 0 || text[i - 1] == b'\n') && key_at(text, i, name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the line starting at `at` in `text` sets the key `name`.
const fn key_at(text: &[u8], at: usize, name: &[u8]) -> bool {
    if at + 2 >= text.len() || text[at] != b' ' || text[at + 1] != b' ' {
        return false;
    }
    let mut i = at + 2;
    let quoted = text[i] == b'"';
    if quoted {
        i += 1;
    }
    let mut j = 0;
    while j < name.len() {
        if i >= text.len() || text[i] != name[j] {
            return false;
        }
        i += 1;
        j += 1;
    }
    if quoted {
        if i >= text.len() || text[i] != b'"' {
            return false;
        }
        i += 1;
    }
    !name.is_empty() && i < text.len() && text[i] == b':'
}

/// The [`Key`] of an interface string, checked while compiling:
/// `ui.get(key!("next"))`.
macro_rules! key {
    ($name:literal) => {{
        const KEY: $crate::ui::Key = $crate::ui::Key::checked($name);
        KEY
    }};
}
pub(crate) use key;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_only_their_key() {
        let ui = Ui::with_overrides([("next", "Suivant")]);
        assert_eq!(ui.get(key!("next")), "Suivant");
        assert_eq!(ui.get(key!("previous")), "Previous");
        assert!(Ui::is_known("contents"));
        assert!(!Ui::is_known("nxt"));
    }

    #[test]
    fn a_pack_sits_under_the_overrides_and_over_english() {
        let ui = Ui::with_overrides([("next", "Ymlaen!")]);
        let pack = BTreeMap::from([
            ("next".to_owned(), "Nesaf".to_owned()),
            ("previous".to_owned(), "Blaenorol".to_owned()),
        ]);
        let ui = ui.with_pack(&pack);
        assert_eq!(ui.get(key!("next")), "Ymlaen!");
        assert_eq!(ui.get(key!("previous")), "Blaenorol");
        assert_eq!(ui.get(key!("contents")), "Contents");
        assert!(ui.is_overridden("next") && !ui.is_overridden("previous"));
    }

    #[test]
    fn the_keys_read_while_compiling_are_the_english_packs_keys() {
        let scanned = Ui::keys();
        let parsed: Vec<&str> = english().keys().map(String::as_str).collect();
        let mut sorted = scanned.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, parsed);
        assert_eq!(scanned.first(), Some(&"skip_to_content"));
        for key in &scanned {
            assert!(is_key(key), "{key}");
        }
        assert!(is_key("true") && is_key("false"));
        assert!(!is_key("strings") && !is_key("reviewed") && !is_key("nex") && !is_key(""));
    }

    #[test]
    fn every_key_is_documented_in_the_readme() {
        let readme = include_str!("../../README.md");
        for key in Ui::keys() {
            let value = &english()[key];
            assert!(
                readme.contains(&format!("| `{key}` | {value} |")),
                "README lacks the ui key {key}"
            );
        }
    }
}
