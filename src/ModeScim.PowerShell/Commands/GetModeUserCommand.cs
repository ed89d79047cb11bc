using System;
using System.Collections.Generic;
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
    /// email, a search over names and emails, or a SCIM filter.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeUser", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ModeUser))]
    public sealed class GetModeUserCommand : ModeScimConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string IdentitySet = "Identity";
        private const string UserNameSet = "UserName";
        private const string EmailSet = "Email";
        private const string SearchSet = "Search";

        /// <summary>A user object, userName or id; text with * or ? lists the userNames it matches, as -UserName.</summary>
        [Parameter(ParameterSetName = IdentitySet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
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
        [ArgumentCompleter(typeof(ModeEmailCompleter))]
        public string[] Email { get; set; } = Array.Empty<string>();

        /// <summary>Text found anywhere (regardless of case) in a userName, display name, given or family name, or email.</summary>
        [Parameter(ParameterSetName = SearchSet, Mandatory = true)]
        [AllowEmptyString]
        public string[] Search { get; set; } = Array.Empty<string>();

        /// <summary>A SCIM filter, such as 'name.familyName sw "O"'. Combined with the other criteria by and.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = UserNameSet)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = SearchSet)]
        public string? Filter { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = UserNameSet)]
        [Parameter(ParameterSetName = EmailSet)]
        [Parameter(ParameterSetName = SearchSet)]
        public ModeUserStatus Status { get; set; } = ModeUserStatus.Any;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdentitySet)
            {
                // -Identity $null binds a null array: one missing identity, reported as such.
                foreach (var identity in Identity ?? new ModeUserIdentity?[] { null })
                {
                    var pattern = PatternOf(identity);
                    if (pattern != null)
                    {
                        WriteRequested(new UserListRequest(UserNameSet, new[] { pattern }, Status, null, PagingParameters.Skip));
                    }
                    else
                    {
                        WriteResolvedUser(identity);
                    }
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName != IdentitySet)
            {
                var values = ParameterSetName == UserNameSet ? UserName : ParameterSetName == EmailSet ? Email
                    : ParameterSetName == SearchSet ? Search : null;
                WriteRequested(new UserListRequest(values == null ? null : ParameterSetName, values, Status, Filter,
                    PagingParameters.Skip));
            }
        }

        private void WriteRequested(UserListRequest request)
        {
            request.Refused.ForEach(WriteItemError);
            if (request.Selections.Count > 0)
            {
                WriteListing(request);
            }
        }

        /// <summary>Text with '*' or '?' names userNames, not one user (no id holds either); null for anything else.</summary>
        private static string? PatternOf(ModeUserIdentity? identity)
        {
            return identity?.User != null || string.IsNullOrWhiteSpace(identity?.Text) ? null
                : UserCriteria.IdentityPattern(identity!.Text!);
        }

        /// <summary>How many users named by identity are shown with their groups read from a source the module trusts (a
        /// read by id, the group side, a filter or the REST API); past it, users show what the server's answer shows.</summary>
        private const int TrueGroupsForAtMost = 25;

        private int _named;

        private void WriteResolvedUser(ModeUserIdentity? identity)
        {
            var user = ResolveOrSuggest(identity);
            if (user == null)
            {
                return;
            }
            // What an admin sees before an offboarding is what the journal will record.
            var memberships = ++_named <= TrueGroupsForAtMost ? ReadGroupsOrNull(user) : null;
            WriteObject(ModeUserMapper.ToModeUser(user, null, Client.Capabilities, memberships));
        }

        /// <summary>As <see cref="TargetResolver.ResolveUser"/>, but a text nobody has is answered with the closest
        /// userNames.</summary>
        private ScimUser? ResolveOrSuggest(ModeUserIdentity? identity)
        {
            if (!Targets.IsUsable(identity))
            {
                return null;
            }
            try
            {
                var resolution = Await(token => identity.ResolveWith(new ScimUserResolver(Client), token));
                if (resolution.User == null && !resolution.IsAmbiguous && identity.User == null)
                {
                    WriteItemError(ErrorRecordFactory.UserNotFound(identity, Suggest(identity.Text!)));
                    return null;
                }
                return Targets.UserFrom(identity, resolution);
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.User);
                return null;
            }
        }

        // The userNames read for suggestions, per first letter: a pipeline of many misses costs one bounded listing per
        // letter, not one per miss.
        private readonly Dictionary<string, IReadOnlyList<string>> _candidates = new Dictionary<string, IReadOnlyList<string>>();

        /// <summary>The closest userNames to a miss; none when they cannot be read (the miss is what matters).</summary>
        private IReadOnlyList<string> Suggest(string text)
        {
            var typed = ScimUserNameSuggester.Typed(text);
            var letter = ScimUserNameSuggester.FirstLetter(typed);
            if (letter == null)
            {
                return Array.Empty<string>();
            }
            if (!_candidates.TryGetValue(letter, out var names))
            {
                try
                {
                    names = Await(token => ScimUserNameSuggester.ReadCandidatesAsync(Client, letter, token));
                }
                catch (ScimException ex)
                {
                    WriteVerbose("No userNames could be suggested for '" + text + "' (" + ex.Message + ").");
                    names = Array.Empty<string>();
                }
                _candidates[letter] = names;
            }
            return ScimUserNameSuggester.Closest(typed, names);
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
                        WriteItemError(ErrorRecordFactory.UserNotFound(exact, Suggest(exact)));
                    }
                    var searched = request.SearchedText(selection);
                    if (searched != null && outcome.Matched == 0)
                    {
                        WriteSearchMiss(searched);
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

        /// <summary>A search that finds nobody is no error (as a wildcard that matches nothing), but it says so, with the
        /// closest userNames.</summary>
        private void WriteSearchMiss(string text)
        {
            var closest = Suggest(text);
            WriteWarning("No Mode user has '" + text + "' in a userName, name or email."
                + (closest.Count == 0 ? string.Empty : " " + ErrorRecordFactory.DidYouMean(closest)));
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
