using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>Reads a group's "members" as the "value" of each member that may be a user, skipping the other
    /// sub-attributes without making strings of them. Only a member typed "Group" (a nested group, RFC 7643 section
    /// 4.2) is left out: its id names no user. Any other type, including none, an empty one or one a server made up,
    /// counts as a user, so that no one's memberships are lost to an unexpected spelling. An entry without a value
    /// gives null, as a <see cref="ScimMultiValue"/> without one would; an entry that is not an object, or a value that
    /// is not a string, is not SCIM and fails the read like any other malformed body.</summary>
    internal sealed class MemberValuesConverter : JsonConverter<List<string?>>
    {
        private const string ValueName = "value";
        private const string TypeName = "type";
        private const string GroupType = "Group";

        public override List<string?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("A multi-valued attribute must be an array, not " + reader.TokenType + ".");
            }
            var values = new List<string?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var (value, isUser) = ReadEntry(ref reader);
                if (isUser)
                {
                    values.Add(value);
                }
            }
            return values;
        }

        // The lean group model is only ever read: writing it would send members without their other sub-attributes.
        public override void Write(Utf8JsonWriter writer, List<string?> value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Member ids read for the membership index are not written back to a server.");

        private static (string? Value, bool IsUser) ReadEntry(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("An element of a multi-valued attribute must be an object, not " + reader.TokenType + ".");
            }
            string? value = null;
            var isUser = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = NameOf(ref reader);
                reader.Read();
                if (name == ValueName)
                {
                    value = ReadString(ref reader, "value");
                }
                else if (name == TypeName)
                {
                    isUser = !IsGroupType(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
            return (value, isUser);
        }

        private static string? ReadString(ref Utf8JsonReader reader, string what)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }
            if (reader.TokenType != JsonTokenType.Null)
            {
                throw new JsonException("A member's " + what + " must be a string, not " + reader.TokenType + ".");
            }
            return null;
        }

        // Canonical values are case-insensitive too.
        private static bool IsGroupType(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(GroupType))
            {
                return true;
            }
            return string.Equals(ReadString(ref reader, "type"), GroupType, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>"value" or "type" (as these constants) for those sub-attributes in any letter case; null for others.</summary>
        private static string? NameOf(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals(ValueName))
            {
                return ValueName;
            }
            if (reader.ValueTextEquals(TypeName))
            {
                return TypeName;
            }
            var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (!reader.ValueIsEscaped && length != ValueName.Length && length != TypeName.Length)
            {
                return null;
            }
            var name = reader.GetString();
            return string.Equals(name, ValueName, StringComparison.OrdinalIgnoreCase) ? ValueName
                : string.Equals(name, TypeName, StringComparison.OrdinalIgnoreCase) ? TypeName : null;
        }
    }
}
