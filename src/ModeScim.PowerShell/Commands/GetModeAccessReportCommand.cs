using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using ModeScim.PowerShell.Workspace;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>One row per Mode user with their groups and a status against a reference (the HR export):
    /// who has access that nobody vouches for (Orphaned), and who should but has no account (Missing).</summary>
    [Cmdlet(VerbsCommon.Get, "ModeAccessReport")]
    [OutputType(typeof(ModeAccessReportRow), typeof(ModeAccessReportSummary))]
    public sealed class GetModeAccessReportCommand : ModeScimConnectedCmdlet
    {
        private const string ByUserName = "UserName";
        private const string ByExternalId = "ExternalId";

        // Read as they arrive, so the rows themselves (and the member caches PowerShell keeps on them) are not held.
        private readonly List<UserSpec> _reference = new List<UserSpec>();

        /// <summary>The people who should have access: any objects with UserName (or UserPrincipalName, Mail...) or ExternalId.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject?[]? Reference { get; set; }

        [Parameter]
        [ValidateSet(ByUserName, ByExternalId)]
        public string Key { get; set; } = ByUserName;

        /// <summary>Return only the counts by status.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        /// <summary>Mark active seats unused for this many days (or never used since activated that long ago) as Unused.
        /// Needs the REST API and, for the last engaged day, the Discovery API (Enterprise plan).</summary>
        [Parameter]
        [ValidateRange(1, 3650)]
        public int? InactiveDays { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _columnMap = ReadColumnMap(ColumnMap);
            if (InactiveDays.HasValue)
            {
                RequireApi("Get-ModeAccessReport -InactiveDays");
            }
        }

        /// <summary>Your own names for columns the module's table does not know, read before the table's:
        /// @{ 'Work Email' = 'Email'; 'Worker ID' = 'ExternalId'; 'Emp Status' = 'Status' }. Targets: UserName, Email,
        /// GivenName, FamilyName, DisplayName, ExternalId, and Status (a status word), Enabled or Disabled (flags).</summary>
        [Parameter]
        public System.Collections.Hashtable? ColumnMap { get; set; }

        private Users.ColumnMapping _columnMap = Users.ColumnMapping.None;

        // The first reference row's columns and the number of rows, for the error about a reference without keys.
        private string? _firstColumns;
        private int _referenceRows;

        protected override void ProcessRecord()
        {
            foreach (var row in (Reference ?? Array.Empty<PSObject>()).Where(r => r != null))
            {
                _firstColumns ??= UserColumns.Describe(row!);
                _referenceRows++;
                _reference.Add(DesiredUserReader.Read(row!, _columnMap));
            }
        }

        protected override void EndProcessing()
        {
            ReleaseWorkspace(Report());
        }

        /// <summary>Writes the rows (or the summary) and returns how many users were read.</summary>
        private int Report()
        {
            var referenceMode = MyInvocation.BoundParameters.ContainsKey(nameof(Reference)) || MyInvocation.ExpectingInput;
            var comparer = Key == ByUserName ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            var referenced = new Dictionary<string, UserSpec>(comparer);
            // With the ExternalId key, an account without one (SAML made it just in time) is vouched for by its userName.
            var keyByUserName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var keyed = 0;
            var unreadableStatus = new List<string>();
            foreach (var spec in _reference)
            {
                // A key is read as a person reads it: a reference row with an invisible character after a userName still
                // vouches for that user, rather than making them orphaned.
                var key = KeyOf(spec.UserName, spec.ExternalId);
                key = key == null ? null : InputValidation.Visible(key);
                if (string.IsNullOrEmpty(key))
                {
                    continue;
                }
                keyed++;
                if (spec.Status.Problem != null)
                {
                    unreadableStatus.Add(key!);
                }
                // A row the source marks as not active names someone who should no longer have access.
                if (!spec.Status.IsInactive && !referenced.ContainsKey(key!))
                {
                    referenced[key!] = spec;
                }
                if (!spec.Status.IsInactive && spec.UserName != null)
                {
                    keyByUserName[InputValidation.Visible(spec.UserName)] = key!;
                }
            }
            _reference.Clear();
            if (referenceMode && _referenceRows > 0 && keyed == 0)
            {
                ThrowTerminatingError(ErrorRecordFactory.ReferenceWithoutKeys(UserColumns.NoKeyDetail(_referenceRows, Key,
                    _firstColumns ?? "(none)"), _referenceRows));
            }
            if (unreadableStatus.Count > 0)
            {
                WriteWarning(unreadableStatus.Count + " reference row(s) have a status this module cannot read ("
                    + Sample.Of(unreadableStatus)
                    + "): they are taken as expected, not as leavers.");
            }
            // With a reference, an account it does not name (or that has no key to be named by) nobody vouches for.
            bool Orphaned(string? key) => referenceMode && (key == null || !referenced.ContainsKey(key));

            // Everything a row needs from elsewhere is read before the users, so each user becomes a row as its page
            // arrives and is written at once: neither the users nor the rows of a large workspace are held.
            var index = ReadGroupSide();
            var (directory, activity) = ReadWorkspace();
            var now = DateTimeOffset.UtcNow;
            var tally = new AccessReportTally();
            var seen = new HashSet<string>(comparer);
            var listed = new HashSet<ModeWorkspaceAccount>();
            var anyOwnGroups = false;
            var read = 0;
            try
            {
                var userListing = new ScimListQuery();
                if (index != null)
                {
                    userListing.ExcludedAttributes.Add("groups");
                }
                var progress = new ThrottledProgress(WriteProgress, ProgressIds.Listing, "Get-ModeAccessReport: reading users");
                foreach (var page in Stream(Client.Users.ListAsync(userListing, StopToken)))
                {
                    foreach (var user in page.Resources)
                    {
                        var key = KeyOf(user.UserName, user.ExternalId);
                        // An account SAML made just in time has no externalId: the row naming its userName vouches for it.
                        if (key == null && Key == ByExternalId && user.UserName != null
                            && keyByUserName.TryGetValue(user.UserName, out var vouched))
                        {
                            key = vouched;
                        }
                        if (key != null)
                        {
                            seen.Add(key);
                        }
                        var account = directory?.Find(user);
                        if (account != null)
                        {
                            listed.Add(account);
                        }
                        var names = GroupNamesOf(user, index);
                        anyOwnGroups |= index == null && names.Count > 0;
                        Emit(RowOf(user, names, account, activity, now, Orphaned(key)), tally);
                    }
                    read += page.Resources.Count;
                    var of = page.TotalResults.HasValue ? " of " + page.TotalResults : string.Empty;
                    progress.Report(read, page.TotalResults, read + of + " users");
                }
                progress.Complete();
                WarnIfShort(userListing.Outcome, "users");
            }
            catch (ScimException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.User));
            }
            if (index == null)
            {
                WriteWarning(anyOwnGroups
                    ? "The groups' members cannot be read: the Groups column is taken from each user's 'groups', which the server"
                        + " may not keep complete."
                    : "Neither the groups' members nor the users' groups can be read: the Groups column is unknown (empty) for"
                        + " every user.");
            }

            // Accounts only the REST API shows: made just in time by SAML, or invited, and not listed by SCIM.
            foreach (var account in directory?.Accounts.Where(a => !listed.Contains(a)) ?? Enumerable.Empty<ModeWorkspaceAccount>())
            {
                var userName = account.Email ?? account.Username;
                var key = Key == ByUserName ? userName : null;
                if (key != null)
                {
                    seen.Add(key);
                }
                Emit(RowOf(account, userName, activity, now, Orphaned(key)), tally);
            }
            foreach (var pair in referenced.Where(p => !seen.Contains(p.Key)))
            {
                Emit(new ModeAccessReportRow
                {
                    UserName = pair.Value.UserName ?? pair.Key,
                    DisplayName = pair.Value.EffectiveDisplayName,
                    Status = ModeAccessStatus.Missing,
                    ExternalId = pair.Value.ExternalId,
                }, tally);
            }

            var summary = tally.ToSummary(directory);
            WriteVerbose(summary.ToString());
            if (Summary)
            {
                WriteObject(summary);
            }
            return read;
        }

        /// <summary>The row of a user SCIM lists, with its Mode account when the REST API found one.</summary>
        private ModeAccessReportRow RowOf(ScimUser user, List<string> groups, ModeWorkspaceAccount? account,
            WorkspaceActivity? activity, DateTimeOffset now, bool orphaned)
        {
            var row = new ModeAccessReportRow
            {
                UserName = user.UserName ?? string.Empty,
                DisplayName = user.DisplayName,
                Active = user.Active ?? true,
                Groups = string.Join("; ", groups),
                GroupCount = groups.Count,
                Created = user.Meta?.Created?.UtcDateTime,
                LastModified = user.Meta?.LastModified?.UtcDateTime,
                Id = user.Id,
                ExternalId = user.ExternalId,
            };
            Describe(row, account, activity, now);
            row.Status = AccessStatusRule.Decide(user.Active != false, account?.IsPendingInvite == true, orphaned,
                account?.ManagedByScim == false, row.DaysInactive, InactiveDays);
            return row;
        }

        /// <summary>The row of an account only the REST API shows.</summary>
        private ModeAccessReportRow RowOf(ModeWorkspaceAccount account, string userName, WorkspaceActivity? activity,
            DateTimeOffset now, bool orphaned)
        {
            var row = new ModeAccessReportRow
            {
                UserName = userName,
                DisplayName = account.Name,
                Active = account.IsActive,
                InScim = false,
            };
            Describe(row, account, activity, now);
            row.ManagedByScim = false;
            row.Status = AccessStatusRule.Decide(account.IsActive || account.IsPendingInvite, account.IsPendingInvite, orphaned,
                true, row.DaysInactive, InactiveDays);
            return row;
        }

        // Servers that ignore excludedAttributes still send "groups"; where the group side was read, it is what is reported.
        private static List<string> GroupNamesOf(ScimUser user, ScimMembershipIndex? index)
        {
            return index != null
                ? index.GroupsOf(user.Id ?? string.Empty).Select(g => g.Display ?? g.Value ?? string.Empty).ToList()
                : (user.Groups ?? new List<ScimMultiValue>()).Where(g => g.Value != null).Select(g => g.Display ?? g.Value!).ToList();
        }

        private string? KeyOf(string? userName, string? externalId) => Key == ByUserName ? userName : externalId;

        private void Emit(ModeAccessReportRow row, AccessReportTally tally)
        {
            tally.Add(row);
            if (!Summary)
            {
                WriteObject(row);
            }
        }

        /// <summary>The group side (the same read a journalled disable trusts: members read alone where listings leave
        /// them out, never from a short listing), or null where it cannot be read: where it can, users are listed without
        /// their own "groups", which servers that honour excludedAttributes then leave out of every page.</summary>
        private ScimMembershipIndex? ReadGroupSide()
        {
            try
            {
                var (index, source) = AwaitWithProgress(token => Memberships.ReadWorkspaceIndexAsync(token),
                    "Get-ModeAccessReport: reading groups", "groups and their members");
                if (source == ScimMembershipSource.ModeApi || source == ScimMembershipSource.GroupFilter)
                {
                    WriteVerbose("The groups hide their members: memberships were read from "
                        + (source == ScimMembershipSource.ModeApi ? "Mode's REST API." : "a filter on /Groups, one request per user."));
                }
                return index;
            }
            catch (ScimException ex) when (ex.Kind == ScimErrorKind.InvalidResponse)
            {
                WriteWarning("The groups could not be read whole (" + ex.Message + ").");
                return null;
            }
            catch (ScimException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.Group));
                throw;
            }
        }

        private (WorkspaceDirectory? Directory, WorkspaceActivity? Activity) ReadWorkspace()
        {
            var api = ActiveConnection.Api;
            if (api == null)
            {
                return (null, null);
            }
            try
            {
                // Engagement first: the emails it carries spare a request per account where the lite list is not served.
                var engagement = Await(api.ReadEngagementAsync);
                var directory = new WorkspaceDirectory(Await(token => api.ReadAccountsAsync(engagement, token)));
                if (engagement == null)
                {
                    WriteWarning("The Discovery API is not open to these credentials (it needs the Enterprise plan and an admin's"
                        + " token): the last engaged day is unknown" + (InactiveDays.HasValue ? " and no row is marked Unused." : "."));
                }
                return (directory, engagement == null ? null : new WorkspaceActivity(engagement));
            }
            catch (ScimException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, api.Options.ApiBaseUri, ScimResourceKind.Other));
                throw;
            }
        }

        private static void Describe(ModeAccessReportRow row, ModeWorkspaceAccount? account, WorkspaceActivity? activity,
            DateTimeOffset now)
        {
            if (account == null)
            {
                return;
            }
            row.ModeUsername = account.Username;
            row.ModeState = account.State;
            row.Admin = account.Admin;
            row.ManagedByScim = account.ManagedByScim;
            if (activity == null)
            {
                return;
            }
            var engagement = activity.Of(account);
            row.LastEngaged = engagement?.LastEngaged?.UtcDateTime;
            row.DaysInactive = account.IsActive ? AccessStatusRule.DaysInactive(engagement?.LastEngaged, account.ActivatedAt, now) : null;
        }
    }
}
