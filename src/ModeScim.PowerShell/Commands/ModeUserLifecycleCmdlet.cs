using System;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Disable-, Enable- and Remove-ModeUser: a journalled change to users named by identity, with a
    /// reason for the journal and an optional -PassThru.</summary>
    public abstract class ModeUserLifecycleCmdlet : ModeUserJournalledCmdlet
    {
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

        /// <summary>The users this record names. -Identity $null binds a null array: one missing identity, reported as
        /// such.</summary>
        private protected ModeUserIdentity?[] Identities => Identity ?? new ModeUserIdentity?[] { null };

        /// <summary>Why, for the journal: a ticket number, "left the company".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Reason { get; set; }

        /// <summary>Return what was done, for each user.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }
    }
}
