using System;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Makes each group's members exactly the desired set with the fewest requests: one read of the
    /// group, batched lookups of the names not already among its members, and ceil(changes / batch size)
    /// PATCH requests. Rows for many groups may be piped (such as Import-Csv rows of Group,UserName); they are
    /// collected per group first. Every addition and removal is journalled before it is made. Returns one result
    /// per group. The steps are <see cref="SyncGroupsOperation"/>'s.</summary>
    [Cmdlet(VerbsData.Sync, "ModeGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeGroupSyncResult))]
    public sealed class SyncModeGroupCommand : ModeScimConnectedCmdlet
    {
        private SyncGroupsOperation? _operation;

        /// <summary>A group object, displayName or id: one per record, since -Member is its desired set; from a row, its
        /// Group, GroupName or "Group Name" column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "Group Name", "Identity")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Group { get; set; } = Array.Empty<ModeGroupIdentity>();

        /// <summary>The desired members: user objects, userNames or ids. An empty list empties the group.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias(
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name", "Email", "Mail", "EmailAddress",
            "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email", "Id", "Members")]
        [AllowNull]
        [AllowEmptyCollection]
        public ModeUserIdentity?[] Member { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>Create a group that does not exist yet.</summary>
        [Parameter]
        public SwitchParameter CreateIfMissing { get; set; }

        /// <summary>Only add: members not in the desired set stay.</summary>
        [Parameter]
        public SwitchParameter AddOnly { get; set; }

        /// <summary>Refuse to change a group whose plan removes more members than this.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxRemove { get; set; } = int.MaxValue;

        /// <summary>Refuse to change a group when more of its desired names than this resolve to nobody: a count, or
        /// a share of the desired members such as 50% (the default). A list of names that mostly match nobody (a
        /// wrong column, a broken export) would otherwise empty the group.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string MaxUnresolved { get; set; } = "50%";

        /// <summary>Member changes per PATCH request; never more than the server advertises.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the
        /// user's local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Plan only: read every group, plan and check the guards as a run would, change nothing, and save the plan
        /// here as JSON (with its SHA-256) and a Markdown summary beside it (same name, .md), for Invoke-ModePlan to apply
        /// once approved. A group past a guard is saved too, marked so: applying the plan then needs -Force.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PlanPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() =>
            {
                var options = new SyncGroupsOptions
                {
                    CreateIfMissing = CreateIfMissing,
                    AddOnly = AddOnly,
                    MaxRemove = MaxRemove,
                    MaxUnresolved = MaxUnresolved,
                    BatchSize = BatchSize,
                    FilterMaxResults = ActiveConnection.FilterMaxResults,
                    MaxOperationsPerRequest = ActiveConnection.MaxOperationsPerRequest,
                    PlanPath = PlanPath == null ? null : ResolvePlanPath(PlanPath),
                };
                _operation = new SyncGroupsOperation(this, Session, OpenJournal(JournalPath), options);
                _operation.Begin();
            });
        }

        protected override void ProcessRecord()
        {
            if (TryGetOne(Group, "group", "To sync several, pipe rows with a Group column.", out var identity))
            {
                Run(() => _operation!.Add(identity, Member));
            }
        }

        protected override void EndProcessing() => Run(() => _operation!.End());
    }
}
