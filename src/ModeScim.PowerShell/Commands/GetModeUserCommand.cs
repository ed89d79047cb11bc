using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;

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
                var queries = BuildListQueries();
                if (queries.Count > 0)
                {
                    new UserListing(this, queries).Run();
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

        /// <summary>What to list, one listing for each -UserName or -Email given (or one for all users): criteria the
        /// server is asked to filter on where it can (and that are matched here as well), plus a -Filter sent as written.
        /// A value that cannot be sent is left out after an error; none, after an error for the whole command.</summary>
        private List<UserListQuery> BuildListQueries()
        {
            var queries = new List<UserListQuery>();
            ScimFilter? raw = null;
            try
            {
                if (Filter != null)
                {
                    raw = ScimFilter.Raw(Filter);
                }
            }
            catch (ArgumentException ex)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(ex.Message, Filter, ex));
                return queries;
            }
            if (PagingParameters.Skip > int.MaxValue - 1)
            {
                WriteItemError(
                    ErrorRecordFactory.InvalidInput("-Skip " + PagingParameters.Skip + " is larger than SCIM's startIndex allows.",
                    PagingParameters.Skip));
                return queries;
            }
            var values = ParameterSetName == UserNameSet ? UserName : ParameterSetName == EmailSet ? Email : null;
            if (values == null)
            {
                queries.Add(new UserListQuery(WithStatus(), raw, null));
                return queries;
            }
            foreach (var value in values)
            {
                var problem = InputValidation.ProblemWithIdentity(value);
                if (problem != null)
                {
                    WriteItemError(ErrorRecordFactory.InvalidInput(problem.Replace("An identity", "-" + ParameterSetName), value));
                    continue;
                }
                var criterion = ParameterSetName == UserNameSet ? ListCriterion.ForUserName(value) : ListCriterion.ForEmail(value);
                queries.Add(new UserListQuery(WithStatus(criterion), raw, criterion.IsWildcard ? null : value));
            }
            return queries;
        }

        private List<ListCriterion> WithStatus(params ListCriterion[] criteria)
        {
            var all = criteria.ToList();
            if (Status != ModeUserStatus.Any)
            {
                all.Add(ListCriterion.ForStatus(Status == ModeUserStatus.Active));
            }
            return all;
        }

        private static readonly char[] WildcardCharacters = { '*', '?', '[', '`' };

        private static string LiteralPrefix(string pattern)
        {
            var end = pattern.IndexOfAny(WildcardCharacters);
            return end < 0 ? pattern : pattern.Substring(0, end);
        }

        /// <summary>Streams the listings to the pipeline with paging, progress and -IncludeTotalCount. Several listings
        /// (-UserName a,b) are one stream to -First, -Skip and the total: paged here, each user written once.</summary>
        private sealed class UserListing
        {
            private readonly GetModeUserCommand _cmdlet;
            private readonly ScimClient _client;

            private readonly List<UserListQuery> _queries;
            private readonly HashSet<string>? _seen;
            private ulong _written;
            private ulong _skipped;

            public UserListing(GetModeUserCommand cmdlet, List<UserListQuery> queries)
            {
                _cmdlet = cmdlet;
                _client = cmdlet.Client;
                _queries = queries;
                _seen = queries.Count > 1 ? new HashSet<string>(StringComparer.Ordinal) : null;
            }

            private bool Single => _queries.Count == 1;

            private bool Full => _written >= _cmdlet.PagingParameters.First;

            public void Run()
            {
                LearnWhetherUsersShowGroups();
                foreach (var query in _queries)
                {
                    RunQuery(query);
                    if (Full)
                    {
                        return;
                    }
                }
                var paging = _cmdlet.PagingParameters;
                if (!Single && paging.IncludeTotalCount)
                {
                    _cmdlet.WriteObject(paging.NewTotalCount(_written + _skipped, 1.0));
                }
            }

            private void RunQuery(UserListQuery query)
            {
                var capabilities = _client.Capabilities;
                var writtenBefore = _written;
                var clientSideOnly = new HashSet<ListCriterion>();
                while (true)
                {
                    var sent = query.Criteria.Where(c => c.Filter != null && !clientSideOnly.Contains(c)
                        && c.Needs.All(capabilities.MayUse)).ToList();
                    try
                    {
                        List(query, sent);
                        foreach (var capability in sent.SelectMany(c => c.Needs).Distinct())
                        {
                            capabilities.Learn(capability, true);
                        }
                        return;
                    }
                    catch (ScimException ex) when (ex.IsUnsupportedForm && _written == writtenBefore && sent.Any(c => c.Needs.Count > 0))
                    {
                        // The server does not understand part of the filter: match that part here instead, and say so.
                        var refused = sent.Where(c => c.Needs.Count > 0).ToList();
                        var needs = refused.SelectMany(c => c.Needs).Distinct().ToList();
                        if (needs.Count == 1)
                        {
                            capabilities.Learn(needs[0], false);
                        }
                        clientSideOnly.UnionWith(refused);
                        _cmdlet.WriteVerbose("The server refused the filter; listing users and matching "
                            + string.Join(" and ", refused.Select(c => c.Description)) + " here.");
                    }
                    catch (ScimException ex)
                    {
                        _cmdlet.WriteScimError(ex, query.Raw?.ToString(), ScimResourceKind.User);
                        return;
                    }
                }
            }

            // A few requests once per connection, so that users without groups are shown as such, not as unknown.
            private void LearnWhetherUsersShowGroups()
            {
                try
                {
                    _cmdlet.Await(token => _cmdlet.Memberships.LearnWhetherUsersShowGroupsAsync(token));
                }
                catch (ScimException ex)
                {
                    _cmdlet.WriteVerbose("Whether users' 'groups' can be trusted could not be learned (" + ex.Message
                        + "); groups are shown as unknown where a user names none.");
                }
            }

            private void List(UserListQuery query, List<ListCriterion> sent)
            {
                var paging = _cmdlet.PagingParameters;
                var parts = sent.Select(c => c.Filter!).ToList();
                if (query.Raw != null)
                {
                    parts.Add(query.Raw);
                }
                // A match made here decides which users count, so -Skip/-First apply after it.
                var serverPaging = Single && sent.Count == query.Criteria.Count && query.Criteria.All(c => !c.IsWildcard);
                var scimQuery = new ScimListQuery { Filter = parts.Count == 0 ? null : ScimFilter.And(parts.ToArray()) };
                if (serverPaging)
                {
                    scimQuery.StartIndex = (int)paging.Skip + 1;
                    scimQuery.MaxItems = paging.First >= int.MaxValue ? (int?)null : (int)paging.First;
                }
                var progress = new ThrottledProgress(_cmdlet.WriteProgress, ProgressIds.Listing, "Listing Mode users");
                var shared = new ListingSharing();
                var matched = 0;
                int? total = null;
                try
                {
                    foreach (var page in _cmdlet.Stream(_client, _client.Users.ListAsync(scimQuery, _cmdlet.StopToken)))
                    {
                        if (total == null && page.TotalResults.HasValue)
                        {
                            total = page.TotalResults;
                            if (paging.IncludeTotalCount && serverPaging)
                            {
                                _cmdlet.WriteObject(paging.NewTotalCount((ulong)total.Value, 1.0));
                            }
                        }
                        ScimUserGroups.LearnFrom(page.Resources, _client.Capabilities);
                        foreach (var user in page.Resources)
                        {
                            if (!query.Matches(user))
                            {
                                continue;
                            }
                            matched++;
                            if (_seen != null && user.Id != null && !_seen.Add(user.Id))
                            {
                                continue;
                            }
                            if (!serverPaging && _skipped < paging.Skip)
                            {
                                _skipped++;
                                continue;
                            }
                            if (Full)
                            {
                                return;
                            }
                            _cmdlet.WriteObject(ModeUserMapper.ToModeUser(user, shared, _client.Capabilities));
                            _written++;
                        }
                        var received = page.StartIndex - 1 + page.Resources.Count;
                        progress.Report(received, total, total.HasValue ? received + " of " + total.Value : received + " read");
                    }
                    _cmdlet.WarnIfShort(scimQuery.Outcome, "users");
                    if (query.LiteralValue != null && matched == 0)
                    {
                        _cmdlet.WriteItemError(ErrorRecordFactory.UserNotFound(query.LiteralValue));
                    }
                    if (Single && paging.IncludeTotalCount && (total == null || !serverPaging))
                    {
                        _cmdlet.WriteObject(paging.NewTotalCount(_written + _skipped, total == null ? 1.0 : 0.0));
                    }
                }
                finally
                {
                    progress.Complete();
                }
            }
        }

        private sealed class UserListQuery
        {
            public UserListQuery(List<ListCriterion> criteria, ScimFilter? raw, string? literalValue)
            {
                Criteria = criteria;
                Raw = raw;
                LiteralValue = literalValue;
            }

            public List<ListCriterion> Criteria { get; }

            /// <summary>The caller's -Filter: always sent as written, never second-guessed.</summary>
            public ScimFilter? Raw { get; }

            /// <summary>Set for an exact -UserName or -Email: finding nobody is then an error, as with Get-Item.</summary>
            public string? LiteralValue { get; }

            /// <summary>Whether every criterion holds for the user; checked for each user listed, so without a delegate.</summary>
            public bool Matches(ScimUser user)
            {
                foreach (var criterion in Criteria)
                {
                    if (!criterion.Matches(user))
                    {
                        return false;
                    }
                }
                return true;
            }
        }

        /// <summary>One condition on the users to list: the filter that asks the server for it, what the server must
        /// support to take that filter, and the same condition checked here, which is what a server that refuses the
        /// filter (or ignores it) falls back to.</summary>
        private sealed class ListCriterion
        {
            private readonly Func<ScimUser, bool> _match;

            private ListCriterion(ScimFilter? filter, IReadOnlyList<ScimCapability> needs, Func<ScimUser, bool> match,
                string description, bool isWildcard)
            {
                Filter = filter;
                Needs = needs;
                _match = match;
                Description = description;
                IsWildcard = isWildcard;
            }

            /// <summary>Null when there is nothing to ask the server for.</summary>
            public ScimFilter? Filter { get; }

            public IReadOnlyList<ScimCapability> Needs { get; }

            public string Description { get; }

            /// <summary>The server's answer is only a superset (a prefix): the match here decides.</summary>
            public bool IsWildcard { get; }

            public bool Matches(ScimUser user) => _match(user);

            public static ListCriterion ForUserName(string value)
            {
                if (WildcardPattern.ContainsWildcardCharacters(value))
                {
                    var pattern = new WildcardPattern(value, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                    return Wildcard("userName", value, new List<ScimCapability>(),
                        u => pattern.IsMatch(u.UserName ?? string.Empty), "userName like '" + value + "'");
                }
                var needs = new List<ScimCapability>();
                AddEscapes(needs, value);
                return new ListCriterion(ScimFilter.Equal("userName", value), needs,
                    u => string.Equals(u.UserName, value, StringComparison.OrdinalIgnoreCase), "userName '" + value + "'", false);
            }

            public static ListCriterion ForEmail(string value)
            {
                var needs = new List<ScimCapability> { ScimCapability.EmailFilter };
                if (WildcardPattern.ContainsWildcardCharacters(value))
                {
                    var pattern = new WildcardPattern(value, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                    return Wildcard("emails.value", value, needs, u => AnyEmail(u, e => pattern.IsMatch(e)), "email like '" + value + "'");
                }
                AddEscapes(needs, value);
                return new ListCriterion(ScimFilter.Equal("emails.value", value), needs,
                    u => AnyEmail(u, e => string.Equals(e, value, StringComparison.OrdinalIgnoreCase)), "email '" + value + "'", false);
            }

            public static ListCriterion ForStatus(bool active)
            {
                return new ListCriterion(ScimFilter.Equal("active", active), new[] { ScimCapability.ActiveFilter },
                    u => (u.Active ?? true) == active, active ? "active" : "inactive", false);
            }

            // The server is asked for the literal prefix ("sw"); the pattern itself is matched here. With no
            // literal prefix there is nothing to ask the server for.
            private static ListCriterion Wildcard(string attribute, string value, List<ScimCapability> needs, Func<ScimUser,
                bool> match, string description)
            {
                var prefix = LiteralPrefix(value);
                if (prefix.Length == 0)
                {
                    return new ListCriterion(null, needs, match, description, true);
                }
                needs.Add(ScimCapability.StartsWithFilter);
                AddEscapes(needs, prefix);
                return new ListCriterion(ScimFilter.StartsWith(attribute, prefix), needs, match, description, true);
            }

            private static bool AnyEmail(ScimUser user, Func<string, bool> predicate)
            {
                return (user.Emails ?? new List<ScimMultiValue>()).Any(e => e.Value != null && predicate(e.Value));
            }

            private static void AddEscapes(List<ScimCapability> needs, string value)
            {
                if (ScimUserLookup.NeedsEscapes(value))
                {
                    needs.Add(ScimCapability.FilterEscapes);
                }
            }
        }
    }
}
