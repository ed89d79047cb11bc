using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Sync-ModeUser's returning users under -RestoreGroups: who may be enabled (only one the journal holds a
    /// Disable record of, since nothing else could put its groups back, unless -Force), and, once enabled, their groups
    /// put back from that record. Every enabled user's Enable is journalled, naming the groups put back (none without
    /// -RestoreGroups), as Enable-ModeUser journals it.</summary>
    internal sealed class ReturningUsers
    {
        private const string EnableReason = "Returned to the desired set (Sync-ModeUser)";

        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly UserSyncFailures _failures;
        private readonly bool _restoreGroups;
        private readonly bool _force;

        public ReturningUsers(IOperationHost host, ModeSession session, JournalSession journal, UserSyncFailures failures,
            bool restoreGroups, bool force)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _failures = failures;
            _restoreGroups = restoreGroups;
            _force = force;
        }

        /// <summary>The users that may be enabled; each other one is a failure (ModeScim.NoRestoreRecord).</summary>
        public List<ScimUser> Admit(IEnumerable<ScimUser> returning)
        {
            var admitted = new List<ScimUser>();
            foreach (var user in returning)
            {
                if (!_restoreGroups || _force || _journal.Index.RestoreSourceFor(user.Id!) != null)
                {
                    admitted.Add(user);
                    continue;
                }
                _failures.Fail(user.UserName!, "Enable",
                    ErrorRecordFactory.NoRestoreRecord(user.UserName!, TargetResolver.Describe(user), _journal.Path, "-Force"));
            }
            return admitted;
        }

        /// <summary>Puts back the groups of each enabled user's last Disable record and journals the Enable.</summary>
        public void Restore(IReadOnlyCollection<ScimUser> enabled)
        {
            if (enabled.Count == 0)
            {
                return;
            }
            if (!_restoreGroups)
            {
                Journal(enabled, (_, _) => false, new List<(string, ModeGroupMembership)>());
                return;
            }
            var report = new RestoreReport(_host);
            var memberships = new List<(string UserId, ModeGroupMembership Group)>();
            foreach (var user in enabled)
            {
                var source = _journal.Index.RestoreSourceFor(user.Id!);
                if (source != null)
                {
                    memberships.AddRange(report.GroupsRecordedIn(source, user).Select(g => (user.Id!, g)));
                }
                else
                {
                    _host.WriteWarning("The journal " + _journal.Path + " has no Disable record for " + TargetResolver.Describe(user)
                        + "; it was enabled without groups (-Force).");
                }
            }
            var outcome = _host.Await(token => new MembershipRestorer(_session.Client, 100).RestoreAsync(memberships, token));
            report.Report(outcome);
            Journal(enabled, outcome.WasRestored, memberships);
        }

        /// <summary>Each Enable with the groups put back, written after the change since it names them.</summary>
        private void Journal(IReadOnlyCollection<ScimUser> enabled, Func<string, string, bool> wasRestored,
            List<(string UserId, ModeGroupMembership Group)> memberships)
        {
            foreach (var user in enabled)
            {
                var restored = memberships.Where(m => m.UserId == user.Id && wasRestored(m.Group.Id, user.Id!)).Select(m => m.Group);
                _journal.AppendAfterChange(JournalMapper.NewEntry(JournalActions.Enable, user, restored, EnableReason,
                    _session.BaseUri), user.UserName ?? user.Id ?? string.Empty);
            }
        }
    }
}
