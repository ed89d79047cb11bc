using System;
using System.Management.Automation;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Applies a plan saved by Sync-ModeUser or Sync-ModeGroup -PlanPath, once approved: see
    /// <see cref="PlanApplyOperation"/>. Only changes whose target is still as planned are made; applying twice changes
    /// nothing the second time.</summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ModePlan", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeUserSyncResult), typeof(ModeGroupSyncResult))]
    public sealed class InvokeModePlanCommand : ModeScimConnectedCmdlet
    {
        private PlanApplyOperation? _operation;

        /// <summary>The plan file (the .json, not its .md summary).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Apply a plan that exceeded its guards when it was made: the approver has seen it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The oldest plan applied; an older one is refused (ModeScim.PlanExpired). Default: 24 hours.</summary>
        [Parameter]
        public TimeSpan MaxAge { get; set; } = PlanApplyOptions.DefaultMaxAge;

        /// <summary>The journal file (JSON Lines) or folder; defaults to $env:MODESCIM_JOURNAL, else a file in the user's
        /// local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() =>
            {
                if (MaxAge <= TimeSpan.Zero)
                {
                    throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("-MaxAge must be more than zero.", MaxAge));
                }
                var options = new PlanApplyOptions
                {
                    Force = Force,
                    MaxAge = MaxAge,
                    MaxOperationsPerRequest = ActiveConnection.MaxOperationsPerRequest,
                };
                _operation = new PlanApplyOperation(this, Session, OpenJournal(JournalPath), options);
            });
        }

        protected override void ProcessRecord() => Run(() => _operation!.Apply(ResolvePlanPath(Path)));
    }
}
