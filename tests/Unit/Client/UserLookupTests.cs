using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Lookups;
using ModeScim.Emulator;
using ModeScim.Tests.Unit.Emulator;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Users found by name or id in the fewest requests the server allows: "or" batches sized to the server,
    /// one listing where that is cheaper than a lookup per name, and never anyone but an exact match.</summary>
    public class UserLookupTests : EmulatorTestBase
    {
        private async Task<List<string>> CreateUsersAsync(int count)
        {
            var names = new List<string>();
            for (var i = 0; i < count; i++)
            {
                names.Add("user" + i + "@example.com");
                await CreateUserAsync(names[i]);
            }
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);
            return names;
        }

        private static IEnumerable<string> Strangers(int count) => Enumerable.Range(0, count).Select(i => "nobody" + i + "@example.com");

        private Task StartWithoutOrAsync()
        {
            return StartAsync(configure: o => o.Behaviour = EmulatorOptions.Parse(new[] { "--filters", "eq-and" }).Behaviour);
        }

        [Theory]
        [InlineData(null, 25, 1)]
        [InlineData(10, 25, 3)]
        [InlineData(500, 150, 2)]
        [InlineData(0, 3, 3)]
        public async Task Names_go_in_or_batches_no_bigger_than_the_server_takes(int? serverMaxResults, int names, int requests)
        {
            await StartAsync();
            var existing = await CreateUsersAsync(3);

            var found = await new ScimUserLookup(Client, serverMaxResults).ByUserNameAsync(existing.Concat(Strangers(names - 3)), None);

            Assert.Equal(existing.OrderBy(n => n), found.Keys.OrderBy(n => n));
            Assert.Equal(requests, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task One_name_is_one_plain_eq_request()
        {
            await StartAsync();
            await CreateUsersAsync(1);

            var user = await new ScimUserLookup(Client).FindByUserNameAsync("USER0@example.com", None);

            Assert.Equal("user0@example.com", user!.UserName);
            Assert.Equal(1, await RouteCountAsync("GET Users"));
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.OrFilter]);
        }

        [Fact]
        public async Task Without_or_many_names_in_a_small_workspace_are_found_on_one_listing()
        {
            await StartWithoutOrAsync();
            var existing = await CreateUsersAsync(5);

            var found = await new ScimUserLookup(Client).ByUserNameAsync(existing.Concat(Strangers(25)), None);

            Assert.Equal(existing.OrderBy(n => n), found.Keys.OrderBy(n => n));
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.OrFilter]);
            // The refused "or" probe, one request asking the size, one listing.
            Assert.Equal(3, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task Without_or_a_listing_is_used_while_its_pages_cost_fewer_requests_than_one_lookup_per_name()
        {
            await StartWithoutOrAsync();
            var existing = await CreateUsersAsync(40);
            Client.Options.PageSize = 2;
            var wanted = existing.Take(30).ToList();

            var found = await new ScimUserLookup(Client).ByUserNameAsync(wanted, None);

            Assert.Equal(30, found.Count);
            // The refused probe, the size question, then 40 users in 20 pages of 2 (fewer than 30 lookups) and one read
            // past the full last page, which the pager makes in case the server's total is too low.
            Assert.Equal(1 + 1 + 20 + 1, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task Without_or_names_are_looked_up_alone_when_a_listing_would_cost_more()
        {
            await StartWithoutOrAsync();
            var existing = await CreateUsersAsync(60);
            Client.Options.PageSize = 2;
            var wanted = existing.Take(25).ToList();

            var found = await new ScimUserLookup(Client).ByUserNameAsync(wanted, None);

            Assert.Equal(wanted.OrderBy(n => n), found.Keys.OrderBy(n => n));
            // The refused probe, the size question, then one lookup for each of the 25.
            Assert.Equal(1 + 1 + 25, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task Where_or_is_known_refused_a_few_names_are_looked_up_alone_without_asking_the_size()
        {
            await StartWithoutOrAsync();
            var existing = await CreateUsersAsync(3);
            Client.Capabilities.Learn(ScimCapability.OrFilter, false);

            var found = await new ScimUserLookup(Client).ByUserNameAsync(existing, None);

            Assert.Equal(3, found.Count);
            Assert.Equal(3, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task A_server_that_ignores_the_filter_hands_back_nobody_but_exact_matches()
        {
            const string everyone = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":2,"
                + "\"Resources\":[{\"id\":\"u1\",\"userName\":\"ann@example.com\"},{\"id\":\"u2\"}]}";
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, everyone));
            using var client = TestClients.Create(handler);

            var found = await new ScimUserLookup(client).ByUserNameAsync(new[] { "bob@example.com", "ANN@example.com", "",
                "cy@example.com" }, None);

            Assert.Equal("u1", Assert.Single(found).Value.Id);
            Assert.True(found.ContainsKey("ann@example.com"));
        }

        [Fact]
        public async Task One_id_is_one_GET_and_many_go_in_one_id_filter()
        {
            await StartAsync();
            var ids = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add(await CreateUserAsync("id" + i + "@example.com"));
            }
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);
            var lookup = new ScimUserLookup(Client);

            var one = await lookup.ByIdAsync(new[] { ids[0], "not an id/", "" }, None);
            var three = await lookup.ByIdAsync(ids.Append("4d1c1d2c-0000-0000-0000-000000000000"), None);

            Assert.Equal(new[] { ids[0] }, one.Keys);
            Assert.Equal(ids.OrderBy(i => i), three.Keys.OrderBy(i => i));
            Assert.Equal(1, await RouteCountAsync("GET Users/{id}"));
            Assert.Equal(1, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task Ids_are_read_one_GET_each_where_or_is_refused()
        {
            await StartAsync();
            var ids = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                ids.Add(await CreateUserAsync("id" + i + "@example.com"));
            }
            Client.Capabilities.Learn(ScimCapability.OrFilter, false);
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            var found = await new ScimUserLookup(Client).ByIdAsync(ids, None);

            Assert.Equal(3, found.Count);
            Assert.Equal(3, await RouteCountAsync("GET Users/{id}"));
            Assert.Equal(0, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task Many_ids_on_a_server_that_refuses_or_are_read_on_one_listing_when_that_is_cheaper()
        {
            await StartAsync();
            var ids = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                ids.Add(await CreateUserAsync("many" + i + "@example.com"));
            }
            await CreateUserAsync("other@example.com");
            Client.Capabilities.Learn(ScimCapability.OrFilter, false);
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            var found = await new ScimUserLookup(Client).ByIdAsync(ids, None);

            Assert.Equal(ids.OrderBy(i => i), found.Keys.OrderBy(i => i));
            Assert.Equal(0, await RouteCountAsync("GET Users/{id}"));
            Assert.True(await RouteCountAsync("GET Users") <= 3, "one request for the count, then the listing's page(s)");
        }

        [Fact]
        public async Task Many_ids_on_a_server_whose_id_filter_is_unknown_learn_it_from_the_first_batch()
        {
            await StartWithSwitchesAsync("--profile", "minimal");
            var ids = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                ids.Add(await CreateUserAsync("many" + i + "@example.com"));
            }
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            var found = await new ScimUserLookup(Client).ByIdAsync(ids, None);

            // "eq-and" only: the first batch's "or" is refused and learned, and the rest is one listing, not 30 GETs.
            Assert.Equal(30, found.Count);
            Assert.Equal(0, await RouteCountAsync("GET Users/{id}"));
            Assert.True((await StatsAsync())["total"]!.GetValue<int>() <= 4, "the refused batch, the count, the listing");
        }

        [Fact]
        public async Task Users_an_id_filter_returns_beyond_those_asked_for_are_dropped()
        {
            const string extra = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":3,"
                + "\"Resources\":[{\"id\":\"a1\",\"userName\":\"a@example.com\"},{\"id\":\"zz\",\"userName\":\"z@example.com\"},"
                + "{\"userName\":\"noid@example.com\"}]}";
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, extra));
            using var client = TestClients.Create(handler);

            var found = await new ScimUserLookup(client).ByIdAsync(new[] { "a1", "b1" }, None);

            Assert.Equal(new[] { "a1" }, found.Keys);
        }

        [Fact]
        public async Task Names_with_quotes_are_asked_for_with_escapes_where_the_server_takes_them()
        {
            await StartAsync();
            await CreateUserAsync("o\\\"brien@example.com");
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            var found = await new ScimUserLookup(Client).ByUserNameAsync(new[] { "o\"brien@example.com", "x\\y@example.com" }, None);

            Assert.Equal(new[] { "o\"brien@example.com" }, found.Keys);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.FilterEscapes]);
            Assert.Equal(2, await RouteCountAsync("GET Users"));
        }

        [Theory]
        [InlineData("plain@example.com", false)]
        [InlineData("o\"brien@example.com", true)]
        [InlineData("back\\slash", true)]
        public void A_value_needs_escapes_only_when_it_holds_a_quote_or_backslash(string value, bool needs)
        {
            Assert.Equal(needs, ScimUserLookup.NeedsEscapes(value));
        }
    }
}
