using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.Emulator;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    /// <summary>The emulator's REST side, through the module's REST client: the two views of one store agree, and
    /// the switches behave as documented.</summary>
    public sealed class EmulatorModeApiTests : EmulatorTestBase
    {
        private ModeApiClient NewApiClient(string secret = EmulatorOptions.DefaultApiSecret)
        {
            var options = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, secret));
            return new ModeApiClient(options, null, (_, _) => Task.CompletedTask);
        }

        [Fact]
        public async Task The_credentials_account_is_the_workspace_for_a_workspace_token_and_the_person_who_owns_them_else()
        {
            await StartAsync();
            await CreateUserAsync("ada@example.com");
            using var api = NewApiClient();

            var workspaceToken = await api.GetCredentialAccountAsync(CancellationToken.None);
            using (var owner = new System.Net.Http.StringContent("{\"owner\":\"ada@example.com\"}"))
            {
                (await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/api/token-owner"), owner)).EnsureSuccessStatusCode();
            }
            var personal = await api.GetCredentialAccountAsync(CancellationToken.None);

            Assert.Equal((EmulatorOptions.DefaultWorkspace, (bool?)false), (workspaceToken.Username, workspaceToken.IsPerson));
            Assert.Equal(("ada@example.com", (bool?)true), (personal.Email, personal.IsPerson));
        }

        [Fact]
        public async Task A_SCIM_user_is_a_managed_membership_whose_state_follows_a_SCIM_deactivation()
        {
            await StartAsync();
            var id = await CreateUserAsync("ada@example.com");
            using var api = NewApiClient();

            var before = Assert.Single(await api.ReadAccountsAsync(CancellationToken.None));
            await SendAsync("PATCH", "Users/" + id,
                "{" + PatchOpSchemas + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
            var after = Assert.Single(await api.ReadAccountsAsync(CancellationToken.None));

            Assert.Equal(("ada@example.com", true, "active"), (before.Email, before.ManagedByScim == true, before.State));
            Assert.Equal("deactivated", after.State);
            Assert.Equal(before.MemberToken, after.MemberToken);
        }

        [Fact]
        public async Task Just_in_time_accounts_are_not_SCIM_users_unless_listed_and_never_managed()
        {
            await StartAsync(configure: o => o.JitUsers = 2);
            using var api = NewApiClient();

            var accounts = await api.ReadAccountsAsync(CancellationToken.None);
            var (status, scim) = await SendAsync("GET", "Users");

            Assert.Equal(new bool?[] { false, false }, accounts.Select(a => a.ManagedByScim));
            Assert.Equal((200, 0), (status, scim!["totalResults"]!.GetValue<int>()));
            Assert.True(accounts[0].Admin);
        }

        [Fact]
        public async Task A_repeated_grant_makes_a_second_permission_so_a_client_that_repeats_itself_shows()
        {
            await StartAsync(seedUsers: 12);
            using var api = NewApiClient();
            var member = (await api.ReadAccountsAsync(CancellationToken.None)).First(a => a.IsActive);
            var space = (await api.ListSpacesAsync(CancellationToken.None)).First(s => !s.IsPersonal);

            await api.GrantAsync(space.Token!, "edit", "Account", member.MemberToken!, CancellationToken.None);
            await api.GrantAsync(space.Token!, "edit", "Account", member.MemberToken!, CancellationToken.None);

            var permissions = await api.ListPermissionsAsync(space.Token!, CancellationToken.None);
            Assert.Equal(2, permissions.Count(p => p.AccessorToken == member.MemberToken));
        }

        [Fact]
        public async Task Wrong_credentials_are_401_and_the_limit_answers_429_without_Retry_After()
        {
            await StartAsync(configure: o => o.ApiRateLimit = 2);
            using var wrong = NewApiClient("not-the-secret");
            var refused = await Assert.ThrowsAsync<ScimException>(() => wrong.VerifyAsync(CancellationToken.None));
            Assert.Equal(ScimErrorKind.Unauthorized, refused.Kind);

            var options = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, EmulatorOptions.DefaultApiSecret))
            {
                RetryPolicy = new ModeScim.Client.Http.ScimRetryPolicy { MaxRetries = 0 },
            };
            using var api = new ModeApiClient(options);
            await api.VerifyAsync(CancellationToken.None);
            await api.VerifyAsync(CancellationToken.None);
            var throttled = await Assert.ThrowsAsync<ScimException>(() => api.VerifyAsync(CancellationToken.None));

            Assert.Equal((ScimErrorKind.Throttled, (TimeSpan?)null), (throttled.Kind, throttled.RetryAfter));
            Assert.StartsWith("rate_limited:", throttled.Detail);
        }

        [Theory]
        [InlineData("--api-memberships", "some")]
        [InlineData("--jit-in-scim", "yes")]
        [InlineData("--api-paging", "never")]
        [InlineData("--api-discovery", "no")]
        public void Option_values_outside_the_documented_ones_are_refused(string option, string value)
        {
            var error = Assert.Throws<EmulatorUsageException>(() => EmulatorOptions.Parse(new[] { option, value }));
            Assert.Contains(option, error.Message);
        }
    }
}
