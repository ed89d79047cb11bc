using System.Management.Automation;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Adds users to a group in batched PATCH requests; users already in it cost nothing.</summary>
    [Cmdlet(VerbsCommon.Add, "ModeGroupMember", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class AddModeGroupMemberCommand : ModeGroupMembershipCmdlet
    {
        protected override bool Adding => true;
    }
}
