using System;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>Which base URIs a connection may use. The token travels in every request, so plain http
    /// is refused unless the server is on this machine (the emulator) or the caller insists.</summary>
    internal static class BaseUriPolicy
    {
        // user:password@ and the values of query parameters (access_token=...) are secrets in a URI.
        private static readonly Regex UserInfo = new Regex(@"(?<=://)[^/?#@\s]*@", RegexOptions.CultureInvariant);
        private static readonly Regex QueryValue = new Regex(@"(?<=[?&][^=&#\s]*=)[^&#\s]*", RegexOptions.CultureInvariant);

        public static Uri Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new BaseUriException(false, "The base URI is empty.", text);
            }
            var shown = Redact(text.Trim());
            if (text.Trim().Any(char.IsControl))
            {
                throw new BaseUriException(false, "The base URI holds a line break or another control character: '"
                    + Identity.InputValidation.Printable(shown) + "'.", shown);
            }
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new BaseUriException(false, "'" + shown + "' is not an absolute http or https URI.", shown);
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new BaseUriException(false,
                    "The base URI must not hold credentials; pass the token with -Token or MODE_SCIM_TOKEN.",
                    uri.GetLeftPart(UriPartial.Scheme) + uri.Host);
            }
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new BaseUriException(false, "The base URI must not have a query or fragment: '" + shown + "'.", shown);
            }
            return uri;
        }

        /// <summary>The text with any user:password@ and every query value replaced by "***", for messages: a base
        /// URI may arrive with a secret in it, parseable or not.</summary>
        public static string Redact(string text)
        {
            return QueryValue.Replace(UserInfo.Replace(text, "***@"), "***");
        }

        public static void EnsureSecure(Uri uri, bool allowInsecureHttp)
        {
            if (uri.Scheme == Uri.UriSchemeHttps || allowInsecureHttp || IsLoopback(uri))
            {
                return;
            }
            throw new BaseUriException(true, "Refusing to send the token over plain http to '" + uri.Host
                + "'. Use https, or -AllowInsecureHttp if you accept the risk.", uri.AbsoluteUri);
        }

        private static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
        }
    }

    internal sealed class BaseUriException : Exception
    {
        public BaseUriException(bool isInsecure, string message, string value)
            : base(message)
        {
            IsInsecure = isInsecure;
            Value = value;
        }

        public bool IsInsecure { get; }

        public string Value { get; }
    }
}
