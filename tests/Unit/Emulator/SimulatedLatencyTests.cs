using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Emulator.Http;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    public class SimulatedLatencyTests
    {
        [Fact]
        public async Task Each_request_is_held_at_least_its_latency_and_an_earlier_deadline_is_not_held_for_a_later_one()
        {
            using var latency = new SimulatedLatency();
            using var hangUp = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            // Deadlines a minute apart: the order is checked without depending on how fast a loaded machine runs.
            var late = latency.WaitAsync(60_000, hangUp.Token);

            var waits = new[] { 40, 20 }.Select(async ms =>
            {
                var started = clock.Elapsed;
                await latency.WaitAsync(ms, CancellationToken.None);
                return (Ms: ms, Held: clock.Elapsed - started);
            }).ToList();
            var results = await Task.WhenAll(waits);

            Assert.False(late.IsCompleted, "the request due in a minute was released with those due in milliseconds");
            Assert.All(results, r => Assert.True(r.Held >= TimeSpan.FromMilliseconds(r.Ms), r.Ms + " ms held for " + r.Held));
            hangUp.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late);
        }

        [Fact]
        public async Task A_request_whose_client_hangs_up_is_released_at_once_as_cancelled()
        {
            using var latency = new SimulatedLatency();
            using var aborted = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();

            var wait = latency.WaitAsync(60_000, aborted.Token);
            aborted.CancelAfter(20);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "released by the cancellation, not by the deadline");
        }

        [Fact]
        public async Task Stopping_releases_every_held_request_and_refuses_new_ones()
        {
            var latency = new SimulatedLatency();
            var held = Enumerable.Range(0, 3).Select(_ => latency.WaitAsync(60_000, CancellationToken.None)).ToList();

            latency.Dispose();

            foreach (var wait in held)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            }
            await Assert.ThrowsAsync<ObjectDisposedException>(() => latency.WaitAsync(10, CancellationToken.None));
        }

        [Fact]
        public void No_latency_holds_nothing()
        {
            using var latency = new SimulatedLatency();

            Assert.True(latency.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);
        }
    }
}
