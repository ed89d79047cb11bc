using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Client.Http
{
    /// <summary>Sends one logical request: authenticates each attempt, enforces the per-attempt timeout,
    /// retries as the policy allows, reports every attempt to the observer, and turns failures into
    /// <see cref="ScimException"/>.</summary>
    internal sealed class ScimTransport : IDisposable
    {
        private readonly HttpClient _http;
        private readonly ScimClientOptions _options;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly SemaphoreSlim _inFlight;
        private readonly TransportDialect _dialect;
        private readonly RequestPacer? _pacer;

        /// <param name="pace">Builds the pacer every attempt waits its turn from, given the delay this transport waits
        /// with; null for none.</param>
        public ScimTransport(ScimClientOptions options, HttpMessageHandler? handler, Func<TimeSpan, CancellationToken, Task>? delay,
            TransportDialect? dialect = null, Func<Func<TimeSpan, CancellationToken, Task>, RequestPacer?>? pace = null)
        {
            _options = options;
            _dialect = dialect ?? TransportDialect.Scim(options);
            _delay = delay ?? Task.Delay;
            _pacer = pace?.Invoke(_delay);
            _inFlight = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentRequests));
            _http = handler != null ? new HttpClient(handler, disposeHandler: true)
                : new HttpClient(CreateHandler(options), disposeHandler: true);
            // Each attempt carries its own timeout; the client-wide one would also cut retries short.
            _http.Timeout = Timeout.InfiniteTimeSpan;
        }

        public async Task<ScimResponse> SendAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            var waited = TimeSpan.Zero;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AttemptResult result;
                if (_pacer != null)
                {
                    await _pacer.WaitTurnAsync(cancellationToken).NoContext();
                }
                // Only the attempt holds a slot; a retry's wait does not keep others out.
                await _inFlight.WaitAsync(cancellationToken).NoContext();
                try
                {
                    result = await SendOnceAsync(request, cancellationToken).NoContext();
                }
                finally
                {
                    _inFlight.Release();
                }
                if (result.IsOversized)
                {
                    // Asking again would bring the same flood: stop here.
                    Report(request, result, attempt, null);
                    throw new ScimException(ScimErrorKind.ResponseTooLarge, request.Method.Method, request.PathAndQuery,
                        result.StatusCode, null, "the response is larger than " + (_options.MaxResponseBytes / (1024 * 1024))
                        + " MB (raise -MaxResponseSizeMB if such a response is expected)");
                }
                if (result.IsSuccess)
                {
                    Report(request, result, attempt, null);
                    return new ScimResponse(result.StatusCode.Value, result.Body ?? ResponseBody.Empty);
                }

                var safeToRepeat = request.IsIdempotent && (request.RetryServerErrors || result.StatusCode != 500);
                var decision = _options.RetryPolicy.Decide(
                    new ScimAttemptOutcome(attempt, safeToRepeat, result.StatusCode, result.RetryAfter, result.NeverSent, waited));
                Report(request, result, attempt, decision.Retry ? decision.Delay : (TimeSpan?)null);
                if (!decision.Retry)
                {
                    throw ToException(request, result, _dialect);
                }
                await _delay(decision.Delay, cancellationToken).NoContext();
                waited += decision.Delay;
            }
        }

        public void Dispose()
        {
            _http.Dispose();
            _inFlight.Dispose();
        }

        private async Task<AttemptResult> SendOnceAsync(ScimRequest request, CancellationToken cancellationToken)
        {
            var stopwatch = Stopwatch.StartNew();
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            using (var message = CreateMessage(request))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using (var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                        .NoContext())
                    {
                        var body = await ReadBodyAsync(response, timeout.Token).NoContext();
                        return body == null
                            ? AttemptResult.Oversized((int)response.StatusCode, stopwatch.ElapsedMilliseconds)
                            : AttemptResult.Responded((int)response.StatusCode, body, ReadRetryAfter(response),
                                stopwatch.ElapsedMilliseconds);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    return AttemptResult.NoResponse(ScimErrorKind.Timeout, "timeout after "
                        + (long)_options.RequestTimeout.TotalSeconds + " s", false, ex, stopwatch.ElapsedMilliseconds);
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    return AttemptResult.NoResponse(ScimErrorKind.Network, Innermost(ex).Message, NeverReachedServer(ex), ex,
                        stopwatch.ElapsedMilliseconds);
                }
            }
        }

        /// <summary>The body, or null when it is larger than the client accepts: read in chunks and abandoned past
        /// the limit, so a runaway response never fills memory.</summary>
        private async Task<ResponseBody?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content == null)
            {
                return ResponseBody.Empty;
            }
            var limit = _options.MaxResponseBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                return null;
            }
            using (var stream = await response.Content.ReadAsStreamAsync().NoContext())
            {
                return await ResponseBody.ReadAsync(stream, CharsetOf(response), limit, cancellationToken).NoContext();
            }
        }

        // JSON is UTF-8 (RFC 8259); a charset the server names is honoured where .NET knows it. Null means UTF-8.
        private static Encoding? CharsetOf(HttpResponseMessage response)
        {
            var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"');
            if (string.IsNullOrEmpty(charset))
            {
                return null;
            }
            try
            {
                return Encoding.GetEncoding(charset!);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private HttpRequestMessage CreateMessage(ScimRequest request)
        {
            var message = new HttpRequestMessage(request.Method, new Uri(_options.BaseUri, request.PathAndQuery));
            foreach (var accepted in _dialect.Accept)
            {
                message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accepted));
            }
            message.Headers.UserAgent.ParseAdd(_options.UserAgent);
            message.Headers.Authorization = (request.Authorization ?? _dialect.Authorization)();
            if (request.JsonBody != null)
            {
                message.Content = new StringContent(request.JsonBody, Encoding.UTF8, _dialect.ContentType);
            }
            return message;
        }

        /// <summary>How long the server asks to be left alone: <c>Retry-After</c> (seconds or an HTTP-date), else the
        /// <c>X-Retry-After</c>, <c>RateLimit-Reset</c> or <c>X-RateLimit-Reset</c> some servers and gateways send
        /// instead (seconds, or for the last one often a Unix time).</summary>
        internal static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta != null)
            {
                return header.Delta.Value;
            }
            if (header?.Date != null)
            {
                return NotNegative(header.Date.Value - DateTimeOffset.UtcNow);
            }
            foreach (var name in new[] { "X-Retry-After", "RateLimit-Reset", "X-RateLimit-Reset" })
            {
                if (response.Headers.TryGetValues(name, out var values) && ReadWait(values.FirstOrDefault()) is TimeSpan wait)
                {
                    return wait;
                }
            }
            return null;
        }

        // Whole or fractional seconds; a number past 2001 in Unix seconds (or, from 13 digits on, Unix milliseconds, which
        // some gateways send) is a moment, not a wait; an HTTP-date is a moment. A moment past what a date can hold is no
        // wait at all: the header is then as good as absent, never an exception that ends the command.
        private static TimeSpan? ReadWait(string? text)
        {
            const double UnixSecondsFrom = 1_000_000_000;
            const double UnixMillisecondsFrom = 1_000_000_000_000;
            var value = text?.Trim() ?? string.Empty;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
                && !double.IsInfinity(number))
            {
                if (number < UnixSecondsFrom)
                {
                    return TimeSpan.FromSeconds(number);
                }
                var milliseconds = number >= UnixMillisecondsFrom ? number : number * 1000;
                return milliseconds <= MaxUnixMilliseconds
                    ? NotNegative(DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds) - DateTimeOffset.UtcNow)
                    : (TimeSpan?)null;
            }
            return DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? NotNegative(at - DateTimeOffset.UtcNow)
                : (TimeSpan?)null;
        }

        private static readonly double MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        private static TimeSpan NotNegative(TimeSpan wait) => wait > TimeSpan.Zero ? wait : TimeSpan.Zero;

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null)
            {
                ex = ex.InnerException;
            }
            return ex;
        }

        private static bool NeverReachedServer(Exception ex)
        {
            for (Exception? current = ex; current != null; current = current.InnerException)
            {
                if (current is SocketException socket)
                {
                    return socket.SocketErrorCode == SocketError.ConnectionRefused
                        || socket.SocketErrorCode == SocketError.HostNotFound
                        || socket.SocketErrorCode == SocketError.HostUnreachable
                        || socket.SocketErrorCode == SocketError.NetworkUnreachable;
                }
            }
            return false;
        }

        private static ScimException ToException(ScimRequest request, AttemptResult result, TransportDialect dialect)
        {
            var method = request.Method.Method;
            if (!result.StatusCode.HasValue)
            {
                // A request that may have been applied must not look like a plain failure: the caller has to check.
                var kind = request.IsIdempotent || result.NeverSent ? result.FailureKind : ScimErrorKind.OutcomeUnknown;
                return new ScimException(kind, method, request.PathAndQuery, null, null, result.Failure, null, result.Error);
            }
            var error = dialect.ParseError(result.Body?.Text);
            // A server that quotes the request's headers in its error would put the credentials into the exception.
            var detail = CredentialEcho.Mask(error.Detail, (request.Authorization ?? dialect.Authorization)());
            return new ScimException(KindOf(result.StatusCode.Value), method, request.PathAndQuery, result.StatusCode,
                error.ScimType, detail, result.RetryAfter);
        }

        internal static ScimErrorKind KindOf(int status)
        {
            switch (status)
            {
                case 401:
                    return ScimErrorKind.Unauthorized;
                case 403:
                    return ScimErrorKind.Forbidden;
                case 404:
                    return ScimErrorKind.NotFound;
                case 409:
                    return ScimErrorKind.Conflict;
                case 412:
                    return ScimErrorKind.PreconditionFailed;
                case 413:
                    return ScimErrorKind.PayloadTooLarge;
                case 429:
                    return ScimErrorKind.Throttled;
                default:
                    return status >= 500 ? ScimErrorKind.ServerError : ScimErrorKind.BadRequest;
            }
        }

        private void Report(ScimRequest request, AttemptResult result, int attempt, TimeSpan? retryDelay)
        {
            var observer = ScimObserverScope.Current;
            observer?.OnRequestCompleted(
                new ScimRequestRecord(request.Method.Method, request.PathAndQuery, result.StatusCode, result.ElapsedMilliseconds,
                attempt, result.Failure, retryDelay, request.JsonBody, result.Body, request.Authorization ?? _dialect.Authorization));
        }

        private static HttpClientHandler CreateHandler(ScimClientOptions options)
        {
            FrameworkConnectionLimit.Ensure(options.BaseUri, options.MaxConcurrentRequests);
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                AllowAutoRedirect = false,
            };
            if (options.Proxy != null)
            {
                handler.Proxy = options.Proxy;
                handler.UseProxy = true;
            }
            return handler;
        }

        private sealed class AttemptResult
        {
            public int? StatusCode { get; private set; }

            public ResponseBody? Body { get; private set; }

            public TimeSpan? RetryAfter { get; private set; }

            public ScimErrorKind FailureKind { get; private set; }

            public string? Failure { get; private set; }

            public bool NeverSent { get; private set; }

            public Exception? Error { get; private set; }

            public long ElapsedMilliseconds { get; private set; }

            [MemberNotNullWhen(true, nameof(StatusCode))]
            public bool IsSuccess => !IsOversized && StatusCode.HasValue && StatusCode.Value >= 200 && StatusCode.Value < 300;

            public bool IsOversized { get; private set; }

            public static AttemptResult Oversized(int status, long elapsed)
            {
                return new AttemptResult
                {
                    StatusCode = status,
                    IsOversized = true,
                    Failure = "response too large",
                    ElapsedMilliseconds = elapsed,
                };
            }

            public static AttemptResult Responded(int status, ResponseBody body, TimeSpan? retryAfter, long elapsed)
            {
                return new AttemptResult { StatusCode = status, Body = body, RetryAfter = retryAfter, ElapsedMilliseconds = elapsed };
            }

            public static AttemptResult NoResponse(ScimErrorKind kind, string failure, bool neverSent, Exception error, long elapsed)
            {
                return new AttemptResult
                {
                    FailureKind = kind,
                    Failure = failure,
                    NeverSent = neverSent,
                    Error = error,
                    ElapsedMilliseconds = elapsed,
                };
            }
        }
    }

    internal sealed class ScimRequest
    {
        public ScimRequest(HttpMethod method, string pathAndQuery, string? jsonBody, bool isIdempotent, bool retryServerErrors = true)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            JsonBody = jsonBody;
            IsIdempotent = isIdempotent;
            RetryServerErrors = retryServerErrors;
        }

        /// <summary>An Authorization for this request instead of the connection's (the Discovery API's bearer).</summary>
        public Func<AuthenticationHeaderValue>? Authorization { get; set; }

        /// <summary>False for a probe whose 500 is an answer (a server that fails on an id it cannot parse), not an outage.</summary>
        public bool RetryServerErrors { get; }

        public HttpMethod Method { get; }

        /// <summary>Relative to the base URI, such as <c>Users?filter=...</c>.</summary>
        public string PathAndQuery { get; }

        public string? JsonBody { get; }

        public bool IsIdempotent { get; }
    }

    internal sealed class ScimResponse
    {
        public ScimResponse(int statusCode, ResponseBody body)
        {
            StatusCode = statusCode;
            Content = body;
        }

        /// <summary>The body as received; parse with <see cref="Read{T}"/>, not from <see cref="Body"/>.</summary>
        public ResponseBody Content { get; }

        public int StatusCode { get; }

        /// <summary>The body as text, decoded on first use: for small answers and error details.</summary>
        public string Body => Content.Text;

        /// <summary>The body read as <typeparamref name="T"/> from its UTF-8 bytes; a body that is not such JSON (or is
        /// JSON null) is InvalidResponse, naming the request.</summary>
        public T Read<T>(string method, string path)
            where T : class
        {
            try
            {
                return Content.Deserialize<T>() ?? throw new System.Text.Json.JsonException("The body was JSON null.");
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new ScimException(ScimErrorKind.InvalidResponse, method, path, StatusCode, null, ex.Message, null, ex);
            }
        }
    }
}
