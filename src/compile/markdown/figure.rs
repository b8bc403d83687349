//! Figures: an image alone in its paragraph, written with a title
//! (`![A mentor listening](images/listening.png "Listening with your whole body")`),
//! becomes a [`Block::Figure`] whose caption is the title. An image
//! without a title, or with words beside it, stays an inline image.

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::compile::body::Block;

/// The figure the paragraph `events` (from its `Start(Paragraph)` to its
/// `End(Paragraph)`) makes, if it is one image with a title and nothing else.
pub(super) fn of(events: &[Event<'_>]) -> Option<Block> {
    let [
        Event::Start(Tag::Paragraph),
        Event::Start(Tag::Image {
            dest_url, title, ..
        }),
        inner @ ..,
        Event::End(TagEnd::Image),
        Event::End(TagEnd::Paragraph),
    ] = events
    else {
        return None;
    };
    let caption = title.trim();
    if caption.is_empty() {
        return None;
    }
    let mut alt = String::new();
    for event in inner {
        match event {
            Event::Text(t) | Event::Code(t) => alt.push_str(t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            // An image inside the alt text, or anything stranger: leave it be.
            _ => return None,
        }
    }
    Some(Block::Figure {
        src: dest_url.to_string(),
        alt: alt.trim().to_owned(),
        caption: caption.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::markdown::parser_options;
    use pulldown_cmark::Parser;

    fn figure(markdown: &str) -> Option<Block> {
        let events: Vec<Event<'_>> = Parser::new_ext(markdown, parser_options()).collect();
        of(&events)
    }

    #[test]
    fn an_image_alone_with_a_title_is_a_figure() {
        let Some(Block::Figure { src, alt, caption }) =
            figure("![Two *mentors* talking](a.png \"Listening well\")")
        else {
            panic!("not a figure");
        };
        assert_eq!(
            (src.as_str(), alt.as_str(), caption.as_str()),
            ("a.png", "Two mentors talking", "Listening well")
        );
    }

    #[test]
    fn no_title_words_beside_it_or_two_images_is_no_figure() {
        assert!(figure("![Two mentors](a.png)").is_none());
        assert!(figure("![Two mentors](a.png \"  \")").is_none());
        assert!(figure("See ![Two mentors](a.png \"T\")").is_none());
        assert!(figure("![A](a.png \"T\") ![B](b.png \"U\")").is_none());
    }
}
