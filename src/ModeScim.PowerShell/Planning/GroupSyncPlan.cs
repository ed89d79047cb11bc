using System.Collections.Generic;

namespace ModeScim.PowerShell.Planning
{
    /// <summary>The member changes that make one group's members the desired set.</summary>
    internal sealed class GroupSyncPlan
    {
        public List<(string Id, string Label)> Adds { get; } = new List<(string, string)>();

        public List<(string Id, string Label)> Removes { get; } = new List<(string, string)>();

        /// <summary>Desired members who are members already.</summary>
        public int Unchanged { get; set; }

        /// <summary>Desired members after repeats are dropped: what a -MaxUnresolved percentage counts against.</summary>
        public int Desired { get; set; }

        /// <summary>Desired names that match no user, as the caller gave them.</summary>
        public List<string> NotFound { get; } = new List<string>();
    }
}
