//! Faults while writing: a full disk and a read-only output folder, on a
//! small tmpfs mounted for the test. Each run must fail with a clear error
//! and leave the previous output exactly as it was.
//!
//! Mounting needs root (as in CI). Elsewhere these tests print a loud
//! SKIPPED line; with `CI` set they fail instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::CourseTest;

/// A tmpfs of `size` mounted at a fresh folder, unmounted on drop.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<Self> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(Self { dir });
        }
        crate::common::skipped(
            "cannot mount a tmpfs (needs root): the disk-full and read-only tests did not run",
        );
        None
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.dir.path())
            .status()
            .expect("mount");
        assert!(status.success(), "remount read-only");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .display()
                    .to_string(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The fixture built once into `site/` on the disk: the course, the output
/// folder (as a path and an argument) and a snapshot of what was written.
fn built_on(disk: &SmallDisk) -> (CourseTest, PathBuf, String, Vec<(String, Vec<u8>)>) {
    let t = CourseTest::fixture("minimal");
    let out = disk.path().join("site");
    let out_arg = out.display().to_string();
    t.run(&["build", "--out", &out_arg]).expect_code(0);
    let before = snapshot(&out);
    assert!(!before.is_empty());
    (t, out, out_arg, before)
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_previous_output_stays() {
    let Some(disk) = SmallDisk::mount("600k") else {
        return;
    };
    let (t, out, out_arg, before) = built_on(&disk);
    // A module far bigger than the space left.
    let big: String = (0..3000)
        .map(|i| format!("Paragraph {i} of words that fill the disk quickly.\n\n"))
        .collect();
    t.write(
        "course/02-features.md",
        format!("---\ntitle: Features\noutcomes: [x]\n---\n## A table\n\n{big}"),
    );
    let run = t.run(&["build", "--out", &out_arg]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("No space left on device") || run.stderr.contains("os error 28"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("was not changed"), "{}", run.stderr);
    assert_eq!(snapshot(&out), before, "the previous output changed");
    let leftovers = crate::common::build_leftovers(&disk.path());
    assert!(leftovers.is_empty(), "a failed build left {leftovers:?}");
}

#[test]
fn a_read_only_output_folder_is_a_clear_error_and_stays_as_it_was() {
    let Some(disk) = SmallDisk::mount("2m") else {
        return;
    };
    let (t, out, out_arg, before) = built_on(&disk);
    disk.remount_read_only();
    t.edit(
        "course/01-welcome.md",
        "title: Welcome",
        "title: Welcome again",
    );
    let run = t.run(&["build", "--out", &out_arg]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("Read-only file system"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&out_arg) || run.stderr.contains("site"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&out), before, "the previous output changed");
}
