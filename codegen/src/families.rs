//! Operation families: the cargo features of `ews-types` that select which operations (and
//! the types they need) are compiled. Each operation of `services.wsdl` belongs to exactly one
//! family; the [`passes::families`](crate::passes::families) pass computes, for every
//! generated item, the families whose operations need it.
//!
//! The grouping is ours, made from the WSDL's operations by what a user builds with them (a
//! mail client, an IM client, an eDiscovery tool, ...). An operation that a newer schema adds
//! and this table does not list falls into [`OTHER`], so regeneration never fails on it;
//! `codegen report` lists such operations so that a maintainer can file them.

/// One family: its cargo feature name, what it is for, and its operations (WSDL names).
#[derive(Debug, Clone, Copy)]
pub struct Family {
    pub feature: &'static str,
    pub about: &'static str,
    pub operations: &'static [&'static str],
}

/// The family of operations the table does not list.
pub const OTHER: Family = Family {
    feature: "other",
    about: "operations of the schema that no other family lists",
    operations: &[],
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
    },
    Family {
        feature: "sync",
        about: "synchronisation of the folder hierarchy and of a folder's items",
        operations: &["SyncFolderHierarchy", "SyncFolderItems"],
    },
    Family {
        feature: "notifications",
        about: "pull and streaming subscriptions and their events",
        operations: &[
            "GetEvents",
            "GetStreamingEvents",
            "Subscribe",
            "Unsubscribe",
        ],
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
    },
    Family {
        feature: "conversations",
        about: "conversations: find, get their items, apply actions",
        operations: &[
            "ApplyConversationAction",
            "FindConversation",
            "GetConversationItems",
        ],
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
    },
    Family {
        feature: "unified-messaging",
        about: "Unified Messaging phone calls",
        operations: &[
            "DisconnectPhoneCall",
            "GetPhoneCallInformation",
            "PlayOnPhone",
        ],
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
    },
    Family {
        feature: "rules",
        about: "Inbox rules",
        operations: &["GetInboxRules", "UpdateInboxRules"],
    },
    Family {
        feature: "sharing",
        about: "sharing folders with other organisations",
        operations: &[
            "GetSharingFolder",
            "GetSharingMetadata",
            "RefreshSharingFolder",
        ],
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
    },
    Family {
        feature: "retention",
        about: "retention policy tags",
        operations: &["GetUserRetentionPolicyTags"],
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
    },
    Family {
        feature: "message-tracking",
        about: "message tracking reports",
        operations: &["FindMessageTrackingReport", "GetMessageTrackingReport"],
    },
    Family {
        feature: "team-mailboxes",
        about: "site (team) mailboxes",
        operations: &["SetTeamMailbox", "UnpinTeamMailbox"],
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
    }

    #[test]
    fn unlisted_operations_fall_into_other() {
        assert_eq!(of("GetItem").feature, "mail");
        assert_eq!(of("RemoveImContactFromGroup").feature, "im");
        assert_eq!(of("SomeFutureOperation").feature, "other");
    }
}
