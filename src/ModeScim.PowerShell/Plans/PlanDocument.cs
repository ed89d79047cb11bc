using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>A saved plan (Sync-ModeUser or Sync-ModeGroup -PlanPath): what was read, what would change, the guards,
    /// and who made it where. The file format is a contract between the job that plans and the one that applies (perhaps
    /// another version of the module): fields are only added; a new meaning gets a new <see cref="Schema"/>.</summary>
    internal sealed class PlanDocument
    {
        public const string CurrentSchema = "modescim-plan/1";
        public const string UserSync = "Sync-ModeUser";
        public const string GroupSync = "Sync-ModeGroup";

        [JsonPropertyName("schema")]
        public string Schema { get; set; } = CurrentSchema;

        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        /// <summary>The command that made it: <see cref="UserSync"/> or <see cref="GroupSync"/>.</summary>
        [JsonPropertyName("kind")]
        public string Kind { get; set; } = string.Empty;

        [JsonPropertyName("createdAt")]
        public DateTime CreatedAt { get; set; }

        [JsonPropertyName("operator")]
        public string? Operator { get; set; }

        [JsonPropertyName("host")]
        public string? Host { get; set; }

        [JsonPropertyName("moduleVersion")]
        public string? ModuleVersion { get; set; }

        /// <summary>The workspace's SCIM base URI: a plan applies to the workspace it was read from, nowhere else.</summary>
        [JsonPropertyName("baseUri")]
        public string BaseUri { get; set; } = string.Empty;

        [JsonPropertyName("options")]
        public PlanOptions Options { get; set; } = new PlanOptions();

        [JsonPropertyName("guards")]
        public List<PlanGuard> Guards { get; set; } = new List<PlanGuard>();

        [JsonPropertyName("changes")]
        public List<PlanChange> Changes { get; set; } = new List<PlanChange>();

        /// <summary>What planning refused (unusable rows, unresolved members): never a change, shown to the approver.</summary>
        [JsonPropertyName("refused")]
        public List<PlanRefusal> Refused { get; set; } = new List<PlanRefusal>();

        /// <summary>Desired users or members already as wanted.</summary>
        [JsonPropertyName("unchanged")]
        public int Unchanged { get; set; }
    }

    /// <summary>The parameters of the planning run that the apply step needs to act as that run would have.</summary>
    internal sealed class PlanOptions
    {
        [JsonPropertyName("reason")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Reason { get; set; }

        [JsonPropertyName("restoreGroups")]
        public bool RestoreGroups { get; set; }

        [JsonPropertyName("allowUnknownGroups")]
        public bool AllowUnknownGroups { get; set; }

        [JsonPropertyName("handoverTo")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? HandoverTo { get; set; }

        [JsonPropertyName("handoverCollection")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? HandoverCollection { get; set; }

        [JsonPropertyName("allowUnknownOwner")]
        public bool AllowUnknownOwner { get; set; }

        /// <summary>Sync-ModeUser -Force as given: it also admits returning users without a Disable record.</summary>
        [JsonPropertyName("force")]
        public bool Force { get; set; }

        /// <summary>Sync-ModeUser -AllowLockout as given: the lockout guard was overridden when the plan was made.</summary>
        [JsonPropertyName("allowLockout")]
        public bool AllowLockout { get; set; }

        /// <summary>Member changes per PATCH (Sync-ModeGroup).</summary>
        [JsonPropertyName("batchSize")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public int? BatchSize { get; set; }
    }

    /// <summary>One guard as the plan was checked against it.</summary>
    internal sealed class PlanGuard
    {
        /// <summary>The parameter that sets it: MaxDisable, MaxUpdate, MaxRemove, MaxUnresolved, or the lockout guard.</summary>
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        /// <summary>The limit as given ("5%", "20").</summary>
        [JsonPropertyName("limit")]
        public string Limit { get; set; } = string.Empty;

        [JsonPropertyName("maximum")]
        public int Maximum { get; set; }

        [JsonPropertyName("planned")]
        public int Planned { get; set; }

        /// <summary>What a share counts against (active users, matched users, desired members).</summary>
        [JsonPropertyName("countedAgainst")]
        public int CountedAgainst { get; set; }

        /// <summary>The group the guard was checked for (Sync-ModeGroup's guards are per group).</summary>
        [JsonPropertyName("group")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Group { get; set; }

        [JsonPropertyName("exceeded")]
        public bool Exceeded { get; set; }

        /// <summary>The error id a run would have been refused with.</summary>
        [JsonPropertyName("errorId")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ErrorId { get; set; }

        [JsonPropertyName("message")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Message { get; set; }

        /// <summary>The guard in one line, as warnings and refusals name it ("group X: MaxRemove 20: 35 planned, at most 20").</summary>
        public string Describe() => (Group == null ? "" : "group " + Group + ": ") + Name + " " + Limit + ": " + Planned
            + " planned, at most " + Maximum;
    }

    /// <summary>One change, with the state it was planned against: the apply step makes it only where the target still
    /// shows that state.</summary>
    internal sealed class PlanChange
    {
        public const string Create = "Create";
        public const string Update = "Update";
        public const string Enable = "Enable";
        public const string Disable = "Disable";
        public const string GroupAdd = "GroupAdd";
        public const string GroupRemove = "GroupRemove";

        [JsonPropertyName("action")]
        public string Action { get; set; } = string.Empty;

        [JsonPropertyName("userId")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? UserId { get; set; }

        [JsonPropertyName("userName")]
        public string UserName { get; set; } = string.Empty;

        /// <summary>The user as read when planned (Update, Enable, Disable).</summary>
        [JsonPropertyName("read")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PlanUserState? Read { get; set; }

        /// <summary>The attributes a Create gives or an Update sets, by SCIM-ish name (userName, email, givenName,
        /// familyName, displayName, externalId).</summary>
        [JsonPropertyName("set")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public Dictionary<string, string?>? Set { get; set; }

        /// <summary>The group of a member change, as read when planned (its id is absent for a group to create).</summary>
        [JsonPropertyName("group")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public PlanGroupState? Group { get; set; }

        /// <summary>The reason journalled for a Disable.</summary>
        [JsonPropertyName("reason")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Reason { get; set; }
    }

    /// <summary>A user's attributes as the server showed them when planned; null where it showed none.</summary>
    internal sealed class PlanUserState
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("userName")]
        public string? UserName { get; set; }

        [JsonPropertyName("externalId")]
        public string? ExternalId { get; set; }

        [JsonPropertyName("email")]
        public string? Email { get; set; }

        [JsonPropertyName("givenName")]
        public string? GivenName { get; set; }

        [JsonPropertyName("familyName")]
        public string? FamilyName { get; set; }

        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        [JsonPropertyName("active")]
        public bool? Active { get; set; }
    }

    internal sealed class PlanGroupState
    {
        /// <summary>Null for a group Sync-ModeGroup -CreateIfMissing would create.</summary>
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        /// <summary>False where the server hid the members when planned (adds only, under -AddOnly).</summary>
        [JsonPropertyName("membersShown")]
        public bool MembersShown { get; set; } = true;
    }

    /// <summary>An input item planning refused, with why.</summary>
    internal sealed class PlanRefusal
    {
        [JsonPropertyName("item")]
        public string Item { get; set; } = string.Empty;

        [JsonPropertyName("change")]
        public string Change { get; set; } = string.Empty;

        [JsonPropertyName("reason")]
        public string Reason { get; set; } = string.Empty;
    }
}
