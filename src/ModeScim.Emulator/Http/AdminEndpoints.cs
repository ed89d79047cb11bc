using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeScim.Emulator.Filtering;

namespace ModeScim.Emulator.Http
{
    /// <summary>Test knobs outside the SCIM path: counters, reset, and live fault settings.
    /// Not authenticated and not counted: they exist for the machine the emulator runs on.</summary>
    internal static class AdminEndpoints
    {
        public static void Map(IEndpointRouteBuilder routes, RequestStats stats, FaultInjector faults, System.Action resetData,
            Storage.ScimStore store)
        {
            routes.MapGet("/_emulator/stats", context => ScimResponses.WriteAsync(context, 200, stats.ToJson()));
            // The store's truth for tests on profiles whose SCIM view hides memberships.
            routes.MapGet("/_emulator/state", context => ScimResponses.WriteAsync(context, 200, store.State()));
            routes.MapPost("/_emulator/reset", context =>
            {
                if (string.Equals(context.Request.Query["data"].ToString(), "true", System.StringComparison.OrdinalIgnoreCase))
                {
                    resetData();
                }
                stats.Reset();
                faults.Reseed();
                return ScimResponses.WriteAsync(context, 200, stats.ToJson());
            });
            routes.MapPost("/_emulator/config", async context =>
            {
                var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
                if (body == null)
                {
                    await ScimResponses.WriteErrorAsync(context, 400, "invalidSyntax", "Send a JSON object of settings.");
                    return;
                }
                var options = faults.Options;
                options.LatencyMs = ReadInt(body, "latencyMs") ?? options.LatencyMs;
                options.MaxPageSize = ReadInt(body, "maxPageSize") ?? options.MaxPageSize;
                options.RetryAfterSeconds = ReadInt(body, "retryAfterSeconds") ?? options.RetryAfterSeconds;
                options.Rate429 = ReadDouble(body, "rate429") ?? options.Rate429;
                options.Rate5xx = ReadDouble(body, "rate5xx") ?? options.Rate5xx;
                options.RateDropBefore = ReadDouble(body, "rateDropBefore") ?? options.RateDropBefore;
                options.RateDropAfter = ReadDouble(body, "rateDropAfter") ?? options.RateDropAfter;
                options.RateSlow = ReadDouble(body, "rateSlow") ?? options.RateSlow;
                options.SlowMs = ReadInt(body, "slowMs") ?? options.SlowMs;
                options.ApiRate429 = ReadDouble(body, "apiRate429") ?? options.ApiRate429;
                options.ApiRateLimit = ReadInt(body, "apiRateLimit") ?? options.ApiRateLimit;
                options.ApiRateWindowMs = System.Math.Max(1, ReadInt(body, "apiRateWindowMs") ?? options.ApiRateWindowMs);
                if (body.GetString("retryAfterFormat") is string format)
                {
                    options.RetryAfterFormat = EmulatorOptions.ParseRetryAfterFormat(format);
                }
                if (body.GetIgnoreCase("faultMethods") is JsonArray methods)
                {
                    options.FaultMethods.Clear();
                    foreach (var method in methods)
                    {
                        options.FaultMethods.Add(method!.GetValue<string>());
                    }
                }
                if (ReadInt(body, "faultSeed") is int seed)
                {
                    options.FaultSeed = seed;
                    faults.Reseed();
                }
                await ScimResponses.WriteAsync(context, 200, Describe(options));
            });
        }

        private static JsonObject Describe(EmulatorOptions options)
        {
            return new JsonObject
            {
                ["latencyMs"] = options.LatencyMs,
                ["maxPageSize"] = options.MaxPageSize,
                ["retryAfterSeconds"] = options.RetryAfterSeconds,
                ["rate429"] = options.Rate429,
                ["rate5xx"] = options.Rate5xx,
                ["rateDropBefore"] = options.RateDropBefore,
                ["rateDropAfter"] = options.RateDropAfter,
                ["rateSlow"] = options.RateSlow,
                ["slowMs"] = options.SlowMs,
                ["apiRate429"] = options.ApiRate429,
                ["apiRateLimit"] = options.ApiRateLimit,
                ["apiRateWindowMs"] = options.ApiRateWindowMs,
                ["retryAfterFormat"] = options.RetryAfterFormat.ToString(),
                ["faultMethods"] = new JsonArray(options.FaultMethods.Select(m => (JsonNode?)m).ToArray()),
            };
        }

        private static int? ReadInt(JsonObject body, string name)
        {
            return body.GetIgnoreCase(name) is JsonValue value ? (int)value.GetValue<double>() : null;
        }

        private static double? ReadDouble(JsonObject body, string name)
        {
            return body.GetIgnoreCase(name) is JsonValue value ? double.Parse(value.ToString(), CultureInfo.InvariantCulture) : null;
        }
    }
}
