using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Tests.Unit.Operations
{
    /// <summary>Puts each request the client sends into the host's log as "send METHOD path" when it leaves, and lets a
    /// test look at the world (the journal file) at that moment.</summary>
    internal sealed class WireLog : DelegatingHandler
    {
        private readonly RecordingHost _host;

        public WireLog(RecordingHost host)
            : base(new HttpClientHandler())
        {
            _host = host;
        }

        /// <summary>Called as each changing request (POST, PUT, PATCH, DELETE) leaves, before the server sees it.</summary>
        public Action<HttpRequestMessage>? OnChange { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var method = request.Method.Method;
            _host.Add("send " + method + " " + request.RequestUri!.AbsolutePath);
            if (method != "GET")
            {
                OnChange?.Invoke(request);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
