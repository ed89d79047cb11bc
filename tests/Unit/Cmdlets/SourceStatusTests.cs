using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>What the status columns of real exports say about a person, and what a sync does with a leaver the source
    /// names: never created, changed or re-enabled; disabled where still active; an unreadable status never guessed.</summary>
    public class SourceStatusTests
    {
        private static SourceStatus Read(params (string Column, string? Value)[] columns) =>
            SourceStatus.Read(columns.Where(c => StatusColumns.KindOf(c.Column) != null)
                .Select(c => (c.Column, StatusColumns.KindOf(c.Column)!.Value, c.Value)));

        [Theory]
        [InlineData("accountEnabled", "True", "Active")]
        [InlineData("accountEnabled", "False", "Inactive")]
        [InlineData("Account enabled", "no", "Inactive")]
        [InlineData("Enabled", "FALSE", "Inactive")]
        [InlineData("Block sign in", "Yes", "Inactive")]
        [InlineData("Block sign in", "No", "Active")]
        [InlineData("Suspended", "true", "Inactive")]
        [InlineData("Terminated", "0", "Active")]
        [InlineData("status", "ACTIVE", "Active")]
        [InlineData("status", "PASSWORD_EXPIRED", "Active")]
        [InlineData("status", "SUSPENDED", "Inactive")]
        [InlineData("Status", "DEPROVISIONED", "Inactive")]
        [InlineData("Active Status", "Yes", "Active")]
        [InlineData("Worker Status", "Terminated", "Inactive")]
        [InlineData("Employment Status", "On Leave", "Active")]
        [InlineData("Employment Status", "leave-of-absence", "Active")]
        [InlineData(" Worker Status ", " Retired ", "Inactive")]
        public void Each_known_column_is_read_its_own_way(string column, string value, string expected)
        {
            var status = Read((column, value));

            Assert.Null(status.Problem);
            Assert.Equal(expected, status.Activity.ToString());
        }

        [Theory]
        [InlineData("accountEnabled", "maybe")]
        [InlineData("Worker Status", "Contractor")]
        [InlineData("Block sign in", "")]
        [InlineData("status", null)]
        public void An_unknown_or_blank_value_is_a_problem_naming_the_column_and_value_never_a_guess(string column, string? value)
        {
            var status = Read((column, value));

            Assert.NotNull(status.Problem);
            Assert.Contains("'" + column + "'", status.Problem);
            Assert.Contains(string.IsNullOrEmpty(value) ? "is blank" : "'" + value + "'", status.Problem);
            Assert.False(status.IsInactive);
        }

        [Fact]
        public void A_row_without_status_columns_says_nothing_and_any_column_saying_not_active_wins()
        {
            Assert.Equal(SourceActivity.NotGiven, Read(("UserName", "ada@example.com")).Activity);
            var mixed = Read(("accountEnabled", "True"), ("Block sign in", "Yes"));
            Assert.True(mixed.IsInactive);
            Assert.Equal("Block sign in 'Yes'", mixed.Describe());
        }

        private static ScimUser User(string id, string userName, bool active = true) =>
            new() { Id = id, UserName = userName, Active = active };

        private static DesiredUserRow Row(int number, string userName, SourceStatus status) =>
            new(number, new UserSpec(userName, null, "Given", "Family", null, null) { Status = status }, "'UserName'");

        [Fact]
        public void A_leaver_the_source_names_is_disabled_if_active_never_created_or_re_enabled_even_without_DisableMissing()
        {
            var users = new[] { User("1", "ada@example.com"), User("2", "bob@example.com", active: false) };
            var off = Read(("accountEnabled", "False"));
            var rows = new List<DesiredUserRow>
            {
                Row(1, "ada@example.com", off), Row(2, "bob@example.com", off), Row(3, "new@example.com", off),
            };

            var plan = new UserSyncPlanner(UserSyncKey.UserName, true, false, _ => false).Plan(users, rows);

            Assert.Equal(new[] { "ada@example.com" }, plan.Disables.Select(u => u.UserName));
            Assert.Contains("accountEnabled 'False' in desired row 1", plan.LeaverReasons["1"]);
            Assert.Empty(plan.Creates);
            Assert.Empty(plan.Enables);
            Assert.Empty(plan.Updates);
            Assert.Equal(1, plan.LeaversWithoutAccount);
            Assert.Equal(1, plan.Unchanged);
        }

        [Fact]
        public void A_row_whose_status_cannot_be_read_is_refused_and_protects_its_user_from_DisableMissing()
        {
            var users = new[] { User("1", "ada@example.com", active: false), User("2", "bob@example.com") };
            var rows = new List<DesiredUserRow>
            {
                Row(1, "ada@example.com", Read(("Worker Status", "Contractor"))),
                Row(2, "bob@example.com", Read(("Worker Status", "Sabbatical"))),
            };

            var plan = new UserSyncPlanner(UserSyncKey.UserName, false, true, _ => false).Plan(users, rows);

            Assert.Empty(plan.Enables);
            Assert.Empty(plan.Disables);
            Assert.Equal(new[] { 1, 2 }, plan.Rejected.Select(r => r.Row.Number));
            Assert.Contains("'Contractor'", plan.Rejected[0].Reason);
        }

        [Fact]
        public void A_guest_row_is_skipped_and_its_account_is_not_missing_unless_guests_are_included()
        {
            var guest = "ada_partner.com#EXT#@tenant.onmicrosoft.com";
            var users = new[] { User("1", guest) };
            var rows = new List<DesiredUserRow>
            {
                Row(1, guest, SourceStatus.NotGiven), Row(2, "new_partner.com#EXT#@tenant.onmicrosoft.com", SourceStatus.NotGiven),
            };

            var skipped = new UserSyncPlanner(UserSyncKey.UserName, false, true, _ => false).Plan(users, rows);
            var included = new UserSyncPlanner(UserSyncKey.UserName, false, true, _ => false, includeGuests: true).Plan(users, rows);

            Assert.Equal(2, skipped.Guests.Count);
            Assert.Empty(skipped.Creates);
            Assert.Empty(skipped.Disables);
            Assert.Empty(included.Guests);
            Assert.Single(included.Creates);
        }

        [Fact]
        public void The_answer_does_not_depend_on_the_order_of_the_columns()
        {
            Assert.True(Read(("Employment Status", ""), ("accountEnabled", "False")).IsInactive);
            Assert.True(Read(("accountEnabled", "False"), ("Employment Status", "")).IsInactive);
            Assert.NotNull(Read(("accountEnabled", "True"), ("Employment Status", "")).Problem);
            Assert.NotNull(Read(("Employment Status", ""), ("accountEnabled", "True")).Problem);
        }

        [Fact]
        public void Rows_for_one_person_that_disagree_on_status_refuse_that_person_whatever_their_order()
        {
            var users = new[] { User("1", "ada@example.com"), User("2", "bob@example.com") };
            var off = Read(("accountEnabled", "False"));
            var on = Read(("accountEnabled", "True"));

            foreach (var rows in new[]
            {
                new List<DesiredUserRow> { Row(1, "ada@example.com", off), Row(2, "ADA@example.com", on), Row(3, "bob@example.com", on) },
                new List<DesiredUserRow> { Row(1, "ada@example.com", on), Row(2, "ada@example.com", off), Row(3, "bob@example.com", on) },
            })
            {
                var plan = new UserSyncPlanner(UserSyncKey.UserName, false, true, _ => false).Plan(users, rows);

                Assert.Empty(plan.Disables);
                Assert.Contains("rows 1, 2", Assert.Single(plan.Rejected).Reason);
            }
        }

        [Fact]
        public void A_row_refused_for_a_blank_key_protects_the_person_it_names_by_userName()
        {
            var users = new[]
            {
                new ScimUser { Id = "1", UserName = "p@example.com", ExternalId = "E1", Active = true },
                User("2", "q@example.com"),
                new ScimUser { Id = "3", UserName = "r@example.com", ExternalId = "E3", Active = true },
            };
            var rows = new List<DesiredUserRow>
            {
                new(1, new UserSpec("p@example.com", null, null, null, null, null), "'EmployeeId'"),
                new(2, new UserSpec("q@example.com", null, null, null, null, null), "'EmployeeId'"),
                new(3, new UserSpec("r@example.com", null, null, null, null, "E3"), "'EmployeeId'"),
            };

            var plan = new UserSyncPlanner(UserSyncKey.ExternalId, false, true, _ => false).Plan(users, rows);

            Assert.Empty(plan.Disables);
            Assert.Equal(new[] { "p@example.com", "q@example.com" }, plan.Protected.Select(p => p.User.UserName).OrderBy(n => n));
        }

    }
}
