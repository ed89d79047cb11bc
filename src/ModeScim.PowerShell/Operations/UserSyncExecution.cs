using System;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>The steps after a user plan passed its guards, shared by Sync-ModeUser and Invoke-ModePlan: returning users
    /// admitted (their journal records checked), the handover's successor checked, then every change asked for, journalled
    /// and applied.</summary>
    internal sealed class UserSyncExecution
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly SyncUsersOptions _options;

        public UserSyncExecution(IOperationHost host, ModeSession session, JournalSession journal, SyncUsersOptions options)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _options = options;
        }

        /// <summary>The handover that will be made before each leaver is disabled, its successor and collection checked
        /// (refused, ending the command, when either cannot be used); null when nothing is handed over.</summary>
        public HandoverRunner? StartHandover(UserSyncPlan plan) => plan.Disables.Count > 0
            ? HandoverRunner.Start(_host, _session, _journal, _options.HandoverTo, _options.HandoverCollection, _options.AllowUnknownOwner)
            : null;

        /// <param name="reasonFor">The journalled reason for disabling a leaver.</param>
        public ModeUserSyncResult Apply(UserSyncPlan plan, UserSyncFailures failures, Func<ScimUser, string> reasonFor)
        {
            var returning = new ReturningUsers(_host, _session, _journal, failures, _options.RestoreGroups, _options.Force);
            var enables = returning.Admit(plan.Enables);
            // A successor or collection that cannot be used ends the command here, before anything is created, updated or
            // enabled: the handover is read (and refused) with the other guards.
            var handover = StartHandover(plan);
            var leavers = new LeaverApproval(_host, _session, _journal, failures,
                new MembershipGate(_host, _session, _options.AllowUnknownGroups), handover, reasonFor);
            var result = new UserSyncApplier(_host, _session, _journal, failures, returning, leavers).Apply(plan, enables);
            result.Failed = failures.ToModeList();
            return result;
        }
    }
}
