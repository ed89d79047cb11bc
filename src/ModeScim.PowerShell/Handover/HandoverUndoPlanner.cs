using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Handover
{
    /// <summary>Which journalled handover changes are still in place: every HandoverGrant and HandoverMove not
    /// followed by its Undo record, newest first, so moves are reversed before the grants that let the successor
    /// see them, and a handover undone and made again is undone once more.</summary>
    internal static class HandoverUndoPlanner
    {
        public static IReadOnlyList<JournalEntry> Outstanding(IEnumerable<JournalEntry> entries)
        {
            // Each change with its content, which every entry considered has.
            var outstanding = new List<(JournalEntry Entry, JournalContent Content)>();
            foreach (var entry in entries)
            {
                var content = entry.Content;
                if (content == null)
                {
                    continue;
                }
                switch (entry.Action)
                {
                    case JournalActions.HandoverGrant:
                    case JournalActions.HandoverMove:
                        outstanding.Add((entry, content));
                        break;
                    case JournalActions.UndoHandoverGrant:
                    case JournalActions.UndoHandoverMove:
                        var undone = outstanding.FindLastIndex(e => UndoActionOf(e.Entry) == entry.Action && SameChange(e.Content,
                            content));
                        if (undone >= 0)
                        {
                            outstanding.RemoveAt(undone);
                        }
                        break;
                }
            }
            outstanding.Reverse();
            return outstanding.Where(e => e.Entry.Action == JournalActions.HandoverMove)
                .Concat(outstanding.Where(e => e.Entry.Action == JournalActions.HandoverGrant)).Select(e => e.Entry).ToList();
        }

        /// <summary>The other leavers whose handover, still in place, made or relies on the same access as
        /// <paramref name="grant"/>: the successor's access on that collection, which their moved reports are in or
        /// their own grant gave. Revoking it would undo part of their handover too. A moved report that has left the
        /// collection since relies on nothing there; a grant of a leaver undone in the same command protects nothing,
        /// or two such grants would keep each other forever.</summary>
        /// <param name="undoneTogether">The leavers this command undoes.</param>
        /// <param name="stillInPlace">Whether a journalled move's report is still in the collection it was moved to.</param>
        public static IReadOnlyList<string> ReliedOnBy(JournalEntry grant, IEnumerable<JournalEntry> journal,
            IReadOnlyCollection<string> undoneTogether, Func<JournalEntry, bool> stillInPlace)
        {
            var content = grant.Content!;
            bool Relies(JournalEntry e) =>
                string.Equals(e.Content!.ToCollection, content.ToCollection, StringComparison.Ordinal)
                && string.Equals(e.Content.SuccessorToken, content.SuccessorToken, StringComparison.Ordinal)
                && (e.Action == JournalActions.HandoverMove ? stillInPlace(e)
                    : !undoneTogether.Contains(e.UserName ?? string.Empty, StringComparer.OrdinalIgnoreCase));
            return journal.Where(e => e.Content != null && !string.Equals(e.UserName, grant.UserName, StringComparison.OrdinalIgnoreCase))
                .GroupBy(e => e.UserName ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                .Where(leaver => Outstanding(leaver).Any(Relies))
                .Select(leaver => leaver.Key)
                .ToList();
        }

        public static string UndoActionOf(JournalEntry entry) =>
            entry.Action == JournalActions.HandoverGrant ? JournalActions.UndoHandoverGrant : JournalActions.UndoHandoverMove;

        private static bool SameChange(JournalContent made, JournalContent undone) =>
            string.Equals(made.Token, undone.Token, StringComparison.Ordinal)
            && string.Equals(made.ToCollection, undone.ToCollection, StringComparison.Ordinal)
            && string.Equals(made.SuccessorToken, undone.SuccessorToken, StringComparison.Ordinal);
    }
}
