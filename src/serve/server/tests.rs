//! Tests of the preview server's connections over real sockets: keep-alive,
//! `HEAD`, the `Host` the handler sees, refusals, headers that could split a
//! head, and room for a visitor among idle connections (issue 15).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Instant;

use super::*;

/// A server on a free port whose handler answers with the request target and Host.
fn echo_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handler: Arc<Handler> = Arc::new(|r: &Request| {
        let mut response = Response::text(200, &format!("{} {:?}", r.target, r.host));
        response
            .headers
            .push(("X-Split", "a\r\nSet-Cookie: x=1".to_owned()));
        response
    });
    start(listener, handler).unwrap();
    port
}

fn connect(port: u16) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// Reads one answer: its head and Content-Length bytes of body.
fn answer(stream: &mut TcpStream) -> (String, String) {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        assert_eq!(stream.read(&mut byte).unwrap(), 1, "closed early");
        raw.push(byte[0]);
    }
    let head = String::from_utf8(raw).unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_owned)
        })
        .and_then(|n| n.trim().parse().ok())
        .expect("a Content-Length");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    (head, String::from_utf8(body).unwrap())
}

#[test]
fn one_connection_carries_several_requests_and_head_has_no_body() {
    let mut c = connect(echo_server());
    c.write_all(b"GET /one?x HTTP/1.1\r\nHost: localhost:3000\r\n\r\nGET /two HTTP/1.1\r\n\r\n")
        .unwrap();
    let (head, body) = answer(&mut c);
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert_eq!(body, "/one?x Some(\"localhost:3000\")");
    // No Host is no Host.
    assert_eq!(answer(&mut c).1, "/two None");
    c.write_all(b"HEAD /three HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut rest = String::new();
    c.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("content-length: 16\r\n"), "{rest}");
    assert!(rest.ends_with("\r\n\r\n"), "HEAD sent a body: {rest}");
}

#[test]
fn a_host_given_twice_is_no_host() {
    let mut c = connect(echo_server());
    c.write_all(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
        .unwrap();
    assert_eq!(answer(&mut c).1, "/ None");
}

#[test]
fn a_header_value_that_could_split_the_head_is_not_sent() {
    let mut c = connect(echo_server());
    c.write_all(b"GET / HTTP/1.1\r\nHost: a\r\n\r\n").unwrap();
    let (head, _) = answer(&mut c);
    assert!(!head.to_ascii_lowercase().contains("set-cookie"), "{head}");
    assert!(!head.to_ascii_lowercase().contains("x-split"), "{head}");
}

#[test]
fn malformed_and_oversized_heads_are_refused() {
    let port = echo_server();
    for (request, status) in [
        ("GET / HTTP/1.1\r\nHost localhost\r\n\r\n".to_owned(), "400"),
        ("G(T / HTTP/1.1\r\n\r\n".to_owned(), "400"),
        (
            format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(4 * MAX_HEAD)),
            "431",
        ),
    ] {
        let mut c = connect(port);
        let _ = c.write_all(request.as_bytes());
        let mut raw = Vec::new();
        let _ = c.read_to_end(&mut raw);
        let raw = String::from_utf8_lossy(&raw);
        assert!(
            raw.starts_with(&format!("HTTP/1.1 {status} ")),
            "{:?} got {raw:?}",
            &request[..20]
        );
    }
}

#[test]
fn issue_15_idle_connections_leave_room_for_a_request() {
    let port = echo_server();
    // Many silent connections, half of them with half a request.
    let idle: Vec<TcpStream> = (0..200)
        .map(|n| {
            let mut c = connect(port);
            if n % 2 == 0 {
                let _ = c.write_all(b"GET / HT");
            }
            c
        })
        .collect();
    let started = Instant::now();
    let mut c = connect(port);
    c.write_all(b"GET /visitor HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(answer(&mut c).1, "/visitor Some(\"x\")");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    drop(idle);
}
