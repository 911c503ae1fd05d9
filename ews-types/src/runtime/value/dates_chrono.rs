//! Conversions to and from `chrono`'s types (cargo feature `chrono`), built on the fields of
//! [`dates`](super::dates). See the [module](super) for what they decide.

use chrono::{
    Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
    Timelike,
};

use super::dates::{self, DateParts, DateTimeParts, NANOS_PER_SECOND};
use super::{Date, DateTime, Duration, Time};
use crate::runtime::error::ValueError;

impl DateTime {
    /// The instant, as a `chrono::DateTime` in the value's own offset. Fails for a value
    /// without a zone (a wall-clock time in a zone the value does not say: see
    /// [`to_chrono_or`](Self::to_chrono_or)) and for a year outside chrono's range
    /// (about ±262,000). `24:00:00` is 00:00:00 of the next day; fraction digits beyond
    /// nanoseconds are truncated.
    pub fn to_chrono(&self) -> Result<chrono::DateTime<FixedOffset>, ValueError> {
        let parts = self.parts()?;
        let minutes = parts
            .offset_minutes
            .ok_or_else(|| ValueError::new("dateTime with a time zone", self.as_str()))?;
        zoned(parts, offset(minutes, self.as_str())?, self.as_str())
    }

    /// The instant, as a `chrono::DateTime` in the value's own offset, or in `assumed` when
    /// the value has no zone (e.g. the offset of the time zone the request named). Fails
    /// for a year outside chrono's range.
    pub fn to_chrono_or(
        &self,
        assumed: FixedOffset,
    ) -> Result<chrono::DateTime<FixedOffset>, ValueError> {
        let parts = self.parts()?;
        let offset = match parts.offset_minutes {
            Some(minutes) => offset(minutes, self.as_str())?,
            None => assumed,
        };
        zoned(parts, offset, self.as_str())
    }

    /// The date and time as written, as a `chrono::NaiveDateTime`; a zone, if the value has
    /// one, is dropped (not applied). Fails for a year outside chrono's range.
    pub fn to_chrono_naive(&self) -> Result<NaiveDateTime, ValueError> {
        naive(self.parts()?, self.as_str())
    }
}

impl Date {
    /// The date as a `chrono::NaiveDate`; a zone, if the value has one, is dropped. Fails
    /// for a year outside chrono's range.
    pub fn to_chrono(&self) -> Result<NaiveDate, ValueError> {
        let p = self.parts()?;
        calendar_date(p.year, p.month, p.day)
            .ok_or_else(|| ValueError::new("date within chrono's years", self.as_str()))
    }
}

impl Time {
    /// The time of day as a `chrono::NaiveTime`; a zone, if the value has one, is dropped,
    /// `24:00:00` is 00:00:00, and fraction digits beyond nanoseconds are truncated.
    pub fn to_chrono(&self) -> Result<NaiveTime, ValueError> {
        let p = self.parts()?;
        NaiveTime::from_hms_nano_opt(
            u32::from(p.hour % 24),
            p.minute.into(),
            p.second.into(),
            p.nanosecond,
        )
        .ok_or_else(|| ValueError::new("time", self.as_str()))
    }
}

impl Duration {
    /// The length as a `chrono::TimeDelta`, a day counting 86,400 seconds. Fails for a
    /// value with years or months (they have no fixed length) unless they are 0, and for a
    /// length beyond `TimeDelta`'s range (±2^63 milliseconds). Fraction digits beyond
    /// nanoseconds are truncated.
    pub fn to_chrono(&self) -> Result<TimeDelta, ValueError> {
        let (negative, seconds, nanos) = self.parts()?.fixed_length(self.as_str())?;
        let delta = i64::try_from(seconds)
            .ok()
            .and_then(|s| TimeDelta::new(s, nanos))
            .ok_or_else(|| {
                ValueError::new("duration within chrono::TimeDelta's range", self.as_str())
            })?;
        // TimeDelta's range is symmetric: negating never overflows.
        Ok(if negative { -delta } else { delta })
    }
}

impl<Tz: TimeZone> TryFrom<chrono::DateTime<Tz>> for DateTime {
    type Error = ValueError;

    /// The instant in its offset (`Z` for UTC, else `+hh:mm`), with a fraction only when
    /// the nanoseconds are not 0. An offset that `xs:dateTime` cannot hold (with seconds,
    /// or beyond ±14:00) is replaced by UTC, keeping the instant. Fails for the year 0
    /// (which `xs:dateTime` lacks) and for a leap second.
    fn try_from(value: chrono::DateTime<Tz>) -> Result<Self, ValueError> {
        let fixed = value.offset().fix();
        let seconds = fixed.local_minus_utc();
        let utc = value.naive_utc();
        let (local, minutes) = match utc.checked_add_offset(fixed) {
            Some(local) if seconds % 60 == 0 && seconds.unsigned_abs() <= 14 * 3600 => {
                // Within ±840 minutes: fits an i16.
                (local, (seconds / 60) as i16)
            }
            _ => (utc, 0),
        };
        DateTime::from_parts(DateTimeParts {
            offset_minutes: Some(minutes),
            ..date_time_parts(local)?
        })
    }
}

impl TryFrom<NaiveDateTime> for DateTime {
    type Error = ValueError;

    /// The date and time without a zone. Fails for the year 0 (which `xs:dateTime` lacks)
    /// and for a leap second.
    fn try_from(value: NaiveDateTime) -> Result<Self, ValueError> {
        DateTime::from_parts(date_time_parts(value)?)
    }
}

impl TryFrom<NaiveDate> for Date {
    type Error = ValueError;

    /// The date without a zone. Fails for the year 0 (which `xs:date` lacks).
    fn try_from(value: NaiveDate) -> Result<Self, ValueError> {
        Date::from_parts(DateParts {
            year: value.year().into(),
            month: small(value.month()),
            day: small(value.day()),
            offset_minutes: None,
        })
    }
}

impl TryFrom<NaiveTime> for Time {
    type Error = ValueError;

    /// The time of day without a zone, with a fraction only when the nanoseconds are not
    /// 0. Fails for a leap second (`23:59:60`), which `xs:time` lacks.
    fn try_from(value: NaiveTime) -> Result<Self, ValueError> {
        if value.nanosecond() >= NANOS_PER_SECOND {
            return Err(leap_second(&value));
        }
        Ok(dates::time_of_day(
            small(value.hour()),
            small(value.minute()),
            small(value.second()),
            value.nanosecond(),
        ))
    }
}

impl From<TimeDelta> for Duration {
    /// The length as days, hours, minutes and seconds (`P1DT2H30M`, `-PT0.5S`, `PT0S`).
    fn from(value: TimeDelta) -> Self {
        dates::duration_of_seconds(value.num_seconds(), value.subsec_nanos())
    }
}

/// A month, day, hour, minute or second from chrono (at most 60, so it fits a u8; a
/// larger one becomes 255, which `from_parts` refuses).
fn small(n: u32) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

fn leap_second(value: &dyn std::fmt::Debug) -> ValueError {
    ValueError::new(
        "time without a leap second (xs:time has no second 60)",
        &format!("{value:?}"),
    )
}

fn date_time_parts(value: NaiveDateTime) -> Result<DateTimeParts, ValueError> {
    if value.nanosecond() >= NANOS_PER_SECOND {
        return Err(leap_second(&value));
    }
    Ok(DateTimeParts {
        year: value.year().into(),
        month: small(value.month()),
        day: small(value.day()),
        hour: small(value.hour()),
        minute: small(value.minute()),
        second: small(value.second()),
        nanosecond: value.nanosecond(),
        offset_minutes: None,
    })
}

fn calendar_date(year: i64, month: u8, day: u8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month.into(), day.into())
}

fn naive(parts: DateTimeParts, text: &str) -> Result<NaiveDateTime, ValueError> {
    let range = || ValueError::new("dateTime within chrono's years", text);
    let p = parts.without_end_of_day().ok_or_else(range)?;
    let date = calendar_date(p.year, p.month, p.day).ok_or_else(range)?;
    let time = NaiveTime::from_hms_nano_opt(
        p.hour.into(),
        p.minute.into(),
        p.second.into(),
        p.nanosecond,
    )
    .ok_or_else(|| ValueError::new("dateTime", text))?;
    Ok(NaiveDateTime::new(date, time))
}

fn zoned(
    parts: DateTimeParts,
    offset: FixedOffset,
    text: &str,
) -> Result<chrono::DateTime<FixedOffset>, ValueError> {
    offset
        .from_local_datetime(&naive(parts, text)?)
        .single()
        .ok_or_else(|| ValueError::new("dateTime whose UTC is within chrono's years", text))
}

fn offset(minutes: i16, text: &str) -> Result<FixedOffset, ValueError> {
    FixedOffset::east_opt(i32::from(minutes) * 60)
        .ok_or_else(|| ValueError::new("dateTime with a zone within ±14:00", text))
}
