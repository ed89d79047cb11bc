using System.Management.Automation;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Creates Mode users, one per pipeline row: binds the columns an HR export has
    /// (Mail, FirstName, LastName, EmployeeId, ...) and refuses bad rows before any request (see
    /// <see cref="NewUsersOperation"/>).</summary>
    [Cmdlet(VerbsCommon.New, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUser))]
    public sealed class NewModeUserCommand : ModeScimConnectedCmdlet
    {
        /// <summary>The sign-in name, usually the email address.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name")]
        [AllowNull]
        [AllowEmptyString]
        public string? UserName { get; set; }

        /// <summary>Work email; defaults to UserName when that is an email address.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Mail", "EmailAddress", "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email")]
        [AllowNull]
        [AllowEmptyString]
        public string? Email { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FirstName", "name.givenName", "First Name [Required]", "First name", "Legal First Name")]
        [AllowNull]
        [AllowEmptyString]
        public string? GivenName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("LastName", "Surname", "Sn", "name.familyName", "Last Name [Required]", "Last name", "Legal Last Name")]
        [AllowNull]
        [AllowEmptyString]
        public string? FamilyName { get; set; }

        /// <summary>Defaults to "GivenName FamilyName" when both are given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "FullName", "name.fullName", "Display name")]
        [AllowNull]
        [AllowEmptyString]
        public string? DisplayName { get; set; }

        /// <summary>The HR system's key for the person.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmployeeId", "EmployeeNumber", "Employee ID", "Employee Number", "Worker ID")]
        [AllowNull]
        [AllowEmptyString]
        public string? ExternalId { get; set; }

        /// <summary>Create the account deactivated.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Inactive { get; set; }

        /// <summary>A row from an export, as piped. It is read by the module's one column table (status columns
        /// included), so a row the source marks as not active is refused and a row without any column the module reads
        /// gets one clear error naming the columns it has; a string piped in is a userName.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Create Entra guest rows (#EXT# in the userName) too; without it they are skipped with a warning.</summary>
        [Parameter]
        public SwitchParameter IncludeGuests { get; set; }

        /// <summary>Your own names for columns the module's table does not know, read before the table's:
        /// @{ 'Work Email' = 'Email'; 'Worker ID' = 'ExternalId'; 'Emp Status' = 'Status' }. Targets: UserName, Email,
        /// GivenName, FamilyName, DisplayName, ExternalId, and Status (a status word), Enabled or Disabled (flags).</summary>
        [Parameter]
        public System.Collections.Hashtable? ColumnMap { get; set; }

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the user's local
        /// application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        private ColumnMapping _columnMap = ColumnMapping.None;
        private NewUsersOperation? _operation;
        private int _rowNumber;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _columnMap = ReadColumnMap(ColumnMap);
            Run(() => _operation = new NewUsersOperation(this, Session, OpenJournal(JournalPath), IncludeGuests));
        }

        protected override void ProcessRecord()
        {
            _rowNumber++;
            var piped = InputObject != null && !(InputObject.BaseObject is string) ? InputObject : null;
            if (piped == null)
            {
                var spec = FromParameters();
                _operation!.Create(new DesiredUserRow(_rowNumber, spec, string.Empty, spec.UserName == null ? CurrentRow() : null),
                    fromObject: false, active: !Inactive);
            }
            else if (!UserColumns.ReadsAny(piped, _columnMap))
            {
                WriteItemError(ErrorRecordFactory.InvalidInput("Row " + _rowNumber + " has no column New-ModeUser reads; its columns are "
                    + UserColumns.Describe(piped) + ". " + UserColumns.AcceptedHint, piped));
            }
            else
            {
                var row = new DesiredUserRow(_rowNumber, DesiredUserReader.Read(piped, _columnMap), UserColumns.Describe(piped), piped);
                _operation!.Create(row, fromObject: true, active: !Inactive);
            }
        }

        private UserSpec FromParameters()
        {
            // Mode's userNames are email addresses: a row with only an email column names the user by it, as
            // Sync-ModeUser reads such a row.
            var userName = !string.IsNullOrWhiteSpace(UserName) ? UserName : (InputObject?.BaseObject as string) ?? Email;
            return new UserSpec(userName, Email, GivenName, FamilyName, DisplayName, ExternalId);
        }

        // With no userName to name it by, the error carries the values the row did have.
        private PSObject CurrentRow()
        {
            var row = new PSObject();
            foreach (var pair in MyInvocation.BoundParameters)
            {
                row.Properties.Add(new PSNoteProperty(pair.Key, pair.Value));
            }
            return row;
        }
    }
}
