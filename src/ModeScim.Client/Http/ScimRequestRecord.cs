using System;
using System.Threading;

namespace ModeScim.Client.Http
{
    /// <summary>One attempt of one request, as a log line would show it. Holds no header,
    /// so it cannot carry the token.</summary>
    public sealed class ScimRequestRecord
    {
        // Masked when first read, not when recorded: every request is recorded, but bodies are shown only under
        // -Debug, and masking every page of a long listing cost more CPU than reading it.
        private readonly Lazy<string?> _requestBody;
        private readonly Lazy<string?> _responseBody;

        /// <param name="requestBody">The JSON sent, unmasked; <see cref="RequestBody"/> masks it.</param>
        /// <param name="responseBody">The JSON received, unmasked; <see cref="ResponseBody"/> masks it.</param>
        public ScimRequestRecord(string method, string path, int? statusCode, long elapsedMilliseconds, int attempt,
            string? failure, TimeSpan? retryDelay, string? requestBody, string? responseBody)
            : this(method, path, statusCode, elapsedMilliseconds, attempt, failure, retryDelay, requestBody,
                responseBody == null ? null : Http.ResponseBody.FromText(responseBody))
        {
        }

        // The transport's: the body stays bytes until a -Debug line reads it.
        internal ScimRequestRecord(string method, string path, int? statusCode, long elapsedMilliseconds, int attempt,
            string? failure, TimeSpan? retryDelay, string? requestBody, Http.ResponseBody? responseBody,
            Func<System.Net.Http.Headers.AuthenticationHeaderValue>? credentials = null)
        {
            Method = method;
            Path = path;
            StatusCode = statusCode;
            ElapsedMilliseconds = elapsedMilliseconds;
            Attempt = attempt;
            Failure = failure;
            RetryDelay = retryDelay;
            _requestBody = new Lazy<string?>(() => SecretRedactor.Redact(requestBody));
            // Masked only when a -Debug line reads it: revealing the credentials to look for them costs a little.
            _responseBody = new Lazy<string?>(() => SecretRedactor.Redact(CredentialEcho.Mask(responseBody?.Text, credentials?.Invoke())));
        }

        public string Method { get; }

        public string Path { get; }

        public int? StatusCode { get; }

        public long ElapsedMilliseconds { get; }

        public int Attempt { get; }

        /// <summary>"timeout" or the network error, when no response arrived.</summary>
        public string? Failure { get; }

        /// <summary>Set when the attempt will be retried after this delay.</summary>
        public TimeSpan? RetryDelay { get; }

        /// <summary>The JSON sent, with secret-looking values masked (<see cref="SecretRedactor"/>).</summary>
        public string? RequestBody => _requestBody.Value;

        /// <summary>The JSON received, with secret-looking values masked.</summary>
        public string? ResponseBody => _responseBody.Value;

        public override string ToString()
        {
            var outcome = StatusCode.HasValue ? StatusCode.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Failure ?? "no response";
            var text = Method + " " + Path + " " + outcome + " " + ElapsedMilliseconds + " ms";
            if (Attempt > 1)
            {
                text += " (attempt " + Attempt + ")";
            }
            if (RetryDelay.HasValue)
            {
                text += ", retrying in " + (long)RetryDelay.Value.TotalMilliseconds + " ms";
            }
            return text;
        }
    }

    public interface IScimRequestObserver
    {
        /// <summary>Called on whichever thread finished the attempt; implementations must be thread-safe.</summary>
        void OnRequestCompleted(ScimRequestRecord record);
    }

    /// <summary>The observer of the current logical call, so that one shared client can report each
    /// caller's requests to that caller only (a cmdlet writes them as its own verbose lines).</summary>
    internal static class ScimObserverScope
    {
        private static readonly AsyncLocal<IScimRequestObserver?> CurrentObserver = new AsyncLocal<IScimRequestObserver?>();

        public static IScimRequestObserver? Current => CurrentObserver.Value;

        public static IDisposable Enter(IScimRequestObserver observer)
        {
            var previous = CurrentObserver.Value;
            CurrentObserver.Value = observer;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly IScimRequestObserver? _previous;

            public Restore(IScimRequestObserver? previous)
            {
                _previous = previous;
            }

            public void Dispose()
            {
                CurrentObserver.Value = _previous;
            }
        }
    }
}
