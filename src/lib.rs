//! peerprep turns a folder of Markdown modules and YAML files into a static
//! training course for student peer mentors.
//!
//! The pipeline, one module per stage:
//! 1. **load** ([`project`]): read `course/course.yaml` ([`config`]) and the
//!    modules ([`module`]) into memory, with every problem as a [`diagnostic`].
//! 2. **validate** ([`validate`]): cross-file checks (links, anchors, images,
//!    slugs) that need the whole course.
//! 3. **render** ([`render`]): Markdown to HTML ([`markdown`]) and the theme's
//!    templates ([`theme`]) to pages, in parallel.
//! 4. **write** ([`writer`]): a staging folder swapped in only when complete.

pub mod cache;
pub mod certificates;
pub mod cli;
pub mod cmd;
pub mod codes;
pub mod compile;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod edition;
pub mod fs;
pub mod linkcheck;
pub mod markdown;
pub mod module;
pub mod pdf;
pub mod plain_text;
pub mod project;
pub mod quiz;
pub mod reflection;
pub mod render;
pub mod report;
pub mod review;
pub mod scenario;
pub mod search;
pub mod serve;
pub mod sessions;
pub mod slug;
pub mod source;
pub mod suggest;
pub mod theme;
pub mod ui;
pub mod validate;
pub mod variables;
pub mod writer;
pub mod yaml;
