//! A chainable test harness in the style of mdBook's testsuite: copy a fixture
//! course into a temporary folder, change files, run the real binary, and read
//! its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A course copied into a temporary folder.
pub(crate) struct CourseTest {
    pub(crate) dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    pub(crate) fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing the output when it differs.
    pub(crate) fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// Says that a test did not run because a tool it needs is missing, or panics when `CI` is set
/// (CI always installs the tools). The line goes straight to the terminal: libtest hides what a
/// passing test prints with `eprintln!`, and a skipped test must not look like a passing one.
pub(crate) fn skipped(why: &str) {
    assert!(std::env::var_os("CI").is_none(), "cannot run in CI: {why}");
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\n==== SKIPPED: {why} ====\n");
}

pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The staging and old-output folders a build left in `dir` (none after any build that ended).
pub(crate) fn build_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect()
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl CourseTest {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
        Self { dir }
    }

    /// A copy of the bundled course (course/ and scenarios/).
    pub(crate) fn bundled() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["course", "scenarios"] {
            let from = repo_root().join(sub);
            if from.is_dir() {
                copy_dir(&from, &dir.path().join(sub));
            }
        }
        Self { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the course.
    pub(crate) fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Replaces the fixture's module list (and drops its session plan, which names its modules).
    pub(crate) fn set_modules(&self, list: &str) -> &Self {
        self.edit(
            "course/course.yaml",
            "modules:\n  - 01-welcome.md\n  - 02-features.md\n  - 03-trainer-only.md\n",
            list,
        )
        .edit(
            "course/course.yaml",
            "      - module: 01-welcome.md\n      - module: 03-trainer-only.md\n",
            "",
        )
    }

    /// Replaces the first `from` with `to` in a file of the course.
    pub(crate) fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let path = self.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// Runs `peerprep ARGS` with the course folder as the current folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command(args).output().unwrap())
    }

    /// Runs `peerprep ARGS` with no browser to print with (so `certificates` writes only its
    /// pages), and fails the test with its stderr unless it succeeds.
    pub(crate) fn run_without_browser(&self, args: &[&str]) {
        let run = self
            .command(args)
            .env("PEERPREP_CHROME", self.path().join("no-such-browser"))
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }

    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_peerprep"));
        cmd.args(args)
            .current_dir(self.path())
            .env_remove("RUST_LOG");
        cmd
    }

    /// The search index of the site in `out` (`public`, …): the JSON that
    /// `assets/search-index.js` assigns, in one assignment.
    pub(crate) fn search_index(&self, out: &str) -> serde_json::Value {
        let script = self.read(&format!("{out}/assets/search-index.js"));
        assert_eq!(script.matches("window.peerprepSearch").count(), 1);
        let json = script
            .strip_prefix("window.peerprepSearch = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .expect("the index is one assignment");
        let mut index: serde_json::Value = serde_json::from_str(json).expect("the index is JSON");
        assert_eq!(index["v"], 3, "index version");
        let list: Vec<String> = index["words"]
            .as_str()
            .expect("a word list")
            .split(' ')
            .map(str::to_owned)
            .collect();
        for page in index["pages"].as_array_mut().expect("pages") {
            for row in page[2].as_array_mut().expect("rows") {
                let mut words: Vec<&str> = decode_ids(row[3].as_str().expect("ids"))
                    .into_iter()
                    .map(|n| list[n].as_str())
                    .collect();
                words.sort_unstable();
                row[3] = words.join(" ").into();
            }
        }
        index
    }

    /// Reads a file of the output (or anything) relative to the course folder.
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }

    /// Every file under `rel`, relative to it, sorted.
    pub(crate) fn files(&self, rel: &str) -> Vec<String> {
        let root = self.path().join(rel);
        let mut files: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }
}

/// A page parsed once, for many queries (the bundled course has hundreds of pages).
pub(crate) struct Doc(scraper::Html);

impl Doc {
    pub(crate) fn parse(html: &str) -> Self {
        Self(scraper::Html::parse_document(html))
    }

    /// Every value of `attr` on elements matching `selector`.
    pub(crate) fn attr(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.0
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }
}

/// Parses HTML and returns the text of every element matching `selector`.
pub(crate) fn select_text(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Every value of `attr` on elements matching `selector`.
pub(crate) fn select_attr(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The inner HTML of `<main>`.
pub(crate) fn main_html(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("main").unwrap();
    doc.select(&sel)
        .next()
        .map(|e| e.inner_html())
        .unwrap_or_default()
}

/// A search-index row's word numbers (index v3, `src/render/search_index.rs`),
/// read back as `assets/search.js` reads them: base 32, "g"–"_" a higher
/// part, "A"–"f" the end of a number, each the distance from the one before
/// less one.
fn decode_ids(text: &str) -> Vec<usize> {
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut out, mut value, mut previous) = (Vec::new(), 0i64, -1i64);
    for c in text.chars() {
        let d = DIGITS.find(c).expect("an index digit") as i64;
        if d >= 32 {
            value = value * 32 + d - 32;
        } else {
            previous += value * 32 + d + 1;
            out.push(previous as usize);
            value = 0;
        }
    }
    out
}
