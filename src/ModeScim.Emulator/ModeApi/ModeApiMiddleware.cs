using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModeScim.Emulator.Http;

namespace ModeScim.Emulator.ModeApi
{
    /// <summary>What happens to every /api and /batch request before a handler sees it: counted (in the same
    /// statistics as SCIM), delayed, possibly throttled by the fault injector, authenticated (HTTP Basic with the
    /// API token and secret; the Discovery API's signature-token bearer), held to the rate limit; handler refusals
    /// become Mode's <c>{"id", "message"}</c> errors.</summary>
    internal sealed class ModeApiMiddleware
    {
        public const string ActorKey = "ModeApiActor";

        private readonly RequestDelegate _next;
        private readonly RequestStats _stats;
        private readonly FaultInjector _faults;
        private readonly EmulatorOptions _options;
        private readonly SimulatedLatency _latency;
        private readonly ModeWorkspace _workspace;
        private readonly ApiRateLimiter _limiter;

        public ModeApiMiddleware(RequestDelegate next, RequestStats stats, FaultInjector faults, EmulatorOptions options,
            SimulatedLatency latency, ModeWorkspace workspace, ApiRateLimiter limiter)
        {
            _next = next;
            _stats = stats;
            _faults = faults;
            _options = options;
            _latency = latency;
            _workspace = workspace;
            _limiter = limiter;
        }

        public Task InvokeAsync(HttpContext context) => _stats.TrackAsync(() => HandleAsync(context));

        private async Task HandleAsync(HttpContext context)
        {
            var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            _stats.Count(context.Request.Method, (pattern ?? context.Request.Path.Value ?? string.Empty).TrimStart('/'));
            if (_options.LatencyMs > 0)
            {
                await _latency.WaitAsync(_options.LatencyMs, context.RequestAborted);
            }
            if (_faults.NextApi())
            {
                await ThrottleAsync(context, "Too many requests (injected by the emulator).");
                return;
            }
            var credential = Authenticate(context.Request);
            if (credential == null)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Mode\"";
                await HalResponses.WriteErrorAsync(context, 401, "unauthorized", "Valid API credentials are required.");
                return;
            }
            if (!_limiter.TryAdmit(credential))
            {
                await ThrottleAsync(context, "Rate limit exceeded: about " + _options.ApiRateLimit + " requests per "
                    + (_options.ApiRateWindowMs / 1000.0).ToString(CultureInfo.InvariantCulture) + " seconds.");
                return;
            }
            context.Items[ActorKey] = "api-token";
            try
            {
                await _next(context);
            }
            catch (ModeApiError error)
            {
                _stats.CountRefusal(error.Status, error.Id);
                await HalResponses.WriteErrorAsync(context, error.Status, error.Id, error.Message);
            }
            catch (System.Text.Json.JsonException error)
            {
                await HalResponses.WriteErrorAsync(context, 400, "bad_request", "The body is not valid JSON: " + error.Message);
            }
        }

        // Mode has not said whether its 429 carries Retry-After, so by default it does not.
        private Task ThrottleAsync(HttpContext context, string message)
        {
            _stats.CountRefusal(429, "rate_limited");
            if (_options.ApiRetryAfterSeconds > 0)
            {
                context.Response.Headers.RetryAfter = _options.ApiRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            }
            return HalResponses.WriteErrorAsync(context, 429, "rate_limited", message);
        }

        /// <summary>The credential the request presents, when valid: the key its rate limit is counted under.</summary>
        private string? Authenticate(HttpRequest request)
        {
            var header = request.Headers.Authorization.ToString();
            var signatureTokenRequest = request.Path.StartsWithSegments("/batch")
                && !request.Path.Value!.EndsWith("/signature_tokens", StringComparison.Ordinal);
            var scheme = signatureTokenRequest ? "Bearer " : "Basic ";
            if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(scheme.Length).Trim()));
            }
            catch (FormatException)
            {
                return null;
            }
            if (signatureTokenRequest)
            {
                return _workspace.IsSignatureToken(decoded) ? "bearer:" + decoded.Split(':')[0] : null;
            }
            var expected = Encoding.UTF8.GetBytes(_options.ApiToken + ":" + _options.ApiSecret);
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), expected) ? "basic:" + _options.ApiToken : null;
        }
    }
}
