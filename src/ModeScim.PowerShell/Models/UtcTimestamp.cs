using System;
using System.Globalization;
using System.Management.Automation;

namespace ModeScim.PowerShell.Models
{
    /// <summary>A moment in UTC as the module outputs it. To a script it is the [datetime] it wraps: PowerShell unwraps a
    /// PSObject wherever it compares, converts, sorts or calls a member, so -lt, AddDays, Sort-Object and -is [datetime] all
    /// behave as on any date. Its text is ISO 8601 in UTC, such as 2026-12-07T08:00:00Z, whatever the session's culture.</summary>
    /// <remarks>Export-Csv and ConvertTo-Csv write each property as its value's ToString(): a DateTime's follows the
    /// session's culture and names no time zone, and a DateTimeOffset's too, while PowerShell cannot even convert a
    /// DateTimeOffset back to a [datetime] (Get-Date -Date, New-TimeSpan). Overriding the wrapper's ToString() changes the
    /// text those cmdlets write, and nothing else. See docs/dates.md.</remarks>
    public sealed class UtcTimestamp : PSObject
    {
        /// <summary>How the text reads: to the second, with the Z that says UTC.</summary>
        public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public UtcTimestamp(DateTime value)
            : base(AsUtc(value))
        {
            // Kept here as well: the wrapper's own members never reach PowerShell, which sees the base object's.
            UtcDateTime = AsUtc(value);
        }

        /// <summary>The moment, with Kind Utc.</summary>
        public DateTime UtcDateTime { get; }

        public override string ToString() => Text(UtcDateTime);

        /// <summary>The ISO 8601 text of a moment in UTC.</summary>
        public static string Text(DateTime utc) => utc.ToString(Format, CultureInfo.InvariantCulture);

        public static implicit operator UtcTimestamp(DateTime value) => new UtcTimestamp(value);

        public static implicit operator UtcTimestamp?(DateTime? value) => value.HasValue ? new UtcTimestamp(value.Value) : null;

        /// <summary>A local time (Get-Date) is converted; one of no stated kind is taken as UTC, the kind of every time the
        /// module reads from a server or a journal.</summary>
        internal static DateTime AsUtc(DateTime value) =>
            value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
    }
}
