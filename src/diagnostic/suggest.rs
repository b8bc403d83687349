//! "Did you mean …?" hints for misspelt names.

/// The closest candidate to `wrong`, when one is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::osa_distance(wrong, c),
                strsim::jaro_winkler(wrong, c),
                c,
            )
        })
        .filter(|(distance, score, _)| *distance <= limit || *score > 0.85)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)))
        .map(|(_, _, c)| c)
}

/// A help line: `did you mean "x"?` or a list of what is allowed.
pub(crate) fn hint(wrong: &str, candidates: &[&str]) -> Option<String> {
    if let Some(best) = did_you_mean(wrong, candidates.iter().copied()) {
        return Some(format!("did you mean \"{best}\"?"));
    }
    if candidates.is_empty() {
        None
    } else if candidates.len() <= 12 {
        Some(format!("expected one of: {}", candidates.join(", ")))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "summary"]), None);
        assert_eq!(did_you_mean("dls", ["dsl", "school"]), Some("dsl"));
        assert_eq!(
            did_you_mean("a-tabel", ["a-table", "limits"]),
            Some("a-table")
        );
    }

    #[test]
    fn hint_lists_choices_when_nothing_is_close() {
        assert_eq!(hint("qqq", &["a", "b"]).unwrap(), "expected one of: a, b");
    }
}
