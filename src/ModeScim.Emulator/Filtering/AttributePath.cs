using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace ModeScim.Emulator.Filtering
{
    /// <summary>An attribute reference such as <c>userName</c>, <c>name.givenName</c> or
    /// <c>urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber</c>.
    /// Names are matched case-insensitively, as RFC 7643 section 2.1 requires.</summary>
    internal sealed record AttributePath(string? ExtensionSchema, string Name, string? SubAttribute)
    {
        private static readonly HashSet<string> CoreSchemas = new(StringComparer.OrdinalIgnoreCase)
        {
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:core:2.0:Group",
        };

        // Identifiers compare exactly; everything else the emulator stores is caseExact=false.
        private static readonly HashSet<string> CaseExactPaths = new(StringComparer.OrdinalIgnoreCase)
        {
            "id", "externalId", "members.value", "groups.value", "meta.version",
        };

        public bool IsCaseExact => CaseExactPaths.Contains(SubAttribute == null ? Name : Name + "." + SubAttribute);

        public static AttributePath Parse(string text)
        {
            string? schema = null;
            var rest = text;
            if (text.StartsWith("urn:", StringComparison.OrdinalIgnoreCase))
            {
                var split = text.LastIndexOf(':');
                schema = text.Substring(0, split);
                rest = text.Substring(split + 1);
                if (CoreSchemas.Contains(schema))
                {
                    schema = null;
                }
            }
            var dot = rest.IndexOf('.');
            var name = dot < 0 ? rest : rest.Substring(0, dot);
            var sub = dot < 0 ? null : rest.Substring(dot + 1);
            if (!IsName(name) || (sub != null && !IsName(sub)))
            {
                throw new ScimError(400, "invalidPath", "'" + text + "' is not an attribute path.");
            }
            return new AttributePath(schema, name, sub);
        }

        public AttributePath WithSubAttribute(string sub) => this with { SubAttribute = sub };

        /// <summary>The object that holds <see cref="Name"/>: the resource, or its extension object.</summary>
        public JsonObject? Container(JsonObject resource, bool create)
        {
            if (ExtensionSchema == null)
            {
                return resource;
            }
            var key = resource.FindKey(ExtensionSchema);
            if (key != null && resource[key] is JsonObject extension)
            {
                return extension;
            }
            if (!create)
            {
                return null;
            }
            var created = new JsonObject();
            resource[ExtensionSchema] = created;
            return created;
        }

        /// <summary>The attribute itself: each element when it is multi-valued, else the one value.</summary>
        public List<JsonNode> Elements(JsonObject resource)
        {
            var result = new List<JsonNode>();
            var node = Container(resource, false)?.GetIgnoreCase(Name);
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    if (item != null)
                    {
                        result.Add(item);
                    }
                }
            }
            else if (node != null)
            {
                result.Add(node);
            }
            return result;
        }

        /// <summary>The leaf values the path selects, flattened across multi-valued attributes.</summary>
        public List<JsonNode> Values(JsonObject resource)
        {
            var elements = Elements(resource);
            if (SubAttribute == null)
            {
                return elements;
            }
            var result = new List<JsonNode>();
            foreach (var element in elements)
            {
                if (element is JsonObject obj && obj.GetIgnoreCase(SubAttribute) is JsonNode value)
                {
                    result.Add(value);
                }
            }
            return result;
        }

        private static bool IsName(string name)
        {
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '$'))
            {
                return false;
            }
            foreach (var c in name)
            {
                if (!(char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '$'))
                {
                    return false;
                }
            }
            return true;
        }
    }

    internal static class JsonObjectExtensions
    {
        public static string? FindKey(this JsonObject obj, string name)
        {
            foreach (var pair in obj)
            {
                if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return pair.Key;
                }
            }
            return null;
        }

        public static JsonNode? GetIgnoreCase(this JsonObject obj, string name)
        {
            var key = obj.FindKey(name);
            return key == null ? null : obj[key];
        }

        public static string? GetString(this JsonObject obj, string name)
        {
            return obj.GetIgnoreCase(name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
    }
}
