using System.Text.RegularExpressions;

namespace ModeScim.Client.Http
{
    /// <summary>Hides the values of secret-looking JSON attributes in a body kept for a log: SCIM users may carry a
    /// "password", and extension schemas may carry tokens or secrets. The body is never parsed, so a broken one
    /// is redacted as well as a whole one.</summary>
    public static class SecretRedactor
    {
        public const string Mask = "***";

        private static readonly Regex SecretValue = new Regex(
            "(\"(?:[A-Za-z_]*(?:password|secret|token|apikey|api_key|access_key|credential)[A-Za-z_]*)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static string? Redact(string? body)
        {
            return body == null ? null : SecretValue.Replace(body, "$1\"" + Mask + "\"");
        }
    }
}
