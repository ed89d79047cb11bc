using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Models;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>Whether a user is still as a plan read it. Only what the plan saw is compared: an attribute it saw that
    /// is now different, or no longer shown, is a drift (unknown is never taken for unchanged); one it never saw is not.</summary>
    internal static class PlanDriftCheck
    {
        /// <summary>What changed since the plan read the user, or null when nothing it saw did.</summary>
        /// <param name="skipped">Attributes the change itself sets: compared by the caller, against old and new value.</param>
        public static string? Of(PlanUserState? planned, ScimUser now, ICollection<string> skipped)
        {
            if (planned == null)
            {
                return null;
            }
            var current = PlanUserStates.From(now);
            foreach (var attribute in PlanUserStates.Attributes.Where(a => !skipped.Contains(a)))
            {
                var was = PlanUserStates.Value(planned, attribute);
                var shown = PlanUserStates.Value(current, attribute);
                if (was != null && !PlanUserStates.Same(attribute, was, shown))
                {
                    return Describe(attribute, shown, was);
                }
            }
            return null;
        }

        public static string Describe(string attribute, string? now, string? planned) =>
            attribute + " is now " + Shown(now) + " (planned against " + Shown(planned) + ")";

        private static string Shown(string? value) => value == null ? "none shown" : "'" + value + "'";
    }
}
