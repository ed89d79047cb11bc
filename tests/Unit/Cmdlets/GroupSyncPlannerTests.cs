using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Planning;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Sync-ModeGroup's decisions for one group, and the guards that stop a wrong list from emptying it.</summary>
    public class GroupSyncPlannerTests
    {
        private static readonly List<ScimMultiValue> Current = new List<ScimMultiValue>
        {
            new ScimMultiValue { Value = "id-ada", Display = "ada@example.com" },
            new ScimMultiValue { Value = "id-bob", Display = "bob@example.com" },
        };

        private static (List<DesiredMember> Desired, MemberResolution Resolution) Resolve(params (string Name, string? Id)[] members)
        {
            var desired = DesiredMember.Distinct(members.Select(m => DesiredMember.Named(m.Name)));
            var resolution = new MemberResolution();
            foreach (var member in desired)
            {
                var id = members.First(m => m.Name.Trim() == member.Name).Id;
                if (id == null)
                {
                    resolution.NotFound.Add(member);
                }
                else
                {
                    resolution.Ids[member] = id;
                }
            }
            return (desired, resolution);
        }

        [Fact]
        public void Adds_the_new_removes_the_departed_and_counts_the_rest_unchanged()
        {
            var (desired, resolution) = Resolve(("ada@example.com", "id-ada"), ("cy@example.com", "id-cy"));

            var plan = new GroupSyncPlanner(addOnly: false).Plan(Current, desired, resolution);

            Assert.Equal(new[] { ("id-cy", "cy@example.com") }, plan.Adds);
            Assert.Equal(new[] { ("id-bob", "bob@example.com") }, plan.Removes);
            Assert.Equal(1, plan.Unchanged);
            Assert.Equal(2, plan.Desired);
        }

        [Fact]
        public void AddOnly_never_removes()
        {
            var (desired, resolution) = Resolve(("cy@example.com", "id-cy"));

            var plan = new GroupSyncPlanner(addOnly: true).Plan(Current, desired, resolution);

            Assert.Single(plan.Adds);
            Assert.Empty(plan.Removes);
        }

        [Fact]
        public void Two_names_for_one_user_are_one_desired_member()
        {
            var (desired, resolution) = Resolve(("cy@example.com", "id-cy"), ("id-cy", "id-cy"), ("CY@example.com", "id-cy"));

            var plan = new GroupSyncPlanner(addOnly: false).Plan(new List<ScimMultiValue>(), desired, resolution);

            Assert.Equal(2, plan.Desired);
            Assert.Single(plan.Adds);
        }

        [Fact]
        public void Names_that_resolve_to_nobody_are_listed_and_the_guard_refuses_the_plan()
        {
            var (desired, resolution) = Resolve(("ada@example.com ", null), ("bob@example.com", null), ("cy@example.com", "id-cy"));

            var plan = new GroupSyncPlanner(addOnly: false).Plan(Current, desired, resolution);

            Assert.Equal(new[] { "ada@example.com", "bob@example.com" }, plan.NotFound);
            Assert.Equal(2, plan.Removes.Count);
            Assert.Equal(GroupSyncRefusal.TooManyUnresolved, GroupSyncPlanner.Check(plan, Limit("50%"), int.MaxValue));
            Assert.Equal(GroupSyncRefusal.TooManyRemoves, GroupSyncPlanner.Check(plan, Limit("2"), 1));
            Assert.Equal(GroupSyncRefusal.None, GroupSyncPlanner.Check(plan, Limit("2"), 2));
        }

        [Fact]
        public void An_empty_desired_set_empties_the_group_unless_MaxRemove_says_no()
        {
            var plan = new GroupSyncPlanner(addOnly: false).Plan(Current, new List<DesiredMember>(), new MemberResolution());

            Assert.Equal(2, plan.Removes.Count);
            Assert.Equal(GroupSyncRefusal.None, GroupSyncPlanner.Check(plan, Limit("50%"), int.MaxValue));
            Assert.Equal(GroupSyncRefusal.TooManyRemoves, GroupSyncPlanner.Check(plan, Limit("50%"), 1));
        }

        [Fact]
        public void A_plan_cannot_be_changed_once_made()
        {
            var (desired, resolution) = Resolve(("cy@example.com", "id-cy"), ("nobody@example.com", null));

            var plan = new GroupSyncPlanner(addOnly: false).Plan(Current, desired, resolution);

            Assert.Throws<NotSupportedException>(() => ((ICollection<(string, string)>)plan.Adds).Add(("id-x", "x")));
            Assert.Throws<NotSupportedException>(() => ((ICollection<(string, string)>)plan.Removes).Clear());
            Assert.Throws<NotSupportedException>(() => ((ICollection<string>)plan.NotFound).Clear());
        }

        private static GuardLimit Limit(string text)
        {
            Assert.True(GuardLimit.TryParse(text, "MaxUnresolved", out var limit, out _));
            return limit;
        }
    }
}
