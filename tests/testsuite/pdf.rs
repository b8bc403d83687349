//! `peerprep pdf` with a real headless Chromium, checked with poppler's
//! `pdftotext` and `pdftoppm`. Without Chromium or poppler these print a loud
//! SKIPPED line; with `CI` set they fail. `.ci/run` installs both.

use std::process::Command;

use crate::common::CourseTest;

/// Whether the tools are here; a missing tool is a failure when `CI` is set.
fn tools_present(test: &str) -> bool {
    let missing: Vec<&str> = ["chromium", "pdftotext", "pdftoppm", "pdfinfo"]
        .into_iter()
        .filter(|tool| which(tool).is_none())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = format!(
        "{} not installed (apt-get install chromium poppler-utils)",
        missing.join(", ")
    );
    crate::common::skipped(&format!("{test}: {why}"));
    false
}

fn which(tool: &str) -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(tool))
        .find(|p| p.is_file())
}

fn tool(t: &CourseTest, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(t.path())
        .output()
        .expect("poppler tool runs");
    assert!(out.status.success(), "{program} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(t: &CourseTest, pdf: &str) -> usize {
    tool(t, "pdfinfo", &[pdf])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives a page count")
}

/// The share of dark pixels on page `page` of `pdf`, rendered in grey.
fn ink(t: &CourseTest, pdf: &str, page: usize) -> f64 {
    let n = page.to_string();
    let out = Command::new("pdftoppm")
        .args(["-gray", "-r", "30", "-f", &n, "-l", &n, pdf])
        .current_dir(t.path())
        .output()
        .expect("pdftoppm runs");
    assert!(out.status.success());
    // A binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let data = out.stdout;
    let mut fields = 0;
    let mut start = 0;
    for (i, b) in data.iter().enumerate() {
        if b.is_ascii_whitespace() {
            fields += 1;
            if fields == 4 {
                start = i + 1;
                break;
            }
        }
    }
    let pixels = &data[start..];
    assert!(!pixels.is_empty());
    pixels.iter().filter(|&&p| p < 128).count() as f64 / pixels.len() as f64
}

#[test]
fn the_bundled_course_prints_a_workbook_and_a_facilitator_pack() {
    if !tools_present("the_bundled_course_prints_a_workbook_and_a_facilitator_pack") {
        return;
    }
    let t = CourseTest::bundled();
    let run = t.run(&["pdf"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Printed pdf/workbook.pdf"),
        "{}",
        run.stdout
    );
    let text = tool(&t, "pdftotext", &["public/pdf/workbook.pdf", "-"]);
    for expected in [
        "Peer Mentor Training",
        "The role of a peer mentor",
        "Safeguarding, disclosures and signposting",
        "Running a mentoring session",
        "What would you say? Why?",
        "Childline",
    ] {
        assert!(text.contains(expected), "workbook.pdf lacks {expected:?}");
    }
    let prompts =
        std::fs::read_to_string(t.path().join("course/02-listening-and-rapport.md")).unwrap();
    let prompt = prompts
        .split("```reflection")
        .nth(1)
        .and_then(|b| b.lines().find_map(|l| l.trim().strip_prefix("prompt: ")))
        .expect("module 02 has a reflection prompt");
    let words: String = prompt
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(&words),
        "workbook.pdf lacks the reflection prompt {words:?}"
    );
    let count = pages(&t, "public/pdf/workbook.pdf");
    assert!(
        (20..=200).contains(&count),
        "workbook.pdf has {count} pages"
    );
    let cover = ink(&t, "public/pdf/workbook.pdf", 1);
    assert!(
        cover > 0.001 && cover < 0.5,
        "page 1 looks blank or solid: {cover}"
    );

    let run = t.run(&["pdf", "--edition", "facilitator"]);
    run.expect_code(0);
    for pdf in ["workbook.pdf", "facilitator-guide.pdf", "sessions.pdf"] {
        assert!(t.exists(&format!("facilitator/pdf/{pdf}")), "{pdf} missing");
    }
    let guide = tool(
        &t,
        "pdftotext",
        &["facilitator/pdf/facilitator-guide.pdf", "-"],
    );
    assert!(guide.contains("Facilitator's guide"));
    let count = pages(&t, "facilitator/pdf/facilitator-guide.pdf");
    assert!((2..=100).contains(&count), "guide has {count} pages");
    let sessions = tool(&t, "pdftotext", &["facilitator/pdf/sessions.pdf", "-"]);
    assert!(sessions.contains("09:00"), "{sessions}");
    assert!(ink(&t, "facilitator/pdf/sessions.pdf", 1) > 0.001);
    // The mentor PDF never carries facilitator-only content.
    assert!(!text.contains("Facilitator note"));
}

#[test]
fn without_a_browser_pdf_explains_and_exits_2() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let before = t.read("public/index.html");
    let run = t
        .command(&["pdf"])
        .env("PATH", t.path())
        .env_remove("PEERPREP_CHROME")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("no Chromium or Google Chrome found"),
        "{stderr}"
    );
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(stderr.contains("print just as well"), "{stderr}");
    let run = t
        .command(&["pdf"])
        .env("PEERPREP_CHROME", "/nonexistent/chrome")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr)
            .contains("PEERPREP_CHROME is set to /nonexistent/chrome")
    );
    assert_eq!(
        t.read("public/index.html"),
        before,
        "the old output is untouched"
    );
}

#[test]
fn a_browser_that_fails_leaves_the_previous_output() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let before = t.files("public");
    t.write("fake-chrome", "#!/bin/sh\necho 'crashed' >&2\nexit 3\n");
    let chmod = Command::new("chmod")
        .args(["+x", "fake-chrome"])
        .current_dir(t.path())
        .status()
        .unwrap();
    assert!(chmod.success());
    let fake = t.path().join("fake-chrome");
    let run = t
        .command(&["pdf"])
        .env("PEERPREP_CHROME", &fake)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("could not print workbook.html to PDF"),
        "{stderr}"
    );
    assert!(stderr.contains("crashed"), "{stderr}");
    assert!(
        stderr.contains("build stopped; ./public was not changed"),
        "{stderr}"
    );
    assert_eq!(t.files("public"), before);
}

/// Writes PNGs of the given pages of `pdf` to `target/screenshots/pdf/<name>-<page>.png` (60 dpi).
fn screenshots(t: &CourseTest, pdf: &str, name: &str, pages: &[usize]) {
    let dir = crate::common::repo_root().join("target/screenshots/pdf");
    std::fs::create_dir_all(&dir).unwrap();
    for page in pages {
        let n = page.to_string();
        let prefix = dir.join(format!("{name}-{page}"));
        let out = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-singlefile", "-f", &n, "-l", &n, pdf])
            .arg(&prefix)
            .current_dir(t.path())
            .output()
            .expect("pdftoppm runs");
        assert!(out.status.success(), "pdftoppm {pdf} page {page}");
    }
}

/// The text of each page of `pdf`.
fn page_texts(t: &CourseTest, pdf: &str) -> Vec<String> {
    tool(t, "pdftotext", &["-layout", pdf, "-"])
        .split('\u{c}')
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_pdf_page_is_numbered_and_the_workbook_contents_give_pages_issue_16() {
    if !tools_present("every_pdf_page_is_numbered_and_the_workbook_contents_give_pages_issue_16") {
        return;
    }
    let t = CourseTest::fixture("minimal");
    t.run(&["pdf", "--edition", "facilitator"]).expect_code(0);
    for pdf in ["workbook.pdf", "facilitator-guide.pdf", "sessions.pdf"] {
        let path = format!("facilitator/pdf/{pdf}");
        let count = pages(&t, &path);
        let texts = page_texts(&t, &path);
        for n in 1..=count {
            assert!(
                texts[n - 1].contains(&format!("Page {n} of {count}")),
                "{pdf} page {n} has no footer:\n{}",
                texts[n - 1]
            );
        }
    }
    // The contents give the page each module starts on: the page its heading is on.
    let path = "facilitator/pdf/workbook.pdf";
    let texts = page_texts(&t, path);
    let contents = &texts[1];
    assert!(
        contents.starts_with("Contents") || contents.contains("Contents"),
        "{contents}"
    );
    for title in [
        "Welcome",
        "Features",
        "Scenarios to discuss",
        "Support and contacts",
        "Notes",
    ] {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(title))
            .unwrap_or_else(|| panic!("no contents line for {title}:\n{contents}"));
        let page: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number in {line:?}"));
        let heading = texts[page - 1]
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        assert!(
            texts[page - 1].contains(title),
            "{title} is listed on page {page}, which starts {heading:?}"
        );
        assert!(
            !texts[..page - 1]
                .iter()
                .skip(2)
                .any(|p| p.lines().any(|l| l.trim() == title)),
            "{title} starts before page {page}"
        );
    }
    // No page of the session plans holds only its title.
    let sessions = page_texts(&t, "facilitator/pdf/sessions.pdf");
    assert!(
        sessions[0].contains("09:00"),
        "page 1 of the plans:\n{}",
        sessions[0]
    );
    // The site's own workbook page is left without page numbers (another browser paginates differently).
    assert!(!t.read("facilitator/assets/paper.css").contains("toc-page"));
    screenshots(&t, path, "workbook", &[1, 2, 3, pages(&t, path)]);
    screenshots(
        &t,
        "facilitator/pdf/facilitator-guide.pdf",
        "guide",
        &[1, 2],
    );
    screenshots(&t, "facilitator/pdf/sessions.pdf", "sessions", &[1]);
}

#[test]
fn certificates_print_as_one_landscape_pdf_a_page_each_issue_16() {
    if !tools_present("certificates_print_as_one_landscape_pdf_a_page_each_issue_16") {
        return;
    }
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/course.yaml",
        "  starts: 2027-01-15\n",
        "  starts: 2027-01-15\n  signatory:\n    name: Dr Siân Ó Briain\n    role: Headteacher\n",
    );
    t.write(
        "names.csv",
        "name\nZoë Ó Briain\nSam Lee\n\"Okafor, Chidi\"\nAlexandra Featherstonehaugh-Montgomery\n",
    );
    let run = t.run(&["certificates", "names.csv", "--date", "2027-02-01"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("and all of them in certificates.pdf"),
        "{}",
        run.stdout
    );
    let pdf = "certificates/certificates.pdf";
    assert_eq!(pages(&t, pdf), 4, "one page per name");
    let info = tool(&t, "pdfinfo", &[pdf]);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap();
    let dims: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(dims[0] > dims[1], "not landscape: {size}");
    let texts = page_texts(&t, pdf);
    for (n, name) in [
        "Zoë Ó Briain",
        "Sam Lee",
        "Okafor, Chidi",
        "Alexandra Featherstonehaugh-Montgomery",
    ]
    .iter()
    .enumerate()
    {
        // A long name wraps onto two lines: compare without the spaces.
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            squeeze(&texts[n]).contains(&squeeze(name)),
            "page {} lacks {name}:\n{}",
            n + 1,
            texts[n]
        );
        assert!(texts[n].contains("Dr Siân Ó Briain") && texts[n].contains("Headteacher"));
        assert!(
            !texts[n].contains("Page "),
            "a certificate has a page footer"
        );
    }
    // The page is filled: ink near the frame's corners, not just a band at the top.
    assert!(ink(&t, pdf, 1) > 0.01);
    screenshots(&t, pdf, "certificates", &[1]);
}

/// The width and height of page 1 of `pdf`, in points.
fn page_size(t: &CourseTest, pdf: &str) -> (f64, f64) {
    let info = tool(t, "pdfinfo", &[pdf]);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo gives a page size");
    let numbers: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn slide_decks_print_16_9_one_slide_a_page_without_notes_issue_19() {
    if !tools_present("slide_decks_print_16_9_one_slide_a_page_without_notes_issue_19") {
        return;
    }
    let t = crate::slides::course();
    let run = t.run(&["pdf", "--edition", "facilitator"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("pdf/sessions.pdf, pdf/slides-1.pdf, pdf/slides-all.pdf"),
        "{}",
        run.stdout
    );
    for pdf in ["slides-1.pdf", "slides-all.pdf"] {
        let path = format!("facilitator/pdf/{pdf}");
        assert_eq!(pages(&t, &path), 3, "{pdf}: one page a slide");
        let (w, h) = page_size(&t, &path);
        assert!((w / h - 16.0 / 9.0).abs() < 0.01, "{pdf} is {w} x {h} pt");
    }
    let texts = page_texts(&t, "facilitator/pdf/slides-all.pdf");
    let first = texts[0].split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(first.contains("Hello, Ms Lead"), "{first}");
    assert!(first.contains("Listen first"), "{first}");
    assert!(
        first.replace(' ', "").contains("1/3From:Welcome"),
        "{first}"
    );
    // The notes stay with the trainer, and no page footer is printed on a slide.
    assert!(
        !first.contains("SPEAKER-NOTE-WORDS") && !first.contains("Page 1 of"),
        "{first}"
    );
    assert!(texts[1].contains("Second slide") && texts[2].contains("Trainer slide"));
    assert!(ink(&t, "facilitator/pdf/slides-all.pdf", 1) > 0.001);
    screenshots(&t, "facilitator/pdf/slides-all.pdf", "slides", &[1]);
}
