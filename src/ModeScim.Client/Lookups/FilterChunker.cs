using System;
using System.Collections.Generic;
using ModeScim.Client.Filtering;

namespace ModeScim.Client.Lookups
{
    /// <summary>Splits a set of values into "attr eq v1 or attr eq v2 ..." filters, each short enough for a URL
    /// (servers and proxies commonly cap a request line near 8 KB) and matching no more resources than the
    /// server returns in one page.</summary>
    internal static class FilterChunker
    {
        public const int MaxEncodedFilterLength = 6000;

        public static IEnumerable<(ScimFilter Filter, List<string> Values)> Chunk(string attribute, IEnumerable<string> values,
            int maxPerFilter)
        {
            var chunk = new List<string>();
            var parts = new List<ScimFilter>();
            var length = 0;
            foreach (var value in values)
            {
                var part = ScimFilter.Equal(attribute, value);
                var encoded = Uri.EscapeDataString(part.ToString()).Length + 8;
                if (chunk.Count > 0 && (chunk.Count >= maxPerFilter || length + encoded > MaxEncodedFilterLength))
                {
                    yield return (ScimFilter.Or(parts.ToArray()), chunk);
                    chunk = new List<string>();
                    parts = new List<ScimFilter>();
                    length = 0;
                }
                chunk.Add(value);
                parts.Add(part);
                length += encoded;
            }
            if (chunk.Count > 0)
            {
                yield return (ScimFilter.Or(parts.ToArray()), chunk);
            }
        }
    }
}
