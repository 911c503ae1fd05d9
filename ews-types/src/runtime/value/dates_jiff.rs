//! Conversions to and from `jiff`'s types (cargo feature `jiff`), built on the fields of
//! [`dates`](super::dates). See the [module](super) for what they decide.

use jiff::civil;
use jiff::tz::Offset;
use jiff::{SignedDuration, Span, Timestamp};

use super::dates::{self, DateParts, DateTimeParts, DurationParts};
use super::{Date, DateTime, Duration, Time};
use crate::runtime::error::ValueError;

impl DateTime {
    /// The instant, as a `jiff::Timestamp`. Fails for a value without a zone (a wall-clock
    /// time in a zone the value does not say: see
    /// [`to_jiff_timestamp_or`](Self::to_jiff_timestamp_or)) and for an instant outside
    /// jiff's range (the years -9999 to 9999). `24:00:00` is 00:00:00 of the next day;
    /// fraction digits beyond nanoseconds are truncated.
    pub fn to_jiff_timestamp(&self) -> Result<Timestamp, ValueError> {
        let parts = self.parts()?;
        let minutes = parts
            .offset_minutes
            .ok_or_else(|| ValueError::new("dateTime with a time zone", self.as_str()))?;
        instant(parts, offset(minutes, self.as_str())?, self.as_str())
    }

    /// The instant, as a `jiff::Timestamp`, taking the value's own offset, or `assumed`
    /// when the value has no zone (e.g. the offset of the time zone the request named).
    /// Fails for an instant outside jiff's range.
    pub fn to_jiff_timestamp_or(&self, assumed: Offset) -> Result<Timestamp, ValueError> {
        let parts = self.parts()?;
        let offset = match parts.offset_minutes {
            Some(minutes) => offset(minutes, self.as_str())?,
            None => assumed,
        };
        instant(parts, offset, self.as_str())
    }

    /// The date and time as written, as a `jiff::civil::DateTime`; a zone, if the value
    /// has one, is dropped (not applied). Fails for a year outside jiff's range.
    pub fn to_jiff_civil(&self) -> Result<civil::DateTime, ValueError> {
        civil_date_time(self.parts()?, self.as_str())
    }
}

impl Date {
    /// The date as a `jiff::civil::Date`; a zone, if the value has one, is dropped. Fails
    /// for a year outside jiff's range (-9999 to 9999).
    pub fn to_jiff(&self) -> Result<civil::Date, ValueError> {
        let p = self.parts()?;
        calendar_date(p.year, p.month, p.day)
            .ok_or_else(|| ValueError::new("date within jiff's years", self.as_str()))
    }
}

impl Time {
    /// The time of day as a `jiff::civil::Time`; a zone, if the value has one, is dropped,
    /// `24:00:00` is 00:00:00, and fraction digits beyond nanoseconds are truncated.
    pub fn to_jiff(&self) -> Result<civil::Time, ValueError> {
        let p = self.parts()?;
        time_of_day(p.hour % 24, p.minute, p.second, p.nanosecond)
            .ok_or_else(|| ValueError::new("time", self.as_str()))
    }
}

impl Duration {
    /// The length as a `jiff::SignedDuration`, a day counting 86,400 seconds. Fails for a
    /// value with years or months (they have no fixed length; [`to_jiff_span`] keeps
    /// them) unless they are 0, and for a length beyond ±2^63 seconds. Fraction digits
    /// beyond nanoseconds are truncated.
    ///
    /// [`to_jiff_span`]: Self::to_jiff_span
    pub fn to_jiff(&self) -> Result<SignedDuration, ValueError> {
        let (seconds, nanos) = self.parts()?.signed_length(self.as_str())?;
        // Same sign and below one second: nothing carries, so this cannot overflow.
        Ok(SignedDuration::new(seconds, nanos))
    }

    /// The duration as a `jiff::Span`, unit by unit (years and months included: a span
    /// keeps them, to be resolved against a date). The fraction of the second becomes
    /// nanoseconds. Fails for a count beyond what a span holds (e.g. 19,998 years or
    /// 7,304,484 days).
    pub fn to_jiff_span(&self) -> Result<Span, ValueError> {
        let p = self.parts()?;
        let fail = || ValueError::new("duration within jiff::Span's limits", self.as_str());
        let n = |v: u64| i64::try_from(v).map_err(|_| fail());
        let (years, months, days) = (n(p.years)?, n(p.months)?, n(p.days)?);
        let (hours, minutes, seconds) = (n(p.hours)?, n(p.minutes)?, n(p.seconds)?);
        let span = Span::new()
            .try_years(years)
            .and_then(|s| s.try_months(months))
            .and_then(|s| s.try_days(days))
            .and_then(|s| s.try_hours(hours))
            .and_then(|s| s.try_minutes(minutes))
            .and_then(|s| s.try_seconds(seconds))
            .and_then(|s| s.try_nanoseconds(i64::from(p.nanoseconds)))
            .map_err(|_| fail())?;
        Ok(if p.negative { span.negate() } else { span })
    }
}

impl TryFrom<Timestamp> for DateTime {
    type Error = ValueError;

    /// The instant in UTC (`Z`), with a fraction only when the nanoseconds are not 0.
    /// Fails for an instant in the year 0 (which `xs:dateTime` lacks).
    fn try_from(value: Timestamp) -> Result<Self, ValueError> {
        DateTime::from_parts(DateTimeParts {
            offset_minutes: Some(0),
            ..date_time_parts(Offset::UTC.to_datetime(value))
        })
    }
}

impl TryFrom<civil::DateTime> for DateTime {
    type Error = ValueError;

    /// The date and time without a zone. Fails for the year 0 (which `xs:dateTime` lacks).
    fn try_from(value: civil::DateTime) -> Result<Self, ValueError> {
        DateTime::from_parts(date_time_parts(value))
    }
}

impl TryFrom<civil::Date> for Date {
    type Error = ValueError;

    /// The date without a zone. Fails for the year 0 (which `xs:date` lacks).
    fn try_from(value: civil::Date) -> Result<Self, ValueError> {
        Date::from_parts(DateParts {
            year: value.year().into(),
            month: small(value.month()),
            day: small(value.day()),
            offset_minutes: None,
        })
    }
}

impl From<civil::Time> for Time {
    /// The time of day without a zone, with a fraction only when the nanoseconds are not 0.
    fn from(value: civil::Time) -> Self {
        dates::time_of_day(
            small(value.hour()),
            small(value.minute()),
            small(value.second()),
            value.subsec_nanosecond().unsigned_abs(),
        )
    }
}

impl From<SignedDuration> for Duration {
    /// The length as days, hours, minutes and seconds (`P1DT2H30M`, `-PT0.5S`, `PT0S`).
    fn from(value: SignedDuration) -> Self {
        dates::duration_of_seconds(value.as_secs(), value.subsec_nanos())
    }
}

impl From<Span> for Duration {
    /// The span unit by unit, as it holds them (`PT90M` stays 90 minutes): weeks are
    /// written as 7 days each, and milli-, micro- and nanoseconds are added to the seconds
    /// (carrying whole seconds).
    fn from(value: Span) -> Self {
        let abs = |v: i64| u128::from(v.unsigned_abs());
        let sub_second = abs(value.get_seconds()) * 1_000_000_000
            + abs(value.get_milliseconds()) * 1_000_000
            + abs(value.get_microseconds()) * 1_000
            + abs(value.get_nanoseconds());
        // A span's counts are far below these bounds (seconds below 2^40, nanoseconds
        // below 2^63), so the conversions cannot saturate.
        let seconds = u64::try_from(sub_second / 1_000_000_000).unwrap_or(u64::MAX);
        let days = u64::from(value.get_days().unsigned_abs())
            + 7 * u64::from(value.get_weeks().unsigned_abs());
        dates::duration_of(&DurationParts {
            negative: value.signum() < 0,
            years: value.get_years().unsigned_abs().into(),
            months: value.get_months().unsigned_abs().into(),
            days,
            hours: value.get_hours().unsigned_abs().into(),
            minutes: value.get_minutes().unsigned_abs(),
            seconds,
            nanoseconds: (sub_second % 1_000_000_000) as u32,
        })
    }
}

/// A month, day, hour, minute or second from jiff (0 to 59, so it fits a u8; anything
/// else becomes 255, which `from_parts` refuses).
fn small(n: i8) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

fn date_time_parts(value: civil::DateTime) -> DateTimeParts {
    DateTimeParts {
        year: value.year().into(),
        month: small(value.month()),
        day: small(value.day()),
        hour: small(value.hour()),
        minute: small(value.minute()),
        second: small(value.second()),
        nanosecond: value.subsec_nanosecond().unsigned_abs(),
        offset_minutes: None,
    }
}

fn calendar_date(year: i64, month: u8, day: u8) -> Option<civil::Date> {
    let year = i16::try_from(year).ok()?;
    civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn time_of_day(hour: u8, minute: u8, second: u8, nanosecond: u32) -> Option<civil::Time> {
    civil::Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(minute).ok()?,
        i8::try_from(second).ok()?,
        i32::try_from(nanosecond).ok()?,
    )
    .ok()
}

fn civil_date_time(parts: DateTimeParts, text: &str) -> Result<civil::DateTime, ValueError> {
    let range = || ValueError::new("dateTime within jiff's years", text);
    let p = parts.without_end_of_day().ok_or_else(range)?;
    let date = calendar_date(p.year, p.month, p.day).ok_or_else(range)?;
    let time = time_of_day(p.hour, p.minute, p.second, p.nanosecond)
        .ok_or_else(|| ValueError::new("dateTime", text))?;
    Ok(civil::DateTime::from_parts(date, time))
}

fn instant(parts: DateTimeParts, offset: Offset, text: &str) -> Result<Timestamp, ValueError> {
    offset
        .to_timestamp(civil_date_time(parts, text)?)
        .map_err(|_| ValueError::new("dateTime whose instant is within jiff's range", text))
}

fn offset(minutes: i16, text: &str) -> Result<Offset, ValueError> {
    Offset::from_seconds(i32::from(minutes) * 60)
        .map_err(|_| ValueError::new("dateTime with a zone within ±14:00", text))
}
