using System.Management.Automation;
using ModeScim.PowerShell.Connections;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Returns the current connection, or nothing when there is none.</summary>
    [Cmdlet(VerbsCommon.Get, "ModeScimConnection")]
    [OutputType(typeof(ModeScimConnection))]
    public sealed class GetModeScimConnectionCommand : ModeScimCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ConnectionRegistry.Current;
            if (connection != null)
            {
                WriteObject(connection);
            }
        }
    }
}
