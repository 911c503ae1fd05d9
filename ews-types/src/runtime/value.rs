//! Simple values: the built-in XSD types and the lexical value types.
//!
//! Mapping of XSD built-ins (the generator follows it):
//!
//! | XSD | Rust |
//! |---|---|
//! | `string`, `normalizedString`, `token`, `language`, `anyURI`, `Name`, `NCName`, `ID`, `QName`, `hexBinary`, `anySimpleType` | [`String`] |
//! | `boolean` | [`bool`] (`true`/`false`/`1`/`0`) |
//! | `byte`, `short`, `int`, `long` | `i8`, `i16`, `i32`, `i64` |
//! | `unsignedByte`, `unsignedShort`, `unsignedInt`, `unsignedLong` | `u8`, `u16`, `u32`, `u64` |
//! | `integer` | `i64`; `nonNegativeInteger`, `positiveInteger`: `u64` |
//! | `float`, `double` | `f32`, `f64` |
//! | `decimal` | [`Decimal`] (lexical form kept) |
//! | `base64Binary` | [`Base64Binary`] (lexical form kept, [`Base64Binary::decode`]) |
//! | `dateTime`, `date`, `time`, `duration` | [`DateTime`], [`Date`], [`Time`], [`Duration`] (lexical form kept: servers send values without time zones, and writing back must not change them) |
//! | `xs:list` | [`List<T>`] |
//!
//! Strings, the enumerations of the schemas (restrictions of `xs:string`: a value with spaces
//! around it is kept as written, in the `Unlisted` variant) and `base64Binary` keep their text
//! exactly; every other type trims surrounding whitespace first (its `whiteSpace` facet is
//! `collapse`).
//!
//! One rule for every built-in type: a value outside its type's value space is refused when
//! read, with where it stands; what is read is kept as written. Numbers must fit their Rust
//! type (`int` 2147483648 is refused), and the date and time types must name a real instant:
//! a day that exists in its month (`2026-02-30` and `2100-02-29` are refused), hours up to
//! 23 (or `24:00:00`, the end of the day), minutes and seconds up to 59, zones within
//! ±14:00, no year 0000; a duration's units must stand in their order (`-P1Y2M3DT4H5M6.7S`),
//! each at most once, with a fraction only on the seconds.
//!
//! The date, time and duration types give their fields with `parts()` ([`DateTimeParts`],
//! [`DateParts`], [`TimeParts`], [`DurationParts`]) and are made from fields with
//! `from_parts`, which writes them in their usual form. With the cargo features `time`,
//! `chrono` and `jiff` they convert to and from those crates' types:
//!
//! | Here | `time` | `chrono` | `jiff` |
//! |---|---|---|---|
//! | [`DateTime`] with a zone | `to_offset_date_time` → `OffsetDateTime` | `to_chrono` → `DateTime<FixedOffset>` | `to_jiff_timestamp` → `Timestamp` |
//! | [`DateTime`], any | `to_primitive_date_time` → `PrimitiveDateTime` | `to_chrono_naive` → `NaiveDateTime` | `to_jiff_civil` → `civil::DateTime` |
//! | [`Date`] | `to_time_date` → `Date` | `to_chrono` → `NaiveDate` | `to_jiff` → `civil::Date` |
//! | [`Time`] | `to_time_time` → `Time` | `to_chrono` → `NaiveTime` | `to_jiff` → `civil::Time` |
//! | [`Duration`] | `to_time_duration` → `Duration` | `to_chrono` → `TimeDelta` | `to_jiff` → `SignedDuration`, `to_jiff_span` → `Span` |
//!
//! and back with `From`, or `TryFrom` where the other crate holds values these types cannot
//! (the year 0, leap seconds). What the conversions decide:
//!
//! - **Values without a zone.** Exchange mostly sends UTC (`Z`), but a value without a zone
//!   is a wall-clock time in the time zone the request's context sets, which the value does
//!   not carry. The conversions to an instant (`to_offset_date_time`, `to_chrono`,
//!   `to_jiff_timestamp`) refuse such a value; their `…_or(offset)` forms take the offset to
//!   assume, and the civil forms (`to_primitive_date_time`, `to_chrono_naive`,
//!   `to_jiff_civil`) give the date and time as written, dropping a zone if there is one.
//!   [`Date`] and [`Time`] convert to the crates' civil dates and times, dropping the zone.
//! - **`24:00:00`** is 00:00:00 of the next day (for a [`Time`]: 00:00:00).
//! - **Fractions** beyond nanoseconds are truncated.
//! - **Years** are numbered as the crates (and XSD 1.1 and ISO 8601) number them: the year
//!   before 0001 is 0000, the one before that -0001, and the leap-year rule is the same for
//!   negative years (the reader checks `-0004-02-29` so). `-0044` is the crates' year -44
//!   (45 BC). The reader refuses the year 0000 itself (as XSD 1.0 does), so a crate's year
//!   0 is an error going that way, and a year outside a crate's range the other way.
//! - **Durations**: a day counts 24 hours; years and months have no fixed length, so the
//!   conversions to fixed-length durations refuse a value that has any (`jiff`'s `Span`
//!   keeps them). Durations are written as days, hours, minutes and seconds (`P1DT2H`,
//!   `PT0S` for zero).
//! - **Offsets** are written `Z` for UTC, else `+hh:mm`; an offset with seconds or beyond
//!   ±14:00, which `xs:dateTime` cannot hold, is written as the same instant in UTC.
//!
//! Conversions that cannot represent a value return a [`ValueError`] naming the value and
//! what it should have been.

use std::borrow::Cow;
use std::fmt;

use super::error::ValueError;
use super::SimpleValue;

mod dates;
#[cfg(feature = "chrono")]
mod dates_chrono;
#[cfg(feature = "jiff")]
mod dates_jiff;
#[cfg(feature = "time")]
mod dates_time;

pub use dates::{DateParts, DateTimeParts, DurationParts, TimeParts};

impl SimpleValue for String {
    fn parse(s: &str) -> Result<Self, ValueError> {
        Ok(s.to_owned())
    }
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl SimpleValue for bool {
    fn parse(s: &str) -> Result<Self, ValueError> {
        match s.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            other => Err(ValueError::new("boolean", other)),
        }
    }
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! number {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        impl SimpleValue for $t {
            fn parse(s: &str) -> Result<Self, ValueError> {
                let t = s.trim();
                let t = t.strip_prefix('+').unwrap_or(t);
                t.parse().map_err(|_| ValueError::new($xsd, s))
            }
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
number!(i8 => "byte", i16 => "short", i32 => "int", i64 => "long",
        u8 => "unsignedByte", u16 => "unsignedShort", u32 => "unsignedInt", u64 => "unsignedLong");

macro_rules! float {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleValue for $t {
            fn parse(s: &str) -> Result<Self, ValueError> {
                match s.trim() {
                    "INF" => Ok(<$t>::INFINITY),
                    "-INF" => Ok(<$t>::NEG_INFINITY),
                    "NaN" => Ok(<$t>::NAN),
                    t if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => {
                        Err(ValueError::new($xsd, s))
                    }
                    t => t.parse().map_err(|_| ValueError::new($xsd, s)),
                }
            }
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(if self.is_infinite() {
                    if *self > 0.0 { "INF".into() } else { "-INF".into() }
                } else if self.is_nan() {
                    "NaN".into()
                } else {
                    self.to_string()
                })
            }
        }
    )*};
}
float!(f32 => "float", f64 => "double");

/// Declares a value type that keeps its exact lexical form, checked on parse.
macro_rules! lexical {
    (@keep trim, $s:expr) => {
        $s.trim()
    };
    (@keep exact, $s:expr) => {
        $s
    };
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $check:path) => {
        lexical!($(#[$doc])* $name, $xsd, $check, trim);
    };
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $check:path, $keep:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
        // A boxed `str` (not a `String`): 8 bytes less in every struct with such a field.
        pub struct $name(Box<str>);

        impl $name {
            #[doc = concat!("A `", $xsd, "` from its lexical form, checked.")]
            pub fn new(s: impl AsRef<str>) -> Result<Self, ValueError> {
                let s = s.as_ref();
                if $check(s.trim()) {
                    Ok($name(lexical!(@keep $keep, s).into()))
                } else {
                    Err(ValueError::new($xsd, s))
                }
            }

            /// The lexical form, exactly as read or given.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl SimpleValue for $name {
            fn parse(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Borrowed(&self.0)
            }
        }
    };
}

lexical!(
    /// An `xs:dateTime` (`2006-10-25T10:00:00Z`, `2013-02-04T09:00:00`, with or without zone).
    DateTime, "dateTime", is_date_time
);
lexical!(
    /// An `xs:date` (`2006-10-25`, optionally with a zone).
    Date, "date", is_date
);
lexical!(
    /// An `xs:time` (`10:00:00`, optionally with fraction and zone).
    Time, "time", is_time
);
lexical!(
    /// An `xs:duration` (`PT30M`, `-P1DT2H`).
    Duration, "duration", is_duration
);
lexical!(
    /// An `xs:decimal` (`-12.50`), kept exactly as written.
    Decimal, "decimal", is_decimal
);
lexical!(
    /// An `xs:base64Binary`, kept as text; [`Base64Binary::decode`] gives the bytes. The
    /// text is kept exactly, surrounding whitespace included (long values are often
    /// line-wrapped, and writing them back must not change them).
    Base64Binary, "base64Binary", is_base64, exact
);

impl Base64Binary {
    /// Encodes `bytes`.
    pub fn encode(bytes: &[u8]) -> Self {
        const ALPHABET: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        Base64Binary(out.into_boxed_str())
    }

    /// Decodes the value (whitespace inside is ignored).
    pub fn decode(&self) -> Result<Vec<u8>, ValueError> {
        let mut out = Vec::new();
        self.decode_into(&mut out)?;
        Ok(out)
    }

    /// Decodes the value onto the end of `out` (whitespace inside is ignored), reserving
    /// [`decoded_len`](Self::decoded_len) bytes first, so that a buffer reused for many
    /// values is not allocated again once it is large enough. On error (possible only
    /// for a value that was not checked, e.g. deserialized with serde) `out` keeps the
    /// length it had.
    pub fn decode_into(&self, out: &mut Vec<u8>) -> Result<(), ValueError> {
        let start = out.len();
        out.reserve(self.decoded_len());
        let mut acc = 0u32;
        let mut bits = 0;
        for b in self.0.bytes() {
            let v = match b {
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'z' => b - b'a' + 26,
                b'0'..=b'9' => b - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                b'=' => break,
                b if b.is_ascii_whitespace() => continue,
                _ => {
                    out.truncate(start);
                    return Err(ValueError::new("base64Binary", &self.0));
                }
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Ok(())
    }

    /// How many bytes [`decode`](Self::decode) gives, counted from the text without
    /// decoding it: six bits for each character before the padding, whitespace aside.
    pub fn decoded_len(&self) -> usize {
        let n = self
            .0
            .bytes()
            .take_while(|&b| b != b'=')
            .filter(|b| !b.is_ascii_whitespace())
            .count();
        n / 4 * 3 + n % 4 * 3 / 4
    }
}

impl From<&[u8]> for Base64Binary {
    /// Encodes the bytes ([`Base64Binary::encode`]).
    fn from(bytes: &[u8]) -> Self {
        Base64Binary::encode(bytes)
    }
}

impl<const N: usize> From<&[u8; N]> for Base64Binary {
    /// Encodes the bytes ([`Base64Binary::encode`]).
    fn from(bytes: &[u8; N]) -> Self {
        Base64Binary::encode(bytes)
    }
}

impl From<Vec<u8>> for Base64Binary {
    /// Encodes the bytes ([`Base64Binary::encode`]).
    fn from(bytes: Vec<u8>) -> Self {
        Base64Binary::encode(&bytes)
    }
}

impl TryFrom<&Base64Binary> for Vec<u8> {
    type Error = ValueError;
    /// Decodes the value ([`Base64Binary::decode`]).
    fn try_from(value: &Base64Binary) -> Result<Self, ValueError> {
        value.decode()
    }
}

fn is_date_time(s: &str) -> bool {
    dates::lex_date_time(s).is_some()
}

fn is_date(s: &str) -> bool {
    dates::lex_date(s).is_some()
}

fn is_time(s: &str) -> bool {
    dates::lex_time(s).is_some()
}

fn is_duration(s: &str) -> bool {
    dates::lex_duration(s).is_some()
}

fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    (!int.is_empty() || !frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

fn is_base64(s: &str) -> bool {
    let mut n = 0usize;
    let mut pad = 0usize;
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' if pad == 0 => n += 1,
            b'=' => pad += 1,
            b if b.is_ascii_whitespace() => {}
            _ => return false,
        }
    }
    pad <= 2 && (n + pad) % 4 == 0
}

/// An `xs:list`: whitespace-separated values.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct List<T>(pub Vec<T>);

impl<T> std::ops::Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> std::ops::DerefMut for List<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(v: Vec<T>) -> Self {
        List(v)
    }
}

impl<T: SimpleValue> SimpleValue for List<T> {
    fn parse(s: &str) -> Result<Self, ValueError> {
        s.split_ascii_whitespace()
            .map(T::parse)
            .collect::<Result<_, _>>()
            .map(List)
    }
    fn to_text(&self) -> Cow<'_, str> {
        let mut out = String::new();
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&v.to_text());
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexical_checks() {
        for ok in [
            "2006-10-25T10:00:00Z",
            "2013-02-04T09:00:00",
            "2013-02-04T09:00:00.123-08:00",
            "2024-02-29T00:00:00",
            "2000-02-29T00:00:00",
            "2026-01-31T24:00:00",
            "2026-12-31T23:59:59.999+14:00",
            "2026-12-31T23:59:59-14:00",
            "12026-04-30T00:00:00",
            "-0044-03-15T12:00:00",
        ] {
            assert!(DateTime::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2006-10-25",
            "yesterday",
            "2006-10-25T10:00",
            "",
            "2026-02-30T10:00:00",
            "2026-13-01T10:00:00",
            "2026-00-10T10:00:00",
            "2026-01-00T10:00:00",
            "2026-01-01T10:00:00+25:00",
            "2026-01-01T10:00:00+14:01",
            "2026-01-01T10:00:00-00:60",
            "2026-01-01T24:00:01",
            "2026-01-01T23:60:00",
            "2026-01-01T23:00:60",
            "2100-02-29T00:00:00",
            "0000-01-01T00:00:00",
        ] {
            assert!(DateTime::new(bad).is_err(), "{bad}");
        }
        assert!(Date::new("2006-10-25").is_ok());
        assert!(Date::new("2006-10-25Z").is_ok());
        assert!(Time::new("10:00:00").is_ok());
        assert!(Duration::new("PT30M").is_ok());
        assert!(Duration::new("-P1DT2H").is_ok());
        assert!(Duration::new("P").is_err());
        assert!(Duration::new("PT").is_err());
        assert!(Decimal::new("-12.50").is_ok());
        assert!(Decimal::new("1e5").is_err());
        assert!(Base64Binary::new("AAMkAG==").is_ok());
        assert!(Base64Binary::new("AA*=").is_err());
    }

    #[test]
    fn base64_round_trip() {
        for data in [&b""[..], b"a", b"ab", b"abc", b"hello world!"] {
            let enc = Base64Binary::encode(data);
            assert!(Base64Binary::new(enc.as_str()).is_ok());
            assert_eq!(enc.decode().unwrap(), data);
        }
        assert_eq!(Base64Binary::encode(b"hello").as_str(), "aGVsbG8=");
        // Line-wrapped text is kept exactly (it is written back as read); dates are trimmed.
        let wrapped = Base64Binary::new("\n  aGVs\n  bG8=\n").unwrap();
        assert_eq!(wrapped.as_str(), "\n  aGVs\n  bG8=\n");
        assert_eq!(wrapped.decode().unwrap(), b"hello");
        assert_eq!(Date::new(" 2026-01-05\n").unwrap().as_str(), "2026-01-05");
    }

    #[test]
    fn numbers_and_bools() {
        assert_eq!(i32::parse(" 42 ").unwrap(), 42);
        assert_eq!(i32::parse("+7").unwrap(), 7);
        assert!(i32::parse("4x").is_err());
        assert!(u8::parse("300").is_err());
        assert!(bool::parse("1").unwrap());
        assert!(bool::parse("yes").is_err());
        assert_eq!(f64::parse("INF").unwrap(), f64::INFINITY);
        assert!(f64::parse("inf").is_err());
        assert_eq!(f64::parse("1.5").unwrap().to_text(), "1.5");
        assert_eq!(String::parse("  keep  ").unwrap(), "  keep  ");
    }

    #[test]
    fn lists() {
        let l = List::<i32>::parse(" 1 2\n3 ").unwrap();
        assert_eq!(l.0, vec![1, 2, 3]);
        assert_eq!(l.to_text(), "1 2 3");
    }
}
