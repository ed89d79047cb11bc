using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Models
{
    /// <summary>One copy of what a listing's users repeat. A caller may keep every user of a listing
    /// (`$all = Get-ModeUser`), and each object a kept user holds is copied again by every collection that keeps it:
    /// parsed page by page, each user brought its own copy of every group's id and name, its own membership objects
    /// and its own list of them, though most users of a workspace share a handful of group sets. Memberships and their
    /// lists are read-only, so sharing them changes nothing a script can see. Bounded, so a listing of unusual text
    /// cannot grow it without end.</summary>
    internal sealed class ListingSharing
    {
        private const int MaxShared = 10_000;
        private readonly Dictionary<string, string> _text = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly Dictionary<string, ModeList<ModeGroupMembership>> _groupSets =
            new Dictionary<string, ModeList<ModeGroupMembership>>(StringComparer.Ordinal);

        public string? Text(string? text)
        {
            if (text == null)
            {
                return null;
            }
            if (_text.TryGetValue(text, out var shared))
            {
                return shared;
            }
            if (_text.Count < MaxShared)
            {
                _text.Add(text, text);
            }
            return text;
        }

        /// <summary>The memberships a user's groups name (those with an id), as the list another user with the same
        /// groups in the same order already holds, where there is one.</summary>
        public ModeList<ModeGroupMembership> Groups(IReadOnlyList<ScimMultiValue>? groups)
        {
            if (groups == null || groups.Count == 0)
            {
                return ModeList<ModeGroupMembership>.Empty;
            }
            var key = KeyOf(groups);
            if (_groupSets.TryGetValue(key, out var shared))
            {
                return shared;
            }
            var memberships = groups.Where(g => g.Value != null)
                .Select(g => new ModeGroupMembership(Text(g.Value)!, Text(g.Display))).ToModeList();
            if (_groupSets.Count < MaxShared)
            {
                _groupSets.Add(key, memberships);
            }
            return memberships;
        }

        // Ids and names with their lengths, so no choice of characters in them can make two different sets one key.
        private static string KeyOf(IReadOnlyList<ScimMultiValue> groups)
        {
            var key = new StringBuilder();
            foreach (var group in groups)
            {
                Append(key, group.Value);
                Append(key, group.Display);
            }
            return key.ToString();
        }

        private static void Append(StringBuilder key, string? part)
        {
            key.Append(part == null ? -1 : part.Length).Append(':').Append(part);
        }
    }
}
