//! Markdown for course content: a fragment compiled to a typed [`Body`].
//!
//! Input: a Markdown fragment (a module body, a scenario's text or feedback,
//! a quiz question's prompt), the course variables and a way to resolve
//! links to other modules. Output: a [`Rendered`] fragment: its [`Body`]
//! plus the headings, links, unknown variables and search text found, which
//! the check stage tests against the whole course. Rendering never fails.
//!
//! Steps: 1. expand `{{ variables }}` outside code ([`crate::compile::variables`]);
//! 2. parse with tables, footnotes, strikethrough, task lists and heading
//! attributes; 3. give headings GitHub-style ids; 4. rewrite links written to
//! source files into links between pages; 5. at the top level, cut the
//! Markdown at each ```` ```quiz ````, ```` ```reflection ````,
//! ```` ```scenario ```` and ```` ```facilitator ```` block, which become
//! typed blocks (a facilitator block's Markdown is compiled the same way;
//! ```` ```slide ```` blocks are kept aside for the decks, [`slides`]);
//! 6. render each run of Markdown between them to HTML and sanitise it with
//! ammonia on its own. Footnote definitions are collected separately.
//! Before all this, ```` ```only ```` blocks are resolved for the profile
//! being built ([`only`]), so the rest reads one document.
//! Nothing generated here is spliced into the author's HTML: the theme's
//! partials render the typed blocks.

mod callout;
pub(crate) mod context;
pub(crate) mod depth;
mod fence;
mod figure;
pub(crate) mod links;
mod media_words;
mod only;
pub(crate) mod options;
mod raw_html;
pub(crate) mod rendered;
mod rewrite;
mod sanitize;
pub(crate) mod slides;
pub(crate) mod terms;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

use crate::compile::body::{Block, Body, DataBlock, DataKind, Footnote};
use crate::compile::search::SectionText;
use crate::compile::variables::{self, Unknown};
use crate::slug;
use crate::ui::key;
pub(crate) use context::{Context, Mode};
use fence::Fence;
pub(crate) use links::Target;
pub(crate) use options::parser_options;
pub(crate) use rendered::{Heading, Link, Rendered};
pub(crate) use rewrite::course_file_href;

/// The YAML inside a ```` ```scenario ```` block.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioBlock {
    id: String,
}

/// Renders a Markdown fragment.
pub(crate) fn render(text: &str, ctx: &Context<'_>) -> Rendered {
    render_marked(text, ctx, None)
}

/// [`render`], marking the first use of each glossary term in `t` ([`terms`]).
pub(crate) fn render_marked(text: &str, ctx: &Context<'_>, t: Option<&terms::Terms>) -> Rendered {
    let mut renderer = Renderer {
        marker: t.map(|t| terms::Marker::new(t, ctx)),
        ctx,
        out: Rendered::default(),
        ids: HashMap::new(),
        footnotes: HashMap::new(),
        footnote_refs: HashMap::new(),
        html_rewrites: HashMap::new(),
        raw_in_run: std::cell::Cell::new(false),
    };
    renderer.section(0, String::new(), ctx.facilitator_only);
    let body = renderer.render_doc(text, ctx.base_offset, ctx.facilitator_only);
    let mut rendered = renderer.out;
    rendered.body = body;
    rendered
}

/// A heading being collected: level, explicit id, source range, inner events.
type OpenHeading<'e> = (
    HeadingLevel,
    Option<CowStr<'e>>,
    Range<usize>,
    Vec<Event<'e>>,
);

/// A footnote definition being collected: its label and events.
type OpenFootnote<'e> = (CowStr<'e>, Vec<Event<'e>>);

struct Renderer<'c, 'a> {
    ctx: &'c Context<'a>,
    /// Marks glossary terms, on a module's own page.
    marker: Option<terms::Marker<'c>>,
    out: Rendered,
    ids: HashMap<String, usize>,
    footnotes: HashMap<String, usize>,
    /// How many times each footnote has been cited so far.
    footnote_refs: HashMap<String, usize>,
    /// Relative URLs in the author's raw HTML, and what they become.
    html_rewrites: HashMap<String, String>,
    /// Whether the run of events not yet turned into HTML holds raw HTML
    /// the author wrote.
    raw_in_run: std::cell::Cell<bool>,
}

/// Containers a top-level block cannot sit inside.
fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_)
            | Tag::DefinitionList
            | Tag::DefinitionListDefinition
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Table
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListDefinition
    )
}

/// Ends of blocks whose text runs into the next block's in search text.
fn ends_block(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

impl Renderer<'_, '_> {
    /// Compiles `text` (starting at byte `base` of the file) into a body.
    fn render_doc(&mut self, text: &str, base: usize, facilitator: bool) -> Body {
        // ```only blocks first: variables inside a shown one are then expanded
        // as anywhere else. Resolving keeps every offset.
        let resolved;
        let text = if matches!(self.ctx.mode, Mode::Module | Mode::Scenario) {
            let (shown, filters) = only::resolve(text, self.ctx.profile);
            for (filter, range) in filters {
                let opening = base + range.start..base + range.end;
                self.out.only_filters.push((filter, opening));
            }
            resolved = shown;
            resolved.as_str()
        } else {
            text
        };
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
        let mut body = Body::default();
        let mut events: Vec<Event<'_>> = Vec::new();
        let mut heading: Option<OpenHeading<'_>> = None;
        let mut footnote: Option<OpenFootnote<'_>> = None;
        let mut fence: Option<(Range<usize>, String, Fence)> = None;
        let mut depth = 0usize;
        // A top-level paragraph being read (where its events start), which
        // may turn out to be a figure; a top-level callout being read.
        let mut paragraph: Option<usize> = None;
        let mut callout: Option<&'static str> = None;
        for (event, range) in Parser::new_ext(source, parser_options()).into_offset_iter() {
            if let Some((_, text, _)) = &mut fence {
                match event {
                    Event::Text(t) => text.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let Some((start, inner, kind)) = fence.take() else {
                            continue;
                        };
                        let content_start = source[start.start..]
                            .find('\n')
                            .map_or(start.start, |i| start.start + i + 1);
                        let at = base + expanded.original_offset(content_start);
                        self.flush(&mut events, &mut body);
                        if kind == Fence::Media {
                            let words = media_words::search_words(&inner);
                            self.search_text(&words, false, facilitator);
                        }
                        let block = match kind {
                            Fence::Scenario => self.scenario_block(&inner, locate(start)),
                            Fence::Quiz | Fence::Reflection | Fence::Media => {
                                Some(Block::Data(DataBlock {
                                    kind: match kind {
                                        Fence::Quiz => DataKind::Quiz,
                                        Fence::Media => DataKind::Media,
                                        _ => DataKind::Reflection,
                                    },
                                    yaml: inner,
                                    offset: at,
                                    facilitator_only: facilitator,
                                }))
                            }
                            Fence::Facilitator => Some(Block::Facilitator {
                                body: self.render_doc(&inner, at, true),
                            }),
                            // Resolved before parsing (`only`); none is left here.
                            Fence::Only => None,
                            // Kept aside for the slide decks ([`slides`]), never in the body.
                            Fence::Slide | Fence::SlideNotes => {
                                let notes = kind == Fence::SlideNotes;
                                self.out
                                    .slide_fences
                                    .push((notes, inner, at, locate(start)));
                                None
                            }
                        };
                        body.blocks.extend(block);
                    }
                    _ => {}
                }
                continue;
            }
            let event = match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if Fence::of(&info).is_some() =>
                {
                    let kind = Fence::of(&info).unwrap_or(Fence::Facilitator);
                    let allowed = match self.ctx.mode {
                        Mode::Module => true,
                        Mode::Scenario => {
                            matches!(kind, Fence::Scenario | Fence::Facilitator | Fence::Only)
                        }
                        Mode::Field | Mode::Slide => false,
                    };
                    if allowed && depth == 0 && footnote.is_none() && heading.is_none() {
                        fence = Some((range, String::new(), kind));
                        continue;
                    }
                    self.out.misplaced.push((kind.name(), locate(range)));
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Indented))
                }
                Event::Start(Tag::BlockQuote(Some(kind)))
                    if depth == 0 && footnote.is_none() && self.ctx.mode != Mode::Field =>
                {
                    self.flush(&mut events, &mut body);
                    callout = Some(callout::name(kind));
                    depth = 1;
                    continue;
                }
                Event::End(TagEnd::BlockQuote(Some(_))) if depth == 1 && callout.is_some() => {
                    depth = 0;
                    let html = to_html(std::mem::take(&mut events), self.html_sources());
                    body.blocks.extend(
                        callout
                            .take()
                            .map(|callout| Block::Callout { callout, html }),
                    );
                    continue;
                }
                Event::Start(Tag::Paragraph) if depth == 0 && footnote.is_none() => {
                    paragraph = Some(events.len());
                    Event::Start(Tag::Paragraph)
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some((level, id, range, Vec::new()));
                    continue;
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, id, range, inner)) = heading.take() {
                        let target = match &mut footnote {
                            Some((_, notes)) => notes,
                            None => &mut events,
                        };
                        self.push_heading(target, level, id, locate(range), inner, facilitator);
                    }
                    continue;
                }
                Event::Start(Tag::FootnoteDefinition(label)) if self.ctx.mode != Mode::Field => {
                    footnote = Some((label, Vec::new()));
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) if footnote.is_some() => {
                    if let Some((label, notes)) = footnote.take() {
                        let (number, id) = self.footnote(&label);
                        body.footnotes.push(Footnote {
                            id: format!("{}fn-{id}", self.ctx.anchor_prefix),
                            number,
                            html: to_html(notes, Some(&self.html_rewrites)),
                        });
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
                Event::TaskListMarker(done) => {
                    let (mark, key) = if done {
                        ("☑", key!("task_done"))
                    } else {
                        ("☐", key!("task_todo"))
                    };
                    Event::Html(CowStr::from(format!(
                        "<span class=\"task\" aria-hidden=\"true\">{mark}</span><span class=\"visually-hidden\">{}: </span>",
                        escaped(self.ctx.ui.get(key))
                    )))
                }
                other => {
                    if let Event::Html(html) | Event::InlineHtml(html) = &other {
                        self.raw_in_run.set(true);
                        self.raw_html(html, source, range, &locate, facilitator);
                    }
                    other
                }
            };
            match &event {
                Event::Start(tag) if is_container(tag) => depth += 1,
                Event::End(tag) if is_container_end(tag) => depth = depth.saturating_sub(1),
                _ => {}
            }
            match &event {
                Event::Text(t) | Event::Code(t) if heading.is_none() => {
                    self.search_text(t, false, facilitator);
                }
                Event::End(tag) if ends_block(tag) && heading.is_none() => {
                    self.search_text(" ", false, facilitator);
                }
                _ => {}
            }
            let ends_paragraph = matches!(event, Event::End(TagEnd::Paragraph));
            match (&mut heading, &mut footnote) {
                (Some((_, _, _, inner)), _) => inner.push(event),
                (None, Some((_, notes))) => notes.push(event),
                (None, None) => terms::push(&mut self.marker, facilitator, event, &mut events),
            }
            if ends_paragraph
                && let Some(start) = paragraph.take()
                && let Some(figure) = events.get(start..).and_then(figure::of)
            {
                events.truncate(start);
                self.flush(&mut events, &mut body);
                body.blocks.push(figure);
            }
        }
        self.flush(&mut events, &mut body);
        body
    }

    /// For [`to_html`]: the author's raw HTML's rewrites when the run just
    /// ended holds some (the next run starts without).
    fn html_sources(&self) -> Option<&HashMap<String, String>> {
        self.raw_in_run.take().then_some(&self.html_rewrites)
    }

    /// Ends the run of Markdown `events`: its sanitised HTML becomes a block.
    fn flush(&self, events: &mut Vec<Event<'_>>, body: &mut Body) {
        if events.is_empty() {
            return;
        }
        let mut html = to_html(std::mem::take(events), self.html_sources());
        html.shrink_to_fit();
        if !html.trim().is_empty() {
            body.blocks.push(Block::Markdown { html });
        }
    }

    /// Starts a search section (the text before the first heading is level 0).
    fn section(&mut self, level: u8, id: String, facilitator: bool) {
        self.out.sections.push(SectionText {
            level,
            id,
            facilitator_only: facilitator,
            ..SectionText::default()
        });
    }

    /// Adds text to the current search section: its heading's text, or the
    /// text under it (facilitator notes apart, for the facilitator edition).
    fn search_text(&mut self, text: &str, in_heading: bool, facilitator: bool) {
        let Some(section) = self.out.sections.last_mut() else {
            return;
        };
        let target = if in_heading {
            &mut section.title
        } else if facilitator && !section.facilitator_only {
            &mut section.facilitator_text
        } else {
            &mut section.text
        };
        target.push_str(text);
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
        self.section(level as u8, id.clone(), facilitator);
        self.search_text(&text, true, facilitator);
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
    fn scenario_block(&mut self, yaml: &str, range: Range<usize>) -> Option<Block> {
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
                self.search_text(
                    &format!(" {title} {} ", summary.as_deref().unwrap_or("")),
                    false,
                    false,
                );
                Block::Scenario {
                    id: id.clone(),
                    title,
                    summary,
                }
            }),
            Err(_) => None,
        };
        self.out.scenario_refs.push((parsed, range));
        card
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
}

/// Renders a run of Markdown events to sanitised HTML. `raw`: the run holds
/// raw HTML the author wrote, whose relative URLs are rewritten as its map
/// says; None: it holds none. A run without the author's HTML, whose every
/// link and image is a plain URL ([`sanitize::is_plain_url`]) and with no
/// code block class, is HTML the Markdown renderer escaped itself (with
/// peerprep's own heading and note markup), which the sanitiser would leave
/// as it is: it is not parsed again.
fn to_html(events: Vec<Event<'_>>, raw: Option<&HashMap<String, String>>) -> String {
    let plain = raw.is_none()
        && events.iter().all(|e| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                sanitize::is_plain_url(dest_url)
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.is_empty(),
            _ => true,
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, depth::flatten(events).into_iter());
    if html.contains(" style=\"text-align: ") {
        html = html
            .replace(" style=\"text-align: left\"", " class=\"align-left\"")
            .replace(" style=\"text-align: center\"", " class=\"align-center\"")
            .replace(" style=\"text-align: right\"", " class=\"align-right\"");
    }
    if plain {
        return html;
    }
    sanitize::clean(&html, raw.unwrap_or(&HashMap::new()))
}

/// `text` with HTML's special characters escaped.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests;
