using System;
using System.Linq;
using System.Management.Automation;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>One row per Mode user with their groups and a status against a reference (the HR export):
    /// who has access that nobody vouches for (Orphaned), and who should but has no account (Missing). The reads are
    /// <see cref="AccessReportOperation"/>'s, the rows <see cref="Planning.AccessReportPlanner"/>'s.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeAccessReport")]
    [OutputType(typeof(ModeAccessReportRow), typeof(ModeAccessReportSummary))]
    public sealed class GetModeAccessReportCommand : ModeScimConnectedCmdlet
    {
        private const string ByUserName = "UserName";
        private const string ByExternalId = "ExternalId";

        private AccessReportOperation? _operation;
        private ColumnMapping _columnMap = ColumnMapping.None;

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

        /// <summary>Your own names for columns the module's table does not know, read before the table's:
        /// @{ 'Work Email' = 'Email'; 'Worker ID' = 'ExternalId'; 'Emp Status' = 'Status' }. Targets: UserName, Email,
        /// GivenName, FamilyName, DisplayName, ExternalId, and Status (a status word), Enabled or Disabled (flags).</summary>
        [Parameter]
        public System.Collections.Hashtable? ColumnMap { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _columnMap = ReadColumnMap(ColumnMap);
            Run(() =>
            {
                _operation = new AccessReportOperation(this, Session, new AccessReportOptions
                {
                    ByExternalId = Key == ByExternalId,
                    ReferenceGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Reference)) || MyInvocation.ExpectingInput,
                    Summary = Summary,
                    InactiveDays = InactiveDays,
                });
                _operation.Begin();
            });
        }

        protected override void ProcessRecord()
        {
            foreach (var row in (Reference ?? Array.Empty<PSObject>()).OfType<PSObject>())
            {
                _operation!.AddReference(DesiredUserReader.Read(row, _columnMap), () => UserColumns.Describe(row));
            }
        }

        protected override void EndProcessing() => Run(() => ReleaseWorkspace(_operation!.End()));
    }
}
