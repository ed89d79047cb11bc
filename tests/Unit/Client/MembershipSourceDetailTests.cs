using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
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
    /// <summary>The details of each membership source: what it asks for, what it costs, how it checks a server's answer,
    /// and what it says when it cannot tell. The workspace: ada in Finance and Sales, bob in Finance, cy in none.</summary>
    public sealed class MembershipSourceDetailTests : EmulatorTestBase
    {
        private string _ada = string.Empty;
        private string _bob = string.Empty;
        private string _cy = string.Empty;
        private string _finance = string.Empty;
        private string _sales = string.Empty;

        private async Task StartWorkspaceAsync(params string[] switches)
        {
            await StartAsync(configure: o =>
            {
                var apiAt = Array.IndexOf(switches, "--api-group-member-filter");
                var scimSwitches = switches.Where((_, i) => apiAt < 0 || (i != apiAt && i != apiAt + 1)).ToArray();
                o.Behaviour = EmulatorOptions.Parse(scimSwitches).Behaviour;
                o.ApiRateLimit = 0;
                var apiFilter = Array.IndexOf(switches, "--api-group-member-filter");
                o.ApiGroupMemberFilter = apiFilter < 0 ? ApiGroupMemberFilterMode.Honoured
                    : switches[apiFilter + 1] == "ignored" ? ApiGroupMemberFilterMode.Ignored : ApiGroupMemberFilterMode.Empty;
            });
            _ada = await CreateUserAsync("ada@example.com");
            _bob = await CreateUserAsync("bob@example.com");
            _cy = await CreateUserAsync("cy@example.com");
            _finance = await CreateGroupAsync("Finance", _ada, _bob);
            _sales = await CreateGroupAsync("Sales", _ada);
            await ResetCountsAsync();
        }

        private async Task ResetCountsAsync()
        {
            // A reset that failed would leave every count in the test off by the setup's requests.
            using var response = await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);
            response.EnsureSuccessStatusCode();
        }

        private ModeApiClient NewApiClient()
        {
            var options = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, EmulatorOptions.DefaultApiSecret));
            return new ModeApiClient(options, null, (_, _) => Task.CompletedTask);
        }

        private static ScimUser ReadById(string id, string userName) =>
            new ScimUser { Id = id, UserName = userName, ReadAs = ScimReadKind.Single };

        private static string[] Sorted(IEnumerable<ScimMultiValue> values) => values.Select(v => v.Value!).OrderBy(v => v).ToArray();

        private async Task<Dictionary<string, string[]>> GroupsOfEveryoneAsync(ScimMembershipReader reader)
        {
            var result = new Dictionary<string, string[]>();
            foreach (var (id, name) in new[] { (_ada, "ada@example.com"), (_bob, "bob@example.com"), (_cy, "cy@example.com") })
            {
                var memberships = await reader.ReadAsync(ReadById(id, name), None);
                Assert.True(memberships.IsKnown, name + ": " + memberships.Problem);
                result[name] = Sorted(memberships.Groups);
            }
            return result;
        }

        private void AssertTrueGroups(Dictionary<string, string[]> groups)
        {
            Assert.Equal(new[] { _finance, _sales }.OrderBy(g => g), groups["ada@example.com"]);
            Assert.Equal(new[] { _finance }, groups["bob@example.com"]);
            Assert.Empty(groups["cy@example.com"]);
        }

        [Fact]
        public async Task Each_filter_on_members_asks_for_groups_without_their_members()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "members");
            var recorder = new RequestRecorder();

            using (ScimClient.Observe(recorder))
            {
                AssertTrueGroups(await GroupsOfEveryoneAsync(new ScimMembershipReader(Client)));
            }

            var filtered = recorder.All
                .Where(r => r.Path.StartsWith("Groups?", StringComparison.Ordinal) && r.Path.Contains("filter=")).ToList();
            // The id nobody has, ada to prove the form, then each of the three users.
            Assert.Equal(5, filtered.Count);
            Assert.All(filtered, r => Assert.Contains("excludedAttributes=members", r.Path));
        }

        [Fact]
        public async Task The_id_and_member_form_lists_the_groups_once_without_their_members()
        {
            await StartWorkspaceAsync("--profile", "entra");
            var recorder = new RequestRecorder();

            using (ScimClient.Observe(recorder))
            {
                AssertTrueGroups(await GroupsOfEveryoneAsync(new ScimMembershipReader(Client)));
            }

            var listings = recorder.All
                .Where(r => r.Path.StartsWith("Groups?", StringComparison.Ordinal) && !r.Path.Contains("filter=")).ToList();
            // The probe's page, the group side's listing and the catalog's (each with its look past the count): only the
            // catalog's ask for no members.
            Assert.Equal(2, listings.Count(r => r.Path.Contains("excludedAttributes=members")));
            Assert.All(recorder.All.Where(r => r.Path.Contains("filter=")), r => Assert.Contains("excludedAttributes=members", r.Path));
            // The refused members[...] form, the id nobody has, ada asked about both groups to prove the form, then each
            // of the three users about both groups.
            Assert.Equal(1 + 1 + 2 + 3 * 2, recorder.All.Count(r => r.Path.Contains("filter=")));
        }

        [Fact]
        public async Task A_server_that_ignores_excludedAttributes_is_held_to_the_members_it_shows()
        {
            var ada = "u-ada";
            const string listSchema = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]";
            var handler = new StubHandler((request, _, _) =>
            {
                var query = Uri.UnescapeDataString(request.RequestUri!.Query);
                if (request.RequestUri.AbsolutePath.EndsWith("/Users", StringComparison.Ordinal))
                {
                    return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, "{" + listSchema
                        + ",\"totalResults\":1,\"startIndex\":1,\"itemsPerPage\":1,"
                        + "\"Resources\":[{\"id\":\"u-ada\",\"userName\":\"ada@example.com\"}]}"));
                }
                var body = query.Contains(ada)
                    ? "{" + listSchema + ",\"totalResults\":2,\"startIndex\":1,\"itemsPerPage\":2,\"Resources\":["
                        + "{\"id\":\"g1\",\"displayName\":\"Finance\",\"members\":[{\"value\":\"u-ada\"}]},"
                        + "{\"id\":\"g2\",\"displayName\":\"Sales\",\"members\":[{\"value\":\"u-bob\"}]}]}"
                    : "{" + listSchema + ",\"totalResults\":0,\"startIndex\":1,\"itemsPerPage\":0,\"Resources\":[]}";
                return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, body));
            });
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, false);
            client.Capabilities.Learn(ScimCapability.GroupMembers, false);

            var memberships = await new ScimMembershipReader(client).ReadAsync(ReadById(ada, "ada@example.com"), None);

            Assert.Equal(ScimMembershipSource.GroupFilter, memberships.Source);
            Assert.Equal(new[] { "g1" }, memberships.Groups.Select(g => g.Value));
        }

        [Fact]
        public async Task The_members_form_answers_every_group_s_members_from_one_request_per_user()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "members");
            var reader = new ScimMembershipReader(Client);
            var finance = await Client.Groups.GetAsync(_finance, None);
            var sales = await Client.Groups.GetAsync(_sales, None);
            await ResetCountsAsync();

            var financeMembers = await reader.MembersOfAsync(finance, None);
            var first = await RouteCountAsync("GET Groups");
            var salesMembers = await reader.MembersOfAsync(sales, None);

            Assert.Equal(new[] { _ada, _bob }.OrderBy(i => i), Sorted(financeMembers.Members));
            Assert.Equal(new[] { "ada@example.com", "bob@example.com" }, financeMembers.Members.Select(m => m.Display).OrderBy(d => d));
            Assert.Equal(new[] { _ada }, Sorted(salesMembers.Members));
            Assert.Equal(ScimMembershipSource.GroupFilter, salesMembers.Source);
            // The probe's page and the check, then one request per user; the second group costs nothing more.
            Assert.Equal(2 + 3, first);
            Assert.Equal(first, await RouteCountAsync("GET Groups"));
        }

        [Fact]
        public async Task The_id_and_member_form_asks_each_user_about_one_group()
        {
            await StartWorkspaceAsync("--profile", "entra");
            var sales = await Client.Groups.GetAsync(_sales, None);
            await ResetCountsAsync();

            var members = await new ScimMembershipReader(Client).MembersOfAsync(sales, None);

            Assert.Equal(new[] { _ada }, Sorted(members.Members));
            Assert.Equal(new[] { "ada@example.com" }, members.Members.Select(m => m.Display));
            // The first users, asked to prove the form, then every user (and a look past the count).
            Assert.Equal(3, await RouteCountAsync("GET Users"));
        }

        [Theory]
        [InlineData("members", false, "groups")]
        [InlineData("members", true, "groups")]
        [InlineData("id-and-members", false, "groups")]
        public async Task A_listing_the_filters_need_that_ends_short_is_refused_not_trusted(string form, bool members, string what)
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", form, "--total-results", "high");
            var finance = await Client.Groups.GetAsync(_finance, None);

            var error = await Assert.ThrowsAsync<ScimException>(() => members
                ? new ScimMembershipReader(Client).MembersOfAsync(finance, None)
                : new ScimMembershipReader(Client).ReadAsync(ReadById(_ada, "ada@example.com"), None));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("the " + what + " listing ended after", error.Message);
        }

        [Fact]
        public async Task A_workspace_without_groups_has_none_to_ask_about()
        {
            const string empty = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":0,"
                + "\"startIndex\":1,\"itemsPerPage\":0,\"Resources\":[]}";
            var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Json(HttpStatusCode.OK, empty)));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, false);
            client.Capabilities.Learn(ScimCapability.GroupMembers, false);
            client.Capabilities.Learn(ScimCapability.ValuePathFilter, false);

            var memberships = await new ScimMembershipReader(client).ReadAsync(ReadById("u1", "a@example.com"), None);

            Assert.Equal((true, ScimMembershipSource.GroupFilter), (memberships.IsKnown, memberships.Source));
            Assert.Empty(memberships.Groups);
            Assert.Equal(1, handler.Calls);
        }

        [Theory]
        [InlineData("honoured")]
        [InlineData("ignored")]
        [InlineData("empty")]
        public async Task The_REST_API_tells_each_user_s_groups_whether_or_not_it_honours_member(string memberFilter)
        {
            var ignoresMember = memberFilter != "honoured";
            if (ignoresMember)
            {
                await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none", "--api-group-member-filter", memberFilter);
            }
            else
            {
                await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none");
            }
            using var api = NewApiClient();

            AssertTrueGroups(await GroupsOfEveryoneAsync(new ScimMembershipReader(Client, api)));

            // Where member= is honoured: the groups, the name nobody has, one group's members and its first member to
            // prove it, then one request per user. Where it is ignored: the groups, the name nobody has, then each group's
            // memberships once.
            var perGroup = await RouteCountAsync("GET api/{workspace}/groups/{group}/memberships");
            // A member= that answers nothing for everyone costs the proof as well: one group's members and the name.
            Assert.Equal(memberFilter == "empty" ? 3 : ignoresMember ? 2 : 1, perGroup);
            Assert.Equal(memberFilter == "empty" ? 3 : ignoresMember ? 2 : 1 + 1 + 1 + 3,
                await RouteCountAsync("GET api/{workspace}/groups"));
        }

        [Fact]
        public async Task A_user_the_REST_API_does_not_list_is_unknown_with_the_reason()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none");
            using var api = NewApiClient();

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(ReadById(_cy, "ghost@example.com"), None);

            Assert.False(memberships.IsKnown);
            Assert.Equal("Mode's REST API lists no member with the email 'ghost@example.com'", memberships.Problem);
        }

        [Fact]
        public async Task A_user_is_found_in_the_REST_API_by_any_of_its_emails()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none");
            using var api = NewApiClient();
            var user = ReadById(_bob, "bob-handle");
            user.Emails = new List<ScimMultiValue> { new ScimMultiValue(), new ScimMultiValue { Value = "bob@example.com" } };

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(user, None);

            Assert.Equal(new[] { _finance }, Sorted(memberships.Groups));
        }

        [Fact]
        public async Task Two_accounts_with_a_user_s_email_make_its_REST_answer_unknown()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none");
            using var api = NewApiClient();
            var user = ReadById(_bob, "bob@example.com");
            user.Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = "ada@example.com" } };

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(user, None);

            Assert.False(memberships.IsKnown);
            Assert.Equal("Mode's REST API lists 2 members with the email 'bob@example.com'", memberships.Problem);
        }

        [Fact]
        public async Task A_group_s_members_from_the_REST_API_say_why_when_they_cannot_be_told()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none");
            await AddModeGroupAsync("Sales");
            using var api = NewApiClient();
            var reader = new ScimMembershipReader(Client, api);

            var unknown = await reader.MembersOfAsync(new ScimGroup { Id = Guid.NewGuid().ToString(), DisplayName = "Ghost" }, None);
            var shared = await reader.MembersOfAsync(await Client.Groups.GetAsync(_sales, None), None);
            var finance = await reader.MembersOfAsync(await Client.Groups.GetAsync(_finance, None), None);

            Assert.Equal((false, "Mode's REST API has no group named 'Ghost'"), (unknown.IsKnown, unknown.Problem));
            Assert.Equal((false, "the group name 'Sales' is carried by 2 groups, so its members cannot be told from Mode's REST API"),
                (shared.IsKnown, shared.Problem));
            Assert.Equal(new[] { _ada, _bob }.OrderBy(i => i), Sorted(finance.Members));
            Assert.Equal(new[] { "ada@example.com", "bob@example.com" }, finance.Members.Select(m => m.Display).OrderBy(d => d));
        }

        [Theory]
        [InlineData("returned", false, "Groups")]
        [InlineData("omitted", true, "ModeApi")]
        [InlineData("omitted", false, "GroupFilter")]
        public async Task A_report_over_the_workspace_reads_memberships_from_the_cheapest_source(string members, bool withApi,
            string source)
        {
            await StartWorkspaceAsync("--user-groups", "omitted", "--group-members", members,
                "--group-member-filter", withApi ? "none" : "members");
            using var api = NewApiClient();

            var (index, read) = await new ScimMembershipReader(Client, withApi ? api : null).ReadWorkspaceIndexAsync(None);

            Assert.Equal(source, read.ToString());
            Assert.Equal(new[] { _finance, _sales }.OrderBy(g => g), Sorted(index!.GroupsOf(_ada)));
            Assert.Equal(new[] { "Finance" }, index.GroupsOf(_bob).Select(g => g.Display));
            Assert.Empty(index.GroupsOf(_cy));
        }

        [Fact]
        public async Task A_report_over_a_workspace_nobody_can_tell_has_no_memberships()
        {
            await StartWorkspaceAsync("--profile", "entra", "--group-member-filter", "none");
            using var api = NewApiClient();
            await AddModeGroupAsync("Finance");

            var withoutApi = await new ScimMembershipReader(Client).ReadWorkspaceIndexAsync(None);
            var ambiguous = await new ScimMembershipReader(Client, api).ReadWorkspaceIndexAsync(None);

            Assert.Equal((null, ScimMembershipSource.None), (withoutApi.Index, withoutApi.Source));
            Assert.Equal((null, ScimMembershipSource.None), (ambiguous.Index, ambiguous.Source));
        }

        [Theory]
        [InlineData("derived", ScimSupport.Supported)]
        [InlineData("empty", ScimSupport.Unsupported)]
        public async Task Whether_users_show_true_groups_is_learned_once_per_connection(string userGroups, ScimSupport learned)
        {
            await StartWorkspaceAsync("--user-groups", userGroups);

            var first = await new ScimMembershipReader(Client).LearnWhetherUsersShowGroupsAsync(None);
            var asked = (await StatsAsync())["total"]!.GetValue<int>();
            var second = await new ScimMembershipReader(Client).LearnWhetherUsersShowGroupsAsync(None);

            Assert.Equal((learned, learned), (first, second));
            Assert.Equal(2, asked);
            Assert.Equal(asked, (await StatsAsync())["total"]!.GetValue<int>());
        }

        [Theory]
        [InlineData("returned", ScimSupport.Supported)]
        [InlineData("omitted", ScimSupport.Unknown)]
        public async Task A_probe_that_finds_no_member_learns_only_whether_groups_show_members(string members, ScimSupport learned)
        {
            await StartWithSwitchesAsync("--group-members", members);
            await CreateGroupAsync("Empty");

            var truth = await new ScimMembershipReader(Client).LearnWhetherUsersShowGroupsAsync(None);

            Assert.Equal(ScimSupport.Unknown, truth);
            Assert.Equal(learned, Client.Capabilities[ScimCapability.GroupMembers]);
        }

        [Fact]
        public async Task The_probe_reads_twenty_groups_at_most_the_first_alone()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            for (var i = 0; i < 20; i++)
            {
                await CreateGroupAsync("Empty " + i.ToString("D2", CultureInfo.InvariantCulture));
            }
            await CreateGroupAsync("Zeta", ada);
            await ResetCountsAsync();

            var truth = await new ScimMembershipReader(Client).LearnWhetherUsersShowGroupsAsync(None);

            // The first group alone (it mostly shows a member, and a page of 20 big groups is megabytes), then 19 in one page.
            Assert.Equal(ScimSupport.Unknown, truth);
            Assert.Equal(2, await RouteCountAsync("GET Groups"));
            Assert.Equal(0, await RouteCountAsync("GET Users/{id}"));
        }

        [Fact]
        public async Task A_user_in_no_group_read_again_by_id_does_not_make_its_kind_of_response_distrusted()
        {
            await StartWorkspaceAsync("--user-groups", "not-in-lists");
            Client.Capabilities.Learn(ScimCapability.UserGroups, true);
            var cy = new ScimUser { Id = _cy, UserName = "cy@example.com", ReadAs = ScimReadKind.Filter };
            var ada = new ScimUser { Id = _ada, UserName = "ada@example.com", ReadAs = ScimReadKind.NotRead };

            var cyGroups = await new ScimMembershipReader(Client).ReadAsync(cy, None);
            var adaGroups = await new ScimMembershipReader(Client).ReadAsync(ada, None);

            Assert.Equal((true, 0), (cyGroups.IsKnown, cyGroups.Groups.Count));
            Assert.Equal(new[] { _finance, _sales }.OrderBy(g => g), Sorted(adaGroups.Groups));
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.UserGroupsInFilters]);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.UserGroupsInLists]);
            Assert.Equal(2, await RouteCountAsync("GET Users/{id}"));
        }

        [Fact]
        public void Groups_a_server_is_known_to_misreport_are_not_shown_even_when_named()
        {
            var capabilities = new ScimServerCapabilities();
            capabilities.Learn(ScimCapability.UserGroups, false);
            var user = new ScimUser
            {
                ReadAs = ScimReadKind.Single,
                Groups = new List<ScimMultiValue> { new ScimMultiValue { Value = "g1" } },
            };

            Assert.Null(ScimUserGroups.Shown(user, capabilities));
        }

        [Fact]
        public async Task A_group_that_shows_no_members_even_read_alone_makes_the_group_side_unknown_not_empty()
        {
            const string listSchema = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]";
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/Groups", StringComparison.Ordinal)
                ? StubHandler.Json(HttpStatusCode.OK, "{" + listSchema + ",\"totalResults\":2,\"startIndex\":1,\"itemsPerPage\":2,"
                    + "\"Resources\":[{\"id\":\"g1\",\"displayName\":\"A\",\"members\":[{\"value\":\"u1\"}]},"
                    + "{\"id\":\"g2\",\"displayName\":\"Big\"}]}")
                : request.RequestUri!.AbsolutePath.EndsWith("/Groups/g2", StringComparison.Ordinal)
                    ? StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"g2\",\"displayName\":\"Big\"}")
                    : StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}")));
            using var client = TestClients.Create(handler);

            var index = await new ScimMembershipReader(client).ReadGroupSideAsync(None);
            var members = await new ScimMembershipReader(client).MembersOfAsync(new ScimGroup { Id = "g2" }, None, otherSources: false);

            Assert.Null(index);
            Assert.False(members.IsKnown);
        }

        [Fact]
        public async Task A_member_filter_that_names_no_group_for_anyone_is_not_believed()
        {
            const string listSchema = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]";
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/Users", StringComparison.Ordinal)
                ? StubHandler.Json(HttpStatusCode.OK, "{" + listSchema + ",\"totalResults\":1,\"startIndex\":1,\"itemsPerPage\":1,"
                    + "\"Resources\":[{\"id\":\"u1\",\"userName\":\"a@example.com\"}]}")
                : request.RequestUri!.Query.Contains("filter=")
                    ? StubHandler.Json(HttpStatusCode.OK,
                        "{" + listSchema + ",\"totalResults\":0,\"startIndex\":1,\"itemsPerPage\":0,\"Resources\":[]}")
                    : StubHandler.Json(HttpStatusCode.OK, "{" + listSchema + ",\"totalResults\":1,\"startIndex\":1,\"itemsPerPage\":1,"
                        + "\"Resources\":[{\"id\":\"g1\",\"displayName\":\"A\"}]}")));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, false);
            client.Capabilities.Learn(ScimCapability.GroupMembers, false);

            var memberships = await new ScimMembershipReader(client).ReadAsync(ReadById("u1", "a@example.com"), None);

            Assert.False(memberships.IsKnown);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.ValuePathFilter]);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.GroupIdMemberFilter]);
        }

        [Fact]
        public async Task A_server_whose_count_is_too_low_and_pages_small_still_has_its_whole_group_side_read()
        {
            await StartWorkspaceAsync("--user-groups", "omitted", "--total-results", "low");
            var late = await CreateGroupAsync("Late", _cy);
            await CreateGroupAsync("Later", _cy);
            var options = new ScimClientOptions(Host.BaseUri, () => Token) { PageSize = 2 };
            var limited = new ScimClient(options, null, (_, _) => Task.CompletedTask);
            using (limited)
            {
                var memberships = await new ScimMembershipReader(limited).ReadAsync(ReadById(_cy, "cy@example.com"), None);

                Assert.Equal(ScimMembershipSource.Groups, memberships.Source);
                Assert.Equal(new[] { "Late", "Later" }, memberships.Groups.Select(g => g.Display).OrderBy(d => d));
                Assert.Contains(late, memberships.Groups.Select(g => g.Value));
            }
        }

        [Fact]
        public async Task The_REST_API_is_asked_before_a_filter_that_costs_a_request_per_user_and_group()
        {
            await StartWorkspaceAsync("--profile", "entra");
            using var api = NewApiClient();

            var memberships = await new ScimMembershipReader(Client, api).ReadAsync(ReadById(_ada, "ada@example.com"), None);

            Assert.Equal(ScimMembershipSource.ModeApi, memberships.Source);
            Assert.Equal(new[] { _finance, _sales }.OrderBy(g => g), Sorted(memberships.Groups));
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.GroupIdMemberFilter]);
        }

        private async Task AddModeGroupAsync(string name, params string[] memberEmails)
        {
            var body = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = name,
                ["members"] = new System.Text.Json.Nodes.JsonArray(memberEmails.Select(e => (System.Text.Json.Nodes.JsonNode?)e).ToArray()),
            };
            var response = await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/api/groups"),
                new System.Net.Http.StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }
}
