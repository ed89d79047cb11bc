using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>One resource collection on the wire: the URL each call builds, what an odd answer becomes, and which
    /// refusals of a retried request mean it was already done.</summary>
    public class ResourceEndpointTests
    {
        private const string Ada = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
            + "\"id\":\"u1\",\"userName\":\"ada@example.com\"}";
        private static readonly CancellationToken None = CancellationToken.None;

        private static StubHandler Answer(HttpStatusCode status, string body) => new(() => StubHandler.Json(status, body));

        private static string QueryOf(StubHandler handler, int request = 0) =>
            Uri.UnescapeDataString(handler.Requests.ElementAt(request).Uri.Query);

        [Fact]
        public async Task A_listing_sends_filter_start_count_and_both_attribute_lists()
        {
            var handler = Answer(HttpStatusCode.OK, "{\"totalResults\":0,\"Resources\":[]}");
            using var client = TestClients.Create(handler);
            var query = new ScimListQuery { Filter = ScimFilter.Equal("userName", "a b"), StartIndex = 3, PageSize = 7, MaxItems = 7 };
            query.Attributes.Add("userName");
            query.Attributes.Add("active");
            query.ExcludedAttributes.Add("groups");

            await client.Users.ListAsync(query, None).ToListAsync();

            Assert.Equal("?filter=userName eq \"a b\"&startIndex=3&count=7&attributes=userName,active&excludedAttributes=groups",
                QueryOf(handler));
        }

        [Fact]
        public async Task A_listing_without_sizes_uses_the_clients_page_size()
        {
            var handler = Answer(HttpStatusCode.OK, "{\"totalResults\":0,\"Resources\":[]}");
            using var client = TestClients.Create(handler, configure: o => o.PageSize = 42);

            await client.Groups.ListAsync(new ScimListQuery(), None).ToListAsync();

            Assert.Equal("?startIndex=1&count=42", QueryOf(handler));
            Assert.EndsWith("/Groups", handler.Requests.Single().Uri.AbsolutePath);
        }

        [Fact]
        public async Task A_listing_fetches_ahead_as_many_pages_as_the_client_allows_at_once()
        {
            var gauge = new ConcurrencyGauge();
            var handler = SlowUsers(100, 10, gauge);
            using var client = TestClients.Create(handler, configure: o =>
            {
                o.PageSize = 10;
                o.MaxConcurrentRequests = 3;
            });

            var pages = await client.Users.ListAsync(new ScimListQuery(), None).ToListAsync();

            Assert.Equal(100, pages.Sum(p => p.Resources.Count));
            Assert.Equal(3, gauge.Peak);
        }

        /// <summary>A server of <paramref name="total"/> users, <paramref name="perPage"/> a page at most, that takes
        /// its time over each page so the requests in flight can be counted.</summary>
        private static StubHandler SlowUsers(int total, int perPage, ConcurrencyGauge gauge)
        {
            return new StubHandler(async (request, _, cancellationToken) =>
            {
                using (gauge.Enter())
                {
                    await Task.Delay(20, cancellationToken);
                }
                var start = int.Parse(System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["startIndex"]!,
                    CultureInfo.InvariantCulture);
                var users = Enumerable.Range(start, Math.Max(0, Math.Min(perPage, total + 1 - start)))
                    .Select(i => "{\"id\":\"u" + i + "\",\"userName\":\"u" + i + "@example.com\"}");
                return StubHandler.Json(HttpStatusCode.OK,
                    "{\"totalResults\":" + total + ",\"Resources\":[" + string.Join(",", users) + "]}");
            });
        }

        [Fact]
        public async Task A_read_asks_to_leave_out_attributes_when_told()
        {
            var handler = Answer(HttpStatusCode.OK, Ada);
            using var client = TestClients.Create(handler);

            var user = await client.Users.GetAsync("u1", None, new[] { "groups", "emails" });

            Assert.Equal("ada@example.com", user.UserName);
            Assert.Equal("?excludedAttributes=groups,emails", QueryOf(handler));
            Assert.EndsWith("/Users/u1", handler.Requests.Single().Uri.AbsolutePath);
        }

        [Theory]
        [InlineData("{not json")]
        [InlineData("null")]
        public async Task A_body_that_is_not_a_resource_is_an_invalid_response_naming_the_request(string body)
        {
            var handler = Answer(HttpStatusCode.OK, body);
            using var client = TestClients.Create(handler);

            var get = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));
            var put = await Assert.ThrowsAsync<ScimException>(() => client.Users.ReplaceAsync(new ScimUser { Id = "u1" }, None));
            var patch = await Assert.ThrowsAsync<ScimException>(
                () => client.Users.PatchAsync("u1", new ScimPatchBuilder().Replace("active", false).Build(), None));
            var list = await Assert.ThrowsAsync<ScimException>(() => client.Users.ListAsync(new ScimListQuery(),
                None).ToListAsync().AsTask());
            var probe = await Assert.ThrowsAsync<ScimException>(() => client.Users.ProbeAsync("u1", None));

            Assert.All(new[] { get, put, patch, list, probe }, e => Assert.Equal(ScimErrorKind.InvalidResponse, e.Kind));
            Assert.Equal(("GET", "Users/u1"), (get.Method, get.Path));
            Assert.Equal(("PUT", "Users/u1"), (put.Method, put.Path));
            Assert.Equal(("PATCH", "Users/u1"), (patch.Method, patch.Path));
            Assert.Equal("GET", list.Method);
            Assert.StartsWith("Users?", list.Path);
            Assert.Equal(("GET", "Users/u1"), (probe.Method, probe.Path));
            Assert.Equal(200, get.StatusCode);
        }

        [Fact]
        public async Task A_create_answered_with_something_unreadable_names_the_collection()
        {
            var handler = Answer(HttpStatusCode.Created, "[]");
            using var client = TestClients.Create(handler);

            var error = await Assert.ThrowsAsync<ScimException>(() =>
                client.Users.CreateAsync(new ScimUser { UserName = "a@example.com" }, None));

            Assert.Equal(("POST", "Users", ScimErrorKind.InvalidResponse), (error.Method, error.Path, error.Kind));
        }

        [Fact]
        public async Task A_patch_answered_204_or_with_an_empty_body_returns_nothing()
        {
            var patch = new ScimPatchBuilder().Replace("active", false).Build();
            using var noContent = TestClients.Create(new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent)));
            using var emptyOk = TestClients.Create(Answer(HttpStatusCode.OK, "  "));
            using var withBody = TestClients.Create(Answer(HttpStatusCode.OK, Ada));

            Assert.Null(await noContent.Users.PatchAsync("u1", patch, None));
            Assert.Null(await emptyOk.Users.PatchAsync("u1", patch, None));
            Assert.Equal("u1", (await withBody.Users.PatchAsync("u1", patch, None))!.Id);
        }

        [Fact]
        public async Task A_refused_first_removal_is_an_error_but_a_retried_one_is_done()
        {
            const string noTarget = "{\"status\":\"400\",\"scimType\":\"noTarget\",\"detail\":\"no such member\"}";
            var removal = new ScimPatchBuilder().RemoveMembers(new[] { "u9" }).Build();
            using var refusedAtOnce = TestClients.Create(Answer(HttpStatusCode.BadRequest, noTarget));
            var retried = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Status(HttpStatusCode.BadGateway)
                : StubHandler.Json(HttpStatusCode.BadRequest, noTarget)));
            using var afterLostAnswer = TestClients.Create(retried);

            var error = await Assert.ThrowsAsync<ScimException>(() => refusedAtOnce.Groups.PatchAsync("g1", removal, None));
            var done = await afterLostAnswer.Groups.PatchAsync("g1", removal, None);

            Assert.True(error.IsNoTarget);
            Assert.Null(done);
            Assert.Equal(2, retried.Calls);
        }

        [Fact]
        public async Task A_delete_refused_with_404_is_an_error_at_once_and_done_after_a_lost_answer()
        {
            using var absent = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}")));
            var retried = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Status(HttpStatusCode.BadGateway)
                : StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}")));
            using var afterLostAnswer = TestClients.Create(retried);

            var error = await Assert.ThrowsAsync<ScimException>(() => absent.Users.DeleteAsync("u1", None));
            await afterLostAnswer.Users.DeleteAsync("u1", None);

            Assert.Equal(ScimErrorKind.NotFound, error.Kind);
            Assert.Equal(2, retried.Calls);
        }

        [Theory]
        [InlineData(HttpStatusCode.NotFound)]
        [InlineData(HttpStatusCode.BadRequest)]
        [InlineData(HttpStatusCode.InternalServerError)]
        public async Task A_probe_answered_with_a_refusal_finds_nobody_in_one_request(HttpStatusCode status)
        {
            var handler = Answer(status, "{\"status\":\"" + (int)status + "\"}");
            using var client = TestClients.Create(handler);

            Assert.Null(await client.Users.ProbeAsync("text-that-is-no-id", None));
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task A_probe_answered_with_an_outage_is_an_error()
        {
            var handler = Answer(HttpStatusCode.ServiceUnavailable, "{\"status\":\"503\"}");
            using var client = TestClients.Create(handler);

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.ProbeAsync("u1", None));

            Assert.Equal(503, error.StatusCode);
        }

        [Fact]
        public async Task Text_that_cannot_be_an_id_is_not_probed_and_cannot_be_read()
        {
            var handler = Answer(HttpStatusCode.OK, Ada);
            using var client = TestClients.Create(handler);

            Assert.Null(await client.Users.ProbeAsync("a/b", None));
            var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Users.GetAsync("..", None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Users.ReplaceAsync(new ScimUser { UserName = "x" }, None));

            Assert.Contains("'..' is not a usable SCIM resource id", error.Message);
            Assert.Equal(0, handler.Calls);
        }

        [Theory]
        [InlineData("abc-123", true)]
        [InlineData("a b", true)]
        [InlineData("", false)]
        [InlineData("  ", false)]
        [InlineData(null, false)]
        [InlineData(".", false)]
        [InlineData("..", false)]
        [InlineData("...", true)]
        [InlineData("a/b", false)]
        [InlineData("a\\b", false)]
        [InlineData("a\u0001b", false)]
        public void An_id_is_usable_unless_it_would_address_another_resource(string? id, bool usable)
        {
            Assert.Equal(usable, ResourceId.IsValid(id));
        }

        [Fact]
        public async Task A_find_answered_404_is_nobody()
        {
            using var client = TestClients.Create(Answer(HttpStatusCode.NotFound, "{\"status\":\"404\"}"));

            Assert.Null(await client.Groups.FindAsync("g1", None));
        }

        [Fact]
        public void A_null_query_is_refused()
        {
            using var client = TestClients.Create(Answer(HttpStatusCode.OK, Ada));

            Assert.Throws<ArgumentNullException>(() => client.Users.ListAsync(null!, None));
        }

        [Fact]
        public async Task A_query_s_own_page_size_and_concurrency_win_over_the_clients()
        {
            var gauge = new ConcurrencyGauge();
            var handler = SlowUsers(35, 7, gauge);
            using var client = TestClients.Create(handler, configure: o =>
            {
                o.PageSize = 42;
                o.MaxConcurrentRequests = 4;
            });

            var pages = await client.Users.ListAsync(new ScimListQuery { PageSize = 7, Concurrency = 1 }, None).ToListAsync();

            Assert.Equal(35, pages.Sum(p => p.Resources.Count));
            Assert.Equal(1, gauge.Peak);
            Assert.All(handler.Requests, r => Assert.Contains("count=7", r.Uri.Query));
        }

        [Fact]
        public async Task A_probe_and_a_put_are_retried_after_an_outage()
        {
            var probe = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"status\":\"503\"}")
                : StubHandler.Json(HttpStatusCode.OK, Ada)));
            var put = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"status\":\"503\"}")
                : StubHandler.Json(HttpStatusCode.OK, Ada)));
            using var probing = TestClients.Create(probe);
            using var putting = TestClients.Create(put);

            Assert.Equal("u1", (await probing.Users.ProbeAsync("u1", None))!.Id);
            Assert.Equal("u1", (await putting.Users.ReplaceAsync(new ScimUser { Id = "u1", UserName = "ada@example.com" }, None)).Id);

            Assert.Equal(2, probe.Calls);
            Assert.Equal(2, put.Calls);
        }

        [Fact]
        public async Task A_resource_to_replace_needs_an_id_and_a_null_body_says_so()
        {
            using var client = TestClients.Create(Answer(HttpStatusCode.OK, "null"));

            var noId = await Assert.ThrowsAsync<ArgumentException>(() => client.Users.ReplaceAsync(new ScimUser { UserName = "x" }, None));
            var nullBody = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));

            Assert.StartsWith("A resource to replace", noId.Message);
            Assert.Contains("The body was JSON null.", nullBody.Detail);
        }

        [Fact]
        public async Task The_attempts_of_a_patch_reach_the_callers_observer()
        {
            var handler = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Status(HttpStatusCode.BadGateway)
                : StubHandler.Status(HttpStatusCode.NoContent)));
            using var client = TestClients.Create(handler);
            var records = new RequestRecorder();

            using (ScimClient.Observe(records))
            {
                await client.Groups.PatchAsync("g1", new ScimPatchBuilder().AddMembers(new[] { "u1" }).Build(), None);
                await client.Groups.DeleteAsync("g1", None);
            }

            Assert.Equal(new int?[] { 502, 204, 204 }, records.All.Select(r => r.StatusCode));
        }

        [Fact]
        public async Task A_lost_create_whose_lookup_fails_too_is_an_unknown_outcome_naming_both_failures()
        {
            var handler = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Status(HttpStatusCode.BadGateway)
                : StubHandler.Json(HttpStatusCode.Forbidden, "{\"status\":\"403\",\"detail\":\"no reading\"}")));
            using var client = TestClients.Create(handler, configure: o => o.RetryPolicy.MaxRetries = 0);

            var error = await Assert.ThrowsAsync<ScimException>(
                () => client.Users.CreateOrAdoptAsync(new ScimUser { UserName = "a@example.com" }, None));

            Assert.Equal(ScimErrorKind.OutcomeUnknown, error.Kind);
            Assert.StartsWith("the create may have been applied (", error.Detail);
            Assert.Contains("), and looking for it failed too (", error.Detail);
            Assert.Contains("no reading", error.Detail);
        }
    }
}
