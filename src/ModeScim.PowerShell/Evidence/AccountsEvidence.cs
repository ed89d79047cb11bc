using System;
using System.Collections.Generic;
using System.IO;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>accounts.csv: the access report's rows as they arrive, each account remembered by userName (and Mode's
    /// username) for the leavers' "account now".</summary>
    internal sealed class AccountsEvidence : IDisposable
    {
        private readonly EvidenceCsv _csv;
        private readonly Dictionary<string, AccountNow> _accounts = new Dictionary<string, AccountNow>(StringComparer.OrdinalIgnoreCase);

        public AccountsEvidence(string folder)
        {
            _csv = new EvidenceCsv(Path.Combine(folder, EvidenceFolder.Accounts), "UserName", "DisplayName", "Active", "Status", "Groups",
                "GroupCount", "Id", "ExternalId", "Created", "LastModified", "InScim", "ModeUsername", "ModeState", "Admin",
                "ManagedByScim", "LastEngaged", "DaysInactive");
        }

        public int Rows => _csv.Rows;

        /// <summary>The access report's output: its rows (a summary, which it writes only when asked, is not a row).</summary>
        public void Add(object item)
        {
            if (!(item is ModeAccessReportRow row))
            {
                return;
            }
            _csv.Add(EvidenceCsv.Text(row.UserName), EvidenceCsv.Text(row.DisplayName), EvidenceCsv.Flag(row.Active),
                EvidenceCsv.Text(row.Status), EvidenceCsv.Text(row.Groups), EvidenceCsv.Number(row.GroupCount), EvidenceCsv.Text(row.Id),
                EvidenceCsv.Text(row.ExternalId), EvidenceCsv.Time(row.Created?.UtcDateTime),
                EvidenceCsv.Time(row.LastModified?.UtcDateTime), EvidenceCsv.Flag(row.InScim), EvidenceCsv.Text(row.ModeUsername),
                EvidenceCsv.Text(row.ModeState), EvidenceCsv.Flag(row.Admin), EvidenceCsv.Flag(row.ManagedByScim),
                EvidenceCsv.Time(row.LastEngaged?.UtcDateTime), EvidenceCsv.Number(row.DaysInactive));
            // A Missing row is a person with no account: it is no account now.
            if (row.Status == ModeAccessStatus.Missing)
            {
                return;
            }
            var account = new AccountNow(row.Id, row.Active);
            Remember(row.UserName, account);
            Remember(row.ModeUsername, account);
        }

        /// <summary>The account of a userName now, or null when Mode has none.</summary>
        public AccountNow? Find(string? userName) =>
            userName != null && _accounts.TryGetValue(userName.Trim(), out var account) ? account : null;

        public void Dispose() => _csv.Dispose();

        private void Remember(string? name, AccountNow account)
        {
            // Two accounts of one name (a SCIM user and a REST-only member): an active one wins, access being what counts.
            if (!string.IsNullOrWhiteSpace(name) && (!_accounts.TryGetValue(name!, out var known) || account.Active == true))
            {
                _accounts[name!] = known?.Active == true ? known : account;
            }
        }
    }
}
