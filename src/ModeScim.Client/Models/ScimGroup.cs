using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>A SCIM Group (RFC 7643 section 4.2).</summary>
    public sealed class ScimGroup : ScimResource
    {
        private protected override IEnumerable<string> CoreSchemas() => new[] { ScimSchemas.Group };

        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        [JsonPropertyName("members")]
        public List<ScimMultiValue>? Members { get; set; }
    }
}
