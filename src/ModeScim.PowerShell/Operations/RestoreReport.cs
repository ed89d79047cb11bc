using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What a restore of memberships says: which record it restores from and why, and how each group went.</summary>
    internal sealed class RestoreReport
    {
        private readonly IOperationHost _host;

        public RestoreReport(IOperationHost host)
        {
            _host = host;
        }

        /// <summary>The groups a Disable record holds, to restore; none, with a warning, when the record says they could not
        /// be read (-AllowUnknownGroups).</summary>
        public List<ModeGroupMembership> GroupsRecordedIn(RestoreSource source, ScimUser user)
        {
            var line = source.Line;
            if (source.ByClock != null)
            {
                _host.WriteWarning(ClockWarning(source.ByClock, user, line));
            }
            if (source.PassedOver != null)
            {
                _host.WriteWarning("The latest Disable record of " + TargetResolver.Describe(user) + " in " + source.PassedOver.Path
                    + " (line " + source.PassedOver.Number + ") names no groups, but an earlier one (" + line.Path + ", line "
                    + line.Number + ") does and no Enable was journalled between them; restoring the groups of the earlier one.");
            }
            if (line.Entry!.GroupsKnown == false)
            {
                _host.WriteWarning("The latest Disable record of " + TargetResolver.Describe(user) + " in " + line.Path + " (line "
                    + line.Number + ") says its groups could not be read; there are no groups to restore.");
                return new List<ModeGroupMembership>();
            }
            return line.Entry.Groups.Select(g => new ModeGroupMembership(g.Id, g.DisplayName)).ToList();
        }

        /// <summary>Turns the outcome of restoring memberships into warnings (groups gone) and errors (changes refused).</summary>
        public void Report(RestoreOutcome outcome)
        {
            foreach (var missing in outcome.MissingGroups)
            {
                _host.WriteWarning("Group '" + missing.Name + "' (" + missing.GroupId + ") no longer exists; " + missing.Members
                    + " membership(s) in it were not restored.");
            }
            foreach (var failure in outcome.Failures)
            {
                _host.WriteScimError(failure.Error, failure.Group, ScimResourceKind.Group);
            }
            foreach (var already in outcome.AlreadyMembers)
            {
                _host.WriteVerbose("User " + already.UserId + " is already in group '" + already.Name + "'; nothing sent for it.");
            }
            foreach (var restored in outcome.Restored)
            {
                _host.WriteVerbose("Restored " + restored.UserIds.Count + " member(s) to group " + restored.GroupId + ".");
            }
        }

        private static string ClockWarning(ClockChoice choice, ScimUser user, JournalLine restored)
        {
            static string Place(LifecycleRecord record) => (record.IsDisable ? "the Disable" : "the Enable") + " on "
                + (record.Host ?? "an unnamed host") + " (" + record.Path + ", line " + record.Number + ", "
                + record.Time.ToString("u", CultureInfo.InvariantCulture) + ")";
            return "The journal cannot tell which record of " + TargetResolver.Describe(user) + " came last: " + Place(choice.Later)
                + " and " + Place(choice.Earlier) + " do not name each other, so their machines' clocks decided that the one on "
                + (choice.Later.Host ?? "an unnamed host") + " is later. Restoring the groups of " + restored.Path + " line "
                + restored.Number + "; if a clock was wrong, compare the records with Get-ModeScimJournal -UserId " + user.Id + ".";
        }
    }
}
