//! `peerprep init`: a starter course that builds and checks clean at once.

use std::process::Command;

fn peerprep(dir: &std::path::Path, args: &[&str]) -> crate::common::Run {
    crate::common::Run::from(
        Command::new(env!("CARGO_BIN_EXE_peerprep"))
            .args(args)
            .current_dir(dir)
            .output()
            .expect("run peerprep"),
    )
}

#[test]
fn init_then_check_then_build_both_editions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = peerprep(dir.path(), &["init", "Year 9 Mentors"]);
    run.expect_code(0);
    assert!(run.stdout.contains("peerprep serve"), "{}", run.stdout);
    let course = dir.path().join("Year 9 Mentors");
    for file in ["course/course.yaml", "README.md"] {
        assert!(course.join(file).is_file(), "{file} missing");
    }
    let yaml = std::fs::read_to_string(course.join("course/course.yaml")).expect("yaml");
    assert!(
        yaml.contains("id: year-9-mentors\n"),
        "the id comes from the folder name"
    );
    let commented = yaml
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .count();
    assert!(
        commented >= 30,
        "course.yaml explains its fields ({commented} comment lines)"
    );
    let modules = std::fs::read_dir(course.join("course"))
        .expect("course/")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert_eq!(modules, 2);
    let scenarios = std::fs::read_dir(course.join("scenarios"))
        .expect("scenarios/")
        .count();
    assert_eq!(scenarios, 1);

    let check = peerprep(&course, &["check", "--deny-warnings"]);
    check.expect_code(0);
    assert!(
        check.stderr.contains("No problems found (2 modules"),
        "{}",
        check.stderr
    );
    peerprep(&course, &["build", "--deny-warnings"]).expect_code(0);
    peerprep(
        &course,
        &["build", "--edition", "facilitator", "--deny-warnings"],
    )
    .expect_code(0);
    let index = std::fs::read_to_string(course.join("public/index.html")).expect("index");
    assert!(
        index.contains("modules/"),
        "the home page lists the modules"
    );
    let quiz_pages = std::fs::read_dir(course.join("public/modules"))
        .expect("modules/")
        .filter_map(Result::ok)
        .filter(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("class=\"quiz")))
        .count();
    assert_eq!(quiz_pages, 1, "one module has the quiz");
    assert!(course.join("public/scenarios/index.html").is_file());
    // Every variable is filled in: none is left as written.
    for entry in walkdir::WalkDir::new(course.join("public"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|x| x == "html") {
            let text = std::fs::read_to_string(entry.path()).expect("page");
            assert!(
                !text.contains("{{"),
                "{} shows a variable as written",
                entry.path().display()
            );
        }
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "mine").expect("write");
    let run = peerprep(dir.path(), &["init"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("kept"),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "nothing was added"
    );
    std::fs::write(dir.path().join("file"), "x").expect("write");
    peerprep(dir.path(), &["init", "file"]).expect_code(2);
}

#[test]
fn init_writes_into_an_empty_folder_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    peerprep(&empty, &["init"]).expect_code(0);
    assert!(empty.join("course/course.yaml").is_file());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["empty"], "no staging folder is left behind");
}

/// What `git status` shows in a folder (git must be installed: CI clones with it).
fn git_status(dir: &std::path::Path) -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git is installed")
    };
    assert!(git(&["init", "-q"]).status.success());
    String::from_utf8_lossy(&git(&["status", "--porcelain", "--untracked-files=all"]).stdout)
        .into_owned()
}

/// Issue 15: `.public.lock` and `.facilitator.lock` showed in `git status`.
#[test]
fn a_new_course_ignores_what_peerprep_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    peerprep(dir.path(), &["init", "club"]).expect_code(0);
    let course = dir.path().join("club");
    peerprep(&course, &["build"]).expect_code(0);
    peerprep(&course, &["build", "--edition", "facilitator"]).expect_code(0);
    let status = git_status(&course);
    for written in ["public", "facilitator", ".lock"] {
        assert!(
            !status.contains(written),
            "git status shows {written}:\n{status}"
        );
    }
    assert!(
        status.contains(".gitignore") && status.contains("course/course.yaml"),
        "{status}"
    );
}

/// Issue 15: the same for the bundled course in this repository.
#[test]
fn the_repository_ignores_what_peerprep_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = crate::common::repo_root();
    for part in [".gitignore", "course", "scenarios"] {
        let from = root.join(part);
        if from.is_dir() {
            crate::common::copy_dir(&from, &dir.path().join(part));
        } else {
            std::fs::copy(&from, dir.path().join(part)).expect("copy");
        }
    }
    peerprep(dir.path(), &["build"]).expect_code(0);
    peerprep(dir.path(), &["build", "--edition", "facilitator"]).expect_code(0);
    let status = git_status(dir.path());
    for written in ["public/", "facilitator/", ".lock"] {
        assert!(
            !status.contains(written),
            "git status shows {written}:\n{status}"
        );
    }
}

#[test]
fn init_with_the_university_profile_starts_a_university_course_issue_18() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = peerprep(dir.path(), &["init", "mentors", "--profile", "university"]);
    run.expect_code(0);
    assert!(
        run.stdout.contains("Created a university starter course"),
        "{}",
        run.stdout
    );
    let course = dir.path().join("mentors");
    assert!(
        !course.join("profiles").exists(),
        "the profiles folder is not copied"
    );
    let yaml = std::fs::read_to_string(course.join("course/course.yaml")).expect("yaml");
    assert!(yaml.contains("id: mentors\n") && yaml.contains("Nightline"));
    peerprep(&course, &["check", "--deny-warnings"]).expect_code(0);
    peerprep(&course, &["build", "--deny-warnings"]).expect_code(0);
    peerprep(
        &course,
        &["build", "--edition", "facilitator", "--deny-warnings"],
    )
    .expect_code(0);
    // What a university mentor reads: adult wording and university services, no school words.
    let mut words = String::new();
    for entry in walkdir::WalkDir::new(course.join("public"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|x| x == "html") {
            words.push_str(&std::fs::read_to_string(entry.path()).expect("page"));
        }
    }
    for school in [
        "Year 8",
        "leaves school",
        "leave school",
        "Designated Safeguarding Lead",
        "Childline",
    ] {
        assert!(
            !words.contains(school),
            "a university course says {school:?}"
        );
    }
    for university in [
        "scheme coordinator",
        "Campus security",
        "Nightline",
        "adult at risk",
    ] {
        assert!(words.contains(university), "no {university:?}");
    }
    // An unknown profile is a usage error that names the ones there are.
    let run = peerprep(dir.path(), &["init", "other", "--profile", "college"]);
    run.expect_code(2);
    assert!(run.stderr.contains("university"), "{}", run.stderr);
    assert!(!dir.path().join("other").exists());
}
