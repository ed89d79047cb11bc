namespace ModeScim.PowerShell.Models
{
    /// <summary>What Sync-ModeUser did, or, with -WhatIf, what it would do. Every desired row and every
    /// Mode user it meant to change is in exactly one list.</summary>
    public sealed class ModeUserSyncResult
    {
        public ModeList<string> Created { get; set; } = new ModeList<string>();

        public ModeList<string> Updated { get; set; } = new ModeList<string>();

        public ModeList<string> Disabled { get; set; } = new ModeList<string>();

        public ModeList<string> Enabled { get; set; } = new ModeList<string>();

        public int Unchanged { get; set; }

        /// <summary>Mode users left alone because -Exclude protects them.</summary>
        public int Excluded { get; set; }

        public ModeList<ModeUserSyncFailure> Failed { get; set; } = new ModeList<ModeUserSyncFailure>();

        public int Requests { get; set; }

        public bool WhatIf { get; set; }
    }

    public sealed class ModeUserSyncFailure
    {
        public string UserName { get; set; } = string.Empty;

        public string Action { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;

        public override string ToString() => Action + " " + UserName + ": " + Reason;
    }
}
