using System.Net.Http;
using System.Threading.Tasks;
using ModeScim.Emulator;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    /// <summary>Each switch of a server built only for Okta and Entra, as a client on the wire sees it.</summary>
    public class EmulatorProfileTests : EmulatorTestBase
    {
        [Theory]
        [InlineData("absent", 404)]
        [InlineData("401", 401)]
        [InlineData("500", 500)]
        public async Task Discovery_answers_as_configured(string setting, int status)
        {
            await StartWithSwitchesAsync("--discovery", setting);

            foreach (var path in new[] { "ServiceProviderConfig", "ResourceTypes", "Schemas" })
            {
                Assert.Equal(status, (await SendAsync("GET", path)).Status);
            }
        }

        [Fact]
        public async Task Discovery_can_be_a_web_page_with_200()
        {
            await StartWithSwitchesAsync("--discovery", "html");
            using var request = new HttpRequestMessage(HttpMethod.Get, Host.BaseUri.AbsoluteUri + "/ServiceProviderConfig");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

            using var response = await Raw.SendAsync(request);

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        }

        [Theory]
        [InlineData("userName eq \"a@example.com\" and externalId eq \"E1\"", 200)]
        [InlineData("displayName eq \"Finance\"", 200)]
        [InlineData("userName eq \"a\" or userName eq \"b\"", 400)]
        [InlineData("userName sw \"a\"", 400)]
        [InlineData("active eq true", 400)]
        [InlineData("emails.value eq \"a@example.com\"", 400)]
        [InlineData("id eq \"x\"", 400)]
        [InlineData("emails[type eq \"work\"]", 400)]
        [InlineData("not (userName eq \"a\")", 400)]
        public async Task The_eq_and_grammar_takes_only_what_Entra_sends(string filter, int status)
        {
            await StartWithSwitchesAsync("--filters", "eq-and");

            var (actual, body) = await SendAsync("GET", "Users?filter=" + System.Uri.EscapeDataString(filter));

            Assert.Equal(status, actual);
            if (status == 400)
            {
                Assert.Equal("invalidFilter", body!["scimType"]!.GetValue<string>());
            }
        }

        [Fact]
        public async Task Escapes_in_filter_values_can_be_refused()
        {
            await StartWithSwitchesAsync("--filter-escapes", "refuse");

            Assert.Equal(200, (await SendAsync("GET", "Users?filter=" + System.Uri.EscapeDataString("userName eq \"plain\""))).Status);
            Assert.Equal(400, (await SendAsync("GET", "Users?filter=" + System.Uri.EscapeDataString("userName eq \"o\\\"brien\""))).Status);
        }

        [Theory]
        [InlineData("derived", 1)]
        [InlineData("empty", 0)]
        [InlineData("omitted", -1)]
        public async Task Groups_on_a_user_are_derived_empty_or_omitted(string setting, int expected)
        {
            await StartWithSwitchesAsync("--user-groups", setting);
            var ada = await CreateUserAsync("ada@example.com");
            await CreateGroupAsync("Finance", ada);

            var (_, user) = await SendAsync("GET", "Users/" + ada);

            var groups = user!["groups"];
            Assert.Equal(expected, groups == null ? -1 : groups.AsArray().Count);
        }

        [Fact]
        public async Task Members_on_a_group_can_be_omitted()
        {
            await StartWithSwitchesAsync("--group-members", "omitted");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);

            var (_, group) = await SendAsync("GET", "Groups/" + finance);

            Assert.Null(group!["members"]);
            Assert.Equal("Finance", group["displayName"]!.GetValue<string>());
        }

        [Fact]
        public async Task Attribute_selection_can_be_ignored()
        {
            await StartWithSwitchesAsync("--attribute-selection", "ignored");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);

            var (_, group) = await SendAsync("GET", "Groups/" + finance + "?excludedAttributes=members");

            Assert.Single(group!["members"]!.AsArray());
        }

        [Fact]
        public async Task PATCH_can_answer_204_without_a_body()
        {
            await StartWithSwitchesAsync("--patch-response", "204");
            var ada = await CreateUserAsync("ada@example.com");

            var (status, body) = await SendAsync("PATCH", "Users/" + ada,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"replace\",\"path\":\"d"
                + "isplayName\",\"value\":\"Ada\"}]}");

            Assert.Equal(204, status);
            Assert.Null(body);
            Assert.Equal("Ada", (await SendAsync("GET", "Users/" + ada)).Body!["displayName"]!.GetValue<string>());
        }

        [Fact]
        public async Task PATCH_on_users_can_be_refused_with_405_while_groups_take_it()
        {
            await StartWithSwitchesAsync("--user-patch", "405");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance");
            const string patch = "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"add\""
                + ",\"path\":\"members\",\"value\":[{\"value\":\"ID\"}]}]}";

            Assert.Equal(405, (await SendAsync("PATCH", "Users/" + ada, patch)).Status);
            Assert.Equal(200, (await SendAsync("PATCH", "Groups/" + finance, patch.Replace("ID", ada))).Status);
        }

        [Fact]
        public async Task Error_status_can_be_a_number_and_the_type_plain_json()
        {
            await StartWithSwitchesAsync("--error-status", "number", "--content-type", "json");
            using var request = new HttpRequestMessage(HttpMethod.Get, Host.BaseUri.AbsoluteUri + "/Users/" + System.Guid.NewGuid());
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

            using var response = await Raw.SendAsync(request);
            var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(404, body["status"]!.GetValue<int>());
        }

        [Theory]
        [InlineData("409", 409)]
        [InlineData("adopt-201", 201)]
        [InlineData("adopt-200", 200)]
        public async Task A_create_for_a_taken_userName_conflicts_or_hands_back_the_holder(string setting, int status)
        {
            await StartWithSwitchesAsync("--duplicate-create", setting);
            var ada = await CreateUserAsync("ada@example.com");

            var (actual, body) = await SendAsync("POST", "Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"ADA@example.com\"}");

            Assert.Equal(status, actual);
            if (status != 409)
            {
                Assert.Equal(ada, body!["id"]!.GetValue<string>());
            }
            Assert.Single((await SendAsync("GET", "Users")).Body!["Resources"]!.AsArray());
        }

        [Theory]
        [InlineData("404", 404)]
        [InlineData("400", 400)]
        [InlineData("500", 500)]
        public async Task A_path_that_is_not_an_id_gets_the_configured_answer(string setting, int status)
        {
            await StartWithSwitchesAsync("--non-id-path", setting);

            Assert.Equal(status, (await SendAsync("GET", "Users/ada%40example.com")).Status);
            Assert.Equal(404, (await SendAsync("GET", "Users/" + System.Guid.NewGuid())).Status);
        }

        [Theory]
        [InlineData("{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}")]
        [InlineData("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"False\"}")]
        public async Task Entra_forms_can_be_refused(string operation)
        {
            await StartWithSwitchesAsync("--entra-forms", "refuse");
            var ada = await CreateUserAsync("ada@example.com");

            var (status, _) = await SendAsync("PATCH", "Users/" + ada,
                "{" + PatchOpSchemas + "\"Operations\":[" + operation + "]}");

            Assert.Equal(400, status);
            Assert.True((await SendAsync("GET", "Users/" + ada)).Body!["active"]!.GetValue<bool>());
        }

        [Fact]
        public async Task Refusing_Entra_forms_refuses_member_removal_by_value_list_instead_of_emptying_the_group()
        {
            await StartWithSwitchesAsync("--entra-forms", "refuse");
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var finance = await CreateGroupAsync("Finance", ada, bob);

            var (status, _) = await SendAsync("PATCH", "Groups/" + finance,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"remove\",\"path\":\"me"
                + "mbers\",\"value\":[{\"value\":\"" + ada + "\"}]}]}");

            Assert.Equal(400, status);
            Assert.Equal(2, (await MemberIdsAsync(finance)).Count);
        }

        [Fact]
        public async Task Filtered_PATCH_paths_can_be_limited_to_members()
        {
            await StartWithSwitchesAsync("--patch-value-paths", "members-only");
            var ada = await CreateUserAsync("ada@example.com");
            var finance = await CreateGroupAsync("Finance", ada);

            var email = await SendAsync("PATCH", "Users/" + ada,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"replace\",\"path\":\"e"
                + "mails[type eq \\\"work\\\"].value\",\"value\":\"x@example.com\"}]}");
            var member = await SendAsync("PATCH", "Groups/" + finance,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"remove\",\"path\":\"me"
                + "mbers[value eq \\\"" + ada + "\\\"]\"}]}");

            Assert.Equal(400, email.Status);
            Assert.Equal("invalidPath", email.Body!["scimType"]!.GetValue<string>());
            Assert.Equal(200, member.Status);
            Assert.Empty(await MemberIdsAsync(finance));
        }

        [Theory]
        [InlineData("minimal")]
        [InlineData("okta")]
        [InlineData("entra")]
        public async Task A_single_switch_adjusts_a_profile_wherever_it_stands(string profile)
        {
            var options = EmulatorOptions.Parse(new[] { "--user-groups", "derived", "--profile", profile });

            Assert.Equal(profile, options.Behaviour.Profile);
            Assert.Equal(UserGroupsMode.Derived, options.Behaviour.UserGroups);
            Assert.Equal(FilterGrammar.EqAnd, options.Behaviour.Filters);
            Assert.Equal(DiscoveryMode.Absent, options.Behaviour.Discovery);
        }

        [Fact]
        public void The_minimal_profile_is_what_the_compatibility_issue_names()
        {
            var minimal = ServerBehaviour.ForProfile("minimal");

            Assert.Equal(DiscoveryMode.Absent, minimal.Discovery);
            Assert.Equal(FilterGrammar.EqAnd, minimal.Filters);
            Assert.False(minimal.FilterEscapes);
            Assert.Equal(UserGroupsMode.Omitted, minimal.UserGroups);
            Assert.Equal(GroupMembersMode.Returned, minimal.GroupMembers);
            Assert.Equal(PatchResponseMode.NoContent, minimal.PatchResponse);
            Assert.True(minimal.NumericErrorStatus);
            Assert.Equal(NonIdPathMode.BadRequest, minimal.NonIdPath);
        }

        [Fact]
        public void An_unknown_profile_or_setting_is_a_usage_error()
        {
            Assert.Throws<EmulatorUsageException>(() => EmulatorOptions.Parse(new[] { "--profile", "scimmy" }));
            Assert.Throws<EmulatorUsageException>(() => EmulatorOptions.Parse(new[] { "--user-groups", "sometimes" }));
        }
    }
}
