using System;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.Patching
{
    /// <summary>A PATCH path (RFC 7644 section 3.5.2): <c>attr</c>, <c>attr.sub</c>,
    /// <c>attr[filter]</c> or <c>attr[filter].sub</c>, each optionally schema-qualified.</summary>
    internal sealed record PatchPath(AttributePath Attribute, FilterNode? Filter, string? SubAttributeAfterFilter)
    {
        public static PatchPath Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw ScimError.InvalidPath("The PATCH path is empty.");
            }
            var open = text.IndexOf('[');
            if (open < 0)
            {
                return new PatchPath(ParseAttribute(text), null, null);
            }
            var close = text.LastIndexOf(']');
            if (close < open)
            {
                throw ScimError.InvalidPath("'" + text + "' has an unclosed '['.");
            }
            var attribute = ParseAttribute(text.Substring(0, open));
            if (attribute.SubAttribute != null)
            {
                throw ScimError.InvalidPath("'" + text + "': a filter applies to an attribute, not a sub-attribute.");
            }
            FilterNode filter;
            try
            {
                filter = FilterParser.Parse(text.Substring(open + 1, close - open - 1));
            }
            catch (ScimError ex)
            {
                throw ScimError.InvalidPath("'" + text + "' has an invalid filter: " + ex.Message);
            }
            var rest = text.Substring(close + 1);
            string? sub = null;
            if (rest.Length > 0)
            {
                if (!rest.StartsWith('.') || rest.Length == 1)
                {
                    throw ScimError.InvalidPath("'" + text + "' has unexpected text after ']'.");
                }
                sub = rest.Substring(1);
            }
            return new PatchPath(attribute, filter, sub);
        }

        private static AttributePath ParseAttribute(string text)
        {
            // The bare URN of an extension names the whole extension object.
            if (string.Equals(text, SchemaUris.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
            {
                return new AttributePath(null, SchemaUris.EnterpriseUser, null);
            }
            try
            {
                return AttributePath.Parse(text);
            }
            catch (ScimError)
            {
                throw ScimError.InvalidPath("'" + text + "' is not an attribute path.");
            }
        }
    }
}
