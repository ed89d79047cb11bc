using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Planning;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>The handover and undo plans and the access report's status rule, without a request.</summary>
    public sealed class HandoverPlannerTests
    {
        private static readonly ModeWorkspaceAccount Leaver = Account("ada", "m-ada");
        private static readonly ModeWorkspaceAccount Successor = Account("grace", "m-grace");

        private static ModeWorkspaceAccount Account(string username, string token, string state = "active") =>
            new() { Username = username, MemberToken = token, State = state, Email = username + "@x.test" };

        private static ModeSpace Space(string token, string creator, bool personal = false, string? name = null) => new()
        {
            Token = token,
            Name = name ?? token,
            SpaceType = personal ? "private" : "custom",
            Links = new Dictionary<string, HalLink> { ["creator"] = new HalLink { Href = "/api/" + creator } },
        };

        private static ModeReport Report(string token) => new() { Token = token, Name = token };

        private static readonly ModeSpace Personal = Space("p1", "ada", personal: true, name: "Personal");
        private static readonly ModeSpace Team = Space("t1", "ada");
        private static readonly ModeSpace Shared = Space("h1", "someone", name: "Handover");
        private static readonly ModeSpace[] Spaces = { Personal, Team, Shared, Space("x1", "someone") };

        private static Dictionary<string, IReadOnlyList<ModeReport>> Reports(params ModeReport[] reports) =>
            new() { ["p1"] = reports };

        private static Dictionary<string, IReadOnlyList<ModePermission>> NoPermissions() => new();

        [Fact]
        public void Grants_come_first_on_the_leavers_shared_collections_and_the_target_then_every_personal_report_moves()
        {
            var plan = HandoverPlanner.Plan(Leaver, Successor, Spaces, Shared, Reports(Report("r1"), Report("r2")), NoPermissions(), false);

            Assert.Null(plan.Refusal);
            Assert.Equal(new[] { "Grant t1", "Grant h1", "Move r1", "Move r2" },
                plan.Steps.Select(s => s.Kind + " " + (s.Report?.Token ?? s.Collection.Token)));
            Assert.All(plan.Steps.Where(s => s.Kind == HandoverStepKind.Move), s => Assert.Equal(("p1", "h1"), (s.From!.Token,
                s.Collection.Token)));
        }

        [Fact]
        public void An_edit_grant_already_in_place_is_not_repeated_but_a_view_grant_is_upgraded()
        {
            var permissions = new Dictionary<string, IReadOnlyList<ModePermission>>
            {
                ["t1"] = new[] { new ModePermission { AccessorType = "Account", AccessorToken = "m-grace", Action = "edit" } },
                ["h1"] = new[] { new ModePermission { AccessorType = "Account", AccessorToken = "m-grace", Action = "view" } },
            };

            var plan = HandoverPlanner.Plan(Leaver, Successor, Spaces, Shared, Reports(), permissions, false);

            Assert.Equal(new[] { "h1" }, plan.Steps.Select(s => s.Collection.Token));
        }

        [Fact]
        public void A_collection_the_successor_created_needs_no_grant()
        {
            var own = Space("g1", "grace", name: "Grace's");

            var plan = HandoverPlanner.Plan(Leaver, Successor, new[] { Team, own }, own, Reports(), NoPermissions(), false);

            Assert.Equal(new[] { "t1" }, plan.Steps.Select(s => s.Collection.Token));
        }

        [Fact]
        public void Personal_reports_without_a_target_collection_refuse_the_whole_handover()
        {
            var plan = HandoverPlanner.Plan(Leaver, Successor, Spaces, null, Reports(Report("r1")), NoPermissions(), false);

            Assert.Empty(plan.Steps);
            Assert.Contains("-HandoverCollection", plan.Refusal);
        }

        [Fact]
        public void A_successor_who_is_the_leaver_or_not_active_is_refused()
        {
            Assert.Contains("is the leaver", HandoverPlanner.Plan(Leaver, Account("ADA", "m-ada"), Spaces, Shared, Reports(),
                NoPermissions(), false).Refusal);
            Assert.Contains("not an active member", HandoverPlanner.Plan(Leaver, Account("bob", "m-bob", "deactivated"), Spaces, Shared,
                Reports(), NoPermissions(), false).Refusal);
        }

        [Fact]
        public void A_collection_whose_creator_the_API_does_not_name_refuses_the_handover_with_nothing_planned()
        {
            var unnamed = new ModeSpace { Token = "u1", Name = "Someone's", SpaceType = "private" };

            var plan = HandoverPlanner.Plan(Leaver, Successor, Spaces.Append(unnamed).ToList(), Shared, Reports(Report("r1")),
                NoPermissions(), false);

            Assert.NotNull(plan.Refusal);
            Assert.Empty(plan.Steps);
            Assert.Same(unnamed, Assert.Single(plan.UnknownOwner));
        }

        [Fact]
        public void Allowed_an_unknown_owner_the_plan_hands_over_what_is_known_and_still_names_what_is_not()
        {
            var unnamed = new ModeSpace { Token = "u1", Name = "Someone's", SpaceType = "custom" };

            var plan = HandoverPlanner.Plan(Leaver, Successor, Spaces.Append(unnamed).ToList(), Shared, Reports(Report("r1")),
                NoPermissions(), true);

            Assert.Null(plan.Refusal);
            Assert.Equal(new[] { "Grant t1", "Grant h1", "Move r1" },
                plan.Steps.Select(s => s.Kind + " " + (s.Report?.Token ?? s.Collection.Token)));
            Assert.Same(unnamed, Assert.Single(plan.UnknownOwner));
        }

        [Fact]
        public void The_target_is_one_shared_collection_by_name_never_a_personal_one_or_an_ambiguous_name()
        {
            Assert.Same(Shared, HandoverPlanner.FindCollection(Spaces, " handover ", out var none));
            Assert.Null(none);
            Assert.Null(HandoverPlanner.FindCollection(Spaces, "Personal", out var personal));
            Assert.Contains("personal collection", personal);
            Assert.Null(HandoverPlanner.FindCollection(new[] { Shared, Space("h2", "x", name: "Handover") }, "Handover", out var twice));
            Assert.Contains("2 shared collections", twice);
            Assert.Null(HandoverPlanner.FindCollection(Spaces, "Nope", out var missing));
            Assert.Contains("no collection", missing);
        }

        [Fact]
        public void Undo_takes_what_is_still_in_place_newest_move_first_then_grants()
        {
            var entries = new List<JournalEntry>
            {
                Entry(JournalActions.HandoverGrant, "t1", "t1"),
                Entry(JournalActions.HandoverMove, "r1", "h1"),
                Entry(JournalActions.HandoverMove, "r2", "h1"),
                Entry(JournalActions.UndoHandoverMove, "r1", "h1"),
                Entry(JournalActions.HandoverMove, "r1", "h1"),
                Entry(JournalActions.Disable, "x", "x"),
            };

            var outstanding = HandoverUndoPlanner.Outstanding(entries);

            Assert.Equal(new[] { "HandoverMove r1", "HandoverMove r2", "HandoverGrant t1" },
                outstanding.Select(e => e.Action + " " + e.Content!.Token));
            Assert.Empty(HandoverUndoPlanner.Outstanding(entries.Concat(outstanding.Select(e =>
                Entry(HandoverUndoPlanner.UndoActionOf(e), e.Content!.Token, e.Content.ToCollection!)))));
        }

        [Fact]
        public void A_grant_another_leavers_handover_still_relies_on_is_kept_until_that_handover_is_undone()
        {
            var aGrant = Entry(JournalActions.HandoverGrant, "h1", "h1", "ada");
            var journal = new List<JournalEntry>
            {
                aGrant,
                Entry(JournalActions.HandoverGrant, "t2", "t2", "bob"),
                Entry(JournalActions.HandoverMove, "r9", "h1", "bob"),
                Entry(JournalActions.HandoverMove, "r1", "h1", "cy"),
                Entry(JournalActions.UndoHandoverMove, "r1", "h1", "cy"),
            };

            Assert.Equal(new[] { "bob" }, HandoverUndoPlanner.ReliedOnBy(aGrant, journal, Alone, _ => true));

            journal.Add(Entry(JournalActions.UndoHandoverMove, "r9", "h1", "bob"));
            Assert.Empty(HandoverUndoPlanner.ReliedOnBy(aGrant, journal, Alone, _ => true));
        }

        [Fact]
        public void A_grant_for_another_successor_or_collection_is_not_relied_on()
        {
            var aGrant = Entry(JournalActions.HandoverGrant, "h1", "h1", "ada");
            var otherSuccessor = Entry(JournalActions.HandoverMove, "r9", "h1", "bob");
            otherSuccessor.Content!.SuccessorToken = "m-someone";

            var journal = new[]
            {
                aGrant, otherSuccessor, Entry(JournalActions.HandoverMove, "r8", "h2", "cy"),
                Entry(JournalActions.HandoverMove, "r7", "h1", "ADA"),
            };

            Assert.Empty(HandoverUndoPlanner.ReliedOnBy(aGrant, journal, Alone, _ => true));
        }

        private static readonly string[] Alone = { "ada" };

        [Fact]
        public void A_moved_report_that_has_left_the_collection_relies_on_nothing_there()
        {
            var aGrant = Entry(JournalActions.HandoverGrant, "h1", "h1", "ada");
            var journal = new[] { aGrant, Entry(JournalActions.HandoverMove, "r9", "h1", "bob") };

            Assert.Equal(new[] { "bob" }, HandoverUndoPlanner.ReliedOnBy(aGrant, journal, Alone, _ => true));
            Assert.Empty(HandoverUndoPlanner.ReliedOnBy(aGrant, journal, Alone, move => move.Content!.Token != "r9"));
        }

        [Fact]
        public void Grants_of_leavers_undone_together_do_not_keep_each_other()
        {
            var aGrant = Entry(JournalActions.HandoverGrant, "h1", "h1", "ada");
            var journal = new[] { aGrant, Entry(JournalActions.HandoverGrant, "h1", "h1", "bob") };

            Assert.Equal(new[] { "bob" }, HandoverUndoPlanner.ReliedOnBy(aGrant, journal, Alone, _ => true));
            Assert.Empty(HandoverUndoPlanner.ReliedOnBy(aGrant, journal, new[] { "ada", "BOB" }, _ => true));
        }

        [Theory]
        [InlineData(true, false, false, false, 200, 90, ModeAccessStatus.Invited)]
        [InlineData(false, false, true, true, null, null, ModeAccessStatus.Inactive)]
        [InlineData(false, true, true, true, 200, 90, ModeAccessStatus.Orphaned)]
        [InlineData(false, true, false, true, 200, 90, ModeAccessStatus.Unmanaged)]
        [InlineData(false, true, false, false, 90, 90, ModeAccessStatus.Unused)]
        [InlineData(false, true, false, false, 89, 90, ModeAccessStatus.Ok)]
        [InlineData(false, true, false, false, null, 90, ModeAccessStatus.Ok)]
        [InlineData(false, true, false, false, 400, null, ModeAccessStatus.Ok)]
        public void One_status_per_row_the_most_pressing_first(bool pending, bool active, bool orphaned, bool unmanaged, int? days,
            int? inactiveDays, string expected)
        {
            Assert.Equal(expected, AccessStatusRule.Decide(active, pending, orphaned, unmanaged, days, inactiveDays));
        }

        [Fact]
        public void Days_inactive_count_from_the_last_use_else_from_activation_else_are_unknown()
        {
            var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

            Assert.Equal(90, AccessStatusRule.DaysInactive(now.AddDays(-90).AddHours(-1), now.AddDays(-400), now));
            Assert.Equal(400, AccessStatusRule.DaysInactive(null, now.AddDays(-400), now));
            Assert.Null(AccessStatusRule.DaysInactive(null, null, now));
            Assert.Equal(0, AccessStatusRule.DaysInactive(now.AddDays(2), null, now));
        }

        private static JournalEntry Entry(string action, string token, string to, string userName = "ada") => new()
        {
            Action = action,
            UserName = userName,
            Content = new JournalContent { Kind = "report", Token = token, ToCollection = to, SuccessorToken = "m-grace" },
        };
    }
}
