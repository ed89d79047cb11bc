using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Changes exactly the attributes given, with one PATCH (or, on a server without PATCH,
    /// one PUT of the current user with those attributes changed).</summary>
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

        private HashSet<string> _typed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Parameters bound now were typed on the command line; the rest come from pipeline rows.
            _typed = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        }

        protected override void ProcessRecord()
        {
            // One set of new values is one user's: several named at once are refused plainly, never a binder error.
            if (!TryGetOne(Identity, "user", "To change several, pipe them, or rows with their new values.", out var identity))
            {
                return;
            }
            var change = BuildChange(identity);
            if (change == null)
            {
                return;
            }
            var user = Targets.ResolveUser(identity);
            if (user == null || !ShouldProcess(Describe(user), "Set " + string.Join(", ", change.ChangedAttributes)))
            {
                return;
            }
            try
            {
                var updater = new ScimUserUpdater(Client);
                var updated = Await(token => updater.ApplyAsync(user, change, token));
                if (PassThru)
                {
                    WriteObject(ModeUserMapper.ToModeUser(updated, null, Client.Capabilities));
                }
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.Conflict && change.UserName != null)
            {
                WriteItemError(ErrorRecordFactory.UserAlreadyExists(change.UserName, null, null, ex));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }

        /// <summary>A typed '' clears the attribute; an empty cell of a piped row leaves it alone, so a sparse export
        /// never erases what Mode has.</summary>
        private string? FromRowOrTyped(string parameter, string? value)
        {
            var clean = UserInputValidator.Clean(value);
            return clean == string.Empty && !_typed.Contains(parameter) ? null : clean;
        }

        /// <summary>The change to make, or null after writing why the input cannot be sent.</summary>
        private ScimUserChange? BuildChange(ModeUserIdentity? identity)
        {
            var change = new ScimUserChange
            {
                UserName = UserInputValidator.Clean(NewUserName),
                Email = FromRowOrTyped(nameof(Email), Email),
                GivenName = FromRowOrTyped(nameof(GivenName), GivenName),
                FamilyName = FromRowOrTyped(nameof(FamilyName), FamilyName),
                DisplayName = FromRowOrTyped(nameof(DisplayName), DisplayName),
                ExternalId = FromRowOrTyped(nameof(ExternalId), ExternalId),
            };
            var problems = new[]
            {
                change.UserName == null ? null : UserInputValidator.Check("UserName", change.UserName, required: true, identifier: true),
                change.Email == null ? null
                    : UserInputValidator.Check("Email", change.Email, required: true, isEmail: true, identifier: true),
                UserInputValidator.Check("GivenName", change.GivenName, required: false),
                UserInputValidator.Check("FamilyName", change.FamilyName, required: false),
                UserInputValidator.Check("DisplayName", change.DisplayName, required: false),
                UserInputValidator.Check("ExternalId", change.ExternalId, required: false, identifier: true),
            }.Where(p => p != null).ToList();
            if (change.IsEmpty)
            {
                problems.Add(
                    "Name at least one attribute to change: -NewUserName, -Email, -GivenName, -FamilyName, -DisplayName or -ExternalId.");
            }
            if (problems.Count > 0)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(string.Join(" ", problems), identity));
                return null;
            }
            return change;
        }
    }
}
