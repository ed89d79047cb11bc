using System.Linq;
using System.Text.RegularExpressions;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Checks attribute values before any request, so bad rows of a CSV are refused with a clear
    /// reason and the rest go on.</summary>
    internal static class UserInputValidator
    {
        public const int MaxLength = 256;

        // Deliberately simple: one @, no blanks, a dot in the domain. The server has the final word.
        private static readonly Regex EmailPattern = new Regex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

        /// <summary>Null when the value is acceptable; otherwise why not, naming the attribute and value.</summary>
        /// <param name="identifier">True for values that name something (userName, email, externalId, a group's
        /// name): those may not hold invisible characters either. Personal names may (Persian uses U+200C).</param>
        public static string? Check(string attribute, string? value, bool required, bool isEmail = false, bool identifier = false)
        {
            if (value == null || value.Length == 0)
            {
                return required ? attribute + " is required." : null;
            }
            if (value.Trim().Length == 0)
            {
                return attribute + " must not be blank.";
            }
            if (value.Length > MaxLength)
            {
                return attribute + " is " + value.Length + " characters long; at most " + MaxLength + " are allowed.";
            }
            if (value.Any(char.IsControl))
            {
                return attribute + " '" + Printable(value) + "' contains a control character.";
            }
            if (value.Any(Identity.InputValidation.IsBidiControl))
            {
                return attribute + " '" + Printable(value) + "' contains a bidirectional override character.";
            }
            if (identifier && value.Any(Identity.InputValidation.IsInvisible))
            {
                return attribute + " '" + Printable(value) + "' contains an invisible character.";
            }
            if (isEmail && !EmailPattern.IsMatch(value))
            {
                return attribute + " '" + value + "' is not an email address.";
            }
            return null;
        }

        /// <summary>Trims the blanks a spreadsheet leaves around a value; null stays null.</summary>
        public static string? Clean(string? value) => value?.Trim();

        private static string Printable(string value)
        {
            return Identity.InputValidation.Printable(value);
        }
    }
}
