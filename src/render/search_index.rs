//! The search index script, `assets/search-index.js`: it sets
//! `window.peerprepSearch`, so search works from `file://`, where pages
//! cannot fetch JSON.
//!
//! Shape (version 3): `{"v": 3, "words": "w0 w1 w2 …", "pages": [[title,
//! href, [[heading, anchor, snippet, ids], …]], …]}`. `words` is every
//! distinct folded word of the course once, the most used first; a row's
//! `ids` are the numbers of its words in that list, sorted, each written as
//! its distance from the one before ([`encode_ids`]). A word used in a
//! thousand sections is spelled once instead of a thousand times, which
//! keeps the index well under half the size of one that repeats them.
//! `assets/search.js` decodes the numbers once, when the page loads.

use rustc_hash::FxHashMap as HashMap;

use crate::compile::search::Entry;

/// The digits that end a number: 32 values, 5 bits each.
const LAST: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef";
/// The digits of a number's higher parts, before its last digit.
const MORE: &[u8; 32] = b"ghijklmnopqrstuvwxyz0123456789-_";

/// Writes the index script: `pages` are (title, href, entry) in order.
pub(crate) fn write_index(
    out: &mut dyn std::io::Write,
    pages: &[(&str, &str, &Entry)],
) -> std::io::Result<()> {
    let (list, number) = word_list(pages);
    out.write_all(b"window.peerprepSearch = {\"v\":3,\"words\":")?;
    serde_json::to_writer(&mut *out, &list.join(" "))?;
    out.write_all(b",\"pages\":[")?;
    let mut ids = Vec::new();
    for (n, (title, href, entry)) in pages.iter().enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        let head = serde_json::to_string(&(title, href))?;
        out.write_all(&head.as_bytes()[..head.len() - 1])?;
        out.write_all(b",[")?;
        for (r, row) in entry.rows.iter().enumerate() {
            ids.clear();
            ids.extend(row.words.split(' ').filter_map(|w| number.get(w).copied()));
            out.write_all(if r > 0 { b",[" } else { b"[" })?;
            out.write_all(row.head.as_bytes())?;
            out.write_all(b",\"")?;
            out.write_all(encode_ids(&mut ids).as_bytes())?;
            out.write_all(b"\"]")?;
        }
        out.write_all(b"]]")?;
    }
    out.write_all(b"]};\n")
}

/// Every distinct word of `pages`, the most used first (then in code point
/// order, so the same course always gives the same list), and each word's
/// number in that list.
fn word_list<'a>(pages: &[(&str, &str, &'a Entry)]) -> (Vec<&'a str>, HashMap<&'a str, u32>) {
    let mut uses: HashMap<&'a str, u32> = HashMap::default();
    for (_, _, entry) in pages {
        for row in &entry.rows {
            for word in row.words.split(' ').filter(|w| !w.is_empty()) {
                *uses.entry(word).or_default() += 1;
            }
        }
    }
    let mut list: Vec<(&str, u32)> = uses.iter().map(|(w, n)| (*w, *n)).collect();
    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // The counts are done with: the same map now numbers the words.
    for (number, (word, _)) in (0u32..).zip(&list) {
        if let Some(n) = uses.get_mut(word) {
            *n = number;
        }
    }
    (list.into_iter().map(|(w, _)| w).collect(), uses)
}

/// Sorted word numbers as text: each number's distance from the one before,
/// less one (from -1 for the first), in base 32, its higher parts in
/// [`MORE`] digits and its last part in a [`LAST`] digit. Most distances
/// take one or two characters, none of which JSON escapes.
fn encode_ids(ids: &mut [u32]) -> String {
    ids.sort_unstable();
    let mut out = String::with_capacity(ids.len() * 2);
    let mut previous: i64 = -1;
    let mut digits = Vec::with_capacity(7);
    for &id in ids.iter() {
        let mut gap = (i64::from(id) - previous - 1) as u64;
        previous = i64::from(id);
        digits.clear();
        digits.push(LAST[(gap % 32) as usize]);
        gap /= 32;
        while gap > 0 {
            digits.push(MORE[(gap % 32) as usize]);
            gap /= 32;
        }
        out.extend(digits.iter().rev().map(|&d| char::from(d)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::search::{Row, SectionText};

    /// Reads numbers back as `assets/search.js` does.
    fn decode(text: &str) -> Vec<u32> {
        let (mut out, mut value, mut previous) = (Vec::new(), 0i64, -1i64);
        for c in text.bytes() {
            if let Some(d) = MORE.iter().position(|&m| m == c) {
                value = value * 32 + d as i64;
            } else {
                let d = LAST.iter().position(|&l| l == c).expect("a digit");
                previous += value * 32 + d as i64 + 1;
                out.push(previous as u32);
                value = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_in_few_characters() {
        let mut ids = vec![40, 0, 1, 31, 32, 33, 1_000, 1_000_000, 4_000_000_000];
        let text = encode_ids(&mut ids);
        assert_eq!(decode(&text), ids, "sorted, and read back the same: {text}");
        assert!(
            text.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(
            encode_ids(&mut [0, 1, 2]),
            "AAA",
            "neighbours take one character each"
        );
        assert_eq!(encode_ids(&mut []), "");
    }

    fn index_of(pages: &[(&str, &str, &Entry)]) -> serde_json::Value {
        let mut script = Vec::new();
        write_index(&mut script, pages).expect("written");
        let script = String::from_utf8(script).expect("utf-8");
        let json = script
            .strip_prefix("window.peerprepSearch = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .expect("script shape");
        serde_json::from_str(json).expect("json")
    }

    #[test]
    fn rows_name_their_words_by_number_the_most_used_first() {
        let found = [SectionText {
            level: 2,
            id: "x".into(),
            title: "Listening".into(),
            text: "Listen, listen and LISTEN to a mentee.".into(),
            ..SectionText::default()
        }];
        let one = Entry::new("Mod", Some("About listening"), &found, false);
        let two = Entry::new("Listening again", None, &[], false);
        let value = index_of(&[("Mod", "modules/m.html", &one), ("L", "l.html", &two)]);
        assert_eq!(value["v"], 3);
        let list: Vec<&str> = value["words"].as_str().unwrap().split(' ').collect();
        assert_eq!(list[0], "listening", "in three rows: the most used");
        let words_of = |page: usize, row: usize| -> Vec<&str> {
            let text = value["pages"][page][2][row][3].as_str().unwrap();
            let mut words: Vec<&str> = decode(text).into_iter().map(|n| list[n as usize]).collect();
            words.sort_unstable();
            words
        };
        assert_eq!(words_of(0, 0), ["about", "listening", "mod"]);
        assert_eq!(
            words_of(0, 1),
            ["and", "listen", "listening", "mentee", "to"]
        );
        assert_eq!(words_of(1, 0), ["again", "listening"]);
        assert_eq!(value["pages"][0][1], "modules/m.html");
        assert_eq!(value["pages"][0][2][1][0], "Listening");
        assert_eq!(value["pages"][0][2][1][1], "x");
        assert_eq!(value["pages"][0][2][0][2], "About listening");
    }

    #[test]
    fn an_index_of_no_pages_is_still_a_script() {
        let mut script = Vec::new();
        write_index(&mut script, &[]).expect("written");
        assert_eq!(
            String::from_utf8(script).expect("utf-8"),
            "window.peerprepSearch = {\"v\":3,\"words\":\"\",\"pages\":[]};\n"
        );
        let empty = Entry {
            rows: vec![Row {
                head: "\"\",\"\",\"\"".into(),
                words: String::new(),
            }],
            listed: Vec::new(),
        };
        let value = index_of(&[("T", "t.html", &empty)]);
        assert_eq!(value["pages"][0][2][0][3], "");
    }
}
