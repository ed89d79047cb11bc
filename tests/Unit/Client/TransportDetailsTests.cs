using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Http;
using ModeScim.Client.Models;
using ModeScim.Tests.Unit.Support;
using Xunit;

namespace ModeScim.Tests.Unit.Client
{
    /// <summary>What the transport sends and how it reads what comes back: headers, sizes, charsets, retry waits,
    /// request records, and the real handler's choices (no redirects followed, gzip, refused connections).</summary>
    public class TransportDetailsTests
    {
        private const string Ada = "{\"id\":\"u1\",\"userName\":\"ada@example.com\"}";
        private static readonly CancellationToken None = CancellationToken.None;

        /// <summary>Content whose length is not known up front, as a chunked response is.</summary>
        private sealed class UnsizedContent : HttpContent
        {
            private readonly byte[] _bytes;

            public UnsizedContent(byte[] bytes)
            {
                _bytes = bytes;
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes, 0,
                _bytes.Length);

            protected override bool TryComputeLength(out long length)
            {
                length = -1;
                return false;
            }
        }

        [Fact]
        public async Task Every_request_accepts_scim_and_plain_json_and_names_the_module()
        {
            HttpRequestMessage? seen = null;
            var handler = new StubHandler((request, _, _) =>
            {
                seen = request;
                return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, Ada));
            });
            using var client = TestClients.Create(handler, configure: o => o.UserAgent = "ModeScim/9.9.9");

            await client.Users.GetAsync("u1", None);

            Assert.Equal(new[] { "application/scim+json", "application/json" }, seen!.Headers.Accept.Select(a => a.MediaType));
            Assert.Equal("ModeScim/9.9.9", seen.Headers.UserAgent.ToString());
        }

        [Fact]
        public async Task A_response_exactly_at_the_limit_is_read_and_one_byte_more_is_refused_without_a_declared_length()
        {
            var atLimit = Encoding.UTF8.GetBytes(Ada);
            var limit = atLimit.Length;
            using var exact = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, Ada)),
                configure: o => o.MaxResponseBytes = limit);
            var over = new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new UnsizedContent(Encoding.UTF8.GetBytes(Ada + " ")),
            });
            using var tooBig = TestClients.Create(over, configure: o => o.MaxResponseBytes = limit);
            using var unsizedAtLimit = TestClients.Create(new StubHandler(() => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new UnsizedContent(atLimit),
            }), configure: o => o.MaxResponseBytes = limit);

            Assert.Equal("u1", (await exact.Users.GetAsync("u1", None)).Id);
            Assert.Equal("u1", (await unsizedAtLimit.Users.GetAsync("u1", None)).Id);
            var error = await Assert.ThrowsAsync<ScimException>(() => tooBig.Users.GetAsync("u1", None));
            Assert.Equal(ScimErrorKind.ResponseTooLarge, error.Kind);
            Assert.Equal(1, over.Calls);
        }

        [Fact]
        public async Task A_refused_oversized_response_says_the_limit_in_megabytes_and_is_recorded()
        {
            var body = "{\"id\":\"u1\",\"userName\":\"" + new string('a', 3 * 1024 * 1024) + "\"}";
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, body)),
                configure: o => o.MaxResponseBytes = 2 * 1024 * 1024);
            var records = new RequestRecorder();

            ScimException error;
            using (ScimClient.Observe(records))
            {
                error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));
            }

            Assert.Contains("larger than 2 MB", error.Detail);
            Assert.Contains("-MaxResponseSizeMB", error.Detail);
            var record = Assert.Single(records.All);
            Assert.Equal((200, "response too large"), (record.StatusCode, record.Failure));
        }

        [Theory]
        [InlineData("iso-8859-1")]
        [InlineData("\"iso-8859-1\"")]
        public async Task A_charset_the_server_names_is_honoured(string charset)
        {
            var latin1 = Encoding.Latin1.GetBytes("{\"id\":\"u1\",\"userName\":\"jos\u00e9@example.com\"}");
            using var client = TestClients.Create(new StubHandler(() =>
            {
                var content = new ByteArrayContent(latin1);
                content.Headers.TryAddWithoutValidation("Content-Type", "application/scim+json; charset=" + charset);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            }));

            Assert.Equal("jos\u00e9@example.com", (await client.Users.GetAsync("u1", None)).UserName);
        }

        [Theory]
        [InlineData("application/scim+json")]
        [InlineData("application/scim+json; charset=x-no-such-charset")]
        public async Task Without_a_known_charset_the_body_is_utf8(string contentType)
        {
            var utf8 = Encoding.UTF8.GetBytes("{\"id\":\"u1\",\"userName\":\"jos\u00e9@example.com\"}");
            using var client = TestClients.Create(new StubHandler(() =>
            {
                var content = new ByteArrayContent(utf8);
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            }));

            Assert.Equal("jos\u00e9@example.com", (await client.Users.GetAsync("u1", None)).UserName);
        }

        [Fact]
        public async Task A_retry_after_date_in_the_past_is_not_waited_for()
        {
            var handler = new StubHandler((_, call, _) =>
            {
                if (call > 0)
                {
                    return Task.FromResult(StubHandler.Json(HttpStatusCode.OK, Ada));
                }
                var busy = StubHandler.Status(HttpStatusCode.TooManyRequests);
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(-5));
                return Task.FromResult(busy);
            });
            var delays = new List<TimeSpan>();
            using var client = TestClients.Create(handler, delays);

            await client.Users.GetAsync("u1", None);

            // No wait but the policy's small jitter: never negative, never the five minutes of the date.
            var delay = Assert.Single(delays);
            Assert.InRange(delay, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        [Fact]
        public async Task Waits_add_up_and_retrying_stops_when_they_would_pass_the_total_allowed()
        {
            var handler = new StubHandler(() =>
            {
                var busy = StubHandler.Status(HttpStatusCode.TooManyRequests);
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(20));
                return busy;
            });
            var delays = new List<TimeSpan>();
            using var client = TestClients.Create(handler, delays, o =>
            {
                o.RetryPolicy.MaxRetries = 10;
                o.RetryPolicy.MaxTotalWait = TimeSpan.FromSeconds(50);
            });

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));

            Assert.Equal(ScimErrorKind.Throttled, error.Kind);
            // 20 s and 20 s (plus jitter) fit in 50 s; a third 20 s would not.
            Assert.Equal(2, delays.Count);
            Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(21)));
        }

        [Fact]
        public async Task A_500_on_a_read_is_retried_and_recorded_with_its_wait()
        {
            var handler = new StubHandler((_, call, _) => Task.FromResult(call == 0
                ? StubHandler.Json(HttpStatusCode.InternalServerError, "{\"status\":\"500\"}")
                : StubHandler.Json(HttpStatusCode.OK, Ada)));
            var delays = new List<TimeSpan>();
            using var client = TestClients.Create(handler, delays);
            var records = new RequestRecorder();

            using (ScimClient.Observe(records))
            {
                await client.Users.GetAsync("u1", None);
            }

            var all = records.All.ToList();
            Assert.Equal(2, all.Count);
            Assert.Equal((500, 1, (TimeSpan?)delays.Single()), (all[0].StatusCode, all[0].Attempt, all[0].RetryDelay));
            Assert.Equal((200, 2, (TimeSpan?)null), (all[1].StatusCode, all[1].Attempt, all[1].RetryDelay));
            Assert.Equal("GET Users/u1 500 " + all[0].ElapsedMilliseconds + " ms, retrying in "
                + (long)delays.Single().TotalMilliseconds + " ms", all[0].ToString());
            Assert.Equal("GET Users/u1 200 " + all[1].ElapsedMilliseconds + " ms (attempt 2)", all[1].ToString());
        }

        [Fact]
        public async Task A_record_masks_secrets_in_both_bodies()
        {
            var handler = new StubHandler(() => StubHandler.Json(HttpStatusCode.Created,
                "{\"id\":\"u1\",\"userName\":\"a@example.com\",\"password\":\"server-said\"}"));
            using var client = TestClients.Create(handler);
            var records = new RequestRecorder();

            using (ScimClient.Observe(records))
            {
                var user = new ScimUser { UserName = "a@example.com" };
                user.AdditionalAttributes = new Dictionary<string, System.Text.Json.JsonElement>
                {
                    ["password"] = System.Text.Json.JsonDocument.Parse("\"p4ssw0rd!\"").RootElement,
                };
                await client.Users.CreateAsync(user, None);
            }

            var record = records.All.Single();
            Assert.DoesNotContain("p4ssw0rd!", record.RequestBody);
            Assert.DoesNotContain("server-said", record.ResponseBody);
            Assert.Contains("a@example.com", record.RequestBody);
        }

        [Fact]
        public async Task A_timed_out_attempt_says_how_long_it_waited()
        {
            var handler = new StubHandler(async (_, _, token) =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return StubHandler.Status(HttpStatusCode.OK);
            });
            using var client = TestClients.Create(handler, configure: o =>
            {
                o.RequestTimeout = TimeSpan.FromMilliseconds(1200);
                o.RetryPolicy.MaxRetries = 0;
            });

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));

            Assert.Equal(ScimErrorKind.Timeout, error.Kind);
            Assert.Equal("timeout after 1 s", error.Detail);
        }

        [Fact]
        public void A_disposed_client_refuses_work()
        {
            var client = TestClients.Create(new StubHandler(() => StubHandler.Json(HttpStatusCode.OK, Ada)));
            client.Dispose();

            Assert.ThrowsAny<ObjectDisposedException>(() => client.Users.GetAsync("u1", None).GetAwaiter().GetResult());
        }

        /// <summary>One canned HTTP/1.1 answer per connection on 127.0.0.1, for the real handler.</summary>
        private sealed class RawServer : IDisposable
        {
            private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

            public RawServer(Func<int, byte[]> answer)
            {
                _listener.Start();
                _ = Task.Run(async () =>
                {
                    for (var i = 0; ; i++)
                    {
                        TcpClient connection;
                        try
                        {
                            connection = await _listener.AcceptTcpClientAsync();
                        }
                        catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException)
                        {
                            return;
                        }
                        using (connection)
                        {
                            var stream = connection.GetStream();
                            var buffer = new byte[8192];
                            var request = new StringBuilder();
                            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                            {
                                var read = await stream.ReadAsync(buffer);
                                if (read == 0) break;
                                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                            }
                            Requests.Enqueue(request.ToString());
                            var bytes = answer(i);
                            await stream.WriteAsync(bytes);
                        }
                    }
                });
            }

            public ConcurrentQueue<string> Requests { get; } = new();

            public Uri BaseUri => new("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/scim/v2/");

            public void Dispose() => _listener.Stop();

            public static byte[] Response(string statusLine, string headers, byte[] body)
            {
                var head = Encoding.ASCII.GetBytes("HTTP/1.1 " + statusLine + "\r\n" + headers + "Content-Length: " + body.Length
                    + "\r\nConnection: close\r\n\r\n");
                return head.Concat(body).ToArray();
            }
        }

        private static ScimClient RealClient(Uri baseUri, Action<ScimClientOptions>? configure = null)
        {
            var options = new ScimClientOptions(baseUri, () => TestClients.Token)
            {
                RetryPolicy = new ScimRetryPolicy(jitterSeed: 7) { MaxRetries = 2 },
            };
            configure?.Invoke(options);
            return new ScimClient(options, null, (_, _) => Task.CompletedTask);
        }

        [Fact]
        public async Task The_real_handler_does_not_follow_a_redirect()
        {
            using var server = new RawServer(_ => RawServer.Response("302 Found", "Location: http://127.0.0.1:9/elsewhere\r\n",
                Array.Empty<byte>()));
            using var client = RealClient(server.BaseUri);

            var error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));

            Assert.Equal(302, error.StatusCode);
            Assert.Single(server.Requests);
        }

        [Fact]
        public async Task The_real_handler_asks_for_and_unpacks_gzip()
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(Encoding.UTF8.GetBytes(Ada));
            }
            using var server = new RawServer(_ => RawServer.Response("200 OK",
                "Content-Type: application/scim+json\r\nContent-Encoding: gzip\r\n", packed.ToArray()));
            using var client = RealClient(server.BaseUri);

            var user = await client.Users.GetAsync("u1", None);

            Assert.Equal("ada@example.com", user.UserName);
            Assert.Contains("gzip", server.Requests.Single(), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public async Task The_real_handler_goes_through_the_proxy_it_is_given()
        {
            using var proxy = new RawServer(_ => RawServer.Response("200 OK", "Content-Type: application/scim+json\r\n",
                Encoding.UTF8.GetBytes(Ada)));
            using var client = RealClient(new Uri("http://scim.invalid/scim/v2/"), o => o.Proxy = new WebProxy(proxy.BaseUri));

            var user = await client.Users.GetAsync("u1", None);

            Assert.Equal("u1", user.Id);
            Assert.StartsWith("GET http://scim.invalid/scim/v2/Users/u1 ", proxy.Requests.Single(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A_create_whose_connection_is_refused_never_reached_the_server_and_is_a_plain_network_error()
        {
            var closed = new TcpListener(IPAddress.Loopback, 0);
            closed.Start();
            var port = ((IPEndPoint)closed.LocalEndpoint).Port;
            closed.Stop();
            using var client = RealClient(new Uri("http://127.0.0.1:" + port + "/scim/v2/"));

            var error = await Assert.ThrowsAsync<ScimException>(() =>
                client.Users.CreateAsync(new ScimUser { UserName = "a@example.com" }, None));

            Assert.Equal(ScimErrorKind.Network, error.Kind);
        }

        [Fact]
        public async Task A_create_whose_connection_drops_after_sending_may_have_been_applied()
        {
            using var server = new RawServer(_ => Encoding.ASCII.GetBytes("HTTP/1.1 201 Created\r\nContent-Length: 500\r\n\r\n{\"id\""));
            using var client = RealClient(server.BaseUri, o => o.RetryPolicy.MaxRetries = 0);

            var error = await Assert.ThrowsAsync<ScimException>(
                () => client.Users.CreateOrAdoptAsync(new ScimUser { UserName = "a@example.com" }, None));

            Assert.Equal(ScimErrorKind.OutcomeUnknown, error.Kind);
        }

        [Fact]
        public async Task A_redirect_status_is_not_a_success_and_a_refusal_is_recorded_without_a_retry()
        {
            using var client = TestClients.Create(new StubHandler(() => StubHandler.Json((HttpStatusCode)300, Ada)));
            var records = new RequestRecorder();

            ScimException error;
            using (ScimClient.Observe(records))
            {
                error = await Assert.ThrowsAsync<ScimException>(() => client.Users.GetAsync("u1", None));
            }

            Assert.Equal(300, error.StatusCode);
            var record = Assert.Single(records.All);
            Assert.Null(record.RetryDelay);
            Assert.Equal("GET Users/u1 300 " + record.ElapsedMilliseconds + " ms", record.ToString());
        }
    }
}
