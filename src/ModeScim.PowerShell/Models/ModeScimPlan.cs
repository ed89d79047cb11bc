namespace ModeScim.PowerShell.Models
{
    /// <summary>A plan Sync-ModeUser or Sync-ModeGroup -PlanPath saved instead of applying it: where it is, its hash, how
    /// many changes of each kind it holds, and the guards it exceeded (applying it then needs Invoke-ModePlan -Force).</summary>
    public sealed class ModeScimPlan
    {
        public string Path { get; set; } = string.Empty;

        /// <summary>The Markdown summary beside the plan, for the approver.</summary>
        public string SummaryPath { get; set; } = string.Empty;

        public string Id { get; set; } = string.Empty;

        /// <summary>Sync-ModeUser or Sync-ModeGroup.</summary>
        public string Kind { get; set; } = string.Empty;

        public string Sha256 { get; set; } = string.Empty;

        public UtcTimestamp? CreatedAt { get; set; }

        public int Create { get; set; }

        public int Update { get; set; }

        public int Enable { get; set; }

        public int Disable { get; set; }

        public int GroupAdd { get; set; }

        public int GroupRemove { get; set; }

        /// <summary>Input items planning refused (never changes); each was also written as an error.</summary>
        public int Refused { get; set; }

        /// <summary>The guards the plan exceeded ("MaxDisable 5%: 12 of 60"); empty when every guard held.</summary>
        public ModeList<string> GuardsExceeded { get; set; } = new ModeList<string>();

        /// <summary>False under -WhatIf: the plan was made but not written.</summary>
        public bool Saved { get; set; }

        public int Requests { get; set; }
    }
}
