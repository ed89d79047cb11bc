using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>An entry of /ResourceTypes or /Schemas. Kept loosely typed: the client only
    /// reports them, and servers extend both freely.</summary>
    public sealed class ScimDiscoveryDocument
    {
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("description")]
        public string? Description { get; set; }

        [JsonPropertyName("endpoint")]
        public string? Endpoint { get; set; }

        [JsonPropertyName("schema")]
        public string? Schema { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? AdditionalAttributes { get; set; }
    }
}
