//! The preview server's connections, on std's `TcpListener` alone: one
//! thread accepts and a fixed pool of [`WORKERS`] threads serves the
//! connections, each worker one connection at a time (HTTP/1.1 with
//! keep-alive; requests without bodies, which is all `GET` and `HEAD` need).
//!
//! A flood of connections cannot start threads or starve a visitor: when
//! every worker has a connection, the accepting thread closes the one that
//! has waited longest for its next request (a connection that is sending
//! nothing, or a request's head byte by byte) and hands the new one to the
//! worker that frees. A connection idle for [`IDLE`] is closed anyway, a
//! request's head must arrive within [`HEAD_TIME`] of its first byte and fit
//! in [`MAX_HEAD`] bytes, and an answer must be taken within [`SEND_TIME`].
//! What to answer is the handler's business ([`crate::serve::http`]); a
//! request that cannot be read gets a plain-text 400, 431 or 505 here.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::cache::lock;

/// The worker threads: the most connections served at once.
pub(crate) const WORKERS: usize = 16;
/// How long a connection may wait for its next request.
pub(crate) const IDLE: Duration = Duration::from_secs(15);
/// How long a request's head may take once its first byte has arrived.
pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);
/// How long sending one answer may take.
pub(crate) const SEND_TIME: Duration = Duration::from_secs(30);
/// The largest request head read.
pub(crate) const MAX_HEAD: usize = 16 * 1024;

/// A request's head, as the handler sees it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    /// The method, as sent (`GET`).
    pub(crate) method: String,
    /// The request target, as sent (`/modules/a.html?x`).
    pub(crate) target: String,
    /// The `Host` header; None when it is missing or given more than once.
    pub(crate) host: Option<String>,
    /// Whether the connection closes after the answer (asked for, HTTP/1.0,
    /// or a request body this server does not read).
    pub(crate) close: bool,
}

/// An answer, before it is sent.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Response {
    /// The status code.
    pub(crate) status: u16,
    /// Headers besides `Content-Length` and `Connection`, which are added.
    pub(crate) headers: Vec<(&'static str, String)>,
    /// The body (not sent for `HEAD`; its length is).
    pub(crate) body: Vec<u8>,
}

impl Response {
    /// A plain-text answer that is never stored.
    pub(crate) fn text(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![
                ("Content-Type", "text/plain; charset=utf-8".to_owned()),
                ("Cache-Control", "no-store".to_owned()),
                ("X-Content-Type-Options", "nosniff".to_owned()),
            ],
            body: body.as_bytes().to_vec(),
        }
    }
}

/// What answers requests.
pub(crate) type Handler = dyn Fn(&Request) -> Response + Send + Sync;

/// Serves `listener` with `handler` on background threads, until the process ends.
pub(crate) fn start(listener: TcpListener, handler: Arc<Handler>) -> io::Result<()> {
    let pool = Arc::new(Pool::default());
    let (handoff, connections) = sync_channel::<TcpStream>(WORKERS);
    let connections = Arc::new(Mutex::new(connections));
    for n in 0..WORKERS {
        let (pool, connections, handler) = (pool.clone(), connections.clone(), handler.clone());
        std::thread::Builder::new()
            .name(format!("serve-{n}"))
            .spawn(move || work(&pool, &connections, handler.as_ref()))?;
    }
    std::thread::Builder::new()
        .name("serve-accept".to_owned())
        .spawn(move || accept(&listener, &pool, &handoff))?;
    Ok(())
}

/// Accepts connections and hands each to a worker, making room first.
fn accept(listener: &TcpListener, pool: &Pool, handoff: &SyncSender<TcpStream>) {
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = stream.set_nodelay(true);
                pool.make_room();
                if handoff.send(stream).is_err() {
                    return;
                }
            }
            // Out of file descriptors, or a connection reset before it was
            // accepted: try again shortly rather than spin.
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// A worker: serves one connection after another.
fn work(pool: &Pool, connections: &Mutex<Receiver<TcpStream>>, handler: &Handler) {
    loop {
        let next = lock(connections).recv();
        let Ok(stream) = next else { return };
        match pool.register(&stream) {
            Some(id) => {
                serve(stream, id, pool, handler);
                pool.finish(Some(id));
            }
            None => pool.finish(None),
        }
    }
}

/// Answers the requests of one connection until it closes, idles out or is closed to make room.
fn serve(stream: TcpStream, id: u64, pool: &Pool, handler: &Handler) {
    let mut connection = Connection {
        stream,
        buffer: Vec::new(),
    };
    loop {
        if !pool.set_waiting(id, true) {
            return;
        }
        let head = connection.read_head();
        if !pool.set_waiting(id, false) {
            return;
        }
        let (response, head_only, close) = match head {
            Ok(Head::Complete(head)) => match parse(&head) {
                Ok(request) => (handler(&request), request.method == "HEAD", request.close),
                Err(status) => (refusal(status), false, true),
            },
            Ok(Head::TooLarge) => (refusal(431), false, true),
            Ok(Head::Closed) | Err(_) => return,
        };
        let sent = send(&mut connection.stream, &response, head_only, close);
        if sent.is_err() {
            return;
        }
        if close {
            connection.linger();
            return;
        }
    }
}

/// The answer to a request that could not be read.
fn refusal(status: u16) -> Response {
    let why = match status {
        431 => "Request head too large.\n",
        505 => "Only HTTP/1.1 and HTTP/1.0 are served.\n",
        _ => "Bad request: that request could not be read.\n",
    };
    Response::text(status, why)
}

/// The connections handed to workers, and how to close an idle one.
#[derive(Default)]
struct Pool {
    state: Mutex<Slots>,
    freed: Condvar,
}

#[derive(Default)]
struct Slots {
    /// Connections handed to workers (queued or served) and not yet finished.
    open: usize,
    next_id: u64,
    /// Each served connection: a handle to close it, and since when it has
    /// waited for its next request (None while a request is answered).
    served: HashMap<u64, (TcpStream, Option<Instant>)>,
}

impl Pool {
    /// Waits until a worker is free for one more connection, closing the
    /// connection that has waited longest for a request when none is.
    fn make_room(&self) {
        let mut slots = lock(&self.state);
        while slots.open >= WORKERS {
            let longest = slots
                .served
                .iter()
                .filter_map(|(id, (_, since))| since.map(|since| (since, *id)))
                .min();
            if let Some((_, id)) = longest
                && let Some((stream, _)) = slots.served.remove(&id)
            {
                let _ = stream.shutdown(Shutdown::Both);
            }
            slots = self
                .freed
                .wait_timeout(slots, Duration::from_millis(100))
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
        slots.open += 1;
    }

    /// Starts serving a connection; None if it cannot be tracked (then it is not served).
    fn register(&self, stream: &TcpStream) -> Option<u64> {
        let handle = stream.try_clone().ok()?;
        let mut slots = lock(&self.state);
        slots.next_id += 1;
        let id = slots.next_id;
        slots.served.insert(id, (handle, Some(Instant::now())));
        Some(id)
    }

    /// Marks a connection as waiting for a request or being answered; false
    /// when it was closed to make room.
    fn set_waiting(&self, id: u64, waiting: bool) -> bool {
        let mut slots = lock(&self.state);
        match slots.served.get_mut(&id) {
            Some((_, since)) => {
                *since = waiting.then(Instant::now);
                true
            }
            None => false,
        }
    }

    /// A worker is done with a connection.
    fn finish(&self, id: Option<u64>) {
        let mut slots = lock(&self.state);
        if let Some(id) = id {
            slots.served.remove(&id);
        }
        slots.open = slots.open.saturating_sub(1);
        drop(slots);
        self.freed.notify_all();
    }
}

/// A connection and what was read from it beyond the last request.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

/// What reading a request head gave.
enum Head {
    /// The head, up to and including its blank line.
    Complete(Vec<u8>),
    /// More than [`MAX_HEAD`] bytes without the end of a head.
    TooLarge,
    /// The client closed the connection, or sent nothing for [`IDLE`].
    Closed,
}

impl Connection {
    /// Closes the connection after its last answer. What the client sent
    /// and was not read (a body, the rest of a refused head) is read and
    /// dropped for a moment first, so that closing does not reset the
    /// connection before the client has read the answer.
    fn linger(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        let until = Instant::now() + Duration::from_secs(1);
        let mut chunk = [0u8; 4096];
        for _ in 0..16 {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                break;
            }
            if !matches!(self.stream.read(&mut chunk), Ok(n) if n > 0) {
                break;
            }
        }
    }

    /// Reads the next request's head.
    fn read_head(&mut self) -> io::Result<Head> {
        let mut deadline = None;
        loop {
            // Blank lines before a request are allowed (RFC 9112, 2.2).
            while self.buffer.starts_with(b"\r\n") {
                self.buffer.drain(..2);
            }
            let end = self.buffer.windows(4).position(|w| w == b"\r\n\r\n");
            match end {
                Some(end) if end + 4 <= MAX_HEAD => {
                    return Ok(Head::Complete(self.buffer.drain(..end + 4).collect()));
                }
                Some(_) => return Ok(Head::TooLarge),
                None if self.buffer.len() > MAX_HEAD => return Ok(Head::TooLarge),
                None => {}
            }
            let wait = match deadline {
                None if self.buffer.is_empty() => IDLE,
                None => {
                    let until = Instant::now() + HEAD_TIME;
                    deadline = Some(until);
                    HEAD_TIME
                }
                Some(until) => until.saturating_duration_since(Instant::now()),
            };
            if wait.is_zero() {
                return Ok(Head::Closed);
            }
            self.stream.set_read_timeout(Some(wait))?;
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Ok(Head::Closed),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Ok(Head::Closed);
                }
                Err(e) => return Err(e),
            }
        }
    }
}

/// Reads a request head. Err is the status to refuse it with.
pub(crate) fn parse(head: &[u8]) -> Result<Request, u16> {
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next().unwrap_or_default().split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if method.is_empty() || !method.bytes().all(is_token) || target.is_empty() {
        return Err(400);
    }
    let old = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        v if v.starts_with("HTTP/") => return Err(505),
        _ => return Err(400),
    };
    let (mut hosts, mut close, mut keep_alive, mut body) = (Vec::new(), false, false, false);
    for line in lines.filter(|l| !l.is_empty()) {
        // A continuation line (obsolete folding) is refused, as RFC 9112 allows.
        let (name, value) = line.split_once(':').ok_or(400u16)?;
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(400);
        }
        let value = value.trim_matches([' ', '\t']);
        match name.to_ascii_lowercase().as_str() {
            "host" => hosts.push(value),
            "connection" => {
                for option in value.split(',').map(str::trim) {
                    close |= option.eq_ignore_ascii_case("close");
                    keep_alive |= option.eq_ignore_ascii_case("keep-alive");
                }
            }
            "content-length" => body |= value != "0",
            "transfer-encoding" => body = true,
            _ => {}
        }
    }
    Ok(Request {
        method: method.to_owned(),
        target: target.to_owned(),
        host: match hosts.as_slice() {
            [one] => Some((*one).to_owned()),
            _ => None,
        },
        close: close || (old && !keep_alive) || body,
    })
}

/// Whether `b` may appear in a method or header name (RFC 9110, 5.6.2).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Sends `response` (only its head for `HEAD`) within [`SEND_TIME`].
fn send(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    close: bool,
) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        // A value that could split the head is never sent.
        if !value.contains(['\r', '\n']) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: {}\r\n\r\n",
        response.body.len(),
        if close { "close" } else { "keep-alive" }
    ));
    let mut out = out.into_bytes();
    if !head_only {
        out.extend_from_slice(&response.body);
    }
    let deadline = Instant::now() + SEND_TIME;
    let mut rest = out.as_slice();
    while !rest.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(&rest[..rest.len().min(64 * 1024)]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => rest = &rest[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    stream.flush()
}

/// The reason phrase of the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests;
