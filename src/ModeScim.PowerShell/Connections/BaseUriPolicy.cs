using System;
using System.Net;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>Which base URIs a connection may use. The token travels in every request, so plain http
    /// is refused unless the server is on this machine (the emulator) or the caller insists.</summary>
    internal static class BaseUriPolicy
    {
        public static Uri Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new BaseUriException(false, "The base URI is empty.", text);
            }
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new BaseUriException(false, "'" + text + "' is not an absolute http or https URI.", text);
            }
            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw new BaseUriException(false, "The base URI must not hold credentials; pass the token with -Token or MODE_SCIM_TOKEN.", uri.GetLeftPart(UriPartial.Scheme) + uri.Host);
            }
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new BaseUriException(false, "The base URI must not have a query or fragment: '" + text + "'.", text);
            }
            return uri;
        }

        public static void EnsureSecure(Uri uri, bool allowInsecureHttp)
        {
            if (uri.Scheme == Uri.UriSchemeHttps || allowInsecureHttp || IsLoopback(uri))
            {
                return;
            }
            throw new BaseUriException(true, "Refusing to send the token over plain http to '" + uri.Host + "'. Use https, or -AllowInsecureHttp if you accept the risk.", uri.AbsoluteUri);
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
