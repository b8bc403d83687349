//! The glossary's rules: each at its line in `course/glossary.yaml`.
//!
//! E024: a term or alias given twice (in one entry or two; case and spacing
//! aside, and two terms whose anchors would be the same), an empty term or
//! definition, a `see:` naming no term of the glossary. W021: a term no
//! module page uses (by its term or any alias, anywhere in its text) —
//! checked for the course as written only, since a profile may leave out
//! the modules that use a term. Every problem is reported.

use std::collections::{HashMap, HashSet};

use crate::compile::Compiled;
use crate::compile::glossary;
use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Project;
use crate::load::glossary::{Glossary, id_of};
use crate::load::yaml::{self, Spanned};

/// Checks the glossary's entries and which terms the pages use.
pub(crate) fn check(project: &Project, compiled: &Compiled, out: &mut Diagnostics) {
    let Some(g) = &project.glossary else {
        return;
    };
    let repeated = entries(g, out);
    if project.config.profile.is_none() {
        let used: HashSet<usize> = compiled
            .modules()
            .flat_map(|m| m.terms_used.iter().copied())
            .collect();
        unused(g, &used, &repeated, out);
    }
}

/// E024 at `field`.
fn at(g: &Glossary, field: &Spanned<String>, message: String, help: &str) -> Diagnostic {
    yaml::locate_str(
        Diagnostic::error(Code::GlossaryEntry, message),
        &g.source,
        field,
        0,
    )
    .with_help(help)
}

/// E024 for every entry that breaks a rule; returns the entries whose term
/// repeats an earlier one (a page's word links to the first).
fn entries(g: &Glossary, out: &mut Diagnostics) -> HashSet<usize> {
    let mut repeated = HashSet::new();
    // Every term and alias, by anchor: where it is first written, and its entry.
    let mut seen: HashMap<String, (&Spanned<String>, usize)> = HashMap::new();
    for (i, t) in g.terms.iter().enumerate() {
        if t.term.value.trim().is_empty() {
            out.push(at(
                g,
                &t.term,
                "this glossary entry has no term".to_owned(),
                "write the word or phrase the entry explains after `term:`",
            ));
        }
        if t.definition.value.trim().is_empty() {
            out.push(at(
                g,
                &t.term,
                format!("\"{}\" has an empty definition", t.term.value.trim()),
                "say what the term means after `definition:`, in a sentence or two",
            ));
        }
        for word in std::iter::once(&t.term).chain(&t.aliases) {
            let name = word.value.trim();
            if name.is_empty() {
                continue;
            }
            match seen.get(&id_of(name)) {
                // The same word twice in one entry leads to the same place
                // (a profile's variables can make a short form its role's name).
                Some((_, owner)) if *owner == i => {}
                Some((first, owner)) => {
                    if std::ptr::eq(word, &t.term) {
                        repeated.insert(i);
                    }
                    let line = first.referenced.line();
                    let owner = g.terms[*owner].term.value.trim();
                    let already = if first.value.trim() == owner {
                        format!("a term of the glossary (line {line})")
                    } else {
                        format!("an alias of \"{owner}\" (line {line})")
                    };
                    out.push(at(
                        g,
                        word,
                        format!("\"{name}\" is already {already}"),
                        "each term and alias may appear once, so that a word in a page links to one entry; remove or rename one of them",
                    ));
                }
                None => {
                    seen.insert(id_of(name), (word, i));
                }
            }
        }
    }
    let names: Vec<&str> = g.terms.iter().map(|t| t.term.value.trim()).collect();
    for t in &g.terms {
        for s in &t.see {
            if glossary::find(g, &s.value).is_none() {
                let help = suggest::did_you_mean(s.value.trim(), names.iter().copied())
                    .map_or_else(
                        || "`see:` names other entries by their `term:`".to_owned(),
                        |n| format!("did you mean \"{n}\"?"),
                    );
                out.push(at(
                    g,
                    s,
                    format!(
                        "`see:` names \"{}\", which is not a term of the glossary",
                        s.value.trim()
                    ),
                    &help,
                ));
            }
        }
    }
    repeated
}

fn unused(g: &Glossary, used: &HashSet<usize>, repeated: &HashSet<usize>, out: &mut Diagnostics) {
    for (i, t) in g.terms.iter().enumerate() {
        if used.contains(&i) || repeated.contains(&i) || t.term.value.trim().is_empty() {
            continue;
        }
        out.push(
            yaml::locate_str(
                Diagnostic::warning(
                    Code::UnusedTerm,
                    format!("no module page uses the term \"{}\"", t.term.value.trim()),
                ),
                &g.source,
                &t.term,
                0,
            )
            .with_help("use it in a module, add the word the modules use as an alias (`aliases: [...]`), or remove the entry"),
        );
    }
}
