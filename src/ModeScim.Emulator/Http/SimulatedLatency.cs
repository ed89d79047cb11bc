using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Emulator.Http
{
    /// <summary>Holds requests for the configured latency, to within a fraction of a millisecond.
    /// Task.Delay is not precise enough for a benchmark whose bound counts the latency as exact: on Linux it
    /// overshoots 20 ms by 0.4-1.1 ms on average and one request in ten by up to 4.5 ms (measured), and a window
    /// of requests in flight waits for its slowest. One thread keeps the deadlines: it sleeps until a
    /// millisecond before the earliest, then yields the processor in turn until it is due.</summary>
    internal sealed class SimulatedLatency : IDisposable
    {
        private static readonly long LastStretch = Stopwatch.Frequency / 1000;
        private readonly object _gate = new object();
        private readonly PriorityQueue<TaskCompletionSource, long> _due = new PriorityQueue<TaskCompletionSource, long>();
        private readonly Thread _keeper;
        private bool _stopped;

        public SimulatedLatency()
        {
            _keeper = new Thread(KeepDeadlines) { IsBackground = true, Name = "emulator latency" };
            _keeper.Start();
        }

        public async Task WaitAsync(int milliseconds, CancellationToken cancellationToken)
        {
            if (milliseconds <= 0)
            {
                return;
            }
            // Continuations run on the thread pool, never on the keeper, so one slow request cannot hold the others.
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var deadline = Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_stopped, this);
                _due.Enqueue(done, deadline);
                Monitor.Pulse(_gate);
            }
            using (cancellationToken.Register(() => done.TrySetCanceled(cancellationToken)))
            {
                await done.Task.ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stopped = true;
                Monitor.Pulse(_gate);
            }
            _keeper.Join();
            // A request still held when the server stops is released, not left waiting forever.
            while (_due.TryDequeue(out var pending, out _))
            {
                pending.TrySetCanceled();
            }
        }

        private void KeepDeadlines()
        {
            var released = new List<TaskCompletionSource>();
            while (true)
            {
                lock (_gate)
                {
                    if (!TakeDue(released))
                    {
                        return;
                    }
                }
                if (released.Count == 0)
                {
                    // Within the last millisecond: the next deadline is nearer than a sleep can be trusted to end.
                    Thread.Yield();
                    continue;
                }
                foreach (var request in released)
                {
                    request.TrySetResult();
                }
                released.Clear();
            }
        }

        /// <summary>Under the lock: moves every request now due into <paramref name="released"/>, sleeping until the
        /// earliest deadline is within its last millisecond when none is. False once stopped.</summary>
        private bool TakeDue(List<TaskCompletionSource> released)
        {
            while (!_stopped)
            {
                if (!_due.TryPeek(out _, out var deadline))
                {
                    if (released.Count > 0)
                    {
                        return true;
                    }
                    Monitor.Wait(_gate);
                    continue;
                }
                var remaining = deadline - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    released.Add(_due.Dequeue());
                    continue;
                }
                if (released.Count > 0 || remaining <= LastStretch)
                {
                    return true;
                }
                Monitor.Wait(_gate, Math.Max(1, (int)((remaining - LastStretch) * 1000 / Stopwatch.Frequency)));
            }
            return false;
        }
    }
}
