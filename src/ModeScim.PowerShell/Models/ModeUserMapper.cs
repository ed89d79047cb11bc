using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Models
{
    /// <summary>Maps client models to the PowerShell-facing types, which carry no System.Text.Json type.</summary>
    internal static class ModeUserMapper
    {
        public static ModeUser ToModeUser(ScimUser user)
        {
            return new ModeUser
            {
                Id = user.Id ?? string.Empty,
                UserName = user.UserName ?? string.Empty,
                DisplayName = user.DisplayName,
                GivenName = user.Name?.GivenName,
                FamilyName = user.Name?.FamilyName,
                Email = user.PrimaryEmail,
                Emails = (user.Emails ?? new List<ScimMultiValue>()).Where(e => e.Value != null).Select(e => e.Value!).ToModeList(),
                // SCIM's default for a missing active is true (RFC 7643 leaves it to the server; Mode treats absent as active).
                Active = user.Active ?? true,
                ExternalId = user.ExternalId,
                Groups = (user.Groups ?? new List<ScimMultiValue>()).Where(g => g.Value != null)
                    .Select(g => new ModeGroupMembership { Id = g.Value!, DisplayName = g.Display }).ToModeList(),
                Created = user.Meta?.Created?.UtcDateTime,
                LastModified = user.Meta?.LastModified?.UtcDateTime,
                Location = user.Meta?.Location,
                AdditionalAttributes = ToDictionary(user.AdditionalAttributes),
            };
        }

        internal static ModeAttributes ToDictionary(IDictionary<string, JsonElement>? attributes)
        {
            var result = new ModeAttributes();
            if (attributes == null)
            {
                return result;
            }
            foreach (var pair in attributes)
            {
                result[pair.Key] = ToPowerShellValue(pair.Value);
            }
            return result;
        }

        internal static object? ToPowerShellValue(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    var obj = new OrderedDictionary(System.StringComparer.OrdinalIgnoreCase);
                    foreach (var property in element.EnumerateObject())
                    {
                        obj[property.Name] = ToPowerShellValue(property.Value);
                    }
                    return obj;
                case JsonValueKind.Array:
                    return element.EnumerateArray().Select(ToPowerShellValue).ToModeList();
                case JsonValueKind.String:
                    return element.GetString();
                case JsonValueKind.Number:
                    return element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
