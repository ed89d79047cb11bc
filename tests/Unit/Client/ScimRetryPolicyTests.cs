using System;
using ModeScim.Client.Http;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimRetryPolicyTests
    {
        private static ScimAttemptOutcome Outcome(int? status, bool idempotent, int attempt = 1, TimeSpan? retryAfter = null,
            bool neverSent = false, TimeSpan? waited = null)
        {
            return new ScimAttemptOutcome(attempt, idempotent, status, retryAfter, neverSent, waited ?? TimeSpan.Zero);
        }

        [Theory]
        [InlineData(429, false)]
        [InlineData(503, false)]
        [InlineData(429, true)]
        [InlineData(502, true)]
        [InlineData(504, true)]
        [InlineData(500, true)]
        [InlineData(null, true)]
        public void Retries_what_is_safe_to_retry(int? status, bool idempotent)
        {
            Assert.True(new ScimRetryPolicy(1).Decide(Outcome(status, idempotent)).Retry);
        }

        [Theory]
        [InlineData(502)]
        [InlineData(504)]
        [InlineData(500)]
        [InlineData(null)]
        public void Never_repeats_a_post_that_may_have_reached_the_server(int? status)
        {
            Assert.False(new ScimRetryPolicy(1).Decide(Outcome(status, idempotent: false)).Retry);
        }

        [Fact]
        public void Repeats_a_post_that_provably_never_left()
        {
            Assert.True(new ScimRetryPolicy(1).Decide(Outcome(null, idempotent: false, neverSent: true)).Retry);
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        [InlineData(409)]
        public void Does_not_retry_client_errors(int status)
        {
            Assert.False(new ScimRetryPolicy(1).Decide(Outcome(status, idempotent: true)).Retry);
        }

        [Fact]
        public void Waits_at_least_what_Retry_After_asks()
        {
            var decision = new ScimRetryPolicy(1).Decide(Outcome(429, false, retryAfter: TimeSpan.FromSeconds(3)));
            Assert.InRange(decision.Delay, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.25));
        }

        [Fact]
        public void Backs_off_exponentially_with_jitter()
        {
            var policy = new ScimRetryPolicy(1) { BaseDelay = TimeSpan.FromMilliseconds(100), MaxRetries = 10 };
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                var full = 100 * Math.Pow(2, attempt - 1);
                var delay = policy.Decide(Outcome(503, true, attempt)).Delay.TotalMilliseconds;
                Assert.InRange(delay, full / 2, full);
            }
        }

        [Fact]
        public void Gives_up_after_the_maximum_number_of_retries()
        {
            var policy = new ScimRetryPolicy(1) { MaxRetries = 2 };
            Assert.True(policy.Decide(Outcome(503, true, attempt: 2)).Retry);
            Assert.False(policy.Decide(Outcome(503, true, attempt: 3)).Retry);
        }

        [Fact]
        public void Gives_up_rather_than_exceed_the_total_wait_cap()
        {
            var policy = new ScimRetryPolicy(1) { MaxTotalWait = TimeSpan.FromSeconds(10) };
            Assert.False(policy.Decide(Outcome(429, true, retryAfter: TimeSpan.FromSeconds(60))).Retry);
            Assert.False(policy.Decide(Outcome(429, true, retryAfter: TimeSpan.FromSeconds(2), waited: TimeSpan.FromSeconds(9))).Retry);
        }
    }
}
