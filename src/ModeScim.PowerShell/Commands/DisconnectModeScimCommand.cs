using System.Management.Automation;
using ModeScim.PowerShell.Connections;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>Closes a connection (the current one by default) and forgets its token.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ModeScim")]
    [OutputType(typeof(void))]
    public sealed class DisconnectModeScimCommand : ModeScimCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ModeScimConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? ConnectionRegistry.Current;
            if (connection == null)
            {
                WriteVerbose("Not connected; nothing to close.");
                return;
            }
            ConnectionRegistry.Close(connection);
            WriteVerbose("Disconnected from " + connection.BaseUri.AbsoluteUri + ".");
        }
    }
}
