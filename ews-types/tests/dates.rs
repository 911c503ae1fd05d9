//! The date, time and duration values' fields and their conversions to and from the `time`,
//! `chrono` and `jiff` crates (each module needs its cargo feature), and the bytes of
//! `base64Binary`. Expectations are written out independently: dates and offsets built with
//! the crates' own constructors, Unix times computed by hand.

use ews_types::runtime::{
    Base64Binary, DateTime, DateTimeParts, Duration, DurationParts, SimpleValue,
};

/// Lexical values with a zone, each with its Unix time (seconds, nanoseconds).
const ZONED: &[(&str, i64, u32)] = &[
    ("1970-01-01T00:00:00Z", 0, 0),
    ("2026-01-01T00:00:00Z", 1_767_225_600, 0),
    ("2026-01-01T14:00:00+14:00", 1_767_225_600, 0),
    ("2025-12-31T10:00:00-14:00", 1_767_225_600, 0),
    ("2025-12-31T24:00:00Z", 1_767_225_600, 0),
    ("2025-12-31T19:00:00-05:00", 1_767_225_600, 0),
    ("2026-01-01T05:45:00+05:45", 1_767_225_600, 0),
    ("2026-01-01T00:00:00-00:00", 1_767_225_600, 0),
    ("2026-01-01T00:00:00.5Z", 1_767_225_600, 500_000_000),
    (
        "2026-01-01T00:00:00.1234567899Z",
        1_767_225_600,
        123_456_789,
    ),
    ("2026-01-01T00:00:00.000000001+00:00", 1_767_225_600, 1),
    // 2024-02-29 is day 59 of 2024 (Unix day 19_782).
    (
        "2024-02-29T12:30:15Z",
        19_782 * 86_400 + 12 * 3_600 + 30 * 60 + 15,
        0,
    ),
    ("2024-02-28T24:00:00Z", 19_782 * 86_400, 0),
    ("2000-02-29T00:00:00Z", 951_782_400, 0),
    ("1969-12-31T23:59:59.75Z", -1, 750_000_000),
    ("2006-10-25T10:00:00Z", 1_161_770_400, 0),
];

#[test]
fn values_read_are_written_back_as_read() {
    for text in [
        "2026-01-01T00:00:00.1234567899Z",
        "2026-01-01T00:00:00-00:00",
        "2026-01-01T00:00:00.500+00:00",
        "2026-01-31T24:00:00",
        "12026-04-30T00:00:00",
        "-0044-03-15T12:00:00",
    ] {
        let v = DateTime::new(text).unwrap();
        assert_eq!(v.as_str(), text);
        assert_eq!(v.to_text(), text);
        // Reading the fields does not touch the text.
        v.parts().unwrap();
        assert_eq!(v.as_str(), text);
    }
    for text in ["PT30M", "P0Y0M0DT0H30M0S", "-PT0S", "PT1.000S", "P1Y2M"] {
        assert_eq!(Duration::new(text).unwrap().as_str(), text);
    }
}

#[test]
fn fields_round_trip() {
    // from_parts writes the usual form; reading it back gives the same fields.
    for &(text, _, _) in ZONED {
        let v = DateTime::new(text).unwrap();
        let p = v.parts().unwrap();
        let written = DateTime::from_parts(p).unwrap();
        assert_eq!(written.parts().unwrap(), p, "{text}");
    }
    // Values already in that form come back unchanged.
    for text in [
        "2026-02-28T13:45:06.5-08:00",
        "2026-02-28T13:45:06Z",
        "2026-02-28T13:45:06",
        "-0044-03-15T12:00:00",
        "12026-04-30T00:00:00+14:00",
        "2026-01-31T24:00:00",
    ] {
        let p = DateTime::new(text).unwrap().parts().unwrap();
        assert_eq!(DateTime::from_parts(p).unwrap().as_str(), text);
    }
    // Every day of a leap year and of a common year, at a changing time.
    for (year, days) in [(2024i64, 366u32), (2023, 365), (-4, 366), (1900, 365)] {
        let mut month = 1u8;
        let mut day = 1u8;
        for n in 0..days {
            let p = DateTimeParts {
                year,
                month,
                day,
                hour: (n % 24) as u8,
                minute: (n * 7 % 60) as u8,
                second: (n * 13 % 60) as u8,
                nanosecond: n * 1_000_003,
                offset_minutes: Some((n as i16 % 57) * 15 - 420),
            };
            let v = DateTime::from_parts(p).unwrap();
            assert_eq!(DateTime::new(v.as_str()).unwrap().parts().unwrap(), p);
            let in_month = match month {
                2 if days == 366 => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if day == in_month {
                (month, day) = (month + 1, 1);
            } else {
                day += 1;
            }
        }
        assert_eq!((month, day), (13, 1), "{year}");
    }
    // Days that do not exist are refused.
    let p = DateTime::new("2023-02-28T00:00:00")
        .unwrap()
        .parts()
        .unwrap();
    assert!(DateTime::from_parts(DateTimeParts { day: 29, ..p }).is_err());
    assert!(DateTime::from_parts(DateTimeParts {
        year: 2024,
        day: 29,
        ..p
    })
    .is_ok());
}

#[test]
fn duration_fields() {
    let p = Duration::new("-P1Y2M3DT4H5M6.789S")
        .unwrap()
        .parts()
        .unwrap();
    assert_eq!(
        p,
        DurationParts {
            negative: true,
            years: 1,
            months: 2,
            days: 3,
            hours: 4,
            minutes: 5,
            seconds: 6,
            nanoseconds: 789_000_000,
        }
    );
    assert_eq!(
        Duration::from_parts(p).unwrap().as_str(),
        "-P1Y2M3DT4H5M6.789S"
    );
    assert_eq!(
        Duration::from_parts(DurationParts::default())
            .unwrap()
            .as_str(),
        "PT0S"
    );
    // Units out of order or with a fraction before the seconds are not durations.
    for bad in ["P1D2Y", "PT1.5H", "P1Y1Y", "PT", "P"] {
        assert!(Duration::new(bad).is_err(), "{bad}");
    }
}

#[test]
fn base64_bytes() {
    let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    for n in 0..40 {
        let v = Base64Binary::encode(&data[..n]);
        assert_eq!(v.decoded_len(), n, "{v}");
        assert_eq!(v.decode().unwrap(), &data[..n]);
    }
    // Line-wrapped text: whitespace does not count.
    let wrapped = Base64Binary::new("\r\n aGVs\n bG8g\n d29y\n bGQ=\n").unwrap();
    assert_eq!(wrapped.decoded_len(), 11);
    assert_eq!(wrapped.decode().unwrap(), b"hello world");

    // decode_into appends, and does not reallocate a buffer that is large enough.
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(b">>");
    let before = out.as_ptr();
    wrapped.decode_into(&mut out).unwrap();
    Base64Binary::from(&b"!"[..]).decode_into(&mut out).unwrap();
    assert_eq!(out, b">>hello world!");
    assert_eq!(out.as_ptr(), before);
    assert_eq!(out.capacity(), 64);

    assert_eq!(Base64Binary::from(b"hello").as_str(), "aGVsbG8=");
    assert_eq!(Base64Binary::from(b"hi".to_vec()).as_str(), "aGk=");
    assert_eq!(Base64Binary::from(&data[..3]).as_str(), "AAEC");
    let bytes: Vec<u8> = Vec::try_from(&Base64Binary::new("AAEC").unwrap()).unwrap();
    assert_eq!(bytes, [0, 1, 2]);
}

#[cfg(feature = "time")]
mod time_crate {
    use super::*;
    use ews_types::runtime::{Date, Time};
    use time::{Month, PrimitiveDateTime, UtcOffset};

    fn date(y: i32, m: Month, d: u8) -> time::Date {
        time::Date::from_calendar_date(y, m, d).unwrap()
    }

    fn at(d: time::Date, h: u8, mi: u8, s: u8, ns: u32) -> PrimitiveDateTime {
        PrimitiveDateTime::new(d, time::Time::from_hms_nano(h, mi, s, ns).unwrap())
    }

    #[test]
    fn instants() {
        for &(text, secs, nanos) in ZONED {
            let odt = DateTime::new(text).unwrap().to_offset_date_time().unwrap();
            assert_eq!(odt.unix_timestamp(), secs, "{text}");
            assert_eq!(odt.nanosecond(), nanos, "{text}");
        }
        let odt = DateTime::new("2026-02-28T13:45:06.5-08:00")
            .unwrap()
            .to_offset_date_time()
            .unwrap();
        let expected = at(date(2026, Month::February, 28), 13, 45, 6, 500_000_000)
            .assume_offset(UtcOffset::from_hms(-8, 0, 0).unwrap());
        assert_eq!(odt, expected);
        assert_eq!(odt.offset(), UtcOffset::from_hms(-8, 0, 0).unwrap());
        let odt = DateTime::new("2026-01-01T00:00:00+14:00").unwrap();
        assert_eq!(
            odt.to_offset_date_time().unwrap().offset().whole_seconds(),
            14 * 3600
        );
    }

    #[test]
    fn values_without_a_zone() {
        let v = DateTime::new("2013-02-04T09:00:00").unwrap();
        let err = v.to_offset_date_time().unwrap_err();
        assert_eq!(err.found, "2013-02-04T09:00:00");
        assert!(err.to_string().contains("time zone"), "{err}");
        let local = at(date(2013, Month::February, 4), 9, 0, 0, 0);
        assert_eq!(v.to_primitive_date_time().unwrap(), local);
        let pacific = UtcOffset::from_hms(-8, 0, 0).unwrap();
        assert_eq!(
            v.to_offset_date_time_or(pacific).unwrap(),
            local.assume_offset(pacific)
        );
        // A value with a zone keeps it; the civil form drops it (not applied).
        let z = DateTime::new("2013-02-04T09:00:00Z").unwrap();
        assert_eq!(
            z.to_offset_date_time_or(pacific).unwrap(),
            local.assume_utc()
        );
        assert_eq!(z.to_primitive_date_time().unwrap(), local);
    }

    #[test]
    fn end_of_day_leap_days_and_years() {
        let v = |s: &str| DateTime::new(s).unwrap().to_primitive_date_time();
        assert_eq!(
            v("2024-02-28T24:00:00").unwrap(),
            at(date(2024, Month::February, 29), 0, 0, 0, 0)
        );
        assert_eq!(
            v("2023-02-28T24:00:00").unwrap(),
            at(date(2023, Month::March, 1), 0, 0, 0, 0)
        );
        assert_eq!(
            v("2026-12-31T24:00:00.000Z").unwrap(),
            at(date(2027, Month::January, 1), 0, 0, 0, 0)
        );
        assert_eq!(
            v("2000-02-29T23:59:59.999999999999").unwrap(),
            at(date(2000, Month::February, 29), 23, 59, 59, 999_999_999)
        );
        assert_eq!(
            v("-0044-03-15T12:00:00").unwrap(),
            at(date(-44, Month::March, 15), 12, 0, 0, 0)
        );
        assert_eq!(
            v("-0004-02-29T00:00:00").unwrap(),
            at(date(-4, Month::February, 29), 0, 0, 0, 0)
        );
        // Beyond the crate's years (±9999 without its large-dates feature).
        for text in [
            "12026-04-30T00:00:00Z",
            "-10000-01-01T00:00:00",
            "9999-12-31T24:00:00",
        ] {
            let err = v(text).unwrap_err();
            assert_eq!(err.found, text);
            assert!(err.expected.contains("years"), "{err}");
        }
        assert_eq!(
            Date::new("2024-02-29Z").unwrap().to_time_date().unwrap(),
            date(2024, Month::February, 29)
        );
        assert!(Date::new("10000-01-01").unwrap().to_time_date().is_err());
        assert_eq!(
            Time::new("24:00:00").unwrap().to_time_time().unwrap(),
            time::Time::MIDNIGHT
        );
        assert_eq!(
            Time::new("07:08:09.01+02:00")
                .unwrap()
                .to_time_time()
                .unwrap(),
            time::Time::from_hms_milli(7, 8, 9, 10).unwrap()
        );
    }

    #[test]
    fn from_the_crate() {
        let d = date(2026, Month::February, 28);
        let utc = at(d, 13, 45, 6, 0).assume_utc();
        assert_eq!(
            DateTime::try_from(utc).unwrap().as_str(),
            "2026-02-28T13:45:06Z"
        );
        let ist =
            at(d, 13, 45, 6, 120_000_000).assume_offset(UtcOffset::from_hms(5, 30, 0).unwrap());
        assert_eq!(
            DateTime::try_from(ist).unwrap().as_str(),
            "2026-02-28T13:45:06.12+05:30"
        );
        let west = at(d, 1, 2, 3, 4).assume_offset(UtcOffset::from_hms(-14, 0, 0).unwrap());
        assert_eq!(
            DateTime::try_from(west).unwrap().as_str(),
            "2026-02-28T01:02:03.000000004-14:00"
        );
        // Offsets xs:dateTime cannot hold: the same instant in UTC.
        let odd = at(d, 12, 0, 0, 0).assume_offset(UtcOffset::from_hms(1, 0, 30).unwrap());
        assert_eq!(
            DateTime::try_from(odd).unwrap().as_str(),
            "2026-02-28T10:59:30Z"
        );
        let far = at(d, 12, 0, 0, 0).assume_offset(UtcOffset::from_hms(15, 0, 0).unwrap());
        assert_eq!(
            DateTime::try_from(far).unwrap().as_str(),
            "2026-02-27T21:00:00Z"
        );
        assert_eq!(
            DateTime::try_from(at(date(-44, Month::March, 15), 0, 0, 0, 0))
                .unwrap()
                .as_str(),
            "-0044-03-15T00:00:00"
        );
        // The year 0 has no lexical form.
        let zero = at(date(0, Month::June, 1), 0, 0, 0, 0);
        let err = DateTime::try_from(zero).unwrap_err();
        assert!(err.expected.contains("0000"), "{err}");
        assert!(Date::try_from(date(0, Month::June, 1)).is_err());
        assert_eq!(
            Date::try_from(date(2024, Month::February, 29))
                .unwrap()
                .as_str(),
            "2024-02-29"
        );
        assert_eq!(
            Time::from(time::Time::from_hms_micro(23, 59, 59, 100).unwrap()).as_str(),
            "23:59:59.0001"
        );
        assert_eq!(Time::from(time::Time::MIDNIGHT).as_str(), "00:00:00");
    }

    #[test]
    fn round_trips() {
        // A walk over 2 million hours from 1805 with changing nanoseconds and offsets.
        let mut t = at(date(1805, Month::March, 1), 0, 0, 0, 0).assume_utc();
        for i in 0..20_000i64 {
            let offset = UtcOffset::from_whole_seconds(((i % 113) as i32 - 56) * 15 * 60).unwrap();
            let v = t.to_offset(offset) + time::Duration::nanoseconds(i * 7_919);
            let written = DateTime::try_from(v).unwrap();
            let back = DateTime::new(written.as_str())
                .unwrap()
                .to_offset_date_time()
                .unwrap();
            assert_eq!(back, v, "{written}");
            assert_eq!(back.offset(), v.offset(), "{written}");
            let local = PrimitiveDateTime::new(v.date(), v.time());
            let written = DateTime::try_from(local).unwrap();
            assert_eq!(written.to_primitive_date_time().unwrap(), local);
            let d = Date::try_from(v.date()).unwrap();
            assert_eq!(d.to_time_date().unwrap(), v.date());
            assert_eq!(Time::from(v.time()).to_time_time().unwrap(), v.time());
            t += time::Duration::hours(101);
        }
    }

    #[test]
    fn durations() {
        let d = |s: &str| Duration::new(s).unwrap().to_time_duration();
        assert_eq!(d("PT30M").unwrap(), time::Duration::minutes(30));
        assert_eq!(
            d("-P1DT2H").unwrap(),
            -(time::Duration::days(1) + time::Duration::hours(2))
        );
        assert_eq!(d("P0Y0M1D").unwrap(), time::Duration::days(1));
        assert_eq!(d("PT0.5S").unwrap(), time::Duration::milliseconds(500));
        assert_eq!(
            d("-PT0.0000000019S").unwrap(),
            time::Duration::nanoseconds(-1)
        );
        assert_eq!(d("PT90M").unwrap(), time::Duration::minutes(90));
        for text in ["P1Y", "P1M", "-P2Y3D", "P1Y0M"] {
            let err = d(text).unwrap_err();
            assert_eq!(err.found, text);
            assert!(err.expected.contains("years or months"), "{err}");
        }
        assert!(d("PT9223372036854775808S").is_err());
        assert_eq!(
            d("-PT9223372036854775808.999999999S").unwrap(),
            time::Duration::MIN
        );

        let w = |v: time::Duration| Duration::from(v).as_str().to_owned();
        assert_eq!(w(time::Duration::ZERO), "PT0S");
        assert_eq!(w(time::Duration::seconds(90_061)), "P1DT1H1M1S");
        assert_eq!(w(time::Duration::minutes(-90)), "-PT1H30M");
        assert_eq!(w(time::Duration::milliseconds(-500)), "-PT0.5S");
        assert_eq!(w(time::Duration::days(2)), "P2D");
        assert_eq!(w(time::Duration::new(3_600, 10)), "PT1H0.00000001S");
        for v in [
            time::Duration::MIN,
            time::Duration::MAX,
            time::Duration::new(-86_401, -1),
            time::Duration::new(1, 999_999_999),
        ] {
            assert_eq!(Duration::from(v).to_time_duration().unwrap(), v);
        }
    }
}

#[cfg(feature = "chrono")]
mod chrono_crate {
    use super::*;
    use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
    use ews_types::runtime::{Date, Time};

    fn naive(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32, ns: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_nano_opt(h, mi, s, ns)
            .unwrap()
    }

    #[test]
    fn instants() {
        for &(text, secs, nanos) in ZONED {
            let v = DateTime::new(text).unwrap().to_chrono().unwrap();
            assert_eq!(v.timestamp(), secs, "{text}");
            assert_eq!(v.timestamp_subsec_nanos(), nanos, "{text}");
        }
        let v = DateTime::new("2026-02-28T13:45:06.5-08:00").unwrap();
        let pst = FixedOffset::west_opt(8 * 3600).unwrap();
        let expected = pst
            .from_local_datetime(&naive(2026, 2, 28, 13, 45, 6, 500_000_000))
            .unwrap();
        assert_eq!(v.to_chrono().unwrap(), expected);
        assert_eq!(v.to_chrono().unwrap().offset(), &pst);
        assert_eq!(
            v.to_chrono_naive().unwrap(),
            naive(2026, 2, 28, 13, 45, 6, 500_000_000)
        );
    }

    #[test]
    fn values_without_a_zone_and_ranges() {
        let v = DateTime::new("2013-02-04T09:00:00").unwrap();
        assert!(v.to_chrono().is_err());
        let cet = FixedOffset::east_opt(3600).unwrap();
        assert_eq!(
            v.to_chrono_or(cet).unwrap(),
            cet.from_local_datetime(&naive(2013, 2, 4, 9, 0, 0, 0))
                .unwrap()
        );
        let d = |s: &str| DateTime::new(s).unwrap().to_chrono_naive();
        assert_eq!(
            d("2024-02-28T24:00:00").unwrap(),
            naive(2024, 2, 29, 0, 0, 0, 0)
        );
        assert_eq!(
            d("2023-12-31T24:00:00").unwrap(),
            naive(2024, 1, 1, 0, 0, 0, 0)
        );
        // chrono's years reach beyond 9999.
        assert_eq!(
            d("12026-04-30T00:00:00").unwrap(),
            naive(12026, 4, 30, 0, 0, 0, 0)
        );
        assert_eq!(
            d("-0044-03-15T12:00:00").unwrap(),
            naive(-44, 3, 15, 12, 0, 0, 0)
        );
        assert!(d("300000-01-01T00:00:00").is_err());
        assert_eq!(
            Date::new("2024-02-29").unwrap().to_chrono().unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            Time::new("24:00:00Z").unwrap().to_chrono().unwrap(),
            NaiveTime::MIN
        );
    }

    #[test]
    fn from_the_crate() {
        let utc = Utc.from_utc_datetime(&naive(2026, 2, 28, 13, 45, 6, 0));
        assert_eq!(
            DateTime::try_from(utc).unwrap().as_str(),
            "2026-02-28T13:45:06Z"
        );
        let ist = FixedOffset::east_opt(19_800)
            .unwrap()
            .from_local_datetime(&naive(2026, 2, 28, 13, 45, 6, 100))
            .unwrap();
        assert_eq!(
            DateTime::try_from(ist).unwrap().as_str(),
            "2026-02-28T13:45:06.0000001+05:30"
        );
        let odd = FixedOffset::east_opt(3_601)
            .unwrap()
            .from_local_datetime(&naive(2026, 2, 28, 12, 0, 0, 0))
            .unwrap();
        assert_eq!(
            DateTime::try_from(odd).unwrap().as_str(),
            "2026-02-28T10:59:59Z"
        );
        // Leap seconds and the year 0 have no lexical form.
        let leap = naive(2016, 12, 31, 23, 59, 59, 1_500_000_000);
        let err = DateTime::try_from(leap).unwrap_err();
        assert!(err.expected.contains("leap second"), "{err}");
        assert!(Time::try_from(leap.time()).is_err());
        assert!(DateTime::try_from(naive(0, 1, 1, 0, 0, 0, 0)).is_err());
        assert!(Date::try_from(NaiveDate::from_ymd_opt(0, 1, 1).unwrap()).is_err());
        assert_eq!(
            Date::try_from(NaiveDate::from_ymd_opt(-1, 12, 31).unwrap())
                .unwrap()
                .as_str(),
            "-0001-12-31"
        );
        assert_eq!(
            Time::try_from(NaiveTime::from_hms_milli_opt(8, 0, 0, 250).unwrap())
                .unwrap()
                .as_str(),
            "08:00:00.25"
        );
    }

    #[test]
    fn round_trips() {
        let mut t = naive(1805, 3, 1, 0, 0, 0, 0);
        for i in 0..20_000i64 {
            let offset = FixedOffset::east_opt(((i % 113) as i32 - 56) * 15 * 60).unwrap();
            let v = offset.from_utc_datetime(&t) + TimeDelta::nanoseconds(i * 7_919);
            let written = DateTime::try_from(v).unwrap();
            let back = DateTime::new(written.as_str())
                .unwrap()
                .to_chrono()
                .unwrap();
            assert_eq!(back, v, "{written}");
            assert_eq!(back.offset(), v.offset(), "{written}");
            let local = v.naive_local();
            assert_eq!(
                DateTime::try_from(local)
                    .unwrap()
                    .to_chrono_naive()
                    .unwrap(),
                local
            );
            let d = Date::try_from(local.date()).unwrap();
            assert_eq!(d.to_chrono().unwrap(), local.date());
            let tm = Time::try_from(local.time()).unwrap();
            assert_eq!(tm.to_chrono().unwrap(), local.time());
            t += TimeDelta::hours(101);
        }
    }

    #[test]
    fn durations() {
        let d = |s: &str| Duration::new(s).unwrap().to_chrono();
        assert_eq!(d("PT30M").unwrap(), TimeDelta::minutes(30));
        assert_eq!(d("-P1DT2H").unwrap(), -TimeDelta::hours(26));
        assert_eq!(d("-PT0.5S").unwrap(), TimeDelta::milliseconds(-500));
        assert!(d("P1Y").is_err());
        assert!(d("P3M").is_err());
        assert!(d("P106751991168D").is_err());
        assert!(d("P106751991167DT7H12M55S").is_ok());
        for v in [
            TimeDelta::MIN,
            TimeDelta::MAX,
            TimeDelta::zero(),
            TimeDelta::nanoseconds(-86_400_000_000_001),
        ] {
            assert_eq!(Duration::from(v).to_chrono().unwrap(), v);
        }
        assert_eq!(Duration::from(TimeDelta::minutes(-90)).as_str(), "-PT1H30M");
        assert_eq!(Duration::from(TimeDelta::zero()).as_str(), "PT0S");
    }
}

#[cfg(feature = "jiff")]
mod jiff_crate {
    use super::*;
    use ews_types::runtime::{Date, Time};
    use jiff::civil;
    use jiff::tz::Offset;
    use jiff::{SignedDuration, Span, Timestamp};

    fn dt(y: i16, m: i8, d: i8, h: i8, mi: i8, s: i8, ns: i32) -> civil::DateTime {
        civil::DateTime::from_parts(
            civil::Date::new(y, m, d).unwrap(),
            civil::Time::new(h, mi, s, ns).unwrap(),
        )
    }

    #[test]
    fn instants() {
        for &(text, secs, nanos) in ZONED {
            let v = DateTime::new(text).unwrap().to_jiff_timestamp().unwrap();
            assert_eq!(v, Timestamp::new(secs, nanos as i32).unwrap(), "{text}");
        }
        let v = DateTime::new("2013-02-04T09:00:00").unwrap();
        assert!(v.to_jiff_timestamp().is_err());
        let pst = Offset::from_hours(-8).unwrap();
        assert_eq!(
            v.to_jiff_timestamp_or(pst).unwrap(),
            Timestamp::from_second(1_359_997_200).unwrap()
        );
        assert_eq!(v.to_jiff_civil().unwrap(), dt(2013, 2, 4, 9, 0, 0, 0));
        let d = |s: &str| DateTime::new(s).unwrap().to_jiff_civil();
        assert_eq!(
            d("2024-02-28T24:00:00").unwrap(),
            dt(2024, 2, 29, 0, 0, 0, 0)
        );
        assert_eq!(
            d("-0044-03-15T12:00:00Z").unwrap(),
            dt(-44, 3, 15, 12, 0, 0, 0)
        );
        assert!(d("12026-04-30T00:00:00").is_err());
        // In jiff's civil range, but the instant is beyond its last timestamp.
        let late = DateTime::new("9999-12-31T12:00:00-14:00").unwrap();
        assert!(late.to_jiff_civil().is_ok());
        assert!(late.to_jiff_timestamp().is_err());
        assert_eq!(
            Date::new("2024-02-29-05:00").unwrap().to_jiff().unwrap(),
            civil::Date::new(2024, 2, 29).unwrap()
        );
        assert_eq!(
            Time::new("24:00:00").unwrap().to_jiff().unwrap(),
            civil::Time::midnight()
        );
    }

    #[test]
    fn from_the_crate() {
        let t = Timestamp::new(1_767_225_600, 500_000_000).unwrap();
        assert_eq!(
            DateTime::try_from(t).unwrap().as_str(),
            "2026-01-01T00:00:00.5Z"
        );
        assert_eq!(
            DateTime::try_from(dt(2026, 2, 28, 13, 45, 6, 0))
                .unwrap()
                .as_str(),
            "2026-02-28T13:45:06"
        );
        assert!(DateTime::try_from(dt(0, 2, 29, 0, 0, 0, 0)).is_err());
        assert!(Date::try_from(civil::Date::new(0, 1, 1).unwrap()).is_err());
        assert_eq!(
            Time::from(civil::Time::new(1, 2, 3, 40).unwrap()).as_str(),
            "01:02:03.00000004"
        );
        for &(text, _, _) in ZONED {
            let ts = DateTime::new(text).unwrap().to_jiff_timestamp().unwrap();
            let back = DateTime::try_from(ts).unwrap().to_jiff_timestamp().unwrap();
            assert_eq!(back, ts, "{text}");
        }
        let mut t = Timestamp::from_second(-5_000_000_000).unwrap();
        for i in 0..20_000i64 {
            let v = t + SignedDuration::from_nanos(i * 7_919);
            let written = DateTime::try_from(v).unwrap();
            assert!(written.as_str().ends_with('Z'));
            assert_eq!(written.to_jiff_timestamp().unwrap(), v, "{written}");
            let civil = Offset::UTC.to_datetime(v);
            assert_eq!(
                DateTime::try_from(civil).unwrap().to_jiff_civil().unwrap(),
                civil
            );
            assert_eq!(
                Date::try_from(civil.date()).unwrap().to_jiff().unwrap(),
                civil.date()
            );
            assert_eq!(Time::from(civil.time()).to_jiff().unwrap(), civil.time());
            t += SignedDuration::from_hours(101);
        }
    }

    #[test]
    fn durations() {
        let d = |s: &str| Duration::new(s).unwrap().to_jiff();
        assert_eq!(d("PT30M").unwrap(), SignedDuration::from_mins(30));
        assert_eq!(d("-P1DT2H").unwrap(), SignedDuration::from_hours(-26));
        assert_eq!(d("PT1.25S").unwrap(), SignedDuration::from_millis(1_250));
        assert!(d("P1Y").is_err());
        for v in [
            SignedDuration::MIN,
            SignedDuration::MAX,
            SignedDuration::ZERO,
            SignedDuration::new(-1, -1),
        ] {
            assert_eq!(Duration::from(v).to_jiff().unwrap(), v);
        }
        assert_eq!(
            Duration::from(SignedDuration::from_mins(-90)).as_str(),
            "-PT1H30M"
        );

        // A span keeps years and months.
        let span = Duration::new("-P1Y2M3DT4H5M6.7S")
            .unwrap()
            .to_jiff_span()
            .unwrap();
        assert_eq!(
            (
                span.get_years(),
                span.get_months(),
                span.get_days(),
                span.get_hours(),
                span.get_minutes(),
                span.get_seconds(),
                span.get_nanoseconds()
            ),
            (-1, -2, -3, -4, -5, -6, -700_000_000)
        );
        assert!(Duration::new("P20000Y").unwrap().to_jiff_span().is_err());
        let span = Span::new()
            .weeks(1)
            .days(1)
            .minutes(90)
            .seconds(1)
            .milliseconds(1_500)
            .nanoseconds(7);
        assert_eq!(Duration::from(span).as_str(), "P8DT90M2.500000007S");
        assert_eq!(Duration::from(-Span::new().years(2)).as_str(), "-P2Y");
        assert_eq!(Duration::from(Span::new()).as_str(), "PT0S");
    }
}

/// The three crates agree on every instant, and write the same text for it.
#[cfg(all(feature = "time", feature = "chrono", feature = "jiff"))]
#[test]
fn the_crates_agree() {
    for &(text, _, _) in ZONED {
        let v = DateTime::new(text).unwrap();
        let a = v.to_offset_date_time().unwrap();
        let b = v.to_chrono().unwrap();
        let c = v.to_jiff_timestamp().unwrap();
        let nanos = a.unix_timestamp_nanos();
        assert_eq!(
            Some(nanos),
            b.timestamp_nanos_opt().map(i128::from),
            "{text}"
        );
        assert_eq!(nanos, c.as_nanosecond(), "{text}");
        let from_a = DateTime::try_from(a.to_offset(time::UtcOffset::UTC)).unwrap();
        let from_b = DateTime::try_from(b.with_timezone(&chrono::Utc)).unwrap();
        let from_c = DateTime::try_from(c).unwrap();
        assert_eq!(from_a, from_b, "{text}");
        assert_eq!(from_a, from_c, "{text}");
    }
}
