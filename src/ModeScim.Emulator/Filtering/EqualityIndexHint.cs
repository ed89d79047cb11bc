using System;
using System.Collections.Generic;

namespace ModeScim.Emulator.Filtering
{
    /// <summary>Recognises filters that a real server answers from an index: "attr eq v" alone or or-ed together
    /// (what clients send to look up a batch of users by id or userName), so the emulator can answer them
    /// without scanning every resource.</summary>
    internal static class EqualityIndexHint
    {
        /// <summary>The values compared, when the filter is nothing but equalities on <paramref name="attribute"/>.</summary>
        public static IReadOnlyList<string>? EqualityValues(FilterNode filter, string attribute)
        {
            var values = new List<string>();
            return Collect(filter, attribute, values) ? values : null;
        }

        private static bool Collect(FilterNode node, string attribute, List<string> values)
        {
            switch (node)
            {
                case OrNode or:
                    return Collect(or.Left, attribute, values) && Collect(or.Right, attribute, values);
                case ComparisonNode comparison when comparison.Operator == "eq"
                    && comparison.Attribute.ExtensionSchema == null
                    && comparison.Attribute.SubAttribute == null
                    && string.Equals(comparison.Attribute.Name, attribute, StringComparison.OrdinalIgnoreCase)
                    && comparison.Value != null
                    && comparison.Value.TryGetValue<string>(out var text):
                    values.Add(text);
                    return true;
                default:
                    return false;
            }
        }
    }
}
