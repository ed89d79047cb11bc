using System.Linq;
using System.Threading.Tasks;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Sync-ModeGroup's order of steps: nothing changes before the guards pass and the question is answered, every
    /// change is journalled before it is sent, and every planned change a guard or the server refuses is reported.</summary>
    public class SyncGroupsOperationTests : OperationTestBase
    {
        private SyncGroupsOperation NewOperation(SyncGroupsOptions? options = null) =>
            new SyncGroupsOperation(Recorder, NewSession(), NewJournal(), options ?? new SyncGroupsOptions());

        private ModeGroupSyncResult Sync(SyncGroupsOperation operation, string group, params string[] members)
        {
            operation.Begin();
            operation.Add(new ModeGroupIdentity(group), members.Select(m => new ModeUserIdentity(m)).ToList());
            operation.End();
            return Assert.IsType<ModeGroupSyncResult>(Assert.Single(Recorder.Output));
        }

        private bool AnyChangeLogged() => Recorder.Events.Any(e => e.StartsWith("send ", System.StringComparison.Ordinal)
            && !e.StartsWith("send GET", System.StringComparison.Ordinal));

        [Fact]
        public async Task A_MaxRemove_refusal_sends_no_change_and_lists_every_planned_change_as_failed()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await CreateUserAsync("cy@example.com");
            var group = await CreateGroupAsync("Analysts", ada, bob);
            var changesBefore = await ChangesSentAsync();

            var result = Sync(NewOperation(new SyncGroupsOptions { MaxRemove = 1 }), "Analysts", "cy@example.com");

            Assert.Equal(new[] { ModeScimErrorIds.RemoveThresholdExceeded }, Recorder.ErrorIds);
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.False(AnyChangeLogged());
            Assert.Equal(-1, FirstIndexOf("ask "));
            Assert.Equal(0, JournalLines());
            Assert.Equal(new[] { ada, bob }, (await MemberIdsAsync(group)).OrderBy(id => id == ada ? 0 : 1));
            Assert.Equal(new[] { "Add cy@example.com", "Remove ada@example.com", "Remove bob@example.com" },
                result.Failed.Select(f => f.Change + " " + f.Member).OrderBy(text => text));
            Assert.All(result.Failed, f => Assert.Equal(ModeScimErrorIds.RemoveThresholdExceeded, f.Reason));
            Assert.Empty(result.Added);
            Assert.Empty(result.Removed);
        }

        [Fact]
        public async Task Under_whatif_a_MaxRemove_refusal_shows_every_planned_change_then_says_a_real_run_would_be_refused()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            await CreateUserAsync("cy@example.com");
            var group = await CreateGroupAsync("Analysts", ada, bob);
            var changesBefore = await ChangesSentAsync();
            Recorder.WhatIf = true;

            var result = Sync(NewOperation(new SyncGroupsOptions { MaxRemove = 1 }), "Analysts", "cy@example.com");

            Assert.True(result.WhatIf);
            Assert.Equal(new[] { "ada@example.com", "bob@example.com" }, result.Removed.OrderBy(name => name));
            Assert.Equal(new[] { "cy@example.com" }, result.Added);
            Assert.Equal(new[] { ModeScimErrorIds.RemoveThresholdExceeded }, Recorder.ErrorIds);
            Assert.Contains("real run would be refused", Recorder.Errors[0].Message, System.StringComparison.Ordinal);
            Assert.True(FirstIndexOf("ask ") < FirstIndexOf("error "));
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(2, (await MemberIdsAsync(group)).Count);
            Assert.Equal(0, JournalLines());
        }

        [Fact]
        public async Task Too_many_names_that_match_nobody_refuse_the_group_before_any_change()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Analysts", ada);
            var changesBefore = await ChangesSentAsync();

            var result = Sync(NewOperation(), "Analysts", "ghost1@example.com", "ghost2@example.com", "ada@example.com");

            Assert.Equal(new[] { ModeScimErrorIds.DesiredSetUnresolved }, Recorder.ErrorIds);
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(new[] { "ghost1@example.com", "ghost2@example.com" }, result.NotFound);
            Assert.Equal(new[] { ada }, await MemberIdsAsync(group));
        }

        [Fact]
        public async Task An_unusable_MaxUnresolved_ends_the_command_in_Begin_before_any_request()
        {
            await StartServerAsync();
            var operation = NewOperation(new SyncGroupsOptions { MaxUnresolved = "most" });

            var refusal = Assert.Throws<ModeScimRefusal>(operation.Begin);

            Assert.Equal(ModeScimErrorIds.InvalidInput, refusal.Error.ErrorId);
            Assert.Contains("-MaxUnresolved", refusal.Error.Message, System.StringComparison.Ordinal);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send ", System.StringComparison.Ordinal));
        }

        [Fact]
        public async Task WhatIf_sends_no_change_writes_no_record_and_returns_the_plan()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Analysts", ada);
            var changesBefore = await ChangesSentAsync();
            Recorder.WhatIf = true;

            var result = Sync(NewOperation(), "Analysts", "bob@example.com");

            Assert.True(result.WhatIf);
            Assert.Equal(new[] { "bob@example.com" }, result.Added);
            Assert.Equal(new[] { "ada@example.com" }, result.Removed);
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(0, JournalLines());
            Assert.Equal(new[] { ada }, await MemberIdsAsync(group));
        }

        [Fact]
        public async Task Each_change_follows_the_question_and_its_journal_record()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Analysts", ada);
            var recordsWhenSent = -1;
            Wire.OnChange = _ => recordsWhenSent = JournalLines();

            var result = Sync(NewOperation(), "Analysts", "bob@example.com");

            Assert.Equal(2, recordsWhenSent);
            Assert.True(FirstIndexOf("ask ") < FirstIndexOf("send PATCH"));
            Assert.Equal(new[] { bob }, await MemberIdsAsync(group));
            Assert.Equal(new[] { "bob@example.com" }, result.Added);
            Assert.Equal(new[] { "ada@example.com" }, result.Removed);
            Assert.Empty(result.Failed);
            Assert.Empty(Recorder.Errors);
        }

        [Fact]
        public async Task Additions_the_server_does_not_make_are_reported_failed_with_an_error_each()
        {
            await StartServerAsync(options => options.Behaviour.PartialMemberPatch = true);
            foreach (var name in new[] { "p1", "p2", "p3" })
            {
                await CreateUserAsync(name + "@example.com");
            }
            await CreateGroupAsync("Partial");

            var result = Sync(NewOperation(), "Partial", "p1@example.com", "p2@example.com", "p3@example.com");

            Assert.Equal(new[] { "p1@example.com" }, result.Added);
            Assert.Equal(new[] { "p2@example.com", "p3@example.com" }, result.Failed.Select(f => f.Member).OrderBy(m => m));
            Assert.All(result.Failed, f => Assert.Equal("Add", f.Change));
            Assert.Equal(new[] { ModeScimErrorIds.ChangeNotApplied, ModeScimErrorIds.ChangeNotApplied }, Recorder.ErrorIds);
            Assert.Equal(new object[] { "p2@example.com", "p3@example.com" }, Recorder.Errors.Select(e => e.Target!).OrderBy(t => t));
        }

        [Fact]
        public async Task A_missing_group_is_not_created_and_each_desired_member_is_reported()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var changesBefore = await ChangesSentAsync();

            var result = Sync(NewOperation(), "Nowhere", "ada@example.com");

            Assert.Equal(new[] { ModeScimErrorIds.GroupNotFound }, Recorder.ErrorIds);
            Assert.Equal(changesBefore, await ChangesSentAsync());
            var failure = Assert.Single(result.Failed);
            Assert.Equal(("ada@example.com", "Add", ModeScimErrorIds.GroupNotFound), (failure.Member, failure.Change, failure.Reason));
        }

        [Fact]
        public async Task An_invalid_desired_member_leaves_the_group_alone_and_accounts_for_every_row()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Analysts", ada);

            var result = Sync(NewOperation(), "Analysts", "bob@example.com", " ");

            Assert.Equal(new[] { ModeScimErrorIds.InvalidInput }, Recorder.ErrorIds);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send ", System.StringComparison.Ordinal));
            Assert.Equal(new[] { ("Add", ModeScimErrorIds.InvalidInput), ("Sync", "not attempted: the group has invalid desired members") },
                result.Failed.Select(f => (f.Change, f.Reason)));
            Assert.Equal(new[] { ada }, await MemberIdsAsync(group));
        }
    }
}
