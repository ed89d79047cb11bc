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

        [JsonPropertyName("reason")]
        public string? Reason { get; set; }

        [JsonPropertyName("operator")]
        public string? Operator { get; set; }

        [JsonPropertyName("host")]
        public string? Host { get; set; }

        /// <summary>The workspace's SCIM base URI: ids mean nothing in another workspace.</summary>
        [JsonPropertyName("baseUri")]
        public string? BaseUri { get; set; }
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

        /// <summary>Sync-ModeGroup added the user to the record's one group.</summary>
        public const string GroupAdd = "GroupAdd";

        /// <summary>Sync-ModeGroup removed the user from the record's one group.</summary>
        public const string GroupRemove = "GroupRemove";
    }
}
