//! The graph rules of a scenario (SPEC.md and the scenario issue):
//! `start` and every `goto` exist; every node is reachable from `start`;
//! non-endings have choices (one is a warning) and endings have none; some
//! ending can be reached from every node; there is a positive ending; and in a
//! `safeguarding: true` scenario no positive ending can be reached on a path
//! that avoids every `escalates: true` node. Every problem names its node.

use std::collections::VecDeque;

use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::scenario::{Ending, Scenario};
use crate::load::yaml::{self, Spanned};

/// Runs every graph rule, pushing each problem found.
pub(crate) fn check(s: &Scenario, start: &Spanned<String>, out: &mut Diagnostics) {
    let index = s.index();
    let ids: Vec<&str> = s.nodes.iter().map(|n| n.id.as_str()).collect();
    let hint = |wrong: &str| {
        suggest::did_you_mean(wrong, ids.iter().copied()).map_or_else(
            || format!("nodes are: {}", short_list(&ids)),
            |id| format!("did you mean \"{id}\"?"),
        )
    };
    let at = |d: Diagnostic, span: &Spanned<String>| yaml::locate_str(d, &s.source, span, 0);
    let Some(&start_index) = index.get(start.value.as_str()) else {
        out.push(
            at(
                Diagnostic::error(
                    Code::UnknownStart,
                    format!("`start` names unknown node \"{}\"", start.value),
                ),
                start,
            )
            .with_help(hint(&start.value)),
        );
        return;
    };
    // Edges, with unknown targets reported.
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); s.nodes.len()];
    for (i, node) in s.nodes.iter().enumerate() {
        for choice in &node.choices {
            match index.get(choice.goto.value.as_str()) {
                Some(&j) => edges[i].push(j),
                None => out.push(
                    at(
                        Diagnostic::error(
                            Code::UnknownNode,
                            format!("choice goes to unknown node \"{}\"", choice.goto.value),
                        ),
                        &choice.goto,
                    )
                    .with_help(hint(&choice.goto.value)),
                ),
            }
        }
        match (node.ending, node.choices.len()) {
            (Some(_), n) if n > 0 => out.push(
                at(
                    Diagnostic::error(
                        Code::EndingWithChoices,
                        format!("node \"{}\" is an ending but has choices", node.id),
                    ),
                    &node.at,
                )
                .with_help("remove its `choices`, or remove `ending:` to make it a step"),
            ),
            (None, 0) => out.push(
                at(
                    Diagnostic::error(
                        Code::NoChoices,
                        format!("node \"{}\" has no choices and is not an ending", node.id),
                    ),
                    &node.at,
                )
                .with_help("add `choices:`, or mark it `ending: positive`, `mixed` or `negative`"),
            ),
            (None, 1) => out.push(
                at(
                    Diagnostic::warning(
                        Code::OneChoice,
                        format!("node \"{}\" has only one choice", node.id),
                    ),
                    &node.at,
                )
                .with_help("a real decision needs at least two plausible choices"),
            ),
            _ => {}
        }
    }
    let reachable = reach(&edges, start_index, |_| true);
    for (i, node) in s.nodes.iter().enumerate() {
        if reachable[i].is_none() {
            out.push(
                at(
                    Diagnostic::error(
                        Code::UnreachableNode,
                        format!(
                            "node \"{}\" cannot be reached from \"{}\"",
                            node.id, s.start
                        ),
                    ),
                    &node.at,
                )
                .with_help("add a choice that leads to it, or remove it"),
            );
        }
    }
    // Nodes from which some ending can be reached: search backwards from the endings.
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); s.nodes.len()];
    for (i, targets) in edges.iter().enumerate() {
        for &j in targets {
            reverse[j].push(i);
        }
    }
    let mut can_end = vec![false; s.nodes.len()];
    let mut queue: VecDeque<usize> = s
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.ending.is_some())
        .map(|(i, _)| i)
        .collect();
    for &i in &queue {
        can_end[i] = true;
    }
    while let Some(j) = queue.pop_front() {
        for &i in &reverse[j] {
            if !can_end[i] {
                can_end[i] = true;
                queue.push_back(i);
            }
        }
    }
    for (i, node) in s.nodes.iter().enumerate() {
        if reachable[i].is_some()
            && !can_end[i]
            && !(node.ending.is_none() && node.choices.is_empty())
        {
            out.push(
                at(
                    Diagnostic::error(
                        Code::TrapNode,
                        format!("no ending can be reached from node \"{}\"", node.id),
                    ),
                    &node.at,
                )
                .with_help("its choices only lead round in a loop; add a way out to an ending"),
            );
        }
    }
    if !s.nodes.iter().any(|n| n.ending == Some(Ending::Positive)) {
        out.push(
            at(
                Diagnostic::error(
                    Code::NoPositiveEnding,
                    "the scenario has no positive ending",
                ),
                start,
            )
            .with_help("mark the ending that shows good practice `ending: positive`"),
        );
    }
    if s.safeguarding {
        check_safeguarding(s, &edges, start_index, out);
    }
}

/// The safeguarding rule: a path to a positive ending that avoids every escalation is an error.
fn check_safeguarding(s: &Scenario, edges: &[Vec<usize>], start: usize, out: &mut Diagnostics) {
    let parents = reach(edges, start, |i| !s.nodes[i].escalates);
    let offending = (0..s.nodes.len()).find(|&i| {
        parents[i].is_some() && s.nodes[i].ending == Some(Ending::Positive) && !s.nodes[i].escalates
    });
    let Some(end) = offending else {
        return;
    };
    let mut path = vec![end];
    let mut at = end;
    while let Some(Some(p)) = parents.get(at).copied().filter(|_| at != start) {
        path.push(p);
        at = p;
    }
    path.reverse();
    let shown: Vec<&str> = path.iter().map(|&i| s.nodes[i].id.as_str()).collect();
    let node = &s.nodes[end];
    out.push(
        yaml::locate_str(
            Diagnostic::error(
                Code::SafeguardingRule,
                format!("positive ending \"{}\" can be reached without passing the concern on: {}", node.id, shown.join(" → ")),
            ),
            &s.source,
            &node.at,
            0,
        )
        .with_help("in a safeguarding scenario every good ending passes through a node with `escalates: true`"),
    );
}

/// Breadth-first search from `start` through nodes allowed by `enter`:
/// for each node, Some(parent) when reached (the start is its own parent).
fn reach(edges: &[Vec<usize>], start: usize, enter: impl Fn(usize) -> bool) -> Vec<Option<usize>> {
    let mut parent = vec![None; edges.len()];
    if !enter(start) {
        return parent;
    }
    parent[start] = Some(start);
    let mut queue = VecDeque::from([start]);
    while let Some(i) = queue.pop_front() {
        for &j in &edges[i] {
            if parent[j].is_none() && enter(j) {
                parent[j] = Some(i);
                queue.push_back(j);
            }
        }
    }
    parent
}

fn short_list(ids: &[&str]) -> String {
    if ids.len() <= 8 {
        ids.join(", ")
    } else {
        format!("{}, …", ids[..8].join(", "))
    }
}
