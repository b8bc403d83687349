//! Issue 15, the preview server's bullets: live reload that never holds a
//! connection, a watcher that does not follow symlinks out of the project,
//! `Host` checks against DNS rebinding, no redirect to another host, and a
//! bounded number of threads under a flood of connections. (Ten real
//! browser tabs are in `browser::live_reload`.)

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
fn issue_15_a_symlink_to_the_root_is_not_followed_and_edits_are_still_seen() {
    let t = CourseTest::fixture("minimal");
    std::os::unix::fs::symlink("/", t.path().join("course/rootlink")).expect("symlink");
    let started = Instant::now();
    let server = Server::start(&t, &[]);
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "serve took {took:?} to start"
    );
    t.edit(
        "course/01-welcome.md",
        "Welcome to {{ school }}.",
        "Seen through the watcher.",
    );
    server.wait_for("/modules/01-welcome.html", "the edit", |s, b| {
        s == 200 && b.contains("Seen through the watcher.")
    });
    let (code, printed) = server.interrupt();
    assert_eq!(code, 0, "{printed}");
    assert!(printed.contains("Watching course/"), "{printed}");
    // It watched what it said, and said nothing about folders out of the project.
    assert!(!printed.contains("cannot watch"), "{printed}");
    for outside in ["/proc", "/sys", "/usr", "/etc"] {
        assert!(
            !printed.contains(outside),
            "the output names {outside}:\n{printed}"
        );
    }
    assert!(
        printed.contains("course/rootlink"),
        "the link that is not followed is named:\n{printed}"
    );
}

/// Sends a GET for `/` with `host` as its `Host` header (none when empty).
fn get_with_host(server: &Server, host: &str) -> (u16, String) {
    let host_line = if host.is_empty() {
        String::new()
    } else {
        format!("Host: {host}\r\n")
    };
    let (status, _, body) = server.request(&format!(
        "GET / HTTP/1.1\r\n{host_line}Connection: close\r\n\r\n"
    ));
    (status, body)
}

#[test]
fn issue_15_only_this_computers_names_are_answered() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &["--edition", "facilitator"]);
    let port = server.port;
    let mut wrong = Vec::new();
    for host in [
        "localhost".to_owned(),
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        "127.0.0.1".to_owned(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = get_with_host(&server, &host);
        if status != 200 || !body.contains("Facilitator edition") {
            wrong.push(format!("Host: {host} answered {status}"));
        }
    }
    for host in [
        "evil.example".to_owned(),
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost:{port}@evil.example"),
        String::new(),
    ] {
        let (status, body) = get_with_host(&server, &host);
        if status != 421 {
            wrong.push(format!("Host: {host:?} answered {status}"));
        }
        if body.contains("Facilitator edition") {
            wrong.push(format!("Host: {host:?} was shown the site"));
        }
        if status == 421 && !body.contains("localhost") {
            wrong.push(format!(
                "Host: {host:?}: the refusal does not explain: {body}"
            ));
        }
    }
    // The reload endpoint and the assets are refused too.
    let (status, _, _) = server.request(
        "GET /__peerprep/generation HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
    );
    if status != 421 {
        wrong.push(format!("the generation for evil.example answered {status}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Reads the host name from /proc, as the kernel has it (Linux).
#[cfg(target_os = "linux")]
#[test]
fn issue_15_a_bind_wider_than_loopback_is_warned_about_and_still_checks_hosts() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &["--bind", "0.0.0.0", "--edition", "facilitator"]);
    let (status, _) = get_with_host(&server, &format!("localhost:{}", server.port));
    assert_eq!(status, 200);
    let (status, _) = get_with_host(&server, &format!("evil.example:{}", server.port));
    assert_eq!(status, 421);
    // When shared, the machine's own name is answered.
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("host name");
    let (status, _) = get_with_host(&server, &format!("{}:{}", name.trim(), server.port));
    assert_eq!(status, 200, "Host: {name}");
    let (code, printed) = server.interrupt();
    assert_eq!(code, 0, "{printed}");
    let warning = printed
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("0.0.0.0"))
        .unwrap_or_else(|| panic!("no warning about --bind 0.0.0.0:\n{printed}"));
    assert!(warning.contains("network"), "{warning}");
    assert!(printed.contains("answer keys"), "{printed}");
    assert!(printed.contains("--bind 127.0.0.1"), "{printed}");
}

#[test]
fn issue_15_a_loopback_bind_gives_no_warning() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &[]);
    let (code, printed) = server.interrupt();
    assert_eq!(code, 0, "{printed}");
    assert!(!printed.contains("warning"), "{printed}");
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

/// The number of threads of process `pid` (Linux).
#[cfg(target_os = "linux")]
fn threads(pid: u32) -> usize {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("Threads:")
}

/// Counts threads in /proc (Linux).
#[cfg(target_os = "linux")]
#[test]
fn issue_15_a_flood_of_idle_connections_starts_no_threads() {
    let t = CourseTest::fixture("minimal");
    let server = Server::start(&t, &[]);
    assert_eq!(server.get("/").0, 200);
    let pid = server.child.id();
    let before = threads(pid);
    // 200 connections: half say nothing, half send part of a request and stop.
    let mut flood = Vec::new();
    for n in 0..200 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
        if n % 2 == 1 {
            let _ = stream.write_all(b"GET / HTTP/1.1\r\nHo");
        }
        flood.push(stream);
    }
    let mut most = before;
    for _ in 0..10 {
        most = most.max(threads(pid));
        std::thread::sleep(Duration::from_millis(100));
    }
    // A normal request is still answered, and soon.
    let started = Instant::now();
    let (status, _, body) = server.get("/modules/01-welcome.html");
    let took = started.elapsed();
    most = most.max(threads(pid));
    assert_eq!(status, 200, "{body}");
    assert!(took < Duration::from_secs(5), "the answer took {took:?}");
    assert!(
        most <= before + 2,
        "200 connections took the server from {before} threads to {most}"
    );
    drop(flood);
}
