using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>A journal record as PowerShell shows it: who was created, changed, disabled, enabled or removed, when, by
    /// whom, and which groups they were in at that moment or which attributes changed.</summary>
    public sealed class ModeScimJournalRecord
    {
        // Held as a DateTime: the wrapper that gives it its ISO text is made when it is read.
        private DateTime _time;

        /// <summary>When the change was recorded, in UTC; see <see cref="UtcTimestamp"/>.</summary>
        public UtcTimestamp Time
        {
            get => _time;
            set => _time = value.UtcDateTime;
        }

        public string Action { get; set; } = string.Empty;

        public string UserId { get; set; } = string.Empty;

        public string UserName { get; set; } = string.Empty;

        public ModeList<ModeGroupMembership> Groups { get; set; } = new ModeList<ModeGroupMembership>();

        /// <summary>False when the groups could not be read and the change was made with -AllowUnknownGroups:
        /// an empty Groups then means "unknown", and -RestoreGroups has nothing to put back.</summary>
        public bool GroupsKnown { get; set; } = true;

        /// <summary>Where the groups were read from (userAttribute, groups, groupFilter, modeApi) or "unknown"; empty on
        /// records written before 0.2 and on records that hold no memberships read from the server.</summary>
        public string? GroupsSource { get; set; }

        public string? Reason { get; set; }

        public string? Operator { get; set; }

        public string? Host { get; set; }

        public string? BaseUri { get; set; }

        /// <summary>For handover records: "collection" or "report".</summary>
        public string? ContentKind { get; set; }

        public string? ContentName { get; set; }

        public string? ContentToken { get; set; }

        /// <summary>A moved report's collection before the move.</summary>
        public string? FromCollection { get; set; }

        /// <summary>Where a report went, or the collection a grant was made on.</summary>
        public string? ToCollection { get; set; }

        /// <summary>The successor's Mode username.</summary>
        public string? Successor { get; set; }

        /// <summary>The journal file and line this record was read from or written to.</summary>
        public string? Path { get; set; }

        public int? Line { get; set; }

        /// <summary>The record's number in its file, counting on across every job that appends to the file; empty on records
        /// of older versions.</summary>
        public long? Sequence { get; set; }

        /// <summary>On Disable and Enable records: the user's earlier records this one follows, each as its file's name and
        /// "seq N" (or "line N"), whatever the times say. Records of one user from different machines that name no chain
        /// between them are ordered by those machines' clocks.</summary>
        public ModeList<string> After { get; set; } = ModeList<string>.Empty;

        /// <summary>On Create and Update records: each attribute set, with its old value (as the server showed it just
        /// before) and its new one; empty on other records.</summary>
        public ModeList<ModeAttributeChange> Changes { get; set; } = ModeList<ModeAttributeChange>.Empty;

        /// <summary>On records of changes Invoke-ModePlan made: the id of the approved plan they came from.</summary>
        public string? PlanId { get; set; }
    }
}
