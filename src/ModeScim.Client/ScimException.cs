using System;

namespace ModeScim.Client
{
    /// <summary>Why a SCIM request failed, in terms a caller can act on.</summary>
    public enum ScimErrorKind
    {
        BadRequest,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        PreconditionFailed,
        PayloadTooLarge,
        Throttled,
        ServerError,
        Timeout,
        Network,
        /// <summary>A non-idempotent request failed in transit: the server may or may not have applied it.</summary>
        OutcomeUnknown,
        InvalidResponse,

        /// <summary>A response body larger than the client accepts (ScimClientOptions.MaxResponseBytes).</summary>
        ResponseTooLarge,

        /// <summary>A listing that went on for more pages than the client accepts (ScimClientOptions.MaxListPages).</summary>
        ListingTooLong,

        /// <summary>The server answered a change with success, and with a resource that does not have it.</summary>
        ChangeNotApplied,
    }

    /// <summary>A failed SCIM request. Carries the method and the path relative to the base URI,
    /// never a header, so the bearer token cannot leak through it.</summary>
    public sealed class ScimException : Exception
    {
        public ScimException(ScimErrorKind kind, string method, string path, int? statusCode, string? scimType, string? detail,
            TimeSpan? retryAfter = null, Exception? innerException = null)
            : base(Describe(kind, method, path, statusCode, scimType, detail), innerException)
        {
            Kind = kind;
            Method = method;
            Path = path;
            StatusCode = statusCode;
            ScimType = scimType;
            Detail = detail;
            RetryAfter = retryAfter;
        }

        public ScimErrorKind Kind { get; }

        public string Method { get; }

        public string Path { get; }

        /// <summary>The HTTP status, or null when no response arrived.</summary>
        public int? StatusCode { get; }

        /// <summary>RFC 7644 scimType such as uniqueness or invalidFilter, when the server sent one.</summary>
        public string? ScimType { get; }

        public string? Detail { get; }

        /// <summary>What the server asked the client to wait, when it said.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The server did not understand the request's form (a filter or PATCH path it does not
        /// implement): 400 invalidFilter or invalidPath, a 400 without a scimType, or 501. Not a verdict on the data.</summary>
        public bool IsUnsupportedForm =>
            StatusCode == 501
            || (Kind == ScimErrorKind.BadRequest && (ScimType == null || ScimType == "invalidFilter" || ScimType == "invalidPath"));

        /// <summary>400 noTarget (RFC 7644 3.12): a PATCH path's filter matched nothing, such as a member already removed.</summary>
        public bool IsNoTarget => Kind == ScimErrorKind.BadRequest && string.Equals(ScimType, "noTarget", StringComparison.Ordinal);

        /// <summary>scimType invalidFilter, in any case: the server could not use the filter as written (a caller's own
        /// filter text, typically), which a caller reports apart from other bad requests.</summary>
        public bool IsInvalidFilter => string.Equals(ScimType, "invalidFilter", StringComparison.OrdinalIgnoreCase);

        private static string Describe(ScimErrorKind kind, string method, string path, int? statusCode, string? scimType, string? detail)
        {
            var text = method + " " + path + " failed: ";
            text += statusCode.HasValue ? "HTTP " + statusCode.Value : DescribeWithoutStatus(kind);
            if (!string.IsNullOrEmpty(scimType))
            {
                text += " (" + scimType + ")";
            }
            if (!string.IsNullOrEmpty(detail))
            {
                text += ": " + detail;
            }
            return text;
        }

        private static string DescribeWithoutStatus(ScimErrorKind kind)
        {
            switch (kind)
            {
                case ScimErrorKind.Timeout:
                    return "no response before the timeout";
                case ScimErrorKind.OutcomeUnknown:
                    return "the connection failed after the request was sent, so the server may have applied it";
                case ScimErrorKind.InvalidResponse:
                    return "the response was not valid SCIM JSON";
                case ScimErrorKind.ResponseTooLarge:
                    return "the response is larger than the client accepts";
                case ScimErrorKind.ListingTooLong:
                    return "the listing has more pages than the client accepts";
                case ScimErrorKind.ChangeNotApplied:
                    return "the server answered with success, but its answer does not have the change";
                default:
                    return "the server could not be reached";
            }
        }
    }
}
