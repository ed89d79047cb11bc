using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ModeScim.Emulator.Http
{
    /// <summary>The discovery documents of RFC 7643 sections 5 to 7, describing what this emulator does.</summary>
    internal static class DiscoveryDocuments
    {
        public static JsonObject ServiceProviderConfig(EmulatorOptions options)
        {
            return new JsonObject
            {
                ["schemas"] = new JsonArray(SchemaUris.ServiceProviderConfig),
                ["documentationUri"] = "https://example.invalid/modescim/emulator",
                ["patch"] = new JsonObject { ["supported"] = options.PatchSupported },
                ["bulk"] = new JsonObject
                {
                    ["supported"] = false,
                    ["maxOperations"] = options.Behaviour.BulkMaxOperations,
                    ["maxPayloadSize"] = 0,
                },
                ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = options.MaxPageSize },
                ["changePassword"] = new JsonObject { ["supported"] = false },
                ["sort"] = new JsonObject { ["supported"] = false },
                ["etag"] = new JsonObject { ["supported"] = false },
                ["authenticationSchemes"] = new JsonArray(new JsonObject
                {
                    ["type"] = "oauthbearertoken",
                    ["name"] = "OAuth Bearer Token",
                    ["description"] = "A bearer token in the Authorization header.",
                    ["primary"] = true,
                }),
                ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig" },
            };
        }

        public static IEnumerable<JsonObject> ResourceTypes()
        {
            yield return new JsonObject
            {
                ["schemas"] = new JsonArray(SchemaUris.ResourceType),
                ["id"] = "User",
                ["name"] = "User",
                ["endpoint"] = "/Users",
                ["description"] = "A Mode workspace member",
                ["schema"] = SchemaUris.User,
                ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = SchemaUris.EnterpriseUser, ["required"] = false }),
                ["meta"] = new JsonObject { ["resourceType"] = "ResourceType" },
            };
            yield return new JsonObject
            {
                ["schemas"] = new JsonArray(SchemaUris.ResourceType),
                ["id"] = "Group",
                ["name"] = "Group",
                ["endpoint"] = "/Groups",
                ["description"] = "A Mode group",
                ["schema"] = SchemaUris.Group,
                ["meta"] = new JsonObject { ["resourceType"] = "ResourceType" },
            };
        }

        public static IEnumerable<JsonObject> Schemas()
        {
            yield return Schema(SchemaUris.User, "User", new[]
            {
                Attribute("userName", "string", required: true, uniqueness: "server"),
                Complex("name", false, Attribute("formatted", "string"), Attribute("givenName", "string"),
                    Attribute("familyName", "string")),
                Attribute("displayName", "string"),
                Attribute("active", "boolean"),
                Complex("emails", true, Attribute("value", "string"), Attribute("type", "string"), Attribute("primary", "boolean")),
                Complex("groups", true, Attribute("value", "string", mutability: "readOnly"),
                    Attribute("display", "string", mutability: "readOnly")),
                Attribute("externalId", "string", caseExact: true),
            });
            yield return Schema(SchemaUris.Group, "Group", new[]
            {
                Attribute("displayName", "string", required: true, uniqueness: "server"),
                Complex("members", true, Attribute("value", "string", caseExact: true),
                    Attribute("display", "string", mutability: "readOnly"), Attribute("type", "string")),
                Attribute("externalId", "string", caseExact: true),
            });
            yield return Schema(SchemaUris.EnterpriseUser, "EnterpriseUser", new[]
            {
                Attribute("employeeNumber", "string"),
                Attribute("department", "string"),
                Attribute("costCenter", "string"),
                Attribute("organization", "string"),
                Attribute("division", "string"),
                Complex("manager", false, Attribute("value", "string"), Attribute("displayName", "string", mutability: "readOnly")),
            });
        }

        public static JsonObject AsList(IEnumerable<JsonObject> documents)
        {
            var resources = new JsonArray(documents.Select(d => (JsonNode?)d).ToArray());
            return new JsonObject
            {
                ["schemas"] = new JsonArray(SchemaUris.ListResponse),
                ["totalResults"] = resources.Count,
                ["startIndex"] = 1,
                ["itemsPerPage"] = resources.Count,
                ["Resources"] = resources,
            };
        }

        private static JsonObject Schema(string id, string name, JsonObject[] attributes)
        {
            return new JsonObject
            {
                ["schemas"] = new JsonArray(SchemaUris.Schema),
                ["id"] = id,
                ["name"] = name,
                ["attributes"] = new JsonArray(attributes.Select(a => (JsonNode?)a).ToArray()),
                ["meta"] = new JsonObject { ["resourceType"] = "Schema" },
            };
        }

        private static JsonObject Attribute(string name, string type, bool required = false, bool caseExact = false,
            string mutability = "readWrite", string uniqueness = "none")
        {
            return new JsonObject
            {
                ["name"] = name,
                ["type"] = type,
                ["multiValued"] = false,
                ["required"] = required,
                ["caseExact"] = caseExact,
                ["mutability"] = mutability,
                ["returned"] = "default",
                ["uniqueness"] = uniqueness,
            };
        }

        private static JsonObject Complex(string name, bool multiValued, params JsonObject[] subAttributes)
        {
            var attribute = Attribute(name, "complex");
            attribute["multiValued"] = multiValued;
            attribute["subAttributes"] = new JsonArray(subAttributes.Select(a => (JsonNode?)a).ToArray());
            return attribute;
        }
    }
}
