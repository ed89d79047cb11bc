using System;
using System.Collections.Generic;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>The latest Disable record of each user in one workspace, read once per command.</summary>
    internal sealed class JournalIndex
    {
        private readonly Dictionary<string, JournalLine> _latestDisable = new Dictionary<string, JournalLine>(StringComparer.Ordinal);

        private JournalIndex(List<JournalLine> brokenLines)
        {
            BrokenLines = brokenLines;
        }

        public IReadOnlyList<JournalLine> BrokenLines { get; }

        public static JournalIndex Load(string path, Uri baseUri)
        {
            var broken = new List<JournalLine>();
            var index = new JournalIndex(broken);
            if (!JournalReader.Exists(path))
            {
                return index;
            }
            foreach (var line in JournalReader.ReadAll(path))
            {
                if (line.Entry == null)
                {
                    broken.Add(line);
                    continue;
                }
                var entry = line.Entry;
                if (entry.Action == JournalActions.Disable && SameWorkspace(entry.BaseUri, baseUri))
                {
                    // Lines are in time order, so the last one seen is the latest.
                    index._latestDisable[entry.UserId] = line;
                }
            }
            return index;
        }

        public JournalLine? LatestDisable(string userId)
        {
            return _latestDisable.TryGetValue(userId, out var line) ? line : null;
        }

        internal static bool SameWorkspace(string? recorded, Uri current)
        {
            // Records without a base URI predate nothing in particular; accept them rather than lose them.
            return string.IsNullOrEmpty(recorded)
                || string.Equals(recorded!.TrimEnd('/'), current.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        }
    }
}
