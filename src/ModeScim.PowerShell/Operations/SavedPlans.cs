using System;
using System.IO;
using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Writes a plan and its summary for -PlanPath, and says what a guard would have done to a -WhatIf run.</summary>
    internal static class SavedPlans
    {
        /// <summary>Writes the plan (unless -WhatIf) and its Markdown summary beside it; the result describes both.</summary>
        public static ModeScimPlan Save(IOperationHost host, string path, PlanDocument plan, int requests)
        {
            var summaryPath = PlanFile.SummaryPathFor(path);
            var result = Describe(plan, path, summaryPath);
            result.Requests = requests;
            if (!host.ShouldProcess(path, "Save plan of " + plan.Changes.Count + " change(s), summary in " + summaryPath))
            {
                return result;
            }
            try
            {
                result.Sha256 = PlanFile.Write(path, plan);
                PlanFile.WriteWhole(summaryPath, PlanSummary.Render(plan, result.Sha256, Path.GetFileName(path)));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                throw new ModeScimRefusal(ErrorRecordFactory.InvalidInput("The plan could not be written to '" + path + "': "
                    + ex.Message, path, ex));
            }
            result.Saved = true;
            foreach (var guard in result.GuardsExceeded)
            {
                host.WriteWarning("The plan exceeds a guard (" + guard + "): applying it needs Invoke-ModePlan -Force.");
            }
            return result;
        }

        /// <summary>A guard's refusal as a -WhatIf run reports it, after showing every change: same id, so scripts that
        /// test a dry run see what the real one would meet.</summary>
        public static ModeScimError WouldBeRefused(ModeScimError refusal) =>
            new ModeScimError(new InvalidOperationException("-WhatIf: a real run would be refused here and change nothing. "
                + refusal.Message, refusal.Exception), refusal.ErrorId, refusal.Category, refusal.Target);

        private static ModeScimPlan Describe(PlanDocument plan, string path, string summaryPath)
        {
            int Count(string action) => plan.Changes.Count(c => c.Action == action);
            return new ModeScimPlan
            {
                Path = path,
                SummaryPath = summaryPath,
                Id = plan.Id,
                Kind = plan.Kind,
                CreatedAt = plan.CreatedAt,
                Create = Count(PlanChange.Create),
                Update = Count(PlanChange.Update),
                Enable = Count(PlanChange.Enable),
                Disable = Count(PlanChange.Disable),
                GroupAdd = Count(PlanChange.GroupAdd),
                GroupRemove = Count(PlanChange.GroupRemove),
                Refused = plan.Refused.Count,
                GuardsExceeded = plan.Guards.Where(g => g.Exceeded).Select(g => g.Describe()).ToModeList(),
            };
        }
    }
}
