//! The printable workbook and the facilitator pack (guide, answer keys,
//! session plans, templates) and `peerprep certificates`, built from real
//! courses and read back.

use std::collections::HashSet;

use crate::common::{CourseTest, Run, main_html, select_attr, select_text};

crate::cases::cases! {
    session_and_scheme_mistakes,
    signatory_mistakes,
    e071_names_csv_rows,
    names_csv_without_a_name_column,
    e006_names_csv_not_utf8 => names_not_utf8,
    certificates_usage_errors,
}

/// A names file with a byte that is not UTF-8 on line 2.
fn names_not_utf8(t: &CourseTest) {
    t.write("names.csv", b"name\nS\xe9b\n".as_slice());
}

/// Runs `peerprep ARGS` with no browser to print PDFs with (the HTML is written all the same; the
/// PDF of certificates is tested in pdf.rs).
fn no_browser(t: &CourseTest, args: &[&str]) -> Run {
    Run::from(
        t.command(args)
            .env("PEERPREP_CHROME", t.path().join("no-such-browser"))
            .output()
            .unwrap(),
    )
}

/// Every `id` in `html` is unique and every `href="#…"` points at one.
fn assert_anchors_resolve(html: &str) {
    let ids = select_attr(html, "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "repeated ids: {ids:?}");
    for href in select_attr(html, "a[href^='#']", "href") {
        assert!(
            unique.contains(&href[1..].to_owned()),
            "{href} points at nothing"
        );
    }
}

#[test]
fn the_workbook_prints_the_course_without_answers() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let html = t.read("public/workbook.html");
    let main = main_html(&html);
    assert_eq!(
        select_text(&html, ".document-module > h2"),
        ["Welcome", "Features"]
    );
    assert_eq!(select_text(&html, ".cover h1"), ["Test Course"]);
    assert!(main.contains("Fixture School"));
    // Quiz questions are there, with their options, but no answers.
    assert!(main.contains("A mentee asks you to <strong>promise</strong> not to tell."));
    assert!(main.contains("I can't promise, but I will listen."));
    for answer in [
        "Honest and kind.",
        "You might have to break that promise.",
        "Never promise secrecy",
        "The answer:",
    ] {
        assert!(!main.contains(answer), "the workbook shows {answer:?}");
    }
    assert!(select_text(&html, "main input, main textarea, main details").is_empty());
    // Reflection prompts, each with ruled writing space.
    assert_eq!(
        select_text(&html, ".reflection-prompt"),
        ["What would you say first?", "What will you do differently?"]
    );
    assert_eq!(
        select_text(&html, ".reflection-print .write-space").len(),
        2
    );
    // The scenario on paper: the situation, the options, room to answer.
    assert_eq!(
        select_text(&html, ".scenario-sheet h3"),
        ["Promise you won't tell"]
    );
    assert_eq!(
        select_text(&html, ".scenario-sheet .print-options li").len(),
        2
    );
    assert_eq!(
        select_text(&html, ".scenario-sheet h4"),
        [
            "Some things you could say or do",
            "What would you say? Why?"
        ]
    );
    // The support block and a notes page close it.
    assert!(
        select_text(&html, "#document-support")
            .join(" ")
            .contains("Childline")
    );
    assert_eq!(select_text(&html, "#document-notes h2"), ["Notes"]);
    // Headings of different modules cannot clash; links between them stay in the page.
    assert!(main.contains(r##"href="#02-features--a-table""##), "{main}");
    assert!(main.contains(r##"href="#01-welcome--limits""##));
    assert_anchors_resolve(&html);
    // Print rules: the course's paper size and a page break before each module.
    assert!(
        select_attr(&html, "link[media=print]", "href").contains(&"assets/paper.css".to_owned())
    );
    let paper = t.read("public/assets/paper.css");
    assert!(paper.contains("@page { size: A4; }"), "{paper}");
    assert!(
        paper.contains(
            r#"@page { @bottom-center { content: "Page " counter(page) " of " counter(pages); } }"#
        ),
        "{paper}"
    );
    assert!(
        paper.contains("@page certificate { size: A4 landscape;"),
        "{paper}"
    );
    // Printed, the contents list ends each entry in a place for its page number.
    assert_eq!(
        select_attr(&html, ".document-contents .toc-page", "data-section").len(),
        5
    );
    let css = t.read("public/assets/style.css");
    assert!(css.contains(".document-module, .document-scenarios, .document-support, .document-notes, .session-plan { break-before: page;"));
}

#[test]
fn the_facilitator_pack_has_a_home_guide_answers_plans_and_templates() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    assert!(
        !t.exists("public/trainer"),
        "the mentor site has no trainer pages"
    );
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let home = t.read("facilitator/trainer/index.html");
    let links = select_attr(&home, "main a", "href");
    for page in [
        "guide.html",
        "sessions.html",
        "answers.html",
        "../workbook.html",
        "scenarios/promise.html",
        "cards/promise.html",
        "templates/application-form.html",
        "templates/poster.html",
        "templates/register.html",
        "templates/supervision-log.html",
        "templates/certificate.html",
    ] {
        assert!(
            links.contains(&page.to_owned()),
            "home lacks {page}: {links:?}"
        );
        let file = format!("facilitator/trainer/{page}").replace("trainer/../", "");
        assert!(t.exists(&file), "{file} missing");
    }
    // The guide: the edition: facilitator modules, in one printable page.
    let guide = t.read("facilitator/trainer/guide.html");
    assert_eq!(
        select_text(&guide, ".document-module > h2"),
        ["Trainer Only"]
    );
    assert!(guide.contains("TRAINER-ONLY-MODULE"));
    assert!(guide.contains(r#"href="../modules/01-welcome.html#limits""#));
    assert!(guide.contains(r##"href="#03-trainer-only--running-it""##));
    assert_anchors_resolve(&guide);
    // Answer keys: right answers, feedback and explanations.
    let answers = main_html(&t.read("facilitator/trainer/answers.html"));
    for text in [
        "Honest and kind.",
        "You might have to break that promise.",
        "Never promise secrecy; explain the limits at Fixture &lt;School&gt;.",
    ] {
        assert!(answers.contains(text), "answers lack {text:?}");
    }
    // The facilitator's workbook is the mentors' one.
    assert_eq!(
        main_html(&t.read("facilitator/workbook.html")),
        main_html(&t.read("public/workbook.html"))
    );
}

#[test]
fn session_plans_time_every_item_from_the_start() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let html = t.read("facilitator/trainer/sessions.html");
    assert_eq!(select_text(&html, ".session-plan h2"), ["Morning session"]);
    assert_eq!(
        select_text(&html, ".session-when"),
        ["15 January 2027 · 09:00–09:45 · 45 min"]
    );
    assert_eq!(
        select_text(&html, "table.plan td:first-child"),
        ["09:00", "09:15", "09:35"]
    );
    assert_eq!(
        select_text(&html, "table.plan td:nth-child(2)"),
        ["Icebreaker", "Welcome", "Trainer Only"]
    );
    assert_eq!(
        select_attr(&html, "table.plan a", "href"),
        [
            "../modules/01-welcome.html",
            "../modules/03-trainer-only.html"
        ]
    );
    assert!(
        select_text(&html, "table.plan")
            .join(" ")
            .contains("What this course is.")
    );
    assert_eq!(
        select_text(&html, ".session-plan .checklist li"),
        ["☐ Flip chart"]
    );
}

#[test]
fn templates_are_filled_from_the_scheme() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let poster = main_html(&t.read("facilitator/trainer/templates/poster.html"));
    for text in [
        "Fixture Mentors",
        "15 January 2027",
        "Hand the form to Room 1",
        "10 January 2027",
        "Ms Lead, Room 1",
    ] {
        assert!(poster.contains(text), "poster lacks {text}");
    }
    let form = t.read("facilitator/trainer/templates/application-form.html");
    assert!(select_text(&form, "h1")[0].starts_with("Fixture Mentors"));
    assert!(select_text(&form, ".screening li").len() >= 5);
    let register = t.read("facilitator/trainer/templates/register.html");
    assert_eq!(
        select_text(&register, "thead th"),
        ["Name", "Morning session15 January 2027"]
    );
    assert_eq!(select_text(&register, "tbody tr").len(), 20);
    let certificate = t.read("facilitator/trainer/templates/certificate.html");
    assert_eq!(select_text(&certificate, ".certificate-name"), [""]);
    assert!(main_html(&certificate).contains("Certificate of attendance"));
    assert!(
        t.read("facilitator/trainer/templates/supervision-log.html")
            .contains("Safeguarding concerns are not recorded here.")
    );
}

#[test]
fn certificates_one_page_per_name_from_a_csv() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "names.csv",
        "\u{feff}form,Name,notes\n10A,Sam Lee,\n10B,\"Okafor, Chidi\",x\n10C,<script>alert(1)</script>,\n",
    );
    let run = no_browser(
        &t,
        &[
            "certificates",
            "names.csv",
            "--date",
            "2027-02-01",
            "--project",
            ".",
        ],
    );
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("Wrote 3 attendance certificates into ./certificates"),
        "{}",
        run.stdout
    );
    assert_eq!(
        t.files("certificates"),
        [
            ".peerprep-output",
            "001-sam-lee.html",
            "002-okafor-chidi.html",
            "003-script-alert-1-script.html",
            "all.html",
            "assets/paper.css",
            "assets/style.css",
            "index.html",
        ]
    );
    // Every certificate on one page, each its own printed page.
    let all = t.read("certificates/all.html");
    assert_eq!(
        select_text(&all, ".certificate-sheet .certificate-name"),
        ["Sam Lee", "Okafor, Chidi", "<script>alert(1)</script>"]
    );
    let sam = t.read("certificates/001-sam-lee.html");
    assert_eq!(select_text(&sam, ".certificate-name"), ["Sam Lee"]);
    assert!(
        sam.contains("Certificate of attendance")
            && sam.contains("Fixture Mentors")
            && sam.contains("1 February 2027")
    );
    let script = t.read("certificates/003-script-alert-1-script.html");
    assert!(!script.contains("<script>alert"), "names are escaped");
    assert_eq!(
        select_text(&script, ".certificate-name"),
        ["<script>alert(1)</script>"]
    );
    assert_eq!(
        select_attr(&t.read("certificates/index.html"), "main ol a", "href"),
        [
            "001-sam-lee.html",
            "002-okafor-chidi.html",
            "003-script-alert-1-script.html"
        ]
    );
    // Completion certificates name the course.
    no_browser(
        &t,
        &[
            "certificates",
            "names.csv",
            "--kind",
            "completion",
            "--out",
            "done",
        ],
    )
    .expect_code(0);
    let done = t.read("done/001-sam-lee.html");
    assert!(done.contains("Certificate of completion") && done.contains("Test Course"));
}

#[test]
fn a_very_long_name_gets_a_short_file_name_issue_15() {
    let t = CourseTest::fixture("minimal");
    let long = "Alexandra ".repeat(30); // 300 bytes
    let huge = "B".repeat(10_000);
    t.write(
        "names.csv",
        format!("name\n{long}\n{huge}\n{long}\nSam Lee\n"),
    );
    let run = no_browser(&t, &["certificates", "names.csv", "--date", "2027-02-01"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Wrote 4 attendance certificates"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    let pages: Vec<String> = t
        .files("certificates")
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "index.html" && f != "all.html")
        .collect();
    assert_eq!(pages.len(), 4, "{pages:?}");
    for page in &pages {
        assert!(
            page.len() <= 80,
            "a file name of {} bytes: {page}",
            page.len()
        );
    }
    assert!(pages.contains(&"004-sam-lee.html".to_owned()), "{pages:?}");
    let first = pages.iter().find(|p| p.starts_with("001-")).unwrap();
    assert_eq!(
        select_text(
            &t.read(&format!("certificates/{first}")),
            ".certificate-name"
        ),
        [long.trim()]
    );
    let second = pages.iter().find(|p| p.starts_with("002-")).unwrap();
    assert_eq!(
        select_text(
            &t.read(&format!("certificates/{second}")),
            ".certificate-name"
        ),
        [huge.as_str()]
    );
}

#[test]
fn impossible_dates_are_refused_issue_15() {
    let t = CourseTest::fixture("minimal");
    t.write("names.csv", "name\nSam\n");
    let run = no_browser(&t, &["certificates", "names.csv", "--date", "2027-02-30"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("error: --date 2027-02-30 is not a date: write it as YYYY-MM-DD"),
        "{}",
        run.stderr
    );
    assert!(!t.exists("certificates"));
    t.edit("course/course.yaml", "date: 2027-01-15", "date: 2027-02-30");
    t.edit(
        "course/course.yaml",
        "apply_by: 2027-01-10",
        "apply_by: 2027-02-29",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    for line in ["course/course.yaml:38:", "course/course.yaml:51:"] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert_eq!(
        run.stderr.matches("error[E004]").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("is not a date"), "{}", run.stderr);
}

#[test]
fn control_characters_in_a_names_file_are_shown_escaped_issue_15() {
    let t = CourseTest::fixture("minimal");
    let evil = "\u{1b}[2J\u{202e}";
    t.write("names.csv", format!("name,form\nSam{evil},10A,extra\n"));
    let run = no_browser(&t, &["certificates", "names.csv"]);
    run.expect_code(1);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'),
        "{}",
        run.stderr.escape_debug()
    );
    assert!(
        run.stderr.contains("Sam\\u{1b}[2J\\u{202e},10A,extra"),
        "{}",
        run.stderr
    );
    t.write("names.csv", format!("pupil{evil},form\nSam,10A\n"));
    let run = no_browser(&t, &["certificates", "names.csv"]);
    run.expect_code(1);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{202e}'),
        "{}",
        run.stderr.escape_debug()
    );
    assert!(
        run.stderr.contains("pupil\\u{1b}[2J\\u{202e}, form"),
        "{}",
        run.stderr
    );
}

#[test]
fn names_keep_their_letters_in_file_names_issue_16() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "names.csv",
        "name\nZoe\u{308} O\u{301} Briain\nSiân O'Brien\n李小龍\n../../etc/passwd\nCON\n",
    );
    let run = no_browser(&t, &["certificates", "names.csv", "--date", "2027-02-01"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("note: no certificates.pdf written"),
        "{}",
        run.stderr
    );
    let pages: Vec<String> = t
        .files("certificates")
        .into_iter()
        .filter(|f| f.ends_with(".html") && !f.contains('/'))
        .collect();
    assert_eq!(
        pages,
        [
            "001-zoë-ó-briain.html",
            "002-siân-o-brien.html",
            "003-李小龍.html",
            "004-etc-passwd.html",
            "005-con.html",
            "all.html",
            "index.html",
        ]
    );
    // Written in composed form (NFC), whatever form the names file used.
    assert!(pages[0].contains('\u{eb}') && !pages[0].contains('\u{308}'));
    assert_eq!(
        select_text(
            &t.read("certificates/001-zoë-ó-briain.html"),
            ".certificate-name"
        ),
        ["Zoe\u{308} O\u{301} Briain"]
    );
    assert_eq!(
        select_attr(&t.read("certificates/index.html"), "main ol a", "href")[0],
        "001-zoë-ó-briain.html"
    );
}

#[test]
fn certificates_name_their_signatory_from_the_scheme_issue_16() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/course.yaml",
        "  starts: 2027-01-15\n",
        "  starts: 2027-01-15\n  signatory:\n    name: Ms Lead\n    role: Head of Year 10\n",
    );
    t.write("names.csv", "name\nSam Lee\n");
    no_browser(&t, &["certificates", "names.csv"]).expect_code(0);
    let sam = t.read("certificates/001-sam-lee.html");
    assert_eq!(select_text(&sam, ".signatory-name"), ["Ms Lead"]);
    assert_eq!(
        select_text(&sam, ".signatory-role"),
        ["Head of Year 10", "Date"]
    );
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let template = t.read("facilitator/trainer/templates/certificate.html");
    assert_eq!(select_text(&template, ".signatory-name"), ["Ms Lead"]);
}
