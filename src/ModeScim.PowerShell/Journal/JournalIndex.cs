using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Each user's Disable and Enable records in one workspace, read once per command: where the user's groups
    /// would be restored from, and which records a new one of the user follows.</summary>
    internal sealed class JournalIndex
    {
        private readonly Dictionary<string, UserHistory> _users = new Dictionary<string, UserHistory>(StringComparer.Ordinal);

        // Records this command appended since it read the journal: each is now its user's latest.
        private readonly Dictionary<string, JournalReference> _appended = new Dictionary<string, JournalReference>(StringComparer.Ordinal);

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
            // File by file, each in its order; each user's records are ordered among themselves when first asked for.
            foreach (var line in JournalReader.ReadEach(path))
            {
                if (line.Entry == null)
                {
                    broken.Add(line);
                    continue;
                }
                var entry = line.Entry;
                if (!SameWorkspace(entry.BaseUri, baseUri)
                    || (entry.Action != JournalActions.Disable && entry.Action != JournalActions.Enable))
                {
                    continue;
                }
                if (!index._users.TryGetValue(entry.UserId, out var history))
                {
                    index._users.Add(entry.UserId, history = new UserHistory());
                }
                history.Add(new LifecycleRecord(line, entry));
            }
            return index;
        }

        public RestoreSource? RestoreSourceFor(string userId)
        {
            return _users.TryGetValue(userId, out var history) ? history.Source : null;
        }

        /// <summary>The user's latest records, which a new Disable or Enable record of the user names in 'after': one,
        /// unless records were written on machines that could not see each other's.</summary>
        public IReadOnlyList<JournalReference> LatestOf(string userId)
        {
            if (_appended.TryGetValue(userId, out var appended))
            {
                return new[] { appended };
            }
            return _users.TryGetValue(userId, out var history) ? history.Latest : Array.Empty<JournalReference>();
        }

        /// <summary>Notes a record this command appended to <paramref name="file"/>: it follows everything the index holds
        /// of its user.</summary>
        public void Appended(string file, JournalEntry entry)
        {
            if (entry.Seq.HasValue)
            {
                _appended[entry.UserId] = JournalOrder.ReferenceTo(file, entry.Seq, 0);
            }
        }

        internal static bool SameWorkspace(string? recorded, Uri current)
        {
            // Records without a base URI predate nothing in particular; accept them rather than lose them.
            return InputValidation.IsEmpty(recorded)
                || string.Equals(recorded.TrimEnd('/'), current.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>One user's Disable and Enable records, given file by file in each file's order.</summary>
        private sealed class UserHistory
        {
            private readonly List<LifecycleRecord> _records = new List<LifecycleRecord>();

            // The latest Disable naming groups, and the latest naming none after it, in the file being read.
            private LifecycleRecord? _naming;
            private LifecycleRecord? _namingNone;

            private IReadOnlyList<JournalReference>? _latest;
            private RestoreSource? _source;

            public RestoreSource? Source
            {
                get
                {
                    Analyse();
                    return _source;
                }
            }

            public IReadOnlyList<JournalReference> Latest
            {
                get
                {
                    Analyse();
                    return _latest;
                }
            }

            public void Add(LifecycleRecord record)
            {
                if (_records.Count > 0 && _records[_records.Count - 1].Path != record.Path)
                {
                    _naming = null;
                    _namingNone = null;
                }
                _records.Add(record);
                if (!record.IsDisable)
                {
                    return;
                }
                // In one file a later record is later, whatever the clocks: a Disable followed there by one that names
                // groups, or one naming none followed by any, can never be restored from, and its groups need not be kept.
                _namingNone?.Release();
                if (record.NamesGroups)
                {
                    _naming?.Release();
                    _naming = record;
                    _namingNone = null;
                }
                else
                {
                    _namingNone = record;
                }
            }

            [MemberNotNull(nameof(_latest))]
            private void Analyse()
            {
                if (_latest != null)
                {
                    return;
                }
                var order = JournalOrder.Of(_records.Select(r => r.Place).ToList());
                _latest = order.Latest.Select(i => _records[i].Reference).ToList();
                _source = Restore(order);
            }

            // The latest Disable, unless it names no groups and an earlier one does with no Enable between them: then that one.
            private RestoreSource? Restore(JournalOrder order)
            {
                var sequence = order.Sequence;
                var last = -1;
                var lastNaming = -1;
                for (var position = 0; position < sequence.Count; position++)
                {
                    var record = _records[sequence[position]];
                    if (record.IsDisable)
                    {
                        last = position;
                        lastNaming = record.NamesGroups ? position : lastNaming;
                    }
                }
                if (last < 0)
                {
                    return null;
                }
                var passesOver = lastNaming >= 0 && lastNaming != last
                    && !Enumerable.Range(lastNaming + 1, last - lastNaming - 1).Any(p => !_records[sequence[p]].IsDisable);
                var chosen = passesOver ? lastNaming : last;
                return new RestoreSource(_records[sequence[chosen]], passesOver ? _records[sequence[last]] : null,
                    ClockChoiceFor(order, last, lastNaming, chosen));
            }

            // A pair of records from different files, neither linked to the other, whose order the choice depended on.
            private ClockChoice? ClockChoiceFor(JournalOrder order, int last, int lastNaming, int chosen)
            {
                var sequence = order.Sequence;
                bool Unlinked(int p, int q) => !order.Linked(sequence[p], sequence[q]);
                var disables = Enumerable.Range(0, sequence.Count).Where(p => _records[sequence[p]].IsDisable).ToList();
                var enables = Enumerable.Range(0, sequence.Count).Where(p => !_records[sequence[p]].IsDisable).ToList();
                // Groups restored from a record that every Enable is known to precede: whatever the order of the rest, only
                // another record that names groups could take its place.
                if (_records[sequence[chosen]].NamesGroups && enables.All(p => p < chosen && !Unlinked(p, chosen)))
                {
                    var rivals = disables.Where(p => p != chosen && _records[sequence[p]].NamesGroups && Unlinked(p, chosen));
                    return rivals.Select(p => Pair(sequence, chosen, p)).FirstOrDefault();
                }
                // Otherwise the choice rests on the latest Disable, the latest naming groups, and, when they differ, on
                // whether an Enable came between them.
                var decisive = lastNaming >= 0 && lastNaming != last ? new[] { last, lastNaming } : new[] { last };
                var unlinked = decisive.SelectMany(d => disables.Where(p => p != d && Unlinked(d, p)).Select(p => (d, p)));
                if (decisive.Length > 1)
                {
                    unlinked = unlinked.Concat(enables.SelectMany(p => decisive.Where(d => Unlinked(d, p)).Select(d => (d, p))));
                }
                return unlinked.Select(pair => Pair(sequence, pair.d, pair.p)).FirstOrDefault();
            }

            private ClockChoice Pair(IReadOnlyList<int> sequence, int one, int another)
            {
                return new ClockChoice(_records[sequence[Math.Max(one, another)]], _records[sequence[Math.Min(one, another)]]);
            }
        }
    }
}
