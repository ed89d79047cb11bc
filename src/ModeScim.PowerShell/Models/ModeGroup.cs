using System;
using System.Linq;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Models
{
    /// <summary>A Mode group as the SCIM API reports it.</summary>
    public sealed class ModeGroup
    {
        // Dates are held as DateTimes: the wrapper that gives each its ISO text is made when it is read.
        private DateTime? _created;
        private DateTime? _lastModified;

        public string Id { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string? ExternalId { get; set; }

        /// <summary>Null when the group was read without its members (-ExcludeMembers).</summary>
        public int? MemberCount { get; set; }

        public ModeList<ModeGroupMemberReference> Members { get; set; } = new ModeList<ModeGroupMemberReference>();

        /// <summary>In UTC; see <see cref="UtcTimestamp"/>.</summary>
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

        public string? Location { get; set; }

        public ModeAttributes AdditionalAttributes { get; set; } = new ModeAttributes();

        public override string ToString() => DisplayName;

        internal static ModeGroup From(ScimGroup group)
        {
            return new ModeGroup
            {
                Id = group.Id ?? string.Empty,
                DisplayName = group.DisplayName ?? string.Empty,
                ExternalId = group.ExternalId,
                MemberCount = group.Members?.Count,
                Members = (group.Members ?? new System.Collections.Generic.List<ScimMultiValue>()).Where(m => m.Value != null)
                    .Select(m => new ModeGroupMemberReference { Id = m.Value!, Display = m.Display }).ToModeList(),
                Created = group.Meta?.Created?.UtcDateTime,
                LastModified = group.Meta?.LastModified?.UtcDateTime,
                Location = group.Meta?.Location,
                AdditionalAttributes = ModeUserMapper.ToDictionary(group.AdditionalAttributes),
            };
        }
    }

    /// <summary>A member as the group lists it: the user's id and the server's display text for it.</summary>
    public sealed class ModeGroupMemberReference
    {
        public string Id { get; set; } = string.Empty;

        public string? Display { get; set; }

        public override string ToString() => Display ?? Id;
    }
}
