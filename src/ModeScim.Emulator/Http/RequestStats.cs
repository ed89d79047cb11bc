using System.Collections.Concurrent;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;

namespace ModeScim.Emulator.Http
{
    /// <summary>Counts every request that reaches the SCIM path, whatever its outcome: tests use it to
    /// prove that -WhatIf sent nothing and that a sync made the fewest requests.</summary>
    internal sealed class RequestStats
    {
        private static readonly string[] Mutating = { "POST", "PUT", "PATCH", "DELETE" };

        private readonly ConcurrentDictionary<string, int> _byMethod = new();
        private int _total;

        public void Count(string method)
        {
            Interlocked.Increment(ref _total);
            _byMethod.AddOrUpdate(method.ToUpperInvariant(), 1, (_, n) => n + 1);
        }

        public void Reset()
        {
            _byMethod.Clear();
            Interlocked.Exchange(ref _total, 0);
        }

        public JsonObject ToJson()
        {
            var json = new JsonObject { ["total"] = Volatile.Read(ref _total) };
            foreach (var method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" })
            {
                json[method] = _byMethod.TryGetValue(method, out var n) ? n : 0;
            }
            json["mutating"] = Mutating.Sum(m => _byMethod.TryGetValue(m, out var n) ? n : 0);
            return json;
        }
    }
}
