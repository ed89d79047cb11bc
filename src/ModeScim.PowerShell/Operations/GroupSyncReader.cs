using System.Collections.Generic;
using System.Linq;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Sync-ModeGroup's read of one group: the group and its current members, the only state a plan is made
    /// from besides the desired set. Changes nothing.</summary>
    internal sealed class GroupSyncReader
    {
        private readonly IOperationHost _host;
        private readonly ModeSession _session;
        private readonly SyncGroupsOptions _options;

        public GroupSyncReader(IOperationHost host, ModeSession session, SyncGroupsOptions options)
        {
            _host = host;
            _session = session;
            _options = options;
        }

        public GroupSyncTarget Read(PendingSyncGroup pending)
        {
            var group = _host.Await(token => new GroupResolver(_session.Client, withMembers: true).ResolveAsync(pending.Identity, token));
            if (group == null)
            {
                return _options.CreateIfMissing
                    ? GroupSyncTarget.ToCreate()
                    : GroupSyncTarget.Refused(ErrorRecordFactory.GroupNotFound(pending.Identity), GroupSyncResults.AddChange);
            }
            var read = _host.Await(token => _session.Memberships.MembersOfAsync(group, token));
            if (read.IsKnown)
            {
                return GroupSyncTarget.Existing(group, read.Members.ToList(), membersHidden: false);
            }
            if (!_options.AddOnly)
            {
                // Without the current members, a sync cannot know whom to remove: refuse rather than guess.
                var what = "the members of group '" + pending.Label + "'";
                return GroupSyncTarget.Refused(ErrorRecordFactory.MembershipUnreadable(pending.Label, what, "-AddOnly", read.Problem,
                    _session.Api != null), GroupSyncResults.SyncChange);
            }
            _host.WriteVerbose("Group '" + pending.Label
                + "': the server does not return its members, so every desired member is added; the server keeps existing ones.");
            return GroupSyncTarget.Existing(group, new List<Client.Models.ScimMultiValue>(), membersHidden: true);
        }
    }
}
