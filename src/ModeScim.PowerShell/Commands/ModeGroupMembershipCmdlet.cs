using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Groups;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Add- and Remove-ModeGroupMember: collect the piped members, then change the group with the
    /// fewest requests (one group read, batched lookups, batched PATCHes).</summary>
    public abstract class ModeGroupMembershipCmdlet : ModeScimConnectedCmdlet
    {
        private readonly List<DesiredMember> _members = new List<DesiredMember>();

        /// <summary>A group object, displayName or id.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity? Group { get; set; }

        /// <summary>Users: objects, userNames or ids. Accepts pipeline input.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias(
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "Email", "Mail", "EmailAddress", "WorkEmail",
            "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email", "Id", "Members")]
        [AllowNull]
        [AllowEmptyCollection]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity?[] Member { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>Members per PATCH request; never more than the server advertises.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        protected abstract bool Adding { get; }

        protected override void ProcessRecord()
        {
            foreach (var member in Member ?? new ModeUserIdentity?[] { null })
            {
                if (IsUsable(member))
                {
                    _members.Add(DesiredMember.From(member!));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_members.Count == 0)
            {
                return;
            }
            var group = ResolveGroup(Group, withMembers: true);
            if (group == null)
            {
                return;
            }
            try
            {
                var read = Await(token => Memberships.MembersOfAsync(group, token, otherSources: false));
                var shown = read.IsKnown ? read.Members : null;
                var current = shown ?? new List<ScimMultiValue>();
                var currentIds = new HashSet<string>(current.Select(m => m.Value ?? string.Empty));
                var desired = DesiredMember.Distinct(_members);
                var resolution = Await(token => new MemberResolver(Client, ActiveConnection.FilterMaxResults)
                    .ResolveAsync(desired, token));
                foreach (var missing in resolution.NotFound)
                {
                    WriteItemError(ErrorRecordFactory.UserNotFound(missing.Label));
                }
                // A server that hides members cannot say who is in already: every change is sent, and the server
                // keeps a member it has (add) or ignores one it lacks (remove).
                var changes = resolution.Ids
                    .Where(pair => shown == null || (Adding ? !currentIds.Contains(pair.Value) : currentIds.Contains(pair.Value)))
                    .GroupBy(pair => pair.Value)
                    .Select(g => g.First())
                    .ToList();
                foreach (var skipped in resolution.Ids.Where(pair => !changes.Any(c => c.Value == pair.Value)))
                {
                    WriteVerbose(skipped.Key.Label + (Adding ? " is already a member of '" : " is not a member of '")
                        + group.DisplayName + "'.");
                }
                if (changes.Count == 0)
                {
                    return;
                }
                var verb = Adding ? "Add " : "Remove ";
                if (!ShouldProcess(Describe(group), verb + changes.Count + " member(s): "
                    + string.Join(", ", changes.Take(10).Select(c => c.Key.Label)) + (changes.Count > 10 ? ", ..." : string.Empty)))
                {
                    return;
                }
                var ids = changes.Select(c => c.Value).ToList();
                var batch = Math.Min(BatchSize, ActiveConnection.MaxOperationsPerRequest ?? int.MaxValue);
                var sender = new ScimMemberPatchSender(Client, batch);
                var failures = Await(token => Adding
                    ? sender.SendAsync(group.Id!, ids, new string[0], token)
                    : sender.SendAsync(group.Id!, new string[0], ids, token));
                foreach (var failure in failures)
                {
                    var label = changes.First(c => c.Value == failure.Id).Key.Label;
                    WriteScimError(failure.Error, label, ScimResourceKind.Group);
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, Group, ScimResourceKind.Group);
            }
        }
    }
}
