using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ModeScim.Emulator.Filtering
{
    internal enum TokenKind
    {
        Word,
        String,
        OpenParen,
        CloseParen,
        OpenBracket,
        CloseBracket,
        End,
    }

    internal readonly record struct FilterToken(TokenKind Kind, string Text, int Position);

    /// <summary>Splits filter text into words (attribute paths, operators, literals), JSON string
    /// literals, and the four brackets.</summary>
    internal static class FilterTokenizer
    {
        public static List<FilterToken> Tokenize(string text)
        {
            var tokens = new List<FilterToken>();
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }
                switch (c)
                {
                    case '(':
                        tokens.Add(new FilterToken(TokenKind.OpenParen, "(", i++));
                        continue;
                    case ')':
                        tokens.Add(new FilterToken(TokenKind.CloseParen, ")", i++));
                        continue;
                    case '[':
                        tokens.Add(new FilterToken(TokenKind.OpenBracket, "[", i++));
                        continue;
                    case ']':
                        tokens.Add(new FilterToken(TokenKind.CloseBracket, "]", i++));
                        continue;
                    case '"':
                        tokens.Add(ReadString(text, ref i));
                        continue;
                }
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && "()[]\"".IndexOf(text[i]) < 0)
                {
                    i++;
                }
                tokens.Add(new FilterToken(TokenKind.Word, text.Substring(start, i - start), start));
            }
            tokens.Add(new FilterToken(TokenKind.End, string.Empty, text.Length));
            return tokens;
        }

        // The literal is a JSON string, so JSON decides what its escapes mean.
        private static FilterToken ReadString(string text, ref int i)
        {
            var start = i;
            var raw = new StringBuilder();
            raw.Append('"');
            i++;
            while (i < text.Length)
            {
                var c = text[i];
                raw.Append(c);
                i++;
                if (c == '\\' && i < text.Length)
                {
                    raw.Append(text[i]);
                    i++;
                }
                else if (c == '"')
                {
                    try
                    {
                        return new FilterToken(TokenKind.String, JsonSerializer.Deserialize<string>(raw.ToString()) ?? string.Empty, start);
                    }
                    catch (JsonException)
                    {
                        throw ScimError.InvalidFilter("Invalid string literal at position " + (start + 1) + ".");
                    }
                }
            }
            throw ScimError.InvalidFilter("Unterminated string starting at position " + (start + 1) + ".");
        }
    }
}
