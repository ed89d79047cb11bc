using System;

namespace ModeScim.PowerShell.Models
{
    /// <summary>One row of an access review: flat, so it goes straight into Export-Csv.</summary>
    public sealed class ModeAccessReportRow
    {
        // A kept report holds each date as a DateTime: the wrapper that gives it its ISO text is made when it is read.
        private DateTime? _created;
        private DateTime? _lastModified;
        private DateTime? _lastEngaged;

        public string UserName { get; set; } = string.Empty;

        public string? DisplayName { get; set; }

        /// <summary>Null for a Missing row: the person has no Mode account.</summary>
        public bool? Active { get; set; }

        /// <summary>Group names joined by "; ".</summary>
        public string Groups { get; set; } = string.Empty;

        public int GroupCount { get; set; }

        /// <summary>In UTC, as every date here; see <see cref="UtcTimestamp"/>.</summary>
        public UtcTimestamp? Created
        {
            get => _created;
            set => _created = value?.UtcDateTime;
        }

        public UtcTimestamp? LastModified
        {
            get => _lastModified;
            set => _lastModified = value?.UtcDateTime;
        }

        /// <summary>The most pressing of: Inactive, Invited (a pending invite), Orphaned (active in Mode, not in the
        /// reference), Unmanaged (an account SCIM does not list or does not manage), Unused (no use for -InactiveDays),
        /// Missing (in the reference, not in Mode), else Ok.</summary>
        public string Status { get; set; } = string.Empty;

        public string? Id { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>False for an account only Mode's REST API shows (SCIM does not list it).</summary>
        public bool InScim { get; set; } = true;

        /// <summary>The rest, from Mode's REST API when connected (empty without it).</summary>
        public string? ModeUsername { get; set; }

        /// <summary>The membership's state as Mode says it: active, deactivated, pending...</summary>
        public string? ModeState { get; set; }

        public bool? Admin { get; set; }

        /// <summary>False for a just-in-time or invited account SCIM does not manage; empty where Mode did not say.</summary>
        public bool? ManagedByScim { get; set; }

        /// <summary>The last day of use, from the Discovery API (Enterprise plan).</summary>
        public UtcTimestamp? LastEngaged
        {
            get => _lastEngaged;
            set => _lastEngaged = value?.UtcDateTime;
        }

        /// <summary>Days since the last use, or since activation for an account never used.</summary>
        public int? DaysInactive { get; set; }
    }

    /// <summary>Counts by status, for a report's headline.</summary>
    public sealed class ModeAccessReportSummary
    {
        // Held as a DateTime: the wrapper that gives it its ISO text is made when it is read.
        private DateTime _generatedAt;

        public int Total { get; set; }

        public int Ok { get; set; }

        public int Orphaned { get; set; }

        public int Inactive { get; set; }

        public int Missing { get; set; }

        public int Unmanaged { get; set; }

        public int Unused { get; set; }

        public int Invited { get; set; }

        /// <summary>Paid seats: active accounts (all of Mode's with the REST API, else SCIM's active users).</summary>
        public int ActiveSeats { get; set; }

        /// <summary>Workspace admins; empty without the REST API.</summary>
        public int? Admins { get; set; }

        /// <summary>In UTC; see <see cref="UtcTimestamp"/>.</summary>
        public UtcTimestamp GeneratedAt
        {
            get => _generatedAt;
            set => _generatedAt = value.UtcDateTime;
        }

        public override string ToString() => "Total " + Total + ": Ok " + Ok + ", Orphaned " + Orphaned + ", Inactive " + Inactive
            + ", Missing " + Missing + ", Unmanaged " + Unmanaged + ", Unused " + Unused + ", Invited " + Invited + "; seats "
            + ActiveSeats + (Admins.HasValue ? ", admins " + Admins : string.Empty);
    }

    public static class ModeAccessStatus
    {
        public const string Ok = "Ok";
        public const string Orphaned = "Orphaned";
        public const string Inactive = "Inactive";
        public const string Missing = "Missing";
        public const string Unmanaged = "Unmanaged";
        public const string Unused = "Unused";
        public const string Invited = "Invited";
    }
}
