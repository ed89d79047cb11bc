using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Remove-ModeUser: deletes users, recording each one's groups in the journal first. Irreversible on the
    /// server (a re-created user gets a new id), so a user whose groups cannot be recorded is refused unless
    /// AllowUnknownGroups.</summary>
    internal sealed class RemoveUsersOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly TargetResolver _targets;
        private readonly MembershipGate _gate;
        private readonly bool _passThru;

        public RemoveUsersOperation(IOperationHost host, ModeSession session, JournalSession journal, bool allowUnknownGroups,
            bool passThru)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _passThru = passThru;
            _targets = new TargetResolver(host, session.Client);
            _gate = new MembershipGate(host, session, allowUnknownGroups);
        }

        public void Remove(ModeUserIdentity? identity, string? reason)
        {
            var user = _targets.ResolveUser(identity);
            if (user == null)
            {
                return;
            }
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
