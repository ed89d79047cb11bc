using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Filtering;
using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    public class EmulatorProtocolTests : EmulatorTestBase
    {
        [Fact]
        public async Task Refuses_a_request_without_the_right_bearer_token()
        {
            await StartAsync();

            var (missing, body) = await SendAsync("GET", "Users", token: null);
            var (wrong, _) = await SendAsync("GET", "Users", token: "not-the-token");

            Assert.Equal(401, missing);
            Assert.Equal(401, wrong);
            Assert.Equal("401", body!["status"]!.GetValue<string>());
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body["schemas"]![0]!.GetValue<string>());
        }

        [Fact]
        public async Task Treats_userName_as_unique_regardless_of_case()
        {
            await StartAsync();
            await Client.Users.CreateAsync(new ScimUser { UserName = "Ada@Example.com" }, None);

            var error = await Assert.ThrowsAsync<ScimException>(
                () => Client.Users.CreateAsync(new ScimUser { UserName = "ada@example.COM" }, None));

            Assert.Equal(409, error.StatusCode);
            Assert.Equal("uniqueness", error.ScimType);
        }

        [Fact]
        public async Task Deactivating_a_user_the_way_Entra_does_removes_every_group_membership()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var finance = await CreateGroupAsync("Finance", ada, bob);
            var analytics = await CreateGroupAsync("Analytics", ada);

            var (status, user) = await SendAsync("PATCH", "Users/" + ada,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"Replace\",\"value\":{"
                + "\"active\":\"False\"}}]}");

            Assert.Equal(200, status);
            Assert.False(user!["active"]!.GetValue<bool>());
            Assert.Empty(user["groups"]!.AsArray());
            Assert.Equal(new[] { bob }, await MemberIdsAsync(finance));
            Assert.Empty(await MemberIdsAsync(analytics));
        }

        [Fact]
        public async Task Removes_only_the_listed_members_when_Entra_sends_a_value_array()
        {
            await StartAsync();
            var ids = new[] { await CreateUserAsync("a@x.com"), await CreateUserAsync("b@x.com"), await CreateUserAsync("c@x.com") };
            var group = await CreateGroupAsync("Sales", ids);

            var (status, _) = await SendAsync("PATCH", "Groups/" + group,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"Remove\",\"path\":\"me"
                + "mbers\",\"value\":[{\"value\":\"" + ids[1] + "\"}]}]}");

            Assert.Equal(200, status);
            Assert.Equal(new[] { ids[0], ids[2] }, await MemberIdsAsync(group));
        }

        [Fact]
        public async Task Adds_and_removes_members_in_the_rfc_forms_the_client_builds()
        {
            await StartAsync();
            var ids = new[] { await CreateUserAsync("a@x.com"), await CreateUserAsync("b@x.com"), await CreateUserAsync("c@x.com") };
            var group = await CreateGroupAsync("Sales", ids[0], ids[1]);

            var patch = new ModeScim.Client.Patching.ScimPatchBuilder().AddMembers(new[] { ids[2], ids[0] })
                .RemoveMembers(new[] { ids[1] }).Build();
            await Client.Groups.PatchAsync(group, patch, None);

            Assert.Equal(new[] { ids[0], ids[2] }, (await MemberIdsAsync(group)).OrderBy(i => System.Array.IndexOf(ids, i)));
        }

        [Fact]
        public async Task Refuses_a_member_that_is_not_a_user()
        {
            await StartAsync();
            var group = await CreateGroupAsync("Sales");

            var (status, body) = await SendAsync("PATCH", "Groups/" + group,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"no-such-user\"}]}]}");

            Assert.Equal(400, status);
            Assert.Equal("invalidValue", body!["scimType"]!.GetValue<string>());
            Assert.Empty(await MemberIdsAsync(group));
        }

        [Fact]
        public async Task Keeps_read_only_attributes_out_of_reach_of_patch()
        {
            await StartAsync();
            var id = await CreateUserAsync("a@x.com");

            var (idStatus, idBody) = await SendAsync("PATCH", "Users/" + id,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"mine\"}]}");
            var (noTarget, targetBody) = await SendAsync("PATCH", "Users/" + id,
                "{" + PatchOpSchemas
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].value\",\"value\":\"h@x.com\"}]}");

            Assert.Equal(400, idStatus);
            Assert.Equal("mutability", idBody!["scimType"]!.GetValue<string>());
            Assert.Equal(400, noTarget);
            Assert.Equal("noTarget", targetBody!["scimType"]!.GetValue<string>());
        }

        [Fact]
        public async Task Replaces_a_sub_attribute_through_a_value_path()
        {
            await StartAsync();
            var id = await CreateUserAsync("a@x.com");

            var (status, user) = await SendAsync("PATCH", "Users/" + id,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"replace\",\"path\":\"emails[type eq"
                + " \\\"work\\\"].value\",\"value\":\"new@x.com\"},{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":\"Ada\"}]}");

            Assert.Equal(200, status);
            Assert.Equal("new@x.com", user!["emails"]![0]!["value"]!.GetValue<string>());
            Assert.Equal("Ada", user["name"]!["givenName"]!.GetValue<string>());
        }

        [Fact]
        public async Task A_failed_patch_changes_nothing()
        {
            await StartAsync();
            var id = await CreateUserAsync("a@x.com");

            var (status, _) = await SendAsync("PATCH", "Users/" + id,
                "{" + PatchOpSchemas
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"},"
                + "{\"op\":\"bogus\",\"path\":\"title\"}]}");
            var (_, user) = await SendAsync("GET", "Users/" + id);

            Assert.Equal(400, status);
            Assert.Null(user!["displayName"]);
        }

        [Fact]
        public async Task Put_replaces_the_user_and_keeps_its_id()
        {
            await StartAsync();
            var id = await CreateUserAsync("a@x.com");

            var replaced = await Client.Users.ReplaceAsync(
                new ScimUser { Id = id, UserName = "renamed@x.com", DisplayName = "Renamed" }, None);

            Assert.Equal(id, replaced.Id);
            Assert.Equal("renamed@x.com", replaced.UserName);
            Assert.Null(replaced.Emails);
        }

        [Fact]
        public async Task Deleting_a_user_takes_it_out_of_its_groups()
        {
            await StartAsync();
            var a = await CreateUserAsync("a@x.com");
            var group = await CreateGroupAsync("Ops", a);

            await Client.Users.DeleteAsync(a, None);

            Assert.Empty(await MemberIdsAsync(group));
            Assert.Null(await Client.Users.FindAsync(a, None));
        }

        [Fact]
        public async Task Publishes_discovery_documents_that_describe_itself()
        {
            await StartAsync(maxPageSize: 40);

            var config = (await Client.DiscoverAsync(None)).Config;
            var resourceTypes = await Client.GetResourceTypesAsync(None);
            var schemas = await Client.GetSchemasAsync(None);

            Assert.True(config!.Patch.IsSupported);
            Assert.False(config.Bulk.IsSupported);
            Assert.Equal(40, config.Filter.MaxResults);
            Assert.Equal(new[] { "Group", "User" }, resourceTypes.Select(r => r.Id).OrderBy(n => n));
            Assert.Contains(schemas, s => s.Id == ScimSchemas.EnterpriseUser);
        }

        [Fact]
        public async Task Lists_a_large_workspace_through_a_small_max_page_size()
        {
            await StartAsync(seedUsers: 250, maxPageSize: 40);

            var pages = await Client.Users.ListAsync(new ScimListQuery { PageSize = 100 }, None).ToListAsync();
            var stats = await StatsAsync();

            Assert.Equal(250, pages.SelectMany(p => p.Resources).Select(u => u.Id).Distinct().Count());
            Assert.Equal(7, stats["GET"]!.GetValue<int>());
        }

        [Fact]
        public async Task Answers_count_zero_with_the_total_only_and_clamps_startIndex()
        {
            await StartAsync(seedUsers: 30);

            var (_, totalOnly) = await SendAsync("GET", "Users?count=0");
            var (_, fromZero) = await SendAsync("GET", "Users?startIndex=0&count=2");

            Assert.Equal(30, totalOnly!["totalResults"]!.GetValue<int>());
            Assert.Empty(totalOnly["Resources"]!.AsArray());
            Assert.Equal(1, fromZero!["startIndex"]!.GetValue<int>());
        }

        [Fact]
        public async Task Leaves_out_members_when_asked_to()
        {
            await StartAsync(seedUsers: 30);

            var (_, groups) = await SendAsync("GET", "Groups?excludedAttributes=members");

            Assert.All(groups!["Resources"]!.AsArray(), g => Assert.Null(g!["members"]));
            Assert.All(groups["Resources"]!.AsArray(), g => Assert.NotNull(g!["displayName"]));
        }

        [Fact]
        public async Task Counts_requests_and_resets_data_to_the_seed()
        {
            await StartAsync(seedUsers: 20);
            await CreateUserAsync("extra@x.com");
            await SendAsync("GET", "Users");

            var before = await StatsAsync();
            await Raw.PostAsync(new System.Uri(Host.AdminUri, "_emulator/reset?data=true"), null);
            var after = await StatsAsync();
            var (_, users) = await SendAsync("GET", "Users?count=0");

            Assert.Equal(2, before["total"]!.GetValue<int>());
            Assert.Equal(1, before["mutating"]!.GetValue<int>());
            Assert.Equal(0, after["total"]!.GetValue<int>());
            Assert.Equal(20, users!["totalResults"]!.GetValue<int>());
        }

        [Fact]
        public async Task Injected_throttling_is_survived_by_the_clients_retries()
        {
            await StartAsync(seedUsers: 50, maxPageSize: 10, configure: o =>
            {
                o.Rate429 = 0.3;
                o.RetryAfterSeconds = 0;
                o.FaultSeed = 42;
            });

            // One request at a time: the seeded faults then fall on the same requests in every run. With pages in flight
            // together, which request meets which fault depends on timing, and a request meeting five in a row fails.
            var users = (await Client.Users.ListAsync(new ScimListQuery { Concurrency = 1 }, None).ToListAsync())
                .SelectMany(p => p.Resources).ToList();
            var stats = await StatsAsync();

            Assert.Equal(50, users.Select(u => u.Id).Distinct().Count());
            Assert.True(stats["GET"]!.GetValue<int>() > 5, "some requests were throttled and repeated");
        }

        [Fact]
        public async Task Filters_with_a_client_built_filter_find_a_name_full_of_quotes()
        {
            await StartAsync();
            var hostile = "o\\\"brien@x.com";
            await CreateUserAsync(hostile);
            await CreateUserAsync("victim@x.com");

            var pages = await Client.Users.ListAsync(
                new ScimListQuery { Filter = ScimFilter.Equal("userName", "a\" or userName pr \"") }, None).ToListAsync();
            var exact = await Client.Users.ListAsync(new ScimListQuery { Filter = ScimFilter.Equal("userName", "O\"BRIEN@x.com") },
                None).ToListAsync();

            Assert.Empty(pages.SelectMany(p => p.Resources));
            Assert.Equal("o\"brien@x.com", exact.SelectMany(p => p.Resources).Single().UserName);
        }
    }
}
