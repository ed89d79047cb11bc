using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Applies a checked Sync-ModeUser plan: the users are read again, the changes still as planned go through
    /// the sync's own apply step (journal records, restores, handovers, questions), and the result is a sync result.</summary>
    internal sealed class UserPlanApplier
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;

        private readonly bool _force;

        /// <param name="force">Invoke-ModePlan -Force: the approver accepted the plan past its guards, the lockout guard
        /// included.</param>
        public UserPlanApplier(IOperationHost host, ModeSession session, JournalSession journal, bool force)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _force = force;
        }

        public void Apply(PlanDocument document, PlanStart start, PlanHistory history)
        {
            var before = _host.RequestsMade;
            var failures = new UserSyncFailures(_host);
            var recheck = new UserPlanRecheck(_host, _session, history);
            var (plan, reasons) = recheck.Recheck(document);
            // Admins may have changed since the plan was approved: checked again on the leavers still to disable, before the
            // first change. -Force overrides it only where the approver saw the plan refused by it (or it was made with
            // -AllowLockout): a lockout that arose after the approval was never accepted by anyone.
            var lockoutSeen = document.Guards.Any(g => g.Name == LockoutGuard.FindingName && g.Exceeded);
            new LockoutGuard(_host, _session, "-Force").Enforce(plan.Disables, document.Options.AllowLockout || (_force && lockoutSeen));
            var execution = new UserSyncExecution(_host, _session, _journal, OptionsOf(document.Options));
            var changes = plan.Creates.Count + plan.Updates.Count + plan.Enables.Count + plan.Disables.Count;
            Models.ModeUserSyncResult result;
            if (changes > 0 && !start.Record(_session.BaseUri, changes))
            {
                foreach (var (userName, action) in Planned(plan))
                {
                    failures.Add(userName, action, Errors.ModeScimErrorIds.JournalWriteFailed);
                }
                result = new Models.ModeUserSyncResult { Unchanged = plan.Unchanged };
            }
            else
            {
                result = execution.Apply(plan, failures, user => reasons.TryGetValue(user.Id!, out var why) ? why : "Invoke-ModePlan");
            }
            foreach (var (change, error) in recheck.Drifts)
            {
                failures.Record(change.UserName, change.Action, error);
            }
            result.Failed = failures.ToModeList();
            result.Requests = _host.RequestsMade - before;
            _host.WriteObject(result);
            foreach (var (_, error) in recheck.Drifts)
            {
                _host.WriteItemError(error);
            }
        }

        private static IEnumerable<(string UserName, string Action)> Planned(UserSyncPlan plan) =>
            plan.Creates.Select(s => (s.UserName!, PlanChange.Create))
                .Concat(plan.Updates.Select(u => (u.User.UserName!, PlanChange.Update)))
                .Concat(plan.Enables.Select(u => (u.UserName!, PlanChange.Enable)))
                .Concat(plan.Disables.Select(u => (u.UserName!, PlanChange.Disable)));

        private static SyncUsersOptions OptionsOf(PlanOptions options) => new SyncUsersOptions
        {
            RestoreGroups = options.RestoreGroups,
            AllowUnknownGroups = options.AllowUnknownGroups,
            HandoverTo = options.HandoverTo,
            HandoverCollection = options.HandoverCollection,
            AllowUnknownOwner = options.AllowUnknownOwner,
            Force = options.Force,
        };
    }
}
