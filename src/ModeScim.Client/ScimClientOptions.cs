using System;
using System.Net;
using ModeScim.Client.Http;

namespace ModeScim.Client
{
    public sealed class ScimClientOptions
    {
        public ScimClientOptions(Uri baseUri, Func<string> tokenProvider)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri)
            {
                throw new ArgumentException("The SCIM base URI must be absolute.", nameof(baseUri));
            }
            // A trailing slash makes relative resource paths append instead of replacing the last segment.
            BaseUri = baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
            TokenProvider = tokenProvider ?? throw new ArgumentNullException(nameof(tokenProvider));
        }

        public Uri BaseUri { get; }

        /// <summary>Called once per attempt, so the caller can keep the token protected between requests.</summary>
        public Func<string> TokenProvider { get; }

        /// <summary>How long one attempt may take, headers and body.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        public ScimRetryPolicy RetryPolicy { get; set; } = new ScimRetryPolicy();

        /// <summary>The most requests this client has in flight at once, however many callers share it:
        /// the server's rate limit, not local compute, is what bounds a provisioning run.</summary>
        public int MaxConcurrentRequests { get; set; } = 4;

        /// <summary>Page size asked of the server; it may return fewer.</summary>
        public int PageSize { get; set; } = 100;

        /// <summary>The largest response body accepted; a bigger one fails with ResponseTooLarge instead of
        /// filling memory (a group of a million members, a server gone wrong).</summary>
        public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>The most pages one listing may take; a server that pages forever fails with ListingTooLong.</summary>
        public int MaxListPages { get; set; } = 100_000;

        public IWebProxy? Proxy { get; set; }

        public string UserAgent { get; set; } = "ModeScim/" + typeof(ScimClientOptions).Assembly.GetName().Version?.ToString(3);
    }
}
