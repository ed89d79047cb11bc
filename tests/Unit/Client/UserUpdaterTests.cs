using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.Tests.Unit.Emulator;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Changing one user on servers that take PATCH, that refuse it, or that refuse filtered paths; and
    /// resolving the one user a piece of text names.</summary>
    public class UserUpdaterTests : EmulatorTestBase
    {
        private static readonly CancellationToken NoCancel = CancellationToken.None;

        [Fact]
        public async Task Deactivates_with_one_patch_where_the_server_takes_it()
        {
            await StartAsync();
            var id = await CreateUserAsync("ada@example.com");
            var user = await Client.Users.GetAsync(id, NoCancel);

            var changed = await new ScimUserUpdater(Client).SetActiveAsync(user, false, NoCancel);

            Assert.False(changed.Active);
            Assert.Equal(1, await RouteCountAsync("PATCH Users/{id}"));
            Assert.Equal(0, await RouteCountAsync("PUT Users/{id}"));
        }

        [Fact]
        public async Task A_deactivation_answered_as_not_applied_is_sent_again_in_the_pathless_form_and_that_is_learned()
        {
            await StartWithSwitchesAsync("--deactivation", "path-ignored");
            var ids = new[] { await CreateUserAsync("ada@example.com"), await CreateUserAsync("bob@example.com") };
            var updater = new ScimUserUpdater(Client);

            foreach (var id in ids)
            {
                var changed = await updater.SetActiveAsync(await Client.Users.GetAsync(id, NoCancel), false, NoCancel);
                Assert.False(changed.Active);
            }

            Assert.Equal(ScimSupport.Supported, Client.Capabilities[ScimCapability.PathlessActive]);
            // Two for the first user (the path form, answered but not applied, then the pathless one); one for the second.
            Assert.Equal(3, await RouteCountAsync("PATCH Users/{id}"));
            foreach (var id in ids)
            {
                Assert.False((await SendAsync("GET", "Users/" + id)).Body!["active"]!.GetValue<bool>());
            }
        }

        [Theory]
        [InlineData("yes")]
        [InlineData("405")]
        public async Task A_deactivation_the_server_answers_without_applying_is_a_failure_naming_what_it_kept(string userPatch)
        {
            await StartWithSwitchesAsync("--deactivation", "ignored", "--user-patch", userPatch);
            var id = await CreateUserAsync("ada@example.com");

            var error = await Assert.ThrowsAsync<ModeScim.Client.ScimException>(
                async () => await new ScimUserUpdater(Client).SetActiveAsync(await Client.Users.GetAsync(id, NoCancel), false, NoCancel));

            Assert.Equal(ModeScim.Client.ScimErrorKind.ChangeNotApplied, error.Kind);
            Assert.Contains("its answer still says active: true", error.Message);
            Assert.True((await SendAsync("GET", "Users/" + id)).Body!["active"]!.GetValue<bool>());
            Assert.Equal(userPatch == "yes" ? ScimSupport.Unsupported : ScimSupport.Unknown,
                Client.Capabilities[ScimCapability.PathlessActive]);
        }

        [Fact]
        public async Task A_deactivation_answered_with_a_bare_204_and_not_applied_is_read_back_and_fails()
        {
            await StartWithSwitchesAsync("--deactivation", "ignored", "--patch-response", "204");
            var id = await CreateUserAsync("ada@example.com");
            var user = await Client.Users.GetAsync(id, NoCancel);

            var error = await Assert.ThrowsAsync<ScimException>(() => new ScimUserUpdater(Client).SetActiveAsync(user, false, NoCancel,
                reread: false));

            Assert.Equal(ScimErrorKind.ChangeNotApplied, error.Kind);
            Assert.True((await Client.Users.GetAsync(id, NoCancel)).Active);
            Assert.Equal(2, await RouteCountAsync("PATCH Users/{id}"));
        }

        [Fact]
        public async Task A_deactivation_answered_with_a_bare_204_is_read_back_once_and_believed_when_it_took()
        {
            await StartWithSwitchesAsync("--patch-response", "204");
            var id = await CreateUserAsync("ada@example.com");
            var user = await Client.Users.GetAsync(id, NoCancel);

            var changed = await new ScimUserUpdater(Client).SetActiveAsync(user, false, NoCancel, reread: false);

            Assert.False(changed.Active);
            Assert.Equal(1, await RouteCountAsync("PATCH Users/{id}"));
        }

        [Fact]
        public async Task Learns_a_server_without_user_patch_once_and_puts_the_whole_user()
        {
            await StartWithSwitchesAsync("--user-patch", "405");
            var ids = new[] { await CreateUserAsync("ada@example.com"), await CreateUserAsync("bob@example.com") };
            var updater = new ScimUserUpdater(Client);

            foreach (var id in ids)
            {
                var change = new ScimUserChange { DisplayName = "Renamed" };
                change.SetActive(false);
                await updater.ApplyAsync(await Client.Users.GetAsync(id, NoCancel), change, NoCancel);
            }

            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.UserPatch]);
            Assert.Equal(1, await RouteCountAsync("PATCH Users/{id}"));
            Assert.Equal(2, await RouteCountAsync("PUT Users/{id}"));
            foreach (var id in ids)
            {
                var stored = await Client.Users.GetAsync(id, NoCancel);
                Assert.False(stored.Active);
                Assert.Equal("Renamed", stored.DisplayName);
                Assert.Equal(stored.UserName, stored.Emails!.Single().Value);
            }
        }

        [Fact]
        public async Task Replaces_the_whole_email_list_where_filtered_paths_are_refused()
        {
            await StartWithSwitchesAsync("--patch-value-paths", "members-only");
            var id = await CreateUserAsync("ada@example.com");

            var changed = await new ScimUserUpdater(Client)
                .ApplyAsync(await Client.Users.GetAsync(id, NoCancel), new ScimUserChange { Email = "ada.l@example.com" }, NoCancel);

            Assert.Equal(ScimSupport.Unsupported, Client.Capabilities[ScimCapability.PatchValuePaths]);
            var email = Assert.Single(changed.Emails!);
            Assert.Equal("ada.l@example.com", email.Value);
            Assert.Equal("work", email.Type);
        }

        [Fact]
        public async Task Text_that_is_one_users_userName_and_another_users_id_is_ambiguous()
        {
            await StartAsync();
            var adaId = await CreateUserAsync("ada@example.com");
            var twinId = await CreateUserAsync(adaId);
            var resolver = new ScimUserResolver(Client);

            var byUserName = await resolver.ResolveTextAsync("ADA@example.com", NoCancel);
            var both = await resolver.ResolveTextAsync(adaId, NoCancel);
            var nobody = await resolver.ResolveTextAsync("nobody@example.com", NoCancel);

            Assert.Equal(adaId, byUserName.User!.Id);
            Assert.True(both.IsAmbiguous);
            Assert.Null(both.User);
            Assert.Equal(twinId, both.ByUserName!.Id);
            Assert.Equal(adaId, both.ById!.Id);
            Assert.Null(nobody.User);
            Assert.False(nobody.IsAmbiguous);
        }

        [Fact]
        public async Task An_id_is_read_again_from_the_server()
        {
            await StartAsync();
            var id = await CreateUserAsync("ada@example.com", active: false);

            var found = await new ScimUserResolver(Client).ResolveIdAsync(id, NoCancel);
            var gone = await new ScimUserResolver(Client).ResolveIdAsync("no-such-id", NoCancel);

            Assert.False(found.User!.Active);
            Assert.Null(gone.User);
        }

        [Fact]
        public async Task The_updater_learns_patch_works_and_rereads_a_user_answered_with_204()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(request.Method.Method == "PATCH"
                ? StubHandler.Status(HttpStatusCode.NoContent)
                : StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"a@x\",\"active\":false}")));
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "u1", UserName = "a@x", Active = true };

            var kept = await new ScimUserUpdater(client).SetActiveAsync(user, false, NoCancel, reread: false);
            var reread = await new ScimUserUpdater(client).SetActiveAsync(user, false, NoCancel);

            // A bare 204 to a change of active is read back either way: a leaver is never reported offboarded unread.
            Assert.False(kept.Active);
            Assert.False(reread.Active);
            Assert.NotSame(user, reread);
            Assert.Equal(new[] { "PATCH", "GET", "PATCH", "GET" }, handler.Requests.Select(r => r.Method));
            Assert.Equal(ScimSupport.Supported, client.Capabilities[ScimCapability.UserPatch]);
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

        [Fact]
        public async Task The_updater_learns_value_paths_work_when_an_email_change_used_one()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"a@x\"}"));
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "u1", Emails = new() { new ScimMultiValue { Value = "old@x", Type = "work" } } };

            await new ScimUserUpdater(client).ApplyAsync(user, new ScimUserChange { Email = "new@x" }, NoCancel);

            Assert.Equal(ScimSupport.Supported, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

        [Fact]
        public async Task A_refused_patch_without_a_value_path_is_an_error_not_a_fallback()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.BadRequest,
                "{\"status\":\"400\",\"scimType\":\"invalidPath\"}"));
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "u1", Emails = new() { new ScimMultiValue { Value = "old@x", Type = "work" } } };

            await Assert.ThrowsAsync<ScimException>(() => new ScimUserUpdater(client).SetActiveAsync(user, false, NoCancel));

            Assert.Equal(1, handler.Calls);
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

        [Fact]
        public async Task Where_value_paths_are_known_refused_an_email_change_replaces_the_list_at_once()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"a@x\"}"));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.PatchValuePaths, false);
            var user = new ScimUser { Id = "u1", Emails = new() { new ScimMultiValue { Value = "old@x", Type = "work" } } };

            await new ScimUserUpdater(client).ApplyAsync(user, new ScimUserChange { Email = "new@x" }, NoCancel);

            var body = handler.Requests.Single().Body!;
            Assert.Contains("\"path\":\"emails\"", body);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.PatchValuePaths]);
        }
    }
}
