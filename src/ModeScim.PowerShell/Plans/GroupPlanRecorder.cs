using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>Adds one group's planned member changes to a saved Sync-ModeGroup plan, with the group as it was read.</summary>
    internal static class GroupPlanRecorder
    {
        public static void Add(PlanDocument document, PendingSyncGroup pending, GroupSyncTarget target, GroupSyncPlan plan,
            IEnumerable<GuardFinding> guards)
        {
            PlanGroupState State() => new PlanGroupState
            {
                Id = target.Group?.Id,
                DisplayName = target.Group?.DisplayName ?? pending.Identity.Text,
                MembersShown = !target.MembersHidden,
            };
            document.Guards.AddRange(guards.Select(g => g.Record));
            document.Unchanged += plan.Unchanged;
            document.Changes.AddRange(plan.Adds.Select(a => new PlanChange
            {
                Action = PlanChange.GroupAdd,
                UserId = a.Id,
                UserName = a.Label,
                Group = State(),
            }));
            document.Changes.AddRange(plan.Removes.Select(r => new PlanChange
            {
                Action = PlanChange.GroupRemove,
                UserId = r.Id,
                UserName = r.Label,
                Group = State(),
            }));
            document.Refused.AddRange(plan.NotFound.Select(name => new PlanRefusal
            {
                Item = name,
                Change = "GroupAdd",
                Reason = "no Mode user has this name (group '" + pending.Label + "')",
            }));
        }
    }
}
