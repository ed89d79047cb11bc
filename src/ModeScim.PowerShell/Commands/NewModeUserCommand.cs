using System.Collections.Generic;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Creates Mode users, one per pipeline row: binds the columns an HR export has
    /// (Mail, FirstName, LastName, EmployeeId, ...) and refuses bad rows before any request.</summary>
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

        private int _rowNumber;

        /// <summary>Your own names for columns the module's table does not know, read before the table's:
        /// @{ 'Work Email' = 'Email'; 'Worker ID' = 'ExternalId'; 'Emp Status' = 'Status' }. Targets: UserName, Email,
        /// GivenName, FamilyName, DisplayName, ExternalId, and Status (a status word), Enabled or Disabled (flags).</summary>
        [Parameter]
        public System.Collections.Hashtable? ColumnMap { get; set; }

        private Users.ColumnMapping _columnMap = Users.ColumnMapping.None;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _columnMap = ReadColumnMap(ColumnMap);
        }

        protected override void ProcessRecord()
        {
            var user = BuildUser();
            if (user == null || !ShouldProcess(user.UserName, "Create Mode user"))
            {
                return;
            }
            try
            {
                // Look first, as Okta and Entra do: a server may answer a duplicate POST by handing back the
                // existing user (with 201 or 200) instead of 409, and only the lookup tells that apart.
                var existing = Await(token => new ScimUserResolver(Client).FindByUserNameAsync(user.UserName!, token));
                if (existing != null)
                {
                    WriteItemError(ErrorRecordFactory.UserAlreadyExists(user.UserName!, existing.UserName, existing.Id, null));
                    return;
                }
                var outcome = Await(token => Client.Users.CreateOrAdoptAsync(user, token));
                if (!InputValidation.SameUserName(user.UserName, outcome.Resource.UserName))
                {
                    WriteItemError(ErrorRecordFactory.CreateAnsweredWithAnother(user.UserName!, outcome.Resource.UserName!,
                        outcome.Resource.Id));
                    return;
                }
                if (outcome.Adopted)
                {
                    WriteItemError(
                        ErrorRecordFactory.UserAlreadyExists(user.UserName!, outcome.Resource.UserName, outcome.Resource.Id, null));
                    return;
                }
                // A user just made is in no group, whatever the server's answer shows of "groups".
                WriteObject(ModeUserMapper.ToModeUser(outcome.Resource, null, Client.Capabilities,
                    ScimUserMemberships.Known(new List<ScimMultiValue>(), ScimMembershipSource.UserAttribute)));
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.Conflict)
            {
                var holder = FindHolder(user.UserName!, out var lookedUp);
                WriteItemError(holder == null && lookedUp ? ErrorRecordFactory.DuplicateRefused(user.UserName!, ex)
                    : ErrorRecordFactory.UserAlreadyExists(user.UserName!, holder?.UserName, holder?.Id, ex));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, user.UserName, ScimResourceKind.User);
            }
        }

        /// <summary>The user to create, or null after writing why the input cannot be sent.</summary>
        private ScimUser? BuildUser()
        {
            _rowNumber++;
            var piped = InputObject != null && !(InputObject.BaseObject is string) ? InputObject : null;
            var spec = piped != null ? ReadRow(piped) : FromParameters();
            if (spec == null)
            {
                return null;
            }
            if (!spec.IsValid)
            {
                var who = string.IsNullOrEmpty(spec.UserName) ? "A user" : "User '" + spec.UserName + "'";
                var columns = piped == null ? string.Empty
                    : " (row " + _rowNumber + "; its columns are " + UserColumns.Describe(piped) + ")";
                WriteItemError(
                    ErrorRecordFactory.InvalidInput(who + " was not created" + columns + ": " + string.Join(" ", spec.Problems),
                    (object?)spec.UserName ?? (object?)piped ?? CurrentRow()));
                return null;
            }
            return spec.ToNewUser(active: !Inactive);
        }

        private UserSpec FromParameters()
        {
            // Mode's userNames are email addresses: a row with only an email column names the user by it, as
            // Sync-ModeUser reads such a row.
            var userName = !string.IsNullOrWhiteSpace(UserName) ? UserName : (InputObject?.BaseObject as string) ?? Email;
            return new UserSpec(userName, Email, GivenName, FamilyName, DisplayName, ExternalId);
        }

        /// <summary>A piped row read as Sync-ModeUser reads it; null after saying why it is not created.</summary>
        private UserSpec? ReadRow(PSObject row)
        {
            var spec = DesiredUserReader.Read(row, _columnMap);
            var label = spec.UserName ?? "Row " + _rowNumber;
            if (!UserColumns.ReadsAny(row, _columnMap))
            {
                WriteItemError(ErrorRecordFactory.InvalidInput("Row " + _rowNumber + " has no column New-ModeUser reads; its columns are "
                    + UserColumns.Describe(row) + ". " + UserColumns.AcceptedHint, row));
                return null;
            }
            if (spec.Status.Problem != null)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(label + " was not created: " + spec.Status.Problem, row));
                return null;
            }
            if (spec.Status.IsInactive)
            {
                WriteItemError(ErrorRecordFactory.InactiveInSource(label, spec.Status.Describe(), _rowNumber));
                return null;
            }
            if (spec.IsGuest && !IncludeGuests)
            {
                WriteWarning(label + " is an Entra guest (#EXT#) and was not created; -IncludeGuests creates guests.");
                return null;
            }
            return spec;
        }

        /// <param name="lookedUp">False when the lookup failed: then nobody can be said to hold the userName or not.</param>
        private ScimUser? FindHolder(string userName, out bool lookedUp)
        {
            try
            {
                var holder = Await(token => new ScimUserResolver(Client).FindByUserNameAsync(userName, token));
                lookedUp = true;
                return holder;
            }
            catch (ScimException)
            {
                // The conflict is what matters; naming the holder is a courtesy.
                lookedUp = false;
                return null;
            }
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
