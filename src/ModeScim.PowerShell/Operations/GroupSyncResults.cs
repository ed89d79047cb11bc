using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Sync-ModeGroup's result for a group at each point a sync can end: every desired member and every planned
    /// change is accounted for, as done, refused or failed, never left out.</summary>
    internal static class GroupSyncResults
    {
        public const string AddChange = "Add";
        public const string RemoveChange = "Remove";
        public const string SyncChange = "Sync";

        /// <summary>Some desired members could not be read, so the desired set is incomplete: syncing would remove people who
        /// belong. The group is left alone and every row is accounted for.</summary>
        public static ModeGroupSyncResult InvalidMembers(PendingSyncGroup pending) => new ModeGroupSyncResult
        {
            Group = pending.Label,
            Failed = pending.Invalid.Select(name => Failure(name, AddChange, ModeScimErrorIds.InvalidInput))
                .Concat(pending.Members.Select(m => Failure(m.Label, SyncChange, "not attempted: the group has invalid desired members")))
                .ToModeList(),
        };

        /// <summary>The group could not be read or may not be synced: every desired member is reported with the reason.</summary>
        public static ModeGroupSyncResult NotAttempted(PendingSyncGroup pending, string change, string reason) => new ModeGroupSyncResult
        {
            Group = pending.Label,
            Failed = pending.Members.Select(m => Failure(m.Label, change, reason)).ToModeList(),
        };

        /// <summary>A guard refused the plan: each planned change is listed as failed with the guard's id.</summary>
        public static ModeGroupSyncResult Refused(string label, GroupSyncTarget target, GroupSyncPlan plan, string reason)
        {
            var result = Planned(label, target, plan);
            result.Failed = AllFailed(plan, reason);
            return result;
        }

        /// <summary>The plan as -WhatIf shows it (or a -Confirm prompt declined it): nothing was changed.</summary>
        public static ModeGroupSyncResult WhatIf(string label, GroupSyncTarget target, GroupSyncPlan plan)
        {
            var result = Planned(label, target, plan);
            result.WhatIf = true;
            result.Added = plan.Adds.Select(a => a.Label).ToModeList();
            result.Removed = plan.Removes.Select(r => r.Label).ToModeList();
            return result;
        }

        /// <summary>What a plan's group was, before anything is applied: its id, whether it is new, what stays.</summary>
        public static ModeGroupSyncResult Planned(string label, GroupSyncTarget target, GroupSyncPlan plan) => new ModeGroupSyncResult
        {
            Group = label,
            GroupId = target.Group?.Id,
            Created = target.Group == null,
            NotFound = plan.NotFound.ToModeList(),
            Unchanged = plan.Unchanged,
        };

        /// <summary>A request failed on the way: the result keeps what was known by then.</summary>
        public static ModeGroupSyncResult Broken(string label, GroupSyncTarget? target, GroupSyncPlan? plan, string reason)
        {
            var result = target != null && plan != null ? Planned(label, target, plan) : new ModeGroupSyncResult
            {
                Group = label,
                GroupId = target?.Group?.Id,
                Created = target != null && target.Group == null,
            };
            result.Failed = new[] { Failure(label, SyncChange, reason) }.ToModeList();
            return result;
        }

        public static ModeList<ModeGroupSyncFailure> AllFailed(GroupSyncPlan plan, string reason) =>
            plan.Adds.Select(a => Failure(a.Label, AddChange, reason))
                .Concat(plan.Removes.Select(r => Failure(r.Label, RemoveChange, reason))).ToModeList();

        public static ModeGroupSyncFailure Failure(string member, string change, string reason) =>
            new ModeGroupSyncFailure { Member = member, Change = change, Reason = reason };
    }
}
