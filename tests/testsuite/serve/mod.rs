//! `peerprep serve` as a user runs it: a real server on a free port, real
//! HTTP requests (raw, so traversal attempts reach it unnormalised), edits
//! to the course while it runs, and Ctrl-C. The [`Server`] harness is shared
//! with `hardening` (issue 15) and the live-reload browser test.

mod hardening;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::CourseTest;

/// A running `peerprep serve` and the address it printed.
pub(crate) struct Server {
    child: Child,
    /// The port it listens on.
    pub(crate) port: u16,
    lines: mpsc::Receiver<String>,
    /// What it printed up to its address.
    started: Vec<String>,
}

impl Server {
    /// Starts `peerprep serve --port 0 EXTRA` in the course and waits for its address.
    pub(crate) fn start(t: &CourseTest, extra: &[&str]) -> Self {
        Self::start_with_env(t, extra, &[])
    }

    fn start_with_env(t: &CourseTest, extra: &[&str], env: &[(&str, String)]) -> Self {
        let mut args = vec!["serve", "--port", "0"];
        args.extend_from_slice(extra);
        let mut child = t
            .command(&args)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start peerprep serve");
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut started = Vec::new();
        loop {
            let Ok(line) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            else {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "serve printed no address within 30 s:\n{}",
                    started.join("\n")
                );
            };
            // "Serving the mentor edition at http://127.0.0.1:PORT/" (or the --bind address).
            if let Some(url) = line.split(" at http://").nth(1) {
                let port = url
                    .trim_end_matches('/')
                    .rsplit(':')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .expect("port");
                started.push(line);
                return Self {
                    child,
                    port,
                    lines,
                    started,
                };
            }
            started.push(line);
        }
    }

    /// Sends a raw GET for `target` and returns (status, headers, body).
    pub(crate) fn get(&self, target: &str) -> (u16, String, String) {
        self.request(&format!(
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends `head` (a whole raw request) and returns (status, lowercased headers, body).
    fn request(&self, head: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        stream.write_all(head.as_bytes()).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let text = String::from_utf8_lossy(&raw).to_string();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    /// Polls `target` until `ok` holds for its answer, or panics after 20 s.
    fn wait_for(&self, target: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (status, _, body) = self.get(target);
            if ok(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: last answer {status}\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code and all it printed.
    fn interrupt(mut self) -> (i32, String) {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = self.child.wait().expect("wait");
        let mut printed = std::mem::take(&mut self.started);
        // Until both output readers have finished (the channel closes).
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
            printed.push(line);
        }
        (status.code().unwrap_or(-1), printed.join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_pages_with_types_no_store_and_the_reload_script() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &[]);
    let (status, head, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(head.contains("cache-control: no-store"), "{head}");
    assert!(body.contains("<h1"), "{body}");
    assert!(body.contains("src=\"/assets/livereload.js\""));
    assert!(body.contains("connect-src 'self'"));
    let (status, head, _) = server.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"), "{head}");
    let (status, head, body) = server.get("/assets/livereload.js");
    assert_eq!(status, 200);
    assert!(head.contains("javascript"), "{head}");
    assert!(body.contains("/__peerprep/generation"));
    let (status, _, body) = server.get("/modules/01-welcome.html");
    assert_eq!(status, 200);
    assert!(body.contains("Welcome"));
    let (status, head, _) = server.get("/scenarios");
    assert_eq!(status, 301);
    assert!(head.contains("location: /scenarios/"), "{head}");
    assert_eq!(server.get("/scenarios/").0, 200);
    let (status, _, body) = server.get("/no/such/page.html");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
    assert!(
        body.contains("href=\"/assets/style.css\""),
        "the 404 page links from the root"
    );
    // Nothing was written into the course folder.
    assert!(!t.exists("public"));
}

#[test]
fn paths_outside_the_site_are_never_served() {
    let t = CourseTest::fixture("minimal");
    t.write("secret.txt", "TOP-SECRET-SENTINEL");
    let server = Server::start(&t, &[]);
    let mut wrong = Vec::new();
    for target in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/modules/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/modules\\..\\..\\secret.txt",
        "/%252e%252e/secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/course/course.yaml",
        "/C:/Windows/win.ini",
        "/%00",
        "/%c0%ae%c0%ae/secret.txt",
    ] {
        let (status, _, body) = server.get(target);
        if status != 400 && status != 404 {
            wrong.push(format!("{target} answered {status}"));
        }
        if body.contains("TOP-SECRET-SENTINEL") {
            wrong.push(format!("{target} leaked the file"));
        }
        if body.contains("root:x:") {
            wrong.push(format!("{target} leaked /etc/passwd"));
        }
    }
    // Every request is tried before the test fails, so one failure does not hide another.
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_edit_is_rebuilt_and_a_broken_file_shows_its_problems_until_fixed() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &[]);
    let (_, _, page) = server.get("/modules/01-welcome.html");
    let generation = page
        .split("data-generation=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("generation")
        .to_string();
    t.edit(
        "course/01-welcome.md",
        "Welcome to {{ school }}.",
        "Hello from the edit.",
    );
    // The generation the live-reload script asks for moves on once the rebuild is done.
    server.wait_for("/__peerprep/generation", "a new generation", |s, b| {
        s == 200 && b.trim() != generation
    });
    server.wait_for("/modules/01-welcome.html", "the edit", |s, b| {
        s == 200 && b.contains("Hello from the edit.")
    });
    // Work kept between rebuilds is never stale: the workbook and the
    // search index have the edit too.
    assert!(
        server
            .get("/workbook.html")
            .2
            .contains("Hello from the edit.")
    );
    assert!(
        server
            .get("/assets/search-index.js")
            .2
            .contains("Hello from the edit.")
    );

    t.edit("course/01-welcome.md", "title: Welcome", "title: [broken");
    let problems = server.wait_for("/index.html", "the problems page", |s, _| s == 500);
    assert!(problems.contains("E001"), "{problems}");
    assert!(problems.contains("course/01-welcome.md:2:8"), "{problems}");
    assert!(
        problems.contains("livereload.js"),
        "the problems page reloads itself"
    );
    // Assets of the last good build are still served.
    assert_eq!(server.get("/assets/style.css").0, 200);

    t.edit(
        "course/01-welcome.md",
        "title: [broken",
        "title: Welcome back",
    );
    let fixed = server.wait_for("/modules/01-welcome.html", "the fix", |s, _| s == 200);
    assert!(fixed.contains("Welcome back"), "{fixed}");
    let (code, printed) = server.interrupt();
    assert_eq!(code, 0, "{printed}");
    assert!(
        printed.contains("E001"),
        "the terminal showed the problem:\n{printed}"
    );
    assert!(printed.contains("Stopped."), "{printed}");
}

/// Sets the modification time of a file of the course.
fn set_modified(t: &CourseTest, rel: &str, time: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(t.path().join(rel))
        .and_then(|f| f.set_modified(time))
        .expect("set the modification time");
}

/// Sets a file's modification time to a minute ago: `serve` then trusts its
/// size and times to say it is unchanged, and keeps what it made from it.
fn age(t: &CourseTest, rel: &str) {
    set_modified(
        t,
        rel,
        std::time::SystemTime::now() - Duration::from_secs(60),
    );
}

#[test]
fn pages_kept_between_rebuilds_follow_every_change_they_depend_on() {
    let t = CourseTest::fixture("minimal");
    for rel in ["course/01-welcome.md", "course/02-features.md"] {
        age(&t, rel);
    }
    let server = Server::start(&t, &[]);
    assert!(
        server
            .get("/modules/01-welcome.html")
            .2
            .contains("Features")
    );
    // A neighbour's title is in this page's pager: its kept copy is not reused.
    t.edit(
        "course/02-features.md",
        "title: Features",
        "title: Renamed neighbour",
    );
    server.wait_for("/modules/01-welcome.html", "the new title", |s, b| {
        s == 200 && b.contains("Renamed neighbour")
    });
    // An edit that keeps the size and the modification time is seen too
    // (written beside the course with the same modification time, then
    // moved into place in one step).
    let welcome = t.path().join("course/01-welcome.md");
    let text = std::fs::read_to_string(&welcome).expect("read");
    let modified = welcome
        .metadata()
        .and_then(|m| m.modified())
        .expect("mtime");
    t.write("edited.md", text.replacen("Welcome to", "WELCOME TO", 1));
    set_modified(&t, "edited.md", modified);
    std::fs::rename(t.path().join("edited.md"), &welcome).expect("move into place");
    server.wait_for("/modules/01-welcome.html", "the same-size edit", |s, b| {
        s == 200 && b.contains("WELCOME TO")
    });
    assert!(server.get("/workbook.html").2.contains("WELCOME TO"));
    // A template of the course's own re-renders every kept page.
    t.write(
        "themes/default/module.html",
        "{% extends \"page.html\" %}{% block main %}<h1>Own module template</h1>{{ body }}{% endblock %}",
    );
    server.wait_for("/modules/02-features.html", "the template", |s, b| {
        s == 200 && b.contains("Own module template")
    });
}

#[test]
fn a_new_theme_folder_is_watched_too() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &["--edition", "facilitator"]);
    assert!(server.get("/index.html").2.contains("Facilitator edition"));
    t.write(
        "themes/default/404.html",
        "{% extends \"page.html\" %}{% block main %}<h1>Lost? Custom 404</h1>{% endblock %}",
    );
    server.wait_for("/missing.html", "the theme override", |s, b| {
        s == 404 && b.contains("Lost? Custom 404")
    });
}

#[test]
fn open_shows_the_site_in_the_browser() {
    use std::os::unix::fs::PermissionsExt;
    let t = CourseTest::fixture("minimal");
    // A stand-in for the desktop's "open this link" command, first on PATH.
    let bin = tempfile::tempdir().expect("tempdir");
    let opened = bin.path().join("opened.txt");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\n", opened.display()),
    )
    .expect("write the stand-in");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_with_env(&t, &["--open"], &[("PATH", path)]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let expected = format!("http://127.0.0.1:{}/", server.port);
    loop {
        let seen = std::fs::read_to_string(&opened).unwrap_or_default();
        if seen.lines().any(|l| l == expected) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the browser was not asked to open {expected}: {seen:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let t = CourseTest::fixture("minimal");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let run = t.run(&["serve", "--port", &port]);
    run.expect_code(2);
    assert!(run.stderr.contains("already in use"), "{}", run.stderr);
    assert!(run.stderr.contains("--port"), "{}", run.stderr);
}

#[test]
fn a_folder_without_a_course_is_refused() {
    let t = CourseTest::fixture("minimal");
    let run = t.run(&["serve", "scenarios"]);
    run.expect_code(2);
    assert!(run.stderr.contains("course/course.yaml"), "{}", run.stderr);
}

/// Issue 19: captions travel in the page, so editing only a `.vtt` file rebuilds the page that
/// shows the video (the module itself did not change).
#[test]
fn editing_captions_alone_refreshes_the_page_that_shows_them_issue_19() {
    use base64::Engine;
    let t = crate::media::course();
    let server = Server::start(&t, &[]);
    let page = "/modules/04-material.html";
    let encode = |text: &str| base64::engine::general_purpose::STANDARD.encode(text);
    server.wait_for(page, "the first build", |status, body| {
        status == 200 && body.contains("<track")
    });
    let captions = "WEBVTT\n\n00:00.000 --> 00:01.000\nMentor: A new caption.\n";
    t.write("course/media/clip.vtt", captions);
    server.wait_for(page, "the captions after the edit", |_, body| {
        body.contains(&encode(captions))
    });
}
