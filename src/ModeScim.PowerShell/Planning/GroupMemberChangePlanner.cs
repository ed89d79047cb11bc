using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Groups;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>The members Add- or Remove-ModeGroupMember sends for one group, and those it leaves out because the group
    /// already is as asked. A value: built once, then only read by the question and the apply step.</summary>
    internal sealed class GroupMemberChangePlan
    {
        public GroupMemberChangePlan(IReadOnlyList<(DesiredMember Member, string Id)> changes, IReadOnlyList<DesiredMember> skipped)
        {
            Changes = changes.ToList().AsReadOnly();
            Skipped = skipped.ToList().AsReadOnly();
        }

        /// <summary>One per user, as first named.</summary>
        public IReadOnlyList<(DesiredMember Member, string Id)> Changes { get; }

        /// <summary>Members already in the group (adding) or not in it (removing).</summary>
        public IReadOnlyList<DesiredMember> Skipped { get; }
    }

    /// <summary>Plans one group's member additions or removals from its members as read and the ids the names resolved
    /// to. Pure: no requests.</summary>
    internal sealed class GroupMemberChangePlanner
    {
        private readonly bool _adding;

        public GroupMemberChangePlanner(bool adding)
        {
            _adding = adding;
        }

        /// <param name="shown">The group's members; null when the server hides them.</param>
        /// <param name="named">The members named for the group, repeats included: they are dropped here.</param>
        public GroupMemberChangePlan Plan(IReadOnlyList<ScimMultiValue>? shown, IEnumerable<DesiredMember> named,
            MemberResolution resolution)
        {
            var currentIds = new HashSet<string>((shown ?? new List<ScimMultiValue>()).Select(m => m.Value ?? string.Empty));
            var resolved = DesiredMember.Distinct(named).Where(resolution.Ids.ContainsKey)
                .Select(m => (Member: m, Id: resolution.Ids[m])).ToList();
            // A server that hides members cannot say who is in already: every change is sent, and the server keeps a
            // member it has (add) or ignores one it lacks (remove).
            var changes = resolved
                .Where(pair => shown == null || (_adding ? !currentIds.Contains(pair.Id) : currentIds.Contains(pair.Id)))
                .GroupBy(pair => pair.Id)
                .Select(g => g.First())
                .ToList();
            var changed = new HashSet<string>(changes.Select(c => c.Id));
            var skipped = resolved.Where(pair => !changed.Contains(pair.Id)).Select(pair => pair.Member).ToList();
            return new GroupMemberChangePlan(changes, skipped);
        }
    }
}
