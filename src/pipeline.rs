//! The stages in order, as `build`, `check` and `serve` run them:
//! load (`load/`) → compile (`compile/`) → check (`check/`), leaving a
//! [`Validated`] course ready to render (`render/`) and write (`write/`).

use std::path::Path;

use crate::cache::Store;
use crate::check::{self, Checked};
use crate::compile::{self, Compiled, CompiledModule};
use crate::diagnostic::Diagnostics;
use crate::load::module::Module;
use crate::load::{self, NotACourse, Project};
use crate::render;
use crate::render::theme::Theme;
use crate::timing::timing;

/// Everything `serve` keeps between rebuilds.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// Modules loaded from their files (front matter parsed), with the
    /// problems found, by the file's path, size and times (a file that has
    /// not changed is not read again).
    pub(crate) modules: Store<(Option<Module>, Diagnostics)>,
    /// Compiled module bodies, for pages and for printed documents.
    pub(crate) bodies: Store<CompiledModule>,
    /// Pages as rendered, by a hash of everything they were made from.
    pub(crate) pages: Store<Vec<u8>>,
}

impl Cache {
    /// The stores rendering uses.
    pub(crate) fn render(&self) -> render::Caches<'_> {
        render::Caches {
            bodies: &self.bodies,
            pages: &self.pages,
        }
    }

    /// Ends a build: drops what it did not use.
    pub(crate) fn finish_build(&self) {
        self.modules.finish_build();
        self.bodies.finish_build();
        self.pages.finish_build();
    }
}

/// A course that loaded and passed validation, ready to render.
pub(crate) struct Validated {
    /// The project.
    pub(crate) project: Project,
    /// Its rendered module bodies.
    pub(crate) compiled: Compiled,
    /// What validation found.
    pub(crate) checked: Checked,
    /// Its theme.
    pub(crate) theme: Theme,
}

impl Validated {
    /// What rendering `edition` needs.
    pub(crate) fn site(&self, edition: crate::edition::Edition) -> render::Site<'_> {
        render::Site {
            project: &self.project,
            compiled: &self.compiled,
            checked: &self.checked,
            theme: &self.theme,
            edition,
            scorm: None,
            languages: &[],
            documents_on_request: false,
        }
    }
}

/// Load → compile → check: the stages `build`, `check` and `serve` share,
/// for the course with `profile`'s settings (None: as written). They do not
/// depend on the edition: one run serves both.
pub(crate) fn load_and_validate(
    root: &Path,
    profile: Option<&str>,
    out: &mut Diagnostics,
) -> Result<Option<Validated>, NotACourse> {
    load_and_validate_cached(root, profile, out, None)
}

/// [`load_and_validate`], reusing module bodies compiled by an earlier build
/// (`serve` keeps a [`Cache`] between rebuilds).
pub(crate) fn load_and_validate_cached(
    root: &Path,
    profile: Option<&str>,
    out: &mut Diagnostics,
    cache: Option<&Cache>,
) -> Result<Option<Validated>, NotACourse> {
    let started = std::time::Instant::now();
    let Some(mut project) = load::load_cached(root, profile, out, cache.map(|c| &c.modules))?
    else {
        return Ok(None);
    };
    // The theme's language pack goes under `ui:` once the language is final, before anything
    // (quizzes, pages) uses the interface strings.
    let theme = Theme::new(root, &project.config.theme);
    crate::ui::pack::apply(&theme, &mut project.config, out);
    timing("load", started);
    let mut compiled = compile::compile_cached(&project, cache.map(|c| &c.bodies));
    out.extend(std::mem::take(&mut compiled.diagnostics));
    timing("compile", started);
    let checked = check::validate(&project, &compiled, out);
    out.extend(render::check_templates(&theme));
    timing("validate", started);
    Ok(Some(Validated {
        project,
        compiled,
        checked,
        theme,
    }))
}
