//! The schema's `default=` and `fixed=` values (see also codegen's `tests/generate.rs` for a
//! `fixed=` value of a real older level): visible as constants, and the value an absent
//! attribute stands for is what `<field>_or_default()` gives, while the wire keeps what was
//! sent.

use ews_types::messages::{ResolveNames, ResolveNamesType};
use ews_types::types::ResolveNamesSearchScopeType as Scope;

const RESOLVE: &str = r#"<m:ResolveNames xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" ReturnFullContactData="true"><m:UnresolvedEntry>ann</m:UnresolvedEntry></m:ResolveNames>"#;

#[test]
fn an_absent_attribute_stands_for_its_default() {
    assert_eq!(
        ResolveNamesType::SEARCH_SCOPE_DEFAULT,
        "ActiveDirectoryContacts"
    );
    let read: ResolveNames = ews_types::from_slice(RESOLVE.as_bytes()).unwrap();
    assert_eq!(read.search_scope, None);
    assert_eq!(
        read.search_scope_or_default(),
        Scope::ActiveDirectoryContacts
    );
    // Written back as it came: the default is not added.
    let written = ews_types::to_string(&read).unwrap();
    assert!(!written.contains("SearchScope"), "{written}");

    let with = RESOLVE.replace(
        "ReturnFullContactData=\"true\"",
        "ReturnFullContactData=\"true\" SearchScope=\"Contacts\"",
    );
    let read: ResolveNames = ews_types::from_slice(with.as_bytes()).unwrap();
    assert_eq!(read.search_scope_or_default(), Scope::Contacts);
}
