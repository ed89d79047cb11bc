using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Lists the collections and reports members created: see <see cref="OwnedContentOperation"/>.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeContent")]
    [OutputType(typeof(ModeContentItem))]
    public sealed class GetModeContentCommand : ModeScimConnectedCmdlet
    {
        private OwnedContentOperation? _operation;
        private readonly List<string> _owners = new List<string>();

        /// <summary>Members by email (a SCIM userName) or Mode username.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UserName", "Email")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public string[] Owner { get; set; } = Array.Empty<string>();

        /// <summary>Only collections or only reports.</summary>
        [Parameter]
        [ValidateSet(ModeContentKind.Collection, ModeContentKind.Report)]
        public string? Kind { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() => _operation = new OwnedContentOperation(this, Session));
        }

        protected override void ProcessRecord()
        {
            _owners.AddRange(Owner.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim()));
        }

        protected override void EndProcessing() => Run(() => _operation!.List(_owners, Kind));
    }
}
