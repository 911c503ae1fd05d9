//! Every XSD → Rust name is made here.
//!
//! The rules (also in the `ews-types` crate docs):
//! - **Types** keep their XSD name, in UpperCamelCase (`ItemType`, `ArrayOfRealItemsType`,
//!   `NonEmptyArrayOfExtendedFieldURIs` → `NonEmptyArrayOfExtendedFieldUris`). The `Type`
//!   suffix is kept, so the Rust name says which schema type it is.
//! - **Global elements** get a wrapper named after the element (`RemoveImContactFromGroup`).
//!   When the name is already taken by a type of the same namespace (12 names are both an
//!   element and a type), the element's wrapper gets the suffix `Element`.
//! - **Anonymous types** are named after their place: the type of a global element is
//!   `<Element>Content`; the type of a local element or attribute is
//!   `<Owner without "Type"><Member>`.
//! - **Choice groups** become enums named `<Owner without "Type"><Field>` (for the repeated
//!   choice of an array type, the singular of what it is an array of), the field's name
//!   being pinned per owner ([`CHOICE_NAMES`]), so that neither depends on the members.
//!   Identical choices share one enum, named for the first owner in schema order; each
//!   other owner's field names it by a type alias of its own name, so that its field keeps
//!   its type's name when the choices part.
//! - **Substitution groups** become enums named after the head element (`Path`,
//!   `SearchExpression`, `Transition`).
//! - **Abstract types** used as element types get an enum of their concrete descendants,
//!   selected by `xsi:type`, named `<Type without "Type">Kind` (e.g. `BaseItemIdKind`).
//! - **Fields** are the snake_case element/attribute name (`DateTimeSent` →
//!   `date_time_sent`). An attribute whose name is also an element's gets `_attr`; keywords
//!   become raw identifiers (`r#type`).
//! - **Enum variants** are the UpperCamelCase wire value (`Exchange2007_SP1` →
//!   `Exchange2007Sp1`, `item:Subject` → `ItemSubject`); a leading digit gets `V`, an empty
//!   value is `Empty`, and clashes get a numeric suffix in schema order.

use std::collections::BTreeSet;

/// Rust keywords that can be raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];
/// Keywords that cannot be raw identifiers.
const NON_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// UpperCamelCase for a type or variant name, made a valid identifier.
pub fn type_name(xsd: &str) -> String {
    let mut s = camel(xsd);
    if s.is_empty() {
        s = "Empty".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if NON_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

fn camel(xsd: &str) -> String {
    let mut out = String::new();
    for w in words(xsd) {
        let mut cs = w.chars();
        if let Some(c) = cs.next() {
            out.push(c.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    out
}

fn snake(xsd: &str) -> String {
    words(xsd)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// snake_case field name, made a valid identifier (raw for keywords).
pub fn field_name(xsd: &str) -> String {
    let mut s = snake(xsd);
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if NON_RAW.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// Whether a field name must be written as a raw identifier.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// The owner's name without a trailing `Type`, used as a prefix for derived names.
pub fn stem(type_name: &str) -> &str {
    match type_name.strip_suffix("Type") {
        Some(s) if !s.is_empty() => s,
        _ => type_name,
    }
}

/// Picks `base`, or `base` + one of `suffixes`, or `base` + a number, whichever is not taken,
/// and records it.
pub fn unique(base: String, suffixes: &[&str], taken: &mut BTreeSet<String>) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    for s in suffixes {
        let cand = format!("{base}{s}");
        if taken.insert(cand.clone()) {
            return cand;
        }
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|cand| taken.insert(cand.clone()))
        .expect("an unbounded range always yields a free name")
}

/// Splits a name into words at case changes, digits and non-alphanumerics
/// (`IndexedPageItemView` → Indexed, Page, Item, View; `FieldURIs` → Field, URIs).
fn words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = name.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let cur = bytes[i];
        if !cur.is_ascii_alphanumeric() {
            if start < i {
                out.push(&name[start..i]);
            }
            start = i + 1;
            i += 1;
            continue;
        }
        if i > start {
            let prev = bytes[i - 1];
            let next = bytes.get(i + 1).copied();
            let next_lower = next.is_some_and(|b| b.is_ascii_lowercase());
            // An acronym's plural `s` stays with it: `URIs`, `IDs`.
            let plural_s = next == Some(b's')
                && bytes.get(i + 2).is_none_or(|b| !b.is_ascii_lowercase())
                && prev.is_ascii_uppercase();
            let boundary = (cur.is_ascii_uppercase()
                && (prev.is_ascii_lowercase() || prev.is_ascii_digit()))
                || (cur.is_ascii_uppercase()
                    && prev.is_ascii_uppercase()
                    && next_lower
                    && !plural_s)
                || (cur.is_ascii_digit() && !prev.is_ascii_digit());
            if boundary {
                out.push(&name[start..i]);
                start = i;
            }
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(&name[start..]);
    }
    out
}

/// Names generated items never take, so that generated code can use the prelude's.
pub const RESERVED: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "Default",
];

/// Whether a type name is an array wrapper (`ArrayOf…`, `NonEmptyArrayOf…`).
pub fn is_array(type_name: &str) -> bool {
    type_name.starts_with("ArrayOf") || type_name.starts_with("NonEmptyArrayOf")
}

/// The name of the enum of a choice held in field `field_camel` of `owner`: for the
/// repeated choice of an array type, the singular of what it is an array of, whatever the
/// field is called (`ArrayOfRealItemsType` → `RealItem`, `ArrayOfFoldersType` → `Folder`);
/// otherwise owner stem + field (`FindItemView`).
pub fn choice_enum(owner: &str, field_camel: &str, repeated: bool) -> String {
    if repeated {
        let stem = stem(owner);
        let rest = stem
            .strip_prefix("NonEmptyArrayOf")
            .or_else(|| stem.strip_prefix("ArrayOf"))
            .filter(|r| !r.is_empty());
        if let Some(rest) = rest {
            return singular(rest);
        }
    }
    format!("{}{}", stem(owner), field_camel)
}

fn singular(s: &str) -> String {
    if let Some(base) = s.strip_suffix("ies") {
        format!("{base}y")
    } else if let Some(base) = s.strip_suffix("sses") {
        format!("{base}ss")
    } else if let Some(base) = s.strip_suffix('s') {
        base.to_owned()
    } else {
        s.to_owned()
    }
}

/// The names of the choices, pinned: (owner type, anchor member element, field name in
/// UpperCamelCase). A choice of `owner` that holds `anchor` among its members takes this
/// name whatever else it holds, so that members added by a newer schema (or missing from
/// an older one) rename nothing. [`derived_choice_field`] names only the choices no pin
/// covers; `codegen report` lists them, to be pinned here when the schema is updated
/// (README, "Updating the schemas"). Every choice of the shipped set is pinned (a test
/// checks it), most with the name the derivation gives, some with a better one
/// (`RecurrenceType`'s `Pattern` and `Range`).
pub const CHOICE_NAMES: &[(&str, &str, &str)] = &[
    ("AggregateOnType", "FieldURI", "FieldUri"),
    ("AppendToFolderFieldType", "Folder", "Folder"),
    ("AppendToItemFieldType", "Item", "Choice"),
    ("ArrayOfAttachmentsType", "ItemAttachment", "Attachment"),
    (
        "ArrayOfAttendeeConflictData",
        "UnknownAttendeeConflictData",
        "AttendeeConflictData",
    ),
    ("ArrayOfFoldersType", "Folder", "Folder"),
    ("ArrayOfRealItemsType", "Item", "Items"),
    (
        "ArrayOfResponseMessagesType",
        "CreateItemResponseMessage",
        "Items",
    ),
    (
        "ArrayOfRuleOperationsType",
        "CreateRuleOperation",
        "RuleOperation",
    ),
    ("BaseObjectChangedEventType", "FolderId", "Id"),
    ("ConnectingSIDType", "PrincipalName", "Choice"),
    ("ExtendedPropertyType", "Value", "ValueOrValues"),
    ("FieldURIOrConstantType", "Path", "PathOrConstant"),
    (
        "FindConversationType",
        "IndexedPageItemView",
        "PageItemView",
    ),
    ("FindFolderType", "IndexedPageFolderView", "PageFolderView"),
    ("FindItemParentType", "Items", "ItemsOrGroups"),
    ("FindItemType", "GroupBy", "GroupBy"),
    ("FindItemType", "IndexedPageItemView", "View"),
    ("FolderChangeType", "FolderId", "FolderId"),
    ("GetAppManifestsResponseType", "Apps", "AppsOrManifests"),
    (
        "GetLastPrivateCatalogUpdateResponseType",
        "LastUpdate",
        "LastUpdateOrCatalogHash",
    ),
    ("GroupByType", "FieldURI", "FieldUri"),
    ("ItemAttachmentType", "Item", "Choice"),
    ("ItemChangeType", "ItemId", "ItemId"),
    ("MovedCopiedEventType", "OldFolderId", "Id"),
    ("NonEmptyArrayOfAllItemsType", "Item", "Items"),
    ("NonEmptyArrayOfAlternateIdsType", "AlternateId", "Id"),
    (
        "NonEmptyArrayOfAttachmentsType",
        "ItemAttachment",
        "Attachment",
    ),
    ("NonEmptyArrayOfBaseFolderIdsType", "FolderId", "FolderId"),
    ("NonEmptyArrayOfBaseItemIdsType", "ItemId", "Items"),
    (
        "NonEmptyArrayOfFolderChangeDescriptionsType",
        "AppendToFolderField",
        "FolderField",
    ),
    ("NonEmptyArrayOfFoldersType", "Folder", "Folder"),
    (
        "NonEmptyArrayOfItemChangeDescriptionsType",
        "AppendToItemField",
        "ItemField",
    ),
    ("NonEmptyArrayOfResponseObjectsType", "AcceptItem", "Items"),
    (
        "NonEmptyStateDefinitionType",
        "DeletedOccurrenceStateDefinition",
        "StateDefinition",
    ),
    ("NotificationType", "CopiedEvent", "Event"),
    ("ProtectionRuleAndType", "AllInternal", "Items"),
    ("ProtectionRuleConditionType", "AllInternal", "Choice"),
    ("RecurrenceType", "NoEndRecurrence", "Range"),
    ("RecurrenceType", "RelativeYearlyRecurrence", "Pattern"),
    (
        "SearchFolderScopeType",
        "FolderId",
        "FolderIdOrWellKnownFolder",
    ),
    ("SetFolderFieldType", "Folder", "Folder"),
    ("SetItemFieldType", "Item", "Choice"),
    (
        "SubscribeType",
        "PullSubscriptionRequest",
        "SubscriptionRequest",
    ),
    (
        "SyncFolderHierarchyChangesType",
        "Create",
        "CreateOrUpdateOrDelete",
    ),
    ("SyncFolderHierarchyCreateOrUpdateType", "Folder", "Folder"),
    ("SyncFolderItemsChangesType", "Create", "Items"),
    ("SyncFolderItemsCreateOrUpdateType", "Item", "Choice"),
    ("TargetFolderIdType", "FolderId", "Id"),
    ("TaskRecurrenceType", "NoEndRecurrence", "Range"),
    ("TaskRecurrenceType", "RelativeYearlyRecurrence", "Pattern"),
    (
        "TimeChangeType",
        "RelativeYearlyRecurrence",
        "RelativeYearlyRecurrenceOrAbsoluteDate",
    ),
];

/// The pinned name of a choice of `owner` between `members` (see [`CHOICE_NAMES`]).
pub fn pinned_choice_field(owner: &str, members: &[&str]) -> Option<&'static str> {
    CHOICE_NAMES
        .iter()
        .find(|(o, anchor, _)| *o == owner && members.contains(anchor))
        .map(|(_, _, f)| *f)
}

/// The UpperCamelCase name of the field that holds a choice between `members` (element
/// names, in schema order) inside `owner`: its pin (see [`CHOICE_NAMES`]), else derived
/// from the members ([`derived_choice_field`]).
pub fn choice_field(owner: &str, members: &[&str], repeated: bool) -> String {
    match pinned_choice_field(owner, members) {
        Some(f) => f.to_owned(),
        None => derived_choice_field(members, repeated),
    }
}

/// The name of a choice no pin covers, from its members: the longest run of whole words
/// that every member ends with (`FolderId`/`DistinguishedFolderId` → `FolderId`); up to
/// three members joined with `Or`; `Items` for a repeated choice, else `Choice`.
pub fn derived_choice_field(members: &[&str], repeated: bool) -> String {
    let split: Vec<Vec<&str>> = members.iter().map(|m| words(m)).collect();
    let mut common: Vec<&str> = Vec::new();
    if let Some(first) = split.first() {
        for k in 1..=first.len() {
            let w = first[first.len() - k];
            if split
                .iter()
                .all(|ws| ws.len() >= k && ws[ws.len() - k] == w)
            {
                common.insert(0, w);
            } else {
                break;
            }
        }
    }
    // A suffix equal to a whole member name is fine (`FolderId`); a lone generic word
    // shared by unrelated members is not very telling, but still better than a list.
    if !common.is_empty() && members.len() > 1 {
        return type_name(&common.concat());
    }
    if members.len() <= 3 {
        return members
            .iter()
            .map(|m| type_name(m))
            .collect::<Vec<_>>()
            .join("Or");
    }
    if repeated {
        "Items".into()
    } else {
        "Choice".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        let cases = [
            ("ItemType", "ItemType"),
            (
                "NonEmptyArrayOfExtendedFieldURIs",
                "NonEmptyArrayOfExtendedFieldUris",
            ),
            ("Exchange2007_SP1", "Exchange2007Sp1"),
            ("V2015_10_05", "V20151005"),
            ("item:Subject", "ItemSubject"),
            ("calendar:IsAllDayEvent", "CalendarIsAllDayEvent"),
            ("12HourClock", "V12HourClock"),
            ("", "Empty"),
            ("Self", "Self_"),
            ("ErrorInvalidImContactId", "ErrorInvalidImContactId"),
        ];
        for (xsd, rust) in cases {
            assert_eq!(type_name(xsd), rust, "{xsd}");
        }
    }

    #[test]
    fn field_names() {
        let cases = [
            ("DateTimeSent", "date_time_sent"),
            ("FieldURI", "field_uri"),
            ("ItemId", "item_id"),
            ("Type", "type"),
            ("self", "self_"),
            ("2D", "_2_d"),
            ("SID", "sid"),
            ("FieldURIs", "field_uris"),
            ("ItemIDs", "item_ids"),
            ("IsMeetingOrganizer", "is_meeting_organizer"),
            ("Exchange2007_SP1", "exchange_2007_sp_1"),
        ];
        for (xsd, rust) in cases {
            assert_eq!(field_name(xsd), rust, "{xsd}");
        }
        assert!(is_keyword("type"));
        assert!(is_keyword("ref"));
        assert!(!is_keyword("item_id"));
        for k in KEYWORDS {
            assert_eq!(
                field_name(k),
                *k,
                "keywords stay, written raw by the emitter"
            );
        }
    }

    #[test]
    fn stems_and_uniqueness() {
        assert_eq!(stem("ItemType"), "Item");
        assert_eq!(stem("Type"), "Type");
        assert_eq!(stem("Value"), "Value");
        let mut taken = BTreeSet::new();
        assert_eq!(unique("Value".into(), &["Element"], &mut taken), "Value");
        assert_eq!(
            unique("Value".into(), &["Element"], &mut taken),
            "ValueElement"
        );
        assert_eq!(unique("Value".into(), &["Element"], &mut taken), "Value2");
    }

    #[test]
    fn choice_fields() {
        assert_eq!(
            choice_field(
                "FolderChangeType",
                &["FolderId", "DistinguishedFolderId"],
                false
            ),
            "FolderId"
        );
        assert_eq!(
            choice_field(
                "ItemChangeType",
                &["ItemId", "OccurrenceItemId", "RecurringMasterItemId"],
                false
            ),
            "ItemId"
        );
        assert_eq!(
            choice_field(
                "FindItemType",
                &[
                    "IndexedPageItemView",
                    "FractionalPageItemView",
                    "SeekToConditionPageItemView",
                    "CalendarView",
                    "ContactsView"
                ],
                false
            ),
            "View"
        );
        assert_eq!(
            choice_field("ExtendedPropertyType", &["Value", "Values"], false),
            "ValueOrValues"
        );
        assert_eq!(
            choice_field(
                "RecurrenceType",
                &["NoEndRecurrence", "EndDateRecurrence"],
                false
            ),
            "Range"
        );
        assert_eq!(
            choice_field(
                "ArrayOfRealItemsType",
                &["Item", "Message", "CalendarItem", "Contact"],
                true
            ),
            "Items"
        );
        assert_eq!(
            words("FieldURIOrConstant"),
            ["Field", "URI", "Or", "Constant"]
        );
        assert_eq!(words("Exchange2007"), ["Exchange", "2007"]);
        assert_eq!(
            words("NonEmptyArrayOfExtendedFieldURIs"),
            ["Non", "Empty", "Array", "Of", "Extended", "Field", "URIs"]
        );
        assert_eq!(words("SIDs"), ["SIDs"]);
        assert_eq!(words("GUIDString"), ["GUID", "String"]);
    }
}
