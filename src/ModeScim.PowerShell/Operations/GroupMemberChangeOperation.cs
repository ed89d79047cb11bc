using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Add- or Remove-ModeGroupMember was asked, besides the groups and members.</summary>
    internal sealed class GroupMemberChangeOptions
    {
        /// <summary>True for Add-ModeGroupMember, false for Remove-ModeGroupMember.</summary>
        public bool Adding { get; set; }

        public int BatchSize { get; set; } = 100;

        public bool PassThru { get; set; }

        /// <summary>The connection's limits: the most results a filter returns, the most operations a request may hold.</summary>
        public int? FilterMaxResults { get; set; }

        public int? MaxOperationsPerRequest { get; set; }
    }

    /// <summary>Add- and Remove-ModeGroupMember: the piped members are collected for each group named (on the command line,
    /// or row by row from a memberships file); then each group is read once with its members, every user named is looked
    /// up once in batches (however many groups name them), and only after every lookup and its errors does any group
    /// change, in batched PATCHes, each group's after its own question and its members' GroupAdd or GroupRemove records,
    /// as Sync-ModeGroup journals them.</summary>
    internal sealed class GroupMemberChangeOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly GroupMemberChangeOptions _options;
        private readonly TargetResolver _targets;
        private readonly PendingGroups<PendingGroup> _groups =
            new PendingGroups<PendingGroup>((key, identity) => new PendingGroup(key, identity));
        private readonly DesiredMemberPool _pool = new DesiredMemberPool();

        public GroupMemberChangeOperation(IOperationHost host, ModeSession session, JournalSession journal,
            GroupMemberChangeOptions options)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _options = options;
            _targets = new TargetResolver(host, session.Client);
        }

        private string CommandName => _options.Adding ? "Add-ModeGroupMember" : "Remove-ModeGroupMember";

        /// <summary>Collects members for groups; nothing is read yet.</summary>
        /// <param name="groups">Null (-Group $null) is one missing group, reported as such.</param>
        public void Add(IReadOnlyList<ModeGroupIdentity?>? groups, IReadOnlyList<ModeUserIdentity?>? members)
        {
            var usable = new List<DesiredMember>();
            foreach (var member in members ?? new ModeUserIdentity?[] { null })
            {
                if (_targets.IsUsable(member))
                {
                    usable.Add(_pool.Intern(DesiredMember.From(member)));
                }
            }
            foreach (var identity in groups ?? new ModeGroupIdentity?[] { null })
            {
                if (InputValidation.HasProblem(identity, out var problem))
                {
                    var left = usable.Count == 0 ? string.Empty
                        : (_options.Adding ? " Not added: " : " Not removed: ") + string.Join(", ", usable.Select(m => m.Label)) + ".";
                    _host.WriteItemError(ErrorRecordFactory.InvalidInput(problem + left, identity?.Text));
                    continue;
                }
                _groups.For(identity).Members.AddRange(usable);
            }
        }

        public void End()
        {
            var groups = ReadGroups();
            if (groups.Count == 0)
            {
                return;
            }
            MemberResolution resolution;
            try
            {
                var named = DesiredMember.Distinct(groups.SelectMany(g => g.Pending.Members));
                var resolver = new MemberResolver(_session.Client, _options.FilterMaxResults);
                resolution = _host.Await(token => resolver.ResolveAsync(named, token));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, null, ScimResourceKind.User);
                return;
            }
            foreach (var missing in resolution.NotFound)
            {
                _host.WriteItemError(ErrorRecordFactory.UserNotFound(missing.Label));
            }
            var progress = new ThrottledProgress(_host.WriteProgress, ProgressIds.Groups, CommandName);
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups.Count > 1)
                {
                    progress.Report(i, groups.Count, groups[i].Group.DisplayName + " (" + (i + 1) + " of " + groups.Count + ")");
                }
                Change(groups[i].Group, groups[i].Pending, resolution);
            }
            progress.Complete();
        }

        /// <summary>Each group named, read once with its members before any user is looked up (a group that is not there
        /// costs no lookups); groups named twice, by name and by id say, are one.</summary>
        private List<(ScimGroup Group, PendingGroup Pending)> ReadGroups()
        {
            var read = new List<(ScimGroup Group, PendingGroup Pending)>();
            foreach (var pending in _groups.Where(p => p.Members.Count > 0))
            {
                var group = _targets.ResolveGroup(pending.Identity, withMembers: true);
                if (group == null)
                {
                    continue;
                }
                var same = read.FindIndex(r => r.Group.Id == group.Id);
                if (same >= 0)
                {
                    read[same].Pending.Members.AddRange(pending.Members);
                    continue;
                }
                read.Add((group, pending));
            }
            return read;
        }

        private void Change(ScimGroup group, PendingGroup pending, MemberResolution resolution)
        {
            try
            {
                var read = _host.Await(token => _session.Memberships.MembersOfAsync(group, token, otherSources: false));
                var plan = new GroupMemberChangePlanner(_options.Adding).Plan(read.IsKnown ? read.Members : null, pending.Members,
                    resolution);
                foreach (var skipped in plan.Skipped)
                {
                    _host.WriteVerbose(skipped.Label + (_options.Adding ? " is already a member of '" : " is not a member of '")
                        + group.DisplayName + "'.");
                }
                if (plan.Changes.Count > 0)
                {
                    if (!Ask(group, plan) || !_journal.TryAppendAll(JournalEntries(group, plan, read.IsKnown),
                        TargetResolver.Describe(group)))
                    {
                        return;
                    }
                    Apply(group, plan);
                }
                if (_options.PassThru)
                {
                    var now = plan.Changes.Count == 0 ? group : _host.Await(token => _session.Client.Groups.GetAsync(group.Id!, token));
                    _host.WriteObject(ModeGroup.From(now));
                }
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, pending.Identity, ScimResourceKind.Group);
            }
        }

        private bool Ask(ScimGroup group, GroupMemberChangePlan plan) => _host.ShouldProcess(TargetResolver.Describe(group),
            (_options.Adding ? "Add " : "Remove ") + plan.Changes.Count + " member(s): "
            + Sample.Of(plan.Changes.Select(c => c.Member.Label)));

        /// <summary>One record per member, all written in one flushed append before any is sent.</summary>
        private List<JournalEntry> JournalEntries(ScimGroup group, GroupMemberChangePlan plan, bool membersShown)
        {
            var groups = new[] { new ModeGroupMembership(group.Id!, group.DisplayName) };
            // Where the server hides members, the user may already have been one (or not been one): the record must not
            // claim that undoing it puts the group back as it was.
            var reason = CommandName + (membersShown ? string.Empty : _options.Adding
                ? "; the server hides members, so the user may already have been one"
                : "; the server hides members, so the user may not have been one");
            var action = _options.Adding ? JournalActions.GroupAdd : JournalActions.GroupRemove;
            return plan.Changes.Select(c => JournalMapper.NewEntry(action, new ScimUser { Id = c.Id, UserName = c.Member.Label }, groups,
                reason, _session.BaseUri)).ToList();
        }

        /// <summary>Sends the changes; each member the server refuses is written as an error naming it.</summary>
        private void Apply(ScimGroup group, GroupMemberChangePlan plan)
        {
            var ids = plan.Changes.Select(c => c.Id).ToList();
            var none = Array.Empty<string>();
            var sender = new ScimMemberPatchSender(_session.Client, Math.Min(_options.BatchSize,
                _options.MaxOperationsPerRequest ?? int.MaxValue));
            var failures = _host.Await(token => _options.Adding
                ? sender.SendAsync(group.Id!, ids, none, token)
                : sender.SendAsync(group.Id!, none, ids, token));
            foreach (var failure in failures)
            {
                _host.WriteScimError(failure.Error, plan.Changes.First(c => c.Id == failure.Id).Member.Label, ScimResourceKind.Group);
            }
        }
    }
}
