using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Reactivates users. With -RestoreGroups, puts each user back into the groups that its latest
    /// Disable record in the journal holds: after all users are enabled, one batched PATCH per group.</summary>
    [Cmdlet(VerbsLifecycle.Enable, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUser))]
    public sealed class EnableModeUserCommand : ModeUserLifecycleCmdlet
    {
        private const int MembersPerRequest = 100;

        private readonly List<PendingRestore> _pending = new List<PendingRestore>();
        private JournalIndex? _journal;

        /// <summary>Re-add the group memberships recorded when the user was last disabled. A user the journal holds no
        /// Disable record of is refused (ModeScim.NoRestoreRecord) and stays disabled, unless -Force.</summary>
        [Parameter]
        public SwitchParameter RestoreGroups { get; set; }

        /// <summary>With -RestoreGroups, enable a user the journal holds no Disable record of anyway, without groups.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (RestoreGroups)
            {
                _journal = Journal;
                foreach (var line in _journal.BrokenLines)
                {
                    WriteWarning("Skipped line " + line.Number + " of " + line.Path + ": not a whole record ("
                        + line.Problem + ").");
                }
            }
        }

        protected override void ProcessRecord()
        {
            foreach (var identity in Identities)
            {
                Enable(identity);
            }
        }

        private void Enable(ModeUserIdentity? identity)
        {
            var user = Targets.ResolveUser(identity);
            if (user == null)
            {
                return;
            }
            var toRestore = GroupsToRestore(user, identity);
            if (toRestore == null)
            {
                return;
            }
            var needsEnable = user.Active == false;
            if (!needsEnable && toRestore.Count == 0)
            {
                WriteVerbose(Describe(user) + " is already active"
                    + (RestoreGroups ? " and in every recorded group" : string.Empty) + "; nothing to do.");
                if (PassThru)
                {
                    WriteObject(ModeUserMapper.ToModeUser(user, null, Client.Capabilities));
                }
                return;
            }
            var action = (needsEnable ? "Enable" : "Keep active")
                + (toRestore.Count > 0 ? " and restore groups: " + string.Join(", ", toRestore.Select(g => g.DisplayName ?? g.Id))
                : string.Empty);
            if (!ShouldProcess(Describe(user), action))
            {
                return;
            }
            try
            {
                if (needsEnable)
                {
                    var updater = new ScimUserUpdater(Client);
                    user = Await(token => updater.SetActiveAsync(user, true, token));
                }
                _pending.Add(new PendingRestore(user, toRestore));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }

        protected override void EndProcessing()
        {
            var outcome = RestoreMemberships();
            foreach (var pending in _pending)
            {
                var groups = pending.Groups.Where(g => outcome.WasRestored(g.Id, pending.User.Id!)).ToList();
                TryJournal(JournalActions.Enable, pending.User, groups, Reason, out _);
                if (PassThru)
                {
                    WritePassThru(pending.User, groups.Count > 0);
                }
            }
        }

        /// <summary>The groups to put the user back in; null after refusing a user with no record to restore from.</summary>
        private List<ModeGroupMembership>? GroupsToRestore(ScimUser user, ModeUserIdentity? identity)
        {
            if (_journal == null)
            {
                return new List<ModeGroupMembership>();
            }
            var source = _journal.RestoreSourceFor(user.Id!);
            if (source == null)
            {
                if (user.Active != false)
                {
                    WriteVerbose("The journal " + ResolvedJournalPath + " has no Disable record for " + Describe(user)
                        + ", which is active; there are no groups to restore.");
                    return new List<ModeGroupMembership>();
                }
                if (!Force)
                {
                    WriteItemError(ErrorRecordFactory.NoRestoreRecord(identity ?? (object)Describe(user), Describe(user),
                        ResolvedJournalPath, "-Force"));
                    return null;
                }
                WriteWarning("The journal " + ResolvedJournalPath + " has no Disable record for " + Describe(user)
                    + "; it is enabled without groups (-Force).");
                return new List<ModeGroupMembership>();
            }
            // Skip groups the user is in already, as far as the server's answer shows them; where it does not, nothing is
            // skipped, and adding a member a group has is harmless.
            var current = new HashSet<string>((ScimUserGroups.Shown(user, Client.Capabilities) ?? new List<ScimMultiValue>())
                .Select(g => g.Value ?? string.Empty));
            var recorded = GroupsRecordedIn(source, user);
            foreach (var group in recorded.Where(g => current.Contains(g.Id)))
            {
                WriteVerbose(Describe(user) + " is already in group '" + (group.DisplayName ?? group.Id) + "'; nothing sent for it.");
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
                var outcome = Await(token => new MembershipRestorer(Client, MembersPerRequest).RestoreAsync(memberships, token));
                ReportRestore(outcome);
                return outcome;
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, null, ScimResourceKind.Group);
                return new RestoreOutcome();
            }
        }

        private void WritePassThru(ScimUser user, bool reread)
        {
            if (!reread)
            {
                WriteObject(ModeUserMapper.ToModeUser(user, null, Client.Capabilities));
                return;
            }
            try
            {
                WriteObject(ModeUserMapper.ToModeUser(Await(token => Client.Users.GetAsync(user.Id!, token)), null, Client.Capabilities));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, user.UserName, ScimResourceKind.User);
            }
        }

        private sealed class PendingRestore
        {
            public PendingRestore(ScimUser user, List<ModeGroupMembership> groups)
            {
                User = user;
                Groups = groups;
            }

            public ScimUser User { get; }

            public List<ModeGroupMembership> Groups { get; }
        }
    }
}
