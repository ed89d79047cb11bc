using ModeScim.Client.Http;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Bodies kept for -Debug never show a secret's value.</summary>
    public class SecretRedactorTests
    {
        [Theory]
        [InlineData("{\"userName\":\"ada\",\"password\":\"Pa55\\\"word\"}", "{\"userName\":\"ada\",\"password\":\"***\"}")]
        [InlineData("{\"Password\" : \"x\"}", "{\"Password\" : \"***\"}")]
        [InlineData(
            "{\"x-ext\":{\"apiToken\":\"abc\",\"client_secret\":\"s\"}}",
            "{\"x-ext\":{\"apiToken\":\"***\",\"client_secret\":\"***\"}}")]
        [InlineData("{\"userName\":\"token@example.com\"}", "{\"userName\":\"token@example.com\"}")]
        [InlineData("{\"password\":", "{\"password\":")]
        public void Masks_the_values_of_secret_attributes_and_nothing_else(string body, string expected)
        {
            Assert.Equal(expected, SecretRedactor.Redact(body));
        }

        [Fact]
        public void Leaves_no_body_as_no_body()
        {
            Assert.Null(SecretRedactor.Redact(null));
        }
    }
}
