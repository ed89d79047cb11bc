using System;
using System.Collections.Generic;
using System.Linq;
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
        // Group sets by a hash of their ids and names; a set is shared only with one that is equal member by member.
        private readonly Dictionary<int, List<ModeList<ModeGroupMembership>>> _groupSets =
            new Dictionary<int, List<ModeList<ModeGroupMembership>>>();
        private int _groupSetCount;
        private string? _lastCollectionAddress;

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
            var hash = HashOf(groups);
            if (_groupSets.TryGetValue(hash, out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    if (SameGroups(candidate, groups))
                    {
                        return candidate;
                    }
                }
            }
            else
            {
                candidates = new List<ModeList<ModeGroupMembership>>(1);
                _groupSets.Add(hash, candidates);
            }
            var memberships = groups.Where(g => g.Value != null)
                .Select(g => new ModeGroupMembership(Text(g.Value)!, Text(g.Display))).ToModeList();
            if (_groupSetCount < MaxShared)
            {
                candidates.Add(memberships);
                _groupSetCount++;
            }
            return memberships;
        }

        /// <summary>The address of the collection a location is under (the location less the id at its end), as one
        /// copy for the whole listing; null when the location does not end with the id.</summary>
        public string? CollectionAddress(string? location, string id)
        {
            if (location == null || id.Length == 0 || location.Length <= id.Length
                || string.CompareOrdinal(location, location.Length - id.Length, id, 0, id.Length) != 0)
            {
                return null;
            }
            var length = location.Length - id.Length;
            var last = _lastCollectionAddress;
            if (last != null && last.Length == length && string.CompareOrdinal(location, 0, last, 0, length) == 0)
            {
                return last;
            }
            return _lastCollectionAddress = Text(location.Substring(0, length));
        }

        private static int HashOf(IReadOnlyList<ScimMultiValue> groups)
        {
            unchecked
            {
                var hash = 17;
                // Indexed, not foreach: over the interface, foreach would box an enumerator for every user listed.
                for (var k = 0; k < groups.Count; k++)
                {
                    var group = groups[k];
                    if (group.Value != null)
                    {
                        hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(group.Value);
                        hash = (hash * 31) + (group.Display == null ? 0 : StringComparer.Ordinal.GetHashCode(group.Display));
                    }
                }
                return hash;
            }
        }

        private static bool SameGroups(ModeList<ModeGroupMembership> memberships, IReadOnlyList<ScimMultiValue> groups)
        {
            var i = 0;
            for (var k = 0; k < groups.Count; k++)
            {
                var group = groups[k];
                if (group.Value == null)
                {
                    continue;
                }
                if (i >= memberships.Count || memberships[i].Id != group.Value || memberships[i].DisplayName != group.Display)
                {
                    return false;
                }
                i++;
            }
            return i == memberships.Count;
        }
    }
}
