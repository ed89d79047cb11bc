using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>What every SCIM resource carries. Attributes the client has no property for are kept
    /// in <see cref="AdditionalAttributes"/> so that nothing a server sends is silently dropped.</summary>
    public abstract class ScimResource
    {
        private List<string>? _schemas;

        /// <summary>The schemas the resource is written with. One made here starts with its core schema; one read from a
        /// server has what the server sent (made only when read: a listing of 100,000 users would otherwise make a list
        /// for each that the server's own replaces).</summary>
        [JsonPropertyName("schemas")]
        [JsonConverter(typeof(SchemaListConverter))]
        public List<string> Schemas
        {
            get => _schemas ??= new List<string>(CoreSchemas());
            set => _schemas = value;
        }

        private protected virtual IEnumerable<string> CoreSchemas() => System.Array.Empty<string>();

        [JsonPropertyName("id")]
        public string? Id { get; set; }

        [JsonPropertyName("externalId")]
        public string? ExternalId { get; set; }

        [JsonPropertyName("meta")]
        public ScimMeta? Meta { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? AdditionalAttributes { get; set; }

        /// <summary>The kind of response the resource came in. A server may trim lists and filter results (leave out
        /// "groups" or "members") and still return them on a read by id, so what one kind shows proves nothing of another.</summary>
        [JsonIgnore]
        public ScimReadKind ReadAs { get; set; }
    }

    public enum ScimReadKind
    {
        /// <summary>Made here, not read from a server.</summary>
        NotRead,

        /// <summary>One resource: a GET by id, or the answer to a POST, PUT or PATCH.</summary>
        Single,

        /// <summary>An unfiltered listing.</summary>
        List,

        /// <summary>A filtered listing (a lookup by userName, email, id...).</summary>
        Filter,
    }

    public sealed class ScimMeta
    {
        [JsonPropertyName("resourceType")]
        public string? ResourceType { get; set; }

        [JsonPropertyName("created")]
        public System.DateTimeOffset? Created { get; set; }

        [JsonPropertyName("lastModified")]
        public System.DateTimeOffset? LastModified { get; set; }

        [JsonPropertyName("location")]
        public string? Location { get; set; }

        [JsonPropertyName("version")]
        public string? Version { get; set; }
    }
}
