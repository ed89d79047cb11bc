using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ModeScim.PowerShell.Journal;

namespace ModeScim.PowerShell.Evidence
{
    /// <summary>The journal's part of the evidence: the period's records as their own lines (journal.jsonl, the primary
    /// record), the same as a table (journal.csv), and the plans applied in the period (plans.csv).</summary>
    internal static class JournalEvidence
    {
        /// <summary>Writes journal.jsonl and journal.csv; returns the records written.</summary>
        /// <param name="lines">The period's whole records, in the journal's order.</param>
        public static int WriteRecords(IReadOnlyList<JournalLine> lines, string folder)
        {
            var texts = new RawLines();
            using (var raw = new StreamWriter(Path.Combine(folder, EvidenceFolder.JournalLines), false, new UTF8Encoding(false)))
            using (var csv = new EvidenceCsv(Path.Combine(folder, EvidenceFolder.JournalTable), "Time", "Seq", "Action", "UserName",
                "UserId", "Groups", "GroupsKnown", "Reason", "Operator", "Host", "BaseUri", "PlanId", "PlanSha256", "Changes", "Content",
                "File", "Line"))
            {
                raw.NewLine = "\n";
                foreach (var line in lines)
                {
                    raw.WriteLine(SafeJson(texts.Of(line.Path, line.Number)));
                    var e = line.Entry!;
                    csv.Add(EvidenceCsv.Time(e.Time), EvidenceCsv.Number(e.Seq), EvidenceCsv.Text(e.Action), EvidenceCsv.Text(e.UserName),
                        EvidenceCsv.Text(e.UserId), EvidenceCsv.Text(string.Join("; ", e.Groups.Select(g => g.DisplayName ?? g.Id))),
                        EvidenceCsv.Flag(e.GroupsKnown != false), EvidenceCsv.Text(e.Reason), EvidenceCsv.Text(e.Operator),
                        EvidenceCsv.Text(e.Host), EvidenceCsv.Text(e.BaseUri), EvidenceCsv.Text(e.Plan?.Id),
                        EvidenceCsv.Text(e.Plan?.Sha256),
                        EvidenceCsv.Text(Changes(e)), EvidenceCsv.Text(Content(e)), EvidenceCsv.Text(Path.GetFileName(line.Path)),
                        EvidenceCsv.Number(line.Number));
                }
            }
            return lines.Count;
        }

        /// <summary>Writes plans.csv: each PlanApply record of the period, with the changes the period's records made under
        /// its plan id. Returns the plans written.</summary>
        public static int WritePlans(IReadOnlyList<JournalLine> lines, string folder)
        {
            var entries = lines.Select(l => l.Entry!).ToList();
            using (var csv = new EvidenceCsv(Path.Combine(folder, EvidenceFolder.Plans), "PlanId", "Sha256", "File", "Kind", "CreatedAt",
                "CreatedBy", "PlannedChanges", "AppliedAt", "AppliedBy", "AppliedOn", "ChangesMade", "ChangesByAction"))
            {
                foreach (var apply in entries.Where(e => e.Action == JournalActions.PlanApply && e.Plan != null))
                {
                    var plan = apply.Plan!;
                    var made = entries.Where(e => e.Action != JournalActions.PlanApply && e.Plan != null
                        && string.Equals(e.Plan.Id, plan.Id, StringComparison.Ordinal)).ToList();
                    var byAction = made.GroupBy(e => e.Action, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => g.Key + " " + g.Count());
                    csv.Add(EvidenceCsv.Text(plan.Id), EvidenceCsv.Text(plan.Sha256), EvidenceCsv.Text(plan.File),
                        EvidenceCsv.Text(plan.Kind),
                        EvidenceCsv.Time(plan.CreatedAt), EvidenceCsv.Text(plan.CreatedBy), EvidenceCsv.Number(plan.Changes),
                        EvidenceCsv.Time(apply.Time), EvidenceCsv.Text(apply.Operator), EvidenceCsv.Text(apply.Host),
                        EvidenceCsv.Number(made.Count), EvidenceCsv.Text(string.Join("; ", byAction)));
                }
                return csv.Rows;
            }
        }

        /// <summary>The same JSON with "##vso[" and "##[" written as "##vso\u005B" and "##\u005B": a JSON reader gets the
        /// very same values, and a pipeline printing the file runs nothing. Such text can only stand inside a JSON string.</summary>
        internal static string SafeJson(string line) => line.IndexOf("##", StringComparison.Ordinal) < 0 ? line
            : line.Replace("##vso[", "##vso\\u005B").Replace("##[", "##\\u005B");

        private static string? Changes(JournalEntry e) => e.Changes == null ? null
            : string.Join("; ", e.Changes.Select(c => c.Attribute + ": " + (c.Old ?? "(none)") + " -> " + (c.New ?? "(none)")));

        private static string? Content(JournalEntry e)
        {
            var content = e.Content;
            if (content == null)
            {
                return null;
            }
            var from = content.FromCollectionName ?? content.FromCollection;
            var to = content.ToCollectionName ?? content.ToCollection;
            return content.Kind + " '" + content.Name + "' (" + content.Token + ")" + (from == null ? string.Empty : " from " + from)
                + (to == null ? string.Empty : " to " + to) + (content.Successor == null ? string.Empty : " for " + content.Successor);
        }

        /// <summary>The text of journal lines, each file read once, as the reader read it (whole, then closed).</summary>
        private sealed class RawLines
        {
            private readonly Dictionary<string, string[]> _files = new Dictionary<string, string[]>(StringComparer.Ordinal);

            public string Of(string path, int number)
            {
                if (!_files.TryGetValue(path, out var lines))
                {
                    using (var stream = JournalFile.OpenForRead(path))
                    using (var reader = new StreamReader(stream, new UTF8Encoding(false)))
                    {
                        // Split as JournalReader splits, so that line numbers agree.
                        var read = new List<string>();
                        string? text;
                        while ((text = reader.ReadLine()) != null)
                        {
                            read.Add(text);
                        }
                        lines = read.ToArray();
                    }
                    _files.Add(path, lines);
                }
                return lines[number - 1];
            }
        }
    }
}
