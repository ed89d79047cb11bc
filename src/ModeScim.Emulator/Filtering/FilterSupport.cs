using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ModeScim.Emulator.Filtering
{
    /// <summary>Refuses the filters a server built only for Okta and Entra would not understand, with the
    /// 400 invalidFilter such a server answers.</summary>
    internal static class FilterSupport
    {
        // The attributes Entra and Okta look resources up by.
        private static readonly HashSet<string> EqAndAttributes = new(
            StringComparer.OrdinalIgnoreCase) { "userName", "externalId", "displayName" };

        public static void Check(string text, FilterNode filter, ServerBehaviour behaviour)
        {
            if (!behaviour.FilterEscapes && text.IndexOf('\\') >= 0)
            {
                throw ScimError.InvalidFilter("This server does not accept escaped characters in filter values.");
            }
            if (behaviour.Filters == FilterGrammar.EqAnd)
            {
                CheckEqAnd(filter);
            }
        }

        private static void CheckEqAnd(FilterNode node)
        {
            switch (node)
            {
                case AndNode and:
                    CheckEqAnd(and.Left);
                    CheckEqAnd(and.Right);
                    return;
                case ComparisonNode comparison
                    when comparison.Operator == "eq"
                        && comparison.Attribute.ExtensionSchema == null
                        && comparison.Attribute.SubAttribute == null
                        && EqAndAttributes.Contains(comparison.Attribute.Name)
                        && comparison.Value?.GetValueKind() == JsonValueKind.String:
                    return;
                default:
                    throw ScimError.InvalidFilter(
                        "This server supports only 'userName', 'externalId' or 'displayName' eq \"value\" joined by and.");
            }
        }
    }
}
