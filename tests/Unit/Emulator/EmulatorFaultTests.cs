using System;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Emulator;
using Xunit;

namespace ModeScim.Tests.Unit.Emulator
{
    public class EmulatorFaultTests : EmulatorTestBase
    {
        [Fact]
        public async Task A_create_whose_answer_is_lost_after_it_was_applied_yields_one_user_and_no_error()
        {
            await StartAsync(configure: o =>
            {
                o.RateDropAfter = 1.0;
                o.FaultMethods.Add("POST");
            });

            var created = await Client.Users.CreateAsync(new ScimUser { UserName = "ada@example.com" }, None);

            Assert.Equal("ada@example.com", created.UserName);
            var all = await Client.Users.ListAsync(new ScimListQuery(), None).ToListAsync();
            Assert.Single(all.SelectMany(p => p.Resources));
            var stats = await StatsAsync();
            Assert.Equal(1, stats["POST"]!.GetValue<int>());
        }

        [Fact]
        public async Task A_create_dropped_before_it_was_applied_is_sent_again_after_a_lookup()
        {
            await StartAsync(configure: o =>
            {
                o.RateDropBefore = 0.5;
                o.FaultSeed = 3;
                o.FaultMethods.Add("POST");
            });

            for (var i = 0; i < 10; i++)
            {
                await Client.Users.CreateAsync(new ScimUser { UserName = "user" + i + "@example.com" }, None);
            }

            var names = (await Client.Users.ListAsync(new ScimListQuery(), None).ToListAsync()).SelectMany(p => p.Resources)
                .Select(u => u.UserName).ToList();
            Assert.Equal(10, names.Distinct().Count());
            Assert.True((await StatsAsync())["POST"]!.GetValue<int>() > 10, "some POSTs were dropped and sent again");
        }

        [Fact]
        public async Task An_idempotent_patch_dropped_after_it_was_applied_is_retried_harmlessly()
        {
            await StartAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Finance", ada);
            await Raw.PostAsync(new Uri(Host.AdminUri, "_emulator/config"),
                new System.Net.Http.StringContent("{\"rateDropAfter\":0.5,\"faultSeed\":1,\"faultMethods\":[\"PATCH\"]}"));

            for (var i = 0; i < 4; i++)
            {
                var builder = new ModeScim.Client.Patching.ScimPatchBuilder();
                var patch = (i % 2 == 0 ? builder.AddMembers(new[] { bob }) : builder.RemoveMembers(new[] { bob })).Build();
                await Client.Groups.PatchAsync(group, patch, None);
            }

            Assert.Equal(new[] { ada }, await MemberIdsAsync(group));
        }

        [Fact]
        public async Task Throttling_with_an_http_date_Retry_After_is_waited_out()
        {
            await StartAsync(seedUsers: 30, maxPageSize: 10, configure: o =>
            {
                o.Rate429 = 0.4;
                o.RetryAfterSeconds = 0;
                o.RetryAfterFormat = RetryAfterFormat.Date;
                o.FaultSeed = 9;
            });

            // One request at a time, so the seeded faults fall on the same requests in every run (see
            // Injected_throttling_is_survived_by_the_clients_retries).
            var users = (await Client.Users.ListAsync(new ScimListQuery { Concurrency = 1 }, None).ToListAsync())
                .SelectMany(p => p.Resources).ToList();

            Assert.Equal(30, users.Count);
        }

        [Fact]
        public async Task A_response_slower_than_the_timeout_is_abandoned_and_retried()
        {
            await StartAsync(seedUsers: 5, configure: o =>
            {
                o.RateSlow = 0.5;
                o.SlowMs = 3000;
                o.FaultSeed = 4;
            });
            using var impatient = new ScimClient(
                new ScimClientOptions(Host.BaseUri, () => Token)
                {
                    RequestTimeout = TimeSpan.FromMilliseconds(300),
                    RetryPolicy = new ModeScim.Client.Http.ScimRetryPolicy(1) { MaxRetries = 8 },
                },
                null,
                (_, _) => Task.CompletedTask);

            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(5, (await impatient.Users.ListAsync(new ScimListQuery(), None).ToListAsync())
                    .SelectMany(p => p.Resources).Count());
            }

            Assert.True((await StatsAsync())["GET"]!.GetValue<int>() > 4, "slow answers were abandoned and asked again");
        }
    }
}
