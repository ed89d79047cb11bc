using System.Management.Automation;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Removes users from a group in batched PATCH requests, each removal in the RFC path-filter form.</summary>
    [Cmdlet(VerbsCommon.Remove, "ModeGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveModeGroupMemberCommand : ModeGroupMembershipCmdlet
    {
        protected override bool Adding => false;
    }
}
