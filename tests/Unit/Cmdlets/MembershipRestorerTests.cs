using System.Linq;
using System.Threading.Tasks;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Models;
using ModeScim.Tests.Unit.Emulator;
using Xunit;

namespace ModeScim.Tests.Unit.Cmdlets
{
    /// <summary>Putting journalled memberships back: a member the group already lists is not sent again, so a
    /// strict server never sees a redundant add and a restore can be run twice.</summary>
    public class MembershipRestorerTests : EmulatorTestBase
    {
        [Fact]
        public async Task Sends_adds_only_for_users_the_group_does_not_list()
        {
            // Users carry no "groups" here, so only the group's own member list can tell who is in already.
            await StartWithSwitchesAsync("--user-groups", "omitted");
            var ada = await CreateUserAsync("ada@example.com");
            var bob = await CreateUserAsync("bob@example.com");
            var finance = await CreateGroupAsync("Finance", ada);
            var sales = await CreateGroupAsync("Sales");
            var before = await RouteCountAsync("PATCH Groups/{id}");

            var outcome = await new MembershipRestorer(Client, 100).RestoreAsync(new[]
            {
                (ada, new ModeGroupMembership(finance, "Finance")),
                (bob, new ModeGroupMembership(finance, "Finance")),
                (ada, new ModeGroupMembership(sales, "Sales")),
            }, None);

            var patches = await RouteCountAsync("PATCH Groups/{id}") - before;
            Assert.Equal(2, patches);
            Assert.Equal(new[] { (finance, "Finance", ada) }, outcome.AlreadyMembers);
            Assert.True(outcome.WasRestored(finance, ada));
            Assert.True(outcome.WasRestored(finance, bob));
            Assert.True(outcome.WasRestored(sales, ada));
            Assert.Equal(new[] { ada, bob }, (await MemberIdsAsync(finance)).OrderBy(id => id == bob));
        }
    }
}
