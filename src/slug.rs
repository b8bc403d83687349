//! Slugs and ids: the names pages are written under.
//!
//! Ids match `[a-z0-9][a-z0-9-]*`; some names are reserved because the site
//! itself uses them (SPEC.md). Default slugs spell every script in
//! `a-z0-9` ([`slugify`]); heading ids keep letters of any script
//! ([`heading_id`]).

use crate::letters::{self, Class};

/// Names no module slug or scenario id may take.
pub(crate) const RESERVED: &[&str] = &[
    "index",
    "assets",
    "trainer",
    "progress",
    "certificate",
    "search",
    "workbook",
    "support",
    "404",
    "modules",
    "scenarios",
];

/// A name made into a slug ([`transliterate`]), and what of it the slug
/// could not spell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Slugged {
    /// The slug: `[a-z0-9]` runs joined by `-`, possibly empty.
    pub(crate) slug: String,
    /// Letters and digits with no spelling in `a-z0-9`, each once, in order.
    pub(crate) unspelled: String,
    /// Symbols such as emoji that the slug left out, each once, in order.
    pub(crate) pictures: String,
}

impl Slugged {
    /// What a reader would miss in the slug: the letters it could not
    /// spell, or its symbols (emoji …) when the slug keeps no letter at all
    /// (`03 🌱🌿` → `03`). None when the slug says what the name said.
    pub(crate) fn lost(&self) -> Option<&str> {
        if !self.unspelled.is_empty() {
            Some(&self.unspelled)
        } else if !self.pictures.is_empty() && !self.slug.bytes().any(|b| b.is_ascii_lowercase()) {
            Some(&self.pictures)
        } else {
            None
        }
    }
}

/// The default slug of a name (a file stem, a title): its letters spelled
/// in `a-z` (`Über` → `uber`, `ŵyr` → `wyr`, Greek, Cyrillic, Arabic and
/// other scripts transliterated by `deunicode`), lowercased, with every run
/// of other characters (spaces, punctuation, emoji) turned into one `-`,
/// and no `-` at either end.
pub(crate) fn slugify(text: &str) -> String {
    transliterate(text).slug
}

/// [`slugify`], keeping track of what the slug could not spell: a letter
/// `deunicode` has no spelling for, a word that gives nothing, a symbol.
/// What `deunicode` spells with punctuation only (the Arabic alef, `ʻ`) is
/// left out quietly, inside its word.
pub(crate) fn transliterate(text: &str) -> Slugged {
    let mut out = Slugged {
        slug: String::with_capacity(text.len()),
        ..Slugged::default()
    };
    let mut pending_dash = false;
    // The letters of the current word, and whether it gave the slug anything.
    let mut word = String::new();
    let mut word_spelled = false;
    let mut ascii = [0; 4];
    for c in text.chars() {
        let class = letters::class(c);
        let spelling = if c.is_ascii() {
            Some(&*c.encode_utf8(&mut ascii))
        } else {
            deunicode::deunicode_char(c)
        };
        match (class, spelling) {
            (Class::Picture | Class::Other, _) => {
                if class == Class::Picture {
                    note(c, &mut out.pictures);
                }
                end_word(&mut out, &mut word, word_spelled);
                word_spelled = false;
                pending_dash = true;
            }
            (Class::Letter | Class::Number, None) => note(c, &mut out.unspelled),
            (_, None) => {}
            (_, Some(spelling)) => {
                if matches!(class, Class::Letter | Class::Number) {
                    word.push(c);
                }
                for s in spelling.chars() {
                    if s.is_ascii_alphanumeric() {
                        if pending_dash && !out.slug.is_empty() {
                            out.slug.push('-');
                        }
                        pending_dash = false;
                        word_spelled = true;
                        out.slug.push(s.to_ascii_lowercase());
                    } else if s.is_whitespace() {
                        pending_dash = true;
                    }
                }
            }
        }
    }
    end_word(&mut out, &mut word, word_spelled);
    out
}

/// Ends a word of letters: when it gave the slug nothing, its letters are unspelled.
fn end_word(out: &mut Slugged, word: &mut String, spelled: bool) {
    if !spelled {
        word.chars().for_each(|c| note(c, &mut out.unspelled));
    }
    word.clear();
}

/// Adds `c` to `into` unless it is there.
fn note(c: char, into: &mut String) {
    if !into.contains(c) {
        into.push(c);
    }
}

/// Whether `id` matches `[a-z0-9][a-z0-9-]*`.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether `id` is one of the [`RESERVED`] names.
pub(crate) fn is_reserved(id: &str) -> bool {
    RESERVED.contains(&id)
}

/// A GitHub-style heading id: lowercase, spaces to `-`, punctuation dropped.
pub(crate) fn heading_id(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_follows_the_spec_rule() {
        assert_eq!(slugify("01-Role of a Mentor"), "01-role-of-a-mentor");
        assert_eq!(slugify("Boundaries & You!"), "boundaries-you");
        assert_eq!(slugify("__"), "");
        assert_eq!(slugify("Ünïcode"), "unicode");
    }

    #[test]
    fn slugs_spell_other_alphabets_in_a_to_z() {
        assert_eq!(slugify("03 Über uns"), "03-uber-uns");
        // The same name typed with a combining diaeresis.
        assert_eq!(slugify("03 U\u{0308}ber uns"), "03-uber-uns");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(
            slugify("Ymddiriedaeth a ffiniau ŵyr"),
            "ymddiriedaeth-a-ffiniau-wyr"
        );
        assert_eq!(slugify("Εμπιστοσύνη"), "empistosune");
        assert_eq!(slugify("Доверие и границы"), "doverie-i-granitsy");
        let arabic = slugify("الثقة والحدود");
        assert!(
            !arabic.is_empty() && is_valid_id(&arabic),
            "Arabic: {arabic:?}"
        );
        assert_eq!(slugify("北京"), "bei-jing");
        for name in ["03 Über uns", "Εμπιστοσύνη", "الثقة", "Доверие"] {
            assert_eq!(transliterate(name).lost(), None, "{name}");
        }
    }

    #[test]
    fn emoji_and_symbols_leave_nothing_and_are_reported() {
        let only = transliterate("🌱🌿");
        assert_eq!(only.slug, "");
        assert_eq!(only.lost(), Some("🌱🌿"));
        let numbered = transliterate("04 🌱 🌿 🌱");
        assert_eq!(numbered.slug, "04");
        assert_eq!(numbered.lost(), Some("🌱🌿"));
        // Beside words, an emoji is not missed.
        let worded = transliterate("05 🌱 Growing & changing!");
        assert_eq!(worded.slug, "05-growing-changing");
        assert_eq!(worded.lost(), None);
        // A letter deunicode cannot spell (Limbu) is reported even beside words.
        let limbu = transliterate("Intro ᤀ");
        assert_eq!(limbu.slug, "intro");
        assert_eq!(limbu.lost(), Some("ᤀ"));
        // Letters spelled by punctuation alone stay quietly in their word.
        assert_eq!(transliterate("Hawaiʻi").slug, "hawaii");
        assert_eq!(transliterate("الثقة").slug, "lthq");
        assert_eq!(transliterate("الثقة").lost(), None);
    }

    proptest::proptest! {
        #[test]
        fn any_name_gives_a_valid_id_or_nothing(name in "\\PC{0,40}") {
            let slug = slugify(&name);
            proptest::prop_assert!(slug.is_empty() || (is_valid_id(&slug) && !slug.ends_with('-')), "{:?}", slug);
        }
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("promise-not-to-tell"));
        assert!(is_valid_id("01-intro"));
        assert!(!is_valid_id("-lead"));
        assert!(!is_valid_id("Upper"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id(""));
        assert!(is_reserved("support"));
    }

    #[test]
    fn heading_ids_are_github_style() {
        assert_eq!(
            heading_id("What to do after a disclosure"),
            "what-to-do-after-a-disclosure"
        );
        assert_eq!(heading_id("Trust, rapport & you"), "trust-rapport--you");
        assert_eq!(heading_id("Don't panic!"), "dont-panic");
        assert_eq!(heading_id("Étape 2"), "étape-2");
    }
}
