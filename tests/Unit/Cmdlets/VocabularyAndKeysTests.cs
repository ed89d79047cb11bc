using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The column names every cmdlet reads a user from are a contract with admins' exports (CHANGELOG and
    /// help list them), and the keys and labels a sync reports rows by.</summary>
    public class VocabularyAndKeysTests
    {
        [Fact]
        public void Each_attribute_is_read_from_the_documented_names_in_order()
        {
            Assert.Equal(new[] { "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name" },
                UserColumns.UserName);
            Assert.Equal(new[]
            {
                "Email", "Mail", "EmailAddress", "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email",
                "Work Email",
            }, UserColumns.Email);
            Assert.Equal(new[] { "GivenName", "FirstName", "name.givenName", "First Name [Required]", "First name", "Legal First Name" },
                UserColumns.GivenName);
            Assert.Equal(new[]
            {
                "FamilyName", "LastName", "Surname", "Sn", "name.familyName", "Last Name [Required]", "Last name", "Legal Last Name",
            }, UserColumns.FamilyName);
            Assert.Equal(new[] { "DisplayName", "Name", "FullName", "name.fullName", "Display name" }, UserColumns.DisplayName);
            Assert.Equal(new[] { "ExternalId", "EmployeeId", "EmployeeNumber", "Employee ID", "Employee Number", "Worker ID" },
                UserColumns.ExternalId);
        }

        [Fact]
        public void A_user_is_named_by_a_userName_then_an_email_then_a_Mode_id()
        {
            Assert.Equal(UserColumns.UserName.Concat(UserColumns.Email).Append("Id"), UserColumns.Identity);
        }

        [Theory]
        [InlineData("ExternalId", "ExternalId", false)]
        [InlineData("externalid", "ExternalId", false)]
        [InlineData("UserName", "UserName", true)]
        [InlineData("anything else", "UserName", true)]
        public void A_key_is_ExternalId_only_when_named_so(string text, string name, bool isUserName)
        {
            var key = UserSyncKey.Parse(text);

            Assert.Equal((name, isUserName), (key.Name, key.IsUserName));
            Assert.Equal(name, key.ToString());
        }

        [Fact]
        public void A_key_reads_its_own_attribute_and_compares_as_its_attribute_does()
        {
            var user = new ScimUser { UserName = "ada@example.com", ExternalId = "E1" };
            var spec = new UserSpec("bob@example.com", null, null, null, null, "E2");

            Assert.Equal("ada@example.com", UserSyncKey.UserName.Of(user));
            Assert.Equal("E1", UserSyncKey.ExternalId.Of(user));
            Assert.Equal("bob@example.com", UserSyncKey.UserName.Of(spec));
            Assert.Equal("E2", UserSyncKey.ExternalId.Of(spec));
            Assert.True(UserSyncKey.UserName.Comparer.Equals("ADA@example.com", "ada@example.com"));
            Assert.False(UserSyncKey.ExternalId.Comparer.Equals("e1", "E1"));
        }

        [Fact]
        public void A_row_is_labelled_by_its_userName_else_its_externalId_else_its_number()
        {
            Assert.Equal("ada@example.com", new DesiredUserRow(3, new UserSpec("ada@example.com", null, null, null, null, "E1"),
                "'x'").Label);
            Assert.Equal("E1", new DesiredUserRow(3, new UserSpec(null, null, null, null, null, "E1"), "'x'").Label);
            var numbered = new DesiredUserRow(3, new UserSpec(null, null, null, null, null, null), "'x'", source: "the row");
            Assert.Equal("(row 3)", numbered.Label);
            Assert.Equal(("'x'", (object?)"the row", 3), (numbered.Columns, numbered.Source, numbered.Number));
        }

        private static List<DesiredUserRow> Rows(params UserSpec[] specs) =>
            specs.Select((spec, i) => new DesiredUserRow(i + 1, spec, "'UserName'")).ToList();

        private static ScimUser User(string id, string userName, string? externalId = null, bool active = true) => new ScimUser
        {
            Id = id,
            UserName = userName,
            ExternalId = externalId,
            Active = active,
            Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = userName, Primary = true } },
        };

        [Fact]
        public void A_repeated_key_and_an_invalid_row_are_refused_in_words_that_name_them()
        {
            var planner = new UserSyncPlanner(UserSyncKey.UserName, updateExisting: true, disableMissing: false, _ => false);
            var rows = Rows(new UserSpec("ada@example.com", null, null, null, null, null), new UserSpec("ADA@example.com", null, null,
                null, null, null),
                new UserSpec("bad", "bad", null, null, null, null));

            var plan = planner.Plan(Array.Empty<ScimUser>(), rows);

            Assert.Equal("UserName 'ADA@example.com' appears more than once in the desired set; only the first is used.",
                plan.Rejected[0].Reason);
            Assert.Equal("User 'bad': Email 'bad' is not an email address.", plan.Rejected[1].Reason);
            Assert.Equal("Create", plan.Rejected[1].Change);
            Assert.Single(plan.Creates);
        }

        [Fact]
        public void Two_listed_users_with_one_key_are_matched_by_the_first()
        {
            var planner = new UserSyncPlanner(UserSyncKey.ExternalId, updateExisting: true, disableMissing: false, _ => false);
            var users = new[] { User("1", "first@example.com", "E1"), User("2", "second@example.com", "E1"), User("3",
                "nokey@example.com") };

            var plan = planner.Plan(users, Rows(new UserSpec("renamed@example.com", null, null, null, null, "E1")));

            var (user, change) = Assert.Single(plan.Updates);
            Assert.Equal("1", user.Id);
            Assert.Equal("renamed@example.com", change.UserName);
            Assert.Null(change.ExternalId);
        }

        [Fact]
        public void A_leaver_named_by_an_exclusion_is_counted_excluded_not_disabled()
        {
            var planner = new UserSyncPlanner(UserSyncKey.UserName, updateExisting: false, disableMissing: true,
                name => name == "svc@example.com");

            var plan = planner.Plan(new[] { User("1", "svc@example.com"), User("2", "gone@example.com") }, Rows());

            Assert.Equal(new[] { "2" }, plan.Disables.Select(u => u.Id));
            Assert.Equal(1, plan.Excluded);
        }

        [Fact]
        public void A_row_excluded_by_its_own_name_is_left_alone_even_when_it_matches_no_one()
        {
            var planner = new UserSyncPlanner(UserSyncKey.UserName, updateExisting: true, disableMissing: false,
                name => name == "svc@example.com");

            var plan = planner.Plan(Array.Empty<ScimUser>(), Rows(new UserSpec("svc@example.com", null, null, null, null, null)));

            Assert.Empty(plan.Creates);
            Assert.Equal(1, plan.Excluded);
        }
    }
}
