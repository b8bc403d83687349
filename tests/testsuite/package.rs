//! `peerprep package` (issue 17, part A): the site as a zip, read back with
//! the `zip` crate; the quiz questions as Moodle XML, read back with
//! roxmltree (and `xmllint` when it is installed), and as GIFT, read back
//! with the npm package gift-pegjs (`tests/browser/gift-parse.mjs`). The
//! error cases are folders under `cases/` (`package_*`).

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use crate::common::{CourseTest, repo_root, skipped};

crate::cases::cases!(
    package_deny_warnings,
    package_unsafe_out,
    package_question_a_format_cannot_hold,
    package_invalid_course_id,
);

/// The minimal course with GIFT's special characters in a question, a quiz in
/// facilitator notes and one in the facilitator-only module.
fn course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/01-welcome.md",
        "- id: welcome-999\n",
        "- id: welcome-marks\n  type: single\n  prompt: \"Which is {odd}: a~b, c=d or e#f? Use \\\\ here.\"\n  competency: listening\n  options:\n    - text: \"a~b {x} = y: z\"\n      correct: true\n      feedback: \"Right: ~ = # { } and \\\\ are fine.\"\n    - text: \"<b>not bold</b> & more\"\n  explanation: \"At {{ school }}: see [limits](#limits) and [Childline](https://www.childline.org.uk/).\"\n- id: welcome-999\n",
    );
    t.edit(
        "course/01-welcome.md",
        "```facilitator\nFACILITATOR-SECRET-NOTE: run this for 10 minutes at {{ school }}.\n\nSee the [trainer module](03-trainer-only.md).\n```\n",
        "````facilitator\nSee the [trainer module](03-trainer-only.md).\n\n```quiz\n- id: notes-check\n  type: truefalse\n  prompt: Facilitators read this.\n  answer: false\n  competency: listening\n```\n````\n",
    );
    t.write(
        "course/03-trainer-only.md",
        t.read("course/03-trainer-only.md")
            + "\n```quiz\n- id: trainer-check\n  type: short\n  prompt: Name the module.\n  accept: [Trainer Only]\n  competency: listening\n```\n",
    );
    t
}

/// Runs `package --format FORMAT ARGS` in `t`; the file's bytes.
fn package(t: &CourseTest, format: &str, args: &[&str], file: &str) -> Vec<u8> {
    let mut all = vec!["package", "--format", format, "--deny-warnings"];
    all.extend_from_slice(args);
    let run = t.run(&all);
    run.expect_code(0);
    assert!(run.stdout.starts_with("Wrote "), "{}", run.stdout);
    std::fs::read(t.path().join("package").join(file)).expect("package written")
}

#[test]
fn the_zip_holds_exactly_the_built_site_and_its_index_opens() {
    let t = course();
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    let bytes = package(&t, "zip", &[], "test-course-site.zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries in path order");
    let built: BTreeSet<String> = t
        .files("site")
        .into_iter()
        .filter(|f| f != ".peerprep-output")
        .collect();
    assert_eq!(names.iter().cloned().collect::<BTreeSet<_>>(), built);
    let mut index = String::new();
    archive
        .by_name("index.html")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    assert_eq!(index, t.read("site/index.html"));
    // Every page the home page links to is in the zip, by a relative link.
    for href in crate::common::select_attr(&index, "a[href]", "href") {
        if href.starts_with("http") || href.starts_with('#') || href.starts_with("mailto:") {
            continue;
        }
        assert!(!href.starts_with('/'), "absolute link {href}");
        let file = href.split('#').next().unwrap();
        assert!(names.iter().any(|n| n == file), "{href} not in the zip");
    }
    // The mentor edition: no facilitator pages. Packaging again makes the same file.
    assert!(!names.iter().any(|n| n.starts_with("trainer/")));
    assert_eq!(package(&t, "zip", &[], "test-course-site.zip"), bytes);
}

/// A question of the Moodle XML file, as read back.
#[derive(Debug)]
struct MoodleQuestion {
    kind: String,
    name: String,
    text: String,
    general: String,
    single: Option<String>,
    /// (fraction, text, feedback).
    answers: Vec<(String, String, String)>,
    category: String,
}

fn read_moodle(xml: &str) -> Vec<MoodleQuestion> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "quiz");
    let text_of = |node: roxmltree::Node<'_, '_>, name: &str| -> String {
        node.children()
            .find(|c| c.has_tag_name(name))
            .map(|c| {
                c.children().find(|t| t.has_tag_name("text")).map_or_else(
                    || c.text().unwrap_or("").to_owned(),
                    |t| t.text().unwrap_or("").to_owned(),
                )
            })
            .unwrap_or_default()
    };
    let mut category = String::new();
    let mut out = Vec::new();
    for q in root.children().filter(|c| c.has_tag_name("question")) {
        let kind = q.attribute("type").unwrap().to_owned();
        if kind == "category" {
            category = text_of(q, "category");
            continue;
        }
        out.push(MoodleQuestion {
            name: text_of(q, "name"),
            text: text_of(q, "questiontext"),
            general: text_of(q, "generalfeedback"),
            single: q
                .children()
                .find(|c| c.has_tag_name("single"))
                .and_then(|c| c.text())
                .map(str::to_owned),
            answers: q
                .children()
                .filter(|c| c.has_tag_name("answer"))
                .map(|a| {
                    (
                        a.attribute("fraction").unwrap().to_owned(),
                        text_of(a, "text").clone(),
                        text_of(a, "feedback"),
                    )
                })
                .collect(),
            kind,
            category: category.clone(),
        });
    }
    out
}

/// `xmllint --noout` on `path`, when it is installed (CI installs it).
fn xmllint(path: &Path) {
    match Command::new("xmllint").arg("--noout").arg(path).output() {
        Ok(out) => assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => skipped("xmllint is not installed (Debian: apt-get install libxml2-utils)"),
    }
}

#[test]
fn moodle_xml_is_well_formed_and_each_question_type_round_trips() {
    let t = course();
    let bytes = package(&t, "moodle-xml", &[], "test-course-questions.xml");
    xmllint(&t.path().join("package/test-course-questions.xml"));
    let questions = read_moodle(std::str::from_utf8(&bytes).unwrap());
    let names: Vec<&str> = questions.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "welcome-secret",
            "welcome-tell",
            "welcome-marks",
            "welcome-999",
            "welcome-dsl"
        ]
    );
    let q = |name: &str| questions.iter().find(|q| q.name == name).unwrap();
    for question in &questions {
        assert_eq!(question.category, "$course$/Test Course/Welcome");
    }

    let single = q("welcome-secret");
    assert_eq!(
        (single.kind.as_str(), single.single.as_deref()),
        ("multichoice", Some("true"))
    );
    assert_eq!(
        single.text,
        "<p>A mentee asks you to <strong>promise</strong> not to tell. What do you say?</p>"
    );
    assert_eq!(
        single.answers,
        [
            (
                "0".into(),
                "I promise.".into(),
                "<p>You might have to break that promise.</p>".into()
            ),
            (
                "100".into(),
                "I can't promise, but I will listen.".into(),
                "<p>Honest and kind.</p>".into()
            ),
        ]
    );
    // Variables filled in, as literal text.
    assert_eq!(
        single.general,
        "<p>Never promise secrecy; explain the limits at Fixture &lt;School&gt;.</p>"
    );

    let multiple = q("welcome-tell");
    assert_eq!(multiple.single.as_deref(), Some("false"));
    let fractions: Vec<&str> = multiple.answers.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(fractions, ["50", "50", "-100"]);

    let marks = q("welcome-marks");
    assert_eq!(marks.answers[1].1, "&lt;b&gt;not bold&lt;/b&gt; &amp; more");
    // A link to the course's own page keeps its text; a link out stays.
    assert!(
        marks.general.contains("see <a>limits</a>"),
        "{}",
        marks.general
    );
    assert!(
        marks
            .general
            .contains("href=\"https://www.childline.org.uk/\"")
    );

    let truefalse = q("welcome-999");
    assert_eq!(truefalse.kind, "truefalse");
    let answers: Vec<(&str, &str)> = truefalse
        .answers
        .iter()
        .map(|a| (a.0.as_str(), a.1.as_str()))
        .collect();
    assert_eq!(answers, [("100", "true"), ("0", "false")]);

    let short = q("welcome-dsl");
    assert_eq!(short.kind, "shortanswer");
    let accepted: Vec<(&str, &str)> = short
        .answers
        .iter()
        .map(|a| (a.0.as_str(), a.1.as_str()))
        .collect();
    assert_eq!(accepted, [("100", "Ms Lead"), ("100", "ms lead")]);
}

#[test]
fn facilitator_questions_are_only_in_the_facilitator_edition() {
    let t = course();
    let mentor = package(&t, "moodle-xml", &[], "test-course-questions.xml");
    let mentor = read_moodle(std::str::from_utf8(&mentor).unwrap());
    assert!(
        !mentor
            .iter()
            .any(|q| q.name == "notes-check" || q.name == "trainer-check")
    );
    let all = package(
        &t,
        "moodle-xml",
        &["--edition", "facilitator"],
        "test-course-questions.xml",
    );
    let all = read_moodle(std::str::from_utf8(&all).unwrap());
    let found: Vec<(&str, &str)> = all
        .iter()
        .filter(|q| q.name == "notes-check" || q.name == "trainer-check")
        .map(|q| (q.name.as_str(), q.category.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("notes-check", "$course$/Test Course/Welcome"),
            ("trainer-check", "$course$/Test Course/Trainer Only"),
        ]
    );
}

/// Parses a GIFT file with gift-pegjs; None (after saying so) without Node.js or the package.
pub(crate) fn gift_pegjs(file: &Path) -> Option<serde_json::Value> {
    let dir = repo_root().join("tests/browser");
    if !dir.join("node_modules/gift-pegjs").is_dir() {
        let installed = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !installed {
            skipped("gift-pegjs is not installed and `npm ci` in tests/browser failed");
            return None;
        }
    }
    let Ok(out) = Command::new("node")
        .arg(dir.join("gift-parse.mjs"))
        .arg(file)
        .output()
    else {
        skipped("node is not installed");
        return None;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("JSON"))
}

#[test]
fn gift_parses_with_gift_pegjs_to_the_same_questions_and_answers() {
    let t = course();
    package(
        &t,
        "gift",
        &["--edition", "facilitator"],
        "test-course-questions.gift.txt",
    );
    let Some(parsed) = gift_pegjs(&t.path().join("package/test-course-questions.gift.txt")) else {
        return;
    };
    let entries = parsed.as_array().unwrap();
    let summary: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["type"].as_str().unwrap(),
                e["title"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "Category $course$/Test Course/Welcome",
            "TF notes-check",
            "MC welcome-secret",
            "MC welcome-tell",
            "MC welcome-marks",
            "TF welcome-999",
            "Short welcome-dsl",
            "Category $course$/Test Course/Trainer Only",
            "Short trainer-check",
        ]
    );
    let q = |title: &str| entries.iter().find(|e| e["title"] == title).unwrap();
    let choices = |title: &str| -> Vec<(String, bool, serde_json::Value, String)> {
        q(title)["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["text"].as_str().unwrap().to_owned(),
                    c["isCorrect"].as_bool().unwrap(),
                    c["weight"].clone(),
                    c["feedback"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    // Every special character comes back as written.
    let marks = q("welcome-marks");
    assert_eq!(marks["format"], "html");
    assert_eq!(
        marks["stem"],
        "<p>Which is {odd}: a~b, c=d or e#f? Use \\ here.</p>"
    );
    assert_eq!(
        choices("welcome-marks"),
        [
            (
                "a~b {x} = y: z".into(),
                true,
                serde_json::Value::Null,
                "<p>Right: ~ = # { } and \\ are fine.</p>".into()
            ),
            (
                "&lt;b&gt;not bold&lt;/b&gt; &amp; more".into(),
                false,
                serde_json::Value::Null,
                String::new()
            ),
        ]
    );
    assert!(
        marks["globalFeedback"]
            .as_str()
            .unwrap()
            .starts_with("<p>At Fixture &lt;School&gt;: see <a>limits</a>")
    );
    let weights: Vec<f64> = choices("welcome-tell")
        .iter()
        .map(|c| c.2.as_f64().unwrap())
        .collect();
    assert_eq!(weights, [50.0, 50.0, -100.0]);
    assert_eq!(q("welcome-999")["isTrue"], true);
    assert_eq!(q("notes-check")["isTrue"], false);
    let accepted: Vec<String> = choices("welcome-dsl").into_iter().map(|c| c.0).collect();
    assert_eq!(accepted, ["Ms Lead", "ms lead"]);
    assert_eq!(
        q("welcome-secret")["globalFeedback"],
        "<p>Never promise secrecy; explain the limits at Fixture &lt;School&gt;.</p>"
    );
}

/// `package --format FORMAT --edition EDITION --deny-warnings`, which must
/// succeed with nothing on stderr.
fn package_cleanly(t: &CourseTest, format: &str, edition: &str) -> crate::common::Run {
    let run = t.run(&[
        "package",
        "--format",
        format,
        "--edition",
        edition,
        "--deny-warnings",
    ]);
    run.expect_code(0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run
}

#[test]
fn the_bundled_course_packages_in_every_format_with_deny_warnings() {
    let t = CourseTest::bundled();
    for format in ["zip", "moodle-xml"] {
        for edition in ["mentor", "facilitator"] {
            package_cleanly(&t, format, edition);
        }
    }
    // GIFT has no ordering questions (issue 19): the bundled course's one is left out with
    // W017, its only warning.
    for edition in ["mentor", "facilitator"] {
        let run = t.run(&["package", "--format", "gift", "--edition", edition]);
        run.expect_code(0);
        assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("warning[W017]: question \"m04-steps\" is an `ordering` question, which GIFT cannot hold"),
            "{}",
            run.stderr
        );
    }
    // Each run kept the other formats' files.
    let mut files = t.files("package");
    files.sort();
    assert_eq!(
        files,
        [
            ".peerprep-output",
            "peer-mentor-training-questions.gift.txt",
            "peer-mentor-training-questions.xml",
            "peer-mentor-training-site.zip",
        ]
    );
    let xml = t.read("package/peer-mentor-training-questions.xml");
    let questions = read_moodle(&xml);
    assert!(questions.len() > 50, "{}", questions.len());
    xmllint(&t.path().join("package/peer-mentor-training-questions.xml"));
    if let Some(gift) = gift_pegjs(
        &t.path()
            .join("package/peer-mentor-training-questions.gift.txt"),
    ) {
        let gift_titles: Vec<&str> = gift
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] != "Category")
            .map(|e| e["title"].as_str().unwrap())
            .collect();
        let xml_names: Vec<&str> = questions
            .iter()
            .map(|q| q.name.as_str())
            .filter(|name| *name != "m04-steps")
            .collect();
        assert_eq!(gift_titles, xml_names);
        assert!(gift_titles.contains(&"m04-who-to-go-to"));
    }
}

#[test]
fn a_package_folder_and_a_site_folder_never_replace_each_other() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build", "--quiet"]).expect_code(0);
    let run = t.run(&["package", "--format", "gift", "--out", "public"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "it holds the output of `peerprep build`, which `peerprep package` does not replace"
        ),
        "{}",
        run.stderr
    );
    t.run(&["package", "--format", "gift", "--quiet"])
        .expect_code(0);
    let run = t.run(&["build", "--out", "package"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "it holds the output of `peerprep package`, which `peerprep build` does not replace"
        ),
        "{}",
        run.stderr
    );
    assert!(t.exists("package/test-course-questions.gift.txt"));
    assert!(t.exists("public/index.html"));
}

/// The `href` of every `<file>` in a SCORM manifest (any namespace), and its
/// `<schemaversion>`.
fn manifest_files(xml: &str) -> (BTreeSet<String>, String) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed manifest");
    let files = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "file")
        .map(|n| n.attribute("href").expect("href").to_owned())
        .collect();
    let version = doc
        .descendants()
        .find(|n| n.tag_name().name() == "schemaversion")
        .and_then(|n| n.text())
        .expect("schemaversion")
        .to_owned();
    (files, version)
}

#[test]
fn the_bundled_course_packages_as_scorm_12_and_2004_with_deny_warnings_issue_17() {
    let t = CourseTest::bundled();
    for (format, schema_version) in [("scorm12", "1.2"), ("scorm2004", "2004 4th Edition")] {
        for edition in ["mentor", "facilitator"] {
            let run = package_cleanly(&t, format, edition);
            assert!(
                run.stdout
                    .starts_with(&format!("Wrote package/peer-mentor-training-{format}.zip")),
                "{}",
                run.stdout
            );
            let bytes = std::fs::read(
                t.path()
                    .join("package")
                    .join(format!("peer-mentor-training-{format}.zip")),
            )
            .unwrap();
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let names: BTreeSet<String> = (0..archive.len())
                .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
                .collect();
            let mut xml = String::new();
            archive
                .by_name("imsmanifest.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            let (listed, version) = manifest_files(&xml);
            assert_eq!(version, schema_version, "{format}");
            // The manifest lists exactly the zip's files (all but itself).
            let content: BTreeSet<String> = names
                .iter()
                .filter(|n| *n != "imsmanifest.xml")
                .cloned()
                .collect();
            assert_eq!(listed, content, "{format} {edition}");
            for runtime in ["index.html", "assets/scorm.js", "assets/scorm-course.js"] {
                assert!(names.contains(runtime), "{format} {edition}: no {runtime}");
            }
        }
    }
    let mut files = t.files("package");
    files.sort();
    assert_eq!(
        files,
        [
            ".peerprep-output",
            "peer-mentor-training-scorm12.zip",
            "peer-mentor-training-scorm2004.zip",
        ]
    );
}
