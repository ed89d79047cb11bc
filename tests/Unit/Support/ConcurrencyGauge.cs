using System;
using System.Threading;

namespace ModeScim.Tests.Unit.Support
{
    /// <summary>How many calls a stub server was answering at once, at most: shows requests sent side by side
    /// without timing anything.</summary>
    internal sealed class ConcurrencyGauge
    {
        private int _current;
        private int _peak;

        public int Peak => Volatile.Read(ref _peak);

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
