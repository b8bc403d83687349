//! `peerprep pdf`: build an edition, then print its documents to PDF inside
//! the staged output, so a failed print leaves the previous output as it was.
//! Documents with a contents list are printed twice, the second time with
//! the page numbers the first print gave ([`contents`]). The facilitator
//! edition also prints each slide deck, one 16:9 slide a page
//! ([`slide_decks`]).

use crate::cli::BuildArgs;
use crate::cmd::{Outcome, build};
use crate::edition::Edition;
use crate::pdf::contents::{self, Numbered};
use crate::pdf::{self, PdfError};

/// The pages each edition prints, and the PDF each becomes.
pub(crate) fn documents(edition: Edition) -> &'static [(&'static str, &'static str)] {
    match edition {
        Edition::Mentor => &[("workbook.html", "workbook.pdf")],
        Edition::Facilitator => &[
            ("workbook.html", "workbook.pdf"),
            ("trainer/guide.html", "facilitator-guide.pdf"),
            ("trainer/sessions.html", "sessions.pdf"),
        ],
    }
}

/// The slide decks a built site holds, and the PDF each becomes:
/// `trainer/slides/<n>.html` → `slides-<n>.pdf`, `all.html` → `slides-all.pdf`
/// (sessions in order, then the whole course).
pub(crate) fn slide_decks(site: &std::path::Path) -> Vec<(String, String)> {
    let folder = site.join(crate::render::slides::FOLDER);
    let mut stems: Vec<String> = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".html").map(str::to_owned))
        .filter(|stem| stem != "index")
        .collect();
    stems.sort_by_key(|stem| (stem.parse::<u64>().map_or(u64::MAX, |n| n), stem.clone()));
    stems
        .into_iter()
        .map(|stem| {
            (
                format!("{}/{stem}.html", crate::render::slides::FOLDER),
                format!("slides-{stem}.pdf"),
            )
        })
        .collect()
}

/// Runs `pdf`: no browser is exit 2 before anything is built.
pub(crate) fn run(args: &BuildArgs, quiet: bool) -> Outcome {
    let browser = match pdf::find_browser() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return Outcome::Environment;
        }
    };
    let printed = |site: &std::path::Path| {
        let started = std::time::Instant::now();
        let mut names = Vec::new();
        let mut unnumbered = false;
        let stop = |e: PdfError| match e {
            PdfError::NoBrowser(m) | PdfError::Failed(m) => (Outcome::Environment, m),
        };
        for (page, name) in documents(args.edition) {
            pdf::print(&browser, site, page, name).map_err(stop)?;
            let numbered = contents::number(&browser, site, page, name).map_err(stop)?;
            unnumbered |= numbered == Numbered::NoPdfinfo;
            names.push(format!("pdf/{name}"));
        }
        if args.edition == Edition::Facilitator {
            for (page, name) in slide_decks(site) {
                pdf::print(&browser, site, &page, &name).map_err(stop)?;
                names.push(format!("pdf/{name}"));
            }
        }
        let mut summary = format!(
            "Printed {} in {:.1} s",
            names.join(", "),
            started.elapsed().as_secs_f64()
        );
        if unnumbered {
            summary.push_str("\nnote: the contents lists have no page numbers: they are read from the first print with `pdfinfo`, which is not installed (Debian/Ubuntu: `sudo apt-get install poppler-utils`)");
        }
        Ok(summary)
    };
    build::run_with(args, quiet, &printed)
}
