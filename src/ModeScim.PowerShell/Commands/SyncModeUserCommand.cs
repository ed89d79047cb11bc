using System;
using System.Linq;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Makes Mode's users match a desired set (an HR export, a directory query): creates the missing,
    /// optionally updates the changed, re-enables the returning and disables the departed. See
    /// <see cref="SyncUsersOperation"/>: it reads and plans first, checks the guards, and only then changes anything.</summary>
    [Cmdlet(VerbsData.Sync, "ModeUser", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUserSyncResult))]
    public sealed class SyncModeUserCommand : ModeScimConnectedCmdlet
    {
        private SyncUsersOperation? _operation;
        private ColumnMapping _columnMap = ColumnMapping.None;
        private UserSyncKey _key = UserSyncKey.UserName;

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
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public string? HandoverTo { get; set; }

        /// <summary>The shared collection that receives the reports of leavers' personal collections.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModeCollectionNameCompleter))]
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
        /// names such as 10%. Unset, 10% and never fewer than <see cref="UserSyncGuards.DefaultUpdateFloor"/>, so fixing a
        /// few people in a small run is never refused. Mode signs people in by email: a shifted column must not rewrite
        /// everyone's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string MaxUpdate { get; set; } = "10%";

        /// <summary>userNames (wildcards allowed) never touched: break-glass and service accounts.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[] Exclude { get; set; } = Array.Empty<string>();

        /// <summary>Accept an empty desired set (which, with -DisableMissing, disables everyone not excluded); with
        /// -RestoreGroups, also enable returning users the journal holds no Disable record of, without their groups.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Disable even the last active Mode admin, or the account that owns the REST credentials in use (the
        /// lockout guard). Not -Force: -Force accepts an empty desired set, exactly when the guard matters most.</summary>
        [Parameter]
        public SwitchParameter AllowLockout { get; set; }

        /// <summary>Disable even when the server lets no one read a leaver's groups; the journal then records them as unknown.</summary>
        [Parameter]
        public SwitchParameter AllowUnknownGroups { get; set; }

        /// <summary>The reason journalled for each user this run disables; for a user the source marks as not active, the
        /// column and value that said so are added.</summary>
        [Parameter]
        public string Reason { get; set; } = SyncUsersOptions.DefaultReason;

        /// <summary>Sync Entra guest rows (#EXT# in the userName) too; without it they are skipped with a warning.</summary>
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

        /// <summary>Plan only: read, plan and check the guards as a run would, change nothing, and save the plan here as
        /// JSON (with its SHA-256) and a Markdown summary beside it (same name, .md), for Invoke-ModePlan to apply once
        /// approved. A plan past a guard is saved too, marked so: applying it then needs -Force.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PlanPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _columnMap = ReadColumnMap(ColumnMap);
            _key = UserSyncKey.Parse(Key);
            Run(() =>
            {
                var options = Options();
                options.PlanPath = PlanPath == null ? null : ResolvePlanPath(PlanPath);
                _operation = new SyncUsersOperation(this, Session, OpenJournal(JournalPath), options);
                _operation.Begin();
            });
        }

        // Each row is read as it arrives and kept only where an error may be about it: PowerShell keeps member caches
        // on every object whose properties are read, so holding a big export's rows would hold those too.
        protected override void ProcessRecord()
        {
            foreach (var row in InputObject ?? Array.Empty<PSObject>())
            {
                if (row != null)
                {
                    _operation!.Add(Read(row, _operation.RowCount + 1));
                }
            }
        }

        protected override void EndProcessing() => Run(() => _operation!.End());

        private DesiredUserRow Read(PSObject row, int number)
        {
            var spec = DesiredUserReader.Read(row, _columnMap);
            var mayBeRefused = !spec.IsValid || spec.Status.Problem != null || string.IsNullOrEmpty(_key.Of(spec));
            return new DesiredUserRow(number, spec, mayBeRefused || number == 1 ? UserColumns.Describe(row) : string.Empty,
                mayBeRefused ? row : null);
        }

        private SyncUsersOptions Options()
        {
            var excluded = Exclude.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant))
                .ToList();
            return new SyncUsersOptions
            {
                Key = _key,
                UpdateExisting = UpdateExisting,
                DisableMissing = DisableMissing,
                HandoverTo = HandoverTo,
                HandoverCollection = HandoverCollection,
                AllowUnknownOwner = AllowUnknownOwner,
                RestoreGroups = RestoreGroups,
                MaxDisable = MaxDisable,
                MaxUpdate = MaxUpdate,
                MaxUpdateGiven = MyInvocation.BoundParameters.ContainsKey(nameof(MaxUpdate)),
                IsExcluded = userName => userName != null && excluded.Any(pattern => pattern.IsMatch(userName)),
                Force = Force,
                AllowLockout = AllowLockout,
                AllowUnknownGroups = AllowUnknownGroups,
                Reason = Reason,
                ReasonGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Reason)),
                IncludeGuests = IncludeGuests,
            };
        }
    }
}
