using System.Management.Automation;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Removes users from groups in batched PATCH requests, each removal in the RFC path-filter form.</summary>
    [Cmdlet(VerbsCommon.Remove, "ModeGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ModeGroup))]
    public sealed class RemoveModeGroupMemberCommand : ModeGroupMembershipCmdlet
    {
        protected override bool Adding => false;
    }
}
