using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>A cmdlet that records what it does to users in the journal before doing it.</summary>
    public abstract class ModeUserJournalledCmdlet : ModeScimConnectedCmdlet
    {
        private string? _journalPath;
        private JournalIndex? _index;
        private bool _indexUnreadable;

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the
        /// user's local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected string ResolvedJournalPath => _journalPath
            ?? throw new PSInvalidOperationException("The journal path is resolved in BeginProcessing.");

        /// <summary>The journal as this command read it, once: where returning users' groups come from, and which records
        /// each new record follows.</summary>
        private protected JournalIndex Journal => _index ??= JournalIndex.Load(ResolvedJournalPath, ActiveConnection.BaseUri);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            try
            {
                _journalPath = JournalLocation.Resolve(JournalPath, SessionState);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is System.Management.Automation.ProviderNotFoundException
                || ex is System.Management.Automation.DriveNotFoundException || ex is NotSupportedException)
            {
                ThrowTerminatingError(ErrorRecordFactory.InvalidInput(ex.Message, JournalPath, ex));
            }
            WriteVerbose("Journal: " + _journalPath);
        }

        /// <summary>The handover to run before each leaver is disabled, read and checked before anything changes; null
        /// without -HandoverTo. Ends the command when the successor or the collection cannot be used.</summary>
        private protected HandoverRunner? StartHandover(string? successor, string? collection, bool allowUnknownOwner)
        {
            if (successor == null)
            {
                if (collection != null)
                {
                    ThrowTerminatingError(ErrorRecordFactory.InvalidInput("-HandoverCollection needs -HandoverTo: whose is the handover?",
                        collection));
                }
                return null;
            }
            var runner = new HandoverRunner(new HandoverHost(this), RequireApi("-HandoverTo"), ActiveConnection.BaseUri,
                allowUnknownOwner);
            ErrorRecord? problem;
            try
            {
                problem = runner.Prepare(successor, collection);
            }
            catch (ModeScim.Client.ScimException ex)
            {
                problem = ErrorRecordFactory.FromScimException(ex, successor, ModeScim.PowerShell.Errors.ScimResourceKind.Other);
            }
            if (problem != null)
            {
                ThrowTerminatingError(problem);
            }
            return runner;
        }

        /// <summary>Turns the outcome of restoring memberships into warnings (groups gone) and errors (changes refused).</summary>
        private protected void ReportRestore(Groups.RestoreOutcome outcome)
        {
            foreach (var missing in outcome.MissingGroups)
            {
                WriteWarning("Group '" + missing.Name + "' (" + missing.GroupId + ") no longer exists; " + missing.Members
                    + " membership(s) in it were not restored.");
            }
            foreach (var failure in outcome.Failures)
            {
                WriteScimError(failure.Error, failure.Group, ScimResourceKind.Group);
            }
            foreach (var already in outcome.AlreadyMembers)
            {
                WriteVerbose("User " + already.UserId + " is already in group '" + already.Name + "'; nothing sent for it.");
            }
            foreach (var restored in outcome.Restored)
            {
                WriteVerbose("Restored " + restored.UserIds.Count + " member(s) to group " + restored.GroupId + ".");
            }
        }

        /// <summary>The groups to journal for <paramref name="user"/>, from a source the reader trusts. Null after
        /// writing ModeScim.MembershipUnreadable when no source can be read and <paramref name="allowUnknown"/> is off:
        /// an empty record would claim "no groups" for someone who may have had some.</summary>
        private protected ScimUserMemberships? ReadMemberships(ScimMembershipReader reader, ScimUser user, bool allowUnknown,
            object? target)
        {
            var memberships = Await(token => reader.ReadAsync(user, token));
            return MayJournal(memberships, user, allowUnknown, target) ? memberships : null;
        }

        /// <summary>True when the memberships may go into a record: known (with a warning for each note its source made),
        /// or accepted as unknown with a warning. False after writing ModeScim.MembershipUnreadable.</summary>
        private protected bool MayJournal(ScimUserMemberships memberships, ScimUser user, bool allowUnknown, object? target)
        {
            if (memberships.IsKnown)
            {
                foreach (var note in memberships.Notes)
                {
                    WriteWarning(note);
                }
                return true;
            }
            if (allowUnknown)
            {
                WriteWarning(Describe(user) + ": its groups cannot be read (" + (memberships.Problem ?? "the server does not show them")
                    + "); the journal records them as unknown.");
                return true;
            }
            WriteItemError(
                ErrorRecordFactory.MembershipUnreadable(target ?? user.UserName ?? user.Id ?? string.Empty, "the groups of "
                + Describe(user), "-" + AllowUnknownGroupsParameter, memberships.Problem, ActiveConnection.Api != null));
            return false;
        }

        /// <summary>How a change's journal record is described in -WhatIf and -Confirm messages.</summary>
        private protected string JournalNote(ScimUserMemberships memberships)
        {
            var count = memberships.Groups.Count;
            return memberships.IsKnown
                ? "recording " + count + " group membership" + (count == 1 ? "" : "s") + " in " + ResolvedJournalPath
                : "groups unknown, recorded as such in " + ResolvedJournalPath;
        }

        /// <summary>The groups a Disable record holds, to restore; none, with a warning, when the record says they
        /// could not be read (-AllowUnknownGroups).</summary>
        private protected List<ModeGroupMembership> GroupsRecordedIn(RestoreSource source, ScimUser user)
        {
            var line = source.Line;
            if (source.ByClock != null)
            {
                WriteWarning(ClockWarning(source.ByClock, user, line));
            }
            if (source.PassedOver != null)
            {
                WriteWarning("The latest Disable record of " + Describe(user) + " in " + source.PassedOver.Path + " (line "
                    + source.PassedOver.Number + ") names no groups, but an earlier one (" + line.Path + ", line " + line.Number
                    + ") does and no Enable was journalled between them; restoring the groups of the earlier one.");
            }
            if (line.Entry!.GroupsKnown == false)
            {
                WriteWarning("The latest Disable record of " + Describe(user) + " in " + line.Path + " (line "
                    + line.Number + ") says its groups could not be read; there are no groups to restore.");
                return new List<ModeGroupMembership>();
            }
            return line.Entry.Groups.Select(g => new ModeGroupMembership(g.Id, g.DisplayName)).ToList();
        }

        private static string ClockWarning(ClockChoice choice, ScimUser user, JournalLine restored)
        {
            static string Place(LifecycleRecord record) => (record.IsDisable ? "the Disable" : "the Enable") + " on "
                + (record.Host ?? "an unnamed host") + " (" + record.Path + ", line " + record.Number + ", "
                + record.Time.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + ")";
            return "The journal cannot tell which record of " + Describe(user) + " came last: " + Place(choice.Later) + " and "
                + Place(choice.Earlier) + " do not name each other, so their machines' clocks decided that the one on "
                + (choice.Later.Host ?? "an unnamed host") + " is later. Restoring the groups of " + restored.Path + " line "
                + restored.Number + "; if a clock was wrong, compare the records with Get-ModeScimJournal -UserId " + user.Id + ".";
        }

        /// <summary>The switch that accepts a change whose groups cannot be journalled.</summary>
        internal const string AllowUnknownGroupsParameter = "AllowUnknownGroups";

        /// <summary>Appends the records in one flushed write. False after writing an error: none of the changes they
        /// describe may then be made.</summary>
        private protected bool TryJournalAll(IReadOnlyCollection<JournalEntry> entries, object target)
        {
            var file = JournalLocation.WriteFile(ResolvedJournalPath, DateTime.UtcNow);
            try
            {
                Append(file, entries);
                return true;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException
                || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                WriteItemError(ErrorRecordFactory.JournalWriteFailed(file, target, ex));
                return false;
            }
        }

        /// <summary>The cmdlet as a handover sees it.</summary>
        private sealed class HandoverHost : IHandoverHost
        {
            private readonly ModeUserJournalledCmdlet _cmdlet;

            public HandoverHost(ModeUserJournalledCmdlet cmdlet)
            {
                _cmdlet = cmdlet;
            }

            public T Await<T>(System.Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<T>> work) => _cmdlet.Await(work);

            public bool ShouldProcess(string target, string action) => _cmdlet.ShouldProcess(target, action);

            public bool TryJournal(JournalEntry entry, object target) => _cmdlet.TryJournalAll(new[] { entry }, target);

            public void WriteItemError(ErrorRecord record) => _cmdlet.WriteItemError(record);

            public void WriteScimError(ModeScim.Client.ScimException error, object target) =>
                _cmdlet.WriteScimError(error, target, ModeScim.PowerShell.Errors.ScimResourceKind.Other);

            public void WriteVerbose(string text) => _cmdlet.WriteVerbose(text);

            public void WriteWarning(string text) => _cmdlet.WriteWarning(text);
        }

        /// <summary>Appends a record of a change whose groups were just read (known or not, and from where).</summary>
        private protected bool TryJournal(string action, ScimUser user, ScimUserMemberships memberships, string? reason,
            out ModeScimJournalRecord record)
        {
            return TryJournal(JournalMapper.NewEntry(action, user, memberships, reason, ActiveConnection.BaseUri), user, out record);
        }

        /// <summary>Appends the record and flushes it to disk. False after writing an error: the caller must
        /// then leave the user unchanged, since the change could not be made reversible.</summary>
        private protected bool TryJournal(string action, ScimUser user, IEnumerable<ModeGroupMembership> groups, string? reason,
            out ModeScimJournalRecord record)
        {
            return TryJournal(JournalMapper.NewEntry(action, user, groups, reason, ActiveConnection.BaseUri), user, out record);
        }

        private bool TryJournal(JournalEntry entry, ScimUser user, out ModeScimJournalRecord record)
        {
            var file = JournalLocation.WriteFile(ResolvedJournalPath, entry.Time);
            var written = false;
            try
            {
                Append(file, new[] { entry });
                written = true;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException
                || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                WriteItemError(ErrorRecordFactory.JournalWriteFailed(file, user.UserName ?? user.Id ?? string.Empty, ex));
            }
            // Made after the append, which gives the record its number in the file.
            record = JournalMapper.ToRecord(entry, file, null);
            return written;
        }

        /// <summary>Appends the records, each Disable and Enable naming the records of its user it follows.</summary>
        private void Append(string file, IReadOnlyCollection<JournalEntry> entries)
        {
            var lifecycle = entries.Where(e => e.Action == JournalActions.Disable || e.Action == JournalActions.Enable).ToList();
            var journal = lifecycle.Count > 0 ? JournalForLinks() : null;
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
        private JournalIndex? JournalForLinks()
        {
            if (_index != null || _indexUnreadable)
            {
                return _index;
            }
            try
            {
                return Journal;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException
                || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                _indexUnreadable = true;
                WriteWarning("The journal " + ResolvedJournalPath + " could not be read (" + ex.Message + "); new records do not name "
                    + "the records they follow, so only their time orders them among records from other machines.");
                return null;
            }
        }
    }
}
