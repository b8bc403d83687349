//! `peerprep report` on a set of export files, checked figure by figure.

use crate::common::{CourseTest, repo_root, select_text};

fn exports(names: &[&str]) -> Vec<String> {
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
    assert_eq!(
        t.read("report/modules.csv"),
        "module,title,completed,learners,percent\n01-welcome,Welcome,2,2,100\n02-features,Features,1,2,50\n"
    );
    assert_eq!(
        t.read("report/questions.csv"),
        "question,label,right,answered,percent\nwelcome-secret,welcome-secret (Welcome),2,2,100\nwelcome-tell,welcome-tell (Welcome),1,2,50\nwelcome-999,welcome-999 (Welcome),1,1,100\nwelcome-dsl,welcome-dsl (Welcome),0,0,0\n"
    );
    assert_eq!(
        t.read("report/competencies.csv"),
        "competency,title,right,answered,percent\nlistening,Active listening,3,3,100\nboundaries,Boundaries,1,2,50\n"
    );
    assert_eq!(
        t.read("report/scenario-endings.csv"),
        "ending,label,reached,learners,percent\npromise/good-end,Promise you won't tell — good-end (positive),2,2,100\npromise/mixed-end,Promise you won't tell — mixed-end (mixed),0,2,0\npromise/bad-end,Promise you won't tell — bad-end (negative),1,2,50\n"
    );
    // Alex rated "listening" only at the start, so only Sam's pair counts for it.
    assert_eq!(
        t.read("report/self-assessment.csv"),
        "statement,text,pairs,mean_before,mean_after,mean_change\ndisclosure,I know what to do if someone tells me they are being hurt.,2,2.50,4.00,+1.50\nlistening,I can listen without jumping in.,1,2.00,5.00,+3.00\n"
    );
    assert_eq!(
        t.read("report/names.csv"),
        "name\nAlex Example\nSam Sample\n"
    );
    let html = t.read("report/index.html");
    assert_eq!(select_text(&html, "h1"), ["Cohort impact report"]);
    assert!(select_text(&html, "main p")[0].contains("Progress files: 2"));
    assert_eq!(
        select_text(&html, "#r-self ~ table tbody tr:first-child td"),
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
