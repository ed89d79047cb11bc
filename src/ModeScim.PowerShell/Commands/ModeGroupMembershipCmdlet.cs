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
using ModeScim.PowerShell.Logging;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Add- and Remove-ModeGroupMember: collect the piped members for each group named (on the command line, or
    /// row by row from a memberships file), then change each group with the fewest requests: one read of each group,
    /// batched lookups of every user named (once, however many groups name them), batched PATCHes.</summary>
    public abstract class ModeGroupMembershipCmdlet : ModeScimConnectedCmdlet
    {
        private readonly PendingGroups<PendingGroup> _groups =
            new PendingGroups<PendingGroup>((key, identity) => new PendingGroup(key, identity));
        private readonly DesiredMemberPool _pool = new DesiredMemberPool();

        /// <summary>Groups: objects, displayNames or ids; from a row, its Group, GroupName or "Group Name" column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "Group Name")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Group { get; set; } = Array.Empty<ModeGroupIdentity>();

        /// <summary>Users: objects, userNames or ids. Accepts pipeline input; from a row, its Member column, else its user
        /// columns.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias(
            "UserName", "UserPrincipalName", "Upn", "Login", "PrimaryEmail", "User principal name", "Email", "Mail", "EmailAddress",
            "WorkEmail", "PrimarySmtpAddress", "Email Address [Required]", "Primary email", "Work Email", "Id", "Members")]
        [AllowNull]
        [AllowEmptyCollection]
        [MemberColumn]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity?[] Member { get; set; } = Array.Empty<ModeUserIdentity>();

        /// <summary>Members per PATCH request; never more than the server advertises.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        /// <summary>Return each group as the server has it afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected abstract bool Adding { get; }

        protected override void ProcessRecord()
        {
            var members = new List<DesiredMember>();
            foreach (var member in Member ?? new ModeUserIdentity?[] { null })
            {
                if (Targets.IsUsable(member))
                {
                    members.Add(_pool.Intern(DesiredMember.From(member!)));
                }
            }
            // -Group $null binds a null array: one missing group, reported as such.
            foreach (var identity in Group ?? new ModeGroupIdentity?[] { null })
            {
                var problem = InputValidation.ProblemWith(identity);
                if (problem != null)
                {
                    var left = members.Count == 0 ? string.Empty
                        : (Adding ? " Not added: " : " Not removed: ") + string.Join(", ", members.Select(m => m.Label)) + ".";
                    WriteItemError(ErrorRecordFactory.InvalidInput(problem + left, identity?.Text));
                    continue;
                }
                _groups.For(identity!).Members.AddRange(members);
            }
        }

        protected override void EndProcessing()
        {
            var groups = ReadGroups();
            if (groups.Count == 0)
            {
                return;
            }
            MemberResolution resolution;
            try
            {
                var named = DesiredMember.Distinct(groups.SelectMany(g => g.Pending.Members));
                resolution = Await(token => new MemberResolver(Client, ActiveConnection.FilterMaxResults).ResolveAsync(named, token));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, null, ScimResourceKind.User);
                return;
            }
            foreach (var missing in resolution.NotFound)
            {
                WriteItemError(ErrorRecordFactory.UserNotFound(missing.Label));
            }
            var progress = new ThrottledProgress(WriteProgress, ProgressIds.Groups, MyInvocation.MyCommand.Name);
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups.Count > 1)
                {
                    progress.Report(i, groups.Count, groups[i].Group.DisplayName + " (" + (i + 1) + " of " + groups.Count + ")");
                }
                Change(groups[i].Group, groups[i].Pending, resolution);
            }
            progress.Complete();
        }

        /// <summary>Each group named, read once with its members before any user is looked up (a group that is not there
        /// costs no lookups); groups named twice, by name and by id say, are one.</summary>
        private List<(ScimGroup Group, PendingGroup Pending)> ReadGroups()
        {
            var read = new List<(ScimGroup Group, PendingGroup Pending)>();
            foreach (var pending in _groups.Where(p => p.Members.Count > 0))
            {
                var group = Targets.ResolveGroup(pending.Identity, withMembers: true);
                if (group == null)
                {
                    continue;
                }
                var same = read.FindIndex(r => r.Group.Id == group.Id);
                if (same >= 0)
                {
                    read[same].Pending.Members.AddRange(pending.Members);
                    continue;
                }
                read.Add((group, pending));
            }
            return read;
        }

        private void Change(ScimGroup group, PendingGroup pending, MemberResolution resolution)
        {
            try
            {
                var read = Await(token => Memberships.MembersOfAsync(group, token, otherSources: false));
                var shown = read.IsKnown ? read.Members : null;
                var currentIds = new HashSet<string>((shown ?? new List<ScimMultiValue>()).Select(m => m.Value ?? string.Empty));
                var named = DesiredMember.Distinct(pending.Members).Where(m => resolution.Ids.ContainsKey(m))
                    .Select(m => new KeyValuePair<DesiredMember, string>(m, resolution.Ids[m])).ToList();
                // A server that hides members cannot say who is in already: every change is sent, and the server
                // keeps a member it has (add) or ignores one it lacks (remove).
                var changes = named
                    .Where(pair => shown == null || (Adding ? !currentIds.Contains(pair.Value) : currentIds.Contains(pair.Value)))
                    .GroupBy(pair => pair.Value)
                    .Select(g => g.First())
                    .ToList();
                foreach (var skipped in named.Where(pair => !changes.Any(c => c.Value == pair.Value)))
                {
                    WriteVerbose(skipped.Key.Label + (Adding ? " is already a member of '" : " is not a member of '")
                        + group.DisplayName + "'.");
                }
                if (changes.Count == 0)
                {
                    if (PassThru)
                    {
                        WriteObject(ModeGroup.From(group));
                    }
                    return;
                }
                var verb = Adding ? "Add " : "Remove ";
                if (!ShouldProcess(Describe(group), verb + changes.Count + " member(s): "
                    + Sample.Of(changes.Select(c => c.Key.Label))))
                {
                    return;
                }
                var ids = changes.Select(c => c.Value).ToList();
                var batch = Math.Min(BatchSize, ActiveConnection.MaxOperationsPerRequest ?? int.MaxValue);
                var sender = new ScimMemberPatchSender(Client, batch);
                var failures = Await(token => Adding
                    ? sender.SendAsync(group.Id!, ids, Array.Empty<string>(), token)
                    : sender.SendAsync(group.Id!, Array.Empty<string>(), ids, token));
                foreach (var failure in failures)
                {
                    var label = changes.First(c => c.Value == failure.Id).Key.Label;
                    WriteScimError(failure.Error, label, ScimResourceKind.Group);
                }
                if (PassThru)
                {
                    WriteObject(ModeGroup.From(Await(token => Client.Groups.GetAsync(group.Id!, token))));
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, pending.Identity, ScimResourceKind.Group);
            }
        }
    }
}
