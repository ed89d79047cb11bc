using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Memberships;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.Emulator;
using ModeScim.Tests.Unit.Emulator;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Where a user's groups come from on servers that do not show them on the user: a read by id where lists
    /// are trimmed, a filter on /Groups by member, Mode's REST API; and that an attribute missing from a response is
    /// never read as "no groups".</summary>
    public sealed class MembershipSourceTests : EmulatorTestBase
    {
        private async Task<ScimUser> LookUpAsync(string userName)
        {
            var query = new ScimListQuery { Filter = ModeScim.Client.Filtering.ScimFilter.Equal("userName", userName) };
            await foreach (var page in Client.Users.ListAsync(query, None))
            {
                return page.Resources.Single();
            }
            throw new Xunit.Sdk.XunitException("no user " + userName);
        }

        private async Task<List<ScimUser>> ListUsersAsync()
        {
            var users = new List<ScimUser>();
            await foreach (var page in Client.Users.ListAsync(new ScimListQuery(), None))
            {
                users.AddRange(page.Resources);
            }
            return users;
        }

        private ModeApiClient NewApiClient()
        {
            var options = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, EmulatorOptions.DefaultApiSecret));
            return new ModeApiClient(options, null, (_, _) => Task.CompletedTask);
        }

        private Task StartEntraAsync(string memberFilter) =>
            StartAsync(configure: o =>
            {
                o.Behaviour = EmulatorOptions.Parse(new[] { "--profile", "entra", "--group-member-filter", memberFilter }).Behaviour;
                o.ApiRateLimit = 0;
            });

        [Fact]
        public async Task A_user_looked_up_on_a_server_that_trims_lookups_is_read_by_id_for_its_groups()
        {
            await StartWithSwitchesAsync("--user-groups", "not-in-lists");
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var finance = await CreateGroupAsync("Finance", ada, bob);
            var sales = await CreateGroupAsync("Sales", ada);
            var reader = new ScimMembershipReader(Client);

            var found = await LookUpAsync("ada@example.com");
            var memberships = await reader.ReadAsync(found, None);
            var bobs = await reader.ReadAsync(await LookUpAsync("bob@example.com"), None);

            Assert.Null(found.Groups);
            Assert.True(memberships.IsKnown);
            Assert.Equal(new[] { finance, sales }.OrderBy(g => g), memberships.Groups.Select(g => g.Value).OrderBy(g => g));
            Assert.Equal(new[] { finance }, bobs.Groups.Select(g => g.Value));
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.UserGroups]);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.UserGroupsInFilters]);
        }

        [Fact]
        public async Task A_listed_user_without_groups_on_a_server_that_trims_lists_is_read_by_id_not_taken_as_in_none()
        {
            await StartWithSwitchesAsync("--user-groups", "not-in-lists");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);
            Client.Capabilities.Learn(ScimCapability.UserGroups, true);
            var listed = (await ListUsersAsync()).Single();
            await Raw.PostAsync(new System.Uri(Host.AdminUri, "_emulator/reset"), null);

            var memberships = await new ScimMembershipReader(Client).ReadAsync(listed, None);

            Assert.Equal(ScimReadKind.List, listed.ReadAs);
            Assert.Equal(new[] { finance }, memberships.Groups.Select(g => g.Value));
            Assert.Equal(1, await RouteCountAsync("GET Users/{id}"));
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.UserGroupsInLists]);
        }

        [Fact]
        public async Task A_listing_that_names_groups_is_trusted_for_an_empty_list_but_not_for_a_missing_one()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            await CreateUserAsync("loner@example.com");
            await CreateUserAsync("trimmed@example.com");
            await CreateGroupAsync("Finance", ada);
            Client.Capabilities.Learn(ScimCapability.UserGroups, true);
            var listed = await ListUsersAsync();
            var loner = listed.Single(u => u.UserName == "loner@example.com");
            var trimmed = listed.Single(u => u.UserName == "trimmed@example.com");
            trimmed.Groups = null;
            var reader = new ScimMembershipReader(Client);
            await reader.ReadAsync(listed.Single(u => u.UserName == "ada@example.com"), None);
            await Raw.PostAsync(new System.Uri(Host.AdminUri, "_emulator/reset"), null);

            var lonerGroups = await reader.ReadAsync(loner, None);
            var requestsForLoner = (await StatsAsync())["total"]!.GetValue<int>();
            var trimmedGroups = await reader.ReadAsync(trimmed, None);

            Assert.Equal((true, 0), (lonerGroups.IsKnown, lonerGroups.Groups.Count));
            Assert.Equal((true, 0), (trimmedGroups.IsKnown, trimmedGroups.Groups.Count));
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.UserGroupsInLists]);
            Assert.Equal(0, requestsForLoner);
            Assert.Equal(1, await RouteCountAsync("GET Users/{id}"));
        }

        [Fact]
        public async Task An_empty_list_in_a_lookup_not_seen_naming_groups_is_checked_by_id()
        {
            const string emptyInLookups = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,"
                + "\"startIndex\":1,\"itemsPerPage\":1,\"Resources\":[{\"id\":\"u1\",\"userName\":\"a@example.com\",\"groups\":[]}]}";
            const string byId = "{\"id\":\"u1\",\"userName\":\"a@example.com\",\"groups\":[{\"value\":\"g1\",\"display\":\"Finance\"}]}";
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/Users/u1", StringComparison.Ordinal)
                ? StubHandler.Json(HttpStatusCode.OK, byId)
                : StubHandler.Json(HttpStatusCode.OK, emptyInLookups)));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, true);
            var found = new List<ScimUser>();
            var query = new ScimListQuery { Filter = ModeScim.Client.Filtering.ScimFilter.Equal("userName", "a@example.com") };
            await foreach (var page in client.Users.ListAsync(query, None))
            {
                found.AddRange(page.Resources);
            }

            var memberships = await new ScimMembershipReader(client).ReadAsync(found.Single(), None);

            Assert.Equal(new[] { "g1" }, memberships.Groups.Select(g => g.Value));
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.UserGroupsInFilters]);
        }

        [Fact]
        public void A_page_naming_someone_s_groups_makes_its_kind_trusted_and_one_naming_none_does_not()
        {
            var capabilities = new ScimServerCapabilities();
            var empty = new ScimUser { Id = "u1", ReadAs = ScimReadKind.List, Groups = new List<ScimMultiValue>() };
            var named = new ScimUser
            {
                Id = "u2",
                ReadAs = ScimReadKind.List,
                Groups = new List<ScimMultiValue> { new ScimMultiValue { Value = "g1" } },
            };

            ScimUserGroups.LearnFrom(new[] { empty }, capabilities);
            Assert.Equal(ScimSupport.Unknown, capabilities[ScimCapability.UserGroupsInLists]);
            ScimUserGroups.LearnFrom(new[] { empty, named }, capabilities);
            Assert.Equal(ScimSupport.Supported, capabilities[ScimCapability.UserGroupsInLists]);
            Assert.Equal(ScimSupport.Unknown, capabilities[ScimCapability.UserGroupsInFilters]);
        }

        [Fact]
        public void An_empty_list_counts_as_none_only_where_its_kind_of_response_tells_and_a_missing_one_never()
        {
            var capabilities = new ScimServerCapabilities();
            capabilities.Learn(ScimCapability.UserGroups, true);
            capabilities.Learn(ScimCapability.UserGroupsInLists, false);
            var user = new ScimUser { Id = "u1", ReadAs = ScimReadKind.List, Groups = new List<ScimMultiValue>() };

            Assert.Null(ScimUserGroups.Shown(user, capabilities));
            user.ReadAs = ScimReadKind.Single;
            Assert.Empty(ScimUserGroups.Shown(user, capabilities)!);
            user.ReadAs = ScimReadKind.NotRead;
            Assert.Null(ScimUserGroups.Shown(user, capabilities));
            user.ReadAs = ScimReadKind.Single;
            user.Groups = null;
            Assert.Null(ScimUserGroups.Shown(user, capabilities));
        }

        [Theory]
        [InlineData("members", "GroupFilter")]
        [InlineData("id-and-members", "GroupFilter")]
        public async Task On_an_Entra_shaped_server_a_users_groups_come_from_a_filter_on_members(string form, string source)
        {
            await StartEntraAsync(form);
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var finance = await CreateGroupAsync("Finance", ada, bob);
            var sales = await CreateGroupAsync("Sales", ada);
            await CreateGroupAsync("Empty");

            var memberships = await new ScimMembershipReader(Client).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.True(memberships.IsKnown);
            Assert.Equal(source, memberships.Source.ToString());
            Assert.Equal(new[] { finance, sales }.OrderBy(g => g), memberships.Groups.Select(g => g.Value).OrderBy(g => g));
            Assert.Equal(new[] { "Finance", "Sales" }, memberships.Groups.Select(g => g.Display).OrderBy(d => d));
            var learned = form == "members" ? ScimCapability.ValuePathFilter : ScimCapability.GroupIdMemberFilter;
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[learned]);
        }

        [Fact]
        public async Task The_id_and_member_form_costs_one_request_per_group_for_each_user_after_one_listing_and_one_check()
        {
            await StartEntraAsync("id-and-members");
            var ada = await CreateUserAsync("ada@example.com");
            for (var i = 0; i < 4; i++)
            {
                await CreateGroupAsync("Group " + i, ada);
            }
            var user = await Client.Users.GetAsync(ada, None);
            var reader = new ScimMembershipReader(Client);
            await reader.ReadAsync(user, None);
            await Raw.PostAsync(new System.Uri(Host.AdminUri, "_emulator/reset"), null);

            var again = await reader.ReadAsync(user, None);

            Assert.Equal(4, again.Groups.Count);
            Assert.Equal(4, await RouteCountAsync("GET Groups"));
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.ValuePathFilter]);
        }

        [Fact]
        public async Task A_group_side_that_hides_members_and_refuses_member_filters_leaves_groups_unknown_without_the_REST_API()
        {
            await StartEntraAsync("none");
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);

            var memberships = await new ScimMembershipReader(Client).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.False(memberships.IsKnown);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.ValuePathFilter]);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.GroupIdMemberFilter]);
        }

        [Fact]
        public async Task A_server_that_ignores_a_member_filter_and_answers_every_group_is_not_believed()
        {
            const string everyGroup = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":2,"
                + "\"startIndex\":1,\"itemsPerPage\":2,"
                + "\"Resources\":[{\"id\":\"g1\",\"displayName\":\"A\"},{\"id\":\"g2\",\"displayName\":\"B\"}]}";
            const string oneUser = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,"
                + "\"startIndex\":1,\"itemsPerPage\":1,\"Resources\":[{\"id\":\"u1\",\"userName\":\"a@example.com\"}]}";
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/Groups", StringComparison.Ordinal)
                ? StubHandler.Json(HttpStatusCode.OK, everyGroup)
                : request.RequestUri!.AbsolutePath.EndsWith("/Users", StringComparison.Ordinal)
                    ? StubHandler.Json(HttpStatusCode.OK, oneUser)
                : StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}")));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, false);

            var memberships = await new ScimMembershipReader(client)
                .ReadAsync(new ScimUser { Id = "u1", UserName = "a@example.com" }, None);

            Assert.False(memberships.IsKnown);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.ValuePathFilter]);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.GroupIdMemberFilter]);
        }

        [Fact]
        public async Task With_neither_SCIM_side_nor_a_filter_the_REST_API_tells_the_groups_by_name()
        {
            await StartEntraAsync("none");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);
            await CreateGroupAsync("Sales");
            using var api = NewApiClient();

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.True(memberships.IsKnown);
            Assert.Equal(ScimMembershipSource.ModeApi, memberships.Source);
            Assert.Equal(new[] { finance }, memberships.Groups.Select(g => g.Value));
            Assert.Empty(memberships.Notes);
        }

        [Fact]
        public async Task A_group_name_two_groups_carry_makes_the_REST_answer_unknown_and_says_why()
        {
            await StartEntraAsync("none");
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);
            await AddModeGroupAsync("Finance");
            using var api = NewApiClient();

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.False(memberships.IsKnown);
            Assert.Contains("'Finance' is carried by 2 groups", memberships.Problem);
        }

        [Fact]
        public async Task A_group_made_in_Mode_is_a_note_not_a_membership_SCIM_could_restore()
        {
            await StartEntraAsync("none");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);
            await AddModeGroupAsync("Analysts", "ada@example.com");
            using var api = NewApiClient();

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(await Client.Users.GetAsync(ada, None), None);

            Assert.Equal(new[] { finance }, memberships.Groups.Select(g => g.Value));
            Assert.Contains("group 'Analysts', which SCIM does not list", Assert.Single(memberships.Notes));
        }

        private async Task AddModeGroupAsync(string name, params string[] memberEmails)
        {
            var body = new JsonObject { ["name"] = name, ["members"] = new JsonArray(memberEmails.Select(e => (JsonNode?)e).ToArray()) };
            var response = await Raw.PostAsync(new System.Uri(Host.AdminUri, "_emulator/api/groups"),
                new System.Net.Http.StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }

        [Fact]
        public async Task A_group_s_members_come_from_the_filter_or_the_REST_API_where_the_group_hides_them()
        {
            await StartEntraAsync("id-and-members");
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await CreateUserAsync("cy@example.com");
            var finance = await Client.Groups.GetAsync(await CreateGroupAsync("Finance", ada, bob), None);

            var filtered = await new ScimMembershipReader(Client).MembersOfAsync(finance, None);
            Client.Capabilities.Learn(ScimCapability.GroupIdMemberFilter, false);
            using var api = NewApiClient();
            var fromRest = await new ScimMembershipReader(Client, api).MembersOfAsync(finance, None);
            var hidden = await new ScimMembershipReader(Client).MembersOfAsync(finance, None);

            Assert.Null(finance.Members);
            Assert.Equal((true, ScimMembershipSource.GroupFilter), (filtered.IsKnown, filtered.Source));
            Assert.Equal(new[] { ada, bob }.OrderBy(i => i), filtered.Members.Select(m => m.Value).OrderBy(i => i));
            Assert.Equal((true, ScimMembershipSource.ModeApi), (fromRest.IsKnown, fromRest.Source));
            Assert.Equal(new[] { ada, bob }.OrderBy(i => i), fromRest.Members.Select(m => m.Value).OrderBy(i => i));
            Assert.False(hidden.IsKnown);
        }

        [Fact]
        public async Task Asking_only_the_group_does_not_fall_back_to_a_request_per_user()
        {
            await StartEntraAsync("members");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await Client.Groups.GetAsync(await CreateGroupAsync("Finance", ada), None);

            var members = await new ScimMembershipReader(Client).MembersOfAsync(finance, None, otherSources: false);

            Assert.False(members.IsKnown);
            Assert.Equal(0, await RouteCountAsync("GET Users"));
        }

        [Fact]
        public async Task The_state_oracle_shows_memberships_whatever_the_profile_hides()
        {
            await StartEntraAsync("none");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);

            var state = JsonNode.Parse(await Raw.GetStringAsync(new System.Uri(Host.AdminUri, "_emulator/state")))!;

            var user = state["users"]!.AsArray().Single()!;
            Assert.Equal((ada, "ada@example.com", true), (user["id"]!.GetValue<string>(), user["userName"]!.GetValue<string>(),
                user["active"]!.GetValue<bool>()));
            Assert.Equal(new[] { finance }, user["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
            var group = state["groups"]!.AsArray().Single()!;
            Assert.Equal("Finance", group["displayName"]!.GetValue<string>());
            Assert.Equal(new[] { ada }, group["members"]!.AsArray().Select(m => m!.GetValue<string>()));
        }
    }
}
