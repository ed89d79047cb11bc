using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Emulator;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Operations;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Enable-ModeUser and Remove-ModeUser in the order their contract gives: a restore refused before any change,
    /// a delete journalled before it is sent, nothing sent under -WhatIf.</summary>
    public class EnableAndRemoveUsersOperationTests : OperationTestBase
    {
        private async Task<(string User, string Group)> DisabledWithOneGroupAsync()
        {
            var user = await CreateUserAsync("ava@example.com");
            var group = await CreateGroupAsync("Analysts", user);
            var disable = new DisableUsersOperation(Recorder, NewSession(), NewJournal(), new DisableUsersOptions());
            disable.Begin();
            disable.Add(new ModeUserIdentity("ava@example.com"), "left");
            disable.End();
            return (user, group);
        }

        private const int Piped = 30;

        private static string LeaverName(int i) => "leaver" + i + "@example.com";

        /// <summary>30 users in the groups their number gives (even: Analysts, odd: Sales, every third also Finance, the last
        /// in none), by user id with each one's group ids in order.</summary>
        private async Task<Dictionary<string, List<string>>> PipedUsersInGroupsAsync()
        {
            var ids = new List<string>();
            for (var i = 0; i < Piped; i++)
            {
                ids.Add(await CreateUserAsync(LeaverName(i)));
            }
            var inGroups = ids.Take(Piped - 1).ToList();
            var analysts = await CreateGroupAsync("Analysts", inGroups.Where((_, i) => i % 2 == 0).ToArray());
            var sales = await CreateGroupAsync("Sales", inGroups.Where((_, i) => i % 2 == 1).ToArray());
            var finance = await CreateGroupAsync("Finance", inGroups.Where((_, i) => i % 3 == 0).ToArray());
            return ids.Select((id, i) => (id, groups: i == Piped - 1 ? new List<string>()
                    : new[] { i % 2 == 0 ? analysts : sales }.Concat(i % 3 == 0 ? new[] { finance } : System.Array.Empty<string>())
                        .OrderBy(g => g, System.StringComparer.Ordinal).ToList()))
                .ToDictionary(p => p.id, p => p.groups);
        }

        /// <summary>A server of a profile ("full", "minimal"), or of one switch ("--user-groups not-in-lists").</summary>
        private Task StartServerAsync(string server)
        {
            var switches = server.StartsWith("--", System.StringComparison.Ordinal) ? server.Split(' ') : new[] { "--profile", server };
            return StartServerAsync(o => o.Behaviour = EmulatorOptions.Parse(switches).Behaviour);
        }

        // One request each was 33 GETs on full and 34 on minimal. Full: one 'or' filter of the 30 userNames and the probe
        // of whether users' groups are true (measured 3). Minimal refuses 'or': the refused batch, the count, one listing of
        // all users (cheaper than 30 lookups), then the groups from the group side, as users carry none there: the probe of
        // one group and one user, the groups' listing (measured 7). A server that leaves groups out of lists and filters
        // only: the filter, the probe, then the groups' count and listing instead of 30 reads by id (measured 6, was 33).
        [Theory]
        [InlineData("full", 5)]
        [InlineData("minimal", 9)]
        [InlineData("--user-groups not-in-lists", 9)]
        public async Task Piped_users_to_remove_are_read_in_batches_and_each_record_holds_the_groups_the_server_had(string profile,
            int readsAtMost)
        {
            await StartServerAsync(profile);
            var expected = await PipedUsersInGroupsAsync();

            var remove = new RemoveUsersOperation(Recorder, NewSession(), NewJournal(), allowUnknownGroups: false, passThru: false,
                force: false);
            for (var i = 0; i < Piped; i++)
            {
                remove.Add(new ModeUserIdentity(LeaverName(i)), "left");
            }
            remove.End();

            var reads = Recorder.Events.Count(e => e.StartsWith("send GET ", System.StringComparison.Ordinal));
            Assert.True(reads <= readsAtMost, Piped + " users were read in " + reads + " GETs");
            Assert.Empty(Recorder.Errors);
            Assert.Equal(expected, RecordedGroups(JournalActions.Remove));
            Assert.All(expected.Keys, id => Assert.Equal(404, SendAsync("GET", "Users/" + id).GetAwaiter().GetResult().Status));
        }

        // The Disable records are written by a client of their own, so that what Enable learns and sends is its own. Read one
        // at a time, the users cost 30 lookups (a filter each), each just before its enable. Now every read comes before the
        // first enable. Full: one 'or' filter (measured 1). Minimal: the refused batch, the count, one listing (measured 3);
        // each enable there is read back after its bare 204 (a GET of the user by id), which is not a lookup.
        [Theory]
        [InlineData("full", 3)]
        [InlineData("minimal", 5)]
        public async Task Piped_users_to_enable_with_their_groups_are_read_in_batches_and_get_back_what_was_recorded(string profile,
            int readsAtMost)
        {
            await StartServerAsync(profile);
            var expected = await PipedUsersInGroupsAsync();
            using (var other = new ScimClient(new ScimClientOptions(Host.BaseUri, () => Token)))
            {
                var disable = new DisableUsersOperation(Recorder, new ModeSession(other, null, Host.BaseUri, 4), NewJournal(),
                    new DisableUsersOptions());
                disable.Begin();
                for (var i = 0; i < Piped; i++)
                {
                    disable.Add(new ModeUserIdentity(LeaverName(i)), "left");
                }
                disable.End();
            }
            Assert.Equal(expected, RecordedGroups(JournalActions.Disable));

            var enable = new EnableUsersOperation(Recorder, NewSession(), NewJournal(), new EnableUsersOptions { RestoreGroups = true });
            enable.Begin();
            for (var i = 0; i < Piped; i++)
            {
                enable.Add(new ModeUserIdentity(LeaverName(i)), "back");
            }
            enable.End();

            var reads = ReadsBeforeFirstChange();
            Assert.True(reads <= readsAtMost, Piped + " users were read in " + reads + " GETs before the first change");
            Assert.Equal(reads, Recorder.Events.Count(e => e == "send GET /scim/v2/Users"));
            Assert.Empty(Recorder.Errors);
            Assert.All(expected.Keys, id => Assert.True(IsActiveAsync(id).GetAwaiter().GetResult()));
            Assert.Equal(expected, RecordedGroups(JournalActions.Enable));
        }

        [Fact]
        public async Task Restoring_puts_the_recorded_groups_back_and_journals_the_enable_after_the_changes()
        {
            await StartServerAsync();
            var (user, group) = await DisabledWithOneGroupAsync();
            var linesAtChange = new System.Collections.Generic.List<int>();
            Wire.OnChange = _ => linesAtChange.Add(JournalLines());

            var enable = new EnableUsersOperation(Recorder, NewSession(), NewJournal(), new EnableUsersOptions { RestoreGroups = true });
            enable.Begin();
            enable.Add(new ModeUserIdentity("ava@example.com"), "back");
            enable.End();

            Assert.True(await IsActiveAsync(user));
            Assert.Contains(user, await MemberIdsAsync(group));
            // The Disable record is the only one while the user is enabled and re-added; the Enable follows the changes.
            Assert.All(linesAtChange, lines => Assert.Equal(1, lines));
            Assert.Equal(2, JournalLines());
            Assert.Contains("\"action\":\"Enable\"", File.ReadAllLines(JournalPath)[1]);
        }

        [Fact]
        public async Task An_enable_whose_record_cannot_be_written_afterwards_is_an_error_naming_the_user_and_its_id()
        {
            await StartServerAsync();
            var user = await CreateUserAsync("ava@example.com", active: false);

            var enable = new EnableUsersOperation(Recorder, NewSession(), BlockedJournal(), new EnableUsersOptions());
            enable.Begin();
            enable.Add(new ModeUserIdentity("ava@example.com"), "back");
            enable.End();

            Assert.True(await IsActiveAsync(user));
            var error = Assert.Single(Recorder.Errors);
            Assert.Equal(ModeScimErrorIds.JournalWriteFailed, error.ErrorId);
            // The enable stands: the error must not say nothing was changed.
            Assert.Contains("Enable of user 'ava@example.com' (id " + user + ") was made", error.Message, System.StringComparison.Ordinal);
            Assert.DoesNotContain("nothing was changed", error.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_disabled_user_without_a_record_is_refused_before_any_change_unless_forced()
        {
            await StartServerAsync();
            var user = await CreateUserAsync("ava@example.com", active: false);
            var before = await ChangesSentAsync();

            var refused = new EnableUsersOperation(Recorder, NewSession(), NewJournal(), new EnableUsersOptions { RestoreGroups = true });
            refused.Begin();
            refused.Add(new ModeUserIdentity("ava@example.com"), null);
            refused.End();

            Assert.Equal(new[] { ModeScimErrorIds.NoRestoreRecord }, Recorder.ErrorIds);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.False(await IsActiveAsync(user));

            var forced = new EnableUsersOperation(Recorder, NewSession(), NewJournal(),
                new EnableUsersOptions { RestoreGroups = true, Force = true });
            forced.Begin();
            forced.Add(new ModeUserIdentity("ava@example.com"), null);
            forced.End();

            Assert.True(await IsActiveAsync(user));
            Assert.Contains(Recorder.Warnings, w => w.Contains("-Force"));
        }

        [Fact]
        public async Task WhatIf_enables_nothing_and_journals_nothing()
        {
            await StartServerAsync();
            var (user, _) = await DisabledWithOneGroupAsync();
            var before = await ChangesSentAsync();
            Recorder.WhatIf = true;

            var enable = new EnableUsersOperation(Recorder, NewSession(), NewJournal(), new EnableUsersOptions { RestoreGroups = true });
            enable.Begin();
            enable.Add(new ModeUserIdentity("ava@example.com"), null);
            enable.End();

            Assert.Equal(before, await ChangesSentAsync());
            Assert.False(await IsActiveAsync(user));
            Assert.Equal(1, JournalLines());
        }

        [Fact]
        public async Task A_delete_is_on_disk_with_the_users_groups_before_it_is_sent()
        {
            await StartServerAsync();
            var user = await CreateUserAsync("ava@example.com");
            var group = await CreateGroupAsync("Analysts", user);
            string? journalAtDelete = null;
            Wire.OnChange = request => journalAtDelete = request.Method.Method == "DELETE" ? File.ReadAllText(JournalPath) : null;

            var remove = new RemoveUsersOperation(Recorder, NewSession(), NewJournal(), allowUnknownGroups: false, passThru: true,
                force: false);
            remove.Add(new ModeUserIdentity("ava@example.com"), "left");
            remove.End();

            Assert.NotNull(journalAtDelete);
            Assert.Contains("\"action\":\"Remove\"", journalAtDelete);
            Assert.Contains(group, journalAtDelete);
            var (status, _) = await SendAsync("GET", "Users/" + user);
            Assert.Equal(404, status);
            Assert.Single(Recorder.Output);
        }

        [Fact]
        public async Task A_declined_delete_sends_nothing_and_journals_nothing()
        {
            await StartServerAsync();
            var user = await CreateUserAsync("ava@example.com");
            var before = await ChangesSentAsync();
            Recorder.Confirm = _ => false;

            var remove = new RemoveUsersOperation(Recorder, NewSession(), NewJournal(), allowUnknownGroups: false, passThru: false,
                force: false);
            remove.Add(new ModeUserIdentity("ava@example.com"), null);
            remove.End();

            Assert.Equal(before, await ChangesSentAsync());
            Assert.Equal(0, JournalLines());
            Assert.True(await IsActiveAsync(user));
            Assert.Contains(Recorder.Events, e => e.StartsWith("ask ava@example.com", System.StringComparison.Ordinal));
        }
    }
}
