using System;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>The journal's record that an approved plan is being applied, written once, just before its first change
    /// (a plan with nothing left to do, applied again, writes none); from then on every record names the plan.</summary>
    internal sealed class PlanStart
    {
        private readonly IOperationHost _host;
        private readonly JournalSession _journal;
        private readonly PlanDocument _plan;
        private readonly string _sha256;
        private readonly string _fileName;

        public PlanStart(IOperationHost host, JournalSession journal, PlanDocument plan, string sha256, string fileName)
        {
            _host = host;
            _journal = journal;
            _plan = plan;
            _sha256 = sha256;
            _fileName = fileName;
        }

        /// <summary>Writes the PlanApply record; false after writing why it could not be (then nothing may be changed).
        /// Under -WhatIf nothing is written and the answer is true.</summary>
        public bool Record(Uri baseUri, int changes)
        {
            if (_host.IsWhatIf)
            {
                return true;
            }
            var entry = JournalMapper.NewEntry(JournalActions.PlanApply, new ScimUser(), Array.Empty<ModeGroupMembership>(),
                "Invoke-ModePlan", baseUri);
            entry.Plan = new JournalPlanReference
            {
                Id = _plan.Id,
                Sha256 = _sha256,
                File = _fileName,
                Kind = _plan.Kind,
                CreatedAt = _plan.CreatedAt,
                CreatedBy = _plan.Operator + " on " + _plan.Host,
                Changes = changes,
            };
            if (!_journal.TryAppend(entry, _fileName))
            {
                return false;
            }
            _journal.Plan = new JournalPlanReference { Id = _plan.Id, Sha256 = _sha256 };
            return true;
        }
    }
}
