//! The maintainers' tools: the API-surface snapshot, and `diff` on real schemas against
//! copies modified at test time.

use std::path::{Path, PathBuf};
use std::process::Command;

fn schema_dir() -> PathBuf {
    PathBuf::from(
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml"),
    )
}

/// A copy of the schema set in a fresh folder, with `edit` applied to (file name, text).
fn copy_with(name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("surface-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["types.xsd", "messages.xsd", "services.wsdl"] {
        let text = std::fs::read_to_string(schema_dir().join(f)).unwrap();
        let edited = edit(f, text.clone());
        std::fs::write(dir.join(f), edited).unwrap();
    }
    dir
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// Removes every `<wsdl:operation name="NAME">…</wsdl:operation>` block.
fn remove_operation(mut wsdl: String, name: &str) -> String {
    let open = format!("<wsdl:operation name=\"{name}\">");
    let mut removed = 0;
    while let Some(start) = wsdl.find(&open) {
        let end =
            start + wsdl[start..].find("</wsdl:operation>").unwrap() + "</wsdl:operation>".len();
        wsdl.replace_range(start..end, "");
        removed += 1;
    }
    assert_eq!(removed, 2, "port type and binding");
    wsdl
}

fn plan(dir: &Path) -> codegen::ir::Plan {
    codegen::Config::new(dir).plan().unwrap()
}

#[test]
fn api_surface_snapshot() {
    let listing = codegen::surface::listing(&plan(&schema_dir()));
    assert!(listing.lines().count() > 7000);
    insta::with_settings!({
        snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../snapshots"),
        prepend_module_to_snapshot => false,
        description => "The generated API: one line per operation, item, field, variant and value. \
                        A change here is an API change: review it.",
        omit_expression => true,
    }, {
        insta::assert_snapshot!("api_surface", listing);
    });
}

#[test]
fn diff_names_each_change() {
    let old = copy_with("old", |_, t| t);
    let new = copy_with("new", |f, t| match f {
        "services.wsdl" => remove_operation(t, "RemoveImContactFromGroup"),
        "messages.xsd" => {
            // A new enumeration value, and a required element made optional.
            let t = replace_once(
                &t,
                "<xs:enumeration value=\"NoError\"/>",
                "<xs:enumeration value=\"NoError\"/>\n<xs:enumeration value=\"ErrorFromTheFuture\"/>",
            );
            // ContactId of RemoveImContactFromGroupType: the first one after its declaration.
            let at = t
                .find("<xs:complexType name=\"RemoveImContactFromGroupType\">")
                .unwrap();
            let el = "<xs:element name=\"ContactId\" type=\"t:ItemIdType\"/>";
            let pos = at + t[at..].find(el).unwrap();
            let mut t = t;
            t.replace_range(
                pos..pos + el.len(),
                "<xs:element name=\"ContactId\" type=\"t:ItemIdType\" minOccurs=\"0\"/>",
            );
            t
        }
        "types.xsd" => {
            let end = t.rfind("</xs:schema>").unwrap();
            let mut t = t;
            t.insert_str(
                end,
                "<xs:complexType name=\"FutureThingType\"><xs:sequence><xs:element name=\"Name\" type=\"xs:string\"/></xs:sequence></xs:complexType>\n",
            );
            t
        }
        _ => t,
    });
    let d = codegen::surface::diff(&plan(&old), &plan(&new));
    let report = d.render();
    assert!(d.api_changed(), "{report}");
    assert!(
        d.removed
            .contains(&"operation RemoveImContactFromGroup".to_owned()),
        "{report}"
    );
    assert!(
        d.added
            .contains(&"value messages::ResponseCodeType::ErrorFromTheFuture".to_owned()),
        "{report}"
    );
    assert!(
        d.added
            .contains(&"struct types::FutureThingType".to_owned()),
        "{report}"
    );
    assert!(
        d.added
            .contains(&"field types::FutureThingType.name".to_owned()),
        "{report}"
    );
    let contact = d
        .changed
        .iter()
        .find(|(k, _, _)| k == "field messages::RemoveImContactFromGroupType.contact_id")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(contact.1, "types::ItemIdType <- m:ContactId");
    assert_eq!(contact.2, "Option<types::ItemIdType> <- m:ContactId");
    for line in [
        "- operation RemoveImContactFromGroup",
        "+ struct types::FutureThingType",
        "~ field messages::RemoveImContactFromGroupType.contact_id",
    ] {
        assert!(report.contains(line), "{line} not in:\n{report}");
    }
    assert!(report.contains("API change:"), "{report}");

    // The command line says the same, with its exit status.
    let cli = env!("CARGO_BIN_EXE_codegen");
    let changed = Command::new(cli)
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&changed.stdout).contains("- operation RemoveImContactFromGroup")
    );
    let same = Command::new(cli)
        .arg("diff")
        .arg(&old)
        .arg(&old)
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no changes\n");
}

#[test]
fn a_documentation_change_is_not_an_api_change() {
    let old = copy_with("doc-old", |_, t| t);
    let new = copy_with("doc-new", |f, t| {
        match f {
        "types.xsd" => replace_once(&t, "<xs:simpleType name=\"ExchangeVersionType\">", "<xs:simpleType name=\"ExchangeVersionType\"><xs:annotation><xs:documentation>Server versions.</xs:documentation></xs:annotation>"),
        _ => t,
    }
    });
    let d = codegen::surface::diff(&plan(&old), &plan(&new));
    assert!(!d.api_changed(), "{}", d.render());
    assert_eq!(
        d.doc_changed,
        vec!["enum types::ExchangeVersionType".to_owned()]
    );
    assert!(d.render().ends_with("no API change\n"));
}

#[test]
fn report_counts() {
    let rows = codegen::surface::report(&plan(&schema_dir()));
    let get = |k: &str| rows.iter().find(|(w, _)| *w == k).map(|(_, n)| *n);
    assert_eq!(get("operations"), Some(123));
    assert_eq!(get("schema complexTypes"), Some(968));
    assert_eq!(get("schema simpleTypes"), Some(189));
    assert_eq!(get("schema global elements"), Some(321));
    assert_eq!(get("enumeration values"), Some(2134));
}

/// `codegen diff` takes its folders as arguments: a folder without the schema files is
/// named as the argument it came from, not as the `EWS_SCHEMA_DIR` setting it does not use.
#[test]
fn diff_names_the_folder_argument_that_lacks_the_schemas() {
    let empty = std::env::temp_dir().join("ews-codegen-diff-no-schemas");
    std::fs::create_dir_all(&empty).unwrap();
    let shipped = schema_dir();
    let cli = env!("CARGO_BIN_EXE_codegen");
    for (args, which) in [
        ([&empty, &shipped], "OLD_DIR"),
        ([&shipped, &empty], "NEW_DIR"),
    ] {
        let out = Command::new(cli).arg("diff").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(which), "{err}");
        assert!(!err.contains("EWS_SCHEMA_DIR"), "{err}");
    }
}
