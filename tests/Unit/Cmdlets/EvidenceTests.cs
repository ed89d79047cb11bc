using System;
using System.IO;
using System.Linq;
using ModeScim.PowerShell.Evidence;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The pure parts of Export-ModeEvidence: leave dates read without guessing, each leaver's hours to revoke from
    /// the journal, and text that neither a spreadsheet nor a pipeline runs.</summary>
    public sealed class EvidenceTests
    {
        private static readonly DateTime Now = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

        [Theory]
        [InlineData("2026-11-30", "2026-11-30T00:00:00")]
        [InlineData("2026-11-30T17:30:00Z", "2026-11-30T17:30:00")]
        [InlineData("2026-11-30T17:30:00+02:00", "2026-11-30T15:30:00")]
        [InlineData("2026-11-30 17:30", "2026-11-30T17:30:00")]
        [InlineData("30 Nov 2026", "2026-11-30T00:00:00")]
        [InlineData("November 30, 2026", "2026-11-30T00:00:00")]
        [InlineData("30-Nov-2026", "2026-11-30T00:00:00")]
        [InlineData("30/11/2026", "2026-11-30T00:00:00")]
        [InlineData("11/30/2026", "2026-11-30T00:00:00")]
        [InlineData("05/05/2026", "2026-05-05T00:00:00")]
        [InlineData(" 2026-11-30 ", "2026-11-30T00:00:00")]
        public void A_leave_date_in_an_unambiguous_form_is_read_as_UTC(string text, string expected)
        {
            var date = LeaveDate.Parse("LeaveDate", text);

            Assert.Null(date.Problem);
            Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date.Utc);
            Assert.Equal(DateTimeKind.Utc, date.Utc!.Value.Kind);
        }

        [Theory]
        [InlineData("03/04/2026", "day/month or month/day")]
        [InlineData("31/02/2026", "not a day of the calendar")]
        [InlineData("46000", "not a date")]
        [InlineData("next Friday", "not a date")]
        [InlineData("2026-13-01", "not a date")]
        [InlineData("00/13/0000", "not a day of the calendar")]
        public void A_leave_date_that_cannot_be_read_for_sure_has_a_problem_and_no_date(string text, string why)
        {
            var date = LeaveDate.Parse("Termination Date", text);

            Assert.Null(date.Utc);
            Assert.Contains(why, date.Problem, StringComparison.Ordinal);
            Assert.Contains("'Termination Date'", date.Problem, StringComparison.Ordinal);
            Assert.True(date.IsGiven);
        }

        [Fact]
        public void A_date_object_keeps_its_moment_a_local_one_converted()
        {
            var local = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc).ToLocalTime();

            Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), LeaveDate.Parse("EndDate", local).Utc);
            Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0, DateTimeKind.Utc),
                LeaveDate.Parse("EndDate", new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(2))).Utc);
        }

        [Theory]
        [InlineData("2026-11-30T00:00:00Z", "2026-12-01T13:30:00Z", 37.5)]
        [InlineData("2026-11-30T00:00:00Z", "2026-11-29T18:00:00Z", -6)]
        [InlineData("2026-11-30T00:00:00Z", "2026-11-30T00:00:20Z", 0.01)]
        public void Hours_to_revoke_are_the_hours_between_to_two_decimals(string left, string revoked, double hours)
        {
            Assert.Equal(hours, LeaverEvidence.Hours(Utc(left), Utc(revoked)));
        }

        [Fact]
        public void A_leaver_disabled_after_leaving_is_revoked_with_the_hours_between()
        {
            var evidence = new LeaverEvidence(new[] { Record("Disable", "ada@example.com", "u1", "2026-12-01T13:30:00Z") }, Now);

            var row = evidence.RowOf(Leaver("ADA@example.com", "2026-11-30"), new AccountNow("u1", false));

            Assert.Equal((LeaverStatus.Revoked, 37.5, "Inactive"), (row.Status, row.HoursToRevoke!.Value, row.AccountNow));
            Assert.Equal(Utc("2026-12-01T13:30:00Z"), row.DisabledAt);
        }

        [Fact]
        public void A_leaver_with_no_disable_record_is_not_revoked_whatever_the_account()
        {
            var evidence = new LeaverEvidence(new[] { Record("Disable", "bob@example.com", "u2", "2026-12-01T00:00:00Z") }, Now);

            var inactive = evidence.RowOf(Leaver("ada@example.com", "2026-11-30"), new AccountNow("u1", false));
            var none = evidence.RowOf(Leaver("ada@example.com", "2026-11-30"), null);

            Assert.Equal((LeaverStatus.NotRevoked, "Inactive"), (inactive.Status, inactive.AccountNow));
            Assert.Equal((LeaverStatus.NotRevoked, "None"), (none.Status, none.AccountNow));
            Assert.Null(inactive.HoursToRevoke);
            Assert.Contains("no Disable or Remove record", inactive.Note, StringComparison.Ordinal);
        }

        [Fact]
        public void A_disable_followed_by_an_enable_does_not_stand_and_the_next_one_does()
        {
            var journal = new[]
            {
                Record("Disable", "ada@example.com", "u1", "2026-11-01T00:00:00Z"),
                Record("Enable", "ada@example.com", "u1", "2026-11-02T00:00:00Z"),
                Record("Disable", "ada@example.com", "u1", "2026-12-02T00:00:00Z"),
                Record("Remove", "ada@example.com", "u1", "2026-12-03T00:00:00Z"),
            };

            var row = new LeaverEvidence(journal, Now).RowOf(Leaver("ada@example.com", "2026-12-01"), new AccountNow("u1", false));
            var reEnabled = new LeaverEvidence(journal.Take(2), Now).RowOf(Leaver("ada@example.com", "2026-10-31"), null);

            Assert.Equal((LeaverStatus.Revoked, 24.0), (row.Status, row.HoursToRevoke!.Value));
            Assert.Equal(Utc("2026-12-03T00:00:00Z"), row.RemovedAt);
            Assert.Equal(LeaverStatus.NotRevoked, reEnabled.Status);
        }

        [Fact]
        public void An_account_active_now_is_not_revoked_even_with_a_disable_record()
        {
            var evidence = new LeaverEvidence(new[] { Record("Disable", "ada@example.com", "u1", "2026-12-01T00:00:00Z") }, Now);

            var row = evidence.RowOf(Leaver("ada@example.com", "2026-11-30"), new AccountNow("u1", true));

            Assert.Equal((LeaverStatus.NotRevoked, "Active"), (row.Status, row.AccountNow));
            Assert.Contains("active now", row.Note, StringComparison.Ordinal);
        }

        [Fact]
        public void A_record_under_a_new_userName_is_found_by_the_account_id()
        {
            var evidence = new LeaverEvidence(new[] { Record("Disable", "old.name@example.com", "u1", "2026-12-01T00:00:00Z") }, Now);

            Assert.Equal(LeaverStatus.Revoked, evidence.RowOf(Leaver("ada@example.com", "2026-11-30"), new AccountNow("u1", false)).Status);
        }

        [Fact]
        public void Unreadable_dates_missing_names_and_missing_dates_are_listed_never_counted_as_leavers_with_a_date()
        {
            var evidence = new LeaverEvidence(new[] { Record("Disable", "ada@example.com", "u1", "2026-12-01T00:00:00Z") }, Now);

            var ambiguous = evidence.RowOf(Leaver("ada@example.com", "03/04/2026"), new AccountNow("u1", false));
            var nameless = evidence.RowOf(new LeaverSource(null, LeaveDate.Parse("LeaveDate", "2026-11-30"), false), null);
            var dateless = evidence.RowOf(new LeaverSource("ada@example.com", LeaveDate.None, true), new AccountNow("u1", false));
            var future = evidence.RowOf(Leaver("ada@example.com", "2027-01-31"), new AccountNow("u1", true));

            Assert.Equal((LeaverStatus.Unreadable, (double?)null), (ambiguous.Status, ambiguous.HoursToRevoke));
            Assert.Contains("day/month", ambiguous.Note, StringComparison.Ordinal);
            Assert.Equal(LeaverStatus.Unreadable, nameless.Status);
            Assert.Equal((LeaverStatus.Unreadable, (double?)null), (dateless.Status, dateless.HoursToRevoke));
            Assert.Contains("no leave date", dateless.Note, StringComparison.Ordinal);
            Assert.Equal(LeaverStatus.NotYetLeft, future.Status);
        }

        [Fact]
        public void Staff_are_rows_with_neither_a_leave_date_nor_a_status_that_says_they_left()
        {
            Assert.False(new LeaverSource("ada@example.com", LeaveDate.None, false).IsLeaver);
            Assert.True(new LeaverSource("ada@example.com", LeaveDate.None, true).IsLeaver);
            Assert.True(new LeaverSource("ada@example.com", LeaveDate.Parse("LeaveDate", "soon"), false).IsLeaver);
        }

        [Theory]
        [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
        [InlineData("+1", "'+1")]
        [InlineData("-2+3", "'-2+3")]
        [InlineData("@SUM(A1)", "'@SUM(A1)")]
        [InlineData("\tx", "'\tx")]
        [InlineData("ada@example.com", "ada@example.com")]
        [InlineData("##vso[task.setvariable variable=x]1", "##vso%5Btask.setvariable variable=x]1")]
        [InlineData("a ##[error]b", "a ##%5Berror]b")]
        [InlineData(null, "")]
        public void Outside_text_is_neither_a_formula_nor_a_logging_command(string? text, string expected)
        {
            Assert.Equal(expected, EvidenceCsv.Text(text));
        }

        [Fact]
        public void A_journal_line_keeps_its_values_and_loses_its_logging_commands()
        {
            var line = "{\"action\":\"Disable\",\"userId\":\"u1\",\"userName\":\"x\",\"reason\":\"##vso[task.complete]##[error]\"}";

            var safe = JournalEvidence.SafeJson(line);

            Assert.DoesNotContain("##vso[", safe, StringComparison.Ordinal);
            Assert.DoesNotContain("##[", safe, StringComparison.Ordinal);
            Assert.Equal("##vso[task.complete]##[error]",
                System.Text.Json.JsonDocument.Parse(safe).RootElement.GetProperty("reason").GetString());
        }

        [Fact]
        public void The_reader_keeps_a_PlanApply_record_which_names_no_user()
        {
            var path = Path.Combine(Path.GetTempPath(), "planapply-" + Guid.NewGuid().ToString("N") + ".jsonl");
            File.WriteAllText(path, "{\"time\":\"2026-12-01T10:00:00Z\",\"action\":\"PlanApply\",\"userId\":\"\",\"userName\":\"\","
                + "\"plan\":{\"id\":\"p1\",\"sha256\":\"ab\",\"file\":\"plan.json\",\"kind\":\"Sync-ModeUser\",\"changes\":2}}\n"
                + "{\"time\":\"2026-12-01T10:00:01Z\",\"action\":\"Disable\",\"userId\":\"\",\"userName\":\"x\"}\n");
            try
            {
                var lines = JournalReader.Read(path).ToList();

                Assert.Equal("p1", lines[0].Entry?.Plan?.Id);
                Assert.Null(lines[1].Entry);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static LeaverSource Leaver(string userName, string leaveDate) =>
            new LeaverSource(userName, LeaveDate.Parse("LeaveDate", leaveDate), false);

        private static JournalEntry Record(string action, string userName, string userId, string time) =>
            new JournalEntry { Action = action, UserName = userName, UserId = userId, Time = Utc(time) };

        private static DateTime Utc(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
    }
}
