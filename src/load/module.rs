//! Modules: Markdown files with YAML front matter.
//!
//! Input: a module's [`SourceFile`]. Output: a [`Module`] with its validated
//! front matter (variables filled in) and where its body starts, or diagnostics
//! (front matter missing or never closed, unknown fields, bad slug, unknown
//! competencies, unknown variables).

use serde::Deserialize;

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::ModuleEdition;
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::profiles::Audience;
use crate::load::yaml::{self, Spanned};
use crate::slug;
use crate::source::SourceFile;

/// Front matter as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    summary: Option<Spanned<String>>,
    duration: Option<u32>,
    #[serde(default)]
    outcomes: Vec<Spanned<String>>,
    #[serde(default)]
    competencies: Vec<Spanned<String>>,
    content_note: Option<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    edition: ModuleEdition,
    slug: Option<Spanned<String>>,
    profiles: Option<Vec<Spanned<String>>>,
    not_profiles: Option<Vec<Spanned<String>>>,
}

/// A loaded module.
#[derive(Debug, Clone)]
pub(crate) struct Module {
    /// Path relative to `course/`, forward slashes.
    pub(crate) path: String,
    /// The file.
    pub(crate) source: SourceFile,
    /// Byte offset where the Markdown body starts.
    pub(crate) body_start: usize,
    /// Title.
    pub(crate) title: String,
    /// One-sentence summary.
    pub(crate) summary: Option<String>,
    /// Minutes.
    pub(crate) duration: Option<u32>,
    /// What a mentor can do after it.
    pub(crate) outcomes: Vec<String>,
    /// Competency ids (all declared in course.yaml).
    pub(crate) competencies: Vec<String>,
    /// Shown before the body.
    pub(crate) content_note: Option<String>,
    /// Left out of builds.
    pub(crate) draft: bool,
    /// Which editions show it.
    pub(crate) edition: ModuleEdition,
    /// Which profiles build it.
    pub(crate) audience: Audience,
    /// Built from the original in a translation profile with no translated file.
    pub(crate) untranslated: bool,
    /// Its page is `modules/<slug>.html`.
    pub(crate) slug: String,
    /// Where the slug came from (front matter `slug:`), for collision messages.
    pub(crate) slug_at: Option<Spanned<String>>,
    /// Front matter fields written but not read (already reported), which
    /// later checks do not report as missing.
    pub(crate) unread: Vec<String>,
    /// A hash of the file and course.yaml when `serve` loaded it (0 otherwise),
    /// so later cache keys need not hash the text again.
    pub(crate) source_hash: u64,
    /// Whether the text holds a ```` ```media ```` block (its page then
    /// carries a captions file's text), found once when the file is read.
    pub(crate) shows_media: bool,
}

impl Module {
    /// The Markdown body.
    pub(crate) fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }
}

/// Splits front matter from the body: (yaml, yaml start offset, body start offset).
fn split_front_matter(text: &str) -> Result<(&str, usize, usize), &'static str> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "---" {
        return Err("missing");
    }
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok((&text[first_end..offset], first_end, offset + line.len()));
        }
        offset += line.len();
    }
    Err("unclosed")
}

/// Parses a module file's front matter, pushing every problem found.
pub(crate) fn load(
    path: &str,
    source: SourceFile,
    config: &Config,
    out: &mut Diagnostics,
) -> Option<Module> {
    let (yaml_text, _, body_start) = match split_front_matter(&source.text) {
        Ok(parts) => parts,
        Err(kind) => {
            let message = if kind == "missing" {
                "module has no front matter"
            } else {
                "front matter never closes"
            };
            let help = if kind == "missing" {
                "start the file with a `---` line, `title: …`, and another `---` line"
            } else {
                "add a line with just `---` after the front matter"
            };
            out.push(
                Diagnostic::error(Code::FrontMatter, message)
                    .at(&source, 1, 1, 3)
                    .with_help(help),
            );
            return None;
        }
    };
    // A field in error is left out, so the rest of the module is still checked.
    let parsed = yaml::parse_all::<RawFrontMatter>(&source, yaml_text, 1, out);
    let unread = parsed.unread;
    let raw = parsed.value?;
    let fill = Filler::new(config, &source, 1);
    let title = fill.field(&raw.title, out).trim().to_owned();
    if title.is_empty() {
        out.push(yaml::locate(
            Diagnostic::error(Code::InvalidValue, "the module title is empty"),
            &source,
            &raw.title.referenced,
            1,
            1,
        ));
    }
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    let mut unspelled = None;
    let slug = match &raw.slug {
        Some(s) => {
            if !slug::is_valid_id(&s.value) {
                out.push(
                    yaml::locate_str(
                        Diagnostic::error(
                            Code::InvalidId,
                            format!("\"{}\" is not a valid slug", s.value),
                        ),
                        &source,
                        s,
                        1,
                    )
                    .with_help(
                        "use lowercase letters, digits and dashes, starting with a letter or digit",
                    ),
                );
            }
            s.value.clone()
        }
        None => {
            let slugged = slug::transliterate(stem);
            unspelled = slugged
                .lost()
                .map(|lost| format!("\"{lost}\" has no spelling in page names (a–z, 0–9)"));
            if let Some(why) = unspelled.as_ref().filter(|_| !slugged.slug.is_empty()) {
                out.push(
                    Diagnostic::warning(
                        Code::SlugDropsLetters,
                        format!(
                            "the page of \"{stem}\" is modules/{}.html: {why}",
                            slugged.slug
                        ),
                    )
                    .in_file(&source.path)
                    .with_help("add `slug:` to the front matter to name the page yourself, e.g. `slug: 03-growing-up`"),
                );
            }
            slugged.slug
        }
    };
    if slug.is_empty() {
        let why = unspelled.map_or(String::new(), |why| format!(": {why}"));
        out.push(
            Diagnostic::error(
                Code::InvalidId,
                format!("cannot make a slug from this file name{why}"),
            )
            .in_file(&source.path)
            .with_help("rename the file or add `slug:` to the front matter"),
        );
    } else if slug::is_reserved(&slug) {
        let d = Diagnostic::error(
            Code::ReservedSlug,
            format!("\"{slug}\" is reserved for a page of the site"),
        )
        .with_help("add a different `slug:` to the front matter or rename the file");
        out.push(match &raw.slug {
            Some(s) => yaml::locate_str(d, &source, s, 1),
            None => d.in_file(&source.path),
        });
    }
    let mut competencies = Vec::new();
    for c in &raw.competencies {
        match config.check_competency(c, &source, 1) {
            Some(d) => out.push(d),
            None => competencies.push(c.value.clone()),
        }
    }
    let audience = Audience {
        profiles: raw.profiles,
        not_profiles: raw.not_profiles,
    };
    audience.check(&config.profiles, &source, 1, out);
    let summary = fill.optional(raw.summary.as_ref(), out);
    let outcomes = fill.list(&raw.outcomes, out);
    let content_note = fill.optional(raw.content_note.as_ref(), out);
    Some(Module {
        path: path.to_owned(),
        body_start,
        title,
        summary,
        duration: raw.duration,
        outcomes,
        competencies,
        content_note,
        draft: raw.draft,
        edition: raw.edition,
        audience,
        untranslated: false,
        slug,
        slug_at: raw.slug,
        unread,
        source_hash: 0,
        shows_media: source.text.contains("```media"),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::config;

    fn config() -> Config {
        config::from_yaml(
            "title: T
competencies:
  listening:
    title: L
modules: [a.md]
",
        )
    }

    fn load_str(path: &str, text: &str) -> (Option<Module>, Diagnostics) {
        let mut d = Diagnostics::new();
        let m = load(
            path,
            SourceFile::new(format!("course/{path}"), text),
            &config(),
            &mut d,
        );
        (m, d)
    }

    #[test]
    fn parses_front_matter_and_body() {
        let (m, d) = load_str(
            "01-Intro Page.md",
            "---\ntitle: Welcome\nduration: 20\ncompetencies: [listening]\n---\n# Body\n",
        );
        assert!(d.is_empty(), "{}", d.render_human());
        let m = m.unwrap();
        assert_eq!(m.slug, "01-intro-page");
        assert_eq!(m.body(), "# Body\n");
        assert_eq!(m.duration, Some(20));
    }

    #[test]
    fn unclosed_front_matter_is_an_error_at_line_one() {
        let (m, d) = load_str("a.md", "---\ntitle: x\n");
        assert!(m.is_none());
        assert_eq!(d.items()[0].code, Code::FrontMatter);
        assert_eq!(d.items()[0].message, "front matter never closes");
        assert_eq!(d.items()[0].line, 1);
    }

    #[test]
    fn errors_point_at_the_line_in_the_whole_file() {
        let (_, d) = load_str("a.md", "---\ntitle: x\ncompetencies: [listenin]\n---\n");
        let e = &d.items()[0];
        assert_eq!(e.code, Code::UnknownCompetency);
        assert_eq!((e.line, e.column), (3, 16));
        assert_eq!(e.help.as_deref(), Some("did you mean \"listening\"?"));
    }

    #[test]
    fn reserved_slug_is_refused() {
        let (_, d) = load_str("support.md", "---\ntitle: x\n---\n");
        assert_eq!(d.items()[0].code, Code::ReservedSlug);
    }
}
