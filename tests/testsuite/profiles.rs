//! Profiles and translations (issue 18): one source built for several
//! audiences and languages: `profiles:` overrides, `profiles:` /
//! `not_profiles:` on modules and scenarios, ```` ```only ```` blocks,
//! `--profile` and `--all-profiles`, `check` naming the profile of a problem,
//! translated files beside the originals.

use crate::common::{CourseTest, select_text};

/// The fixture with a `university` profile and a Welsh translation profile.
fn course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/course.yaml",
        "sessions:",
        "profiles:
  university:
    title: Peer support for universities
    organisation: Fixture University
    variables:
      dsl: the Student Wellbeing Service
    ui:
      next: Onwards
      sheet_group: Course and year of study
      sheet_consent: ''
  cymraeg:
    language: cy
    ui:
      untranslated: Nid yw'r dudalen hon wedi'i chyfieithu eto.
sessions:",
    );
    t
}

/// Appends `text` to the fixture's first module.
fn append_to_welcome(t: &CourseTest, text: &str) {
    let body = t.read("course/01-welcome.md");
    t.write("course/01-welcome.md", format!("{body}\n{text}"));
}

#[test]
fn a_profile_overrides_fields_and_merges_variables_and_ui_issue_18() {
    let t = course();
    t.run(&["build", "--profile", "university"]).expect_code(0);
    let page = t.read("public-university/modules/01-welcome.html");
    assert!(page.contains("Peer support for universities"), "title");
    assert!(
        page.contains("data-course=\"test-course\""),
        "progress kept under the course's id"
    );
    // `dsl` replaced, `school` kept from the course's own variables.
    assert!(page.contains("Talk to the Student Wellbeing Service"));
    assert!(page.contains("Welcome to Fixture &lt;School&gt;"));
    assert!(select_text(&page, ".pager-label").contains(&"Onwards".to_owned()));
    // The course as written is untouched, in its own folder.
    t.run(&["build"]).expect_code(0);
    let base = t.read("public/modules/01-welcome.html");
    assert!(base.contains("Talk to Ms Lead") && !base.contains("universities"));
}

#[test]
fn printed_sheets_take_their_words_from_the_profile_issue_18() {
    let t = course();
    t.run(&["build", "--all-profiles", "--edition", "facilitator"])
        .expect_code(0);
    let lines = |dir: &str| {
        select_text(
            &t.read(&format!("{dir}/trainer/templates/application-form.html")),
            ".write-line",
        )
    };
    let school = lines("facilitator");
    assert!(
        school.contains(&"Year and tutor group".to_owned()),
        "{school:?}"
    );
    assert!(
        school
            .iter()
            .any(|l| l.starts_with("Parent or carer consent"))
    );
    // The university asks for a course, and an empty string leaves the
    // parent consent line out rather than printing an empty one.
    let university = lines("facilitator-university");
    assert!(university.contains(&"Course and year of study".to_owned()));
    assert!(
        !university.iter().any(|l| l.contains("consent")),
        "{university:?}"
    );
    assert_eq!(university.len(), school.len() - 1);
}

#[test]
fn only_blocks_show_in_their_profiles_and_nest_with_facilitator_notes_issue_18() {
    let t = course();
    append_to_welcome(
        &t,
        "````only university
## At university

UNI-TEXT for {{ dsl }}.

```facilitator
UNI-NOTE
```
````

```only !university
SCHOOL-TEXT
```
",
    );
    t.run(&["build", "--all-profiles"]).expect_code(0);
    t.run(&["build", "--all-profiles", "--edition", "facilitator"])
        .expect_code(0);
    let page = |dir: &str| t.read(&format!("{dir}/modules/01-welcome.html"));
    let uni = page("public-university");
    assert!(uni.contains("UNI-TEXT for the Student Wellbeing Service"));
    assert!(
        uni.contains("id=\"at-university\""),
        "heading id inside the block"
    );
    assert!(!uni.contains("SCHOOL-TEXT") && !uni.contains("UNI-NOTE"));
    for dir in ["public", "public-cymraeg"] {
        let other = page(dir);
        assert!(
            other.contains("SCHOOL-TEXT") && !other.contains("UNI-TEXT"),
            "{dir}"
        );
    }
    assert!(page("facilitator-university").contains("UNI-NOTE"));
    assert!(!page("facilitator").contains("UNI-NOTE"));
}

#[test]
fn footnotes_cross_only_blocks_and_number_in_reading_order_issue_18() {
    let t = course();
    append_to_welcome(
        &t,
        "Confidentiality has limits.[^limits]

```only university
Adults choose for themselves.[^consent]

[^limits]: At university: a risk to self or others, or to an adult at risk.
```

```only !university
[^limits]: At school: any risk of harm goes to the DSL.
```

[^consent]: Unless someone is at risk.
",
    );
    t.run(&["build", "--all-profiles"]).expect_code(0);
    let page = |dir: &str| t.read(&format!("{dir}/modules/01-welcome.html"));
    let uni = page("public-university");
    assert!(!uni.contains("[^"), "every citation found: {uni}");
    assert_eq!(
        select_text(&uni, ".footnote-ref"),
        ["1", "2"],
        "numbered as cited"
    );
    assert!(uni.contains("an adult at risk") && !uni.contains("goes to the DSL"));
    let school = page("public");
    assert!(!school.contains("[^limits]") && school.contains("goes to the DSL"));
    assert!(!school.contains("Adults choose"));
}

#[test]
fn all_profiles_writes_the_course_and_every_profile_issue_18() {
    let t = course();
    let run = t.run(&["build", "--all-profiles"]);
    run.expect_code(0);
    for dir in ["public", "public-university", "public-cymraeg"] {
        assert!(t.exists(&format!("{dir}/index.html")), "{dir}");
    }
    assert!(run.stdout.contains("profile university") && run.stdout.contains("profile cymraeg"));
    // Built together, the course and its translation link each other's pages.
    let english = t.read("public/modules/01-welcome.html");
    assert_eq!(
        crate::common::select_attr(&english, "nav.languages a", "href"),
        ["../../public-cymraeg/modules/01-welcome.html"]
    );
    assert_eq!(
        select_text(&english, "nav.languages a[lang=cy]"),
        ["Cymraeg"]
    );
    assert_eq!(
        select_text(&english, "nav.languages [aria-current]"),
        ["English"]
    );
    let welsh = t.read("public-cymraeg/index.html");
    assert_eq!(
        crate::common::select_attr(&welsh, "nav.languages a", "href"),
        ["../public/index.html"]
    );
    // The university profile is not a translation: no switcher there, nor in a single build.
    assert!(
        !t.read("public-university/index.html")
            .contains("class=\"languages\"")
    );
    t.run(&["build"]).expect_code(0);
    assert!(!t.read("public/index.html").contains("class=\"languages\""));
    // Not with --profile or --out.
    t.run(&["build", "--all-profiles", "--out", "x"])
        .expect_code(2);
}

#[test]
fn the_switcher_links_home_where_the_other_language_leaves_a_page_out_issue_18() {
    let t = course();
    // Not yet translated, and left out of the Welsh course: module 2 and the scenario.
    t.edit(
        "course/02-features.md",
        "title: Features",
        "title: Features\nnot_profiles: [cymraeg]",
    );
    t.edit(
        "course/01-welcome.md",
        "See [the features](02-features.md#a-table) and [limits](#limits).",
        "```only !cymraeg\nSee [the features](02-features.md#a-table).\n```",
    );
    t.edit(
        "scenarios/promise.yaml",
        "title: Promise you won't tell",
        "title: Promise you won't tell\nnot_profiles: [cymraeg]",
    );
    t.run(&["build", "--all-profiles"]).expect_code(0);
    let switch = |page: &str| crate::common::select_attr(&t.read(page), "nav.languages a", "href");
    assert_eq!(
        switch("public/modules/02-features.html"),
        ["../../public-cymraeg/index.html"]
    );
    assert_eq!(
        switch("public/scenarios/promise/index.html"),
        ["../../../public-cymraeg/index.html"]
    );
    // Pages both have still link each other.
    assert_eq!(
        switch("public/modules/01-welcome.html"),
        ["../../public-cymraeg/modules/01-welcome.html"]
    );
    assert_eq!(
        switch("public-cymraeg/modules/01-welcome.html"),
        ["../../public/modules/01-welcome.html"]
    );
}

#[test]
fn modules_and_scenarios_choose_their_profiles_issue_18() {
    let t = course();
    t.edit(
        "course/02-features.md",
        "title: Features\n",
        "title: Features\nnot_profiles: [university]\n",
    );
    t.edit(
        "course/03-trainer-only.md",
        "---\n",
        "---\nprofiles: [university]\n",
    );
    t.edit(
        "scenarios/promise.yaml",
        "title:",
        "not_profiles: [university]\ntitle:",
    );
    // The scenario's card and the link to 02 are in the first module: wrap them for the test.
    let welcome = t.read("course/01-welcome.md");
    let welcome = welcome.replace(
        "See [the features](02-features.md#a-table) and [limits](#limits).",
        "```only !university\nSee [the features](02-features.md#a-table) and [limits](#limits).\n```",
    );
    let welcome = welcome.replace("See the [trainer module](03-trainer-only.md).", "");
    t.write("course/01-welcome.md", welcome);
    for profile in [&["--profile", "university"][..], &[]] {
        let mut args = vec!["build", "--edition", "facilitator", "--deny-warnings"];
        args.extend(profile);
        t.run(&args).expect_code(0);
    }
    assert!(!t.exists("facilitator-university/modules/02-features.html"));
    assert!(t.exists("facilitator-university/modules/03-trainer-only.html"));
    assert!(!t.exists("facilitator-university/scenarios/promise/index.html"));
    assert!(t.exists("facilitator/modules/02-features.html"));
    assert!(!t.exists("facilitator/modules/03-trainer-only.html"));
    assert!(t.exists("facilitator/scenarios/promise/index.html"));
}

#[test]
fn check_names_the_profile_of_a_problem_that_arises_only_there_issue_18() {
    let t = course();
    t.edit(
        "course/02-features.md",
        "title: Features\n",
        "title: Features\nnot_profiles: [university]\n",
    );
    // 01 links to 02, which the university profile leaves out.
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[E040]: link to \"02-features.md\"")
            && run
                .stderr
                .contains("this profile leaves course/02-features.md out")
            && run.stderr.contains("= note: only in profile: university"),
        "{}",
        run.stderr
    );
    let json = t.run(&["check", "--format", "json"]);
    let problems: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let e040 = problems
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "E040")
        .expect("E040 in the JSON");
    assert_eq!(e040["profile"], "university");
    // Checking only the course as written finds nothing.
    t.run(&["check", "--profile", "cymraeg"]).expect_code(0);
}

#[test]
fn unknown_profiles_are_named_with_the_declared_ones_issue_18() {
    let t = course();
    t.edit(
        "course/02-features.md",
        "title: Features\n",
        "title: Features\nprofiles: [univeristy]\n",
    );
    append_to_welcome(&t, "```only wales\nx\n```\n\n```only\ny\n```\n");
    let run = t.run(&["check"]);
    run.expect_code(1);
    let e = &run.stderr;
    assert!(
        e.contains("error[E022]: profile \"univeristy\" is not declared in course.yaml"),
        "{e}"
    );
    assert!(e.contains("did you mean \"university\"?"), "{e}");
    assert!(
        e.contains("error[E022]: profile \"wales\"")
            && e.contains("this course has \"university\", \"cymraeg\""),
        "{e}"
    );
    assert!(e.contains("an ```only block names no profile"), "{e}");
    let run = t.run(&["build", "--profile", "nope"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("profile \"nope\" is not declared"),
        "{}",
        run.stderr
    );
    assert!(!t.exists("public-nope"));
    // A profile id is part of a folder name: anything else is a usage error.
    t.run(&["build", "--profile", "../up"]).expect_code(2);
    t.edit(
        "course/course.yaml",
        "    organisation: Fixture University\n",
        "    organization: Fixture University\n",
    );
    let run = t.run(&["check"]);
    assert!(
        run.stderr.contains("error[E002]") && run.stderr.contains("organization"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_translation_uses_translated_files_and_notes_the_missing_ones_issue_18() {
    let t = course();
    let welcome = t
        .read("course/01-welcome.md")
        .replace("title: Welcome", "title: Croeso");
    t.write("course/01-welcome.cy.md", welcome);
    let run = t.run(&["build", "--profile", "cymraeg"]);
    run.expect_code(0);
    // No warning for the translated module; one for each original used.
    assert!(
        !run.stderr.contains("01-welcome.cy.md") && !run.stderr.contains("course/01-welcome.md\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning[W025]: no \"cy\" translation of this file")
            && run.stderr.contains("--> course/02-features.md")
            && run
                .stderr
                .contains("translate it into course/02-features.cy.md")
            && run.stderr.contains("--> scenarios/promise.yaml"),
        "{}",
        run.stderr
    );
    let page = t.read("public-cymraeg/modules/01-welcome.html");
    assert!(page.contains("<html lang=\"cy\""));
    assert_eq!(select_text(&page, "h1"), ["Croeso"]);
    assert!(!page.contains("untranslated"));
    // Same page name and ids as the original.
    let untranslated = t.read("public-cymraeg/modules/02-features.html");
    assert_eq!(
        select_text(&untranslated, ".untranslated"),
        ["Nid yw'r dudalen hon wedi'i chyfieithu eto."]
    );
    assert!(
        untranslated.contains("<h1 lang=\"en-GB\">"),
        "the original's words are marked as English"
    );
    assert!(
        t.read("public-cymraeg/scenarios/promise/index.html")
            .contains("class=\"content-note untranslated\"")
    );
    // The translated file is not a module of its own.
    let base = t.run(&["check", "--profile", "university"]);
    assert!(!base.stderr.contains("W001"), "{}", base.stderr);
    assert!(!t.exists("public-cymraeg/modules/01-welcome-cy.html"));
}

#[test]
fn a_translated_scenario_must_keep_the_original_nodes_and_choices_issue_18() {
    let t = course();
    let original = t.read("scenarios/promise.yaml");
    let translated = original
        .replacen("goto: tell-dsl", "goto: promised", 1)
        .replacen("  opening:", "  agor:", 1)
        .replacen("start: opening", "start: agor", 1);
    t.write("scenarios/promise.cy.yaml", translated);
    let run = t.run(&["check"]);
    run.expect_code(1);
    let e = &run.stderr;
    assert!(
        e.contains("error[E023]: the translation starts at \"agor\", the original at \"opening\""),
        "{e}"
    );
    assert!(
        e.contains("error[E023]: the translation has no node \"opening\""),
        "{e}"
    );
    assert!(
        e.contains("error[E023]: node \"agor\" is not in the original"),
        "{e}"
    );
    assert!(e.contains("--> scenarios/promise.cy.yaml"), "{e}");
    assert!(e.contains("= note: only in profile: cymraeg"), "{e}");
    // The base course does not read the translation at all.
    t.run(&["check", "--profile", "university"]).expect_code(0);
}

#[test]
fn package_with_a_profile_writes_its_own_folder_issue_18() {
    let t = course();
    t.run(&["package", "--format", "zip", "--profile", "university"])
        .expect_code(0);
    // The course id (and so the file name, and where learners' progress is
    // kept) is the course's own, though the profile changes the title.
    assert!(t.exists("package-university/test-course-site.zip"));
    assert!(!t.exists("package"));
}

#[test]
fn a_translated_module_must_keep_its_question_ids_issue_18() {
    let t = course();
    let welcome = t
        .read("course/01-welcome.md")
        .replace("- id: welcome-999", "- id: croeso-999");
    t.write("course/01-welcome.cy.md", welcome);
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[E023]: the translation's quiz questions and reflection prompts are [welcome-secret, welcome-tell, croeso-999, welcome-dsl]; the original's, [welcome-secret, welcome-tell, welcome-999, welcome-dsl]")
            && run.stderr.contains("--> course/01-welcome.cy.md"),
        "{}",
        run.stderr
    );
}
