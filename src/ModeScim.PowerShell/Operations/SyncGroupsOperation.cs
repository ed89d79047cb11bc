using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Sync-ModeGroup was asked, besides the groups and their members.</summary>
    internal sealed class SyncGroupsOptions
    {
        public bool CreateIfMissing { get; set; }

        public bool AddOnly { get; set; }

        public int MaxRemove { get; set; } = int.MaxValue;

        /// <summary>-MaxUnresolved as given: a count or a percentage, read in <see cref="SyncGroupsOperation.Begin"/>.</summary>
        public string MaxUnresolved { get; set; } = "50%";

        public int BatchSize { get; set; } = 100;

        /// <summary>The connection's limits: the most results a filter returns, the most operations a request may hold.</summary>
        public int? FilterMaxResults { get; set; }

        public int? MaxOperationsPerRequest { get; set; }

        /// <summary>-PlanPath, resolved: where to save the plan instead of applying it; null to apply.</summary>
        public string? PlanPath { get; set; }
    }

    /// <summary>Sync-ModeGroup: desired members are collected per group as they are piped; then each group in turn is read,
    /// planned (<see cref="GroupSyncPlanner"/>), checked against the guards, asked about, and only then changed, with every
    /// change journalled before it is sent. A group refused at any step is left alone and its result says why.</summary>
    internal sealed class SyncGroupsOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly SyncGroupsOptions _options;
        private readonly GroupSyncReader _reader;
        private readonly GroupSyncApplier _applier;
        private readonly PendingGroups<PendingSyncGroup> _groups =
            new PendingGroups<PendingSyncGroup>((key, identity) => new PendingSyncGroup(key, identity));
        private GuardLimit? _unresolvedLimit;
        private PlanDocument? _document;

        public SyncGroupsOperation(IOperationHost host, ModeSession session, JournalSession journal, SyncGroupsOptions options)
        {
            _host = host;
            _session = session;
            _options = options;
            _reader = new GroupSyncReader(host, session, options);
            var batch = Math.Min(options.BatchSize, options.MaxOperationsPerRequest ?? int.MaxValue);
            _applier = new GroupSyncApplier(host, session, journal, batch);
        }

        /// <summary>The guard's parameters are read before any group is: an unusable -MaxUnresolved ends the command.</summary>
        public void Begin()
        {
            if (!GuardLimit.TryParse(_options.MaxUnresolved, "MaxUnresolved", out var limit, out var problem))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(problem, _options.MaxUnresolved));
            }
            _unresolvedLimit = limit;
            if (_options.PlanPath != null)
            {
                _document = PlanRecorder.Start(PlanDocument.GroupSync, _session.BaseUri,
                    new PlanOptions { BatchSize = _options.BatchSize });
            }
        }

        /// <summary>Collects one group's desired members (more may follow for the same group). Nothing is read yet.</summary>
        /// <param name="members">Null is a mistake, not an empty set: taken as one, it would empty the group.</param>
        public void Add(ModeGroupIdentity? identity, IReadOnlyList<ModeUserIdentity?>? members)
        {
            if (InputValidation.HasProblem(identity, out var problem))
            {
                _host.WriteItemError(ErrorRecordFactory.InvalidInput(problem, identity?.Text));
                return;
            }
            var pending = _groups.For(identity);
            foreach (var member in members ?? new ModeUserIdentity?[] { null })
            {
                if (InputValidation.HasProblem(member, out var memberProblem))
                {
                    _host.WriteItemError(ErrorRecordFactory.InvalidInput("Group '" + identity + "': " + memberProblem, member?.Text));
                    pending.Invalid.Add(member?.Text ?? string.Empty);
                    continue;
                }
                pending.Members.Add(DesiredMember.From(member));
            }
        }

        /// <summary>Syncs every group collected, one after another, writing a result for each.</summary>
        public void End()
        {
            var progress = new ThrottledProgress(_host.WriteProgress, ProgressIds.Groups, "Sync-ModeGroup");
            for (var i = 0; i < _groups.Count; i++)
            {
                if (_groups.Count > 1)
                {
                    progress.Report(i, _groups.Count, _groups[i].Label + " (" + (i + 1) + " of " + _groups.Count + ")");
                }
                var before = _host.RequestsMade;
                var result = Sync(_groups[i]);
                result.Requests = _host.RequestsMade - before;
                if (_document == null)
                {
                    // A saved plan's one result is the plan: the groups' are in it.
                    _host.WriteObject(result);
                }
            }
            progress.Complete();
            if (_document != null)
            {
                _host.WriteObject(SavedPlans.Save(_host, _options.PlanPath!, _document, _host.RequestsMade));
            }
        }

        private ModeGroupSyncResult Sync(PendingSyncGroup pending)
        {
            if (pending.Invalid.Count > 0)
            {
                _document?.Refused.AddRange(pending.Invalid.Select(name => new PlanRefusal
                {
                    Item = name,
                    Change = GroupSyncResults.AddChange,
                    Reason = "refused as input (group '" + pending.Label + "'), so the group is left alone",
                }));
                return GroupSyncResults.InvalidMembers(pending);
            }
            GroupSyncTarget? target = null;
            GroupSyncPlan? plan = null;
            try
            {
                target = _reader.Read(pending);
                if (target.Refusal != null)
                {
                    _document?.Refused.Add(new PlanRefusal
                    {
                        Item = pending.Label,
                        Change = target.RefusedChange,
                        Reason = target.Refusal.Message,
                    });
                    _host.WriteItemError(target.Refusal);
                    return GroupSyncResults.NotAttempted(pending, target.RefusedChange, target.Refusal.ErrorId);
                }
                plan = Plan(target, pending);
                var refusal = Guard(pending.Label, plan);
                if (_document != null)
                {
                    GroupPlanRecorder.Add(_document, pending, target, plan, Findings(pending.Label, plan, refusal));
                    return GroupSyncResults.WhatIf(pending.Label, target, plan);
                }
                if (refusal != null && _host.IsWhatIf)
                {
                    // -WhatIf shows the whole plan (every member to add and remove), then what a real run would meet.
                    _host.ShouldProcess(target.Group == null ? pending.Label : TargetResolver.Describe(target.Group),
                        "Add " + plan.Adds.Count + " member(s), remove " + plan.Removes.Count);
                    _host.WriteItemError(SavedPlans.WouldBeRefused(refusal));
                    return GroupSyncResults.WhatIf(pending.Label, target, plan);
                }
                if (refusal != null)
                {
                    _host.WriteItemError(refusal);
                    return GroupSyncResults.Refused(pending.Label, target, plan, refusal.ErrorId);
                }
                var description = (target.Group == null ? "Create with " : "Add ") + plan.Adds.Count + " member(s)"
                    + (_options.AddOnly ? string.Empty : ", remove " + plan.Removes.Count);
                if (!_host.ShouldProcess(target.Group == null ? pending.Label : TargetResolver.Describe(target.Group), description))
                {
                    return GroupSyncResults.WhatIf(pending.Label, target, plan);
                }
                return _applier.Apply(pending.Label, pending.Identity.Text!, target, plan);
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, pending.Label, ScimResourceKind.Group);
                return GroupSyncResults.Broken(pending.Label, target, plan, ex.Message);
            }
        }

        /// <summary>Resolves the desired names (the only requests planning makes), then plans without the network.</summary>
        private GroupSyncPlan Plan(GroupSyncTarget target, PendingSyncGroup pending)
        {
            var desired = DesiredMember.Distinct(pending.Members);
            var resolution = _host.Await(token => new MemberResolver(_session.Client, _options.FilterMaxResults)
                .ResolveAsync(desired, token));
            var plan = new GroupSyncPlanner(_options.AddOnly).Plan(target.Current, desired, resolution);
            if (plan.NotFound.Count > 0)
            {
                _host.WriteWarning("Group '" + pending.Label + "': no Mode user has "
                    + (plan.NotFound.Count == 1 ? "the name " : "these names: ") + string.Join(", ", plan.NotFound) + ".");
            }
            return plan;
        }

        /// <summary>Both guards as a saved plan records them; the refusal, when there is one, belongs to the guard that made it.</summary>
        private List<GuardFinding> Findings(string label, GroupSyncPlan plan, ModeScimError? refusal)
        {
            var unresolved = refusal?.ErrorId == ModeScimErrorIds.DesiredSetUnresolved ? refusal : null;
            var removes = refusal?.ErrorId == ModeScimErrorIds.RemoveThresholdExceeded ? refusal : null;
            if (unresolved != null && plan.Removes.Count > _options.MaxRemove)
            {
                removes = ErrorRecordFactory.RemoveThresholdExceeded(label, plan.Removes.Count, _options.MaxRemove);
            }
            return new List<GuardFinding>
            {
                new GuardFinding("MaxUnresolved", _options.MaxUnresolved, _unresolvedLimit!.Maximum(plan.Desired), plan.NotFound.Count,
                    plan.Desired, unresolved, label),
                new GuardFinding("MaxRemove", _options.MaxRemove.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _options.MaxRemove, plan.Removes.Count, plan.Removes.Count + plan.Unchanged, removes, label),
            };
        }

        /// <summary>The guards' refusal of a plan, or null. Too many unresolved names come first: see
        /// <see cref="GroupSyncPlanner.Check"/>.</summary>
        private ModeScimError? Guard(string label, GroupSyncPlan plan)
        {
            switch (GroupSyncPlanner.Check(plan, _unresolvedLimit!, _options.MaxRemove))
            {
                case GroupSyncRefusal.TooManyUnresolved:
                    return ErrorRecordFactory.DesiredSetUnresolved(label, plan.NotFound.Count, plan.Desired, _options.MaxUnresolved,
                        _unresolvedLimit!.Maximum(plan.Desired));
                case GroupSyncRefusal.TooManyRemoves:
                    return ErrorRecordFactory.RemoveThresholdExceeded(label, plan.Removes.Count, _options.MaxRemove);
                default:
                    return null;
            }
        }
    }
}
