//! Issue 15, the preview server's bullets: live reload that never holds a
//! connection, a watcher that does not follow symlinks out of the project,
//! `Host` checks against DNS rebinding, no redirect to another host, and a
//! bounded number of threads under a flood of connections. (Ten real
//! browser tabs are in `browser::serve_reloads_ten_tabs_after_an_edit`.)

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::Server;
use crate::common::CourseTest;

#[test]
fn issue_15_the_reload_generation_is_answered_at_once() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &[]);
    let (_, _, page) = server.get("/");
    let generation = page
        .split("data-generation=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the page names its generation")
        .to_owned();
    // Ten tabs asking at once: every answer comes straight away, none is held open.
    let started = Instant::now();
    let askers: Vec<_> = (0..10)
        .map(|_| {
            let port = server.port;
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
                stream
                    .set_read_timeout(Some(Duration::from_secs(10)))
                    .expect("timeout");
                write!(
                    stream,
                    "GET /__peerprep/generation HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                )
                .expect("send");
                let mut raw = String::new();
                std::io::Read::read_to_string(&mut stream, &mut raw).expect("read");
                raw
            })
        })
        .collect();
    for asker in askers {
        let raw = asker.join().expect("asker");
        assert!(raw.starts_with("HTTP/1.1 200"), "{raw}");
        let body = raw.split("\r\n\r\n").nth(1).unwrap_or_default();
        assert_eq!(body.trim(), generation, "{raw}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "asking for the generation took {:?}",
        started.elapsed()
    );
    let (_, _, script) = server.get("/assets/livereload.js");
    assert!(!script.contains("/__peerprep/wait"), "{script}");
}

#[test]
fn issue_15_no_redirect_points_to_another_host() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &[]);
    let mut wrong = Vec::new();
    for target in [
        "//scenarios",
        "///scenarios",
        "/%2Fscenarios",
        "/%2f%2fscenarios",
        "//scenarios?x=1",
        "/scenarios//",
        "//evil.example",
        "//evil.example/",
        "/\\evil.example",
    ] {
        let (status, head, _) = server.get(target);
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("location: "))
            .unwrap_or("");
        match status {
            301 if location == "/scenarios/" => {}
            200 | 400 | 404 if location.is_empty() => {}
            _ => wrong.push(format!("{target} answered {status} {location:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let (status, head, _) = server.get("//scenarios");
    assert_eq!(status, 301, "{head}");
}
