using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Tests.Unit.Support
{
    /// <summary>How many calls a stub server was answering at once, at most: shows requests sent side by side
    /// without timing anything.</summary>
    internal sealed class ConcurrencyGauge
    {
        private int _current;
        private int _peak;
        private int _arrived;

        public int Peak => Volatile.Read(ref _peak);

        /// <summary>Counts one call in, then holds it until <paramref name="together"/> calls are in at once or all
        /// <paramref name="total"/> have come: a peak the calls reach by their number, not by each taking long enough
        /// for the next to overlap it, which a loaded machine does not promise. A client that never lets that many
        /// through together is let go after a minute, so that its test fails on the peak instead of hanging.</summary>
        public async Task<IDisposable> EnterTogetherAsync(int together, int total)
        {
            var scope = Enter();
            Interlocked.Increment(ref _arrived);
            var giveUp = Stopwatch.StartNew();
            while (Volatile.Read(ref _current) < together && Volatile.Read(ref _arrived) < total
                && giveUp.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(1);
            }
            return scope;
        }

        /// <summary>Counts one call in until the returned scope is disposed.</summary>
        public IDisposable Enter()
        {
            var now = Interlocked.Increment(ref _current);
            int seen;
            while ((seen = Volatile.Read(ref _peak)) < now && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
            return new Leave(this);
        }

        private sealed class Leave : IDisposable
        {
            private readonly ConcurrencyGauge _gauge;

            public Leave(ConcurrencyGauge gauge)
            {
                _gauge = gauge;
            }

            public void Dispose() => Interlocked.Decrement(ref _gauge._current);
        }
    }
}
