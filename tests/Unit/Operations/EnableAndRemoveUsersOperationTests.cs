using System.IO;
using System.Threading.Tasks;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
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
