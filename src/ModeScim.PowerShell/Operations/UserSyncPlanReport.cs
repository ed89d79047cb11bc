using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Says what a plan refused or left out, before the guards: rows that cannot be used, users the server gives
    /// no usable id, people kept from being disabled because a refused row may name them, skipped guests.</summary>
    internal sealed class UserSyncPlanReport
    {
        private readonly IOperationHost _host;
        private readonly UserSyncFailures _failures;

        public UserSyncPlanReport(IOperationHost host, UserSyncFailures failures)
        {
            _host = host;
            _failures = failures;
        }

        public void Report(UserSyncPlan plan, bool updateExisting)
        {
            foreach (var unaddressable in plan.Unaddressable)
            {
                var label = unaddressable.UserName ?? "(no userName)";
                _failures.Fail(label, "Read", ErrorRecordFactory.UnusableId(label, unaddressable.Id));
            }
            foreach (var rejected in plan.Rejected)
            {
                _failures.Fail(rejected.Row.Label, rejected.Change,
                    ErrorRecordFactory.InvalidInput(rejected.Reason, rejected.Row.Source));
            }
            foreach (var (user, row) in plan.Protected)
            {
                // The row was refused above; the person it names has not left.
                var why = TargetResolver.Describe(user) + " is not disabled: desired row " + row.Number
                    + " names it but was refused. Fix the row.";
                _host.WriteWarning(why);
                _failures.Record(user.UserName!, "Disable", ErrorRecordFactory.InvalidInput(why, row.Source));
            }
            var missing = plan.AttributesShown.Missing.ToList();
            if (updateExisting && missing.Count > 0)
            {
                _host.WriteVerbose("The server returns no user with " + string.Join(" or ", missing) + ": -UpdateExisting does not "
                    + "compare " + (missing.Count == 1 ? "it" : "them")
                    + ", since a change could not be told from an attribute never shown.");
            }
            if (plan.Guests.Count > 0)
            {
                _host.WriteWarning(plan.Guests.Count + " guest row(s) (#EXT# in the userName) were skipped: "
                    + Sample.Of(plan.Guests.Select(r => r.Label))
                    + ". Their accounts here are left as they are; -IncludeGuests syncs them.");
            }
            if (plan.LeaversWithoutAccount > 0)
            {
                _host.WriteVerbose(plan.LeaversWithoutAccount
                    + " row(s) mark people as not active who have no account here: nothing to do.");
            }
        }
    }
}
