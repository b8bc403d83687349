//! Slugs and ids: the names pages are written under.
//!
//! Ids match `[a-z0-9][a-z0-9-]*`; some names are reserved because the site
//! itself uses them (SPEC.md).

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

/// The default slug of a file stem: lowercased, with every run of characters
/// outside `[a-z0-9]` turned into one `-`, and no `-` at either end.
pub(crate) fn slugify(stem: &str) -> String {
    let mut out = String::with_capacity(stem.len());
    let mut pending_dash = false;
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
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
        assert_eq!(slugify("Ünïcode"), "n-code");
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
