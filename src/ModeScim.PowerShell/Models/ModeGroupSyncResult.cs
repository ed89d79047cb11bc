namespace ModeScim.PowerShell.Models
{
    /// <summary>What Sync-ModeGroup did to one group, or, with -WhatIf, what it would do.</summary>
    public sealed class ModeGroupSyncResult
    {
        public string Group { get; set; } = string.Empty;

        public string? GroupId { get; set; }

        /// <summary>True when the group did not exist and was (or would be) created.</summary>
        public bool Created { get; set; }

        /// <summary>Members added (or to add), by userName.</summary>
        public ModeList<string> Added { get; set; } = new ModeList<string>();

        /// <summary>Members removed (or to remove), as the server names them.</summary>
        public ModeList<string> Removed { get; set; } = new ModeList<string>();

        /// <summary>Desired members already in the group.</summary>
        public int Unchanged { get; set; }

        /// <summary>Desired names that no Mode user has.</summary>
        public ModeList<string> NotFound { get; set; } = new ModeList<string>();

        /// <summary>Changes that were attempted and failed, each with its reason.</summary>
        public ModeList<ModeGroupSyncFailure> Failed { get; set; } = new ModeList<ModeGroupSyncFailure>();

        /// <summary>HTTP requests made for this group (every attempt counts).</summary>
        public int Requests { get; set; }

        /// <summary>True for a plan shown by -WhatIf: nothing was changed.</summary>
        public bool WhatIf { get; set; }
    }

    public sealed class ModeGroupSyncFailure
    {
        public string Member { get; set; } = string.Empty;

        public string Change { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;

        public override string ToString() => Change + " " + Member + ": " + Reason;
    }
}
