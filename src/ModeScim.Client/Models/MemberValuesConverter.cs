using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>Reads a multi-valued attribute (a group's "members") as the list of its "value" sub-attributes, skipping
    /// the others without making strings of them. An entry without a value gives null, as a <see cref="ScimMultiValue"/>
    /// without one would; an entry that is not an object, or a value that is not a string, is not SCIM and fails the
    /// read like any other malformed body.</summary>
    internal sealed class MemberValuesConverter : JsonConverter<List<string?>>
    {
        private const string ValueName = "value";

        public override List<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("A multi-valued attribute must be an array, not " + reader.TokenType + ".");
            }
            var values = new List<string?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                values.Add(ReadEntry(ref reader));
            }
            return values;
        }

        public override void Write(Utf8JsonWriter writer, List<string?> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var id in value)
            {
                writer.WriteStartObject();
                writer.WriteString(ValueName, id);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }

        private static string? ReadEntry(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("An element of a multi-valued attribute must be an object, not " + reader.TokenType + ".");
            }
            string? value = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var isValue = IsValueName(ref reader);
                reader.Read();
                if (!isValue)
                {
                    reader.Skip();
                }
                else if (reader.TokenType == JsonTokenType.String)
                {
                    value = reader.GetString();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw new JsonException("A member's value must be a string, not " + reader.TokenType + ".");
                }
            }
            return value;
        }

        // Attribute names are case-insensitive (RFC 7643 section 2.1); only a five-byte name can be "value", so other
        // names are told apart without making a string of them.
        private static bool IsValueName(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals(ValueName))
            {
                return true;
            }
            var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            return (reader.ValueIsEscaped || length == ValueName.Length)
                && string.Equals(reader.GetString(), ValueName, StringComparison.OrdinalIgnoreCase);
        }
    }
}
