using System;
using System.Management.Automation;
using ModeScim.Client;
using ModeScim.PowerShell.Completion;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Identity;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Deletes Mode groups. The users stay; only the group and its memberships go.</summary>
    [Cmdlet(VerbsCommon.Remove, "ModeGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveModeGroupCommand : ModeScimConnectedCmdlet
    {
        /// <summary>Groups: objects, displayNames or ids.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ModeGroupNameCompleter))]
        public ModeGroupIdentity?[] Identity { get; set; } = Array.Empty<ModeGroupIdentity>();

        protected override void ProcessRecord()
        {
            // -Identity $null binds a null array: one missing identity, reported as such.
            foreach (var identity in Identity ?? new ModeGroupIdentity?[] { null })
            {
                Remove(identity);
            }
        }

        private void Remove(ModeGroupIdentity? identity)
        {
            var group = Targets.ResolveGroup(identity, withMembers: false);
            if (group == null || !ShouldProcess(Describe(group), "Delete group"))
            {
                return;
            }
            try
            {
                Await(async token =>
                {
                    await Client.Groups.DeleteAsync(group.Id!, token).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ScimException ex)
            {
                WriteScimError(ex, identity, ScimResourceKind.Group);
            }
        }
    }
}
