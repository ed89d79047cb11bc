using System.Management.Automation;
using ModeScim.PowerShell.Connections;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Commands
{
    /// <summary>A cmdlet that talks to the API: takes -Connection, or uses the one Connect-ModeScim made.</summary>
    public abstract class ModeScimConnectedCmdlet : ModeScimCmdlet
    {
        private ModeScimConnection? _active;

        /// <summary>The connection to use; defaults to the one Connect-ModeScim opened last.</summary>
        [Parameter]
        [ValidateNotNull]
        public ModeScimConnection? Connection { get; set; }

        protected ModeScimConnection ActiveConnection => _active ?? throw new PSInvalidOperationException("The connection is resolved in BeginProcessing.");

        protected override void BeginProcessing()
        {
            var connection = Connection ?? ConnectionRegistry.Current;
            if (connection == null || !connection.IsOpen)
            {
                ThrowTerminatingError(ErrorRecordFactory.NotConnected());
            }
            _active = connection;
        }
    }
}
