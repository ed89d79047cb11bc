using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Evidence;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Export-ModeEvidence was asked, besides the HR rows.</summary>
    internal sealed class ExportEvidenceOptions
    {
        /// <summary>The evidence folder, resolved.</summary>
        public string Folder { get; set; } = string.Empty;

        /// <summary>The journal file or folder, resolved.</summary>
        public string JournalPath { get; set; } = string.Empty;

        /// <summary>The period's start, in UTC.</summary>
        public DateTime Since { get; set; }

        /// <summary>The moment of the export: the period's end, and "now" for leavers.</summary>
        public DateTime Now { get; set; }

        public bool Force { get; set; }

        /// <summary>-Reference was given (or piped), even if empty.</summary>
        public bool ReferenceGiven { get; set; }

        public string ModuleVersion { get; set; } = string.Empty;
    }

    /// <summary>Export-ModeEvidence: checks the folder and the journal before any request, then reads every account (the
    /// access report's reads, <see cref="AccessReportOperation"/>), the journal and the HR rows, writes the set into a
    /// staging folder and moves it in whole, the manifest last (<see cref="EvidenceFolder"/>). Changes nothing in Mode.</summary>
    internal sealed class ExportEvidenceOperation
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly ExportEvidenceOptions _options;
        private readonly EvidenceFolder _folder;
        private readonly List<LeaverSource> _leavers = new List<LeaverSource>();
        private AccessReportOperation? _report;
        // Where the access report's rows go: accounts.csv, once End opens it in the staging folder.
        private Action<object>? _rows;

        public ExportEvidenceOperation(IOperationHost host, ModeSession session, ExportEvidenceOptions options)
        {
            _host = host;
            _session = session;
            _options = options;
            _folder = new EvidenceFolder(options.Folder);
        }

        /// <summary>False when -WhatIf (or a prompt) declined the export: nothing is read or written.</summary>
        public bool Accepted { get; private set; }

        /// <summary>The refusals, before any request: a folder with a set already (without -Force), a missing journal, a period
        /// that starts after now, a path that is a file.</summary>
        public void Begin()
        {
            if (File.Exists(_options.Folder))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("-Path '" + _options.Folder
                    + "' is a file; Export-ModeEvidence writes a folder of files.", _options.Folder));
            }
            var existing = _folder.Existing();
            if (existing.Count > 0 && !_options.Force)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.EvidenceExists(_options.Folder, existing));
            }
            if (!JournalReader.Exists(_options.JournalPath))
            {
                throw new ModeScimRefusal(ErrorRecordFactory.JournalNotFound(_options.JournalPath, JournalLocation.EnvironmentVariable));
            }
            if (_options.Since > _options.Now)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("-Since " + UtcTimestamp.Text(_options.Since)
                    + " is after now: the period would hold nothing.", _options.Since));
            }
            Accepted = _host.ShouldProcess(_options.Folder, "Write evidence: " + string.Join(", ", EvidenceFolder.DataFiles) + ", "
                + EvidenceFolder.Manifest);
            if (!Accepted)
            {
                return;
            }
            Written(() => _folder.Create());
            _report = new AccessReportOperation(new DivertedOutputHost(_host, item => _rows!(item)), _session,
                new AccessReportOptions { ReferenceGiven = _options.ReferenceGiven });
            _report.Begin();
        }

        /// <summary>One HR row: a reference row of the access report, and a leaver when it has a leave date or says the
        /// person left.</summary>
        public void AddReference(UserSpec row, LeaveDate leaveDate, Func<string> columns)
        {
            if (!Accepted)
            {
                return;
            }
            _report!.AddReference(row, columns);
            var leaver = new LeaverSource(row.UserName, leaveDate, row.Status.IsInactive);
            if (leaver.IsLeaver)
            {
                _leavers.Add(leaver);
            }
        }

        /// <summary>Writes the set and returns what it holds with how many users were read; null when declined.</summary>
        public (ModeEvidenceResult Result, int UsersRead)? End()
        {
            if (!Accepted)
            {
                return null;
            }
            var journal = JournalReader.ReadAll(_options.JournalPath).ToList();
            var broken = journal.Where(l => l.Entry == null).ToList();
            foreach (var line in broken)
            {
                _host.WriteWarning("Skipped line " + line.Number + " of " + line.Path + ": not a whole record (" + line.Problem
                    + "); the manifest names it.");
            }
            // Records of other workspaces sharing the journal say nothing of this one's accounts.
            var whole = journal.Where(l => l.Entry != null && JournalIndex.SameWorkspace(l.Entry.BaseUri, _session.BaseUri)).ToList();
            var period = whole.Where(l => l.Entry!.Time >= _options.Since).ToList();
            var staging = Written(() => _folder.Stage());
            try
            {
                int read;
                var accounts = new AccountsEvidence(staging);
                using (accounts)
                {
                    _rows = accounts.Add;
                    read = _report!.End();
                }
                var records = JournalEvidence.WriteRecords(period, staging);
                var plans = JournalEvidence.WritePlans(period, staging);
                var evidence = new LeaverEvidence(whole.Select(l => l.Entry!), _options.Now);
                var leavers = _leavers.Select(l => evidence.RowOf(l, accounts.Find(l.UserName))).ToList();
                LeaversFile.Write(leavers, staging);
                _folder.Commit(staging);
                var result = new ModeEvidenceResult
                {
                    Path = _options.Folder,
                    Since = _options.Since,
                    Until = _options.Now,
                    Accounts = accounts.Rows,
                    JournalRecords = records,
                    Leavers = leavers.Count,
                    NotRevoked = leavers.Count(l => l.Status == LeaverStatus.NotRevoked),
                    Unreadable = leavers.Count(l => l.Status == LeaverStatus.Unreadable),
                    PlansApplied = plans,
                    Manifest = Path.Combine(_options.Folder, EvidenceFolder.Manifest),
                };
                Manifest(result, broken).Write(_options.Folder);
                Warn(result);
                return (result, read);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                EvidenceFolder.Discard(staging);
                throw new ModeScimRefusal(ErrorRecordFactory.EvidenceWriteFailed(_options.Folder, ex));
            }
            catch
            {
                EvidenceFolder.Discard(staging);
                throw;
            }
        }

        private T Written<T>(Func<T> write)
        {
            try
            {
                return write();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.EvidenceWriteFailed(_options.Folder, ex));
            }
        }

        private void Written(Action write) => Written(() =>
        {
            write();
            return true;
        });

        private EvidenceManifest Manifest(ModeEvidenceResult result, List<JournalLine> broken) => new EvidenceManifest
        {
            GeneratedAt = EvidenceManifest.Time(_options.Now),
            GeneratedBy = JournalMapper.OperatorName(),
            Host = Environment.MachineName,
            ModuleVersion = _options.ModuleVersion,
            BaseUri = _session.BaseUri.AbsoluteUri,
            Since = EvidenceManifest.Time(_options.Since),
            Until = EvidenceManifest.Time(_options.Now),
            Journal = _options.JournalPath,
            Counts = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["accounts"] = result.Accounts,
                ["journalRecords"] = result.JournalRecords,
                ["leavers"] = result.Leavers,
                ["notRevoked"] = result.NotRevoked,
                ["unreadable"] = result.Unreadable,
                ["plansApplied"] = result.PlansApplied,
            },
            SkippedJournalLines = broken.Select(l => Path.GetFileName(l.Path) + " line " + l.Number + ": " + l.Problem).ToList(),
        };

        private void Warn(ModeEvidenceResult result)
        {
            if (result.NotRevoked > 0)
            {
                _host.WriteWarning(result.NotRevoked + " leaver(s) are not shown revoked: see Status NotRevoked in "
                    + EvidenceFolder.Leavers + ".");
            }
            if (result.Unreadable > 0)
            {
                _host.WriteWarning(result.Unreadable + " leaver row(s) cannot be read (a leave date or a name): see Status Unreadable"
                    + " in " + EvidenceFolder.Leavers + ".");
            }
            if (!_options.ReferenceGiven)
            {
                _host.WriteWarning("No -Reference (HR rows) was given: " + EvidenceFolder.Leavers + " is empty and no account is"
                    + " checked against a source of truth.");
            }
        }
    }
}
