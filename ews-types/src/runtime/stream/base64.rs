//! Decoding `xs:base64Binary` text piece by piece, for content streamed into a
//! [`ContentSink`](super::ContentSink): the same lexical rules as
//! [`Base64Binary`](super::super::Base64Binary) (whitespace anywhere, `=` padding only at
//! the end, whole groups of four characters).

/// The decoder's state between pieces.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    acc: u32,
    /// Characters in `acc` (0 to 3).
    held: u8,
    /// `=` seen: only `=` and whitespace may follow.
    padding: u8,
    /// Characters seen, padding included (the total must be a multiple of four).
    count: u64,
}

/// Where the text stops being `xs:base64Binary`: the index of the byte in the piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Invalid(pub usize);

impl Decoder {
    /// Decodes `piece` onto the end of `out`.
    pub fn feed(&mut self, piece: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
        for (i, &b) in piece.iter().enumerate() {
            let v = match b {
                b' ' | b'\t' | b'\n' | b'\r' => continue,
                b'=' if self.held >= 2 || self.padding > 0 => {
                    self.padding += 1;
                    self.count += 1;
                    if self.padding > 2 {
                        return Err(Invalid(i));
                    }
                    continue;
                }
                _ if self.padding > 0 => return Err(Invalid(i)),
                b'A'..=b'Z' => b - b'A',
                b'a'..=b'z' => b - b'a' + 26,
                b'0'..=b'9' => b - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return Err(Invalid(i)),
            };
            self.count += 1;
            self.acc = (self.acc << 6) | u32::from(v);
            self.held += 1;
            if self.held == 4 {
                let [_, a, b, c] = self.acc.to_be_bytes();
                out.extend_from_slice(&[a, b, c]);
                self.acc = 0;
                self.held = 0;
            }
        }
        Ok(())
    }

    /// Ends the text: decodes a padded last group onto `out`; `false` if the text is not
    /// whole groups of four characters.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> bool {
        if self.count % 4 != 0 {
            return false;
        }
        match (self.held, self.padding) {
            (0, 0) => {}
            (2, 2) => out.push((self.acc >> 4) as u8),
            (3, 1) => {
                let v = self.acc >> 2;
                out.extend_from_slice(&[(v >> 8) as u8, v as u8]);
            }
            _ => return false,
        }
        self.held = 0;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Base64Binary;

    fn decode(pieces: &[&str]) -> Option<Vec<u8>> {
        let mut d = Decoder::default();
        let mut out = Vec::new();
        for p in pieces {
            d.feed(p.as_bytes(), &mut out).ok()?;
        }
        d.finish(&mut out).then_some(out)
    }

    #[test]
    fn decodes_across_pieces_as_the_value_type_does() {
        for bytes in [
            &b""[..],
            b"a",
            b"ab",
            b"abc",
            b"abcd",
            b"\x00\xff\x10binary",
        ] {
            let text = Base64Binary::encode(bytes).to_string();
            for cut in 0..=text.len() {
                let (a, b) = text.split_at(cut);
                assert_eq!(
                    decode(&[a, " \n", b]).as_deref(),
                    Some(bytes),
                    "{text} cut at {cut}"
                );
            }
        }
    }

    #[test]
    fn refuses_what_is_not_base64() {
        for bad in ["abc", "ab=c", "a===", "ab!d", "=abc", "abcd=", "YQ==YQ=="] {
            assert_eq!(decode(&[bad]), None, "{bad}");
        }
    }
}
