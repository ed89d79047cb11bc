using System.Management.Automation;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Adds users to groups in batched PATCH requests; users already in a group cost nothing.</summary>
    [Cmdlet(VerbsCommon.Add, "ModeGroupMember", SupportsShouldProcess = true)]
    [OutputType(typeof(ModeGroup))]
    public sealed class AddModeGroupMemberCommand : ModeGroupMembershipCmdlet
    {
        protected override bool Adding => true;
    }
}
