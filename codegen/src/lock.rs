//! The schema lock: the sha256 of each schema file this workspace was made for.
//!
//! `schemas/ews-schemas.lock` lists `<sha256>  <file>` lines. The build refuses schema
//! files that are missing or different, naming the setting and the expected files.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Error;

/// The files the generator reads (services.wsdl is checked too: the operations come from it).
pub const FILES: &[&str] = &["types.xsd", "messages.xsd", "services.wsdl"];

/// Parses lock text into (file, sha256 hex) pairs.
pub fn parse(lock: &str) -> Vec<(String, String)> {
    lock.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let hash = parts.next()?.to_ascii_lowercase();
            let file = parts.next()?.to_owned();
            Some((file, hash))
        })
        .collect()
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
    let entries = parse(lock);
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

    #[test]
    fn parses_lock_lines() {
        let l = "# comment\n\nABCD  types.xsd\n1234 messages.xsd\n";
        assert_eq!(
            parse(l),
            vec![
                ("types.xsd".into(), "abcd".into()),
                ("messages.xsd".into(), "1234".into())
            ]
        );
    }

    #[test]
    fn missing_files_are_named() {
        let dir = std::env::temp_dir().join("ews-codegen-lock-test-missing");
        let err = verify(&dir, "00  types.xsd\n", "EWS_SCHEMA_DIR")
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
