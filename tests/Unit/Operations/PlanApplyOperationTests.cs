using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Emulator;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Plans;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Invoke-ModePlan's order of work: every check of the file before any request, the PlanApply record and each
    /// change's record on disk before the change, a drifted change refused alone, a change already made left.</summary>
    public class PlanApplyOperationTests : OperationTestBase
    {
        private string PlanPath => Path.Combine(Path.GetDirectoryName(JournalPath)!, "plan.json");

        private PlanApplyOperation NewOperation(bool force = false) =>
            new PlanApplyOperation(Recorder, NewSession(), NewJournal(), new PlanApplyOptions { Force = force });

        private PlanDocument NewPlan(params PlanChange[] changes)
        {
            var plan = PlanRecorder.Start(PlanDocument.UserSync, Host.BaseUri, new PlanOptions());
            plan.Changes.AddRange(changes);
            return plan;
        }

        private static PlanChange Disable(string id, string userName) => new PlanChange
        {
            Action = PlanChange.Disable,
            UserId = id,
            UserName = userName,
            Read = new PlanUserState { Id = id, UserName = userName, Active = true },
            Reason = "left",
        };

        [Fact]
        public async Task A_plan_for_another_workspace_is_refused_before_any_request()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ava@example.com");
            var plan = NewPlan(Disable(id, "ava@example.com"));
            plan.BaseUri = "https://other.example.com/scim/v2/";
            PlanFile.Write(PlanPath, plan);

            var refusal = Assert.Throws<ModeScimRefusal>(() => NewOperation().Apply(PlanPath));

            Assert.Equal(ModeScimErrorIds.PlanWorkspaceMismatch, refusal.Error.ErrorId);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send ", StringComparison.Ordinal));
            Assert.True(await IsActiveAsync(id));
        }

        [Fact]
        public async Task A_plan_dated_in_the_future_is_refused_before_any_request()
        {
            await StartServerAsync();
            var plan = NewPlan(Disable(await CreateUserAsync("ava@example.com"), "ava@example.com"));
            plan.CreatedAt = DateTime.UtcNow.AddHours(2);
            PlanFile.Write(PlanPath, plan);

            var refusal = Assert.Throws<ModeScimRefusal>(() => NewOperation().Apply(PlanPath));

            Assert.Equal(ModeScimErrorIds.PlanExpired, refusal.Error.ErrorId);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send ", StringComparison.Ordinal));
        }

        [Fact]
        public async Task The_plan_record_and_each_users_record_are_on_disk_before_the_change_is_sent()
        {
            await StartServerAsync();
            var ids = new[] { await CreateUserAsync("ava@example.com"), await CreateUserAsync("ben@example.com") };
            PlanFile.Write(PlanPath, NewPlan(Disable(ids[0], "ava@example.com"), Disable(ids[1], "ben@example.com")));
            var journalWhenSent = new List<string>();
            Wire.OnChange = request => journalWhenSent.Add(File.Exists(JournalPath) ? File.ReadAllText(JournalPath) : string.Empty);

            NewOperation().Apply(PlanPath);

            Assert.Equal(2, journalWhenSent.Count);
            Assert.All(journalWhenSent, journal => Assert.Contains("\"PlanApply\"", journal, StringComparison.Ordinal));
            Assert.All(ids, id => Assert.Contains(journalWhenSent, journal => journal.Contains(id, StringComparison.Ordinal)));
            var lines = File.ReadAllLines(JournalPath);
            Assert.Equal(3, lines.Length);
            var planId = NewPlanIdIn(lines[0]);
            Assert.All(lines.Skip(1), line => Assert.Contains(planId, line, StringComparison.Ordinal));
            Assert.False(await IsActiveAsync(ids[0]));
            Assert.False(await IsActiveAsync(ids[1]));
        }

        [Fact]
        public async Task An_update_whose_attribute_now_holds_a_third_value_is_refused_and_one_already_made_is_left()
        {
            await StartServerAsync();
            var ava = await CreateUserAsync("ava@example.com");
            var ben = await CreateUserAsync("ben@example.com");
            PlanChange Update(string id, string userName) => new PlanChange
            {
                Action = PlanChange.Update,
                UserId = id,
                UserName = userName,
                Read = new PlanUserState { Id = id, UserName = userName, DisplayName = "Old" },
                Set = new Dictionary<string, string?> { [PlanUserStates.DisplayName] = "New" },
            };
            await SetDisplayNameAsync(ava, "Someone changed it");
            await SetDisplayNameAsync(ben, "New");
            PlanFile.Write(PlanPath, NewPlan(Update(ava, "ava@example.com"), Update(ben, "ben@example.com")));
            var changesBefore = await ChangesSentAsync();

            NewOperation().Apply(PlanPath);

            Assert.Equal(new[] { ModeScimErrorIds.PlanDrift }, Recorder.ErrorIds);
            Assert.Contains("Someone changed it", Recorder.Errors[0].Message, StringComparison.Ordinal);
            Assert.Equal(changesBefore, await ChangesSentAsync());
            var result = Assert.IsType<ModeUserSyncResult>(Assert.Single(Recorder.Output));
            Assert.Equal(1, result.Unchanged);
            Assert.Equal("ava@example.com", Assert.Single(result.Failed).UserName);
            Assert.Equal(0, JournalLines());
        }

        [Fact]
        public async Task A_plan_past_its_guard_is_refused_without_force_and_applied_with_it()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ava@example.com");
            var plan = NewPlan(Disable(id, "ava@example.com"));
            plan.Guards.Add(new PlanGuard
            {
                Name = "MaxDisable",
                Limit = "0",
                Maximum = 0,
                Planned = 1,
                CountedAgainst = 1,
                Exceeded = true,
            });
            PlanFile.Write(PlanPath, plan);

            var refusal = Assert.Throws<ModeScimRefusal>(() => NewOperation().Apply(PlanPath));
            Assert.Equal(ModeScimErrorIds.PlanGuardExceeded, refusal.Error.ErrorId);
            Assert.True(await IsActiveAsync(id));

            NewOperation(force: true).Apply(PlanPath);
            Assert.False(await IsActiveAsync(id));
        }

        [Fact]
        public async Task Under_whatif_the_targets_are_read_but_nothing_is_sent_or_journalled()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ava@example.com");
            PlanFile.Write(PlanPath, NewPlan(Disable(id, "ava@example.com")));
            Recorder.WhatIf = true;
            var changesBefore = await ChangesSentAsync();

            NewOperation().Apply(PlanPath);

            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(0, JournalLines());
            Assert.True(await IsActiveAsync(id));
        }

        [Fact]
        public async Task A_plan_another_job_is_applying_is_refused_before_any_request()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ava@example.com");
            PlanFile.Write(PlanPath, NewPlan(Disable(id, "ava@example.com")));
            using (var otherJob = new FileStream(PlanPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                var refusal = Assert.Throws<ModeScimRefusal>(() => NewOperation().Apply(PlanPath));

                Assert.Equal(ModeScimErrorIds.PlanInUse, refusal.Error.ErrorId);
                Assert.True(await IsActiveAsync(id));
            }

            NewOperation().Apply(PlanPath);
            Assert.False(await IsActiveAsync(id));
            Assert.False(File.Exists(PlanPath + ".lock"));
        }

        [Fact]
        public async Task A_change_the_journal_records_as_made_under_the_plan_is_not_made_again_after_someone_undid_it()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ava@example.com");
            PlanFile.Write(PlanPath, NewPlan(Disable(id, "ava@example.com")));
            NewOperation().Apply(PlanPath);
            Assert.False(await IsActiveAsync(id));
            await SetActiveAsync(id, true);
            var changesBefore = await ChangesSentAsync();
            var linesBefore = JournalLines();

            NewOperation().Apply(PlanPath);

            Assert.True(await IsActiveAsync(id));
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(linesBefore, JournalLines());
            Assert.Equal(1, Assert.IsType<ModeUserSyncResult>(Recorder.Output.Last()).Unchanged);
        }

        [Fact]
        public async Task A_plan_made_with_a_trailing_slash_on_the_base_uri_applies_to_the_same_workspace_without_one()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ava@example.com");
            var plan = NewPlan(Disable(id, "ava@example.com"));
            plan.BaseUri = Host.BaseUri.AbsoluteUri.TrimEnd('/') + "/";
            PlanFile.Write(PlanPath, plan);

            NewOperation().Apply(PlanPath);

            Assert.False(await IsActiveAsync(id));
        }

        [Fact]
        public async Task A_drifted_change_is_reported_after_the_others_were_sent_so_a_stopping_script_still_applies_them()
        {
            await StartServerAsync();
            var ava = await CreateUserAsync("ava@example.com");
            var ben = await CreateUserAsync("ben@example.com");
            PlanFile.Write(PlanPath, NewPlan(Disable(ava, "ava@example.com"), Disable(ben, "ben@example.com")));
            var (status, _) = await SendAsync("PATCH", "Users/" + ava, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"eve@example.com\"}]}");
            Assert.Equal(200, status);

            NewOperation().Apply(PlanPath);

            Assert.True(await IsActiveAsync(ava));
            Assert.False(await IsActiveAsync(ben));
            Assert.Equal(new[] { ModeScimErrorIds.PlanDrift }, Recorder.ErrorIds);
            Assert.True(FirstIndexOf("error " + ModeScimErrorIds.PlanDrift) > FirstIndexOf("send PATCH"));
        }

        [Theory]
        [InlineData("minimal")]
        [InlineData("entra")]
        public async Task On_a_narrow_server_a_plan_applies_once_with_each_leavers_groups_journalled(string profile)
        {
            await StartServerAsync(o => o.Behaviour = EmulatorOptions.Parse(new[] { "--profile", profile }).Behaviour);
            var ava = await CreateUserAsync("ava@example.com");
            var ben = await CreateUserAsync("ben@example.com");
            var group = await CreateGroupAsync("Analysts", ava, ben);
            PlanFile.Write(PlanPath, NewPlan(Disable(ava, "ava@example.com"), Disable(ben, "ben@example.com")));

            NewOperation().Apply(PlanPath);
            var changesAfterFirst = await ChangesSentAsync();
            NewOperation().Apply(PlanPath);

            Assert.Empty(Recorder.Errors);
            Assert.False(await IsActiveAsync(ava));
            Assert.False(await IsActiveAsync(ben));
            Assert.Equal(changesAfterFirst, await ChangesSentAsync());
            var disables = File.ReadAllLines(JournalPath).Where(l => l.Contains("\"Disable\"", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, disables.Count);
            // The groups come from wherever the server shows them, never read as "none" where users carry none.
            Assert.All(disables, line => Assert.Contains(group, line, StringComparison.Ordinal));
        }

        private async Task SetActiveAsync(string id, bool active)
        {
            var (status, _) = await SendAsync("PATCH", "Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":" + (active ? "true" : "false") + "}]}");
            Assert.Equal(200, status);
        }

        private async Task SetDisplayNameAsync(string id, string displayName)
        {
            var (status, _) = await SendAsync("PATCH", "Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + displayName + "\"}]}");
            Assert.Equal(200, status);
        }

        private static string NewPlanIdIn(string planApplyLine)
        {
            using var document = System.Text.Json.JsonDocument.Parse(planApplyLine);
            Assert.Equal("PlanApply", document.RootElement.GetProperty("action").GetString());
            return document.RootElement.GetProperty("plan").GetProperty("id").GetString()!;
        }
    }
}
