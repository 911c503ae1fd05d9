//! Conversions to and from the `time` crate's types (cargo feature `time`), built on the
//! fields of [`dates`](super::dates). See the [module](super) for what they decide.

use time::{Month, OffsetDateTime, PrimitiveDateTime, UtcOffset};

use super::dates::{self, DateParts, DateTimeParts};
use super::{Date, DateTime, Duration, Time};
use crate::runtime::error::ValueError;

impl DateTime {
    /// The date and time as written, as a `time::PrimitiveDateTime`; a zone, if the value
    /// has one, is dropped (not applied). `24:00:00` becomes 00:00:00 of the next day and
    /// fraction digits beyond nanoseconds are truncated. Fails for a year outside the
    /// `time` crate's range (±9999 unless its `large-dates` feature is on).
    pub fn to_primitive_date_time(&self) -> Result<PrimitiveDateTime, ValueError> {
        primitive(self.parts()?, self.as_str())
    }

    /// The instant, as a `time::OffsetDateTime` in the value's own offset. Fails for a
    /// value without a zone (a wall-clock time in a zone the value does not say: see
    /// [`to_offset_date_time_or`](Self::to_offset_date_time_or)) and for a year outside
    /// the `time` crate's range.
    pub fn to_offset_date_time(&self) -> Result<OffsetDateTime, ValueError> {
        let parts = self.parts()?;
        let minutes = parts
            .offset_minutes
            .ok_or_else(|| ValueError::new("dateTime with a time zone", self.as_str()))?;
        Ok(primitive(parts, self.as_str())?.assume_offset(offset(minutes, self.as_str())?))
    }

    /// The instant, as a `time::OffsetDateTime` in the value's own offset, or in `assumed`
    /// when the value has no zone (e.g. the offset of the time zone the request named).
    /// Fails for a year outside the `time` crate's range.
    pub fn to_offset_date_time_or(&self, assumed: UtcOffset) -> Result<OffsetDateTime, ValueError> {
        let parts = self.parts()?;
        let offset = match parts.offset_minutes {
            Some(minutes) => offset(minutes, self.as_str())?,
            None => assumed,
        };
        Ok(primitive(parts, self.as_str())?.assume_offset(offset))
    }
}

impl Date {
    /// The date as a `time::Date`; a zone, if the value has one, is dropped. Fails for a
    /// year outside the `time` crate's range.
    pub fn to_time_date(&self) -> Result<time::Date, ValueError> {
        let p = self.parts()?;
        calendar_date(p.year, p.month, p.day).ok_or_else(|| {
            ValueError::new("date within the years of the time crate", self.as_str())
        })
    }
}

impl Time {
    /// The time of day as a `time::Time`; a zone, if the value has one, is dropped,
    /// `24:00:00` is 00:00:00, and fraction digits beyond nanoseconds are truncated.
    pub fn to_time_time(&self) -> Result<time::Time, ValueError> {
        let p = self.parts()?;
        time::Time::from_hms_nano(p.hour % 24, p.minute, p.second, p.nanosecond)
            .map_err(|_| ValueError::new("time", self.as_str()))
    }
}

impl Duration {
    /// The length as a `time::Duration`, a day counting 86,400 seconds. Fails for a value
    /// with years or months (they have no fixed length: `P1M` is 28 to 31 days) unless
    /// they are 0, and for a length beyond `time::Duration`'s range (±2^63 seconds).
    /// Fraction digits beyond nanoseconds are truncated.
    pub fn to_time_duration(&self) -> Result<time::Duration, ValueError> {
        let (seconds, nanos) = self.parts()?.signed_length(self.as_str())?;
        // Same sign and below one second: nothing carries, so this cannot overflow.
        Ok(time::Duration::new(seconds, nanos))
    }
}

impl TryFrom<OffsetDateTime> for DateTime {
    type Error = ValueError;

    /// The instant in its offset (`Z` for UTC, else `+hh:mm`), with a fraction only when
    /// the nanoseconds are not 0. An offset that `xs:dateTime` cannot hold (with seconds,
    /// or beyond ±14:00) is replaced by UTC, keeping the instant. Fails for the year 0
    /// (which `xs:dateTime` lacks).
    fn try_from(value: OffsetDateTime) -> Result<Self, ValueError> {
        let seconds = value.offset().whole_seconds();
        let value = if seconds % 60 != 0 || seconds.unsigned_abs() > 14 * 3600 {
            value.checked_to_offset(UtcOffset::UTC).ok_or_else(|| {
                ValueError::new(
                    "date and time whose UTC is within the time crate's years",
                    &value.to_string(),
                )
            })?
        } else {
            value
        };
        // Within ±840 minutes: fits an i16.
        let minutes = (value.offset().whole_seconds() / 60) as i16;
        DateTime::from_parts(DateTimeParts {
            offset_minutes: Some(minutes),
            ..date_time_parts(value.date(), value.time())
        })
    }
}

impl TryFrom<PrimitiveDateTime> for DateTime {
    type Error = ValueError;

    /// The date and time without a zone. Fails for the year 0 (which `xs:dateTime` lacks).
    fn try_from(value: PrimitiveDateTime) -> Result<Self, ValueError> {
        DateTime::from_parts(date_time_parts(value.date(), value.time()))
    }
}

impl TryFrom<time::Date> for Date {
    type Error = ValueError;

    /// The date without a zone. Fails for the year 0 (which `xs:date` lacks).
    fn try_from(value: time::Date) -> Result<Self, ValueError> {
        Date::from_parts(DateParts {
            year: value.year().into(),
            month: value.month().into(),
            day: value.day(),
            offset_minutes: None,
        })
    }
}

impl From<time::Time> for Time {
    /// The time of day without a zone, with a fraction only when the nanoseconds are not 0.
    fn from(value: time::Time) -> Self {
        let (h, m, s, ns) = value.as_hms_nano();
        dates::time_of_day(h, m, s, ns)
    }
}

impl From<time::Duration> for Duration {
    /// The length as days, hours, minutes and seconds (`P1DT2H30M`, `-PT0.5S`, `PT0S`).
    fn from(value: time::Duration) -> Self {
        dates::duration_of_seconds(value.whole_seconds(), value.subsec_nanoseconds())
    }
}

fn date_time_parts(date: time::Date, time: time::Time) -> DateTimeParts {
    let (hour, minute, second, nanosecond) = time.as_hms_nano();
    DateTimeParts {
        year: date.year().into(),
        month: date.month().into(),
        day: date.day(),
        hour,
        minute,
        second,
        nanosecond,
        offset_minutes: None,
    }
}

fn calendar_date(year: i64, month: u8, day: u8) -> Option<time::Date> {
    let year = i32::try_from(year).ok()?;
    let month = Month::try_from(month).ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

fn primitive(parts: DateTimeParts, text: &str) -> Result<PrimitiveDateTime, ValueError> {
    let range = || ValueError::new("dateTime within the years of the time crate", text);
    let p = parts.without_end_of_day().ok_or_else(range)?;
    let date = calendar_date(p.year, p.month, p.day).ok_or_else(range)?;
    let time = time::Time::from_hms_nano(p.hour, p.minute, p.second, p.nanosecond)
        .map_err(|_| ValueError::new("dateTime", text))?;
    Ok(PrimitiveDateTime::new(date, time))
}

fn offset(minutes: i16, text: &str) -> Result<UtcOffset, ValueError> {
    UtcOffset::from_whole_seconds(i32::from(minutes) * 60)
        .map_err(|_| ValueError::new("dateTime with a zone within ±14:00", text))
}
