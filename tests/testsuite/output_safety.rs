//! The output folder: staged and swapped in whole, never half-written, and
//! never a folder peerprep must not replace.

use std::time::{Duration, Instant};

use crate::common::CourseTest;

crate::cases::cases! {
    unsafe_output_folders,
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let before = t.read("public/modules/01-welcome.html");
    t.edit(
        "course/01-welcome.md",
        "Talk to {{ dsl }}",
        "Talk to {{ nobody }}",
    );
    let run = t.run(&["build"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("build stopped; ./public was not changed"),
        "{}",
        run.stderr
    );
    assert_eq!(t.read("public/modules/01-welcome.html"), before);
    let leftovers: Vec<String> = t
        .files("")
        .into_iter()
        .filter(|f| f.contains("staging") || f.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_killed_build_keeps_the_previous_output_and_the_next_build_succeeds() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let before = t.read("public/index.html");
    // A course big enough that the build is still writing when it is killed.
    let mut list = String::from("modules:\n");
    for i in 0..3000 {
        list.push_str(&format!("  - m{i}.md\n"));
        t.write(
            &format!("course/m{i}.md"),
            format!(
                "---\ntitle: M{i}\n---\n{}",
                "Words and more words. ".repeat(200)
            ),
        );
    }
    t.set_modules(&list);
    std::fs::remove_dir_all(t.path().join("scenarios")).unwrap();
    t.run(&["check"]).expect_code(0);
    let mut child = t.command(&["build"]).spawn().unwrap();
    let started = Instant::now();
    let staging_seen = loop {
        let seen = std::fs::read_dir(t.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".public.staging-")
        });
        if seen || started.elapsed() > Duration::from_secs(60) {
            break seen;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(staging_seen, "the build never started writing");
    if !status.success() {
        assert_eq!(
            t.read("public/index.html"),
            before,
            "killed build changed the output"
        );
    }
    assert!(t.exists("public/.peerprep-output"));
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert!(t.read("public/index.html").contains("M2999"));
    let leftovers: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && n != ".public.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The other unsafe folders are the case `unsafe_output_folders`.
#[test]
fn refuses_the_home_folder() {
    let t = CourseTest::fixture("minimal");
    let home = tempfile::tempdir().unwrap();
    let run = t
        .command(&["build", "--out", home.path().to_str().unwrap()])
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("it is your home folder"));
    assert!(t.read("course/01-welcome.md").contains("Welcome"));
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_make() {
    let t = CourseTest::fixture("minimal");
    t.write("mine/notes.txt", "precious");
    let run = t.run(&["build", "--out", "mine"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("not empty and was not made by peerprep"),
        "{}",
        run.stderr
    );
    assert_eq!(t.read("mine/notes.txt"), "precious");
    std::fs::create_dir_all(t.path().join("empty")).unwrap();
    t.run(&["build", "--out", "empty"]).expect_code(0);
    assert!(t.exists("empty/.peerprep-output"));
    t.run(&["build", "--out", "empty"]).expect_code(0);
}

#[test]
fn builds_into_one_folder_take_turns() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    // Hold the lock a build takes, as another build would.
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(t.path().join(".public.lock"))
        .expect("open the lock");
    lock.lock().expect("lock");
    let mut waiting = t
        .command(&["build"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start a build");
    // Wait (however busy the machine) until the build says it is waiting.
    let stderr = waiting.stderr.take().expect("stderr");
    let (said, heard) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut all = String::new();
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if line.contains("Waiting for another peerprep run") {
                let _ = said.send(());
            }
            all.push_str(&line);
            all.push('\n');
        }
        all
    });
    heard
        .recv_timeout(Duration::from_secs(60))
        .expect("the build said it is waiting for the lock");
    assert!(
        waiting.try_wait().expect("poll").is_none(),
        "the build did not wait for the lock"
    );
    lock.unlock().expect("unlock");
    let output = waiting.wait_with_output().expect("wait");
    let stderr = reader.join().expect("stderr read");
    assert!(output.status.success(), "{stderr}");

    // Several at once: every one succeeds and the output is one whole build.
    let runs: Vec<_> = (0..4)
        .map(|_| {
            t.command(&["build", "--quiet"])
                .spawn()
                .expect("start a build")
        })
        .collect();
    for mut run in runs {
        assert!(run.wait().expect("wait").success());
    }
    assert!(t.exists("public/index.html"));
    assert!(t.exists("public/.peerprep-output"));
    let leftovers = crate::common::build_leftovers(t.path());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Issue 15: `certificates --out public` and `report --out public` used to
/// replace a built site without a word.
#[test]
fn each_command_replaces_only_its_own_kind_of_output() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let site = t.read("public/index.html");
    t.write("names.csv", "Name\nSam Lee\n");
    let run = t.run(&[
        "certificates",
        "names.csv",
        "--date",
        "2027-02-01",
        "--out",
        "public",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("it holds the output of `peerprep build`, which `peerprep certificates` does not replace"),
        "{}",
        run.stderr
    );
    let export = crate::common::repo_root().join("tests/fixtures/exports/alex.json");
    let run = t.run(&["report", export.to_str().unwrap(), "--out", "public"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("which `peerprep report` does not replace"),
        "{}",
        run.stderr
    );
    assert_eq!(t.read("public/index.html"), site);
    // Each kind still replaces its own.
    t.run(&["certificates", "names.csv", "--date", "2027-02-01"])
        .expect_code(0);
    t.run(&["certificates", "names.csv", "--date", "2027-02-02"])
        .expect_code(0);
    t.run(&["build"]).expect_code(0);
}

/// Issue 15: an output folder that is a symbolic link used to be replaced by
/// a real folder, leaving the link's target stale.
#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_built_into() {
    let t = CourseTest::fixture("minimal");
    std::fs::create_dir_all(t.path().join("www")).unwrap();
    std::os::unix::fs::symlink("www", t.path().join("public")).unwrap();
    t.run(&["build"]).expect_code(0);
    t.run(&["build"]).expect_code(0);
    let link = std::fs::symlink_metadata(t.path().join("public")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert!(t.exists("www/index.html") && t.exists("www/.peerprep-output"));
    std::os::unix::fs::symlink("nowhere", t.path().join("broken")).unwrap();
    let run = t.run(&["build", "--out", "broken"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("symbolic link to a folder that does not exist"),
        "{}",
        run.stderr
    );
}

/// The identity of a file on disk: a file kept from the last build is the
/// same file (same inode), a written one is new.
#[cfg(unix)]
fn inode(t: &CourseTest, rel: &str) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(t.path().join(rel)).unwrap().ino()
}

#[cfg(unix)]
#[test]
fn a_rebuild_writes_only_the_files_that_changed_issue_20() {
    let t = CourseTest::bundled();
    settle(&t, "");
    t.run(&["build"]).expect_code(0);
    let files = t.files("public");
    let inodes = |t: &CourseTest| -> Vec<u64> {
        files
            .iter()
            .map(|f| inode(t, &format!("public/{f}")))
            .collect()
    };
    let first = inodes(&t);

    // Nothing changed: the output is left exactly as it was, marker and all.
    let again = t.run(&["build"]);
    again.expect_code(0);
    assert!(
        again.stdout.contains(&format!(
            "Nothing changed since the last build: all {} files were kept",
            files.len() - 1
        )),
        "{}",
        again.stdout
    );
    assert_eq!(inodes(&t), first, "not one file was touched");

    // A source saved again with the same text: a full build, whose files all
    // come out the same and are kept; only the marker is new.
    let module = t.path().join("course/06-looking-after-yourself.md");
    std::fs::write(&module, std::fs::read(&module).unwrap()).unwrap();
    settle(&t, "course/06-looking-after-yourself.md");
    let saved = t.run(&["build"]);
    saved.expect_code(0);
    assert!(
        saved
            .stdout
            .contains(&format!("0 files written; {} unchanged", files.len() - 1)),
        "every file but the marker is kept: {}",
        saved.stdout
    );
    let rewritten: Vec<&String> = files
        .iter()
        .zip(first.iter().zip(&inodes(&t)))
        .filter(|(_, (a, b))| a != b)
        .map(|(f, _)| f)
        .collect();
    assert_eq!(rewritten, [".peerprep-output"], "only the marker is new");

    // One module's text changes (long enough ago that its times are trusted):
    // its page, its search rows and the printable workbook change; another
    // module's page is kept as it was.
    let page = "public/modules/06-looking-after-yourself.html";
    let other = "public/modules/09-self-harm-and-suicidal-thoughts.html";
    let (page_before, other_before) = (inode(&t, page), inode(&t, other));
    t.edit(
        "course/06-looking-after-yourself.md",
        "## Why this matters\n",
        "## Why this matters\n\nA new first line.\n",
    );
    settle(&t, "course/06-looking-after-yourself.md");
    let edited = t.run(&["build"]);
    edited.expect_code(0);
    assert!(t.read(page).contains("A new first line."));
    assert_ne!(inode(&t, page), page_before, "the edited page is written");
    assert_eq!(inode(&t, other), other_before, "an unrelated page is kept");

    // A file changed in the output is put back by the next build.
    std::fs::write(t.path().join(other), "edited by hand").unwrap();
    t.run(&["build"]).expect_code(0);
    assert!(
        t.read(other).contains("<!DOCTYPE html>"),
        "the page is built again"
    );
    let nothing_left: Vec<String> = t
        .files("")
        .into_iter()
        .filter(|f| f.contains("staging") || f.contains(".old-"))
        .collect();
    assert!(nothing_left.is_empty(), "{nothing_left:?}");
}

#[cfg(unix)]
#[test]
fn a_build_with_warnings_always_builds_again_issue_20() {
    let t = CourseTest::bundled();
    t.edit(
        "course/06-looking-after-yourself.md",
        "## Why this matters\n",
        "## Why this matters\n\n<iframe></iframe>\n",
    );
    settle(&t, "");
    let first = t.run(&["build"]);
    first.expect_code(0);
    assert!(first.stderr.contains("W020"), "{}", first.stderr);
    let again = t.run(&["build"]);
    again.expect_code(0);
    assert!(
        again.stderr.contains("W020"),
        "the warning is shown again: {}",
        again.stderr
    );
    assert!(
        !again.stdout.contains("Nothing changed"),
        "{}",
        again.stdout
    );
}

/// Dates every file under `rel` a minute back, as a source saved a while
/// ago: `build` trusts a file's times only once it has not changed for a
/// moment (a file saved twice within one tick of the clock keeps its time).
fn settle(t: &CourseTest, rel: &str) {
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in walkdir::WalkDir::new(t.path().join(rel)) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let file = std::fs::File::options()
                .write(true)
                .open(entry.path())
                .unwrap();
            file.set_modified(old).unwrap();
        }
    }
}
