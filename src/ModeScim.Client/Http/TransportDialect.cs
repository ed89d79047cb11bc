using System;
using System.Net.Http.Headers;

namespace ModeScim.Client.Http
{
    /// <summary>What differs between the APIs one transport can speak: media types, how each attempt authenticates,
    /// and the shape of an error body. Retries, timeouts, size caps and the request log are the same for all.</summary>
    internal sealed class TransportDialect
    {
        private TransportDialect(string[] accept, string contentType, Func<AuthenticationHeaderValue> authorization,
            Func<string?, ScimErrorBody> parseError)
        {
            Accept = accept;
            ContentType = contentType;
            Authorization = authorization;
            ParseError = parseError;
        }

        public string[] Accept { get; }

        public string ContentType { get; }

        /// <summary>Called once per attempt, so a secret is revealed only while a request is built.</summary>
        public Func<AuthenticationHeaderValue> Authorization { get; }

        public Func<string?, ScimErrorBody> ParseError { get; }

        public static TransportDialect Scim(ScimClientOptions options)
        {
            return new TransportDialect(new[] { "application/scim+json", "application/json" }, "application/scim+json",
                () => new AuthenticationHeaderValue("Bearer", options.TokenProvider()), ScimErrorBody.Parse);
        }

        /// <summary>Mode's REST API: HAL JSON, HTTP Basic, errors as {"id", "message"}.</summary>
        public static TransportDialect ModeRest(Func<AuthenticationHeaderValue> authorization)
        {
            return new TransportDialect(new[] { "application/hal+json", "application/json" }, "application/json", authorization,
                ScimErrorBody.ParseModeError);
        }
    }
}
