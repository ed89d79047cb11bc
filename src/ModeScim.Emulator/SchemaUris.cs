using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModeScim.Emulator
{
    internal static class SchemaUris
    {
        public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
        public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
        public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
        public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
        public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
        public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
        public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
        public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

        /// <summary>True when the message's "schemas" array names <paramref name="uri"/> (URIs compare without case).</summary>
        public static bool Declares(JsonObject message, string uri)
        {
            var key = message.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, "schemas", StringComparison.OrdinalIgnoreCase));
            return key != null && message[key] is JsonArray schemas
                && schemas.Any(s => s is JsonValue value && value.TryGetValue<string>(out var text)
                    && string.Equals(text, uri, StringComparison.OrdinalIgnoreCase));
        }
    }
}
