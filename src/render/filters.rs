//! Filters the theme's templates may use besides minijinja's own:
//!
//! - `duration`: minutes as people read them, `305` → "5 h 5 min" (words from
//!   `ui.hours_short` and `ui.minutes`);
//! - `long_date`: a `YYYY-MM-DD` date as people write it, "1 September 2026"
//!   (month names from `ui.months`); anything else is shown as written.

use minijinja::{Environment, State, Value};

/// Adds the filters to `env`.
pub(crate) fn register(env: &mut Environment<'static>) {
    env.add_filter("duration", duration);
    env.add_filter("long_date", long_date);
}

/// The interface string `key` from the template's `ui`, or `fallback`.
fn ui(state: &State<'_, '_>, key: &str, fallback: &str) -> String {
    state
        .lookup("ui")
        .and_then(|ui| ui.get_attr(key).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| fallback.to_owned())
}

fn duration(state: &State<'_, '_>, minutes: Value) -> String {
    let Some(minutes) = minutes.as_i64().filter(|m| *m >= 0) else {
        return minutes.to_string();
    };
    let (h, m) = (minutes / 60, minutes % 60);
    let (hours, min) = (ui(state, "hours_short", "h"), ui(state, "minutes", "min"));
    match (h, m) {
        (0, m) => format!("{m} {min}"),
        (h, 0) => format!("{h} {hours}"),
        (h, m) => format!("{h} {hours} {m} {min}"),
    }
}

fn long_date(state: &State<'_, '_>, date: Value) -> String {
    match date.as_str() {
        Some(text) => crate::date::display_text(text, &ui(state, "months", "")),
        None => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use minijinja::context;

    use super::*;

    fn render(template: &str) -> String {
        let mut env = Environment::new();
        register(&mut env);
        let ui = context! { hours_short => "h", minutes => "min", months => "January February March April May June July August September October November December" };
        env.render_str(template, context! { ui => ui }).unwrap()
    }

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(render("{{ 305 | duration }}"), "5 h 5 min");
        assert_eq!(render("{{ 45 | duration }}"), "45 min");
        assert_eq!(render("{{ 120 | duration }}"), "2 h");
        assert_eq!(render("{{ 0 | duration }}"), "0 min");
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(render("{{ '2026-09-01' | long_date }}"), "1 September 2026");
        assert_eq!(render("{{ 'autumn 2026' | long_date }}"), "autumn 2026");
    }
}
