using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Updates;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>Member changes go out as the fewest PATCH requests the server accepts, removals first; a batch the
    /// server refuses as sent (too large, a cap, one bad member) is sent again in halves; one refused by a failing
    /// server, for a missing group or for its form is reported member by member.</summary>
    public class MemberPatchSenderTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static int ChangesIn(RecordedRequest request)
        {
            using var body = JsonDocument.Parse(request.Body!);
            return body.RootElement.GetProperty("Operations").EnumerateArray()
                .Sum(o => o.GetProperty("op").GetString() == "add" ? o.GetProperty("value").GetArrayLength() : 1);
        }

        [Fact]
        public async Task Sends_250_changes_as_three_requests_of_at_most_100()
        {
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent));
            var adds = Enumerable.Range(0, 150).Select(i => "add" + i).ToList();
            var removes = Enumerable.Range(0, 100).Select(i => "rm" + i).ToList();

            var failures = await new ScimMemberPatchSender(TestClients.Create(handler), 100).SendAsync("g1", adds, removes, None);

            Assert.Empty(failures);
            var requests = handler.Requests.ToList();
            Assert.Equal(new[] { 100, 100, 50 }, requests.Select(ChangesIn));
            Assert.All(requests, r => Assert.Equal("PATCH", r.Method));
            Assert.All(requests, r => Assert.EndsWith("/Groups/g1", r.Uri.AbsolutePath));
        }

        [Fact]
        public async Task Halves_a_batch_the_server_refuses_with_413()
        {
            var handler = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Status(HttpStatusCode.RequestEntityTooLarge)
                : StubHandler.Status(HttpStatusCode.NoContent)));
            var adds = Enumerable.Range(0, 10).Select(i => "u" + i).ToList();

            var failures = await new ScimMemberPatchSender(TestClients.Create(handler), 100)
                .SendAsync("g1", adds, Array.Empty<string>(), None);

            Assert.Empty(failures);
            Assert.Equal(new[] { 10, 5, 5 }, handler.Requests.Select(ChangesIn));
        }

        [Fact]
        public async Task Halves_a_batch_refused_as_tooMany_and_reports_a_single_change_it_cannot_split()
        {
            const string tooMany = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"400\",\"scimType\""
                + ":\"tooMany\"}";
            var handler = new StubHandler((request, _, cancellationToken) => Task.FromResult(
                request.Content!.ReadAsStringAsync(cancellationToken).Result.Contains("\"u1\"")
                    ? StubHandler.Json(HttpStatusCode.BadRequest, tooMany)
                    : StubHandler.Status(HttpStatusCode.NoContent)));

            var failures = await new ScimMemberPatchSender(TestClients.Create(handler), 100)
                .SendAsync("g1", new[] { "u0", "u1" }, Array.Empty<string>(), None);

            var failure = Assert.Single(failures);
            Assert.Equal("u1", failure.Id);
            Assert.True(failure.Add);
            Assert.Equal("tooMany", failure.Error.ScimType);
            Assert.Equal(new[] { 2, 1, 1 }, handler.Requests.Select(ChangesIn));
        }

        [Fact]
        public async Task Reports_every_change_of_a_refused_batch_and_goes_on_with_the_next()
        {
            var handler = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Json(HttpStatusCode.NotFound, "{\"status\":\"404\",\"detail\":\"no such member\"}")
                : StubHandler.Status(HttpStatusCode.NoContent)));

            var failures = await new ScimMemberPatchSender(TestClients.Create(handler), 2)
                .SendAsync("g1", new[] { "a" }, new[] { "b", "c" }, None);

            // Removals go first: the refused batch is the two removals, the addition goes on its own.
            Assert.Equal(new[] { ("b", false), ("c", false) }, failures.Select(f => (f.Id, f.Add)));
            Assert.All(failures, f => Assert.Equal(ScimErrorKind.NotFound, f.Error.Kind));
            Assert.Equal(2, handler.Calls);
        }

        [Fact]
        public async Task Removals_go_before_additions_across_batches_and_within_each_request()
        {
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent));

            await new ScimMemberPatchSender(TestClients.Create(handler), 3)
                .SendAsync("g1", new[] { "a1", "a2" }, new[] { "r1", "r2" }, None);

            var operations = handler.Requests.Select(r =>
            {
                using var body = JsonDocument.Parse(r.Body!);
                var operations = body.RootElement.GetProperty("Operations").EnumerateArray();
                return string.Join(",", operations.Select(o => o.GetProperty("op").GetString()));
            }).ToList();
            Assert.Equal(new[] { "remove,remove,add", "add" }, operations);
        }

        [Fact]
        public async Task A_member_a_bare_400_refuses_is_found_by_halving_and_only_it_fails()
        {
            // As a server at its member cap, or one refusing one bad id, answers: the whole request, without a word of which.
            var handler = new StubHandler((request, _, cancellationToken) => Task.FromResult(
                request.Content!.ReadAsStringAsync(cancellationToken).Result.Contains("\"bad\"")
                    ? StubHandler.Json(HttpStatusCode.BadRequest, "{\"status\":\"400\",\"detail\":\"refused\"}")
                    : StubHandler.Status(HttpStatusCode.NoContent)));

            var failures = await new ScimMemberPatchSender(TestClients.Create(handler), 100)
                .SendAsync("g1", new[] { "a", "b", "bad", "d" }, Array.Empty<string>(), None);

            Assert.Equal("bad", Assert.Single(failures).Id);
            Assert.Equal(new[] { 4, 2, 2, 1, 1 }, handler.Requests.Select(ChangesIn));
        }

        [Theory]
        [InlineData(HttpStatusCode.BadRequest, "invalidPath")]
        [InlineData(HttpStatusCode.BadRequest, "invalidSyntax")]
        [InlineData(HttpStatusCode.InternalServerError, null)]
        [InlineData(HttpStatusCode.NotFound, null)]
        public async Task A_refusal_that_a_smaller_request_would_meet_too_is_not_halved(HttpStatusCode status, string? scimType)
        {
            var body = "{\"status\":\"" + (int)status + "\""
                + (scimType == null ? string.Empty : ",\"scimType\":\"" + scimType + "\"") + "}";
            var handler = new StubHandler(() => StubHandler.Json(status, body));
            var client = TestClients.Create(handler);

            var failures = await new ScimMemberPatchSender(client, 100)
                .SendAsync("g1", new[] { "a", "b", "c", "d" }, Array.Empty<string>(), None);

            Assert.Equal(4, failures.Count);
            // A failing server's request may be retried as it is, never split.
            Assert.All(handler.Requests, r => Assert.Equal(4, ChangesIn(r)));
        }

        [Fact]
        public async Task Throws_a_refused_credential_instead_of_reporting_each_member()
        {
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.Forbidden));

            var error = await Assert.ThrowsAsync<ScimException>(() =>
                new ScimMemberPatchSender(TestClients.Create(handler), 1).SendAsync("g1", new[] { "a", "b" }, Array.Empty<string>(), None));

            Assert.Equal(ScimErrorKind.Forbidden, error.Kind);
            Assert.Equal(1, handler.Calls);
        }

        [Fact]
        public void Refuses_a_batch_size_below_one()
        {
            var client = TestClients.Create(new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent)));
            Assert.Throws<System.ArgumentOutOfRangeException>(() => new ScimMemberPatchSender(client, 0));
        }

        [Fact]
        public void A_sender_refuses_a_batch_size_below_one_by_name()
        {
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent)));

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScimMemberPatchSender(client, 0));

            Assert.Equal("batchSize", error.ParamName);
            Assert.StartsWith("At least one change per request.", error.Message);
        }

        [Fact]
        public async Task A_sender_sends_a_batch_of_exactly_the_batch_size_as_one_request()
        {
            var handler = new StubHandler(() => StubHandler.Status(HttpStatusCode.NoContent));
            using var client = TestClients.Create(handler);

            var failures = await new ScimMemberPatchSender(client, 2).SendAsync("g1", new[] { "a" }, new[] { "b" }, None);

            Assert.Empty(failures);
            Assert.Equal(1, handler.Calls);
        }

        [Theory]
        [InlineData("tooLarge")]
        [InlineData("tooMany")]
        public async Task A_sender_splits_a_batch_refused_as_too_big_by_either_name(string scimType)
        {
            var handler = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Json(HttpStatusCode.BadRequest, "{\"status\":\"400\",\"scimType\":\"" + scimType + "\"}")
                : StubHandler.Status(HttpStatusCode.NoContent)));
            using var client = TestClients.Create(handler);

            var failures = await new ScimMemberPatchSender(client, 10)
                .SendAsync("g1", new[] { "a", "b", "c", "d" }, Array.Empty<string>(), None);

            Assert.Empty(failures);
            Assert.Equal(3, handler.Calls);
        }

        [Fact]
        public async Task A_sender_halves_a_batch_refused_with_409_down_to_single_changes_before_reporting_them()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.Conflict, "{\"status\":\"409\",\"scimType\":\"tooMany\"}"));
            using var client = TestClients.Create(handler);

            var failures = await new ScimMemberPatchSender(client, 10).SendAsync("g1", new[] { "a", "b" }, Array.Empty<string>(), None);

            Assert.Equal(new[] { "a", "b" }, failures.Select(f => f.Id));
            Assert.Equal(3, handler.Calls);
        }

        [Fact]
        public async Task A_batch_refused_with_noTarget_is_sent_again_as_the_adds_together_then_each_removal_alone()
        {
            var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
            var handler = new StubHandler(async (request, call, cancellationToken) =>
            {
                bodies.Enqueue(await request.Content!.ReadAsStringAsync(cancellationToken));
                return call == 0
                    ? StubHandler.Json(HttpStatusCode.BadRequest, "{\"status\":\"400\",\"scimType\":\"noTarget\"}")
                    : StubHandler.Status(HttpStatusCode.NoContent);
            });
            using var client = TestClients.Create(handler);

            var failures = await new ScimMemberPatchSender(client, 10).SendAsync("g1", new[] { "a1", "a2" }, new[] { "r1", "r2" }, None);

            Assert.Empty(failures);
            var sent = bodies.Skip(1).ToList();
            Assert.Equal(3, sent.Count);
            Assert.Contains("\"a1\"", sent[0]);
            Assert.Contains("\"a2\"", sent[0]);
            Assert.Contains("r1", sent[1]);
            Assert.Contains("r2", sent[2]);
        }
    }
}
