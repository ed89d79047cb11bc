using System;
using System.IO;
using System.Threading.Tasks;
using ModeScim.Client.ModeApi;
using ModeScim.Emulator;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Plans;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Invoke-ModePlan applies every piped plan with one session: each plan reads the workspace afresh, so what an
    /// earlier plan changed (an admin disabled) is seen by the next plan's lockout guard.</summary>
    public sealed class PlanApplySessionTests : OperationTestBase, IDisposable
    {
        private ModeApiClient? _api;

        private ModeSession ApiSession()
        {
            var options = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, EmulatorOptions.DefaultApiSecret))
            {
                RateLimit = 0,
            };
            _api = new ModeApiClient(options);
            return new ModeSession(Client, _api, Host.BaseUri, 4);
        }

        private async Task MakeAdminAsync(string email)
        {
            using var content = new System.Net.Http.StringContent("{\"email\":\"" + email + "\",\"admin\":true}");
            using var response = await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/api/engagement"), content);
            response.EnsureSuccessStatusCode();
        }

        private string WritePlan(string name, string id, string userName)
        {
            var plan = PlanRecorder.Start(PlanDocument.UserSync, Host.BaseUri, new PlanOptions());
            plan.Changes.Add(new PlanChange
            {
                Action = PlanChange.Disable,
                UserId = id,
                UserName = userName,
                Read = new PlanUserState { Id = id, UserName = userName, Active = true },
                Reason = "left",
            });
            var path = Path.Combine(Path.GetDirectoryName(JournalPath)!, name);
            PlanFile.Write(path, plan);
            return path;
        }

        [Fact]
        public async Task The_second_plan_of_one_Invoke_ModePlan_may_not_disable_the_last_active_admin()
        {
            await StartServerAsync();
            await CreateUserAsync("user1@example.com");
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await MakeAdminAsync("ada@example.com");
            await MakeAdminAsync("bob@example.com");
            var first = WritePlan("plan-a.json", ada, "ada@example.com");
            var second = WritePlan("plan-b.json", bob, "bob@example.com");
            // One command: `Get-ChildItem plan-*.json | Invoke-ModePlan`, one session for both plans.
            var operation = new PlanApplyOperation(Recorder, ApiSession(), NewJournal(), new PlanApplyOptions());

            operation.Apply(first);
            Assert.False(await IsActiveAsync(ada));
            var refusal = Record.Exception(() => operation.Apply(second));

            // ada, disabled by the first plan, is no admin who stays: bob is the last one.
            Assert.True(await IsActiveAsync(bob), "the last active admin was disabled");
            Assert.Equal(ModeScimErrorIds.LastAdmin, Assert.IsType<ModeScimRefusal>(refusal).Error.ErrorId);
        }

        void IDisposable.Dispose()
        {
            _api?.Dispose();
            Dispose();
        }
    }
}
