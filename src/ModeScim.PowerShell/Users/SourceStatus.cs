using System;
using System.Collections.Generic;
using System.Linq;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Whether the source says the person is active.</summary>
    internal enum SourceActivity
    {
        /// <summary>The row has no status column: the person is taken to be active, as before status was read.</summary>
        NotGiven,
        Active,
        Inactive,
    }

    /// <summary>What a row's status columns say, and where: the column and value that decided, or the problem that
    /// leaves it undecided (an unknown or blank value is refused, never guessed).</summary>
    internal sealed class SourceStatus
    {
        public static readonly SourceStatus NotGiven = new SourceStatus(SourceActivity.NotGiven, null, null, null);

        private SourceStatus(SourceActivity activity, string? column, string? value, string? problem)
        {
            Activity = activity;
            Column = column;
            Value = value;
            Problem = problem;
        }

        public SourceActivity Activity { get; }

        public string? Column { get; }

        public string? Value { get; }

        /// <summary>Why the status cannot be read; the row is then refused.</summary>
        public string? Problem { get; }

        public bool IsInactive => Problem == null && Activity == SourceActivity.Inactive;

        /// <summary>The column and value, for messages and journal reasons: "accountEnabled 'False'".</summary>
        public string Describe() => Column + " '" + Value + "'";

        /// <summary>Reads a row's status columns, each with the kind the table or an admin's -ColumnMap gives it. Any column
        /// that says the person is not active makes the row a leaver; one whose value is blank or unknown makes it
        /// unreadable.</summary>
        /// <remarks>The answer does not depend on the order of the columns: any column saying the person is not active
        /// decides (access is what is at stake), else any column that cannot be read refuses the row, else active.</remarks>
        public static SourceStatus Read(IEnumerable<(string Column, StatusColumns.Kind Kind, string? Value)> columns)
        {
            SourceStatus? active = null;
            SourceStatus? unreadable = null;
            foreach (var column in columns)
            {
                var value = column.Value?.Trim() ?? string.Empty;
                var says = value.Length == 0 ? null : StatusColumns.Decide(column.Kind, value);
                if (says == SourceActivity.Inactive)
                {
                    return new SourceStatus(SourceActivity.Inactive, column.Column, value, null);
                }
                if (says == null)
                {
                    unreadable ??= Unreadable(column.Column, value, value.Length == 0 ? "is blank"
                        : "is not a status this module knows (" + StatusColumns.Known(column.Kind) + ")");
                }
                else
                {
                    active ??= new SourceStatus(SourceActivity.Active, column.Column, value, null);
                }
            }
            return unreadable ?? active ?? NotGiven;
        }

        private static SourceStatus Unreadable(string column, string value, string why) =>
            new SourceStatus(SourceActivity.NotGiven, column, value, "The status column '" + column + "' " + (value.Length == 0 ? why
                : "holds '" + value + "', which " + why) + ": whether the person is active cannot be read, so the row is refused.");
    }

    /// <summary>The status columns of the exports the module knows, each read its own way: a flag that is true for an
    /// active person (Entra's accountEnabled, AD's Enabled), a flag that is true for one who is not (Entra's old
    /// "Block sign in", Google's Suspended, an HR file's Terminated), or a status word (Okta's status, Workday's
    /// Active Status and the like).</summary>
    internal static class StatusColumns
    {
        internal enum Kind
        {
            EnabledFlag,
            BlockedFlag,
            StatusWord,
        }

        public static readonly string[] EnabledFlags = { "accountEnabled", "Account enabled", "Enabled", "Active" };

        public static readonly string[] BlockedFlags = { "Block sign in", "Suspended", "Terminated" };

        public static readonly string[] StatusWords =
        {
            "Status", "Active Status", "Worker Status", "Employment Status", "Status [READ ONLY]",
        };

        public static IEnumerable<string> All => EnabledFlags.Concat(BlockedFlags).Concat(StatusWords);

        private static readonly HashSet<string> Yes = Set("true", "yes", "y", "1", "enabled", "active");

        private static readonly HashSet<string> No = Set("false", "no", "n", "0", "disabled", "inactive");

        // Okta's lifecycle: staged, provisioned, active, recovery, password expired and locked out people still work
        // here; suspended and deprovisioned ones do not. HR words: a person on leave is still employed.
        private static readonly HashSet<string> ActiveWords = Set("active", "staged", "provisioned", "recovery", "password_expired",
            "locked_out", "on leave", "leave of absence", "employed", "current", "true", "yes", "1");

        private static readonly HashSet<string> InactiveWords = Set("suspended", "deprovisioned", "terminated", "inactive", "retired",
            "deceased", "withdrawn", "disabled", "former", "left", "false", "no", "0");

        // Looked up for every property of every row: one dictionary, not three scans.
        private static readonly Dictionary<string, Kind> Kinds = EnabledFlags.Select(n => (Name: n, Kind: Kind.EnabledFlag))
            .Concat(BlockedFlags.Select(n => (Name: n, Kind: Kind.BlockedFlag)))
            .Concat(StatusWords.Select(n => (Name: n, Kind: Kind.StatusWord)))
            .ToDictionary(c => c.Name, c => c.Kind, StringComparer.OrdinalIgnoreCase);

        public static Kind? KindOf(string column) => Kinds.TryGetValue(column.Trim(), out var kind) ? kind : (Kind?)null;

        /// <summary>What the value says; null when it is not one of the values known for that kind of column.</summary>
        public static SourceActivity? Decide(Kind kind, string value)
        {
            switch (kind)
            {
                case Kind.EnabledFlag:
                    return Flag(value, SourceActivity.Active, SourceActivity.Inactive);
                case Kind.BlockedFlag:
                    return Flag(value, SourceActivity.Inactive, SourceActivity.Active);
                default:
                    var word = value.Replace('-', ' ');
                    return ActiveWords.Contains(word) || ActiveWords.Contains(word.Replace(' ', '_')) ? SourceActivity.Active
                        : InactiveWords.Contains(word) ? SourceActivity.Inactive
                        : (SourceActivity?)null;
            }
        }

        private static SourceActivity? Flag(string value, SourceActivity whenTrue, SourceActivity whenFalse) =>
            Yes.Contains(value) ? whenTrue : No.Contains(value) ? whenFalse : (SourceActivity?)null;

        public static string Known(Kind kind) => kind == Kind.StatusWord
            ? "active: " + string.Join(", ", ActiveWords.OrderBy(w => w, StringComparer.Ordinal)) + "; not active: "
                + string.Join(", ", InactiveWords.OrderBy(w => w, StringComparer.Ordinal))
            : "true/false, yes/no, 1/0";

        private static HashSet<string> Set(params string[] values) => new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
    }
}
