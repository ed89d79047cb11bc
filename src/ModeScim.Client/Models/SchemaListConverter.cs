using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>Reads "schemas" with one shared copy of each URN this client knows: every resource of a listing names the
    /// same one or two, 42 to 60 characters each, which read as text would be a new string per resource.</summary>
    internal sealed class SchemaListConverter : JsonConverter<List<string>>
    {
        private static readonly string[] Known =
        {
            ScimSchemas.User, ScimSchemas.Group, ScimSchemas.EnterpriseUser, ScimSchemas.ListResponse, ScimSchemas.PatchOp,
            ScimSchemas.Error, ScimSchemas.ServiceProviderConfig, ScimSchemas.ResourceType, ScimSchemas.Schema,
        };

        public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("\"schemas\" is not an array.");
            }
            var schemas = new List<string>(1);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new JsonException("\"schemas\" holds something other than text.");
                }
                schemas.Add(KnownOrRead(ref reader));
            }
            return schemas;
        }

        public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var schema in value)
            {
                writer.WriteStringValue(schema);
            }
            writer.WriteEndArray();
        }

        private static string KnownOrRead(ref Utf8JsonReader reader)
        {
            foreach (var known in Known)
            {
                if (reader.ValueTextEquals(known))
                {
                    return known;
                }
            }
            return reader.GetString()!;
        }
    }
}
