//! The streaming reader (`runtime::stream`) against the in-memory one: on every
//! documentation sample that is a response of a streamed operation (or a fault), and on
//! the benchmark workloads, streaming gives the same headers and messages (the streamed
//! values put back), or the same error at the same place. Then what only streaming does:
//! content into a sink, errors inside it, and memory that does not grow with the input.

mod common;

use std::io::BufReader;

use ews_types::runtime::envelope::{read_response, EnvelopeError, ResponseHeaders};
use ews_types::runtime::response::Response;
use ews_types::runtime::stream::{
    ContentInfo, ContentSink, Event, ResponseStream, StreamError, Streamed, StreamedVisitor,
};
use ews_types::runtime::Element;

/// What reading gave: the headers and the messages, or the error.
#[derive(Debug, PartialEq)]
enum Outcome<M> {
    Read(ResponseHeaders, Vec<M>),
    Failed(String),
}

/// Reads `xml` in memory.
fn in_memory<O: Streamed>(xml: &[u8]) -> Outcome<O::Message> {
    match read_response::<O>(xml) {
        Ok((headers, response)) => Outcome::Read(headers, response.into_messages()),
        Err(EnvelopeError::Read(e)) => Outcome::Failed(format!("{e:?}")),
        Err(EnvelopeError::Fault(f)) => Outcome::Failed(format!("fault {f:?}")),
        Err(e) => Outcome::Failed(format!("other {e:?}")),
    }
}

/// Streams `xml` through a buffer of `buffer` bytes, putting each message's values back.
fn streamed<O: Streamed>(xml: &[u8], buffer: usize) -> Outcome<O::Message> {
    let failed = |e: StreamError| match e {
        StreamError::Read(e) => Outcome::Failed(format!("{e:?}")),
        StreamError::Fault(f) => Outcome::Failed(format!("fault {f:?}")),
        e => Outcome::Failed(format!("other {e:?}")),
    };
    let mut stream = match ResponseStream::<_, O>::open(BufReader::with_capacity(buffer, xml)) {
        Ok(s) => s,
        Err(e) => return failed(e),
    };
    let headers = stream.headers().clone();
    let (mut messages, mut values) = (Vec::new(), Vec::new());
    for event in &mut stream {
        match event {
            Ok(Event::Value(v)) => values.push(v),
            Ok(Event::Message(mut m)) => {
                if !values.is_empty() {
                    match O::values(&mut m) {
                        Some(vec) => vec.append(&mut values),
                        None => return Outcome::Failed("values without a collection".into()),
                    }
                }
                messages.push(m);
            }
            Ok(Event::Unknown(e)) => return Outcome::Failed(format!("unknown {e:?}")),
            Ok(_) => return Outcome::Failed("an event this test does not know".into()),
            Err(e) => return failed(e),
        }
    }
    if !values.is_empty() {
        return Outcome::Failed("values after the last message".into());
    }
    Outcome::Read(headers, messages)
}

/// Compares both readings of `xml` as operation `O`, streaming through buffers of 8 KiB and
/// of 7 bytes (units cut across refills); `Some(problem)` if they differ.
fn compare<O: Streamed>(xml: &[u8]) -> Option<String> {
    compare_with::<O>(xml, &[8192, 7])
}

fn compare_with<O: Streamed>(xml: &[u8], buffers: &[usize]) -> Option<String> {
    let memory = in_memory::<O>(xml);
    for &buffer in buffers {
        let stream = streamed::<O>(xml, buffer);
        if stream != memory {
            let (m, s) = (format!("{memory:?}"), format!("{stream:?}"));
            // From where they part.
            let from = m.bytes().zip(s.bytes()).take_while(|(a, b)| a == b).count();
            let from = (0..=from.saturating_sub(200))
                .rev()
                .find(|&i| m.is_char_boundary(i) && s.is_char_boundary(i))
                .unwrap_or(0);
            return Some(format!(
                "{} (buffer {buffer}):\n  in memory: …{}\n  streamed:  …{}",
                O::NAME,
                shorten(m[from..].to_owned()),
                shorten(s[from..].to_owned())
            ));
        }
    }
    None
}

fn shorten(s: String) -> String {
    if s.len() > 600 {
        format!("{}…", s.chars().take(600).collect::<String>())
    } else {
        s
    }
}

/// Compares the document with every streamed operation whose response element is its
/// Body's element (and, for a fault, with `FindItem`).
struct ForBody<'x> {
    xml: &'x [u8],
    body: String,
    compared: usize,
    problems: Vec<String>,
}

impl StreamedVisitor for ForBody<'_> {
    fn visit<O: Streamed>(&mut self) {
        let name = <O::Response as Element>::NAME;
        let fault = self.body == "Fault" && O::NAME == "FindItem";
        if name == self.body || fault {
            self.compared += 1;
            self.problems.extend(compare::<O>(self.xml));
        }
    }
}

#[test]
fn streaming_equals_reading_in_memory_on_every_documentation_sample() {
    let (mut compared, mut problems) = (0, Vec::new());
    for row in common::manifest() {
        if !row.well_formed || row.kind != "response" {
            continue;
        }
        let text = common::sample(&row.file);
        let Some(body) = ews_types::runtime::envelope::body_element(text.as_bytes()) else {
            continue;
        };
        let mut v = ForBody {
            xml: text.as_bytes(),
            body,
            compared: 0,
            problems: Vec::new(),
        };
        ews_types::operations::visit_streamed(&mut v);
        compared += v.compared;
        problems.extend(v.problems.into_iter().map(|p| format!("{}: {p}", row.file)));
    }
    // 88 at the shipped schema level; older levels have fewer operations.
    eprintln!("{compared} samples compared");
    assert!(compared > 0, "no sample compared");
    assert!(
        problems.is_empty(),
        "{} differ:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// The benchmark workloads.

/// `target/bench-data/`, filled by `../shared/bench/gen_workload.py` when missing (as the
/// benchmarks do).
fn workloads() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("target/bench-data");
    if !dir.join("getitem_10m.xml").is_file() {
        std::fs::create_dir_all(&dir).unwrap();
        let script = root.join("../shared/bench/gen_workload.py");
        let status = std::process::Command::new("python3")
            .arg(&script)
            .arg(&dir)
            .status()
            .expect("python3 runs");
        assert!(status.success(), "{} failed", script.display());
    }
    dir
}

/// The responses of the workloads' `manifest.json`: file and operation.
fn workload_responses(dir: &std::path::Path) -> Vec<(String, String)> {
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let field = |entry: &str, name: &str| -> Option<String> {
        let from = entry.find(&format!("\"{name}\": \""))? + name.len() + 5;
        Some(entry[from..].split('"').next()?.to_owned())
    };
    let mut out = Vec::new();
    for entry in manifest
        .split(".xml\": {")
        .skip(1)
        .zip(manifest.split(".xml\": {"))
    {
        let (body, before) = entry;
        let file = before.rsplit('"').next().unwrap_or_default();
        let (Some(kind), Some(op)) = (field(body, "kind"), field(body, "operation")) else {
            continue;
        };
        if kind.starts_with("response") {
            out.push((format!("{file}.xml"), op));
        }
    }
    out
}

/// Compares the workload with the streamed operation it is a response of.
struct Workload<'x> {
    xml: &'x [u8],
    operation: &'x str,
    compared: bool,
    problem: Option<String>,
}

impl StreamedVisitor for Workload<'_> {
    fn visit<O: Streamed>(&mut self) {
        if O::NAME == self.operation {
            self.compared = true;
            self.problem = compare_with::<O>(self.xml, &[8192]);
        }
    }
}

#[test]
fn streaming_equals_reading_in_memory_on_the_benchmark_workloads() {
    let dir = workloads();
    let responses = workload_responses(&dir);
    assert!(
        !responses.is_empty(),
        "no response in the workloads' manifest"
    );
    let (mut problems, mut compared) = (Vec::new(), 0);
    for (file, operation) in &responses {
        let xml = std::fs::read(dir.join(file)).unwrap();
        let mut w = Workload {
            xml: &xml,
            operation,
            compared: false,
            problem: None,
        };
        ews_types::operations::visit_streamed(&mut w);
        // A build without the operation's family (see the crate's features) cannot stream it.
        eprintln!("{file}: {operation}, compared: {}", w.compared);
        compared += usize::from(w.compared);
        problems.extend(w.problem.map(|p| format!("{file}: {p}")));
    }
    assert!(compared > 0, "no workload compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------
// Documents made here: what the samples do not hold.

const ENVELOPE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="20" MajorBuildNumber="1" MinorBuildNumber="0" Version="V2018_01_08" xmlns:h="http://schemas.microsoft.com/exchange/services/2006/types"/></s:Header>
  <s:Body>BODY</s:Body>
</s:Envelope>"#;

const NS: &str = r#"xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types""#;

fn envelope(body: &str) -> String {
    ENVELOPE.replace("BODY", &body.replace("NS", NS))
}

/// A FindItem response with `items` in one message.
fn find_item(root: &str, items: &str) -> String {
    envelope(&format!(
        r#"<m:FindItemResponse NS><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:RootFolder {root}><t:Items>
{items}
</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>"#
    ))
}

#[cfg(feature = "mail")]
#[test]
fn broken_and_unusual_documents_fail_or_read_as_in_memory() {
    use ews_types::operations::FindItem;
    let item = "<t:Message><t:Subject>s</t:Subject></t:Message>";
    let two = format!("{item}\n{item}");
    let cases = [
        ("plain", find_item(r#"TotalItemsInView="2""#, &two)),
        (
            "bad attribute value",
            find_item(r#"TotalItemsInView="two""#, &two),
        ),
        (
            "bad value in the second item",
            find_item(
                "",
                &format!("{item}<t:Message><t:Size>big</t:Size></t:Message>"),
            ),
        ),
        (
            "mismatched end tag in an item",
            find_item("", "<t:Message><t:Subject>s</t:Subjekt></t:Message>"),
        ),
        (
            "text between items",
            find_item("", &format!("{item} text {item}")),
        ),
        // Its place among the values is not kept by streaming (see `runtime::stream`).
        (
            "unknown element after the items",
            find_item("", &format!("{item}{item}<t:Future>x</t:Future>")),
        ),
        (
            "unknown element in a message",
            find_item("", item).replace("<m:ResponseCode>", "<m:Future/><m:ResponseCode>"),
        ),
        (
            "comment and CDATA whitespace",
            find_item("", &format!("<!-- c -->{item}<![CDATA[ ]]>{item}")),
        ),
        (
            "items with their own namespace declarations",
            find_item(
                "",
                r#"<x:Message xmlns:x="http://schemas.microsoft.com/exchange/services/2006/types"><x:Subject>s</x:Subject></x:Message>"#,
            ),
        ),
        ("empty collection", find_item("", "")),
        (
            "error message",
            envelope(
                r#"<m:FindItemResponse NS><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Error"><m:MessageText>no</m:MessageText><m:ResponseCode>ErrorAccessDenied</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey></m:FindItemResponseMessage></m:ResponseMessages></m:FindItemResponse>"#,
            ),
        ),
        (
            "empty message element",
            envelope(
                r#"<m:FindItemResponse NS><m:ResponseMessages><m:FindItemResponseMessage ResponseClass="Success"/></m:ResponseMessages></m:FindItemResponse>"#,
            ),
        ),
        (
            "another operation's message",
            envelope(
                r#"<m:FindItemResponse NS><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Success"/></m:ResponseMessages></m:FindItemResponse>"#,
            ),
        ),
        (
            "text in the messages",
            envelope(
                r#"<m:FindItemResponse NS><m:ResponseMessages>oops</m:ResponseMessages></m:FindItemResponse>"#,
            ),
        ),
        (
            "two body elements",
            envelope(
                r#"<m:FindItemResponse NS><m:ResponseMessages/></m:FindItemResponse><m:FindItemResponse NS/>"#,
            ),
        ),
        ("wrong body element", envelope(r#"<m:GetItemResponse NS/>"#)),
        (
            "mismatched end of the response",
            envelope(r#"<m:FindItemResponse NS><m:ResponseMessages/></m:FindItemResponsX>"#),
        ),
        (
            "truncated in an item",
            find_item("", &two)[..500].to_owned(),
        ),
        ("truncated after an item", {
            let d = find_item("", &two);
            d[..d.find("</t:Items>").unwrap()].to_owned()
        }),
        ("content after the envelope", find_item("", item) + "<x/>"),
        ("doctype", format!("<!DOCTYPE x>{}", find_item("", item))),
        (
            "fault",
            envelope(
                r#"<s:Fault><faultcode>s:Client</faultcode><faultstring>bad</faultstring></s:Fault>"#,
            ),
        ),
        (
            "byte-order mark",
            format!("\u{feff}{}", find_item("", item)),
        ),
    ];
    let mut problems = Vec::new();
    for (what, xml) in &cases {
        problems.extend(compare::<FindItem>(xml.as_bytes()).map(|p| format!("{what}: {p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[cfg(feature = "mail")]
#[test]
fn the_streamed_error_says_where_in_the_input() {
    use ews_types::operations::FindItem;
    let xml = find_item(
        "",
        "<t:Message/>\n<t:Message>\n  <t:Size>big</t:Size></t:Message>",
    );
    let mut stream = ResponseStream::<_, FindItem>::open(xml.as_bytes()).unwrap();
    assert!(matches!(stream.next(), Some(Ok(Event::Value(_)))));
    let Some(Err(StreamError::Read(e))) = stream.next() else {
        panic!("the second item is refused")
    };
    let line = xml[..xml.find("<t:Size>").unwrap()].lines().count();
    assert_eq!((e.line(), e.column()), (line, 3), "{e}");
    assert_eq!(
        e.path(),
        "Envelope/Body/FindItemResponse/ResponseMessages/FindItemResponseMessage/RootFolder/Items/Message/Size"
    );
    assert!(stream.next().is_none(), "the stream ends after an error");
}

#[cfg(feature = "mail")]
#[test]
fn unknown_content_around_the_messages_is_an_event_or_refused_when_strict() {
    use ews_types::operations::FindItem;
    use ews_types::runtime::ReadOptions;
    let xml = envelope(
        r#"<m:FindItemResponse NS><m:Future a="1">x</m:Future><m:ResponseMessages><x:Other xmlns:x="urn:x"/><m:FindItemResponseMessage ResponseClass="Error"/></m:ResponseMessages></m:FindItemResponse>"#,
    );
    let events: Vec<_> = ResponseStream::<_, FindItem>::open(xml.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let names: Vec<_> = events
        .iter()
        .map(|e| match e {
            Event::Unknown(e) => e.name.as_str(),
            Event::Message(_) => "message",
            _ => "?",
        })
        .collect();
    assert_eq!(names, ["Future", "Other", "message"]);
    let strict =
        ResponseStream::<_, FindItem>::open_with(xml.as_bytes(), ReadOptions::default().strict())
            .unwrap()
            .next();
    assert!(
        matches!(strict, Some(Err(StreamError::Read(_)))),
        "{strict:?}"
    );
}

#[cfg(feature = "mail")]
#[test]
fn a_value_larger_than_the_limit_is_refused_while_the_stream_is_not_limited() {
    use ews_types::operations::FindItem;
    use ews_types::runtime::{ErrorKind, ReadOptions};
    let item = "<t:Message><t:Subject>s</t:Subject></t:Message>";
    let many = vec![item; 200].join("");
    let xml = find_item("", &many);
    // Every value fits in 2 KiB, the document does not: streaming reads it.
    let options = ReadOptions::default().max_input_bytes(2048);
    let values = ResponseStream::<_, FindItem>::open_with(xml.as_bytes(), options)
        .unwrap()
        .filter(|e| matches!(e, Ok(Event::Value(_))))
        .count();
    assert_eq!(values, 200);
    let big = find_item(
        "",
        &format!(
            "<t:Message><t:Subject>{}</t:Subject></t:Message>",
            "x".repeat(4096)
        ),
    );
    let err = ResponseStream::<_, FindItem>::open_with(big.as_bytes(), options)
        .unwrap()
        .find_map(Result::err);
    match err {
        Some(StreamError::Read(e)) => assert_eq!(e.kind(), &ErrorKind::InputTooLarge(2048)),
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Content into a sink.

/// A sink that keeps what it is given, by content.
#[derive(Default)]
struct Kept(std::rc::Rc<std::cell::RefCell<Vec<Content>>>);

/// One content a sink was given: which, and its bytes.
type Content = (ContentInfo, Vec<u8>);

impl ContentSink for Kept {
    fn start(&mut self, content: &ContentInfo) -> std::io::Result<()> {
        self.0.borrow_mut().push((content.clone(), Vec::new()));
        Ok(())
    }
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let mut all = self.0.borrow_mut();
        all.last_mut().expect("started").1.extend_from_slice(bytes);
        Ok(())
    }
}

fn get_attachment(attachments: &str) -> String {
    envelope(&format!(
        r#"<m:GetAttachmentResponse NS><m:ResponseMessages><m:GetAttachmentResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Attachments>{attachments}</m:Attachments></m:GetAttachmentResponseMessage></m:ResponseMessages></m:GetAttachmentResponse>"#
    ))
}

fn file_attachment(name: &str, content: &str) -> String {
    format!(
        r#"<t:FileAttachment><t:AttachmentId Id="{name}"/><t:Name>{name}</t:Name><t:Content>{content}</t:Content></t:FileAttachment>"#
    )
}

#[cfg(feature = "mail")]
#[test]
fn file_content_goes_to_the_sink_decoded_and_the_values_come_without_it() {
    use ews_types::operations::GetAttachment;
    use ews_types::runtime::Base64Binary;
    use ews_types::types::Attachment;
    let first: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    let wrapped = Base64Binary::encode(&first)
        .to_string()
        .as_bytes()
        .chunks(76)
        .map(|l| String::from_utf8(l.to_vec()).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n");
    let xml = get_attachment(&format!(
        "{}{}<t:FileAttachment><t:Name>empty</t:Name><t:Content/></t:FileAttachment>",
        file_attachment("a", &wrapped),
        file_attachment("b", "aGk=")
    ));
    let kept = Kept::default();
    let seen = kept.0.clone();
    let stream =
        ResponseStream::<_, GetAttachment>::open(BufReader::with_capacity(64, xml.as_bytes()))
            .unwrap()
            .content_sink(kept);
    let mut names = Vec::new();
    for event in stream {
        if let Event::Value(Attachment::FileAttachment(a)) = event.unwrap() {
            assert_eq!(a.content, None, "the content went to the sink");
            names.push(a.base.name.clone().unwrap_or_default());
        }
    }
    assert_eq!(names, ["a", "b", "empty"]);
    let seen = seen.borrow();
    let got: Vec<(usize, &str, &[u8])> = seen
        .iter()
        .map(|(i, b)| (i.value, i.element, &b[..]))
        .collect();
    assert_eq!(
        got,
        [
            (0, "Content", &first[..]),
            (1, "Content", &b"hi"[..]),
            (2, "Content", &b""[..])
        ]
    );
}

#[cfg(feature = "mail")]
#[test]
fn mime_content_goes_to_the_sink() {
    use ews_types::operations::GetItem;
    let xml = envelope(
        r#"<m:GetItemResponse NS><m:ResponseMessages><m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode><m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">RnJvbTogYQ0KDQpoaQ==</t:MimeContent><t:Subject>s</t:Subject></t:Message></m:Items></m:GetItemResponseMessage></m:ResponseMessages></m:GetItemResponse>"#,
    );
    let mut sink = Vec::new();
    {
        let stream = ResponseStream::<_, GetItem>::open(xml.as_bytes())
            .unwrap()
            .content_sink(std::io::sink());
        assert_eq!(
            stream.filter(|e| matches!(e, Ok(Event::Value(_)))).count(),
            1
        );
    }
    let kept = Kept::default();
    let seen = kept.0.clone();
    for e in ResponseStream::<_, GetItem>::open(xml.as_bytes())
        .unwrap()
        .content_sink(kept)
    {
        e.unwrap();
    }
    sink.extend_from_slice(&seen.borrow()[0].1);
    assert_eq!(sink, b"From: a\r\n\r\nhi");
    assert_eq!(seen.borrow()[0].0.element, "MimeContent");
}

#[cfg(feature = "mail")]
#[test]
fn bad_streamed_content_is_an_error_that_says_where() {
    use ews_types::operations::GetAttachment;
    use ews_types::runtime::ErrorKind;
    let cases = [
        ("aGk!", "!"),
        ("aGk", "text that is not whole groups of four characters"),
        ("aG<!-- c -->k=", "markup inside streamed content"),
    ];
    let xml = get_attachment(&file_attachment("a", "aGk=").replace("</t:Content>", "</t:Contend>"));
    let err = ResponseStream::<_, GetAttachment>::open(xml.as_bytes())
        .unwrap()
        .content_sink(std::io::sink())
        .find_map(Result::err);
    assert!(
        matches!(&err, Some(StreamError::Read(e)) if matches!(e.kind(), ErrorKind::Syntax(_))),
        "{err:?}"
    );
    for (content, found) in cases {
        let xml = get_attachment(&file_attachment("a", content));
        let err = ResponseStream::<_, GetAttachment>::open(xml.as_bytes())
            .unwrap()
            .content_sink(std::io::sink())
            .find_map(Result::err);
        let Some(StreamError::Read(e)) = err else {
            panic!("{content}: {err:?}")
        };
        assert!(
            matches!(e.kind(), ErrorKind::InvalidValue { expected: "base64Binary", found: f } if f == found),
            "{content}: {e}"
        );
        assert!(
            e.path().ends_with("Attachments/FileAttachment/Content"),
            "{}",
            e.path()
        );
        assert_eq!(e.line(), 4, "{e}");
    }
}

#[cfg(feature = "mail")]
#[test]
fn a_failing_sink_stops_the_stream() {
    use ews_types::operations::GetAttachment;
    struct Full;
    impl ContentSink for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<()> {
            Err(std::io::Error::other("disk full"))
        }
    }
    let xml = get_attachment(&file_attachment("a", "aGk="));
    let err = ResponseStream::<_, GetAttachment>::open(xml.as_bytes())
        .unwrap()
        .content_sink(Full)
        .find_map(Result::err);
    assert!(matches!(err, Some(StreamError::Sink(_))), "{err:?}");
}
