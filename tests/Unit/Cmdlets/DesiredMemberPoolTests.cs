using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Add- and Remove-ModeGroupMember look a user up once however many groups name it: every group must hold the
    /// same member the one lookup was made for.</summary>
    public sealed class DesiredMemberPoolTests
    {
        [Fact]
        public void A_name_given_again_in_any_case_is_the_member_pooled_first()
        {
            var pool = new DesiredMemberPool();

            var first = pool.Intern(DesiredMember.Named("ada@example.com"));
            var again = pool.Intern(DesiredMember.Named(" ADA@example.com "));

            Assert.Same(first, again);
        }

        [Fact]
        public void A_user_object_given_again_is_one_member_by_its_id_and_not_merged_with_a_name()
        {
            var pool = new DesiredMemberPool();
            var ada = new ModeUser { Id = "u-1", UserName = "ada@example.com" };
            var renamed = new ModeUser { Id = "u-1", UserName = "renamed@example.com" };

            var first = pool.Intern(DesiredMember.From(new ModeUserIdentity(ada)));
            var again = pool.Intern(DesiredMember.From(new ModeUserIdentity(renamed)));
            var byName = pool.Intern(DesiredMember.Named("ada@example.com"));

            Assert.Same(first, again);
            Assert.NotSame(first, byName);
            Assert.Equal(("u-1", "ada@example.com"), (again.Id, again.Label));
        }
    }
}
