using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.Memberships;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Which of Sync-ModeUser's leavers may be disabled now: each one's groups are read (Mode drops them on
    /// deactivation), its content handed over when asked, and the change asked for; then every approved leaver is
    /// journalled in one flushed append, before anything is sent. A leaver whose groups cannot be read is a failure; when
    /// the records cannot be written, every approved leaver is, and none is disabled.</summary>
    internal sealed class LeaverApproval
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly JournalSession _journal;
        private readonly UserSyncFailures _failures;
        private readonly MembershipGate _gate;
        private readonly HandoverRunner? _handover;
        private readonly Func<ScimUser, string> _reasonFor;

        /// <param name="handover">The handover to make before each leaver is disabled, checked already; null for none.</param>
        /// <param name="reasonFor">The journalled reason for disabling a leaver.</param>
        public LeaverApproval(IOperationHost host, ModeSession session, JournalSession journal, UserSyncFailures failures,
            MembershipGate gate, HandoverRunner? handover, Func<ScimUser, string> reasonFor)
        {
            _host = host;
            _session = session;
            _journal = journal;
            _failures = failures;
            _gate = gate;
            _handover = handover;
            _reasonFor = reasonFor;
        }

        /// <summary>The leavers approved and journalled, and, under -WhatIf, those the plan would disable.</summary>
        public (List<ScimUser> Approved, List<ScimUser> Planned) Approve(IReadOnlyCollection<ScimUser> leavers)
        {
            // Where the listing left out the leavers' groups, the group side may be read once instead of each leaver alone.
            _gate.PrepareFor(leavers);
            var approved = new List<ScimUser>();
            var entries = new List<JournalEntry>();
            var planned = new List<ScimUser>();
            foreach (var user in leavers)
            {
                var memberships = ReadMemberships(user);
                if (memberships == null)
                {
                    continue;
                }
                // The handover comes first: once disabled, the leaver's personal collections are out of everyone's reach.
                if (_handover != null && !_handover.HandOver(user, _reasonFor(user)))
                {
                    _failures.Add(user.UserName!, "Handover", _handover.LastFailureId ?? ModeScimErrorIds.HandoverRefused);
                    continue;
                }
                if (_host.ShouldProcess(user.UserName!, "Disable (" + _journal.Note(memberships) + ")"))
                {
                    approved.Add(user);
                    entries.Add(JournalMapper.NewEntry(JournalActions.Disable, user, memberships, _reasonFor(user), _session.BaseUri));
                }
                else if (_host.IsWhatIf)
                {
                    planned.Add(user);
                }
            }
            if (approved.Count > 0 && !_journal.TryAppendAll(entries, approved.Select(user => user.UserName).ToArray()))
            {
                foreach (var user in approved)
                {
                    _failures.Add(user.UserName!, "Disable", ModeScimErrorIds.JournalWriteFailed);
                }
                approved.Clear();
            }
            return (approved, planned);
        }

        /// <summary>A leaver's groups from a source the reader trusts; null after recording why the leaver is left alone.</summary>
        private ScimUserMemberships? ReadMemberships(ScimUser user)
        {
            try
            {
                var memberships = _gate.Read(user, user.UserName);
                if (memberships == null)
                {
                    _failures.Add(user.UserName!, "Disable", ModeScimErrorIds.MembershipUnreadable);
                }
                return memberships;
            }
            catch (ScimException ex)
            {
                _failures.Fail(user.UserName!, "Disable", ex);
                return null;
            }
        }
    }
}
