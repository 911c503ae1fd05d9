//! `codegen diff`: on real schemas against copies modified at test time, and between the real
//! schema levels of `../shared/ews-schemas-history` and the shipped set (snapshotted, so that
//! its output is reviewed like code).

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::Detail;

mod common;

fn plan(dir: &Path) -> codegen::ir::Plan {
    codegen::Config::new(dir).plan().unwrap()
}

fn copy_with(name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    common::copy_with(env!("CARGO_TARGET_TMPDIR"), name, edit)
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
    let d = codegen::diff::diff(&plan(&old), &plan(&new));
    let report = d.render(Detail::Names);
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
        "! removed operation RemoveImContactFromGroup",
        "+ struct types::FutureThingType (and ",
        "! changed field messages::RemoveImContactFromGroupType.contact_id",
    ] {
        assert!(report.contains(line), "{line} not in:\n{report}");
    }
    // The summary comes first; the members of a new item are folded into it unless asked for.
    assert!(
        report.starts_with(
            "API change: 2 breaking (1 removed, 0 renamed, 1 changed, 0 reordered, 0 default changed); "
        ),
        "{report}"
    );
    assert!(
        !report.contains("+ field types::FutureThingType.name"),
        "{report}"
    );
    let full = d.render(Detail::Full);
    assert!(
        full.contains("+ field types::FutureThingType.name"),
        "{full}"
    );

    // The command line says the same, with its exit status.
    let cli = env!("CARGO_BIN_EXE_codegen");
    let changed = Command::new(cli)
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(changed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&changed.stdout)
        .contains("! removed operation RemoveImContactFromGroup"));
    let json = Command::new(cli)
        .args(["diff", "--json"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(json.status.code(), Some(1));
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(
        json.contains("{\"change\":\"removed\",\"key\":\"operation RemoveImContactFromGroup\"}"),
        "{json}"
    );
    assert!(
        json.starts_with("{\"summary\":{\"api_changed\":true,\"breaking\":2,"),
        "{json}"
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
    let d = codegen::diff::diff(&plan(&old), &plan(&new));
    assert!(!d.api_changed(), "{}", d.render(Detail::Names));
    assert_eq!(
        d.doc_changed,
        vec!["enum types::ExchangeVersionType".to_owned()]
    );
    assert!(d
        .render(Detail::Names)
        .starts_with("no API change; documentation changed on 1 entries\n"));
}

/// `codegen diff` takes its folders as arguments: a folder without the schema files is
/// named as the argument it came from, not as the `EWS_SCHEMA_DIR` setting it does not use.
#[test]
fn diff_names_the_folder_argument_that_lacks_the_schemas() {
    let empty = std::env::temp_dir().join("ews-codegen-diff-no-schemas");
    std::fs::create_dir_all(&empty).unwrap();
    let shipped = common::under_test();
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

/// The changes a plain comparison of entries misses, all seen between real levels: an element
/// moved within a sequence, a new first enumeration value (the Rust `Default`), a repeated
/// element that became required; and files that differ only in line ends do not differ.
#[test]
fn order_default_and_min_occurs_changes_are_breaking() {
    let old = copy_with("edge-old", |_, t| t);
    let new = copy_with("edge-new", |f, t| match f {
        "types.xsd" => {
            // ItemType's Subject moved after Sensitivity.
            let subject = "<xs:element name=\"Subject\" type=\"xs:string\" minOccurs=\"0\" />";
            let sensitivity =
                "<xs:element name=\"Sensitivity\" type=\"t:SensitivityChoicesType\" minOccurs=\"0\" />";
            let pad = "\n            ";
            let t = replace_once(
                &t,
                &format!("{subject}{pad}{sensitivity}"),
                &format!("{sensitivity}{pad}{subject}"),
            );
            // MailboxTypeType's first value last.
            let e = |v: &str| format!("<xs:enumeration value=\"{v}\" />");
            let pad = "\n            ";
            let t = replace_once(
                &t,
                &[e("Unknown"), e("OneOff"), e("Mailbox")].join(pad),
                &[e("OneOff"), e("Mailbox"), e("Unknown")].join(pad),
            );
            // ArrayOfRoomsType's repeated Room now required once or more.
            let t = replace_once(
                &t,
                "minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"Room\"",
                "minOccurs=\"1\" maxOccurs=\"unbounded\" name=\"Room\"",
            );
            // Line ends only.
            t.replace("\r\n", "\n").replace('\n', "\r\n")
        }
        _ => t,
    });
    let d = codegen::diff::diff(&plan(&old), &plan(&new));
    let report = d.render(Detail::Names);
    assert_eq!(d.reordered.len(), 1, "{report}");
    assert_eq!(d.reordered[0].key, "struct types::ItemType");
    assert_eq!(d.reordered[0].moved, vec!["t:Subject".to_owned()]);
    assert_eq!(
        d.default_changed,
        vec![(
            "enum types::MailboxTypeType".to_owned(),
            "Unknown".to_owned(),
            "OneOff".to_owned()
        )]
    );
    assert_eq!(
        d.changed,
        vec![(
            "field types::ArrayOfRoomsType.room".to_owned(),
            "Vec<types::RoomType> <- t:Room".to_owned(),
            "Vec<types::RoomType> (1..) <- t:Room".to_owned()
        )],
        "{report}"
    );
    assert!(d.doc_changed.is_empty(), "{report}");
    assert!(
        report.contains(
            "! reordered struct types::ItemType: t:Subject moved (now after t:Sensitivity)\n"
        ),
        "{report}"
    );
    assert!(
        report.contains("! default changed enum types::MailboxTypeType: Unknown  =>  OneOff"),
        "{report}"
    );
}

/// The schema levels in `../shared/ews-schemas-history` (oldest first), then the shipped set
/// (the set under test), unless it is one of those levels (a workspace generated from an
/// older level, as CI checks): then its diffs are already among theirs.
fn levels() -> Vec<(String, PathBuf)> {
    let mut levels = common::history();
    let shipped = common::under_test();
    let same = |a: &Path, b: &Path| {
        ["types.xsd", "messages.xsd", "services.wsdl"]
            .iter()
            .all(|f| std::fs::read(a.join(f)).ok() == std::fs::read(b.join(f)).ok())
    };
    if !levels.iter().any(|(_, dir)| same(dir, &shipped)) {
        levels.push(("shipped".to_owned(), shipped));
    }
    levels
}

/// The diff between every pair of real levels, snapshotted: what `codegen diff` tells a
/// maintainer about real schema updates is reviewed like code.
#[test]
fn diffs_between_real_levels() {
    let levels = levels();
    assert!(levels.len() >= 3, "the three history levels at least");
    let plans: Vec<_> = levels.iter().map(|(_, dir)| plan(dir)).collect();
    for i in 0..levels.len() {
        for j in i + 1..levels.len() {
            let d = codegen::diff::diff(&plans[i], &plans[j]);
            assert!(d.api_changed());
            let name = format!("diff_{}_to_{}", levels[i].0, levels[j].0);
            insta::with_settings!({
                snapshot_path => concat!(env!("CARGO_MANIFEST_DIR"), "/../snapshots/diffs"),
                prepend_module_to_snapshot => false,
                description => "codegen diff between two real schema levels: review changes.",
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, d.render(Detail::Names));
            });
        }
    }
}

/// What keeps its schema declaration under a new Rust name is a rename, not a removal and
/// an addition: here a choice member renamed (`Apps` → `Applications`) leaves the choice
/// without its pinned name, so its enum and its field are named anew; the element wrapper
/// that a new type of the same name pushes aside (`RemoveImContactFromGroup` →
/// `RemoveImContactFromGroupElement`) is renamed, and the operation naming it follows.
#[test]
fn renames_are_shown_as_renames() {
    let old = copy_with("rename-old", |_, t| t);
    let new = copy_with("rename-new", |f, t| match f {
        "messages.xsd" => {
            let t = replace_once(
                &t,
                "<xs:element name=\"Apps\" type=\"t:ArrayOfAppsType\" maxOccurs=\"1\"/>",
                "<xs:element name=\"Applications\" type=\"t:ArrayOfAppsType\" maxOccurs=\"1\"/>",
            );
            let end = t.rfind("</xs:schema>").unwrap();
            let mut t = t;
            t.insert_str(end, "<xs:complexType name=\"RemoveImContactFromGroup\"/>\n");
            t
        }
        _ => t,
    });
    let d = codegen::diff::diff(&plan(&old), &plan(&new));
    let pairs: Vec<(&str, &str)> = d
        .renamed
        .iter()
        .map(|r| (r.old.as_str(), r.new.as_str()))
        .collect();
    for expected in [
        (
            "choice messages::GetAppManifestsResponseAppsOrManifests",
            "choice messages::GetAppManifestsResponseApplicationsOrManifests",
        ),
        (
            "field messages::GetAppManifestsResponseType.apps_or_manifests",
            "field messages::GetAppManifestsResponseType.applications_or_manifests",
        ),
        (
            "element messages::RemoveImContactFromGroup",
            "element messages::RemoveImContactFromGroupElement",
        ),
    ] {
        assert!(pairs.contains(&expected), "{expected:?} in {pairs:#?}");
    }
    let report = d.render(Detail::Names);
    assert!(
        report.contains(
            "! renamed element messages::RemoveImContactFromGroup  =>  \
             element messages::RemoveImContactFromGroupElement (with "
        ),
        "{report}"
    );
    assert!(
        !d.removed.iter().any(|k| k.contains("apps_or_manifests")),
        "{report}"
    );
    assert!(d.json().contains("\"change\":\"renamed\""));
}
