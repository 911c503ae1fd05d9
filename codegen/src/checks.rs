//! What `codegen report` flags about a schema set beyond what generation refuses: whether
//! xmllint, which the tests validate our output with, compiles the schemas at all.
//!
//! A set the generator reads but xmllint refuses (an inconsistent facet, a pattern it cannot
//! compile) would make every validation in the tests fail with a message about the schema,
//! not about what we wrote; the report says so up front.

use std::path::Path;
use std::process::Command;

/// One thing the report flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// What was checked (`xmllint`).
    pub check: &'static str,
    /// What is wrong.
    pub message: String,
}

/// Runs every check on the schema set in `dir`.
pub fn run(dir: &Path) -> Vec<Flag> {
    xmllint_compiles(dir).err().into_iter().collect()
}

/// Whether xmllint compiles `messages.xsd` (with the `types.xsd` it imports): it is run on
/// a wrapper schema that imports both, validating an empty document against it.
pub fn xmllint_compiles(dir: &Path) -> Result<(), Flag> {
    let flag = |message: String| Flag {
        check: "xmllint",
        message,
    };
    let messages = std::fs::canonicalize(dir.join("messages.xsd"))
        .map_err(|e| flag(format!("{}: {e}", dir.join("messages.xsd").display())))?;
    let work = std::env::temp_dir().join(format!("ews-codegen-check-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| flag(format!("{}: {e}", work.display())))?;
    let wrapper = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x-ews-check">
  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>
  <xs:import namespace="http://schemas.microsoft.com/exchange/services/2006/messages"
             schemaLocation="file://{}"/>
  <xs:element name="Check"/>
</xs:schema>
"#,
        messages
            .display()
            .to_string()
            .replace('%', "%25")
            .replace(' ', "%20")
    );
    let files = [
        // The XML namespace's schema, imported first (as `tools/ews-validate` does):
        // `types.xsd` imports it from a web address xmllint does not fetch.
        ("xml.xsd", crate::load::XML_NAMESPACE_XSD),
        ("wrapper.xsd", wrapper.as_str()),
        ("check.xml", r#"<Check xmlns="urn:x-ews-check"/>"#),
    ];
    for (name, text) in files {
        std::fs::write(work.join(name), text)
            .map_err(|e| flag(format!("{}: {e}", work.join(name).display())))?;
    }
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(work.join("wrapper.xsd"))
        .arg(work.join("check.xml"))
        .output();
    let _ = std::fs::remove_dir_all(&work);
    let out = out.map_err(|e| {
        flag(format!(
            "not checked: cannot run xmllint ({e}; apt-get install -y libxml2-utils)"
        ))
    })?;
    let text = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return Ok(());
    }
    // Lines about the schema, not about the empty document or the skipped web import.
    let problems: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("check.xml") && !l.contains("Skipping import"))
        .filter(|l| !l.trim().is_empty())
        .take(10)
        .collect();
    Err(flag(format!(
        "xmllint does not compile the schemas (exit status {:?}):\n{}",
        out.status.code(),
        problems.join("\n")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_flagged() {
        let flags = run(Path::new("/nonexistent/ews-schemas"));
        assert_eq!(flags.len(), 1);
        assert!(flags[0].message.contains("messages.xsd"), "{:?}", flags);
    }
}
