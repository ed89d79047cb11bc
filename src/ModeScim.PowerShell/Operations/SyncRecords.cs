using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Journals Sync-ModeUser's approved changes of one kind before any is sent: all of their records in one flushed
    /// append, as its leavers are. When the records cannot be written, each change is a failure and none may be sent.</summary>
    internal sealed class SyncRecords
    {
        private readonly JournalSession _journal;
        private readonly UserSyncFailures _failures;

        public SyncRecords(JournalSession journal, UserSyncFailures failures)
        {
            _journal = journal;
            _failures = failures;
        }

        /// <summary>The changes that may now be sent: all of <paramref name="approved"/>, or none.</summary>
        public List<T> Record<T>(List<T> approved, Func<T, string> target, string change, Func<T, JournalEntry> entry)
        {
            if (approved.Count == 0 || _journal.TryAppendAll(approved.Select(entry).ToList(), approved.Select(target).ToArray()))
            {
                return approved;
            }
            foreach (var item in approved)
            {
                _failures.Add(target(item), change, ModeScimErrorIds.JournalWriteFailed);
            }
            return new List<T>();
        }
    }
}
