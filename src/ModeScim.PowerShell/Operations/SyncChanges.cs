using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ModeScim.PowerShell.Operations
{
    /// <summary>How Sync-ModeUser makes one kind of change: each is asked for first (ShouldProcess runs on the pipeline
    /// thread), then the approved ones are sent -ThrottleLimit at a time, so a night's thousands of changes cost their
    /// requests' latency once per batch, not once each.</summary>
    internal sealed class SyncChanges
    {
        private readonly IOperationHost _host;
        private readonly UserSyncFailures _failures;

        public SyncChanges(IOperationHost host, UserSyncFailures failures)
        {
            _host = host;
            _failures = failures;
        }

        /// <summary>ShouldProcess for each change. Under -WhatIf every change is part of the plan and none is sent;
        /// otherwise the approved ones are sent and the declined ones are left out.</summary>
        public (List<T> Approved, List<T> Planned) Ask<T>(IEnumerable<T> changes, Func<T, string> target, Func<T, string> description)
        {
            var approved = new List<T>();
            var planned = new List<T>();
            foreach (var change in changes)
            {
                if (_host.ShouldProcess(target(change), description(change)))
                {
                    approved.Add(change);
                }
                else if (_host.IsWhatIf)
                {
                    planned.Add(change);
                }
            }
            return (approved, planned);
        }

        /// <summary>Makes the approved changes; returns the planned ones (under -WhatIf) and those made.</summary>
        public List<T> Make<T, TResult>((List<T> Approved, List<T> Planned) changes, Func<T, string> target, string change,
            Func<T, CancellationToken, Task<TResult>> send, string activity)
        {
            var made = new List<T>(changes.Planned);
            made.AddRange(Send(changes.Approved, target, change, send, activity).Select(o => o.Change));
            return made;
        }

        /// <summary>Sends each change side by side. A change that fails is recorded and written as an error, in the order
        /// the changes were planned, and left out of what is returned.</summary>
        public List<(T Change, TResult Result)> Send<T, TResult>(IReadOnlyList<T> changes, Func<T, string> target, string change,
            Func<T, CancellationToken, Task<TResult>> send, string activity)
        {
            var outcomes = _host.AwaitEach(changes, send, activity);
            var made = new List<(T, TResult)>();
            for (var i = 0; i < changes.Count; i++)
            {
                var error = outcomes[i].Error;
                if (error == null)
                {
                    made.Add((changes[i], outcomes[i].Value!));
                }
                else
                {
                    _failures.Fail(target(changes[i]), change, error);
                }
            }
            return made;
        }
    }
}
