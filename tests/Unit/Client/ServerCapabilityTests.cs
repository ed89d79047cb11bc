using System;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Lookups;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Tests.Unit.Emulator;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The client against servers that offer less than the RFC: what it learns, and the fallback it takes.</summary>
    public class ServerCapabilityTests : EmulatorTestBase
    {
        [Fact]
        public async Task Many_userNames_go_in_one_or_filter_where_the_server_takes_it()
        {
            await StartAsync();
            foreach (var i in Enumerable.Range(1, 5))
            {
                await CreateUserAsync("u" + i + "@example.com");
            }

            var found = await new ScimUserLookup(Client)
                .ByUserNameAsync(Enumerable.Range(1, 5).Select(i => "U" + i + "@example.com"), None);

            Assert.Equal(5, found.Count);
            Assert.Equal(1, await RouteCountAsync("GET Users"));
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.OrFilter]);
        }

        [Fact]
        public async Task A_refused_or_filter_is_learned_once_and_each_name_looked_up_alone()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            foreach (var i in Enumerable.Range(1, 5))
            {
                await CreateUserAsync("u" + i + "@example.com");
            }
            var lookup = new ScimUserLookup(Client);

            var first = await lookup.ByUserNameAsync(Enumerable.Range(1, 5).Select(i => "u" + i + "@example.com"), None);
            var second = await lookup.ByUserNameAsync(new[] { "u1@example.com", "u2@example.com", "nobody@example.com" }, None);

            Assert.Equal(5, first.Count);
            Assert.Equal(2, second.Count);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.OrFilter]);
            // 1 refused batch + 5 singles, then 3 singles with no second refusal.
            Assert.Equal(9, await RouteCountAsync("GET Users"));
            Assert.Equal(1, (await StatsAsync())["refused"]!["invalidFilter"]!.GetValue<int>());
        }

        [Fact]
        public async Task A_name_with_a_quote_and_a_backslash_is_found_exactly_where_escapes_are_refused()
        {
            await StartWithSwitchesAsync("--filter-escapes", "refuse");
            var odd = await CreateUserAsync("o\\\"brien\\\\x@example.com");
            await CreateUserAsync("obrienx@example.com");

            var found = await new ScimUserLookup(Client).FindByUserNameAsync("O\"Brien\\x@example.com", None);

            Assert.Equal(odd, found!.Id);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.FilterEscapes]);
        }

        [Fact]
        public async Task A_group_name_with_a_quote_is_found_where_escapes_are_refused()
        {
            await StartWithSwitchesAsync("--filter-escapes", "refuse");
            var group = await CreateGroupAsync("R\\\"D");

            var found = await new ScimGroupLookup(Client).FindByDisplayNameAsync("r\"d", withMembers: false, None);

            Assert.Equal(group, found!.Id);
        }

        [Theory]
        [InlineData("400")]
        [InlineData("500")]
        public async Task An_id_probe_answered_with_400_or_500_means_no_such_user_and_is_not_retried(string answer)
        {
            await StartWithSwitchesAsync("--non-id-path", answer);

            Assert.Null(await new ScimUserLookup(Client).ProbeIdAsync("ghost@example.com", None));
            Assert.Equal(1, await RouteCountAsync("GET Users/{id}"));
        }

        [Fact]
        public async Task Ids_are_read_one_GET_each_where_id_filters_are_refused()
        {
            await StartWithSwitchesAsync("--filters", "eq-and");
            var ids = new[]
            {
                await CreateUserAsync("a@example.com"),
                await CreateUserAsync("b@example.com"),
                await CreateUserAsync("c@example.com"),
            };

            var found = await new ScimUserLookup(Client).ByIdAsync(ids, None);

            Assert.Equal(3, found.Count);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.IdFilter]);
            Assert.Equal(3, await RouteCountAsync("GET Users/{id}"));
        }

        [Theory]
        [InlineData("derived", ScimMembershipSource.UserAttribute)]
        [InlineData("empty", ScimMembershipSource.Groups)]
        [InlineData("omitted", ScimMembershipSource.Groups)]
        public async Task Memberships_come_from_users_only_where_their_groups_are_true(string userGroups, ScimMembershipSource source)
        {
            await StartWithSwitchesAsync("--user-groups", userGroups);
            var ada = await CreateUserAsync("ada@example.com");
            var loner = await CreateUserAsync("loner@example.com");
            var finance = await CreateGroupAsync("Finance", ada);
            var reader = new ScimMembershipReader(Client);

            var adas = await reader.ReadAsync(await Client.Users.GetAsync(ada, None), None);
            var loners = await reader.ReadAsync(await Client.Users.GetAsync(loner, None), None);

            Assert.True(adas.IsKnown);
            Assert.Equal(new[] { finance }, adas.Groups.Select(g => g.Value));
            Assert.True(loners.IsKnown);
            Assert.Empty(loners.Groups);
            Assert.Equal(source, loners.Source);
        }

        [Fact]
        public async Task The_group_side_is_read_once_for_many_users()
        {
            await StartWithSwitchesAsync("--user-groups", "omitted");
            var ids = Enumerable.Range(1, 10).Select(i => CreateUserAsync("u" + i + "@example.com").Result).ToArray();
            await CreateGroupAsync("Everyone", ids);
            await CreateGroupAsync("Empty");
            var reader = new ScimMembershipReader(Client);
            await Raw.PostAsync(new System.Uri(Host.AdminUri, "_emulator/reset"), null);

            var all = await Task.WhenAll(ids.Select(async id => await reader.ReadAsync(new ScimUser { Id = id, UserName = id }, None)));

            Assert.All(all, m => Assert.Equal("Everyone", m.Groups.Single().Display));
            // One probe page and one read of every group (with its look past the server's count), however many users.
            Assert.Equal(3, await RouteCountAsync("GET Groups"));
        }

        [Fact]
        public async Task Memberships_nobody_can_read_are_unknown_never_empty()
        {
            await StartWithSwitchesAsync("--user-groups", "omitted", "--group-members", "omitted", "--group-member-filter", "none");
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);

            var memberships = await new ScimMembershipReader(Client).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.False(memberships.IsKnown);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.GroupMembers]);
        }

        [Fact]
        public async Task A_workspace_without_groups_has_no_memberships_to_hide()
        {
            await StartWithSwitchesAsync("--user-groups", "omitted", "--group-members", "omitted");
            var ada = await CreateUserAsync("ada@example.com");

            var memberships = await new ScimMembershipReader(Client).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.True(memberships.IsKnown);
            Assert.Empty(memberships.Groups);
        }

        [Theory]
        [InlineData("absent", ScimDiscoveryState.Absent)]
        [InlineData("401", ScimDiscoveryState.Broken)]
        [InlineData("500", ScimDiscoveryState.Broken)]
        [InlineData("html", ScimDiscoveryState.Broken)]
        [InlineData("published", ScimDiscoveryState.Published)]
        public async Task Discovery_that_is_missing_or_broken_is_a_fact_not_a_failure(string setting, ScimDiscoveryState state)
        {
            await StartWithSwitchesAsync("--discovery", setting);

            var discovery = await Client.DiscoverAsync(None);

            Assert.Equal(state, discovery.State);
            Assert.Equal(state == ScimDiscoveryState.Published, discovery.Config != null);
        }

        [Fact]
        public async Task A_create_answered_with_the_existing_user_is_an_adoption()
        {
            await StartWithSwitchesAsync("--duplicate-create", "adopt-200");
            var ada = await CreateUserAsync("ada@example.com");

            var outcome = await Client.Users.CreateOrAdoptAsync(new ScimUser { UserName = "ADA@example.com" }, None);

            Assert.True(outcome.Adopted);
            Assert.Equal(ada, outcome.Resource.Id);
        }

        [Fact]
        public void Learning_reports_news_once()
        {
            var capabilities = new ScimServerCapabilities();

            Assert.True(capabilities.MayUse(ScimCapability.OrFilter));
            Assert.True(capabilities.Learn(ScimCapability.OrFilter, false));
            Assert.False(capabilities.Learn(ScimCapability.OrFilter, false));
            Assert.False(capabilities.MayUse(ScimCapability.OrFilter));
            Assert.Equal(1, capabilities.Version);
        }

        [Theory]
        [InlineData(ScimCapability.OrFilter, "accepts 'or'", "on one listing of all users when that takes fewer requests.")]
        [InlineData(ScimCapability.StartsWithFilter, "accepts 'sw'", "wildcards are matched on a paged listing.")]
        [InlineData(ScimCapability.ContainsFilter, "accepts 'co'", "searches are matched on a paged listing.")]
        [InlineData(ScimCapability.ValuePathFilter, "finds the groups holding a user", "a user's groups are read another way.")]
        [InlineData(ScimCapability.FilterEscapes, "accepts escaped quotes", "quote or backslash are found on a paged listing.")]
        [InlineData(ScimCapability.IdFilter, "accepts 'id eq'", "users are read by id one at a time, concurrently.")]
        [InlineData(ScimCapability.ActiveFilter, "filters on active.", "the status is matched on a paged listing.")]
        [InlineData(ScimCapability.EmailFilter, "filters on emails.", "emails are matched on a paged listing.")]
        [InlineData(ScimCapability.UserGroups, "memberships are read from the user.", "memberships are read from the groups.")]
        [InlineData(ScimCapability.GroupMembers, "returned with their members.", "cannot be read from the group side.")]
        [InlineData(ScimCapability.UserPatch, "accepts PATCH on users.", "reading the user and PUTting it whole.")]
        [InlineData(ScimCapability.PatchValuePaths, "accepts filtered PATCH paths.", "emails are changed by replacing the list.")]
        [InlineData(ScimCapability.UserGroupsInLists, "Listings of users carry", "a listed user's groups are read by id.")]
        [InlineData(ScimCapability.UserGroupsInFilters, "Lookups of users carry", "a user's groups are read by id.")]
        [InlineData(ScimCapability.UserNameShown, "returns the names it stores.", "does not compare them.")]
        [InlineData(ScimCapability.UserDisplayNameShown, "returns the display names it stores.", "does not compare them.")]
        [InlineData(ScimCapability.PathlessActive, "only in a pathless replace", "applies a replace of the path 'active'.")]
        [InlineData(ScimCapability.GroupIdMemberFilter, "whether a group holds a user", "id eq ... and members[value eq ...] on /Groups.")]
        public void Each_capability_is_described_with_what_the_client_does_about_it(
            ScimCapability capability, string supported, string refused)
        {
            var yes = ScimServerCapabilities.Describe(capability, ScimSupport.Supported);
            var no = ScimServerCapabilities.Describe(capability, ScimSupport.Unsupported);

            Assert.Contains(supported, yes);
            Assert.EndsWith(refused, no);
            Assert.DoesNotContain(refused, yes);
            Assert.NotEqual(yes, no);
        }

        [Fact]
        public void A_capability_without_words_is_described_by_name_and_state()
        {
            Assert.Equal("99: Unsupported", ScimServerCapabilities.Describe((ScimCapability)99, ScimSupport.Unsupported));
        }

        [Fact]
        public void A_snapshot_lists_every_capability_in_order_with_what_is_known()
        {
            var capabilities = new ScimServerCapabilities();
            capabilities.Learn(ScimCapability.IdFilter, false);
            capabilities.Learn(ScimCapability.GroupMembers, true);

            var snapshot = capabilities.Snapshot();

            Assert.Equal(Enum.GetValues<ScimCapability>(), snapshot.Select(p => p.Key));
            Assert.Equal(ScimSupport.Unsupported, snapshot.Single(p => p.Key == ScimCapability.IdFilter).Value);
            Assert.Equal(ScimSupport.Supported, snapshot.Single(p => p.Key == ScimCapability.GroupMembers).Value);
            Assert.Equal(Enum.GetValues<ScimCapability>().Length - 2, snapshot.Count(p => p.Value == ScimSupport.Unknown));
            Assert.False(capabilities.MayUse(ScimCapability.IdFilter));
            Assert.True(capabilities.MayUse(ScimCapability.OrFilter));
        }
    }
}
