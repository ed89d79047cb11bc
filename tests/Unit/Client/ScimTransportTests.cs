using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimTransportTests
    {
        private const string UserJson = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"u1\",\"userName\":"
            + "\"ada@example.com\",\"active\":\"False\",\"x-custom\":{\"tier\":3}}";

        [Fact]
        public async Task Sends_the_bearer_token_and_scim_media_types_and_reads_a_user()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, UserJson));
            using var client = TestClients.Create(handler);

            var user = await client.Users.GetAsync("u1", CancellationToken.None);

            var request = handler.Requests.Single();
            Assert.Equal("Bearer " + TestClients.Token, request.Authorization);
            Assert.Equal("https://scim.example.test/api/scim/v2/Users/u1", request.Uri.AbsoluteUri);
            Assert.Equal("ada@example.com", user.UserName);
            Assert.False(user.Active);
            Assert.True(user.AdditionalAttributes!.ContainsKey("x-custom"));
        }

        [Fact]
        public async Task Escapes_an_id_into_a_single_path_segment_and_refuses_dot_segments()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, UserJson));
            using var client = TestClients.Create(handler);

            await client.Users.GetAsync("a b?c", CancellationToken.None);

            Assert.Equal("/api/scim/v2/Users/a%20b%3Fc", handler.Requests.Single().Uri.AbsolutePath + handler.Requests.Single().Uri.Query);
            await Assert.ThrowsAsync<ArgumentException>(() => client.Users.GetAsync("..", CancellationToken.None));
            await Assert.ThrowsAsync<ArgumentException>(() => client.Users.GetAsync("x/../../Groups", CancellationToken.None));
            Assert.Single(handler.Requests);
        }

        [Fact]
        public async Task Waits_as_Retry_After_says_then_succeeds()
        {
            var delays = new List<TimeSpan>();
            var handler = new StubHandler(
                () =>
                {
                    var throttled = StubHandler.Json((HttpStatusCode)429, "{\"status\":\"429\",\"detail\":\"slow down\"}");
                    throttled.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
                    return throttled;
                },
                () => StubHandler.Json(HttpStatusCode.OK, UserJson));
            using var client = TestClients.Create(handler, delays);

            var user = await client.Users.GetAsync("u1", CancellationToken.None);

            Assert.Equal("u1", user.Id);
            Assert.Equal(2, handler.Calls);
            Assert.InRange(delays.Single(), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.3));
        }

        [Fact]
        public async Task Honours_a_Retry_After_given_as_an_http_date()
        {
            var delays = new List<TimeSpan>();
            // A whole second, as an HTTP-date carries it.
            var due = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddSeconds(5).ToUnixTimeSeconds());
            var handler = new StubHandler(
                () =>
                {
                    var unavailable = StubHandler.Status(HttpStatusCode.ServiceUnavailable);
                    unavailable.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(due);
                    return unavailable;
                },
                () => StubHandler.Json(HttpStatusCode.OK, UserJson));
            using var client = TestClients.Create(handler, delays);
            var before = DateTimeOffset.UtcNow;

            await client.Users.GetAsync("u1", CancellationToken.None);

            // The wait is the time left until the date when the answer was read, plus up to a quarter second of jitter.
            // Bounded by the clock around the call, not by a guess at how fast the machine is.
            var after = DateTimeOffset.UtcNow;
            Assert.InRange(delays.Single(), due - after, due - before + TimeSpan.FromMilliseconds(250));
        }

        [Fact]
        public async Task Maps_a_scim_error_body_whose_status_is_a_string()
        {
            var handler = new StubHandler(
                () => StubHandler.Json(HttpStatusCode.Conflict,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"409\",\"scimType\":\"uniqueness\",\"d"
                + "etail\":\"userName is taken\"}"));
            using var client = TestClients.Create(handler);

            var error = await Assert.ThrowsAsync<ScimException>(
                () => client.Users.CreateAsync(new ScimUser { UserName = "ada@example.com" }, CancellationToken.None));

            Assert.Equal(ScimErrorKind.Conflict, error.Kind);
            Assert.Equal(409, error.StatusCode);
            Assert.Equal("uniqueness", error.ScimType);
            Assert.Equal("userName is taken", error.Detail);
            Assert.Equal("POST", error.Method);
            Assert.Equal("Users", error.Path);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task Survives_an_error_that_is_not_json()
        {
            var handler = new StubHandler(
                () => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });
            using var client = TestClients.Create(handler, new List<TimeSpan>());

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", CancellationToken.None));

            Assert.Equal(ScimErrorKind.ServerError, error.Kind);
            Assert.Null(error.Detail);
            Assert.Equal(4, handler.Calls);
        }

        [Fact]
        public async Task Never_puts_the_token_in_an_exception()
        {
            var unauthorized = new StubHandler(() => StubHandler.Json(HttpStatusCode.Unauthorized, "{\"detail\":\"bad token\"}"));
            var broken = new StubHandler((_, _, _) => throw new HttpRequestException("connection reset"));
            using var first = TestClients.Create(unauthorized);
            using var second = TestClients.Create(broken, new List<TimeSpan>());

            var errors = new List<Exception>
            {
                await Assert.ThrowsAsync<ScimException>(() => first.Users.GetAsync("u1", CancellationToken.None)),
                await Assert.ThrowsAsync<ScimException>(() => second.Users.GetAsync("u1", CancellationToken.None)),
            };

            Assert.All(errors, e => Assert.DoesNotContain(TestClients.Token, e.ToString()));
            Assert.Equal(ScimErrorKind.Unauthorized, ((ScimException)errors[0]).Kind);
            Assert.IsType<HttpRequestException>(errors[1].InnerException);
        }

        [Fact]
        public async Task Times_out_an_attempt_and_retries_a_get()
        {
            var handler = new StubHandler(async (_, _, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return StubHandler.Status(HttpStatusCode.OK);
            });
            using var client = TestClients.Create(handler, new List<TimeSpan>(), o => o.RequestTimeout = TimeSpan.FromMilliseconds(50));

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", CancellationToken.None));

            Assert.Equal(ScimErrorKind.Timeout, error.Kind);
            Assert.Equal(4, handler.Calls);
        }

        [Fact]
        public async Task Reports_a_timed_out_post_as_outcome_unknown_without_repeating_it_blindly()
        {
            var handler = new StubHandler(async (request, _, token) =>
            {
                if (request.Method == HttpMethod.Post)
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                return StubHandler.Json(HttpStatusCode.OK, "{\"totalResults\":0,\"Resources\":[]}");
            });
            using var client = TestClients.Create(handler, new List<TimeSpan>(), o => o.RequestTimeout = TimeSpan.FromMilliseconds(50));

            var error = await Assert.ThrowsAsync<ScimException>(
                () => client.Groups.CreateAsync(new ScimGroup { DisplayName = "Finance" }, CancellationToken.None));

            Assert.Equal(ScimErrorKind.OutcomeUnknown, error.Kind);
            var methods = handler.Requests.Select(r => r.Method).ToList();
            // Each POST is followed by a lookup before the next one is sent.
            Assert.Equal(new[] { "POST", "GET", "POST", "GET", "POST", "GET", "POST" }, methods);
        }

        [Fact]
        public async Task Returns_the_user_a_lost_post_created_instead_of_creating_a_duplicate()
        {
            var created = false;
            var handler = new StubHandler((request, _, _) =>
            {
                if (request.Method == HttpMethod.Post)
                {
                    created = true;
                    throw new HttpRequestException("connection dropped after the server applied the request");
                }
                var body = created ? "{\"totalResults\":1,\"Resources\":[" + UserJson + "]}" : "{\"totalResults\":0,\"Resources\":[]}";
                return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, body));
            });
            using var client = TestClients.Create(handler);

            var user = await client.Users.CreateAsync(new ScimUser { UserName = "ada@example.com" }, CancellationToken.None);

            Assert.Equal("u1", user.Id);
            Assert.Single(handler.Requests, r => r.Method == "POST");
            Assert.Contains("filter=userName%20eq%20%22ada%40example.com%22", handler.Requests.Last().Uri.Query);
        }

        [Fact]
        public async Task Passes_the_callers_cancellation_into_the_request()
        {
            var sawCancellation = new TaskCompletionSource<bool>();
            var handler = new StubHandler(async (_, _, token) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    sawCancellation.SetResult(true);
                    throw;
                }
                return StubHandler.Status(HttpStatusCode.OK);
            });
            using var client = TestClients.Create(handler);
            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Users.GetAsync("u1", cancellation.Token));

            Assert.True(await sawCancellation.Task);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task Keeps_no_more_requests_in_flight_than_the_limit()
        {
            var gauge = new ConcurrencyGauge();
            var handler = new StubHandler(async (_, _, _) =>
            {
                using (await gauge.EnterTogetherAsync(3, 12))
                {
                    return StubHandler.Json(HttpStatusCode.OK, UserJson);
                }
            });
            using var client = TestClients.Create(handler, configure: o => o.MaxConcurrentRequests = 3);

            await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.Users.GetAsync("u1", CancellationToken.None)));

            Assert.Equal(12, handler.Calls);
            Assert.Equal(3, gauge.Peak);
        }

        [Fact]
        public async Task Counts_a_retried_delete_that_finds_nothing_as_done()
        {
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.GatewayTimeout),
                () => StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}"));
            using var client = TestClients.Create(handler, new List<TimeSpan>());

            await client.Users.DeleteAsync("u1", CancellationToken.None);

            Assert.Equal(2, handler.Calls);
        }

        [Fact]
        public async Task Reports_a_first_attempt_delete_of_a_missing_user_as_not_found()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}"));
            using var client = TestClients.Create(handler);

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.DeleteAsync("u1", CancellationToken.None));
            Assert.Equal(ScimErrorKind.NotFound, error.Kind);
        }

        [Fact]
        public async Task Accepts_a_patch_answered_with_204_and_no_body()
        {
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent));
            using var client = TestClients.Create(handler);

            var result = await client.Users.PatchAsync("u1", new ScimPatchBuilder().Replace("active", false).Build(),
                CancellationToken.None);

            Assert.Null(result);
            Assert.Contains("\"Operations\"", handler.Requests.Single().Body);
        }

        [Fact]
        public async Task Treats_a_missing_service_provider_config_as_none()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.NotFound, "{}"));
            using var client = TestClients.Create(handler);

            Assert.Null((await client.DiscoverAsync(CancellationToken.None)).Config);
        }

        [Fact]
        public async Task Reads_resource_types_as_a_list_response_or_a_bare_array()
        {
            var asList = new StubHandler(
                () => StubHandler.Json(HttpStatusCode.OK,
                "{\"totalResults\":1,\"Resources\":[{\"id\":\"User\",\"endpoint\":\"/Users\"}]}"));
            var asArray = new StubHandler(
                () => StubHandler.Json(HttpStatusCode.OK, "[{\"id\":\"User\",\"endpoint\":\"/Users\"},{\"id\":\"Group\"}]"));
            using var first = TestClients.Create(asList);
            using var second = TestClients.Create(asArray);

            Assert.Equal("/Users", (await first.GetResourceTypesAsync(CancellationToken.None)).Single().Endpoint);
            Assert.Equal(2, (await second.GetResourceTypesAsync(CancellationToken.None)).Count);
        }
    }
}
