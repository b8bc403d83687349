//! `--format gift`: every question in Moodle's GIFT format
//! (<https://docs.moodle.org/en/GIFT_format>), for Moodle's question bank
//! (Import → GIFT format) and the other tools that read GIFT.
//!
//! Input: the questions by module ([`Category`]). Output: the file's text.
//! Each module starts with a `$CATEGORY:` line; each question is
//! `::<id>::[html]<prompt>{…}` with its answers (`=` right, `~` wrong,
//! `~%50%` shares for `multiple`, `T`/`F`, `=` for each accepted short
//! answer, `=prompt -> answer` for each matching pair and `= -> answer` for
//! each distractor), option feedback after `#` and the explanation after
//! `####`. Every text goes through [`escape`]. A question GIFT cannot hold
//! ([`unfit`]: ordering questions among them) is left out with a warning,
//! and so is the feedback of matching pairs, which GIFT cannot carry.

use std::fmt::Write as _;

use crate::compile::quiz::Kind;
use crate::diagnostic::Diagnostics;
use crate::package::questions::{
    Category, Export, Target, category_path, html_text, lost_pair_feedback, share, unfit,
};

/// The file's name in the package folder.
pub(crate) fn file_name(course_id: &str) -> String {
    format!("{course_id}-questions.gift.txt")
}

/// The GIFT file for `categories`; the number of questions written.
pub(crate) fn write(
    course_title: &str,
    categories: &[Category<'_>],
    out: &mut Diagnostics,
) -> (String, usize) {
    let mut text = String::new();
    let mut written = 0;
    for category in categories {
        // Moodle reads the rest of a $CATEGORY line as it is: no escapes.
        let _ = writeln!(
            text,
            "$CATEGORY: {}\n",
            category_path(course_title, category.title)
        );
        for q in &category.questions {
            if let Some((why, help)) = unfit(q.question, Target::Gift) {
                out.push(
                    q.warning(format!(
                        "question \"{}\" {why}: it is left out of the GIFT file",
                        q.id()
                    ))
                    .with_help(help),
                );
                continue;
            }
            out.extend(lost_pair_feedback(q, "GIFT"));
            question(&mut text, q);
            written += 1;
        }
    }
    (text, written)
}

/// One question, and the blank line that ends it.
fn question(text: &mut String, q: &Export<'_>) {
    let _ = write!(text, "::{}::[html]{}{{", escape(q.id()), escape(&q.prompt));
    let options = &q.question.options;
    let right = options.iter().filter(|o| o.correct).count();
    match q.question.kind {
        Kind::Single | Kind::Multiple => {
            let single = q.question.kind == Kind::Single;
            for (option, feedback) in options.iter().zip(&q.feedback) {
                let mark = match (single, option.correct) {
                    (true, true) => "=".to_owned(),
                    (true, false) => "~".to_owned(),
                    (false, correct) => {
                        let n = if correct {
                            right
                        } else {
                            options.len() - right
                        };
                        format!("~%{}%", share(n, correct))
                    }
                };
                let _ = write!(text, "\n{mark}{}", escape(&html_text(&option.text)));
                if let Some(feedback) = feedback {
                    let _ = write!(text, "#{}", escape(feedback));
                }
            }
        }
        Kind::Truefalse => text.push_str(if q.question.answer { "TRUE" } else { "FALSE" }),
        Kind::Short => {
            for accepted in &q.question.accept {
                let _ = write!(text, "\n={}", escape(accepted));
            }
        }
        Kind::Matching => {
            // `=prompt -> answer`; a distractor is an answer with no prompt.
            // The prompt is HTML (its `>` escaped, so no `->` is in it).
            for pair in &q.question.pairs {
                let _ = write!(
                    text,
                    "\n={} -> {}",
                    escape(&html_text(&pair.prompt)),
                    escape(&pair.answer)
                );
            }
            for distractor in &q.question.distractors {
                let _ = write!(text, "\n= -> {}", escape(distractor));
            }
        }
        // Left out by `unfit`: GIFT has no ordering questions.
        Kind::Ordering => {}
    }
    if let Some(explanation) = &q.explanation {
        let _ = write!(text, "\n####{}", escape(explanation));
    }
    text.push_str("\n}\n\n");
}

/// Text with GIFT's special characters (`~ = # { } :` and `\`) escaped with
/// a backslash, and each line break written `\n`, so that no text can end a
/// question (a blank line) or start an answer.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(escape("a~b=c#d{e}f:g\\h"), "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h");
        assert_eq!(escape("one\r\n\r\ntwo"), "one\\n\\ntwo");
        assert_eq!(escape("<p>plain, text!</p>"), "<p>plain, text!</p>");
    }
}
