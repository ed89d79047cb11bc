using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Client.Http
{
    /// <summary>Holds a client to at most <see cref="Limit"/> attempts in any span of <see cref="Window"/>, waiting for a
    /// turn instead of running into the server's 429. A sliding window, not a token bucket: a bucket that refills at the
    /// limit's rate lets nearly twice the limit through in one of the server's fixed windows (a full bucket, then its
    /// refill), and a server counting that way answers 429 to the rest.</summary>
    internal sealed class RequestPacer
    {
        private readonly object _lock = new object();
        private readonly Queue<DateTimeOffset> _sent = new Queue<DateTimeOffset>();
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public RequestPacer(int limit, TimeSpan window, Func<DateTimeOffset>? clock, Func<TimeSpan, CancellationToken, Task> delay)
        {
            if (limit < 1 || window <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "A pace needs at least one request in a window longer than zero.");
            }
            Limit = limit;
            Window = window;
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _delay = delay;
        }

        public int Limit { get; }

        public TimeSpan Window { get; }

        /// <summary>Returns once an attempt may be sent, having counted it.</summary>
        public async Task WaitTurnAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = _clock();
                    while (_sent.Count > 0 && now - _sent.Peek() >= Window)
                    {
                        _sent.Dequeue();
                    }
                    if (_sent.Count < Limit)
                    {
                        _sent.Enqueue(now);
                        return;
                    }
                    wait = _sent.Peek() + Window - now;
                }
                // Another caller may take the freed turn first; then this one waits again.
                await _delay(wait, cancellationToken).NoContext();
            }
        }
    }
}
