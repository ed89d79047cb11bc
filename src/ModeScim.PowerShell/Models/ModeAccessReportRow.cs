using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>One row of an access review: flat, so it goes straight into Export-Csv.</summary>
    public sealed class ModeAccessReportRow
    {
        public string UserName { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        /// <summary>Null for a Missing row: the person has no Mode account.</summary>
        public bool? Active { get; set; }

        /// <summary>Group names joined by "; ".</summary>
        public string Groups { get; set; } = string.Empty;

        public int GroupCount { get; set; }

        public DateTime? Created { get; set; }

        public DateTime? LastModified { get; set; }

        /// <summary>Ok, Orphaned (active in Mode, not in the reference), Inactive, or Missing (in the reference, not in Mode).</summary>
        public string Status { get; set; } = string.Empty;

        public string? Id { get; set; }

        public string? ExternalId { get; set; }
    }

    /// <summary>Counts by status, for a report's headline.</summary>
    public sealed class ModeAccessReportSummary
    {
        public int Total { get; set; }

        public int Ok { get; set; }

        public int Orphaned { get; set; }

        public int Inactive { get; set; }

        public int Missing { get; set; }

        public DateTime GeneratedAt { get; set; }

        public override string ToString() => "Total " + Total + ": Ok " + Ok + ", Orphaned " + Orphaned + ", Inactive " + Inactive
            + ", Missing " + Missing;
    }

    public static class ModeAccessStatus
    {
        public const string Ok = "Ok";
        public const string Orphaned = "Orphaned";
        public const string Inactive = "Inactive";
        public const string Missing = "Missing";
    }
}
