//! iCalendar files (RFC 5545) for announcements with an event, so that a
//! resident can add the meeting to a calendar. Times are written in UTC,
//! converted from Poland's local time, which every calendar understands
//! without a time-zone block.

use crate::base::date::PageDate;
use crate::content::Document;
use crate::site::pages::{events_path, CALENDAR_FILE, ICS_FILE};
use crate::site::Site;

/// Every event file of `site` as (path in the site folder, contents).
pub fn event_files(site: &Site) -> Vec<(String, String)> {
    site.event_pages()
        .map(|doc| event_file(site, doc))
        .collect()
}

/// The calendar file of one page with an event: its path and contents.
pub fn event_file(site: &Site, doc: &Document) -> (String, String) {
    (format!("{}{ICS_FILE}", doc.url_path), calendar(site, doc))
}

fn calendar(site: &Site, doc: &Document) -> String {
    wrap(event_lines(site, doc))
}

/// One calendar of every upcoming event of `site`, soonest first, for the
/// events list (`wydarzenia/kalendarz.ics`); `None` when there is none.
pub fn site_calendar(site: &Site) -> Option<(String, String)> {
    if site.upcoming_events.is_empty() {
        return None;
    }
    let events = site
        .upcoming_events
        .iter()
        .flat_map(|&i| event_lines(site, &site.pages[i]))
        .collect();
    let lang = site.config.lang();
    Some((
        format!("{}{CALENDAR_FILE}", events_path(lang)),
        wrap(events),
    ))
}

/// A calendar holding the given event lines, folded as RFC 5545 asks.
fn wrap(events: Vec<String>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Tablica//Portal partnerstwa//PL".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
    ];
    lines.extend(events);
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    out
}

/// The `VEVENT` of an announcement's event (none without one).
fn event_lines(site: &Site, doc: &Document) -> Vec<String> {
    let Some(event) = &doc.front.event else {
        return Vec::new();
    };
    let url = format!("{}{}", site.config.base_url(), doc.url_path);
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", text(&url)),
        // The announcement's own date keeps the file the same on every build.
        format!(
            "DTSTAMP:{}",
            utc(doc.front.updated.or(doc.front.date).unwrap_or(event.start))
        ),
    ];
    match (event.start.time, event.end) {
        (Some(_), end) => {
            lines.push(format!("DTSTART:{}", utc(event.start)));
            if let Some(end) = end.filter(|e| e.time.is_some()) {
                lines.push(format!("DTEND:{}", utc(end)));
            }
        }
        (None, end) => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", compact(event.start)));
            // An all-day event ends (exclusively) the day after its last day.
            let last = end.unwrap_or(event.start);
            lines.push(format!("DTEND;VALUE=DATE:{}", compact(next_day(last))));
        }
    }
    lines.push(format!("SUMMARY:{}", text(&doc.front.title)));
    let location = match &event.address {
        Some(address) => format!("{}, {address}", event.place),
        None => event.place.clone(),
    };
    lines.push(format!("LOCATION:{}", text(&location)));
    lines.push(format!(
        "DESCRIPTION:{}",
        text(&format!("{}\n{url}", doc.summary()))
    ));
    lines.push(format!("URL:{}", text(&url)));
    lines.push("END:VEVENT".to_string());
    lines
}

/// `20210421T080000Z`: local time in Poland converted to UTC.
fn utc(date: PageDate) -> String {
    let (h, m, s) = date.time.unwrap_or((0, 0, 0));
    let offset = date.warsaw_offset_hours();
    let local_minutes = i32::from(h) * 60 + i32::from(m) - offset * 60;
    let (day, minutes) = if local_minutes < 0 {
        (previous_day(date), local_minutes + 24 * 60)
    } else {
        (date, local_minutes)
    };
    format!(
        "{}T{:02}{:02}{s:02}Z",
        compact(day),
        minutes / 60,
        minutes % 60
    )
}

fn compact(date: PageDate) -> String {
    format!("{:04}{:02}{:02}", date.year, date.month, date.day)
}

fn next_day(date: PageDate) -> PageDate {
    let days = crate::base::date::days_in_month(date.year, date.month);
    let (year, month, day) = match (date.month, date.day) {
        (12, 31) => (date.year + 1, 1, 1),
        (m, d) if d >= days => (date.year, m + 1, 1),
        (m, d) => (date.year, m, d + 1),
    };
    PageDate {
        year,
        month,
        day,
        time: None,
    }
}

fn previous_day(date: PageDate) -> PageDate {
    let (year, month, day) = match (date.month, date.day) {
        (1, 1) => (date.year - 1, 12, 31),
        (m, 1) => (
            date.year,
            m - 1,
            crate::base::date::days_in_month(date.year, m - 1),
        ),
        (m, d) => (date.year, m, d - 1),
    };
    PageDate {
        year,
        month,
        day,
        time: None,
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma and new lines.
fn text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, never inside a UTF-8 character, and
/// ends it with CRLF, as RFC 5545 requires.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_become_utc() {
        assert_eq!(
            utc(PageDate::parse("21.04.2021 10:00").unwrap()),
            "20210421T080000Z"
        );
        assert_eq!(
            utc(PageDate::parse("20.01.2021 00:30").unwrap()),
            "20210119T233000Z"
        );
        assert_eq!(
            compact(next_day(PageDate::parse("2021-12-31").unwrap())),
            "20220101"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "ż".repeat(60));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part}");
        }
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }
}
