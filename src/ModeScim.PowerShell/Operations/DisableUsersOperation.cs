using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Disable-ModeUser was asked, besides the users.</summary>
    internal sealed class DisableUsersOptions
    {
        public bool AllowUnknownGroups { get; set; }

        public string? HandoverTo { get; set; }

        public string? HandoverCollection { get; set; }

        public bool AllowUnknownOwner { get; set; }

        public bool PassThru { get; set; }

        /// <summary>Go on where the lockout guard refuses (the last active admin, the REST credentials' owner).</summary>
        public bool Force { get; set; }
    }

    /// <summary>Disable-ModeUser: Mode drops every group membership of a deactivated user, so each user's groups are
    /// journalled, and flushed to disk, before active is set to false. Every piped user is taken before the first is read:
    /// the lockout guard (<see cref="LockoutGuard"/>) then decides on the whole set before the first change, and each
    /// progress bar counts over the whole input. Reads and changes run side by side (within the connection's
    /// -ThrottleLimit); the journal is still written before each change is sent. A handover asked for is read and checked
    /// in <see cref="Begin"/>, before any change.</summary>
    internal sealed class DisableUsersOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly DisableUsersOptions _options;
        private readonly TargetResolver _targets;
        private readonly MembershipGate _gate;
        private readonly LockoutGuard _lockout;
        private readonly List<(ModeUserIdentity? Identity, string? Reason)> _queue = new List<(ModeUserIdentity?, string?)>();
        private HandoverRunner? _handover;

        public DisableUsersOperation(IOperationHost host, ModeSession session, JournalSession journal, DisableUsersOptions options)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _options = options;
            _targets = new TargetResolver(host, session.Client);
            _gate = new MembershipGate(host, session, options.AllowUnknownGroups);
            _lockout = new LockoutGuard(host, session, "-Force");
        }

        /// <summary>The guard step: a handover that cannot be made refuses the command here, before any change.</summary>
        public void Begin()
        {
            _handover = HandoverRunner.Start(_host, _session, _journal, _options.HandoverTo, _options.HandoverCollection,
                _options.AllowUnknownOwner);
        }

        /// <summary>One user to disable; the work is done in <see cref="End"/>, over all of them.</summary>
        public void Add(ModeUserIdentity? identity, string? reason) => _queue.Add((identity, reason));

        public void End()
        {
            var valid = new List<(ModeUserIdentity Identity, string? Reason)>();
            foreach (var item in _queue)
            {
                if (_targets.IsUsable(item.Identity))
                {
                    valid.Add((item.Identity, item.Reason));
                }
            }
            _queue.Clear();
            // Every user read in as few requests as the server allows, just before the journal records them.
            var selected = new PipedUserReader(_host, _session, "Disable-ModeUser: reading users and their groups")
                .Select(valid.Select(v => v.Identity).ToList(), user => user.Active != false, _gate, _targets);
            // Before anything of this set is handed over, journalled or disabled.
            _lockout.Enforce(selected.Where(s => s.User.Active != false).Select(s => s.User).ToList(), _options.Force);
            var approved = new List<(ScimUser User, ModeScimJournalRecord Record, ModeUserIdentity Identity)>();
            var progress = new ThrottledProgress(_host.WriteProgress, ProgressIds.Items, "Disable-ModeUser: journalling users");
            for (var i = 0; i < selected.Count; i++)
            {
                var item = selected[i];
                progress.Report(i, selected.Count, item.User.UserName + " (" + (i + 1) + " of " + selected.Count + ")");
                var approval = Approve(item.User, item.Memberships, valid[item.Index].Reason);
                if (approval != null)
                {
                    approved.Add((approval.Value.User, approval.Value.Record, valid[item.Index].Identity));
                }
            }
            progress.Complete();
            var updater = new ScimUserUpdater(_session.Client);
            var disabled = _host.AwaitEach(approved, (item, token) => updater.SetActiveAsync(item.User, false, token, reread: false),
                "Disable-ModeUser: disabling users");
            for (var i = 0; i < approved.Count; i++)
            {
                var error = disabled[i].Error;
                if (error != null)
                {
                    _host.WriteScimError(error, approved[i].Identity, ScimResourceKind.User);
                }
                else if (_options.PassThru)
                {
                    _host.WriteObject(approved[i].Record);
                }
            }
        }

        /// <summary>The user to disable and its journal record, written; null after saying why not.</summary>
        private (ScimUser User, ModeScimJournalRecord Record)? Approve(ScimUser user, ScimUserMemberships? memberships,
            string? reason)
        {
            if (user.Active == false)
            {
                // Disabled earlier, perhaps without a handover: the content can still be handed over.
                if (_handover == null || _handover.HandOver(user, reason))
                {
                    _host.WriteVerbose(TargetResolver.Describe(user) + " is already inactive; nothing more to do.");
                }
                return null;
            }
            // The handover comes first: once disabled, the leaver's personal collections are out of everyone's reach.
            if (_handover != null && !_handover.HandOver(user, reason))
            {
                return null;
            }
            var entry = JournalMapper.NewEntry(JournalActions.Disable, user, memberships!, reason, _session.BaseUri);
            if (_host.ShouldProcess(TargetResolver.Describe(user), "Disable (" + _journal.Note(memberships!) + ")")
                && _journal.TryAppend(entry, user.UserName ?? user.Id!, out var record))
            {
                return (user, record);
            }
            return null;
        }
    }
}
