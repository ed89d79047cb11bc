using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Remove-ModeUser: deletes users, recording each one's groups in the journal first. Irreversible on the
    /// server (a re-created user gets a new id), so a user whose groups cannot be recorded is refused unless
    /// AllowUnknownGroups. Every piped user is taken before the first is read: all are read with their groups in batches
    /// (<see cref="PipedUserReader"/>), the lockout guard (<see cref="LockoutGuard"/>) decides on the whole set before the
    /// first deletion, then each is asked for, journalled and deleted in turn.</summary>
    internal sealed class RemoveUsersOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly TargetResolver _targets;
        private readonly MembershipGate _gate;
        private readonly bool _passThru;
        private readonly bool _force;
        private readonly LockoutGuard _lockout;
        private readonly List<(ModeUserIdentity? Identity, string? Reason)> _queue = new List<(ModeUserIdentity?, string?)>();

        /// <param name="force">Go on where the lockout guard refuses.</param>
        public RemoveUsersOperation(IOperationHost host, ModeSession session, JournalSession journal, bool allowUnknownGroups,
            bool passThru, bool force)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _passThru = passThru;
            _targets = new TargetResolver(host, session.Client);
            _gate = new MembershipGate(host, session, allowUnknownGroups);
            _force = force;
            _lockout = new LockoutGuard(host, session, "-Force");
        }

        /// <summary>One user to delete; the work is done in <see cref="End"/>, over all of them.</summary>
        public void Add(ModeUserIdentity? identity, string? reason) => _queue.Add((identity, reason));

        /// <summary>Reads every user taken with its groups, checks the lockout guard on the whole set, then deletes each.</summary>
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
            var selected = new PipedUserReader(_host, _session, "Remove-ModeUser: reading users and their groups")
                .Select(valid.Select(v => v.Identity).ToList(), _ => true, _gate, _targets);
            _lockout.Enforce(selected.Select(s => s.User).ToList(), _force);
            foreach (var item in selected)
            {
                Remove(item.User, item.Memberships!, valid[item.Index].Identity, valid[item.Index].Reason);
            }
        }

        private void Remove(ScimUser user, ScimUserMemberships memberships, ModeUserIdentity identity, string? reason)
        {
            if (!_host.ShouldProcess(TargetResolver.Describe(user), "Delete permanently (" + _journal.Note(memberships) + ")"))
            {
                return;
            }
            var entry = JournalMapper.NewEntry(JournalActions.Remove, user, memberships, reason, _session.BaseUri);
            if (!_journal.TryAppend(entry, user.UserName ?? user.Id!, out var record))
            {
                return;
            }
            try
            {
                var client = _session.Client;
                _host.Await(async token =>
                {
                    await client.Users.DeleteAsync(user.Id!, token).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, identity, ScimResourceKind.User);
                return;
            }
            if (_passThru)
            {
                _host.WriteObject(record);
            }
        }
    }
}
