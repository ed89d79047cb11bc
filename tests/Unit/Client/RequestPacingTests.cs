using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Http;
using ModeScim.Client.ModeApi;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The REST client keeps under Mode's limit (about 40 requests per 10 seconds) instead of running into it,
    /// waits out a 429 for as long as the server asks in any of the headers servers use, and reads emails in bulk where
    /// the API gives them.</summary>
    public sealed class RequestPacingTests
    {
        private static readonly Uri ApiBase = new("https://mode.example.test/api/");

        /// <summary>A clock that moves only when the code under test waits.</summary>
        private sealed class VirtualTime
        {
            private readonly object _lock = new();

            public DateTimeOffset Now { get; private set; } = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

            public List<TimeSpan> Waits { get; } = new();

            public Task Delay(TimeSpan wait, CancellationToken cancellationToken)
            {
                lock (_lock)
                {
                    Waits.Add(wait);
                    Now += wait;
                }
                return Task.CompletedTask;
            }

            public DateTimeOffset Read()
            {
                lock (_lock)
                {
                    return Now;
                }
            }
        }

        private static HttpResponseMessage Hal(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/hal+json") };

        [Fact]
        public async Task The_pacer_lets_the_limit_through_at_once_and_the_next_one_when_the_first_leaves_the_window()
        {
            var time = new VirtualTime();
            var pacer = new RequestPacer(3, TimeSpan.FromSeconds(10), time.Read, time.Delay);

            for (var i = 0; i < 3; i++)
            {
                await pacer.WaitTurnAsync(CancellationToken.None);
            }
            Assert.Empty(time.Waits);

            await pacer.WaitTurnAsync(CancellationToken.None);

            Assert.Equal(new[] { TimeSpan.FromSeconds(10) }, time.Waits);
        }

        [Fact]
        public async Task A_paced_client_never_sends_more_than_the_limit_in_any_window()
        {
            var time = new VirtualTime();
            var sentAt = new List<DateTimeOffset>();
            var handler = new StubHandler((_, _, _) =>
            {
                lock (sentAt)
                {
                    sentAt.Add(time.Read());
                }
                return Task.FromResult(Hal("{\"verified\":true}"));
            });
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", "s")) { RateLimit = 5 };
            using var client = new ModeApiClient(options, handler, time.Delay, time.Read);

            await Task.WhenAll(Enumerable.Range(0, 23).Select(_ => client.VerifyAsync(CancellationToken.None)));

            Assert.Equal(23, sentAt.Count);
            foreach (var start in sentAt)
            {
                var within = sentAt.Count(t => t >= start && t < start + TimeSpan.FromSeconds(10));
                Assert.True(within <= 5, within + " sent within 10 s of " + start);
            }
            Assert.True(sentAt.Max() - sentAt.Min() >= TimeSpan.FromSeconds(40), "23 requests at 5 per 10 s take at least 40 s");
        }

        [Fact]
        public async Task An_unpaced_client_sends_without_waiting()
        {
            var time = new VirtualTime();
            var handler = new StubHandler(() => Hal("{}"));
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", "s")) { RateLimit = 0 };
            using var client = new ModeApiClient(options, handler, time.Delay, time.Read);

            for (var i = 0; i < 100; i++)
            {
                await client.VerifyAsync(CancellationToken.None);
            }

            Assert.Empty(time.Waits);
        }

        [Theory]
        [InlineData("X-Retry-After", "7", 7)]
        [InlineData("RateLimit-Reset", "3", 3)]
        [InlineData("X-RateLimit-Reset", "4", 4)]
        [InlineData("X-Retry-After", "2.5", 2.5)]
        public void A_wait_named_by_another_header_than_Retry_After_is_read(string header, string value, double seconds)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.TryAddWithoutValidation(header, value);

            Assert.Equal(TimeSpan.FromSeconds(seconds), ScimTransport.ReadRetryAfter(response));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_reset_given_as_a_Unix_time_in_seconds_or_milliseconds_is_the_time_left_until_then(bool milliseconds)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            var soon = DateTimeOffset.UtcNow.AddSeconds(30);
            var reset = milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(soon.ToUnixTimeMilliseconds())
                : DateTimeOffset.FromUnixTimeSeconds(soon.ToUnixTimeSeconds());
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", (milliseconds ? reset.ToUnixTimeMilliseconds()
                : reset.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var before = DateTimeOffset.UtcNow;

            var wait = ScimTransport.ReadRetryAfter(response);

            // The time left until the reset as the header was read: bounded by the clock around the read, so a stall
            // of the machine cannot push it out of range.
            var after = DateTimeOffset.UtcNow;
            Assert.NotNull(wait);
            Assert.InRange(wait!.Value, reset - after, reset - before);
        }

        [Theory]
        [InlineData("soon")]
        [InlineData("-5")]
        [InlineData("")]
        [InlineData("253402300800000000")]
        [InlineData("1e300")]
        public void A_header_that_names_no_wait_is_not_read_as_one(string value)
        {
            using var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.TryAddWithoutValidation("X-Retry-After", value);

            Assert.Null(ScimTransport.ReadRetryAfter(response));
        }

        [Fact]
        public async Task A_429_naming_its_wait_in_X_Retry_After_is_retried_after_that_wait_not_a_whole_window()
        {
            var time = new VirtualTime();
            var handler = new StubHandler(
                () =>
                {
                    var throttled = StubHandler.Json((HttpStatusCode)429, "{\"id\":\"rate_limited\",\"message\":\"slow down\"}");
                    throttled.Headers.TryAddWithoutValidation("X-Retry-After", "2");
                    return throttled;
                },
                () => Hal("{}"));
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", "s"));
            using var client = new ModeApiClient(options, handler, time.Delay, time.Read);

            await client.VerifyAsync(CancellationToken.None);

            var wait = Assert.Single(time.Waits);
            Assert.InRange(wait, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.25));
        }

        [Fact]
        public async Task Throttling_that_outlasts_the_budget_ends_in_Throttled_within_it()
        {
            var time = new VirtualTime();
            var handler = new StubHandler(() => StubHandler.Json((HttpStatusCode)429, "{\"id\":\"rate_limited\",\"message\":\"no\"}"));
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", "s"));
            options.RetryPolicy.MaxTotalWait = TimeSpan.FromSeconds(25);
            using var client = new ModeApiClient(options, handler, time.Delay, time.Read);

            var error = await Assert.ThrowsAsync<ModeScim.Client.ScimException>(() => client.VerifyAsync(CancellationToken.None));

            Assert.Equal(ModeScim.Client.ScimErrorKind.Throttled, error.Kind);
            Assert.Equal(2, time.Waits.Count);
            Assert.True(time.Waits.Aggregate(TimeSpan.Zero, (a, b) => a + b) <= TimeSpan.FromSeconds(25));
        }

        [Fact]
        public async Task Emails_the_Discovery_API_already_gave_spare_a_request_per_account()
        {
            // Only the full memberships list is served, without emails: without the engagement rows each account is read.
            var handler = new StubHandler((request, _, _) =>
            {
                var path = request.RequestUri!.AbsolutePath;
                var json = path.EndsWith("/memberships/lite", StringComparison.Ordinal) ? null
                    : path.EndsWith("/memberships", StringComparison.Ordinal)
                        ? "{\"_links\":{\"self\":{\"href\":\"x\"}},\"_embedded\":{\"memberships\":["
                            + "{\"member_username\":\"ann\",\"member_token\":\"m1\",\"token\":\"s1\",\"state\":\"active\"},"
                            + "{\"member_username\":\"bob\",\"member_token\":\"m2\",\"token\":\"s2\",\"state\":\"active\"},"
                            + "{\"member_username\":\"cy\",\"member_token\":\"m3\",\"token\":\"s3\",\"state\":\"active\"}]}}"
                        : "{\"username\":\"cy\",\"email\":\"cy@example.test\"}";
                return Task.FromResult(json == null ? new HttpResponseMessage(HttpStatusCode.NotFound)
                    : Hal(json));
            });
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", "s")) { RateLimit = 0 };
            using var client = new ModeApiClient(options, handler, (_, _) => Task.CompletedTask);
            var engagement = new[]
            {
                new ModeEngagement { MemberToken = "m1", Email = "ann@example.test" },
                new ModeEngagement { Username = "BOB", Email = "bob@example.test" },
            };

            var accounts = await client.ReadAccountsAsync(engagement, CancellationToken.None);

            Assert.Equal(new[] { "ann@example.test", "bob@example.test", "cy@example.test" }, accounts.Select(a => a.Email));
            var accountReads = handler.Requests.Where(r => !r.Uri.AbsolutePath.Contains("/memberships", StringComparison.Ordinal)).ToList();
            Assert.Equal("/api/cy", Assert.Single(accountReads).Uri.AbsolutePath);
        }
    }
}
