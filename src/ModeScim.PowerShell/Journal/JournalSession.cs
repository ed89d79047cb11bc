using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Memberships;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Journal
{
    /// <summary>One command's use of the journal: records are appended and flushed before the change they describe, each
    /// Disable and Enable naming the records of its user it follows; the journal is read at most once per command.</summary>
    internal sealed class JournalSession
    {
        private readonly IOperationHost _host;
        private readonly Uri _workspace;
        private JournalIndex? _index;
        private bool _indexUnreadable;

        /// <param name="path">The journal file or folder, already resolved and checked.</param>
        /// <param name="workspace">The SCIM base URI, which names the workspace in each record.</param>
        public JournalSession(IOperationHost host, string path, Uri workspace)
        {
            _host = host;
            Path = path;
            _workspace = workspace;
        }

        public string Path { get; }

        /// <summary>The approved plan being applied: every record appended from now on names it.</summary>
        public JournalPlanReference? Plan { get; set; }

        /// <summary>The journal as this command read it: where returning users' groups come from, and which records each
        /// new record follows.</summary>
        public JournalIndex Index => _index ??= JournalIndex.Load(Path, _workspace);

        /// <summary>How a change's record is described in -WhatIf and -Confirm messages.</summary>
        public string Note(ScimUserMemberships memberships)
        {
            var count = memberships.Groups.Count;
            return memberships.IsKnown
                ? "recording " + count + " group membership" + (count == 1 ? "" : "s") + " in " + Path
                : "groups unknown, recorded as such in " + Path;
        }

        /// <summary>Appends the records in one flushed write. False after writing an error: none of the changes they
        /// describe may then be made.</summary>
        public bool TryAppendAll(IReadOnlyCollection<JournalEntry> entries, object target)
        {
            var file = JournalLocation.WriteFile(Path, DateTime.UtcNow);
            return TryAppend(file, entries, target);
        }

        /// <summary>Appends the record and flushes it to disk. False after writing an error: the caller must then leave the
        /// target unchanged, since the change could not be made reversible.</summary>
        public bool TryAppend(JournalEntry entry, object target, out ModeScimJournalRecord record)
        {
            var file = JournalLocation.WriteFile(Path, entry.Time);
            var written = TryAppend(file, new[] { entry }, target);
            // Made after the append, which gives the record its number in the file.
            record = JournalMapper.ToRecord(entry, file, null);
            return written;
        }

        public bool TryAppend(JournalEntry entry, object target) => TryAppend(entry, target, out _);

        /// <summary>Appends the record of a change already made (an Enable, which names the groups put back); when it cannot
        /// be written, the error says the change stands unrecorded and names the user, so nothing is lost silently.</summary>
        public void AppendAfterChange(JournalEntry entry, object target)
        {
            var file = JournalLocation.WriteFile(Path, entry.Time);
            try
            {
                Append(file, new[] { entry });
            }
            catch (Exception ex) when (IsFileFailure(ex))
            {
                _host.WriteItemError(ErrorRecordFactory.JournalWriteFailedAfterChange(file, entry.Action, entry.UserName, entry.UserId,
                    target, ex));
            }
        }

        private bool TryAppend(string file, IReadOnlyCollection<JournalEntry> entries, object target)
        {
            try
            {
                Append(file, entries);
                return true;
            }
            catch (Exception ex) when (IsFileFailure(ex))
            {
                _host.WriteItemError(ErrorRecordFactory.JournalWriteFailed(file, target, ex));
                return false;
            }
        }

        private void Append(string file, IReadOnlyCollection<JournalEntry> entries)
        {
            foreach (var entry in entries.Where(e => e.Plan == null))
            {
                entry.Plan = Plan;
            }
            var lifecycle = entries.Where(e => e.Action == JournalActions.Disable || e.Action == JournalActions.Enable).ToList();
            var journal = lifecycle.Count > 0 ? IndexForLinks() : null;
            foreach (var entry in lifecycle)
            {
                var latest = journal?.LatestOf(entry.UserId);
                entry.After = latest == null || latest.Count == 0 ? null : latest.ToList();
            }
            JournalWriter.AppendAll(file, entries);
            foreach (var entry in lifecycle)
            {
                journal?.Appended(file, entry);
            }
        }

        /// <summary>The journal, read for the links of new records; null, after one warning, when it cannot be read: the
        /// records are then written without links (ordered among other machines' by time alone), since losing the record
        /// would be worse.</summary>
        private JournalIndex? IndexForLinks()
        {
            if (_index != null || _indexUnreadable)
            {
                return _index;
            }
            try
            {
                return Index;
            }
            catch (Exception ex) when (IsFileFailure(ex))
            {
                _indexUnreadable = true;
                _host.WriteWarning("The journal " + Path + " could not be read (" + ex.Message + "); new records do not name "
                    + "the records they follow, so only their time orders them among records from other machines.");
                return null;
            }
        }

        private static bool IsFileFailure(Exception ex) => ex is System.IO.IOException || ex is UnauthorizedAccessException
            || ex is NotSupportedException || ex is System.Security.SecurityException;
    }
}
