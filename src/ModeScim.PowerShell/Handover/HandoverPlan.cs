using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using ModeScim.Client.ModeApi;

namespace ModeScim.PowerShell.Handover
{
    internal enum HandoverStepKind
    {
        /// <summary>Give the successor edit access on a collection.</summary>
        Grant,

        /// <summary>Move a report out of the leaver's personal collection into the shared one.</summary>
        Move,
    }

    /// <summary>One change of a handover, made and journalled on its own.</summary>
    internal sealed class HandoverStep
    {
        private HandoverStep(HandoverStepKind kind, ModeSpace collection, ModeReport? report, ModeSpace? from)
        {
            Kind = kind;
            Collection = collection;
            Report = report;
            From = from;
        }

        public static HandoverStep Grant(ModeSpace collection) => new HandoverStep(HandoverStepKind.Grant, collection, null, null);

        public static HandoverStep Move(ModeSpace collection, ModeReport report, ModeSpace from) =>
            new HandoverStep(HandoverStepKind.Move, collection, report, from);

        public HandoverStepKind Kind { get; }

        /// <summary>A move; only Move makes one, always with its report and where it comes from.</summary>
        [MemberNotNullWhen(true, nameof(Report), nameof(From))]
        public bool IsMove => Kind == HandoverStepKind.Move;

        /// <summary>The collection a grant is made on, or where a report goes.</summary>
        public ModeSpace Collection { get; }

        public ModeReport? Report { get; }

        /// <summary>A moved report's personal collection.</summary>
        public ModeSpace? From { get; }

        public string Describe(ModeWorkspaceAccount successor) => IsMove
            ? "Move report '" + Report.Name + "' from personal collection '" + From.Name + "' to collection '" + Collection.Name + "'"
            : "Grant " + successor.Username + " edit access on collection '" + Collection.Name + "'";
    }

    /// <summary>What a handover will change for one leaver, or why it cannot be done whole.</summary>
    internal sealed class HandoverPlan
    {
        private HandoverPlan(IReadOnlyList<HandoverStep> steps, string? refusal, IReadOnlyList<ModeSpace> unknownOwner)
        {
            Steps = steps;
            Refusal = refusal;
            UnknownOwner = unknownOwner;
        }

        public IReadOnlyList<HandoverStep> Steps { get; }

        /// <summary>Why nothing may be changed; null when the plan can be carried out.</summary>
        public string? Refusal { get; }

        /// <summary>Collections the API names no creator for: the leaver's or not, no one can tell. With a refusal, the
        /// reason; otherwise left out of the plan, as the caller allowed.</summary>
        public IReadOnlyList<ModeSpace> UnknownOwner { get; }

        public static HandoverPlan Of(IReadOnlyList<HandoverStep> steps, IReadOnlyList<ModeSpace> unknownOwner) =>
            new HandoverPlan(steps, null, unknownOwner);

        public static HandoverPlan Refused(string why) => new HandoverPlan(new List<HandoverStep>(), why, new List<ModeSpace>());

        public static HandoverPlan OwnershipUnknown(IReadOnlyList<ModeSpace> unknownOwner) =>
            new HandoverPlan(new List<HandoverStep>(), "ownership unknown", unknownOwner);
    }
}
