using System;
using ModeScim.PowerShell.Planning;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Sync-ModeUser was asked, besides the desired rows.</summary>
    internal sealed class SyncUsersOptions
    {
        /// <summary>The reason journalled for a leaver when -Reason is not given.</summary>
        public const string DefaultReason = "Not in the desired set (Sync-ModeUser)";

        public UserSyncKey Key { get; set; } = UserSyncKey.UserName;

        public bool UpdateExisting { get; set; }

        public bool DisableMissing { get; set; }

        public string? HandoverTo { get; set; }

        public string? HandoverCollection { get; set; }

        public bool AllowUnknownOwner { get; set; }

        public bool RestoreGroups { get; set; }

        /// <summary>-MaxDisable as given; parsed when the command starts, before anything is read.</summary>
        public string MaxDisable { get; set; } = "5%";

        public string MaxUpdate { get; set; } = "10%";

        /// <summary>Whether -MaxUpdate was given: the default one never refuses fewer than
        /// <see cref="UserSyncGuards.DefaultUpdateFloor"/> updates.</summary>
        public bool MaxUpdateGiven { get; set; }

        /// <summary>True for a userName never touched (-Exclude); the cmdlet matches its wildcards.</summary>
        public Func<string?, bool> IsExcluded { get; set; } = _ => false;

        public bool Force { get; set; }

        /// <summary>Go on where the lockout guard refuses (the last active admin, the REST credentials' owner).</summary>
        public bool AllowLockout { get; set; }

        public bool AllowUnknownGroups { get; set; }

        public string Reason { get; set; } = DefaultReason;

        /// <summary>Whether -Reason was given: then it comes first in a leaver's reason, before what the source said.</summary>
        public bool ReasonGiven { get; set; }

        public bool IncludeGuests { get; set; }

        /// <summary>-PlanPath, resolved: where to save the plan instead of applying it; null to apply.</summary>
        public string? PlanPath { get; set; }
    }
}
