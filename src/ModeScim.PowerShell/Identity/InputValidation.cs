using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace ModeScim.PowerShell.Identity
{
    /// <summary>Checks on user-supplied text that run before any request is made.</summary>
    internal static class InputValidation
    {
        /// <summary><see cref="string.IsNullOrEmpty"/>, saying to the compiler what it proves (netstandard2.0's does not).</summary>
        public static bool IsEmpty([NotNullWhen(false)] string? value) => string.IsNullOrEmpty(value);

        /// <summary><see cref="string.IsNullOrWhiteSpace"/>, saying to the compiler what it proves (netstandard2.0's does not).</summary>
        public static bool IsBlank([NotNullWhen(false)] string? value) => string.IsNullOrWhiteSpace(value);

        /// <summary>Embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) make a name display as
        /// something it is not; no legitimate userName needs them. Plain marks (U+200E, U+200F) are allowed.</summary>
        public static bool IsBidiControl(char c) => (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

        /// <summary>Characters that show as nothing (zero-width space, joiners, word joiner and its kin, the byte
        /// order mark, the soft hyphen, the Mongolian vowel separator): two names that look the same would differ.</summary>
        public static bool IsInvisible(char c) =>
            (c >= '\u200B' && c <= '\u200D') || (c >= '\u2060' && c <= '\u2064') || c == '\uFEFF' || c == '\u00AD' || c == '\u180E';

        /// <summary>The text with every control, bidi or invisible character shown as '?', for an error message.</summary>
        public static string Printable(string value)
        {
            return new string(value.Select(c => char.IsControl(c) || IsBidiControl(c) || IsInvisible(c) ? '?' : c).ToArray());
        }

        /// <summary>Whether a server's answer is about the user asked for: the same userName as a person reads it, whatever
        /// its case. An answer that names no userName cannot be checked and is taken as about that user.</summary>
        public static bool SameUserName(string? asked, string? answered) =>
            IsBlank(answered)
            || string.Equals(Visible(asked ?? string.Empty), Visible(answered), System.StringComparison.OrdinalIgnoreCase);

        /// <summary>The text as a person reads it: without control, bidi or invisible characters, and trimmed of blanks
        /// (no-break spaces included). What a refused row "could name".</summary>
        public static string Visible(string value)
        {
            return new string(value.Where(c => !char.IsControl(c) && !IsBidiControl(c) && !IsInvisible(c)).ToArray()).Trim();
        }

        public const int MaxIdentityLength = 1024;

        /// <summary>Null when the identity can be looked up: a piped object, or text that passes
        /// <see cref="ProblemWithIdentity"/>; otherwise why not.</summary>
        public static string? ProblemWith(ModeUserIdentity? identity)
        {
            return identity == null ? "An identity must not be null." : identity.User != null ? null : ProblemWithIdentity(identity.Text);
        }

        public static string? ProblemWith(ModeGroupIdentity? identity)
        {
            return identity == null ? "A group identity must not be null." : identity.Group != null ? null
                : ProblemWithIdentity(identity.Text);
        }

        /// <summary><see cref="ProblemWith(ModeUserIdentity)"/> as a test: true, with why, when the identity cannot be looked
        /// up; false only for an identity that is there.</summary>
        public static bool HasProblem([NotNullWhen(false)] ModeUserIdentity? identity, [NotNullWhen(true)] out string? problem)
        {
            problem = ProblemWith(identity);
            return problem != null;
        }

        /// <summary><see cref="ProblemWith(ModeGroupIdentity)"/> as a test: true, with why, when the identity cannot be looked
        /// up; false only for an identity that is there.</summary>
        public static bool HasProblem([NotNullWhen(false)] ModeGroupIdentity? identity, [NotNullWhen(true)] out string? problem)
        {
            problem = ProblemWith(identity);
            return problem != null;
        }

        /// <summary>Null when the text can name a user; otherwise why not.</summary>
        public static string? ProblemWithIdentity(string? text)
        {
            if (IsBlank(text))
            {
                return "An identity must not be empty.";
            }
            if (text.Length > MaxIdentityLength)
            {
                return "An identity of " + text.Length + " characters is longer than the " + MaxIdentityLength + " allowed.";
            }
            if (text.Any(char.IsControl))
            {
                return "An identity must not contain control characters.";
            }
            if (text.Any(IsBidiControl))
            {
                return "An identity must not contain bidirectional override characters.";
            }
            if (text.Any(IsInvisible))
            {
                return "An identity must not contain invisible characters such as a zero-width space ('" + Printable(text) + "').";
            }
            return null;
        }
    }
}
