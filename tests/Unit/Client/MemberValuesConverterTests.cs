using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Http;
using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The group side read lean: member ids only, the rest skipped, and nothing read differently from the
    /// full model (a missing "members" stays null, never an empty list).</summary>
    public sealed class MemberValuesConverterTests
    {
        private static ScimGroupMembers Read(string json) =>
            new ScimResponse(200, ResponseBody.FromText(json)).Read<ScimGroupMembers>("GET", "Groups/g1");

        [Fact]
        public void Reads_each_members_value_and_skips_what_else_it_carries()
        {
            var group = Read("{\"id\":\"g1\",\"displayName\":\"Sales\",\"members\":[" +
                "{\"display\":\"Ann\",\"value\":\"u1\",\"$ref\":\"https://x/Users/u1\",\"type\":\"User\"}," +
                "{\"Value\":\"u2\",\"extra\":{\"nested\":[1,{\"value\":\"not-this\"}]}}," +
                "{\"VALUE\":\"u3\"},{\"\\u0076alue\":\"u4\"},{\"display\":\"no value\"},{\"value\":null}]}");

            Assert.Equal("Sales", group.DisplayName);
            Assert.Equal(new[] { "u1", "u2", "u3", "u4", null, null }, group.MemberIds);
        }

        [Fact]
        public void Leaves_out_nested_groups_only_and_keeps_every_other_type_as_a_possible_user()
        {
            // A type a server made up ("direct") or left empty must not make anyone's memberships disappear.
            var group = Read("{\"id\":\"g1\",\"members\":[{\"value\":\"g0\",\"type\":\"Group\"}," +
                "{\"type\":\"user\",\"value\":\"u1\"},{\"value\":\"u2\",\"TYPE\":\"User\"},{\"value\":\"u3\",\"type\":null}," +
                "{\"Type\":\"GROUP\",\"value\":\"g2\"},{\"value\":\"u4\",\"type\":\"direct\"},{\"value\":\"u5\",\"type\":\"\"}]}");

            Assert.Equal(new[] { "u1", "u2", "u3", "u4", "u5" }, group.MemberIds);
        }

        [Fact]
        public void Keeps_a_group_without_members_apart_from_an_empty_one()
        {
            Assert.Null(Read("{\"id\":\"g1\"}").MemberIds);
            Assert.Null(Read("{\"id\":\"g1\",\"members\":null}").MemberIds);
            Assert.Empty(Read("{\"id\":\"g1\",\"members\":[]}").MemberIds!);
        }

        [Theory]
        [InlineData("{\"id\":\"g1\",\"members\":[\"u1\"]}")]
        [InlineData("{\"id\":\"g1\",\"members\":[{\"value\":42}]}")]
        [InlineData("{\"id\":\"g1\",\"members\":{\"value\":\"u1\"}}")]
        [InlineData("{\"id\":\"g1\",\"members\":[{\"value\":\"u1\",\"type\":7}]}")]
        public void Refuses_members_that_are_not_SCIM(string json)
        {
            var error = Assert.Throws<ScimException>(() => Read(json));

            Assert.Equal(ScimErrorKind.InvalidResponse, error.Kind);
        }

        // Bodies over the pooled parse's limit are read across their segments: names and values then break anywhere.
        [Theory]
        [InlineData(700, 24)]
        [InlineData(9000, 3)]
        public async Task Reads_the_same_ids_wherever_the_bodys_segments_break(int memberCount, int shifts)
        {
            var ids = Enumerable.Range(0, memberCount).Select(i => "user-" + i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
            for (var shift = 0; shift < shifts; shift++)
            {
                var members = string.Join(",", ids.Select((id, i) => "{\"" + (i % 2 == 0 ? "value" : "Value") + "\":\"" + id
                    + "\",\"display\":\"" + new string('d', 60) + "\",\"$ref\":\"https://scim.example/Users/" + id + "\"}"));
                var json = "{\"id\":\"g1\",\"displayName\":\"" + new string('n', shift) + "\",\"members\":[" + members + "]}";
                var bytes = Encoding.UTF8.GetBytes(json);
                Assert.True(bytes.Length > (memberCount > 1000 ? ResponseBody.MaxContiguousParse : ResponseBody.SegmentSize));

                var body = await ResponseBody.ReadAsync(new MemoryStream(bytes), null, long.MaxValue, CancellationToken.None);
                var group = new ScimResponse(200, body!).Read<ScimGroupMembers>("GET", "Groups/g1");

                Assert.Equal(ids, group.MemberIds);
            }
        }
    }
}
