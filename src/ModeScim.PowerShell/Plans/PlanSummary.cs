using System.Globalization;
using System.Linq;
using System.Text;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>The Markdown an approver reads (in Azure DevOps, on the run's summary tab): who made the plan where, its
    /// hash, the guards and whether they held, every change and every refused item. Names come from HR files and the
    /// server, so each is escaped: it can neither format the page (links, tables) nor act as a pipeline command.</summary>
    internal static class PlanSummary
    {
        public static string Render(PlanDocument plan, string sha256, string planFileName)
        {
            var text = new StringBuilder();
            text.Append("# ModeScim plan: ").Append(Escape(plan.Kind)).Append("\n\n");
            Line(text, "Plan file", planFileName);
            Line(text, "Plan id", plan.Id);
            Line(text, "SHA-256", sha256);
            Line(text, "Made", UtcTimestamp.Text(plan.CreatedAt.ToUniversalTime())
                + " by " + plan.Operator + " on " + plan.Host);
            Line(text, "Workspace", plan.BaseUri);
            Line(text, "Module version", plan.ModuleVersion);
            text.Append('\n');
            var counts = plan.Changes.GroupBy(c => c.Action).Select(g => g.Count() + " " + g.Key).ToList();
            text.Append("**Changes:** ").Append(counts.Count == 0 ? "none" : string.Join(", ", counts))
                .Append("; unchanged ").Append(plan.Unchanged.ToString(CultureInfo.InvariantCulture))
                .Append("; refused ").Append(plan.Refused.Count.ToString(CultureInfo.InvariantCulture)).Append(".\n\n");
            Guards(text, plan);
            Changes(text, plan);
            Refused(text, plan);
            return text.ToString();
        }

        private static void Guards(StringBuilder text, PlanDocument plan)
        {
            var exceeded = plan.Guards.Where(g => g.Exceeded).ToList();
            text.Append("## Guards\n\n");
            text.Append(exceeded.Count == 0
                ? "Every guard held.\n\n"
                : "**" + exceeded.Count + " guard(s) EXCEEDED**: applying this plan needs `Invoke-ModePlan -Force`.\n\n");
            if (plan.Guards.Count == 0)
            {
                return;
            }
            text.Append("| Guard | Group | Limit | Maximum | Planned | Counted against | Exceeded |\n|---|---|---|---|---|---|---|\n");
            foreach (var guard in plan.Guards)
            {
                text.Append("| ").Append(Escape(guard.Name)).Append(" | ").Append(Escape(guard.Group)).Append(" | ")
                    .Append(Escape(guard.Limit)).Append(" | ").Append(guard.Maximum.ToString(CultureInfo.InvariantCulture))
                    .Append(" | ").Append(guard.Planned.ToString(CultureInfo.InvariantCulture)).Append(" | ")
                    .Append(guard.CountedAgainst.ToString(CultureInfo.InvariantCulture)).Append(" | ")
                    .Append(guard.Exceeded ? "**yes**" : "no").Append(" |\n");
            }
            text.Append('\n');
            foreach (var guard in plan.Guards.Where(g => g.Message != null))
            {
                text.Append("- **").Append(Escape(guard.Name)).Append(":** ").Append(Escape(guard.Message)).Append('\n');
            }
            text.Append('\n');
        }

        private static void Changes(StringBuilder text, PlanDocument plan)
        {
            text.Append("## Changes\n\n");
            if (plan.Changes.Count == 0)
            {
                text.Append("None.\n\n");
                return;
            }
            text.Append("| # | Action | User | Detail |\n|---|---|---|---|\n");
            for (var i = 0; i < plan.Changes.Count; i++)
            {
                var change = plan.Changes[i];
                text.Append("| ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(" | ").Append(Escape(change.Action))
                    .Append(" | ").Append(Escape(change.UserName)).Append(" | ").Append(Escape(Detail(change))).Append(" |\n");
            }
            text.Append('\n');
        }

        private static void Refused(StringBuilder text, PlanDocument plan)
        {
            if (plan.Refused.Count == 0)
            {
                return;
            }
            text.Append("## Refused (not changed)\n\n| Item | Change | Reason |\n|---|---|---|\n");
            foreach (var refusal in plan.Refused)
            {
                text.Append("| ").Append(Escape(refusal.Item)).Append(" | ").Append(Escape(refusal.Change)).Append(" | ")
                    .Append(Escape(refusal.Reason)).Append(" |\n");
            }
            text.Append('\n');
        }

        /// <summary>What the change does beyond its action: the attributes set (with the value read before, for an
        /// update), the group, or the reason.</summary>
        private static string Detail(PlanChange change)
        {
            if (change.Group != null)
            {
                return "group " + change.Group.DisplayName + (change.Group.Id == null ? " (to create)" : string.Empty);
            }
            if (change.Set != null && change.Set.Count > 0)
            {
                return string.Join("; ", change.Set.Select(s => s.Key + ": "
                    + (change.Action == PlanChange.Update ? (PlanUserStates.Value(change.Read, s.Key) ?? "(none shown)") + " -> " : "")
                    + (s.Value ?? "(none)")));
            }
            return change.Reason ?? string.Empty;
        }

        private static void Line(StringBuilder text, string name, string? value) =>
            text.Append("- **").Append(name).Append(":** ").Append(Escape(value)).Append('\n');

        /// <summary>Text safe in a Markdown table cell: control characters (line breaks included) become spaces, and every
        /// character Markdown or a pipeline log command gives a meaning is escaped with a backslash.</summary>
        public static string Escape(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }
            var text = new StringBuilder(value!.Length);
            foreach (var c in value)
            {
                if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
                {
                    text.Append(' ');
                }
                else if ("\\`*_{}[]()<>#!|~&".IndexOf(c) >= 0)
                {
                    text.Append('\\').Append(c);
                }
                else
                {
                    text.Append(c);
                }
            }
            return text.ToString();
        }
    }
}
