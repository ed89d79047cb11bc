using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.ModeApi;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Handover;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Reverses the handovers journalled for leavers: reports go back to the personal collections they were
    /// moved out of, and the edit access granted to the successor is revoked. Access the successor had before the
    /// handover was never journalled, so it is never touched. Each reversal is journalled first.</summary>
    [Cmdlet(VerbsCommon.Undo, "ModeHandover", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeScimJournalRecord))]
    public sealed class UndoModeHandoverCommand : ModeUserJournalledCmdlet
    {
        // Set in BeginProcessing, which ends the command before any request when the connection has no REST API.
        private ModeApiClient? _api;
        private readonly List<string> _leavers = new List<string>();
        private readonly Dictionary<string, IReadOnlyList<ModeReport>> _reports = new Dictionary<string, IReadOnlyList<ModeReport>>();
        private readonly Dictionary<string, IReadOnlyList<ModePermission>> _permissions =
            new Dictionary<string, IReadOnlyList<ModePermission>>();

        /// <summary>The leavers' userNames, as the journal records them.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Identity")]
        [ValidateNotNullOrEmpty]
        public string[] UserName { get; set; } = Array.Empty<string>();

        /// <summary>Only handovers journalled at or after this time.</summary>
        [Parameter]
        public DateTime? After { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _api = RequireApi("Undo-ModeHandover");
        }

        protected override void ProcessRecord()
        {
            _leavers.AddRange(UserName.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()));
        }

        protected override void EndProcessing()
        {
            var api = _api!;
            if (!JournalReader.Exists(ResolvedJournalPath))
            {
                WriteItemError(ErrorRecordFactory.JournalNotFound(ResolvedJournalPath, JournalLocation.EnvironmentVariable));
                return;
            }
            var after = After?.ToUniversalTime();
            // Every handover in the workspace, -After or not: another leaver's may rely on a grant undone here.
            var journal = JournalReader.ReadAll(ResolvedJournalPath).Where(l => l.Entry != null).Select(l => l.Entry!)
                .Where(e => JournalIndex.SameWorkspace(e.BaseUri, ActiveConnection.BaseUri)).ToList();
            var changes = new List<JournalEntry>();
            foreach (var leaver in _leavers.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var outstanding = HandoverUndoPlanner.Outstanding(journal.Where(e => (!after.HasValue || e.Time >= after.Value)
                    && string.Equals(e.UserName, leaver, StringComparison.OrdinalIgnoreCase)));
                if (outstanding.Count == 0)
                {
                    WriteVerbose(leaver + ": no handover in the journal is still in place.");
                }
                changes.AddRange(outstanding);
            }
            // Every leaver's moves before any grant: a grant that the other leavers named here rely on is then free to go.
            foreach (var change in changes.Where(c => c.Action == JournalActions.HandoverMove)
                .Concat(changes.Where(c => c.Action == JournalActions.HandoverGrant)))
            {
                try
                {
                    var undone = Undo(api, change, journal);
                    if (undone != null)
                    {
                        journal.Add(undone);
                    }
                }
                catch (ScimException ex)
                {
                    WriteScimError(ex, change.UserName, ScimResourceKind.Other);
                }
            }
        }

        /// <summary>Reverses one change, journalled first; the Undo record, or null when nothing was sent.</summary>
        private JournalEntry? Undo(ModeApiClient api, JournalEntry made, IReadOnlyList<JournalEntry> journal)
        {
            var content = made.Content!;
            var collection = content.ToCollection ?? string.Empty;
            string action;
            Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<bool>> send;
            if (made.Action == JournalActions.HandoverMove)
            {
                var reports = Cached(_reports, collection, token => api.ListReportsAsync(collection, token));
                if (reports.All(r => r.Token != content.Token))
                {
                    WriteWarning("Report '" + content.Name + "' is no longer in collection '" + content.ToCollectionName
                        + "'; it is left where it is now.");
                    return null;
                }
                action = "Move report '" + content.Name + "' back to personal collection '" + content.FromCollectionName + "'";
                send = async token =>
                {
                    await api.MoveReportAsync(content.Token, content.FromCollection!, token).ConfigureAwait(false);
                    return true;
                };
            }
            else
            {
                var reliedOnBy = HandoverUndoPlanner.ReliedOnBy(made, journal, _leavers, StillInPlace);
                if (reliedOnBy.Count > 0)
                {
                    WriteWarning(made.UserName + ": " + content.Successor + "'s " + content.Access + " access on collection '"
                        + content.ToCollectionName + "' is kept: the handover of " + string.Join(", ", reliedOnBy)
                        + ", still in place, relies on it. Undo that handover first to revoke it.");
                    return null;
                }
                var permission = Cached(_permissions, collection, token => api.ListPermissionsAsync(collection, token)).FirstOrDefault(p =>
                    string.Equals(p.AccessorToken, content.SuccessorToken, StringComparison.Ordinal)
                    && string.Equals(p.Action, content.Access, StringComparison.OrdinalIgnoreCase));
                if (permission == null)
                {
                    WriteVerbose(content.Successor + " no longer has " + content.Access + " access on '" + content.ToCollectionName
                        + "'; nothing to revoke.");
                    return null;
                }
                action = "Revoke " + content.Successor + "'s " + content.Access + " access on collection '"
                    + content.ToCollectionName + "'";
                send = async token =>
                {
                    await api.RevokeAsync(collection, permission.Token!, token).ConfigureAwait(false);
                    return true;
                };
            }
            var entry = JournalMapper.NewEntry(HandoverUndoPlanner.UndoActionOf(made), new Client.Models.ScimUser
            {
                Id = made.UserId,
                UserName = made.UserName,
            }, Enumerable.Empty<ModeGroupMembership>(), "Undo-ModeHandover", ActiveConnection.BaseUri);
            entry.Content = content;
            if (!ShouldProcess(made.UserName, action))
            {
                // Under -WhatIf the rest of the plan assumes this step done, as the real run would find it.
                return IsWhatIf() ? entry : null;
            }
            if (!TryJournalAll(new[] { entry }, made.UserName))
            {
                return null;
            }
            Await(send);
            _reports.Remove(collection);
            _permissions.Remove(collection);
            if (PassThru)
            {
                WriteObject(JournalMapper.ToRecord(entry, JournalLocation.WriteFile(ResolvedJournalPath, entry.Time), null));
            }
            return entry;
        }

        /// <summary>Whether a journalled move's report is still in the collection it was moved to (read once per collection).</summary>
        private bool StillInPlace(JournalEntry move)
        {
            var collection = move.Content!.ToCollection ?? string.Empty;
            var api = _api!;
            return Cached(_reports, collection, token => api.ListReportsAsync(collection, token)).Any(r => r.Token == move.Content.Token);
        }

        private IReadOnlyList<T> Cached<T>(Dictionary<string, IReadOnlyList<T>> cache, string collection,
            Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<IReadOnlyList<T>>> read)
        {
            if (!cache.TryGetValue(collection, out var items))
            {
                items = Await(read);
                cache[collection] = items;
            }
            return items;
        }
    }
}
