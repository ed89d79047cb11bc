using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Filtering;
using ModeScim.Client.Http;
using ModeScim.Client.Lookups;
using ModeScim.Client.Models;
using ModeScim.Client.Patching;
using ModeScim.Client.Updates;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>The client's small parts, each at its edges: what it refuses, where it splits, what it reads.</summary>
    public class ClientPartsTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

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

        [Fact]
        public void A_server_that_publishes_no_configuration_is_assumed_to_take_patch_and_nothing_else()
        {
            var assumed = ServiceProviderConfig.AssumedDefault();

            Assert.True(assumed.Patch!.Supported);
        }

        [Fact]
        public void The_primary_email_is_the_one_marked_primary_else_the_first()
        {
            var marked = new ScimUser
            {
                Emails = new() { new ScimMultiValue { Value = "first@x" }, new ScimMultiValue { Value = "main@x", Primary = true } },
            };
            var unmarked = new ScimUser
            {
                Emails = new() { new ScimMultiValue { Value = "first@x", Primary = false }, new ScimMultiValue { Value = "b@x" } },
            };

            Assert.Equal("main@x", marked.PrimaryEmail);
            Assert.Equal("first@x", unmarked.PrimaryEmail);
            Assert.Null(new ScimUser { Emails = new() }.PrimaryEmail);
            Assert.Null(new ScimUser().PrimaryEmail);
        }

        [Fact]
        public void Options_need_an_absolute_base_and_end_it_with_a_slash()
        {
            var error = Assert.Throws<ArgumentException>(() => new ScimClientOptions(new Uri("scim/v2", UriKind.Relative), () => "t"));
            Assert.Throws<ArgumentException>(() => new ScimClientOptions(null!, () => "t"));

            Assert.StartsWith("The SCIM base URI must be absolute.", error.Message);
            var unslashed = new ScimClientOptions(new Uri("https://x.test/scim/v2"), () => "t");
            Assert.Equal("https://x.test/scim/v2/", unslashed.BaseUri.AbsoluteUri);
            var slashed = new Uri("https://x.test/scim/v2/");
            Assert.Same(slashed, new ScimClientOptions(slashed, () => "t").BaseUri);
            Assert.Matches(@"^ModeScim/\d+\.\d+\.\d+$", new ScimClientOptions(slashed, () => "t").UserAgent);
        }

        [Fact]
        public void A_chunk_holds_at_most_the_given_number_of_values()
        {
            var chunks = FilterChunker.Chunk("userName", Enumerable.Range(0, 7).Select(i => "u" + i), 3).ToList();

            Assert.Equal(new[] { 3, 3, 1 }, chunks.Select(c => c.Values.Count));
            Assert.Equal("userName eq \"u0\" or userName eq \"u1\" or userName eq \"u2\"", chunks[0].Filter.ToString());
            Assert.Equal("userName eq \"u6\"", chunks[2].Filter.ToString());
            Assert.Empty(FilterChunker.Chunk("userName", Array.Empty<string>(), 3));
        }

        [Fact]
        public void A_chunk_ends_before_its_encoded_filter_would_pass_the_url_budget()
        {
            // Each value encodes to 1,000 characters plus "userName eq" and the joining " or ".
            var values = Enumerable.Range(0, 13).Select(i => i.ToString("D2", CultureInfo.InvariantCulture) + new string('a', 998))
                .ToList();
            var perPart = Uri.EscapeDataString(ScimFilter.Equal("userName", values[0]).ToString()).Length + 8;

            var chunks = FilterChunker.Chunk("userName", values, 100).ToList();

            var perChunk = FilterChunker.MaxEncodedFilterLength / perPart;
            Assert.Equal(perChunk, chunks[0].Values.Count);
            Assert.All(chunks, c => Assert.True(Uri.EscapeDataString(c.Filter.ToString()).Length <= FilterChunker.MaxEncodedFilterLength));
            Assert.Equal(values, chunks.SelectMany(c => c.Values));
        }

        [Fact]
        public void A_value_too_long_for_the_budget_still_goes_alone()
        {
            var huge = new string('a', 7000);

            var chunks = FilterChunker.Chunk("userName", new[] { "small", huge, "tail" }, 100).ToList();

            Assert.Equal(new[] { 1, 1, 1 }, chunks.Select(c => c.Values.Count));
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

        [Fact]
        public async Task The_updater_learns_patch_works_and_rereads_a_user_answered_with_204()
        {
            var handler = new StubHandler((request, _, _) => Task.FromResult(request.Method.Method == "PATCH"
                ? StubHandler.Status(HttpStatusCode.NoContent)
                : StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"a@x\",\"active\":false}")));
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "u1", UserName = "a@x", Active = true };

            var kept = await new ScimUserUpdater(client).SetActiveAsync(user, false, None, reread: false);
            var reread = await new ScimUserUpdater(client).SetActiveAsync(user, false, None);

            // A bare 204 to a change of active is read back either way: a leaver is never reported offboarded unread.
            Assert.False(kept.Active);
            Assert.False(reread.Active);
            Assert.NotSame(user, reread);
            Assert.Equal(new[] { "PATCH", "GET", "PATCH", "GET" }, handler.Requests.Select(r => r.Method));
            Assert.Equal(ScimSupport.Supported, client.Capabilities[ScimCapability.UserPatch]);
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

        [Fact]
        public async Task The_updater_learns_value_paths_work_when_an_email_change_used_one()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"a@x\"}"));
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "u1", Emails = new() { new ScimMultiValue { Value = "old@x", Type = "work" } } };

            await new ScimUserUpdater(client).ApplyAsync(user, new ScimUserChange { Email = "new@x" }, None);

            Assert.Equal(ScimSupport.Supported, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

        [Fact]
        public async Task A_refused_patch_without_a_value_path_is_an_error_not_a_fallback()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.BadRequest,
                "{\"status\":\"400\",\"scimType\":\"invalidPath\"}"));
            using var client = TestClients.Create(handler);
            var user = new ScimUser { Id = "u1", Emails = new() { new ScimMultiValue { Value = "old@x", Type = "work" } } };

            await Assert.ThrowsAsync<ScimException>(() => new ScimUserUpdater(client).SetActiveAsync(user, false, None));

            Assert.Equal(1, handler.Calls);
            Assert.Equal(ScimSupport.Unknown, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

        [Fact]
        public async Task Where_value_paths_are_known_refused_an_email_change_replaces_the_list_at_once()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, "{\"id\":\"u1\",\"userName\":\"a@x\"}"));
            using var client = TestClients.Create(handler);
            client.Capabilities.Learn(ScimCapability.PatchValuePaths, false);
            var user = new ScimUser { Id = "u1", Emails = new() { new ScimMultiValue { Value = "old@x", Type = "work" } } };

            await new ScimUserUpdater(client).ApplyAsync(user, new ScimUserChange { Email = "new@x" }, None);

            var body = handler.Requests.Single().Body!;
            Assert.Contains("\"path\":\"emails\"", body);
            Assert.Equal(ScimSupport.Unsupported, client.Capabilities[ScimCapability.PatchValuePaths]);
        }

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
