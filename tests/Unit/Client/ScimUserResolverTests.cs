using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client.Lookups;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The one user a piece of text names, against stub servers: by userName first, by id when that finds nobody.</summary>
    public class ScimUserResolverTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public async Task An_id_that_names_nobody_resolves_to_not_found()
        {
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}")));

            var resolution = await new ScimUserResolver(client).ResolveIdAsync("u1", None);

            Assert.Null(resolution.User);
            Assert.False(resolution.IsAmbiguous);
        }

        [Fact]
        public async Task Text_with_an_at_sign_found_as_a_userName_is_not_probed_as_an_id()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK,
                "{\"totalResults\":1,\"Resources\":[{\"id\":\"u1\",\"userName\":\"a@x\"}]}"));
            using var client = TestClients.Create(handler);

            var resolution = await new ScimUserResolver(client).ResolveTextAsync("a@x", None);

            Assert.Equal("u1", resolution.User!.Id);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public async Task Text_without_an_at_sign_is_found_by_id_when_no_userName_matches()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/Users/u7", StringComparison.Ordinal) ? StubHandler.Json(HttpStatusCode.OK,
                    "{\"id\":\"u7\",\"userName\":\"g@x\"}")
                : request.RequestUri!.AbsolutePath.EndsWith("/Users", StringComparison.Ordinal) ? StubHandler.Json(HttpStatusCode.OK,
                    "{\"totalResults\":0,\"Resources\":[]}")
                : StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\"}")));
            using var client = TestClients.Create(handler);

            var byId = await new ScimUserResolver(client).ResolveTextAsync("u7", None);
            var nobody = await new ScimUserResolver(client).ResolveTextAsync("zz", None);

            Assert.Equal("u7", byId.User!.Id);
            Assert.Null(nobody.User);
            Assert.False(nobody.IsAmbiguous);
        }

        [Fact]
        public async Task Text_that_is_one_users_userName_and_the_same_users_id_is_that_user()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(
                request.RequestUri!.AbsolutePath.EndsWith("/Users/same", StringComparison.Ordinal)
                ? StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"same\",\"userName\":\"same\"}")
                : StubHandler.Json(HttpStatusCode.OK, "{\"totalResults\":1,\"Resources\":[{\"id\":\"same\",\"userName\":\"same\"}]}")));
            using var client = TestClients.Create(handler);

            var resolution = await new ScimUserResolver(client).ResolveTextAsync("same", None);

            Assert.Equal("same", resolution.User!.Id);
            Assert.False(resolution.IsAmbiguous);
            Assert.Equal(2, handler.Calls);
        }
    }
}
