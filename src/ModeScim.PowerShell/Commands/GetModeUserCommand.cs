using System;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Gets Mode users: all of them streamed page by page, or those named by identity, userName,
    /// email or a SCIM filter.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ModeUser))]
    public sealed class GetModeUserCommand : ModeScimConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdentitySet = "Identity";
        private const string UserNameSet = "UserName";
        private const string EmailSet = "Email";

        /// <summary>A user object, userName or id.</summary>
        [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity?[] Identity { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>userNames; wildcards allowed.</summary>
        [Parameter(ParameterSetName = UserNameSet, Mandatory = true)]
        [SupportsWildcards]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public string[] UserName { get; set; } = Array.Empty<string>();

        /// <summary>Email addresses; wildcards allowed.</summary>
        [Parameter(ParameterSetName = EmailSet, Mandatory = true)]
        [SupportsWildcards]
        [AllowEmptyString]
        public string[] Email { get; set; } = Array.Empty<string>();

        /// <summary>A SCIM filter, such as 'name.familyName sw "O"'. Combined with the other criteria by and.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = UserNameSet)]
        [Parameter(ParameterSetName = EmailSet)]
        public string? Filter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = UserNameSet)]
        [Parameter(ParameterSetName = EmailSet)]
        public ModeUserStatus Status { get; set; } = ModeUserStatus.Any;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdentitySet)
            {
                // -Identity $null binds a null array: one missing identity, reported as such.
                foreach (var identity in Identity ?? new ModeUserIdentity?[] { null })
                {
                    WriteResolvedUser(identity);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != IdentitySet)
            {
                var values = ParameterSetName == UserNameSet ? UserName : ParameterSetName == EmailSet ? Email : null;
                var request = new UserListRequest(values == null ? null : ParameterSetName, values, Status, Filter, PagingParameters.Skip);
                request.Refused.ForEach(WriteItemError);
                if (request.Selections.Count > 0)
                {
                    WriteListing(request);
                }
            }
        }

        /// <summary>How many users named by identity are shown with their groups read from a source the module trusts (a
        /// read by id, the group side, a filter or the REST API); past it, users show what the server's answer shows.</summary>
        private const int TrueGroupsForAtMost = 25;

        private int _named;

        private void WriteResolvedUser(ModeUserIdentity? identity)
        {
            var user = Targets.ResolveUser(identity);
            if (user == null)
            {
                return;
            }
            // What an admin sees before an offboarding is what the journal will record.
            var memberships = ++_named <= TrueGroupsForAtMost ? ReadGroupsOrNull(user) : null;
            WriteObject(ModeUserMapper.ToModeUser(user, null, Client.Capabilities, memberships));
        }

        private ScimUserMemberships? ReadGroupsOrNull(ScimUser user)
        {
            try
            {
                return Await(token => Memberships.ReadAsync(user, token));
            }
            catch (ScimException ex)
            {
                WriteVerbose("The groups of " + Describe(user) + " could not be read (" + ex.Message
                    + "); shown as the server's answer shows them.");
                return null;
            }
        }

        private void WriteListing(UserListRequest request)
        {
            var paging = PagingParameters;
            var query = new ScimUserQuery(Client, request.Selections) { Skip = paging.Skip, First = paging.First };
            LearnWhetherUsersShowGroups();
            foreach (var selection in query.Selections)
            {
                var outcome = new ScimUserQueryOutcome();
                // Cut short by an error or by -First, a listing says neither whether anyone matched nor how many did.
                if (TryWriteSelection(query, selection, outcome) && !outcome.StoppedAtFirst)
                {
                    var exact = request.ExactValue(selection);
                    if (exact != null && outcome.Matched == 0)
                    {
                        WriteItemError(ErrorRecordFactory.UserNotFound(exact));
                    }
                    if (query.Selections.Count == 1 && paging.IncludeTotalCount && (outcome.Total == null || !outcome.ServerPaged))
                    {
                        WriteObject(paging.NewTotalCount(query.HandedOut + query.Skipped, outcome.Total == null ? 1.0 : 0.0));
                    }
                }
                if (query.IsFull)
                {
                    return;
                }
            }
            if (query.Selections.Count > 1 && paging.IncludeTotalCount)
            {
                WriteObject(paging.NewTotalCount(query.HandedOut + query.Skipped, 1.0));
            }
        }

        /// <summary>Writes the users of one selection as its pages arrive; false after a failure, written as an error.</summary>
        private bool TryWriteSelection(ScimUserQuery query, ScimUserSelection selection, ScimUserQueryOutcome outcome)
        {
            using (var output = new UserListingOutput(this, Client.Capabilities))
            {
                try
                {
                    foreach (var page in Stream(query.ReadAsync(selection, outcome, StopToken)))
                    {
                        output.Write(page, outcome);
                    }
                    ShortListing.Warn(this, outcome.Listing, "users");
                    return true;
                }
                catch (ScimException ex)
                {
                    WriteScimError(ex, selection.Filter?.ToString(), ScimResourceKind.User);
                    return false;
                }
            }
        }

        // A few requests once per connection, so that users without groups are shown as such, not as unknown.
        private void LearnWhetherUsersShowGroups()
        {
            try
            {
                Await(token => Memberships.LearnWhetherUsersShowGroupsAsync(token));
            }
            catch (ScimException ex)
            {
                WriteVerbose("Whether users' 'groups' can be trusted could not be learned (" + ex.Message
                    + "); groups are shown as unknown where a user names none.");
            }
        }
    }
}
