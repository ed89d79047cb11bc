using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace ModeScim.Client.Filtering
{
    /// <summary>A SCIM filter expression (RFC 7644 section 3.4.2.2) built from values, never from
    /// concatenated user text: every value is emitted as a JSON string literal, and every attribute
    /// path is checked against the grammar, so a name such as <c>a" or userName pr "</c> stays data.</summary>
    public sealed class ScimFilter
    {
        // ATTRNAME with an optional schema URN prefix and one sub-attribute (RFC 7644 figure 1).
        private static readonly Regex AttributePathPattern = new Regex(
            @"^(urn:[A-Za-z0-9._:\-]+:)?[A-Za-z][A-Za-z0-9_\-$]*(\.[A-Za-z][A-Za-z0-9_\-$]*)?$",
            RegexOptions.CultureInvariant);

        private readonly string _text;
        private readonly bool _isComposite;

        private ScimFilter(string text, bool isComposite)
        {
            _text = text;
            _isComposite = isComposite;
        }

        public static ScimFilter Equal(string attributePath, string value) => Compare(attributePath, "eq", value);

        public static ScimFilter NotEqual(string attributePath, string value) => Compare(attributePath, "ne", value);

        public static ScimFilter Contains(string attributePath, string value) => Compare(attributePath, "co", value);

        public static ScimFilter StartsWith(string attributePath, string value) => Compare(attributePath, "sw", value);

        public static ScimFilter EndsWith(string attributePath, string value) => Compare(attributePath, "ew", value);

        public static ScimFilter Equal(string attributePath, bool value)
        {
            return new ScimFilter(CheckedPath(attributePath) + " eq " + (value ? "true" : "false"), false);
        }

        public static ScimFilter Present(string attributePath)
        {
            return new ScimFilter(CheckedPath(attributePath) + " pr", false);
        }

        /// <summary><c>members[value eq "x"]</c>: an element of a multi-valued attribute whose sub-attribute equals the value.</summary>
        public static ScimFilter AnyElementEqual(string attribute, string subAttribute, string value)
        {
            return new ScimFilter(CheckedPath(attribute) + "[" + Compare(subAttribute, "eq", value)._text + "]", false);
        }

        public static ScimFilter And(params ScimFilter[] filters) => Combine("and", filters);

        public static ScimFilter Or(params ScimFilter[] filters) => Combine("or", filters);

        public static ScimFilter Not(ScimFilter filter)
        {
            if (filter == null)
            {
                throw new ArgumentNullException(nameof(filter));
            }
            return new ScimFilter("not (" + filter._text + ")", false);
        }

        /// <summary>A filter the caller wrote by hand (a -Filter parameter). Checked for the mistakes
        /// that would otherwise reach the server as a confusing 400: empty text, an unterminated string,
        /// unbalanced parentheses or brackets.</summary>
        public static ScimFilter Raw(string filterText)
        {
            if (string.IsNullOrWhiteSpace(filterText))
            {
                throw new ArgumentException("A filter must not be empty.", nameof(filterText));
            }
            CheckBalanced(filterText);
            return new ScimFilter(filterText.Trim(), true);
        }

        /// <summary>The value as a SCIM/JSON string literal, quotes included.</summary>
        public static string Quote(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException(nameof(value));
            }
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                switch (c)
                {
                    case '"':
                        builder.Append("\\\"");
                        break;
                    case '\\':
                        builder.Append("\\\\");
                        break;
                    case '\b':
                        builder.Append("\\b");
                        break;
                    case '\f':
                        builder.Append("\\f");
                        break;
                    case '\n':
                        builder.Append("\\n");
                        break;
                    case '\r':
                        builder.Append("\\r");
                        break;
                    case '\t':
                        builder.Append("\\t");
                        break;
                    default:
                        if (NeedsUnicodeEscape(value, i))
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }
                        break;
                }
            }
            builder.Append('"');
            return builder.ToString();
        }

        public override string ToString() => _text;

        private static ScimFilter Compare(string attributePath, string op, string value)
        {
            return new ScimFilter(CheckedPath(attributePath) + " " + op + " " + Quote(value), false);
        }

        private static ScimFilter Combine(string logicalOperator, ScimFilter[] filters)
        {
            var parts = (filters ?? throw new ArgumentNullException(nameof(filters))).Where(f => f != null).ToList();
            if (parts.Count == 0)
            {
                throw new ArgumentException("At least one filter is needed.", nameof(filters));
            }
            if (parts.Count == 1)
            {
                return parts[0];
            }
            // Parenthesise every operand: "and" binds tighter than "or", and a raw filter may hold either.
            var text = string.Join(" " + logicalOperator + " ", parts.Select(p => p._isComposite ? "(" + p._text + ")" : p._text));
            return new ScimFilter(text, true);
        }

        private static string CheckedPath(string attributePath)
        {
            if (attributePath == null || !AttributePathPattern.IsMatch(attributePath))
            {
                throw new ArgumentException("'" + attributePath + "' is not a SCIM attribute path.", nameof(attributePath));
            }
            return attributePath;
        }

        // Control characters and unpaired surrogates cannot travel raw: the first break the JSON string
        // grammar, the second cannot be URL-encoded at all.
        private static bool NeedsUnicodeEscape(string value, int index)
        {
            var c = value[index];
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029')
            {
                return true;
            }
            if (char.IsHighSurrogate(c))
            {
                return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
            }
            if (char.IsLowSurrogate(c))
            {
                return index == 0 || !char.IsHighSurrogate(value[index - 1]);
            }
            return false;
        }

        private static void CheckBalanced(string filterText)
        {
            var depth = new Stack<char>();
            var inString = false;
            for (var i = 0; i < filterText.Length; i++)
            {
                var c = filterText[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                    continue;
                }
                switch (c)
                {
                    case '"':
                        inString = true;
                        break;
                    case '(':
                    case '[':
                        depth.Push(c);
                        break;
                    case ')':
                    case ']':
                        var expected = c == ')' ? '(' : '[';
                        if (depth.Count == 0 || depth.Pop() != expected)
                        {
                            throw new ArgumentException("The filter has an unmatched '" + c + "' at position " + (i + 1) + ".",
                                nameof(filterText));
                        }
                        break;
                }
            }
            if (inString)
            {
                throw new ArgumentException("The filter has an unterminated string.", nameof(filterText));
            }
            if (depth.Count > 0)
            {
                throw new ArgumentException("The filter has an unclosed '" + depth.Peek() + "'.", nameof(filterText));
            }
        }
    }
}
