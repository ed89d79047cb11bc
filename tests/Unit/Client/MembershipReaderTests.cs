using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.Tests.Unit.Emulator;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Where a user's groups and a group's members are read from, how few requests that takes, and that
    /// members a server hides are never reported as "none".</summary>
    public class MembershipReaderTests : EmulatorTestBase
    {
        private const string ListSchema = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"]";

        private static string GroupList(int total, params string[] groups)
        {
            return "{" + ListSchema + ",\"totalResults\":" + total + ",\"startIndex\":1,\"itemsPerPage\":" + groups.Length
                + ",\"Resources\":[" + string.Join(",", groups) + "]}";
        }

        private static string Group(string id, params string[]? members)
        {
            var memberJson = members == null ? string.Empty
                : ",\"members\":[" + string.Join(",", members.Select(m => "{\"value\":\"" + m + "\",\"type\":\"User\"}")) + "]";
            return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"" + id + "\",\"displayName\":\"G "
                + id + "\"" + memberJson + "}";
        }

        private static string GroupWithoutMembers(string id)
        {
            return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"" + id + "\",\"displayName\":\"G " + id + "\"}";
        }

        /// <summary>A scripted server: a route's answer by "METHOD /path" (query left out); 404 for anything else.</summary>
        private static StubHandler Server(Dictionary<string, string> routes)
        {
            return new StubHandler((request, _, _) =>
            {
                var key = request.Method.Method + " " + request.RequestUri!.AbsolutePath.Replace("/api/scim/v2", string.Empty);
                return Task.FromResult(routes.TryGetValue(key, out var body)
                    ? StubHandler.Json(HttpStatusCode.OK, body)
                    : StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\",\"detail\":\"no such resource\"}"));
            });
        }

        private static int RequestsTo(StubHandler handler, string pathStart)
        {
            return handler.Requests.Count(r => r.Uri.AbsolutePath.Replace("/api/scim/v2", string.Empty).StartsWith(pathStart,
                StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_group_that_carries_its_members_is_answered_without_a_request()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var group = await Client.Groups.GetAsync(await CreateGroupAsync("Finance", ada), None);
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            var members = await new ScimMembershipReader(Client).MembersOfAsync(group, None);

            Assert.Equal(new[] { ada }, members.Members.Select(m => m.Value));
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.GroupMembers]);
            Assert.Equal(0, (await StatsAsync())["total"]!.GetValue<int>());
        }

        [Fact]
        public async Task A_group_listed_without_members_is_read_alone()
        {
            await StartWithSwitchesAsync("--group-members", "not-in-lists");
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);
            var listed = await FirstListedGroupAsync();

            var members = await new ScimMembershipReader(Client).MembersOfAsync(listed, None);

            Assert.Null(listed.Members);
            Assert.Equal(new[] { ada }, members.Members.Select(m => m.Value));
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.GroupMembers]);
            Assert.Equal(1, await RouteCountAsync("GET Groups/{id}"));
        }

        [Fact]
        public async Task Members_a_server_never_returns_are_unknown_and_learned_once()
        {
            await StartWithSwitchesAsync("--group-members", "omitted", "--group-member-filter", "none");
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);
            await CreateGroupAsync("Sales", ada);
            var reader = new ScimMembershipReader(Client);
            var groups = await ListGroupsAsync();

            Assert.False((await reader.MembersOfAsync(groups[0], None)).IsKnown);
            var asked = await RouteCountAsync("GET Groups");
            Assert.False((await reader.MembersOfAsync(groups[1], None)).IsKnown);

            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.ValuePathFilter]);
            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.GroupIdMemberFilter]);
            // The refused filters are learned once: the second group costs only its own read.
            Assert.Equal(asked, await RouteCountAsync("GET Groups"));
            Assert.Equal(2, await RouteCountAsync("GET Groups/{id}"));
        }

        [Fact]
        public async Task A_group_read_alone_without_the_attribute_is_not_taken_for_empty_where_other_groups_show_members()
        {
            var handler = Server(new Dictionary<string, string>
            {
                ["GET /Groups"] = GroupList(2, GroupWithoutMembers("g1"), Group("g2", "u1")),
                ["GET /Groups/g1"] = GroupWithoutMembers("g1"),
            });
            using var client = TestClients.Create(handler);

            var members = await new ScimMembershipReader(client).MembersOfAsync(new ScimGroup { Id = "g1" }, None, otherSources: false);

            Assert.False(members.IsKnown);
            Assert.Equal(1, RequestsTo(handler, "/Groups/g1"));
        }

        [Fact]
        public async Task A_group_without_an_id_is_not_read_and_its_members_are_unknown()
        {
            var handler = new StubHandler(() => throw new InvalidOperationException("no request expected"));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.GroupMembers, true);

            var members = await new ScimMembershipReader(client).MembersOfAsync(new ScimGroup { DisplayName = "New" }, None);

            Assert.False(members.IsKnown);
            Assert.Equal(0, handler.Calls);
        }

        [Fact]
        public async Task A_user_listing_groups_is_believed_without_a_probe()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);
            var user = await Client.Users.GetAsync(ada, None);
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            var memberships = await new ScimMembershipReader(Client).ReadAsync(user, None);

            Assert.Equal(ScimMembershipSource.UserAttribute, memberships.Source);
            Assert.Equal(new[] { finance }, memberships.Groups.Select(g => g.Value));
            Assert.Equal(0, (await StatsAsync())["total"]!.GetValue<int>());
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.UserGroups]);
        }

        [Theory]
        [InlineData("derived", ScimSupport.Supported)]
        [InlineData("empty", ScimSupport.Unsupported)]
        public async Task The_probe_reads_one_member_and_compares_its_groups(string userGroups, ScimSupport learned)
        {
            await StartWithSwitchesAsync("--user-groups", userGroups);
            var ada = await CreateUserAsync("ada@example.com");
            var loner = await CreateUserAsync("loner@example.com");
            await CreateGroupAsync("Empty");
            await CreateGroupAsync("Finance", ada);
            var user = await Client.Users.GetAsync(loner, None);
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/reset"), null);

            await new ScimMembershipReader(Client).ReadAsync(user, None);

            Assert.Equal(learned, Client.Capabilities[ScimCapability.UserGroups]);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.GroupMembers]);
            Assert.Equal(1, await RouteCountAsync("GET Users/{id}"));
        }

        [Fact]
        public async Task A_probe_that_finds_only_empty_groups_learns_that_members_are_shown_and_reads_the_group_side()
        {
            await StartWithSwitchesAsync("--user-groups", "omitted");
            var loner = await CreateUserAsync("loner@example.com");
            await CreateGroupAsync("Empty");

            var memberships = await new ScimMembershipReader(Client).ReadAsync(await Client.Users.GetAsync(loner, None), None);

            Assert.True(memberships.IsKnown);
            Assert.Equal(ScimMembershipSource.Groups, memberships.Source);
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.UserGroups]);
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.GroupMembers]);
        }

        [Fact]
        public async Task The_probe_gives_up_after_three_members_that_cannot_be_read()
        {
            var handler = Server(new Dictionary<string, string>
            {
                ["GET /Groups"] = GroupList(2, Group("g1", "gone1", "gone2"), Group("g2", "gone3", "gone4", "gone5")),
            });
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "gone9", UserName = "x@example.com", Groups = new List<ScimMultiValue>() };

            var memberships = await new ScimMembershipReader(client).ReadAsync(user, None);

            Assert.Equal(3, RequestsTo(handler, "/Users/"));
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.UserGroups]);
            Assert.True(memberships.IsKnown);
            Assert.Empty(memberships.Groups);
        }

        [Fact]
        public async Task The_probe_reads_past_a_member_that_cannot_be_read()
        {
            const string user2 = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"id\":\"u2\",\"userName\":\"b@example.com\","
                + "\"groups\":[{\"value\":\"g1\"}]}";
            var handler = Server(new Dictionary<string, string>
            {
                ["GET /Groups"] = GroupList(1, Group("g1", "gone1", "u2")),
                ["GET /Users/u2"] = user2,
            });
            using var client = TestClients.Create(handler);

            await new ScimMembershipReader(client).ReadAsync(
                new ScimUser { Id = "u9", UserName = "c@example.com", ReadAs = ScimReadKind.Single }, None);

            Assert.Equal(2, RequestsTo(handler, "/Users/"));
            Assert.Equal(ScimSupport.Supported, client.Capabilities[ScimCapability.UserGroups]);
        }

        [Fact]
        public async Task Members_that_are_groups_or_not_ids_are_not_probed()
        {
            var handler = Server(new Dictionary<string, string>
            {
                ["GET /Groups"] = GroupList(1, "{\"id\":\"g1\",\"displayName\":\"G\",\"members\":[{\"value\":\"g0\",\"type\":\"Group\"},"
                    + "{\"value\":\"\"},{\"value\":\"u1\",\"type\":\"user\"}]}"),
                ["GET /Users/u1"] = "{\"id\":\"u1\",\"userName\":\"a@example.com\",\"groups\":[]}",
            });
            using var client = TestClients.Create(handler);

            await new ScimMembershipReader(client).ReadAsync(new ScimUser { Id = "u9", UserName = "c@example.com" }, None);

            Assert.Equal(new[] { "/api/scim/v2/Users/u1" }, handler.Requests.Where(r => r.Uri.AbsolutePath.Contains("/Users/"))
                .Select(r => r.Uri.AbsolutePath));
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.UserGroups]);
        }

        [Fact]
        public async Task Reads_memberships_from_members_whose_type_is_not_one_the_RFC_names()
        {
            var handler = Server(new Dictionary<string, string>
            {
                ["GET /Groups"] = GroupList(2,
                    "{\"id\":\"g1\",\"displayName\":\"Sales\",\"members\":[{\"value\":\"u1\",\"type\":\"direct\"}]}",
                    "{\"id\":\"g2\",\"displayName\":\"All\",\"members\":[{\"value\":\"u1\",\"type\":\"\"},"
                    + "{\"value\":\"g1\",\"type\":\"Group\"}]}"),
            });
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, false);

            var memberships = await new ScimMembershipReader(client)
                .ReadAsync(new ScimUser { Id = "u1", UserName = "a@example.com" }, None);

            Assert.True(memberships.IsKnown);
            Assert.Equal(new[] { "g1", "g2" }, memberships.Groups.Select(g => g.Value).OrderBy(v => v));
        }

        [Fact]
        public async Task A_group_side_read_that_ends_short_is_refused_not_trusted()
        {
            var handler = Server(new Dictionary<string, string>
            {
                ["GET /Groups"] = GroupList(5, Group("g1", "u1")),
            });
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.UserGroups, false);

            var error = await Assert.ThrowsAsync<ScimException>(
                () => new ScimMembershipReader(client).ReadAsync(new ScimUser { Id = "u1", UserName = "a@example.com" }, None));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
            Assert.Contains("ended after 1 of the 5 groups", error.Message);
            Assert.Contains("cannot be trusted", error.Message);
        }

        [Fact]
        public async Task Groups_listed_without_members_are_each_read_alone_for_the_group_side()
        {
            await StartWithSwitchesAsync("--user-groups", "omitted", "--group-members", "not-in-lists");
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);
            await CreateGroupAsync("Sales", ada);
            await CreateGroupAsync("Empty");
            Client.Capabilities.Learn(ScimCapability.UserGroups, false);

            var memberships = await new ScimMembershipReader(Client).ReadAsync(new ScimUser { Id = ada, UserName = "ada@example.com" },
                None);

            Assert.Equal(new[] { "Finance", "Sales" }, memberships.Groups.Select(g => g.Display).OrderBy(d => d));
            Assert.Equal(3, await RouteCountAsync("GET Groups/{id}"));
            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.GroupMembers]);
        }

        [Fact]
        public async Task The_group_side_of_a_workspace_without_groups_learns_nothing_about_members()
        {
            await StartAsync();
            Client.Capabilities.Learn(ScimCapability.UserGroups, false);

            var index = await new ScimMembershipReader(Client).ReadGroupSideAsync(None);

            Assert.NotNull(index);
            Assert.Empty(index.GroupsOf("anyone"));
            Assert.Equal(ScimSupport.Unknown, Client.Capabilities[ScimCapability.GroupMembers]);
        }

        [Fact]
        public async Task A_server_known_to_hide_members_has_no_group_side_and_is_not_asked()
        {
            var handler = new StubHandler(() => throw new InvalidOperationException("no request expected"));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.GroupMembers, false);

            Assert.Null(await new ScimMembershipReader(client).ReadGroupSideAsync(None));
            Assert.Equal(0, handler.Calls);
        }

        [Fact]
        public async Task A_caller_that_cancels_stops_waiting_while_the_shared_read_goes_on()
        {
            var release = new TaskCompletionSource<bool>();
            var handler = new StubHandler(async (_, _, _) =>
            {
                await release.Task;
                return StubHandler.Json(HttpStatusCode.OK, GroupList(1, Group("g1", "u1")));
            });
            using var client = TestClients.Create(handler);
            var reader = new ScimMembershipReader(client);
            using var cancel = new CancellationTokenSource();

            var first = reader.ReadGroupSideAsync(cancel.Token);
            var second = reader.ReadGroupSideAsync(None);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            release.SetResult(true);
            var index = await second;
            Assert.Equal(new[] { "g1" }, index!.GroupsOf("u1").Select(g => g.Value));
            // The listing and its look past the server's count (the same page again: nothing new).
            Assert.Equal(2, handler.Calls);
        }

        private async Task<ScimGroup> FirstListedGroupAsync() => (await ListGroupsAsync())[0];

        private async Task<List<ScimGroup>> ListGroupsAsync()
        {
            var groups = new List<ScimGroup>();
            await foreach (var page in Client.Groups.ListAsync(new ScimListQuery(), None))
            {
                groups.AddRange(page.Resources);
            }
            return groups;
        }
    }
}
