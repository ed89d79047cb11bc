using System.Collections.Generic;
using System.Linq;

namespace ModeScim.PowerShell.Logging
{
    /// <summary>How a message names many items: the first ten, then "..." when there are more, so a warning about a
    /// thousand users stays one readable line.</summary>
    internal static class Sample
    {
        private const int Shown = 10;

        public static string Of(IEnumerable<string> items)
        {
            var first = items.Take(Shown + 1).ToList();
            return string.Join(", ", first.Take(Shown)) + (first.Count > Shown ? ", ..." : string.Empty);
        }
    }
}
