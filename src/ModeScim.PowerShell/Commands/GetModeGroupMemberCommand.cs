using System;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Lookups;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>The members of a group as full user objects: one read of the group, then the users in
    /// batches of "id eq ... or id eq ..." filters, never one GET per member.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeGroupMember")]
    [OutputType(typeof(ModeUser))]
    public sealed class GetModeGroupMemberCommand : ModeScimConnectedCmdlet
    {
        /// <summary>Groups: objects, displayNames or ids.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Identity")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Group { get; set; } = Array.Empty<ModeGroupIdentity>();

        protected override void ProcessRecord()
        {
            // -Group $null binds a null array: one missing identity, reported as such.
            foreach (var identity in Group ?? new ModeGroupIdentity?[] { null })
            {
                WriteMembers(identity);
            }
        }

        private void WriteMembers(ModeGroupIdentity? identity)
        {
            var group = Targets.ResolveGroup(identity, withMembers: true);
            if (group == null)
            {
                return;
            }
            try
            {
                var read = Await(token => Memberships.MembersOfAsync(group, token));
                if (!read.IsKnown)
                {
                    WriteItemError(ErrorRecordFactory.MembershipUnreadable(identity!, "the members of group '" + group.DisplayName + "'",
                        null, read.Problem, ActiveConnection.Api != null));
                    return;
                }
                var ids = read.Members.Select(m => m.Value).OfType<string>().ToList();
                var users = AwaitWithProgress(
                    token => new ScimUserLookup(Client, ActiveConnection.FilterMaxResults).ByIdAsync(ids, token),
                    "Get-ModeGroupMember: " + group.DisplayName,
                    "reading " + ids.Count + " members");
                var shared = new ListingSharing();
                foreach (var id in ids)
                {
                    if (users.TryGetValue(id, out var user))
                    {
                        WriteObject(ModeUserMapper.ToModeUser(user, shared, Client.Capabilities));
                    }
                    else
                    {
                        WriteWarning("Group '" + group.DisplayName + "' lists member '" + id
                            + "', which is not a user (deleted meanwhile, or a nested group).");
                    }
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.User);
            }
        }
    }
}
