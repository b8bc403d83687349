//! Richer teaching material in Markdown (issue 19): figures with captions, GitHub-style callouts,
//! definition lists, and video and audio from the course folder with WebVTT captions and a
//! transcript, on the page and in print; and the problems each can have, located.

use crate::common::{CourseTest, Doc, repo_root, select_attr, select_text};

/// A module holding one of every block this file tests, added to the minimal fixture.
const MODULE: &str = r#"---
title: Teaching material
outcomes: [See every kind of block]
competencies: [listening]
---
## Pictures

![A dot in a box](images/dot.svg "The dot, close up")

An inline ![dot](images/dot.svg "not a figure") stays in its sentence.

> [!TIP]
> Sit *beside* them, not opposite.

> [!CAUTION]
> Never promise to keep a secret.

> An ordinary quote.

Rapport
: A feeling of trust between two people.

## Film

```media
title: Sitting side by side
file: media/clip.webm
captions: media/clip.vtt
poster: images/dot.svg
transcript: |
  **Mentor:** Hi, come and sit down.
```

```media
title: A single note
file: media/clip.ogg
transcript: One note, one second long.
```
"#;

/// The fixture with [`MODULE`] as its fourth module, and the tiny media files of `tests/fixtures/media`.
pub(crate) fn course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.write("course/04-material.md", MODULE);
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md\n",
        "  - 03-trainer-only.md\n  - 04-material.md\n",
    );
    for file in ["clip.webm", "clip.ogg", "clip.vtt"] {
        let bytes = std::fs::read(repo_root().join("tests/fixtures/media").join(file)).unwrap();
        t.write(&format!("course/media/{file}"), bytes);
    }
    t
}

#[test]
fn figures_callouts_and_definition_lists_render_on_the_page_and_in_print_issue_19() {
    let t = course();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let page = t.read("public/modules/04-material.html");
    let html = Doc::parse(&page);
    assert_eq!(
        html.attr("main figure.figure img", "src"),
        ["../assets/course/images/dot.svg"]
    );
    assert_eq!(
        html.attr("main figure.figure img", "alt"),
        ["A dot in a box"]
    );
    assert_eq!(
        select_text(&page, "main figure.figure figcaption"),
        ["The dot, close up"]
    );
    // An image with words beside it is not a figure, and keeps its title.
    assert_eq!(select_attr(&page, "main p img", "title"), ["not a figure"]);
    assert_eq!(
        select_attr(&page, "main [role=note].callout", "aria-label"),
        ["Tip", "Caution"]
    );
    assert_eq!(
        select_attr(&page, "main .callout", "class"),
        ["callout callout-tip", "callout callout-caution"]
    );
    assert!(
        select_text(&page, "main .callout-tip")[0].contains("Sit beside them, not opposite."),
        "{page}"
    );
    assert_eq!(
        select_text(&page, "main blockquote"),
        ["An ordinary quote."]
    );
    assert_eq!(select_text(&page, "main dl dt"), ["Rapport"]);
    assert_eq!(
        select_text(&page, "main dl dd"),
        ["A feeling of trust between two people."]
    );
    let workbook = t.read("public/workbook.html");
    assert_eq!(
        select_text(&workbook, "figure.figure figcaption"),
        ["The dot, close up"]
    );
    assert_eq!(
        select_attr(&workbook, ".callout", "aria-label"),
        ["Tip", "Caution"]
    );
    assert_eq!(select_text(&workbook, "dl dt"), ["Rapport"]);
}

#[test]
fn a_video_plays_from_the_course_with_captions_in_the_page_and_a_transcript_issue_19() {
    let t = course();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let page = t.read("public/modules/04-material.html");
    let html = Doc::parse(&page);
    assert_eq!(
        html.attr("main video[controls]", "poster"),
        ["../assets/course/images/dot.svg"]
    );
    assert_eq!(
        html.attr("main video source", "src"),
        ["../assets/course/media/clip.webm"]
    );
    assert_eq!(html.attr("main video source", "type"), ["video/webm"]);
    assert_eq!(html.attr("main video track", "kind"), ["captions"]);
    assert_eq!(html.attr("main video track", "srclang"), ["en-GB"]);
    // The captions travel in the page: Chromium refuses a track file beside a page opened from disk.
    let track = &html.attr("main video track", "src")[0];
    let vtt = std::fs::read_to_string(repo_root().join("tests/fixtures/media/clip.vtt")).unwrap();
    let encoded = track
        .strip_prefix("data:text/vtt;charset=utf-8;base64,")
        .expect("a data: URL");
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), vtt);
    assert_eq!(
        select_text(&page, "main .media-video figcaption"),
        ["Video: Sitting side by side"]
    );
    assert_eq!(
        select_text(&page, "main .media-video details.media-transcript summary"),
        ["Transcript"]
    );
    assert!(
        page.contains("<strong>Mentor:</strong> Hi, come and sit down."),
        "{page}"
    );
    assert_eq!(
        html.attr("main audio[controls] source", "src"),
        ["../assets/course/media/clip.ogg"]
    );
    assert_eq!(html.attr("main audio source", "type"), ["audio/ogg"]);
    // The files are copied, and the page's policy lets it play them (and nothing from elsewhere).
    for file in ["clip.webm", "clip.ogg", "clip.vtt"] {
        assert!(
            t.exists(&format!("public/assets/course/media/{file}")),
            "{file}"
        );
    }
    let csp = html.attr("meta[http-equiv=Content-Security-Policy]", "content");
    assert!(csp[0].contains("media-src 'self' data:;"), "{csp:?}");
    // Search finds a film by its title and by what is said in it.
    let index = t.search_index("public");
    let page = index["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .find(|p| p[1] == "modules/04-material.html")
        .expect("the module is in the index");
    let words: Vec<&str> = page[2]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r[3].as_str().unwrap_or("").split(' '))
        .collect();
    for word in ["sitting", "side", "come", "single", "second"] {
        assert!(
            words.contains(&word),
            "{word} not in the search index: {words:?}"
        );
    }
    // In print: the title, the poster and the transcript, no player.
    let workbook = t.read("public/workbook.html");
    let printed = Doc::parse(&workbook);
    assert!(printed.attr("video", "src").is_empty() && !workbook.contains("<video"));
    assert!(!workbook.contains("<audio"));
    assert_eq!(
        printed.attr(".media-video img.media-poster", "src"),
        ["assets/course/images/dot.svg"]
    );
    assert_eq!(
        select_text(&workbook, ".media-transcript .media-transcript-label"),
        ["Transcript", "Transcript"]
    );
    assert!(workbook.contains("One note, one second long."));
}

#[test]
fn a_video_without_captions_and_audio_without_a_transcript_are_errors_at_their_lines_issue_19() {
    let t = course();
    t.edit("course/04-material.md", "captions: media/clip.vtt\n", "");
    t.edit(
        "course/04-material.md",
        "transcript: One note, one second long.\n",
        "",
    );
    let run = t.run(&["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[E027]: the video \"Sitting side by side\" has no captions\n  --> course/04-material.md:27:7"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("add `captions: <file>.vtt`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[E027]: the audio \"A single note\" has no transcript\n  --> course/04-material.md:35:7"),
        "{}",
        run.stderr
    );
    assert!(!t.exists("public"), "a failed build writes nothing");
}

#[test]
fn media_from_another_site_a_missing_file_or_an_unknown_kind_is_reported_issue_19() {
    let t = course();
    t.edit(
        "course/04-material.md",
        "file: media/clip.webm",
        "file: https://videos.example.org/clip.webm",
    );
    t.edit(
        "course/04-material.md",
        "file: media/clip.ogg",
        "file: media/clip.flac",
    );
    t.edit(
        "course/04-material.md",
        "poster: images/dot.svg",
        "poster: images/missing.png",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    for expected in [
        "error[E027]: the media \"https://videos.example.org/clip.webm\" is on another web site\n  --> course/04-material.md:27:7",
        "error[E027]: \"media/clip.flac\" is not a video or audio file peerprep knows\n  --> course/04-material.md:36:7",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // A block with an error is not drawn, so its other files are checked once it is fixed.
    t.edit(
        "course/04-material.md",
        "file: https://videos.example.org/clip.webm",
        "file: media/clip.webm",
    );
    let run = t.run(&["check"]);
    assert!(
        run.stderr.contains("error[E042]: image \"images/missing.png\" not found under course/\n  --> course/04-material.md:29:9"),
        "{}",
        run.stderr
    );
}

#[test]
fn captions_that_are_not_webvtt_are_an_error_at_their_line_in_the_vtt_file_issue_19() {
    let t = course();
    t.write(
        "course/media/clip.vtt",
        "WEBVTT\n\n00:00.000 --> 00:00.500\nHi.\n\n00:00.500 -> 00:01.000\nThanks.\n",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[E028]: these captions are not valid WebVTT here: \"00:00.500 -> 00:01.000\"\n --> course/media/clip.vtt:6:1"),
        "{}",
        run.stderr
    );
    t.write("course/media/clip.vtt", "00:00.000 --> 00:00.500\nHi.\n");
    let run = t.run(&["check"]);
    assert!(
        run.stderr.contains("error[E028]: captions must start with the line `WEBVTT`\n --> course/media/clip.vtt:1:1"),
        "{}",
        run.stderr
    );
    // Reported once, however many media blocks use the file.
    assert_eq!(run.stderr.matches("E028").count(), 1, "{}", run.stderr);
}

#[test]
fn raw_html_media_is_removed_with_a_warning_that_says_what_to_use_issue_19() {
    let t = course();
    t.edit(
        "course/04-material.md",
        "## Film\n",
        "## Film\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n<audio src=\"media/clip.ogg\" controls></audio>\n",
    );
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[W020]: this <iframe> is removed from the page: raw HTML media is not shown\n  --> course/04-material.md:25:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("warning[W020]: this <audio> is removed from the page"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("use a ```media block"),
        "{}",
        run.stderr
    );
    let page = t.read("public/modules/04-material.html");
    assert!(
        !page.contains("<iframe") && !page.contains("youtube"),
        "{page}"
    );
    t.run(&["build", "--deny-warnings"]).expect_code(1);
}
