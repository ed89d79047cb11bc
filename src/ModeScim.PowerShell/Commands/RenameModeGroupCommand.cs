using System;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;
using ModeScim.PowerShell.Models;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Renames a Mode group. Its id and members stay.</summary>
    [Cmdlet(VerbsCommon.Rename, "ModeGroup", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeGroup))]
    public sealed class RenameModeGroupCommand : ModeScimConnectedCmdlet
    {
        /// <summary>A group object, displayName or id: one, since it gets the one new name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Identity { get; set; } = Array.Empty<ModeGroupIdentity>();

        [Parameter(Mandatory = true, Position = 1)]
        [AllowEmptyString]
        public string NewName { get; set; } = string.Empty;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryGetOne(Identity, "group", "Rename them one by one.", out var identity))
            {
                return;
            }
            var newName = UserInputValidator.Clean(NewName);
            var problem = UserInputValidator.Check("NewName", newName, required: true, identifier: true);
            if (problem != null)
            {
                WriteItemError(ErrorRecordFactory.InvalidInput(problem, NewName));
                return;
            }
            var renamer = new ScimGroupRenamer(Client);
            var group = Targets.ResolveGroup(identity, withMembers: renamer.NeedsWholeGroup);
            if (group == null || !ShouldProcess(Describe(group), "Rename to '" + newName + "'"))
            {
                return;
            }
            try
            {
                var renamed = Await(token => renamer.RenameAsync(group, newName!, PassThru, token));
                if (PassThru && renamed != null)
                {
                    WriteObject(ModeGroup.From(renamed));
                }
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, newName, ScimResourceKind.Group);
            }
        }
    }
}
