//! The progress and certificate pages. What a learner has done lives only in
//! their browser, so these pages carry what the course holds (modules,
//! questions, scenarios and their endings, competencies, self-assessment
//! statements) as a JSON data block, and `assets/progress.js` combines it with
//! the learner's own data. Without JavaScript they say what they would show.

use minijinja::{Value, context};
use serde::Serialize;

use crate::compile::Compiled;
use crate::edition::Edition;
use crate::load::Project;
use crate::load::config::SelfAssessment;
use crate::render::{Pages, RenderError};
use crate::ui::key;

#[derive(Serialize)]
struct ModuleData<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct QuestionData<'a> {
    id: &'a str,
    module: &'a str,
    competency: Option<&'a str>,
}

#[derive(Serialize)]
struct EndingData<'a> {
    id: &'a str,
    ending: &'static str,
}

#[derive(Serialize)]
struct ScenarioData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    endings: Vec<EndingData<'a>>,
}

#[derive(Serialize)]
struct ReflectionData<'a> {
    id: &'a str,
    prompt: &'a str,
    module: &'a str,
}

#[derive(Serialize)]
struct CompetencyData<'a> {
    id: &'a str,
    title: &'a str,
}

/// Everything the progress script needs to know about the course.
#[derive(Serialize)]
struct CourseData<'a> {
    id: &'a str,
    title: &'a str,
    modules: Vec<ModuleData<'a>>,
    questions: Vec<QuestionData<'a>>,
    scenarios: Vec<ScenarioData<'a>>,
    reflections: Vec<ReflectionData<'a>>,
    competencies: Vec<CompetencyData<'a>>,
    self_assessment: &'a [SelfAssessment],
}

fn course_data<'a>(
    project: &'a Project,
    compiled: &'a Compiled,
    edition: Edition,
) -> CourseData<'a> {
    let shown = || {
        project
            .modules
            .iter()
            .zip(compiled.modules())
            .filter(move |(m, _)| m.edition.appears_in(edition))
    };
    CourseData {
        id: &project.config.id,
        title: &project.config.title,
        modules: shown()
            .map(|(m, _)| ModuleData {
                slug: &m.slug,
                title: &m.title,
                url: format!("modules/{}", crate::compile::module_file(&m.slug)),
            })
            .collect(),
        questions: shown()
            .flat_map(|(m, q)| {
                q.quizzes
                    .iter()
                    .flat_map(|quiz| &quiz.questions)
                    .map(|question| QuestionData {
                        id: &question.id.value,
                        module: &m.slug,
                        competency: question.competency.as_deref(),
                    })
            })
            .collect(),
        scenarios: project
            .scenarios
            .iter()
            .map(|s| ScenarioData {
                id: &s.id,
                title: &s.title,
                url: format!("scenarios/{}/index.html", s.id),
                endings: s
                    .nodes
                    .iter()
                    .filter_map(|n| {
                        n.ending.map(|e| EndingData {
                            id: &n.id,
                            ending: e.name(),
                        })
                    })
                    .collect(),
            })
            .collect(),
        reflections: shown()
            .flat_map(|(m, q)| {
                q.reflections.iter().map(|r| ReflectionData {
                    id: &r.id,
                    prompt: &r.prompt,
                    module: &m.slug,
                })
            })
            .collect(),
        competencies: project
            .config
            .competencies
            .iter()
            .map(|c| CompetencyData {
                id: &c.id,
                title: &c.title,
            })
            .collect(),
        self_assessment: &project.config.self_assessment,
    }
}

/// The SCORM runtime, under `assets/` (a theme asset written only into
/// SCORM packages).
pub(crate) const SCORM_RUNTIME: &str = "scorm.js";

/// Writes `progress.html` and `certificate.html`, and in a SCORM package
/// `assets/scorm-course.js`: the same course data for the SCORM runtime, as
/// `window.peerprepCourse`, with the pass mark (`scorm.pass_mark`) and the
/// SCORM version beside it.
pub(crate) fn render(pages: &Pages<'_>) -> Result<(), RenderError> {
    let crate::render::Site {
        project,
        compiled,
        edition,
        ..
    } = pages.site;
    let data = course_data(project, compiled, edition);
    let json = crate::render::script_json(&data);
    if let Some(version) = pages.site.scorm {
        let script = format!(
            "window.peerprepCourse = {json};\nwindow.peerprepCourse.pass_mark = {};\nwindow.peerprepCourse.scorm = \"{version}\";\n",
            project.config.scorm.pass_mark
        );
        pages
            .sink
            .write("assets/scorm-course.js", script.as_bytes())?;
    }
    let ui = &project.config.ui;
    let statements = Value::from_serialize(&project.config.self_assessment);
    pages.page(
        "progress.html",
        "progress.html",
        "",
        context! {
            page => context! { kind => "progress", title => ui.get(key!("progress")) },
            course_data => Value::from_safe_string(json.clone()),
            statements => statements,
        },
    )?;
    pages.page(
        "certificate.html",
        "certificate.html",
        "",
        context! {
            page => context! { kind => "certificate", title => ui.get(key!("certificate")) },
            course_data => Value::from_safe_string(json),
        },
    )
}
