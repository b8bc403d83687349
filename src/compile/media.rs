//! Media: ```` ```media ```` blocks in modules, a YAML mapping naming a
//! video or audio file under `course/`, its WebVTT captions, a transcript
//! and a poster image.
//!
//! ```yaml
//! title: Listening with your whole body
//! file: media/listening.mp4
//! captions: media/listening.en.vtt
//! poster: images/listening-poster.jpg
//! transcript: |
//!   **Mentor:** Hi, come and sit down…
//! ```
//!
//! Captions are required for a video and a transcript for audio (E027), as
//! a page of the course must be usable by a learner who cannot hear it. Every
//! file is recorded as a link, so the check stage finds it missing, outside
//! `course/` or (captions) not valid WebVTT, and the site copies it. The
//! theme's `partials/media.html` shows the browser's own player with a
//! `<track>` (the captions carried in the page as a `data:` URL, so they
//! show when the site is opened from disk), and the transcript collapsed
//! beneath; in print, the title, poster and transcript.

use std::path::Path;

use base64::Engine;
use serde::Deserialize;

use crate::compile::body::{DataBlock, MediaView};
use crate::compile::markdown::{self, Context, Link, Rendered, Target, links};
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMedia {
    title: Spanned<String>,
    file: Spanned<String>,
    captions: Option<Spanned<String>>,
    transcript: Option<Spanned<String>>,
    poster: Option<Spanned<String>>,
}

/// A compiled media block: what the theme shows, and what the check stage
/// checks (its files as links; its transcript's Markdown).
pub(crate) struct Media {
    /// What `partials/media.html` receives.
    pub(crate) view: MediaView,
    /// The files it names, as links located in the module file.
    pub(crate) links: Vec<Link>,
    /// The transcript's Markdown and its byte offset in the module file.
    pub(crate) transcript: Option<(Rendered, usize)>,
}

/// Whether a file is a video or audio, and its MIME type, by extension.
fn kind_of(path: &str) -> Option<(&'static str, &'static str)> {
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "mp4" | "m4v" => ("video", "video/mp4"),
        "webm" => ("video", "video/webm"),
        "ogv" => ("video", "video/ogg"),
        "mp3" => ("audio", "audio/mpeg"),
        "m4a" => ("audio", "audio/mp4"),
        "ogg" | "oga" | "opus" => ("audio", "audio/ogg"),
        "wav" => ("audio", "audio/wav"),
        "weba" => ("audio", "audio/webm"),
        _ => return None,
    })
}

/// The largest captions file carried in the page (captions are text: an
/// hour of them is some 100 KB).
const MAX_CAPTIONS_BYTES: u64 = 1024 * 1024;

/// The captions file at `path` as a `data:` URL, which the page carries
/// itself: Chromium refuses a `<track>` file next to a page opened from
/// disk (file:// pages are each their own origin), but not a `data:` URL.
/// None when it cannot be read (the check stage says why).
fn data_url(path: &Path) -> Option<String> {
    if std::fs::metadata(path).ok()?.len() > MAX_CAPTIONS_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    Some(format!(
        "data:text/vtt;charset=utf-8;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(text)
    ))
}

/// Parses one media block of `source`, pushing every problem found.
pub(crate) fn compile(
    block: &DataBlock,
    source: &SourceFile,
    config: &Config,
    course_dir: &Path,
    ctx: &Context<'_>,
    out: &mut Diagnostics,
) -> Option<Media> {
    let line_offset = source.line_col(block.offset).0 - 1;
    let raw: RawMedia = yaml::parse_block(
        source,
        &block.yaml,
        line_offset,
        "a ```media block holds `title:`, `file:` and `captions:` (a video) or `transcript:` (audio), and may have `poster:`",
        out,
    )?;
    let at = |d: Diagnostic, s: &Spanned<String>| yaml::locate_str(d, source, s, line_offset);
    let offset_of = |s: &Spanned<String>| {
        let (line, column) = yaml::position(source, s, line_offset, 0);
        source.line_start(line) + column.saturating_sub(1)
    };
    let mut links = Vec::new();
    let errors_before = out.error_count();
    let mut file = |field: &Spanned<String>, what: &str, out: &mut Diagnostics| {
        let dest = field.value.trim();
        let target = links::classify(dest, ctx.path);
        let href = match &target {
            Target::File { path, suffix } => Some(format!(
                "{}{}{suffix}",
                ctx.path_to_root,
                markdown::course_file_href(path)
            )),
            Target::External => {
                out.push(at(
                    Diagnostic::error(
                        Code::MediaBlock,
                        format!("the {what} \"{dest}\" is on another web site"),
                    ),
                    field,
                )
                .with_help("put the file in the course folder (e.g. course/media/) and name it here: the course makes no request to another site"));
                None
            }
            Target::Empty | Target::SamePage(_) | Target::Markdown { .. } => {
                out.push(at(
                    Diagnostic::error(
                        Code::MediaBlock,
                        format!("\"{dest}\" is not a {what} file"),
                    ),
                    field,
                )
                .with_help("name a file under course/, relative to this module, e.g. media/listening.mp4"));
                None
            }
            // Reported by the check stage, as for any link that leaves course/.
            Target::Outside => None,
        };
        let start = offset_of(field);
        links.push(Link {
            dest: dest.to_owned(),
            target,
            is_image: what == "poster",
            no_alt: false,
            range: start..start + dest.len(),
            facilitator_only: block.facilitator_only,
        });
        href
    };
    let src = file(&raw.file, "media", out);
    let kind = kind_of(&raw.file.value);
    if kind.is_none() {
        out.push(
            at(
                Diagnostic::error(
                    Code::MediaBlock,
                    format!("\"{}\" is not a video or audio file peerprep knows", raw.file.value.trim()),
                ),
                &raw.file,
            )
            .with_help("use an MP4 or WebM video (.mp4, .webm) or MP3, M4A, Ogg or WAV audio: every browser plays them"),
        );
    }
    let captions = raw.captions.as_ref().and_then(|c| {
        if !c.value.trim().to_ascii_lowercase().ends_with(".vtt") {
            out.push(at(
                Diagnostic::error(Code::MediaBlock, "captions must be a WebVTT file (.vtt)"),
                c,
            )
            .with_help("convert the captions to WebVTT (most caption editors and YouTube Studio export it)"));
        }
        let href = file(c, "captions", out);
        let Target::File { path, .. } = links::classify(c.value.trim(), ctx.path) else {
            return href;
        };
        data_url(&course_dir.join(path)).or(href)
    });
    let poster = raw.poster.as_ref().and_then(|p| file(p, "poster", out));
    let transcript = raw
        .transcript
        .as_ref()
        .filter(|t| !t.value.trim().is_empty());
    let media = kind.map_or("", |(media, _)| media);
    if media == "video" && raw.captions.is_none() {
        out.push(
            at(
                Diagnostic::error(
                    Code::MediaBlock,
                    format!("the video \"{}\" has no captions", raw.title.value),
                ),
                &raw.file,
            )
            .with_help("add `captions: <file>.vtt`, a WebVTT file of what is said and heard: learners who are deaf, or watching without sound, need it"),
        );
    }
    if media == "audio" && transcript.is_none() {
        out.push(
            at(
                Diagnostic::error(
                    Code::MediaBlock,
                    format!("the audio \"{}\" has no transcript", raw.title.value),
                ),
                &raw.file,
            )
            .with_help(
                "add `transcript: |` with what is said, so learners who cannot hear it can read it",
            ),
        );
    }
    let transcript = transcript.map(|t| {
        let (line, column) = yaml::position(source, t, line_offset, 0);
        let offset = source.line_start(line) + column.saturating_sub(1);
        let rendered = markdown::render(
            &t.value,
            &Context {
                base_offset: 0,
                mode: markdown::Mode::Field,
                facilitator_only: block.facilitator_only,
                ..*ctx
            },
        );
        (rendered, offset)
    });
    if out.error_count() > errors_before {
        return None;
    }
    let fill = Filler::new(config, source, line_offset);
    Some(Media {
        view: MediaView {
            media,
            title: fill.field(&raw.title, out),
            src: src.unwrap_or_default(),
            mime: kind.map_or("", |(_, mime)| mime),
            captions,
            captions_lang: config.language.clone(),
            poster,
            transcript: transcript.as_ref().map(|(r, _)| r.field_html()),
        },
        links,
        transcript,
    })
}
