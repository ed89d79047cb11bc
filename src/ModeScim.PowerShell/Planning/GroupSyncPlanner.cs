using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Groups;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>Decides which members one group gains and loses, from its current members, the desired members
    /// and the ids they resolved to; then whether the guards let the plan go ahead. Pure: no requests.</summary>
    internal sealed class GroupSyncPlanner
    {
        private readonly bool _addOnly;

        /// <param name="addOnly">Members outside the desired set stay.</param>
        public GroupSyncPlanner(bool addOnly)
        {
            _addOnly = addOnly;
        }

        /// <param name="desired">The desired members with repeats dropped (<see cref="DesiredMember.Distinct"/>).</param>
        public GroupSyncPlan Plan(IReadOnlyList<ScimMultiValue> current, IReadOnlyList<DesiredMember> desired, MemberResolution resolution)
        {
            var adds = new List<(string Id, string Label)>();
            var unchanged = 0;
            var currentIds = new HashSet<string>(current.Select(m => m.Value).OfType<string>());
            var desiredIds = new HashSet<string>();
            foreach (var member in desired.Where(resolution.Ids.ContainsKey))
            {
                var id = resolution.Ids[member];
                // Two names for one user (a userName and the same user's id) are one desired member.
                if (!desiredIds.Add(id))
                {
                    continue;
                }
                if (currentIds.Contains(id))
                {
                    unchanged++;
                }
                else
                {
                    adds.Add((id, member.Label));
                }
            }
            var removes = _addOnly
                ? new List<(string Id, string Label)>()
                : current.Where(m => m.Value != null && !desiredIds.Contains(m.Value)).Select(m => (m.Value!, m.Display ?? m.Value!))
                    .ToList();
            return new GroupSyncPlan(adds, removes, unchanged, desired.Count, resolution.NotFound.Select(m => m.Label).ToList());
        }

        /// <summary>Why the plan must not go ahead, or None. Too many unresolved names come first: they mean the
        /// desired list itself is wrong (a column, blanks, a delimiter), and then the removals are wrong too.</summary>
        public static GroupSyncRefusal Check(GroupSyncPlan plan, GuardLimit unresolvedLimit, int maxRemove)
        {
            if (plan.NotFound.Count > unresolvedLimit.Maximum(plan.Desired))
            {
                return GroupSyncRefusal.TooManyUnresolved;
            }
            return plan.Removes.Count > maxRemove ? GroupSyncRefusal.TooManyRemoves : GroupSyncRefusal.None;
        }
    }

    internal enum GroupSyncRefusal
    {
        None,
        TooManyUnresolved,
        TooManyRemoves,
    }
}
