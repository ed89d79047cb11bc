using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    public class CreateOutcomeTests
    {
        [Fact]
        public async Task A_lost_create_whose_lookup_also_fails_is_an_unknown_outcome_not_a_server_error()
        {
            // The POST gets a 500 (it may have been applied); every lookup for it gets a 500 too.
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.InternalServerError, "{\"status\":\"500\"}"));
            using var client = TestClients.Create(handler);

            var error = await Assert.ThrowsAsync<ScimException>(
                () => client.Users.CreateAsync(new ScimUser { UserName = "ada@example.com" }, CancellationToken.None));

            Assert.Equal(ScimErrorKind.OutcomeUnknown, error.Kind);
            Assert.Contains("may have been applied", error.Message);
            Assert.IsType<ScimException>(error.InnerException);
            // One POST, never repeated while its outcome is unknown.
            Assert.Equal(1, handler.Requests.Count(r => r.Method == "POST"));
        }

        [Fact]
        public async Task A_lost_create_whose_lookup_finds_nobody_is_sent_again()
        {
            var handler = new StubHandler(
                () => StubHandler.Json(HttpStatusCode.BadGateway, "{}"),
                () => StubHandler.Json(HttpStatusCode.OK, "{\"totalResults\":0,\"startIndex\":1,\"itemsPerPage\":0,\"Resources\":[]}"),
                () => StubHandler.Json(HttpStatusCode.Created, "{\"id\":\"u1\",\"userName\":\"ada@example.com\"}"));
            using var client = TestClients.Create(handler);

            var outcome = await client.Users.CreateOrAdoptAsync(new ScimUser { UserName = "ada@example.com" }, CancellationToken.None);

            Assert.Equal("u1", outcome.Resource.Id);
            Assert.False(outcome.Adopted);
            Assert.Equal(2, handler.Requests.Count(r => r.Method == "POST"));
        }
    }
}
