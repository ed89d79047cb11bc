using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>One line of the journal file (JSON Lines). The file format is a contract: other jobs and
    /// other tools read it, so fields are only ever added, never renamed.</summary>
    internal sealed class JournalEntry
    {
        [JsonPropertyName("time")]
        public DateTime Time { get; set; }

        [JsonPropertyName("action")]
        public string Action { get; set; } = string.Empty;

        [JsonPropertyName("userId")]
        public string UserId { get; set; } = string.Empty;

        [JsonPropertyName("userName")]
        public string UserName { get; set; } = string.Empty;

        [JsonPropertyName("groups")]
        public List<JournalGroup> Groups { get; set; } = new List<JournalGroup>();

        /// <summary>False when the server let no one read the user's groups and the change was made anyway
        /// (-AllowUnknownGroups): the empty list then means "unknown", not "none". Absent means known.</summary>
        [JsonPropertyName("groupsKnown")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public bool? GroupsKnown { get; set; }

        /// <summary>Where the groups were read from ("userAttribute", "groups", "groupFilter", "modeApi"), or "unknown";
        /// absent on records that name no memberships read from the server.</summary>
        [JsonPropertyName("groupsSource")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? GroupsSource { get; set; }

        [JsonPropertyName("reason")]
        public string? Reason { get; set; }

        [JsonPropertyName("operator")]
        public string? Operator { get; set; }

        [JsonPropertyName("host")]
        public string? Host { get; set; }

        /// <summary>The workspace's SCIM base URI: ids mean nothing in another workspace.</summary>
        [JsonPropertyName("baseUri")]
        public string? BaseUri { get; set; }

        /// <summary>For a handover: the collection or report the change is about, where it was and where it went.</summary>
        [JsonPropertyName("content")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JournalContent? Content { get; set; }

        /// <summary>The record's number in its file, one more than the last record's, given while the append holds the
        /// file: jobs sharing a file never give two records one number. Absent on records of older versions.</summary>
        [JsonPropertyName("seq")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public long? Seq { get; set; }

        /// <summary>On Disable and Enable records: the user's latest records that the writer could read when it wrote
        /// this one, which this one therefore came after, whatever the clocks of the machines that wrote them said.
        /// Absent on the first such record of a user, and on records of older versions.</summary>
        [JsonPropertyName("after")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<JournalReference>? After { get; set; }

        /// <summary>On Create and Update records: each attribute set, with its value before (absent on a create) and after.</summary>
        [JsonPropertyName("changes")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public List<JournalAttributeChange>? Changes { get; set; }

        /// <summary>On records written by Invoke-ModePlan: the plan whose change this is (and, on its PlanApply record, the
        /// plan's file, kind and author).</summary>
        [JsonPropertyName("plan")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public JournalPlanReference? Plan { get; set; }
    }

    /// <summary>One attribute a Create or Update record set.</summary>
    internal sealed class JournalAttributeChange
    {
        [JsonPropertyName("attribute")]
        public string Attribute { get; set; } = string.Empty;

        /// <summary>The value the server showed before the change; absent when it showed none (and on creates).</summary>
        [JsonPropertyName("old")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Old { get; set; }

        [JsonPropertyName("new")]
        public string? New { get; set; }
    }

    /// <summary>Names the approved plan a record's change came from.</summary>
    internal sealed class JournalPlanReference
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        /// <summary>The SHA-256 the plan file states for itself (and was checked against) when it was applied.</summary>
        [JsonPropertyName("sha256")]
        public string Sha256 { get; set; } = string.Empty;

        /// <summary>The plan file's name (not its path). On PlanApply records only, as are the fields below.</summary>
        [JsonPropertyName("file")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? File { get; set; }

        /// <summary>The command that made the plan: Sync-ModeUser or Sync-ModeGroup.</summary>
        [JsonPropertyName("kind")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Kind { get; set; }

        [JsonPropertyName("createdAt")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public DateTime? CreatedAt { get; set; }

        /// <summary>Who made the plan and on which machine ("DOMAIN\user on HOST").</summary>
        [JsonPropertyName("createdBy")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? CreatedBy { get; set; }

        /// <summary>How many changes the plan held.</summary>
        [JsonPropertyName("changes")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? Changes { get; set; }
    }

    /// <summary>What a handover record changed through Mode's REST API: a collection's access or a report's place.</summary>
    internal sealed class JournalContent
    {
        /// <summary>"collection" or "report".</summary>
        [JsonPropertyName("kind")]
        public string Kind { get; set; } = string.Empty;

        [JsonPropertyName("token")]
        public string Token { get; set; } = string.Empty;

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        /// <summary>A moved report's collection before the move.</summary>
        [JsonPropertyName("fromCollection")]
        public string? FromCollection { get; set; }

        [JsonPropertyName("fromCollectionName")]
        public string? FromCollectionName { get; set; }

        /// <summary>Where a report was moved, or the collection a grant was made on.</summary>
        [JsonPropertyName("toCollection")]
        public string? ToCollection { get; set; }

        [JsonPropertyName("toCollectionName")]
        public string? ToCollectionName { get; set; }

        /// <summary>The successor's Mode username and member token.</summary>
        [JsonPropertyName("successor")]
        public string? Successor { get; set; }

        [JsonPropertyName("successorToken")]
        public string? SuccessorToken { get; set; }

        /// <summary>The access granted: "edit" or "view".</summary>
        [JsonPropertyName("access")]
        public string? Access { get; set; }

        /// <summary>The workspace of Mode's REST API.</summary>
        [JsonPropertyName("workspace")]
        public string? Workspace { get; set; }
    }

    /// <summary>Names one record of the journal: its file's name (not its path, which differs between the machines and
    /// stores that hold the folder) and its sequence number, or its line for a record that has no sequence number.</summary>
    internal sealed class JournalReference
    {
        [JsonPropertyName("file")]
        public string File { get; set; } = string.Empty;

        [JsonPropertyName("seq")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public long? Seq { get; set; }

        [JsonPropertyName("line")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? Line { get; set; }

        public override string ToString() =>
            File + (Seq.HasValue ? " seq " + Seq.Value : Line.HasValue ? " line " + Line.Value : string.Empty);
    }

    internal sealed class JournalGroup
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }
    }

    /// <summary>The actions a journal records.</summary>
    public static class JournalActions
    {
        public const string Disable = "Disable";
        public const string Enable = "Enable";
        public const string Remove = "Remove";

        /// <summary>A user was created; the record's changes hold the attributes given.</summary>
        public const string Create = "Create";

        /// <summary>A user's attributes were changed; the record's changes hold each one's old and new value.</summary>
        public const string Update = "Update";

        /// <summary>Invoke-ModePlan began applying an approved plan, named in the record's plan (no user: its userName is
        /// empty). The changes it made follow, each naming the plan.</summary>
        public const string PlanApply = "PlanApply";

        /// <summary>Sync-ModeGroup or Add-ModeGroupMember added the user to the record's one group.</summary>
        public const string GroupAdd = "GroupAdd";

        /// <summary>Sync-ModeGroup or Remove-ModeGroupMember removed the user from the record's one group.</summary>
        public const string GroupRemove = "GroupRemove";

        /// <summary>A handover granted the successor access on one of the leaver's collections (or the shared one).</summary>
        public const string HandoverGrant = "HandoverGrant";

        /// <summary>A handover moved one of the leaver's reports out of a personal collection.</summary>
        public const string HandoverMove = "HandoverMove";

        /// <summary>Undo-ModeHandover revoked a grant that a handover made.</summary>
        public const string UndoHandoverGrant = "UndoHandoverGrant";

        /// <summary>Undo-ModeHandover moved a report back where a handover found it.</summary>
        public const string UndoHandoverMove = "UndoHandoverMove";
    }
}
