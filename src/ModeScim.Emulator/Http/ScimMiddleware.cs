using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ModeScim.Emulator.Http
{
    /// <summary>What happens to every SCIM request before a handler sees it, in order: it is counted,
    /// delayed by the configured latency, possibly failed by the fault injector, and authenticated.
    /// Then handler errors become SCIM Error responses.</summary>
    internal sealed class ScimMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly RequestStats _stats;
        private readonly FaultInjector _faults;
        private readonly EmulatorOptions _options;
        private readonly SimulatedLatency _latency;

        public ScimMiddleware(RequestDelegate next, RequestStats stats, FaultInjector faults, EmulatorOptions options,
            SimulatedLatency latency)
        {
            _next = next;
            _stats = stats;
            _faults = faults;
            _options = options;
            _latency = latency;
        }

        public Task InvokeAsync(HttpContext context) => _stats.TrackAsync(() => HandleAsync(context));

        private async Task HandleAsync(HttpContext context)
        {
            _stats.Count(context.Request.Method, Route(context.Request.Path));
            if (_options.LatencyMs > 0)
            {
                await _latency.WaitAsync(_options.LatencyMs, context.RequestAborted);
            }
            var fault = _faults.Next(context.Request.Method);
            switch (fault.Kind)
            {
                case FaultKind.Throttle:
                    context.Response.Headers.RetryAfter = fault.RetryAfterAsDate
                        ? DateTimeOffset.UtcNow.AddSeconds(_options.RetryAfterSeconds).ToString("r", CultureInfo.InvariantCulture)
                        : _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    await ScimResponses.WriteErrorAsync(context, 429, null, "Too many requests (injected by the emulator).");
                    return;
                case FaultKind.ServerError:
                    await ScimResponses.WriteErrorAsync(context, fault.Status, null, "Server error (injected by the emulator).");
                    return;
                case FaultKind.DropBeforeApply:
                    context.Abort();
                    return;
                case FaultKind.Slow:
                    await Task.Delay(_options.SlowMs, context.RequestAborted);
                    break;
            }
            var readOnly = Presents(context.Request, _options.ReadOnlyToken);
            if (!readOnly && !Presents(context.Request, _options.Token))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"ModeScim emulator\"";
                await ScimResponses.WriteErrorAsync(context, 401, null, "A valid bearer token is required.");
                return;
            }
            if (readOnly && !HttpMethods.IsGet(context.Request.Method))
            {
                await ScimResponses.WriteErrorAsync(context, 403, null, "This token may read, not change.");
                return;
            }
            if (fault.Kind == FaultKind.DropAfterApply)
            {
                // Apply the request in full, then hang up instead of answering.
                var realBody = context.Response.Body;
                context.Response.Body = new MemoryStream();
                await ServeAsync(context);
                context.Response.Body = realBody;
                context.Abort();
                return;
            }
            await ServeAsync(context);
        }

        private async Task ServeAsync(HttpContext context)
        {
            try
            {
                await _next(context);
            }
            catch (ScimError error)
            {
                _stats.CountRefusal(error.Status, error.ScimType);
                await ScimResponses.WriteErrorAsync(context, error.Status, error.ScimType, error.Message);
            }
            catch (System.Text.Json.JsonException error)
            {
                await ScimResponses.WriteErrorAsync(context, 400, "invalidSyntax", "The body is not valid JSON: " + error.Message);
            }
        }

        // "Users/4f...": the collection, and "{id}" for whatever follows it.
        private string Route(PathString path)
        {
            var rest = path.Value!.Substring(_options.BasePath.Length).Trim('/');
            var slash = rest.IndexOf('/');
            return slash < 0 ? rest : string.Concat(rest.AsSpan(0, slash), "/{id}");
        }

        private static bool Presents(HttpRequest request, string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return false;
            }
            var header = request.Headers.Authorization.ToString();
            const string scheme = "Bearer ";
            if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            var presented = Encoding.UTF8.GetBytes(header.Substring(scheme.Length).Trim());
            var expected = Encoding.UTF8.GetBytes(token);
            return CryptographicOperations.FixedTimeEquals(presented, expected);
        }
    }
}
