//! Operation families: the cargo features of `ews-types` that select which operations (and
//! the types they need) are compiled. Each operation of `services.wsdl` belongs to exactly one
//! family; the [`passes::families`](crate::passes::families) pass computes, for every
//! generated item, the families whose operations need it.
//!
//! The grouping is ours, made from the WSDL's operations by what a user builds with them (a
//! mail client, an IM client, an eDiscovery tool, ...). An operation that a newer schema adds
//! and this table does not list falls into [`OTHER`], so regeneration never fails on it;
//! `codegen report` lists such operations so that a maintainer can file them.

/// One family: its cargo feature name, what it is for, its operations (WSDL names), and the
/// operations of other Exchange services it also covers.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    pub feature: &'static str,
    pub about: &'static str,
    pub operations: &'static [&'static str],
    pub other_services: &'static [ServiceOperation],
}

/// An operation of another Exchange web service whose body elements `messages.xsd` declares
/// but `services.wsdl` does not use (e.g. the notification service's `SendNotification`, which
/// the server sends to the client). Nothing is generated for the operation itself; its body
/// elements, what they hold, and the response-message member named after it
/// (`<name>ResponseMessage`) belong to the family that lists it.
#[derive(Debug, Clone, Copy)]
pub struct ServiceOperation {
    /// The operation's name.
    pub name: &'static str,
    /// The request body element (`m:` local name).
    pub request: &'static str,
    /// The response body element (`m:` local name).
    pub response: &'static str,
}

/// The family of operations the table does not list.
pub const OTHER: Family = Family {
    feature: "other",
    about: "operations of the schema that no other family lists",
    operations: &[],
    other_services: &[],
};

/// Every family but [`OTHER`], in the order the features are listed.
pub const FAMILIES: &[Family] = &[
    Family {
        feature: "mail",
        about: "items of every kind (messages, calendar items, contacts, tasks) and their \
                attachments: create, get, update, send, move, copy, delete, find, export",
        operations: &[
            "ArchiveItem",
            "CopyItem",
            "CreateAttachment",
            "CreateItem",
            "DeleteAttachment",
            "DeleteItem",
            "ExportItems",
            "FindItem",
            "GetAttachment",
            "GetItem",
            "MarkAllItemsAsRead",
            "MarkAsJunk",
            "MoveItem",
            "ReportMessage",
            "SendItem",
            "UpdateItem",
            "UpdateItemInRecoverableItems",
            "UploadItems",
        ],
        other_services: &[],
    },
    Family {
        feature: "folders",
        about: "folders: create, get, update, move, copy, delete, empty, find",
        operations: &[
            "CopyFolder",
            "CreateFolder",
            "CreateFolderPath",
            "CreateManagedFolder",
            "DeleteFolder",
            "EmptyFolder",
            "FindFolder",
            "GetFolder",
            "MoveFolder",
            "UpdateFolder",
        ],
        other_services: &[],
    },
    Family {
        feature: "sync",
        about: "synchronisation of the folder hierarchy and of a folder's items",
        operations: &["SyncFolderHierarchy", "SyncFolderItems"],
        other_services: &[],
    },
    Family {
        feature: "notifications",
        about: "pull, push and streaming subscriptions and their events",
        operations: &[
            "GetEvents",
            "GetStreamingEvents",
            "Subscribe",
            "Unsubscribe",
        ],
        // The notification service's operation (push subscriptions: the server sends it to
        // the client's endpoint).
        other_services: &[ServiceOperation {
            name: "SendNotification",
            request: "SendNotification",
            response: "SendNotificationResult",
        }],
    },
    Family {
        feature: "availability",
        about: "free/busy, suggested meeting times, rooms, time zones, out-of-office settings",
        operations: &[
            "FindAvailableMeetingTimes",
            "FindMeetingTimeCandidates",
            "GetRoomLists",
            "GetRooms",
            "GetServerTimeZones",
            "GetUserAvailability",
            "GetUserOofSettings",
            "SetUserOofSettings",
        ],
        other_services: &[],
    },
    Family {
        feature: "meetings",
        about: "online meeting spaces and their instances",
        operations: &[
            "CreateMeetingInstance",
            "CreateMeetingSpace",
            "DeleteMeetingInstance",
            "DeleteMeetingSpace",
            "FindMeetingSpaceByJoinUrl",
            "GetMeetingInstance",
            "GetMeetingSpace",
            "UpdateMeetingInstance",
            "UpdateMeetingSpace",
        ],
        other_services: &[],
    },
    Family {
        feature: "people",
        about: "name resolution, distribution lists, people and personas, user photos",
        operations: &[
            "ExpandDL",
            "FindPeople",
            "GetPersona",
            "GetUserPhoto",
            "ResolveNames",
            "SetUserPhoto",
        ],
        other_services: &[],
    },
    Family {
        feature: "conversations",
        about: "conversations: find, get their items, apply actions",
        operations: &[
            "ApplyConversationAction",
            "FindConversation",
            "GetConversationItems",
        ],
        other_services: &[],
    },
    Family {
        feature: "im",
        about: "the instant-messaging contact list: groups, contacts, distribution groups",
        operations: &[
            "AddDistributionGroupToImList",
            "AddImContactToGroup",
            "AddImGroup",
            "AddNewImContactToGroup",
            "AddNewTelUriContactToGroup",
            "GetImItemList",
            "GetImItems",
            "RemoveContactFromImList",
            "RemoveDistributionGroupFromImList",
            "RemoveImContactFromGroup",
            "RemoveImGroup",
            "SetImGroup",
            "SetImListMigrationCompleted",
        ],
        other_services: &[],
    },
    Family {
        feature: "unified-messaging",
        about: "Unified Messaging phone calls",
        operations: &[
            "DisconnectPhoneCall",
            "GetPhoneCallInformation",
            "PlayOnPhone",
        ],
        other_services: &[],
    },
    Family {
        feature: "ediscovery",
        about: "eDiscovery searches, holds and non-indexable items",
        operations: &[
            "GetDiscoverySearchConfiguration",
            "GetHoldOnMailboxes",
            "GetNonIndexableItemDetails",
            "GetNonIndexableItemStatistics",
            "GetSearchableMailboxes",
            "SearchMailboxes",
            "SetHoldOnMailboxes",
        ],
        other_services: &[],
    },
    Family {
        feature: "delegates",
        about: "delegate access to a mailbox",
        operations: &[
            "AddDelegate",
            "GetDelegate",
            "RemoveDelegate",
            "UpdateDelegate",
        ],
        other_services: &[],
    },
    Family {
        feature: "rules",
        about: "Inbox rules",
        operations: &["GetInboxRules", "UpdateInboxRules"],
        other_services: &[],
    },
    Family {
        feature: "sharing",
        about: "sharing folders with other organisations",
        operations: &[
            "GetSharingFolder",
            "GetSharingMetadata",
            "RefreshSharingFolder",
        ],
        other_services: &[],
    },
    Family {
        feature: "apps",
        about: "mail apps (add-ins), their manifests and catalogs, client access tokens",
        operations: &[
            "DisableApp",
            "GetAppManifests",
            "GetAppMarketplaceUrl",
            "GetClientAccessToken",
            "GetLastPrivateCatalogUpdate",
            "GetPrivateCatalogAddIns",
            "InstallApp",
            "UninstallApp",
            "UpdateExtensionUsage",
        ],
        other_services: &[],
    },
    Family {
        feature: "user-configuration",
        about: "user configuration objects stored in folders",
        operations: &[
            "CreateUserConfiguration",
            "DeleteUserConfiguration",
            "GetSpecificUserConfiguration",
            "GetUserConfiguration",
            "UpdateUserConfiguration",
        ],
        other_services: &[],
    },
    Family {
        feature: "retention",
        about: "retention policy tags",
        operations: &["GetUserRetentionPolicyTags"],
        other_services: &[],
    },
    Family {
        feature: "search",
        about: "search sessions and suggestions, and tags",
        operations: &[
            "AddTag",
            "DeleteSearchSuggestion",
            "EndSearchSession",
            "ExecuteSearch",
            "FindTags",
            "GetSearchSuggestions",
            "HideTag",
            "StartSearchSession",
        ],
        other_services: &[],
    },
    Family {
        feature: "message-tracking",
        about: "message tracking reports",
        operations: &["FindMessageTrackingReport", "GetMessageTrackingReport"],
        other_services: &[],
    },
    Family {
        feature: "team-mailboxes",
        about: "site (team) mailboxes",
        operations: &["SetTeamMailbox", "UnpinTeamMailbox"],
        other_services: &[],
    },
    Family {
        feature: "service",
        about: "information about the service and the user: mail tips, service \
                configuration, password expiration, id conversion",
        operations: &[
            "ConvertId",
            "GetMailTips",
            "GetPasswordExpirationDate",
            "GetServiceConfiguration",
        ],
        other_services: &[],
    },
];

/// The family of the operation named `op` ([`OTHER`] when no family lists it).
pub fn of(op: &str) -> &'static Family {
    FAMILIES
        .iter()
        .find(|f| f.operations.contains(&op))
        .unwrap_or(&OTHER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_operation_is_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for f in FAMILIES {
            assert!(!f.operations.is_empty(), "{}", f.feature);
            for op in f.operations {
                assert!(seen.insert(*op), "{op} is listed twice");
            }
        }
        assert!(FAMILIES.iter().all(|f| f.feature != OTHER.feature));
        for op in FAMILIES.iter().flat_map(|f| f.other_services) {
            assert!(seen.insert(op.name), "{} is listed twice", op.name);
        }
    }

    #[test]
    fn unlisted_operations_fall_into_other() {
        assert_eq!(of("GetItem").feature, "mail");
        assert_eq!(of("RemoveImContactFromGroup").feature, "im");
        assert_eq!(of("SomeFutureOperation").feature, "other");
    }
}
