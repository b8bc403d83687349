//! The course's branding, `brand:` in course.yaml: a logo and a cover image
//! (files under `course/`, checked with the other linked files in
//! `check::brand`) and two colours, checked here for WCAG AA contrast
//! against what they are drawn with.
//!
//! `primary` is the header's and the buttons' background under white text,
//! and the colour of links on the white page, so it needs 4.5:1 against
//! white. `accent` marks things (the current page, progress bars, borders),
//! so it needs 3:1 against the page (WCAG 1.4.11). In dark mode the header
//! and buttons keep `primary`; links and marks use the dark theme's own
//! colours unless `accent` also has 3:1 against the dark page.

use serde::{Deserialize, Serialize};

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// The light page's background and the text drawn on `primary`.
const WHITE: Colour = Colour([255, 255, 255]);
/// The dark theme's page background (`--bg` in dark mode).
const DARK_PAGE: Colour = Colour([0x14, 0x17, 0x1c]);

/// `brand:` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBrand {
    logo: Option<Spanned<String>>,
    cover: Option<Spanned<String>>,
    cover_alt: Option<String>,
    primary: Option<Spanned<String>>,
    accent: Option<Spanned<String>>,
}

/// The course's branding, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Brand {
    /// The logo, a path under `course/`, where it was written.
    pub(crate) logo: Option<Spanned<String>>,
    /// The home page's cover image, a path under `course/`.
    pub(crate) cover: Option<Spanned<String>>,
    /// The cover's text alternative (none: the cover is decoration).
    pub(crate) cover_alt: Option<String>,
    /// Header, button and link colour.
    pub(crate) primary: Option<Colour>,
    /// The colour that marks things.
    pub(crate) accent: Option<Colour>,
}

impl Brand {
    /// The colours a theme's `brand.css` is filled with, or None when the course sets none.
    pub(crate) fn colours(&self) -> Option<Colours> {
        if self.primary.is_none() && self.accent.is_none() {
            return None;
        }
        Some(Colours {
            primary: self.primary.map(Colour::hex),
            primary_hover: self.primary.map(|c| c.mix(Colour([0, 0, 0]), 0.2).hex()),
            accent: self.accent.map(Colour::hex),
            accent_dark: self
                .accent
                .filter(|a| a.contrast(DARK_PAGE) >= 3.0)
                .map(Colour::hex),
        })
    }
}

/// Colours for the theme, as `#rrggbb`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Colours {
    /// `brand.primary`.
    pub(crate) primary: Option<String>,
    /// `primary`, a fifth darker: buttons under the pointer.
    pub(crate) primary_hover: Option<String>,
    /// `brand.accent`.
    pub(crate) accent: Option<String>,
    /// `accent` when it also shows on the dark page.
    pub(crate) accent_dark: Option<String>,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Colour(pub(crate) [u8; 3]);

impl Colour {
    /// `#rgb` or `#rrggbb`, case-insensitive.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, len: usize| u8::from_str_radix(&hex[i * len..(i + 1) * len], 16);
        match hex.len() {
            3 => Some(Self([0, 1, 2].map(|i| digit(i, 1).map_or(0, |d| d * 17)))),
            6 => Some(Self([0, 1, 2].map(|i| digit(i, 2).unwrap_or(0)))),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance (WCAG 2.2).
    fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0.map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The contrast ratio with `other`, from 1 to 21.
    pub(crate) fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved `amount` (0–1) of the way to `other`.
    fn mix(self, other: Self, amount: f64) -> Self {
        let mut out = self.0;
        for (c, o) in out.iter_mut().zip(other.0) {
            let mixed = f64::from(*c) + (f64::from(o) - f64::from(*c)) * amount;
            *c = mixed.round().clamp(0.0, 255.0) as u8;
        }
        Self(out)
    }
}

/// Checks `brand:`, pushing every problem; what is wrong is left out.
pub(crate) fn validate(raw: RawBrand, source: &SourceFile, out: &mut Diagnostics) -> Brand {
    let colour = |field: &str,
                  at: &Option<Spanned<String>>,
                  needs: f64,
                  against: &str,
                  out: &mut Diagnostics| {
        let at = at.as_ref()?;
        let Some(colour) = Colour::parse(at.value.trim()) else {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("brand.{field} \"{}\" is not a colour", at.value),
                    ),
                    source,
                    at,
                    0,
                )
                .with_help("write it as a hex colour in quotes, e.g. \"#0b5cad\""),
            );
            return None;
        };
        let ratio = colour.contrast(WHITE);
        if ratio < needs {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::LowContrast,
                        format!(
                            "brand.{field} {} has a contrast of {} against {against}; WCAG AA needs {needs}:1",
                            colour.hex(),
                            ratio_text(ratio)
                        ),
                    ),
                    source,
                    at,
                    0,
                )
                .with_help(format!(
                    "choose a darker colour (for example {}, which has {})",
                    darker_until(colour, needs).hex(),
                    ratio_text(darker_until(colour, needs).contrast(WHITE))
                )),
            );
            return None;
        }
        Some(colour)
    };
    for (field, at) in [("primary", &raw.primary), ("accent", &raw.accent)] {
        if at.is_none()
            && let Some(offset) = unquoted_colour(&source.text, field)
        {
            out.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("brand.{field} is empty: `#` starts a comment in YAML"),
                )
                .at_offset(source, offset, 1)
                .with_help(format!(
                    "put the colour in quotes, e.g. `{field}: \"#0b5cad\"`"
                )),
            );
        }
    }
    let primary = colour(
        "primary",
        &raw.primary,
        4.5,
        "white (the header's and buttons' text, and the page behind links)",
        out,
    );
    let accent = colour("accent", &raw.accent, 3.0, "the white page", out);
    let path = |at: Option<Spanned<String>>, field: &str, out: &mut Diagnostics| {
        let at = at?;
        let ok = !at.value.trim().is_empty()
            && !at.value.starts_with('/')
            && !at.value.contains('\\')
            && !at.value.split('/').any(|p| p == ".." || p == ".")
            && !at.value.contains(':');
        if ok {
            Some(at)
        } else {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("brand.{field} \"{}\" is not a file under course/", at.value),
                    ),
                    source,
                    &at,
                    0,
                )
                .with_help("put the image under course/ and give its path from there, e.g. `images/logo.png`"),
            );
            None
        }
    };
    Brand {
        logo: path(raw.logo, "logo", out),
        cover: path(raw.cover, "cover", out),
        cover_alt: raw.cover_alt.filter(|a| !a.trim().is_empty()),
        primary,
        accent,
    }
}

/// Where `field: #…` is written unquoted (so YAML reads a comment and no
/// value): the byte offset of its `#`.
fn unquoted_colour(text: &str, field: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if line.len() > trimmed.len()
            && let Some(rest) = trimmed.strip_prefix(field)
            && let Some(rest) = rest.strip_prefix(':')
            && rest.trim_start().starts_with('#')
        {
            return Some(offset + line.len() - rest.trim_start().len());
        }
        offset += line.len();
    }
    None
}

/// A ratio as people write it: `3.2:1` (rounded down, so 4.49 is never shown as 4.5).
fn ratio_text(ratio: f64) -> String {
    format!("{:.1}:1", (ratio * 10.0).floor() / 10.0)
}

/// `colour` darkened in small steps until it has `needs` against white.
fn darker_until(colour: Colour, needs: f64) -> Colour {
    let mut c = colour;
    for _ in 0..40 {
        if c.contrast(WHITE) >= needs + 0.05 {
            break;
        }
        c = c.mix(Colour([0, 0, 0]), 0.08);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_both_forms_and_nothing_else() {
        assert_eq!(Colour::parse("#0B5CAD"), Some(Colour([0x0b, 0x5c, 0xad])));
        assert_eq!(Colour::parse("#fff"), Some(WHITE));
        for bad in ["0b5cad", "#0b5ca", "#ggg", "red", "#", "#0b5cad0", "#ü00"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        // Black on white is 21:1; #767676 on white is the classic 4.54:1.
        assert!((Colour([0, 0, 0]).contrast(WHITE) - 21.0).abs() < 0.01);
        assert!((Colour([0x76, 0x76, 0x76]).contrast(WHITE) - 4.54).abs() < 0.01);
        assert_eq!(ratio_text(4.499), "4.4:1");
    }

    #[test]
    fn an_unquoted_colour_is_found() {
        let text = "title: x\nbrand:\n  primary: #0b5cad\n";
        assert_eq!(
            unquoted_colour(text, "primary"),
            Some(text.find('#').unwrap())
        );
        assert_eq!(unquoted_colour(text, "accent"), None);
        assert_eq!(unquoted_colour("primary: #top-level\n", "primary"), None);
    }

    #[test]
    fn a_suggested_darker_colour_passes() {
        let yellow = Colour::parse("#f5c400").unwrap();
        assert!(yellow.contrast(WHITE) < 4.5);
        assert!(darker_until(yellow, 4.5).contrast(WHITE) >= 4.5);
    }
}
