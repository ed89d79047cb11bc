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
        /// <summary>A user object, userName or id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Id")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity? Identity { get; set; }

        /// <summary>A new userName (sign-in name).</summary>
        [Parameter]
        public string? UserName { get; set; }

        [Parameter]
        [Alias("Mail", "EmailAddress")]
        public string? Email { get; set; }

        /// <summary>An empty string clears it.</summary>
        [Parameter]
        [Alias("FirstName")]
        [AllowEmptyString]
        public string? GivenName { get; set; }

        /// <summary>An empty string clears it.</summary>
        [Parameter]
        [Alias("LastName", "Surname")]
        [AllowEmptyString]
        public string? FamilyName { get; set; }

        /// <summary>An empty string clears it.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? DisplayName { get; set; }

        /// <summary>An empty string clears it.</summary>
        [Parameter]
        [Alias("EmployeeId")]
        [AllowEmptyString]
        public string? ExternalId { get; set; }

        /// <summary>Return the user as the server has it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var change = BuildChange();
            if (change == null)
            {
                return;
            }
            var user = ResolveUser(Identity);
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
                    WriteObject(ModeUserMapper.ToModeUser(updated));
                }
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.Conflict && change.UserName != null)
            {
                WriteItemError(ErrorRecordFactory.UserAlreadyExists(change.UserName, null, null, ex));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, Identity, ScimResourceKind.User);
            }
        }

        /// <summary>The change to make, or null after writing why the input cannot be sent.</summary>
        private ScimUserChange? BuildChange()
        {
            var change = new ScimUserChange
            {
                UserName = UserInputValidator.Clean(UserName),
                Email = UserInputValidator.Clean(Email),
                GivenName = UserInputValidator.Clean(GivenName),
                FamilyName = UserInputValidator.Clean(FamilyName),
                DisplayName = UserInputValidator.Clean(DisplayName),
                ExternalId = UserInputValidator.Clean(ExternalId),
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
                    "Name at least one attribute to change: -UserName, -Email, -GivenName, -FamilyName, -DisplayName or -ExternalId.");
            }
            if (problems.Count > 0)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(string.Join(" ", problems), Identity));
                return null;
            }
            return change;
        }
    }
}
