//! `support:` in course.yaml: the contacts, services and emergency line of
//! the support block every page shows, and the one check on them (a
//! service's link must be a web, phone or e-mail address).

use serde::{Deserialize, Serialize};

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// The support block shown on every page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Support {
    /// Heading of the block (defaults to the `support_heading` interface string).
    pub(crate) heading: Option<String>,
    /// People in school, shown first.
    #[serde(default)]
    pub(crate) contacts: Vec<Contact>,
    /// Helplines and services.
    #[serde(default)]
    pub(crate) services: Vec<Service>,
    /// The emergency line, e.g. "If someone is in immediate danger, call 999."
    pub(crate) emergency: Option<String>,
    /// When the numbers were last checked, shown in the footer.
    pub(crate) checked: Option<String>,
}

/// A person in school or university a mentor can go to.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// Their role, e.g. "Designated Safeguarding Lead".
    pub(crate) role: String,
    /// Their name.
    pub(crate) name: Option<String>,
    /// Where to find them.
    #[serde(rename = "where")]
    pub(crate) location: Option<String>,
}

/// A helpline or service.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Service {
    /// Its name, e.g. "Childline".
    pub(crate) name: Spanned<String>,
    /// How to reach it, e.g. "Call 0800 1111".
    pub(crate) how: Option<String>,
    /// When and for whom, e.g. "Free, 24/7, under-19s".
    pub(crate) when: Option<String>,
    /// Its website (http, https, tel or mailto).
    pub(crate) url: Option<Spanned<String>>,
}

impl Support {
    /// Pushes a problem for every service link that is not a web, phone or e-mail address.
    pub(crate) fn check(&self, source: &SourceFile, out: &mut Diagnostics) {
        for service in &self.services {
            if let Some(url) = &service.url
                && !is_safe_url(&url.value)
            {
                out.push(
                    yaml::locate_str(
                        Diagnostic::error(
                            Code::InvalidValue,
                            "this link is not a web, phone or e-mail address",
                        ),
                        source,
                        url,
                        0,
                    )
                    .with_help("start it with https://, http://, tel: or mailto:"),
                );
            }
        }
    }
}

/// Whether `url` may become an `href`: web, phone or e-mail.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "tel:", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://www.childline.org.uk/"));
        assert!(is_safe_url("tel:08001111"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
    }
}
