//! The YAML layer: serde-saphyr with a budget, duplicate keys refused, and
//! every error turned into a located [`Diagnostic`].
//!
//! Input: a [`SourceFile`] (or a part of one, such as front matter, with the
//! line it starts at). Output: the deserialised value and a located
//! diagnostic for every problem: [`parse_all`] reads on past an entry in
//! error ([`recover`]); `parse`, for tests, stops at the first.

mod events;
pub(crate) mod recover;

pub(crate) use recover::{parse_all, parse_block};

use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Error, Location, Options};

pub(crate) use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::source::SourceFile;

/// The deepest nesting any peerprep file may use (SPEC: 64).
pub(crate) const MAX_DEPTH: usize = 64;
/// The most anchors, and the most aliases, one file may use (the E008
/// message says "1,000").
const MAX_ALIASES: usize = 1_000;

pub(crate) fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

/// Parses the whole of `source` as YAML, stopping at the first error.
#[cfg(test)]
pub(crate) fn parse<T: serde::de::DeserializeOwned>(source: &SourceFile) -> Result<T, Diagnostic> {
    parse_part(source, &source.text, 0)
}

/// Parses `text`, a part of `source` that starts after `line_offset` lines,
/// stopping at the first error.
#[cfg(test)]
pub(crate) fn parse_part<T: serde::de::DeserializeOwned>(
    source: &SourceFile,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| to_diagnostic(&e, source, line_offset))
}

/// Points `diagnostic` at a value the parser located, underlining `width` characters.
pub(crate) fn locate(
    diagnostic: Diagnostic,
    source: &SourceFile,
    location: &Location,
    line_offset: usize,
    width: usize,
) -> Diagnostic {
    if location.line() == 0 {
        return diagnostic.in_file(&source.path);
    }
    diagnostic.at(
        source,
        location.line() as usize + line_offset,
        location.column() as usize,
        width,
    )
}

/// Points `diagnostic` at a [`Spanned`] string value, underlining all of it.
pub(crate) fn locate_str(
    diagnostic: Diagnostic,
    source: &SourceFile,
    value: &Spanned<String>,
    line_offset: usize,
) -> Diagnostic {
    let width = value.value.chars().count();
    locate(diagnostic, source, &value.referenced, line_offset, width)
}

/// The line and column in the file of byte `offset` inside a YAML string
/// value, in a part of `source` that starts after `line_offset` lines.
pub(crate) fn position(
    source: &SourceFile,
    field: &Spanned<String>,
    line_offset: usize,
    offset: usize,
) -> (usize, usize) {
    let text = &field.value;
    let before = text.get(..offset.min(text.len())).unwrap_or("");
    let lines_before = before.matches('\n').count();
    let column_in = before.rsplit('\n').next().unwrap_or("").chars().count();
    let line = field.referenced.line() as usize + line_offset;
    let column = field.referenced.column() as usize;
    let block = line > 1
        && source.line_text(line - 1).is_some_and(|prev| {
            let prev = prev.trim_end();
            ["|", "|-", "|+", ">", ">-", ">+"]
                .iter()
                .any(|i| prev.ends_with(i))
        });
    if block {
        // A block scalar: the location is its first line; every line is indented.
        let at = line + lines_before;
        let indent = source
            .line_text(at)
            .map_or(0, |t| t.len() - t.trim_start().len());
        return (at, indent + column_in + 1);
    }
    let first = source
        .line_text(line)
        .unwrap_or("")
        .chars()
        .nth(column.saturating_sub(1));
    let quoted = usize::from(matches!(first, Some('"' | '\'')));
    if lines_before == 0 {
        (line, column + quoted + column_in)
    } else {
        (line + lines_before, column_in + 1)
    }
}

/// A YAML mapping read in document order, keys with their positions.
#[derive(Debug, Clone)]
pub(crate) struct OrderedMap<V>(pub(crate) Vec<(Spanned<String>, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Visit<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of names to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(OrderedMap(Vec::new()))
            }
        }
        deserializer.deserialize_map(Visit(PhantomData))
    }
}

/// Converts a parser error into a diagnostic at the right line of the file.
pub(super) fn to_diagnostic(error: &Error, source: &SourceFile, line_offset: usize) -> Diagnostic {
    let (code, message, help) = match (original(error), error.location()) {
        // A list or mapping where one value belongs, written whole on its
        // line (`duration: [1, 2]`), is a wrong type, not broken YAML.
        (Error::Unexpected { expected, .. }, Some(loc))
            if *expected == "string scalar"
                && source
                    .line_text(loc.line() as usize + line_offset)
                    .is_some_and(balanced) =>
        {
            let line = source
                .line_text(loc.line() as usize + line_offset)
                .unwrap_or("");
            let key = line
                .trim_start()
                .trim_start_matches("- ")
                .split_once(':')
                .map(|(k, _)| k.trim())
                .filter(|k| !k.is_empty() && !k.contains(['[', '{']));
            (
                Code::InvalidValue,
                "expected a single value (text or a number) here, not a list or mapping".to_owned(),
                Some(match key {
                    Some(key) => {
                        format!("write one value after `{key}:`; the README says what it takes")
                    }
                    None => {
                        "write one value here; the README says what this field takes".to_owned()
                    }
                }),
            )
        }
        // `subtitle: [draft` — a list opened and never closed.
        (Error::Unexpected { expected, .. }, Some(loc))
            if *expected == "string scalar"
                && source
                    .line_text(loc.line() as usize + line_offset)
                    .is_some_and(|l| l.contains(['[', '{'])) =>
        {
            let line = source
                .line_text(loc.line() as usize + line_offset)
                .unwrap_or("");
            let quoted =
                line.trim()
                    .trim_start_matches("- ")
                    .split_once(": ")
                    .map(|(key, value)| {
                        format!(": `{key}: \"{}\"`", value.trim().replace('"', "\\\""))
                    });
            (
                Code::YamlSyntax,
                "a `[` or `{` here starts a list or mapping that is never closed".to_owned(),
                Some(format!(
                    "close it, or if this is text, put it in quotes{}",
                    quoted.unwrap_or_default()
                )),
            )
        }
        (other, _) => describe(other),
    };
    let diagnostic = Diagnostic::error(code, message).with_help_opt(help);
    match error.location() {
        Some(loc) if loc.line() > 0 => {
            let line = loc.line() as usize + line_offset;
            let column = loc.column() as usize;
            let width = token_width(source, line, column);
            diagnostic.at(source, line, column, width)
        }
        _ => diagnostic.in_file(&source.path),
    }
}

/// W015 at `line:column` of `source`: a list item YAML read as text.
pub(super) fn folded_item_warning(source: &SourceFile, line: usize, column: usize) -> Diagnostic {
    Diagnostic::warning(
        Code::FoldedListItem,
        "this line is read as more of the text above, not as a new list item",
    )
    .at(source, line, column, 1)
    .with_help("line its dash up with the dashes above to make it an item of its own")
}

/// Whether a line closes every `[` and `{` it opens.
fn balanced(line: &str) -> bool {
    let count = |c: char| line.chars().filter(|&x| x == c).count();
    (count('[') > 0 || count('{') > 0) && count('[') == count(']') && count('{') == count('}')
}

/// The error itself, without the alias and snippet wrappers around it.
pub(super) fn original(mut error: &Error) -> &Error {
    while let Error::AliasError { error: inner, .. } | Error::WithSnippet { error: inner, .. } =
        error
    {
        error = inner;
    }
    error
}

/// A person's name for a Rust type in a "wrong type" message.
fn type_name(ty: &str) -> &str {
    match ty {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "a whole number"
        }
        "f32" | "f64" => "a number",
        "bool" => "true or false",
        "char" => "a single character",
        other => other,
    }
}

/// The code, message and hint for one parser error.
fn describe(error: &Error) -> (Code, String, Option<String>) {
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => (
            Code::UnknownField,
            format!("unknown field \"{field}\""),
            suggest::hint(field, expected),
        ),
        Error::SerdeMissingField { field, .. } => (
            Code::MissingField,
            format!("missing required field \"{field}\""),
            Some(format!("add `{field}:` here")),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            Code::DuplicateKey,
            match key {
                Some(k) => format!("duplicate key \"{k}\""),
                None => "duplicate key".to_owned(),
            },
            Some("each key may appear once; remove or rename one of them".to_owned()),
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            Code::InvalidValue,
            format!("\"{variant}\" is not allowed here"),
            suggest::hint(variant, expected),
        ),
        Error::Budget { breach, .. } => (
            Code::YamlTooComplex,
            match breach {
                BudgetBreach::Depth { .. } => {
                    format!("YAML is nested more than {MAX_DEPTH} levels deep")
                }
                BudgetBreach::Aliases { .. } | BudgetBreach::Anchors { .. } => {
                    "YAML uses more than 1,000 anchors (`&name`) or aliases (`*name`)".to_owned()
                }
                _ => "YAML is too large or complex to read".to_owned(),
            },
            Some(format!(
                "keep nesting under {MAX_DEPTH} levels and avoid chains of aliases"
            )),
        ),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => (
            Code::YamlTooComplex,
            format!(
                "YAML is too deeply nested or expands too many aliases: {}",
                plain(error)
            ),
            Some(format!(
                "keep nesting under {MAX_DEPTH} levels and avoid chains of aliases"
            )),
        ),
        Error::InvalidScalar { ty, .. } => (
            Code::InvalidValue,
            format!("expected {} here", type_name(ty)),
            None,
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => (
            Code::InvalidValue,
            format!("expected {expected}, found {unexpected}"),
            None,
        ),
        Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::InvalidBooleanStrict { .. }
        | Error::NullIntoString { .. }
        | Error::NonFiniteFloat { .. }
        | Error::Message { .. } => (Code::InvalidValue, plain(error), None),
        _ => (
            Code::YamlSyntax,
            format!("YAML syntax error: {}", plain(error)),
            Some("check the indentation and quoting on this line".to_owned()),
        ),
    }
}

/// The parser's own words, without its location suffix.
fn plain(error: &Error) -> String {
    let text = error.to_string();
    let text = text.lines().next().unwrap_or("").trim();
    match text.find(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text.to_owned(),
    }
}

/// How many characters of the token at `line:column` to underline.
fn token_width(source: &SourceFile, line: usize, column: usize) -> usize {
    let Some(text) = source.line_text(line) else {
        return 1;
    };
    let rest: String = text.chars().skip(column.saturating_sub(1)).collect();
    if rest.starts_with(['[', '{']) {
        // A list or mapping written on one line: up to its closing bracket.
        let mut depth = 0usize;
        for (i, c) in rest.chars().enumerate() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
        }
        return rest.trim_end().chars().count().max(1);
    }
    let token = rest
        .split([':', ',', ']', '}'])
        .next()
        .unwrap_or("")
        .trim_end();
    token.chars().count().max(1)
}

#[cfg(test)]
mod tests;
