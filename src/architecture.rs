//! Tests of the crate's shape (ARCHITECTURE.md): no import circles among
//! the files of `src/`, and no pipeline stage reaching up to a later one.
//!
//! The graph is read from the source: every `crate::…` path outside
//! comments and test modules is an edge from its file to the file of the
//! module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in pipeline order, and the modules beside them that may use
/// any stage (commands, the server, the report, certificates, PDF).
const STAGES: &[&str] = &["load", "compile", "check", "render", "write"];

/// Module path of a source file: `src/compile/markdown/mod.rs` → `compile::markdown`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix("src").unwrap_or(path).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The source without comments and `#[cfg(test)] mod tests { … }` blocks.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every file's module and the modules it uses.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.expect("src is readable");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("inside the crate");
            let module = module_of(rel);
            if module.ends_with("tests") || module == "properties" || module == "architecture" {
                continue;
            }
            sources.insert(module, std::fs::read_to_string(path).expect("utf-8"));
        }
    }
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    let resolve = |path: &str| {
        let mut parts: Vec<&str> = path.split("::").collect();
        while !parts.is_empty() {
            let candidate = parts.join("::");
            if modules.contains(&candidate) {
                return Some(candidate);
            }
            parts.pop();
        }
        None
    };
    let mut graph = BTreeMap::new();
    for (module, text) in &sources {
        let code = code_of(text);
        let mut uses = BTreeSet::new();
        for (i, _) in code.match_indices("crate::") {
            let path: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':')
                .collect();
            if let Some(target) = resolve(path.trim_end_matches(':'))
                && &target != module
                && !module.starts_with(&format!("{target}::"))
                && !target.starts_with(&format!("{module}::"))
            {
                uses.insert(target);
            }
        }
        graph.insert(module.clone(), uses);
    }
    graph
}

#[test]
fn there_are_no_import_circles() {
    let graph = graph();
    // Depth-first search for a back edge.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|&p| p == node) {
            let mut circle: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let circle = visit(node, &graph, &mut Vec::new(), &mut done);
        assert!(
            circle.is_none(),
            "import circle: {}",
            circle.unwrap().join(" → ")
        );
    }
    assert!(
        graph.len() > 40,
        "the graph was read: {} files",
        graph.len()
    );
}

#[test]
fn no_stage_reaches_up_to_a_later_one_or_to_the_commands() {
    let stage = |m: &str| {
        STAGES
            .iter()
            .position(|s| m == *s || m.starts_with(&format!("{s}::")))
    };
    for (from, uses) in graph() {
        for to in uses {
            if let (Some(a), Some(b)) = (stage(&from), stage(&to)) {
                assert!(
                    b <= a,
                    "{from} (stage {}) uses the later stage {to}",
                    STAGES[a]
                );
            }
            if stage(&from).is_some() {
                for beside in [
                    "cmd",
                    "serve",
                    "pipeline",
                    "report",
                    "package",
                    "pdf",
                    "certificates",
                ] {
                    assert!(
                        to != beside && !to.starts_with(&format!("{beside}::")),
                        "{from} reaches up to {to}"
                    );
                }
            }
        }
    }
}
