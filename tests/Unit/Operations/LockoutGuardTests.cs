using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.Emulator;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>The lockout guard: the last active admin and the REST credentials' owner are refused before any change
    /// (not even the other users of the run change), -Force / -AllowLockout go on, and without the REST API one warning
    /// says the check was not made.</summary>
    public sealed class LockoutGuardTests : OperationTestBase, IDisposable
    {
        private readonly List<ModeApiClient> _apis = new List<ModeApiClient>();

        private ModeSession ApiSession()
        {
            var options = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, EmulatorOptions.DefaultApiSecret))
            {
                RateLimit = 0,
            };
            var api = new ModeApiClient(options);
            _apis.Add(api);
            return new ModeSession(Client, api, Host.BaseUri, 4);
        }

        private async Task MakeAdminAsync(string email)
        {
            using var content = new System.Net.Http.StringContent("{\"email\":\"" + email + "\",\"admin\":true}");
            using var response = await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/api/engagement"), content);
            response.EnsureSuccessStatusCode();
        }

        private void Disable(ModeSession session, bool force, params string[] users) =>
            Disable(session, new DisableUsersOptions { Force = force }, users);

        private void Disable(ModeSession session, DisableUsersOptions options, params string[] users)
        {
            var operation = new DisableUsersOperation(Recorder, session, NewJournal(), options);
            operation.Begin();
            foreach (var user in users)
            {
                operation.Add(new ModeUserIdentity(user), "left");
            }
            operation.End();
        }

        private static DesiredUserRow Row(int number, string userName) =>
            new DesiredUserRow(number, new UserSpec(userName, null, null, null, null, null), "'UserName'");

        [Fact]
        public async Task Disabling_the_only_admin_is_refused_before_any_change_even_to_the_others_of_the_run()
        {
            await StartServerAsync();
            var others = new List<string>();
            for (var i = 0; i < 16; i++)
            {
                others.Add(await CreateUserAsync("user" + i + "@example.com"));
            }
            var ada = await CreateUserAsync("ada@example.com");
            await MakeAdminAsync("ada@example.com");
            var before = await ChangesSentAsync();

            // ThrottleLimit 4 makes batches of 16: the admin comes after a whole batch of others.
            var refusal = Assert.Throws<ModeScimRefusal>(() => Disable(ApiSession(), false,
                others.Select((_, i) => "user" + i + "@example.com").Append("ada@example.com").ToArray()));

            Assert.Equal(ModeScimErrorIds.LastAdmin, refusal.Error.ErrorId);
            Assert.Contains("ada@example.com", refusal.Error.Exception.Message);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.True(await IsActiveAsync(ada));
            Assert.True(await IsActiveAsync(others[0]));
            Assert.Equal(0, JournalLines());
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("ask ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Force_disables_the_only_admin_and_says_what_it_overrode()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            await MakeAdminAsync("ada@example.com");

            Disable(ApiSession(), true, "ada@example.com");

            Assert.False(await IsActiveAsync(ada));
            Assert.Contains(Recorder.Warnings, w => w.Contains("-Force", StringComparison.Ordinal)
                && w.Contains("no active Mode admin would remain", StringComparison.Ordinal));
        }

        [Fact]
        public async Task An_admin_goes_when_another_active_admin_stays()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            await CreateUserAsync("cy@example.com");
            await MakeAdminAsync("ada@example.com");
            await MakeAdminAsync("cy@example.com");

            Disable(ApiSession(), false, "ada@example.com");

            Assert.False(await IsActiveAsync(ada));
            Assert.Empty(Recorder.Warnings);
        }

        [Fact]
        public async Task An_admin_whose_SCIM_user_is_inactive_or_who_goes_in_the_same_run_does_not_count_as_staying()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var cy = await CreateUserAsync("cy@example.com");
            await CreateUserAsync("dee@example.com", active: false);
            await MakeAdminAsync("ada@example.com");
            await MakeAdminAsync("cy@example.com");
            await MakeAdminAsync("dee@example.com");

            var refusal = Assert.Throws<ModeScimRefusal>(() => Disable(ApiSession(), false, "ada@example.com", "cy@example.com"));

            Assert.Equal(ModeScimErrorIds.LastAdmin, refusal.Error.ErrorId);
            Assert.True(await IsActiveAsync(ada));
            Assert.True(await IsActiveAsync(cy));
        }

        [Fact]
        public async Task The_owner_of_the_REST_credentials_is_refused_and_nothing_changes()
        {
            await StartServerAsync(o => o.ApiTokenOwner = "bob@example.com");
            await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var cy = await CreateUserAsync("cy@example.com");
            await MakeAdminAsync("ada@example.com");
            var before = await ChangesSentAsync();

            var refusal = Assert.Throws<ModeScimRefusal>(() => Disable(ApiSession(), false, "cy@example.com", "bob@example.com"));

            Assert.Equal(ModeScimErrorIds.CredentialOwner, refusal.Error.ErrorId);
            Assert.Contains("bob@example.com", refusal.Error.Exception.Message);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.True(await IsActiveAsync(bob));
            Assert.True(await IsActiveAsync(cy));
        }

        [Fact]
        public async Task A_workspace_token_belongs_to_no_one_so_anyone_but_the_last_admin_may_go()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");

            Disable(ApiSession(), false, "bob@example.com");

            Assert.False(await IsActiveAsync(bob));
            Assert.Empty(Recorder.Warnings);
        }

        [Fact]
        public async Task Credentials_whose_account_cannot_be_read_are_a_warning_not_a_refusal()
        {
            await StartServerAsync(o => o.ApiTokenOwner = "gone@example.com");
            await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");

            Disable(ApiSession(), false, "bob@example.com");

            Assert.False(await IsActiveAsync(bob));
            var warning = Assert.Single(Recorder.Warnings);
            Assert.Contains("REST credentials are could not be told", warning, StringComparison.Ordinal);
        }

        [Fact]
        public async Task Without_the_REST_API_one_warning_for_the_whole_command_and_every_batch_goes()
        {
            await StartServerAsync();
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                ids.Add(await CreateUserAsync("user" + i + "@example.com"));
            }

            // ThrottleLimit 4: batches of 16, so two batches, each checked.
            Disable(NewSession(), false, ids.Select((_, i) => "user" + i + "@example.com").ToArray());

            var warning = Assert.Single(Recorder.Warnings);
            Assert.Contains("lockout check", warning, StringComparison.Ordinal);
            foreach (var id in ids)
            {
                Assert.False(await IsActiveAsync(id));
            }
        }

        [Fact]
        public async Task An_admin_flag_Mode_does_not_show_is_not_read_as_not_an_admin()
        {
            await StartServerAsync(o => o.ApiAdminFlagShown = false);
            await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");
            var before = await ChangesSentAsync();

            var refusal = Assert.Throws<ModeScimRefusal>(() => Disable(ApiSession(), false, "bob@example.com"));

            Assert.Equal(ModeScimErrorIds.LastAdmin, refusal.Error.ErrorId);
            Assert.Contains("admin flag", refusal.Error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.True(await IsActiveAsync(bob));
        }

        [Fact]
        public async Task A_handover_and_the_guard_share_one_read_of_the_members_list()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            await CreateUserAsync("bo@example.com");
            await MakeAdminAsync("bo@example.com");
            var before = await ChangesSentAsync();

            Disable(ApiSession(), new DisableUsersOptions { HandoverTo = "bo@example.com" }, "ada@example.com");

            // Both need every account (the successor's state, the admins who stay); at Mode's rate a second read of 5,000
            // accounts is 51 more requests, some 13 s.
            Assert.Equal(1, await RouteCountAsync("GET api/{workspace}/memberships"));
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("error ", StringComparison.Ordinal));
            Assert.Equal(before + 1, await ChangesSentAsync());
        }

        [Fact]
        public async Task Check_returns_every_refusal_without_throwing_and_reads_once()
        {
            await StartServerAsync(o => o.ApiTokenOwner = "ada@example.com");
            var ada = await CreateUserAsync("ada@example.com");
            await MakeAdminAsync("ada@example.com");
            var (_, body) = await SendAsync("GET", "Users/" + ada);
            var user = System.Text.Json.JsonSerializer.Deserialize<ScimUser>(body!.ToJsonString(), ScimJson.Options)!;
            var guard = new LockoutGuard(Recorder, ApiSession(), "-Force");
            var before = await ChangesSentAsync();

            var first = guard.Check(new[] { user });
            var second = guard.Check(new[] { user });
            var none = guard.Check(Array.Empty<ScimUser>());

            Assert.True(first.Made);
            Assert.Equal(new[] { ModeScimErrorIds.LastAdmin, ModeScimErrorIds.CredentialOwner }, first.Refusals.Select(r => r.ErrorId));
            Assert.Equal(first.Refusals.Count, second.Refusals.Count);
            Assert.False(none.Refused);
            Assert.Equal(1, await RouteCountAsync("GET api/{workspace}/memberships"));
            Assert.Equal(1, await RouteCountAsync("GET api/account"));
            Assert.Equal(before, await ChangesSentAsync());
        }

        [Fact]
        public async Task Remove_decides_on_the_whole_set_before_the_first_deletion_and_Force_goes_on()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");
            var before = await ChangesSentAsync();
            var remove = new RemoveUsersOperation(Recorder, ApiSession(), NewJournal(), false, false, force: false);
            remove.Add(new ModeUserIdentity("bob@example.com"), "left");
            remove.Add(new ModeUserIdentity("ada@example.com"), "left");

            var refusal = Assert.Throws<ModeScimRefusal>(remove.End);

            Assert.Equal(ModeScimErrorIds.LastAdmin, refusal.Error.ErrorId);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.True(await IsActiveAsync(bob));

            var forced = new RemoveUsersOperation(Recorder, ApiSession(), NewJournal(), false, false, force: true);
            forced.Add(new ModeUserIdentity("ada@example.com"), "left");
            forced.End();

            Assert.Equal(404, (await SendAsync("GET", "Users/" + ada)).Status);
        }

        [Fact]
        public async Task Sync_DisableMissing_that_would_disable_the_credential_owner_is_refused_before_creates_are_sent()
        {
            await StartServerAsync(o => o.ApiTokenOwner = "bob@example.com");
            await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");
            var before = await ChangesSentAsync();
            var options = new SyncUsersOptions { DisableMissing = true, MaxDisable = "100%" };
            var operation = new SyncUsersOperation(Recorder, ApiSession(), NewJournal(), options);
            operation.Begin();
            operation.Add(Row(1, "ada@example.com"));
            operation.Add(Row(2, "new@example.com"));

            var refusal = Assert.Throws<ModeScimRefusal>(operation.End);

            Assert.Equal(ModeScimErrorIds.CredentialOwner, refusal.Error.ErrorId);
            Assert.Contains("-AllowLockout", refusal.Error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.True(await IsActiveAsync(bob));
            var (_, found) = await SendAsync("GET", "Users?filter=" + Uri.EscapeDataString("userName eq \"new@example.com\""));
            Assert.Equal(0, found!["totalResults"]!.GetValue<int>());
        }

        [Fact]
        public async Task Sync_AllowLockout_disables_the_credential_owner_with_a_warning()
        {
            await StartServerAsync(o => o.ApiTokenOwner = "bob@example.com");
            await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");
            var options = new SyncUsersOptions { DisableMissing = true, MaxDisable = "100%", AllowLockout = true };
            var operation = new SyncUsersOperation(Recorder, ApiSession(), NewJournal(), options);
            operation.Begin();
            operation.Add(Row(1, "ada@example.com"));

            operation.End();

            Assert.False(await IsActiveAsync(bob));
            Assert.Contains(Recorder.Warnings, w => w.Contains("-AllowLockout", StringComparison.Ordinal));
        }

        void IDisposable.Dispose()
        {
            _apis.ForEach(api => api.Dispose());
            Dispose();
        }
    }
}
