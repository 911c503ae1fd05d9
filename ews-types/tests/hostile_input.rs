//! Reading is safe on any bytes: errors, never panics, with bounded depth and size, and each
//! error says where (offset, line:column, element path) and what.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ews_types::messages::{FindItem, GetItem};
use ews_types::operations;
use ews_types::runtime::envelope::{read_request, read_response, Operation, OperationVisitor};
use ews_types::runtime::{ErrorKind, NameFault, NameOf, ReadError, ReadOptions, SyntaxError};

mod common;

const NS: &str = r#"xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types""#;

/// Reads every prefix of a document with the operation whose request or response is its
/// body, and checks that each cut before the end of the root element is an error (and that
/// nothing panics).
struct Truncations<'s> {
    body: &'s str,
    xml: &'s [u8],
    /// Offsets to cut at.
    cuts: Vec<usize>,
    matched: bool,
    problems: Vec<String>,
}

impl OperationVisitor for Truncations<'_> {
    fn visit<O: Operation>(&mut self) {
        let is_request = <O::Request as ews_types::runtime::Element>::NAME == self.body;
        let is_response = <O::Response as ews_types::runtime::Element>::NAME == self.body;
        if !(is_request || is_response) || self.matched {
            return;
        }
        self.matched = true;
        let root_end = self.xml.iter().rposition(|&b| b == b'>').unwrap_or(0);
        for &cut in &self.cuts {
            let prefix = &self.xml[..cut];
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if is_request {
                    read_request::<O>(prefix)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                } else {
                    read_response::<O>(prefix)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }
            }));
            match outcome {
                Err(_) => self
                    .problems
                    .push(format!("{}: panic at cut {cut}", O::NAME)),
                Ok(Ok(())) if cut <= root_end => self
                    .problems
                    .push(format!("{}: a prefix of {cut} bytes was accepted", O::NAME)),
                Ok(_) => {}
            }
        }
    }
}

// Reads the documentation samples (Exchange 2013 and later) with the shipped level's
// operations; a build for an older schema level leaves it out.
#[cfg(ews_version = "V2018_01_08")]
#[test]
fn truncated_documentation_samples_are_errors_never_panics() {
    let (mut samples, mut cuts_total) = (0, 0);
    let mut problems = Vec::new();
    for row in common::manifest().into_iter().filter(|r| r.well_formed) {
        let text = common::sample(&row.file);
        // The documentation's https envelope-namespace typo would stop reading at the root.
        let text = text.replace(
            "https://schemas.xmlsoap.org/soap/envelope/",
            "http://schemas.xmlsoap.org/soap/envelope/",
        );
        let xml = text.as_bytes();
        let Some(body) = ews_types::runtime::envelope::body_element(xml) else {
            continue;
        };
        // Every byte for samples up to 1,000 bytes; about 1,000 cuts spread over larger ones.
        let step = (xml.len() / 1000).max(1);
        let cuts: Vec<usize> = (0..xml.len()).step_by(step).collect();
        let mut t = Truncations {
            body: &body,
            xml,
            cuts,
            matched: false,
            problems: Vec::new(),
        };
        operations::visit_all(&mut t);
        if t.matched {
            samples += 1;
            cuts_total += t.cuts.len();
            problems.extend(t.problems.into_iter().map(|p| format!("{}: {p}", row.file)));
        }
    }
    println!("truncation: {samples} samples, {cuts_total} prefixes read");
    assert!(samples > 300, "only {samples} samples matched an operation");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn read_err<T: ews_types::runtime::Element>(xml: &str) -> ReadError {
    match catch_unwind(|| ews_types::from_slice::<T>(xml.as_bytes())) {
        Ok(Ok(_)) => panic!("accepted:\n{xml}"),
        Ok(Err(e)) => e,
        Err(_) => panic!("panicked on:\n{xml}"),
    }
}

#[test]
fn depth_bomb_is_a_depth_error() {
    // Typed recursion: And inside And inside a FindItem restriction, 100,000 deep.
    let n = 100_000;
    let xml = format!(
        "<m:FindItem {NS} Traversal=\"Shallow\"><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>\
         <m:Restriction>{}{}</m:Restriction><m:ParentFolderIds><t:DistinguishedFolderId Id=\"inbox\"/></m:ParentFolderIds></m:FindItem>",
        "<t:And>".repeat(n),
        "</t:And>".repeat(n)
    );
    let e = read_err::<FindItem>(&xml);
    assert_eq!(*e.kind(), ErrorKind::DepthLimit(128), "{e}");
    assert!(
        e.path().starts_with("FindItem/Restriction/And/And"),
        "{}",
        e.path()
    );

    // Raw XML content (MessageXml keeps anything): the same limit.
    let xml = format!(
        "<m:GetItemResponse {NS}><m:ResponseMessages><m:GetItemResponseMessage ResponseClass=\"Error\">\
         <m:ResponseCode>ErrorInternalServerError</m:ResponseCode><m:MessageXml>{}{}</m:MessageXml>\
         </m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>",
        "<x>".repeat(n),
        "</x>".repeat(n)
    );
    let e = read_err::<ews_types::messages::GetItemResponse>(&xml);
    assert_eq!(*e.kind(), ErrorKind::DepthLimit(128), "{e}");

    // Unknown elements are kept (read as raw XML): the same limit (and the element count
    // bounds the work).
    let xml = format!(
        "<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id=\"a\"/></m:ItemIds>\
         <m:Future>{}{}</m:Future></m:GetItem>",
        "<m:Future>".repeat(n),
        "</m:Future>".repeat(n)
    );
    let e = read_err::<GetItem>(&xml);
    assert_eq!(*e.kind(), ErrorKind::DepthLimit(128), "{e}");
    assert!(e.path().starts_with("GetItem/Future/Future"), "{e}");
    let limited = ReadOptions::default().max_elements(100);
    let e = ews_types::from_slice_with::<GetItem>(xml.as_bytes(), limited).unwrap_err();
    assert_eq!(*e.kind(), ErrorKind::TooManyElements(100), "{e}");
    assert!(e.path().starts_with("GetItem/Future/Future"), "{e}");
    // A limit above the cap is lowered to it.
    let huge = ReadOptions::default().max_depth(usize::MAX);
    let e = ews_types::from_slice_with::<GetItem>(xml.as_bytes(), huge).unwrap_err();
    assert_eq!(
        *e.kind(),
        ErrorKind::DepthLimit(ews_types::runtime::read::MAX_DEPTH_CAP),
        "{e}"
    );
}

#[test]
fn a_configured_depth_limit_applies() {
    let xml = format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id=\"a\"/></m:ItemIds></m:GetItem>");
    assert!(ews_types::from_slice_with::<GetItem>(
        xml.as_bytes(),
        ReadOptions::default().max_depth(3)
    )
    .is_ok());
    let e =
        ews_types::from_slice_with::<GetItem>(xml.as_bytes(), ReadOptions::default().max_depth(2))
            .unwrap_err();
    assert_eq!(*e.kind(), ErrorKind::DepthLimit(2));
    assert_eq!(e.path(), "GetItem/ItemShape/BaseShape");
}

#[test]
fn input_size_limit_applies() {
    let xml = format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape><m:ItemIds><t:ItemId Id=\"a\"/></m:ItemIds></m:GetItem>");
    let e = ews_types::from_slice_with::<GetItem>(
        xml.as_bytes(),
        ReadOptions::default().max_input_bytes(100),
    )
    .unwrap_err();
    assert_eq!(*e.kind(), ErrorKind::InputTooLarge(100));
    assert_eq!(e.offset(), 0);
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let xml = format!("<?xml version=\"1.0\"?>{dtd}<m:GetItem {NS}><m:ItemShape><t:BaseShape>&lol9;</t:BaseShape></m:ItemShape></m:GetItem>");
    let started = std::time::Instant::now();
    let e = read_err::<GetItem>(&xml);
    assert_eq!(*e.kind(), ErrorKind::DocType);
    assert_eq!(e.line(), 1);
    // Nothing was expanded: refusing took no time worth measuring against 10^9 "lol"s.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // An entity that is not predefined is an error where it is used, too.
    let xml = format!(
        "<m:GetItem {NS}><m:ItemShape><t:BaseShape>&lol;</t:BaseShape></m:ItemShape></m:GetItem>"
    );
    let e = read_err::<GetItem>(&xml);
    assert!(
        matches!(e.kind(), ErrorKind::Syntax(SyntaxError::UnknownEntity(n)) if n == "lol"),
        "{e}"
    );
    assert_eq!(e.path(), "GetItem/ItemShape/BaseShape");
}

#[test]
fn invalid_utf8_is_an_error_with_position() {
    let mut xml = format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape>Id").into_bytes();
    xml.extend_from_slice(&[0xFF, 0xFE]);
    xml.extend_from_slice(b"Only</t:BaseShape></m:ItemShape></m:GetItem>");
    let e = ews_types::from_slice::<GetItem>(&xml).unwrap_err();
    assert_eq!(
        *e.kind(),
        ErrorKind::Syntax(SyntaxError::InvalidUtf8),
        "{e}"
    );
    assert_eq!(e.path(), "GetItem/ItemShape/BaseShape");
}

/// Malformed input: (what, document, expected error kind, expected path).
// Its inputs use elements of the shipped level (Exchange 2019) that older levels lack; a
// build for an older schema level leaves it out.
#[cfg(ews_version = "V2018_01_08")]
#[test]
fn malformed_input_gives_precise_errors() {
    let item_shape = "<m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>";
    let ids = "<m:ItemIds><t:ItemId Id=\"a\"/></m:ItemIds>";
    type Check = fn(&ErrorKind) -> bool;
    let cases: Vec<(&str, String, Check, &str)> = vec![
        (
            "mismatched end tag",
            format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape></m:ItemIds></m:GetItem>"),
            |k| matches!(k, ErrorKind::Syntax(SyntaxError::MismatchedEndTag { found, open }) if found == "m:ItemIds" && open == "m:ItemShape"),
            "GetItem/ItemShape",
        ),
        (
            "unclosed element",
            format!("<m:GetItem {NS}>{item_shape}<m:ItemIds><t:ItemId Id=\"a\"/>"),
            |k| matches!(k, ErrorKind::UnexpectedEof),
            "GetItem/ItemIds",
        ),
        (
            "duplicate attribute",
            format!("<m:GetItem {NS}>{item_shape}<m:ItemIds><t:ItemId Id=\"a\" Id=\"b\"/></m:ItemIds></m:GetItem>"),
            |k| matches!(k, ErrorKind::Syntax(SyntaxError::DuplicatedAttribute(n)) if n == "Id"),
            "GetItem/ItemIds/ItemId",
        ),
        (
            "wrong namespace on the root",
            format!("<t:GetItem {NS}>{item_shape}{ids}</t:GetItem>"),
            |k| matches!(k, ErrorKind::UnexpectedElement { expected, .. } if expected == "m:GetItem"),
            "",
        ),
        (
            "undeclared prefix",
            format!("<m:GetItem {NS}>{item_shape}<x:ItemIds/></m:GetItem>"),
            |k| matches!(k, ErrorKind::Syntax(SyntaxError::UndeclaredPrefix { prefix, .. }) if prefix == "x"),
            "GetItem",
        ),
        (
            "text where elements are expected",
            format!("<m:GetItem {NS}><m:ItemShape>hello<t:BaseShape>IdOnly</t:BaseShape></m:ItemShape>{ids}</m:GetItem>"),
            |k| matches!(k, ErrorKind::UnexpectedText(t) if t == "hello"),
            "GetItem/ItemShape",
        ),
        (
            "element where text is expected",
            format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape><b/></t:BaseShape></m:ItemShape>{ids}</m:GetItem>"),
            |k| matches!(k, ErrorKind::UnexpectedElement { found, .. } if found == "b"),
            "GetItem/ItemShape/BaseShape",
        ),
        (
            "a boolean that is not one",
            format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:IncludeMimeContent>maybe</t:IncludeMimeContent></m:ItemShape>{ids}</m:GetItem>"),
            |k| matches!(k, ErrorKind::InvalidValue { expected: "boolean", found } if found == "maybe"),
            "GetItem/ItemShape/IncludeMimeContent",
        ),
        (
            "a number that is not one",
            format!("<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:MaximumBodySize>12kB</t:MaximumBodySize></m:ItemShape>{ids}</m:GetItem>"),
            |k| matches!(k, ErrorKind::InvalidValue { expected: "int", found } if found == "12kB"),
            "GetItem/ItemShape/MaximumBodySize",
        ),
        (
            "a number attribute that is not one",
            format!("<m:FindItem {NS} Traversal=\"Shallow\">{item_shape}<m:IndexedPageItemView MaxEntriesReturned=\"ten\" BasePoint=\"Beginning\" Offset=\"0\"/><m:ParentFolderIds><t:DistinguishedFolderId Id=\"inbox\"/></m:ParentFolderIds></m:FindItem>"),
            |k| matches!(k, ErrorKind::InvalidValue { expected: "int", found } if found == "ten"),
            "FindItem/IndexedPageItemView",
        ),
        (
            "elements in the wrong order",
            format!("<m:GetItem {NS}>{ids}{item_shape}</m:GetItem>"),
            |k| matches!(k, ErrorKind::OutOfOrder { element, after } if element == "ItemShape" && after == "ItemIds"),
            "GetItem",
        ),
        (
            "a derived type's element before its base's",
            format!("<m:GetItemResponse {NS}><m:ResponseMessages><m:GetItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode><m:Items><t:Message><t:IsRead>true</t:IsRead><t:Subject>s</t:Subject></t:Message></m:Items></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>"),
            |k| matches!(k, ErrorKind::OutOfOrder { element, after } if element == "Subject" && after == "IsRead"),
            "GetItemResponse/ResponseMessages/GetItemResponseMessage/Items/Message",
        ),
        (
            "a missing required element",
            format!("<m:GetItem {NS}>{ids}</m:GetItem>"),
            |k| matches!(k, ErrorKind::MissingElement("ItemShape")),
            "GetItem",
        ),
        (
            "a missing required attribute",
            format!("<m:GetItem {NS}>{item_shape}<m:ItemIds><t:ItemId/></m:ItemIds></m:GetItem>"),
            |k| matches!(k, ErrorKind::MissingAttribute("@Id")),
            "GetItem/ItemIds/ItemId",
        ),
    ];
    for (what, xml, check, path) in cases {
        let e = if xml.contains("FindItem") {
            read_err::<FindItem>(&xml)
        } else if xml.contains("GetItemResponse") {
            read_err::<ews_types::messages::GetItemResponse>(&xml)
        } else {
            read_err::<GetItem>(&xml)
        };
        assert!(check(e.kind()), "{what}: unexpected error kind: {e}");
        assert_eq!(e.path(), path, "{what}: {e}");
        assert!(
            e.line() >= 1 && e.column() >= 1 && e.offset() <= xml.len(),
            "{what}: {e}"
        );
        let shown = e.to_string();
        assert!(
            shown.contains(&format!("{}:{}", e.line(), e.column())),
            "{what}: {shown}"
        );
    }
}

#[test]
fn values_that_do_not_fit_their_type() {
    // dateTime and base64Binary inside a Message of a GetItem response.
    let msg = |inner: &str| {
        format!(
            "<m:GetItemResponse {NS}><m:ResponseMessages><m:GetItemResponseMessage ResponseClass=\"Success\">\
             <m:ResponseCode>NoError</m:ResponseCode><m:Items><t:Message>{inner}</t:Message></m:Items>\
             </m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>"
        )
    };
    let e = read_err::<ews_types::messages::GetItemResponse>(&msg(
        "<t:DateTimeSent>yesterday</t:DateTimeSent>",
    ));
    assert!(
        matches!(e.kind(), ErrorKind::InvalidValue { expected: "dateTime", found } if found == "yesterday"),
        "{e}"
    );
    assert_eq!(
        e.path(),
        "GetItemResponse/ResponseMessages/GetItemResponseMessage/Items/Message/DateTimeSent"
    );
    let e = read_err::<ews_types::messages::GetItemResponse>(&msg(
        "<t:ConversationIndex>***</t:ConversationIndex>",
    ));
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "base64Binary",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        e.path(),
        "GetItemResponse/ResponseMessages/GetItemResponseMessage/Items/Message/ConversationIndex"
    );
    // An enumeration value this schema lacks is not an error: newer servers send them.
    let ok = ews_types::from_slice::<ews_types::messages::GetItemResponse>(
        msg("<t:Sensitivity>TopSecret</t:Sensitivity>").as_bytes(),
    );
    assert!(ok.is_ok(), "{ok:?}");
}

/// Found by fuzzing (read_any_element): an element name with an invalid UTF-8 byte was read
/// as raw XML under the name `?`, which then wrote XML that did not read back.
#[test]
fn invalid_utf8_in_names_is_an_error() {
    let mut xml = b"<m:GetItem ".to_vec();
    xml.extend_from_slice(NS.as_bytes());
    xml.extend_from_slice(b"><m:Saved\xBEtemFolderId/></m:GetItem>");
    let e = ews_types::from_slice::<GetItem>(&xml).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Syntax(SyntaxError::BadName {
                of: NameOf::Element,
                ..
            })
        ),
        "{e}"
    );
    assert_eq!(e.path(), "GetItem");

    let mut xml = b"<m:GetItem ".to_vec();
    xml.extend_from_slice(NS.as_bytes());
    xml.extend_from_slice(b"><m:ItemIds><t:ItemId I\xBEd=\"a\"/></m:ItemIds></m:GetItem>");
    let e = ews_types::from_slice::<GetItem>(&xml).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Syntax(SyntaxError::BadName {
                of: NameOf::Attribute,
                fault: NameFault::NotUtf8
            })
        ),
        "{e}"
    );
    assert_eq!(e.path(), "GetItem/ItemIds/ItemId");

    // The fuzzer's input itself, read as raw XML.
    let input = b"<UpdateItem ConflictResolution=\"\"><Saved\xBEtemFolderId/></UpdateItem>";
    let mut r = ews_types::runtime::Reader::new(input, ReadOptions::default());
    let root = r.root().unwrap();
    assert!(ews_types::runtime::AnyElement::read(&mut r, &root).is_err());
}

/// Found by fuzzing (read_any_element): `<t:FieldURI2FieldURI="calendar:x" />` was read as an
/// element named `FieldURI2FieldURI="calendar:x"`, whose raw-XML copy did not read back.
#[test]
fn names_that_are_not_xml_names_are_errors() {
    let xml = format!(
        "<m:GetItem {NS}><m:ItemShape><t:BaseShape>IdOnly</t:BaseShape><t:AdditionalProperties>\
         <t:FieldURI2FieldURI=\"calendar:CalendarItemType\" /></t:AdditionalProperties></m:ItemShape></m:GetItem>"
    );
    let e = read_err::<GetItem>(&xml);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::Syntax(SyntaxError::BadName {
                of: NameOf::Element,
                ..
            })
        ),
        "{e}"
    );
    assert_eq!(e.path(), "GetItem/ItemShape/AdditionalProperties");
}
