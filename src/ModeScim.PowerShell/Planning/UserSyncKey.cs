using System;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>What identifies a person in both systems. userNames compare without case (RFC 7643 makes
    /// userName case-insensitive); externalIds are the IdP's own, compared exactly.</summary>
    internal sealed class UserSyncKey
    {
        public const string ByUserName = "UserName";
        public const string ByExternalId = "ExternalId";

        private UserSyncKey(string name)
        {
            Name = name;
        }

        public static UserSyncKey UserName { get; } = new UserSyncKey(ByUserName);

        public static UserSyncKey ExternalId { get; } = new UserSyncKey(ByExternalId);

        public string Name { get; }

        public bool IsUserName => Name == ByUserName;

        public StringComparer Comparer => IsUserName ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        public static UserSyncKey Parse(string name) =>
            string.Equals(name, ByExternalId, StringComparison.OrdinalIgnoreCase) ? ExternalId : UserName;

        public string? Of(ScimUser user) => IsUserName ? user.UserName : user.ExternalId;

        public string? Of(UserSpec spec) => IsUserName ? spec.UserName : spec.ExternalId;

        public override string ToString() => Name;
    }
}
