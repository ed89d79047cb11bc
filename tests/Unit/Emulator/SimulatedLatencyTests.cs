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
        // A deadline no stall of a loaded machine reaches, so what is checked does not hang on the machine's speed;
        // yet near enough that a latency keeper that got it wrong fails the test in minutes instead of hanging it.
        private const int TenMinutes = 600_000;

        [Fact]
        public async Task Each_request_is_held_at_least_its_latency_and_an_earlier_deadline_is_not_held_for_a_later_one()
        {
            using var latency = new SimulatedLatency();
            using var hangUp = new CancellationTokenSource();
            var clock = Stopwatch.StartNew();
            // Queued first and due last: still held when the later-queued short waits are released, unless they
            // waited for it.
            var late = latency.WaitAsync(TenMinutes, hangUp.Token);

            var waits = new[] { 40, 20 }.Select(async ms =>
            {
                var started = clock.Elapsed;
                await latency.WaitAsync(ms, CancellationToken.None);
                return (Ms: ms, Held: clock.Elapsed - started);
            }).ToList();
            var results = await Task.WhenAll(waits);

            Assert.False(late.IsCompleted, "the request due in minutes was released with those due in milliseconds");
            // A lower bound only: a slow machine holds a request longer, never shorter.
            Assert.All(results, r => Assert.True(r.Held >= TimeSpan.FromMilliseconds(r.Ms), r.Ms + " ms held for " + r.Held));
            hangUp.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late);
        }

        [Fact]
        public async Task A_request_whose_client_hangs_up_is_released_as_cancelled_before_its_deadline()
        {
            using var latency = new SimulatedLatency();
            using var aborted = new CancellationTokenSource();

            var wait = latency.WaitAsync(TenMinutes, aborted.Token);
            aborted.Cancel();

            // Released at its deadline, the wait would end in success: a cancellation shows that the hang-up released it.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        }

        [Fact]
        public async Task Stopping_releases_every_held_request_and_refuses_new_ones()
        {
            var latency = new SimulatedLatency();
            var held = Enumerable.Range(0, 3).Select(_ => latency.WaitAsync(TenMinutes, CancellationToken.None)).ToList();

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
