using System;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Adds users to groups in batched PATCH requests; users already in a group cost nothing.
    /// The members are collected per group and sent after every lookup: see <see cref="GroupMemberChangeOperation"/>.</summary>
    [Cmdlet(VerbsCommon.Add, "ModeGroupMember", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeGroup))]
    public sealed class AddModeGroupMemberCommand : ModeScimConnectedCmdlet
    {
        private GroupMemberChangeOperation? _operation;

        /// <summary>Groups: objects, displayNames or ids; from a row, its Group, GroupName or "Group Name" column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "Group Name")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Group { get; set; } = Array.Empty<ModeGroupIdentity>();

        /// <summary>Users: objects, userNames or ids. Accepts pipeline input; from a row, its Member column, else its user
        /// columns.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias(
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name", "Email", "Mail", "EmailAddress",
            "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email", "Id", "Members")]
        [AllowNull]
        [AllowEmptyCollection]
        [MemberColumn]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity?[] Member { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>Members per PATCH request; never more than the server advertises.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        /// <summary>Return each group as the server has it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the user's local
        /// application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() => _operation = new GroupMemberChangeOperation(this, Session, OpenJournal(JournalPath), new GroupMemberChangeOptions
            {
                Adding = true,
                BatchSize = BatchSize,
                PassThru = PassThru,
                FilterMaxResults = ActiveConnection.FilterMaxResults,
                MaxOperationsPerRequest = ActiveConnection.MaxOperationsPerRequest,
            }));
        }

        protected override void ProcessRecord() => Run(() => _operation!.Add(Group, Member));

        protected override void EndProcessing() => Run(() => _operation!.End());
    }
}
