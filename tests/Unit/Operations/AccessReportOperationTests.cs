using System;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Get-ModeAccessReport's reads: refusals come before any request, and the rows are the server's users with
    /// their groups as the group side says.</summary>
    public class AccessReportOperationTests : OperationTestBase
    {
        private AccessReportOperation NewOperation(AccessReportOptions options) =>
            new AccessReportOperation(Recorder, NewSession(), options);

        private bool AnyRequest() => Recorder.Events.Any(e => e.StartsWith("send ", StringComparison.Ordinal));

        [Fact]
        public async Task A_reference_that_names_no_one_is_refused_before_any_request()
        {
            await StartServerAsync();
            var operation = NewOperation(new AccessReportOptions { ReferenceGiven = true, ByExternalId = true });
            operation.Begin();
            operation.AddReference(new UserSpec("ada@example.com", null, null, null, null, null), () => "'UserName'");

            var refusal = Assert.Throws<ModeScimRefusal>(() => operation.End());

            Assert.Equal(ModeScimErrorIds.EmptyDesiredSet, refusal.Error.ErrorId);
            Assert.Contains("none has a ExternalId; the columns seen are: 'UserName'", refusal.Error.Message, StringComparison.Ordinal);
            Assert.False(AnyRequest());
        }

        [Fact]
        public async Task InactiveDays_without_the_REST_API_is_refused_in_Begin_before_any_request()
        {
            await StartServerAsync();
            var operation = NewOperation(new AccessReportOptions { InactiveDays = 30 });

            var refusal = Assert.Throws<ModeScimRefusal>(operation.Begin);

            Assert.Equal(ModeScimErrorIds.RestApiNotConnected, refusal.Error.ErrorId);
            Assert.False(AnyRequest());
        }

        [Fact]
        public async Task Each_user_is_a_row_with_its_groups_and_the_reference_marks_the_orphaned_and_the_missing()
        {
            await StartServerAsync();
            var ada = await CreateUserAsync("ada@example.com");
            await CreateUserAsync("bob@example.com");
            await CreateGroupAsync("Finance", ada);
            var changesBefore = await ChangesSentAsync();
            var operation = NewOperation(new AccessReportOptions { ReferenceGiven = true });
            operation.AddReference(new UserSpec("ada@example.com", null, null, null, null, null), () => "'UserName'");
            operation.AddReference(new UserSpec("cy@example.com", null, null, null, null, null), () => "'UserName'");

            var read = operation.End();

            var rows = Recorder.Output.Cast<ModeAccessReportRow>().ToList();
            Assert.Equal(2, read);
            Assert.Equal(new[]
            {
                ("ada@example.com", ModeAccessStatus.Ok, "Finance"),
                ("bob@example.com", ModeAccessStatus.Orphaned, ""),
                ("cy@example.com", ModeAccessStatus.Missing, ""),
            }, rows.Select(r => (r.UserName, r.Status, r.Groups)));
            Assert.Equal(changesBefore, await ChangesSentAsync());
            Assert.Empty(Recorder.Errors);
        }

        [Fact]
        public async Task Summary_writes_the_counts_alone()
        {
            await StartServerAsync();
            await CreateUserAsync("ada@example.com");
            await CreateUserAsync("bob@example.com", active: false);

            NewOperation(new AccessReportOptions { Summary = true }).End();

            var summary = Assert.IsType<ModeAccessReportSummary>(Assert.Single(Recorder.Output));
            Assert.Equal((2, 1, 1, 1), (summary.Total, summary.Ok, summary.Inactive, summary.ActiveSeats));
        }
    }
}
