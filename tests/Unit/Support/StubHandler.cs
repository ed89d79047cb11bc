using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Tests.Unit.Support
{
    /// <summary>An HttpMessageHandler that answers from a script and records what it was sent.</summary>
    internal sealed class StubHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> _respond;
        private int _calls;

        public StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond)
        {
            _respond = respond;
        }

        public StubHandler(params Func<HttpResponseMessage>[] responses)
            : this((_, call, _) => Task.FromResult(responses[Math.Min(call, responses.Length - 1)]()))
        {
        }

        public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

        public int Calls => Volatile.Read(ref _calls);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Enqueue(
                new RecordedRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            var call = Interlocked.Increment(ref _calls) - 1;
            return await _respond(request, call, cancellationToken);
        }

        public static HttpResponseMessage Json(HttpStatusCode status, string json)
        {
            return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/scim+json") };
        }

        public static HttpResponseMessage Status(HttpStatusCode status) => new(status);
    }

    internal sealed record RecordedRequest(string Method, Uri Uri, string? Authorization, string? Body);
}
