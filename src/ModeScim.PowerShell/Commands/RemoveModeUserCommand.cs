using System.Management.Automation;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Deletes users, recording each one's groups in the journal first. Irreversible on the server:
    /// a re-created user gets a new id. Most offboarding should use Disable-ModeUser instead.</summary>
    [Cmdlet(VerbsCommon.Remove, "ModeUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class RemoveModeUserCommand : ModeUserLifecycleCmdlet
    {
        /// <summary>Delete even when the server lets no one read the user's groups; the journal then records them as unknown.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownGroups { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var identity in Identities)
            {
                Remove(identity);
            }
        }

        private void Remove(ModeUserIdentity? identity)
        {
            var user = Targets.ResolveUser(identity);
            if (user == null)
            {
                return;
            }
            try
            {
                var memberships = ReadMemberships(Memberships, user, AllowUnknownGroups, identity);
                if (memberships == null || !ShouldProcess(Describe(user), "Delete permanently (" + JournalNote(memberships) + ")"))
                {
                    return;
                }
                if (!TryJournal(JournalActions.Remove, user, memberships, Reason, out var record))
                {
                    return;
                }
                Await(async token =>
                {
                    await Client.Users.DeleteAsync(user.Id!, token).ConfigureAwait(false);
                    return true;
                });
                if (PassThru)
                {
                    WriteObject(record);
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }
    }
}
