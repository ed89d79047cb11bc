using System;
using System.Collections.Generic;
using System.Net.Http.Headers;

namespace ModeScim.Client.Http
{
    /// <summary>What differs between the APIs one transport can speak: media types, how each attempt authenticates,
    /// and the shape of an error body. Retries, timeouts, size caps and the request log are the same for all.</summary>
    internal sealed class TransportDialect
    {
        // Shared by every client: read-only, so no client can change another's Accept header.
        private static readonly IReadOnlyList<string> ScimMediaTypes = new[] { "application/scim+json", "application/json" };
        private static readonly IReadOnlyList<string> ModeRestMediaTypes = new[] { "application/hal+json", "application/json" };

        private TransportDialect(IReadOnlyList<string> accept, string contentType, Func<AuthenticationHeaderValue> authorization,
            Func<string?, ScimErrorBody> parseError)
        {
            Accept = accept;
            ContentType = contentType;
            Authorization = authorization;
            ParseError = parseError;
        }

        public IReadOnlyList<string> Accept { get; }

        public string ContentType { get; }

        /// <summary>Called once per attempt, so a secret is revealed only while a request is built.</summary>
        public Func<AuthenticationHeaderValue> Authorization { get; }

        public Func<string?, ScimErrorBody> ParseError { get; }

        public static TransportDialect Scim(ScimClientOptions options)
        {
            return new TransportDialect(ScimMediaTypes, "application/scim+json",
                () => new AuthenticationHeaderValue("Bearer", options.TokenProvider()), ScimErrorBody.Parse);
        }

        /// <summary>Mode's REST API: HAL JSON, HTTP Basic, errors as {"id", "message"}.</summary>
        public static TransportDialect ModeRest(Func<AuthenticationHeaderValue> authorization)
        {
            return new TransportDialect(ModeRestMediaTypes, "application/json", authorization,
                ScimErrorBody.ParseModeError);
        }
    }
}
