using System.Collections.Generic;
using ModeScim.Client.Models;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>What Sync-ModeGroup read of one group before planning: the group (null when it is to be created) and its
    /// current members; or why the group cannot be synced at all.</summary>
    internal sealed class GroupSyncTarget
    {
        private GroupSyncTarget(ScimGroup? group, IReadOnlyList<ScimMultiValue> current, bool membersHidden, ModeScimError? refusal,
            string refusedChange)
        {
            Group = group;
            Current = current;
            MembersHidden = membersHidden;
            Refusal = refusal;
            RefusedChange = refusedChange;
        }

        /// <summary>Null for a group -CreateIfMissing is to create.</summary>
        public ScimGroup? Group { get; }

        public IReadOnlyList<ScimMultiValue> Current { get; }

        /// <summary>The server returned the group without members, and -AddOnly went ahead regardless.</summary>
        public bool MembersHidden { get; }

        /// <summary>Why the group is left alone; null when it can be synced.</summary>
        public ModeScimError? Refusal { get; }

        /// <summary>The change each desired member is reported failed as, when refused.</summary>
        public string RefusedChange { get; }

        public static GroupSyncTarget Existing(ScimGroup group, IReadOnlyList<ScimMultiValue> current, bool membersHidden) =>
            new GroupSyncTarget(group, current, membersHidden, null, string.Empty);

        public static GroupSyncTarget ToCreate() =>
            new GroupSyncTarget(null, new List<ScimMultiValue>(), false, null, string.Empty);

        public static GroupSyncTarget Refused(ModeScimError refusal, string change) =>
            new GroupSyncTarget(null, new List<ScimMultiValue>(), false, refusal, change);
    }
}
