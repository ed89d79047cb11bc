using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>A Mode workspace member as the SCIM API reports it.</summary>
    public sealed class ModeUser
    {
        public string Id { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        /// <summary>The primary email, else the first.</summary>
        public string? Email { get; set; }

        public ModeList<string> Emails { get; set; } = new ModeList<string>();

        public bool Active { get; set; }

        public string? ExternalId { get; set; }

        public ModeList<ModeGroupMembership> Groups { get; set; } = new ModeList<ModeGroupMembership>();

        public DateTime? Created { get; set; }

        public DateTime? LastModified { get; set; }

        public string? Location { get; set; }

        /// <summary>Attributes the module has no property for (extensions, server-specific ones), kept visible.</summary>
        public ModeAttributes AdditionalAttributes { get; set; } = new ModeAttributes();

        public override string ToString() => UserName;
    }

    /// <summary>One group a user belongs to, as listed on the user.</summary>
    public sealed class ModeGroupMembership
    {
        public string Id { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        public override string ToString() => DisplayName ?? Id;
    }
}
