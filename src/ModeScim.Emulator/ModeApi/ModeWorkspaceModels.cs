using System;
using System.Collections.Generic;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>One workspace member as Mode's REST API shows it: a SCIM user, or an account SCIM did not make.</summary>
    internal sealed class ModeAccount
    {
        public string Username { get; init; } = string.Empty;

        public string Email { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        /// <summary>The person's token (member_token).</summary>
        public string MemberToken { get; init; } = string.Empty;

        /// <summary>The membership's own token: the last segment of its self link.</summary>
        public string MembershipToken { get; init; } = string.Empty;

        public string State { get; init; } = "active";

        public bool Admin { get; init; }

        public bool ManagedByScim { get; init; }

        public bool Invited { get; init; }

        public DateTimeOffset? ActivatedAt { get; init; }

        /// <summary>The SCIM id when the account is also a SCIM user.</summary>
        public string? ScimId { get; init; }
    }

    /// <summary>A group as the REST API shows it. Groups made through SCIM are "managed" (their members change only
    /// through SCIM); the emulator holds no other kind.</summary>
    internal sealed class ModeGroup
    {
        public string Token { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public bool Managed { get; init; }

        public IReadOnlyList<ModeAccount> Members { get; init; } = Array.Empty<ModeAccount>();
    }

    /// <summary>A collection ("space" in the API). A private one is a person's personal collection.</summary>
    internal sealed class ModeSpace
    {
        public string Token { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string SpaceType { get; init; } = "custom";

        public string CreatorUsername { get; init; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }

        public bool IsPersonal => SpaceType == "private";
    }

    internal sealed class ModeReport
    {
        public string Token { get; init; } = string.Empty;

        public string Name { get; init; } = string.Empty;

        public string SpaceToken { get; set; } = string.Empty;

        public string CreatorUsername { get; init; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }
    }

    internal sealed class ModePermission
    {
        public string Token { get; init; } = string.Empty;

        public string SpaceToken { get; init; } = string.Empty;

        public string Action { get; init; } = "view";

        public string AccessorType { get; init; } = "Account";

        public string AccessorToken { get; init; } = string.Empty;
    }

    internal sealed class ModeAuditEntry
    {
        public string Token { get; init; } = string.Empty;

        public string Event { get; init; } = string.Empty;

        public string Actor { get; init; } = string.Empty;

        public DateTimeOffset Timestamp { get; init; }

        public string Details { get; init; } = string.Empty;
    }

    /// <summary>What the Discovery API knows of a member's use of Mode.</summary>
    internal sealed class ModeEngagement
    {
        public DateTimeOffset? LastDayEngaged { get; set; }

        public DateTimeOffset? ActivatedAt { get; set; }

        public int TotalDaysEngaged { get; set; }
    }
}
