using System;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Deletes users, recording each one's groups in the journal first: see <see cref="RemoveUsersOperation"/>.
    /// Most offboarding should use Disable-ModeUser instead.</summary>
    [Cmdlet(VerbsCommon.Remove, "ModeUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class RemoveModeUserCommand : ModeScimConnectedCmdlet
    {
        private RemoveUsersOperation? _operation;

        /// <summary>Users: objects, userNames or ids; from a row, the first of its userName, email or Id columns by the
        /// names in UserColumns.Identity (Entra, AD, Okta, Google Workspace and HR exports).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        [Alias(
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name", "Email", "Mail", "EmailAddress",
            "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email", "Id")]
        [AllowNull]
        [AllowEmptyString]
        public ModeUserIdentity?[] Identity { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>Why, for the journal: a ticket number, "left the company".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Reason { get; set; }

        /// <summary>Return the journal record of each user deleted.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the user's local
        /// application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Delete even when the server lets no one read the user's groups; the journal then records them as unknown.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownGroups { get; set; }

        /// <summary>Delete even the last active Mode admin, or the account that owns the REST credentials in use (the
        /// lockout guard). Overrides nothing else: -Confirm is still asked.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() => _operation = new RemoveUsersOperation(this, Session, OpenJournal(JournalPath), AllowUnknownGroups, PassThru,
                Force));
        }

        protected override void ProcessRecord()
        {
            foreach (var identity in Identity ?? new ModeUserIdentity?[] { null })
            {
                Run(() => _operation!.Add(identity, Reason));
            }
        }

        protected override void EndProcessing() => Run(() => _operation!.End());
    }
}
