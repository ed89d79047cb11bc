using System;
using System.Collections.Generic;
using ModeScim.PowerShell.Connections;

namespace ModeScim.PowerShell.Completion
{
    /// <summary>Recent completion lists, so that pressing Tab repeatedly does not hit the API each time.
    /// Entries live briefly and the cache is bounded: it must never grow with a long interactive session.</summary>
    internal static class CompletionCache
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
        public const int MaxEntries = 64;

        private static readonly object Lock = new object();
        private static readonly Dictionary<string,
            (DateTime Expires, IReadOnlyList<string> Values)> Entries = new Dictionary<string,
            (DateTime, IReadOnlyList<string>)>(StringComparer.Ordinal);

        public static IReadOnlyList<string> GetOrAdd(ModeScimConnection connection, string key, Func<IReadOnlyList<string>> load)
        {
            var fullKey = connection.BaseUri.AbsoluteUri + "|" + connection.ConnectedAt.UtcDateTime.Ticks + "|" + key;
            lock (Lock)
            {
                if (Entries.TryGetValue(fullKey, out var entry) && entry.Expires > DateTime.UtcNow)
                {
                    return entry.Values;
                }
            }
            var values = load();
            lock (Lock)
            {
                if (Entries.Count >= MaxEntries)
                {
                    Entries.Clear();
                }
                Entries[fullKey] = (DateTime.UtcNow + Lifetime, values);
            }
            return values;
        }
    }
}
