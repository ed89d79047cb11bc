using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Planning;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Add- and Remove-ModeGroupMember send only what changes a group, once per user.</summary>
    public class GroupMemberChangePlannerTests
    {
        private static readonly List<ScimMultiValue> Current = new List<ScimMultiValue> { new ScimMultiValue { Value = "id-ada" } };

        private static (List<DesiredMember> Named, MemberResolution Resolution) Named(params (string Name, string? Id)[] members)
        {
            var named = members.Select(m => DesiredMember.Named(m.Name)).ToList();
            var resolution = new MemberResolution();
            for (var i = 0; i < members.Length; i++)
            {
                if (members[i].Id == null)
                {
                    resolution.NotFound.Add(named[i]);
                }
                else
                {
                    resolution.Ids[named[i]] = members[i].Id!;
                }
            }
            return (named, resolution);
        }

        [Fact]
        public void Adding_leaves_out_members_already_in_and_users_named_twice()
        {
            var (named, resolution) = Named(("ada@example.com", "id-ada"), ("bob@example.com", "id-bob"), ("id-bob", "id-bob"),
                ("ghost@example.com", null));

            var plan = new GroupMemberChangePlanner(adding: true).Plan(Current, named, resolution);

            Assert.Equal(new[] { ("bob@example.com", "id-bob") }, plan.Changes.Select(c => (c.Member.Label, c.Id)));
            Assert.Equal(new[] { "ada@example.com" }, plan.Skipped.Select(m => m.Label));
        }

        [Fact]
        public void Removing_sends_only_members_the_group_has()
        {
            var (named, resolution) = Named(("ada@example.com", "id-ada"), ("bob@example.com", "id-bob"));

            var plan = new GroupMemberChangePlanner(adding: false).Plan(Current, named, resolution);

            Assert.Equal(new[] { "id-ada" }, plan.Changes.Select(c => c.Id));
            Assert.Equal(new[] { "bob@example.com" }, plan.Skipped.Select(m => m.Label));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Where_the_server_hides_members_every_change_is_sent(bool adding)
        {
            var (named, resolution) = Named(("ada@example.com", "id-ada"), ("bob@example.com", "id-bob"));

            var plan = new GroupMemberChangePlanner(adding).Plan(null, named, resolution);

            Assert.Equal(new[] { "id-ada", "id-bob" }, plan.Changes.Select(c => c.Id));
            Assert.Empty(plan.Skipped);
        }
    }
}
