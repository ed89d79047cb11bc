using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Users
{
    /// <summary>A row's leave date as an HR file or directory export gives it: the column it came from, its text, and the
    /// moment in UTC, or the problem that leaves it unread. A date is never guessed: 03/04/2026 may be March or April, so
    /// it is refused, while 13/04/2026 and 2026-04-03 are not.</summary>
    internal sealed class LeaveDate
    {
        /// <summary>The names a leave date is read from, first one with a value wins: HR files (Workday's "Termination
        /// Date", "Last Day of Work"), Entra's employeeLeaveDateTime (Get-MgUser), and the usual spellings.</summary>
        public static readonly string[] Columns =
        {
            "LeaveDate", "Leave Date", "LeavingDate", "Leaving Date", "TerminationDate", "Termination Date", "Termination_Date",
            "EndDate", "End Date", "Last Day", "LastDay", "Last Day of Work", "LastWorkingDay", "Last Working Day",
            "SeparationDate", "Separation Date", "DepartureDate", "Departure Date", "ExitDate", "Exit Date",
            "employeeLeaveDateTime",
        };

        private static readonly string[] IsoFormats =
        {
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm",
            "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ssK",
        };

        private static readonly string[] NamedMonthFormats =
        {
            "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "MMMM d yyyy", "d-MMM-yyyy", "dd-MMM-yyyy",
            "d-MMM-yy", "dd-MMM-yy",
        };

        /// <summary>A row with no leave date.</summary>
        public static readonly LeaveDate None = new LeaveDate(null, null, null, null);

        private static readonly Regex Numeric = new Regex(@"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", RegexOptions.CultureInvariant);

        private LeaveDate(string? column, string? text, DateTime? utc, string? problem)
        {
            Column = column;
            Text = text;
            Utc = utc;
            Problem = problem;
        }

        /// <summary>The column the date was read from; null when the row has none with a value.</summary>
        public string? Column { get; }

        public string? Text { get; }

        /// <summary>The moment the person left, in UTC; a date without a time is that day's start, 00:00 UTC.</summary>
        public DateTime? Utc { get; }

        /// <summary>Why the value cannot be read as a date; the row then has no leave date, and says so.</summary>
        public string? Problem { get; }

        public bool IsGiven => Column != null;

        /// <summary>The first leave-date column of the row that holds a value (a blank is no value).</summary>
        public static LeaveDate Read(PSObject row)
        {
            var properties = row.Properties.ToArray();
            foreach (var name in Columns)
            {
                var property = properties.FirstOrDefault(p => string.Equals(p.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
                object? value;
                try
                {
                    value = property?.Value;
                }
                catch (GetValueException)
                {
                    value = null;
                }
                value = value is PSObject wrapped ? wrapped.BaseObject : value;
                if (value != null && !string.IsNullOrWhiteSpace(value.ToString()))
                {
                    return Parse(property!.Name, value);
                }
            }
            return None;
        }

        /// <summary>A value from a column: a date object as it is (a local time converted to UTC, one of no kind taken as
        /// UTC, as <see cref="UtcTimestamp"/> takes it), text in an unambiguous form, else the problem.</summary>
        public static LeaveDate Parse(string column, object value)
        {
            switch (value)
            {
                case DateTime date:
                    return new LeaveDate(column, UtcTimestamp.Text(UtcTimestamp.AsUtc(date)), UtcTimestamp.AsUtc(date), null);
                case DateTimeOffset offset:
                    return new LeaveDate(column, UtcTimestamp.Text(offset.UtcDateTime), offset.UtcDateTime, null);
            }
            var text = value.ToString()!.Trim();
            var utc = ParseText(text, out var problem);
            return new LeaveDate(column, text, utc, utc.HasValue ? null
                : "The leave date '" + text + "' in column '" + column + "' " + problem
                    + " Write it as yyyy-MM-dd (2026-12-07), or with a time and zone (2026-12-07T17:00:00Z).");
        }

        private static DateTime? ParseText(string text, out string problem)
        {
            problem = "is not a date this module reads.";
            const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            if (DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, Utc, out var iso)
                || DateTime.TryParseExact(text, NamedMonthFormats, CultureInfo.InvariantCulture, Utc, out iso))
            {
                return DateTime.SpecifyKind(iso, DateTimeKind.Utc);
            }
            var numeric = Numeric.Match(text);
            if (!numeric.Success)
            {
                return null;
            }
            var first = int.Parse(numeric.Groups[1].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(numeric.Groups[2].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(numeric.Groups[3].Value, CultureInfo.InvariantCulture);
            if (first <= 12 && second <= 12 && first != second)
            {
                problem = "may be day/month or month/day, so it is not guessed.";
                return null;
            }
            var (day, month) = first > 12 ? (first, second) : (second, first);
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                problem = "is not a day of the calendar.";
                return null;
            }
            return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        }
    }
}
