using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class ResponseSizeTests
    {
        [Fact]
        public async Task A_response_larger_than_the_limit_fails_with_ResponseTooLarge_and_is_not_asked_for_again()
        {
            var huge = "{\"id\":\"u1\",\"userName\":\"" + new string('a', 5000) + "\"}";
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, huge));
            using var client = TestClients.Create(handler, configure: options => options.MaxResponseBytes = 1024);

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", CancellationToken.None));

            Assert.Equal(ScimErrorKind.ResponseTooLarge, error.Kind);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task A_response_within_the_limit_is_read_whole()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"ada@example.com\"}"));
            using var client = TestClients.Create(handler, configure: options => options.MaxResponseBytes = 1024);

            var user = await client.Users.GetAsync("u1", CancellationToken.None);

            Assert.Equal("ada@example.com", user.UserName);
        }
    }
}
