using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace ModeScim.PowerShell.Users
{
    /// <summary>An admin's own names for columns the table does not know: -ColumnMap @{ 'Work Email' = 'Email';
    /// 'Worker ID' = 'ExternalId'; 'Emp Status' = 'Status' }. A mapped column is read before the table's names for
    /// its attribute. Checked whole before any request: a target that is not an attribute is refused, naming it.</summary>
    internal sealed class ColumnMapping
    {
        public static readonly ColumnMapping None = new ColumnMapping(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

        /// <summary>What a column may be mapped to: each user attribute, and the three kinds of status column.</summary>
        public static readonly string[] Targets =
        {
            "UserName", "Email", "GivenName", "FamilyName", "DisplayName", "ExternalId", "Status", "Enabled", "Disabled",
        };

        // Source column by target attribute; the status targets by source column.
        private readonly Dictionary<string, string> _sourceByTarget;

        private ColumnMapping(Dictionary<string, string> sourceByTarget)
        {
            _sourceByTarget = sourceByTarget;
        }

        public bool IsEmpty => _sourceByTarget.Count == 0;

        /// <summary>The map, or null with the reason when it cannot be used.</summary>
        public static ColumnMapping? Parse(IDictionary? map, out string? problem)
        {
            problem = null;
            var sourceByTarget = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in map ?? new Hashtable())
            {
                var source = (entry.Key?.ToString() ?? string.Empty).Trim();
                var target = (entry.Value?.ToString() ?? string.Empty).Trim();
                var known = Targets.FirstOrDefault(t => string.Equals(t, target, StringComparison.OrdinalIgnoreCase));
                if (source.Length == 0 || known == null)
                {
                    problem = "-ColumnMap maps '" + source + "' to '" + target + "', but a column can only be mapped to one of "
                        + string.Join(", ", Targets) + ".";
                    return null;
                }
                if (sourceByTarget.TryGetValue(known, out var other))
                {
                    problem = "-ColumnMap maps both '" + other + "' and '" + source + "' to " + known + "; map one.";
                    return null;
                }
                sourceByTarget[known] = source;
            }
            return new ColumnMapping(sourceByTarget);
        }

        /// <summary>The names an attribute is read from: the mapped column first, then the table's.</summary>
        public string[] NamesFor(string attribute, string[] tableNames) =>
            _sourceByTarget.TryGetValue(attribute, out var source) ? new[] { source }.Concat(tableNames).ToArray() : tableNames;

        /// <summary>How a column reads as a status: as mapped, else as the table knows it; null when it is not one.</summary>
        public StatusColumns.Kind? StatusKindOf(string column)
        {
            var name = column.Trim();
            foreach (var (target, kind) in new[]
            {
                ("Status", StatusColumns.Kind.StatusWord), ("Enabled", StatusColumns.Kind.EnabledFlag),
                ("Disabled", StatusColumns.Kind.BlockedFlag),
            })
            {
                if (_sourceByTarget.TryGetValue(target, out var source) && string.Equals(source, name, StringComparison.OrdinalIgnoreCase))
                {
                    return kind;
                }
            }
            return StatusColumns.KindOf(name);
        }

        /// <summary>Whether the column is read at all, mapped or by the table.</summary>
        public bool Reads(string column) =>
            _sourceByTarget.Values.Any(s => string.Equals(s, column.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
