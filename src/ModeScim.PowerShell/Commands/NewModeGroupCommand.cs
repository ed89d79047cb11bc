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
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Creates a Mode group, optionally with members (looked up in batches, added with the create
    /// and, past the batch size, in batched PATCHes).</summary>
    [Cmdlet(VerbsCommon.New, "ModeGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeGroup))]
    public sealed class NewModeGroupCommand : ModeScimConnectedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "Group")]
        [AllowEmptyString]
        public string DisplayName { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ExternalId { get; set; }

        /// <summary>Users to add: objects, userNames or ids.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Members")]
        [ArgumentCompleter(typeof(ModeUserNameCompleter))]
        public ModeUserIdentity[] Member { get; set; } = Array.Empty<ModeUserIdentity>();

        [Parameter]
        [ValidateRange(1, 1000)]
        public int BatchSize { get; set; } = 100;

        protected override void ProcessRecord()
        {
            var name = UserInputValidator.Clean(DisplayName);
            var problem = UserInputValidator.Check("DisplayName", name, required: true, identifier: true)
                ?? UserInputValidator.Check("ExternalId", UserInputValidator.Clean(ExternalId), required: false, identifier: true);
            var badMember = Member.FirstOrDefault(m => InputValidation.ProblemWith(m) != null);
            if (problem == null && badMember != null)
            {
                problem = "Member '" + badMember + "': " + InputValidation.ProblemWith(badMember);
            }
            if (problem != null)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(problem, (object?)name ?? DisplayName));
                return;
            }
            if (!ShouldProcess(name, "Create Mode group" + (Member.Length > 0 ? " with " + Member.Length + " member(s)" : string.Empty)))
            {
                return;
            }
            try
            {
                var desired = DesiredMember.Distinct(Member.Select(DesiredMember.From));
                var resolution = Await(token => new MemberResolver(Client, ActiveConnection.FilterMaxResults)
                    .ResolveAsync(desired, token));
                foreach (var missing in resolution.NotFound)
                {
                    WriteItemError(ErrorRecordFactory.UserNotFound(missing.Label));
                }
                var ids = resolution.Ids.Values.Distinct().ToList();
                var batch = Math.Min(BatchSize, ActiveConnection.MaxOperationsPerRequest ?? int.MaxValue);
                // Created empty, members then added by PATCH: what Okta and Entra do, so what Mode's server expects.
                var group = new ScimGroup
                {
                    DisplayName = name,
                    ExternalId = string.IsNullOrEmpty(ExternalId) ? null : UserInputValidator.Clean(ExternalId),
                    Members = new List<ScimMultiValue>(),
                };
                var created = Await(token => Client.Groups.CreateAsync(group, token));
                if (ids.Count > 0)
                {
                    var failures = Await(token => new ScimMemberPatchSender(Client, batch)
                        .SendAsync(created.Id!, ids, Array.Empty<string>(), token));
                    foreach (var failure in failures)
                    {
                        WriteScimError(failure.Error, failure.Id, ScimResourceKind.Group);
                    }
                    created = Await(token => Client.Groups.GetAsync(created.Id!, token));
                }
                WriteObject(ModeGroup.From(created));
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, name, ScimResourceKind.Group);
            }
        }
    }
}
