using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ModeScim.PowerShell.Connections
{
    /// <summary>Azure DevOps leaves $(Name) as it is when no variable has that name, so a secret that was never
    /// defined, or not mapped into the step's env:, reaches the script as the literal text "$(ModeScimToken)".
    /// Sent as a token it would only come back as a puzzling 401; this says what is wrong instead.</summary>
    internal static class PipelineMacro
    {
        private static readonly Regex Unexpanded = new Regex(@"^\s*\$\([A-Za-z0-9_.\-]+\)\s*$", RegexOptions.CultureInvariant);

        public static bool IsUnexpanded([NotNullWhen(true)] string? value) => value != null && Unexpanded.IsMatch(value);

        public static string Explain(string variable, string value)
        {
            return "$env:" + variable + " holds the literal text '" + value.Trim() + "': the pipeline variable it names is not defined, "
                + "or is a secret that was not mapped into the step's env: block. Define it (as a secret for a token) and map it.";
        }
    }
}
