using System;
using System.Globalization;
using System.Linq;
using System.Net;
using ModeScim.Client.Http;

namespace ModeScim.Client.ModeApi
{
    /// <summary>The API token and secret for one attempt. Asked for per attempt, never kept by the client.</summary>
    public sealed class ModeApiCredentials
    {
        public ModeApiCredentials(string token, string secret)
        {
            Token = token;
            Secret = secret;
        }

        public string Token { get; }

        public string Secret { get; }
    }

    /// <summary>Settings for a <see cref="ModeApiClient"/>.</summary>
    public sealed class ModeApiClientOptions
    {
        public ModeApiClientOptions(Uri apiBaseUri, string workspace, Func<ModeApiCredentials> credentials)
        {
            if (apiBaseUri == null || !apiBaseUri.IsAbsoluteUri)
            {
                throw new ArgumentException("The Mode API base URI must be absolute.", nameof(apiBaseUri));
            }
            if (!IsUsableWorkspace(workspace))
            {
                throw new ArgumentException("The workspace must be a name without blanks, invisible characters or any of "
                    + ForbiddenInWorkspace + ".", nameof(workspace));
            }
            ApiBaseUri = apiBaseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? apiBaseUri : new Uri(apiBaseUri.AbsoluteUri
                + "/");
            Workspace = workspace;
            Credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        }

        /// <summary>What a workspace name may not hold, besides blanks, control and invisible characters.</summary>
        public const string ForbiddenInWorkspace = "/ ? # % \\ : @ & = +";

        /// <summary>Whether the text can be a workspace's name in the API's paths, where it is one segment: a '/' or '?'
        /// would address another resource, and an invisible character another workspace.</summary>
        public static bool IsUsableWorkspace(string? workspace)
        {
            return !string.IsNullOrEmpty(workspace) && workspace!.All(c => !char.IsWhiteSpace(c) && !char.IsControl(c)
                && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format && ForbiddenInWorkspace.IndexOf(c) < 0);
        }

        /// <summary>Where the REST API lives, such as https://app.mode.com/api/.</summary>
        public Uri ApiBaseUri { get; }

        public string Workspace { get; }

        public Func<ModeApiCredentials> Credentials { get; }

        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>The default pace: Mode allows "about" 40 requests per 10 seconds, so the client keeps a tenth below.</summary>
        public const int DefaultRateLimit = 36;

        /// <summary>At most this many requests (retries included) in any <see cref="RateWindow"/>; 0 sends without
        /// pacing.</summary>
        public int RateLimit { get; set; } = DefaultRateLimit;

        public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Mode has not said whether its 429 carries Retry-After: one without it is waited out for a whole
        /// window (Mode counts in windows, so an earlier retry is refused again), within two minutes per request.</summary>
        public ScimRetryPolicy RetryPolicy { get; set; } = new ScimRetryPolicy
        {
            MaxRetries = 6,
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(16),
            ThrottleWait = TimeSpan.FromSeconds(10),
        };

        /// <summary>Few in flight: the rate limit, not the network, bounds this API.</summary>
        public int MaxConcurrentRequests { get; set; } = 2;

        public int PageSize { get; set; } = 100;

        public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

        /// <summary>1,000 pages of 100: more than any workspace holds, and at Mode's pace (36 requests per 10 s) a list that
        /// never ends is stopped within five minutes.</summary>
        public const int DefaultMaxListPages = 1_000;

        public int MaxListPages { get; set; } = DefaultMaxListPages;

        public IWebProxy? Proxy { get; set; }

        public string UserAgent { get; set; } = "ModeScim/" + typeof(ModeApiClientOptions).Assembly.GetName().Version?.ToString(3);

        internal ScimClientOptions ToTransportOptions()
        {
            // The transport's bearer provider is never called: the REST dialect authenticates with Basic.
            return new ScimClientOptions(ApiBaseUri, () => throw new InvalidOperationException("No bearer for the REST API."))
            {
                RequestTimeout = RequestTimeout,
                RetryPolicy = RetryPolicy,
                MaxConcurrentRequests = MaxConcurrentRequests,
                MaxResponseBytes = MaxResponseBytes,
                MaxListPages = MaxListPages,
                Proxy = Proxy,
                UserAgent = UserAgent,
            };
        }
    }
}
