//! The schema lock: the sha256 of each schema file this workspace was made for.
//!
//! `schemas/ews-schemas.lock` lists `<sha256>  <file>` lines. The build refuses schema
//! files that are missing or different, naming the setting and the expected files.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Error;

/// The files the generator reads (services.wsdl is checked too: the operations come from it).
pub const FILES: &[&str] = &["types.xsd", "messages.xsd", "services.wsdl"];

/// Parses lock text into (file, sha256 hex) pairs. Blank lines and `#` comments aside, each
/// line is `<sha256>  <file>`; anything else is an error naming the line.
pub fn parse(lock: &str) -> Result<Vec<(String, String)>, String> {
    let mut entries = Vec::new();
    for (n, line) in lock.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(hash), Some(file), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!(
                "line {}: `{line}` is not `<sha256>  <file>`",
                n + 1
            ));
        };
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "line {}: `{hash}` is not a sha256 (64 hex digits)",
                n + 1
            ));
        }
        entries.push((file.to_owned(), hash.to_ascii_lowercase()));
    }
    Ok(entries)
}

/// The lock's entries, which must name each of [`FILES`] once: a lock that names none (only
/// comments, or empty) or misses one would turn the check off for those files.
fn entries(lock: &str) -> Result<Vec<(String, String)>, Error> {
    let bad = |why: String| {
        Error::Setup(format!(
            "the schema lock (schemas/ews-schemas.lock) is not usable: {why}\n\
             It lists `<sha256>  <file>` for each of {} (`sha256sum {}` in the schema folder \
             prints these lines).",
            FILES.join(", "),
            FILES.join(" ")
        ))
    };
    let entries = parse(lock).map_err(bad)?;
    for file in FILES {
        match entries.iter().filter(|(f, _)| f == file).count() {
            1 => {}
            0 => return Err(bad(format!("it has no line for {file}"))),
            _ => return Err(bad(format!("it has more than one line for {file}"))),
        }
    }
    Ok(entries)
}

/// The sha256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks that `dir` holds the locked files with the locked hashes.
pub fn verify(dir: &Path, lock: &str, setting: &str) -> Result<(), Error> {
    let entries = entries(lock)?;
    let mut problems = Vec::new();
    for (file, want) in &entries {
        let path = dir.join(file);
        match std::fs::read(&path) {
            Ok(bytes) => {
                let got = sha256_hex(&bytes);
                if &got != want {
                    problems.push(format!("  {file}: sha256 {got}, expected {want}"));
                }
            }
            Err(e) => problems.push(format!("  {file}: cannot read {} ({e})", path.display())),
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let expected: Vec<String> = entries.iter().map(|(f, h)| format!("  {h}  {f}")).collect();
    Err(Error::Setup(format!(
        "the EWS schema files in {} are missing or not the locked ones:\n{}\n\
         Set {setting} to a folder holding Microsoft's EWS schema files with these sha256 sums:\n{}\n\
         (schemas/README.md says where to get them; an Exchange server serves them at \
         https://<server>/EWS/types.xsd, /EWS/messages.xsd and /EWS/Services.wsdl.)",
        dir.display(),
        problems.join("\n"),
        expected.join("\n")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn parses_lock_lines() {
        let l = format!(
            "# comment\n\n{}  types.xsd\n{A} messages.xsd\n",
            A.to_uppercase()
        );
        assert_eq!(
            parse(&l).unwrap(),
            vec![
                ("types.xsd".into(), A.into()),
                ("messages.xsd".into(), A.into())
            ]
        );
    }

    #[test]
    fn malformed_lines_are_errors() {
        let err = parse("# c\nabcd  types.xsd\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
        assert!(parse(&format!("{A}\n"))
            .unwrap_err()
            .contains("not `<sha256>  <file>`"));
        assert!(parse(&format!("{A} a b\n")).is_err());
    }

    /// A lock that names no file (only a comment) or misses one is an error, not a check
    /// that passes because there is nothing to check.
    #[test]
    fn a_lock_must_name_every_file() {
        let dir = std::env::temp_dir();
        for lock in [
            "# only a comment\n".to_owned(),
            String::new(),
            format!("{A}  types.xsd\n"),
        ] {
            let err = verify(&dir, &lock, "EWS_SCHEMA_DIR")
                .unwrap_err()
                .to_string();
            assert!(err.contains("schema lock"), "{err}");
            assert!(err.contains("has no line for"), "{err}");
        }
        let twice = FILES
            .iter()
            .chain(["types.xsd"].iter())
            .map(|f| format!("{A}  {f}\n"))
            .collect::<String>();
        let err = verify(&dir, &twice, "EWS_SCHEMA_DIR")
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than one line for types.xsd"), "{err}");
    }

    #[test]
    fn missing_files_are_named() {
        let dir = std::env::temp_dir().join("ews-codegen-lock-test-missing");
        let lock: String = FILES.iter().map(|f| format!("{A}  {f}\n")).collect();
        let err = verify(&dir, &lock, "EWS_SCHEMA_DIR")
            .unwrap_err()
            .to_string();
        assert!(err.contains("types.xsd"), "{err}");
        assert!(err.contains("EWS_SCHEMA_DIR"), "{err}");
    }

    #[test]
    fn hashes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
