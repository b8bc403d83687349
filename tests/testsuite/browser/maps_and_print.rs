//! Scenario maps that fit the page, reflection boxes and modules printed as handouts, in
//! headless Chromium (`tests/browser/maps-and-print.mjs`, issue 16), with screenshots of the map
//! and a module page at desktop and phone widths, light and dark, and of the module as printed,
//! in `target/screenshots/facilitator/`.

use crate::browser::{build_bundled, node, tools};
use crate::common::repo_root;

#[test]
fn scenario_maps_fit_their_box_and_modules_print_as_handouts_issue_16() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("facilitator");
    build_bundled("facilitator", &site);
    let maps_dir = site.join("trainer/scenarios");
    let mut maps: Vec<String> = std::fs::read_dir(&maps_dir)
        .expect("the bundled course has scenario maps")
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .collect();
    maps.sort();
    // The first map screenshotted is the one with the most nodes.
    let size =
        |p: &String| std::fs::read_to_string(p).map_or(0, |h| h.matches("map-node-box").count());
    maps.sort_by_key(|p| std::cmp::Reverse(size(p)));
    let module = std::fs::read_dir(site.join("modules"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let html = std::fs::read_to_string(p).unwrap_or_default();
            html.contains("class=\"reflection\"") && html.contains("class=\"quiz\"")
        })
        .min()
        .expect("a module with a quiz and a reflection");
    let shots = repo_root().join("target/screenshots/facilitator");
    let list = maps.join(",");
    let (passed, report) = node(
        tools,
        "maps-and-print.mjs",
        &[
            "--maps".as_ref(),
            list.as_ref(),
            "--module".as_ref(),
            module.as_os_str(),
            "--screenshots".as_ref(),
            shots.as_os_str(),
        ],
    );
    assert!(passed, "maps, reflections or printing failed:\n{report}");
    assert!(report.starts_with("ok: "), "{report}");
    for shot in [
        "scenario-map-desktop-light.png",
        "scenario-map-desktop-dark.png",
        "scenario-map-phone-light.png",
        "scenario-map-phone-dark.png",
        "module-desktop-light.png",
        "module-phone-dark.png",
        "module-print.png",
    ] {
        assert!(shots.join(shot).is_file(), "no screenshot {shot}");
    }
}
