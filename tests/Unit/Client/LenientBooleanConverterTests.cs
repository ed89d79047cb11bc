using System.Text.Json;
using ModeScim.Client;
using ModeScim.Client.Models;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>A user's active flag as servers send it: a boolean or its text, and nothing else.</summary>
    public class LenientBooleanConverterTests
    {
        [Theory]
        [InlineData("{\"active\":true}", true)]
        [InlineData("{\"active\":false}", false)]
        [InlineData("{\"active\":\"True\"}", true)]
        [InlineData("{\"active\":\"false\"}", false)]
        [InlineData("{\"active\":null}", null)]
        public void Active_is_read_from_a_boolean_or_its_text(string json, bool? active)
        {
            Assert.Equal(active, JsonSerializer.Deserialize<ScimUser>(json, ScimJson.Options)!.Active);
        }

        [Theory]
        [InlineData("{\"active\":\"yes\"}", "Expected a boolean, got the string 'yes'.")]
        [InlineData("{\"active\":1}", "Expected a boolean, got Number.")]
        public void Active_that_is_no_boolean_is_refused_with_what_came(string json, string message)
        {
            var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScimUser>(json, ScimJson.Options));

            Assert.Equal(message, error.Message);
        }

        [Fact]
        public void Active_is_written_as_a_boolean_and_left_out_when_unknown()
        {
            Assert.Contains("\"active\":false", JsonSerializer.Serialize(new ScimUser { Active = false }, ScimJson.Options));
            Assert.DoesNotContain("active", JsonSerializer.Serialize(new ScimUser { UserName = "a" }, ScimJson.Options));
        }
    }
}
