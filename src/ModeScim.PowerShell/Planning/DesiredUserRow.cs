using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>One row of a desired set, already read into a <see cref="UserSpec"/>: the planner never sees the
    /// PowerShell object itself, only what was read from it and, for messages, the columns it had.</summary>
    internal sealed class DesiredUserRow
    {
        public DesiredUserRow(int number, UserSpec spec, string columns, object? source = null)
        {
            Number = number;
            Spec = spec;
            Columns = columns;
            Source = source;
        }

        /// <summary>1-based, as a spreadsheet shows it (after the header).</summary>
        public int Number { get; }

        public UserSpec Spec { get; }

        /// <summary>The column names the row had, quoted and comma-separated, for "which column was missing?" errors.</summary>
        public string Columns { get; }

        /// <summary>The original row, the target of an error about it.</summary>
        public object? Source { get; }

        /// <summary>How errors and results name the row.</summary>
        public string Label => Spec.UserName ?? Spec.ExternalId ?? "(row " + Number + ")";
    }
}
