using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    /// <summary>User list pages come from text kept per stored user: the same document the node writer gives, and never
    /// stale after a change to the user or to the groups it belongs to.</summary>
    public sealed class EmulatorListRenderingTests : EmulatorTestBase
    {
        [Fact]
        public async Task Sends_the_same_page_as_the_projected_path()
        {
            await StartAsync(seedUsers: 40);

            var (_, kept) = await SendAsync("GET", "Users?count=25&startIndex=3");
            var (_, again) = await SendAsync("GET", "Users?count=25&startIndex=3");
            // Naming an attribute to leave out (that no user has) takes the path that renders every user afresh.
            var (_, fresh) = await SendAsync("GET", "Users?count=25&startIndex=3&excludedAttributes=nickName");

            Assert.Equal(fresh!.ToJsonString(), kept!.ToJsonString());
            Assert.Equal(kept.ToJsonString(), again!.ToJsonString());
            Assert.Equal(25, kept["Resources"]!.AsArray().Count);
        }

        [Fact]
        public async Task Shows_a_group_rename_a_new_membership_and_a_changed_user_in_the_next_page()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Analysts", ada);
            var (_, before) = await SendAsync("GET", "Users");
            Assert.Equal("Analysts", GroupsOf(before!, ada).Single());

            await SendAsync("PATCH", "Groups/" + group, "{" + PatchOpSchemas
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Data\"}]}");
            await CreateGroupAsync("Finance", ada);
            var (_, regrouped) = await SendAsync("GET", "Users");
            await SendAsync("PATCH", "Users/" + ada, "{" + PatchOpSchemas
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Ada L.\"}]}");
            var (_, renamed) = await SendAsync("GET", "Users");

            Assert.Equal(new[] { "Data", "Finance" }, GroupsOf(regrouped!, ada).OrderBy(n => n));
            Assert.Equal("Ada L.", UserOf(renamed!, ada)["displayName"]!.GetValue<string>());
        }

        [Fact]
        public async Task Takes_a_deactivated_user_out_of_its_groups_with_a_new_group_version()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Analysts", ada, bob);
            var (_, before) = await SendAsync("GET", "Groups/" + group);
            await SendAsync("GET", "Users");

            await SendAsync("PATCH", "Users/" + ada, "{" + PatchOpSchemas
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
            var (_, after) = await SendAsync("GET", "Groups/" + group);
            var (_, users) = await SendAsync("GET", "Users");

            Assert.Equal(new[] { bob }, after!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()));
            Assert.NotEqual(before!["meta"]!["version"]!.GetValue<string>(), after["meta"]!["version"]!.GetValue<string>());
            Assert.Empty(GroupsOf(users!, ada));
            Assert.Equal("Analysts", GroupsOf(users!, bob).Single());
        }

        private static JsonNode UserOf(JsonNode page, string id) =>
            page["Resources"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == id)!;

        private static string[] GroupsOf(JsonNode page, string id) =>
            UserOf(page, id)["groups"]!.AsArray().Select(g => g!["display"]!.GetValue<string>()).ToArray();
    }
}
