using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client.ModeApi;
using ModeScim.Emulator;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Sync-ModeUser's order of steps against the in-process emulator: nothing changes before the guards pass,
    /// a leaver's journal record is on disk before its change leaves, -WhatIf sends and journals nothing, and a refused
    /// row never makes a leaver.</summary>
    public sealed class SyncUsersOperationTests : OperationTestBase
    {
        private static DesiredUserRow Row(int number, string userName, string? email = null) =>
            new DesiredUserRow(number, new UserSpec(userName, email, null, null, null, null), "'UserName'");

        private ModeUserSyncResult Sync(SyncUsersOptions options, IEnumerable<DesiredUserRow> rows, ModeSession? session = null,
            JournalSession? journal = null)
        {
            var operation = new SyncUsersOperation(Recorder, session ?? NewSession(), journal ?? NewJournal(), options);
            operation.Begin();
            foreach (var row in rows)
            {
                operation.Add(row);
            }
            operation.End();
            return Assert.IsType<ModeUserSyncResult>(Assert.Single(Recorder.Output));
        }

        /// <summary>Changing requests the client under test sent (seeding goes around it).</summary>
        private List<string> ChangesSent() =>
            Recorder.Events.Where(e => e.StartsWith("send ", StringComparison.Ordinal)
                && !e.StartsWith("send GET", StringComparison.Ordinal)).ToList();

        [Fact]
        public async Task Too_many_leavers_refuse_the_run_before_any_create_enable_or_disable()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            foreach (var leaver in new[] { "bob@example.com", "cy@example.com", "dee@example.com" })
            {
                await CreateUserAsync(leaver);
            }
            var returning = await CreateUserAsync("eve@example.com", active: false);
            var seeded = await ChangesSentAsync();
            var options = new SyncUsersOptions { DisableMissing = true, MaxDisable = "1" };

            var refusal = Assert.Throws<ModeScimRefusal>(() => Sync(options,
                new[] { Row(1, "ada@example.com"), Row(2, "new@example.com"), Row(3, "eve@example.com") }));

            Assert.Equal(ModeScimErrorIds.DisableThresholdExceeded, refusal.Error.ErrorId);
            Assert.Empty(ChangesSent());
            Assert.Equal(seeded, await ChangesSentAsync());
            Assert.False(await IsActiveAsync(returning));
            Assert.Equal(0, JournalLines());
        }

        [Fact]
        public async Task Too_many_updates_refuse_the_run_naming_the_attribute_before_any_change()
        {
            await StartServerAsync();
            var rows = new List<DesiredUserRow>();
            for (var i = 1; i <= 12; i++)
            {
                await CreateUserAsync("u" + i + "@example.com");
                rows.Add(Row(i, "u" + i + "@example.com", email: "u" + (i + 1) + "@example.com"));
            }

            var refusal = Assert.Throws<ModeScimRefusal>(() => Sync(new SyncUsersOptions { UpdateExisting = true }, rows));

            Assert.Equal(ModeScimErrorIds.UpdateThresholdExceeded, refusal.Error.ErrorId);
            Assert.Contains("Email of 12 of 12 users", refusal.Error.Message);
            Assert.Empty(ChangesSent());
        }

        [Theory]
        [InlineData("5 users", null)]
        [InlineData("5%", "ten")]
        public async Task A_malformed_limit_is_refused_before_anything_is_read(string maxDisable, string? maxUpdate)
        {
            await StartServerAsync();
            var options = new SyncUsersOptions
            {
                MaxDisable = maxDisable,
                MaxUpdate = maxUpdate ?? "10%",
                MaxUpdateGiven = maxUpdate != null,
            };
            var operation = new SyncUsersOperation(Recorder, NewSession(), NewJournal(), options);

            var refusal = Assert.Throws<ModeScimRefusal>(operation.Begin);

            Assert.Equal(ModeScimErrorIds.InvalidInput, refusal.Error.ErrorId);
            Assert.Contains(maxUpdate ?? maxDisable, refusal.Error.Message);
            Assert.Empty(Recorder.Events);
        }

        [Fact]
        public async Task A_handover_without_the_REST_API_is_refused_before_anything_is_read()
        {
            await StartServerAsync();
            var options = new SyncUsersOptions { DisableMissing = true, HandoverTo = "successor@example.com" };
            var operation = new SyncUsersOperation(Recorder, NewSession(), NewJournal(), options);

            var refusal = Assert.Throws<ModeScimRefusal>(operation.Begin);

            Assert.Equal(ModeScimErrorIds.RestApiNotConnected, refusal.Error.ErrorId);
            Assert.Empty(Recorder.Events);
        }

        [Fact]
        public async Task A_mistyped_successor_ends_the_run_before_anyone_is_created_updated_or_disabled()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var leaver = await CreateUserAsync("bob@example.com");
            var apiOptions = new ModeApiClientOptions(Host.ApiBaseUri, EmulatorOptions.DefaultWorkspace,
                () => new ModeApiCredentials(EmulatorOptions.DefaultApiToken, EmulatorOptions.DefaultApiSecret))
            {
                RateLimit = 0,
            };
            using var api = new ModeApiClient(apiOptions);
            var session = new ModeSession(Client, api, Host.BaseUri, 4);
            var options = new SyncUsersOptions
            {
                UpdateExisting = true,
                DisableMissing = true,
                MaxDisable = "100%",
                MaxUpdate = "100%",
                HandoverTo = "nobdy@example.com",
            };

            var refusal = Assert.Throws<ModeScimRefusal>(() => Sync(options,
                new[] { Row(1, "ada@example.com", email: "ada.l@example.com"), Row(2, "new@example.com") }, session));

            Assert.Equal(ModeScimErrorIds.AccountNotFound, refusal.Error.ErrorId);
            Assert.Empty(ChangesSent());
            Assert.True(await IsActiveAsync(leaver));
            var (_, found) = await SendAsync("GET", "Users?filter=" + Uri.EscapeDataString("userName eq \"new@example.com\""));
            Assert.Equal(0, found!["totalResults"]!.GetValue<int>());
        }

        [Fact]
        public async Task A_leavers_journal_record_is_on_disk_before_its_change_leaves()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var leaver = await CreateUserAsync("bob@example.com");
            await CreateGroupAsync("Finance", ada, leaver);
            var journalAtChange = new List<string>();
            Wire.OnChange = request => journalAtChange.Add(request.Method.Method + " " + request.RequestUri!.AbsolutePath + " after "
                + (File.Exists(JournalPath) ? File.ReadAllText(JournalPath) : string.Empty));

            var result = Sync(new SyncUsersOptions { DisableMissing = true, MaxDisable = "1" }, new[] { Row(1, "ada@example.com") });

            Assert.Equal(new[] { "bob@example.com" }, result.Disabled);
            var change = Assert.Single(journalAtChange);
            Assert.StartsWith("PATCH ", change, StringComparison.Ordinal);
            Assert.Contains("/Users/" + leaver + " after ", change, StringComparison.Ordinal);
            Assert.Contains("\"Disable\"", change, StringComparison.Ordinal);
            Assert.Contains("Finance", change, StringComparison.Ordinal);
            Assert.False(await IsActiveAsync(leaver));
            Assert.InRange(FirstIndexOf("ask bob@example.com"), 0, FirstIndexOf("send PATCH") - 1);
        }

        [Fact]
        public async Task Creates_and_updates_are_journalled_before_they_leave()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var journalAtChange = new List<string>();
            Wire.OnChange = request => journalAtChange.Add(request.Method.Method + " " + request.RequestUri!.AbsolutePath + " after "
                + JournalText());

            var result = Sync(new SyncUsersOptions { UpdateExisting = true },
                new[] { Row(1, "ada@example.com", "ada.l@example.com"), Row(2, "new@example.com") });

            Assert.Equal(new[] { "new@example.com" }, result.Created);
            Assert.Equal(new[] { "ada@example.com" }, result.Updated);
            var create = Assert.Single(journalAtChange, c => c.StartsWith("POST ", StringComparison.Ordinal));
            Assert.Contains("\"action\":\"Create\"", create, StringComparison.Ordinal);
            Assert.Contains("\"userName\":\"new@example.com\"", create, StringComparison.Ordinal);
            var update = Assert.Single(journalAtChange, c => c.Contains("/Users/" + ada + " after ", StringComparison.Ordinal));
            Assert.Contains("\"action\":\"Update\"", update, StringComparison.Ordinal);
            var records = JournalRecords();
            Assert.Equal(new[] { "Create", "Update" }, records.Select(r => r["action"]!.GetValue<string>()));
            Assert.Contains("email: - -> new@example.com", ChangesOf(records[0]));
            Assert.Equal(ada, records[1]["userId"]!.GetValue<string>());
            Assert.Equal(new[] { "email: ada@example.com -> ada.l@example.com" }, ChangesOf(records[1]));
        }

        [Fact]
        public async Task A_journal_that_cannot_be_written_sends_no_create_and_no_update()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");

            var result = Sync(new SyncUsersOptions { UpdateExisting = true },
                new[] { Row(1, "ada@example.com", "ada.l@example.com"), Row(2, "new@example.com") }, journal: BlockedJournal());

            Assert.Empty(result.Created);
            Assert.Empty(result.Updated);
            Assert.Contains(result.Failed, f => f.UserName == "new@example.com" && f.Change == "Create"
                && f.Reason == ModeScimErrorIds.JournalWriteFailed);
            Assert.Contains(result.Failed, f => f.UserName == "ada@example.com" && f.Change == "Update"
                && f.Reason == ModeScimErrorIds.JournalWriteFailed);
            Assert.Empty(ChangesSent());
        }

        [Fact]
        public async Task A_returning_user_enabled_without_RestoreGroups_is_journalled()
        {
            await StartServerAsync();
            var returning = await CreateUserAsync("eve@example.com", active: false);

            var result = Sync(new SyncUsersOptions(), new[] { Row(1, "eve@example.com") });

            Assert.Equal(new[] { "eve@example.com" }, result.Enabled);
            Assert.True(await IsActiveAsync(returning));
            var record = Assert.Single(JournalRecords());
            Assert.Equal("Enable", record["action"]!.GetValue<string>());
            Assert.Equal(returning, record["userId"]!.GetValue<string>());
        }

        [Fact]
        public async Task WhatIf_returns_the_plan_and_sends_and_journals_nothing()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var leaver = await CreateUserAsync("bob@example.com");
            var returning = await CreateUserAsync("eve@example.com", active: false);
            Recorder.WhatIf = true;

            var result = Sync(new SyncUsersOptions { DisableMissing = true, MaxDisable = "100%", UpdateExisting = true },
                new[] { Row(1, "ada@example.com", "ada.l@example.com"), Row(2, "new@example.com"), Row(3, "eve@example.com") });

            Assert.True(result.WhatIf);
            Assert.Equal(new[] { "ada@example.com" }, result.Updated);
            Assert.Equal(new[] { "new@example.com" }, result.Created);
            Assert.Equal(new[] { "eve@example.com" }, result.Enabled);
            Assert.Equal(new[] { "bob@example.com" }, result.Disabled);
            Assert.Empty(ChangesSent());
            Assert.Equal(0, JournalLines());
            Assert.True(await IsActiveAsync(leaver));
            Assert.False(await IsActiveAsync(returning));
        }

        [Fact]
        public async Task A_refused_row_is_not_a_leaver_and_each_failure_names_its_change_and_reason()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var named = await CreateUserAsync("bob@example.com");
            var rows = new[] { Row(1, "ada@example.com"), Row(2, "bob@example.com\u200B"), Row(3, "bad") };

            // With -MaxDisable 0 a refused row counted as a leaver would refuse the whole run.
            var result = Sync(new SyncUsersOptions { DisableMissing = true, MaxDisable = "0" }, rows);

            Assert.Empty(result.Disabled);
            Assert.True(await IsActiveAsync(named));
            Assert.Contains(result.Failed, f => f.UserName == "bob@example.com" && f.Change == "Disable"
                && f.Reason.StartsWith(ModeScimErrorIds.InvalidInput + ": ", StringComparison.Ordinal));
            Assert.Contains(result.Failed, f => f.UserName == "bad" && f.Change == "Create"
                && f.Reason.StartsWith(ModeScimErrorIds.InvalidInput + ": ", StringComparison.Ordinal));
            Assert.Empty(ChangesSent());
        }

        [Fact]
        public async Task With_RestoreGroups_a_returning_user_without_a_record_is_refused_and_the_rest_goes_on()
        {
            await StartServerAsync();
            var returning = await CreateUserAsync("eve@example.com", active: false);

            var result = Sync(new SyncUsersOptions { RestoreGroups = true },
                new[] { Row(1, "eve@example.com"), Row(2, "new@example.com") });

            Assert.Equal(new[] { "new@example.com" }, result.Created);
            Assert.Empty(result.Enabled);
            Assert.Equal("Enable", Assert.Single(result.Failed).Change);
            Assert.Equal(new[] { ModeScimErrorIds.NoRestoreRecord }, Recorder.ErrorIds);
            Assert.False(await IsActiveAsync(returning));
        }

        [Fact]
        public async Task An_empty_desired_set_is_refused_before_anything_is_read()
        {
            await StartServerAsync();

            var refusal = Assert.Throws<ModeScimRefusal>(() => Sync(new SyncUsersOptions { DisableMissing = true },
                new[] { new DesiredUserRow(1, new UserSpec(null, null, "Ada", null, null, null), "'First Name'") }));

            Assert.Equal(ModeScimErrorIds.EmptyDesiredSet, refusal.Error.ErrorId);
            Assert.Contains("'First Name'", refusal.Error.Message);
            Assert.Empty(Recorder.Events);
        }

        // The sync's own listing is the fresh read its leavers are journalled from: nothing is read per leaver. Full: the
        // listing and the probe of whether users' groups are true (measured 3). Minimal: the same, then the groups' listing,
        // as users carry none there (measured 5; each disable is read back after its bare 204, after the first change).
        // A server that leaves users' groups out of listings only (not-in-lists) cost one read of each leaver by id
        // (33 GETs); now one count of the groups and their listing, as that is cheaper (measured 6).
        [Theory]
        [InlineData("--profile", "full", 4)]
        [InlineData("--profile", "minimal", 6)]
        [InlineData("--user-groups", "not-in-lists", 7)]
        public async Task Leavers_are_journalled_from_the_syncs_own_listing_without_a_read_of_each(string name, string value,
            int readsAtMost)
        {
            await StartServerAsync(o => o.Behaviour = EmulatorOptions.Parse(new[] { name, value }).Behaviour);
            await CreateUserAsync("ada@example.com");
            var leavers = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                leavers.Add(await CreateUserAsync("leaver" + i + "@example.com"));
            }
            var inGroups = leavers.Take(29).ToList();
            var analysts = await CreateGroupAsync("Analysts", inGroups.Where((_, i) => i % 2 == 0).ToArray());
            var sales = await CreateGroupAsync("Sales", inGroups.Where((_, i) => i % 2 == 1).ToArray());
            var finance = await CreateGroupAsync("Finance", inGroups.Where((_, i) => i % 3 == 0).ToArray());
            var expected = leavers.Select((id, i) => (id, groups: i == 29 ? new List<string>()
                    : new[] { i % 2 == 0 ? analysts : sales }.Concat(i % 3 == 0 ? new[] { finance } : Array.Empty<string>())
                        .OrderBy(g => g, StringComparer.Ordinal).ToList()))
                .ToDictionary(p => p.id, p => p.groups);

            var result = Sync(new SyncUsersOptions { DisableMissing = true, MaxDisable = "100%" }, new[] { Row(1, "ada@example.com") });

            var reads = ReadsBeforeFirstChange();
            Assert.Equal(30, result.Disabled.Count);
            Assert.True(reads <= readsAtMost, "30 leavers were read in " + reads + " GETs before the first change");
            Assert.Equal(expected, RecordedGroups(JournalActions.Disable));
        }
    }
}
