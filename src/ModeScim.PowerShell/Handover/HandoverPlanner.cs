using System;
using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.ModeApi;

namespace ModeScim.PowerShell.Handover
{
    /// <summary>Plans a leaver's handover without a request: Mode cannot transfer ownership, so the successor gets
    /// edit access on every shared collection the leaver created (and on the shared collection named for the
    /// handover), and every report in the leaver's personal collections moves into that shared collection. Grants
    /// already in place are not repeated, so a second run plans nothing.</summary>
    internal static class HandoverPlanner
    {
        public const string EditAccess = "edit";
        public const string AccountAccessor = "Account";

        /// <summary>The one shared collection called <paramref name="name"/>; null with the reason when there is none,
        /// more than one, or only a personal one.</summary>
        public static ModeSpace? FindCollection(IReadOnlyList<ModeSpace> spaces, string name, out string? problem)
        {
            var named = spaces.Where(s => string.Equals(s.Name?.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            var shared = named.Where(s => !s.IsPersonal).ToList();
            problem = shared.Count == 1 ? null
                : shared.Count > 1 ? "there are " + shared.Count + " shared collections called '" + name + "'; rename one."
                : named.Count > 0 ? "'" + name + "' is a personal collection; name a shared one."
                : "there is no collection called '" + name + "'.";
            return shared.Count == 1 ? shared[0] : null;
        }

        /// <summary>The collections a plan reads permissions of: the leaver's shared ones and the handover collection.</summary>
        public static IReadOnlyList<ModeSpace> CollectionsToGrant(ModeWorkspaceAccount leaver, IReadOnlyList<ModeSpace> spaces,
            ModeSpace? target)
        {
            var grants = spaces.Where(s => !s.IsPersonal && IsCreator(s.CreatorUsername, leaver)).ToList();
            if (target != null && grants.All(s => s.Token != target.Token))
            {
                grants.Add(target);
            }
            return grants;
        }

        public static IReadOnlyList<ModeSpace> PersonalCollections(ModeWorkspaceAccount leaver, IReadOnlyList<ModeSpace> spaces) =>
            spaces.Where(s => s.IsPersonal && IsCreator(s.CreatorUsername, leaver)).ToList();

        /// <summary>Collections whose creator the API does not name: any of them may be the leaver's, a personal one full
        /// of reports no one else can open once the leaver is gone.</summary>
        public static IReadOnlyList<ModeSpace> UnknownOwner(IReadOnlyList<ModeSpace> spaces) =>
            spaces.Where(s => string.IsNullOrEmpty(s.CreatorUsername)).ToList();

        /// <param name="allowUnknownOwner">Plan what is known when some collection names no creator, instead of
        /// refusing.</param>
        public static HandoverPlan Plan(ModeWorkspaceAccount leaver, ModeWorkspaceAccount successor, IReadOnlyList<ModeSpace> spaces,
            ModeSpace? target, IReadOnlyDictionary<string, IReadOnlyList<ModeReport>> personalReports,
            IReadOnlyDictionary<string, IReadOnlyList<ModePermission>> permissions, bool allowUnknownOwner)
        {
            if (string.Equals(leaver.Username, successor.Username, StringComparison.OrdinalIgnoreCase))
            {
                return HandoverPlan.Refused("the successor is the leaver (" + leaver.Username + ").");
            }
            if (!successor.IsActive)
            {
                return HandoverPlan.Refused("the successor " + successor.Username + " is not an active member (state '"
                    + (successor.State ?? "unknown") + "').");
            }
            var unknownOwner = UnknownOwner(spaces);
            if (unknownOwner.Count > 0 && !allowUnknownOwner)
            {
                return HandoverPlan.OwnershipUnknown(unknownOwner);
            }
            var steps = new List<HandoverStep>();
            foreach (var collection in CollectionsToGrant(leaver, spaces, target))
            {
                var granted = permissions.TryGetValue(collection.Token!, out var list) ? list : Array.Empty<ModePermission>();
                var hasEdit = IsCreator(collection.CreatorUsername, successor) || granted.Any(p =>
                    string.Equals(p.AccessorType, AccountAccessor, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.AccessorToken, successor.MemberToken, StringComparison.Ordinal)
                    && string.Equals(p.Action, EditAccess, StringComparison.OrdinalIgnoreCase));
                if (!hasEdit)
                {
                    steps.Add(HandoverStep.Grant(collection));
                }
            }
            var moves = new List<HandoverStep>();
            foreach (var personal in PersonalCollections(leaver, spaces))
            {
                var reports = personalReports.TryGetValue(personal.Token!, out var found) ? found : Array.Empty<ModeReport>();
                foreach (var report in reports)
                {
                    if (target == null)
                    {
                        return HandoverPlan.Refused(leaver.Username + " has reports in personal collection '" + personal.Name
                            + "', which no one else can open once they leave; name a shared collection with -HandoverCollection.");
                    }
                    moves.Add(HandoverStep.Move(target, report, personal));
                }
            }
            steps.AddRange(moves);
            return HandoverPlan.Of(steps, unknownOwner);
        }

        private static bool IsCreator(string? creatorUsername, ModeWorkspaceAccount account) =>
            string.Equals(creatorUsername, account.Username, StringComparison.OrdinalIgnoreCase);
    }
}
