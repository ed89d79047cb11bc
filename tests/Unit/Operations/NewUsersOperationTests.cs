using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>New-ModeUser's order of steps against the in-process emulator: a row that cannot be created as given is
    /// refused before any request; a valid one is asked for, looked up, then created.</summary>
    public sealed class NewUsersOperationTests : OperationTestBase
    {
        private static DesiredUserRow Row(string? userName, string? email = null, SourceStatus? status = null) =>
            new DesiredUserRow(1, new UserSpec(userName, email, null, null, null, null) { Status = status ?? SourceStatus.NotGiven },
                "'UserName', 'Email'", "row 1");

        private NewUsersOperation Operation(JournalSession? journal = null) =>
            new NewUsersOperation(Recorder, NewSession(), journal ?? NewJournal(), includeGuests: false);

        [Theory]
        [InlineData("ada@example.com", "not-an-email")]
        [InlineData("ada@example.com\u200B", null)]
        [InlineData(null, null)]
        public async Task An_invalid_row_is_refused_before_any_request(string? userName, string? email)
        {
            await StartServerAsync();

            Operation().Create(Row(userName, email), fromObject: true, active: true);

            Assert.Equal(new[] { "error " + ModeScimErrorIds.InvalidInput }, Recorder.Events);
            Assert.Contains("(row 1; its columns are 'UserName', 'Email')", Recorder.Errors[0].Message);
            Assert.Equal(0, await ChangesSentAsync());
        }

        [Fact]
        public async Task A_row_its_source_marks_as_not_active_is_refused_before_any_request()
        {
            await StartServerAsync();
            var status = SourceStatus.Read(new[] { ("accountEnabled", StatusColumns.Kind.EnabledFlag, (string?)"False") });

            Operation().Create(Row("ada@example.com", status: status), fromObject: true, active: true);

            Assert.Equal(new[] { "error " + ModeScimErrorIds.InactiveInSource }, Recorder.Events);
            Assert.Equal(0, await ChangesSentAsync());
        }

        [Fact]
        public async Task A_valid_user_is_asked_for_looked_up_then_created()
        {
            await StartServerAsync();

            Operation().Create(Row("ada@example.com"), fromObject: false, active: false);

            var asked = FirstIndexOf("ask ada@example.com");
            var lookedUp = FirstIndexOf("send GET");
            Assert.InRange(asked, 0, lookedUp - 1);
            Assert.InRange(lookedUp, 0, FirstIndexOf("send POST") - 1);
            var created = Assert.IsType<ModeUser>(Assert.Single(Recorder.Output));
            Assert.Equal("ada@example.com", created.UserName);
            Assert.False(await IsActiveAsync(created.Id));
        }

        [Fact]
        public async Task A_user_that_exists_is_reported_and_never_posted()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            var seeded = await ChangesSentAsync();

            Operation().Create(Row("ADA@example.com"), fromObject: true, active: true);

            Assert.Equal(new[] { ModeScimErrorIds.UserAlreadyExists }, Recorder.ErrorIds);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send POST", StringComparison.Ordinal));
            Assert.Equal(seeded, await ChangesSentAsync());
            Assert.Empty(Recorder.Output.OfType<ModeUser>());
            Assert.Equal(0, JournalLines());
        }

        [Fact]
        public async Task The_create_record_is_on_disk_before_the_POST_leaves_naming_each_attribute_given()
        {
            await StartServerAsync();
            var atPost = new List<string>();
            Wire.OnChange = request => atPost.Add(request.Method.Method + " " + JournalText());
            var row = new DesiredUserRow(1, new UserSpec("ada@example.com", null, "Ada", "Lovelace", null, "E-1"), "'UserName'");

            Operation().Create(row, fromObject: false, active: true);

            var sent = Assert.Single(atPost);
            Assert.StartsWith("POST ", sent, StringComparison.Ordinal);
            Assert.Contains("\"Create\"", sent, StringComparison.Ordinal);
            var record = Assert.Single(JournalRecords());
            Assert.Equal("Create", record["action"]!.GetValue<string>());
            Assert.Equal("ada@example.com", record["userName"]!.GetValue<string>());
            Assert.Equal(string.Empty, record["userId"]!.GetValue<string>());
            Assert.Equal(new[]
            {
                "userName: - -> ada@example.com", "email: - -> ada@example.com", "givenName: - -> Ada", "familyName: - -> Lovelace",
                "displayName: - -> Ada Lovelace", "externalId: - -> E-1", "active: - -> true",
            }, ChangesOf(record));
            Assert.Equal("ada@example.com", Assert.IsType<ModeUser>(Assert.Single(Recorder.Output)).UserName);
            // Read back as a whole record, though it names no id.
            var read = Assert.Single(JournalReader.ReadAll(JournalPath));
            Assert.NotNull(read.Entry);
        }

        [Fact]
        public async Task WhatIf_writes_no_record_and_sends_nothing()
        {
            await StartServerAsync();
            Recorder.WhatIf = true;

            Operation().Create(Row("ada@example.com"), fromObject: false, active: true);

            Assert.Equal(0, await ChangesSentAsync());
            Assert.Equal(0, JournalLines());
        }

        [Fact]
        public async Task A_journal_that_cannot_be_written_leaves_the_user_uncreated()
        {
            await StartServerAsync();

            Operation(BlockedJournal()).Create(Row("ada@example.com"), fromObject: false, active: true);

            Assert.Equal(new[] { ModeScimErrorIds.JournalWriteFailed }, Recorder.ErrorIds);
            Assert.DoesNotContain(Recorder.Events, e => e.StartsWith("send POST", StringComparison.Ordinal));
            Assert.Equal(0, await ChangesSentAsync());
            Assert.Empty(Recorder.Output);
        }
    }
}
