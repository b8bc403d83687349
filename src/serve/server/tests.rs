//! Tests of the preview server's connections: reading request heads, keep-alive, `HEAD`,
//! refusals, and room for a visitor among idle connections (issue 15).

use super::*;

fn request(head: &str) -> Result<Request, u16> {
    parse(head.as_bytes())
}

#[test]
fn heads_are_read_with_their_host_and_connection() {
    let r = request("GET /a?b HTTP/1.1\r\nHost: localhost:3000\r\nAccept: */*\r\n\r\n").unwrap();
    assert_eq!(r.method, "GET");
    assert_eq!(r.target, "/a?b");
    assert_eq!(r.host.as_deref(), Some("localhost:3000"));
    assert!(!r.close);
    let r = request("HEAD / HTTP/1.1\r\nhost:x\r\nConnection: Keep-Alive, Close\r\n\r\n").unwrap();
    assert_eq!(r.host.as_deref(), Some("x"));
    assert!(r.close);
    // HTTP/1.0 closes unless asked not to; a body is never read, so the connection closes.
    assert!(request("GET / HTTP/1.0\r\n\r\n").unwrap().close);
    assert!(
        !request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            .unwrap()
            .close
    );
    assert!(
        request("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n")
            .unwrap()
            .close
    );
    assert!(
        request("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
            .unwrap()
            .close
    );
    // No Host, or two, is no Host.
    assert_eq!(request("GET / HTTP/1.1\r\n\r\n").unwrap().host, None);
    assert_eq!(
        request("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
            .unwrap()
            .host,
        None
    );
}

#[test]
fn malformed_heads_are_refused() {
    for (head, status) in [
        ("GET /\r\n\r\n", 400),
        ("GET  / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1 x\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET / FTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost localhost\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHo st: x\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
    ] {
        assert_eq!(request(head), Err(status), "{head:?}");
    }
    assert_eq!(parse(b"GET /\xff HTTP/1.1\r\n\r\n"), Err(400));
}

/// A server on a free port whose handler answers with the request target.
fn echo_server() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handler: Arc<Handler> = Arc::new(|r: &Request| Response::text(200, &r.target));
    start(listener, handler).unwrap();
    port
}

fn connect(port: u16) -> Connection {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    Connection {
        stream,
        buffer: Vec::new(),
    }
}

/// Reads one answer (its head and Content-Length bytes of body).
fn answer(connection: &mut Connection) -> String {
    let Ok(Head::Complete(head)) = connection.read_head() else {
        panic!("no answer")
    };
    let head = String::from_utf8(head).unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    while connection.buffer.len() < length {
        let mut chunk = [0u8; 1024];
        let n = connection.stream.read(&mut chunk).unwrap();
        assert!(n > 0, "closed early");
        connection.buffer.extend_from_slice(&chunk[..n]);
    }
    let body: Vec<u8> = connection.buffer.drain(..length).collect();
    format!("{head}{}", String::from_utf8_lossy(&body))
}

#[test]
fn one_connection_carries_several_requests_and_head_has_no_body() {
    let mut c = connect(echo_server());
    c.stream
        .write_all(b"GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let first = answer(&mut c);
    assert!(first.starts_with("HTTP/1.1 200 OK\r\n"), "{first}");
    assert!(
        first.contains("Connection: keep-alive") && first.ends_with("/one"),
        "{first}"
    );
    assert!(answer(&mut c).ends_with("/two"));
    c.stream
        .write_all(b"HEAD /three HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut rest = String::new();
    c.stream.read_to_string(&mut rest).unwrap();
    assert!(
        rest.contains("Content-Length: 6\r\nConnection: close\r\n\r\n"),
        "{rest}"
    );
    assert!(!rest.contains("/three"), "HEAD sent a body: {rest}");
}

#[test]
fn an_oversized_head_is_refused() {
    let mut c = connect(echo_server());
    let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD + 10));
    let _ = c.stream.write_all(huge.as_bytes());
    let mut raw = Vec::new();
    let _ = c.stream.read_to_end(&mut raw);
    assert!(String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 431 "));
}

#[test]
fn issue_15_idle_connections_make_room_for_a_request() {
    let port = echo_server();
    // Three times as many idle connections as workers, some with half a request.
    let idle: Vec<Connection> = (0..WORKERS * 3)
        .map(|n| {
            let mut c = connect(port);
            if n % 2 == 0 {
                let _ = c.stream.write_all(b"GET / HT");
            }
            c
        })
        .collect();
    let started = Instant::now();
    let mut c = connect(port);
    c.stream
        .write_all(b"GET /visitor HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert!(answer(&mut c).ends_with("/visitor"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    drop(idle);
}
