//! Markdown to HTML for course content.
//!
//! Input: a Markdown fragment (a module body; later, scenario text and
//! feedback), the course variables, the edition and a way to resolve links to
//! other modules. Output: a [`Rendered`] fragment: sanitised HTML plus the
//! headings, links and unknown variables found, which the validate stage
//! checks against the whole course. Rendering itself never fails.
//!
//! Steps: 1. expand `{{ variables }}` outside code ([`crate::compile::variables`]);
//! 2. parse with tables, footnotes, strikethrough, task lists and heading
//! attributes; 3. give headings GitHub-style ids; 4. rewrite links written to
//! source files into links between pages; 5. render ```` ```facilitator ````
//! blocks for the facilitator edition only; 6. sanitise with ammonia.

pub(crate) mod depth;
pub(crate) mod links;
mod sanitize;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::compile::variables::{self, Unknown};
use crate::edition::Edition;
use crate::slug;
use crate::ui::Ui;
pub(crate) use links::Target;

/// The Markdown extensions peerprep turns on.
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A heading on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Its id (GitHub style unless given with `{#id}`).
    pub(crate) id: String,
    /// Its plain text.
    pub(crate) text: String,
    /// 1 to 6.
    pub(crate) level: u8,
    /// Whether it appears only in facilitator content.
    pub(crate) facilitator_only: bool,
}

/// A link or image found in the content.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// The destination as written.
    pub(crate) dest: String,
    /// What it points at.
    pub(crate) target: Target,
    /// Whether it is an image.
    pub(crate) is_image: bool,
    /// Whether it is an image written with no alt text (`![](…)`).
    pub(crate) no_alt: bool,
    /// Byte range of the destination in the source file.
    pub(crate) range: Range<usize>,
    /// Whether it sits in facilitator-only content.
    pub(crate) facilitator_only: bool,
}

/// A rendered fragment and what was found in it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    /// Sanitised HTML for the edition asked for.
    pub(crate) html: String,
    /// Every heading, including those in facilitator content.
    pub(crate) headings: Vec<Heading>,
    /// Every link and image, including those in facilitator content.
    pub(crate) links: Vec<Link>,
    /// `{{ name }}` with no such variable (ranges in the source file).
    pub(crate) unknown_variables: Vec<Unknown>,
    /// Heading ids given twice with `{#id}` (id, range in the source file).
    pub(crate) duplicate_ids: Vec<(String, Range<usize>)>,
    /// ```` ```scenario ```` blocks: the id named (or why the block is malformed), and where.
    pub(crate) scenario_refs: Vec<(Result<String, String>, Range<usize>)>,
    /// ```` ```quiz ```` and ```` ```reflection ```` blocks, in order; each left a [`block_slot`] in the HTML.
    pub(crate) blocks: Vec<DataBlock>,
    /// Its share of the search index (filled by [`crate::compile`] for
    /// pages, without quizzes and reflections).
    pub(crate) search: crate::compile::search::Entry,
}

/// What a [`DataBlock`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DataKind {
    /// ```` ```quiz ````: parsed and rendered by [`crate::compile::quiz`].
    Quiz,
    /// ```` ```reflection ````: parsed and rendered by [`crate::compile::reflection`].
    Reflection,
}

/// A fenced block of YAML data, left for the compile stage to parse and render.
#[derive(Debug, Clone)]
pub(crate) struct DataBlock {
    /// Which kind.
    pub(crate) kind: DataKind,
    /// The YAML inside the block.
    pub(crate) yaml: String,
    /// Byte offset of the YAML in the source file.
    pub(crate) offset: usize,
    /// Whether it sits in facilitator-only content.
    pub(crate) facilitator_only: bool,
}

/// The placeholder a data block leaves in the HTML, replaced after sanitising.
pub(crate) fn block_slot(n: usize) -> String {
    format!("<div class=\"block-slot\" id=\"block-slot-{n}\"></div>")
}

/// The fenced blocks that are not code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Facilitator,
    Scenario,
    Quiz,
    Reflection,
}

impl Block {
    fn of(info: &str) -> Option<Self> {
        match info.split_whitespace().next() {
            Some("facilitator") => Some(Block::Facilitator),
            Some("scenario") => Some(Block::Scenario),
            Some("quiz") => Some(Block::Quiz),
            Some("reflection") => Some(Block::Reflection),
            _ => None,
        }
    }
}

/// The YAML inside a ```` ```scenario ```` block.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioBlock {
    id: String,
}

/// Builds the link to a module (by source path) and an optional anchor in it.
pub(crate) type ModuleHref<'a> = dyn Fn(&str, Option<&str>) -> Option<String> + Sync + 'a;

/// Finds a scenario's title and summary by id.
pub(crate) type ScenarioLookup<'a> = dyn Fn(&str) -> Option<(String, Option<String>)> + Sync + 'a;

/// What the renderer needs to know about the page it renders for.
pub(crate) struct Context<'a> {
    /// The module's path relative to `course/` (links are relative to it).
    pub(crate) path: &'a str,
    /// Where the Markdown starts in the source file (for locating problems).
    pub(crate) base_offset: usize,
    /// Course variables.
    pub(crate) variables: &'a HashMap<String, String>,
    /// The edition being built.
    pub(crate) edition: Edition,
    /// Whether the whole fragment is facilitator-only content.
    pub(crate) facilitator_only: bool,
    /// The link to a module (path relative to `course/`) and an optional
    /// anchor in it, from this page; `None` when there is no such module.
    pub(crate) module_href: &'a ModuleHref<'a>,
    /// Put before every id this fragment defines (headings, footnotes) and
    /// every `#anchor` link in it: empty on a page of its own, `<slug>--` when
    /// several modules share one printable document (where headings also
    /// go one level down, under the module's title).
    pub(crate) anchor_prefix: &'a str,
    /// The page that same-page links (`#heading`) lead to when the text is
    /// shown away from its own page (answer keys); None keeps them on this page.
    pub(crate) same_page: Option<&'a str>,
    /// Title and summary of a scenario by id, for ```` ```scenario ```` blocks.
    pub(crate) scenario: &'a ScenarioLookup<'a>,
    /// Prefix from the page to the site root, e.g. `../`.
    pub(crate) path_to_root: &'a str,
    /// Interface strings (the facilitator-note label, task-list words).
    pub(crate) ui: &'a Ui,
}

/// Renders a Markdown fragment.
pub(crate) fn render(text: &str, ctx: &Context<'_>) -> Rendered {
    let mut renderer = Renderer {
        ctx,
        out: Rendered::default(),
        ids: HashMap::new(),
        footnotes: HashMap::new(),
        footnote_refs: HashMap::new(),
    };
    let html = renderer.render_doc(text, ctx.base_offset, ctx.facilitator_only);
    let mut rendered = renderer.out;
    rendered.html = sanitize::clean(&html);
    rendered
}

/// A heading being collected: level, explicit id, source range, inner events.
type OpenHeading<'e> = (
    HeadingLevel,
    Option<CowStr<'e>>,
    Range<usize>,
    Vec<Event<'e>>,
);

struct Renderer<'c, 'a> {
    ctx: &'c Context<'a>,
    out: Rendered,
    ids: HashMap<String, usize>,
    footnotes: HashMap<String, usize>,
    /// How many times each footnote has been cited so far.
    footnote_refs: HashMap<String, usize>,
}

impl Renderer<'_, '_> {
    fn render_doc(&mut self, text: &str, base: usize, facilitator: bool) -> String {
        let expanded = variables::expand(text, self.ctx.variables);
        for unknown in &expanded.unknown {
            self.out.unknown_variables.push(Unknown {
                name: unknown.name.clone(),
                range: base + unknown.range.start..base + unknown.range.end,
            });
        }
        let source = expanded.text.as_str();
        let locate = |range: Range<usize>| {
            base + expanded.original_offset(range.start)..base + expanded.original_offset(range.end)
        };
        let mut events: Vec<Event<'_>> = Vec::new();
        let mut heading: Option<OpenHeading<'_>> = None;
        let mut block: Option<(Range<usize>, String, Block)> = None;
        for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
            if let Some((_, text, _)) = &mut block {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let Some((start, inner, kind)) = block.take() else {
                            continue;
                        };
                        let content_start = source[start.start..]
                            .find('\n')
                            .map_or(start.start, |i| start.start + i + 1);
                        let at = base + expanded.original_offset(content_start);
                        match kind {
                            Block::Scenario => {
                                let html = self.scenario_block(&inner, locate(start));
                                events.push(Event::Html(CowStr::from(html)));
                                continue;
                            }
                            Block::Quiz | Block::Reflection => {
                                let n = self.out.blocks.len();
                                self.out.blocks.push(DataBlock {
                                    kind: if kind == Block::Quiz {
                                        DataKind::Quiz
                                    } else {
                                        DataKind::Reflection
                                    },
                                    yaml: inner,
                                    offset: at,
                                    facilitator_only: facilitator,
                                });
                                events.push(Event::Html(CowStr::from(block_slot(n))));
                                continue;
                            }
                            Block::Facilitator => {}
                        }
                        let html = self.render_doc(&inner, at, true);
                        if self.ctx.edition.shows_facilitator_content() {
                            events.push(Event::Html(CowStr::from(format!(
                                "<aside class=\"facilitator-note\"><p class=\"facilitator-label\">{}</p>\n{html}</aside>\n",
                                escaped(self.ctx.ui.get("facilitator_note"))
                            ))));
                        }
                    }
                    _ => {}
                }
                continue;
            }
            let event = match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if Block::of(&info).is_some() =>
                {
                    block = Block::of(&info).map(|kind| (range, String::new(), kind));
                    continue;
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some((level, id, range, Vec::new()));
                    continue;
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, id, range, inner)) = heading.take() {
                        self.push_heading(
                            &mut events,
                            level,
                            id,
                            locate(range),
                            inner,
                            facilitator,
                        );
                    }
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.link(&dest_url, source, range, &locate, false, facilitator);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.link(&dest_url, source, range, &locate, true, facilitator);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::FootnoteReference(label) => {
                    let (n, id) = self.footnote(&label);
                    // A note cited twice: each citation gets an id of its own.
                    let seen = self.footnote_refs.entry(id.clone()).or_insert(0);
                    *seen += 1;
                    let ref_id = match *seen {
                        1 => format!("fnref-{id}"),
                        k => format!("fnref-{id}-{k}"),
                    };
                    Event::Html(CowStr::from(format!(
                        "<sup class=\"footnote-ref\"><a href=\"#{p}fn-{id}\" id=\"{p}{ref_id}\">{n}</a></sup>",
                        p = escaped(self.ctx.anchor_prefix)
                    )))
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let (n, id) = self.footnote(&label);
                    Event::Html(CowStr::from(format!(
                        "<div class=\"footnote\" id=\"{p}fn-{id}\"><span class=\"footnote-label\">{n}.</span>",
                        p = escaped(self.ctx.anchor_prefix)
                    )))
                }
                Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
                Event::TaskListMarker(done) => {
                    let (mark, key) = if done {
                        ("☑", "task_done")
                    } else {
                        ("☐", "task_todo")
                    };
                    Event::Html(CowStr::from(format!(
                        "<span class=\"task\" aria-hidden=\"true\">{mark}</span><span class=\"visually-hidden\">{}: </span>",
                        escaped(self.ctx.ui.get(key))
                    )))
                }
                other => other,
            };
            match &mut heading {
                Some((_, _, _, inner)) => inner.push(event),
                None => events.push(event),
            }
        }
        let mut html = String::with_capacity(source.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, depth::flatten(events).into_iter());
        if html.contains(" style=\"text-align: ") {
            html = html
                .replace(" style=\"text-align: left\"", " class=\"align-left\"")
                .replace(" style=\"text-align: center\"", " class=\"align-center\"")
                .replace(" style=\"text-align: right\"", " class=\"align-right\"");
        }
        html
    }

    fn push_heading<'e>(
        &mut self,
        events: &mut Vec<Event<'e>>,
        level: HeadingLevel,
        explicit: Option<CowStr<'e>>,
        range: Range<usize>,
        inner: Vec<Event<'e>>,
        facilitator: bool,
    ) {
        let text: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let id = match explicit {
            Some(id) => {
                let id = id.to_string();
                if self.ids.contains_key(&id) {
                    self.out.duplicate_ids.push((id.clone(), range));
                }
                self.ids.entry(id.clone()).or_insert(0);
                id
            }
            None => self.unique_id(slug::heading_id(&text)),
        };
        // In a document of several modules, the module's title is the h2.
        let n = if self.ctx.anchor_prefix.is_empty() {
            level as u8
        } else {
            (level as u8 + 1).min(6)
        };
        events.push(Event::Html(CowStr::from(format!(
            "<h{n} id=\"{}{}\">",
            escaped(self.ctx.anchor_prefix),
            escaped(&id)
        ))));
        events.extend(inner);
        events.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
        self.out.headings.push(Heading {
            id,
            text,
            level: n,
            facilitator_only: facilitator,
        });
    }

    /// The card for a ```` ```scenario ```` block, recording which scenario it names.
    fn scenario_block(&mut self, yaml: &str, range: Range<usize>) -> String {
        let parsed = serde_saphyr::from_str::<ScenarioBlock>(yaml)
            .map(|b| b.id.trim().to_owned())
            .map_err(|e| {
                format!(
                    "a ```scenario block holds one line, `id: <scenario id>` ({})",
                    e.without_snippet()
                )
            });
        let card = match &parsed {
            Ok(id) => (self.ctx.scenario)(id).map(|(title, summary)| {
                let summary = summary.map(|s| format!("<p>{}</p>", escaped(&s))).unwrap_or_default();
                format!(
                    "<aside class=\"scenario-card\"><p class=\"scenario-card-label\">{}</p>\n<p class=\"scenario-card-title\"><a href=\"{}scenarios/{}/index.html\">{}</a></p>\n{summary}</aside>\n",
                    escaped(self.ctx.ui.get("scenario_label")),
                    self.ctx.path_to_root,
                    escaped(id),
                    escaped(&title)
                )
            }),
            Err(_) => None,
        };
        self.out.scenario_refs.push((parsed, range));
        card.unwrap_or_default()
    }

    fn unique_id(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let mut candidate = base.clone();
        while let Some(count) = self.ids.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.ids.insert(candidate.clone(), 0);
        candidate
    }

    fn footnote(&mut self, label: &str) -> (usize, String) {
        let next = self.footnotes.len() + 1;
        let n = *self.footnotes.entry(label.to_owned()).or_insert(next);
        let id = slug::heading_id(label);
        (n, if id.is_empty() { n.to_string() } else { id })
    }

    fn link<'e>(
        &mut self,
        dest: &CowStr<'e>,
        source: &str,
        range: Range<usize>,
        locate: &dyn Fn(Range<usize>) -> Range<usize>,
        is_image: bool,
        facilitator: bool,
    ) -> CowStr<'e> {
        let target = links::classify(dest, self.ctx.path);
        let written = &source[range.clone()];
        let no_alt = is_image
            && written
                .strip_prefix("![")
                .and_then(|rest| rest.split_once(']'))
                .is_some_and(|(alt, _)| alt.trim().is_empty());
        let dest_range = match written.rfind(dest.as_ref()).filter(|_| !dest.is_empty()) {
            Some(i) => range.start + i..range.start + i + dest.len(),
            None => range,
        };
        let rewritten = match &target {
            Target::Markdown { path, fragment } => {
                (self.ctx.module_href)(path, fragment.as_deref())
            }
            Target::SamePage(fragment) if self.ctx.same_page.is_some() => Some(format!(
                "{}#{fragment}",
                self.ctx.same_page.unwrap_or_default()
            )),
            Target::SamePage(fragment) if !self.ctx.anchor_prefix.is_empty() => {
                Some(format!("#{}{fragment}", self.ctx.anchor_prefix))
            }
            Target::File { path, suffix } => Some(format!(
                "{}assets/course/{}{suffix}",
                self.ctx.path_to_root,
                percent_encoding::utf8_percent_encode(path, PATH_SET)
            )),
            _ => None,
        };
        self.out.links.push(Link {
            dest: dest.to_string(),
            target,
            is_image,
            no_alt,
            range: locate(dest_range),
            facilitator_only: facilitator,
        });
        rewritten.map_or_else(|| dest.clone(), CowStr::from)
    }
}

/// Characters percent-encoded in rewritten file paths (keeps `/`).
const PATH_SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// `text` with HTML's special characters escaped.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests;
