using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>A SCIM User (RFC 7643 section 4.1).</summary>
    public sealed class ScimUser : ScimResource
    {
        private protected override IEnumerable<string> CoreSchemas() => new[] { ScimSchemas.User };

        [JsonPropertyName("userName")]
        public string? UserName { get; set; }

        [JsonPropertyName("name")]
        public ScimName? Name { get; set; }

        [JsonPropertyName("displayName")]
        public string? DisplayName { get; set; }

        [JsonPropertyName("active")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? Active { get; set; }

        [JsonPropertyName("emails")]
        public List<ScimMultiValue>? Emails { get; set; }

        /// <summary>Read-only on the server: memberships change only through the Group.</summary>
        [JsonPropertyName("groups")]
        public List<ScimMultiValue>? Groups { get; set; }

        /// <summary>The primary email, else the first one.</summary>
        [JsonIgnore]
        public string? PrimaryEmail
        {
            get
            {
                if (Emails == null || Emails.Count == 0)
                {
                    return null;
                }
                foreach (var email in Emails)
                {
                    if (email.Primary == true)
                    {
                        return email.Value;
                    }
                }
                return Emails[0].Value;
            }
        }
    }

    public sealed class ScimName
    {
        [JsonPropertyName("formatted")]
        public string? Formatted { get; set; }

        [JsonPropertyName("givenName")]
        public string? GivenName { get; set; }

        [JsonPropertyName("familyName")]
        public string? FamilyName { get; set; }
    }

    /// <summary>An element of a multi-valued attribute: emails, groups, members. A "$ref" (the element's URL) is not
    /// read: nothing uses it, and on a listing of users with their groups it was a fifth of what was parsed.</summary>
    public sealed class ScimMultiValue
    {
        [JsonPropertyName("value")]
        public string? Value { get; set; }

        [JsonPropertyName("display")]
        public string? Display { get; set; }

        [JsonPropertyName("type")]
        public string? Type { get; set; }

        [JsonPropertyName("primary")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? Primary { get; set; }
    }
}
