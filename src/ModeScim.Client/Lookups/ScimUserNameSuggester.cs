using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.Client.Lookups
{
    /// <summary>The userNames closest to text that found nobody, for a "did you mean" line. Bounded: one listing of the
    /// userNames starting with the text's first letter (<c>sw</c>, or a listing matched here where the server refuses it),
    /// at most <see cref="MaxRead"/> users read, ranked by edit distance to the whole userName and to its part before
    /// '@'. A typo in the first letter finds nothing, which is the price of not listing a large workspace.</summary>
    public static class ScimUserNameSuggester
    {
        /// <summary>The most users one suggestion reads.</summary>
        public const int MaxRead = 200;

        /// <summary>The most userNames suggested.</summary>
        public const int MaxSuggested = 3;

        public static async Task<IReadOnlyList<string>> SuggestAsync(ScimClient client, string text, CancellationToken cancellationToken)
        {
            var typed = Typed(text);
            var letter = FirstLetter(typed);
            if (letter == null)
            {
                return Array.Empty<string>();
            }
            return Closest(typed, await ReadCandidatesAsync(client, letter, cancellationToken).NoContext());
        }

        /// <summary>The text suggestions are made for: trimmed, without trailing wildcards.</summary>
        public static string Typed(string? text) => (text ?? string.Empty).Trim().TrimEnd('*', '?');

        /// <summary>What <see cref="ReadCandidatesAsync"/> is asked for, lower-cased; null when nothing can be suggested (no
        /// text, or text that starts with neither a letter nor a digit).</summary>
        public static string? FirstLetter(string typed)
        {
            return typed.Length == 0 || !char.IsLetterOrDigit(typed[0]) ? null : typed.Substring(0, 1).ToLowerInvariant();
        }

        /// <summary>At most <see cref="MaxRead"/> userNames starting with <paramref name="letter"/>, regardless of case; a
        /// caller suggesting for many misses keeps them per letter.</summary>
        public static async Task<IReadOnlyList<string>> ReadCandidatesAsync(ScimClient client, string letter,
            CancellationToken cancellationToken)
        {
            var selection = new ScimUserSelection(new[] { ScimUserCondition.UserNameStartsWith(letter) });
            var query = new ScimUserQuery(client, new[] { selection }) { First = MaxRead, MaxScanned = MaxRead };
            var names = new List<string>();
            await foreach (var page in query.ReadAsync(selection, new ScimUserQueryOutcome(), cancellationToken).NoContext())
            {
                names.AddRange(page.Users.Select(u => u.UserName).OfType<string>());
            }
            return names;
        }

        /// <summary>Up to <see cref="MaxSuggested"/> of <paramref name="names"/>, nearest first, each within a third of the
        /// typed text's length (at least two edits) of it.</summary>
        public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> names)
        {
            var limit = Math.Max(2, typed.Length / 3);
            return names
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(n => new { Name = n, Distance = Distance(typed, n) })
                .Where(c => c.Distance <= limit)
                .OrderBy(c => c.Distance)
                .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Take(MaxSuggested)
                .Select(c => c.Name)
                .ToList();
        }

        private static int Distance(string typed, string userName)
        {
            var at = userName.IndexOf('@');
            var whole = EditDistance(typed, userName);
            return at <= 0 || typed.IndexOf('@') >= 0 ? whole : Math.Min(whole, EditDistance(typed, userName.Substring(0, at)));
        }

        /// <summary>Levenshtein distance, regardless of case.</summary>
        internal static int EditDistance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                    current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (same ? 0 : 1));
                }
                var swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.Length];
        }
    }
}
