using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Applies a checked Sync-ModeGroup plan: each group is read again with its members; a group gone or renamed
    /// since the plan drifted whole, a member change already made is left, and the rest goes through the sync's own apply
    /// step (journalled first, then sent in batches). One result per group, as Sync-ModeGroup writes.</summary>
    internal sealed class GroupPlanApplier
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly int? _maxOperationsPerRequest;
        private readonly List<ModeScimError> _drifts = new List<ModeScimError>();
        private PlanHistory _history = PlanHistory.None;
        private Dictionary<string, ScimUser> _members = new Dictionary<string, ScimUser>();

        public GroupPlanApplier(IOperationHost host, ModeSession session, JournalSession journal, int? maxOperationsPerRequest)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _maxOperationsPerRequest = maxOperationsPerRequest;
        }

        public void Apply(PlanDocument document, PlanStart start, PlanHistory history)
        {
            _history = history;
            _members = ReadMembersToAdd(document);
            var groups = document.Changes.Where(c => c.Group != null)
                .GroupBy(c => c.Group!.Id ?? "\n" + c.Group.DisplayName, StringComparer.Ordinal)
                .Select(g => Recheck(g.ToList())).ToList();
            var changes = groups.Sum(g => g.Plan == null ? 0 : g.Plan.Adds.Count + g.Plan.Removes.Count);
            if (changes > 0 && !start.Record(_session.BaseUri, changes))
            {
                foreach (var group in groups)
                {
                    group.Result.Failed = group.Result.Failed.Concat(group.Plan == null ? Enumerable.Empty<ModeGroupSyncFailure>()
                        : GroupSyncResults.AllFailed(group.Plan, ModeScimErrorIds.JournalWriteFailed)).ToModeList();
                    _host.WriteObject(group.Result);
                }
                WriteDrifts();
                return;
            }
            var batch = Math.Min(document.Options.BatchSize ?? 100, _maxOperationsPerRequest ?? int.MaxValue);
            var applier = new GroupSyncApplier(_host, _session, _journal, batch);
            foreach (var group in groups)
            {
                var before = _host.RequestsMade;
                var result = group.Plan == null || group.Plan.Adds.Count + group.Plan.Removes.Count == 0 ? group.Result
                    : Apply(applier, group);
                result.Requests += _host.RequestsMade - before;
                _host.WriteObject(result);
            }
            WriteDrifts();
        }

        /// <summary>The drifted changes' errors, once every other change was made: a script that stops at its first error
        /// still gets the rest of the approved plan applied.</summary>
        private void WriteDrifts()
        {
            foreach (var error in _drifts)
            {
                _host.WriteItemError(error);
            }
        }

        /// <summary>The users the plan adds, read again by id: one deleted (perhaps recreated under the same userName with
        /// another id) or renamed since the plan is a drift, not a member to add.</summary>
        private Dictionary<string, ScimUser> ReadMembersToAdd(PlanDocument document)
        {
            var ids = document.Changes.Where(c => c.Action == PlanChange.GroupAdd && c.UserId != null && !_history.Made(c))
                .Select(c => c.UserId!).Distinct().ToList();
            if (ids.Count == 0)
            {
                return new Dictionary<string, ScimUser>();
            }
            try
            {
                return _host.Await(token => new ScimUserLookup(_session.Client).ByIdAsync(ids, token));
            }
            catch (ScimException ex)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.FromScimException(ex, document.Id, ScimResourceKind.User));
            }
        }

        private ModeGroupSyncResult Apply(GroupSyncApplier applier, RecheckedGroup group)
        {
            var plan = group.Plan!;
            var description = (group.Target!.Group == null ? "Create with " : "Add ") + plan.Adds.Count + " member(s), remove "
                + plan.Removes.Count + " (approved plan)";
            if (!_host.ShouldProcess(group.Target.Group == null ? group.Label : TargetResolver.Describe(group.Target.Group), description))
            {
                var whatIf = GroupSyncResults.WhatIf(group.Label, group.Target, plan);
                whatIf.Failed = group.Result.Failed;
                return whatIf;
            }
            try
            {
                var result = applier.Apply(group.Label, group.Label, group.Target, plan);
                result.Failed = group.Result.Failed.Concat(result.Failed).ToModeList();
                return result;
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, group.Label, ScimResourceKind.Group);
                return GroupSyncResults.Broken(group.Label, group.Target, plan, ex.Message);
            }
        }

        /// <summary>Reads one group again and sorts its planned changes: still to make, already made, or drifted.</summary>
        private RecheckedGroup Recheck(List<PlanChange> changes)
        {
            var planned = changes[0].Group!;
            var label = planned.DisplayName ?? planned.Id ?? string.Empty;
            var drifts = new List<ModeGroupSyncFailure>();
            var result = new ModeGroupSyncResult { Group = label, GroupId = planned.Id };
            void DriftAll(string what)
            {
                foreach (var change in changes)
                {
                    Drift(drifts, change, label, what);
                }
                result.Failed = drifts.ToModeList();
            }
            var options = new SyncGroupsOptions
            {
                CreateIfMissing = planned.Id == null,
                AddOnly = !planned.MembersShown || changes.All(c => c.Action == PlanChange.GroupAdd),
            };
            GroupSyncTarget target;
            try
            {
                target = new GroupSyncReader(_host, _session, options)
                    .Read(new PendingSyncGroup(label, new ModeGroupIdentity(planned.Id ?? label)));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, label, ScimResourceKind.Group);
                DriftAll("it could not be read again (" + ex.Message + ")");
                return new RecheckedGroup(label, result, null, null);
            }
            if (target.Refusal != null)
            {
                DriftAll(target.Refusal.ErrorId == ModeScimErrorIds.GroupNotFound ? "the group no longer exists" : target.Refusal.Message);
                return new RecheckedGroup(label, result, target, null);
            }
            if (planned.Id != null && target.Group != null
                && !string.Equals(target.Group.DisplayName, planned.DisplayName, StringComparison.Ordinal))
            {
                DriftAll("the group is now named '" + target.Group.DisplayName + "' (planned as '" + planned.DisplayName + "')");
                return new RecheckedGroup(label, result, target, null);
            }
            var current = new HashSet<string>(target.Current.Where(m => m.Value != null).Select(m => m.Value!), StringComparer.Ordinal);
            var adds = new List<(string Id, string Label)>();
            var removes = new List<(string Id, string Label)>();
            var done = 0;
            foreach (var change in changes.Where(c => c.UserId != null))
            {
                var member = (change.UserId!, change.UserName);
                if (_history.Made(change))
                {
                    done++;
                }
                else if (change.Action == PlanChange.GroupAdd && MemberDrift(change) is string moved)
                {
                    Drift(drifts, change, label, moved);
                }
                else if (change.Action == PlanChange.GroupAdd && (target.MembersHidden || !current.Contains(change.UserId!)))
                {
                    adds.Add(member);
                }
                else if (change.Action == PlanChange.GroupRemove && current.Contains(change.UserId!))
                {
                    removes.Add(member);
                }
                else
                {
                    done++;
                }
            }
            result.Unchanged = done;
            result.Failed = drifts.ToModeList();
            var plan = new GroupSyncPlan(adds, removes, done, adds.Count + done, Array.Empty<string>());
            return new RecheckedGroup(label, result, target, plan);
        }

        /// <summary>Why a member to add is no longer the user the plan named; null when it still is.</summary>
        private string? MemberDrift(PlanChange change)
        {
            if (!_members.TryGetValue(change.UserId!, out var user))
            {
                return "the user (id " + change.UserId + ") no longer exists";
            }
            return PlanUserStates.Same(PlanUserStates.UserName, user.UserName, change.UserName) ? null
                : PlanDriftCheck.Describe(PlanUserStates.UserName, user.UserName, change.UserName);
        }

        private void Drift(List<ModeGroupSyncFailure> drifts, PlanChange change, string group, string what)
        {
            var error = PlanErrors.Drift(change.Action, change.UserName + " in group '" + group + "'", what);
            _drifts.Add(error);
            drifts.Add(GroupSyncResults.Failure(change.UserName,
                change.Action == PlanChange.GroupAdd ? GroupSyncResults.AddChange : GroupSyncResults.RemoveChange,
                error.ErrorId + ": " + what));
        }

        /// <summary>One group of a plan after its second read: the changes still to make (null when none may be made).</summary>
        private sealed class RecheckedGroup
        {
            public RecheckedGroup(string label, ModeGroupSyncResult result, GroupSyncTarget? target, GroupSyncPlan? plan)
            {
                Label = label;
                Result = result;
                Target = target;
                Plan = plan;
            }

            public string Label { get; }

            public ModeGroupSyncResult Result { get; }

            public GroupSyncTarget? Target { get; }

            public GroupSyncPlan? Plan { get; }
        }
    }
}
