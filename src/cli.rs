//! The command line, as clap derive structs; their doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::edition::Edition;
pub use crate::package::Format as PackageFormat;

/// Turns a folder of Markdown modules into a training course site for student peer mentors.
#[derive(Debug, Parser)]
#[command(
    name = "peerprep",
    version,
    about,
    after_help = "Examples:\n  peerprep build                      build the course in this folder into public/\n  peerprep build my-course --edition facilitator\n                                      build the facilitator pack into my-course/facilitator/\n  peerprep check --format json        list every problem as JSON, writing nothing\n\nExit codes: 0 success, 1 problems in the course files, 2 usage or I/O problems."
)]
pub struct Cli {
    /// Print nothing but errors and warnings.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the course site (default output: PROJECT_DIR/public/).
    #[command(
        after_help = "Examples:\n  peerprep build\n  peerprep build path/to/course --out /srv/www/mentors\n  peerprep build --edition facilitator   # writes facilitator/\n  peerprep build --profile university    # writes public-university/\n  peerprep build --all-profiles          # public/ and one folder per profile"
    )]
    Build(BuildArgs),
    /// Write a cohort impact report from the progress files mentors export
    /// (default output: PROJECT/report/).
    #[command(
        after_help = "Examples:\n  peerprep report exports/*.json\n  peerprep report a.json b.json --project path/to/course --anonymous --out impact"
    )]
    Report(ReportArgs),
    /// Write one printable certificate per name in a CSV file
    /// (default output: PROJECT/certificates/).
    #[command(
        after_help = "The CSV file needs a header row with a `name` column; other columns are ignored.\n\nExamples:\n  peerprep certificates names.csv\n  peerprep certificates names.csv --kind completion --date 2027-03-01 --out printed"
    )]
    Certificates(CertificatesArgs),
    /// Build an edition and print its documents to PDF with headless Chromium
    /// (workbook.pdf; facilitator-guide.pdf and sessions.pdf for the facilitator edition).
    #[command(
        after_help = "Finds `chromium` or `google-chrome` on the PATH, or the browser named by PEERPREP_CHROME.\n\nExamples:\n  peerprep pdf\n  peerprep pdf path/to/course --edition facilitator"
    )]
    Pdf(BuildArgs),
    /// Create a starter course (two modules, a quiz, a scenario) in a new or empty folder.
    #[command(
        after_help = "Examples:\n  peerprep init my-course\n  peerprep init            # into this folder, if it is empty\n  peerprep init my-course --profile university"
    )]
    Init(InitArgs),
    /// Preview the course: serve it on this computer and rebuild on every save.
    #[command(
        after_help = "Serves from memory (public/ is not touched) on 127.0.0.1 only, unless --bind says otherwise.\nPages reload themselves after each rebuild.\n\nExamples:\n  peerprep serve\n  peerprep serve path/to/course --port 8080 --open\n  peerprep serve --edition facilitator"
    )]
    Serve(ServeArgs),
    /// Check the course for problems without writing anything.
    #[command(
        after_help = "Examples:\n  peerprep check\n  peerprep check path/to/course --format json --deny-warnings"
    )]
    Check(CheckArgs),
    /// Package the course for a school's LMS or file share: the site as a SCORM package or one
    /// zip, or every quiz question for Moodle's question bank (default output:
    /// PROJECT_DIR/package/).
    #[command(
        after_help = "Each run writes one format's file and keeps the other formats' files already in the folder:\n  <course id>-scorm12.zip          SCORM 1.2: any LMS, and the version Moodle plays\n  <course id>-scorm2004.zip        SCORM 2004 4th edition: Canvas, Blackboard, others\n  <course id>-site.zip             the built site; open index.html from the unzipped folder\n  <course id>-questions.xml        Moodle XML: Question bank → Import → Moodle XML format\n  <course id>-questions.gift.txt   GIFT: Question bank → Import → GIFT format\n\nExamples:\n  peerprep package --format scorm12\n  peerprep package --format zip\n  peerprep package path/to/course --format moodle-xml --edition facilitator"
    )]
    Package(PackageArgs),
    /// Write the default theme into PROJECT_DIR/themes/default/ to start your own (never overwrites).
    #[command(
        after_help = "Keep only the files you change: for every file you delete, peerprep uses its own.\nLogo, colours and a cover image need no theme: set `brand:` in course/course.yaml.\n\nExamples:\n  peerprep theme\n  peerprep theme path/to/course"
    )]
    Theme(ThemeArgs),
}

/// `peerprep theme`.
#[derive(Debug, clap::Args)]
pub struct ThemeArgs {
    /// The course folder.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// `peerprep build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The course folder (holding course/course.yaml).
    #[arg(default_value = ".")]
    pub project_dir: PathBuf,
    /// Where to write the site, relative to the current folder
    /// [default: PROJECT_DIR/public, or PROJECT_DIR/facilitator for the facilitator edition;
    /// with --profile ID, public-ID or facilitator-ID].
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Which edition to build.
    #[arg(long, value_enum, default_value_t = Edition::Mentor)]
    pub edition: Edition,
    /// Build the course with this profile's settings (declared under `profiles:` in course.yaml);
    /// the default output folder gains its id, e.g. public-university/.
    #[arg(long, value_name = "ID", value_parser = profile_id)]
    pub profile: Option<String>,
    /// Build the course as written and then every profile, each into its own default folder
    /// (public/, public-university/, …).
    #[arg(long, conflicts_with_all = ["profile", "out"])]
    pub all_profiles: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `peerprep package`.
#[derive(Debug, clap::Args)]
pub struct PackageArgs {
    /// The course folder (holding course/course.yaml).
    #[arg(default_value = ".")]
    pub project_dir: PathBuf,
    /// What to make: a SCORM package (the site, reporting completion, score and pass or fail to
    /// the LMS, and resuming where the learner left off), the site as one zip, or the quiz
    /// questions.
    #[arg(long, short, value_enum)]
    pub format: PackageFormat,
    /// Which edition: the facilitator edition adds facilitator-only modules and the quizzes in
    /// facilitator notes.
    #[arg(long, value_enum, default_value_t = Edition::Mentor)]
    pub edition: Edition,
    /// Where to write the package, relative to the current folder [default: PROJECT_DIR/package,
    /// or PROJECT_DIR/package-ID with --profile ID].
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Package the course with this profile's settings (declared under `profiles:` in course.yaml);
    /// the default output folder gains its id, e.g. package-university/.
    #[arg(long, value_name = "ID", value_parser = profile_id)]
    pub profile: Option<String>,

    /// Treat warnings as errors (and write nothing when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `peerprep init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to create (it may exist if it is empty).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Start from a version of the starter for another setting: `university` (adult mentees,
    /// consent, university services and Nightline).
    #[arg(long, value_name = "PROFILE", value_parser = ["university"])]
    pub profile: Option<String>,
}

/// `peerprep serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The course folder (holding course/course.yaml).
    #[arg(default_value = ".")]
    pub project_dir: PathBuf,
    /// The port to listen on (0 picks a free one).
    #[arg(long, short, default_value_t = 3000)]
    pub port: u16,
    /// The address to listen on; 0.0.0.0 shares the preview with the whole network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Which edition to serve.
    #[arg(long, value_enum, default_value_t = Edition::Mentor)]
    pub edition: Edition,
    /// Serve the course with this profile's settings (declared under `profiles:` in course.yaml).
    #[arg(long, value_name = "ID", value_parser = profile_id)]
    pub profile: Option<String>,
}

/// `peerprep report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Progress files exported from the course's Progress page.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The course folder the exports belong to.
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    /// Where to write the report, relative to the current folder [default: PROJECT/report].
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Leave learners' names out of the report.
    #[arg(long)]
    pub anonymous: bool,
}

/// `peerprep certificates`.
#[derive(Debug, clap::Args)]
pub struct CertificatesArgs {
    /// A CSV file with a header row and a `name` column.
    pub names: PathBuf,
    /// What the certificate is for.
    #[arg(long, value_enum, default_value_t = CertificateKind::Attendance)]
    pub kind: CertificateKind,
    /// The date printed on each certificate, YYYY-MM-DD [default: today].
    #[arg(long)]
    pub date: Option<String>,
    /// The course folder.
    #[arg(long, default_value = ".")]
    pub project: PathBuf,
    /// Where to write the certificates, relative to the current folder [default: PROJECT/certificates].
    #[arg(long, short)]
    pub out: Option<PathBuf>,
}

/// What a certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CertificateKind {
    /// Taking part in the training (names the scheme).
    Attendance,
    /// Completing the course (names the course).
    Completion,
}

/// `peerprep check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The course folder (holding course/course.yaml).
    #[arg(default_value = ".")]
    pub project_dir: PathBuf,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Check only this profile [default: the course as written and every profile, each problem
    /// that arises only in a profile naming it].
    #[arg(long, value_name = "ID", value_parser = profile_id)]
    pub profile: Option<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages.
    Human,
    /// A JSON array of {severity, code, path, line, column, message, help}.
    Json,
}

/// A `--profile` value: a profile id, which becomes part of a folder name.
fn profile_id(value: &str) -> Result<String, String> {
    if crate::slug::is_valid_id(value) {
        Ok(value.to_owned())
    } else {
        Err("a profile id has lowercase letters, digits and dashes, e.g. `university`".to_owned())
    }
}
