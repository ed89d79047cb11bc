using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Remove-ModeUser: deletes users, recording each one's groups in the journal first. Irreversible on the
    /// server (a re-created user gets a new id), so a user whose groups cannot be recorded is refused unless
    /// AllowUnknownGroups. With Mode's REST API the users are collected until the end, so the lockout guard
    /// (<see cref="LockoutGuard"/>) decides on the whole set before the first deletion; without it the guard cannot check
    /// (one warning) and each user goes as it comes.</summary>
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

        public void Add(ModeUserIdentity? identity, string? reason)
        {
            if (_lockout.CanCheck)
            {
                _queue.Add((identity, reason));
                return;
            }
            var user = _targets.ResolveUser(identity);
            if (user != null)
            {
                _lockout.Enforce(new[] { user }, _force);
                Remove(user, identity, reason);
            }
        }

        /// <summary>The guard step for the users collected, then each deletion.</summary>
        public void End()
        {
            var resolved = new List<(ScimUser User, ModeUserIdentity? Identity, string? Reason)>();
            foreach (var (identity, reason) in _queue)
            {
                var user = _targets.ResolveUser(identity);
                if (user != null)
                {
                    resolved.Add((user, identity, reason));
                }
            }
            _queue.Clear();
            _lockout.Enforce(resolved.Select(r => r.User).ToList(), _force);
            foreach (var (user, identity, reason) in resolved)
            {
                Remove(user, identity, reason);
            }
        }

        private void Remove(ScimUser user, ModeUserIdentity? identity, string? reason)
        {
            try
            {
                var memberships = _gate.Read(user, identity);
                if (memberships == null
                    || !_host.ShouldProcess(TargetResolver.Describe(user), "Delete permanently (" + _journal.Note(memberships) + ")"))
                {
                    return;
                }
                var entry = JournalMapper.NewEntry(JournalActions.Remove, user, memberships, reason, _session.BaseUri);
                if (!_journal.TryAppend(entry, user.UserName ?? user.Id!, out var record))
                {
                    return;
                }
                var client = _session.Client;
                _host.Await(async token =>
                {
                    await client.Users.DeleteAsync(user.Id!, token).ConfigureAwait(false);
                    return true;
                });
                if (_passThru)
                {
                    _host.WriteObject(record);
                }
            }
            catch (ScimException ex)
            {
                _host.WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }
    }
}
