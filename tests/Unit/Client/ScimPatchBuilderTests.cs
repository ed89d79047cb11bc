using System;
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

        [Fact]
        public void A_patch_builder_refuses_an_empty_path_an_empty_member_and_an_empty_request()
        {
            var path = Assert.Throws<ArgumentException>(() => new ScimPatchBuilder().Replace(" ", "x"));
            var member = Assert.Throws<ArgumentException>(() => new ScimPatchBuilder().AddMembers(new[] { "a", "" }));
            var empty = Assert.Throws<InvalidOperationException>(() => new ScimPatchBuilder().Build());

            Assert.StartsWith("A PATCH path must not be empty.", path.Message);
            Assert.StartsWith("A member id must not be empty.", member.Message);
            Assert.Equal("A PATCH request needs at least one operation.", empty.Message);
        }

        [Fact]
        public void A_patch_builder_adds_no_operation_for_no_members_and_removes_without_a_value()
        {
            var builder = new ScimPatchBuilder().AddMembers(Array.Empty<string>()).RemoveMembers(Array.Empty<string>());
            Assert.Equal(0, builder.Count);

            var remove = builder.Remove("title").Build().Operations.Single();

            Assert.Equal(("remove", "title", (object?)null), (remove.Op, remove.Path, remove.Value));
            Assert.True(builder.Build().IsSingleRemoval);
            Assert.False(new ScimPatchBuilder().Remove("a").Remove("b").Build().IsSingleRemoval);
            Assert.False(new ScimPatchBuilder().Replace("a", 1).Build().IsSingleRemoval);
        }
    }
}
