//! `peerprep check`, deeper: links and anchors in modules, scenarios and
//! theme overrides, and the warnings a reviewer should look at. (That the
//! bundled course checks clean is in `build`.)

crate::cases::cases! {
    e041_links_in_modules_and_scenarios,
    e045_broken_link_in_a_theme_override,
    e045_link_only_the_mentor_edition_breaks,
    reviewer_warnings,
}
