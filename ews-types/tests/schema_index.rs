//! Every named complexType, simpleType and global element of both schema files has its
//! generated Rust item; every enumeration value of `ResponseCodeType` and
//! `ExchangeVersionType` exists. The names are scanned from the XSDs here, independently of
//! the generator.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ews_types::messages::ResponseCodeType;
use ews_types::runtime::version::ExchangeVersion;
use ews_types::types::ExchangeVersionType;
use quick_xml::events::Event;

const XS: &[u8] = b"http://www.w3.org/2001/XMLSchema";

fn schema_dir() -> PathBuf {
    let dir =
        std::env::var_os("EWS_SCHEMA_DIR").expect("EWS_SCHEMA_DIR is set by .cargo/config.toml");
    let dir = PathBuf::from(dir);
    assert!(
        dir.join("types.xsd").is_file(),
        "no types.xsd in {}",
        dir.display()
    );
    dir
}

type Scan = (Vec<(String, String)>, BTreeMap<String, Vec<String>>);

/// (kind, prefix:name) of the top-level declarations of one schema file, and the
/// enumeration values of each named simple type.
fn scan(file: &str, prefix: &str) -> Scan {
    let text = std::fs::read_to_string(schema_dir().join(file)).unwrap();
    let mut r = quick_xml::NsReader::from_str(&text);
    let mut depth = 0usize;
    let mut decls = Vec::new();
    let mut enums: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current_simple: Option<String> = None;
    loop {
        let (ns, ev) = r.read_resolved_event().unwrap();
        let is_xs = matches!(ns, quick_xml::name::ResolveResult::Bound(n) if n.as_ref() == XS);
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name();
                let name = e
                    .try_get_attribute("name")
                    .unwrap()
                    .map(|a| String::from_utf8(a.value.to_vec()).unwrap());
                if is_xs && depth == 1 {
                    let kind = match local.as_ref() {
                        b"complexType" => Some("complexType"),
                        b"simpleType" => Some("simpleType"),
                        b"element" => Some("element"),
                        _ => None,
                    };
                    if let (Some(kind), Some(name)) = (kind, &name) {
                        decls.push((kind.to_owned(), format!("{prefix}:{name}")));
                        if kind == "simpleType" {
                            current_simple = Some(name.clone());
                        }
                    }
                }
                if is_xs && local.as_ref() == b"enumeration" {
                    if let Some(st) = &current_simple {
                        let v = e.try_get_attribute("value").unwrap().unwrap();
                        let v = String::from_utf8(v.value.to_vec()).unwrap();
                        enums.entry(st.clone()).or_default().push(v);
                    }
                }
                if matches!(ev, Event::Start(_)) {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth -= 1;
                if depth == 1 {
                    current_simple = None;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (decls, enums)
}

#[test]
fn every_schema_declaration_has_its_rust_item() {
    let (mut decls, _) = scan("types.xsd", "t");
    decls.extend(scan("messages.xsd", "m").0);
    let count = |k: &str| decls.iter().filter(|(kind, _)| kind == k).count();
    // The scan found each kind (the index is compared with it both ways below).
    for kind in ["complexType", "simpleType", "element"] {
        assert!(count(kind) > 0, "no {kind} found in the schemas");
    }

    let index: BTreeMap<(&str, &str), &ews_types::IndexEntry> = ews_types::SCHEMA_INDEX
        .iter()
        .map(|e| ((e.kind, e.xsd), e))
        .collect();
    let mut missing = Vec::new();
    for (kind, name) in &decls {
        match index.get(&(kind.as_str(), name.as_str())) {
            None => missing.push(format!("{kind} {name}")),
            Some(e) => {
                // The row names the item in code, so it exists. Complex types and elements
                // are structs or enums of their own; simple types may be aliases (a
                // restricted string is `String`, a list is `List<T>`).
                let type_name = (e.type_name)();
                let expected = format!("ews_types::{}", e.rust);
                if e.kind != "simpleType" {
                    assert_eq!(type_name, expected, "{}", e.xsd);
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "declarations without a Rust item: {missing:#?}"
    );
    assert_eq!(
        ews_types::SCHEMA_INDEX.len(),
        decls.len(),
        "the index has rows the schema lacks"
    );
}

fn check_enum<T>(values: &[String], is_unknown: impl Fn(&T) -> bool)
where
    T: std::str::FromStr<Err = std::convert::Infallible> + ToString,
{
    assert!(!values.is_empty());
    for v in values {
        let Ok(parsed) = v.parse::<T>();
        assert!(!is_unknown(&parsed), "{v} parsed as Unknown");
        assert_eq!(&parsed.to_string(), v);
    }
}

#[test]
fn every_response_code_and_exchange_version_exists() {
    let (_, message_enums) = scan("messages.xsd", "m");
    let (_, type_enums) = scan("types.xsd", "t");
    let codes = message_enums
        .get("ResponseCodeType")
        .or_else(|| type_enums.get("ResponseCodeType"))
        .unwrap();
    check_enum::<ResponseCodeType>(codes, |c| matches!(c, ResponseCodeType::Unlisted(_)));
    let versions = &type_enums["ExchangeVersionType"];
    assert_eq!(versions.len(), ExchangeVersion::ALL.len());
    check_enum::<ExchangeVersionType>(versions, |v| matches!(v, ExchangeVersionType::Unlisted(_)));
    // A value from a newer server is kept, not rejected.
    let Ok(future) = "ErrorFromTheFuture".parse::<ResponseCodeType>();
    assert_eq!(
        future,
        ResponseCodeType::Unlisted("ErrorFromTheFuture".into())
    );
    assert_eq!(future.as_str(), "ErrorFromTheFuture");
}

// The operation is from Exchange 2013: builds for older schema levels leave this out.
#[cfg(ews_version = "Exchange2013")]
#[test]
fn remove_im_contact_from_group_api() {
    use ews_types::messages::{RemoveImContactFromGroup, RemoveImContactFromGroupResponse};
    use ews_types::types::ItemIdType;

    let request = RemoveImContactFromGroup(ews_types::messages::RemoveImContactFromGroupType {
        contact_id: ItemIdType {
            id: "contact".into(),
            change_key: None,
            ..Default::default()
        },
        group_id: ItemIdType {
            id: "group".into(),
            ..Default::default()
        },
        ..Default::default()
    });
    let xml = ews_types::to_string(&request).unwrap();
    assert!(xml.starts_with("<m:RemoveImContactFromGroup"), "{xml}");
    assert!(xml.contains(r#"<m:ContactId Id="contact"/>"#), "{xml}");
    let back: RemoveImContactFromGroup = ews_types::from_slice(xml.as_bytes()).unwrap();
    assert_eq!(back, request);

    let response = RemoveImContactFromGroupResponse::default();
    let _class: &ews_types::types::ResponseClassType = &response.base.response_class;
    assert_eq!(
        ResponseCodeType::ErrorInvalidImContactId.as_str(),
        "ErrorInvalidImContactId"
    );
}
