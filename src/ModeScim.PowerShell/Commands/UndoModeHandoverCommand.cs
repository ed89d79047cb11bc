using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Reverses the handovers journalled for leavers: see <see cref="UndoHandoversOperation"/>.</summary>
    [Cmdlet(VerbsCommon.Undo, "ModeHandover", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class UndoModeHandoverCommand : ModeScimConnectedCmdlet
    {
        private readonly List<string> _leavers = new List<string>();
        private UndoHandoversOperation? _operation;

        /// <summary>The leavers' userNames, as the journal records them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Identity")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public string[] UserName { get; set; } = Array.Empty<string>();

        /// <summary>Only handovers journalled at or after this time.</summary>
        [Parameter]
        public DateTime? After { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The journal the handovers were recorded in, and the reversals are.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() => _operation = new UndoHandoversOperation(this, Session, OpenJournal(JournalPath), PassThru));
        }

        protected override void ProcessRecord()
        {
            _leavers.AddRange(UserName.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()));
        }

        protected override void EndProcessing() => Run(() => _operation!.Undo(_leavers, After));
    }
}
