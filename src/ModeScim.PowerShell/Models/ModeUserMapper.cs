using System.Collections.Generic;
using System.Collections.Specialized;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Text.Json;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Models
{
    /// <summary>Maps client models to the PowerShell-facing types, which carry no System.Text.Json type.</summary>
    internal static class ModeUserMapper
    {
        /// <param name="shared">Given by a listing: one copy across its users of what they repeat (group memberships,
        /// given and family names, the address of the collection in each location). A user mapped alone gets one of its
        /// own, so there is one way of mapping.</param>
        /// <param name="capabilities">What the server is known to show: decides whether the user's "groups" can be shown
        /// as its groups. Without it (or where it cannot tell) the groups are unknown unless <paramref name="memberships"/>
        /// gives them.</param>
        /// <param name="memberships">The user's groups as the membership reader found them, where it was asked.</param>
        public static ModeUser ToModeUser(ScimUser user, ListingSharing? shared = null, ScimServerCapabilities? capabilities = null,
            ScimUserMemberships? memberships = null)
        {
            shared ??= new ListingSharing();
            var id = user.Id ?? string.Empty;
            var userName = user.UserName ?? string.Empty;
            var mapped = new ModeUser
            {
                Id = id,
                UserName = userName,
                DisplayName = user.DisplayName,
                GivenName = shared.Text(user.Name?.GivenName),
                FamilyName = shared.Text(user.Name?.FamilyName),
                // Mode's userName is the email address: where they are the same text, one copy serves both.
                Email = SameTextAs(userName, user.PrimaryEmail),
                Emails = EmailsOf(user.Emails, userName),
                // SCIM's default for a missing active is true (RFC 7643 leaves it to the server; Mode treats absent as active).
                Active = user.Active ?? true,
                ExternalId = user.ExternalId,
                Groups = null,
                GroupsKnown = false,
                Created = user.Meta?.Created?.UtcDateTime,
                LastModified = user.Meta?.LastModified?.UtcDateTime,
            };
            var groups = memberships != null ? (memberships.IsKnown ? memberships.Groups : null)
                : capabilities == null ? null : ScimUserGroups.Shown(user, capabilities);
            if (groups != null)
            {
                mapped.Groups = shared.Groups(groups);
                mapped.GroupsKnown = true;
            }
            var collectionAddress = shared.CollectionAddress(user.Meta?.Location, id);
            if (collectionAddress != null)
            {
                mapped.SetLocationUnder(collectionAddress, id);
            }
            else
            {
                mapped.Location = user.Meta?.Location;
            }
            if (user.AdditionalAttributes != null && user.AdditionalAttributes.Count > 0)
            {
                mapped.AdditionalAttributes = ToDictionary(user.AdditionalAttributes);
            }
            return mapped;
        }

        // Built without LINQ: this runs once per listed user, and an iterator and two delegates each were a tenth of
        // what a listing allocates.
        private static ModeList<string> EmailsOf(List<ScimMultiValue>? emails, string userName)
        {
            if (emails == null)
            {
                return ModeList<string>.Empty;
            }
            var count = 0;
            foreach (var email in emails)
            {
                count += email.Value == null ? 0 : 1;
            }
            if (count == 0)
            {
                return ModeList<string>.Empty;
            }
            var values = new string[count];
            var next = 0;
            foreach (var email in emails)
            {
                if (email.Value != null)
                {
                    values[next++] = SameTextAs(userName, email.Value);
                }
            }
            return ModeList<string>.Owning(values);
        }

        [return: NotNullIfNotNull(nameof(text))]
        private static string? SameTextAs(string kept, string? text) =>
            string.Equals(kept, text, System.StringComparison.Ordinal) ? kept : text;

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
