using System;
using ModeScim.PowerShell.Errors;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>Thrown by an operation to end the command with <see cref="Error"/> (a guard, an unusable parameter);
    /// the cmdlet turns it into a terminating error.</summary>
    internal sealed class ModeScimRefusal : Exception
    {
        public ModeScimRefusal(ModeScimError error)
            : base(error.Message, error.Exception)
        {
            Error = error;
        }

        public ModeScimError Error { get; }
    }
}
