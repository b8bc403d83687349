//! The typed content model: what a module's Markdown compiles to.
//!
//! A [`Body`] is a list of [`Block`]s: runs of the author's Markdown (each
//! rendered to HTML and sanitised on its own), and the blocks peerprep adds
//! (quizzes, reflections, scenario cards, facilitator notes), kept as data.
//! The theme renders every block with a partial template
//! (`themes/default/partials/`), so a course can override any of them, and
//! nothing of ours is ever sanitised or spliced into the author's HTML.
//! Footnote definitions are collected into [`Body::footnotes`] and shown by
//! their own partial at the end.

use serde::Serialize;

use crate::edition::Edition;

/// A compiled piece of content: its blocks and its footnotes.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Body {
    /// The blocks, in order.
    pub(crate) blocks: Vec<Block>,
    /// Footnote definitions, in the order they are numbered.
    pub(crate) footnotes: Vec<Footnote>,
}

/// One block of a [`Body`]. Templates see `kind` and the variant's fields.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Block {
    /// A run of the author's Markdown, as sanitised HTML.
    Markdown {
        /// The HTML.
        html: String,
    },
    /// A ```` ```quiz ```` block.
    Quiz {
        /// Its questions, with their Markdown fields rendered.
        questions: Vec<QuestionView>,
        /// `pool: N`: with JavaScript, each attempt shows N of them, drawn at random.
        pool: Option<usize>,
    },
    /// A ```` ```reflection ```` block.
    Reflection {
        /// Its prompts.
        prompts: Vec<Prompt>,
    },
    /// A ```` ```scenario ```` block: a card linking to the scenario.
    Scenario {
        /// The scenario's id.
        id: String,
        /// Its title.
        title: String,
        /// Its summary.
        summary: Option<String>,
    },
    /// An image alone in its paragraph, with a title: a figure whose caption
    /// is the title.
    Figure {
        /// The image's address, rewritten for the page.
        src: String,
        /// Its alt text (plain).
        alt: String,
        /// The caption (plain).
        caption: String,
    },
    /// A GitHub-style alert (`> [!NOTE]` …): a callout.
    Callout {
        /// `note`, `tip`, `important`, `warning` or `caution`.
        callout: &'static str,
        /// What it holds, as sanitised HTML.
        html: String,
    },
    /// A ```` ```media ```` block: a video or audio file with its captions
    /// and transcript.
    Media(Box<MediaView>),
    /// A ```` ```facilitator ```` block: shown only in the facilitator edition.
    Facilitator {
        /// What it holds.
        body: Body,
    },
    /// A quiz or reflection block not yet parsed (only between the Markdown
    /// renderer and [`crate::compile`], which replaces every one).
    #[serde(skip)]
    Data(DataBlock),
}

/// A footnote definition.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Footnote {
    /// Its id on the page (with the document's prefix), e.g. `fn-kcsie`.
    pub(crate) id: String,
    /// Its number, as its references show it.
    pub(crate) number: usize,
    /// Its text, as sanitised HTML.
    pub(crate) html: String,
}

impl Body {
    /// The body as `edition` shows it: without facilitator notes in the
    /// mentor edition. `print` tells the partials to lay quizzes and
    /// reflections out for paper.
    pub(crate) fn view(&self, edition: Edition, print: bool) -> BodyView<'_> {
        BodyView {
            blocks: self
                .blocks
                .iter()
                .filter_map(|b| BlockView::new(b, edition, print))
                .collect(),
            footnotes: &self.footnotes,
            print,
        }
    }

    /// Every block, facilitator notes' blocks included, for changing in place.
    pub(crate) fn for_each_block_mut(&mut self, f: &mut dyn FnMut(&mut Block)) {
        for block in &mut self.blocks {
            f(block);
            if let Block::Facilitator { body } = block {
                body.for_each_block_mut(f);
            }
        }
    }
}

/// A body as one edition shows it (what `partials/body.html` receives as `body`).
#[derive(Debug, Serialize)]
pub(crate) struct BodyView<'a> {
    /// The blocks this edition shows.
    pub(crate) blocks: Vec<BlockView<'a>>,
    /// Footnote definitions.
    pub(crate) footnotes: &'a [Footnote],
    /// Whether the body is printed (workbook, guide) rather than on its page.
    pub(crate) print: bool,
}

/// A block as one edition shows it: a facilitator note's own blocks are
/// filtered the same way.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(crate) enum BlockView<'a> {
    /// A facilitator note, with its body as this edition shows it.
    Facilitator {
        /// Always `"facilitator"`.
        kind: &'static str,
        /// What it holds.
        body: Box<BodyView<'a>>,
    },
    /// Any other block, as it is.
    Plain(&'a Block),
}

impl<'a> BlockView<'a> {
    fn new(block: &'a Block, edition: Edition, print: bool) -> Option<Self> {
        match block {
            Block::Facilitator { body } if edition.shows_facilitator_content() => {
                Some(BlockView::Facilitator {
                    kind: "facilitator",
                    body: Box::new(body.view(edition, print)),
                })
            }
            Block::Facilitator { .. } | Block::Data(_) => None,
            // A quiz or reflection block that failed to parse shows nothing.
            Block::Markdown { html } if html.is_empty() => None,
            Block::Reflection { prompts } if prompts.is_empty() => None,
            _ => Some(BlockView::Plain(block)),
        }
    }
}

/// What a [`DataBlock`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DataKind {
    /// ```` ```quiz ````: parsed and rendered by `compile::quiz`.
    Quiz,
    /// ```` ```reflection ````: parsed and rendered by `compile::reflection`.
    Reflection,
    /// ```` ```media ````: parsed and checked by `compile::media`.
    Media,
}

/// A fenced block of YAML data, left for the compile stage to parse and render.
#[derive(Debug, Clone)]
pub(crate) struct DataBlock {
    /// Which kind.
    pub(crate) kind: DataKind,
    /// The YAML inside the block.
    pub(crate) yaml: String,
    /// Byte offset of the YAML in the source file.
    pub(crate) offset: usize,
    /// Whether it sits in facilitator-only content.
    pub(crate) facilitator_only: bool,
}

/// A question as templates see it (`partials/quiz.html`, `quiz-print.html`,
/// `answer-key.html`), its Markdown fields rendered for where it is shown.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionView {
    /// Its id (unique in the course; results are saved by it).
    pub(crate) id: String,
    /// Its number in the quiz, from 1.
    pub(crate) number: usize,
    /// `single`, `multiple`, `truefalse`, `short`, `matching` or `ordering`.
    pub(crate) kind: &'static str,
    /// The competency it checks.
    pub(crate) competency: Option<String>,
    /// The prompt, as sanitised HTML.
    pub(crate) prompt: String,
    /// The options (single and multiple).
    pub(crate) options: Vec<OptionView>,
    /// The right answer (truefalse).
    pub(crate) answer: bool,
    /// The accepted answers (short), as written.
    pub(crate) accept: Vec<String>,
    /// The accepted answers, lowercased, as JSON for `assets/quiz.js`.
    pub(crate) accept_json: String,
    /// The explanation, as sanitised HTML.
    pub(crate) explanation: Option<String>,
    /// The pairs (matching), in the order written.
    pub(crate) pairs: Vec<crate::compile::quiz::items::PairView>,
    /// The answers to choose from (matching): the pairs' answers and the
    /// distractors, lettered, in a stable shuffled order.
    pub(crate) choices: Vec<crate::compile::quiz::items::ChoiceView>,
    /// The steps (ordering), in the stable shuffled order they are shown in.
    pub(crate) steps: Vec<crate::compile::quiz::items::StepView>,
}

/// An option as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct OptionView {
    /// Its text (plain).
    pub(crate) text: String,
    /// Whether it is a right answer.
    pub(crate) correct: bool,
    /// Feedback shown when it is chosen, as sanitised HTML.
    pub(crate) feedback: Option<String>,
}

/// A video or audio file as templates see it (`partials/media.html`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MediaView {
    /// `video` or `audio`.
    pub(crate) media: &'static str,
    /// Its title, shown above the player and in print.
    pub(crate) title: String,
    /// The file's address from the page.
    pub(crate) src: String,
    /// Its MIME type, e.g. `video/mp4`.
    pub(crate) mime: &'static str,
    /// The WebVTT captions' address from the page.
    pub(crate) captions: Option<String>,
    /// The captions' language (the course's).
    pub(crate) captions_lang: String,
    /// The poster image's address from the page.
    pub(crate) poster: Option<String>,
    /// The transcript, as sanitised HTML.
    pub(crate) transcript: Option<String>,
}

/// One reflection prompt (what `partials/reflection.html` and
/// `reflection-print.html` receive).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Prompt {
    /// Unique in the course; learner text is saved under it.
    pub(crate) id: String,
    /// The question, plain text.
    pub(crate) prompt: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Body {
        Body {
            blocks: vec![
                Block::Markdown {
                    html: "<p>Hi</p>".into(),
                },
                Block::Facilitator {
                    body: Body {
                        blocks: vec![Block::Markdown {
                            html: "<p>Secret</p>".into(),
                        }],
                        footnotes: Vec::new(),
                    },
                },
            ],
            footnotes: Vec::new(),
        }
    }

    #[test]
    fn the_mentor_edition_never_sees_facilitator_notes() {
        let json = serde_json::to_string(&body().view(Edition::Mentor, false)).unwrap();
        assert!(!json.contains("Secret"), "{json}");
        assert!(
            json.contains(r#"{"kind":"markdown","html":"<p>Hi</p>"}"#),
            "{json}"
        );
        let json = serde_json::to_string(&body().view(Edition::Facilitator, true)).unwrap();
        assert!(json.contains(r#"{"kind":"facilitator","body":{"blocks":[{"kind":"markdown","html":"<p>Secret</p>"}]"#), "{json}");
        assert!(json.contains(r#""print":true"#), "{json}");
    }
}
