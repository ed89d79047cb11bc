using ModeScim.Client.Http;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ScimErrorBodyTests
    {
        [Theory]
        [InlineData(null, null, null)]
        [InlineData("  ", null, null)]
        [InlineData("[1,2]", null, null)]
        [InlineData("{broken", null, null)]
        [InlineData("{\"scimType\":\"uniqueness\",\"detail\":\"taken\"}", "uniqueness", "taken")]
        [InlineData("{\"SCIMTYPE\":\"mutability\",\"Detail\":\"read-only\"}", "mutability", "read-only")]
        [InlineData("{\"scimType\":7,\"detail\":\"x\"}", null, "x")]
        public void An_error_body_is_read_when_it_can_be_and_ignored_when_not(string? body, string? scimType, string? detail)
        {
            var parsed = ScimErrorBody.Parse(body);

            Assert.Equal((scimType, detail), (parsed.ScimType, parsed.Detail));
        }
    }
}
