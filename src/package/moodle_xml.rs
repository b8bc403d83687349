//! `--format moodle-xml`: every question in Moodle XML
//! (<https://docs.moodle.org/en/Moodle_XML_format>), written with quick-xml's
//! writer, for Moodle's question bank (Import → Moodle XML format).
//!
//! Input: the questions by module ([`Category`]). Output: the file's bytes.
//! Each module is a `<question type="category">` entry
//! (`$course$/<course title>/<module title>`) before its questions; `single`
//! becomes `multichoice` with `<single>true</single>`, `multiple`
//! `multichoice` with shares of 100% for its right options and of -100% for
//! its wrong ones, `truefalse` `truefalse`, `short` `shortanswer` (each
//! accepted answer at 100%, case ignored), `matching` `matching` (its
//! distractors as subquestions with no text) and `ordering` `ordering`
//! (all or nothing). A question Moodle cannot hold ([`unfit`]) is left out
//! with a warning, and so is the feedback of matching pairs, which Moodle
//! cannot carry.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::compile::quiz::Kind;
use crate::diagnostic::Diagnostics;
use crate::package::questions::{
    Category, Export, Target, category_path, html_text, lost_pair_feedback, share, unfit,
};

/// The file's name in the package folder.
pub(crate) fn file_name(course_id: &str) -> String {
    format!("{course_id}-questions.xml")
}

/// The Moodle XML file for `categories`; the number of questions written.
pub(crate) fn write(
    course_title: &str,
    categories: &[Category<'_>],
    out: &mut Diagnostics,
) -> io::Result<(Vec<u8>, usize)> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut written = 0;
    w.create_element("quiz").write_inner_content(|w| {
        for category in categories {
            w.create_element("question")
                .with_attribute(("type", "category"))
                .write_inner_content(|w| {
                    text_element(
                        w,
                        "category",
                        None,
                        &category_path(course_title, category.title),
                    )
                })?;
            for q in &category.questions {
                if let Some((why, help)) = unfit(q.question, Target::MoodleXml) {
                    out.push(
                        q.warning(format!(
                            "question \"{}\" {why}: it is left out of the Moodle XML file",
                            q.id()
                        ))
                        .with_help(help),
                    );
                    continue;
                }
                out.extend(lost_pair_feedback(q, "Moodle XML"));
                question(w, q)?;
                written += 1;
            }
        }
        Ok(())
    })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok((bytes, written))
}

/// One question.
fn question(w: &mut Writer<Vec<u8>>, q: &Export<'_>) -> io::Result<()> {
    let kind = match q.question.kind {
        Kind::Single | Kind::Multiple => "multichoice",
        Kind::Truefalse => "truefalse",
        Kind::Short => "shortanswer",
        Kind::Matching => "matching",
        Kind::Ordering => "ordering",
    };
    w.create_element("question")
        .with_attribute(("type", kind))
        .write_inner_content(|w| {
            text_element(w, "name", None, q.id())?;
            text_element(w, "questiontext", Some("html"), &q.prompt)?;
            text_element(
                w,
                "generalfeedback",
                Some("html"),
                q.explanation.as_deref().unwrap_or(""),
            )?;
            simple(w, "defaultgrade", "1")?;
            simple(w, "penalty", "0")?;
            simple(w, "hidden", "0")?;
            match q.question.kind {
                Kind::Single | Kind::Multiple => choices(w, q),
                Kind::Truefalse => {
                    let answer = q.question.answer;
                    for value in [true, false] {
                        let fraction = if value == answer { "100" } else { "0" };
                        answer_element(w, fraction, None, &value.to_string(), None)?;
                    }
                    Ok(())
                }
                Kind::Short => {
                    simple(w, "usecase", "0")?;
                    for accepted in &q.question.accept {
                        answer_element(w, "100", None, accepted, None)?;
                    }
                    Ok(())
                }
                Kind::Matching => matching(w, q),
                Kind::Ordering => ordering(w, q),
            }
        })?;
    Ok(())
}

/// The options of a `single` or `multiple` question.
fn choices(w: &mut Writer<Vec<u8>>, q: &Export<'_>) -> io::Result<()> {
    let single = q.question.kind == Kind::Single;
    simple(w, "single", if single { "true" } else { "false" })?;
    simple(w, "shuffleanswers", "false")?;
    simple(w, "answernumbering", "abc")?;
    let right = q.question.options.iter().filter(|o| o.correct).count();
    let wrong = q.question.options.len() - right;
    for (option, feedback) in q.question.options.iter().zip(&q.feedback) {
        let fraction = match (option.correct, single) {
            (true, true) => "100".to_owned(),
            (false, true) => "0".to_owned(),
            (true, false) => share(right, true),
            (false, false) => share(wrong, false),
        };
        answer_element(
            w,
            &fraction,
            Some("html"),
            &html_text(&option.text),
            feedback.as_deref(),
        )?;
    }
    Ok(())
}

/// The pairs of a `matching` question, each a `<subquestion>` (the prompt
/// as HTML) with its `<answer>` (plain text), then each distractor as a
/// subquestion with no text, which Moodle reads as an extra wrong answer.
fn matching(w: &mut Writer<Vec<u8>>, q: &Export<'_>) -> io::Result<()> {
    simple(w, "shuffleanswers", "true")?;
    let pairs = q
        .question
        .pairs
        .iter()
        .map(|p| (html_text(&p.prompt), &p.answer));
    let distractors = q.question.distractors.iter().map(|d| (String::new(), d));
    for (prompt, answer) in pairs.chain(distractors) {
        w.create_element("subquestion")
            .with_attribute(("format", "html"))
            .write_inner_content(|w| {
                simple(w, "text", &prompt)?;
                w.create_element("answer")
                    .write_inner_content(|w| simple(w, "text", answer))?;
                Ok(())
            })?;
    }
    Ok(())
}

/// The steps of an `ordering` question (`qtype_ordering`, in Moodle's core
/// since 4.4), in the right order: all of them shown, one below another,
/// all or nothing, as peerprep marks them; each step's feedback with it.
fn ordering(w: &mut Writer<Vec<u8>>, q: &Export<'_>) -> io::Result<()> {
    simple(w, "layouttype", "VERTICAL")?;
    simple(w, "selecttype", "ALL")?;
    simple(w, "selectcount", &q.question.steps.len().to_string())?;
    simple(w, "gradingtype", "ALL_OR_NOTHING")?;
    simple(w, "showgrading", "SHOW")?;
    simple(w, "numberingstyle", "none")?;
    for (n, (step, feedback)) in q.question.steps.iter().zip(&q.step_feedback).enumerate() {
        answer_element(
            w,
            &(n + 1).to_string(),
            Some("html"),
            &html_text(&step.text),
            feedback.as_deref(),
        )?;
    }
    Ok(())
}

/// `<answer fraction=".." [format=".."]><text>..</text><feedback format="html">..</feedback></answer>`.
fn answer_element(
    w: &mut Writer<Vec<u8>>,
    fraction: &str,
    format: Option<&str>,
    text: &str,
    feedback: Option<&str>,
) -> io::Result<()> {
    let mut element = w
        .create_element("answer")
        .with_attribute(("fraction", fraction));
    if let Some(format) = format {
        element = element.with_attribute(("format", format));
    }
    element.write_inner_content(|w| {
        simple(w, "text", text)?;
        text_element(w, "feedback", Some("html"), feedback.unwrap_or(""))
    })?;
    Ok(())
}

/// `<name [format=".."]><text>..</text></name>`.
fn text_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    format: Option<&str>,
    text: &str,
) -> io::Result<()> {
    let mut element = w.create_element(name);
    if let Some(format) = format {
        element = element.with_attribute(("format", format));
    }
    element.write_inner_content(|w| simple(w, "text", text))?;
    Ok(())
}

/// `<name>text</name>`, the text escaped.
fn simple(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(text))?;
    Ok(())
}
