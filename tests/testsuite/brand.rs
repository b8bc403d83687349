//! Branding (`brand:` in course.yaml) and `peerprep theme` (issue 16): the logo, colours and
//! cover reach every page of both editions; the theme command writes the embedded theme once
//! and never overwrites it.

use crate::common::{CourseTest, select_attr};

/// A 2×2 purple PNG.
pub(crate) const LOGO: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 253, 212, 154, 115, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 136, 214, 106, 3, 34, 6,
    8, 5, 0, 28, 150, 4, 45, 194, 228, 176, 125, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// The minimal fixture with a logo, a cover (in a folder with a space) and two colours.
pub(crate) fn branded() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.write("course/images/logo.png", LOGO)
        .write("course/images/front page/cover.png", LOGO);
    let yaml = t.read("course/course.yaml");
    t.write(
        "course/course.yaml",
        format!(
            "{yaml}brand:\n  logo: images/logo.png\n  cover: images/front page/cover.png\n  cover_alt: Mentors at the autumn training day\n  primary: \"#5B2A86\"\n  accent: \"#c2410c\"\n"
        ),
    );
    t
}

#[test]
fn issue_16_brand_logo_colours_and_cover_reach_every_page() {
    let t = branded();
    for (edition, out) in [("mentor", "public"), ("facilitator", "facilitator")] {
        t.run(&["build", "--edition", edition, "--deny-warnings"])
            .expect_code(0);
        let css = t.read(&format!("{out}/assets/brand.css"));
        assert!(css.contains("--header-bg: #5b2a86;"), "{css}");
        // Links take the brand colour on the light page only: on the dark one it is too dark.
        let dark = css.split("prefers-color-scheme: dark").nth(1).unwrap();
        assert!(!dark.contains("--accent:"), "{css}");
        assert!(css.contains("--mark: #c2410c;"), "{css}");
        assert_eq!(
            std::fs::read(t.path().join(out).join("assets/course/images/logo.png")).unwrap(),
            LOGO
        );
        let home = t.read(&format!("{out}/index.html"));
        assert_eq!(
            select_attr(&home, ".site-logo", "src"),
            ["assets/course/images/logo.png"]
        );
        assert_eq!(
            select_attr(&home, ".home-cover", "src"),
            ["assets/course/images/front%20page/cover.png"]
        );
        assert_eq!(
            select_attr(&home, ".home-cover", "alt"),
            ["Mentors at the autumn training day"]
        );
        // The brand's colours come last, so they win.
        assert_eq!(
            select_attr(&home, "link[rel=stylesheet]", "href")[..3],
            ["assets/style.css", "assets/blocks.css", "assets/brand.css"]
        );
        // Every page, at any depth, shows the logo and links the colours.
        for page in [
            "modules/01-welcome.html",
            "scenarios/index.html",
            "workbook.html",
        ] {
            let html = t.read(&format!("{out}/{page}"));
            let root = "../".repeat(page.matches('/').count());
            assert_eq!(
                select_attr(&html, ".site-logo", "src"),
                [format!("{root}assets/course/images/logo.png")],
                "{page}"
            );
            assert!(
                html.contains(&format!("href=\"{root}assets/brand.css\"")),
                "{page}"
            );
        }
    }
    let trainer = t.read("facilitator/trainer/index.html");
    assert_eq!(
        select_attr(&trainer, ".site-logo", "src"),
        ["../assets/course/images/logo.png"]
    );
}

#[test]
fn issue_16_a_course_without_brand_links_no_brand_css() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    assert!(!t.exists("public/assets/brand.css"));
    let home = t.read("public/index.html");
    assert!(!home.contains("brand.css") && !home.contains("site-logo"));
}

#[test]
fn issue_16_theme_writes_the_embedded_theme_which_builds_as_it_is() {
    let t = CourseTest::fixture("minimal");
    let run = t.run(&["theme"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("into themes/default/"),
        "{}",
        run.stdout
    );
    for file in [
        "page.html",
        "brand.css",
        "partials/quiz.html",
        "assets/style.css",
        "assets/layout.js",
    ] {
        assert!(t.exists(&format!("themes/default/{file}")), "{file}");
    }
    assert!(
        t.files("themes")
            .iter()
            .all(|f| !f.contains(".peerprep-theme"))
    );
    // The copy changes nothing: both editions build from it without a warning.
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    t.run(&["build", "--edition", "facilitator", "--deny-warnings"])
        .expect_code(0);
    t.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn issue_16_theme_never_overwrites() {
    let t = CourseTest::fixture("minimal");
    t.write("themes/default/page.html", "my own page");
    let run = t.run(&["theme"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("already holds 1 file (page.html)")
            && run.stderr.contains("never overwrites"),
        "{}",
        run.stderr
    );
    assert_eq!(t.read("themes/default/page.html"), "my own page");
    assert_eq!(t.files("themes/default"), ["page.html"]);
}

#[test]
fn issue_16_certificates_and_templates_carry_the_logo() {
    let t = branded();
    t.write("names.csv", "name\nSam Lee\n");
    t.run_without_browser(&["certificates", "names.csv"]);
    for page in ["certificates/001-sam-lee.html", "certificates/all.html"] {
        assert_eq!(
            select_attr(&t.read(page), ".certificate-logo", "src"),
            ["assets/course/images/logo.png"],
            "{page}"
        );
    }
    assert_eq!(
        std::fs::read(t.path().join("certificates/assets/course/images/logo.png")).unwrap(),
        LOGO
    );
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    for template in ["poster", "application-form", "register", "supervision-log"] {
        let html = t.read(&format!("facilitator/trainer/templates/{template}.html"));
        assert_eq!(
            select_attr(&html, ".doc-logo", "src"),
            ["../../assets/course/images/logo.png"],
            "{template}"
        );
    }
    let certificate = t.read("facilitator/trainer/templates/certificate.html");
    assert_eq!(
        select_attr(&certificate, ".certificate-logo", "src"),
        ["../../assets/course/images/logo.png"]
    );
    for document in ["workbook.html", "trainer/guide.html"] {
        let html = t.read(&format!("facilitator/{document}"));
        assert_eq!(
            select_attr(&html, ".doc-logo", "src").len(),
            1,
            "{document}"
        );
    }
}

#[test]
fn issue_16_theme_says_when_the_course_reads_another_theme_folder() {
    let t = CourseTest::fixture("minimal");
    let yaml = t.read("course/course.yaml");
    t.write("course/course.yaml", format!("{yaml}theme: school\n"));
    let run = t.run(&["theme"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("course.yaml says `theme: school`, so the course reads themes/school/"),
        "{}",
        run.stdout
    );
    assert!(t.exists("themes/default/page.html"));
}
