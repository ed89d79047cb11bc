using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>Reads a boolean that some servers send as the string "True"/"False"
    /// (older Entra ID tenants do); always writes a real JSON boolean.</summary>
    internal sealed class LenientBooleanConverter : JsonConverter<bool?>
    {
        public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (bool.TryParse(text, out var parsed))
                    {
                        return parsed;
                    }
                    throw new JsonException("Expected a boolean, got the string '" + text + "'.");
                default:
                    throw new JsonException("Expected a boolean, got " + reader.TokenType + ".");
            }
        }

        public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
        {
            if (value.HasValue)
            {
                writer.WriteBooleanValue(value.Value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
