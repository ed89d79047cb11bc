using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Sync-ModeGroup's apply step for one group whose plan passed the guards and the question: creates the group
    /// if it is new, journals every change, then sends them. The plan is only read; the result is made here.</summary>
    internal sealed class GroupSyncApplier
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly int _batchSize;

        /// <param name="batchSize">Member changes per PATCH, already within the server's limit.</param>
        public GroupSyncApplier(IOperationHost host, ModeSession session, JournalSession journal, int batchSize)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _batchSize = batchSize;
        }

        /// <param name="name">The new group's displayName, as the caller gave it, for a group to create.</param>
        public ModeGroupSyncResult Apply(string label, string name, GroupSyncTarget target, GroupSyncPlan plan)
        {
            var result = GroupSyncResults.Planned(label, target, plan);
            // Created empty, members then added by PATCH: what Okta and Entra do, so what Mode's server expects.
            var group = target.Group ?? _host.Await(token => _session.Client.Groups.CreateAsync(
                new ScimGroup { DisplayName = name, Members = new List<ScimMultiValue>() }, token));
            result.GroupId = group.Id;
            // Journalled before they are made, like disables, so a sync can be listed and undone.
            if (!_journal.TryAppendAll(JournalEntries(group, target, plan), label))
            {
                result.Failed = GroupSyncResults.AllFailed(plan, ModeScimErrorIds.JournalWriteFailed);
                return result;
            }
            var failures = _host.Await(token => new ScimMemberPatchSender(_session.Client, _batchSize)
                .SendAsync(group.Id!, plan.Adds.Select(a => a.Id).ToList(), plan.Removes.Select(r => r.Id).ToList(), token));
            var failed = new List<ModeGroupSyncFailure>();
            foreach (var failure in failures)
            {
                var member = (failure.Add ? plan.Adds : plan.Removes).First(c => c.Id == failure.Id).Label;
                _host.WriteScimError(failure.Error, member, ScimResourceKind.Group);
                failed.Add(GroupSyncResults.Failure(member,
                    failure.Add ? GroupSyncResults.AddChange : GroupSyncResults.RemoveChange, failure.Error.Message));
            }
            var failedIds = new HashSet<string>(failures.Select(f => f.Id));
            result.Failed = failed.ToModeList();
            result.Added = plan.Adds.Where(a => !failedIds.Contains(a.Id)).Select(a => a.Label).ToModeList();
            result.Removed = plan.Removes.Where(r => !failedIds.Contains(r.Id)).Select(r => r.Label).ToModeList();
            return result;
        }

        private List<JournalEntry> JournalEntries(ScimGroup group, GroupSyncTarget target, GroupSyncPlan plan)
        {
            var groups = new[] { new ModeGroupMembership(group.Id!, group.DisplayName) };
            // Where the server hides members, an add may find the user already there: the record must not claim
            // that undoing it restores the group as it was.
            var reason = target.MembersHidden
                ? "Sync-ModeGroup -AddOnly; the server hides members, so the user may already have been one" : "Sync-ModeGroup";
            JournalEntry Entry(string action, (string Id, string Label) change) => JournalMapper.NewEntry(action,
                new ScimUser { Id = change.Id, UserName = change.Label }, groups, reason, _session.BaseUri);
            return plan.Adds.Select(a => Entry(JournalActions.GroupAdd, a))
                .Concat(plan.Removes.Select(r => Entry(JournalActions.GroupRemove, r))).ToList();
        }
    }
}
