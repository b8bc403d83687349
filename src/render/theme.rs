//! The theme: templates and assets, embedded in the binary and overridable
//! file by file from the course's own `themes/<name>/` folder.
//!
//! One minijinja loader looks first in the course's folder, then in the
//! embedded default theme (built from this repository's `themes/default/`).
//! The embedded originals are also reachable as `default/<name>`, so an
//! override can `{% extends "default/page.html" %}` and replace one block.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

use include_dir::{Dir, include_dir};
use minijinja::value::{Value, ValueKind};
use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, escape_formatter,
};
use pulldown_cmark_escape::escape_html;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;
use crate::source::SourceFile;

/// The default theme, compiled in.
static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The templates every build renders.
pub(crate) const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "module.html",
    "support.html",
    "glossary.html",
    "404.html",
    "search.html",
    "scenarios.html",
    "scenario-start.html",
    "scenario-node.html",
    "scenario-choice.html",
    "trainer/scenario.html",
    "trainer/cards.html",
    "trainer/index.html",
    "trainer/guide.html",
    "trainer/answers.html",
    "trainer/sessions.html",
    "trainer/slides.html",
    "trainer/slides-index.html",
    "trainer/templates/application-form.html",
    "trainer/templates/poster.html",
    "trainer/templates/register.html",
    "trainer/templates/supervision-log.html",
    "trainer/templates/certificate.html",
    "workbook.html",
    "certificates/certificate.html",
    "certificates/index.html",
    "progress.html",
    "certificate.html",
    "report.html",
    "serve-problems.html",
    "serve-reload.html",
];

/// A theme: the course's override folder (if any) over the embedded default.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    /// `themes/<name>` in the project, relative to the project folder.
    relative: PathBuf,
    /// The same folder, absolute.
    folder: PathBuf,
    /// The project folder's real path: no theme file is read from outside it.
    root: PathBuf,
    /// The environment the check stage and rendering share ([`Theme::templates`]),
    /// so each template is compiled once per build.
    shared: Arc<OnceLock<Environment<'static>>>,
}

/// One asset file to copy to `assets/` in the site.
#[derive(Debug)]
pub(crate) struct Asset {
    /// Path under `assets/`, forward slashes.
    pub(crate) path: String,
    /// Its bytes.
    pub(crate) bytes: Vec<u8>,
}

impl Theme {
    /// The theme `name` of the project at `root`.
    pub(crate) fn new(root: &Path, name: &str) -> Self {
        let relative = Path::new("themes").join(name);
        Self {
            folder: root.join(&relative),
            relative,
            root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
            shared: Arc::default(),
        }
    }

    /// The embedded default theme alone, with no course folder.
    pub(crate) fn embedded() -> Self {
        Self {
            relative: PathBuf::new(),
            folder: PathBuf::new(),
            root: PathBuf::new(),
            shared: Arc::default(),
        }
    }

    /// `themes/<name>`, as the course writes it.
    pub(crate) fn folder_name(&self) -> String {
        self.relative.to_string_lossy().replace('\\', "/")
    }

    /// The first language pack (`i18n/<name>.yaml`) the theme has for one of
    /// `names`, tried in order, file names matched without regard to case:
    /// the course's own file before the embedded one. A course file that
    /// cannot be read is its diagnostic.
    pub(crate) fn language_pack(&self, names: &[&str]) -> Option<Result<SourceFile, Diagnostic>> {
        let own = self.folder.join("i18n");
        let own: Vec<String> = std::fs::read_dir(&own)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| self.readable(&e.path()))
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        let embedded = EMBEDDED.get_dir("i18n");
        for name in names {
            let file = format!("{name}.yaml");
            if let Some(found) = own.iter().find(|f| f.eq_ignore_ascii_case(&file)) {
                let relative = self.relative.join("i18n").join(found);
                return Some(crate::load::read::read_source(&self.root, &relative));
            }
            let built_in = embedded.into_iter().flat_map(Dir::files).find(|f| {
                f.path()
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().eq_ignore_ascii_case(&file))
            });
            if let Some(f) = built_in {
                let path = Path::new("<embedded default theme>").join(f.path());
                return Some(Ok(SourceFile::new(
                    path,
                    f.contents_utf8().unwrap_or_default(),
                )));
            }
        }
        None
    }

    /// A template environment with strict undefined values and HTML auto-escaping.
    pub(crate) fn environment(&self) -> Environment<'static> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(cfg!(debug_assertions));
        env.set_keep_trailing_newline(false);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(format_value);
        crate::render::filters::register(&mut env);
        env.set_auto_escape_callback(auto_escape);
        // The loader's copy of the theme does not share `shared`, which would hold the environment in itself.
        let theme = Self {
            shared: Arc::default(),
            ..self.clone()
        };
        env.set_loader(move |name| load(&theme, name));
        env
    }

    /// The theme's environment for this build: made once, and each template
    /// in it compiled once, however many times it is checked and rendered.
    pub(crate) fn templates(&self) -> &Environment<'static> {
        self.shared.get_or_init(|| self.environment())
    }

    /// The course's own template files (`.html`), with their paths relative
    /// to the project folder and their text.
    pub(crate) fn override_templates(&self) -> Vec<(PathBuf, String)> {
        walkdir::WalkDir::new(&self.folder)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                self.readable(e.path()) && e.path().extension().is_some_and(|x| x == "html")
            })
            .filter_map(|e| {
                let text = std::fs::read_to_string(e.path()).ok()?;
                let rel = e.path().strip_prefix(&self.folder).ok()?;
                Some((self.relative.join(rel), text))
            })
            .collect()
    }

    /// Whether `path` is a file the theme may read: a file (or a link to
    /// one) whose real place is inside the project folder.
    fn readable(&self, path: &Path) -> bool {
        path.is_file()
            && path
                .canonicalize()
                .is_ok_and(|real| real.starts_with(&self.root))
    }

    /// E050 for the theme folder, or any file or folder in it, whose real
    /// place (after symbolic links) is outside the project folder: such files
    /// are never read or published.
    pub(crate) fn outside_project(&self) -> Vec<Diagnostic> {
        let outside = |path: &Path| {
            path.canonicalize()
                .is_ok_and(|real| !real.starts_with(&self.root))
        };
        let diagnostic = |relative: PathBuf, path: &Path| {
            let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
            Diagnostic::error(
                Code::SymlinkOutsideProject,
                format!(
                    "this path leads outside the project folder (to {}), so it is not used",
                    real.display()
                ),
            )
            .in_file(relative)
            .with_help("copy it into the project instead of linking to it")
        };
        if self.folder.as_os_str().is_empty() || !self.folder.exists() {
            return Vec::new();
        }
        if outside(&self.folder) {
            return vec![diagnostic(self.relative.clone(), &self.folder)];
        }
        walkdir::WalkDir::new(&self.folder)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path_is_symlink() && outside(e.path()))
            .filter_map(|e| {
                let rel = e.path().strip_prefix(&self.folder).ok()?;
                Some(diagnostic(self.relative.join(rel), e.path()))
            })
            .collect()
    }

    /// Every template the theme has (`.html` and `.svg`): the embedded ones and the course's own.
    pub(crate) fn template_names(&self) -> Vec<String> {
        let mut names = Vec::new();
        embedded_templates(&EMBEDDED, &mut names);
        if self.folder.is_dir() {
            for entry in walkdir::WalkDir::new(&self.folder)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| self.readable(e.path()))
            {
                if let Ok(rel) = entry.path().strip_prefix(&self.folder)
                    && is_template(rel)
                {
                    names.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        names
    }

    /// E060 for `{{ ui.<key> }}` in the template `name`, whose text is `source`.
    pub(crate) fn unknown_ui_key(&self, name: &str, source: &str, key: &str) -> Diagnostic {
        let help = match crate::diagnostic::suggest::did_you_mean(key, crate::ui::Ui::keys()) {
            Some(known) => format!("did you mean `ui.{known}`?"),
            None => "use a key from the README's table of interface strings".to_owned(),
        };
        let d = Diagnostic::error(
            Code::Template,
            format!("template error: `ui.{key}` is not an interface string"),
        )
        .with_help(help);
        let path = self.template_path(name);
        let text = format!("ui.{key}");
        match source.find(&text) {
            Some(at) => d.at_offset(&SourceFile::new(&path, source), at, text.len()),
            None => d.in_file(&path),
        }
    }

    /// Where a template shown in an error lives, as a person would look for it.
    pub(crate) fn template_path(&self, name: &str) -> PathBuf {
        match safe_relative(name) {
            Some(rel) if self.readable(&self.folder.join(&rel)) => self.relative.join(rel),
            _ => Path::new("<embedded default theme>").join(name.trim_start_matches("default/")),
        }
    }

    /// Every asset: the embedded `assets/` with the course's own files over them.
    pub(crate) fn assets(&self) -> Result<Vec<Asset>, Diagnostic> {
        let mut assets: Vec<Asset> = Vec::new();
        if let Some(dir) = EMBEDDED.get_dir("assets") {
            embedded_files(dir, &mut assets);
        }
        let own = self.folder.join("assets");
        if own.is_dir() {
            for entry in walkdir::WalkDir::new(&own).follow_links(false) {
                let entry = entry.map_err(|e| {
                    Diagnostic::error(
                        Code::ThemeFile,
                        format!("cannot read the theme's assets: {e}"),
                    )
                    .in_file(self.relative.join("assets"))
                })?;
                // A link out of the project is E050 (`outside_project`), never read.
                if !self.readable(entry.path()) {
                    continue;
                }
                let rel = entry.path().strip_prefix(&own).unwrap_or(entry.path());
                let path = rel.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path()).map_err(|e| {
                    Diagnostic::error(Code::ThemeFile, format!("cannot read this theme file: {e}"))
                        .in_file(self.relative.join("assets").join(rel))
                })?;
                assets.retain(|a| a.path != path);
                assets.push(Asset { path, bytes });
            }
        }
        Ok(assets)
    }

    /// A located diagnostic for a template error, with its whole cause chain.
    pub(crate) fn error_diagnostic(&self, error: &Error) -> Diagnostic {
        let mut message = format!(
            "template error: {}",
            error.detail().unwrap_or(&error.kind().to_string())
        );
        let mut cause = std::error::Error::source(error);
        while let Some(e) = cause {
            message.push_str(&format!(": {e}"));
            cause = e.source();
        }
        let d = Diagnostic::error(Code::Template, message)
            .with_help("fix the template, or delete your override to use the default theme's");
        let Some(name) = error.name() else {
            return d;
        };
        let path = self.template_path(name);
        let text = load(self, name).ok().flatten().unwrap_or_default();
        let source = SourceFile::new(&path, text);
        match (error.range(), error.line()) {
            (Some(range), _) => d.at_offset(&source, range.start, range.len()),
            (None, Some(line)) => d.at(&source, line, 1, 1),
            (None, None) => d.in_file(&path),
        }
    }
}

/// How a template's values are escaped, by its name: HTML and SVG (XML)
/// templates escape markup; others (`.js`, `.json`) as minijinja does.
fn auto_escape(name: &str) -> AutoEscape {
    match name.rsplit('.').next() {
        Some("html" | "htm" | "xml" | "svg") => AutoEscape::Html,
        _ => minijinja::default_auto_escape_callback(name),
    }
}

/// Writes a value into a template: strings are HTML-escaped (in `.html`
/// templates) without escaping `/`, so relative links stay readable.
fn format_value(out: &mut Output, state: &State<'_, '_>, value: &Value) -> Result<(), Error> {
    if state.auto_escape() == AutoEscape::Html
        && value.kind() == ValueKind::String
        && !value.is_safe()
    {
        let mut escaped = String::new();
        let _ = escape_html(&mut escaped, value.as_str().unwrap_or_default());
        return out.write_str(&escaped).map_err(Error::from);
    }
    escape_formatter(out, state, value)
}

/// The minijinja loader: course override first, then the embedded theme.
/// A course file whose real place is outside the project is never read
/// (E050 names it).
fn load(theme: &Theme, name: &str) -> Result<Option<String>, Error> {
    if let Some(original) = name.strip_prefix("default/") {
        return Ok(embedded(original));
    }
    if theme.folder.as_os_str().is_empty() {
        return Ok(embedded(name));
    }
    let Some(rel) = safe_relative(name) else {
        return Ok(None);
    };
    let path = theme.folder.join(&rel);
    if theme.readable(&path) {
        return std::fs::read_to_string(&path).map(Some).map_err(|e| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("cannot read {}: {e}", path.display()),
            )
        });
    }
    Ok(embedded(name))
}

/// Every file of the embedded default theme, paths relative to the theme folder.
pub(crate) fn embedded_theme() -> Vec<(&'static Path, &'static [u8])> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<(&'static Path, &'static [u8])>) {
        for entry in dir.entries() {
            match entry {
                include_dir::DirEntry::Dir(d) => walk(d, out),
                include_dir::DirEntry::File(f) => out.push((f.path(), f.contents())),
            }
        }
    }
    let mut out = Vec::new();
    walk(&EMBEDDED, &mut out);
    out.sort();
    out
}

/// Every file under an embedded folder, paths relative to `assets/`.
fn embedded_files(dir: &Dir<'static>, out: &mut Vec<Asset>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => embedded_files(d, out),
            include_dir::DirEntry::File(f) => {
                let path = f.path().strip_prefix("assets").unwrap_or(f.path());
                out.push(Asset {
                    path: path.to_string_lossy().replace('\\', "/"),
                    bytes: f.contents().to_vec(),
                });
            }
        }
    }
}

/// Whether a theme file is a template (`.html`, `.svg`) rather than an asset.
fn is_template(path: &Path) -> bool {
    !path.starts_with("assets")
        && path
            .extension()
            .is_some_and(|x| x == "html" || x == "svg" || x == "css")
}

/// Every embedded template's name, relative to the theme folder.
fn embedded_templates(dir: &Dir<'static>, out: &mut Vec<String>) {
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) if d.path() != Path::new("assets") => {
                embedded_templates(d, out)
            }
            include_dir::DirEntry::Dir(_) => {}
            include_dir::DirEntry::File(f) if is_template(f.path()) => {
                out.push(f.path().to_string_lossy().replace('\\', "/"));
            }
            include_dir::DirEntry::File(_) => {}
        }
    }
}

fn embedded(name: &str) -> Option<String> {
    let rel = safe_relative(name)?;
    EMBEDDED
        .get_file(&rel)
        .and_then(|f| f.contents_utf8())
        .map(str::to_owned)
}

/// A template name as a relative path, or None if it would leave the theme.
fn safe_relative(name: &str) -> Option<PathBuf> {
    if name.contains('\\') {
        return None;
    }
    let path = Path::new(name);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_wins_and_default_stays_reachable() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("themes/default");
        std::fs::create_dir_all(&own).unwrap();
        std::fs::write(
            own.join("support.html"),
            "{% extends \"default/support.html\" %}",
        )
        .unwrap();
        let theme = Theme::new(dir.path(), "default");
        let env = theme.environment();
        let src = env.get_template("support.html").unwrap();
        assert!(src.source().contains("default/support.html"));
        assert!(
            env.get_template("default/support.html")
                .unwrap()
                .source()
                .contains("{% extends")
        );
        assert_eq!(
            theme.template_path("support.html"),
            Path::new("themes/default/support.html")
        );
    }

    #[test]
    fn values_are_escaped_but_slashes_stay() {
        let dir = tempfile::tempdir().unwrap();
        let mut env = Theme::new(dir.path(), "default").environment();
        env.add_template("t.html", "<a href=\"{{ u }}\">{{ t }}</a>")
            .unwrap();
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { u => "../a/b.html", t => "<script>x</script>\"" })
            .unwrap();
        assert_eq!(
            html,
            "<a href=\"../a/b.html\">&lt;script&gt;x&lt;/script&gt;&quot;</a>"
        );
    }

    #[test]
    fn traversal_names_are_not_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::new(dir.path(), "default");
        let env = theme.environment();
        assert!(env.get_template("../Cargo.toml").is_err());
        assert!(env.get_template("/etc/passwd").is_err());
    }

    #[test]
    fn a_template_reading_an_unknown_interface_string_is_an_error_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("themes/default/partials");
        std::fs::create_dir_all(&own).unwrap();
        std::fs::write(own.join("extra.html"), "<p>\n{{ ui.nxt }}</p>\n").unwrap();
        let theme = Theme::new(dir.path(), "default");
        assert!(
            theme
                .template_names()
                .contains(&"partials/extra.html".to_owned())
        );
        assert!(
            theme
                .template_names()
                .contains(&"partials/quiz.html".to_owned())
        );
        let found = crate::render::check_templates(&theme);
        assert_eq!(
            found.len(),
            1,
            "the built-in templates use only known keys: {found:?}"
        );
        assert_eq!(
            found[0].message,
            "template error: `ui.nxt` is not an interface string"
        );
        assert_eq!(found[0].line, 2);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `ui.next`?"));
    }

    #[test]
    fn embedded_assets_are_present() {
        let dir = tempfile::tempdir().unwrap();
        let assets = Theme::new(dir.path(), "default").assets().unwrap();
        assert!(assets.iter().any(|a| a.path == "style.css"));
    }
}
