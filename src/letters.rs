//! Characters by their Unicode general category, and text folded for
//! matching, shared by slugs, search and certificate file names.
//!
//! Input: any text. Output: the class of a character ([`class`]), or the
//! text folded as search matches it ([`fold`]). Nothing here fails.
//!
//! [`fold`] and `themes/default/assets/search.js` (its `fold`) must agree:
//! lowercase, decompose (NFD), drop every combining mark (`\p{M}`), compose
//! again (NFC, which after that only rejoins Hangul syllables).

use icu_normalizer::{ComposingNormalizerBorrowed, DecomposingNormalizerBorrowed};
use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};

/// What a character is, by its Unicode general category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A letter (`\p{L}`) other than a modifier letter.
    Letter,
    /// A modifier letter (`\p{Lm}`: `ʻ`, the Arabic tatweel `ـ`, …).
    ModifierLetter,
    /// A combining mark (`\p{M}`: accents, Arabic harakat, …).
    Mark,
    /// A digit or other number (`\p{N}`).
    Number,
    /// A symbol that stands for something (`\p{So}`: emoji, `©`, …).
    Picture,
    /// Anything else: spaces, punctuation, other symbols, controls.
    Other,
}

/// The class of `c`.
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Letter
        } else if c.is_ascii_digit() {
            Class::Number
        } else {
            Class::Other
        };
    }
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    if category == GeneralCategory::ModifierLetter {
        Class::ModifierLetter
    } else if GeneralCategoryGroup::Letter.contains(category) {
        Class::Letter
    } else if GeneralCategoryGroup::Mark.contains(category) {
        Class::Mark
    } else if GeneralCategoryGroup::Number.contains(category) {
        Class::Number
    } else if category == GeneralCategory::OtherSymbol {
        Class::Picture
    } else {
        Class::Other
    }
}

/// Whether `c` is part of a word as search splits text: a letter or a
/// number (`\p{L}\p{N}`).
pub(crate) fn in_word(c: char) -> bool {
    matches!(
        class(c),
        Class::Letter | Class::ModifierLetter | Class::Number
    )
}

/// `text` lowercased, without accents or other combining marks, as search
/// matches it: `Über` → `uber`, `ŵyr` → `wyr`, `مَرْحَبًا` → `مرحبا`.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Nothing to decompose: its lowercase, without the Unicode tables.
        return text.to_ascii_lowercase();
    }
    let lower = text.to_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    let bare: String = DecomposingNormalizerBorrowed::new_nfd()
        .normalize_iter(lower.chars())
        .filter(|&c| class(c) != Class::Mark)
        .collect();
    ComposingNormalizerBorrowed::new_nfc()
        .normalize(&bare)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_are_classed_by_category() {
        assert_eq!(class('a'), Class::Letter);
        assert_eq!(class('Ŵ'), Class::Letter);
        assert_eq!(class('ж'), Class::Letter);
        assert_eq!(class('م'), Class::Letter);
        assert_eq!(class('ـ'), Class::ModifierLetter);
        assert_eq!(class('\u{064E}'), Class::Mark, "fatha");
        assert_eq!(class('\u{0308}'), Class::Mark);
        assert_eq!(class('٣'), Class::Number);
        assert_eq!(class('🌱'), Class::Picture);
        assert_eq!(class('-'), Class::Other);
        assert_eq!(class('\u{200D}'), Class::Other, "zero-width joiner");
        assert!(in_word('é') && in_word('7') && !in_word('\u{0301}') && !in_word('🌱'));
    }

    proptest::proptest! {
        #[test]
        fn folding_twice_changes_nothing_and_leaves_no_mark(text in "\\PC{0,40}") {
            let once = fold(&text);
            proptest::prop_assert_eq!(fold(&once), once.clone());
            proptest::prop_assert!(once.chars().all(|c| class(c) != Class::Mark), "{:?}", once);
        }
    }

    #[test]
    fn folding_drops_case_and_marks_in_every_script() {
        assert_eq!(fold("Listen"), "listen");
        assert_eq!(fold("Über CAFÉ"), "uber cafe");
        // The same text typed decomposed folds the same.
        assert_eq!(fold("U\u{0308}ber cafe\u{0301}"), "uber cafe");
        assert_eq!(fold("Ymddiriedaeth ŵyr"), "ymddiriedaeth wyr");
        assert_eq!(fold("مَرْحَبًا"), "مرحبا");
        assert_eq!(fold("أمان"), "امان", "the hamza on the alef is a mark");
        assert_eq!(fold("Доверие"), "доверие");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("Εμπιστοσύνη"), "εμπιστοσυνη");
        assert_eq!(fold("İstanbul"), "istanbul");
        // Hangul decomposes into letters (not marks) and composes again.
        assert_eq!(fold("한국어"), "한국어");
    }
}
