using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Undo-ModeHandover: reverses the handovers journalled for leavers. Reports go back to the personal collections
    /// they were moved out of, and the edit access granted to the successor is revoked, unless another leaver's handover
    /// still in place relies on it. Access the successor had before the handover was never journalled, so it is never
    /// touched. Each reversal is journalled first.</summary>
    internal sealed class UndoHandoversOperation
    {
        private readonly IOperationHost _host;
        private readonly JournalSession _journal;
        private readonly ModeApiClient _api;
        private readonly Uri _workspace;
        private readonly bool _passThru;
        private readonly Dictionary<string, IReadOnlyList<ModeReport>> _reports = new Dictionary<string, IReadOnlyList<ModeReport>>();
        private readonly Dictionary<string, IReadOnlyList<ModePermission>> _permissions =
            new Dictionary<string, IReadOnlyList<ModePermission>>();

        /// <summary>Refuses, before any request, a connection without the REST API.</summary>
        public UndoHandoversOperation(IOperationHost host, ModeSession session, JournalSession journal, bool passThru)
        {
            _host = host;
            _journal = journal;
            _api = session.RequireApi("Undo-ModeHandover");
            _workspace = session.BaseUri;
            _passThru = passThru;
        }

        /// <summary>Undoes what is still in place of the handovers of <paramref name="leavers"/> journalled at or after
        /// <paramref name="after"/>.</summary>
        public void Undo(IReadOnlyCollection<string> leavers, DateTime? after)
        {
            if (!JournalReader.Exists(_journal.Path))
            {
                _host.WriteItemError(ErrorRecordFactory.JournalNotFound(_journal.Path, JournalLocation.EnvironmentVariable));
                return;
            }
            var since = after?.ToUniversalTime();
            // Every handover in the workspace, -After or not: another leaver's may rely on a grant undone here.
            var journal = JournalReader.ReadAll(_journal.Path).Select(l => l.Entry).OfType<JournalEntry>()
                .Where(e => JournalIndex.SameWorkspace(e.BaseUri, _workspace)).ToList();
            var changes = new List<JournalEntry>();
            foreach (var leaver in leavers.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var outstanding = HandoverUndoPlanner.Outstanding(journal.Where(e => (!since.HasValue || e.Time >= since.Value)
                    && string.Equals(e.UserName, leaver, StringComparison.OrdinalIgnoreCase)));
                if (outstanding.Count == 0)
                {
                    _host.WriteVerbose(leaver + ": no handover in the journal is still in place.");
                }
                changes.AddRange(outstanding);
            }
            // Every leaver's moves before any grant: a grant that the other leavers named here rely on is then free to go.
            foreach (var change in changes.Where(c => c.Action == JournalActions.HandoverMove)
                .Concat(changes.Where(c => c.Action == JournalActions.HandoverGrant)))
            {
                try
                {
                    var undone = Undo(change, journal, leavers);
                    if (undone != null)
                    {
                        journal.Add(undone);
                    }
                }
                catch (ScimException ex)
                {
                    _host.WriteScimError(ex, change.UserName, ScimResourceKind.Other);
                }
            }
        }

        /// <summary>Reverses one change, journalled first; the Undo record, or null when nothing was sent.</summary>
        private JournalEntry? Undo(JournalEntry made, IReadOnlyList<JournalEntry> journal, IReadOnlyCollection<string> leavers)
        {
            var content = made.Content!;
            var collection = content.ToCollection ?? string.Empty;
            string action;
            Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<bool>> send;
            if (made.Action == JournalActions.HandoverMove)
            {
                var reports = Cached(_reports, collection, token => _api.ListReportsAsync(collection, token));
                if (reports.All(r => r.Token != content.Token))
                {
                    _host.WriteWarning("Report '" + content.Name + "' is no longer in collection '" + content.ToCollectionName
                        + "'; it is left where it is now.");
                    return null;
                }
                action = "Move report '" + content.Name + "' back to personal collection '" + content.FromCollectionName + "'";
                send = async token =>
                {
                    await _api.MoveReportAsync(content.Token, content.FromCollection!, token).ConfigureAwait(false);
                    return true;
                };
            }
            else
            {
                var reliedOnBy = HandoverUndoPlanner.ReliedOnBy(made, journal, leavers, StillInPlace);
                if (reliedOnBy.Count > 0)
                {
                    _host.WriteWarning(made.UserName + ": " + content.Successor + "'s " + content.Access + " access on collection '"
                        + content.ToCollectionName + "' is kept: the handover of " + string.Join(", ", reliedOnBy)
                        + ", still in place, relies on it. Undo that handover first to revoke it.");
                    return null;
                }
                var permission = Cached(_permissions, collection, token => _api.ListPermissionsAsync(collection, token)).FirstOrDefault(p =>
                    string.Equals(p.AccessorToken, content.SuccessorToken, StringComparison.Ordinal)
                    && string.Equals(p.Action, content.Access, StringComparison.OrdinalIgnoreCase));
                if (permission == null)
                {
                    _host.WriteVerbose(content.Successor + " no longer has " + content.Access + " access on '" + content.ToCollectionName
                        + "'; nothing to revoke.");
                    return null;
                }
                action = "Revoke " + content.Successor + "'s " + content.Access + " access on collection '"
                    + content.ToCollectionName + "'";
                send = async token =>
                {
                    await _api.RevokeAsync(collection, permission.Token!, token).ConfigureAwait(false);
                    return true;
                };
            }
            var entry = JournalMapper.NewEntry(HandoverUndoPlanner.UndoActionOf(made), new Client.Models.ScimUser
            {
                Id = made.UserId,
                UserName = made.UserName,
            }, Enumerable.Empty<ModeGroupMembership>(), "Undo-ModeHandover", _workspace);
            entry.Content = content;
            if (!_host.ShouldProcess(made.UserName, action))
            {
                // Under -WhatIf the rest of the plan assumes this step done, as the real run would find it.
                return _host.IsWhatIf ? entry : null;
            }
            if (!_journal.TryAppendAll(new[] { entry }, made.UserName))
            {
                return null;
            }
            _host.Await(send);
            _reports.Remove(collection);
            _permissions.Remove(collection);
            if (_passThru)
            {
                _host.WriteObject(JournalMapper.ToRecord(entry, JournalLocation.WriteFile(_journal.Path, entry.Time), null));
            }
            return entry;
        }

        /// <summary>Whether a journalled move's report is still in the collection it was moved to (read once per collection).</summary>
        private bool StillInPlace(JournalEntry move)
        {
            var collection = move.Content!.ToCollection ?? string.Empty;
            return Cached(_reports, collection, token => _api.ListReportsAsync(collection, token)).Any(r => r.Token == move.Content.Token);
        }

        private IReadOnlyList<T> Cached<T>(Dictionary<string, IReadOnlyList<T>> cache, string collection,
            Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<IReadOnlyList<T>>> read)
        {
            if (!cache.TryGetValue(collection, out var items))
            {
                items = _host.Await(read);
                cache[collection] = items;
            }
            return items;
        }
    }
}
