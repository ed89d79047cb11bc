using System.Collections.Generic;
using System.Management.Automation;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Operations;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>A cmdlet that records what it does to users in the journal before doing it.</summary>
    public abstract class ModeUserJournalledCmdlet : ModeScimConnectedCmdlet
    {
        private JournalSession? _journal;

        /// <summary>The journal file (JSON Lines); defaults to $env:MODESCIM_JOURNAL, else a file in the
        /// user's local application data.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        private protected JournalSession JournalSession => _journal
            ?? throw new PSInvalidOperationException("The journal is opened in BeginProcessing.");

        protected string ResolvedJournalPath => JournalSession.Path;

        private protected JournalIndex Journal => JournalSession.Index;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            Run(() => _journal = OpenJournal(JournalPath));
        }

        private protected HandoverRunner? StartHandover(string? successor, string? collection, bool allowUnknownOwner)
        {
            HandoverRunner? runner = null;
            Run(() => runner = HandoverRunner.Start(this, Session, JournalSession, successor, collection, allowUnknownOwner));
            return runner;
        }

        private protected void ReportRestore(Groups.RestoreOutcome outcome) => new RestoreReport(this).Report(outcome);

        private protected ScimUserMemberships? ReadMemberships(ScimMembershipReader reader, ScimUser user, bool allowUnknown,
            object? target) => new MembershipGate(this, Session, allowUnknown).Read(user, target);

        private protected bool MayJournal(ScimUserMemberships memberships, ScimUser user, bool allowUnknown, object? target) =>
            new MembershipGate(this, Session, allowUnknown).Admits(memberships, user, target);

        private protected string JournalNote(ScimUserMemberships memberships) => JournalSession.Note(memberships);

        private protected List<ModeGroupMembership> GroupsRecordedIn(RestoreSource source, ScimUser user) =>
            new RestoreReport(this).GroupsRecordedIn(source, user);

        internal const string AllowUnknownGroupsParameter = MembershipGate.AllowUnknownGroupsParameter;

        private protected bool TryJournalAll(IReadOnlyCollection<JournalEntry> entries, object target) =>
            JournalSession.TryAppendAll(entries, target);

        private protected bool TryJournal(string action, ScimUser user, ScimUserMemberships memberships, string? reason,
            out ModeScimJournalRecord record) =>
            JournalSession.TryAppend(JournalMapper.NewEntry(action, user, memberships, reason, ActiveConnection.BaseUri),
                user.UserName ?? user.Id ?? string.Empty, out record);

        private protected bool TryJournal(string action, ScimUser user, IEnumerable<ModeGroupMembership> groups, string? reason,
            out ModeScimJournalRecord record) =>
            JournalSession.TryAppend(JournalMapper.NewEntry(action, user, groups, reason, ActiveConnection.BaseUri),
                user.UserName ?? user.Id ?? string.Empty, out record);
    }
}
