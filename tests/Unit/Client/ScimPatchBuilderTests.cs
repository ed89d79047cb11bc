using System.Linq;
using System.Text.Json;
using ModeScim.Client.Patching;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimPatchBuilderTests
    {
        [Fact]
        public void Removes_a_member_with_the_rfc_path_filter_form()
        {
            var patch = new ScimPatchBuilder().RemoveMembers(new[] { "id-\"1" }).Build();
            var json = JsonSerializer.Serialize(patch);

            Assert.Contains("\"op\":\"remove\"", json);
            Assert.Equal("members[value eq \"id-\\\"1\"]", patch.Operations.Single().Path);
            Assert.Contains("urn:ietf:params:scim:api:messages:2.0:PatchOp", json);
        }

        [Fact]
        public void Adds_members_as_one_operation_with_a_value_array()
        {
            var patch = new ScimPatchBuilder().AddMembers(new[] { "a", "b" }).Build();
            using var document = JsonDocument.Parse(JsonSerializer.Serialize(patch));
            var operation = document.RootElement.GetProperty("Operations")[0];

            Assert.Equal("members", operation.GetProperty("path").GetString());
            Assert.Equal(new[] { "a", "b" }, operation.GetProperty("value").EnumerateArray()
                .Select(v => v.GetProperty("value").GetString()).ToArray());
        }

        [Fact]
        public void Knows_which_patches_are_safe_to_repeat()
        {
            Assert.True(new ScimPatchBuilder().Replace("active", false).Build().IsIdempotent);
            Assert.True(new ScimPatchBuilder().AddMembers(new[] { "a" }).RemoveMembers(new[] { "b" }).Build().IsIdempotent);
            Assert.False(new ScimPatchBuilder().Add("emails", new[] { new { value = "x@example.com" } }).Build().IsIdempotent);
        }

        [Fact]
        public void Writes_a_replace_value_as_real_json()
        {
            var json = JsonSerializer.Serialize(new ScimPatchBuilder().Replace("active", false).Build());
            Assert.Contains("\"value\":false", json);
        }
    }
}
