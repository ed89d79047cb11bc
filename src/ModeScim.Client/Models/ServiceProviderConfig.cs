using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>RFC 7643 section 5. Every feature defaults to "unsupported" so that a server which omits
    /// part of the document is treated conservatively.</summary>
    public sealed class ServiceProviderConfig
    {
        [JsonPropertyName("patch")]
        public ScimFeature Patch { get; set; } = new ScimFeature();

        [JsonPropertyName("bulk")]
        public ScimBulkFeature Bulk { get; set; } = new ScimBulkFeature();

        [JsonPropertyName("filter")]
        public ScimFilterFeature Filter { get; set; } = new ScimFilterFeature();

        [JsonPropertyName("changePassword")]
        public ScimFeature ChangePassword { get; set; } = new ScimFeature();

        [JsonPropertyName("sort")]
        public ScimFeature Sort { get; set; } = new ScimFeature();

        [JsonPropertyName("etag")]
        public ScimFeature Etag { get; set; } = new ScimFeature();

        [JsonPropertyName("authenticationSchemes")]
        public List<ScimAuthenticationScheme> AuthenticationSchemes { get; set; } = new List<ScimAuthenticationScheme>();

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? AdditionalAttributes { get; set; }

        /// <summary>What a client assumes of a server that publishes no configuration:
        /// PATCH works (every SCIM 2.0 identity provider depends on it), nothing else.</summary>
        public static ServiceProviderConfig AssumedDefault()
        {
            return new ServiceProviderConfig { Patch = new ScimFeature { Supported = true } };
        }
    }

    public class ScimFeature
    {
        [JsonPropertyName("supported")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? Supported { get; set; }

        [JsonIgnore]
        public bool IsSupported => Supported == true;
    }

    public sealed class ScimBulkFeature : ScimFeature
    {
        [JsonPropertyName("maxOperations")]
        public int? MaxOperations { get; set; }

        [JsonPropertyName("maxPayloadSize")]
        public long? MaxPayloadSize { get; set; }
    }

    public sealed class ScimFilterFeature : ScimFeature
    {
        [JsonPropertyName("maxResults")]
        public int? MaxResults { get; set; }
    }

    public sealed class ScimAuthenticationScheme
    {
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("description")]
        public string? Description { get; set; }
    }
}
