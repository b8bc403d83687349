//! Answering one HTTP request from the served [`Site`].
//!
//! Paths are looked up in the build held in memory, so nothing outside the
//! site can be read: a path is percent-decoded once, then refused (400) if it
//! holds `..`, `.`, a backslash, a NUL or a colon, and any other path that
//! names no built file is a 404 with the site's `404.html`. A request
//! addressed to a host name other than this computer's is refused (421, see
//! [`Hosts`]). Every answer says `Cache-Control: no-store`. HTML pages get the
//! live-reload script.

use std::sync::OnceLock;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use crate::render::theme::Theme;
use crate::serve::host::Hosts;
use crate::serve::server::{Request, Response};
use crate::serve::site::Site;

/// Where the live-reload script asks for the newest build's generation.
pub(crate) const GENERATION_PATH: &str = "/__peerprep/generation";
/// The live-reload script, served in serve mode only.
pub(crate) const SCRIPT_PATH: &str = "/assets/livereload.js";
const SCRIPT: &str = include_str!("livereload.js");

/// An answer, before it becomes an HTTP response.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Reply {
    /// The status code.
    pub(crate) status: u16,
    /// The `Content-Type`.
    pub(crate) content_type: String,
    /// The body.
    pub(crate) body: Vec<u8>,
    /// A `Location` for redirects.
    pub(crate) location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type: content_type.to_string(),
            body: body.into(),
            location: None,
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Self::new(status, "text/plain; charset=utf-8", body)
    }
}

/// What a request addressed to another host name is told.
const MISDIRECTED: &str = "421 Misdirected Request: this preview server answers only requests \
addressed to localhost, 127.0.0.1 or [::1] (and, when it is shared with --bind, to this computer's \
name or address), so that no other web site can read the course through a domain name of its own. \
Open the address that peerprep serve printed.\n";

/// Answers a request for `url` (the request target, starting with `/`)
/// whose `Host` header is `host`.
pub(crate) fn answer(
    method: &str,
    url: &str,
    host: Option<&str>,
    hosts: &Hosts,
    site: &Site,
) -> Reply {
    if !hosts.allows(host) {
        return Reply::text(421, MISDIRECTED);
    }
    if method != "GET" && method != "HEAD" {
        return Reply::text(405, "Only GET and HEAD are allowed.\n");
    }
    let path = url.split_once('?').map_or(url, |(p, _)| p);
    if path == GENERATION_PATH {
        // Answered at once: the script asks again a second later.
        return Reply::text(200, &site.generation().to_string());
    }
    if path == SCRIPT_PATH {
        return Reply::new(200, "text/javascript; charset=utf-8", SCRIPT);
    }
    let key = match resolve(path) {
        Ok(key) => key,
        Err(status) => return Reply::text(status, "Bad request: that path is not allowed.\n"),
    };
    let (files, problems, generation) = site.current();
    let is_page = key.ends_with(".html");
    if let (Some(problems), true) = (&problems, is_page || !files.contains_key(&key)) {
        return problems_page(problems, generation);
    }
    let file = match site.file(&files, &key) {
        Ok(file) => file,
        Err(problems) => return problems_page(&problems, generation),
    };
    if let Some(body) = file {
        let content_type = content_type(&key);
        let body = if is_page {
            with_reload(&String::from_utf8_lossy(&body), generation).into_bytes()
        } else {
            body.to_vec()
        };
        return Reply::new(200, &content_type, body);
    }
    if !path.ends_with('/')
        && matches!(site.file(&files, &format!("{key}/index.html")), Ok(Some(_)))
    {
        let mut reply = Reply::text(301, "Moved\n");
        reply.location = Some(folder_location(&key));
        return reply;
    }
    // Every good build has a 404.html; a broken one was answered above.
    match files.get("404.html") {
        Some(page) => Reply::new(
            404,
            "text/html; charset=utf-8",
            with_reload(&rooted(&String::from_utf8_lossy(page)), generation),
        ),
        None => Reply::text(404, "Not found.\n"),
    }
}

/// The built file a request path names: decoded once, `index.html` added for
/// folders. Err is the status for a path that is refused.
pub(crate) fn resolve(path: &str) -> Result<String, u16> {
    if !path.starts_with('/') {
        return Err(400);
    }
    let decoded = percent_decode_str(path).decode_utf8().map_err(|_| 400u16)?;
    if decoded.contains(['\\', '\0', ':']) {
        return Err(400);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Err(400),
            s => segments.push(s),
        }
    }
    let mut key = segments.join("/");
    if decoded.ends_with('/') || key.is_empty() {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Ok(key)
}

/// The characters a path segment of a `Location` must have percent-encoded.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Where a request for a folder without its final `/` is sent: built from
/// the resolved key (repeated slashes already collapsed, every segment
/// encoded), so it is always `/` and a segment, never `//host`, which a
/// browser would read as another server.
pub(crate) fn folder_location(key: &str) -> String {
    let mut location = String::from("/");
    for segment in key.split('/').filter(|s| !s.is_empty()) {
        location.extend(utf8_percent_encode(segment, SEGMENT));
        location.push('/');
    }
    location
}

/// The `Content-Type` for a file, with a charset for text.
pub(crate) fn content_type(key: &str) -> String {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    if mime.type_() == "text" || mime.subtype() == "javascript" || mime.subtype() == "json" {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// A page with the live-reload script added (the embedded theme's
/// `serve-reload.html`) and its CSP widened to let the script ask this
/// server (and only it) for the newest build.
pub(crate) fn with_reload(html: &str, generation: u64) -> String {
    let context = minijinja::context! { src => SCRIPT_PATH, generation => generation };
    let tag = match embedded("serve-reload.html", context) {
        Ok(tag) => tag,
        // The embedded theme is tested; should it fail, the page still shows.
        Err(_) => return html.to_owned(),
    };
    let mut page = html.replacen("</head>", &format!("{tag}\n</head>"), 1);
    if let Some(start) = page.find("default-src 'none';") {
        let mut extra = String::from(" connect-src 'self';");
        if !page.contains("script-src 'self'") {
            extra.push_str(" script-src 'self';");
        }
        page.insert_str(start + "default-src 'none';".len(), &extra);
    }
    page
}

/// Renders a template of the embedded theme (never a course's override,
/// which may be what is broken).
fn embedded(name: &str, context: minijinja::Value) -> Result<String, minijinja::Error> {
    static ENVIRONMENT: OnceLock<minijinja::Environment<'static>> = OnceLock::new();
    ENVIRONMENT
        .get_or_init(|| Theme::embedded().environment())
        .get_template(&format!("default/{name}"))?
        .render(context)
}

/// The answer to every page while the source is broken: the embedded
/// theme's `serve-problems.html`, or the problems as plain text should that fail.
fn problems_page(problems: &str, generation: u64) -> Reply {
    match embedded(
        "serve-problems.html",
        minijinja::context! { problems => problems },
    ) {
        Ok(page) => Reply::new(
            500,
            "text/html; charset=utf-8",
            with_reload(&page, generation),
        ),
        Err(e) => Reply::text(500, &format!("{problems}\n{e}\n")),
    }
}

/// The 404 page with its relative links made absolute from the site root,
/// so it works at any depth.
fn rooted(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find([' ', '\n']) {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        for attribute in ["href=\"", "src=\""] {
            if let Some(after) = rest.strip_prefix(attribute) {
                let value = &after[..after.find('"').unwrap_or(after.len())];
                let relative = !(value.starts_with('/')
                    || value.starts_with('#')
                    || value.contains("://")
                    || value.starts_with("mailto:")
                    || value.starts_with("tel:"));
                if relative {
                    out.push_str(attribute);
                    out.push('/');
                    rest = after;
                }
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Answers one request read by the [`server`](crate::serve::server).
pub(crate) fn respond(request: &Request, hosts: &Hosts, site: &Site) -> Response {
    let reply = answer(
        &request.method,
        &request.target,
        request.host.as_deref(),
        hosts,
        site,
    );
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store".to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
        ("Referrer-Policy", "no-referrer".to_owned()),
    ];
    if let Some(location) = reply.location {
        headers.push(("Location", location));
    }
    if reply.status == 405 {
        headers.push(("Allow", "GET, HEAD".to_owned()));
    }
    Response {
        status: reply.status,
        headers,
        body: reply.body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_to_built_files() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(resolve("/modules/a.html").unwrap(), "modules/a.html");
        assert_eq!(resolve("/scenarios/x/").unwrap(), "scenarios/x/index.html");
        assert_eq!(resolve("//modules//a.html").unwrap(), "modules/a.html");
        assert_eq!(resolve("/a%20b.html").unwrap(), "a b.html");
    }

    #[test]
    fn issue_15_folder_redirects_never_name_another_host() {
        assert_eq!(folder_location("scenarios"), "/scenarios/");
        assert_eq!(folder_location("a b/c"), "/a%20b/c/");
        for path in [
            "//scenarios",
            "///scenarios",
            "/%2F%2Fevil.example",
            "/%2f/evil.example",
            "//evil.example//x",
        ] {
            let key = resolve(path).expect("resolves");
            let location = folder_location(key.trim_end_matches("/index.html"));
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{path} -> {location}"
            );
        }
    }

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "/../etc/passwd",
            "/modules/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%5c..%5cwindows",
            "/a\\b",
            "/./index.html",
            "/C:/windows",
            "/%00",
            "/%ff",
            "etc/passwd",
            "http://example.org/",
        ] {
            assert!(resolve(bad).is_err(), "{bad} was allowed");
        }
    }

    #[test]
    fn pages_get_the_script_and_a_wider_csp() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body></body></html>";
        let served = with_reload(page, 7);
        assert!(served.contains("default-src 'none'; connect-src 'self'; script-src 'self'"));
        assert!(served.contains(
            "<script defer src=\"/assets/livereload.js\" data-generation=\"7\"></script>\n</head>"
        ));
    }

    #[test]
    fn the_problems_page_shows_the_problems_as_text_and_reloads() {
        let reply = problems_page("error[E001]: <script>alert(1)</script>", 3);
        assert_eq!(reply.status, 500);
        let page = String::from_utf8(reply.body).unwrap();
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(page.contains("data-generation=\"3\""), "{page}");
        assert!(page.contains("connect-src 'self'"), "{page}");
    }

    #[test]
    fn the_404_page_links_from_the_root() {
        let page = "<a href=\"index.html\">Home</a> <link href=\"assets/style.css\"> <a href=\"#main\">x</a> <a href=\"https://e.org/\">e</a>";
        assert_eq!(
            rooted(page),
            "<a href=\"/index.html\">Home</a> <link href=\"/assets/style.css\"> <a href=\"#main\">x</a> <a href=\"https://e.org/\">e</a>"
        );
    }

    #[test]
    fn content_types_name_the_charset_for_text() {
        assert_eq!(content_type("a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert!(content_type("assets/quiz.js").contains("javascript"));
        assert_eq!(content_type("images/a.png"), "image/png");
    }
}
