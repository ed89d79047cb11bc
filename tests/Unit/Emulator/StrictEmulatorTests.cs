using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Patching;
using ModeScim.Client.Updates;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    /// <summary>The emulator is as strict as the RFC lets a server be, so a client that sends the wrong thing is
    /// caught here; leniency is a named switch, for servers that are lenient.</summary>
    public class StrictEmulatorTests : EmulatorTestBase
    {
        [Fact]
        public async Task Refuses_a_user_or_group_without_its_core_schema_with_invalidSyntax()
        {
            await StartAsync();

            var (userStatus, userBody) = await SendAsync("POST", "Users", "{\"userName\":\"no.schema@example.com\"}");
            var (groupStatus, groupBody) = await SendAsync("POST", "Groups", "{\"schemas\":[\"urn:x\"],\"displayName\":\"No Schema\"}");

            Assert.Equal(400, userStatus);
            Assert.Equal("invalidSyntax", userBody!["scimType"]!.GetValue<string>());
            Assert.Equal(400, groupStatus);
            Assert.Equal("invalidSyntax", groupBody!["scimType"]!.GetValue<string>());
        }

        [Fact]
        public async Task Refuses_a_replacement_without_its_core_schema()
        {
            await StartAsync();
            var id = await CreateUserAsync("ada@example.com");

            var (status, body) = await SendAsync("PUT", "Users/" + id, "{\"userName\":\"ada@example.com\"}");

            Assert.Equal(400, status);
            Assert.Equal("invalidSyntax", body!["scimType"]!.GetValue<string>());
        }

        [Fact]
        public async Task Refuses_a_patch_that_is_not_a_PatchOp_message()
        {
            await StartAsync();
            var id = await CreateUserAsync("ada@example.com");

            var (status, body) = await SendAsync("PATCH", "Users/" + id,
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Ada\"}]}");

            Assert.Equal(400, status);
            Assert.Equal("invalidSyntax", body!["scimType"]!.GetValue<string>());
        }

        [Fact]
        public async Task Answers_noTarget_to_removing_a_member_who_is_not_there_unless_lenient()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Finance", ada);
            var removeBob = "{" + PatchOpSchemas
                + "\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + bob + "\\\"]\"}]}";

            var (status, body) = await SendAsync("PATCH", "Groups/" + group, removeBob);

            Assert.Equal(400, status);
            Assert.Equal("noTarget", body!["scimType"]!.GetValue<string>());
            Assert.Equal(new[] { ada }, await MemberIdsAsync(group));
        }

        [Fact]
        public async Task Accepts_what_a_lenient_server_accepts_under_the_leniency_switches()
        {
            await StartWithSwitchesAsync("--remove-missing", "success", "--schemas", "optional");
            var ada = await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Finance");

            var (created, _) = await SendAsync("POST", "Users", "{\"userName\":\"no.schema@example.com\"}");
            var (removed, _) = await SendAsync("PATCH", "Groups/" + group,
                "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + ada + "\\\"]\"}]}");

            Assert.Equal(201, created);
            Assert.Equal(200, removed);
        }

        [Fact]
        public async Task The_client_counts_a_removal_whose_member_is_already_gone_as_done_and_still_sends_its_adds()
        {
            await StartAsync();
            var ids = new[]
            {
                await CreateUserAsync("a@example.com"),
                await CreateUserAsync("b@example.com"),
                await CreateUserAsync("c@example.com"),
            };
            var group = await CreateGroupAsync("Sales", ids[0]);

            // ids[1] is not a member: the batch is refused with noTarget, then the add goes again on its own and the
            // removal of a member who is not there counts as done.
            var failures = await new ScimMemberPatchSender(Client, 100).SendAsync(group, new[] { ids[2] }, new[] { ids[1], ids[0] }, None);

            Assert.Empty(failures);
            Assert.Equal(new[] { ids[2] }, await MemberIdsAsync(group));
        }

        [Fact]
        public async Task A_single_removal_refused_with_noTarget_on_its_first_attempt_is_still_an_error_to_patch_callers()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Finance");

            var error = await Assert.ThrowsAsync<ScimException>(() =>
                Client.Groups.PatchAsync(group, new ScimPatchBuilder().RemoveMembers(new[] { ada }).Build(), None));

            Assert.True(error.IsNoTarget);
        }
    }
}
