using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>A group as the membership index reads it: its id, its name and the ids of its members (nested groups left
    /// out, see <see cref="MemberValuesConverter"/>). The group side of
    /// a large workspace is one member entry per membership (50,000 at 50,000 users), and each entry's display name,
    /// type and "$ref" URL would be read into strings that the index never looks at.</summary>
    internal sealed class ScimGroupMembers : ScimResource
    {
        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        /// <summary>Null when the group came without "members" (hidden, or left out of a listing), as on <see cref="ScimGroup"/>.</summary>
        [JsonPropertyName("members")]
        [JsonConverter(typeof(MemberValuesConverter))]
        public List<string?>? MemberIds { get; set; }
    }
}
