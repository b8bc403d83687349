//! The words of a ```` ```media ```` block that search finds, read while
//! the Markdown is rendered (the block itself is compiled later, by
//! [`crate::compile::media`]).

use serde::Deserialize;

/// The words of a media block that search finds: its title and transcript
/// (empty when the block does not parse; its problems are reported when it
/// is compiled).
pub(super) fn search_words(yaml: &str) -> String {
    #[derive(Deserialize)]
    struct Words {
        title: Option<String>,
        transcript: Option<String>,
    }
    serde_saphyr::from_str_with_options::<Words>(yaml, crate::load::yaml::options()).map_or_else(
        |_| String::new(),
        |w| {
            format!(
                " {} {} ",
                w.title.unwrap_or_default(),
                w.transcript.unwrap_or_default()
            )
        },
    )
}
