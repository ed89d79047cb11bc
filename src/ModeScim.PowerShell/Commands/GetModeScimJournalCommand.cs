using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Reads the journal that every command changing users or memberships writes, as objects, oldest first.
    /// A line that is not a whole record (a crash mid-write) is skipped with a warning.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeScimJournal")]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class GetModeScimJournalCommand : ModeScimCmdlet
    {
        /// <summary>The journal file; defaults to $env:MODESCIM_JOURNAL, else the per-user default.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Only records of these userNames; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[]? UserName { get; set; }

        /// <summary>Only records of these user ids.</summary>
        [Parameter]
        public string[]? UserId { get; set; }

        [Parameter]
        [ValidateSet(JournalActions.Create, JournalActions.Update, JournalActions.Disable, JournalActions.Enable, JournalActions.Remove,
            JournalActions.GroupAdd, JournalActions.GroupRemove, JournalActions.HandoverGrant, JournalActions.HandoverMove,
            JournalActions.UndoHandoverGrant, JournalActions.UndoHandoverMove, JournalActions.PlanApply)]
        public string? Action { get; set; }

        /// <summary>Only records at or after this time.</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only records before this time.</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        protected override void EndProcessing()
        {
            string path;
            try
            {
                path = JournalLocation.Resolve(Path, SessionState);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is ProviderNotFoundException
                || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(ex.Message, Path, ex));
                return;
            }
            if (!JournalReader.Exists(path))
            {
                WriteItemError(ErrorRecordFactory.JournalNotFound(path, JournalLocation.EnvironmentVariable));
                return;
            }
            var patterns = UserName?
                .Select(name => new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
            var ids = UserId == null ? null : new HashSet<string>(UserId, StringComparer.Ordinal);
            var after = After?.ToUniversalTime();
            var before = Before?.ToUniversalTime();
            foreach (var line in JournalReader.ReadAll(path))
            {
                if (line.Entry == null)
                {
                    WriteWarning("Skipped line " + line.Number + " of " + line.Path + ": not a whole record (" + line.Problem + ").");
                    continue;
                }
                var entry = line.Entry;
                if ((patterns != null && !patterns.Any(p => p.IsMatch(entry.UserName)))
                    || (ids != null && !ids.Contains(entry.UserId))
                    || (Action != null && !string.Equals(Action, entry.Action, StringComparison.OrdinalIgnoreCase))
                    || (after.HasValue && entry.Time < after.Value)
                    || (before.HasValue && entry.Time >= before.Value))
                {
                    continue;
                }
                WriteObject(JournalMapper.ToRecord(entry, line.Path, line.Number));
            }
        }
    }
}
