using System;
using System.Linq;
using System.Management.Automation;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Writes the evidence an auditor asks for into one folder: every account now, the journal's records of a
    /// period, each leaver's leave date against the disable that revoked their access, the plans applied, and a manifest
    /// of the files' SHA-256 hashes. The work is <see cref="ExportEvidenceOperation"/>'s; it changes nothing in Mode.</summary>
    [Cmdlet(VerbsData.Export, "ModeEvidence", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeEvidenceResult))]
    public sealed class ExportModeEvidenceCommand : ModeScimConnectedCmdlet
    {
        /// <summary>The period a review looks back over when -Since is not given: a quarter.</summary>
        public const int DefaultDays = 90;

        private ExportEvidenceOperation? _operation;

        /// <summary>The folder to write; created if missing. One that holds evidence already is refused without -Force.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The start of the journal's period (default: 90 days before now).</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>HR rows (Import-Csv hr.csv): the reference for the accounts and the leavers with their leave dates.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject?[]? Reference { get; set; }

        /// <summary>The journal file or folder; defaults to $env:MODESCIM_JOURNAL, else the per-user default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Replace the set a folder holds already, whole.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() =>
            {
                var now = DateTime.UtcNow;
                _operation = new ExportEvidenceOperation(this, Session, new ExportEvidenceOptions
                {
                    Folder = ResolveFolder(),
                    JournalPath = ResolveJournal(),
                    Since = Since.HasValue ? UtcTimestamp.AsUtc(Since.Value) : now.AddDays(-DefaultDays),
                    Now = now,
                    Force = Force,
                    ReferenceGiven = MyInvocation.BoundParameters.ContainsKey(nameof(Reference)) || MyInvocation.ExpectingInput,
                    ModuleVersion = MyInvocation.MyCommand.Module?.Version?.ToString()
                        ?? typeof(ExportModeEvidenceCommand).Assembly.GetName().Version?.ToString() ?? string.Empty,
                });
                _operation.Begin();
            });
        }

        protected override void ProcessRecord()
        {
            foreach (var row in (Reference ?? Array.Empty<PSObject>()).OfType<PSObject>())
            {
                _operation!.AddReference(DesiredUserReader.Read(row), LeaveDate.Read(row), () => UserColumns.Describe(row));
            }
        }

        protected override void EndProcessing() => Run(() =>
        {
            var written = _operation!.End();
            if (written.HasValue)
            {
                ReleaseWorkspace(written.Value.UsersRead);
                WriteObject(written.Value.Result);
            }
        });

        private string ResolveFolder()
        {
            try
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out var provider, out _);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("-Path must be a folder on the file system, but '" + Path
                        + "' is on the " + provider.Name + " provider.", Path));
                }
                return path;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ProviderNotFoundException || ex is DriveNotFoundException
                || ex is NotSupportedException)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(ex.Message, Path, ex));
            }
        }

        private string ResolveJournal()
        {
            try
            {
                return JournalLocation.Resolve(JournalPath, SessionState);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ProviderNotFoundException || ex is DriveNotFoundException
                || ex is NotSupportedException)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput(ex.Message, JournalPath, ex));
            }
        }
    }
}
