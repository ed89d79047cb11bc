using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using ModeScim.Client;
using ModeScim.Client.Http;

namespace ModeScim.Tests.Unit.Support
{
    internal static class TestClients
    {
        public const string Token = "s3cret-token-value";

        /// <summary>A client whose retry waits are recorded instead of slept.</summary>
        public static ScimClient Create(HttpMessageHandler handler, List<TimeSpan>? delays = null,
            Action<ScimClientOptions>? configure = null)
        {
            var options = new ScimClientOptions(new Uri("https://scim.example.test/api/scim/v2"), () => Token)
            {
                RetryPolicy = new ScimRetryPolicy(jitterSeed: 7) { MaxRetries = 3 },
            };
            configure?.Invoke(options);
            return new ScimClient(options, handler, (delay, _) =>
            {
                delays?.Add(delay);
                return Task.CompletedTask;
            });
        }
    }
}
