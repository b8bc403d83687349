//! Calendar dates: course.yaml's `YYYY-MM-DD` dates and `--date`, read and
//! shown through `jiff` (so 2027-02-31 is not a date), and written as
//! people write them ("15 January 2027", month names from the `months`
//! interface string).

pub(crate) use jiff::civil::Date;

/// The date written `YYYY-MM-DD`, if it is one (a real day of a real month).
pub(crate) fn parse(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && text
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    text.parse::<Date>().ok()
}

/// `date` as people write it, with month names from `months` (twelve
/// names, space-separated; ISO if there are not twelve).
pub(crate) fn display(date: Date, months: &str) -> String {
    let names: Vec<&str> = months.split_whitespace().collect();
    match names.get(usize::try_from(date.month()).unwrap_or(1).saturating_sub(1)) {
        Some(name) if names.len() == 12 => format!("{} {name} {}", date.day(), date.year()),
        _ => date.to_string(),
    }
}

/// A course.yaml date field as people write it: a `YYYY-MM-DD` date is
/// shown as [`display`] does; other text (already reported) is kept.
pub(crate) fn display_text(text: &str, months: &str) -> String {
    parse(text).map_or_else(|| text.to_owned(), |d| display(d, months))
}

/// Today's date (UTC).
pub(crate) fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// `--date` on the command line: a real `YYYY-MM-DD` date.
pub(crate) fn from_arg(text: &str) -> Result<Date, String> {
    parse(text)
        .ok_or_else(|| format!("{text} is not a date: write it as YYYY-MM-DD, e.g. 2027-03-01"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONTHS: &str =
        "January February March April May June July August September October November December";

    #[test]
    fn only_real_days_are_dates() {
        assert!(parse("2027-01-15").is_some());
        assert!(parse("2028-02-29").is_some());
        for bad in [
            "2027-02-31",
            "2027-13-01",
            "2027-00-10",
            "15/01/2027",
            "2027-1-5",
            "soon",
            "",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_are_written_as_people_write_them() {
        let d = parse("2027-01-15").unwrap();
        assert_eq!(display(d, MONTHS), "15 January 2027");
        assert_eq!(
            display(parse("2027-12-01").unwrap(), MONTHS),
            "1 December 2027"
        );
        assert_eq!(display(d, "too few"), "2027-01-15");
        assert_eq!(display_text("soon", MONTHS), "soon");
        assert!(from_arg("2027-02-31").unwrap_err().contains("not a date"));
    }
}
