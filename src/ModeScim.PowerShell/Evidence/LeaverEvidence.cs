using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Journal;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>What a leaver's row says about their access, as an auditor reads it.</summary>
    internal static class LeaverStatus
    {
        /// <summary>The journal holds the disable (or removal) that still stands, and the account is not active now.</summary>
        public const string Revoked = "Revoked";

        /// <summary>No standing disable or removal in the journal, or the account is active now.</summary>
        public const string NotRevoked = "NotRevoked";

        /// <summary>The leave date is after the export.</summary>
        public const string NotYetLeft = "NotYetLeft";

        /// <summary>The row cannot be read as a leaver (its date, or who it names): the note says why.</summary>
        public const string Unreadable = "Unreadable";
    }

    /// <summary>One leaver of the HR rows, as the evidence lists them.</summary>
    internal sealed class LeaverRow
    {
        public string? UserName { get; set; }

        public string? LeaveDateColumn { get; set; }

        public string? LeaveDateText { get; set; }

        public DateTime? LeaveDate { get; set; }

        /// <summary>Active, Inactive, or None (no account in Mode now).</summary>
        public string AccountNow { get; set; } = string.Empty;

        public DateTime? DisabledAt { get; set; }

        public DateTime? RemovedAt { get; set; }

        public DateTime? RevokedAt { get; set; }

        public double? HoursToRevoke { get; set; }

        public string Status { get; set; } = string.Empty;

        public string? Note { get; set; }
    }

    /// <summary>A leaver as the HR rows give them: the name they are matched by, the leave date, and the row's status.</summary>
    internal sealed class LeaverSource
    {
        public LeaverSource(string? userName, LeaveDate leaveDate, bool inactiveInSource)
        {
            UserName = userName;
            LeaveDate = leaveDate;
            InactiveInSource = inactiveInSource;
        }

        public string? UserName { get; }

        public LeaveDate LeaveDate { get; }

        public bool InactiveInSource { get; }

        /// <summary>A row with a leave date (read or not), or one whose status says the person left: the others are staff.</summary>
        public bool IsLeaver => LeaveDate.IsGiven || InactiveInSource;
    }

    /// <summary>The account a leaver has in Mode now, from the access report.</summary>
    internal sealed class AccountNow
    {
        public AccountNow(string? id, bool? active)
        {
            Id = id;
            Active = active;
        }

        public string? Id { get; }

        public bool? Active { get; }
    }

    /// <summary>Pure: each leaver's row from their leave date, their account now and the journal's Disable, Enable and Remove
    /// records. A leaver is never dropped: with no record of a disable they are NotRevoked, and a row whose date cannot be
    /// read is Unreadable with the problem, never counted as a leaver with a date.</summary>
    internal sealed class LeaverEvidence
    {
        // Each record with its place in the journal, whose order (not the clocks') says which came first.
        private readonly Dictionary<string, List<(int Place, JournalEntry Entry)>> _byUserName =
            new Dictionary<string, List<(int Place, JournalEntry Entry)>>(StringComparer.OrdinalIgnoreCase);

        private readonly Dictionary<string, List<(int Place, JournalEntry Entry)>> _byUserId =
            new Dictionary<string, List<(int Place, JournalEntry Entry)>>(StringComparer.Ordinal);

        private readonly DateTime _now;

        /// <param name="journal">Every record of the journal, in the order they were written.</param>
        public LeaverEvidence(IEnumerable<JournalEntry> journal, DateTime now)
        {
            _now = now;
            var place = 0;
            foreach (var entry in journal)
            {
                place++;
                if (IsLifecycle(entry))
                {
                    Add(_byUserName, entry.UserName, (place, entry));
                    Add(_byUserId, entry.UserId, (place, entry));
                }
            }
        }

        /// <summary>The hours from the leave date to the revocation, to two decimals; negative when access ended before.</summary>
        public static double Hours(DateTime leftUtc, DateTime revokedUtc) =>
            Math.Round((revokedUtc - leftUtc).TotalHours, 2, MidpointRounding.AwayFromZero);

        public LeaverRow RowOf(LeaverSource leaver, AccountNow? account)
        {
            var date = leaver.LeaveDate;
            var row = new LeaverRow
            {
                UserName = leaver.UserName,
                LeaveDateColumn = date.Column,
                LeaveDateText = date.Text,
                LeaveDate = date.Utc,
                AccountNow = account == null ? "None" : account.Active == true ? "Active" : "Inactive",
            };
            var records = RecordsOf(leaver.UserName, account?.Id);
            // The revocation that stands: the first disable or removal after the last enable.
            var lastEnable = records.FindLastIndex(e => e.Action == JournalActions.Enable);
            var standing = records.Skip(lastEnable + 1).ToList();
            row.DisabledAt = standing.FirstOrDefault(e => e.Action == JournalActions.Disable)?.Time;
            row.RemovedAt = standing.FirstOrDefault(e => e.Action == JournalActions.Remove)?.Time;
            row.RevokedAt = standing.FirstOrDefault()?.Time;

            if (string.IsNullOrWhiteSpace(leaver.UserName))
            {
                return Unreadable(row, "The row names no userName or email, so no account or journal record can be matched to it.");
            }
            if (date.Problem != null)
            {
                return Unreadable(row, date.Problem);
            }
            if (!date.Utc.HasValue)
            {
                return Unreadable(row, "The row's status says the person left, but it holds no leave date.");
            }
            if (date.Utc.Value > _now)
            {
                row.Status = LeaverStatus.NotYetLeft;
                return row;
            }
            if (account?.Active == true)
            {
                row.Status = LeaverStatus.NotRevoked;
                row.Note = "The account is active now" + (lastEnable >= 0 ? ": the journal's last record of it is an Enable at "
                    + UtcTimestamp.Text(records[lastEnable].Time) + "." : ".");
                return row;
            }
            if (!row.RevokedAt.HasValue)
            {
                row.Status = LeaverStatus.NotRevoked;
                row.Note = account == null
                    ? "No account in Mode now, and the journal holds no Disable or Remove record of it: not revoked by ModeScim."
                    : "The account is inactive now, but the journal holds no Disable or Remove record of it: when access ended is"
                        + " not known.";
                return row;
            }
            row.Status = LeaverStatus.Revoked;
            row.HoursToRevoke = Hours(date.Utc.Value, row.RevokedAt.Value);
            return row;
        }

        private static LeaverRow Unreadable(LeaverRow row, string problem)
        {
            row.Status = LeaverStatus.Unreadable;
            row.Note = problem;
            return row;
        }

        private List<JournalEntry> RecordsOf(string? userName, string? userId)
        {
            var found = new List<(int Place, JournalEntry Entry)>();
            if (!string.IsNullOrWhiteSpace(userName) && _byUserName.TryGetValue(userName!.Trim(), out var named))
            {
                found.AddRange(named);
            }
            if (userId != null && _byUserId.TryGetValue(userId, out var byId))
            {
                found.AddRange(byId);
            }
            return found.Distinct().OrderBy(r => r.Place).Select(r => r.Entry).ToList();
        }

        private static bool IsLifecycle(JournalEntry entry) => entry.Action == JournalActions.Disable
            || entry.Action == JournalActions.Enable || entry.Action == JournalActions.Remove;

        private static void Add(Dictionary<string, List<(int Place, JournalEntry Entry)>> map, string key,
            (int Place, JournalEntry Entry) entry)
        {
            if (string.IsNullOrEmpty(key))
            {
                return;
            }
            if (!map.TryGetValue(key, out var list))
            {
                map.Add(key, list = new List<(int Place, JournalEntry Entry)>());
            }
            list.Add(entry);
        }

    }
}
