using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Plans;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>One guard as a plan met it: the numbers an approver reads, and the refusal a run would end with.</summary>
    internal sealed class GuardFinding
    {
        /// <param name="note">What the approver reads when the guard held only because it was overridden.</param>
        public GuardFinding(string name, string limit, int maximum, int planned, int countedAgainst, ModeScimError? refusal,
            string? group = null, string? note = null)
        {
            Record = new PlanGuard
            {
                Name = name,
                Limit = limit,
                Maximum = maximum,
                Planned = planned,
                CountedAgainst = countedAgainst,
                Group = group,
                Exceeded = refusal != null,
                ErrorId = refusal?.ErrorId,
                Message = refusal?.Message ?? note,
            };
            Refusal = refusal;
        }

        /// <summary>The guard as a saved plan records it.</summary>
        public PlanGuard Record { get; }

        /// <summary>Null when the plan keeps within the guard.</summary>
        public ModeScimError? Refusal { get; }
    }
}
