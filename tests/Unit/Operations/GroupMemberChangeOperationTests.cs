using System.Linq;
using System.Threading.Tasks;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Add- and Remove-ModeGroupMember's order of steps: every group is read and every name looked up, and each
    /// refusal written, before the first change; -WhatIf changes nothing; each member the server refuses is named.</summary>
    public class GroupMemberChangeOperationTests : OperationTestBase
    {
        private GroupMemberChangeOperation NewOperation(bool adding, bool passThru = false, JournalSession? journal = null) =>
            new GroupMemberChangeOperation(Recorder, NewSession(), journal ?? NewJournal(),
                new GroupMemberChangeOptions { Adding = adding, PassThru = passThru });

        private static ModeGroupIdentity[] Groups(params string[] names) => names.Select(n => new ModeGroupIdentity(n)).ToArray();

        private static ModeUserIdentity[] Users(params string[] names) => names.Select(n => new ModeUserIdentity(n)).ToArray();

        [Fact]
        public async Task Every_lookup_and_refusal_comes_before_the_first_change()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var first = await CreateGroupAsync("First");
            var second = await CreateGroupAsync("Second");
            var operation = NewOperation(adding: true);

            operation.Add(Groups("First"), Users("ada@example.com", "ghost@example.com"));
            operation.Add(Groups("Second", "Nowhere"), Users("bob@example.com"));
            operation.End();

            Assert.Equal(new[] { ModeScimErrorIds.GroupNotFound, ModeScimErrorIds.UserNotFound }, Recorder.ErrorIds);
            var firstChange = FirstIndexOf("send PATCH");
            Assert.True(FirstIndexOf("error " + ModeScimErrorIds.UserNotFound) < firstChange);
            Assert.True(FirstIndexOf("ask ") < firstChange);
            Assert.Equal(new[] { ada }, await MemberIdsAsync(first));
            Assert.Equal(new[] { bob }, await MemberIdsAsync(second));
        }

        [Fact]
        public async Task WhatIf_sends_no_change()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Analysts", ada);
            var changesBefore = await ChangesSentAsync();
            Recorder.WhatIf = true;
            var operation = NewOperation(adding: false);

            operation.Add(Groups("Analysts"), Users("ada@example.com"));
            operation.End();

            Assert.Equal(1, Recorder.Events.Count(e => e.StartsWith("ask ", System.StringComparison.Ordinal)));
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(new[] { ada }, await MemberIdsAsync(group));
            Assert.Equal(0, JournalLines());
        }

        [Theory]
        [InlineData(true, "GroupAdd")]
        [InlineData(false, "GroupRemove")]
        public async Task Each_members_record_is_on_disk_before_the_change_leaves(bool adding, string action)
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Analysts", adding ? System.Array.Empty<string>() : new[] { ada, bob });
            var atPatch = new System.Collections.Generic.List<string>();
            Wire.OnChange = request => atPatch.Add(request.Method.Method + " " + JournalText());

            var operation = NewOperation(adding);
            operation.Add(Groups("Analysts"), Users("ada@example.com", "bob@example.com"));
            operation.End();

            var sent = Assert.Single(atPatch);
            Assert.StartsWith("PATCH ", sent, System.StringComparison.Ordinal);
            var records = JournalRecords();
            Assert.Equal(2, records.Count);
            Assert.Equal(2, sent.Split('\n').Count(line => line.Contains("\"" + action + "\"", System.StringComparison.Ordinal)));
            Assert.All(records, r => Assert.Equal(action, r["action"]!.GetValue<string>()));
            Assert.All(records, r => Assert.Equal(group, r["groups"]![0]!["id"]!.GetValue<string>()));
            Assert.Equal(new[] { ada, bob }, records.Select(r => r["userId"]!.GetValue<string>()).OrderBy(i => i == bob));
            Assert.Equal(adding ? 2 : 0, (await MemberIdsAsync(group)).Count);
        }

        [Fact]
        public async Task A_journal_that_cannot_be_written_leaves_the_group_unchanged()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var group = await CreateGroupAsync("Analysts");
            var changesBefore = await ChangesSentAsync();

            var operation = NewOperation(adding: true, journal: BlockedJournal());
            operation.Add(Groups("Analysts"), Users("ada@example.com"));
            operation.End();

            Assert.Equal(new[] { ModeScimErrorIds.JournalWriteFailed }, Recorder.ErrorIds);
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Empty(await MemberIdsAsync(group));
        }

        [Fact]
        public async Task Removing_someone_who_is_not_a_member_asks_nothing_and_sends_nothing()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            await CreateUserAsync("bob@example.com");
            var group = await CreateGroupAsync("Analysts", ada);
            var changesBefore = await ChangesSentAsync();
            var operation = NewOperation(adding: false, passThru: true);

            operation.Add(Groups("Analysts"), Users("bob@example.com"));
            operation.End();

            Assert.Equal(-1, FirstIndexOf("ask "));
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Equal(group, Assert.IsType<ModeGroup>(Assert.Single(Recorder.Output)).Id);
        }

        [Fact]
        public async Task Each_member_the_server_does_not_add_is_an_error_naming_them()
        {
            await StartServerAsync(options => options.Behaviour.PartialMemberPatch = true);
            foreach (var name in new[] { "p1", "p2", "p3" })
            {
                await CreateUserAsync(name + "@example.com");
            }
            var group = await CreateGroupAsync("Partial");
            var operation = NewOperation(adding: true);

            operation.Add(Groups("Partial"), Users("p1@example.com", "p2@example.com", "p3@example.com"));
            operation.End();

            Assert.Equal(new[] { ModeScimErrorIds.ChangeNotApplied, ModeScimErrorIds.ChangeNotApplied }, Recorder.ErrorIds);
            Assert.Equal(new object[] { "p2@example.com", "p3@example.com" }, Recorder.Errors.Select(e => e.Target!).OrderBy(t => t));
            Assert.Single(await MemberIdsAsync(group));
        }

        [Fact]
        public async Task An_unusable_group_is_refused_naming_the_members_it_would_have_had()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var operation = NewOperation(adding: true);

            operation.Add(new ModeGroupIdentity?[] { null }, Users("ada@example.com"));
            operation.End();

            var error = Assert.Single(Recorder.Errors);
            Assert.Equal(ModeScimErrorIds.InvalidInput, error.ErrorId);
            Assert.Contains("Not added: ada@example.com.", error.Message, System.StringComparison.Ordinal);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send ", System.StringComparison.Ordinal));
        }
    }
}
