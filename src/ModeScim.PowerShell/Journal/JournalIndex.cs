using System;
using System.Collections.Generic;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Where each user's groups would be restored from in one workspace, read once per command.</summary>
    internal sealed class JournalIndex
    {
        private readonly Dictionary<string, RestoreSource> _sources = new Dictionary<string, RestoreSource>(StringComparer.Ordinal);

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
                if (!SameWorkspace(entry.BaseUri, baseUri))
                {
                    continue;
                }
                // Lines are in time order, so each one read is the latest so far.
                index._sources.TryGetValue(entry.UserId, out var source);
                if (entry.Action == JournalActions.Disable)
                {
                    index._sources[entry.UserId] = source == null ? RestoreSource.First(line) : source.Then(line);
                }
                else if (entry.Action == JournalActions.Enable)
                {
                    source?.MarkEnabled();
                }
            }
            return index;
        }

        public RestoreSource? RestoreSourceFor(string userId)
        {
            return _sources.TryGetValue(userId, out var source) ? source : null;
        }

        internal static bool SameWorkspace(string? recorded, Uri current)
        {
            // Records without a base URI predate nothing in particular; accept them rather than lose them.
            return string.IsNullOrEmpty(recorded)
                || string.Equals(recorded!.TrimEnd('/'), current.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        }
    }
}
