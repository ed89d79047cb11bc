using System.Collections.Generic;
using ModeScim.Client;
using ModeScim.PowerShell.Errors;
using ModeScim.PowerShell.Models;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>The failures of one Sync-ModeUser run, in the order they happened, for its result; each is also written
    /// as an error, by this class or by the code that found it.</summary>
    internal sealed class UserSyncFailures
    {
        private readonly IOperationHost _host;
        private readonly List<ModeUserSyncFailure> _failures = new List<ModeUserSyncFailure>();

        public UserSyncFailures(IOperationHost host)
        {
            _host = host;
        }

        /// <summary>Records the failure and writes its error.</summary>
        public void Fail(string userName, string change, ModeScimError error)
        {
            Record(userName, change, error);
            _host.WriteItemError(error);
        }

        /// <summary>Records a request that failed and writes it (an authentication failure ends the command).</summary>
        public void Fail(string userName, string change, ScimException error)
        {
            Record(userName, change, ErrorRecordFactory.FromScimException(error, userName, ScimResourceKind.User));
            _host.WriteScimError(error, userName, ScimResourceKind.User);
        }

        /// <summary>Records a failure said otherwise (a warning).</summary>
        public void Record(string userName, string change, ModeScimError error) => Add(userName, change, error.ToString());

        /// <summary>Records a failure whose error was written where it was found; <paramref name="reason"/> is its id.</summary>
        public void Add(string userName, string change, string reason)
        {
            _failures.Add(new ModeUserSyncFailure { UserName = userName, Change = change, Reason = reason });
        }

        public ModeList<ModeUserSyncFailure> ToModeList() => _failures.ToModeList();
    }
}
