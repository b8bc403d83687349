//! Classifying link destinations written in course Markdown.
//!
//! Links are written to source files relative to the module's own file
//! (`[x](03-boundaries.md#limits)`, `![y](images/a.png)`); this module says
//! what each one points at, so the renderer can rewrite it and the validator
//! can check it.

use std::path::{Component, Path, PathBuf};

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A URL with a scheme (`https:`, `mailto:` …) or protocol-relative.
    External,
    /// `#anchor` on the same page.
    SamePage(String),
    /// A Markdown file under `course/`, with an optional `#anchor`.
    Markdown {
        /// Path relative to `course/`, forward slashes.
        path: String,
        /// The anchor, if any.
        fragment: Option<String>,
    },
    /// Any other file under `course/` (images, PDFs …), copied into the site.
    File {
        /// Path relative to `course/`, forward slashes, percent-decoded.
        path: String,
        /// What followed the path (`#…` or `?…`), kept as written.
        suffix: String,
    },
    /// A path that leaves `course/`, or an absolute path.
    Outside,
    /// An empty destination.
    Empty,
}

/// Classifies `dest`, written in the module at `module_path` (relative to `course/`).
pub(crate) fn classify(dest: &str, module_path: &str) -> Target {
    let dest = dest.trim();
    if dest.is_empty() {
        return Target::Empty;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Target::SamePage(decode(fragment));
    }
    if has_scheme(dest) || dest.starts_with("//") {
        return Target::External;
    }
    if dest.starts_with('/') || dest.starts_with('\\') {
        return Target::Outside;
    }
    let split = dest.find(['#', '?']).unwrap_or(dest.len());
    let (raw_path, suffix) = dest.split_at(split);
    let base = Path::new(module_path).parent().unwrap_or(Path::new(""));
    let Some(path) = normalise(&base.join(decode(raw_path))) else {
        return Target::Outside;
    };
    if raw_path.ends_with(".md") {
        let fragment = suffix.strip_prefix('#').map(decode);
        Target::Markdown { path, fragment }
    } else {
        Target::File {
            path,
            suffix: suffix.to_owned(),
        }
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Resolves `.` and `..` lexically; None when the path climbs above its root.
fn normalise(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let joined: PathBuf = parts.iter().collect();
    Some(joined.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_kind() {
        assert_eq!(classify("https://x.org", "a.md"), Target::External);
        assert_eq!(classify("mailto:a@b", "a.md"), Target::External);
        assert_eq!(classify("#top", "a.md"), Target::SamePage("top".into()));
        assert_eq!(
            classify("03-boundaries.md#limits", "01.md"),
            Target::Markdown {
                path: "03-boundaries.md".into(),
                fragment: Some("limits".into())
            }
        );
        assert_eq!(
            classify("../b.md", "part/a.md"),
            Target::Markdown {
                path: "b.md".into(),
                fragment: None
            }
        );
        assert_eq!(
            classify("images/my%20pic.png", "a.md"),
            Target::File {
                path: "images/my pic.png".into(),
                suffix: String::new()
            }
        );
        assert_eq!(classify("../secret.txt", "a.md"), Target::Outside);
        assert_eq!(classify("/etc/passwd", "a.md"), Target::Outside);
        assert_eq!(classify("", "a.md"), Target::Empty);
    }
}
