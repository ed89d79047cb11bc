using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
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

        /// <summary>A userName; wildcards allowed.</summary>
        [Parameter(ParameterSetName = UserNameSet, Mandatory = true)]
        [SupportsWildcards]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public string UserName { get; set; } = string.Empty;

        /// <summary>An email address; wildcards allowed.</summary>
        [Parameter(ParameterSetName = EmailSet, Mandatory = true)]
        [SupportsWildcards]
        [AllowEmptyString]
        public string Email { get; set; } = string.Empty;

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
                var query = BuildListQuery();
                if (query != null)
                {
                    new UserListing(this, ActiveConnection.Client, query).Run();
                }
            }
        }

        private void WriteResolvedUser(ModeUserIdentity? identity)
        {
            var user = ResolveUser(identity);
            if (user != null)
            {
                WriteObject(ModeUserMapper.ToModeUser(user));
            }
        }

        /// <summary>The server-side query and the client-side match for wildcards the server cannot express.
        /// Null after writing an error for input that cannot be sent.</summary>
        private UserListQuery? BuildListQuery()
        {
            var filters = new List<ScimFilter>();
            WildcardPattern? pattern = null;
            string? patternAttribute = null;
            try
            {
                if (ParameterSetName == UserNameSet || ParameterSetName == EmailSet)
                {
                    var value = ParameterSetName == UserNameSet ? UserName : Email;
                    var attribute = ParameterSetName == UserNameSet ? "userName" : "emails.value";
                    var problem = InputValidation.ProblemWithIdentity(value);
                    if (problem != null)
                    {
                        WriteItemError(ErrorRecordFactory.InvalidInput(problem.Replace("An identity", "-" + ParameterSetName), value));
                        return null;
                    }
                    if (WildcardPattern.ContainsWildcardCharacters(value))
                    {
                        pattern = new WildcardPattern(value, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                        patternAttribute = ParameterSetName;
                        var prefix = LiteralPrefix(value);
                        if (prefix.Length > 0)
                        {
                            filters.Add(ScimFilter.StartsWith(attribute, prefix));
                        }
                    }
                    else
                    {
                        filters.Add(ScimFilter.Equal(attribute, value));
                    }
                }
                if (Filter != null)
                {
                    filters.Add(ScimFilter.Raw(Filter));
                }
            }
            catch (ArgumentException ex)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(ex.Message, Filter, ex));
                return null;
            }
            if (Status != ModeUserStatus.Any)
            {
                filters.Add(ScimFilter.Equal("active", Status == ModeUserStatus.Active));
            }
            if (PagingParameters.Skip > int.MaxValue - 1)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput("-Skip " + PagingParameters.Skip + " is larger than SCIM's startIndex allows.", PagingParameters.Skip));
                return null;
            }
            var literalLookup = (ParameterSetName == UserNameSet || ParameterSetName == EmailSet) && pattern == null;
            return new UserListQuery(filters.Count == 0 ? null : ScimFilter.And(filters.ToArray()), pattern, patternAttribute, literalLookup ? (ParameterSetName == UserNameSet ? UserName : Email) : null);
        }

        private static string LiteralPrefix(string pattern)
        {
            var end = pattern.IndexOfAny(new[] { '*', '?', '[', '`' });
            return end < 0 ? pattern : pattern.Substring(0, end);
        }

        /// <summary>Streams one listing to the pipeline with paging, progress and -IncludeTotalCount.</summary>
        private sealed class UserListing
        {
            private readonly GetModeUserCommand _cmdlet;
            private readonly ScimClient _client;
            private const int ProgressIntervalMs = 250;

            private readonly UserListQuery _query;
            private readonly System.Diagnostics.Stopwatch _progressClock = new System.Diagnostics.Stopwatch();

            public UserListing(GetModeUserCommand cmdlet, ScimClient client, UserListQuery query)
            {
                _cmdlet = cmdlet;
                _client = client;
                _query = query;
            }

            public void Run()
            {
                var paging = _cmdlet.PagingParameters;
                // A client-side wildcard match decides which users count, so -Skip/-First apply after it.
                var serverPaging = _query.Pattern == null;
                var scimQuery = new ScimListQuery { Filter = _query.Filter };
                if (serverPaging)
                {
                    scimQuery.StartIndex = (int)paging.Skip + 1;
                    scimQuery.MaxItems = paging.First >= int.MaxValue ? (int?)null : (int)paging.First;
                }
                var progress = new ProgressRecord(1, "Listing Mode users", "Reading the first page");
                ulong skipped = 0;
                ulong written = 0;
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
                        foreach (var user in page.Resources)
                        {
                            if (!Matches(user))
                            {
                                continue;
                            }
                            if (!serverPaging && skipped < paging.Skip)
                            {
                                skipped++;
                                continue;
                            }
                            if (written >= paging.First)
                            {
                                return;
                            }
                            _cmdlet.WriteObject(ModeUserMapper.ToModeUser(user));
                            written++;
                        }
                        ReportProgress(progress, page, total);
                    }
                    if (_query.LiteralValue != null && written == 0)
                    {
                        _cmdlet.WriteItemError(ErrorRecordFactory.UserNotFound(_query.LiteralValue));
                    }
                    if (paging.IncludeTotalCount && (total == null || !serverPaging))
                    {
                        _cmdlet.WriteObject(paging.NewTotalCount(written + skipped, total == null ? 1.0 : 0.0));
                    }
                }
                catch (ScimException ex)
                {
                    _cmdlet.WriteScimError(ex, _query.Filter?.ToString(), ScimResourceKind.User);
                }
                finally
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    _cmdlet.WriteProgress(progress);
                }
            }

            private bool Matches(ScimUser user)
            {
                if (_query.Pattern == null)
                {
                    return true;
                }
                if (_query.PatternAttribute == UserNameSet)
                {
                    return _query.Pattern.IsMatch(user.UserName ?? string.Empty);
                }
                return (user.Emails ?? new List<ScimMultiValue>()).Any(e => e.Value != null && _query.Pattern.IsMatch(e.Value));
            }

            private void ReportProgress(ProgressRecord progress, ScimPage<ScimUser> page, int? total)
            {
                // A progress update costs the host real work; a few a second are all a person can read.
                if (_progressClock.IsRunning && _progressClock.ElapsedMilliseconds < ProgressIntervalMs)
                {
                    return;
                }
                _progressClock.Restart();
                var received = page.StartIndex - 1 + page.Resources.Count;
                if (total.HasValue && total.Value > 0)
                {
                    progress.PercentComplete = Math.Min(100, received * 100 / total.Value);
                    progress.StatusDescription = received + " of " + total.Value;
                }
                else
                {
                    progress.StatusDescription = received + " read";
                }
                _cmdlet.WriteProgress(progress);
            }
        }

        private sealed class UserListQuery
        {
            public UserListQuery(ScimFilter? filter, WildcardPattern? pattern, string? patternAttribute, string? literalValue)
            {
                Filter = filter;
                Pattern = pattern;
                PatternAttribute = patternAttribute;
                LiteralValue = literalValue;
            }

            public ScimFilter? Filter { get; }

            public WildcardPattern? Pattern { get; }

            public string? PatternAttribute { get; }

            /// <summary>Set for an exact -UserName or -Email: finding nobody is then an error, as with Get-Item.</summary>
            public string? LiteralValue { get; }
        }
    }

    public enum ModeUserStatus
    {
        Any,
        Active,
        Inactive,
    }
}
