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
        private readonly ConcurrentDictionary<string, int> _byRoute = new();
        private readonly ConcurrentDictionary<string, int> _refused = new();
        private int _total;
        private int _inFlight;
        private int _peakInFlight;

        /// <param name="route">The path below the SCIM base with any id replaced, such as "Users" or "Groups/{id}".</param>
        public void Count(string method, string route)
        {
            Interlocked.Increment(ref _total);
            _byMethod.AddOrUpdate(method.ToUpperInvariant(), 1, (_, n) => n + 1);
            _byRoute.AddOrUpdate(method.ToUpperInvariant() + " " + route, 1, (_, n) => n + 1);
        }

        /// <summary>A request is being served: with <see cref="Finished"/>, what shows that a client sends requests
        /// side by side (the peak), without timing anything.</summary>
        public void Started()
        {
            var now = Interlocked.Increment(ref _inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, now, peak) != peak)
            {
            }
        }

        public void Finished()
        {
            Interlocked.Decrement(ref _inFlight);
        }

        /// <summary>Serves one request, counted as in flight while it runs.</summary>
        public async System.Threading.Tasks.Task TrackAsync(System.Func<System.Threading.Tasks.Task> serve)
        {
            Started();
            try
            {
                await serve();
            }
            finally
            {
                Finished();
            }
        }

        /// <summary>A request answered with a SCIM error, counted by its scimType (or status when it has none).</summary>
        public void CountRefusal(int status, string? scimType)
        {
            _refused.AddOrUpdate(scimType ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        }

        public void Reset()
        {
            _byMethod.Clear();
            _byRoute.Clear();
            _refused.Clear();
            Interlocked.Exchange(ref _total, 0);
            Interlocked.Exchange(ref _peakInFlight, Volatile.Read(ref _inFlight));
        }

        public JsonObject ToJson()
        {
            var json = new JsonObject { ["total"] = Volatile.Read(ref _total) };
            foreach (var method in new[] { "GET", "POST", "PUT", "PATCH", "DELETE" })
            {
                json[method] = _byMethod.TryGetValue(method, out var n) ? n : 0;
            }
            json["mutating"] = Mutating.Sum(m => _byMethod.TryGetValue(m, out var n) ? n : 0);
            json["peakInFlight"] = Volatile.Read(ref _peakInFlight);
            json["routes"] = Counts(_byRoute);
            json["refused"] = Counts(_refused);
            return json;
        }

        private static JsonObject Counts(ConcurrentDictionary<string, int> counts)
        {
            var json = new JsonObject();
            foreach (var pair in counts.OrderBy(p => p.Key, System.StringComparer.Ordinal))
            {
                json[pair.Key] = pair.Value;
            }
            return json;
        }
    }
}
