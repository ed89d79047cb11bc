using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;

namespace ModeScim.Client.Memberships
{
    /// <summary>Each user's groups (id and displayName), from the groups' members.</summary>
    public sealed class ScimMembershipIndex
    {
        private readonly Dictionary<string, List<ScimMultiValue>> _groupsByUser = new Dictionary<string,
            List<ScimMultiValue>>(StringComparer.Ordinal);

        internal void Add(ScimGroupMembers group)
        {
            Add(group.Id, group.DisplayName, group.MemberIds ?? new List<string?>());
        }

        internal void Add(string? groupId, string? displayName, IEnumerable<string?> memberIds)
        {
            // One entry per group, shared by its members' lists: the index is read, never changed.
            var entry = new ScimMultiValue { Value = groupId, Display = displayName };
            foreach (var member in memberIds.Where(m => m != null))
            {
                if (!_groupsByUser.TryGetValue(member!, out var groups))
                {
                    groups = new List<ScimMultiValue>(1);
                    _groupsByUser[member!] = groups;
                }
                groups.Add(entry);
            }
        }

        public IReadOnlyList<ScimMultiValue> GroupsOf(string userId)
        {
            return _groupsByUser.TryGetValue(userId, out var groups) ? groups : new List<ScimMultiValue>();
        }
    }
}
