using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Sync-ModeUser's decisions, without a server: who is created, updated, re-enabled, disabled, left
    /// alone or refused.</summary>
    public class UserSyncPlannerTests
    {
        private static ScimUser User(string id, string userName, bool active = true, string? externalId = null, string? displayName = null)
        {
            return new ScimUser
            {
                Id = id,
                UserName = userName,
                Active = active,
                ExternalId = externalId,
                DisplayName = displayName,
                Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = userName, Type = "work", Primary = true } },
            };
        }

        private static List<DesiredUserRow> Rows(params UserSpec[] specs)
        {
            return specs.Select((spec, i) => new DesiredUserRow(i + 1, spec, "'UserName'")).ToList();
        }

        private static UserSpec Spec(string? userName, string? displayName = null, string? externalId = null)
        {
            return new UserSpec(userName, null, null, null, displayName, externalId);
        }

        private static UserSyncPlanner Planner(bool update = false, bool disable = false, UserSyncKey? key = null, params string[] excluded)
        {
            return new UserSyncPlanner(key ?? UserSyncKey.UserName, update, disable, name => name != null
                && excluded.Contains(name, StringComparer.OrdinalIgnoreCase));
        }

        [Theory]
        [InlineData("ada@example.com\u200B")]
        [InlineData("\uFEFFada@example.com")]
        [InlineData("ADA@example.com\u2060")]
        public void A_refused_row_that_could_name_an_existing_user_keeps_that_user_from_being_disabled(string userName)
        {
            var users = new[] { User("1", "ada@example.com"), User("2", "bob@example.com"), User("3", "cy@example.com") };

            var plan = Planner(disable: true).Plan(users, Rows(Spec(userName), Spec("bob@example.com")));

            Assert.Equal(new[] { "cy@example.com" }, plan.Disables.Select(u => u.UserName));
            var (user, row) = Assert.Single(plan.Protected);
            Assert.Equal(("ada@example.com", 1), (user.UserName, row.Number));
            Assert.Contains(plan.Rejected, r => r.Row.Number == 1);
        }

        [Fact]
        public void A_userName_with_blanks_around_it_names_the_same_user()
        {
            var users = new[] { User("1", "ada@example.com"), User("2", "cy@example.com") };

            var plan = Planner(disable: true).Plan(users, Rows(Spec(" ada@example.com\u00A0")));

            Assert.Equal(new[] { "cy@example.com" }, plan.Disables.Select(u => u.UserName));
            Assert.Empty(plan.Creates);
            Assert.Empty(plan.Protected);
        }

        [Fact]
        public void A_row_refused_for_lacking_its_key_protects_nobody()
        {
            var users = new[] { User("1", "ada@example.com") };

            var plan = Planner(disable: true).Plan(users, Rows(Spec(null, displayName: "Ada"), Spec("bob@example.com")));

            Assert.Empty(plan.Protected);
            Assert.Equal(new[] { "ada@example.com" }, plan.Disables.Select(u => u.UserName));
        }

        [Fact]
        public void Creates_the_missing_and_leaves_the_matching_alone_comparing_userNames_without_case()
        {
            var users = new[] { User("1", "ada@example.com") };

            var plan = Planner().Plan(users, Rows(Spec("ADA@example.com"), Spec("bob@example.com")));

            Assert.Equal(new[] { "bob@example.com" }, plan.Creates.Select(s => s.UserName));
            Assert.Equal(1, plan.Unchanged);
            Assert.Empty(plan.Updates);
            Assert.Empty(plan.Disables);
        }

        [Fact]
        public void Compares_externalIds_exactly()
        {
            var users = new[] { User("1", "ada@example.com", externalId: "E1") };

            var plan = Planner(key: UserSyncKey.ExternalId).Plan(users, Rows(Spec("ada@example.com", externalId: "e1")));

            Assert.Single(plan.Creates);
            Assert.Equal(0, plan.Unchanged);
        }

        [Fact]
        public void Updates_only_what_differs_and_only_when_asked()
        {
            var users = new[] { User("1", "ada@example.com", displayName: "Ada") };
            var rows = Rows(Spec("ada@example.com", displayName: "Ada Lovelace"));

            var without = Planner().Plan(users, rows);
            var with = Planner(update: true).Plan(users, rows);

            Assert.Empty(without.Updates);
            Assert.Equal(1, without.Unchanged);
            var (user, change) = Assert.Single(with.Updates);
            Assert.Equal("1", user.Id);
            Assert.Equal(new[] { "DisplayName" }, change.ChangedAttributes);
            Assert.Equal(0, with.Unchanged);
        }

        [Fact]
        public void Re_enables_a_returning_user_and_updates_them_in_the_same_run()
        {
            var users = new[] { User("1", "ada@example.com", active: false, displayName: "Ada") };

            var plan = Planner(update: true).Plan(users, Rows(Spec("ada@example.com", displayName: "Ada L")));

            Assert.Equal("1", Assert.Single(plan.Enables).Id);
            Assert.Single(plan.Updates);
            Assert.Equal(0, plan.Unchanged);
        }

        [Fact]
        public void Disables_only_active_users_missing_from_the_set_and_only_with_DisableMissing()
        {
            var users = new[] { User("1", "ada@example.com"), User("2", "bob@example.com"), User("3", "gone@example.com", active: false) };
            var rows = Rows(Spec("ada@example.com"));

            Assert.Empty(Planner().Plan(users, rows).Disables);
            var plan = Planner(disable: true).Plan(users, rows);

            Assert.Equal(new[] { "2" }, plan.Disables.Select(u => u.Id));
            Assert.Equal(3, plan.ListedIds.Count);
            Assert.Equal(2, plan.ActiveUsers);
        }

        [Fact]
        public void Never_touches_an_excluded_user_on_either_side()
        {
            var users = new[] { User("1", "breakglass@example.com"), User("2", "svc@example.com", displayName: "old") };

            var plan = Planner(true, true, null, "breakglass@example.com", "svc@example.com")
                .Plan(users, Rows(Spec("svc@example.com", displayName: "new"), Spec("breakglass@example.com")));

            Assert.Empty(plan.Disables);
            Assert.Empty(plan.Updates);
            Assert.Equal(2, plan.Excluded);
        }

        [Fact]
        public void Refuses_rows_without_a_key_and_repeated_keys_naming_the_row_and_columns()
        {
            var plan = Planner().Plan(Array.Empty<ScimUser>(), Rows(Spec(null), Spec("ada@example.com"), Spec("Ada@example.com")));

            Assert.Equal(2, plan.Rejected.Count);
            Assert.Equal("Read", plan.Rejected[0].Change);
            Assert.Contains("Desired row 1 has no UserName (columns: 'UserName')", plan.Rejected[0].Reason);
            Assert.Contains("appears more than once", plan.Rejected[1].Reason);
            Assert.Equal(3, plan.Rejected[1].Row.Number);
            Assert.Single(plan.Creates);
        }

        [Fact]
        public void Refuses_an_invalid_row_only_when_it_would_create_or_update()
        {
            var users = new[] { User("1", "ada@example.com") };
            var rows = Rows(Spec("ada@example.com", externalId: "bad\u200Bid"), Spec("new@example.com", externalId: "bad\u200Bid"));

            var matchOnly = Planner().Plan(users, rows);
            var updating = Planner(update: true).Plan(users, rows);

            Assert.Equal(new[] { "Create" }, matchOnly.Rejected.Select(r => r.Change));
            Assert.Equal(1, matchOnly.Unchanged);
            Assert.Equal(new[] { "Update", "Create" }, updating.Rejected.Select(r => r.Change));
        }

        [Fact]
        public void Leaves_a_user_without_a_usable_id_out_of_the_plan_and_reports_it()
        {
            var users = new[] { User("..", "dots@example.com"), User("2", "bob@example.com") };

            var plan = Planner(disable: true).Plan(users, Rows(Spec("ada@example.com")));

            Assert.Equal("dots@example.com", Assert.Single(plan.Unaddressable).UserName);
            Assert.Equal(new[] { "2" }, plan.Disables.Select(u => u.Id));
            Assert.Equal(1, plan.ActiveUsers);
            Assert.DoesNotContain("..", plan.ListedIds);
        }

        [Fact]
        public void Counts_usable_rows_by_the_key_not_by_rows()
        {
            var rows = Rows(Spec(null), Spec(null, externalId: "E1"));

            Assert.Equal(0, Planner().CountUsable(rows));
            Assert.Equal(1, Planner(key: UserSyncKey.ExternalId).CountUsable(rows));
        }

        [Fact]
        public void With_the_ExternalId_key_an_account_without_one_is_found_by_userName_never_created_again_or_disabled()
        {
            var users = new[] { User("1", "p1@example.com", externalId: "E1"), User("2", "jit@example.com") };
            var rows = new List<DesiredUserRow>
            {
                new(1, new UserSpec("p1@example.com", null, null, null, null, "E1"), "'EmployeeId'"),
                new(2, new UserSpec("JIT@example.com", null, null, null, null, "E20"), "'EmployeeId'"),
            };

            var plan = new UserSyncPlanner(UserSyncKey.ExternalId, true, true, _ => false).Plan(users, rows);

            Assert.Empty(plan.Creates);
            Assert.Empty(plan.Disables);
            var (user, change) = Assert.Single(plan.Updates);
            Assert.Equal(("2", "E20"), (user.Id, change.ExternalId));
        }
    }
}
