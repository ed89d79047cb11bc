using System;
using System.Collections.Generic;
using System.Net.Http.Headers;
using System.Text;

namespace ModeScim.Client.Http
{
    /// <summary>Masks a request's credentials where a server echoes them back (an error body quoting the request's
    /// headers): the credentials as sent and, for HTTP Basic, the token and the secret they encode. What an error
    /// detail holds reaches exceptions, $Error, -Debug lines and transcripts.</summary>
    internal static class CredentialEcho
    {
        // Shorter values would mask ordinary words; no real token or secret is this short.
        private const int ShortestMasked = 6;

        public static string? Mask(string? text, AuthenticationHeaderValue? credentials)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(credentials?.Parameter))
            {
                return text;
            }
            var masked = text!;
            foreach (var secret in SecretsOf(credentials!))
            {
                if (secret.Length >= ShortestMasked)
                {
                    masked = masked.Replace(secret, SecretRedactor.Mask);
                }
            }
            return masked;
        }

        private static IEnumerable<string> SecretsOf(AuthenticationHeaderValue credentials)
        {
            yield return credentials.Parameter!;
            if (!string.Equals(credentials.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                yield break;
            }
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials.Parameter!));
            }
            catch (FormatException)
            {
                yield break;
            }
            yield return decoded;
            var colon = decoded.IndexOf(':');
            if (colon >= 0)
            {
                yield return decoded.Substring(0, colon);
                yield return decoded.Substring(colon + 1);
            }
        }
    }
}
