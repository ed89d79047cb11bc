using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Operations;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Set-ModeUser's Update record: on disk before the change leaves, each attribute with its value as the user was
    /// read; nothing written or sent under -WhatIf; nothing sent when the record cannot be written.</summary>
    public sealed class SetUserOperationTests : OperationTestBase
    {
        private SetUserOperation Operation(JournalSession? journal = null) =>
            new SetUserOperation(Recorder, NewSession(), journal ?? NewJournal(), passThru: false);

        private static UserChangeValues Values(string? email = null, string? givenName = null) =>
            new UserChangeValues(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Email", "GivenName" })
            {
                Email = email,
                GivenName = givenName,
            };

        private async Task<string?> EmailOfAsync(string id)
        {
            var (_, body) = await SendAsync("GET", "Users/" + id);
            return body!["emails"]![0]!["value"]!.GetValue<string>();
        }

        [Fact]
        public async Task The_update_record_is_on_disk_before_the_change_leaves_with_old_and_new_values()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ada@example.com");
            var atChange = new List<string>();
            Wire.OnChange = request => atChange.Add(request.Method.Method + " " + JournalText());

            Operation().Set(new ModeUserIdentity("ada@example.com"), Values(email: "ada.l@example.com", givenName: "Ada"));

            var sent = Assert.Single(atChange);
            Assert.Matches("^(PATCH|PUT) ", sent);
            Assert.Contains("\"Update\"", sent, StringComparison.Ordinal);
            var record = Assert.Single(JournalRecords());
            Assert.Equal("Update", record["action"]!.GetValue<string>());
            Assert.Equal(id, record["userId"]!.GetValue<string>());
            // The user had no givenName to show: its old value is absent, not "".
            Assert.Equal(new[] { "email: ada@example.com -> ada.l@example.com", "givenName: - -> Ada" }, ChangesOf(record));
            Assert.Null(record["changes"]![1]!["old"]);
            Assert.Equal("ada.l@example.com", await EmailOfAsync(id));
            Assert.Empty(Recorder.Errors);
        }

        [Fact]
        public async Task WhatIf_writes_no_record_and_sends_nothing()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ada@example.com");
            var before = await ChangesSentAsync();
            Recorder.WhatIf = true;

            Operation().Set(new ModeUserIdentity("ada@example.com"), Values(email: "ada.l@example.com"));

            Assert.Equal(before, await ChangesSentAsync());
            Assert.Equal(0, JournalLines());
            Assert.Equal("ada@example.com", await EmailOfAsync(id));
        }

        [Fact]
        public async Task A_journal_that_cannot_be_written_leaves_the_user_unchanged()
        {
            await StartServerAsync();
            var id = await CreateUserAsync("ada@example.com");
            var before = await ChangesSentAsync();

            Operation(BlockedJournal()).Set(new ModeUserIdentity("ada@example.com"), Values(email: "ada.l@example.com"));

            Assert.Equal(new[] { ModeScimErrorIds.JournalWriteFailed }, Recorder.ErrorIds);
            Assert.Equal(before, await ChangesSentAsync());
            Assert.Equal("ada@example.com", await EmailOfAsync(id));
        }

        [Fact]
        public async Task A_cleared_attribute_is_recorded_with_a_null_new_value()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            Operation().Set(new ModeUserIdentity("ada@example.com"), Values(givenName: "Ada"));

            Operation().Set(new ModeUserIdentity("ada@example.com"), Values(givenName: string.Empty));

            var cleared = JournalRecords().Last();
            Assert.Equal(new[] { "givenName: Ada -> null" }, ChangesOf(cleared));
            Assert.Null(cleared["changes"]![0]!["new"]);
        }
    }
}
