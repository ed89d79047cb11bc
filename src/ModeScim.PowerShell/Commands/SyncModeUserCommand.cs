using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Makes Mode's users match a desired set (an HR export, a directory query): creates the missing,
    /// optionally updates the changed, re-enables the returning and disables the departed. It reads and plans
    /// first, checks the guards, and only then changes anything.</summary>
    [Cmdlet(VerbsData.Sync, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUserSyncResult))]
    public sealed class SyncModeUserCommand : ModeUserJournalledCmdlet
    {
        private readonly List<DesiredUserRow> _rows = new List<DesiredUserRow>();
        // The rows and listed users this run held: whether ReleaseWorkspace is worth a collection.
        private int _usersHeld;
        private readonly List<ModeUserSyncFailure> _failures = new List<ModeUserSyncFailure>();
        private JournalIndex? _journal;
        private List<WildcardPattern>? _excludePatterns;

        /// <summary>The desired users: any objects with UserName (or UserPrincipalName, Mail...), names, ExternalId.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject?[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>What identifies a person in both systems.</summary>
        [Parameter]
        [ValidateSet(UserSyncKey.ByUserName, UserSyncKey.ByExternalId)]
        public string Key { get; set; } = UserSyncKey.ByUserName;

        /// <summary>Change attributes that differ (email, names, display name, and the non-key of userName/externalId).</summary>
        [Parameter]
        public SwitchParameter UpdateExisting { get; set; }

        /// <summary>Disable active Mode users that are not in the desired set (journalled like Disable-ModeUser).</summary>
        [Parameter]
        public SwitchParameter DisableMissing { get; set; }

        /// <summary>Before each leaver is disabled, hand their content to this member (email or Mode username), as
        /// Disable-ModeUser -HandoverTo does.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HandoverTo { get; set; }

        /// <summary>The shared collection that receives the reports of leavers' personal collections.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HandoverCollection { get; set; }

        /// <summary>Hand over what is known when the REST API names no creator for some collections (they are named in a
        /// warning), instead of refusing the handover and leaving the leaver enabled.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownOwner { get; set; }

        /// <summary>When a returning user is re-enabled, put back the groups of their last Disable record.</summary>
        [Parameter]
        public SwitchParameter RestoreGroups { get; set; }

        /// <summary>The most users one run may disable: a count, or a share of the active users such as 5%.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string MaxDisable { get; set; } = "5%";

        /// <summary>The most users one -UpdateExisting run may change: a count, or a share of the users the desired set
        /// names such as 10%. Unset, 10% and never fewer than <see cref="DefaultUpdateFloor"/>, so fixing a few people in a
        /// small run is never refused. Mode signs people in by email: a shifted column must not rewrite everyone's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string MaxUpdate { get; set; } = "10%";

        /// <summary>The fewest updates the default -MaxUpdate allows.</summary>
        internal const int DefaultUpdateFloor = 10;

        /// <summary>userNames (wildcards allowed) never touched: break-glass and service accounts.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[] Exclude { get; set; } = Array.Empty<string>();

        /// <summary>Accept an empty desired set (which, with -DisableMissing, disables everyone not excluded); with
        /// -RestoreGroups, also enable returning users the journal holds no Disable record of, without their groups.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Disable even when the server lets no one read a leaver's groups; the journal then records them as unknown.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownGroups { get; set; }

        /// <summary>The reason journalled for each user this run disables; for a user the source marks as not active, the
        /// column and value that said so are added.</summary>
        [Parameter]
        public string Reason { get; set; } = "Not in the desired set (Sync-ModeUser)";

        /// <summary>Sync Entra guest rows (#EXT# in the userName) too; without it they are skipped with a warning.</summary>
        [Parameter]
        public SwitchParameter IncludeGuests { get; set; }

        /// <summary>Your own names for columns the module's table does not know, read before the table's:
        /// @{ 'Work Email' = 'Email'; 'Worker ID' = 'ExternalId'; 'Emp Status' = 'Status' }. Targets: UserName, Email,
        /// GivenName, FamilyName, DisplayName, ExternalId, and Status (a status word), Enabled or Disabled (flags).</summary>
        [Parameter]
        public System.Collections.Hashtable? ColumnMap { get; set; }

        private Users.ColumnMapping _columnMap = Users.ColumnMapping.None;

        // -MaxUpdate, parsed with the other parameters before anything is read.
        private GuardLimit? _updateLimit;

        // Why each user the source marks as not active is disabled, by id; set once the plan is made.
        private Dictionary<string, string> _leaverReasons = new Dictionary<string, string>();

        /// <summary>The handover checked with the guards, before any change; null without -HandoverTo or leavers.</summary>
        private HandoverRunner? _handover;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _columnMap = ReadColumnMap(ColumnMap);
            CheckHandoverParameters();
            if (RestoreGroups)
            {
                _journal = Journal;
            }
        }

        // Each row is read as it arrives and kept only where an error may be about it: PowerShell keeps member caches
        // on every object whose properties are read, so holding a big export's rows would hold those too.
        // Refused before any request: a handover needs leavers and the REST API.
        private void CheckHandoverParameters()
        {
            if (HandoverTo == null && HandoverCollection == null)
            {
                return;
            }
            if (!DisableMissing)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(
                    "-HandoverTo and -HandoverCollection hand over the content of leavers, and only -DisableMissing makes leavers.",
                    HandoverTo ?? HandoverCollection));
            }
            RequireApi("-HandoverTo");
        }

        protected override void ProcessRecord()
        {
            var key = UserSyncKey.Parse(Key);
            foreach (var row in InputObject ?? Array.Empty<PSObject>())
            {
                if (row == null)
                {
                    continue;
                }
                var spec = DesiredUserReader.Read(row, _columnMap);
                var number = _rows.Count + 1;
                var mayBeRefused = !spec.IsValid || spec.Status.Problem != null || string.IsNullOrEmpty(key.Of(spec));
                _rows.Add(new DesiredUserRow(number, spec, mayBeRefused || number == 1 ? ColumnsOf(row) : string.Empty,
                    mayBeRefused ? row : null));
            }
        }

        protected override void EndProcessing()
        {
            if (!GuardLimit.TryParse(MaxDisable, out var limit, out var problem))
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(problem, MaxDisable));
            }
            if (!GuardLimit.TryParse(MaxUpdate, nameof(MaxUpdate), out _updateLimit, out var updateProblem))
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(updateProblem, MaxUpdate));
            }
            var key = UserSyncKey.Parse(Key);
            var planner = new UserSyncPlanner(key, UpdateExisting, DisableMissing, IsExcluded, IncludeGuests, Client.Capabilities);
            if (planner.CountUsable(_rows) == 0 && !Force)
            {
                var seen = _rows.Count == 0 ? string.Empty : UserColumns.NoKeyDetail(_rows.Count, Key, _rows[0].Columns);
                ThrowTerminatingError(ErrorRecordFactory.EmptyDesiredSet(seen, _rows.Count));
            }
            var result = Sync(planner, key, limit);
            WriteObject(result);
            ReleaseWorkspace(_usersHeld);
        }

        private ModeUserSyncResult Sync(UserSyncPlanner planner, UserSyncKey key, GuardLimit limit)
        {
            var before = RequestsMade;
            var plan = PlanAgainstWorkspace(planner, key);
            // Planned, the listing and the rows are done with (the plan keeps what the changes need): their memory goes
            // back before the changes, where a leaver's journal record may need the whole group side read.
            _rows.Clear();
            ReleaseWorkspace(_usersHeld);
            foreach (var unaddressable in plan.Unaddressable)
            {
                var label = unaddressable.UserName ?? "(no userName)";
                Fail(label, "Read", ErrorRecordFactory.UnusableId(label, unaddressable.Id));
            }
            foreach (var rejected in plan.Rejected)
            {
                Fail(rejected.Row.Label, rejected.Action, ErrorRecordFactory.InvalidInput(rejected.Reason, rejected.Row.Source));
            }
            foreach (var (user, row) in plan.Protected)
            {
                // The row was refused above; the person it names has not left.
                var why = Describe(user) + " is not disabled: desired row " + row.Number + " names it but was refused. Fix the row.";
                WriteWarning(why);
                Record(user.UserName!, "Disable", ErrorRecordFactory.InvalidInput(why, row.Source));
            }
            ReportGuestsAndAbsentLeavers(plan);
            _leaverReasons = plan.LeaverReasons;
            CheckDisableGuard(plan, limit);
            CheckUpdateGuard(plan);
            RefuseReturningUsersWithoutRecord(plan);
            // A successor or collection that cannot be used ends the command here, before anything is created,
            // updated or enabled: the handover is read (and refused) with the other guards.
            _handover = plan.Disables.Count > 0 ? StartHandover(HandoverTo, HandoverCollection, AllowUnknownOwner) : null;
            var result = Apply(plan);
            result.Unchanged = plan.Unchanged;
            result.Excluded = plan.Excluded;
            result.Failed = _failures.ToModeList();
            result.Requests = RequestsMade - before;
            WriteVerbose("Created " + result.Created.Count + ", updated " + result.Updated.Count + ", enabled "
                + result.Enabled.Count + ", disabled " + result.Disabled.Count + ", unchanged " + result.Unchanged
                + ", excluded " + result.Excluded + ", failed " + result.Failed.Count + ".");
            return result;
        }

        // The listing is referenced from this frame only. Code the JIT has not optimised (a command's EndProcessing runs
        // once) keeps every slot of its frame alive to the method's end, so a listing read in Sync itself would keep
        // 50,000 users through the full collection after planning and every change after it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private UserSyncPlan PlanAgainstWorkspace(UserSyncPlanner planner, UserSyncKey key) => planner.Plan(ReadAllUsers(key), _rows);

        /// <summary>Every user. The groups a user carries are kept only where the user may leave (its key is not in the
        /// desired set): they are what a leaver's journal record may be read from, and nothing else here reads them,
        /// so at 50,000 users the others' would hold tens of megabytes for nothing.</summary>
        private List<ScimUser> ReadAllUsers(UserSyncKey key)
        {
            var users = new List<ScimUser>();
            var listing = new ScimListQuery();
            // A row the source marks as not active names a leaver: their groups are kept for the journal too.
            var desired = new HashSet<string>(_rows.Where(row => !row.Spec.Status.IsInactive).Select(row => key.Of(row.Spec))
                .Where(k => !string.IsNullOrEmpty(k)).Select(k => k!), key.Comparer);
            try
            {
                foreach (var page in Stream(Client.Users.ListAsync(listing, StopToken)))
                {
                    foreach (var user in page.Resources)
                    {
                        var userKey = key.Of(user);
                        if (userKey != null && desired.Contains(userKey))
                        {
                            user.Groups = null;
                        }
                    }
                    users.AddRange(page.Resources);
                }
                _usersHeld = _rows.Count + users.Count;
                WarnIfShort(listing.Outcome, "users");
            }
            catch (ScimException ex)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromScimException(ex, null, ScimResourceKind.User));
            }
            return users;
        }

        private void ReportGuestsAndAbsentLeavers(UserSyncPlan plan)
        {
            var missing = plan.AttributesShown.Missing.ToList();
            if (UpdateExisting && missing.Count > 0)
            {
                WriteVerbose("The server returns no user with " + string.Join(" or ", missing) + ": -UpdateExisting does not compare "
                    + (missing.Count == 1 ? "it" : "them") + ", since a change could not be told from an attribute never shown.");
            }
            if (plan.Guests.Count > 0)
            {
                WriteWarning(plan.Guests.Count + " guest row(s) (#EXT# in the userName) were skipped: "
                    + Sample.Of(plan.Guests.Select(r => r.Label))
                    + ". Their accounts here are left as they are; -IncludeGuests syncs them.");
            }
            if (plan.LeaversWithoutAccount > 0)
            {
                WriteVerbose(plan.LeaversWithoutAccount + " row(s) mark people as not active who have no account here: nothing to do.");
            }
        }

        /// <summary>The journalled reason for disabling <paramref name="user"/>.</summary>
        private string ReasonFor(ScimUser user)
        {
            if (user.Id == null || !_leaverReasons.TryGetValue(user.Id, out var why))
            {
                return Reason;
            }
            return MyInvocation.BoundParameters.ContainsKey(nameof(Reason)) ? Reason + "; " + why : why;
        }

        /// <summary>Refuses the run when -UpdateExisting would change more users than -MaxUpdate allows, naming each attribute
        /// that would change for that many ("emails of 940 of 1000 users").</summary>
        private void CheckUpdateGuard(UserSyncPlan plan)
        {
            var maximum = _updateLimit!.Maximum(plan.Matched);
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(MaxUpdate)))
            {
                maximum = Math.Max(maximum, DefaultUpdateFloor);
            }
            if (plan.Updates.Count <= maximum)
            {
                return;
            }
            var attributes = plan.Updates.SelectMany(u => u.Change.ChangedAttributes).GroupBy(a => a, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Count() > maximum).OrderByDescending(g => g.Count())
                .Select(g => g.Key + " of " + g.Count() + " of " + plan.Matched + " users").ToList();
            var sample = Sample.Of(plan.Updates.Select(u => u.User.UserName ?? u.User.Id ?? string.Empty));
            ThrowTerminatingError(ErrorRecordFactory.UpdateThresholdExceeded(plan.Updates.Count, plan.Matched, _updateLimit.ToString(),
                maximum, attributes.Count > 0 ? string.Join("; ", attributes) : "several attributes", sample));
        }

        private void CheckDisableGuard(UserSyncPlan plan, GuardLimit limit)
        {
            var maximum = limit.Maximum(plan.ActiveUsers);
            if (plan.Disables.Count <= maximum)
            {
                return;
            }
            var sample = Sample.Of(plan.Disables.Select(u => u.UserName ?? u.Id ?? string.Empty));
            ThrowTerminatingError(
                ErrorRecordFactory.DisableThresholdExceeded(plan.Disables.Count, plan.ActiveUsers, limit.ToString(), maximum, sample));
        }

        // Each kind of change is asked for first (ShouldProcess runs on the pipeline thread), then sent -ThrottleLimit
        // at a time: a night's thousands of changes cost their requests' latency once per batch, not once each.
        private ModeUserSyncResult Apply(UserSyncPlan plan)
        {
            var whatIf = IsWhatIf();
            var updater = new ScimUserUpdater(Client);

            var creates = Ask(plan.Creates, s => s.UserName!, _ => "Create Mode user", whatIf);
            var created = new List<string>(creates.Planned.Select(s => s.UserName!));
            var createOutcomes = Send(creates.Approved, s => s.UserName!, "Create",
                (spec, token) => Client.Users.CreateOrAdoptAsync(spec.ToNewUser(active: true), token), "Sync-ModeUser: creating users");
            foreach (var (spec, outcome) in createOutcomes)
            {
                if (!InputValidation.SameUserName(spec.UserName, outcome.Resource.UserName))
                {
                    // Another user than the one asked for: never matched to this row, and never re-enabled for it.
                    Fail(spec.UserName!, "Create",
                        ErrorRecordFactory.CreateAnsweredWithAnother(spec.UserName!, outcome.Resource.UserName!, outcome.Resource.Id));
                    continue;
                }
                if (outcome.Adopted || plan.ListedIds.Contains(outcome.Resource.Id ?? string.Empty))
                {
                    // The server handed back a user it already had (one its listing did not show): matched, not created.
                    WriteWarning("'" + spec.UserName + "' already existed on the server as " + Describe(outcome.Resource)
                        + "; it was matched, not created.");
                    plan.Unchanged++;
                    if (outcome.Resource.Active == false)
                    {
                        plan.Enables.Add(outcome.Resource);
                    }
                    continue;
                }
                created.Add(spec.UserName!);
            }

            var updates = Ask(plan.Updates, u => u.User.UserName!, u => "Set " + string.Join(", ", u.Change.ChangedAttributes), whatIf);
            var updated = Make(updates, u => u.User.UserName!, "Update",
                (u, token) => updater.ApplyAsync(u.User, u.Change, token, reread: false), "Sync-ModeUser: updating users");

            var enables = Ask(plan.Enables, u => u.UserName!, _ => "Enable returning user", whatIf);
            var enabled = Make(enables, u => u.UserName!, "Enable",
                (user, token) => updater.SetActiveAsync(user, true, token, reread: false), "Sync-ModeUser: enabling returning users");
            if (!whatIf)
            {
                RestoreReturningUsers(enabled);
            }

            var disabled = Make(AskToDisable(plan.Disables, whatIf), u => u.UserName!, "Disable",
                (user, token) => updater.SetActiveAsync(user, false, token, reread: false), "Sync-ModeUser: disabling users");

            return new ModeUserSyncResult
            {
                WhatIf = whatIf,
                Created = created.ToModeList(),
                Updated = updated.Select(u => u.User.UserName!).ToModeList(),
                Enabled = enabled.Select(u => u.UserName!).ToModeList(),
                Disabled = disabled.Select(u => u.UserName!).ToModeList(),
            };
        }

        /// <summary>ShouldProcess for each change. Under -WhatIf every change is part of the plan and none is sent;
        /// otherwise the approved ones are sent and the declined ones are left out.</summary>
        private (List<T> Approved, List<T> Planned) Ask<T>(IEnumerable<T> changes, Func<T, string> target, Func<T, string> description,
            bool whatIf)
        {
            var approved = new List<T>();
            var planned = new List<T>();
            foreach (var change in changes)
            {
                if (ShouldProcess(target(change), description(change)))
                {
                    approved.Add(change);
                }
                else if (whatIf)
                {
                    planned.Add(change);
                }
            }
            return (approved, planned);
        }

        /// <summary>The leavers to disable, each asked for, then all journalled with their groups in one flushed
        /// append before anything is sent. A leaver whose groups cannot be read is recorded as failed; when the
        /// records cannot be written, every approved leaver is, and none is disabled.</summary>
        private (List<ScimUser> Approved, List<ScimUser> Planned) AskToDisable(IEnumerable<ScimUser> leavers, bool whatIf)
        {
            var reader = Memberships;
            var leaverList = leavers.ToList();
            var handover = _handover;
            var approved = new List<ScimUser>();
            var entries = new List<JournalEntry>();
            var planned = new List<ScimUser>();
            foreach (var user in leaverList)
            {
                var memberships = ReadLeaverMemberships(reader, user);
                if (memberships == null)
                {
                    continue;
                }
                if (handover != null && !handover.HandOver(user, ReasonFor(user)))
                {
                    _failures.Add(new ModeUserSyncFailure
                    {
                        UserName = user.UserName!,
                        Action = "Handover",
                        Reason = handover.LastFailureId ?? ModeScimErrorIds.HandoverRefused,
                    });
                    continue;
                }
                if (ShouldProcess(user.UserName!, "Disable (" + JournalNote(memberships) + ")"))
                {
                    approved.Add(user);
                    entries.Add(JournalMapper.NewEntry(JournalActions.Disable, user, memberships, ReasonFor(user),
                        ActiveConnection.BaseUri));
                }
                else if (whatIf)
                {
                    planned.Add(user);
                }
            }
            if (approved.Count > 0 && !TryJournalAll(entries, approved.Select(user => user.UserName).ToArray()))
            {
                _failures.AddRange(approved.Select(user => new ModeUserSyncFailure
                {
                    UserName = user.UserName!,
                    Action = "Disable",
                    Reason = ModeScimErrorIds.JournalWriteFailed,
                }));
                approved.Clear();
            }
            return (approved, planned);
        }

        /// <summary>Makes the approved changes concurrently; returns the planned ones (under -WhatIf) and those made.</summary>
        private List<T> Make<T, TResult>((List<T> Approved, List<T> Planned) changes, Func<T, string> target, string action,
            Func<T, CancellationToken, Task<TResult>> send, string activity)
        {
            var made = new List<T>(changes.Planned);
            made.AddRange(Send(changes.Approved, target, action, send, activity).Select(o => o.Change));
            return made;
        }

        /// <summary>Sends each change, -ThrottleLimit at a time. A change that fails is recorded and written as an
        /// error, in the order the changes were planned, and left out of what is returned.</summary>
        private List<(T Change, TResult Result)> Send<T, TResult>(IReadOnlyList<T> changes, Func<T, string> target, string action,
            Func<T, CancellationToken, Task<TResult>> send, string activity)
        {
            var outcomes = AwaitEach(changes, send, activity);
            var made = new List<(T, TResult)>();
            for (var i = 0; i < changes.Count; i++)
            {
                var error = outcomes[i].Error;
                if (error == null)
                {
                    made.Add((changes[i], outcomes[i].Value!));
                    continue;
                }
                var name = target(changes[i]);
                Record(name, action, ErrorRecordFactory.FromScimException(error, name, ScimResourceKind.User));
                WriteScimError(error, name, ScimResourceKind.User);
            }
            return made;
        }

        /// <summary>A leaver's groups from a trusted source (the listing's "groups" only where that can be trusted).
        /// Null after recording why the user is left alone.</summary>
        private ScimUserMemberships? ReadLeaverMemberships(ScimMembershipReader reader, ScimUser user)
        {
            try
            {
                var memberships = ReadMemberships(reader, user, AllowUnknownGroups, user.UserName);
                if (memberships != null)
                {
                    return memberships;
                }
                _failures.Add(new ModeUserSyncFailure
                {
                    UserName = user.UserName!,
                    Action = "Disable",
                    Reason = ModeScimErrorIds.MembershipUnreadable,
                });
            }
            catch (ScimException ex)
            {
                Record(user.UserName!, "Disable", ErrorRecordFactory.FromScimException(ex, user.UserName, ScimResourceKind.User));
                WriteScimError(ex, user.UserName, ScimResourceKind.User);
            }
            return null;
        }

        /// <summary>With -RestoreGroups, a returning user the journal holds no Disable record of is not enabled (nothing
        /// could put its groups back), unless -Force. Checked before any change.</summary>
        private void RefuseReturningUsersWithoutRecord(UserSyncPlan plan)
        {
            if (_journal == null || Force)
            {
                return;
            }
            foreach (var user in plan.Enables.Where(u => _journal.RestoreSourceFor(u.Id!) == null).ToList())
            {
                plan.Enables.Remove(user);
                Fail(user.UserName!, "Enable",
                    ErrorRecordFactory.NoRestoreRecord(user.UserName!, Describe(user), ResolvedJournalPath, "-Force"));
            }
        }

        private void RestoreReturningUsers(List<ScimUser> enabled)
        {
            if (_journal == null || enabled.Count == 0)
            {
                return;
            }
            var memberships = new List<(string, ModeGroupMembership)>();
            foreach (var user in enabled)
            {
                var source = _journal.RestoreSourceFor(user.Id!);
                if (source != null)
                {
                    memberships.AddRange(GroupsRecordedIn(source, user).Select(g => (user.Id!, g)));
                }
                else
                {
                    WriteWarning("The journal " + ResolvedJournalPath + " has no Disable record for " + Describe(user)
                        + "; it was enabled without groups (-Force).");
                }
            }
            var outcome = Await(token => new MembershipRestorer(Client, 100).RestoreAsync(memberships, token));
            ReportRestore(outcome);
            foreach (var user in enabled)
            {
                var restored = memberships.Where(m => m.Item1 == user.Id && outcome.WasRestored(m.Item2.Id, user.Id!)).Select(m => m.Item2);
                TryJournal(JournalActions.Enable, user, restored, "Returned to the desired set (Sync-ModeUser)", out _);
            }
        }

        private void Fail(string userName, string action, ErrorRecord record)
        {
            Record(userName, action, record);
            WriteItemError(record);
        }

        private void Record(string userName, string action, ErrorRecord record)
        {
            _failures.Add(new ModeUserSyncFailure
            {
                UserName = userName,
                Action = action,
                Reason = record.FullyQualifiedErrorId.Split(',')[0] + ": " + record.Exception.Message,
            });
        }

        private bool IsExcluded(string? userName)
        {
            _excludePatterns = _excludePatterns
                ?? Exclude.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
            return userName != null && _excludePatterns.Any(pattern => pattern.IsMatch(userName));
        }

        private static string ColumnsOf(PSObject row) => UserColumns.Describe(row);
    }
}
