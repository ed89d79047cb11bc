using System;
using System.Collections.Generic;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Changes exactly the attributes given: see <see cref="SetUserOperation"/>.</summary>
    [Cmdlet(VerbsCommon.Set, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUser))]
    public sealed class SetModeUserCommand : ModeScimConnectedCmdlet
    {
        /// <summary>A user object, userName or id; from a row, its userName or Id column (by the names in
        /// UserColumns), so Import-Csv | Set-ModeUser works. An email column is what -Email sets, not who.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name", "Id")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity?[] Identity { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>A new userName (sign-in name): a rename, never bound from a row.</summary>
        [Parameter]
        public string? NewUserName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Mail", "EmailAddress", "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email")]
        public string? Email { get; set; }

        /// <summary>An empty string clears it (from a row, an empty cell leaves it alone).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FirstName", "name.givenName", "First Name [Required]", "First name", "Legal First Name")]
        [AllowEmptyString]
        public string? GivenName { get; set; }

        /// <summary>An empty string clears it (from a row, an empty cell leaves it alone).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("LastName", "Surname", "Sn", "name.familyName", "Last Name [Required]", "Last name", "Legal Last Name")]
        [AllowEmptyString]
        public string? FamilyName { get; set; }

        /// <summary>An empty string clears it (from a row, an empty cell leaves it alone).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "FullName", "name.fullName", "Display name")]
        [AllowEmptyString]
        public string? DisplayName { get; set; }

        /// <summary>An empty string clears it (from a row, an empty cell leaves it alone).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmployeeId", "EmployeeNumber", "Employee ID", "Employee Number", "Worker ID")]
        [AllowEmptyString]
        public string? ExternalId { get; set; }

        /// <summary>Return the user as the server has it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the user's local
        /// application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        private HashSet<string> _typed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private SetUserOperation? _operation;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Parameters bound now were typed on the command line; the rest come from pipeline rows.
            _typed = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            Run(() => _operation = new SetUserOperation(this, Session, OpenJournal(JournalPath), PassThru));
        }

        protected override void ProcessRecord()
        {
            // One set of new values is one user's: several named at once are refused plainly, never a binder error.
            if (TryGetOne(Identity, "user", "To change several, pipe them, or rows with their new values.", out var identity))
            {
                Run(() => _operation!.Set(identity, new UserChangeValues(_typed)
                {
                    NewUserName = NewUserName,
                    Email = Email,
                    GivenName = GivenName,
                    FamilyName = FamilyName,
                    DisplayName = DisplayName,
                    ExternalId = ExternalId,
                }));
            }
        }
    }
}
