using System;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>A server whose error quotes the request's headers does not put the credentials into an exception or
    /// a -Debug line.</summary>
    public sealed class CredentialEchoTests
    {
        [Fact]
        public async Task A_bearer_token_a_SCIM_error_echoes_is_masked_in_the_exception_and_the_debug_record()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.BadRequest,
                "{\"status\":\"400\",\"detail\":\"refused header Authorization: Bearer " + TestClients.Token + "\"}"));
            using var client = TestClients.Create(handler);
            var recorder = new RequestRecorder();

            ScimException error;
            using (ScimClient.Observe(recorder))
            {
                error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", CancellationToken.None));
            }

            Assert.DoesNotContain(TestClients.Token, error.Message);
            Assert.Contains("Bearer ***", error.Message);
            var record = Assert.Single(recorder.All);
            Assert.DoesNotContain(TestClients.Token, record.ResponseBody);
        }

        [Fact]
        public async Task Basic_credentials_a_REST_error_echoes_are_masked_encoded_and_decoded()
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("api-token-1234:api-secret-5678"));
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.BadRequest,
                "{\"id\":\"bad_request\",\"message\":\"Basic " + encoded + " is user api-token-1234 with api-secret-5678\"}"));
            var options = new ModeApiClientOptions(new Uri("https://mode.example/api/"), "acme",
                () => new ModeApiCredentials("api-token-1234", "api-secret-5678"));
            using var api = new ModeApiClient(options, handler, (_, _) => Task.CompletedTask);

            var error = await Assert.ThrowsAsync<ScimException>(() => api.VerifyAsync(CancellationToken.None));

            Assert.DoesNotContain(encoded, error.Message);
            Assert.DoesNotContain("api-token-1234", error.Message);
            Assert.DoesNotContain("api-secret-5678", error.Message);
            Assert.Equal(3, error.Message.Split("***").Length - 1);
        }
    }
}
