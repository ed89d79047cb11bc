using System;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Reactivates users; with -RestoreGroups, puts each back into the groups its latest Disable record holds:
    /// see <see cref="EnableUsersOperation"/>.</summary>
    [Cmdlet(VerbsLifecycle.Enable, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUser))]
    public sealed class EnableModeUserCommand : ModeScimConnectedCmdlet
    {
        private EnableUsersOperation? _operation;

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

        /// <summary>Return each user as it is now.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the user's local
        /// application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

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
            Run(() =>
            {
                var options = new EnableUsersOptions { RestoreGroups = RestoreGroups, Force = Force, PassThru = PassThru };
                _operation = new EnableUsersOperation(this, Session, OpenJournal(JournalPath), options);
                _operation.Begin();
            });
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
