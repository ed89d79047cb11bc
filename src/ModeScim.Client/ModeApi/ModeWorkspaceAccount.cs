using System;

namespace ModeScim.Client.ModeApi
{
    /// <summary>One member of the workspace, joined from what each of Mode's views gives: the full membership
    /// (managed_by_scim, activated_at), the lite one or the account (the email). Null where no view said.</summary>
    public sealed class ModeWorkspaceAccount
    {
        public string Username { get; set; } = string.Empty;

        public string? Email { get; set; }

        public string? Name { get; set; }

        public string? MemberToken { get; set; }

        public string? MembershipToken { get; set; }

        /// <summary>As Mode says it: active, deactivated, pending...</summary>
        public string? State { get; set; }

        public bool? Admin { get; set; }

        /// <summary>Null when only the lite view could be read, which does not say.</summary>
        public bool? ManagedByScim { get; set; }

        public DateTimeOffset? ActivatedAt { get; set; }

        /// <summary>A pending invite: invited and never activated.</summary>
        public bool IsPendingInvite { get; set; }

        public bool IsActive => string.Equals(State, "active", StringComparison.OrdinalIgnoreCase) && !IsPendingInvite;
    }
}
