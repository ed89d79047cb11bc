using System;

namespace ModeScim.Client.Http
{
    /// <summary>Decides whether a failed attempt is tried again and how long to wait first.
    /// Throttling (429) and 503 are retried for every method, since the server refused the request
    /// without acting on it. 500, 502, 504, timeouts and network failures are retried only for requests
    /// that are safe to repeat: the server may have applied them. The total wait is capped so a script never hangs for an hour.</summary>
    public sealed class ScimRetryPolicy
    {
        private readonly Random _random;
        private readonly object _randomLock = new object();

        public ScimRetryPolicy(int? jitterSeed = null)
        {
            _random = jitterSeed.HasValue ? new Random(jitterSeed.Value) : new Random();
        }

        public int MaxRetries { get; set; } = 4;

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long a 429 that does not say how long to wait is waited out; null for the exponential backoff. An
        /// API that counts requests in fixed windows answers 429 until its window ends, so a short backoff only spends
        /// retries.</summary>
        public TimeSpan? ThrottleWait { get; set; }

        /// <summary>The most time one request may spend waiting between its attempts.</summary>
        public TimeSpan MaxTotalWait { get; set; } = TimeSpan.FromMinutes(2);

        public ScimRetryDecision Decide(ScimAttemptOutcome outcome)
        {
            if (outcome.Attempt > MaxRetries || !IsRetryable(outcome))
            {
                return ScimRetryDecision.GiveUp;
            }
            var delay = outcome.RetryAfter.HasValue
                ? outcome.RetryAfter.Value + Jitter(TimeSpan.FromMilliseconds(250))
                : outcome.StatusCode == 429 && ThrottleWait.HasValue
                    ? ThrottleWait.Value + Jitter(TimeSpan.FromTicks(ThrottleWait.Value.Ticks / 10))
                    : Backoff(outcome.Attempt);
            if (outcome.WaitedSoFar + delay > MaxTotalWait)
            {
                return ScimRetryDecision.GiveUp;
            }
            return ScimRetryDecision.RetryAfter(delay);
        }

        private static bool IsRetryable(ScimAttemptOutcome outcome)
        {
            switch (outcome.StatusCode)
            {
                case 429:
                case 503:
                    return true;
                case 500:
                case 502:
                case 504:
                    return outcome.IsIdempotent;
                case null:
                    // No response: safe when the request is idempotent, or when it provably never left.
                    return outcome.IsIdempotent || outcome.NeverSent;
                default:
                    return false;
            }
        }

        // Exponential with "equal jitter": at least half the backoff, so retries always spread out.
        private TimeSpan Backoff(int attempt)
        {
            var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            var capped = TimeSpan.FromMilliseconds(Math.Min(exponential, MaxDelay.TotalMilliseconds));
            var half = TimeSpan.FromTicks(capped.Ticks / 2);
            return half + Jitter(half);
        }

        private TimeSpan Jitter(TimeSpan upTo)
        {
            double fraction;
            lock (_randomLock)
            {
                fraction = _random.NextDouble();
            }
            return TimeSpan.FromTicks((long)(upTo.Ticks * fraction));
        }
    }

    /// <summary>What happened to one attempt, as the retry policy needs to know it.</summary>
    public sealed class ScimAttemptOutcome
    {
        public ScimAttemptOutcome(int attempt, bool isIdempotent, int? statusCode, TimeSpan? retryAfter, bool neverSent,
            TimeSpan waitedSoFar)
        {
            Attempt = attempt;
            IsIdempotent = isIdempotent;
            StatusCode = statusCode;
            RetryAfter = retryAfter;
            NeverSent = neverSent;
            WaitedSoFar = waitedSoFar;
        }

        /// <summary>1 for the first attempt.</summary>
        public int Attempt { get; }

        public bool IsIdempotent { get; }

        /// <summary>Null when no response arrived (timeout or network failure).</summary>
        public int? StatusCode { get; }

        public TimeSpan? RetryAfter { get; }

        /// <summary>The connection was refused or the name did not resolve: nothing reached the server.</summary>
        public bool NeverSent { get; }

        public TimeSpan WaitedSoFar { get; }
    }

    public sealed class ScimRetryDecision
    {
        public static readonly ScimRetryDecision GiveUp = new ScimRetryDecision(false, TimeSpan.Zero);

        private ScimRetryDecision(bool retry, TimeSpan delay)
        {
            Retry = retry;
            Delay = delay;
        }

        public bool Retry { get; }

        public TimeSpan Delay { get; }

        public static ScimRetryDecision RetryAfter(TimeSpan delay) => new ScimRetryDecision(true, delay);
    }
}
