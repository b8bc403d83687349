//! What the report needs to know about the course, looked up once: the
//! modules a mentor sees, every quiz question with its text, and every
//! scenario ending with a title, so that the report names things in words
//! instead of ids.
//!
//! Input: the loaded [`Project`] and its [`Compiled`] modules. Output: a
//! [`Course`] index. Question text is the prompt's Markdown as plain text
//! (variables filled in, markup dropped); an ending's title is the first
//! words of its text. Nothing here fails: a field with no words falls back
//! to its id.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, TagEnd};

use crate::compile::Compiled;
use crate::compile::markdown::options::parser_options;
use crate::edition::Edition;
use crate::load::Project;
use crate::load::scenario::{Ending, Node};

/// The most words an ending's title takes from its text.
const TITLE_WORDS: usize = 12;

/// A module a mentor sees.
#[derive(Debug)]
pub(crate) struct ModuleInfo {
    /// Its slug (progress is kept under it).
    pub(crate) slug: String,
    /// Its title.
    pub(crate) title: String,
}

/// A quiz question of a module a mentor sees.
#[derive(Debug)]
pub(crate) struct QuestionInfo {
    /// Its id (results are kept under it).
    pub(crate) id: String,
    /// The prompt as plain text.
    pub(crate) text: String,
    /// The index of its module in [`Course::modules`].
    pub(crate) module: usize,
    /// The competency it checks.
    pub(crate) competency: Option<String>,
    /// Which quiz block it is in, numbered across the course: one press of
    /// "Check answers" records every question of one block.
    pub(crate) block: usize,
}

/// A scenario ending.
#[derive(Debug)]
pub(crate) struct EndingInfo {
    /// The node id (endings found are kept under it).
    pub(crate) id: String,
    /// The first words of its text.
    pub(crate) title: String,
    /// Good, mixed or poor practice.
    pub(crate) kind: Ending,
}

/// A scenario and its endings.
#[derive(Debug)]
pub(crate) struct ScenarioInfo {
    /// Its id.
    pub(crate) id: String,
    /// Its title.
    pub(crate) title: String,
    /// Its endings, in file order.
    pub(crate) endings: Vec<EndingInfo>,
}

/// The course as the report sees it: what a mentor can do, in course order.
#[derive(Debug)]
pub(crate) struct Course {
    /// The modules of the mentor edition.
    pub(crate) modules: Vec<ModuleInfo>,
    /// Their quiz questions.
    pub(crate) questions: Vec<QuestionInfo>,
    /// Every question's index in `questions`, by id.
    by_id: HashMap<String, usize>,
    /// The number of quiz blocks.
    pub(crate) blocks: usize,
    /// The scenarios.
    pub(crate) scenarios: Vec<ScenarioInfo>,
}

impl Course {
    /// Looks everything up in the compiled course.
    pub(crate) fn new(project: &Project, compiled: &Compiled) -> Self {
        let variables = &project.config.variables;
        let mut modules = Vec::new();
        let mut questions = Vec::new();
        let mut blocks = 0;
        for (m, c) in project.modules.iter().zip(compiled.modules()) {
            if !m.edition.appears_in(Edition::Mentor) {
                continue;
            }
            for quiz in &c.quizzes {
                for q in &quiz.questions {
                    let text = plain_text(&q.prompt.value, variables);
                    questions.push(QuestionInfo {
                        id: q.id.value.clone(),
                        text: if text.is_empty() {
                            q.id.value.clone()
                        } else {
                            text
                        },
                        module: modules.len(),
                        competency: q.competency.clone(),
                        block: blocks,
                    });
                }
                blocks += 1;
            }
            modules.push(ModuleInfo {
                slug: m.slug.clone(),
                title: m.title.clone(),
            });
        }
        let by_id = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        let scenarios = project
            .scenarios
            .iter()
            .map(|s| ScenarioInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                endings: s
                    .nodes
                    .iter()
                    .filter_map(|n| {
                        n.ending.map(|kind| EndingInfo {
                            id: n.id.clone(),
                            title: ending_title(n, variables),
                            kind,
                        })
                    })
                    .collect(),
            })
            .collect();
        Self {
            modules,
            questions,
            by_id,
            blocks,
            scenarios,
        }
    }

    /// The question with this id, if the course has it.
    pub(crate) fn question(&self, id: &str) -> Option<&QuestionInfo> {
        self.by_id.get(id).map(|&i| &self.questions[i])
    }

    /// The scenario with this id, if the course has it.
    pub(crate) fn scenario(&self, id: &str) -> Option<&ScenarioInfo> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The scenarios that can be played to an ending.
    pub(crate) fn playable(&self) -> usize {
        self.scenarios
            .iter()
            .filter(|s| !s.endings.is_empty())
            .count()
    }
}

/// An ending's title: its `title:` when it has one, else the first words of
/// its text (its first sentence, at most [`TITLE_WORDS`] words), or its id
/// when it has no words.
fn ending_title(node: &Node, variables: &HashMap<String, String>) -> String {
    if let Some(title) = node.title.as_ref().filter(|t| !t.trim().is_empty()) {
        return title.clone();
    }
    let text = plain_text(&node.text.value, variables);
    let title = first_words(&text, TITLE_WORDS);
    if title.is_empty() {
        node.id.clone()
    } else {
        title
    }
}

/// The first sentence of `text` (of three words or more, and not inside a
/// quotation), cut to `max` words with `…` when longer.
pub(crate) fn first_words(text: &str, max: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut quotes = 0;
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        out.push(word);
        quotes += word.matches(['"', '“', '”']).count();
        let sentence_ends = word
            .trim_end_matches(['"', '”', '’', '\''])
            .ends_with(['.', '!', '?']);
        if sentence_ends && out.len() >= 3 && quotes % 2 == 0 {
            break;
        }
        if out.len() == max && words.peek().is_some() {
            return format!("{}…", out.join(" "));
        }
    }
    out.join(" ")
}

/// Markdown as plain text: variables filled in, the text of every inline
/// kept, markup and raw HTML dropped, whitespace collapsed.
pub(crate) fn plain_text(markdown: &str, variables: &HashMap<String, String>) -> String {
    let expanded = crate::compile::variables::expand(markdown, variables);
    let mut text = String::with_capacity(expanded.text.len());
    for event in Parser::new_ext(&expanded.text, parser_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text_with_variables_filled_in() {
        let vars = HashMap::from([("dsl".to_owned(), "Ms <Lead>".to_owned())]);
        assert_eq!(
            plain_text(
                "A mentee asks you to **promise**\nnot to tell {{ dsl }}. <em>Why?</em>\n\n- `one`\n- two",
                &vars
            ),
            "A mentee asks you to promise not to tell Ms <Lead>. Why? one two"
        );
    }

    #[test]
    fn a_title_is_the_first_sentence_or_the_first_words() {
        assert_eq!(
            first_words("Sam is getting help. Later, things are better.", 12),
            "Sam is getting help."
        );
        assert_eq!(
            first_words("No. Nobody who could help knew.", 12),
            "No. Nobody who could help knew."
        );
        assert_eq!(
            first_words("Rhys shrugs. \"Yeah. I guess.\" He leaves.", 12),
            "Rhys shrugs. \"Yeah. I guess.\""
        );
        assert_eq!(
            first_words("one two three four five six", 4),
            "one two three four…"
        );
        assert_eq!(first_words("one two three four", 4), "one two three four");
        assert_eq!(first_words("", 4), "");
    }
}
