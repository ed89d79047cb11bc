using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>A Mode workspace member as the SCIM API reports it.</summary>
    /// <remarks>Scripts keep whole listings (<c>$all = Get-ModeUser</c>), and every object a kept user holds is
    /// copied by each collection that keeps it: what is the same for every user is held once, see
    /// <see cref="SetLocationUnder"/> and <see cref="AdditionalAttributes"/>.</remarks>
    public sealed class ModeUser
    {
        private string? _location;
        private string? _locationBase;
        private string? _locationId;
        private ModeAttributes? _additionalAttributes;

        // A kept listing holds each date as a DateTime: the wrapper that gives it its ISO text is made when it is read.
        private DateTime? _created;
        private DateTime? _lastModified;

        public string Id { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        /// <summary>The primary email, else the first.</summary>
        public string? Email { get; set; }

        public ModeList<string> Emails { get; set; } = ModeList<string>.Empty;

        public bool Active { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>The user's groups; null when the server's answer did not show them (see <see cref="GroupsKnown"/>).</summary>
        public ModeList<ModeGroupMembership>? Groups { get; set; } = ModeList<ModeGroupMembership>.Empty;

        /// <summary>False when the response the user came in cannot be taken to show its groups (the server leaves them out
        /// of listings, or its "groups" is not true): Groups is then null, never an empty list. Get-ModeUser -Identity
        /// reads the true groups; Get-ModeAccessReport shows them for everyone.</summary>
        public bool GroupsKnown { get; set; } = true;

        /// <summary>When the user was made, in UTC; see <see cref="UtcTimestamp"/>.</summary>
        public UtcTimestamp? Created
        {
            get => _created;
            set => _created = value?.UtcDateTime;
        }

        public UtcTimestamp? LastModified
        {
            get => _lastModified;
            set => _lastModified = value?.UtcDateTime;
        }

        public string? Location
        {
            get => _location ?? (_locationBase == null ? null : _locationBase + _locationId);
            set
            {
                _location = value;
                _locationBase = null;
                _locationId = null;
            }
        }

        /// <summary>Attributes the module has no property for (extensions, server-specific ones), kept visible. Made
        /// when first read where the server sent none.</summary>
        public ModeAttributes AdditionalAttributes
        {
            get => _additionalAttributes ??= new ModeAttributes();
            set => _additionalAttributes = value;
        }

        /// <summary>A location that is the collection's address followed by the id: the address is the same text for
        /// every user of a listing, so it is held once and the location composed when read.</summary>
        internal void SetLocationUnder(string collectionAddress, string id)
        {
            _location = null;
            _locationBase = collectionAddress;
            _locationId = id;
        }

        public override string ToString() => UserName;
    }

    /// <summary>One group a user belongs to, as listed on the user. Read-only: the users of one listing who share a
    /// group share its membership object.</summary>
    public sealed class ModeGroupMembership
    {
        public ModeGroupMembership(string id, string? displayName)
        {
            Id = id;
            DisplayName = displayName;
        }

        public string Id { get; }

        public string? DisplayName { get; }

        public override string ToString() => DisplayName ?? Id;
    }
}
