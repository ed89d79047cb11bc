using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Makes each group's members exactly the desired set with the fewest requests: one read of the
    /// group, batched lookups of the names not already among its members, and ceil(changes / batch size)
    /// PATCH requests. Rows for many groups may be piped (such as Import-Csv rows of Group,UserName); they are
    /// collected per group first. Every addition and removal is journalled before it is made. Returns one result
    /// per group.</summary>
    [Cmdlet(VerbsData.Sync, "ModeGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeGroupSyncResult))]
    public sealed class SyncModeGroupCommand : ModeUserJournalledCmdlet
    {
        private readonly PendingGroups<SyncGroup> _groups = new PendingGroups<SyncGroup>((key, identity) => new SyncGroup(key, identity));
        private GuardLimit? _unresolvedLimit;

        /// <summary>A group object, displayName or id: one per record, since -Member is its desired set; from a row, its
        /// Group, GroupName or "Group Name" column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "Group Name", "Identity")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Group { get; set; } = Array.Empty<ModeGroupIdentity>();

        /// <summary>The desired members: user objects, userNames or ids. An empty list empties the group.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias(
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name", "Email", "Mail", "EmailAddress",
            "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email", "Id", "Members")]
        [AllowNull]
        [AllowEmptyCollection]
        public ModeUserIdentity?[] Member { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>Create a group that does not exist yet.</summary>
        [Parameter]
        public SwitchParameter CreateIfMissing { get; set; }

        /// <summary>Only add: members not in the desired set stay.</summary>
        [Parameter]
        public SwitchParameter AddOnly { get; set; }

        /// <summary>Refuse to change a group whose plan removes more members than this.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxRemove { get; set; } = int.MaxValue;

        /// <summary>Refuse to change a group when more of its desired names than this resolve to nobody: a count, or
        /// a share of the desired members such as 50% (the default). A list of names that mostly match nobody (a
        /// wrong column, a broken export) would otherwise empty the group.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string MaxUnresolved { get; set; } = "50%";

        /// <summary>Member changes per PATCH request; never more than the server advertises.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (!GuardLimit.TryParse(MaxUnresolved, nameof(MaxUnresolved), out var limit, out var problem))
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(problem, MaxUnresolved));
            }
            _unresolvedLimit = limit;
        }

        protected override void ProcessRecord()
        {
            if (!TryGetOne(Group, "group", "To sync several, pipe rows with a Group column.", out var identity))
            {
                return;
            }
            var problem = InputValidation.ProblemWith(identity);
            if (problem != null)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(problem, identity?.Text));
                return;
            }
            var pending = _groups.For(identity!);
            // -Member $null is a mistake, not an empty set: treating it as one would empty the group.
            foreach (var member in Member ?? new ModeUserIdentity?[] { null })
            {
                var memberProblem = InputValidation.ProblemWith(member);
                if (memberProblem != null)
                {
                    WriteItemError(ErrorRecordFactory.InvalidInput("Group '" + identity + "': " + memberProblem, member?.Text));
                    pending.Invalid.Add(member?.Text ?? string.Empty);
                    continue;
                }
                pending.Members.Add(DesiredMember.From(member!));
            }
        }

        protected override void EndProcessing()
        {
            var progress = new ThrottledProgress(WriteProgress, ProgressIds.Groups, "Sync-ModeGroup");
            for (var i = 0; i < _groups.Count; i++)
            {
                if (_groups.Count > 1)
                {
                    progress.Report(i, _groups.Count, _groups[i].Label + " (" + (i + 1) + " of " + _groups.Count + ")");
                }
                WriteObject(Sync(_groups[i]));
            }
            progress.Complete();
        }

        private ModeGroupSyncResult Sync(SyncGroup pending)
        {
            var before = RequestsMade;
            var result = new ModeGroupSyncResult { Group = pending.Label };
            result.Failed = pending.Invalid.Select(
                name => new ModeGroupSyncFailure { Member = name, Change = "Add", Reason = ModeScimErrorIds.InvalidInput }).ToModeList();
            if (pending.Invalid.Count > 0)
            {
                // With some desired members unreadable, the desired set is incomplete: syncing would remove
                // people who belong. Leave the group alone and account for every row.
                result.Failed = result.Failed.Concat(
                    pending.Members.Select(m => Failure(m.Label, "Sync", "not attempted: the group has invalid desired members")))
                    .ToModeList();
                return Finish(result, before);
            }
            try
            {
                var group = Await(token => new GroupResolver(Client, withMembers: true).ResolveAsync(pending.Identity, token));
                if (group == null && !CreateIfMissing)
                {
                    WriteItemError(ErrorRecordFactory.GroupNotFound(pending.Identity));
                    result.Failed = result.Failed.Concat(
                        pending.Members.Select(m => Failure(m.Label, "Add", ModeScimErrorIds.GroupNotFound))).ToModeList();
                    return Finish(result, before);
                }
                result.GroupId = group?.Id;
                result.Created = group == null;
                var read = group == null ? null : Await(token => Memberships.MembersOfAsync(group, token));
                var current = group == null ? new List<ScimMultiValue>() : read!.IsKnown ? read.Members.ToList() : null;
                if (current == null)
                {
                    if (!AddOnly)
                    {
                        // Without the current members, a sync cannot know whom to remove: refuse rather than guess.
                        var what = "the members of group '" + pending.Label + "'";
                        WriteItemError(ErrorRecordFactory.MembershipUnreadable(pending.Label, what, "-AddOnly", read!.Problem,
                            ActiveConnection.Api != null));
                        result.Failed = result.Failed.Concat(
                            pending.Members.Select(m => Failure(m.Label, "Sync", ModeScimErrorIds.MembershipUnreadable))).ToModeList();
                        return Finish(result, before);
                    }
                    WriteVerbose("Group '" + pending.Label
                        + "': the server does not return its members, so every desired member is added; the server keeps existing ones.");
                    current = new List<ScimMultiValue>();
                    pending.MembersHidden = true;
                }
                var plan = Plan(current, pending);
                result.NotFound = plan.NotFound.ToModeList();
                result.Unchanged = plan.Unchanged;
                var refusal = GroupSyncPlanner.Check(plan, _unresolvedLimit!, MaxRemove);
                if (refusal != GroupSyncRefusal.None)
                {
                    var record = refusal == GroupSyncRefusal.TooManyUnresolved
                        ? ErrorRecordFactory.DesiredSetUnresolved(pending.Label, plan.NotFound.Count, plan.Desired, MaxUnresolved,
                            _unresolvedLimit!.Maximum(plan.Desired))
                        : ErrorRecordFactory.RemoveThresholdExceeded(pending.Label, plan.Removes.Count, MaxRemove);
                    WriteItemError(record);
                    var reason = record.ErrorId;
                    var refused = plan.Adds.Select(a => Failure(a.Label, "Add", reason))
                        .Concat(plan.Removes.Select(r => Failure(r.Label, "Remove", reason)));
                    result.Failed = result.Failed.Concat(refused).ToModeList();
                    return Finish(result, before);
                }
                var description = (result.Created ? "Create with " : "Add ") + plan.Adds.Count + " member(s)"
                    + (AddOnly ? string.Empty : ", remove " + plan.Removes.Count);
                if (!ShouldProcess(group == null ? pending.Label : Describe(group), description))
                {
                    result.WhatIf = true;
                    result.Added = plan.Adds.Select(a => a.Label).ToModeList();
                    result.Removed = plan.Removes.Select(r => r.Label).ToModeList();
                    return Finish(result, before);
                }
                Apply(group, pending, plan, result);
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, pending.Label, ScimResourceKind.Group);
                result.Failed = result.Failed.Concat(new[] { Failure(pending.Label, "Sync", ex.Message) }).ToModeList();
            }
            return Finish(result, before);
        }

        /// <summary>Resolves the desired names (the only requests planning makes), then plans without the network.</summary>
        private GroupSyncPlan Plan(List<ScimMultiValue> current, SyncGroup pending)
        {
            var desired = DesiredMember.Distinct(pending.Members);
            var resolution = Await(token => new MemberResolver(Client, ActiveConnection.FilterMaxResults)
                .ResolveAsync(desired, token));
            var plan = new GroupSyncPlanner(AddOnly).Plan(current, desired, resolution);
            if (plan.NotFound.Count > 0)
            {
                WriteWarning("Group '" + pending.Label + "': no Mode user has "
                    + (plan.NotFound.Count == 1 ? "the name " : "these names: ") + string.Join(", ", plan.NotFound) + ".");
            }
            return plan;
        }

        private void Apply(ScimGroup? group, SyncGroup pending, GroupSyncPlan plan, ModeGroupSyncResult result)
        {
            var batch = Math.Min(BatchSize, ActiveConnection.MaxOperationsPerRequest ?? int.MaxValue);
            if (group == null)
            {
                // Created empty, members then added by PATCH: what Okta and Entra do, so what Mode's server expects.
                var empty = new ScimGroup { DisplayName = pending.Identity.Text, Members = new List<ScimMultiValue>() };
                group = Await(token => Client.Groups.CreateAsync(empty, token));
                result.GroupId = group.Id;
            }
            // Journalled before they are made, like disables, so a sync can be listed and undone.
            if (!TryJournalAll(JournalEntries(group, pending, plan), pending.Label))
            {
                result.Failed = result.Failed
                    .Concat(plan.Adds.Select(a => Failure(a.Label, "Add", ModeScimErrorIds.JournalWriteFailed)))
                    .Concat(plan.Removes.Select(r => Failure(r.Label, "Remove", ModeScimErrorIds.JournalWriteFailed)))
                    .ToModeList();
                return;
            }
            var failures = Await(token => new ScimMemberPatchSender(Client, batch)
                .SendAsync(group.Id!, plan.Adds.Select(a => a.Id).ToList(), plan.Removes.Select(r => r.Id).ToList(), token));
            var failed = new HashSet<string>(failures.Select(f => f.Id));
            foreach (var failure in failures)
            {
                var label = failure.Add ? plan.Adds.First(a => a.Id == failure.Id).Label
                    : plan.Removes.First(r => r.Id == failure.Id).Label;
                WriteScimError(failure.Error, label, ScimResourceKind.Group);
                result.Failed = result.Failed.Concat(
                    new[] { Failure(label, failure.Add ? "Add" : "Remove", failure.Error.Message) }).ToModeList();
            }
            result.Added = plan.Adds.Where(a => !failed.Contains(a.Id)).Select(a => a.Label).ToModeList();
            result.Removed = plan.Removes.Where(r => !failed.Contains(r.Id)).Select(r => r.Label).ToModeList();
        }

        private List<JournalEntry> JournalEntries(ScimGroup group, SyncGroup pending, GroupSyncPlan plan)
        {
            var groups = new[] { new ModeGroupMembership(group.Id!, group.DisplayName) };
            // Where the server hides members, an add may find the user already there: the record must not claim
            // that undoing it restores the group as it was.
            var reason = pending.MembersHidden
                ? "Sync-ModeGroup -AddOnly; the server hides members, so the user may already have been one" : "Sync-ModeGroup";
            return plan.Adds.Select(
                a => JournalMapper.NewEntry(JournalActions.GroupAdd, new ScimUser { Id = a.Id, UserName = a.Label }, groups,
                reason, ActiveConnection.BaseUri))
                .Concat(plan.Removes.Select(
                    r => JournalMapper.NewEntry(JournalActions.GroupRemove, new ScimUser { Id = r.Id, UserName = r.Label }, groups,
                    reason, ActiveConnection.BaseUri)))
                .ToList();
        }

        private ModeGroupSyncResult Finish(ModeGroupSyncResult result, int requestsBefore)
        {
            result.Requests = RequestsMade - requestsBefore;
            return result;
        }

        private static ModeGroupSyncFailure Failure(string member, string change, string reason)
        {
            return new ModeGroupSyncFailure { Member = member, Change = change, Reason = reason };
        }

        /// <summary>A group to sync, with what only a sync keeps of it.</summary>
        private sealed class SyncGroup : PendingGroup
        {
            public SyncGroup(string key, ModeGroupIdentity identity)
                : base(key, identity)
            {
            }

            public List<string> Invalid { get; } = new List<string>();

            /// <summary>The server returned the group without members (-AddOnly went ahead regardless).</summary>
            public bool MembersHidden { get; set; }
        }
    }
}
