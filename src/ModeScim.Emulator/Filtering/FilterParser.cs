using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ModeScim.Emulator.Filtering
{
    /// <summary>Recursive descent over the filter grammar of RFC 7644 figure 1, with its precedence:
    /// not binds tighter than and, and tighter than or. Operators and keywords are case-insensitive.</summary>
    internal sealed class FilterParser
    {
        private static readonly HashSet<string> ComparisonOperators = new(StringComparer.OrdinalIgnoreCase)
        {
            "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le",
        };

        private readonly List<FilterToken> _tokens;
        private int _position;

        private FilterParser(List<FilterToken> tokens)
        {
            _tokens = tokens;
        }

        public static FilterNode Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw ScimError.InvalidFilter("The filter is empty.");
            }
            var parser = new FilterParser(FilterTokenizer.Tokenize(text));
            var node = parser.ParseOr();
            parser.Expect(TokenKind.End, "end of filter");
            return node;
        }

        private FilterToken Current => _tokens[_position];

        private FilterNode ParseOr()
        {
            var left = ParseAnd();
            while (IsKeyword("or"))
            {
                _position++;
                left = new OrNode(left, ParseAnd());
            }
            return left;
        }

        private FilterNode ParseAnd()
        {
            var left = ParseUnary();
            while (IsKeyword("and"))
            {
                _position++;
                left = new AndNode(left, ParseUnary());
            }
            return left;
        }

        private FilterNode ParseUnary()
        {
            if (IsKeyword("not"))
            {
                _position++;
                Expect(TokenKind.OpenParen, "'(' after not");
                var inner = ParseOr();
                Expect(TokenKind.CloseParen, "')'");
                return new NotNode(inner);
            }
            if (Current.Kind == TokenKind.OpenParen)
            {
                _position++;
                var inner = ParseOr();
                Expect(TokenKind.CloseParen, "')'");
                return inner;
            }
            return ParseAttributeExpression();
        }

        private FilterNode ParseAttributeExpression()
        {
            var pathToken = Expect(TokenKind.Word, "an attribute name");
            var path = ParsePath(pathToken);
            if (Current.Kind == TokenKind.OpenBracket)
            {
                _position++;
                var inner = ParseOr();
                Expect(TokenKind.CloseBracket, "']'");
                // emails[type eq "work"].value eq "x": the trailing sub-attribute comparison joins the element filter.
                if (Current.Kind == TokenKind.Word && Current.Text.StartsWith('.'))
                {
                    var sub = AttributePath.Parse(Expect(TokenKind.Word, "a sub-attribute").Text.Substring(1));
                    inner = new AndNode(inner, ParseComparison(sub));
                }
                return new ValuePathNode(path, inner);
            }
            return ParseComparison(path);
        }

        private ComparisonNode ParseComparison(AttributePath path)
        {
            var opToken = Expect(TokenKind.Word, "an operator");
            var op = opToken.Text.ToLowerInvariant();
            if (op == "pr")
            {
                return new ComparisonNode(path, "pr", null);
            }
            if (!ComparisonOperators.Contains(op))
            {
                throw ScimError.InvalidFilter("Unknown operator '" + opToken.Text + "' at position " + (opToken.Position + 1) + ".");
            }
            return new ComparisonNode(path, op, ParseValue());
        }

        private JsonValue? ParseValue()
        {
            var token = Current;
            _position++;
            if (token.Kind == TokenKind.String)
            {
                return JsonValue.Create(token.Text);
            }
            if (token.Kind == TokenKind.Word)
            {
                switch (token.Text.ToLowerInvariant())
                {
                    case "true":
                        return JsonValue.Create(true);
                    case "false":
                        return JsonValue.Create(false);
                    case "null":
                        return null;
                }
                if (double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    return JsonValue.Create(number);
                }
            }
            throw ScimError.InvalidFilter("Expected a value at position " + (token.Position + 1) + " but found '" + token.Text
                + "'. Strings must be in double quotes.");
        }

        private static AttributePath ParsePath(FilterToken token)
        {
            try
            {
                return AttributePath.Parse(token.Text);
            }
            catch (ScimError)
            {
                throw ScimError.InvalidFilter("'" + token.Text + "' at position " + (token.Position + 1) + " is not an attribute path.");
            }
        }

        private bool IsKeyword(string keyword)
        {
            return Current.Kind == TokenKind.Word && string.Equals(Current.Text, keyword, StringComparison.OrdinalIgnoreCase);
        }

        private FilterToken Expect(TokenKind kind, string what)
        {
            var token = Current;
            if (token.Kind != kind)
            {
                var found = token.Kind == TokenKind.End ? "the end" : "'" + token.Text + "'";
                throw ScimError.InvalidFilter("Expected " + what + " at position " + (token.Position + 1) + " but found " + found + ".");
            }
            _position++;
            return token;
        }
    }
}
