using System.Collections.Generic;
using System.Linq;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>The member changes that make one group's members the desired set. A value: built once by
    /// <see cref="GroupSyncPlanner"/>, then only read, by the guard, the question and the apply step, so what was shown
    /// and checked is what is sent.</summary>
    internal sealed class GroupSyncPlan
    {
        public GroupSyncPlan(IReadOnlyList<(string Id, string Label)> adds, IReadOnlyList<(string Id, string Label)> removes,
            int unchanged, int desired, IReadOnlyList<string> notFound)
        {
            // Copies no caller holds: a plan cannot be changed after it was checked and shown.
            Adds = adds.ToList().AsReadOnly();
            Removes = removes.ToList().AsReadOnly();
            Unchanged = unchanged;
            Desired = desired;
            NotFound = notFound.ToList().AsReadOnly();
        }

        public IReadOnlyList<(string Id, string Label)> Adds { get; }

        public IReadOnlyList<(string Id, string Label)> Removes { get; }

        /// <summary>Desired members who are members already.</summary>
        public int Unchanged { get; }

        /// <summary>Desired members after repeats are dropped: what a -MaxUnresolved percentage counts against.</summary>
        public int Desired { get; }

        /// <summary>Desired names that match no user, as the caller gave them.</summary>
        public IReadOnlyList<string> NotFound { get; }
    }
}
