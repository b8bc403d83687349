//! The course's quiz questions as the question formats (Moodle XML, GIFT)
//! export them: one [`Category`] per module that has questions, in course
//! order, holding the questions one edition shows.
//!
//! Input: a validated course. The Markdown fields come from the compiled
//! bodies (already rendered and sanitised, variables filled in), made fit
//! for an LMS by [`for_lms`]: links to the course's own pages become plain
//! text (those pages are not in the LMS), and images are left out (neither
//! format carries the file), which is a warning. Output: the categories and
//! those warnings; a question that a format cannot hold at all is decided by
//! [`unfit`], which the formats call.

use std::collections::HashMap;

use ammonia::{Builder, UrlRelative};

use crate::compile::CompiledModule;
use crate::compile::body::{BlockView, BodyView, QuestionView};
use crate::compile::quiz::{Kind, Question};
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::Edition;
use crate::load::Project;
use crate::load::module::Module;
use crate::load::yaml;

/// The most right (or wrong) options of a `multiple` question whose share of
/// the grade is one of the grades Moodle offers (100%, 50%, 33.33333%, …, 10%).
pub(crate) const MAX_SHARED: usize = 10;

/// One module's questions.
#[derive(Debug)]
pub(crate) struct Category<'a> {
    /// The module's title.
    pub(crate) title: &'a str,
    /// Its questions, in order.
    pub(crate) questions: Vec<Export<'a>>,
}

/// A question ready to export.
#[derive(Debug)]
pub(crate) struct Export<'a> {
    /// The question as validated (id, kind, options, answers).
    pub(crate) question: &'a Question,
    /// The prompt as HTML.
    pub(crate) prompt: String,
    /// Each option's feedback as HTML, in option order.
    pub(crate) feedback: Vec<Option<String>>,
    /// The explanation as HTML (the general feedback).
    pub(crate) explanation: Option<String>,
    /// Each step's feedback as HTML, in the right order (ordering).
    pub(crate) step_feedback: Vec<Option<String>>,
    module: &'a Module,
    line_offset: usize,
}

impl Export<'_> {
    /// The question's id.
    pub(crate) fn id(&self) -> &str {
        &self.question.id.value
    }

    /// A warning about this question, at its id in its module file.
    pub(crate) fn warning(&self, message: String) -> Diagnostic {
        yaml::locate_str(
            Diagnostic::warning(Code::NotExported, message),
            &self.module.source,
            &self.question.id,
            self.line_offset,
        )
    }
}

/// Every question `edition` shows, by module, with a warning for each image
/// left out.
pub(crate) fn collect<'a>(
    project: &'a Project,
    compiled: impl Iterator<Item = &'a CompiledModule>,
    edition: Edition,
    format: &str,
    out: &mut Diagnostics,
) -> Vec<Category<'a>> {
    let mut categories = Vec::new();
    for (module, compiled) in project.modules.iter().zip(compiled) {
        if !module.edition.appears_in(edition) {
            continue;
        }
        let by_id: HashMap<&str, (&Question, usize)> = compiled
            .quizzes
            .iter()
            .flat_map(|quiz| quiz.questions.iter().map(|q| (q, quiz.line_offset)))
            .map(|(q, offset)| (q.id.value.as_str(), (q, offset)))
            .collect();
        let mut views = Vec::new();
        shown_questions(&compiled.body().view(edition, false), &mut views);
        let questions: Vec<Export<'a>> = views
            .into_iter()
            .filter_map(|view| {
                let &(question, line_offset) = by_id.get(view.id.as_str())?;
                let mut lost_image = false;
                let mut html = |h: &str| {
                    let (clean, image) = for_lms(h);
                    lost_image |= image;
                    clean
                };
                let export = Export {
                    question,
                    prompt: html(&view.prompt),
                    feedback: view
                        .options
                        .iter()
                        .map(|o| o.feedback.as_deref().map(&mut html))
                        .collect(),
                    explanation: view.explanation.as_deref().map(&mut html),
                    step_feedback: {
                        let mut steps: Vec<_> = view.steps.iter().collect();
                        steps.sort_by_key(|s| s.position);
                        steps
                            .into_iter()
                            .map(|s| s.feedback.as_deref().map(&mut html))
                            .collect()
                    },
                    module,
                    line_offset,
                };
                if lost_image {
                    out.push(
                        export
                            .warning(format!(
                                "question \"{}\" shows an image, which the {format} file cannot carry: the image is left out of it",
                                export.id()
                            ))
                            .with_help("describe what the image shows in the text, or add the image to the question in the LMS after importing"),
                    );
                }
                Some(export)
            })
            .collect();
        if !questions.is_empty() {
            categories.push(Category {
                title: &module.title,
                questions,
            });
        }
    }
    categories
}

/// The questions of every quiz a body view shows, facilitator notes' included.
fn shown_questions<'b>(body: &BodyView<'b>, into: &mut Vec<&'b QuestionView>) {
    for block in &body.blocks {
        match block {
            BlockView::Facilitator { body, .. } => shown_questions(body, into),
            BlockView::Plain(crate::compile::body::Block::Quiz { questions, .. }) => {
                into.extend(questions.iter());
            }
            BlockView::Plain(_) => {}
        }
    }
}

/// Sanitised HTML made fit for an LMS: links to the course's own pages keep
/// their text but lose their target, and images are left out. Returns the
/// HTML and whether an image was left out.
pub(crate) fn for_lms(html: &str) -> (String, bool) {
    let had_image = html.contains("<img");
    let mut builder = Builder::default();
    builder
        .rm_tags(["img"])
        .url_relative(UrlRelative::Deny)
        .link_rel(None);
    (builder.clean(html).to_string().trim().to_owned(), had_image)
}

/// The question formats, for what each can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Moodle XML.
    MoodleXml,
    /// GIFT.
    Gift,
}

/// The fewest answers (pairs and distractors) of a matching question that
/// Moodle accepts.
pub(crate) const MIN_MATCHING_ANSWERS: usize = 3;

/// Why `target` cannot hold `question`, and what to do, or None when it
/// can. Moodle XML and GIFT grade a `multiple` question by shares of 100%
/// for its right options and of -100% for its wrong ones, and Moodle
/// accepts only its own list of grades: a share of more than
/// [`MAX_SHARED`] options is not in it. Moodle's matching questions need
/// at least [`MIN_MATCHING_ANSWERS`] answers; GIFT has no ordering questions.
pub(crate) fn unfit(question: &Question, target: Target) -> Option<(String, &'static str)> {
    match question.kind {
        Kind::Multiple => {
            let right = question.options.iter().filter(|o| o.correct).count();
            let wrong = question.options.len() - right;
            let too_many = |n: usize, what: &str| {
                (n > MAX_SHARED).then(|| {
                    format!("has {n} {what} options, and Moodle's grades cannot share 100% between more than {MAX_SHARED}")
                })
            };
            too_many(right, "right")
                .or_else(|| too_many(wrong, "wrong"))
                .map(|why| (why, "split its options into two questions, or use `single`"))
        }
        Kind::Matching => {
            let answers = question.pairs.len() + question.distractors.len();
            (answers < MIN_MATCHING_ANSWERS).then(|| {
                (
                    format!("has {answers} answers, and Moodle's matching questions need at least {MIN_MATCHING_ANSWERS}"),
                    "add a pair, or a wrong answer under `distractors:`",
                )
            })
        }
        Kind::Ordering if target == Target::Gift => Some((
            "is an `ordering` question, which GIFT cannot hold".to_owned(),
            "export it with `--format moodle-xml` (Moodle 4.4 and later import ordering questions), or add it in the LMS",
        )),
        _ => None,
    }
}

/// A warning when a matching question's pairs have feedback, which neither
/// format can carry (Moodle's matching questions have no feedback per pair).
pub(crate) fn lost_pair_feedback(q: &Export<'_>, format: &str) -> Option<Diagnostic> {
    (q.question.kind == Kind::Matching && q.question.pairs.iter().any(|p| p.feedback.is_some()))
        .then(|| {
            q.warning(format!(
                "question \"{}\" has feedback for its pairs, which the {format} file cannot carry: it is left out of it",
                q.id()
            ))
            .with_help("Moodle's matching questions have no feedback per pair: put what it says in the `explanation`, which becomes the general feedback")
        })
}

/// One option's share of the grade, as Moodle writes it: `50`, `33.33333`,
/// `-25`, for one of `n` options (`n` from 1 to [`MAX_SHARED`]).
pub(crate) fn share(n: usize, right: bool) -> String {
    let value = 100.0 / n.max(1) as f64;
    let mut text = format!("{value:.5}");
    while text.ends_with('0') {
        text.pop();
    }
    if text.ends_with('.') {
        text.pop();
    }
    if right { text } else { format!("-{text}") }
}

/// The category path of a module: `$course$/<course title>/<module title>`,
/// each `/` in a title doubled (Moodle reads a single one as a sub-category).
pub(crate) fn category_path(course: &str, module: &str) -> String {
    let part = |s: &str| s.replace(['\r', '\n'], " ").replace('/', "//");
    format!("$course$/{}/{}", part(course), part(module))
}

/// Plain text as HTML text (`&`, `<` and `>` escaped; quotes need not be
/// outside attributes).
pub(crate) fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_moodle_grades() {
        assert_eq!(share(1, true), "100");
        assert_eq!(share(2, true), "50");
        assert_eq!(share(3, true), "33.33333");
        assert_eq!(share(3, false), "-33.33333");
        assert_eq!(share(6, true), "16.66667");
        assert_eq!(share(7, false), "-14.28571");
        assert_eq!(share(8, true), "12.5");
        assert_eq!(share(10, true), "10");
    }

    #[test]
    fn links_keep_their_text_and_images_are_left_out() {
        let (html, image) = for_lms(
            "<p>See <a href=\"#asking\">asking</a> and <a href=\"https://example.org/\">this</a> <img src=\"../images/a.png\" alt=\"x\"></p>",
        );
        assert!(image);
        assert!(!html.contains("#asking"), "{html}");
        assert!(html.contains("asking</a>"), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert_eq!(for_lms("<p>plain</p>"), ("<p>plain</p>".to_owned(), false));
        assert_eq!(
            html_text("can't <b> & \"so\""),
            "can't &lt;b&gt; &amp; \"so\""
        );
    }

    #[test]
    fn category_paths_double_slashes() {
        assert_eq!(
            category_path("Peer / mentor", "One"),
            "$course$/Peer // mentor/One"
        );
    }
}
