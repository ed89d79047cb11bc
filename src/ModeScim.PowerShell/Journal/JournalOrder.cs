using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>Where a record is and what it follows: all that ordering it needs.</summary>
    internal readonly struct JournalPlace
    {
        public JournalPlace(string path, int number, long? seq, DateTime time, IReadOnlyList<JournalReference>? after)
        {
            Path = path;
            Number = number;
            Seq = seq;
            Time = time;
            After = after;
        }

        /// <summary>The file the record is in.</summary>
        public string Path { get; }

        /// <summary>The record's line in that file.</summary>
        public int Number { get; }

        public long? Seq { get; }

        /// <summary>When the writing machine's clock said the record was written.</summary>
        public DateTime Time { get; }

        public IReadOnlyList<JournalReference>? After { get; }
    }

    /// <summary>Orders the records of one or more journal files the way they were written, as far as the journal can
    /// tell. A record comes after the one before it in its file (an append holds the file, so a file's lines are in the
    /// order they were written) and after every record its 'after' names (its writer read them first). Only records with
    /// no such chain between them, written on different machines that could not see each other's records, are
    /// ordered by time; machines' clocks disagree, so that is the last resort, and <see cref="Linked"/> tells when it
    /// was needed.</summary>
    internal sealed class JournalOrder
    {
        private readonly IReadOnlyList<JournalPlace> _places;

        // What each record directly follows: the record before it in its file, and those its 'after' names.
        private readonly List<int>[] _predecessors;
        private readonly bool[] _followed;
        private BitArray[]? _ancestors;

        private JournalOrder(IReadOnlyList<JournalPlace> places)
        {
            _places = places;
            _predecessors = new List<int>[places.Count];
            _followed = new bool[places.Count];
            Link();
            Sequence = Sort();
        }

        /// <summary>The records' indexes, first written first.</summary>
        public IReadOnlyList<int> Sequence { get; }

        /// <summary>Orders records given file by file, each file's in line order.</summary>
        public static JournalOrder Of(IReadOnlyList<JournalPlace> places) => new JournalOrder(places);

        /// <summary>The records nothing follows: those a new record of the same user comes after.</summary>
        public IEnumerable<int> Latest => Sequence.Where(i => !_followed[i]);

        /// <summary>True when one of the two records follows the other through a chain of files and 'after' references, so
        /// their order owes nothing to a clock. Meant for one user's records: it keeps a set of records per record.</summary>
        public bool Linked(int first, int second)
        {
            var ancestors = _ancestors ??= Ancestors();
            return ancestors[first][second] || ancestors[second][first];
        }

        /// <summary>How another record names this one in its 'after': by sequence number, or by line when it has none.</summary>
        public static JournalReference ReferenceTo(string path, long? seq, int number) => new JournalReference
        {
            File = System.IO.Path.GetFileName(path),
            Seq = seq,
            Line = seq.HasValue ? (int?)null : number,
        };

        private void Link()
        {
            var named = new Dictionary<(string File, bool BySeq, long Number), int>(new PlaceComparer());
            var lastInFile = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _places.Count; i++)
            {
                var place = _places[i];
                _predecessors[i] = new List<int>();
                if (lastInFile.TryGetValue(place.Path, out var previous))
                {
                    _predecessors[i].Add(previous);
                }
                lastInFile[place.Path] = i;
                var file = System.IO.Path.GetFileName(place.Path);
                if (place.Seq.HasValue && !named.ContainsKey((file, true, place.Seq.Value)))
                {
                    named.Add((file, true, place.Seq.Value), i);
                }
                if (!named.ContainsKey((file, false, place.Number)))
                {
                    named.Add((file, false, place.Number), i);
                }
            }
            for (var i = 0; i < _places.Count; i++)
            {
                foreach (var reference in _places[i].After ?? Array.Empty<JournalReference>())
                {
                    // A reference to a record not among these (another user's, or in a file no longer here) links nothing.
                    var key = reference.Seq.HasValue ? (reference.File, true, reference.Seq.Value)
                        : reference.Line.HasValue ? (reference.File, false, (long)reference.Line.Value) : default;
                    if (key.Item1 != null && named.TryGetValue(key, out var target) && target != i && !_predecessors[i].Contains(target))
                    {
                        _predecessors[i].Add(target);
                    }
                }
                foreach (var predecessor in _predecessors[i])
                {
                    _followed[predecessor] = true;
                }
            }
        }

        // Each file is read in its order; of the files' next records, those whose 'after' records are all placed are
        // candidates, and the earliest by its clock goes next. A chain that loops (a hand-edited file) is cut at the file's
        // next record, so no record is ever lost.
        private List<int> Sort()
        {
            var count = _places.Count;
            var placed = new bool[count];
            var waiting = new int[count];
            var waiters = new Dictionary<int, List<int>>();
            var files = new List<Queue<int>>();
            var fileOf = new int[count];
            var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                if (!fileIndex.TryGetValue(_places[i].Path, out var f))
                {
                    f = files.Count;
                    fileIndex.Add(_places[i].Path, f);
                    files.Add(new Queue<int>());
                }
                files[f].Enqueue(i);
                fileOf[i] = f;
                foreach (var predecessor in _predecessors[i].Where(p => _places[p].Path != _places[i].Path || p > i))
                {
                    waiting[i]++;
                    if (!waiters.TryGetValue(predecessor, out var list))
                    {
                        waiters[predecessor] = list = new List<int>();
                    }
                    list.Add(i);
                }
            }
            var ready = new SortedSet<(DateTime Time, int Index)>();
            foreach (var file in files)
            {
                if (waiting[file.Peek()] == 0)
                {
                    ready.Add((_places[file.Peek()].Time, file.Peek()));
                }
            }
            var order = new List<int>(count);
            while (order.Count < count)
            {
                int next;
                if (ready.Count > 0)
                {
                    next = ready.Min.Index;
                    ready.Remove(ready.Min);
                }
                else
                {
                    next = files.Where(f => f.Count > 0).Select(f => f.Peek()).OrderBy(i => _places[i].Time).ThenBy(i => i).First();
                }
                placed[next] = true;
                order.Add(next);
                var file = files[fileOf[next]];
                file.Dequeue();
                if (waiters.TryGetValue(next, out var list))
                {
                    foreach (var waiter in list)
                    {
                        waiting[waiter]--;
                        if (waiting[waiter] == 0 && !placed[waiter] && files[fileOf[waiter]].Peek() == waiter)
                        {
                            ready.Add((_places[waiter].Time, waiter));
                        }
                    }
                }
                if (file.Count > 0 && waiting[file.Peek()] == 0)
                {
                    ready.Add((_places[file.Peek()].Time, file.Peek()));
                }
            }
            return order;
        }

        private BitArray[] Ancestors()
        {
            var ancestors = new BitArray[_places.Count];
            foreach (var i in Sequence)
            {
                ancestors[i] = new BitArray(_places.Count);
                foreach (var predecessor in _predecessors[i].Where(p => ancestors[p] != null))
                {
                    ancestors[i].Or(ancestors[predecessor]);
                    ancestors[i][predecessor] = true;
                }
            }
            return ancestors;
        }

        private sealed class PlaceComparer : IEqualityComparer<(string File, bool BySeq, long Number)>
        {
            // File names compare as Windows compares them: a store may give a file back in another case.
            public bool Equals((string File, bool BySeq, long Number) x, (string File, bool BySeq, long Number) y) =>
                x.BySeq == y.BySeq && x.Number == y.Number && string.Equals(x.File, y.File, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode((string File, bool BySeq, long Number) key) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(key.File) ^ key.Number.GetHashCode() ^ (key.BySeq ? 1 : 0);
        }
    }
}
