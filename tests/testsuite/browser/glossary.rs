//! The glossary in a real browser (issue 19, `tests/browser/glossary.mjs`): a term's link is named
//! by its word and described by its definition, Tab and Enter lead from a module page to the
//! entry, the letter index works by keyboard, with and without JavaScript, and the workbook prints
//! the glossary as its appendix. The page rules (axe, vnu, CSP, no outside request) run over the
//! same pages in `page_rules`.

use crate::browser::{node, tools};

#[test]
fn glossary_terms_work_by_keyboard_and_screen_reader_without_javascript_and_in_print_issue_19() {
    let Some(tools) = tools() else { return };
    let course = crate::glossary::course();
    course
        .run(&["build", "--quiet", "--deny-warnings"])
        .expect_code(0);
    let public = course.path().join("public");
    let (passed, report) = node(
        tools,
        "glossary.mjs",
        &[
            "--page".as_ref(),
            public.join("modules/04-terms.html").as_os_str(),
            "--glossary".as_ref(),
            public.join("glossary.html").as_os_str(),
            "--workbook".as_ref(),
            public.join("workbook.html").as_os_str(),
        ],
    );
    assert!(passed, "glossary.mjs failed:\n{report}");
    assert_eq!(report.trim(), "ok");
}
