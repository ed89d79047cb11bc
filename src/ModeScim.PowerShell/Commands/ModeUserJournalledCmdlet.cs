using System;
using System.Collections.Generic;
using System.Management.Automation;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>A cmdlet that records what it does to users in the journal before doing it.</summary>
    public abstract class ModeUserJournalledCmdlet : ModeScimConnectedCmdlet
    {
        private string? _journalPath;

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the
        /// user's local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected string ResolvedJournalPath => _journalPath ?? throw new PSInvalidOperationException("The journal path is resolved in BeginProcessing.");

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _journalPath = JournalLocation.Resolve(JournalPath, path => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
            WriteVerbose("Journal: " + _journalPath);
        }

        /// <summary>Turns the outcome of restoring memberships into warnings (groups gone) and errors (changes refused).</summary>
        private protected void ReportRestore(Groups.RestoreOutcome outcome)
        {
            foreach (var missing in outcome.MissingGroups)
            {
                WriteWarning("Group '" + missing.Name + "' (" + missing.GroupId + ") no longer exists; " + missing.Members + " membership(s) in it were not restored.");
            }
            foreach (var failure in outcome.Failures)
            {
                WriteScimError(failure.Error, failure.Group, ScimResourceKind.Group);
            }
            foreach (var restored in outcome.Restored)
            {
                WriteVerbose("Restored " + restored.UserIds.Count + " member(s) to group " + restored.GroupId + ".");
            }
        }

        /// <summary>Appends the record and flushes it to disk. False after writing an error: the caller must
        /// then leave the user unchanged, since the change could not be made reversible.</summary>
        private protected bool TryJournal(string action, ScimUser user, IEnumerable<ModeGroupMembership> groups, string? reason, out ModeScimJournalRecord record)
        {
            var entry = JournalMapper.NewEntry(action, user, groups, reason, ActiveConnection.BaseUri);
            record = JournalMapper.ToRecord(entry, ResolvedJournalPath, null);
            try
            {
                JournalWriter.Append(ResolvedJournalPath, entry);
                return true;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                WriteItemError(ErrorRecordFactory.JournalWriteFailed(ResolvedJournalPath, user.UserName ?? user.Id ?? string.Empty, ex));
                return false;
            }
        }
    }
}
