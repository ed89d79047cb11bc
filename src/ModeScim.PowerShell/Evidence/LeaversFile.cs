using System.Collections.Generic;
using System.IO;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>leavers.csv: one row per leaver of the HR rows, in their order.</summary>
    internal static class LeaversFile
    {
        public static void Write(IEnumerable<LeaverRow> rows, string folder)
        {
            using (var csv = new EvidenceCsv(Path.Combine(folder, EvidenceFolder.Leavers), "UserName", "LeaveDate", "LeaveDateColumn",
                "LeaveDateText", "AccountNow", "DisabledAt", "RemovedAt", "RevokedAt", "HoursToRevoke", "Status", "Note"))
            {
                foreach (var row in rows)
                {
                    csv.Add(EvidenceCsv.Text(row.UserName), EvidenceCsv.Time(row.LeaveDate), EvidenceCsv.Text(row.LeaveDateColumn),
                        EvidenceCsv.Text(row.LeaveDateText), EvidenceCsv.Text(row.AccountNow), EvidenceCsv.Time(row.DisabledAt),
                        EvidenceCsv.Time(row.RemovedAt), EvidenceCsv.Time(row.RevokedAt), EvidenceCsv.Number(row.HoursToRevoke),
                        EvidenceCsv.Text(row.Status), EvidenceCsv.Text(row.Note));
                }
            }
        }
    }
}
