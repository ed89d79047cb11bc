using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Enable-ModeUser was asked, besides the users.</summary>
    internal sealed class EnableUsersOptions
    {
        public bool RestoreGroups { get; set; }

        /// <summary>With RestoreGroups, enable a user the journal holds no Disable record of anyway, without groups.</summary>
        public bool Force { get; set; }

        public bool PassThru { get; set; }
    }

    /// <summary>Enable-ModeUser: reactivates users and, with RestoreGroups, puts each back into the groups its latest Disable
    /// record holds: after all users are enabled, one batched PATCH per group; an Enable record follows, naming the groups
    /// that were restored.</summary>
    internal sealed class EnableUsersOperation
    {
        private const int MembersPerRequest = 100;

        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly EnableUsersOptions _options;
        private readonly TargetResolver _targets;
        private readonly RestoreReport _report;
        private readonly List<(ScimUser User, List<ModeGroupMembership> Groups, string? Reason)> _pending =
            new List<(ScimUser, List<ModeGroupMembership>, string?)>();

        // Every piped user is taken before the first is enabled: the progress bar then counts over the whole input, and
        // the groups are restored in one pass.
        private readonly List<(ModeUserIdentity? Identity, string? Reason)> _input = new List<(ModeUserIdentity?, string?)>();

        // A user named twice is enabled, restored and journalled once: in one batch both are read before either is enabled.
        private readonly HashSet<string> _handled = new HashSet<string>(StringComparer.Ordinal);

        private JournalIndex? _index;

        public EnableUsersOperation(IOperationHost host, ModeSession session, JournalSession journal, EnableUsersOptions options)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _options = options;
            _targets = new TargetResolver(host, session.Client);
            _report = new RestoreReport(host);
        }

        /// <summary>Reads the journal, when groups are to be restored, before any request.</summary>
        public void Begin()
        {
            if (!_options.RestoreGroups)
            {
                return;
            }
            _index = _journal.Index;
            foreach (var line in _index.BrokenLines)
            {
                _host.WriteWarning("Skipped line " + line.Number + " of " + line.Path + ": not a whole record (" + line.Problem + ").");
            }
        }

        /// <summary>One user to enable; the work is done in <see cref="End"/>, over all of them.</summary>
        public void Add(ModeUserIdentity? identity, string? reason) => _input.Add((identity, reason));

        /// <summary>Reads every user taken in batches, enables them, one bar over them all, then restores the memberships of
        /// every user enabled and journals each Enable with the groups put back.</summary>
        public void End()
        {
            var valid = new List<(ModeUserIdentity Identity, string? Reason)>();
            foreach (var item in _input)
            {
                if (_targets.IsUsable(item.Identity))
                {
                    valid.Add((item.Identity, item.Reason));
                }
            }
            _input.Clear();
            // Read fresh just before each change: whether the user is active, and the groups it is back in already.
            var found = new PipedUserReader(_host, _session, "Enable-ModeUser: reading users")
                .Read(valid.Select(v => v.Identity).ToList());
            var progress = new ThrottledProgress(_host.WriteProgress, ProgressIds.Items, "Enable-ModeUser");
            for (var i = 0; i < valid.Count; i++)
            {
                var (identity, reason) = valid[i];
                progress.Report(i, valid.Count, identity + " (" + (i + 1) + " of " + valid.Count + ")");
                var user = _targets.UserFrom(identity, found[i]);
                if (user == null)
                {
                    continue;
                }
                if (_handled.Add(user.Id!))
                {
                    Enable(user, identity, reason);
                }
                else
                {
                    _host.WriteVerbose(TargetResolver.Describe(user) + " was given more than once; it is handled once.");
                }
            }
            progress.Complete();
            Restore();
        }

        private void Enable(ScimUser user, ModeUserIdentity identity, string? reason)
        {
            var toRestore = GroupsToRestore(user, identity);
            if (toRestore == null)
            {
                return;
            }
            var needsEnable = user.Active == false;
            if (!needsEnable && toRestore.Count == 0)
            {
                _host.WriteVerbose(TargetResolver.Describe(user) + " is already active"
                    + (_options.RestoreGroups ? " and in every recorded group" : string.Empty) + "; nothing to do.");
                if (_options.PassThru)
                {
                    _host.WriteObject(ModeUserMapper.ToModeUser(user, null, _session.Client.Capabilities));
                }
                return;
            }
            var action = (needsEnable ? "Enable" : "Keep active") + (toRestore.Count > 0
                ? " and restore groups: " + string.Join(", ", toRestore.Select(g => g.DisplayName ?? g.Id))
                : string.Empty);
            if (!_host.ShouldProcess(TargetResolver.Describe(user), action))
            {
                return;
            }
            try
            {
                if (needsEnable)
                {
                    var updater = new ScimUserUpdater(_session.Client);
                    user = _host.Await(token => updater.SetActiveAsync(user, true, token));
                }
                _pending.Add((user, toRestore, reason));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }

        /// <summary>Restores the memberships of every user enabled, then journals each Enable with the groups put back.</summary>
        private void Restore()
        {
            var outcome = RestoreMemberships();
            foreach (var (user, groups, reason) in _pending)
            {
                var restored = groups.Where(g => outcome.WasRestored(g.Id, user.Id!)).ToList();
                _journal.AppendAfterChange(JournalMapper.NewEntry(JournalActions.Enable, user, restored, reason, _session.BaseUri),
                    user.UserName ?? user.Id!);
                if (_options.PassThru)
                {
                    WritePassThru(user, restored.Count > 0);
                }
            }
        }

        /// <summary>The groups to put the user back in; null after refusing a user with no record to restore from.</summary>
        private List<ModeGroupMembership>? GroupsToRestore(ScimUser user, ModeUserIdentity identity)
        {
            if (_index == null)
            {
                return new List<ModeGroupMembership>();
            }
            var who = TargetResolver.Describe(user);
            var source = _index.RestoreSourceFor(user.Id!);
            if (source == null)
            {
                if (user.Active != false)
                {
                    _host.WriteVerbose("The journal " + _journal.Path + " has no Disable record for " + who
                        + ", which is active; there are no groups to restore.");
                    return new List<ModeGroupMembership>();
                }
                if (!_options.Force)
                {
                    _host.WriteItemError(ErrorRecordFactory.NoRestoreRecord(identity, who, _journal.Path, "-Force"));
                    return null;
                }
                _host.WriteWarning("The journal " + _journal.Path + " has no Disable record for " + who
                    + "; it is enabled without groups (-Force).");
                return new List<ModeGroupMembership>();
            }
            // Skip groups the user is in already, as far as the server's answer shows them; where it does not, nothing is
            // skipped, and adding a member a group has is harmless.
            var current = new HashSet<string>((ScimUserGroups.Shown(user, _session.Client.Capabilities) ?? new List<ScimMultiValue>())
                .Select(g => g.Value ?? string.Empty));
            var recorded = _report.GroupsRecordedIn(source, user);
            foreach (var group in recorded.Where(g => current.Contains(g.Id)))
            {
                _host.WriteVerbose(who + " is already in group '" + (group.DisplayName ?? group.Id) + "'; nothing sent for it.");
            }
            return recorded.Where(g => !current.Contains(g.Id)).ToList();
        }

        /// <summary>One PATCH per group (per 100 members) for every user of this command.</summary>
        private RestoreOutcome RestoreMemberships()
        {
            var memberships = _pending.SelectMany(p => p.Groups.Select(g => (p.User.Id!, g))).ToList();
            if (memberships.Count == 0)
            {
                return new RestoreOutcome();
            }
            try
            {
                var restorer = new MembershipRestorer(_session.Client, MembersPerRequest);
                var outcome = _host.Await(token => restorer.RestoreAsync(memberships, token));
                _report.Report(outcome);
                return outcome;
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, null, ScimResourceKind.Group);
                return new RestoreOutcome();
            }
        }

        private void WritePassThru(ScimUser user, bool reread)
        {
            var client = _session.Client;
            try
            {
                var shown = reread ? _host.Await(token => client.Users.GetAsync(user.Id!, token)) : user;
                _host.WriteObject(ModeUserMapper.ToModeUser(shown, null, client.Capabilities));
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, user.UserName, ScimResourceKind.User);
            }
        }
    }
}
