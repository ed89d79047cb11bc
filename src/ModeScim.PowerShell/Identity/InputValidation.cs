using System.Linq;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Checks on user-supplied text that run before any request is made.</summary>
    internal static class InputValidation
    {
        public const int MaxIdentityLength = 1024;

        /// <summary>Null when the text can name a user; otherwise why not.</summary>
        public static string? ProblemWithIdentity(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return "An identity must not be empty.";
            }
            if (text!.Length > MaxIdentityLength)
            {
                return "An identity of " + text.Length + " characters is longer than the " + MaxIdentityLength + " allowed.";
            }
            if (text.Any(char.IsControl))
            {
                return "An identity must not contain control characters.";
            }
            return null;
        }
    }
}
