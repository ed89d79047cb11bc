using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Memberships;
using ModeScim.Client.ModeApi;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using ModeScim.PowerShell.Users;
using ModeScim.PowerShell.Workspace;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Get-ModeAccessReport's rows from what was read: who a reference vouches for, who is orphaned or missing, the
    /// accounts only Mode's REST API shows, and where the Groups column comes from.</summary>
    public class AccessReportPlannerTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        private static readonly AccessReportSources ScimOnly = new AccessReportSources(null, null, null);

        private static ScimUser User(string userName, bool active = true, string? externalId = null, params string[] groups) =>
            new ScimUser
            {
                Id = "id-" + userName,
                UserName = userName,
                Active = active,
                ExternalId = externalId,
                Groups = groups.Select(g => new ScimMultiValue { Value = "g-" + g, Display = g }).ToList(),
            };

        private static UserSpec Row(string? userName, string? externalId = null, string? status = null, string? displayName = null)
        {
            var spec = new UserSpec(userName, null, null, null, displayName, externalId);
            if (status != null)
            {
                spec.Status = SourceStatus.Read(new[] { ("Status", StatusColumns.Kind.StatusWord, (string?)status) });
            }
            return spec;
        }

        private static List<ModeAccessReportRow> Report(AccessReportPlanner planner, params ScimUser[] users) =>
            users.Select(planner.RowOf).Concat(planner.Rest()).ToList();

        [Fact]
        public void Without_a_reference_active_users_are_Ok_inactive_ones_Inactive_and_nobody_is_missing()
        {
            var planner = new AccessReportPlanner(AccessReference.None(byExternalId: false), ScimOnly, null, Now);

            var rows = Report(planner, User("ada@example.com"), User("bob@example.com", active: false));

            Assert.Equal(new[] { ("ada@example.com", ModeAccessStatus.Ok), ("bob@example.com", ModeAccessStatus.Inactive) },
                rows.Select(r => (r.UserName, r.Status)));
        }

        [Fact]
        public void A_reference_vouches_by_userName_in_any_case_and_names_the_missing()
        {
            var reference = AccessReference.From(new[]
            {
                Row("ADA@example.com\u200B"),
                Row("cy@example.com", displayName: "Cy Young"),
            }, byExternalId: false);
            var planner = new AccessReportPlanner(reference, ScimOnly, null, Now);

            var rows = Report(planner, User("ada@example.com"), User("bob@example.com"));

            Assert.Equal(new[]
            {
                ("ada@example.com", ModeAccessStatus.Ok),
                ("bob@example.com", ModeAccessStatus.Orphaned),
                ("cy@example.com", ModeAccessStatus.Missing),
            }, rows.Select(r => (r.UserName, r.Status)));
            Assert.Equal(("Cy Young", (bool?)null), (rows[2].DisplayName, rows[2].Active));
        }

        [Fact]
        public void A_row_the_source_marks_as_leaving_vouches_for_nobody_and_an_unreadable_status_is_kept_as_expected()
        {
            var reference = AccessReference.From(new[]
            {
                Row("ada@example.com", status: "terminated"),
                Row("bob@example.com", status: "on the moon"),
            }, byExternalId: false);
            var planner = new AccessReportPlanner(reference, ScimOnly, null, Now);

            var rows = Report(planner, User("ada@example.com"), User("bob@example.com"));

            Assert.Equal(new[] { ModeAccessStatus.Orphaned, ModeAccessStatus.Ok }, rows.Select(r => r.Status));
            Assert.Equal(new[] { "bob@example.com" }, reference.UnreadableStatus);
            Assert.Equal(2, reference.Keyed);
        }

        [Fact]
        public void By_externalId_an_account_made_just_in_time_is_vouched_for_by_the_row_naming_its_userName()
        {
            var reference = AccessReference.From(new[] { Row("jit@example.com", "E1"), Row("ada@example.com", "E2") }, byExternalId: true);
            var planner = new AccessReportPlanner(reference, ScimOnly, null, Now);

            var rows = Report(planner, User("jit@example.com"), User("ada@example.com", externalId: "e2"));

            // "e2" is not "E2": externalIds compare exactly, so ada is orphaned and her row is missing.
            Assert.Equal(new[]
            {
                ("jit@example.com", ModeAccessStatus.Ok),
                ("ada@example.com", ModeAccessStatus.Orphaned),
                ("ada@example.com", ModeAccessStatus.Missing),
            }, rows.Select(r => (r.UserName, r.Status)));
        }

        [Fact]
        public void Accounts_only_the_REST_API_shows_get_rows_of_their_own_and_the_listed_ones_their_Mode_details()
        {
            var listed = new ModeWorkspaceAccount { Username = "ada", Email = "ada@example.com", State = "active", Admin = true };
            var invited = new ModeWorkspaceAccount
            {
                Username = "inv",
                Email = "inv@example.com",
                State = "active",
                IsPendingInvite = true,
            };
            var jit = new ModeWorkspaceAccount { Username = "jit", Email = "jit@example.com", State = "active" };
            var directory = new WorkspaceDirectory(new[] { listed, invited, jit });
            var planner = new AccessReportPlanner(AccessReference.None(false), new AccessReportSources(null, directory, null), null, Now);

            var rows = Report(planner, User("ada@example.com"));

            Assert.Equal(new[]
            {
                ("ada@example.com", ModeAccessStatus.Ok, true),
                ("inv@example.com", ModeAccessStatus.Invited, false),
                ("jit@example.com", ModeAccessStatus.Unmanaged, false),
            }, rows.Select(r => (r.UserName, r.Status, r.InScim)));
            Assert.Equal(("ada", (bool?)true), (rows[0].ModeUsername, rows[0].Admin));
            Assert.Equal(false, rows[2].ManagedByScim);
        }

        [Fact]
        public void A_seat_unused_for_InactiveDays_is_Unused()
        {
            var idle = new ModeWorkspaceAccount { Username = "idle", Email = "idle@example.com", State = "active" };
            var busy = new ModeWorkspaceAccount { Username = "busy", Email = "busy@example.com", State = "active" };
            var activity = new WorkspaceActivity(new[]
            {
                new ModeEngagement { Username = "idle", LastDayEngagedText = "2026-01-01" },
                new ModeEngagement { Username = "busy", LastDayEngagedText = "2026-05-30" },
            });
            var sources = new AccessReportSources(null, new WorkspaceDirectory(new[] { idle, busy }), activity);
            var planner = new AccessReportPlanner(AccessReference.None(false), sources, 90, Now);

            var rows = Report(planner, User("idle@example.com"), User("busy@example.com"));

            Assert.Equal(new[] { (ModeAccessStatus.Unused, (int?)151), (ModeAccessStatus.Ok, (int?)2) },
                rows.Select(r => (r.Status, r.DaysInactive)));
        }

        [Fact]
        public void The_group_side_where_read_is_the_Groups_column_else_the_users_own_groups_are()
        {
            var index = new ScimMembershipIndex();
            index.Add("g-1", "Finance", new[] { "id-ada@example.com" });
            var fromIndex = new AccessReportPlanner(AccessReference.None(false), new AccessReportSources(index, null, null), null, Now);
            var fromUsers = new AccessReportPlanner(AccessReference.None(false), ScimOnly, null, Now);

            var indexed = fromIndex.RowOf(User("ada@example.com", groups: new[] { "Stale" }));
            var own = fromUsers.RowOf(User("ada@example.com", groups: new[] { "Sales", "Ops" }));

            Assert.Equal(("Finance", 1), (indexed.Groups, indexed.GroupCount));
            Assert.False(fromIndex.AnyOwnGroups);
            Assert.Equal(("Sales; Ops", 2), (own.Groups, own.GroupCount));
            Assert.True(fromUsers.AnyOwnGroups);
        }
    }
}
