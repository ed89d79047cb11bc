using System;
using System.Linq;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Updates;
using ModeScim.Tests.Unit.Emulator;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>A member PATCH answered with success is read: a change the answer does not show is a failure naming
    /// what the server kept, not a change made.</summary>
    public sealed class MemberPatchAnswerTests : EmulatorTestBase
    {
        [Fact]
        public async Task Changes_a_server_answers_but_leaves_out_are_failures_naming_what_it_kept()
        {
            await StartWithSwitchesAsync("--member-patch", "partial");
            var ids = new[] { "a", "b", "c", "d", "e" }.Select(n => CreateUserAsync(n + "@example.com").GetAwaiter().GetResult()).ToArray();
            var group = await CreateGroupAsync("Finance", ids[3], ids[4]);

            var failures = await new ScimMemberPatchSender(Client, 100)
                .SendAsync(group, new[] { ids[0], ids[1], ids[2] }, new[] { ids[3], ids[4] }, None);

            Assert.Equal(new[] { (ids[1], true), (ids[2], true), (ids[4], false) }.OrderBy(f => f.Item1),
                failures.Select(f => (f.Id, f.Add)).OrderBy(f => f.Item1));
            Assert.All(failures, f => Assert.Equal(ScimErrorKind.ChangeNotApplied, f.Error.Kind));
            Assert.Contains(failures, f => f.Error.Message.Contains("its answer still lists it"));
            Assert.Contains(failures, f => f.Error.Message.Contains("its answer does not list it"));
            Assert.Equal(new[] { ids[0], ids[4] }.OrderBy(i => i), (await MemberIdsAsync(group)).OrderBy(i => i));
        }

        [Fact]
        public async Task A_bare_204_to_a_member_patch_is_believed()
        {
            await StartWithSwitchesAsync("--member-patch", "partial", "--patch-response", "204");
            var a = await CreateUserAsync("a@example.com");
            var b = await CreateUserAsync("b@example.com");
            var group = await CreateGroupAsync("Finance");

            var failures = await new ScimMemberPatchSender(Client, 100).SendAsync(group, new[] { a, b }, Array.Empty<string>(), None);

            Assert.Empty(failures);
        }
    }
}
