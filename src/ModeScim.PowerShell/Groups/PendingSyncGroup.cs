using System.Collections.Generic;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Groups
{
    /// <summary>A group Sync-ModeGroup collects a desired set for, with the desired members it could not read: any of
    /// them leaves the set incomplete, and the group is then left alone.</summary>
    internal sealed class PendingSyncGroup : PendingGroup
    {
        public PendingSyncGroup(string key, ModeGroupIdentity identity)
            : base(key, identity)
        {
        }

        /// <summary>The desired members refused as input, as the caller gave them.</summary>
        public List<string> Invalid { get; } = new List<string>();
    }
}
