using System;
using System.Collections.Generic;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>A Disable or Enable record of one user, as much of it as ordering it and restoring from it need: the
    /// whole line is kept only for a Disable that may still be restored from.</summary>
    internal sealed class LifecycleRecord
    {
        public LifecycleRecord(JournalLine line, JournalEntry entry)
        {
            Path = line.Path;
            Number = line.Number;
            Time = entry.Time;
            Host = entry.Host;
            Seq = entry.Seq;
            After = entry.After;
            IsDisable = entry.Action == JournalActions.Disable;
            NamesGroups = IsDisable && entry.GroupsKnown != false && entry.Groups.Count > 0;
            Line = IsDisable ? line : null;
        }

        public string Path { get; }

        public int Number { get; }

        public DateTime Time { get; }

        public string? Host { get; }

        public long? Seq { get; }

        public IReadOnlyList<JournalReference>? After { get; }

        public bool IsDisable { get; }

        /// <summary>A Disable whose groups are known and not none. Unknown groups never count as "none", nor as some.</summary>
        public bool NamesGroups { get; }

        /// <summary>The whole record; null for an Enable, and for a Disable that can no longer be restored from.</summary>
        public JournalLine? Line { get; private set; }

        public JournalPlace Place => new JournalPlace(Path, Number, Seq, Time, After);

        /// <summary>How a later record names this one in its 'after'.</summary>
        public JournalReference Reference => JournalOrder.ReferenceTo(Path, Seq, Number);

        public void Release()
        {
            Line = null;
        }
    }
}
