using System.Management.Automation;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Deactivates users. Mode drops every group membership of a deactivated user, so the user's
    /// current groups are written to the journal, and flushed to disk, before active is set to false:
    /// Enable-ModeUser -RestoreGroups can then put them back.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class DisableModeUserCommand : ModeUserJournalledCmdlet
    {
        /// <summary>A user object, userName or id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserName", "Id")]
        [AllowNull]
        [AllowEmptyString]
        public ModeUserIdentity? Identity { get; set; }

        /// <summary>Why, for the journal: a ticket number, "left the company".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Reason { get; set; }

        /// <summary>Return the journal record of each user disabled.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var user = ResolveUser(Identity);
            if (user == null)
            {
                return;
            }
            if (user.Active == false)
            {
                WriteVerbose(Describe(user) + " is already inactive; nothing to do.");
                return;
            }
            var client = ActiveConnection.Client;
            try
            {
                var groups = Await(client, token => UserMemberships.ReadAsync(client, user, token));
                var action = "Disable (recording " + groups.Count + " group membership" + (groups.Count == 1 ? "" : "s") + " in " + ResolvedJournalPath + ")";
                if (!ShouldProcess(Describe(user), action))
                {
                    return;
                }
                if (!TryJournal(JournalActions.Disable, user, groups, Reason, out var record))
                {
                    return;
                }
                var updater = new UserUpdater(client, ActiveConnection.PatchSupported);
                Await(client, token => updater.SetActiveAsync(user, false, token));
                if (PassThru)
                {
                    WriteObject(record);
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, Identity, ScimResourceKind.User);
            }
        }
    }
}
