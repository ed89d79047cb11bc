using System;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Deactivates users, journalling each one's groups first (Mode drops them): see
    /// <see cref="DisableUsersOperation"/>.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class DisableModeUserCommand : ModeScimConnectedCmdlet
    {
        private DisableUsersOperation? _operation;

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

        /// <summary>Return the journal record of each user disabled.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the user's local
        /// application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Disable even when the server lets no one read the user's groups; the journal then records them
        /// as unknown, and -RestoreGroups cannot put them back.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownGroups { get; set; }

        /// <summary>Before each user is disabled, give this member (email or Mode username) edit access on the user's
        /// collections and move the reports of the user's personal collections into -HandoverCollection. Needs the
        /// REST API; every change is journalled and Undo-ModeHandover reverses them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public string? HandoverTo { get; set; }

        /// <summary>The shared collection that receives the reports of the leaver's personal collections.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModeCollectionNameCompleter))]
        public string? HandoverCollection { get; set; }

        /// <summary>Hand over what is known when the REST API names no creator for some collections (they are named in a
        /// warning), instead of refusing the handover and leaving the leaver enabled.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownOwner { get; set; }

        /// <summary>Disable even the last active Mode admin, or the account that owns the REST credentials in use (the
        /// lockout guard). Overrides nothing else: -Confirm is still asked.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() =>
            {
                var options = new DisableUsersOptions
                {
                    AllowUnknownGroups = AllowUnknownGroups,
                    HandoverTo = HandoverTo,
                    HandoverCollection = HandoverCollection,
                    AllowUnknownOwner = AllowUnknownOwner,
                    PassThru = PassThru,
                    Force = Force,
                };
                _operation = new DisableUsersOperation(this, Session, OpenJournal(JournalPath), options);
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
