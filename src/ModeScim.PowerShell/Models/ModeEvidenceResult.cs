using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>What Export-ModeEvidence wrote: the folder, the period, and the counts an auditor looks at first.</summary>
    public sealed class ModeEvidenceResult
    {
        // Held as DateTimes: the wrappers that give them their ISO text are made when they are read.
        private DateTime _since;
        private DateTime _until;

        public string Path { get; set; } = string.Empty;

        /// <summary>The journal period's start, in UTC; see <see cref="UtcTimestamp"/>.</summary>
        public UtcTimestamp Since
        {
            get => _since;
            set => _since = value.UtcDateTime;
        }

        /// <summary>When the evidence was taken, in UTC: the period's end.</summary>
        public UtcTimestamp Until
        {
            get => _until;
            set => _until = value.UtcDateTime;
        }

        /// <summary>Rows of accounts.csv: every account now.</summary>
        public int Accounts { get; set; }

        /// <summary>Records of the period in journal.jsonl and journal.csv.</summary>
        public int JournalRecords { get; set; }

        /// <summary>Rows of leavers.csv.</summary>
        public int Leavers { get; set; }

        /// <summary>Leavers whose access ModeScim's journal does not show revoked (or whose account is active now).</summary>
        public int NotRevoked { get; set; }

        /// <summary>Leaver rows whose leave date or name cannot be read: each says why in leavers.csv.</summary>
        public int Unreadable { get; set; }

        /// <summary>Rows of plans.csv: plans applied in the period.</summary>
        public int PlansApplied { get; set; }

        /// <summary>The manifest's full path.</summary>
        public string Manifest { get; set; } = string.Empty;
    }
}
