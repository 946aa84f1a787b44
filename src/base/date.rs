//! Publication dates as clerks write them: ISO `2021-01-20` or `20.01.2021`,
//! optionally with a time (`2021-01-20 10:30`, `2021-01-20T10:30:00`).
//! Formatting in Polish uses the genitive month ("20 stycznia 2021").

use crate::base::diagnostic::text;
use crate::base::diagnostic::{Lang, Text};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// Hour, minute and second when the front matter gives a time of day.
    pub time: Option<(u8, u8, u8)>,
}

/// Month names in the genitive, as dates are written in Polish: "20 stycznia 2021".
pub const MONTHS_PL_GENITIVE: [&str; 12] = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
];

/// Month names in the nominative, for "luty 2021" and archive headings.
pub const MONTHS_PL_NOMINATIVE: [&str; 12] = [
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PageDate {
    /// Parses a date written in one of the accepted forms; the error text says
    /// what is wrong in words a clerk understands.
    pub fn parse(input: &str) -> Result<PageDate, Text> {
        let input = input.trim();
        let input = input
            .strip_suffix(" r.")
            .or_else(|| input.strip_suffix(" r"))
            .unwrap_or(input);
        let (date_part, time_part) = split_time(input);
        let (year, month, day) = parse_ymd(date_part).ok_or_else(|| {
            text!(
                "„{input}” nie jest datą; napisz ją jako 20.01.2021 albo 2021-01-20",
                "`{input}` is not a date; write it as 20.01.2021 or 2021-01-20"
            )
        })?;
        check_calendar(year, month, day, input)?;
        let time = match time_part {
            None => None,
            Some(t) => Some(parse_time(t).ok_or_else(|| {
                text!(
                    "„{t}” nie jest godziną; napisz ją jako 10:30",
                    "`{t}` is not a time of day; write it as 10:30"
                )
            })?),
        };
        Ok(PageDate {
            year,
            month,
            day,
            time,
        })
    }

    /// The same day without its time, for comparing days.
    pub fn date_only(self) -> PageDate {
        PageDate { time: None, ..self }
    }

    /// Today's date in UTC, from the system clock. Used only for warnings,
    /// never for output, which must not depend on when it was built.
    pub fn today_utc() -> PageDate {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let (year, month, day) = civil_from_days((seconds / 86_400) as i64);
        PageDate {
            year,
            month,
            day,
            time: None,
        }
    }

    /// `2021-01-20`, for `<time datetime>` and sorting.
    pub fn iso_date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `20.01.2021`, the form used in Polish documents.
    pub fn numeric(&self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }

    /// "20 stycznia 2021" or "20 January 2021".
    pub fn long(&self, lang: Lang) -> String {
        let index = usize::from(self.month - 1);
        let month = match lang {
            Lang::Pl => MONTHS_PL_GENITIVE[index],
            Lang::En => MONTHS_EN[index],
        };
        // A no-break space keeps the day with its month, as Polish typography asks.
        format!("{}\u{a0}{month} {}", self.day, self.year)
    }
}

impl fmt::Display for PageDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.iso_date())?;
        if let Some((h, m, s)) = self.time {
            write!(f, "T{h:02}:{m:02}:{s:02}")?;
        }
        Ok(())
    }
}

/// The date as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// Machine-readable value for `<time datetime>`.
    pub iso: String,
    /// Human-readable value in the site's language.
    pub long: String,
    pub numeric: String,
    pub year: u16,
    /// `10:30` when the date has a time of day.
    pub time: Option<String>,
    /// For `<time datetime>` with the time: `2021-04-21T10:30`.
    pub datetime: String,
}

impl PageDate {
    pub fn view(&self, lang: Lang) -> DateView {
        DateView {
            iso: self.iso_date(),
            long: self.long(lang),
            numeric: self.numeric(),
            year: self.year,
            time: self.time.map(|(h, m, _)| format!("{h:02}:{m:02}")),
            datetime: match self.time {
                Some((h, m, _)) => format!("{}T{h:02}:{m:02}", self.iso_date()),
                None => self.iso_date(),
            },
        }
    }
}

/// "Styczeń 2021" / "January 2021": a month as a heading names it.
pub fn month_heading(year: u16, month: u8, lang: Lang) -> String {
    let index = usize::from(month.clamp(1, 12) - 1);
    let name = match lang {
        Lang::Pl => MONTHS_PL_NOMINATIVE[index],
        Lang::En => MONTHS_EN[index],
    };
    let mut chars = name.chars();
    let capitalised: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{capitalised} {year}")
}

fn split_time(input: &str) -> (&str, Option<&str>) {
    match input.find(['T', ' ']) {
        Some(i) => (&input[..i], Some(input[i + 1..].trim())),
        None => (input, None),
    }
}

fn parse_ymd(s: &str) -> Option<(u16, u8, u8)> {
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                    None
                } else {
                    p.parse().ok()
                }
            })
            .collect()
    };
    if s.contains('-') {
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() != 3 || parts[0].len() != 4 {
            return None;
        }
        let n = numbers(parts)?;
        Some((
            u16::try_from(n[0]).ok()?,
            u8::try_from(n[1]).ok()?,
            u8::try_from(n[2]).ok()?,
        ))
    } else if s.contains('.') {
        let parts: Vec<&str> = s.trim_end_matches(['r', '.', ' ']).split('.').collect();
        if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
            return None;
        }
        let n = numbers(parts)?;
        Some((
            u16::try_from(n[2]).ok()?,
            u8::try_from(n[1]).ok()?,
            u8::try_from(n[0]).ok()?,
        ))
    } else {
        None
    }
}

fn check_calendar(year: u16, month: u8, day: u8, input: &str) -> Result<(), Text> {
    if !(1..=12).contains(&month) {
        return Err(text!(
            "w dacie „{input}” miesiąc {month} nie istnieje (miesiące mają numery 1–12)",
            "in the date `{input}` month {month} does not exist (months are 1–12)"
        ));
    }
    let days = days_in_month(year, month);
    if day == 0 || day > days {
        let name_pl = MONTHS_PL_NOMINATIVE[usize::from(month - 1)];
        let name_en = MONTHS_EN[usize::from(month - 1)];
        return Err(text!(
            "data „{input}” nie istnieje: {name_pl} {year} r. ma {days} dni",
            "the date `{input}` does not exist: {name_en} {year} has {days} days"
        ));
    }
    Ok(())
}

/// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Day of the month of the last Sunday of `month` in `year`.
fn last_sunday(year: u16, month: u8) -> u8 {
    let last = days_in_month(year, month);
    let days = days_from_civil(i64::from(year), i64::from(month), i64::from(last));
    // 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on Sundays.
    last - (days + 4).rem_euclid(7) as u8
}

const WEEKDAYS_EN: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS_EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl PageDate {
    /// Poland's offset from UTC in hours on this day and time: +2 in summer
    /// time (from the last Sunday of March to the last Sunday of October),
    /// +1 otherwise.
    pub fn warsaw_offset_hours(&self) -> i32 {
        let (h, _, _) = self.time.unwrap_or((0, 0, 0));
        let march = last_sunday(self.year, 3);
        let october = last_sunday(self.year, 10);
        let summer = match self.month {
            4..=9 => true,
            3 => self.day > march || (self.day == march && h >= 2),
            10 => self.day < october || (self.day == october && h < 3),
            _ => false,
        };
        if summer {
            2
        } else {
            1
        }
    }

    /// RFC 3339 with Poland's offset, for Atom: `2021-01-20T10:30:00+01:00`.
    pub fn rfc3339(&self) -> String {
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        format!(
            "{}T{h:02}:{m:02}:{s:02}+{:02}:00",
            self.iso_date(),
            self.warsaw_offset_hours()
        )
    }

    /// RFC 822 with Poland's offset, for RSS: `Wed, 20 Jan 2021 10:30:00 +0100`.
    pub fn rfc822(&self) -> String {
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let weekday = WEEKDAYS_EN[(days + 4).rem_euclid(7) as usize];
        let month = MONTHS_EN_SHORT[usize::from(self.month - 1)];
        format!(
            "{weekday}, {:02} {month} {} {h:02}:{m:02}:{s:02} +{:02}00",
            self.day,
            self.year,
            self.warsaw_offset_hours()
        )
    }
}

/// Year, month and day of a count of days since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (u16::try_from(year).unwrap_or(u16::MAX), month, day)
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

fn parse_time(s: &str) -> Option<(u8, u8, u8)> {
    // Drop a trailing zone designator; the time is local to the site.
    let s = s.trim_end_matches('Z');
    let s = s.split(['+', '-']).next().unwrap_or(s);
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut values = parts
        .iter()
        .map(|p| p.split('.').next().unwrap_or("").parse::<u8>());
    let h = values.next()?.ok()?;
    let m = values.next()?.ok()?;
    let sec = match values.next() {
        Some(v) => v.ok()?,
        None => 0,
    };
    (h < 24 && m < 60 && sec < 60).then_some((h, m, sec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iso_and_polish_forms() {
        let iso = PageDate::parse("2021-01-20").unwrap();
        let pl = PageDate::parse("20.01.2021").unwrap();
        assert_eq!(iso, pl);
        assert_eq!(
            PageDate::parse("5.3.2021").unwrap().iso_date(),
            "2021-03-05"
        );
        assert_eq!(
            PageDate::parse("20.01.2021 r.").unwrap().iso_date(),
            "2021-01-20"
        );
        let timed = PageDate::parse("2021-01-20T10:30:00+01:00").unwrap();
        assert_eq!(timed.time, Some((10, 30, 0)));
        assert!(timed > iso);
        assert_eq!(
            PageDate::parse("2021-01-20T10:30:00-05:00").unwrap().time,
            Some((10, 30, 0))
        );
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        let err = PageDate::parse("31.02.2021").unwrap_err();
        assert!(err.pl.contains("28 dni"), "{}", err.pl);
        assert!(err.en.contains("February 2021 has 28 days"), "{}", err.en);
        assert!(PageDate::parse("29.02.2024").is_ok());
        assert!(PageDate::parse("2021-13-01").is_err());
        assert!(PageDate::parse("wczoraj").is_err());
        assert!(PageDate::parse("2021-01-20 25:00").is_err());
    }

    #[test]
    fn feed_dates_carry_the_polish_offset() {
        let winter = PageDate::parse("20.01.2021").unwrap();
        assert_eq!(winter.rfc3339(), "2021-01-20T00:00:00+01:00");
        assert_eq!(winter.rfc822(), "Wed, 20 Jan 2021 00:00:00 +0100");
        let summer = PageDate::parse("2021-06-24 18:30").unwrap();
        assert_eq!(summer.rfc3339(), "2021-06-24T18:30:00+02:00");
        assert_eq!(summer.rfc822(), "Thu, 24 Jun 2021 18:30:00 +0200");
        // 2021: summer time from 28 March to 31 October.
        assert_eq!(last_sunday(2021, 3), 28);
        assert_eq!(last_sunday(2021, 10), 31);
        assert_eq!(
            PageDate::parse("2021-03-27").unwrap().warsaw_offset_hours(),
            1
        );
        assert_eq!(
            PageDate::parse("2021-03-29").unwrap().warsaw_offset_hours(),
            2
        );
        assert_eq!(
            PageDate::parse("2021-10-30").unwrap().warsaw_offset_hours(),
            2
        );
        assert_eq!(
            PageDate::parse("2021-11-01").unwrap().warsaw_offset_hours(),
            1
        );
        assert_eq!(days_from_civil(2024, 1, 20), 19_742);
    }

    #[test]
    fn civil_dates_from_day_counts() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_742), (2024, 1, 20));
        assert_eq!(civil_from_days(20_418), (2025, 11, 26));
        assert!(PageDate::today_utc().year >= 2025);
    }

    #[test]
    fn formats_polish_genitive_months() {
        let d = PageDate::parse("2021-09-01").unwrap();
        assert_eq!(d.long(Lang::Pl), "1\u{a0}września 2021");
        assert_eq!(d.long(Lang::En), "1\u{a0}September 2021");
        assert_eq!(d.numeric(), "01.09.2021");
    }
}
