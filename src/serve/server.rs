//! The preview server's connections: HTTP/1.1 by [hyper] on a small [tokio]
//! runtime of its own, so that reading requests, keep-alive, `HEAD`,
//! malformed and oversized heads are a well-kept library's business and
//! this file only connects it to the [`Handler`].
//!
//! Threads are bounded: [`WORKERS`] threads carry every connection (an idle
//! connection costs no thread), and the handler, which may wait for a
//! rebuild to finish, runs on at most [`ANSWERING`] more. At most
//! [`MAX_CONNECTIONS`] connections are open at once; a connection must send
//! each request's head within [`HEAD_TIME`] (an idle keep-alive connection
//! included), so a flood of silent connections is closed and never holds
//! the server for long. What to answer is the handler's business
//! ([`crate::serve::http`]).

use std::convert::Infallible;
use std::io;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{CONNECTION, CONTENT_LENGTH, HOST, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::Semaphore;

/// The threads that carry connections.
pub(crate) const WORKERS: usize = 2;
/// The most threads answering requests at once.
pub(crate) const ANSWERING: usize = 4;
/// The most connections open at once; more wait to be accepted.
pub(crate) const MAX_CONNECTIONS: usize = 256;
/// How long a connection may take to send a request's head, counted from
/// the end of the previous answer on a kept-alive connection.
pub(crate) const HEAD_TIME: Duration = Duration::from_secs(10);
/// About the largest request head read (hyper answers 431 beyond).
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
}

/// An answer, before it is sent.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Response {
    /// The status code.
    pub(crate) status: u16,
    /// Headers besides `Content-Length` and `Connection`, which the server sets.
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
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .max_blocking_threads(ANSWERING)
        .thread_name("serve")
        .enable_io()
        .enable_time()
        .build()?;
    // The listener joins the runtime inside it (tokio requires that).
    let listener = runtime.block_on(async { tokio::net::TcpListener::from_std(listener) })?;
    std::thread::Builder::new()
        .name("serve-accept".to_owned())
        .spawn(move || runtime.block_on(accept(listener, handler)))?;
    Ok(())
}

/// Accepts connections, at most [`MAX_CONNECTIONS`] open at once, and serves each.
async fn accept(listener: tokio::net::TcpListener, handler: Arc<Handler>) {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .max_buf_size(MAX_HEAD);
    loop {
        let Ok(permit) = open.clone().acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, or a connection reset before it was
            // accepted: try again shortly rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let handler = handler.clone();
        let connection = http.serve_connection(
            TokioIo::new(stream),
            service_fn(move |request| answer(request, handler.clone())),
        );
        tokio::spawn(async move {
            // A connection that fails (closed early, timed out, malformed)
            // has nothing left to be told.
            let _ = connection.await;
            drop(permit);
        });
    }
}

/// Answers one request with the handler, on a thread where it may wait.
async fn answer(
    request: hyper::Request<hyper::body::Incoming>,
    handler: Arc<Handler>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let request = read(&request);
    let response = tokio::task::spawn_blocking(move || handler(&request))
        .await
        .unwrap_or_else(|_| Response::text(500, "The preview server failed to answer.\n"));
    Ok(write(response))
}

/// The handler's view of a request.
fn read<B>(request: &hyper::Request<B>) -> Request {
    let mut hosts = request.headers().get_all(HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(one), None) => one.to_str().ok().map(str::to_owned),
        _ => None,
    };
    let target = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().to_string(), |p| p.as_str().to_owned());
    Request {
        method: request.method().as_str().to_owned(),
        target,
        host,
    }
}

/// The HTTP response for the handler's answer (hyper leaves out the body for `HEAD`).
fn write(response: Response) -> hyper::Response<Full<Bytes>> {
    let mut out = hyper::Response::new(Full::new(Bytes::new()));
    *out.status_mut() = hyper::StatusCode::from_u16(response.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = out.headers_mut();
    for (name, value) in &response.headers {
        // A value that is not a valid header (one that could split the head) is never sent.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) && name != CONTENT_LENGTH
            && name != CONNECTION
        {
            headers.append(name, value);
        }
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(response.body.len()));
    *out.body_mut() = Full::new(Bytes::from(response.body));
    out
}

#[cfg(test)]
mod tests;
