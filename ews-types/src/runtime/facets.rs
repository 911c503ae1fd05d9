//! The facets of the schemas' restricted simple types that their Rust types do not hold
//! (`xs:int` between 1 and 1440, a string of at least one character, a GUID pattern): the
//! generated [`Facets`] of each such type, checked on the value's text after reading and
//! before writing, through [`ComplexType::unfit`](super::ComplexType::unfit).

use std::any::Any;
use std::borrow::Cow;
use std::sync::OnceLock;

use super::unfit::Unfit;
use super::SimpleValue;

/// The facets of one restricted simple type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    /// The type's name in the schema.
    pub name: &'static str,
    /// `minInclusive` (of an integer type).
    pub min_inclusive: Option<i64>,
    /// `maxInclusive` (of an integer type).
    pub max_inclusive: Option<i64>,
    /// `length` (in characters).
    pub length: Option<usize>,
    /// `minLength` (in characters).
    pub min_length: Option<usize>,
    /// `maxLength` (in characters).
    pub max_length: Option<usize>,
    /// `pattern`, an XML Schema regular expression (matched against the whole text).
    pub pattern: Option<Pattern>,
}

/// A `pattern` facet: an XML Schema regular expression, compiled on first use.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Vec<Vec<Piece>>>>,
}

impl Pattern {
    /// The pattern `source` (not compiled yet).
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The expression as the schema writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the whole of `text` matches (nothing matches a pattern outside the subset
    /// this module reads).
    pub fn matches(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| parse(self.source))
            .as_ref()
            .is_some_and(|alternatives| match_alternatives(alternatives, text))
    }
}

impl Clone for Pattern {
    fn clone(&self) -> Self {
        Pattern::new(self.source)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

impl Facets {
    /// The facets of type `name`, none set yet (`Facets { min_length: Some(1),
    /// ..Facets::new("NonEmptyStringType") }`).
    pub const fn new(name: &'static str) -> Facets {
        Facets {
            name,
            min_inclusive: None,
            max_inclusive: None,
            length: None,
            min_length: None,
            max_length: None,
            pattern: None,
        }
    }

    /// Whether `text` (a value's lexical form) satisfies every facet.
    pub fn allow(&self, text: &str) -> bool {
        self.allow_length(text)
            && self.allow_number(text)
            && self.pattern.as_ref().is_none_or(|p| p.matches(text))
    }

    fn allow_length(&self, text: &str) -> bool {
        if (self.length, self.min_length, self.max_length) == (None, None, None) {
            return true;
        }
        let chars = text.chars().count();
        self.length.is_none_or(|n| chars == n)
            && self.min_length.is_none_or(|n| chars >= n)
            && self.max_length.is_none_or(|n| chars <= n)
    }

    fn allow_number(&self, text: &str) -> bool {
        if self.min_inclusive.is_none() && self.max_inclusive.is_none() {
            return true;
        }
        // `parse` takes one leading `+`, as XML Schema does.
        text.trim()
            .parse::<i128>()
            .is_ok_and(|n| self.allow_integer(n))
    }

    fn allow_integer(&self, n: i128) -> bool {
        self.min_inclusive.is_none_or(|m| n >= i128::from(m))
            && self.max_inclusive.is_none_or(|m| n <= i128::from(m))
    }

    /// Writes that `value` of `element` is outside these facets (for [`Unfit`] and
    /// [`ErrorKind::OutOfFacets`](super::ErrorKind::OutOfFacets)).
    pub(crate) fn write_outside(
        &self,
        f: &mut std::fmt::Formatter<'_>,
        element: &str,
        value: &str,
    ) -> std::fmt::Result {
        write!(
            f,
            "value {value:?} of {element} is outside {} ({})",
            self.name,
            self.describe()
        )
    }

    /// The facets as the schema writes them (`minInclusive 1, maxInclusive 1440`).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let mut push = |name: &str, v: Option<String>| {
            if let Some(v) = v {
                parts.push(format!("{name} {v}"));
            }
        };
        push("minInclusive", self.min_inclusive.map(|v| v.to_string()));
        push("maxInclusive", self.max_inclusive.map(|v| v.to_string()));
        push("length", self.length.map(|v| v.to_string()));
        push("minLength", self.min_length.map(|v| v.to_string()));
        push("maxLength", self.max_length.map(|v| v.to_string()));
        push(
            "pattern",
            self.pattern.as_ref().map(|p| p.source.to_owned()),
        );
        parts.join(", ")
    }

    /// `Some` if `value` (of `element`) breaks a facet.
    fn outside<T: SimpleValue + 'static>(
        &'static self,
        element: &'static str,
        value: &T,
    ) -> Option<Unfit> {
        // The schemas bound `xs:int` values: checked without writing them as text first.
        let bounds_only = self.pattern.is_none()
            && self.length.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none();
        if let (Some(&n), true) = ((value as &dyn Any).downcast_ref::<i32>(), bounds_only) {
            if self.allow_integer(i128::from(n)) {
                return None;
            }
        }
        let text: Cow<'_, str> = value.to_text();
        (!self.allow(&text)).then(|| Unfit::OutOfFacets {
            element,
            value: text.into_owned(),
            facets: self,
        })
    }

    /// [`Unfit::OutOfFacets`] for a required field's value, if it breaks a facet.
    pub fn one<T: SimpleValue + 'static>(
        &'static self,
        element: &'static str,
        value: &T,
    ) -> Option<Unfit> {
        self.outside(element, value)
    }

    /// For an optional field's value.
    pub fn opt<T: SimpleValue + 'static>(
        &'static self,
        element: &'static str,
        value: Option<&T>,
    ) -> Option<Unfit> {
        value.and_then(|v| self.outside(element, v))
    }

    /// For the values of a repeated field: the first that breaks a facet.
    pub fn many<T: SimpleValue + 'static>(
        &'static self,
        element: &'static str,
        values: &[T],
    ) -> Option<Unfit> {
        values.iter().find_map(|v| self.outside(element, v))
    }
}

// ---------------------------------------------------------------------------------------
// XML Schema regular expressions: the subset the schemas use (characters, escapes such as
// `\.` and `\d`, classes `[a-z0-9]`, groups, `|`, and the quantifiers `?`, `*`, `+`, `{n}`,
// `{n,}`, `{n,m}`), matched against the whole text by backtracking. A pattern outside the
// subset matches nothing; the tests parse every pattern of the schemas.

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Atom {
    /// Character ranges (a single character is a range of one); `negated` for `[^…]`.
    Class {
        ranges: Vec<(char, char)>,
        negated: bool,
    },
    /// A group of alternatives.
    Group(Vec<Vec<Piece>>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Piece {
    atom: Atom,
    min: usize,
    /// `None`: unbounded.
    max: Option<usize>,
}

/// Whether the whole of `text` matches `pattern` (compiled for this call).
pub fn matches(pattern: &str, text: &str) -> bool {
    parse(pattern).is_some_and(|alternatives| match_alternatives(&alternatives, text))
}

/// Whether the whole of `text` matches one of `alternatives`.
fn match_alternatives(alternatives: &[Vec<Piece>], text: &str) -> bool {
    // The texts the schemas restrict by pattern are short: no allocation for them.
    let mut short = ['\0'; 64];
    let long: Vec<char>;
    let chars: &[char] = if text.len() <= short.len() {
        let mut n = 0;
        for c in text.chars() {
            short[n] = c;
            n += 1;
        }
        &short[..n]
    } else {
        long = text.chars().collect();
        &long
    };
    let mut budget = 100_000usize;
    alternatives
        .iter()
        .any(|seq| match_seq(seq, chars, 0, &mut budget, &mut |end, _| end == chars.len()))
}

/// Parses a whole pattern into alternatives; `None` if it is outside the subset.
fn parse(pattern: &str) -> Option<Vec<Vec<Piece>>> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut at = 0;
    let alternatives = parse_alternatives(&chars, &mut at)?;
    (at == chars.len()).then_some(alternatives)
}

fn parse_alternatives(p: &[char], at: &mut usize) -> Option<Vec<Vec<Piece>>> {
    let mut alternatives = vec![Vec::new()];
    while let Some(&c) = p.get(*at) {
        match c {
            ')' => break,
            '|' => {
                *at += 1;
                alternatives.push(Vec::new());
            }
            _ => {
                let atom = parse_atom(p, at)?;
                let (min, max) = parse_quantifier(p, at)?;
                alternatives.last_mut()?.push(Piece { atom, min, max });
            }
        }
    }
    Some(alternatives)
}

fn parse_atom(p: &[char], at: &mut usize) -> Option<Atom> {
    let c = *p.get(*at)?;
    *at += 1;
    let one = |c: char| Atom::Class {
        ranges: vec![(c, c)],
        negated: false,
    };
    match c {
        '(' => {
            let inner = parse_alternatives(p, at)?;
            (p.get(*at) == Some(&')')).then(|| *at += 1)?;
            Some(Atom::Group(inner))
        }
        '[' => parse_class(p, at),
        '\\' => {
            let e = *p.get(*at)?;
            *at += 1;
            Some(escape_class(e).unwrap_or_else(|| one(e)))
        }
        '.' => Some(Atom::Class {
            ranges: vec![('\n', '\n'), ('\r', '\r')],
            negated: true,
        }),
        '?' | '*' | '+' | '{' | '}' | ']' => None,
        c => Some(one(c)),
    }
}

/// `\d` and `\s` (and their negations); `None` for an escaped character.
fn escape_class(e: char) -> Option<Atom> {
    let (ranges, negated) = match e {
        'd' => (vec![('0', '9')], false),
        'D' => (vec![('0', '9')], true),
        's' => (
            vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
            false,
        ),
        'S' => (
            vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
            true,
        ),
        _ => return None,
    };
    Some(Atom::Class { ranges, negated })
}

fn parse_class(p: &[char], at: &mut usize) -> Option<Atom> {
    let negated = p.get(*at) == Some(&'^');
    if negated {
        *at += 1;
    }
    let mut ranges = Vec::new();
    loop {
        let mut c = *p.get(*at)?;
        *at += 1;
        match c {
            ']' if !ranges.is_empty() => return Some(Atom::Class { ranges, negated }),
            '\\' => {
                c = *p.get(*at)?;
                *at += 1;
                if let Some(Atom::Class {
                    ranges: r,
                    negated: false,
                }) = escape_class(c)
                {
                    ranges.extend(r);
                    continue;
                }
            }
            '[' => return None,
            _ => {}
        }
        if p.get(*at) == Some(&'-') && p.get(*at + 1).is_some_and(|&e| e != ']') {
            let end = *p.get(*at + 1)?;
            *at += 2;
            ranges.push((c, end));
        } else {
            ranges.push((c, c));
        }
    }
}

fn parse_quantifier(p: &[char], at: &mut usize) -> Option<(usize, Option<usize>)> {
    let q = match p.get(*at) {
        Some('?') => (0, Some(1)),
        Some('*') => (0, None),
        Some('+') => (1, None),
        Some('{') => {
            let close = p[*at..].iter().position(|&c| c == '}')? + *at;
            let inside: String = p[*at + 1..close].iter().collect();
            *at = close;
            match inside.split_once(',') {
                None => {
                    let n = inside.parse().ok()?;
                    (n, Some(n))
                }
                Some((a, "")) => (a.parse().ok()?, None),
                Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
            }
        }
        _ => return Some((1, Some(1))),
    };
    *at += 1;
    Some(q)
}

/// Takes one step of the matching budget; `false` when it is spent (the text then does not
/// match: a pattern that needs more is not one of the schemas').
fn spend(budget: &mut usize) -> bool {
    *budget = budget.saturating_sub(1);
    *budget > 0
}

/// Matches `seq` from `at`, calling `k` with each end position until it accepts.
fn match_seq(
    seq: &[Piece],
    text: &[char],
    at: usize,
    budget: &mut usize,
    k: &mut dyn FnMut(usize, &mut usize) -> bool,
) -> bool {
    if !spend(budget) {
        return false;
    }
    match seq.split_first() {
        None => k(at, budget),
        Some((piece, rest)) => match_piece(piece, 0, rest, text, at, budget, k),
    }
}

/// Matches `piece` (already `count` times) and then `rest`.
fn match_piece(
    piece: &Piece,
    count: usize,
    rest: &[Piece],
    text: &[char],
    at: usize,
    budget: &mut usize,
    k: &mut dyn FnMut(usize, &mut usize) -> bool,
) -> bool {
    if !spend(budget) {
        return false;
    }
    let can_more = piece.max.is_none_or(|m| count < m);
    // Greedy: one more first, then stop here if enough. An empty match only counts towards
    // the minimum (more of them would not end).
    if can_more
        && match_atom(&piece.atom, text, at, budget, &mut |end, b| {
            (end > at || count < piece.min) && match_piece(piece, count + 1, rest, text, end, b, k)
        })
    {
        return true;
    }
    count >= piece.min && match_seq(rest, text, at, budget, k)
}

fn match_atom(
    atom: &Atom,
    text: &[char],
    at: usize,
    budget: &mut usize,
    k: &mut dyn FnMut(usize, &mut usize) -> bool,
) -> bool {
    match atom {
        Atom::Class { ranges, negated } => {
            text.get(at)
                .is_some_and(|&c| ranges.iter().any(|&(a, b)| (a..=b).contains(&c)) != *negated)
                && k(at + 1, budget)
        }
        Atom::Group(alternatives) => alternatives
            .iter()
            .any(|seq| match_seq(seq, text, at, budget, k)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_patterns_of_the_schemas() {
        let guid = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";
        assert!(matches(guid, "6f9619ff-8b86-d011-b42d-00c04fc964ff"));
        assert!(!matches(guid, "6f9619ff-8b86-d011-b42d-00c04fc964f"));
        assert!(!matches(guid, "6f9619ff-8b86-d011-b42d-00c04fc964ffa"));
        let tag = "(0x|0X)[0-9A-Fa-f]{1,4}";
        assert!(matches(tag, "0x1A2b") && matches(tag, "0X1"));
        assert!(!matches(tag, "0x") && !matches(tag, "0x12345") && !matches(tag, "1A"));
        let excludes = "((0x|0X)[0-9A-Fa-f]*)|([0-9]*)";
        assert!(matches(excludes, "0x10") && matches(excludes, "123") && matches(excludes, ""));
        assert!(!matches(excludes, "12a"));
        let client = "[a-zA-Z0-9]+_[a-zA-Z0-9]+";
        assert!(matches(client, "Outlook_Desktop") && !matches(client, "Outlook"));
        let version = "[0-9]{1,4}\\.[0-9]{1,4}(\\.[0-9]{1,4}(\\.[0-9]{1,4})?)?";
        for ok in ["15.1", "15.1.2", "15.1.2.3"] {
            assert!(matches(version, ok), "{ok}");
        }
        for bad in ["15", "15.1.2.3.4", "15.x", "12345.1"] {
            assert!(!matches(version, bad), "{bad}");
        }
    }

    #[test]
    fn outside_the_subset_matches_nothing() {
        assert_eq!(parse("a{2"), None);
        assert_eq!(parse("(a"), None);
        assert!(!matches("[a", "a"));
        assert!(matches("[^a]\\d.", "b1x") && !matches("[^a]\\d.", "a1x"));
    }

    #[test]
    fn backtracking_is_bounded() {
        // Exponential in a naive matcher: stops at the budget, without an answer.
        let text = "a".repeat(40) + "b";
        assert!(!matches("(a*)*c", &text));
    }

    #[test]
    fn bounds_and_lengths() {
        let timeout = Facets {
            min_inclusive: Some(1),
            max_inclusive: Some(1440),
            ..Facets::new("SubscriptionTimeoutType")
        };
        assert!(timeout.allow("1") && timeout.allow("1440") && timeout.allow(" +30 "));
        assert!(!timeout.allow("0") && !timeout.allow("1441") && !timeout.allow("x"));
        assert!(!timeout.allow("++30"));
        assert_eq!(timeout.describe(), "minInclusive 1, maxInclusive 1440");
        let non_empty = Facets {
            min_length: Some(1),
            ..Facets::new("NonEmptyStringType")
        };
        assert!(non_empty.allow("é") && !non_empty.allow(""));
        let empty = Facets {
            length: Some(0),
            ..Facets::new("ProtectionRuleTrueType")
        };
        assert!(empty.allow("") && !empty.allow("x"));
        let guid = Facets {
            pattern: Some(Pattern::new("[0-9a-f]{2}")),
            ..Facets::new("Hex")
        };
        assert!(guid.allow("0a") && !guid.allow("0g") && guid.allow("0f"));
        assert_eq!(guid.describe(), "pattern [0-9a-f]{2}");
    }
}
