using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.ModeApi;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The Mode REST client against scripted servers: each quirk Mode's API is reported to have, and the
    /// transport's guarantees (Basic per attempt, 429 backoff, the error model).</summary>
    public sealed class ModeApiClientTests
    {
        private static readonly Uri ApiBase = new("https://mode.example.test/api/");

        private readonly ConcurrentQueue<TimeSpan> _waits = new();

        private ModeApiClient NewClient(StubHandler handler, int pageSize = 2, string secret = "s3cret")
        {
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", secret)) { PageSize = pageSize };
            return new ModeApiClient(options, handler, (wait, _) =>
            {
                _waits.Enqueue(wait);
                return Task.CompletedTask;
            });
        }

        private static HttpResponseMessage Hal(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/hal+json") };

        private static string Spaces(IEnumerable<string> tokens, bool next) =>
            "{\"_links\":{\"self\":{\"href\":\"x\"}" + (next ? ",\"next_page\":{\"href\":\"x?page=2\"}" : string.Empty) + "},"
            + "\"_embedded\":{\"spaces\":[" + string.Join(",", tokens.Select(t => "{\"token\":\"" + t + "\",\"name\":\"" + t
                + "\"}")) + "]}}";

        [Fact]
        public async Task A_list_that_ignores_page_ends_at_the_first_repeat()
        {
            var handler = new StubHandler((_, _, _) => Task.FromResult(Hal(Spaces(new[] { "a", "b" }, next: true))));
            using var client = NewClient(handler);

            var spaces = await client.ListSpacesAsync(CancellationToken.None);

            Assert.Equal(new[] { "a", "b" }, spaces.Select(s => s.Token));
            Assert.Equal(2, handler.Calls);
        }

        [Fact]
        public async Task A_null_entry_in_a_list_is_an_invalid_response_not_a_crash()
        {
            var handler = new StubHandler((_, _, _) => Task.FromResult(
                Hal("{\"_links\":{\"self\":{\"href\":\"x\"}},\"_embedded\":{\"spaces\":[{\"token\":\"a\"},null]}}")));
            using var client = NewClient(handler);

            var error = await Assert.ThrowsAsync<ScimException>(() => client.ListSpacesAsync(CancellationToken.None));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("null", error.Message);
        }

        [Fact]
        public async Task A_list_that_repeats_its_last_page_yields_each_item_once()
        {
            var handler = new StubHandler((request, _, _) =>
            {
                var page = request.RequestUri!.Query.Contains("page=1&") ? new[] { "a", "b" } : new[] { "c" };
                return Task.FromResult(Hal(Spaces(page, next: true)));
            });
            using var client = NewClient(handler);

            var spaces = await client.ListSpacesAsync(CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c" }, spaces.Select(s => s.Token));
            Assert.Equal(3, handler.Calls);
        }

        [Fact]
        public async Task A_page_without_next_page_ends_the_listing_and_an_empty_page_ends_it_too()
        {
            var withoutNext = new StubHandler(() => Hal(Spaces(new[] { "a", "b" }, next: false)));
            using (var client = NewClient(withoutNext))
            {
                Assert.Equal(2, (await client.ListSpacesAsync(CancellationToken.None)).Count);
            }
            Assert.Equal(1, withoutNext.Calls);

            var thenEmpty = new StubHandler(() => Hal(Spaces(new[] { "a", "b" }, next: true)), () => Hal(Spaces(Array.Empty<string>(),
                true)));
            using (var client = NewClient(thenEmpty))
            {
                Assert.Equal(2, (await client.ListSpacesAsync(CancellationToken.None)).Count);
            }
            Assert.Equal(2, thenEmpty.Calls);
        }

        [Fact]
        public async Task A_list_without_links_goes_on_while_pages_are_full()
        {
            var handler = new StubHandler(
                () => Hal("{\"_embedded\":{\"spaces\":[{\"token\":\"a\"},{\"token\":\"b\"}]}}"),
                () => Hal("{\"_embedded\":{\"spaces\":[{\"token\":\"c\"}]}}"));
            using var client = NewClient(handler);

            var spaces = await client.ListSpacesAsync(CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "c" }, spaces.Select(s => s.Token));
            Assert.Equal(2, handler.Calls);
        }

        [Fact]
        public async Task Pages_are_asked_for_by_number_on_the_api_host_even_when_next_page_points_elsewhere()
        {
            var handler = new StubHandler(
                () => Hal("{\"_links\":{\"next_page\":{\"href\":\"https://evil.example.test/steal\"}},"
                    + "\"_embedded\":{\"spaces\":[{\"token\":\"a\"},{\"token\":\"b\"}]}}"),
                () => Hal(Spaces(Array.Empty<string>(), false)));
            using var client = NewClient(handler);

            await client.ListSpacesAsync(CancellationToken.None);

            Assert.All(handler.Requests, r => Assert.Equal("mode.example.test", r.Uri.Host));
            Assert.Equal("/api/acme/spaces", handler.Requests.Last().Uri.AbsolutePath);
            Assert.Contains("filter=all", handler.Requests.Last().Uri.Query);
            Assert.Contains("page=2&per_page=2", handler.Requests.Last().Uri.Query);
        }

        [Fact]
        public async Task Each_attempt_sends_Basic_credentials_asked_for_at_that_moment_and_hal_json_is_accepted()
        {
            var secrets = new Queue<string>(new[] { "first", "second" });
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.ServiceUnavailable), () => Hal("{\"verified\":true}"));
            var options = new ModeApiClientOptions(ApiBase, "acme", () => new ModeApiCredentials("tok", secrets.Dequeue()));
            using var client = new ModeApiClient(options, handler, (_, _) => Task.CompletedTask);

            await client.VerifyAsync(CancellationToken.None);

            var headers = handler.Requests.Select(r => r.Authorization).ToArray();
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tok:first")), headers[0]);
            Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tok:second")), headers[1]);
        }

        [Fact]
        public async Task A_429_without_Retry_After_is_waited_out_for_a_whole_rate_window()
        {
            var handler = new StubHandler(
                () => Throttled(),
                () => Throttled(),
                () => Throttled(),
                () => Hal("{\"verified\":true}"));
            using var client = NewClient(handler);

            await client.VerifyAsync(CancellationToken.None);

            // Mode counts in 10-second windows: a retry within the window would only be refused again.
            var waits = _waits.ToArray();
            Assert.Equal(3, waits.Length);
            Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(11)));
        }

        [Fact]
        public async Task A_grant_is_retried_after_429_but_never_after_a_500_that_may_have_applied_it()
        {
            var throttledOnce = new StubHandler(() => Throttled(), () => Hal("{\"token\":\"p1\",\"action\":\"edit\"}"));
            using (var client = NewClient(throttledOnce))
            {
                var granted = await client.GrantAsync("s1", "edit", "Account", "m1", CancellationToken.None);
                Assert.Equal("p1", granted.Token);
            }
            Assert.Equal(2, throttledOnce.Calls);
            Assert.Contains("\"accessor_token\":\"m1\"", throttledOnce.Requests.Last().Body);

            var failed = new StubHandler(() => StubHandler.Json(HttpStatusCode.InternalServerError,
                "{\"id\":\"server_error\",\"message\":\"boom\"}"));
            using (var client = NewClient(failed))
            {
                var error = await Assert.ThrowsAsync<ScimException>(() => client.GrantAsync("s1", "edit", "Account", "m1",
                    CancellationToken.None));
                Assert.Equal(ScimErrorKind.ServerError, error.Kind);
            }
            Assert.Equal(1, failed.Calls);
        }

        [Fact]
        public async Task Mode_errors_carry_their_id_and_message_and_never_the_secret()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.NotFound,
                "{\"id\":\"not_found\",\"message\":\"Report nope was not found.\"}"));
            using var client = NewClient(handler, secret: "very-secret-value");

            var error = await Assert.ThrowsAsync<ScimException>(() => client.MoveReportAsync("nope", "s1", CancellationToken.None));

            Assert.Equal(ScimErrorKind.NotFound, error.Kind);
            Assert.Equal("not_found: Report nope was not found.", error.Detail);
            Assert.Equal("acme/reports/nope", error.Path);
            Assert.DoesNotContain("very-secret-value", error.ToString());
        }

        [Fact]
        public async Task Memberships_fall_back_to_the_lite_list_on_404_and_remember_it()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/lite", StringComparison.Ordinal)
                ? Hal("{\"_embedded\":{\"memberships\":[{\"email\":\"a@x.test\",\"username\":\"a\",\"member_token\":\"m1\","
                    + "\"state\":\"active\",\"admin\":\"true\"}]}}")
                : StubHandler.Json(HttpStatusCode.NotFound, "{\"id\":\"not_found\",\"message\":\"no\"}")));
            using var client = NewClient(handler);

            var first = await client.ReadAccountsAsync(CancellationToken.None);
            var callsAfterFirst = handler.Calls;
            await client.ReadAccountsAsync(CancellationToken.None);

            var account = Assert.Single(first);
            Assert.Equal(("a", "a@x.test", true, (bool?)null), (account.Username, account.Email, account.Admin == true,
                account.ManagedByScim));
            Assert.Equal(ScimSupport.Unsupported, client.FullMemberships);
            Assert.Equal(ScimSupport.Supported, client.LiteMemberships);
            Assert.Equal(callsAfterFirst + 1, handler.Calls);
        }

        [Fact]
        public async Task Full_memberships_are_joined_to_lite_rows_by_member_token_and_the_own_token_comes_from_the_self_link()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/lite", StringComparison.Ordinal)
                ? Hal("{\"_embedded\":{\"memberships\":[{\"email\":\"b@x.test\",\"username\":\"b\",\"member_token\":\"m2\"}]}}")
                : Hal("{\"_embedded\":{\"memberships\":[{\"member_username\":\"b\",\"member_token\":\"m2\",\"state\":\"active\","
                    + "\"managed_by_scim\":false,\"activated_at\":\"2026-01-02T03:04:05Z\","
                    + "\"_links\":{\"self\":{\"href\":\"/api/acme/memberships/own9\"}}}]}}")));
            using var client = NewClient(handler);

            var account = Assert.Single(await client.ReadAccountsAsync(CancellationToken.None));

            Assert.Equal("b@x.test", account.Email);
            Assert.Equal("own9", account.MembershipToken);
            Assert.False(account.ManagedByScim);
            Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), account.ActivatedAt);
        }

        [Fact]
        public async Task Without_the_lite_list_each_account_is_read_for_its_email()
        {
            var handler = new StubHandler((request, _, _) =>
            {
                var path = request.RequestUri!.AbsolutePath;
                return Task.FromResult(path.EndsWith("/lite", StringComparison.Ordinal) ? StubHandler.Status(HttpStatusCode.NotFound)
                    : path == "/api/c" ? Hal("{\"username\":\"c\",\"email\":\"c@x.test\",\"name\":\"C\"}")
                    : Hal("{\"_embedded\":{\"memberships\":[{\"member_username\":\"c\",\"member_token\":\"m3\"}]}}"));
            });
            using var client = NewClient(handler);

            var account = Assert.Single(await client.ReadAccountsAsync(CancellationToken.None));

            Assert.Equal(("c@x.test", "C"), (account.Email, account.Name));
        }

        [Fact]
        public async Task Engagement_comes_through_a_signature_token_bearer_and_reads_either_spelling_of_the_last_day()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(request.Method == HttpMethod.Post
                ? Hal("{\"token\":\"id1\",\"access_key\":\"k1\",\"access_secret\":\"s1\"}")
                : Hal("{\"members\":[{\"member_email\":\"a@x.test\",\"member_token\":\"m1\",\"last_day_enagaged\":\"2026-03-01T00:00:00Z\","
                    + "\"total_days_engaged\":\"12\"},{\"member_email\":\"b@x.test\",\"member_token\":\"m2\",\"last_day_engaged\":null,"
                    + "\"last_day_in_app_engaged\":\"2026-04-01T00:00:00Z\",\"total_days_engaged\":3}]}")));
            using var client = NewClient(handler);

            var rows = await client.ReadEngagementAsync(CancellationToken.None);

            Assert.NotNull(rows);
            Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), rows![0].LastEngaged);
            Assert.Equal(12, rows[0].TotalDaysEngaged);
            Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), rows[1].LastEngaged);
            var read = handler.Requests.Last();
            Assert.Equal("/batch/acme/members", read.Uri.AbsolutePath);
            Assert.Equal("Bearer " + Convert.ToBase64String(Encoding.UTF8.GetBytes("id1:k1:s1")), read.Authorization);
            Assert.Equal(ScimSupport.Supported, client.DiscoveryApi);
        }

        [Fact]
        public async Task A_refused_signature_token_means_no_Discovery_access_learned_once()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.Forbidden,
                "{\"id\":\"forbidden\",\"message\":\"Enterprise only\"}"));
            using var client = NewClient(handler);

            Assert.Null(await client.ReadEngagementAsync(CancellationToken.None));
            Assert.Null(await client.ReadEngagementAsync(CancellationToken.None));

            Assert.Equal(ScimSupport.Unsupported, client.DiscoveryApi);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task A_creator_and_a_report_collection_are_read_from_links_when_fields_are_missing()
        {
            var handler = new StubHandler(()
                => Hal("{\"_embedded\":{\"reports\":[{\"token\":\"r1\",\"_links\":{\"creator\":{\"href\":\"/api/ada%20l\"},"
                + "\"space\":{\"href\":\"/api/acme/spaces/s9/\"}}}]}}"));
            using var client = NewClient(handler);

            var report = Assert.Single(await client.ListReportsAsync("s9", CancellationToken.None));

            Assert.Equal(("ada l", "s9"), (report.CreatorUsername, report.SpaceToken));
        }

        [Fact]
        public void A_workspace_that_would_change_the_path_is_refused()
        {
            Assert.Throws<ArgumentException>(() => new ModeApiClientOptions(ApiBase, "acme/../other", () => new ModeApiCredentials("t",
                "s")));
            Assert.Throws<ArgumentException>(() => new ModeApiClientOptions(new Uri("relative", UriKind.Relative), "acme",
                () => new ModeApiCredentials("t", "s")));
        }

        private static HttpResponseMessage Throttled() =>
            StubHandler.Json((HttpStatusCode)429, "{\"id\":\"rate_limited\",\"message\":\"slow down\"}");
    }
}
