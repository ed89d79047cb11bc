using System;
using System.Collections.Generic;
using System.Linq;
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

        public static void Check(string text, FilterNode filter, ServerBehaviour behaviour, bool onGroups = false)
        {
            if (!behaviour.FilterEscapes && text.Contains('\\', StringComparison.Ordinal))
            {
                throw ScimError.InvalidFilter("This server does not accept escaped characters in filter values.");
            }
            if (onGroups && MentionsMembers(filter))
            {
                CheckMemberFilter(filter, behaviour);
                return;
            }
            if (behaviour.Filters == FilterGrammar.EqAnd)
            {
                CheckEqAnd(filter, behaviour.ExtraFilterAttributes);
            }
        }

        /// <summary>A filter on a group's members is answered as the server's member-filter setting says, whatever its
        /// grammar otherwise: a server built for Entra takes exactly the membership check Entra sends.</summary>
        private static void CheckMemberFilter(FilterNode filter, ServerBehaviour behaviour)
        {
            switch (behaviour.GroupMemberFilter)
            {
                case GroupMemberFilterMode.None:
                    throw ScimError.InvalidFilter("This server does not filter groups by member.");
                case GroupMemberFilterMode.IdAndMembers:
                    if (!IsIdAndMember(filter))
                    {
                        throw ScimError.InvalidFilter(
                            "This server filters groups by member only as id eq \"group\" and members[value eq \"user\"].");
                    }
                    return;
                default:
                    if (behaviour.Filters == FilterGrammar.EqAnd && !IsMember(filter) && !IsIdAndMember(filter))
                    {
                        throw ScimError.InvalidFilter("This server filters groups by member only as members[value eq \"user\"], "
                            + "alone or with id eq \"group\".");
                    }
                    return;
            }
        }

        private static bool MentionsMembers(FilterNode node) => node switch
        {
            AndNode and => MentionsMembers(and.Left) || MentionsMembers(and.Right),
            OrNode or => MentionsMembers(or.Left) || MentionsMembers(or.Right),
            NotNode not => MentionsMembers(not.Inner),
            ValuePathNode path => IsMembers(path.Attribute),
            ComparisonNode comparison => IsMembers(comparison.Attribute),
            _ => false,
        };

        private static bool IsMembers(AttributePath path) =>
            path.ExtensionSchema == null && string.Equals(path.Name, "members", StringComparison.OrdinalIgnoreCase);

        private static bool IsIdAndMember(FilterNode node) =>
            node is AndNode and && ((IsIdEquals(and.Left) && IsMember(and.Right)) || (IsMember(and.Left) && IsIdEquals(and.Right)));

        private static bool IsMember(FilterNode node) =>
            node is ValuePathNode path && IsMembers(path.Attribute) && path.Inner is ComparisonNode inner
            && inner.Operator == "eq" && string.Equals(inner.Attribute.Name, "value", StringComparison.OrdinalIgnoreCase)
            && inner.Value?.GetValueKind() == JsonValueKind.String;

        private static bool IsIdEquals(FilterNode node) =>
            node is ComparisonNode comparison && IsStringEquality(comparison)
            && string.Equals(comparison.Attribute.Name, "id", StringComparison.OrdinalIgnoreCase);

        /// <summary><c>attribute eq "string"</c> on a core attribute itself (no extension, no sub-attribute).</summary>
        private static bool IsStringEquality(ComparisonNode comparison) =>
            comparison.Operator == "eq" && comparison.Attribute.ExtensionSchema == null && comparison.Attribute.SubAttribute == null
            && comparison.Value?.GetValueKind() == JsonValueKind.String;

        private static void CheckEqAnd(FilterNode node, string[] extraAttributes)
        {
            switch (node)
            {
                case AndNode and:
                    CheckEqAnd(and.Left, extraAttributes);
                    CheckEqAnd(and.Right, extraAttributes);
                    return;
                case ComparisonNode comparison when IsStringEquality(comparison) && EqAndAttributes.Contains(comparison.Attribute.Name):
                    return;
                case ComparisonNode comparison when comparison.Operator == "eq" && IsExtra(comparison.Attribute, extraAttributes):
                    return;
                default:
                    throw ScimError.InvalidFilter("This server supports only "
                        + string.Join(", ", EqAndAttributes.Concat(extraAttributes).Select(a => "'" + a + "'"))
                        + " eq \"value\" joined by and.");
            }
        }

        private static bool IsExtra(AttributePath path, string[] extraAttributes)
        {
            var name = path.SubAttribute == null ? path.Name : path.Name + "." + path.SubAttribute;
            return path.ExtensionSchema == null && extraAttributes.Contains(name, StringComparer.OrdinalIgnoreCase);
        }
    }
}
