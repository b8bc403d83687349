//! Printing pages to PDF with a headless Chromium.
//!
//! Input: a built site folder and the pages to print. Output: `pdf/<name>.pdf`
//! inside it. The browser is found as `PEERPREP_CHROME`, or `chromium`,
//! `chromium-browser`, `google-chrome` or `google-chrome-stable` on the PATH;
//! it runs with a throwaway profile, with every host name unresolvable (so no
//! page can reach the network), and with `--no-sandbox` only when run as root.
//! Page footers ("Page 3 of 12") are CSS paged media in the theme and
//! `assets/paper.css`; page numbers in a contents list are [`contents`].

pub(crate) mod contents;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Browser names tried on the PATH, in order.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long one page may take to print.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Why printing failed.
#[derive(Debug)]
pub(crate) enum PdfError {
    /// No browser found: the message says how to get one.
    NoBrowser(String),
    /// The browser ran but did not produce the file.
    Failed(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NoBrowser(m) | PdfError::Failed(m) => f.write_str(m),
        }
    }
}

/// The browser to print with.
pub(crate) fn find_browser() -> Result<PathBuf, PdfError> {
    if let Some(named) = std::env::var_os("PEERPREP_CHROME").filter(|v| !v.is_empty()) {
        return which::which(&named).map_err(|_| {
            PdfError::NoBrowser(format!(
                "error: PEERPREP_CHROME is set to {}, which is not a program that can be run\nhelp: set it to the full path of chromium or google-chrome, or unset it",
                Path::new(&named).display()
            ))
        });
    }
    BROWSERS
        .iter()
        .find_map(|name| which::which(name).ok())
        .ok_or_else(|| {
            PdfError::NoBrowser(
                "error: no Chromium or Google Chrome found to print PDFs with\nhelp: install one (Debian/Ubuntu: `sudo apt-get install chromium`), or set PEERPREP_CHROME to its path\nhelp: the HTML pages print just as well from any browser: open workbook.html and use Print".to_owned(),
            )
        })
}

/// Whether this process runs as root (Chromium's sandbox refuses root).
fn running_as_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Prints `site/<page>` to `site/pdf/<name>`.
pub(crate) fn print(browser: &Path, site: &Path, page: &str, name: &str) -> Result<(), PdfError> {
    let out_dir = site.join("pdf");
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| PdfError::Failed(format!("error: could not print {page} to PDF: {e}")))?;
    print_file(browser, &site.join(page), page, &out_dir.join(name))
}

/// Prints the page `input` (called `page` in messages) to the PDF file `out`.
pub(crate) fn print_file(
    browser: &Path,
    input: &Path,
    page: &str,
    out: &Path,
) -> Result<(), PdfError> {
    let failed =
        |why: String| PdfError::Failed(format!("error: could not print {page} to PDF: {why}"));
    let url = format!(
        "file://{}",
        std::path::absolute(input)
            .map_err(|e| failed(e.to_string()))?
            .display()
    );
    let out = std::path::absolute(out).map_err(|e| failed(e.to_string()))?;
    let profile = tempfile::Builder::new()
        .prefix("peerprep-chrome-")
        .tempdir()
        .map_err(|e| failed(e.to_string()))?;
    let mut command = Command::new(browser);
    command
        .arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg("--disable-extensions")
        .arg("--disable-sync")
        .arg("--disable-background-networking")
        .arg("--disable-component-update")
        .arg("--host-resolver-rules=MAP * ~NOTFOUND")
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", out.display()));
    if running_as_root() {
        command.arg("--no-sandbox");
    }
    let log_path = profile.path().join("stderr.log");
    let log = std::fs::File::create(&log_path).map_err(|e| failed(e.to_string()))?;
    command
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log));
    let mut child = command.spawn().map_err(|e| failed(e.to_string()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "the browser took over {} s",
                    TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let made = std::fs::metadata(&out).is_ok_and(|m| m.len() > 0);
    if !status.success() || !made {
        let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
        let last: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(failed(format!(
            "{} exited with {status}{}",
            browser.display(),
            if last.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    last.into_iter().rev().collect::<Vec<_>>().join(" / ")
                )
            }
        )));
    }
    Ok(())
}
