//! The fields of the date, time and duration values: the one parser of their lexical forms
//! (the checks of [`DateTime::new`] and friends are this parser), the fields it gives
//! ([`DateTimeParts`], [`DateParts`], [`TimeParts`], [`DurationParts`]) and the writer of
//! lexical forms from fields. The conversions to and from the `time`, `chrono` and `jiff`
//! crates are built on these.
//!
//! Years are numbered as XSD 1.1 and ISO 8601 number them (the year before 0001 is 0000, the
//! one before that -0001; the leap-year rule holds for negative years as for positive ones),
//! except that the year 0000 itself is refused, as XSD 1.0 refuses it. So `-0044` is the
//! year -44 of the proleptic Gregorian calendar the date crates use (45 BC), and a crate's
//! year 0 has no lexical form here.

use std::fmt::Write as _;

use super::{Date, DateTime, Duration, Time};
use crate::runtime::error::ValueError;

/// The fields of a [`DateTime`], as written.
///
/// A value written `24:00:00` (the end of its day) keeps hour 24 here;
/// [`DateTimeParts::without_end_of_day`] turns it into 00:00:00 of the next day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    /// The year (never 0; negative before year 0, see
    /// [`runtime::value`](crate::runtime::value) on numbering).
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31 (a day the month has).
    pub day: u8,
    /// The hour, 0 to 23, or 24 for `24:00:00` (then minute, second and nanosecond are 0).
    pub hour: u8,
    /// The minute, 0 to 59.
    pub minute: u8,
    /// The second, 0 to 59.
    pub second: u8,
    /// The fraction of the second in nanoseconds, below 1,000,000,000. Digits written beyond
    /// the ninth are dropped (truncated, not rounded).
    pub nanosecond: u32,
    /// The zone as minutes east of UTC (`Z` is `Some(0)`, `-05:00` is `Some(-300)`), within
    /// ±840; `None` for a value written without a zone.
    pub offset_minutes: Option<i16>,
}

/// The fields of a [`Date`], as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateParts {
    /// The year (never 0; negative before year 0).
    pub year: i64,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31 (a day the month has).
    pub day: u8,
    /// The zone as minutes east of UTC, within ±840; `None` when written without one.
    pub offset_minutes: Option<i16>,
}

/// The fields of a [`Time`], as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeParts {
    /// The hour, 0 to 23, or 24 for `24:00:00` (then the other fields are 0).
    pub hour: u8,
    /// The minute, 0 to 59.
    pub minute: u8,
    /// The second, 0 to 59.
    pub second: u8,
    /// The fraction of the second in nanoseconds (digits beyond the ninth are dropped).
    pub nanosecond: u32,
    /// The zone as minutes east of UTC, within ±840; `None` when written without one.
    pub offset_minutes: Option<i16>,
}

/// The fields of a [`Duration`], as written: each unit keeps its own count (`PT90M` is 90
/// minutes, not an hour and a half), and `negative` applies to all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DurationParts {
    /// Whether the duration is written with a leading `-`.
    pub negative: bool,
    /// Years (`Y` before the `T`).
    pub years: u64,
    /// Months (`M` before the `T`).
    pub months: u64,
    /// Days.
    pub days: u64,
    /// Hours.
    pub hours: u64,
    /// Minutes (`M` after the `T`).
    pub minutes: u64,
    /// Whole seconds.
    pub seconds: u64,
    /// The fraction of the second in nanoseconds, below 1,000,000,000 (digits beyond the
    /// ninth are dropped).
    pub nanoseconds: u32,
}

impl DateTimeParts {
    /// The same instant with `24:00:00` written as 00:00:00 of the next day (other values
    /// are returned unchanged). `None` when the next day's year does not fit an `i64`.
    ///
    /// The day after `-0001-12-31` is in the year 0 here, as in the date crates (the
    /// proleptic Gregorian calendar counts a year 0), although
    /// [`DateTime::from_parts`] refuses that year.
    pub fn without_end_of_day(self) -> Option<DateTimeParts> {
        if self.hour != 24 {
            return Some(self);
        }
        let (year, month, day) = next_day(self.year, self.month, self.day)?;
        Some(DateTimeParts {
            year,
            month,
            day,
            hour: 0,
            ..self
        })
    }

    /// The date fields.
    pub fn date(&self) -> DateParts {
        DateParts {
            year: self.year,
            month: self.month,
            day: self.day,
            offset_minutes: self.offset_minutes,
        }
    }

    /// The time-of-day fields.
    pub fn time(&self) -> TimeParts {
        TimeParts {
            hour: self.hour,
            minute: self.minute,
            second: self.second,
            nanosecond: self.nanosecond,
            offset_minutes: self.offset_minutes,
        }
    }
}

impl DurationParts {
    /// A duration of `seconds` and `nanoseconds` (below 1,000,000,000) in the form
    /// `PnDTnHnMnS`: days, then hours, minutes and seconds within their day.
    #[cfg_attr(
        not(any(feature = "time", feature = "chrono", feature = "jiff")),
        allow(dead_code)
    )]
    pub(crate) fn from_seconds(negative: bool, seconds: u64, nanoseconds: u32) -> DurationParts {
        DurationParts {
            negative,
            years: 0,
            months: 0,
            days: seconds / 86_400,
            hours: seconds / 3_600 % 24,
            minutes: seconds / 60 % 60,
            seconds: seconds % 60,
            nanoseconds,
        }
    }

    /// The length in seconds and nanoseconds when the duration has a fixed length (no
    /// years, no months; a day counts 86,400 seconds), with whether it is negative.
    #[cfg_attr(
        not(any(feature = "time", feature = "chrono", feature = "jiff")),
        allow(dead_code)
    )]
    pub(crate) fn fixed_length(&self, text: &str) -> Result<(bool, u64, u32), ValueError> {
        if self.years != 0 || self.months != 0 {
            return Err(ValueError::new(
                "duration without years or months (they have no fixed length)",
                text,
            ));
        }
        let seconds = self
            .days
            .checked_mul(86_400)
            .and_then(|s| s.checked_add(self.hours.checked_mul(3_600)?))
            .and_then(|s| s.checked_add(self.minutes.checked_mul(60)?))
            .and_then(|s| s.checked_add(self.seconds))
            .ok_or_else(|| ValueError::new("duration shorter than 2^64 seconds", text))?;
        Ok((self.negative, seconds, self.nanoseconds))
    }

    /// The fixed length ([`fixed_length`](Self::fixed_length)) as signed seconds and
    /// nanoseconds of the same sign, within ±2^63 seconds (the `i64` range, as the date
    /// crates' durations have it).
    #[cfg_attr(not(any(feature = "time", feature = "jiff")), allow(dead_code))]
    pub(crate) fn signed_length(&self, text: &str) -> Result<(i64, i32), ValueError> {
        let (negative, seconds, nanos) = self.fixed_length(text)?;
        let seconds = if negative {
            0i64.checked_sub_unsigned(seconds)
        } else {
            i64::try_from(seconds).ok()
        };
        let seconds =
            seconds.ok_or_else(|| ValueError::new("duration within ±2^63 seconds", text))?;
        // Below one second: fits an i32.
        let nanos = nanos as i32;
        Ok((seconds, if negative { -nanos } else { nanos }))
    }
}

impl DateTime {
    /// The fields of the value. Fails only for a year beyond `i64` (or a value that was not
    /// checked, e.g. one deserialized with serde, which does not check).
    pub fn parts(&self) -> Result<DateTimeParts, ValueError> {
        let f = lex_date_time(self.as_str())
            .ok_or_else(|| ValueError::new("dateTime", self.as_str()))?;
        Ok(DateTimeParts {
            year: f
                .year
                .ok_or_else(|| year_too_large("dateTime", self.as_str()))?,
            month: f.month,
            day: f.day,
            hour: f.hour,
            minute: f.minute,
            second: f.second,
            nanosecond: f.nanosecond,
            offset_minutes: f.offset,
        })
    }

    /// The value with the given fields, written `yyyy-mm-ddThh:mm:ss`, then the fraction
    /// if the nanoseconds are not 0 (without trailing zeros), then the zone (`Z` for
    /// `Some(0)`, else `+hh:mm` or `-hh:mm`). Refuses fields that name no real instant (see
    /// [`DateTime::new`]) and year 0.
    pub fn from_parts(parts: DateTimeParts) -> Result<DateTime, ValueError> {
        let mut s = String::with_capacity(32);
        push_date(&mut s, parts.year, parts.month, parts.day);
        s.push('T');
        push_time(
            &mut s,
            parts.hour,
            parts.minute,
            parts.second,
            parts.nanosecond,
        );
        push_zone(&mut s, parts.offset_minutes);
        check_written(
            "dateTime",
            s,
            Some(parts.year),
            parts.nanosecond,
            lex_date_time,
        )
        .map(DateTime)
    }
}

impl Date {
    /// The fields of the value. Fails only for a year beyond `i64` (or an unchecked value).
    pub fn parts(&self) -> Result<DateParts, ValueError> {
        let f = lex_date(self.as_str()).ok_or_else(|| ValueError::new("date", self.as_str()))?;
        Ok(DateParts {
            year: f
                .year
                .ok_or_else(|| year_too_large("date", self.as_str()))?,
            month: f.month,
            day: f.day,
            offset_minutes: f.offset,
        })
    }

    /// The value with the given fields, written `yyyy-mm-dd` and the zone if any. Refuses a
    /// day its month does not have, and year 0.
    pub fn from_parts(parts: DateParts) -> Result<Date, ValueError> {
        let mut s = String::with_capacity(16);
        push_date(&mut s, parts.year, parts.month, parts.day);
        push_zone(&mut s, parts.offset_minutes);
        check_written("date", s, Some(parts.year), 0, lex_date).map(Date)
    }
}

impl Time {
    /// The fields of the value. Fails only for an unchecked value.
    pub fn parts(&self) -> Result<TimeParts, ValueError> {
        let f = lex_time(self.as_str()).ok_or_else(|| ValueError::new("time", self.as_str()))?;
        Ok(TimeParts {
            hour: f.hour,
            minute: f.minute,
            second: f.second,
            nanosecond: f.nanosecond,
            offset_minutes: f.offset,
        })
    }

    /// The value with the given fields, written `hh:mm:ss`, the fraction if not 0 (without
    /// trailing zeros) and the zone if any. Refuses fields that name no time of day.
    pub fn from_parts(parts: TimeParts) -> Result<Time, ValueError> {
        let mut s = String::with_capacity(24);
        push_time(
            &mut s,
            parts.hour,
            parts.minute,
            parts.second,
            parts.nanosecond,
        );
        push_zone(&mut s, parts.offset_minutes);
        check_written("time", s, None, parts.nanosecond, lex_time).map(Time)
    }
}

impl Duration {
    /// The fields of the value. Fails for a count beyond `u64` (or an unchecked value).
    pub fn parts(&self) -> Result<DurationParts, ValueError> {
        let d = lex_duration(self.as_str())
            .ok_or_else(|| ValueError::new("duration", self.as_str()))?;
        if d.overflow {
            return Err(ValueError::new(
                "duration whose counts fit 64 bits",
                self.as_str(),
            ));
        }
        Ok(d.parts)
    }

    /// The value with the given fields: `P`, then each unit that is not 0 in the order
    /// years, months, days, `T`, hours, minutes, seconds (with the fraction, without
    /// trailing zeros); `-` first when negative. A duration of 0 is written `PT0S`, without
    /// sign. Refuses nanoseconds of 1,000,000,000 or more.
    pub fn from_parts(parts: DurationParts) -> Result<Duration, ValueError> {
        if parts.nanoseconds >= NANOS_PER_SECOND {
            return Err(ValueError::new(
                "duration nanoseconds below 1000000000",
                &parts.nanoseconds.to_string(),
            ));
        }
        Ok(duration_of(&parts))
    }
}

pub(super) const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// A [`Time`] from the fields of a date crate's time of day: hour 0 to 23, minute and
/// second 0 to 59, nanoseconds below one second, no zone (always valid, so not checked
/// again but in debug builds).
#[cfg_attr(
    not(any(feature = "time", feature = "chrono", feature = "jiff")),
    allow(dead_code)
)]
pub(super) fn time_of_day(hour: u8, minute: u8, second: u8, nanosecond: u32) -> Time {
    let mut s = String::with_capacity(18);
    push_time(&mut s, hour, minute, second, nanosecond);
    debug_assert!(
        nanosecond < NANOS_PER_SECOND && lex_time(&s).is_some(),
        "{s}"
    );
    Time(s.into_boxed_str())
}

/// A signed length in whole seconds and nanoseconds of the same sign (as the date crates
/// give them) as days, hours, minutes and seconds (`P1DT2H30M`, `-PT0.5S`, `PT0S`).
#[cfg(any(feature = "time", feature = "chrono", feature = "jiff"))]
pub(super) fn duration_of_seconds(seconds: i64, nanos: i32) -> Duration {
    duration_of(&DurationParts::from_seconds(
        seconds < 0 || nanos < 0,
        seconds.unsigned_abs(),
        nanos.unsigned_abs() % NANOS_PER_SECOND,
    ))
}

/// A [`Duration`] from fields (always valid when the nanoseconds are below one second).
pub(super) fn duration_of(parts: &DurationParts) -> Duration {
    debug_assert!(parts.nanoseconds < NANOS_PER_SECOND);
    Duration(write_duration(parts).into_boxed_str())
}

fn year_too_large(xsd: &'static str, value: &str) -> ValueError {
    let what = match xsd {
        "date" => "date with a year that fits an i64",
        _ => "dateTime with a year that fits an i64",
    };
    ValueError::new(what, value)
}

/// Checks a lexical form written from fields with the parser that checks values read.
fn check_written(
    xsd: &'static str,
    s: String,
    year: Option<i64>,
    nanosecond: u32,
    lex: fn(&str) -> Option<Fields>,
) -> Result<Box<str>, ValueError> {
    if year == Some(0) {
        let what = match xsd {
            "date" => "date with a year other than 0000 (XSD 1.0 has no year zero)",
            _ => "dateTime with a year other than 0000 (XSD 1.0 has no year zero)",
        };
        return Err(ValueError::new(what, &s));
    }
    // A tenth fraction digit would pass the lexical check: refuse it here.
    if nanosecond >= NANOS_PER_SECOND || lex(&s).is_none() {
        return Err(ValueError::new(xsd, &s));
    }
    Ok(s.into_boxed_str())
}

fn push_date(s: &mut String, year: i64, month: u8, day: u8) {
    if year < 0 {
        s.push('-');
    }
    let _ = write!(s, "{:04}-{month:02}-{day:02}", year.unsigned_abs());
}

fn push_time(s: &mut String, hour: u8, minute: u8, second: u8, nanosecond: u32) {
    let _ = write!(s, "{hour:02}:{minute:02}:{second:02}");
    push_fraction(s, nanosecond);
}

/// `.` and the digits of `nanos` without trailing zeros; nothing for 0.
fn push_fraction(s: &mut String, nanos: u32) {
    if nanos == 0 {
        return;
    }
    let mut digits = format!("{nanos:09}");
    while digits.ends_with('0') {
        digits.pop();
    }
    s.push('.');
    s.push_str(&digits);
}

fn push_zone(s: &mut String, offset_minutes: Option<i16>) {
    match offset_minutes {
        None => {}
        Some(0) => s.push('Z'),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            let m = m.unsigned_abs();
            let _ = write!(s, "{sign}{:02}:{:02}", m / 60, m % 60);
        }
    }
}

fn write_duration(p: &DurationParts) -> String {
    let mut s = String::with_capacity(24);
    let zero = p.years == 0
        && p.months == 0
        && p.days == 0
        && p.hours == 0
        && p.minutes == 0
        && p.seconds == 0
        && p.nanoseconds == 0;
    if zero {
        s.push_str("PT0S");
        return s;
    }
    if p.negative {
        s.push('-');
    }
    s.push('P');
    for (n, unit) in [(p.years, 'Y'), (p.months, 'M'), (p.days, 'D')] {
        if n != 0 {
            let _ = write!(s, "{n}{unit}");
        }
    }
    if p.hours != 0 || p.minutes != 0 || p.seconds != 0 || p.nanoseconds != 0 {
        s.push('T');
        for (n, unit) in [(p.hours, 'H'), (p.minutes, 'M')] {
            if n != 0 {
                let _ = write!(s, "{n}{unit}");
            }
        }
        if p.seconds != 0 || p.nanoseconds != 0 {
            let _ = write!(s, "{}", p.seconds);
            push_fraction(&mut s, p.nanoseconds);
            s.push('S');
        }
    }
    s
}

/// The day after `year-month-day` (a real day); `None` when the year overflows.
fn next_day(year: i64, month: u8, day: u8) -> Option<(i64, u8, u8)> {
    if day < days_in_month(is_leap(year), month) {
        Some((year, month, day + 1))
    } else if month < 12 {
        Some((year, month + 1, 1))
    } else {
        Some((year.checked_add(1)?, 1, 1))
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12).
fn days_in_month(leap: bool, month: u8) -> u8 {
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// The parser.

/// What a date, time or dateTime lexical form holds (the fields its kind lacks stay 0).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fields {
    /// `None` when the year does not fit an `i64` (the value is still a valid one).
    year: Option<i64>,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset: Option<i16>,
}

/// A duration's fields; `overflow` when a count does not fit a `u64`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct DurationFields {
    parts: DurationParts,
    overflow: bool,
}

/// `yyyy-mm-ddThh:mm:ss[.f*][zone]`, a real instant.
pub(super) fn lex_date_time(s: &str) -> Option<Fields> {
    let (s, offset) = split_zone(s)?;
    let (d, t) = s.split_once('T')?;
    let date = lex_date_only(d)?;
    let time = lex_time_only(t)?;
    Some(Fields {
        offset,
        ..merge(date, time)
    })
}

/// `yyyy-mm-dd[zone]`, a real day.
pub(super) fn lex_date(s: &str) -> Option<Fields> {
    let (s, offset) = split_zone(s)?;
    Some(Fields {
        offset,
        ..lex_date_only(s)?
    })
}

/// `hh:mm:ss[.f*][zone]`, a real time of day.
pub(super) fn lex_time(s: &str) -> Option<Fields> {
    let (s, offset) = split_zone(s)?;
    Some(Fields {
        offset,
        ..lex_time_only(s)?
    })
}

fn merge(date: Fields, time: Fields) -> Fields {
    Fields {
        year: date.year,
        month: date.month,
        day: date.day,
        ..time
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

/// The value of two ASCII digits (checked by the caller).
fn two(s: &str) -> u8 {
    s.bytes().fold(0, |n, b| n * 10 + (b - b'0'))
}

/// Splits a trailing zone (`Z`, `+hh:mm`, `-hh:mm`) off a date/time lexical form, with its
/// minutes east of UTC (`None` for no zone); `None` when the zone is out of range (beyond
/// ±14:00).
fn split_zone(s: &str) -> Option<(&str, Option<i16>)> {
    if let Some(rest) = s.strip_suffix('Z') {
        return Some((rest, Some(0)));
    }
    if s.len() > 6 && s.is_char_boundary(s.len() - 6) {
        let (head, zone) = s.split_at(s.len() - 6);
        let zb = zone.as_bytes();
        if (zb[0] == b'+' || zb[0] == b'-')
            && zb[3] == b':'
            && digits(&zone[1..3], 2)
            && digits(&zone[4..], 2)
        {
            let (h, m) = (two(&zone[1..3]), two(&zone[4..]));
            if m > 59 || h > 14 || (h == 14 && m != 0) {
                return None;
            }
            let minutes = i16::from(h) * 60 + i16::from(m);
            return Some((head, Some(if zb[0] == b'-' { -minutes } else { minutes })));
        }
    }
    Some((s, None))
}

/// `yyyy-mm-dd` (the year may be longer and negative): a real calendar day.
fn lex_date_only(s: &str) -> Option<Fields> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if !(y.len() >= 4 && y.bytes().all(|b| b.is_ascii_digit()) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    if y.bytes().all(|b| b == b'0') {
        return None;
    }
    let (month, day) = (two(m), two(d));
    // The leap rule needs only the last four digits (4, 100 and 400 divide 10,000), so
    // years beyond i64 are checked too.
    let y4 = y[y.len() - 4..]
        .bytes()
        .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(is_leap(y4), month) {
        return None;
    }
    let year = y
        .bytes()
        .try_fold(0i64, |n, b| {
            n.checked_mul(10)?.checked_add(i64::from(b - b'0'))
        })
        .map(|n| if negative { -n } else { n });
    Some(Fields {
        year,
        month,
        day,
        ..Fields::default()
    })
}

/// `hh:mm:ss` with an optional fraction: a real time of day (`24:00:00` is the end of the
/// day).
fn lex_time_only(s: &str) -> Option<Fields> {
    let (hms, frac) = match s.split_once('.') {
        Some((a, f)) => (a, Some(f)),
        None => (s, None),
    };
    let mut parts = hms.splitn(3, ':');
    let (h, m, sec) = (parts.next()?, parts.next()?, parts.next()?);
    let lexical = digits(h, 2)
        && digits(m, 2)
        && digits(sec, 2)
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !lexical {
        return None;
    }
    let (hour, minute, second) = (two(h), two(m), two(sec));
    let nanosecond = frac.map_or(0, nanos);
    let end_of_day = hour == 24
        && minute == 0
        && second == 0
        && frac.is_none_or(|f| f.bytes().all(|b| b == b'0'));
    if !(end_of_day || (hour <= 23 && minute <= 59 && second <= 59)) {
        return None;
    }
    Some(Fields {
        hour,
        minute,
        second,
        nanosecond,
        ..Fields::default()
    })
}

/// The first nine digits of a fraction as nanoseconds (ASCII digits, checked by the caller).
fn nanos(frac: &str) -> u32 {
    let mut n = 0u32;
    for i in 0..9 {
        let d = frac.as_bytes().get(i).map_or(0, |b| u32::from(b - b'0'));
        n = n * 10 + d;
    }
    n
}

/// `-?P(nY)?(nM)?(nD)?(T(nH)?(nM)?(n(.n)?S)?)?` with at least one unit, and at least one
/// after a `T`: units in this order, each at most once, a fraction only on the seconds.
pub(super) fn lex_duration(s: &str) -> Option<DurationFields> {
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let rest = s.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    if rest.is_empty() || time == Some("") {
        return None;
    }
    let mut out = DurationFields::default();
    out.parts.negative = negative;
    let mut date_counts = [0u64; 3];
    units(date, b"YMD", &mut date_counts, &mut out)?;
    let mut time_counts = [0u64; 3];
    units(time.unwrap_or(""), b"HMS", &mut time_counts, &mut out)?;
    [out.parts.years, out.parts.months, out.parts.days] = date_counts;
    [out.parts.hours, out.parts.minutes, out.parts.seconds] = time_counts;
    Some(out)
}

/// Reads `<number><unit>` pairs whose units come in the order of `order`, each at most
/// once, into `counts` (same order). Only the last unit (the seconds, `S`) takes a
/// fraction, which goes to `out.parts.nanoseconds`.
fn units(
    mut s: &str,
    order: &[u8; 3],
    counts: &mut [u64; 3],
    out: &mut DurationFields,
) -> Option<()> {
    let mut next = 0;
    while !s.is_empty() {
        let n = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
        let (number, rest) = s.split_at(n);
        let unit = *rest.as_bytes().first()?;
        let at = next + order.get(next..)?.iter().position(|&u| u == unit)?;
        next = at + 1;
        let (whole, frac) = match number.split_once('.') {
            Some((w, f)) if unit == b'S' => (w, Some(f)),
            Some(_) => return None,
            None => (number, None),
        };
        let frac_digits = frac.unwrap_or("");
        if whole.is_empty() && frac_digits.is_empty() {
            return None;
        }
        if !frac_digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match whole.bytes().try_fold(0u64, |n, b| {
            n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        }) {
            Some(v) => counts[at] = v,
            None => out.overflow = true,
        }
        if frac.is_some() {
            out.parts.nanoseconds = nanos(frac_digits);
        }
        // The unit is one ASCII byte.
        s = &rest[1..];
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTimeParts {
        DateTime::new(s).unwrap().parts().unwrap()
    }

    #[test]
    fn date_time_fields() {
        assert_eq!(
            dt("2026-02-28T13:45:06.5-08:00"),
            DateTimeParts {
                year: 2026,
                month: 2,
                day: 28,
                hour: 13,
                minute: 45,
                second: 6,
                nanosecond: 500_000_000,
                offset_minutes: Some(-480),
            }
        );
        let p = dt("-0044-03-15T12:00:00");
        assert_eq!(
            (p.year, p.month, p.day, p.offset_minutes),
            (-44, 3, 15, None)
        );
        assert_eq!(dt("12026-04-30T00:00:00Z").year, 12026);
        assert_eq!(dt("2026-01-01T00:00:00Z").offset_minutes, Some(0));
        assert_eq!(dt("2026-01-01T00:00:00-00:00").offset_minutes, Some(0));
        assert_eq!(dt("2026-01-01T00:00:00+14:00").offset_minutes, Some(840));
        assert_eq!(dt("2026-01-01T00:00:00-14:00").offset_minutes, Some(-840));
        assert_eq!(dt("2026-01-01T00:00:00+05:45").offset_minutes, Some(345));
        // Fractions: padded to nine digits, truncated beyond.
        assert_eq!(dt("2026-01-01T00:00:00.000000001").nanosecond, 1);
        assert_eq!(dt("2026-01-01T00:00:00.1234567899").nanosecond, 123_456_789);
        assert_eq!(dt("2026-01-01T00:00:00.12").nanosecond, 120_000_000);
        // Surrounding whitespace is trimmed when the value is made.
        assert_eq!(dt(" 2026-01-01T01:02:03 \n").second, 3);
    }

    #[test]
    fn huge_years() {
        let max = DateTime::new("9223372036854775807-12-31T24:00:00").unwrap();
        let p = max.parts().unwrap();
        assert_eq!(p.year, i64::MAX);
        assert_eq!(p.without_end_of_day(), None);
        let min = DateTime::new("-9223372036854775807-01-01T00:00:00").unwrap();
        assert_eq!(min.parts().unwrap().year, -i64::MAX);
        // Valid, but beyond i64: checked, refused only by parts().
        let beyond = DateTime::new("99999999999999999999-02-29T00:00:00Z");
        assert!(beyond.is_err(), "not a leap year (…9999)");
        let beyond = DateTime::new("99999999999999999996-02-29T00:00:00Z").unwrap();
        let err = beyond.parts().unwrap_err();
        assert!(err.expected.contains("i64"), "{err}");
        assert!(Date::new("-99999999999999999999-01-01")
            .unwrap()
            .parts()
            .is_err());
    }

    #[test]
    fn end_of_day() {
        let p = dt("2024-02-28T24:00:00Z");
        assert_eq!((p.hour, p.minute), (24, 0));
        let n = p.without_end_of_day().unwrap();
        assert_eq!((n.year, n.month, n.day, n.hour), (2024, 2, 29, 0));
        assert_eq!(n.offset_minutes, Some(0));
        let n = dt("2023-02-28T24:00:00").without_end_of_day().unwrap();
        assert_eq!((n.month, n.day), (3, 1));
        let n = dt("2026-12-31T24:00:00.000").without_end_of_day().unwrap();
        assert_eq!((n.year, n.month, n.day, n.nanosecond), (2027, 1, 1, 0));
        let n = dt("-0001-12-31T24:00:00").without_end_of_day().unwrap();
        assert_eq!((n.year, n.month, n.day), (0, 1, 1));
        let n = dt("2026-04-30T24:00:00").without_end_of_day().unwrap();
        assert_eq!((n.month, n.day), (5, 1));
        let same = dt("2026-04-30T23:59:59");
        assert_eq!(same.without_end_of_day(), Some(same));
    }

    #[test]
    fn date_and_time_fields() {
        let d = Date::new("2000-02-29-05:30").unwrap().parts().unwrap();
        assert_eq!(
            d,
            DateParts {
                year: 2000,
                month: 2,
                day: 29,
                offset_minutes: Some(-330)
            }
        );
        let t = Time::new("23:59:59.999999999999Z")
            .unwrap()
            .parts()
            .unwrap();
        assert_eq!(
            t,
            TimeParts {
                hour: 23,
                minute: 59,
                second: 59,
                nanosecond: 999_999_999,
                offset_minutes: Some(0)
            }
        );
        assert_eq!(Time::new("24:00:00").unwrap().parts().unwrap().hour, 24);
    }

    fn du(s: &str) -> DurationParts {
        Duration::new(s).unwrap().parts().unwrap()
    }

    #[test]
    fn duration_fields() {
        assert_eq!(
            du("-P1Y2M3DT4H5M6.7S"),
            DurationParts {
                negative: true,
                years: 1,
                months: 2,
                days: 3,
                hours: 4,
                minutes: 5,
                seconds: 6,
                nanoseconds: 700_000_000,
            }
        );
        assert_eq!(du("PT90M").minutes, 90);
        assert_eq!(du("PT90M").hours, 0);
        assert_eq!(du("P2M").months, 2);
        assert_eq!(du("P2M").minutes, 0);
        assert_eq!(du("PT.5S").nanoseconds, 500_000_000);
        assert_eq!(du("PT1.S").seconds, 1);
        assert_eq!(du("PT0.0000000019S").nanoseconds, 1);
        assert_eq!(du("P18446744073709551615D").days, u64::MAX);
        let big = Duration::new("P18446744073709551616D").unwrap();
        assert!(big.parts().is_err());
    }

    #[test]
    fn duration_grammar() {
        for ok in [
            "P1Y",
            "PT0S",
            "-PT15M",
            "P1DT0H",
            "P0Y0M0DT0H30M0S",
            "PT1.5S",
        ] {
            assert!(lex_duration(ok).is_some(), "{ok}");
        }
        for bad in [
            "", "P", "PT", "-P", "P1YT", "1Y", "P1D2Y", "P1D1D", "PT1S2M", "P1.5Y", "PT1.5M",
            "PT.S", "PT1.2.3S", "P1Y-2M", "+P1Y", "P1H", "PT1D", "P1", "PT1", "P T1H", "P1Yé",
            "PT1S ",
        ] {
            assert!(lex_duration(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn writing() {
        let p = dt("2026-02-28T13:45:06.5-08:00");
        assert_eq!(
            DateTime::from_parts(p).unwrap().as_str(),
            "2026-02-28T13:45:06.5-08:00"
        );
        let utc = DateTimeParts {
            offset_minutes: Some(0),
            nanosecond: 0,
            ..p
        };
        assert_eq!(
            DateTime::from_parts(utc).unwrap().as_str(),
            "2026-02-28T13:45:06Z"
        );
        let old = dt("-0044-03-15T12:00:00");
        assert_eq!(
            DateTime::from_parts(old).unwrap().as_str(),
            "-0044-03-15T12:00:00"
        );
        for bad in [
            DateTimeParts { day: 29, ..p },
            DateTimeParts { month: 13, ..p },
            DateTimeParts { hour: 24, ..p },
            DateTimeParts { year: 0, ..p },
            DateTimeParts {
                nanosecond: 1_000_000_000,
                ..p
            },
            DateTimeParts {
                offset_minutes: Some(841),
                ..p
            },
        ] {
            assert!(DateTime::from_parts(bad).is_err(), "{bad:?}");
        }
        let err = DateTime::from_parts(DateTimeParts { year: 0, ..p }).unwrap_err();
        assert!(err.expected.contains("0000"), "{err}");
        assert_eq!(
            Time::from_parts(TimeParts {
                hour: 7,
                minute: 5,
                second: 0,
                nanosecond: 120,
                offset_minutes: Some(-61)
            })
            .unwrap()
            .as_str(),
            "07:05:00.00000012-01:01"
        );
        assert_eq!(
            Duration::from_parts(du("-P1Y2M3DT4H5M6.7S"))
                .unwrap()
                .as_str(),
            "-P1Y2M3DT4H5M6.7S"
        );
        assert_eq!(Duration::from_parts(du("-PT0S")).unwrap().as_str(), "PT0S");
        assert_eq!(
            Duration::from_parts(du("P0Y0M0DT0H30M0S"))
                .unwrap()
                .as_str(),
            "PT30M"
        );
        assert_eq!(
            Duration::from_parts(du("PT0.000S")).unwrap().as_str(),
            "PT0S"
        );
        assert_eq!(Duration::from_parts(du("P1D")).unwrap().as_str(), "P1D");
        assert!(Duration::from_parts(DurationParts {
            nanoseconds: 1_000_000_000,
            ..DurationParts::default()
        })
        .is_err());
    }

    #[test]
    fn canonical_seconds() {
        let p = DurationParts::from_seconds(false, 90_061, 5);
        assert_eq!(write_duration(&p), "P1DT1H1M1.000000005S");
        assert_eq!(p.fixed_length("").unwrap(), (false, 90_061, 5));
        let p = DurationParts::from_seconds(true, u64::MAX, 999_999_999);
        assert_eq!(p.fixed_length("").unwrap(), (true, u64::MAX, 999_999_999));
        assert!(du("P1Y").fixed_length("P1Y").is_err());
        assert!(du("P213503982334602D").fixed_length("x").is_err());
        assert!(du("P213503982334601DT7H16S").fixed_length("x").is_err());
        assert_eq!(
            du("-PT9223372036854775808.5S").signed_length("").unwrap(),
            (i64::MIN, -500_000_000)
        );
        assert!(du("PT9223372036854775808S").signed_length("").is_err());
        assert_eq!(
            du("PT1M0.25S").signed_length("").unwrap(),
            (60, 250_000_000)
        );
        assert!(du("P213503982334601DT7H").fixed_length("x").is_ok());
    }
}
