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

    /// <summary>One change that failed or was refused, described as a Sync-ModeGroup failure is: whom, which change,
    /// and why (the error id, then the message).</summary>
    public sealed class ModeUserSyncFailure
    {
        public string UserName { get; set; } = string.Empty;

        /// <summary>Read, Create, Update, Enable, Disable or Handover.</summary>
        public string Change { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;

        public override string ToString() => Change + " " + UserName + ": " + Reason;
    }
}
