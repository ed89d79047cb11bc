using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Discovery read as facts (published, absent, broken; PATCH refused), and groups found by name exactly,
    /// with or without their members, where escapes work and where they do not.</summary>
    public class DiscoveryAndGroupLookupTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public async Task A_published_configuration_that_refuses_patch_is_learned_in_one_request()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK,
                "{\"patch\":{\"supported\":false},\"filter\":{\"supported\":true,\"maxResults\":50}}"));
            using var client = TestClients.Create(handler);

            var result = await client.DiscoverAsync(None);

            Assert.Equal(ScimDiscoveryState.Published, result.State);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.UserPatch]);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task A_published_configuration_that_takes_patch_leaves_patch_to_be_learned()
        {
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.OK,
                "{\"patch\":{\"supported\":true}}")));

            await client.DiscoverAsync(None);

            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.UserPatch]);
        }

        [Fact]
        public async Task A_discovery_answering_500_is_broken_at_once_without_retries()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.InternalServerError, "{\"status\":\"500\"}"));
            using var client = TestClients.Create(handler);

            var result = await client.DiscoverAsync(None);

            Assert.Equal(ScimDiscoveryState.Broken, result.State);
            Assert.Equal(1, handler.Calls);
        }

        [Theory]
        [InlineData("null", "The body was JSON null.")]
        [InlineData("<html>", "something other than SCIM JSON")]
        public async Task A_discovery_that_is_no_configuration_is_broken_and_says_so(string body, string words)
        {
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, body)));

            var result = await client.DiscoverAsync(None);

            Assert.Equal(ScimDiscoveryState.Broken, result.State);
            Assert.Contains(words, result.Problem);
            Assert.StartsWith("GET ServiceProviderConfig answered with something other than SCIM JSON: ", result.Problem);
        }

        [Fact]
        public async Task An_unreachable_discovery_is_an_error_not_a_fact()
        {
            using var client = TestClients.Create(new StubHandler(() => throw new System.Net.Http.HttpRequestException("refused")),
                configure: o => o.RetryPolicy.MaxRetries = 0);

            var error = await Assert.ThrowsAsync<ScimException>(() => client.DiscoverAsync(None));

            Assert.Equal(ScimErrorKind.Network, error.Kind);
        }

        [Fact]
        public async Task A_discovery_list_that_is_not_json_is_an_invalid_response_naming_it()
        {
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, "{oops")));

            var error = await Assert.ThrowsAsync<ScimException>(() => client.GetSchemasAsync(None));

            Assert.Equal(("GET", "Schemas", ScimErrorKind.InvalidResponse), (error.Method, error.Path, error.Kind));
        }

        [Fact]
        public async Task A_creation_that_may_have_happened_is_looked_up_by_the_natural_key_of_each_kind()
        {
            var handler = new StubHandler((request, call, _) => Task.FromResult(call == 0
                ? StubHandler.Status(HttpStatusCode.BadGateway)
                : StubHandler.Json(HttpStatusCode.OK, "{\"totalResults\":1,\"Resources\":[{\"id\":\"g1\",\"displayName\":\"Finance\"}]}")));
            using var client = TestClients.Create(handler);

            var created = await client.Groups.CreateOrAdoptAsync(new ScimGroup { DisplayName = "Finance" }, None);

            Assert.Equal("g1", created.Resource.Id);
            Assert.False(created.Adopted);
            Assert.Equal("displayName eq \"Finance\"",
                System.Web.HttpUtility.ParseQueryString(handler.Requests.Last().Uri.Query)["filter"]);
        }

        private static StubHandler Groups(string json) => new(() => StubHandler.Json(HttpStatusCode.OK, json));

        [Fact]
        public async Task A_group_is_asked_for_by_name_without_members_unless_wanted()
        {
            var handler = Groups("{\"totalResults\":1,\"Resources\":[{\"id\":\"g1\",\"displayName\":\"FINANCE\"}]}");
            using var client = TestClients.Create(handler);
            var lookup = new ScimGroupLookup(client);

            var without = await lookup.FindByDisplayNameAsync("Finance", false, None);
            var with = await lookup.FindByDisplayNameAsync("Finance", true, None);

            Assert.Equal("g1", without!.Id);
            Assert.Equal("g1", with!.Id);
            var queries = handler.Requests.Select(r => System.Web.HttpUtility.ParseQueryString(r.Uri.Query)).ToList();
            Assert.Equal("displayName eq \"Finance\"", queries[0]["filter"]);
            Assert.Equal("members", queries[0]["excludedAttributes"]);
            Assert.Equal("2", queries[0]["count"]);
            Assert.Null(queries[1]["excludedAttributes"]);
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.FilterEscapes]);
        }

        [Fact]
        public async Task A_group_whose_name_only_resembles_is_not_taken()
        {
            using var client = TestClients.Create(
                Groups("{\"totalResults\":1,\"Resources\":[{\"id\":\"g1\",\"displayName\":\"Finance EU\"}]}"));

            Assert.Null(await new ScimGroupLookup(client).FindByDisplayNameAsync("Finance", false, None));
        }

        [Fact]
        public async Task An_escaped_name_the_server_takes_is_learned()
        {
            using var client = TestClients.Create(
                Groups("{\"totalResults\":1,\"Resources\":[{\"id\":\"g1\",\"displayName\":\"R&D \\\"core\\\"\"}]}"));

            var group = await new ScimGroupLookup(client).FindByDisplayNameAsync("R&D \"core\"", false, None);

            Assert.Equal("g1", group!.Id);
            Assert.Equal(ScimSupport.Supported, client.Capabilities[ScimCapability.FilterEscapes]);
        }

        [Fact]
        public async Task An_escaped_name_the_server_refuses_is_found_on_a_listing()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(request.RequestUri!.Query.Contains("filter=")
                ? StubHandler.Json(HttpStatusCode.BadRequest, "{\"status\":\"400\",\"scimType\":\"invalidFilter\"}")
                : StubHandler.Json(HttpStatusCode.OK, "{\"totalResults\":2,\"Resources\":[{\"id\":\"g0\",\"displayName\":\"Other\"},"
                    + "{\"id\":\"g1\",\"displayName\":\"R&D \\\"core\\\"\"}]}")));
            using var client = TestClients.Create(handler);
            var lookup = new ScimGroupLookup(client);

            var first = await lookup.FindByDisplayNameAsync("R&D \"core\"", false, None);
            var second = await lookup.FindByDisplayNameAsync("R&D \"core\"", false, None);

            Assert.Equal("g1", first!.Id);
            Assert.Equal("g1", second!.Id);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.FilterEscapes]);
            // The refused filter once, then a listing for each lookup.
            Assert.Equal(3, handler.Calls);
        }

        [Fact]
        public async Task A_plain_name_refused_by_the_server_is_an_error_not_a_listing()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.BadRequest,
                "{\"status\":\"400\",\"scimType\":\"invalidFilter\"}"));
            using var client = TestClients.Create(handler);

            await Assert.ThrowsAsync<ScimException>(() => new ScimGroupLookup(client).FindByDisplayNameAsync("Finance", false, None));

            Assert.Equal(1, handler.Calls);
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.FilterEscapes]);
        }
    }
}
