using System.Collections.Generic;
using System.Management.Automation;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Users
{
    /// <summary>Get-ModeUser's -UserName, -Email and -Status as the client's conditions. A wildcard is PowerShell's, so it
    /// is matched by PowerShell's rules here; the client is given its literal start to ask the server for.</summary>
    internal static class UserCriteria
    {
        public static ScimUserCondition ForUserName(string value)
        {
            return IsPattern(value) ? ScimUserCondition.UserNameLike(value, LiteralPrefix(value), Matcher(value))
                : ScimUserCondition.UserNameEquals(value);
        }

        public static ScimUserCondition ForEmail(string value)
        {
            return IsPattern(value) ? ScimUserCondition.EmailLike(value, LiteralPrefix(value), Matcher(value))
                : ScimUserCondition.EmailEquals(value);
        }

        /// <summary>The condition -Status adds: none for Any.</summary>
        public static IEnumerable<ScimUserCondition> ForStatus(ModeUserStatus status)
        {
            if (status != ModeUserStatus.Any)
            {
                yield return ScimUserCondition.Status(status == ModeUserStatus.Active);
            }
        }

        public static bool IsPattern(string value) => WildcardPattern.ContainsWildcardCharacters(value);

        /// <summary>Identity text as a userName pattern: only '*' and '?' make one, and a pattern made of them also matches
        /// the text itself, so a userName holding them is still found. '[', ']' and '`' are taken literally (a name such as
        /// "a[1]@example.com" names one user); null for text that is no pattern.</summary>
        public static string? IdentityPattern(string text)
        {
            if (text.IndexOfAny(IdentityWildcards) < 0)
            {
                return null;
            }
            return text.Replace("`", "``").Replace("[", "`[").Replace("]", "`]");
        }

        private static readonly char[] IdentityWildcards = { '*', '?' };

        private static readonly char[] WildcardCharacters = { '*', '?', '[', '`' };

        /// <summary>What every match of the pattern starts with: the text before its first wildcard or escape.</summary>
        internal static string LiteralPrefix(string pattern)
        {
            var end = pattern.IndexOfAny(WildcardCharacters);
            return end < 0 ? pattern : pattern.Substring(0, end);
        }

        private static System.Func<string, bool> Matcher(string value)
        {
            return new WildcardPattern(value, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant).IsMatch;
        }
    }
}
